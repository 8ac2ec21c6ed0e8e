"""Faults: damaged files, newer versions, busy stores, several programs at once, migrations."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sos_assistant.dialogue import Script
from sos_assistant.session.autosave import AutosaveError
from sos_assistant.store import StoreBusy, StoreError, open_store, schema
from tests.sessions import resume
from tests.store.helpers import REPO, run_cli


def _aside(home: Path) -> list[Path]:
    return sorted(home.glob("sessions.db.unreadable-*"))


def test_a_file_that_is_not_a_database_is_moved_aside(home: Path, family: Script) -> None:
    garbage = b"this is not a database, just some words\n" * 200
    (home / "sessions.db").write_bytes(garbage)
    with open_store() as store:
        [notice] = store.notices
        assert "could not be read, so it was moved aside" in notice
        assert "nothing in it was deleted" in notice
        assert store.list_sessions() == []
        resume(store, "Kai", family).answer(None)
    [moved] = _aside(home)
    assert moved.read_bytes() == garbage  # kept exactly, never overwritten
    with open_store() as store:
        assert store.notices == []
        assert [s.name for s in store.list_sessions()] == ["Kai"]


def test_a_damaged_database_is_moved_aside(home: Path, family: Script) -> None:
    with open_store() as store:
        for n in range(40):
            engine = resume(store, f"session {n}", family)
            engine.answer(None)
            engine.answer("A name that takes some room " * 20)
    db = home / "sessions.db"
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = b"\xa5" * (2 * page)  # scribble over two pages
    db.write_bytes(bytes(data))
    damaged = bytes(data)
    code, out, err = run_cli("sessions", "list")
    assert code == 0
    assert "moved aside" in err
    assert "No saved sessions yet" in out
    [moved] = _aside(home)
    assert moved.read_bytes() == damaged


def test_an_unreadable_file_is_moved_aside(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    open_store().close()
    (home / "sessions.db").chmod(0)
    if os.geteuid() == 0:  # root can read anything: pretend it cannot, as a user could not
        monkeypatch.setattr(os, "access", lambda path, how: False)
    with open_store() as store:
        assert "moved aside" in store.notices[0]
    assert len(_aside(home)) == 1


def test_a_store_from_a_newer_version_is_refused_and_left_alone(home: Path) -> None:
    open_store().close()
    db = home / "sessions.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer version of sos-assistant") as caught:
        open_store()
    assert "Nothing was changed" in str(caught.value)
    assert db.read_bytes() == before
    assert _aside(home) == []
    code, _, err = run_cli("sessions", "list")
    assert code == 1 and "Please update sos-assistant" in err


def test_another_programs_file_is_left_alone(home: Path) -> None:
    with sqlite3.connect(home / "sessions.db") as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a sos-assistant store"):
        open_store()


def test_a_busy_store_gives_a_clear_message_and_takes_nothing(home: Path, family: Script) -> None:
    with open_store(timeout=0.2) as store:
        engine = resume(store, "Kai", family)
        engine.answer(None)
        other = sqlite3.connect(home / "sessions.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
        try:
            with pytest.raises(AutosaveError, match="busy in another sos-assistant window"):
                engine.answer("Dani")
            with pytest.raises(StoreBusy):
                resume(store, "Mia", family)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert engine.current is not None and engine.current.id == "your-name"
        engine.answer("Dani")  # free again: carries on
        assert len(store.events("Kai")) == 2


_WRITER = """
import sys
from sos_assistant.dialogue import find_dialogue
from sos_assistant.session import Session
from sos_assistant.store import open_store
script = find_dialogue("family-conference")
with open_store(sys.argv[1]) as store:
    for n in range(int(sys.argv[3])):
        engine = Session.start(store, script, f"{sys.argv[2]} {n}").engine
        engine.answer(None)
        engine.answer("Name " + str(n))
        engine.skip()
"""


@pytest.mark.slow
def test_two_programs_writing_at_once_do_not_corrupt_the_store(home: Path) -> None:
    open_store().close()
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(home), who, "15"], cwd=REPO)
        for who in ("left", "right")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with sqlite3.connect(home / "sessions.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_store() as store:
        sessions = store.list_sessions()
        assert len(sessions) == 30
        assert all(len(store.events(s.name)) == 3 for s in sessions)


def test_migrations_run_forward_in_one_step(
    home: Path, family: Script, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        resume(store, "Kai", family).answer(None)

    def to_next(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT")

    nxt = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", nxt)
    monkeypatch.setitem(schema.MIGRATIONS, nxt, to_next)
    with open_store() as store:
        assert len(store.events("Kai")) == 1
    with sqlite3.connect(home / "sessions.db") as conn:
        assert schema.version(conn) == nxt
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sessions)")]
    conn.close()
    assert "note" in columns


def test_a_failed_migration_leaves_the_store_as_it_was(
    home: Path, family: Script, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        resume(store, "Kai", family).answer(None)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now + 1, broken)
    with pytest.raises(StoreError):
        open_store()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now)
    with open_store() as store:
        assert len(store.events("Kai")) == 1
