"""The meeting's details, the worker's number, the workers' goals and the family's hopes, and
questions added from a not-sure screen: from answers to the map."""

from __future__ import annotations

import datetime as dt

import pytest

from sos_assistant.dates import long_date, read_date
from sos_assistant.dialogue import AnswerError, Engine, build_map, find_dialogue, run_answers
from sos_assistant.model import Map, map_from_data

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("8 December 2026", dt.date(2026, 12, 8)),
        ("8/12/2026", dt.date(2026, 12, 8)),
        ("8.12.26", dt.date(2026, 12, 8)),
        ("Tuesday 8th December", dt.date(2026, 12, 8)),
        ("Tue 8 Dec", dt.date(2026, 12, 8)),
        ("December 8, 2026", dt.date(2026, 12, 8)),
        ("2026-12-08", dt.date(2026, 12, 8)),
        ("on the 8th of December", dt.date(2026, 12, 8)),
        ("1 November", dt.date(2027, 11, 1)),  # no year: the next one to come
        ("next week", None),
        ("31/2/2027", None),
        ("", None),
    ],
)
def test_dates_read_as_people_write_them(text: str, day: dt.date | None) -> None:
    assert read_date(text, TODAY) == day


def test_long_date() -> None:
    assert long_date(dt.date(2026, 12, 8)) == "Tuesday 8 December 2026"


def _engine(answers: dict[str, object]) -> Engine:
    engine = Engine(find_dialogue("family-conference"))
    run_answers(engine, answers)
    return engine


def test_the_meeting_and_the_workers_number_go_on_the_map() -> None:
    the_map = build_map(
        _engine(
            {
                "your-name": "Dani",
                "meeting-kind": "Review conference",
                "meeting-date": "8/12/2026",
                "meeting-time": "10am",
                "meeting-place": "On a video call",
                "meeting-chair": "Sam Reid",
                "social-worker": "Priya",
                "worker-organisation": "Children's Services",
                "worker-phone": "01234 567890",
            }
        )
    )
    assert the_map.meeting is not None
    assert the_map.meeting.date == dt.date(2026, 12, 8)
    assert (the_map.meeting.kind, the_map.meeting.chair) == ("Review conference", "Sam Reid")
    priya = next(p for p in the_map.people if p.name == "Priya")
    assert (priya.role, priya.organisation, priya.phone) == (
        "worker",
        "Children's Services",
        "01234 567890",
    )
    again = map_from_data(the_map.to_data())  # and it reads back as a valid map
    assert again == the_map


def test_a_skipped_worker_name_takes_no_one_elses_number() -> None:
    the_map = build_map(_engine({"your-name": "Dani", "worker-phone": "01234 567890"}))
    assert all(p.phone is None for p in the_map.people)


def test_a_date_that_is_not_a_date_is_refused_with_how_to_write_it() -> None:
    engine = Engine(find_dialogue("family-conference"))
    while engine.current is not None and engine.current.id != "meeting-date":
        engine.answer(None) if not engine.current.is_question else engine.skip()
    with pytest.raises(AnswerError) as caught:
        engine.answer("next week")
    assert caught.value.problem.startswith("Write the date like 8 December 2026")


def test_workers_goals_and_family_hopes_are_kept_apart() -> None:
    the_map = build_map(
        _engine(
            {
                "your-name": "Dani",
                "what-ends-plan": [{"text": "No fights for six months.", "dispute": "None now."}],
                "hopes": ["Kai stays at home."],
                "want-seen": ["Kai gets to nursery on time."],
            }
        )
    )
    goals = the_map.needs_to_happen
    assert [(s.text, s.said_by, s.dispute) for s in goals.safety_goals] == [
        ("No fights for six months.", "the workers", "None now.")
    ]
    assert [s.text for s in goals.family_goals] == [
        "Kai stays at home.",
        "Kai gets to nursery on time.",
    ]


def test_a_map_without_family_goals_is_written_as_before() -> None:
    assert "family_goals" not in Map().to_yaml()


def test_questions_suggested_on_a_not_sure_screen_join_the_persons_own() -> None:
    engine = _engine(
        {
            "your-name": "Dani",
            "child-name": "Kai",
            "to-ask": ["Can my sister come?"],
            "ready-what-ends": "not_sure",
            "explain-what-ends": "add",
        }
    )
    asked = [(s.text, s.said_by) for s in build_map(engine).preparation.to_ask]  # type: ignore[union-attr]
    assert asked[0] == ("Can my sister come?", "Dani")
    assert ("What do you need to see us doing, so you feel Kai is safe?", "Dani") in asked
    assert len(asked) == 5
    not_added = _engine({"ready-what-ends": "not_sure"})
    assert build_map(not_added).preparation.to_ask == []  # type: ignore[union-attr]


def test_only_a_screen_with_suggestions_takes_add() -> None:
    engine = Engine(find_dialogue("family-conference"))
    with pytest.raises(AnswerError):
        engine.answer("add")  # the welcome suggests nothing


def test_a_saved_meeting_date_shows_again_as_people_write_it() -> None:
    from sos_assistant.dialogue.answers import as_typed, as_var, normalise

    step = find_dialogue("family-conference").step("meeting-date")
    kept = normalise(step, "Tue 8th Dec 2026")
    assert kept == "2026-12-08"
    assert as_typed(step, kept) == as_var(step, kept) == "8 December 2026"
    assert normalise(step, as_typed(step, kept)) == kept  # and it reads back the same
