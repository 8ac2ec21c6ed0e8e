"""The question classifier and the ``questions`` command, as a worker would use them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from sos_assistant.cli import main
from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.rehearse.questions import classify, tidy


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_why_question_is_named_and_a_better_one_offered() -> None:
    code, out, _ = run(["questions", "Why did you leave the children alone?"])
    assert code == 0
    assert "type: why" in out
    assert 'starts with "why"' in out
    assert "Try: What was happening for you just before you left the children alone?" in out


def test_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--json", "Why did you go?", "What else helped?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [list(item) for item in data] == [["text", "type", "helpful", "why", "try"]] * 2
    why, amplify = data
    assert (why["type"], why["helpful"]) == ("why", False)
    assert isinstance(why["try"], str) and why["try"].endswith("?")
    assert (amplify["type"], amplify["helpful"], amplify["try"]) == ("amplify", True, None)


def test_questions_come_one_per_line_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Did you hit him?\n\nWhat happened next?\n"))
    assert main(["questions", "--json"]) == 0
    assert [d["type"] for d in json.loads(capsys.readouterr().out)] == ["closed", "amplify"]


def test_no_question_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["questions"]) == 2


@pytest.mark.parametrize(
    ("text", "kind", "saw"),
    [
        ("On a scale of 0 to 10, how worried are you?", "scaling", "on a scale"),
        ("What would your sister say you do well?", "relationship", "your sister say"),
        ("Tell me about a time when you stayed calm.", "exception", "tell me about a time"),
        ("Don't you think he should leave?", "leading", "Don't you think"),
        ("You were out that night, weren't you?", "leading", "tag at the end"),
        ("What happened? Who was there?", "stacked", "more than one question mark"),
        ("What do you want, and how can we help?", "stacked", "joined"),
        ("How come the baby was alone?", "why", "how come"),
    ],
)
def test_feedback_names_what_it_saw(text: str, kind: str, saw: str) -> None:
    verdict = classify(text)
    assert verdict.type == kind
    assert saw in verdict.why


def test_every_unhelpful_verdict_offers_a_question_to_try_instead() -> None:
    for text in [
        "Why did you shout at her?",
        "Did you drink last night?",
        "Surely you see the problem?",
        "What happened and where were the kids?",
        "You need to stop.",
    ]:
        verdict = classify(text)
        assert not verdict.helpful, text
        assert verdict.try_ and verdict.try_.rstrip().endswith("?"), (text, verdict.try_)
        assert classify(verdict.try_).helpful, (text, verdict.try_)


def test_a_stack_offers_its_first_open_question() -> None:
    verdict = classify("What went well this week, and did you see your mum?")
    assert verdict.type == "stacked"
    assert verdict.try_ == "What went well this week?"


def test_a_judgement_word_makes_an_open_question_leading_and_the_coach_says_why() -> None:
    verdict = classify("What is it like living with such an aggressive partner?")
    assert verdict.type == "leading"
    assert '"aggressive"' in verdict.why
    assert "label" in verdict.why


def test_jargon_inside_a_helpful_question_is_named() -> None:
    verdict = classify("What would help you engage with services?")
    assert not verdict.helpful
    assert "professional word" in verdict.why


def test_a_name_or_polite_opener_does_not_change_the_type() -> None:
    assert classify("Grace, why did you go?").type == "why"
    assert classify("Could you tell me about a time it went well?").type == "exception"
    assert tidy("  So,  WHAT   happened?") == "what happened?"


def test_the_type_names_are_exactly_the_contract() -> None:
    assert QUESTION_TYPES == (
        "worries", "working_well", "next_steps", "exception", "scaling", "coping",
        "preferred_future", "relationship", "amplify", "closed", "why", "leading", "stacked",
        "statement", "other",
    )  # fmt: skip


def test_user_text_is_printed_inert() -> None:
    code, out, _ = run(["questions", "Why \x1b[31mred\x1b[0m?"])
    assert code == 0
    assert "\x1b" not in out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # An opener decides, whatever the rest says.
        ("Tell me more about the evening you stayed calm without shouting.", "amplify"),
        ("Brilliant - how did you do that?", "amplify"),
        ("Imagine it's a year on and the worker has gone. What is home like?", "preferred_future"),
        ("What's the best time to ring you next week?", "other"),
        # How practitioners say it.
        ("How d'you get through the bad days?", "coping"),
        ("What's helped you keep going this year?", "coping"),
        ("How have you looked after yourself through all this?", "coping"),
        ("When is the shouting less of a problem?", "exception"),
        ("What time does he get home, who is with the kids, and does he eat?", "stacked"),
        ("What's worrying you and what's helping?", "stacked"),
        ("That must have been frightening, mustn't it?", "leading"),
        ("You said a 6. What would moving up to a 7 look like?", "scaling"),
        ("Which parts of bedtime are already working for the boys?", "working_well"),
        ("What keeps you awake at night about school?", "worries"),
        ("What do you think your brother noticed when things were calmer?", "relationship"),
        ("Let's look at what's been going well.", "statement"),
        # Not stacked: one question after a 'when' clause.
        ("When Dad drinks, what do the children see?", "worries"),
    ],
)
def test_how_practitioners_phrase_questions(question: str, expected: str) -> None:
    assert classify(question).type == expected


def test_a_tip_from_the_coach_does_not_make_a_question_leading() -> None:
    # The coach is unsure whether "good at" sums a person up: a tip, so the type stands.
    assert classify("What would your nan say you're good at?").type == "relationship"
    assert classify("What would your nan say about your lazy dad?").type == "leading"
