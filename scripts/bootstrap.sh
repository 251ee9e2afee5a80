#!/usr/bin/env bash
# Idempotent setup of a development or CI machine for Urban-Life Map.
#
#   scripts/bootstrap.sh            system packages, database, venv, front end, migrations
#   scripts/bootstrap.sh --demo     the same, then demo data
#
# Every step checks before it acts, so a second run is fast and changes nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMPS="$ROOT/.bootstrap"
mkdir -p "$STAMPS"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
DB_NAME="${DB_NAME:-urbanlife}"
DB_USER="${DB_USER:-urbanlife}"
DB_PASSWORD="${DB_PASSWORD:-urbanlife}"
DB_TEMPLATE="${DB_NAME}_template"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# Re-runs a step only when the files it depends on changed since it last succeeded.
changed_since_stamp() {
    local name="$1"; shift
    local digest
    digest="$(cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    if [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$digest" ]; then
        return 1
    fi
    echo "$digest" > "$STAMPS/$name.pending"
    return 0
}
mark_done() { mv "$STAMPS/$1.pending" "$STAMPS/$1"; }

install_system_packages() {
    # fonts-noto-cjk: headless Chromium has no Korean font otherwise, and the browser tests' screenshots
    # (looked at by people) would show boxes; phones and desktops bring their own fonts.
    local wanted=(postgresql postgresql-15-postgis-3 gdal-bin gettext redis-server chromium fonts-noto-cjk)
    if [ -f web/frontend/package.json ] && ! command -v npm >/dev/null; then wanted+=(nodejs npm); fi
    local missing=()
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "Installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

start_services() {
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $4}' | grep -q online; then
        say "Starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
    if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
        say "Starting Redis"
        as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
            --dir /tmp --logfile /tmp/urbanlife-redis.log || true
    fi
}

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qtAX "$@"; }

create_database() {
    if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != "1" ]; then
        say "Creating database role $DB_USER"
        psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEDB"
    fi
    # The test database is cloned from a template that already has PostGIS, so the
    # role needs CREATEDB but not SUPERUSER.
    local db
    for db in "$DB_TEMPLATE" "$DB_NAME"; do
        if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$db'")" != "1" ]; then
            say "Creating database $db"
            psql_admin -c "CREATE DATABASE $db OWNER $DB_USER"
        fi
        if [ "$(psql_admin -d "$db" -c "SELECT 1 FROM pg_extension WHERE extname='postgis'")" != "1" ]; then
            psql_admin -d "$db" -c "CREATE EXTENSION postgis"
        fi
    done
    if [ "$(psql_admin -c "SELECT datistemplate FROM pg_database WHERE datname='$DB_TEMPLATE'")" != "t" ]; then
        psql_admin -c "ALTER DATABASE $DB_TEMPLATE IS_TEMPLATE true"
    fi
}

write_local_env() {
    if [ ! -f .env ]; then
        say "Writing .env for local development (DEBUG=true)"
        cat > .env <<ENV
# Local development settings written by scripts/bootstrap.sh; real environment variables win.
DEBUG=true
DATABASE_URL=postgis://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/$DB_NAME
TEST_DATABASE_TEMPLATE=$DB_TEMPLATE
ENV
    fi
}

create_virtualenv() {
    if [ ! -x .venv/bin/python ]; then
        say "Creating .venv"
        "$PYTHON" -m venv .venv
    fi
    if changed_since_stamp python-deps pyproject.toml; then
        say "Installing Python packages"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e '.[dev]'
        mark_done python-deps
    fi
}

build_frontend() {
    [ -f web/frontend/package.json ] || return 0
    if changed_since_stamp npm-deps web/frontend/package.json web/frontend/package-lock.json; then
        say "Installing front-end packages"
        (cd web/frontend && npm ci --no-audit --no-fund --loglevel=error)
        mark_done npm-deps
    fi
    if [ ! -d web/static/web/build ]; then rm -f "$STAMPS/frontend-build"; fi
    if changed_since_stamp frontend-build $(find web/frontend -path web/frontend/node_modules -prune -o -type f -print | sort); then
        say "Building the front end"
        (cd web/frontend && npm run --silent build)
        mark_done frontend-build
    fi
}

compile_translations() {
    if changed_since_stamp translations $(find locale -name '*.po' | sort); then
        say "Compiling translations"
        .venv/bin/python manage.py compilemessages -v 0 --ignore=.venv
        mark_done translations
    fi
}

migrate() {
    say "Applying migrations"
    .venv/bin/python manage.py migrate --noinput -v 0
}

collect_static() {
    .venv/bin/python manage.py collectstatic --noinput -v 0
}

install_system_packages
start_services
create_database
write_local_env
create_virtualenv
build_frontend
compile_translations
migrate
collect_static
demo_present() {
    [ "$(psql_admin -d "$DB_NAME" -c "SELECT 1 FROM mapping_map WHERE slug = 'demo-safety'")" = "1" ]
}

load_demo() {
    local password_file="$STAMPS/demo-password"
    printf '%s' "${DEMO_PASSWORD:-urbanlife-demo}" > "$password_file"
    demo_present || rm -f "$STAMPS/demo"
    if changed_since_stamp demo "$password_file" mapping/demo.py layers/demo.py web/management/commands/load_demo.py; then
        say "Loading demo data"
        .venv/bin/python manage.py load_demo
        mark_done demo
    fi
}

if [ "${1:-}" = "--demo" ]; then
    load_demo
fi
