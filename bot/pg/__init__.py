"""PostgreSQL for several workers: the schema's versioned migrations and the store (`PgStore`).

Migrations are the numbered SQL files in `migrations/` (shipped in the package). `migrate()` runs
the ones a database lacks, each in its own transaction, under an advisory lock so two workers
starting together do not both apply one.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["migrations", "migrate", "MIGRATION_LOCK", "SCHEDULER_LOCK", "is_database_url"]

# Advisory lock keys (any two bigints that nothing else of ours uses).
MIGRATION_LOCK = 7_310_514_001
SCHEDULER_LOCK = 7_310_514_002

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def is_database_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every shipped migration, oldest first."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


def migrate(conn: Any) -> list[str]:
    """Apply the migrations `conn`'s database lacks; return the names applied. `conn` is a psycopg
    connection (autocommit off or on: each migration is its own transaction)."""
    applied: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in migrations():
            if version in done:
                continue
            with conn.transaction():
                conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
            applied.append(name)
            log.info("database migrated: %s", name)
    return applied
