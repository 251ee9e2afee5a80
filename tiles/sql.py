"""The SQL of each tile source, read once from ``tiles/sql/*.sql`` and run with bound parameters."""

from functools import cache
from importlib.resources import files

from django.db import connection


@cache
def query(name):
    return files("tiles").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def run(name, params):
    """The MVT bytes the query returns (empty bytes when it found nothing)."""
    with connection.cursor() as cursor:
        cursor.execute(query(name), params)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] else b""
