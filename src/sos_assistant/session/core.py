"""One person's conversation: :class:`Session` wraps the engine, its autosave, the crisis check,
the coach and the map, so every face behaves the same."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sos_assistant import content
from sos_assistant.dialogue import Engine, EngineError, Prompt, Script, Step, build_map
from sos_assistant.dialogue.answers import plain_text
from sos_assistant.model import SLOT_KINDS, Event, Map, Person
from sos_assistant.names import AUDIENCES
from sos_assistant.session.autosave import Autosave, progress_of
from sos_assistant.session.catalogue import find_script
from sos_assistant.session.export import export_map
from sos_assistant.store.core import Opened, Progress, Snapshot, StoreError
from sos_assistant.store.protocol import SessionStore

if TYPE_CHECKING:
    from sos_assistant.coach import Coach, Finding, MapFinding


class SessionError(StoreError):
    """A session that cannot be opened or used as asked; the message says why in plain words."""


@dataclass(frozen=True)
class Tip:
    """One of the coach's findings about one piece of an answer."""

    text: str
    """The piece of the answer it is about (one list item, the reason for a number...)."""
    finding: Finding


@dataclass(frozen=True)
class Given:
    """What happened when an answer was given (it is saved by then)."""

    step: Step
    value: Any
    """The answer as given; None when the question was skipped or a page was read."""
    crisis: bool = False
    """The answer suggests someone may be in danger right now: show where help is."""
    tips: list[Tip] = field(default_factory=list)
    """The coach's findings on the answer, in the dialogue's coach mode (none when
    :meth:`Session.give` was asked for none)."""


def coach_kind(slot: str | None) -> str:
    """The coach's statement kind for a map slot (``general`` for anything else)."""
    return SLOT_KINDS.get(slot or "", "general")


_COACH: list[Coach] = []
_COACH_LOCK = threading.Lock()


def load_coach() -> Coach:
    """The coach, loaded once on first use (a face may load it ahead, in a thread).

    Raises:
        SessionError: its rules cannot be read (the message names the file and line)."""
    with _COACH_LOCK:
        if not _COACH:
            from sos_assistant.coach import Coach, RuleError

            try:
                _COACH.append(Coach())
            except RuleError as error:
                raise SessionError(f"The coach cannot give tips: {error}") from None
        return _COACH[0]


def coach_loaded() -> bool:
    """Whether the coach's rules are loaded already."""
    return bool(_COACH)


_coach = load_coach


def _pieces(value: Any) -> Iterator[str]:
    """Each statement in an answer: a text, each list item, its view, the reason for a number."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _pieces(item)
    elif isinstance(value, dict):
        for key in ("text", "dispute", "why"):
            if isinstance(value.get(key), str):
                yield value[key]


class Session:
    """A saved conversation: every move goes through here and is saved before it is made.

    Start one with :meth:`start` (a new session, or the one of that name carried on) or
    :meth:`open` (one that exists); :meth:`view` reads one without saving anything.
    """

    def __init__(
        self, store: SessionStore | None, name: str, audience: str, engine: Engine
    ) -> None:
        self.store = store
        """Where every move is saved; None for a walk that keeps nothing (:meth:`scratch`)."""
        self.name = name
        self.audience = audience
        """Who is using it: family, practitioner or advocate."""
        self.engine = engine
        self.draft: tuple[str, Any] | None = None
        """Words typed but not given when the person last stopped: (step id, value), for the
        step shown now. A face shows them in the box; :meth:`take_draft` hands them over once."""
        self.later: list[str] = []
        """Questions the person chose to ask (F8 on the papers' words) before the walk reached
        the step for their questions: saved at once, handed to that step when it shows."""
        self._autosave: Autosave | None = None
        self.damaged: list[str] = []
        """What of the saved session could not be read ("answer 7 of this session is damaged"),
        one plain sentence each; the rest is shown, exported and carried on as usual."""

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: SessionStore,
        script: Script,
        name: str,
        *,
        framework: str | None = None,
        audience: str | None = None,
    ) -> Session:
        """Session ``name`` of ``script``, carried on if it exists, else started.

        ``framework`` and ``audience`` are kept when the session is created; a session that
        exists keeps its own.

        Raises:
            SessionError: the session belongs to another dialogue, or no longer fits it.
            StoreError: the store cannot be read or written.
        """
        if store.exists(name):
            return cls.open(store, name, script)
        if audience is not None and audience not in AUDIENCES:
            raise SessionError(f"'{audience}' is not one of: {', '.join(AUDIENCES)}.")
        engine = Engine(script, framework=framework)
        opened = store.create(
            name,
            script.id,
            progress_of(engine),
            framework_choice=framework,
            audience=audience or script.audience[0],
        )
        return cls._autosaved(store, opened, engine)

    @classmethod
    def open(cls, store: SessionStore, name: str, script: Script | None = None) -> Session:
        """The saved session ``name``, carried on from where it was left, with autosave."""
        opened = store.open_session(name)
        engine, damaged = _rebuild(opened, script)
        session = cls._autosaved(store, opened, engine)
        session.damaged = damaged
        session.draft = _last_draft(opened.events, engine)
        session.later = _questions_for_later(opened.events, engine)
        return session

    @classmethod
    def scratch(
        cls, script: Script, *, framework: str | None = None, audience: str | None = None
    ) -> Session:
        """A walk through ``script`` that saves nothing (``run`` without ``--session``)."""
        engine = Engine(script, framework=framework)
        return cls(None, script.id, audience or script.audience[0], engine)

    @classmethod
    def view(cls, store: SessionStore, name: str) -> Session:
        """The saved session ``name`` rebuilt to read: a move made on it is not saved."""
        opened = store.open_session(name)
        engine, damaged = _rebuild(opened, None)
        session = cls(store, opened.info.name, opened.info.audience, engine)
        session.damaged = damaged
        return session

    @classmethod
    def _autosaved(cls, store: SessionStore, opened: Opened, engine: Engine) -> Session:
        count = len(opened.events) + len(getattr(opened, "damaged", ()))
        autosave = Autosave(store, opened.key, engine, count)
        engine.subscribe(autosave)
        session = cls(store, opened.info.name, opened.info.audience, engine)
        session._autosave = autosave
        return session

    # -- where it is -----------------------------------------------------------------------

    @property
    def script(self) -> Script:
        return self.engine.script

    @property
    def finished(self) -> bool:
        return self.engine.finished

    @property
    def coach_mode(self) -> str:
        """``off``, ``gentle`` (a few tips about words, as for families) or ``full``."""
        return str(self.script.coach)

    def prompt(self, step_id: str | None = None) -> Prompt:
        """The step to show now (or step ``step_id``, to change its answer)."""
        return self.engine.prompt(step_id)

    def progress(self) -> Progress:
        return progress_of(self.engine)

    # -- moving ----------------------------------------------------------------------------

    def give(self, value: Any, *, tips: bool = True) -> Given:
        """Answer the step shown now; None skips a question or reads on past a page.

        The move is saved before this returns; then the answer is checked for danger-now
        phrases and (unless ``tips`` is False: the app coaches while the words are typed, so
        it does not wait for tips it would not show) given to the coach.

        Raises:
            AnswerError: the answer does not fit the question (the message says what to give).
            EngineError: the move is refused (for example a question that cannot be skipped),
                or it could not be saved (:class:`~sos_assistant.session.autosave.AutosaveError`).
        """
        step = self.engine.current
        if step is None:
            raise EngineError("This conversation is finished.")
        if value is None and step.is_question:
            self.engine.skip()
            return Given(step, None)
        # A page to read takes no answer, but one that suggests questions takes True: "add
        # these to my questions".
        kept = value if step.is_question or (step.suggest and value is True) else None
        self.engine.answer(kept)
        if step.slot == "needs_to_happen.safety_goals":
            from sos_assistant.goal_links import link_typed

            link_typed(self.engine)  # "For D2: ..." gives danger statement 2 its handle
        return self._checked(step, value if step.is_question else None, tips=tips)

    def save_draft(self, value: Any) -> bool:
        """Keep ``value`` (typed in the box of the step shown now, but not given) as a draft:
        the session is not moved, and when it is opened again the same question shows it.
        Returns False when there is nothing to keep or nowhere to keep it.

        Raises:
            AutosaveError: it could not be saved."""
        step = self.engine.current
        if value is None or step is None or not step.is_question or self._autosave is None:
            return False
        if value == self.engine.answers.get(step.id):
            return False  # the answer given before, unchanged: nothing new to keep
        self._autosave.save_draft(step.id, value)
        self.draft = (step.id, value)
        return True

    def keep_for_later(self, questions: list[str]) -> None:
        """Keep ``questions`` for the step that collects the person's own questions, saved at
        once (so a question chosen before that step is never lost on stopping).

        Raises:
            AutosaveError: they could not be saved."""
        step = next((s for s in self.script.steps if s.slot == ASK_LATER_SLOT), None)
        if step is None or self._autosave is None:
            return
        self._autosave.save_draft(step.id, list(questions))
        self.later = list(questions)

    def take_draft(self, step_id: str) -> Any:
        """The draft for ``step_id`` (once; then it is gone from memory), or None."""
        if self.draft is None or self.draft[0] != step_id:
            return None
        value = self.draft[1]
        self.draft = None
        return value

    def skip(self) -> Given:
        return self.give(None)

    def run(self, answers: Any, on_crisis: Callable[[Step, Any], None]) -> None:
        """Answer from an answers file (a list in order, or a mapping of step ids), saving
        each; ``on_crisis(step, value)`` for each answer that suggests danger now.

        Raises:
            RunError: the answers do not fit the dialogue.
            EngineError: a move was refused or could not be saved.
        """
        from sos_assistant.dialogue import run_answers

        def seen(step_id: str, value: Any) -> None:
            step = self.script.step(step_id)
            if self.is_crisis(step, value):
                on_crisis(step, value)

        run_answers(self.engine, answers, notice=seen)

    def back(self) -> None:
        self.engine.back()

    def jump(self, step_id: str) -> None:
        self.engine.jump(step_id)

    def edit(self, step_id: str, value: Any) -> Given:
        """Change the answer of ``step_id`` without moving (saved before this returns)."""
        self.engine.edit(step_id, value)
        return self._checked(self.script.step(step_id), value)

    def _checked(self, step: Step, value: Any, *, tips: bool = True) -> Given:
        if value is None:
            return Given(step, None)
        found = self.tips_for(step, value) if tips else []
        return Given(step, value, self.is_crisis(step, value), found)

    # -- checks ----------------------------------------------------------------------------

    @staticmethod
    def is_crisis(step: Step, value: Any) -> bool:
        """Whether ``value`` suggests someone is in danger now (steps may opt out)."""
        return bool(step.crisis_check) and content.crisis().matches(plain_text(value))

    @staticmethod
    def danger_pieces(step: Step, value: Any) -> list[str]:
        """The statements of ``value`` (its text, each list item, a view, a reason) that
        suggest someone is in danger now; a face asks the person whether to keep them on
        the map (:meth:`without`)."""
        if not step.crisis_check or value is None:
            return []
        check = content.crisis().matches
        return [piece for piece in _pieces(value) if check(piece)]

    @staticmethod
    def without(value: Any, pieces: list[str]) -> Any:
        """``value`` with the statements in ``pieces`` taken out (None when nothing is left):
        the words that opened the danger-now panel, when the person chose not to keep them
        on the map."""
        if isinstance(value, str):
            return None if value in pieces else value
        if isinstance(value, list):
            kept = [v for v in value if not any(p in pieces for p in _pieces(v))]
            return kept or None
        if isinstance(value, dict) and "score" in value and value.get("why") in pieces:
            return {k: v for k, v in value.items() if k != "why"}
        return value

    def coach(
        self, text: str, step: Step | None = None, people: Sequence[Person] | None = None
    ) -> list[Finding]:
        """The coach's findings on ``text`` as an answer to ``step`` (default: the current
        one), in the dialogue's coach mode; none when the dialogue turns the coach off.
        ``people`` are those named in the map (worked out from the answers when not given).

        Raises:
            SessionError: the coach's rules cannot be read.
        """
        if self.coach_mode == "off" or not text.strip():
            return []
        step = step or self.engine.current
        audience: Any = "family" if self.coach_mode == "gentle" else self.audience
        if step is not None and step.slot == "safety_plan.rules":
            from sos_assistant.coach.plan_rules import rule_findings

            return rule_findings(_coach(), text, audience)  # who and when, for families too
        kind: Any = coach_kind(step.slot if step is not None else None)
        return _coach().check(
            text,
            kind=kind,
            audience=audience,
            # "<name> is ..." is about a person named in the map
            people=self.map().people if people is None else people,
            framework=self.engine.framework,  # the tips speak the framework's words
        )

    def tips_for(self, step: Step, value: Any) -> list[Tip]:
        if self.coach_mode == "off":
            return []
        people = self.map().people  # built once for every piece of the answer
        return [Tip(piece, f) for piece in _pieces(value) for f in self.coach(piece, step, people)]

    def map_checks(self) -> list[MapFinding]:
        """The checks that look at the whole map (a goal for each danger statement, ...);
        none in a family's gentle mode."""
        if self.coach_mode != "full":
            return []
        from sos_assistant.coach.mapcheck import map_checks

        return map_checks(self.map(), _coach())

    # -- the map ---------------------------------------------------------------------------

    def map(self) -> Map:
        """The map as the answers make it now."""
        return build_map(self.engine)

    def finish(self) -> Snapshot | None:
        """Keep the map as it is now in the session's history (for the numbers over time)."""
        if self.store is None:
            return None
        return self.store.record_snapshot(self.name, self.map())

    def history(self) -> list[Snapshot]:
        return [] if self.store is None else list(self.store.history(self.name))

    def export(self, folder: Path, formats: tuple[str, ...]) -> list[Path]:
        """Save copies of the map in ``folder``, one file per format; the files written.
        The answers are on the disk first, so a copy never holds more than the store."""
        if self.store is not None:
            # If the disk refuses, the copy is still worth having: the next answer says why.
            with contextlib.suppress(StoreError):
                self.store.flush()
        return export_map(self.map(), folder, self.name, formats)


def _rebuild(opened: Opened, script: Script | None) -> tuple[Engine, list[str]]:
    from sos_assistant.dialogue import ScriptError

    info = opened.info
    if script is None:
        try:
            script = find_script(info.dialogue)
        except ScriptError:  # a dialogue that is gone, or whose file is broken
            raise SessionError(
                f"The session '{info.name}' uses the dialogue '{info.dialogue}', which is not "
                "installed."
            ) from None
    if script.id != info.dialogue:
        raise SessionError(
            f"The session '{info.name}' belongs to the dialogue '{info.dialogue}', not "
            f"'{script.id}'. Choose another session name, or open it with '{info.dialogue}'."
        )
    engine = Engine(script, framework=opened.framework_choice)
    damaged: tuple[int, ...] = tuple(getattr(opened, "damaged", ()))
    if not damaged:
        try:
            engine.replay(opened.events)
        except EngineError as error:
            raise SessionError(
                f"The session '{info.name}' no longer fits the dialogue '{info.dialogue}' (it "
                f"may have changed since): {error}"
            ) from None
        return engine, []
    return engine, _replay_around(engine, opened.events, damaged)


ASK_LATER_SLOT = "preparation.to_ask"
"""The step that collects the person's own questions."""


def _questions_for_later(events: list[Event], engine: Engine) -> list[str]:
    """The questions kept for later (a draft for the questions step) that the step has not
    taken yet: the last such draft, unless that step was answered or skipped after it."""
    steps = {s.id for s in engine.script.steps if s.slot == ASK_LATER_SLOT}
    later: list[str] = []
    for event in events:
        if event.step not in steps:
            continue
        if event.type == "draft" and isinstance(event.value, list):
            later = [str(q) for q in event.value]
        elif event.type in ("answer", "skip", "edit"):
            later = []
    return later


def _last_draft(events: list[Event], engine: Engine) -> tuple[str, Any] | None:
    """The draft kept when the person last stopped, if nothing moved since and it is for the
    step shown now."""
    if not events or events[-1].type != "draft":
        return None
    last = events[-1]
    current = engine.current
    if current is None or current.id != last.step:
        return None
    return last.step, last.value


def _replay_around(engine: Engine, events: list[Event], damaged: tuple[int, ...]) -> list[str]:
    """Replay what can be read of a damaged session: each damaged event counts as skipping
    the question it was at, and an event that no longer fits after it is left out. Returns one
    sentence for each part that was lost."""
    lost: list[int] = []
    good = iter(events)
    total = len(events) + len(damaged)
    for number in range(1, total + 1):
        if number in damaged:
            lost.append(number)
            step = engine.current
            if step is not None:
                try:
                    if step.is_question:
                        engine.skip()
                    else:
                        engine.answer(None)
                except EngineError:
                    pass
            continue
        event = next(good)
        try:
            engine.apply(event)
        except EngineError:
            lost.append(number)
    return [
        f"Answer {number} of this session is damaged, so it was left out; everything else is "
        "kept. Give that answer again if it is missing."
        for number in lost
    ]


def replay_check(dialogue: str, framework: str | None, events: list[Event]) -> Progress:
    """For :meth:`SessionStore.import_session`: replay ``events`` against ``dialogue`` and say
    where they leave the session.

    Raises:
        SessionError: the dialogue is not installed, or the events do not fit it."""
    from sos_assistant.dialogue import ScriptError

    try:
        script = find_script(dialogue)
    except ScriptError:
        raise SessionError(
            f"The session export uses the dialogue '{dialogue}', which is not installed."
        ) from None
    engine = Engine(script, framework=framework)
    try:
        engine.replay(events)
    except EngineError as error:
        raise SessionError(
            f"The session export does not fit the dialogue '{dialogue}': {error}"
        ) from None
    return progress_of(engine)
