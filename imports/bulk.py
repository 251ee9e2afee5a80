"""Write many rows of a model with PostgreSQL's COPY, filling every column the caller does not give
from the model's own defaults, so a column added to the model later cannot break an import.

The primary key (unless given) and columns with a database default (``db_default``) are left to the database;
nullable columns without a default stay NULL. ``progress(done)`` is called
after every chunk of rows sent.
"""

from itertools import repeat

from django.db import connection
from django.db.models import NOT_PROVIDED

CHUNK = 5_000


class Each(list):
    """The values of one column, one per row (anything else given is one value for every row)."""


def copy_rows(model, values, count, progress=None):
    """COPY ``count`` rows into ``model``'s table; ``values`` maps field names to ``Each`` or a constant."""
    columns, sources = [], []
    for field in model._meta.concrete_fields:
        if field.name in values:
            given = values[field.name]
        elif field.primary_key or field.db_default is not NOT_PROVIDED or (field.null and not field.has_default()):
            continue
        elif field.has_default():
            given = field.get_db_prep_save(field.get_default(), connection)
        else:
            raise ValueError(f"{model.__name__}.{field.name} has no value and no default.")
        if isinstance(given, Each) and len(given) != count:
            raise ValueError(f"{model.__name__}.{field.name} has {len(given)} values for {count} rows.")
        columns.append(connection.ops.quote_name(field.column))
        sources.append(given if isinstance(given, Each) else repeat(given, count))
    table = connection.ops.quote_name(model._meta.db_table)
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(statement) as copy:
        for done, row in enumerate(zip(*sources, strict=False), 1):  # constants repeat without end
            copy.write_row(row)
            if progress and done % CHUNK == 0:
                progress(done)
    if progress:
        progress(count)


def allocate_ids(model, count):
    """``count`` new primary keys from ``model``'s sequence, so rows written by COPY can be referred to."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
        )
        return [row[0] for row in cursor.fetchall()]
