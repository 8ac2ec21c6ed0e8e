"""Opening the store runs the full check only when something looks wrong, or once a week."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from sos_assistant.dialogue import Script
from sos_assistant.store import core, open_store
from tests.sessions import resume


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each open ran the full check, in order."""
    seen: list[bool] = []
    real = core._needs_check

    def spy(db: Path) -> bool:
        seen.append(real(db))
        return seen[-1]

    monkeypatch.setattr(core, "_needs_check", spy)
    return seen


def _save_one(family: Script) -> None:
    with open_store() as store:
        engine = resume(store, "Kai", family)
        engine.answer(None)
        engine.answer("Dani")


def test_a_store_left_as_it_was_opens_without_the_full_check(
    home: Path, family: Script, checks: list[bool]
) -> None:
    _save_one(family)
    with open_store() as store:
        assert [s.name for s in store.list_sessions()] == ["Kai"]
    open_store().close()
    assert checks == [True, False, False]


def test_a_file_changed_by_something_else_is_checked(
    home: Path, family: Script, checks: list[bool]
) -> None:
    _save_one(family)
    db = home / "sessions.db"
    st = db.stat()
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    open_store().close()
    assert checks == [True, True]


def test_a_week_old_check_is_run_again(home: Path, family: Script, checks: list[bool]) -> None:
    _save_one(family)
    noted = home / "sessions.db.checked"
    record = json.loads(noted.read_text(encoding="utf-8"))
    record["checked"] = time.time() - 8 * 24 * 3600
    noted.write_text(json.dumps(record), encoding="utf-8")
    open_store().close()
    open_store().close()
    assert checks == [True, True, False]


def test_a_left_over_write_ahead_log_or_a_lost_note_means_a_check(
    home: Path, family: Script
) -> None:
    _save_one(family)
    db = home / "sessions.db"
    assert not core._needs_check(db)
    (home / "sessions.db-wal").write_bytes(b"")
    assert not core._needs_check(db)  # an empty log is what a clean close can leave
    (home / "sessions.db-wal").write_bytes(b"x" * 64)
    assert core._needs_check(db)
    (home / "sessions.db-wal").unlink()
    (home / "sessions.db.checked").write_text("not json", encoding="utf-8")
    assert core._needs_check(db)


def test_the_note_holds_no_words_and_is_private(home: Path, family: Script) -> None:
    _save_one(family)
    noted = home / "sessions.db.checked"
    assert noted.stat().st_mode & 0o777 == 0o600
    assert set(json.loads(noted.read_text(encoding="utf-8"))) == {"file", "checked"}
    assert "Dani" not in noted.read_text(encoding="utf-8")
