"""The session layer: one way to answer, check for danger now, coach, finish and export, the
same for every face."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sos_assistant.dialogue import EngineError, Script, load_script
from sos_assistant.session import Session, SessionError
from sos_assistant.store import open_store
from tests.tui.fakestore import FakeStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dialogues"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def coached() -> Script:
    return load_script(FIXTURES / "coached.yaml")


def test_an_answer_is_saved_checked_and_coached(coached: Script) -> None:
    store = FakeStore()
    session = Session.start(store, coached, "ours")
    given = session.give(["Mum is an alcoholic.", "I might hurt myself tonight."])
    assert len(store.open_session("ours").events) == 1  # saved before give returned
    assert given.crisis
    assert {t.text for t in given.tips} >= {"Mum is an alcoholic."}
    assert any(t.finding.rule == "alcoholic" for t in given.tips)


def test_the_app_gets_the_danger_check_without_waiting_for_tips(coached: Script) -> None:
    """The app coaches while the words are typed, so it asks for no tips on the answer; the
    answer is still saved and checked for danger now."""
    store = FakeStore()
    session = Session.start(store, coached, "ours")
    given = session.give(["Mum is an alcoholic.", "I might hurt myself tonight."], tips=False)
    assert len(store.open_session("ours").events) == 1
    assert given.crisis and given.tips == []


def test_a_skip_is_saved_with_no_checks(coached: Script) -> None:
    store = FakeStore()
    session = Session.start(store, coached, "ours")
    given = session.give(None)
    assert given.value is None and not given.crisis and given.tips == []
    assert store.info("ours").current == "goal"  # the store knows where the session stands


def test_map_checks_name_the_danger_statement_with_no_goal(coached: Script) -> None:
    session = Session.start(FakeStore(), coached, "ours")
    session.give(["Kai could be hurt if Dad drives after drinking."])
    session.give(None)
    assert session.finished
    rules = {f.rule for f in session.map_checks()}
    assert rules, "a danger statement with no safety goal should be noticed"


def test_a_session_of_another_dialogue_is_refused(coached: Script, tiny: Script) -> None:
    store = FakeStore()
    Session.start(store, coached, "ours")
    with pytest.raises(SessionError, match="belongs to the dialogue 'coached'"):
        Session.start(store, tiny, "ours")


def test_a_refused_move_is_not_saved(coached: Script) -> None:
    store = FakeStore()
    session = Session.start(store, coached, "ours")
    with pytest.raises(EngineError):
        session.back()  # nothing to go back to
    assert store.open_session("ours").events == []


def test_carrying_on_replays_the_same_answers(coached: Script) -> None:
    with open_store() as store:
        first = Session.start(store, coached, "ours")
        first.give(["Kai could be hurt."])
    with open_store() as store:
        again = Session.start(store, coached, "ours")
        assert again.engine.current is not None and again.engine.current.id == "goal"
        assert again.map() == first.map()


def test_the_store_works_with_no_dialogue_at_all(tmp_path: Path) -> None:
    """Sessions, events and progress records, in a process that never loads the dialogues."""
    code = """
import sys
from sos_assistant.model import Event
from sos_assistant.store import open_store
from sos_assistant.store.core import Progress
with open_store(sys.argv[1]) as store:
    opened = store.create("ours", "any-dialogue", Progress(0, 2, "first", "safety"))
    store.append(opened.key, 0, Event(type="answer", step="first", value="Kai"),
                 Progress(1, 2, "second", "safety"))
    [info] = store.list_sessions()
    assert (info.answered, info.total, info.current, info.finished) == (1, 2, "second", False)
    assert [e.value for e in store.open_session("ours").events] == ["Kai"]
assert "sos_assistant.dialogue" not in sys.modules, "the store loaded the dialogues"
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_plain_mode_shows_the_coachs_tips(tmp_path: Path) -> None:
    env = {**os.environ, "SOS_ASSISTANT_HOME": str(tmp_path), "TERM": "dumb"}
    lines = ["Mum is an alcoholic.", "", "", "no"]
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "--plain", str(FIXTURES / "coached.yaml")],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    out = done.stdout
    assert "A tip:" in out and "alcoholic" in out.split("A tip:", 1)[1], out
    assert "Still to do:" in out  # the map-level check: the danger statement has no goal
