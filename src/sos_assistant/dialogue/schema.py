"""The dialogue file format (``version: 1``), as pydantic models.

A dialogue is a list of steps. Each question step names the map slot its answer fills, a short
help line and examples; prompts may use names given earlier (``{{ child_name }}``) through a
sandboxed jinja2 environment. See ``docs/formats.md`` for the whole format.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from sos_assistant.model import (
    READINESS_SLOTS,
    SLOT_KINDS,
    Audience,
    Framework,
    Picture,
    Role,
)

StepKind = Literal[
    "info", "text", "list", "choice", "scale", "people", "confirm", "network", "review"
]
QUESTION_KINDS: frozenset[str] = frozenset(
    {"text", "list", "choice", "scale", "people", "confirm", "network", "review"}
)

END = "end"
"""The ``next`` target that finishes the conversation."""

STEP_ID = r"^[a-z0-9][a-z0-9_-]*$"
VAR_NAME = r"^[a-z_][a-z0-9_]*$"

LIST_SLOTS: frozenset[str] = frozenset(SLOT_KINDS)
"""Slots that take statements (from ``text`` and ``list`` steps)."""

CHILD_SLOTS: frozenset[str] = frozenset(
    f"child_voice.{house}" for house in ("worries", "good_things", "dreams", "can_see")
)
"""Three Houses: the child's words, one list per house (and who may see them)."""
STORY_TEXT_SLOTS: frozenset[str] = frozenset({"story.title", "story.for_children", "story.pages"})
"""Words and Pictures: a ``story.pages`` step is one page (its ``heading`` and ``picture``)."""

SLOTS_BY_KIND: dict[str, frozenset[str]] = {
    "text": LIST_SLOTS
    | CHILD_SLOTS
    | STORY_TEXT_SLOTS
    | {"title", "people", "child_voice.child", "safety_plan.review"},
    "list": LIST_SLOTS | CHILD_SLOTS,
    "choice": frozenset({"framework", "story.age", *READINESS_SLOTS}),
    "scale": frozenset({"scaling.ratings", "child_voice.faces"}),
    "people": frozenset({"people"}),
    "confirm": frozenset(),
    "info": frozenset(),
    "network": frozenset({"network"}),
    "review": frozenset({"safety_plan.reviews"}),
}
"""Which map slots each kind of step may fill."""

MEETING_SLOTS: frozenset[str] = frozenset(
    {"meeting.kind", "meeting.date", "meeting.time", "meeting.place", "meeting.chair"}
)
"""The meeting's details, each from a ``text`` step (``meeting.date`` must read as a date)."""
PERSON_DETAIL_SLOTS: frozenset[str] = frozenset({"people.organisation", "people.phone"})
"""Details of the person added last before this step (a worker's organisation and phone)."""
SLOTS_BY_KIND["text"] = SLOTS_BY_KIND["text"] | MEETING_SLOTS | PERSON_DETAIL_SLOTS

ALL_SLOTS: frozenset[str] = frozenset().union(*SLOTS_BY_KIND.values())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One option of a ``choice`` step."""

    value: str
    """What is recorded (and what an answers file gives)."""
    label: str
    """What the person reads."""
    next: str | None = None
    """Where this option leads; defaults to the step's own ``next``."""
    explain: str | None = None
    """A short plain explanation shown beside the option."""

    @field_validator("value", mode="before")
    @classmethod
    def _words_not_booleans(cls, value: Any) -> Any:
        # YAML 1.1 turns a bare yes/no into a boolean; the author meant the word.
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class Step(_Strict):
    """One step of a conversation: something to read, or a question to answer."""

    id: Annotated[str, Field(pattern=STEP_ID)]
    kind: StepKind
    ask: str = ""
    """The question or, for ``info`` steps, the text to read. A jinja2 template."""
    help: str = ""
    """One short plain line shown under the question."""
    examples: list[str] = []
    """Example answers, shown on demand. Fictional and in plain words."""
    slot: str | None = None
    """Where the answer goes in the map (e.g. ``worries.harm``); none for steps that only steer."""
    next: str | None = None
    """The step that follows; defaults to the next step in the file, and ``end`` after the last."""
    var: Annotated[str, Field(pattern=VAR_NAME)] | None = None
    """A name later prompts can use for this answer (``child_name``)."""
    default: str = ""
    """The value of ``var`` when the step is skipped."""
    said_by: str | None = None
    """Who the statements are from, recorded on each (a template: ``{{ parent_name }}``)."""
    role: Role | None = None
    """For ``people`` and ``text`` steps filling ``people``: the role given to each person."""
    who: str | None = None
    """For ``scale`` steps: whose number this is (a template)."""
    views: bool = False
    """For ``list`` steps: each item may carry the person's own view where they disagree."""
    choices: list[Choice] = []
    """For ``choice`` steps."""
    if_yes: str | None = None
    """For ``confirm`` steps: where yes leads (defaults to ``next``)."""
    if_no: str | None = None
    """For ``confirm`` steps: where no leads (defaults to ``next``)."""
    heading: str | None = None
    """For ``story.pages`` steps: the page's heading (a template)."""
    picture: Picture | None = None
    """For ``story.pages`` steps: the picture printed on the page."""
    suggest: list[str] = []
    """For ``info`` steps: questions the person could ask (templates). One key (or the word
    ``add`` in plain mode) puts them all in their questions (``preparation.to_ask``)."""
    skippable: bool = True
    """Every question can be skipped unless the author says otherwise."""
    crisis_check: bool = True
    """Whether answers are checked against the crisis phrases."""
    of: Annotated[str, Field(pattern=STEP_ID)] | None = None
    """For ``review`` steps: the step whose statements (the plan's rules) are reviewed."""
    verbatim: bool = False
    """For ``text`` and ``list`` steps that collect the professionals' own words: kept exactly
    as typed (the coach offers no rewrite), each professional word explained beside them."""

    @model_validator(mode="after")
    def _fits_kind(self) -> Step:
        if self.kind == "choice" and len(self.choices) < 2:
            raise ValueError("a choice step needs at least two choices")
        if self.kind != "choice" and self.choices:
            raise ValueError(f"only choice steps have choices (this is a {self.kind} step)")
        if self.kind != "confirm" and (self.if_yes or self.if_no):
            raise ValueError("only confirm steps have if_yes and if_no")
        if self.kind == "review" and not self.of:
            raise ValueError("a review step needs 'of': the step with the rules it reviews")
        if self.kind != "review" and self.of:
            raise ValueError(f"only review steps have 'of' (this is a {self.kind} step)")
        if self.slot == "story.pages" and not (self.heading or "").strip():
            raise ValueError("a story page step needs 'heading': the page's heading")
        if self.kind != "info" and self.suggest:
            raise ValueError("only info steps have 'suggest' (questions the person could ask)")
        if self.kind == "info" and self.slot:
            raise ValueError("an info step has no answer, so it cannot fill a slot")
        if self.verbatim and self.kind not in ("text", "list"):
            raise ValueError(f"only text and list steps are verbatim (this is a {self.kind} step)")
        if not self.ask.strip():
            raise ValueError("every step needs 'ask': the question or text the person reads")
        values = [c.value for c in self.choices]
        if len(values) != len(set(values)):
            raise ValueError("two choices have the same value")
        return self

    @property
    def is_question(self) -> bool:
        return self.kind in QUESTION_KINDS


class Script(_Strict):
    """A whole dialogue file."""

    version: Literal[1]
    id: Annotated[str, Field(pattern=STEP_ID)]
    title: str
    description: str = ""
    audience: list[Audience] = ["family", "practitioner", "advocate"]
    """Who the dialogue is written for."""
    framework: Framework | None = None
    """A fixed framework; when unset, the person's choice (or a ``framework`` step) decides."""
    coach: Literal["off", "gentle", "full"] = "gentle"
    """How the plain-language coach speaks during this dialogue."""
    start: str | None = None
    """The first step; defaults to the first in the file."""
    map_title: str | None = None
    """The map's title, a template over the names set in the conversation."""
    steps: Annotated[list[Step], Field(min_length=1)]

    _index: dict[str, Step] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._index = {s.id: s for s in self.steps}

    def step(self, step_id: str) -> Step:
        return self._index[step_id]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._index

    @property
    def first(self) -> str:
        return self.start or self.steps[0].id

    def default_next(self, step_id: str) -> str:
        """Where a step goes when no branch says otherwise."""
        step = self.step(step_id)
        if step.next:
            return step.next
        position = next(i for i, s in enumerate(self.steps) if s.id == step_id)
        return self.steps[position + 1].id if position + 1 < len(self.steps) else END

    def targets(self, step_id: str) -> list[str]:
        """Every step (or ``end``) this step can lead to."""
        step = self.step(step_id)
        default = self.default_next(step_id)
        out = [default]
        if step.kind == "choice":
            out += [c.next or default for c in step.choices]
        if step.kind == "confirm":
            out += [step.if_yes or default, step.if_no or default]
        return list(dict.fromkeys(out))

    @property
    def questions(self) -> list[Step]:
        return [s for s in self.steps if s.is_question]
