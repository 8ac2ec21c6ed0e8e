"""Privacy: private files, deletion that leaves no trace, passphrase protection, no network."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sos_assistant.dialogue import Script, build_map, run_answers
from sos_assistant.store import PassphraseError, Store, StoreError, open_store
from tests.sessions import resume
from tests.store.helpers import (
    MARKER,
    files_containing,
    load_answers,
    mode,
    moves,
    run_cli,
    with_marker,
    write_yaml,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would make files readable by others, so the store must not rely on it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _finish(store: Store, script: Script, name: str = "Kai") -> None:
    engine = resume(store, name, script)
    run_answers(engine, with_marker(load_answers()))
    store.record_snapshot(name, build_map(engine))


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_folder_is_0700_and_every_file_0600(
    tmp_path: Path, family: Script, loose_umask: None
) -> None:
    home = tmp_path / "new" / "home"
    with open_store(home) as store:
        engine = resume(store, "Kai", family)
        engine.answer(None)
        engine.answer("Dani")
        files = sorted(p.name for p in home.iterdir())
        assert {"sessions.db", "sessions.db-wal", "sessions.db-shm"} <= set(files)
        assert mode(home) == 0o700
        for name in files:
            assert mode(home / name) == 0o600, name
        store.delete("Kai")  # VACUUM and checkpoints make files too
        for name in os.listdir(home):
            assert mode(home / name) == 0o600, name


def test_an_existing_open_folder_and_file_are_made_private(
    tmp_path: Path, loose_umask: None
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    open_store(home).close()
    os.chmod(home / "sessions.db", 0o644)
    os.chmod(home, 0o755)
    open_store(home).close()
    assert mode(home) == 0o700
    assert mode(home / "sessions.db") == 0o600


def test_delete_leaves_no_trace_in_any_file(home: Path, family: Script) -> None:
    with open_store() as store:
        _finish(store, family, "Kai")
        _finish(store, family, "other")
        store.rename("other", "keep me")
        assert files_containing(home, MARKER)  # the test can see text when it is there
        assert files_containing(home, "Kai")
        store.delete("Kai")
        assert store.exists("keep me")
        # The store is still open (the WAL and shm files exist): nothing of Kai anywhere.
        assert [p.name for p in files_containing(home, MARKER)] == ["sessions.db"]  # "keep me"
        store.delete("keep me")
        assert files_containing(home, MARKER) == []
        assert files_containing(home, "Dani") == []
    assert files_containing(home, MARKER) == []


def test_delete_through_the_command_line(home: Path, tmp_path: Path) -> None:
    answers = write_yaml(tmp_path / "a.yaml", with_marker(load_answers()))
    code, _, _ = run_cli("run", "family-conference", "--answers", str(answers), "--session",
                         "Kai's plan", "--out", str(tmp_path / "map.yaml"))  # fmt: skip
    assert code == 0
    assert files_containing(home, MARKER)
    code, out, _ = run_cli("sessions", "delete", "Kai's plan", "--yes")
    assert code == 0 and "wiped" in out
    assert files_containing(home, MARKER) == []
    assert files_containing(home, "Kai's plan") == []


def test_with_a_passphrase_no_words_are_in_plain_text(home: Path, family: Script) -> None:
    with open_store() as store:
        store.protect(PASSPHRASE)
        _finish(store, family, "Kai and Mia")
        assert store.history("Kai and Mia")
    with open_store(passphrase=PASSPHRASE) as store:
        engine = resume(store, "Kai and Mia", family)
        assert engine.finished
    for secret in (MARKER, "Kai and Mia", "Dani", "Auntie Bev", "Lee"):
        assert files_containing(home, secret) == [], secret


def test_turning_protection_on_encrypts_what_was_there(home: Path, family: Script) -> None:
    with open_store() as store:
        _finish(store, family, "Kai")
        before = moves(store.events("Kai"))
        assert files_containing(home, MARKER)
        store.protect(PASSPHRASE)
        assert files_containing(home, MARKER) == []
    with open_store(passphrase=PASSPHRASE) as store:
        assert moves(store.events("Kai")) == before
        assert len(store.history("Kai")) == 1
        store.unprotect()
    with open_store() as store:
        assert not store.is_protected
        assert moves(store.events("Kai")) == before
    assert files_containing(home, MARKER)


def test_a_wrong_passphrase_is_detected_and_changes_nothing(home: Path, family: Script) -> None:
    with open_store() as store:
        _finish(store, family)
        store.protect(PASSPHRASE)
    before = _digest(home)
    with pytest.raises(PassphraseError, match="passphrase did not match, so nothing was changed"):
        open_store(passphrase="wrong horse")
    assert _digest(home) == before
    locked = open_store()
    assert locked.is_protected and locked.is_locked
    with pytest.raises(PassphraseError, match="protected"):
        locked.list_sessions()
    with pytest.raises(PassphraseError):
        locked.unlock("also wrong")
    with pytest.raises(PassphraseError, match="protected"):
        locked.find_sessions("Kai", 5)
    locked.unlock(PASSPHRASE)
    assert [s.name for s in locked.list_sessions()] == ["Kai"]
    found, matches = locked.find_sessions("kA", 5)  # the names are decrypted to be matched
    assert ([s.name for s in found], matches) == (["Kai"], 1)
    locked.close()


def test_passphrase_through_the_command_line(home: Path, tmp_path: Path, monkeypatch: Any) -> None:
    answers = write_yaml(tmp_path / "a.yaml", with_marker(load_answers()))
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    code, out, err = run_cli("sessions", "--passphrase-file", str(secret), "protect")
    assert code == 0, err
    assert "now protected" in out
    # Without the passphrase: a clear message, exit 1.
    code, _, err = run_cli("sessions", "list")
    assert code == 1 and "protected" in err and "SOS_ASSISTANT_PASSPHRASE" in err
    code, _, err = run_cli("run", "family-conference", "--answers", str(answers),
                           "--session", "Kai")  # fmt: skip
    assert code == 1 and "protected" in err
    # With it, from the environment.
    monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", PASSPHRASE)
    code, _, err = run_cli("run", "family-conference", "--answers", str(answers),
                           "--session", "Kai", "--out", str(tmp_path / "m.yaml"))  # fmt: skip
    assert code == 0, err
    code, out, _ = run_cli("sessions", "list")
    assert code == 0 and "Kai" in out
    assert files_containing(home, MARKER) == []
    monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", "not it")
    code, _, err = run_cli("sessions", "show", "Kai")
    assert code == 1
    assert "The passphrase did not match, so nothing was changed." in err
    monkeypatch.delenv("SOS_ASSISTANT_PASSPHRASE")
    code, out, err = run_cli("sessions", "--passphrase-file", str(secret), "unprotect")
    assert code == 0, err
    code, out, _ = run_cli("sessions", "list")
    assert code == 0 and "Kai" in out


def test_protecting_twice_or_unprotecting_plain_sessions_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="not protected"):
        store.unprotect()
    store.protect(PASSPHRASE)
    with pytest.raises(StoreError, match="already protected"):
        store.protect("another")


def test_a_whole_session_uses_no_network(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the program tried to use the network")

    for name in ("socket", "create_connection", "getaddrinfo", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, refuse)
    answers = write_yaml(tmp_path / "a.yaml", load_answers())
    export = tmp_path / "kai.json"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    steps = [
        ("run", "family-conference", "--answers", str(answers), "--session", "Kai", "--out",
         str(tmp_path / "map.yaml")),
        ("sessions", "list"),
        ("sessions", "show", "Kai", "--history"),
        ("sessions", "export", "Kai", "-o", str(export)),
        ("sessions", "export", "Kai", "--format", "map", "-o", str(tmp_path / "m.yaml")),
        ("sessions", "import", str(export), "--name", "copy"),
        ("sessions", "--passphrase-file", str(secret), "protect"),
        ("sessions", "--passphrase-file", str(secret), "delete", "copy", "--yes"),
        ("sessions", "--passphrase-file", str(secret), "unprotect"),
    ]  # fmt: skip
    for args in steps:
        code, _, err = run_cli(*args)
        assert code == 0, (args, err)
