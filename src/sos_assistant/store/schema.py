"""The store's tables, and how an older store file is brought forward.

The version is SQLite's ``PRAGMA user_version``. ``MIGRATIONS[v]`` takes a store from version
``v - 1`` to ``v`` (version 0 is an empty file). All steps run in one transaction, so a store is
either fully migrated or untouched. A store with a higher version than :data:`SCHEMA_VERSION`
was written by a newer program and is refused, never changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x534F5341
"""``PRAGMA application_id``: "SOSA", so ``file`` and SQLite tools can tell what this is."""

SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    lookup TEXT NOT NULL UNIQUE,      -- the name, or its keyed fingerprint when protected
    name BLOB NOT NULL,               -- the name, or its ciphertext when protected
    dialogue TEXT NOT NULL,
    framework_choice TEXT,            -- the framework asked for when the session started
    framework TEXT NOT NULL,          -- the framework the session uses now
    audience TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
    session INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    body BLOB NOT NULL,               -- JSON {type, step, value, at}, or its ciphertext
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;

CREATE TABLE snapshots (
    session INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    events INTEGER NOT NULL,          -- how many events the session had when it was taken
    body BLOB NOT NULL,               -- the map as JSON, or its ciphertext
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _to_v2(conn: sqlite3.Connection) -> None:
    # The step to show next, kept by the session layer with each event, so the store can say
    # where a session stands without the dialogue. Older sessions learn it on their next move.
    conn.execute("ALTER TABLE sessions ADD COLUMN current TEXT")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _to_v1, 2: _to_v2}

INDEXES = (
    # The home screen lists a page of the newest sessions; without this, every start sorts
    # them all (10,000 sessions: ~8 ms, and the whole table read into memory).
    "CREATE INDEX IF NOT EXISTS sessions_newest ON sessions (updated DESC, id DESC)",
)
"""Indexes that only make reading faster. They change nothing a program reads or writes, so
they need no new store version: an older program keeps them up to date without knowing."""


def ensure_indexes(conn: sqlite3.Connection) -> None:
    """Add any of :data:`INDEXES` the store lacks (nothing is written when it has them all)."""
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    for statement in INDEXES:
        if statement.split(" IF NOT EXISTS ", 1)[1].split()[0] not in have:
            conn.execute(statement)


def version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def application_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA application_id").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the store to ``target`` (default: this program's version) in one transaction;
    return the version it had."""
    target = SCHEMA_VERSION if target is None else target
    conn.execute("BEGIN IMMEDIATE")
    try:
        start = version(conn)
        for v in range(start + 1, target + 1):
            MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version = {int(v)}")
        if start == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return start
