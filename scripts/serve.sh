#!/usr/bin/env bash
# Serves the app and runs one task worker beside it; stopping the server stops the worker.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
HOST="${1:-127.0.0.1}"
PORT="${2:-8000}"
.venv/bin/python manage.py db_worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver --noreload "$HOST:$PORT"
