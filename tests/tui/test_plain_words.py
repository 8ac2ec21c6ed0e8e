"""Plain mode as a newcomer types it: carrying on, the formats its own examples show, command
words on every line, confirmations, plain refusals and the passphrase from the environment."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sos_assistant.cli import main
from sos_assistant.dialogue import Engine, find_dialogue
from sos_assistant.session import Session
from sos_assistant.store import open_store

DIALOGUE = "family-conference"


def plain(typed: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    monkeypatch.setattr("sys.stdout", out)
    assert main(["--plain", DIALOGUE, *args]) == 0
    return out.getvalue()


def blanks_until(step_id: str) -> str:
    """The Enter presses that skip every question before ``step_id``."""
    engine = Engine(find_dialogue(DIALOGUE))
    lines = 0
    while (step := engine.current) is not None and step.id != step_id:
        engine.skip() if step.is_question else engine.answer(None)
        lines += 1
    return "\n" * lines


def saved(name: str, step_id: str) -> object:
    with open_store() as store:
        return Session.view(store, name).engine.answers.get(step_id)


def only_session() -> str:
    with open_store() as store:
        (info,) = store.list_sessions()
        return info.name


def test_the_same_command_again_carries_on_and_new_starts_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain("\nDani\nstop\n", monkeypatch=monkeypatch)
    name = only_session()
    again = plain("\n\nstop\n", monkeypatch=monkeypatch)  # Enter: carry on
    assert "not finished" in again and "Question 2 of" in again
    assert only_session() == name
    fresh = plain("new\n\nstop\n", monkeypatch=monkeypatch)
    assert "Question 1 of" in fresh
    with open_store() as store:
        assert len(store.list_sessions()) == 2


def test_people_as_the_examples_show_them_are_taken_and_confirmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = blanks_until("household") + "my mum, Pat\nClaire, social worker\nTash, friend\n\nstop\n"
    out = plain(typed, "--session", "p", monkeypatch=monkeypatch)
    assert "Added Pat." in out and "Added Claire." in out and "Added Tash." in out
    people = saved("p", "household")
    assert isinstance(people, list)
    assert [(p["name"], p.get("relationship")) for p in people] == [
        ("Pat", "my mum"),
        ("Claire", "social worker"),
        ("Tash", "friend"),
    ]
    assert "Roles:" not in out and "worker, other" not in out  # no role codes shown


def test_a_number_with_its_reason_on_one_line_and_a_number_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = blanks_until("own-number") + "5, because the kids are safe with me\nfive\n\nstop\n"
    out = plain(typed, "--session", "n", monkeypatch=monkeypatch)
    assert saved("n", "own-number") == {"score": 5, "why": "because the kids are safe with me"}
    assert saved("n", "worker-number") == {"score": 5}
    assert "did not understand" not in out


def test_a_refusal_says_what_to_type_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    typed = blanks_until("own-number") + "lots\n12\nstop\n"
    out = plain(typed, "--session", "r", monkeypatch=monkeypatch)
    refusals = [line for line in out.splitlines() if "did not understand" in line]
    assert len(refusals) == 2
    for line in refusals:
        assert "Type a number from 0 to 10" in line
        assert "step" not in line and "scale" not in line and "own-number" not in line


def test_command_words_work_on_every_line_of_a_list_and_nothing_typed_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = blanks_until("harm") + "he was hit\nmap\nhelp\n\nthe door was locked\nstop\n"
    out = plain(typed, "--session", "l", monkeypatch=monkeypatch)
    assert "Added: “he was hit” Type" in out and "Added: “the door was locked” Type" in out
    assert "Type a word to look up" in out  # help worked on the second line
    assert saved("l", "harm") == ["he was hit", "the door was locked"]  # stop kept them


def test_a_list_item_in_danger_now_shows_the_numbers_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = blanks_until("harm") + "I might hurt myself tonight\nstop\n"
    out = plain(typed, "--session", "d", monkeypatch=monkeypatch)
    assert "999" in out
    assert out.index("999") < out.index("Stopped")
    assert saved("d", "harm") == ["I might hurt myself tonight"]


def test_plain_mode_takes_the_passphrase_from_the_environment_or_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        store.protect("blue kettle river")
    monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", "blue kettle river")
    out = plain("\nDani\nstop\n", "--session", "e", monkeypatch=monkeypatch)
    assert "Type the passphrase" not in out and "Question 2 of" in out
    monkeypatch.delenv("SOS_ASSISTANT_PASSPHRASE")
    secret = tmp_path / "pass.txt"
    secret.write_text("blue kettle river\n")
    out = plain("\nstop\n", "--session", "e", "--passphrase-file", str(secret),
                monkeypatch=monkeypatch)  # fmt: skip
    assert "Type the passphrase" not in out and "Question 3 of" in out


def test_the_new_words_for_families_read_at_grade_4_or_below() -> None:
    from sos_assistant.coach.text import flesch_kincaid_grade
    from sos_assistant.tui_text import ui_text

    words = ui_text()
    texts = [
        *(getattr(words.crisis, k) for k in ("more", "safe_title", "safe_explain", "safe_keep",
                                              "safe_remove", "safe_again")),
        words.home.opening,
        words.question.people_add,
        *(getattr(words.plain, k) for k in ("text_again", "added", "person_added", "people_how",
                                             "scale_again", "carry_on", "passphrase")),
    ]  # fmt: skip
    for text in texts:
        assert flesch_kincaid_grade(text) <= 4, text


def test_an_item_that_ends_with_a_full_stop_is_echoed_as_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = blanks_until("harm") + "She was scared.\n\nstop\n"
    out = plain(typed, "--session", "e", monkeypatch=monkeypatch)
    assert "Added: “She was scared.” Type the next one." in out
    assert "scared.." not in out
