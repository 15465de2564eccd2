"""The full-text index of statements, one per database engine.

SQLite: an FTS5 table over the statements' summary and body, their
`search_facets` (the filters' values as words) and their subcategory (so
that "school transport" finds what is filed under School transport, whatever
its text says), holding only the index
(`content=` points back at the statements table), kept in step by
triggers, so every way a row is written — `save()`, the import's
`executemany`, the demonstration data's bulk insert, an UPDATE in a shell —
updates the index in the same transaction, with nothing to forget.

PostgreSQL: a stored generated `tsvector` column (summary and subcategory
weighted above the body) with a GIN index; the database computes it on every write, for the same
reason.

Django knows of neither (they live in migration 0002), so `ensure()` runs after
every `migrate`: on SQLite, Django rebuilds a table to alter it, which drops
its triggers, and a later migration of the statements table would otherwise
leave the index silently stale.

`ensure()` makes the index whenever the statements table exists without it:
the index is part of the table, whatever migrations have been run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

FTS_TABLE = "decisions_statement_fts"
TABLE = "decisions_statement"
POSTGRES_CONFIG = "english"  # the text search configuration of the column below

# Literal SQL: the names are this module's own, never input.
_SQLITE_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS decisions_statement_fts "
                 "USING fts5(summary, body, search_facets, subcategory, "
                 "content='decisions_statement', content_rowid='id', "
                 "tokenize='porter unicode61 remove_diacritics 2')")
_SQLITE_TRIGGERS = {
    "decisions_statement_fts_insert": """
        CREATE TRIGGER decisions_statement_fts_insert AFTER INSERT ON decisions_statement BEGIN
          INSERT INTO decisions_statement_fts(rowid, summary, body, search_facets, subcategory)
          VALUES (new.id, new.summary, new.body, new.search_facets, new.subcategory);
        END""",
    "decisions_statement_fts_delete": """
        CREATE TRIGGER decisions_statement_fts_delete AFTER DELETE ON decisions_statement BEGIN
          INSERT INTO decisions_statement_fts(decisions_statement_fts, rowid, summary, body, search_facets, subcategory)
          VALUES ('delete', old.id, old.summary, old.body, old.search_facets, old.subcategory);
        END""",
    "decisions_statement_fts_update": """
        CREATE TRIGGER decisions_statement_fts_update AFTER UPDATE OF summary, body, search_facets, subcategory
        ON decisions_statement BEGIN
          INSERT INTO decisions_statement_fts(decisions_statement_fts, rowid, summary, body, search_facets, subcategory)
          VALUES ('delete', old.id, old.summary, old.body, old.search_facets, old.subcategory);
          INSERT INTO decisions_statement_fts(rowid, summary, body, search_facets, subcategory)
          VALUES (new.id, new.summary, new.body, new.search_facets, new.subcategory);
        END""",
}
_SQLITE_REBUILD = "INSERT INTO decisions_statement_fts(decisions_statement_fts) VALUES ('rebuild')"
_POSTGRES = [
    """ALTER TABLE decisions_statement ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', summary), 'A') || setweight(to_tsvector('english', body), 'B')
          || setweight(to_tsvector('english', subcategory), 'A')) STORED""",
    "CREATE INDEX IF NOT EXISTS decisions_statement_search ON decisions_statement USING gin (search_vector)",
]


def create(connection) -> None:
    """Create the index for `connection`'s engine, filled from the statements already stored."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(_SQLITE_TABLE)
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            cursor.execute(_SQLITE_REBUILD)
        elif connection.vendor == "postgresql":
            for sql in _POSTGRES:
                cursor.execute(sql)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS decisions_statement_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS decisions_statement_search")
            cursor.execute("ALTER TABLE decisions_statement DROP COLUMN IF EXISTS search_vector")


def ensure(connection) -> bool:
    """Create whatever part of the index is missing, and refill it if so; True
    when something had to be made. After every `migrate`: Django rebuilds an
    SQLite table to alter it, which drops its triggers, and a database made
    without migrations (`pytest --nomigrations`) has no index at all."""
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return False
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
                           [TABLE, "search_vector"])
            if cursor.fetchone():
                return False
            create(connection)
            return True
        if connection.vendor != "sqlite":
            return False
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                       [f"{FTS_TABLE}%"])
        present = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE not in present:
            create(connection)
            return True
        missing = [sql for name, sql in _SQLITE_TRIGGERS.items() if name not in present]
        for sql in missing:
            cursor.execute(sql)
        if missing:
            cursor.execute(_SQLITE_REBUILD)
    return bool(missing)


@contextmanager
def bulk_writes(connection) -> Iterator[None]:
    """For deleting and inserting statements by the ten thousand inside one
    transaction: on SQLite the triggers go for the duration and the index is
    rebuilt once at the end, several times faster than a trigger per row; on
    PostgreSQL the GIN index goes and is built again at the end. If the block
    fails, the transaction's rollback puts everything back."""
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_writes must run inside a transaction")
    if connection.vendor == "postgresql":  # a GIN index is built many times faster at once than row by row
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS decisions_statement_search")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the deferred foreign keys now: else no index
            cursor.execute(_POSTGRES[1])
        return
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for name in _SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    with connection.cursor() as cursor:
        for sql in _SQLITE_TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute(_SQLITE_REBUILD)
