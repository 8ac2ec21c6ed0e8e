"""The conversation engine: a ``transitions`` state machine over a dialogue's steps.

The API is small, in the spirit of ink's runtime: look at :attr:`Engine.current`, then
:meth:`~Engine.answer`, :meth:`~Engine.skip`, :meth:`~Engine.back`, :meth:`~Engine.jump` or
:meth:`~Engine.edit`; :attr:`~Engine.finished` says when it is over; :meth:`~Engine.to_json` and
:meth:`~Engine.from_json` save and restore the whole state.

Every change is first described as an :class:`~sos_assistant.model.Event` and handed to the
subscribers (the store commits it to disk) *before* the state moves on, so a face never shows a
next question for an answer that was not saved. Replaying the events of a session with
:meth:`~Engine.apply` rebuilds the same state.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from transitions import EventData, Machine
from transitions.core import _LOGGER as _TRANSITIONS_LOG

from sos_assistant import content
from sos_assistant.dialogue import answers
from sos_assistant.dialogue.schema import END, Script, Step
from sos_assistant.dialogue.templating import render
from sos_assistant.model import FRAMEWORKS, Event, EventType, Framework

Listener = Callable[[Event], None]


class _QuietOverrides(logging.Filter):
    """``model_override`` makes transitions log every convenience method it rightly does not
    bind (``is_<step>``); that is the design, not a problem worth a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "due to model override policy" not in record.getMessage()


_TRANSITIONS_LOG.addFilter(_QuietOverrides())


class EngineError(ValueError):
    """A move the conversation cannot make; the message says why in plain words."""


@dataclass(frozen=True)
class Prompt:
    """A step as the person sees it: its texts rendered with what they said earlier."""

    step: Step
    ask: str
    help: str
    examples: list[str]
    choices: list[tuple[str, str, str]]
    """(value, label, explanation) for choice steps."""
    previous: Any
    """The answer given before (when coming back to the step), or None."""
    number: int
    """Which question this is (1-based), counting questions on the way here."""
    total: int
    """How many questions the dialogue has on the way through."""
    related: list[tuple[str, str]] = field(default_factory=list)
    """For ``review`` steps: (id, text) of each rule being reviewed."""
    suggestions: list[str] = field(default_factory=list)
    """For an info step: questions the person could add to theirs (``Step.suggest``)."""


class _Machine:
    """The model object the ``transitions`` Machine decorates.

    ``advance`` follows the dialogue's own arrows; ``rewind`` goes back to any step already
    seen. The trigger methods are declared here so type checkers know them; transitions binds
    the real ones (``model_override=True``).
    """

    state: str

    def advance(self, *, target: str) -> bool:
        raise RuntimeError("bound by transitions")

    def rewind(self, *, target: str) -> bool:
        raise RuntimeError("bound by transitions")

    @staticmethod
    def is_target(event: EventData) -> bool:
        transition = event.transition
        return transition is not None and event.kwargs.get("target") == transition.dest

    @staticmethod
    def on_error(event: EventData) -> None:
        raise EngineError(f"the conversation could not move on: {event.error}") from event.error


def build_machine(script: Script, model: _Machine | None = None) -> Machine:
    """The state machine of a dialogue: one state per step, plus ``end``, and the ``advance``
    arrows of the dialogue.

    ``rewind`` arrows (back to a step already seen) are added one at a time, the first time
    each is taken (:func:`allow_rewind`): made up front, one from every state to every step,
    they were most of the cost of starting an engine (2,450 for ``family-conference``)."""
    states = [s.id for s in script.steps] + [END]
    transitions: list[dict[str, Any]] = [
        {"trigger": "advance", "source": s.id, "dest": t, "conditions": "is_target"}
        for s in script.steps
        for t in script.targets(s.id)
    ]
    return Machine(
        model=model if model is not None else _Machine(),
        states=states,
        transitions=transitions,
        initial=script.first,
        auto_transitions=False,
        send_event=True,
        model_override=True,
        on_exception="on_error",
    )


def allow_rewind(machine: Machine, source: str, target: str) -> None:
    """Let ``rewind`` go from state ``source`` back to step ``target``."""
    machine.add_transition("rewind", source, target, conditions="is_target")


class Engine:
    """One person's walk through one dialogue.

    Args:
        script: the validated dialogue.
        framework: the framework chosen for this session (safety, wellbeing or success); the
            dialogue's own ``framework`` and any ``framework`` step take precedence.
    """

    def __init__(self, script: Script, *, framework: str | None = None) -> None:
        self.script = script
        self.framework_choice = framework
        self._model = _Machine()
        self._machine = build_machine(script, self._model)
        self._rewinds: set[tuple[str, str]] = set()
        """The ``rewind`` arrows added so far (from state, to step)."""
        self.path: list[str] = [script.first]
        """The steps seen, in order, ending with the current one (while not finished)."""
        self.answers: dict[str, Any] = {}
        """Answers by step id; ``None`` means skipped (or read, for info steps)."""
        self.finished = False
        self._listeners: list[Listener] = []
        self._total = len(script.questions)

    # -- reading -----------------------------------------------------------------------------

    @property
    def current(self) -> Step | None:
        """The step to show now, or None when the conversation is finished."""
        return None if self.finished else self.script.step(self.path[-1])

    @property
    def framework(self) -> Framework:
        """The dialogue's own framework, else a framework step's answer, else the session's."""
        if self.script.framework:
            return self.script.framework
        for step_id in self.path:
            step = self.script.step(step_id)
            if step.slot == "framework" and self.answers.get(step_id) in FRAMEWORKS:
                return cast(Framework, self.answers[step_id])
        if self.framework_choice in FRAMEWORKS:
            return cast(Framework, self.framework_choice)
        return "safety"

    def done_steps(self) -> list[str]:
        """Steps on the path that have been answered or skipped, in order."""
        return [s for s in self.path if s in self.answers]

    def progress(self) -> tuple[int, int]:
        """(questions answered or skipped on the way here, questions in the dialogue)."""
        done = sum(1 for s in self.done_steps() if self.script.step(s).is_question)
        return done, self._total

    def context(self, upto: int | None = None, *, with_defaults: bool = False) -> dict[str, Any]:
        """The names prompts may use: ``fw`` and every ``var`` set on the path so far.

        With ``with_defaults``, vars not reached yet take their defaults (for the map title of
        a map still in progress).
        """
        fw = content.frameworks().frameworks[self.framework].model_dump()
        fw["key"] = self.framework  # prompts may switch words: {% if fw.key == "success" %}
        ctx: dict[str, Any] = {"fw": fw}
        if with_defaults:
            ctx |= {s.var: s.default for s in self.script.steps if s.var}
        for step_id in self.path[:upto]:
            step = self.script.step(step_id)
            if step.var and step_id in self.answers:
                ctx[step.var] = answers.as_var(step, self.answers[step_id])
        return ctx

    def prompt(self, step_id: str | None = None) -> Prompt:
        """The current step (or a step on the path) with its texts rendered."""
        if step_id is None:
            if self.finished:
                raise EngineError("the conversation is finished; there is no question to show")
            step_id = self.path[-1]
        if step_id not in self.path:
            raise EngineError(f"step '{step_id}' has not been reached yet")
        position = self.path.index(step_id)
        step = self.script.step(step_id)
        ctx = self.context(position)
        number = 1 + sum(1 for s in self.path[:position] if self.script.step(s).is_question)
        return Prompt(
            step=step,
            ask=render(step.ask, ctx).strip(),
            help=render(step.help, ctx).strip(),
            examples=[render(e, ctx) for e in step.examples],
            choices=[
                (c.value, render(c.label, ctx), render(c.explain or "", ctx)) for c in step.choices
            ],
            previous=self.answers.get(step_id),
            number=number if step.is_question else max(number - 1, 0),
            total=max(self._total, number),
            related=self._related(step),
            suggestions=[render(q, ctx).strip() for q in step.suggest],
        )

    def _related(self, step: Step) -> list[tuple[str, str]]:
        if step.kind != "review" or not step.of or step.of not in self.path:
            return []
        from sos_assistant.dialogue.plan import rule_entries

        rules = self.answers.get(step.of)
        return rule_entries(rules if isinstance(rules, list) else None)

    # -- moving ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(event)`` before each change takes effect (to save it first)."""
        self._listeners.append(listener)

    def answer(self, value: Any = None) -> None:
        """Answer the current step and move on."""
        step = self._require_current()
        self._emit("answer", step.id, answers.normalise(step, value))

    def skip(self) -> None:
        """Leave the current question unanswered and move on."""
        step = self._require_current()
        if not step.skippable:
            raise EngineError(f"step '{step.id}' cannot be skipped")
        self._emit("skip", step.id, None)

    def back(self) -> None:
        """Go back to the previous step, keeping every answer."""
        if len(self.path) < 2 and not self.finished:
            raise EngineError("this is the first question; there is nowhere to go back to")
        self._emit("back", self.path[-1], None)

    def jump(self, step_id: str) -> None:
        """Go back to a step already seen; the steps after it are walked again."""
        if step_id not in self.path:
            raise EngineError(f"step '{step_id}' has not been reached yet, so it cannot be opened")
        self._emit("jump", step_id, None)

    def edit(self, step_id: str, value: Any) -> None:
        """Change the answer of a step already answered, without leaving where you are.

        If the new answer leads somewhere else (a different choice), the conversation continues
        from there.
        """
        if step_id not in self.path or (step_id == self.path[-1] and not self.finished):
            raise EngineError(f"step '{step_id}' has not been answered yet, so it cannot be edited")
        self._emit("edit", step_id, answers.normalise(self.script.step(step_id), value))

    def apply(self, event: Event) -> None:
        """Replay a saved event (without telling the subscribers); a draft moves nothing."""
        if event.type == "draft":
            return
        step = event.step
        if not self.script.has_step(step):
            raise EngineError(f"the saved step '{step}' is not in this dialogue any more")
        if event.type in ("answer", "skip"):
            current = self._require_current()
            if current.id != step:
                raise EngineError(
                    f"the saved answer is for step '{step}' but the conversation is at "
                    f"'{current.id}'"
                )
            value = answers.normalise(current, event.value) if event.type == "answer" else None
            self._do(event.type, step, value)
        else:
            self._do(event.type, step, event.value)

    def replay(self, events: Iterable[Event]) -> None:
        """Replay a saved session. A question added to the dialogue since it was saved (one
        that no saved event names, and that may be left unanswered) is passed over as skipped,
        so the session opens as it was left instead of "no longer fitting"."""
        events = list(events)
        named = {event.step for event in events}
        for event in events:
            self._pass_new_questions(event, named)
            self.apply(event)

    def _pass_new_questions(self, event: Event, named: set[str]) -> None:
        if event.type not in ("answer", "skip") or not self.script.has_step(event.step):
            return
        for _ in range(len(self.script.steps)):
            step = self.current
            if step is None or step.id == event.step or step.id in named:
                return
            if step.is_question and not step.skippable:
                return
            self._do("skip", step.id, None)

    # -- state -------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "dialogue": self.script.id,
            "version": self.script.version,
            "framework": self.framework_choice,
            "path": list(self.path),
            "answers": dict(self.answers),
            "finished": self.finished,
        }

    def to_json(self) -> str:
        return json.dumps(self.state(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, script: Script, text: str) -> Engine:
        """Restore an engine saved with :meth:`to_json`, checking it fits the dialogue."""
        try:
            data = json.loads(text)
            if data["dialogue"] != script.id:
                raise EngineError(f"this state is for dialogue '{data['dialogue']}'")
            engine = cls(script, framework=data.get("framework"))
            path = [str(s) for s in data["path"]]
            if not path or path[0] != script.first:
                raise EngineError("the saved path does not start at the first step")
            for earlier, later in itertools.pairwise(path):
                if later not in script.targets(earlier):
                    raise EngineError(f"the saved path cannot go from '{earlier}' to '{later}'")
            saved = data["answers"]
            engine.answers = {
                k: (None if v is None else answers.normalise(script.step(k), v))
                for k, v in saved.items()
            }
            engine.path = path
            engine.finished = bool(data["finished"])
            engine._model.state = END if engine.finished else path[-1]
            return engine
        except (KeyError, TypeError, json.JSONDecodeError) as error:
            raise EngineError(f"the saved state cannot be read ({error})") from None
        except answers.AnswerError as error:
            raise EngineError(f"a saved answer no longer fits: {error}") from None

    # -- internals ---------------------------------------------------------------------------

    def _require_current(self) -> Step:
        step = self.current
        if step is None:
            raise EngineError("the conversation is finished; there is no question to answer")
        return step

    def _emit(self, kind: EventType, step: str, value: Any) -> None:
        event = Event(type=kind, step=step, value=value)
        for listener in self._listeners:
            listener(event)
        self._do(kind, step, value)

    def _next_after(self, step: Step, value: Any) -> str:
        default = self.script.default_next(step.id)
        if value is None:
            return default
        if step.kind == "choice":
            chosen = next(c for c in step.choices if c.value == value)
            return chosen.next or default
        if step.kind == "confirm":
            return (step.if_yes if value else step.if_no) or default
        return default

    def _move(self, trigger: str, target: str) -> None:
        if trigger == "rewind":
            self._allow_rewind(target)
        fire = self._model.advance if trigger == "advance" else self._model.rewind
        if not fire(target=target):
            raise EngineError(f"the dialogue has no way from '{self._model.state}' to '{target}'")

    def _allow_rewind(self, target: str) -> None:
        arrow = (self._model.state, target)
        if arrow in self._rewinds:
            return
        if not self.script.has_step(target):
            raise EngineError(f"the dialogue has no way from '{arrow[0]}' to '{target}'")
        allow_rewind(self._machine, *arrow)
        self._rewinds.add(arrow)

    def _go_forward(self, step: Step) -> None:
        target = self._next_after(step, self.answers[step.id])
        self._move("advance", target)
        if target == END:
            self.finished = True
        else:
            self.path.append(target)

    def _do(self, kind: str, step_id: str, value: Any) -> None:
        if kind in ("answer", "skip"):
            self.answers[step_id] = value
            self._go_forward(self.script.step(step_id))
        elif kind == "back":
            if self.finished:
                self.finished = False
                self._move("rewind", self.path[-1])
            else:
                if len(self.path) < 2:
                    raise EngineError("there is nowhere to go back to")
                self.path.pop()
                self._move("rewind", self.path[-1])
        elif kind == "jump":
            if step_id not in self.path:
                raise EngineError(f"step '{step_id}' has not been reached yet")
            del self.path[self.path.index(step_id) + 1 :]
            self.finished = False
            self._move("rewind", step_id)
        elif kind == "edit":
            self._edit(step_id, value)
        else:
            raise EngineError(f"unknown event '{kind}'")

    def _edit(self, step_id: str, value: Any) -> None:
        step = self.script.step(step_id)
        position = self.path.index(step_id)
        old_next = self.path[position + 1] if position + 1 < len(self.path) else END
        self.answers[step_id] = value
        new_next = self._next_after(step, value)
        if new_next == old_next:
            return
        del self.path[position + 1 :]
        self.finished = False
        self._move("rewind", step_id)
        self._move("advance", new_next)
        if new_next == END:
            self.finished = True
        else:
            self.path.append(new_next)
