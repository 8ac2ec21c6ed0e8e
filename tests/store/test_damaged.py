"""A damaged store gives up nothing else: one flipped byte loses one answer, by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.helpers import run_cli, write_yaml

ANSWERS = ["Pat", "Kai"]  # a list that runs out part-way: the session is not finished


def _saved(tmp_path: Path, home: Path, *, protect: bool = False) -> None:
    path = write_yaml(tmp_path / "answers.yaml", ANSWERS)
    if protect:
        assert run_cli("sessions", "protect")[0] == 0
    _, _, err = run_cli("run", "family-conference", "--answers", str(path), "--session", "Kai")
    assert "ran out" in err  # saved so far


def _flip_one_byte(home: Path, seq: int) -> None:
    db = sqlite3.connect(home / "sessions.db")
    (body,) = db.execute("SELECT body FROM events WHERE seq = ?", (seq,)).fetchone()
    raw = bytearray(body.encode() if isinstance(body, str) else body)
    raw[0 if isinstance(body, str) else len(raw) // 2] ^= 0x20  # "{" becomes "["
    value: str | bytes = raw.decode() if isinstance(body, str) else bytes(raw)
    db.execute("UPDATE events SET body = ? WHERE seq = ?", (value, seq))
    db.commit()
    db.close()


@pytest.mark.parametrize("protect", [False, True])
def test_one_damaged_answer_is_named_and_the_rest_is_shown_exported_and_continued(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, protect: bool
) -> None:
    if protect:
        monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", "blue kettle river")
    _saved(tmp_path, home, protect=protect)
    _flip_one_byte(home, 2)  # the second event: the answer to your-name
    code, out, err = run_cli("sessions", "show", "Kai")
    assert code == 0, err
    assert "Answer 2 of this session is damaged" in err
    assert "passphrase" not in err.lower() and "Traceback" not in err
    assert "name: Kai" in out and "Pat" not in out
    code, out, err = run_cli("sessions", "export", "Kai", "--format", "map")
    assert code == 0 and "name: Kai" in out
    assert "Answer 2 of this session is damaged" in err
    code, out, err = run_cli("sessions", "export", "Kai")
    assert code == 0 and "damaged" in err
    more = write_yaml(
        tmp_path / "more.yaml", {"harm": ["a bruise on his arm"], "strengths": ["we read"]}
    )
    code, _, err = run_cli(
        "run", "family-conference", "--answers", str(more), "--session", "Kai",
        "--out", str(tmp_path / "m.yaml"),
    )  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "m.yaml").read_text()
    assert "we read" in text and "a bruise on his arm" in text and "name: Kai" in text


def test_files_moved_aside_are_listed_and_removed_by_a_command(home: Path) -> None:
    (home / "sessions.db").write_bytes(b"this is not a database" * 100)
    code, out, err = run_cli("sessions")
    assert code == 0 and "moved aside" in err
    moved = sorted(p.name for p in home.glob("sessions.db.unreadable-*"))
    assert moved
    code, out, _ = run_cli("sessions")
    assert moved[0] in out and "sessions discard-damaged" in out
    assert run_cli("sessions", "discard-damaged")[0] == 1  # not at a terminal: needs --yes
    code, out, _ = run_cli("sessions", "discard-damaged", "--yes")
    assert code == 0 and moved[0] in out
    assert not list(home.glob("sessions.db.unreadable-*"))
    assert "moved aside" not in run_cli("sessions")[1]


def test_sessions_json_without_list_works_as_documented(tmp_path: Path, home: Path) -> None:
    _saved(tmp_path, home)
    code, out, err = run_cli("sessions", "--json")
    assert code == 0, err
    import json

    rows = json.loads(out)
    assert rows[0]["name"] == "Kai" and rows[0]["current"] == "other-children"
    assert set(rows[0]) >= {"name", "dialogue", "answered", "total", "finished", "current"}


def _flip_a_name(home: Path, name_of_row: int) -> None:
    db = sqlite3.connect(home / "sessions.db")
    (sid, body) = db.execute(
        "SELECT id, name FROM sessions ORDER BY id LIMIT 1 OFFSET ?", (name_of_row,)
    ).fetchone()
    raw = bytearray(body)
    raw[len(raw) // 2] ^= 0x20
    db.execute("UPDATE sessions SET name = ? WHERE id = ?", (bytes(raw), sid))
    db.commit()
    db.close()


def test_a_damaged_name_in_a_protected_store_is_not_called_a_wrong_passphrase(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", "blue kettle river")
    _saved(tmp_path, home, protect=True)
    path = write_yaml(tmp_path / "other.yaml", ["Sam"])
    run_cli("run", "family-conference", "--answers", str(path), "--session", "Mia")
    _flip_a_name(home, 0)  # Kai's name
    code, out, err = run_cli("sessions", "list")
    assert code == 0, err
    assert "Mia" in out and "Kai" not in out  # the readable session is still listed
    assert "name of one saved session is damaged" in err
    assert "passphrase" not in err.lower() and "Traceback" not in err
    code, out, err = run_cli("sessions", "show", "Mia")
    assert code == 0 and "Sam" in out
