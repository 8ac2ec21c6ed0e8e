"""A random walk through every packaged dialogue: answer, back, skip, jump, edit, save/restore.

Whatever happens, the engine never crashes, never loses an answer, and the map always validates
and renders in every format.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sos_assistant.dialogue import Engine, build_map, dialogue_files, find_dialogue
from sos_assistant.model import Event, load_map
from sos_assistant.render import TEXT_FORMATS, render_text
from tests.strategies import answer_for


class Walk(RuleBasedStateMachine):
    engine: Engine
    events: list[Event]

    @initialize(
        name=st.sampled_from([p.stem for p in dialogue_files()]),
        framework=st.sampled_from(["safety", "wellbeing", "success"]),
    )
    def start(self, name: str, framework: str) -> None:
        self.engine = Engine(find_dialogue(name), framework=framework)
        self.events = []
        self.engine.subscribe(self.events.append)
        self.given: dict[str, Any] = {}

    @precondition(lambda self: not self.engine.finished)
    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        step = self.engine.current
        assert step is not None
        value = answer_for(step, data)
        self.engine.answer(value)
        self.given[step.id] = self.engine.answers[step.id]

    @precondition(lambda self: not self.engine.finished)
    @rule()
    def skip(self) -> None:
        step = self.engine.current
        assert step is not None
        self.engine.skip()
        self.given[step.id] = None

    @precondition(lambda self: len(self.engine.path) > 1 or self.engine.finished)
    @rule()
    def back(self) -> None:
        self.engine.back()

    @rule(data=st.data())
    def jump(self, data: st.DataObject) -> None:
        self.engine.jump(data.draw(st.sampled_from(self.engine.path)))

    @precondition(lambda self: len(self.engine.done_steps()) > 0)
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        candidates = [
            s for s in self.engine.done_steps() if s != self.engine.path[-1] or self.engine.finished
        ]
        if not candidates:
            return
        step = self.engine.script.step(data.draw(st.sampled_from(candidates)))
        if step.kind == "info":
            return
        value = answer_for(step, data)
        self.engine.edit(step.id, value)
        self.given[step.id] = self.engine.answers[step.id]

    @rule()
    def save_and_restore(self) -> None:
        restored = Engine.from_json(self.engine.script, self.engine.to_json())
        assert restored.state() == self.engine.state()
        restored.subscribe(self.events.append)
        self.engine = restored

    @invariant()
    def never_loses_an_answer(self) -> None:
        for step_id, value in self.given.items():
            assert self.engine.answers[step_id] == value

    @invariant()
    def events_rebuild_the_same_state(self) -> None:
        rebuilt = Engine(self.engine.script, framework=self.engine.framework_choice)
        rebuilt.replay(self.events)
        assert rebuilt.state() == self.engine.state()

    @invariant()
    def the_map_validates_and_renders(self) -> None:
        the_map = build_map(self.engine)
        assert load_map(the_map.to_yaml()) == the_map
        for fmt in TEXT_FORMATS:  # Word and PDF are slow to build; they have their own tests
            assert render_text(the_map, fmt)


TestWalk = Walk.TestCase
TestWalk.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestWalk.pytestmark = [pytest.mark.slow]  # type: ignore[attr-defined]  # a long walk
