"""The engine: answering, skipping, going back, jumping, editing, saving and restoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from sos_assistant.dialogue import (
    AnswerError,
    Engine,
    EngineError,
    Script,
    build_map,
    load_script,
)
from sos_assistant.model import Event
from tests.conftest import FIXTURES


def walk(engine: Engine, *answers: object) -> None:
    for value in answers:
        step = engine.current
        assert step is not None
        if step.kind == "info":
            engine.answer(None)
        if value is None:
            engine.skip()
        else:
            engine.answer(value)


def test_a_full_walk_fills_every_slot(tiny: Script) -> None:
    engine = Engine(tiny)
    engine.answer(None)  # hello
    walk(
        engine,
        "Ruby",
        [{"name": "Nan", "role": "network"}],
        ["Ruby fell down the stairs."],
        [{"text": "Ruby could be hurt again.", "dispute": "The gate is fixed now."}],
        True,
        ["We read every night."],
        {"score": 6, "why": "Things are better."},
        "yes",
        ["What happens next?"],
    )
    assert engine.finished
    the_map = build_map(engine)
    assert the_map.title == "Ruby's map"
    assert [(p.name, p.role) for p in the_map.people] == [("Ruby", "child"), ("Nan", "network")]
    danger = the_map.worries.danger_statements[0]
    assert (danger.text, danger.dispute, danger.said_by) == (
        "Ruby could be hurt again.",
        "The gate is fixed now.",
        "The workers",
    )
    assert the_map.scaling.ratings[0].score == 6
    assert the_map.scaling.question  # from the framework content
    assert the_map.preparation is not None
    assert the_map.preparation.readiness.prepared == "yes"


def test_prompts_use_names_given_earlier(tiny: Script) -> None:
    engine = Engine(tiny)
    engine.answer(None)
    engine.answer("Ruby")
    assert engine.prompt().ask == "Who helps you with Ruby?"


def test_a_skipped_name_falls_back_to_its_default(tiny: Script) -> None:
    engine = Engine(tiny)
    engine.answer(None)
    engine.skip()
    assert engine.prompt().ask == "Who helps you with your child?"


def test_branches_follow_the_answer(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, "Ruby", None, None, None, False)
    assert engine.current is not None and engine.current.id == "number"
    walk(engine, 3, "not_sure")
    assert engine.current is not None and engine.current.id == "explain"


def test_back_keeps_answers_and_shows_them_again(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, "Ruby", None)
    engine.back()
    engine.back()
    assert engine.current is not None and engine.current.id == "child"
    assert engine.prompt().previous == "Ruby"


def test_back_from_the_first_step_is_refused_plainly(tiny: Script) -> None:
    with pytest.raises(EngineError, match="first question"):
        Engine(tiny).back()


def test_jump_goes_back_to_a_seen_step_only(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, "Ruby", None, ["A fall."])
    engine.jump("child")
    assert engine.path == ["hello", "child"]
    assert engine.answers["happened"] == ["A fall."]  # kept, shown again on the way
    with pytest.raises(EngineError, match="not been reached"):
        engine.jump("to-ask")


def test_edit_changes_an_answer_in_place(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, "Ruby", None, ["A fall."])
    engine.edit("child", "Ruby Rose")
    assert engine.current is not None and engine.current.id == "worries"
    assert build_map(engine).people[0].name == "Ruby Rose"


def test_edit_that_changes_the_branch_continues_from_the_new_branch(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, "Ruby", None, None, None, True, ["Walks."], 5)
    engine.edit("more", False)
    assert engine.current is not None and engine.current.id == "number"
    assert "going-well" not in engine.path
    assert build_map(engine).working_well.strengths == []


@pytest.mark.parametrize(
    ("skips", "value", "message"),
    [
        (6, 11, "step 'number' (scale): 11 is outside 0-10"),
        (6, "six", "step 'number' (scale): the number must be from 0 to 10"),
        (6, {"score": 4, "mood": "ok"}, "step 'number' (scale): unknown key(s): mood"),
        (0, "   ", "step 'child' (text): the answer is empty; skip the question to leave it out"),
        (0, ["Ruby"], "step 'child' (text): the answer must be text"),
        (2, [{"txt": "x"}], "step 'happened' (list): item 1 has unknown key(s): txt"),
        (
            2,
            [{"text": "x", "dispute": "y"}],
            "step 'happened' (list): item 1: this question does not take a 'dispute' view",
        ),
        (
            1,
            [{"name": "Al", "role": "uncle"}],
            "step 'helpers' (people): person 1: role 'uncle' is not one of child, parent, carer, "
            "network, worker, other",
        ),
        (4, "maybe", "step 'more' (confirm): the answer must be yes or no (true or false)"),
    ],
)
def test_wrong_answers_get_a_clear_message_naming_the_step(
    tiny: Script, skips: int, value: object, message: str
) -> None:
    engine = Engine(tiny)
    engine.answer(None)
    for _ in range(skips):
        engine.skip()
    if engine.current is not None and engine.current.id == "going-well":
        engine.skip()
    before = engine.state()
    with pytest.raises(AnswerError) as error:
        engine.answer(value)
    assert str(error.value) == message
    assert engine.state() == before  # nothing moved, nothing lost


def test_a_choice_must_be_one_of_the_options(tiny: Script) -> None:
    engine = Engine(tiny)
    walk(engine, None, None, None, None, False, None)
    with pytest.raises(AnswerError, match="'perhaps' is not one of the choices: yes, not_sure, no"):
        engine.answer("perhaps")


def test_text_is_kept_exactly_as_typed(tiny: Script) -> None:
    odd = "  [bold]Ruby[/bold] <b>x</b> \x1b]0;title\x07 نور 💜\n# not a heading  "
    engine = Engine(tiny)
    walk(engine, odd)
    assert engine.answers["child"] == odd
    assert build_map(engine).people[0].name == odd


def test_subscribers_hear_each_event_before_the_state_moves(tiny: Script) -> None:
    engine = Engine(tiny)
    seen: list[tuple[str, str, str | None]] = []

    def listener(event: Event) -> None:
        current = engine.current.id if engine.current else None
        seen.append((event.type, event.step, current))

    engine.subscribe(listener)
    walk(engine, "Ruby")
    engine.back()
    assert seen == [
        ("answer", "hello", "hello"),
        ("answer", "child", "child"),
        ("back", "helpers", "helpers"),
    ]


def test_a_failing_save_stops_the_move(tiny: Script) -> None:
    engine = Engine(tiny)
    engine.answer(None)

    def refuse(event: Event) -> None:
        raise OSError("disk full")

    engine.subscribe(refuse)
    with pytest.raises(OSError):
        engine.answer("Ruby")
    assert engine.current is not None and engine.current.id == "child"
    assert "child" not in engine.answers


def test_replaying_events_rebuilds_the_same_state(tiny: Script) -> None:
    live = Engine(tiny)
    events: list[Event] = []
    live.subscribe(events.append)
    walk(live, "Ruby", None, ["A fall."])
    live.back()
    live.edit("child", "Rubes")
    live.jump("child")
    walk(live, "Ruby")
    rebuilt = Engine(tiny)
    rebuilt.replay(events)
    assert rebuilt.state() == live.state()


def test_state_round_trips_through_json(tiny: Script) -> None:
    engine = Engine(tiny, framework="wellbeing")
    walk(engine, "Ruby", [{"name": "Nan"}], None, None, True)
    restored = Engine.from_json(tiny, engine.to_json())
    assert restored.state() == engine.state()
    assert restored.framework == "wellbeing"
    restored.answer(["Walks in the park."])
    assert restored.current is not None and restored.current.id == "number"


def test_a_state_that_does_not_fit_the_dialogue_is_refused(tiny: Script) -> None:
    text = Engine(tiny).to_json().replace('"path": ["hello"]', '"path": ["hello", "to-ask"]')
    with pytest.raises(EngineError, match="cannot go from 'hello' to 'to-ask'"):
        Engine.from_json(tiny, text)


def test_the_framework_changes_the_scaling_question(tiny: Script) -> None:
    questions = set()
    for framework in ("safety", "wellbeing", "success"):
        engine = Engine(tiny, framework=framework)
        walk(engine, None, None, None, None, False)
        questions.add(engine.prompt().ask)
        assert build_map(engine).framework == framework
    assert len(questions) == 3


def test_progress_counts_questions_not_info_steps(tiny: Script) -> None:
    engine = Engine(tiny)
    assert engine.progress() == (0, 9)
    walk(engine, "Ruby", None)
    assert engine.progress() == (2, 9)
    assert engine.prompt().number == 3


@pytest.mark.parametrize(
    "source",
    [
        "Hello {{ child_name }}.",
        "{{ fw.scaling.question }} and {{child_name}}",
        "Hello {{ child_name | upper }}",
        "{% if child_name %}{{ child_name }}{% else %}your child{% endif %}",
        "{{ fw.name }}}",
        "No names here",
    ],
)
def test_quick_name_reading_agrees_with_jinja(source: str) -> None:
    from jinja2 import Environment, meta

    from sos_assistant.dialogue.templating import variables

    assert variables(source) == meta.find_undeclared_variables(Environment().parse(source))


def test_a_session_saved_before_a_question_was_added_still_opens(
    tiny: Script, tmp_path: Path
) -> None:
    live = Engine(tiny)
    events: list[Event] = []
    live.subscribe(events.append)
    walk(live, "Ruby", None, ["A fall."])
    newer = tmp_path / "tiny.yaml"
    text = (FIXTURES / "dialogues" / "tiny.yaml").read_text(encoding="utf-8")
    added = "  - id: helpers\n"
    newer.write_text(
        text.replace(added, "  - id: pet\n    kind: text\n    ask: Any pets?\n" + added, 1),
        encoding="utf-8",
    )
    rebuilt = Engine(load_script(newer))
    rebuilt.replay(events)
    assert rebuilt.answers["pet"] is None  # the new question is passed over, left unanswered
    assert rebuilt.answers["happened"] == ["A fall."]
    assert rebuilt.current is not None and rebuilt.current.id == live.current.id  # type: ignore[union-attr]


def test_a_question_the_session_answered_is_never_passed_over(tiny: Script) -> None:
    live = Engine(tiny)
    events: list[Event] = []
    live.subscribe(events.append)
    walk(live, "Ruby", None)
    wrong_order = [events[0], events[2], events[1]]  # the answer to 'helpers' before 'child'
    with pytest.raises(EngineError, match="conversation is at"):
        Engine(tiny).replay(wrong_order)
