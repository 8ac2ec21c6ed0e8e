"""The session store: one SQLite file, sessions as append-only events, map snapshots.

A session is a name, a dialogue, who is using it, and the list of things the person did
(:class:`~sos_assistant.model.Event`). The engine state and the map are never stored as such:
they are rebuilt by replaying the events, so what is on disk is exactly what the person did.
Each finished map is also kept as a *snapshot*, so the scaling numbers can be followed over time.

Durability: every event is its own transaction, committed before the engine moves on (see
:mod:`sos_assistant.session.autosave`), in WAL mode with ``synchronous=NORMAL``: when the commit
returns, the event is in the file, and the program being killed or crashing cannot lose it (the
operating system holds what was written). A background thread then asks the disk to keep it
(``fsync`` of the WAL file) straight after each commit, so a power cut or a crash of the whole
computer costs at most the last few milliseconds; :meth:`Store.flush` waits for that, and closing,
exporting and leaving the program flush first. (With ``synchronous=FULL`` every answer waited
for the disk before the next question could show.) Privacy: the folder is 0700, the
files 0600; deleting a session wipes its text from every file (``secure_delete``, ``VACUUM`` and a
truncating WAL checkpoint); with a passphrase, everything a person wrote is encrypted
(:mod:`sos_assistant.store.crypto`).

The store never imports the dialogue engine: the session layer (:mod:`sos_assistant.session`)
replays events into an engine and hands the store a small :class:`Progress` record with each
event. So the store can be used and tested without any dialogue, and listing sessions stays fast.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from sos_assistant.names import AUDIENCES, FRAMEWORKS
from sos_assistant.store import paths, schema
from sos_assistant.store.crypto import Cipher, KdfParams, WrongPassphrase

if TYPE_CHECKING:
    # The pydantic models are loaded when a session's events or maps are read, not to list
    # sessions: ``sessions list`` should not pay pydantic's start-up.
    from sos_assistant.model import Event, Map, Rating

SLOW_ENV = "SOS_ASSISTANT_SLOW_MS"
"""Testing only: milliseconds to sleep after each committed event, so that a test can kill the
program at a known kind of moment. Not for everyday use; it slows every answer down."""

EXPORT_FORMAT = "sos-session/1"
DEFAULT_TIMEOUT = 5.0
"""Seconds to wait for another window that is writing at the same moment."""

MAX_NAME = 120

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6

BUSY_MESSAGE = (
    "The saved sessions are busy in another sos-assistant window. Close it or wait a moment, "
    "then try again. Nothing was changed."
)
WRONG_PASSPHRASE = (
    "These sessions are protected. The passphrase did not match, so nothing was changed."
)
LOCKED_MESSAGE = "These sessions are protected. Give the passphrase to open them."
DAMAGED_NAME = (
    "The name of one saved session is damaged and cannot be read, so that session is not "
    "listed. The other sessions are kept."
)


class StoreError(Exception):
    """Something the store cannot do; the message says why in plain words."""


class PassphraseError(StoreError):
    """The store is protected and the passphrase is missing or does not match."""


class DamagedText(StoreError, ValueError):
    """Saved text that does not decrypt with the passphrase that opened the store: it is
    damaged (the passphrase itself was checked when the store was opened). A ``ValueError``
    too, so the readers that keep going past a damaged answer or snapshot treat it as one."""


class StoreBusy(StoreError):
    """Another program held the store for longer than the busy timeout."""


@dataclass(frozen=True)
class Progress:
    """Where a session stands, as the session layer works it out from the engine; the store
    keeps it beside the events so that listing sessions needs no dialogue."""

    answered: int
    """Questions with an answer or a skip on the current path."""
    total: int
    """Questions in the dialogue."""
    current: str | None
    """The id of the step to show next; None when the session is finished."""
    framework: str
    """The framework the session uses now."""

    @property
    def finished(self) -> bool:
        return self.current is None


@dataclass(frozen=True)
class Opened:
    """A session read back for replay: what is known of it, its key and its events."""

    info: SessionInfo
    key: int
    """The store's own number for the session, for :meth:`Store.append`."""
    framework_choice: str | None
    """The framework asked for when the session started (None: the dialogue's own)."""
    events: list[Event]
    """The events that could be read, in order (a damaged one is left out)."""
    damaged: tuple[int, ...] = ()
    """The numbers (1, 2, ...) of events on disk that are damaged and could not be read."""

    @property
    def count(self) -> int:
        """How many events the session has on disk, damaged or not."""
        return len(self.events) + len(self.damaged)


@dataclass(frozen=True)
class SessionInfo:
    """What the store knows about a session besides its events."""

    name: str
    dialogue: str
    framework: str
    audience: str
    created: dt.datetime
    updated: dt.datetime
    answered: int
    """How many questions have an answer or a skip on the current path."""
    total: int
    """How many questions the dialogue has."""
    finished: bool
    current: str | None = None
    """The id of the step to show next (None when finished, or not known for older stores)."""

    def to_data(self) -> dict[str, Any]:
        """Plain JSON data, times as ISO 8601."""
        data = dataclasses.asdict(self)
        data["created"] = self.created.isoformat()
        data["updated"] = self.updated.isoformat()
        return data


@dataclass(frozen=True)
class Snapshot:
    """A finished map as it was at one moment."""

    number: int
    """1 for the first snapshot of a session, then 2, 3..."""
    at: dt.datetime
    events: int
    """How many events the session had when the snapshot was taken."""
    map: Map

    @property
    def ratings(self) -> list[Rating]:
        return list(self.map.scaling.ratings)


@dataclass
class _Row:
    id: int
    name: str
    dialogue: str
    framework_choice: str | None
    framework: str
    audience: str
    created: str
    updated: str
    events: int
    answered: int
    total: int
    finished: bool
    current: str | None = None

    def info(self) -> SessionInfo:
        return SessionInfo(
            name=self.name,
            dialogue=self.dialogue,
            framework=self.framework,
            audience=self.audience,
            created=dt.datetime.fromisoformat(self.created),
            updated=dt.datetime.fromisoformat(self.updated),
            answered=self.answered,
            total=self.total,
            finished=self.finished,
            current=self.current,
        )


_ROW_COLUMNS = (
    "id, name, dialogue, framework_choice, framework, audience, created, updated, events, "
    "answered, total, finished, lookup, current"
)

_NEWEST_FIRST = "ORDER BY updated DESC, id DESC"
"""The order sessions are listed in: the most recently changed first."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _is_corrupt(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _is_busy(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(error)


def check_name(name: str) -> str:
    """A session name as it will be kept: trimmed, one line, not empty, not too long."""
    name = name.strip()
    if not name:
        raise StoreError("A session needs a name.")
    if len(name) > MAX_NAME:
        raise StoreError(f"A session name can be at most {MAX_NAME} characters.")
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise StoreError("A session name must be one line, without control characters.")
    return name


def event_to_data(event: Event) -> dict[str, Any]:
    """An event as plain JSON data (the form used on disk and in exports)."""
    return {
        "type": event.type,
        "step": event.step,
        "value": event.value,
        "at": event.at.isoformat(),
    }


def event_from_data(data: Any) -> Event:
    from sos_assistant.model import Event

    return Event.model_validate(data)


def map_from_data(data: Any) -> Map:
    from sos_assistant.model import map_from_data as validate

    return validate(data)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _comparable(map_data: dict[str, Any]) -> dict[str, Any]:
    """A map without its date: the same answers on another day are the same map."""
    return {k: v for k, v in map_data.items() if k != "date"}


def _guarded(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """Run a store method under the store's lock, turning SQLite errors into plain ones."""

    def wrapper(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            if self._conn is None:
                raise StoreError("The sessions store is closed.")
            try:
                return method(self, *args, **kwargs)
            except WrongPassphrase:
                raise PassphraseError(WRONG_PASSPHRASE) from None
            except sqlite3.Error as error:
                raise self._explain(error) from None

    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = method.__qualname__
    wrapper.__doc__ = method.__doc__
    return wrapper


class _WalFlusher:
    """Keeps the WAL on disk, off the answering path: after each commit, a background thread
    ``fsync``s the ``-wal`` file. Commits made while it is syncing are covered by its next sync,
    so it never falls behind by more than one."""

    def __init__(self, wal: Path) -> None:
        self.wal = wal
        self._cond = threading.Condition()
        self._asked = 0
        """Commits so far (each asks for a sync)."""
        self._synced = 0
        """Commits known to be on disk."""
        self._error: OSError | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        atexit.register(self.flush)

    def ask(self) -> None:
        """A transaction was committed: have it synced soon."""
        with self._cond:
            self._asked += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="sos-assistant WAL flush", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._synced == self._asked and not self._stopping:
                    self._cond.wait()
                if self._synced == self._asked:
                    return
                target = self._asked
            error = self._sync()
            with self._cond:
                self._error = error  # kept until a sync works again
                self._synced = target
                self._cond.notify_all()

    def _sync(self) -> OSError | None:
        try:
            fd = os.open(self.wal, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
        except FileNotFoundError:
            return None  # checkpointed into the database file, which SQLite synced
        except OSError as error:
            return error
        try:
            getattr(os, "fdatasync", os.fsync)(fd)
        except OSError as error:
            return error
        finally:
            os.close(fd)
        return None

    def check(self) -> None:
        """If the last sync failed, try once more now; raise if the disk still refuses."""
        with self._cond:
            failed = self._error is not None
        if not failed:
            return
        self.flush()
        error = self._sync()
        with self._cond:
            self._error = error
        if error is not None:
            raise StoreError(
                f"The saved sessions could not be written to the disk ({error}). What you "
                "answered before may be lost if the computer stops suddenly."
            )

    def flush(self) -> None:
        """Wait until every commit so far is on disk."""
        with self._cond:
            target = self._asked
            if self._thread is not None and self._thread.is_alive():
                while self._synced < target:
                    self._cond.wait()
                return
            if self._synced >= target:
                return
        error = self._sync()  # no thread to do it (it has stopped)
        with self._cond:
            self._synced = max(self._synced, target)
            self._error = error

    def close(self) -> None:
        """Flush, and stop the thread."""
        self.flush()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()
        atexit.unregister(self.flush)


class Store:
    """The saved sessions in one data folder. Open it with :func:`open_store`.

    A store may be used from several threads (calls are serialised) and by several programs at
    once (SQLite locking, with a busy timeout). Every method raises :class:`StoreError` with a
    message fit to show to the person.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, notices: list[str]) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self.path = path
        """The database file."""
        self.folder = path.parent
        """The data folder."""
        self.notices = notices
        """Things the person should be told (a damaged file moved aside, ...)."""
        self._cipher: Cipher | None = None
        self._kdf: KdfParams | None = None
        self._verifier: bytes | None = None
        slow = os.environ.get(SLOW_ENV, "")
        self._slow = float(slow) / 1000 if slow.replace(".", "", 1).isdigit() else 0.0
        self._flusher = _WalFlusher(path.with_name(path.name + "-wal"))
        self._flusher.ask()  # whatever opening wrote (a migration) is synced too
        self._load_meta()

    # -- opening and closing -----------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The sessions store is closed.")
        return self._conn

    def _load_meta(self) -> None:
        meta = dict(self._db().execute("SELECT key, value FROM meta").fetchall())
        verifier = meta.get("verifier")
        kdf = meta.get("kdf")
        if verifier is not None and kdf is not None:
            self._verifier = bytes(verifier)
            self._kdf = KdfParams.from_json(kdf)

    @property
    def is_protected(self) -> bool:
        """Whether the sessions are protected by a passphrase."""
        return self._verifier is not None

    @property
    def is_locked(self) -> bool:
        """Protected and not yet opened with the passphrase."""
        return self.is_protected and self._cipher is None

    def unlock(self, passphrase: str) -> None:
        """Open a protected store; raise :class:`PassphraseError` if the passphrase is wrong."""
        if not self.is_protected:
            return
        assert self._kdf is not None and self._verifier is not None
        cipher = Cipher(passphrase, self._kdf)
        try:
            cipher.check(self._verifier)
        except WrongPassphrase:
            raise PassphraseError(WRONG_PASSPHRASE) from None
        self._cipher = cipher

    def flush(self) -> None:
        """Wait until everything committed so far is on the disk (see the module's note on
        durability): a power cut after this cannot lose it.

        Raises:
            StoreError: the disk could not keep it."""
        self._flusher.flush()
        self._flusher.check()

    def close(self) -> None:
        with self._lock:
            self._flusher.close()
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- encryption helpers ------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.is_locked:
            raise PassphraseError(LOCKED_MESSAGE)

    def _lookup(self, name: str, cipher: Cipher | None = None) -> str:
        self._require_open()
        cipher = cipher or self._cipher
        return cipher.lookup(name) if cipher is not None else name

    def _seal(self, text: str, aad: bytes, cipher: Cipher | None = None) -> str | bytes:
        if cipher is None:
            return text
        return cipher.encrypt(text.encode("utf-8"), aad)

    def _unseal(self, value: str | bytes, aad: bytes) -> str:
        if isinstance(value, str):
            return value
        if self._cipher is None:
            raise PassphraseError(LOCKED_MESSAGE)
        try:
            return self._cipher.decrypt(value, aad).decode("utf-8")
        except WrongPassphrase:  # the passphrase was checked on unlock: this text is damaged
            raise DamagedText(
                "Part of the saved sessions is damaged and cannot be read. Nothing was changed."
            ) from None

    def _rows(self, raws: Iterable[tuple[Any, ...]]) -> list[_Row]:
        """Rows for a listing: one whose name is damaged is left out, and the person told."""
        rows = []
        for raw in raws:
            try:
                rows.append(self._row(raw))
            except DamagedText:
                self._tell_damaged_name()
        return rows

    def _tell_damaged_name(self) -> None:
        if DAMAGED_NAME not in self.notices:
            self.notices.append(DAMAGED_NAME)

    def _readable_name(self, name: str | bytes, lookup: str) -> str | None:
        try:
            return self._unseal(name, self._name_aad(lookup))
        except DamagedText:
            self._tell_damaged_name()
            return None

    @staticmethod
    def _name_aad(lookup: str) -> bytes:
        return b"name:" + lookup.encode("ascii", "replace")

    @staticmethod
    def _event_aad(session: int, seq: int) -> bytes:
        return b"event:%d:%d" % (session, seq)

    @staticmethod
    def _snapshot_aad(session: int, seq: int) -> bytes:
        return b"snapshot:%d:%d" % (session, seq)

    # -- errors and transactions -------------------------------------------------------------

    def _explain(self, error: sqlite3.Error) -> StoreError:
        if _is_busy(error):
            return StoreBusy(BUSY_MESSAGE)
        if _is_corrupt(error):
            self.close()
            try:
                moved = paths.move_aside(self.path)
            except OSError:
                return StoreError(
                    f"The saved sessions file {self.path} is damaged and could not be moved "
                    "aside. It was left as it is; please ask someone to help copy it to safety."
                )
            return StoreError(
                "The saved sessions file is damaged, so it was moved aside to "
                f"{moved} (nothing in it was deleted). Start sos-assistant again to carry on "
                "with a new, empty sessions file."
            )
        return StoreError(f"The saved sessions could not be read or written ({error}).")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        self._flusher.ask()  # committed (safe from a crash); on the disk a moment later

    def _scrub(self) -> bool:
        """Wipe deleted text from every file; False if another program kept part of it back."""
        db = self._db()
        first = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        db.execute("VACUUM")
        last = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        paths.tighten(self.path)
        return not (first[0] or last[0])

    # -- reading -----------------------------------------------------------------------------

    def _row(self, raw: tuple[Any, ...]) -> _Row:
        """A sessions row (``_ROW_COLUMNS``) with its name in plain text."""
        (sid, name, dialogue, choice, framework, audience, created, updated, events) = raw[:9]
        answered, total, finished, lookup, current = raw[9:14]
        return _Row(
            id=sid,
            name=self._unseal(name, self._name_aad(lookup)),
            dialogue=dialogue,
            framework_choice=choice,
            framework=framework,
            audience=audience,
            created=created,
            updated=updated,
            events=events,
            answered=answered,
            total=total,
            finished=bool(finished),
            current=current,
        )

    def _find(self, name: str) -> _Row | None:
        raw = (
            self._db()
            .execute(f"SELECT {_ROW_COLUMNS} FROM sessions WHERE lookup = ?", (self._lookup(name),))
            .fetchone()
        )
        return None if raw is None else self._row(raw)

    def _get(self, name: str) -> _Row:
        row = self._find(name.strip())
        if row is None:
            raise StoreError(f"There is no saved session called '{name.strip()}'.")
        return row

    @_guarded
    def list_sessions(self, limit: int | None = None) -> list[SessionInfo]:
        """Every session (or the ``limit`` newest), the most recently changed first.

        The home screen asks for a page of the newest only: with thousands of sessions,
        reading every row is most of what it would wait for."""
        self._require_open()
        rows = self._db().execute(
            f"SELECT {_ROW_COLUMNS} FROM sessions {_NEWEST_FIRST} LIMIT ?",
            (-1 if limit is None else max(limit, 0),),
        )
        return [row.info() for row in self._rows(rows.fetchall())]

    @_guarded
    def count_sessions(self) -> int:
        """How many sessions are saved."""
        self._require_open()
        return int(self._db().execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    @_guarded
    def find_sessions(self, text: str, limit: int) -> tuple[list[SessionInfo], int]:
        """The ``limit`` newest sessions whose names hold ``text`` (any case), and how many
        match in all. Only the names are read to match (decrypted when protected); the full
        rows only of those returned."""
        self._require_open()
        wanted = text.strip().casefold()
        db = self._db()
        found = [
            sid
            for sid, name, lookup in db.execute(
                f"SELECT id, name, lookup FROM sessions {_NEWEST_FIRST}"
            ).fetchall()
            if wanted in (self._readable_name(name, lookup) or "").casefold()
        ]
        page = found[: max(limit, 0)]
        if not page:
            return [], len(found)
        marks = ", ".join("?" * len(page))
        rows = {
            row.id: row
            for row in self._rows(
                db.execute(f"SELECT {_ROW_COLUMNS} FROM sessions WHERE id IN ({marks})", page)
            )
        }
        return [rows[sid].info() for sid in page if sid in rows], len(found)

    @_guarded
    def exists(self, name: str) -> bool:
        return self._find(name.strip()) is not None

    @_guarded
    def info(self, name: str) -> SessionInfo:
        return self._get(name).info()

    def _events(self, row: _Row) -> list[Event]:
        return self._readable_events(row)[0]

    def _readable_events(self, row: _Row) -> tuple[list[Event], tuple[int, ...]]:
        """The events that can be read, and the numbers of those that are damaged (a flipped
        byte on disk: not JSON, not an event, or, protected, not opened by the right key)."""
        from pydantic import ValidationError

        rows = self._db().execute(
            "SELECT seq, body FROM events WHERE session = ? ORDER BY seq", (row.id,)
        )
        out: list[Event] = []
        damaged: list[int] = []
        for seq, body in rows.fetchall():
            try:
                data = json.loads(self._unseal(body, self._event_aad(row.id, seq)))
                out.append(event_from_data(data))
            except (ValueError, ValidationError, UnicodeDecodeError):  # WrongPassphrase too
                damaged.append(seq)
        return out, tuple(damaged)

    @_guarded
    def events(self, name: str) -> list[Event]:
        """Everything the person did in the session, in order."""
        return self._events(self._get(name))

    @_guarded
    def open_session(self, name: str) -> Opened:
        """A session's record and every event, in order, for the session layer to replay."""
        row = self._get(name)
        events, damaged = self._readable_events(row)
        return Opened(row.info(), row.id, row.framework_choice, events, damaged)

    # -- writing -----------------------------------------------------------------------------

    @_guarded
    def create(
        self,
        name: str,
        dialogue: str,
        progress: Progress,
        *,
        framework_choice: str | None = None,
        audience: str = "family",
    ) -> Opened:
        """Make a new, empty session; raise :class:`StoreError` if the name is taken.

        ``framework_choice`` is the framework asked for (None: the dialogue's own);
        ``progress`` is where the new session stands before any answer."""
        name = check_name(name)
        if framework_choice is not None and framework_choice not in FRAMEWORKS:
            raise StoreError(f"'{framework_choice}' is not a framework: {', '.join(FRAMEWORKS)}.")
        if audience not in AUDIENCES:
            raise StoreError(f"'{audience}' is not one of: {', '.join(AUDIENCES)}.")
        if self._find(name) is not None:
            raise StoreError(f"There is already a session called '{name}'.")
        now = _now()
        lookup = self._lookup(name)
        sealed = self._seal(name, self._name_aad(lookup), self._cipher)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (lookup, name, dialogue, framework_choice, framework, "
                "audience, created, updated, events, answered, total, finished, current) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                (
                    lookup,
                    sealed,
                    dialogue,
                    framework_choice,
                    progress.framework,
                    audience,
                    now,
                    now,
                    progress.answered,
                    progress.total,
                    int(progress.finished),
                    progress.current,
                ),
            )
        sid = cursor.lastrowid
        assert sid is not None
        return Opened(self._get(name).info(), sid, framework_choice, [])

    @_guarded
    def append(self, session: int, expected: int, event: Event, progress: Progress) -> None:
        """Commit one event and where it leaves the session (used by autosave).

        ``session`` is :attr:`Opened.key`; ``expected`` is how many events the session had; if
        another program added some since, the event is refused rather than mixed in.
        """
        self._require_open()
        self._flusher.check()  # the disk refused the last one: take nothing more, say why
        body = self._seal(
            _dump(event_to_data(event)), self._event_aad(session, expected + 1), self._cipher
        )
        with self._transaction() as db:
            found = db.execute("SELECT events FROM sessions WHERE id = ?", (session,)).fetchone()
            if found is None:
                raise StoreError(
                    "This session was deleted in another window, so nothing was saved."
                )
            if found[0] != expected:
                raise StoreError(
                    "This session was changed in another window. Open it again to carry on from "
                    "where it is now."
                )
            db.execute("INSERT INTO events VALUES (?, ?, ?)", (session, expected + 1, body))
            db.execute(
                "UPDATE sessions SET events = ?, answered = ?, total = ?, finished = ?, "
                "framework = ?, current = ?, updated = ? WHERE id = ?",
                (
                    expected + 1,
                    progress.answered,
                    progress.total,
                    int(progress.finished),
                    progress.framework,
                    progress.current,
                    event.at.isoformat(),
                    session,
                ),
            )
        if self._slow:
            time.sleep(self._slow)

    def _last_snapshot(self, row: _Row) -> tuple[int, dict[str, Any] | None]:
        last = (
            self._db()
            .execute(
                "SELECT seq, body FROM snapshots WHERE session = ? ORDER BY seq DESC LIMIT 1",
                (row.id,),
            )
            .fetchone()
        )
        if last is None:
            return 0, None
        try:
            data = json.loads(self._unseal(last[1], self._snapshot_aad(row.id, last[0])))
        except ValueError:  # damaged: keep the new snapshot beside it
            return int(last[0]), None
        return int(last[0]), data

    @_guarded
    def record_snapshot(self, name: str, the_map: Map) -> Snapshot | None:
        """Keep ``the_map`` in the session's history if the session is finished and the map
        differs from the last one kept. Returns the new snapshot, or None."""
        row = self._get(name)
        if not row.finished:
            return None
        data = the_map.to_data()
        seq, last = self._last_snapshot(row)
        if last is not None and _comparable(last) == _comparable(data):
            return None
        at = _now()
        body = self._seal(_dump(data), self._snapshot_aad(row.id, seq + 1), self._cipher)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)",
                (row.id, seq + 1, at, row.events, body),
            )
        return Snapshot(seq + 1, dt.datetime.fromisoformat(at), row.events, the_map)

    @_guarded
    def history(self, name: str) -> list[Snapshot]:
        """The session's snapshots, oldest first."""
        row = self._get(name)
        rows = self._db().execute(
            "SELECT seq, at, events, body FROM snapshots WHERE session = ? ORDER BY seq", (row.id,)
        )
        out: list[Snapshot] = []
        for seq, at, events, body in rows.fetchall():
            try:
                data = json.loads(self._unseal(body, self._snapshot_aad(row.id, seq)))
                the_map = map_from_data(data)
            except ValueError:  # a damaged snapshot (MapError and WrongPassphrase are too)
                continue
            out.append(Snapshot(seq, dt.datetime.fromisoformat(at), events, the_map))
        return out

    @_guarded
    def delete(self, name: str) -> bool:
        """Delete a session and wipe its text from every file of the data folder.

        Returns False when another program had the store open and part of the old text may
        stay in the side file until it closes (a notice says so too).
        """
        row = self._get(name)
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (row.id,))
        wiped = self._scrub()
        if not wiped:
            self.notices.append(
                "The session was deleted. Another sos-assistant window is open, so some of its "
                "words may stay in a side file until that window closes."
            )
        return wiped

    @_guarded
    def rename(self, name: str, new_name: str) -> None:
        row = self._get(name)
        new_name = check_name(new_name)
        if new_name == row.name:
            return
        if self._find(new_name) is not None:
            raise StoreError(f"There is already a session called '{new_name}'.")
        lookup = self._lookup(new_name)
        sealed = self._seal(new_name, self._name_aad(lookup), self._cipher)
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET lookup = ?, name = ? WHERE id = ?", (lookup, sealed, row.id)
            )
        self._scrub()

    # -- export and import -------------------------------------------------------------------

    @_guarded
    def export_session(self, name: str) -> dict[str, Any]:
        """Everything about a session as plain JSON data (``sos-session/1``), all of it on
        the disk first (so an export never holds answers a power cut could still take)."""
        self.flush()
        row = self._get(name)
        return {
            "format": EXPORT_FORMAT,
            "name": row.name,
            "dialogue": row.dialogue,
            "framework": row.framework_choice,
            "audience": row.audience,
            "created": row.created,
            "updated": row.updated,
            "events": [event_to_data(e) for e in self._events(row)],
            "snapshots": [
                {"at": s.at.isoformat(), "events": s.events, "map": s.map.to_data()}
                for s in self.history(name)
            ],
        }

    @_guarded
    def import_session(
        self,
        data: Any,
        check: Callable[[str, str | None, list[Event]], Progress],
        name: str | None = None,
    ) -> SessionInfo:
        """Bring back a session exported with :meth:`export_session`. Nothing is saved unless
        all of it fits.

        ``check(dialogue, framework_choice, events)`` replays the events against the dialogue
        (the session layer does this; the store knows no dialogues) and returns where they
        leave the session, or raises :class:`StoreError` saying why they do not fit."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise StoreError(
                f"This is not a session export (it should say format: {EXPORT_FORMAT})."
            )
        try:
            name = check_name(name if name is not None else str(data["name"]))
            dialogue = str(data["dialogue"])
            choice = data.get("framework")
            audience = str(data.get("audience") or "family")
            created = dt.datetime.fromisoformat(str(data["created"])).isoformat()
            updated = dt.datetime.fromisoformat(str(data["updated"])).isoformat()
            events = [event_from_data(e) for e in data["events"]]
            snapshots = [
                (
                    dt.datetime.fromisoformat(str(s["at"])).isoformat(),
                    int(s["events"]),
                    map_from_data(s["map"]),
                )
                for s in data.get("snapshots") or []
            ]
        except (KeyError, TypeError, ValueError) as error:  # MapError is a ValueError
            raise StoreError(f"The session export cannot be read ({error}).") from None
        if choice is not None and choice not in FRAMEWORKS:
            raise StoreError(f"The session export names an unknown framework '{choice}'.")
        if audience not in AUDIENCES:
            raise StoreError(f"The session export names an unknown audience '{audience}'.")
        if self._find(name) is not None:
            raise StoreError(
                f"There is already a session called '{name}'. Import it under another name "
                "with --name."
            )
        progress = check(dialogue, choice, events)
        lookup = self._lookup(name)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (lookup, name, dialogue, framework_choice, framework, "
                "audience, created, updated, events, answered, total, finished, current) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    lookup,
                    self._seal(name, self._name_aad(lookup), self._cipher),
                    dialogue,
                    choice,
                    progress.framework,
                    audience,
                    created,
                    updated,
                    len(events),
                    progress.answered,
                    progress.total,
                    int(progress.finished),
                    progress.current,
                ),
            )
            sid = cursor.lastrowid
            assert sid is not None
            db.executemany(
                "INSERT INTO events VALUES (?, ?, ?)",
                [
                    (
                        sid,
                        seq,
                        self._seal(
                            _dump(event_to_data(e)), self._event_aad(sid, seq), self._cipher
                        ),
                    )
                    for seq, e in enumerate(events, start=1)
                ],
            )
            db.executemany(
                "INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        sid,
                        seq,
                        at,
                        count,
                        self._seal(_dump(m.to_data()), self._snapshot_aad(sid, seq), self._cipher),
                    )
                    for seq, (at, count, m) in enumerate(snapshots, start=1)
                ],
            )
        return self._get(name).info()

    # -- protection --------------------------------------------------------------------------

    @_guarded
    def protect(self, passphrase: str) -> None:
        """Encrypt every name, answer and snapshot with a key from ``passphrase``."""
        if self.is_protected:
            raise StoreError(
                "These sessions are already protected. To change the passphrase, turn protection "
                "off ('sessions unprotect') and on again."
            )
        if not passphrase:
            raise StoreError("The passphrase is empty. Choose a passphrase of a few words.")
        self._rekey(Cipher(passphrase, KdfParams.fresh()))

    @_guarded
    def unprotect(self) -> None:
        """Store everything in plain text again (the store must be unlocked)."""
        if not self.is_protected:
            raise StoreError("These sessions are not protected, so there is nothing to turn off.")
        self._require_open()
        self._rekey(None)

    def _rekey(self, new: Cipher | None) -> None:
        """Re-write every protected value for ``new`` (None: plain text), in one transaction."""
        db = self._db()
        with self._transaction():
            renamed: list[tuple[str, str | bytes, int]] = []
            for sid, lookup, name in db.execute("SELECT id, lookup, name FROM sessions").fetchall():
                plain = self._unseal(name, self._name_aad(lookup))
                new_lookup = new.lookup(plain) if new is not None else plain
                renamed.append(
                    (new_lookup, self._seal(plain, self._name_aad(new_lookup), new), sid)
                )
            # Two passes, so that no new lookup meets an old one on the way.
            db.execute("UPDATE sessions SET lookup = char(0) || id, name = x''")
            db.executemany("UPDATE sessions SET lookup = ?, name = ? WHERE id = ?", renamed)
            for table, aad in (("events", self._event_aad), ("snapshots", self._snapshot_aad)):
                rows = db.execute(f"SELECT session, seq, body FROM {table}").fetchall()
                db.executemany(
                    f"UPDATE {table} SET body = ? WHERE session = ? AND seq = ?",
                    [
                        (self._seal(self._unseal(body, aad(s, q)), aad(s, q), new), s, q)
                        for s, q, body in rows
                    ],
                )
            db.execute("DELETE FROM meta WHERE key IN ('kdf', 'verifier')")
            if new is not None:
                db.execute("INSERT INTO meta VALUES ('kdf', ?)", (new.params.to_json(),))
                db.execute("INSERT INTO meta VALUES ('verifier', ?)", (new.verifier(),))
        self._cipher = new
        self._kdf = new.params if new is not None else None
        self._verifier = None
        self._load_meta()
        self._scrub()


# -- opening ----------------------------------------------------------------------------------


class _Unreadable(Exception):
    pass


CHECK_EVERY_S = 7 * 24 * 3600
"""A full ``PRAGMA quick_check`` at least this often (seconds), even when nothing looks wrong."""


def _checked_file(db: Path) -> Path:
    """Where the store notes when it last checked the file, and how the file looked when it
    was last closed (its size and change time; nothing about the sessions)."""
    return db.with_name(db.name + ".checked")


def _signature(db: Path) -> list[int] | None:
    try:
        st = db.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _read_checked(db: Path) -> dict[str, Any]:
    try:
        data = json.loads(_checked_file(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _needs_check(db: Path) -> bool:
    """Whether opening ``db`` should run the full check: the file changed since this program
    last closed it (another program, a copy, a disk fault), it was not closed cleanly (its
    write-ahead log is left over), no check is on record, or the last one is a week old."""
    record = _read_checked(db)
    if record.get("file") is None or record.get("file") != _signature(db):
        return True
    wal = db.with_name(db.name + "-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            return True
    checked = record.get("checked")
    if not isinstance(checked, int | float):
        return True
    return not 0 <= time.time() - checked < CHECK_EVERY_S


def _note_checked(db: Path, checked: float) -> None:
    """Record the file as it is now; written only when that changes what is on record."""
    record = {"file": _signature(db), "checked": checked}
    if record["file"] is None or _read_checked(db) == record:
        return
    target = _checked_file(db)
    partial = target.with_name(target.name + ".new")
    with contextlib.suppress(OSError), paths.private_umask():
        partial.write_text(json.dumps(record), encoding="utf-8")
        os.chmod(partial, 0o600)
        os.replace(partial, target)


class _Connection(sqlite3.Connection):
    """A connection that notes the file's state when it closes, so that the next open can
    tell whether anything else has touched it since (and skip the full check if not)."""

    db_path: Path | None = None
    checked_at: float = 0.0

    def close(self) -> None:
        super().close()
        if self.db_path is not None:
            path, self.db_path = self.db_path, None
            _note_checked(path, self.checked_at)


def _connect(db: Path, timeout: float) -> sqlite3.Connection:
    check = _needs_check(db)
    with paths.private_umask():
        conn = sqlite3.connect(
            db,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
            factory=_Connection,
        )
        try:
            _prepare(conn, check=check)
        except BaseException:
            conn.close()
            raise
    assert isinstance(conn, _Connection)
    conn.db_path = db
    conn.checked_at = time.time() if check else float(_read_checked(db).get("checked", 0))
    if check:
        _note_checked(db, conn.checked_at)
    paths.tighten(db)
    return conn


def _prepare(conn: sqlite3.Connection, *, check: bool = True) -> None:
    try:
        version = schema.version(conn)
        app = schema.application_id(conn)
    except sqlite3.DatabaseError as error:
        if _is_corrupt(error):
            raise _Unreadable(str(error)) from None
        raise
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            "These sessions were saved by a newer version of sos-assistant (store version "
            f"{version}; this version reads up to {schema.SCHEMA_VERSION}). Please update "
            "sos-assistant to open them. Nothing was changed."
        )
    if app not in (0, schema.APPLICATION_ID):
        raise StoreError(
            "The file sessions.db in the data folder is not a sos-assistant store, so it was "
            "left alone. Move it elsewhere, or set SOS_ASSISTANT_HOME to another folder."
        )
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        # Committed means in the file, safe if the program is killed; the WAL is synced to
        # the disk just after, off the answering path (see the module's note on durability).
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        if check:
            found = conn.execute("PRAGMA quick_check(1)").fetchone()
            if found is None or found[0] != "ok":
                raise _Unreadable(str(found[0] if found else "no answer"))
        if version < schema.SCHEMA_VERSION:
            schema.migrate(conn)
        schema.ensure_indexes(conn)
    except sqlite3.DatabaseError as error:
        if _is_corrupt(error):
            raise _Unreadable(str(error)) from None
        raise


def _moved_message(moved: Path) -> str:
    return (
        "The saved sessions file could not be read, so it was moved aside to "
        f"{moved} (nothing in it was deleted or changed). A new, empty sessions file is used "
        "from now on."
    )


def open_store(
    home: Path | str | None = None,
    passphrase: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Store:
    """Open (creating if needed) the store in ``home`` or the data folder.

    A damaged or unreadable file is moved aside (see :attr:`Store.notices`), never overwritten.
    A protected store is unlocked with ``passphrase`` when given; otherwise it opens locked
    (:attr:`Store.is_locked`) until :meth:`Store.unlock`.

    Raises:
        StoreError: the folder cannot be made private, the store is from a newer version, or
            it stayed busy. :class:`PassphraseError` if ``passphrase`` does not match.
    """
    folder = paths.data_dir(home)
    try:
        paths.ensure_private_dir(folder)
    except OSError as error:
        raise StoreError(f"The data folder {folder} cannot be used ({error}).") from None
    db = folder / paths.DB_NAME
    notices: list[str] = []
    try:
        if db.exists() and not os.access(db, os.R_OK | os.W_OK):
            notices.append(_moved_message(paths.move_aside(db)))
        try:
            conn = _connect(db, timeout)
        except _Unreadable:
            notices.append(_moved_message(paths.move_aside(db)))
            conn = _connect(db, timeout)
    except sqlite3.Error as error:
        if _is_busy(error):
            raise StoreBusy(BUSY_MESSAGE) from None
        raise StoreError(f"The saved sessions could not be opened ({error}).") from None
    except _Unreadable as error:
        raise StoreError(f"The saved sessions could not be opened ({error}).") from None
    except OSError as error:
        raise StoreError(
            f"The saved sessions file could not be read or moved aside ({error})."
        ) from None
    try:
        store = Store(conn, db, notices=notices)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(f"The saved sessions could not be opened ({error}).") from None
    if passphrase is not None and store.is_protected:
        try:
            store.unlock(passphrase)
        except BaseException:
            store.close()
            raise
    return store
