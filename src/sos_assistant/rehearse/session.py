"""One questioning rehearsal: the worker's questions, the family member's replies, the tally and
the summary; and :class:`SavedRehearsal`, which keeps it in the store like any session.

A rehearsal is a pure function of the vignette and the questions asked, in order: replaying the
questions rebuilds every reply, so the store only needs the questions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.rehearse.questions import Classifier, Verdict, classifier
from sos_assistant.rehearse.vignettes import Member, Reply, Vignette, find_vignette

DIALOGUE = "rehearse-questions"
"""The dialogue a rehearsal is saved as."""

MAP_PARTS: dict[str, str] = {
    "harm": "harm",
    "danger_statements": "danger",
    "safety_goals": "goal",
    "scaling": "general",
}
"""The parts of the map the worker writes after questioning, and the coach's kind for each."""

_STEP_FOR_PART = {
    "harm": "harm",
    "danger_statements": "danger",
    "safety_goals": "goals",
    "scaling": "scaling-question",
}

BEST_WEIGHT: dict[str, int] = {
    "exception": 5,
    "relationship": 5,
    "scaling": 5,
    "preferred_future": 5,
    "coping": 5,
    "amplify": 4,
    "worries": 3,
    "working_well": 3,
    "next_steps": 3,
}
"""How much each helpful type counts when choosing the questions that worked best; a question
whose reply brought out something new counts 3 more."""

POOR_TYPES = ("why", "leading", "stacked")


@dataclass(frozen=True)
class Turn:
    """One question and the reply it got."""

    question: str
    verdict: Verdict
    member: str
    """The id of the family member who answered."""
    speaker: str
    """Their name, as the chat shows it."""
    reply: str
    revealed: tuple[str, ...] = ()
    """Details this reply brought out for the first time."""


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]
    open: int
    closed: int
    poor: int
    """Why, leading and stacked questions."""
    three: dict[str, int]
    """How many questions explored each of the three Signs of Safety questions."""


@dataclass(frozen=True)
class Summary:
    tally: Tally
    best: list[Turn]
    try_next: str
    words: Any = field(repr=False)

    def count_lines(self) -> list[str]:
        names = self.words.types
        return [
            self.words.summary.counts.format(count=n, name=names[t].name)
            for t, n in self.tally.counts.items()
        ]

    def lines(self) -> list[str]:
        """The summary as plain lines (plain mode and the saved note)."""
        s = self.words.summary
        out = [s.title]
        if not sum(self.tally.counts.values()):
            return [*out, s.none, "", s.try_title, self.try_next]
        out += ["  " + line for line in self.count_lines()]
        out.append(
            s.open_closed.format(
                open=self.tally.open, closed=self.tally.closed, poor=self.tally.poor
            )
        )
        out.append(s.three.format(**self.tally.three))
        if self.best:
            out += ["", s.best_title]
            out += [f"  - {t.question}" for t in self.best]
        out += ["", s.try_title, self.try_next]
        return out


_WORD = re.compile(r"[a-z']+")


class Rehearsal:
    """The worker's questions to one vignette's family, and the replies they get."""

    def __init__(self, vignette: Vignette, questions: Classifier | None = None) -> None:
        self.vignette = vignette
        self.classifier = questions or classifier()
        self.turns: list[Turn] = []
        self.revealed: set[str] = set()
        self.finished_questions = False
        self._used: set[tuple[str, str, int]] = set()
        self._current = vignette.members[0].id
        self._names = {
            m.id: {w for w in _WORD.findall(m.name.lower())} | {m.relation.lower()}
            for m in vignette.members
        }

    @property
    def coach(self) -> Any:
        return self.classifier.coach

    def _addressed(self, question: str) -> Member:
        words = set(_WORD.findall(question.lower()))
        for member in self.vignette.members:
            if self._names[member.id] & words and len(self.vignette.members) > 1:
                # "Ask your mum..." names the relation of the *other* person: only a name or
                # relation at the start, or the name anywhere, switches who answers.
                names = set(_WORD.findall(member.name.lower()))
                first = _WORD.findall(question.lower())[:1]
                if names & words or set(first) & self._names[member.id]:
                    self._current = member.id
        return self.vignette.member(self._current)

    def _choose(self, member: Member, type_name: str) -> tuple[int, Reply]:
        replies = member.replies[type_name]
        ready = [(i, r) for i, r in enumerate(replies) if set(r.after) <= self.revealed]
        fresh = [(i, r) for i, r in ready if (member.id, type_name, i) not in self._used]
        building = [(i, r) for i, r in fresh if r.after]
        if building:
            return building[0]
        if fresh:
            return fresh[0]
        asked = sum(1 for t in self.turns if t.member == member.id and t.verdict.type == type_name)
        return ready[asked % len(ready)]

    def ask(self, question: str) -> Turn:
        """The family member's reply to ``question``, and what kind of question it was."""
        verdict = self.classifier.classify(question)
        member = self._addressed(question)
        index, reply = self._choose(member, verdict.type)
        self._used.add((member.id, verdict.type, index))
        new = tuple(t for t in reply.reveals if t not in self.revealed)
        self.revealed.update(reply.reveals)
        turn = Turn(question, verdict, member.id, member.name, reply.say, new)
        self.turns.append(turn)
        return turn

    def feedback_line(self, turn: Turn) -> str:
        """One line under a question: its type, what was seen, one tip."""
        v = turn.verdict
        name = v.name[:1].upper() + v.name[1:]
        saw = f" ({v.saw[0]})" if v.saw else ""
        return f"{name}{saw}. {v.tip}"

    def tally(self) -> Tally:
        counts = Counter(t.verdict.type for t in self.turns)
        ordered = {t: counts[t] for t in QUESTION_TYPES if counts[t]}
        three_words = self.classifier.data.three_questions
        three = {
            part: sum(counts[t] for t in getattr(three_words, part))
            for part in ("worries", "working_well", "next_steps")
        }
        return Tally(
            counts=ordered,
            open=sum(counts[t] for t in self.classifier.open_types),
            closed=sum(counts[t] for t in self.classifier.closed_types),
            poor=sum(counts[t] for t in POOR_TYPES),
            three=three,
        )

    def best(self, limit: int = 3) -> list[Turn]:
        scored = [
            (BEST_WEIGHT.get(t.verdict.type, 0) + (3 if t.revealed else 0), -i, t)
            for i, t in enumerate(self.turns)
            if t.verdict.helpful and t.verdict.type in BEST_WEIGHT
        ]
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        chosen: list[Turn] = []
        types: set[str] = set()
        for _, _, turn in scored:
            if turn.verdict.type in types:
                continue
            chosen.append(turn)
            types.add(turn.verdict.type)
            if len(chosen) == limit:
                break
        return chosen

    def try_next(self, tally: Tally) -> str:
        words = self.classifier.data
        s = words.summary
        counts = Counter(t.verdict.type for t in self.turns if not t.verdict.helpful)
        # A statement is often just part of talking ("Thank you for seeing me"): the other
        # poor kinds come first.
        poor = sorted(counts.items(), key=lambda item: (item[0] == "statement", -item[1]))
        if poor:
            type_name, count = poor[0]
            text = words.types[type_name]
            return s.try_poor.format(count=count, name=text.name, tip=text.tip)
        for part in ("worries", "working_well", "next_steps"):
            if not tally.three[part]:
                return str(getattr(s.try_missing, part))
        return s.try_more

    def summary(self) -> Summary:
        tally = self.tally()
        return Summary(tally, self.best(), self.try_next(tally), self.classifier.data)


def replay(vignette: Vignette, questions: list[str]) -> Rehearsal:
    """A rehearsal rebuilt from the questions asked, in order."""
    rehearsal = Rehearsal(vignette)
    for question in questions:
        rehearsal.ask(question)
    return rehearsal


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v if isinstance(v, str) else str(v.get("text", "")) for v in value]


def new_name(vignette: Vignette, taken: set[str]) -> str:
    """A readable, unused session name: the vignette and today's date."""
    base = f"rehearse-{vignette.id}-{dt.date.today().isoformat()}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


class SavedRehearsal:
    """A rehearsal kept in the store as a session of the ``rehearse-questions`` dialogue.

    Every question is saved before its reply is returned (the growing list of questions is the
    answer to the ``questions`` step); ending the questions moves the session on to the map, and
    the map the worker writes finishes it and is kept in its history.
    """

    def __init__(self, store: Any, name: str, engine: Any, rehearsal: Rehearsal) -> None:
        self.store = store
        self.name = name
        self.engine = engine
        self.rehearsal = rehearsal

    @classmethod
    def open(cls, store: Any, vignette: Vignette, name: str | None = None) -> SavedRehearsal:
        """A new practice session (or the one called ``name``, carried on)."""
        from sos_assistant.dialogue import find_dialogue
        from sos_assistant.session import Session

        script = find_dialogue(DIALOGUE)
        if name is None:
            name = new_name(vignette, {str(getattr(s, "name", s)) for s in store.list_sessions()})
        engine = Session.start(
            store, script, name, framework=vignette.framework, audience="practitioner"
        ).engine
        if engine.current is not None and engine.current.id == "vignette":
            engine.answer(vignette.id)
        elif engine.answers.get("vignette") != vignette.id:
            from sos_assistant.store import StoreError

            raise StoreError(
                f"The session '{name}' practises with '{engine.answers.get('vignette')}', "
                f"not '{vignette.id}'."
            )
        return cls._rebuilt(store, name, engine, vignette)

    @classmethod
    def resume(cls, store: Any, name: str) -> SavedRehearsal:
        """A saved practice session, to carry on or review."""
        from sos_assistant.dialogue import find_dialogue
        from sos_assistant.session import Session

        engine = Session.open(store, name, find_dialogue(DIALOGUE)).engine
        vignette = find_vignette(str(engine.answers.get("vignette")))
        return cls._rebuilt(store, name, engine, vignette)

    @classmethod
    def _rebuilt(cls, store: Any, name: str, engine: Any, vignette: Vignette) -> SavedRehearsal:
        rehearsal = replay(vignette, _texts(engine.answers.get("questions")))
        current = engine.current
        rehearsal.finished_questions = current is None or current.id != "questions"
        return cls(store, name, engine, rehearsal)

    @property
    def questions(self) -> list[str]:
        return [t.question for t in self.rehearsal.turns]

    def ask(self, question: str) -> Turn:
        """Save the question, then return the reply."""
        self.engine.answer([*self.questions, question])
        self.engine.back()
        return self.rehearsal.ask(question)

    def reply(self, question: str) -> Turn:
        """The reply at once; :meth:`save` must follow (the app saves just after painting)."""
        return self.rehearsal.ask(question)

    def save(self) -> None:
        """Commit every question asked so far. If it fails, the questions not saved are
        taken back out of the rehearsal and the error is raised."""
        if _texts(self.engine.answers.get("questions")) == self.questions:
            return
        try:
            self.engine.answer(self.questions)
            self.engine.back()
        except Exception:
            kept = _texts(self.engine.answers.get("questions"))
            if self.engine.current is not None and self.engine.current.id != "questions":
                self.engine.back()  # the answer was saved but going back was not
                kept = self.questions
            self.rehearsal = replay(self.rehearsal.vignette, kept)
            raise

    def end_questions(self) -> None:
        if self.rehearsal.finished_questions:
            return
        if self.questions:
            self.engine.answer(self.questions)
        else:
            self.engine.skip()
        self.rehearsal.finished_questions = True

    def drafts(self) -> dict[str, list[str]]:
        """The map parts written so far (after a resume)."""
        answers = self.engine.answers
        out: dict[str, list[str]] = {}
        for part, step in _STEP_FOR_PART.items():
            value = answers.get(step)
            out[part] = [value] if isinstance(value, str) else _texts(value)
        return out

    @property
    def finished(self) -> bool:
        return bool(self.engine.finished)

    def save_map(self, drafts: dict[str, list[str]]) -> None:
        """Save the map the worker wrote, finish the session and keep the map in its history."""
        self.end_questions()
        from sos_assistant.dialogue import build_map

        if self.engine.current is None or self.engine.current.id != "harm":
            self.engine.jump("harm")
        for part, step in _STEP_FOR_PART.items():
            current = self.engine.current
            if current is None or current.id != step:
                break
            texts = [t.strip() for t in drafts.get(part, []) if t.strip()]
            if not texts:
                self.engine.skip()
            elif part == "scaling":
                self.engine.answer("\n".join(texts))
            else:
                self.engine.answer(texts)
        if self.engine.finished:
            self.store.record_snapshot(self.name, build_map(self.engine))


def is_rehearsal(info: Any) -> bool:
    """Whether a saved session (a store ``SessionInfo``) is a questioning rehearsal."""
    return getattr(info, "dialogue", None) == DIALOGUE
