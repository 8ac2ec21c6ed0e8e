"""``sos-assistant sessions ...`` and ``run --session``, through the command line in-process."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from sos_assistant.dialogue import Engine, RunError, build_map, find_dialogue, run_answers
from sos_assistant.store import open_store
from tests.sessions import resume
from tests.store.helpers import load_answers, run_cli, write_yaml


def _run(tmp_path: Path, answers: object, session: str = "Kai") -> tuple[int, str, str]:
    path = write_yaml(tmp_path / "answers.yaml", answers)
    return run_cli("run", "family-conference", "--answers", str(path), "--session", session,
                   "--out", str(tmp_path / "map.yaml"))  # fmt: skip


def _progress(answers: object) -> tuple[int, int]:
    """(answered, total) after walking ``answers`` headless, as the session list counts them."""
    engine = Engine(find_dialogue("family-conference"))
    with contextlib.suppress(RunError):  # a list that runs out part-way
        run_answers(engine, answers)
    return engine.progress()


def test_list_when_there_is_nothing_yet() -> None:
    code, out, err = run_cli("sessions", "list")
    assert code == 0 and err == ""
    assert "No saved sessions yet" in out
    assert run_cli("sessions")[1] == out  # list is the default


def test_run_saves_as_it_goes_and_resumes(tmp_path: Path) -> None:
    full = load_answers()
    some = {k: v for i, (k, v) in enumerate(full.items()) if i < 5}
    code, _, err = _run(tmp_path, list(some.values()))  # a list that runs out part-way
    assert code == 1
    assert "ran out" in err and "saved so far in session 'Kai'" in err
    code, out, _ = run_cli("sessions", "list")
    header, row = out.splitlines()
    assert header.split() == ["NAME", "DIALOGUE", "PROGRESS", "LAST", "CHANGED"]
    done, total = _progress(list(some.values()))
    assert row.split()[:3] == ["Kai", "family-conference", f"{done}/{total}"] and done == 5
    code, _, err = _run(tmp_path, full)
    assert code == 0, err
    expected = (tmp_path / "map.yaml").read_text(encoding="utf-8")
    code, _, _ = run_cli("run", "family-conference", "--answers", str(tmp_path / "answers.yaml"),
                         "--out", str(tmp_path / "plain.yaml"))  # fmt: skip
    assert (tmp_path / "plain.yaml").read_text(encoding="utf-8") == expected
    code, out, _ = run_cli("sessions", "list", "--json")
    [info] = json.loads(out)
    assert info["name"] == "Kai" and info["finished"] is True
    assert (info["answered"], info["total"]) == _progress(full)
    assert info["answered"] == info["total"]


def test_show_gives_details_and_the_map(tmp_path: Path) -> None:
    assert _run(tmp_path, load_answers())[0] == 0
    code, out, _ = run_cli("sessions", "show", "Kai")
    assert code == 0
    assert "Session:      Kai" in out
    done, total = _progress(load_answers())
    assert f"Progress:     {done} of {total} questions (finished)" in out
    assert "Snapshots:    1 (see --history)" in out
    assert out.split("The map so far:\n\n")[1] == (tmp_path / "map.yaml").read_text(
        encoding="utf-8"
    )
    code, out, _ = run_cli("sessions", "show", "Kai", "--json")
    data = json.loads(out)
    assert data["map"]["schema"] == "sos-map/1" and len(data["history"]) == 1


def test_history_shows_how_the_numbers_moved(tmp_path: Path) -> None:
    answers = load_answers()
    assert _run(tmp_path, answers)[0] == 0
    script = find_dialogue("family-conference")
    scales = [s.id for s in script.steps if s.kind == "scale"]
    with open_store() as store:
        engine = resume(store, "Kai", script)
        engine.edit(scales[0], {"score": 8, "why": "Lee has moved out for now."})
        store.record_snapshot("Kai", build_map(engine))
    code, out, _ = run_cli("sessions", "show", "Kai", "--history")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Snapshots of 'Kai' (scaling numbers, 0 to 10):"
    first, second = lines[1], lines[2]
    assert first.split()[0] == "1" and "Dani: 6" in first
    assert second.split()[0] == "2" and "Dani: 8 (+2)" in second
    code, out, _ = run_cli("sessions", "show", "Kai", "--history", "--json")
    assert json.loads(out)["history"][1]["ratings"][0]["score"] == 8


def test_unknown_sessions_and_bad_files_get_plain_messages(tmp_path: Path) -> None:
    code, _, err = run_cli("sessions", "show", "no one")
    assert code == 1 and err.strip() == "There is no saved session called 'no one'."
    code, _, err = run_cli("sessions", "show", "bad\x1b[2Jname")
    assert code == 1 and "\x1b" not in err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run_cli("sessions", "import", str(bad))
    assert code == 1 and "not valid JSON" in err
    code, _, err = run_cli("sessions", "import", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err
    code, _, err = run_cli("sessions", "delete", "no one", "--yes")
    assert code == 1 and "no saved session" in err


def test_rename_and_delete(tmp_path: Path) -> None:
    assert _run(tmp_path, load_answers())[0] == 0
    code, out, _ = run_cli("sessions", "rename", "Kai", "Kai, March")
    assert code == 0 and "Renamed" in out
    assert "Kai, March" in run_cli("sessions", "list")[1]
    code, out, _ = run_cli("sessions", "delete", "Kai, March")  # stdin is not a terminal
    assert code == 0 and out.startswith("Deleted 'Kai, March'.")
    assert "No saved sessions yet" in run_cli("sessions", "list")[1]


def test_a_passphrase_for_plain_sessions_is_pointed_out(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", "something")
    code, _, err = run_cli("sessions", "list")
    assert code == 0 and "not protected" in err and "sessions protect" in err


def test_listing_sessions_does_not_load_the_map_models(tmp_path: Path) -> None:
    """``sessions list`` must start fast: pydantic and the map models stay unloaded."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from sos_assistant.cli import main; main(['sessions', 'list']);"
        "print('pydantic' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "SOS_ASSISTANT_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "False"
