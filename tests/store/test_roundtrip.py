"""Round trips: export then import gives the same events and map; replayed state equals live."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from sos_assistant.dialogue import Engine, Script, build_map, find_dialogue, run_answers
from sos_assistant.store import EXPORT_FORMAT, Store, StoreError, open_store
from tests.sessions import built_map, import_session, reopen, resume
from tests.store.helpers import load_answers, run_cli
from tests.strategies import answer_for


def _finished(store: Store, script: Script, name: str = "Kai") -> Engine:
    engine = resume(store, name, script, audience="practitioner")
    run_answers(engine, load_answers())
    store.record_snapshot(name, build_map(engine))
    scale = next(s.id for s in script.steps if s.kind == "scale")
    engine.edit(scale, 9)
    store.record_snapshot(name, build_map(engine))
    return engine


def test_export_then_import_gives_identical_events_and_map(store: Store, family: Script) -> None:
    _finished(store, family)
    exported = store.export_session("Kai")
    assert exported["format"] == EXPORT_FORMAT
    assert len(exported["snapshots"]) == 2
    events, the_map, history = store.events("Kai"), built_map(store, "Kai"), store.history("Kai")
    info = store.info("Kai")
    text = json.dumps(exported, ensure_ascii=False)
    store.delete("Kai")
    imported = import_session(store, json.loads(text))
    assert imported == info
    assert store.events("Kai") == events
    assert built_map(store, "Kai").to_yaml() == the_map.to_yaml()
    assert [(s.at, s.map) for s in store.history("Kai")] == [(s.at, s.map) for s in history]
    assert store.export_session("Kai") == exported


def test_round_trip_through_the_command_line(home: Path, tmp_path: Path) -> None:
    with open_store() as store:
        _finished(store, find_dialogue("family-conference"))
    export = tmp_path / "kai.json"
    assert run_cli("sessions", "export", "Kai", "--format", "json", "-o", str(export))[0] == 0
    assert export.stat().st_mode & 0o777 == 0o600
    code, map_before, _ = run_cli("sessions", "export", "Kai", "--format", "map")
    assert code == 0 and map_before.startswith("schema: sos-map/1")
    assert run_cli("sessions", "delete", "Kai", "--yes")[0] == 0
    code, out, _ = run_cli("sessions", "import", str(export))
    assert code == 0 and "Imported 'Kai'" in out
    assert run_cli("sessions", "export", "Kai", "--format", "map")[1] == map_before
    code, again, _ = run_cli("sessions", "export", "Kai")
    assert json.loads(again) == json.loads(export.read_text(encoding="utf-8"))


def test_an_import_that_does_not_fit_saves_nothing(store: Store, family: Script) -> None:
    _finished(store, family)
    data: dict[str, Any] = store.export_session("Kai")
    data["events"][3]["step"] = "harm"  # out of order: the conversation was not there
    with pytest.raises(StoreError, match="does not fit the dialogue"):
        import_session(store, data, "broken")
    with pytest.raises(StoreError, match="not a session export"):
        import_session(store, {"format": "something else"}, "broken")
    del data["events"]
    with pytest.raises(StoreError, match="cannot be read"):
        import_session(store, data, "broken")
    assert [s.name for s in store.list_sessions()] == ["Kai"]


# -- the engine rebuilt from saved events equals the live engine --------------------------------


DIALOGUES = [str(Path(__file__).parents[1] / "fixtures" / "dialogues" / "tiny.yaml"),
             "family-conference", "advocate-understanding"]  # fmt: skip


class SavedWalk(RuleBasedStateMachine):
    """Random moves through a store-backed engine; reopening always rebuilds the same state."""

    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp(prefix="sos-walk-"))
        self.store = open_store(self.home)

    @initialize(
        dialogue=st.sampled_from(DIALOGUES), framework=st.sampled_from(["safety", "success"])
    )
    def start(self, dialogue: str, framework: str) -> None:
        self.script = find_dialogue(dialogue)
        self.engine = resume(self.store, "walk", self.script, framework=framework)

    @precondition(lambda self: not self.engine.finished)
    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        step = self.engine.current
        assert step is not None
        self.engine.answer(answer_for(step, data))

    @precondition(lambda self: not self.engine.finished and self.engine.current.skippable)
    @rule()
    def skip(self) -> None:
        self.engine.skip()

    @precondition(lambda self: len(self.engine.path) > 1 or self.engine.finished)
    @rule()
    def back(self) -> None:
        self.engine.back()

    @rule(data=st.data())
    def jump(self, data: st.DataObject) -> None:
        self.engine.jump(data.draw(st.sampled_from(self.engine.path)))

    @precondition(lambda self: any(s != self.engine.path[-1] or self.engine.finished
                                   for s in self.engine.done_steps()))  # fmt: skip
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        done = [s for s in self.engine.done_steps()
                if s != self.engine.path[-1] or self.engine.finished]  # fmt: skip
        step_id = data.draw(st.sampled_from(done))
        step = self.script.step(step_id)
        if step.kind != "info":
            self.engine.edit(step_id, answer_for(step, data))

    @rule()
    def reopen(self) -> None:
        """Another window opens the session: the same state, the same map, the same progress."""
        with open_store(self.home) as other:
            rebuilt = reopen(other, "walk", self.script)
            assert rebuilt.state() == self.engine.state()
            assert build_map(rebuilt) == build_map(self.engine)
            info = other.info("walk")
            assert (info.answered, info.total) == self.engine.progress()
            assert info.finished == self.engine.finished
            assert info.framework == self.engine.framework

    def teardown(self) -> None:
        try:
            if hasattr(self, "engine"):
                self.reopen()
        finally:
            self.store.close()
            shutil.rmtree(self.home, ignore_errors=True)


TestSavedWalk = SavedWalk.TestCase
TestSavedWalk.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSavedWalk.pytestmark = [pytest.mark.slow]  # type: ignore[attr-defined]  # a long walk
