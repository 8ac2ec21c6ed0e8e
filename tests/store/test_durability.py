"""Durability: an answer is in the file when the next question may show, and on the disk a
moment later (the disk's sync runs beside the person, not in their way).

The disk's sync is replaced by one the test holds back or breaks, so each test can tell
"committed" (another program can read it; a kill cannot lose it) from "on the disk" (a power
cut cannot lose it either).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sos_assistant.dialogue import Script
from sos_assistant.session.autosave import AutosaveError
from sos_assistant.store import Store, StoreError, open_store
from tests.sessions import resume

SYNC = "fdatasync" if hasattr(os, "fdatasync") else "fsync"


class Disk:
    """Stands in for the disk's sync: notes which files were synced; can hold or refuse."""

    def __init__(self) -> None:
        self.synced: list[int] = []
        """Inode of each file synced, in order."""
        self.open = threading.Event()
        self.open.set()
        self.broken = False

    def sync(self, fd: int) -> None:
        self.open.wait()
        if self.broken:
            raise OSError(errno.EIO, "Input/output error")
        self.synced.append(os.fstat(fd).st_ino)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    fake = Disk()
    monkeypatch.setattr(os, SYNC, fake.sync)
    yield fake
    fake.open.set()  # never leave a thread waiting


def _wal(home: Path) -> int:
    return (home / "sessions.db-wal").stat().st_ino


def _saved_events(home: Path) -> int:
    with sqlite3.connect(home / "sessions.db") as db:
        return int(db.execute("SELECT events FROM sessions WHERE lookup = 'Kai'").fetchone()[0])


def test_an_answer_is_committed_at_once_and_on_the_disk_just_after(
    disk: Disk, home: Path, family: Script
) -> None:
    with open_store() as store:
        engine = resume(store, "Kai", family)
        store.flush()
        disk.open.clear()  # the disk is slow today
        try:
            engine.answer(None)
            engine.answer("Dani")  # returns without waiting for the disk
            assert _saved_events(home) == 2  # in the file: another program reads both
            assert engine.answers["your-name"] == "Dani"
            before = len(disk.synced)
        finally:
            disk.open.set()
        store.flush()
        assert disk.synced[before:] and set(disk.synced[before:]) == {_wal(home)}


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(lambda store: store.flush(), id="flush"),
        pytest.param(lambda store: store.export_session("Kai"), id="export"),
        pytest.param(lambda store: store.close(), id="close"),
    ],
)
def test_flush_export_and_close_wait_for_the_disk(
    disk: Disk, home: Path, family: Script, action: Callable[[Store], object]
) -> None:
    store = open_store()
    try:
        engine = resume(store, "Kai", family)
        store.flush()
        disk.open.clear()
        engine.answer(None)
        wal = _wal(home)
        waiting = threading.Thread(target=action, args=(store,))
        waiting.start()
        waiting.join(0.2)
        assert waiting.is_alive()  # held until the answer is on the disk
        disk.open.set()
        waiting.join()
        assert disk.synced[-1] == wal
    finally:
        disk.open.set()
        store.close()


def test_a_disk_that_refuses_is_said_plainly_and_no_more_is_taken_until_it_keeps_them(
    disk: Disk, family: Script
) -> None:
    with open_store() as store:
        engine = resume(store, "Kai", family)
        engine.answer(None)
        store.flush()
        disk.broken = True
        engine.answer("Dani")  # committed; the disk refuses a moment later
        with pytest.raises(StoreError, match="could not be written to the disk"):
            store.flush()
        with pytest.raises(AutosaveError, match="could not be written to the disk"):
            engine.answer("Kai")  # refused, not taken
        assert engine.current is not None and engine.current.id == "child-name"
        disk.broken = False  # the disk keeps things again: the next answer is taken
        engine.answer("Kai")
        store.flush()
        assert engine.answers["child-name"] == "Kai"
