"""The headless runner: answers a dialogue from an answers file, with no screen at all.

An answers file is either a YAML list, taken in order (one item per question; ``null`` skips),
or a mapping from step id to answer (steps not named are skipped, so branches work). Info steps
are read and passed without taking an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sos_assistant.dialogue.answers import AnswerError
from sos_assistant.dialogue.engine import Engine

Notice = Callable[[str, Any], None]
"""Called with (step id, answer) after each answer is taken (for crisis checks, progress...)."""


class RunError(ValueError):
    """An answers file that does not fit the dialogue."""


def _questions_done(engine: Engine) -> int:
    """How many list items a resumed run has used already: questions passed on the path."""
    passed = engine.path if engine.finished else engine.path[:-1]
    return sum(1 for s in passed if engine.script.step(s).is_question)


def run_answers(engine: Engine, answers: Any, *, notice: Notice | None = None) -> None:
    """Walk ``engine`` to the end with ``answers``, continuing from wherever it is."""
    if isinstance(answers, list):
        _run_list(engine, answers, notice)
    elif isinstance(answers, dict):
        _run_mapping(engine, answers, notice)
    elif answers is None:
        _run_mapping(engine, {}, notice)
    else:
        raise RunError("the answers file must be a list of answers or a mapping of step ids")


def _give(engine: Engine, value: Any, notice: Notice | None) -> None:
    step = engine.current
    assert step is not None
    try:
        if value is None:
            engine.skip()
        else:
            engine.answer(value)
    except AnswerError as error:
        raise RunError(str(error)) from None
    if notice is not None and value is not None:
        notice(step.id, value)


def _run_list(engine: Engine, answers: list[Any], notice: Notice | None) -> None:
    position = _questions_done(engine)
    while (step := engine.current) is not None:
        if not step.is_question:
            engine.answer(None)
            continue
        if position >= len(answers):
            raise RunError(
                f"the answers ran out at step '{step.id}' (answer {position + 1}); "
                "add more answers, or null to skip"
            )
        _give(engine, answers[position], notice)
        position += 1
    if position < len(answers):
        raise RunError(
            f"the conversation finished after {position} answers but the file has {len(answers)}"
        )


def _run_mapping(engine: Engine, answers: dict[Any, Any], notice: Notice | None) -> None:
    unknown = sorted(str(k) for k in answers if not engine.script.has_step(str(k)))
    if unknown:
        raise RunError(f"the answers name steps that are not in the dialogue: {', '.join(unknown)}")
    limit = 20 * len(engine.script.steps)
    moves = 0
    while (step := engine.current) is not None:
        moves += 1
        if moves > limit:
            raise RunError(f"the answers go round in a loop (at step '{step.id}')")
        if not step.is_question:
            try:  # an info step may be told to add its suggested questions
                engine.answer(answers.get(step.id) if step.suggest else None)
            except AnswerError as error:
                raise RunError(str(error)) from None
        else:
            _give(engine, answers.get(step.id), notice)
