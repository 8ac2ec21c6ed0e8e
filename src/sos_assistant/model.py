"""The map format (``sos-map/1``) and the saved-session records, as pydantic models.

Everything else in the program speaks these types. They know nothing of the UI, of files or of
the dialogue that filled them; :func:`load_map` and :func:`map_errors` turn a file's contents into
a :class:`Map` or into field-path messages such as ``scaling.ratings[1].score: must be 0-10``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from sos_assistant.names import Audience as Audience
from sos_assistant.names import Framework as Framework
from sos_assistant.names import StatementKind as StatementKind

if TYPE_CHECKING:
    import yaml

SCHEMA_ID = "sos-map/1"

Role = Literal["child", "parent", "carer", "network", "worker", "other"]
Readiness = Literal["yes", "not_sure", "no"]
KnowsWorries = Literal["yes", "partly", "no"]
ReviewStatus = Literal["working", "sometimes", "not_yet"]
FRAMEWORKS: tuple[str, ...] = get_args(Framework)
ROLES: tuple[str, ...] = get_args(Role)
AUDIENCES: tuple[str, ...] = get_args(Audience)
READINESS_VALUES: tuple[str, ...] = get_args(Readiness)
STATEMENT_KINDS: tuple[str, ...] = get_args(StatementKind)
KNOWS_WORRIES_VALUES: tuple[str, ...] = get_args(KnowsWorries)
REVIEW_STATUSES: tuple[str, ...] = get_args(ReviewStatus)


class _Strict(BaseModel):
    # defer_build: a model's validator is built on first use, so a command that never touches
    # a map (``sessions list``, the TUI's first question) does not pay for building them all.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Statement(_Strict):
    """One thing someone said, kept in their own words.

    In a file a statement may be written as a bare string; it is then a statement with only
    ``text``. It is written back the same way when nothing else is set.
    """

    text: str
    """The words, verbatim."""
    id: str | None = None
    """A short handle, so that safety goals can say which danger statement they answer."""
    said_by: str | None = None
    """Who said it, in their own naming ("Mum", "the social worker")."""
    dispute: str | None = None
    """The family's own view, kept beside a statement they do not agree with."""
    addresses: list[str] | None = None
    """For a safety goal: the ids of the danger statements it answers."""
    who: str | None = None
    """For a next step: who will do it."""
    by_when: str | None = None
    """For a next step: by when, in the person's words."""
    as_written: bool | None = None
    """True for professionals' words copied from their papers exactly as written; the page
    explains the professional words in them ("Words in the papers, in plain words")."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        data = {k: v for k, v in handler(self).items() if v is not None}
        if set(data) == {"text"}:
            return data["text"]
        return data


class Person(_Strict):
    """Someone in the child's life or in the work."""

    name: str
    role: Role = "other"
    age: Annotated[int, Field(ge=0, le=130)] | None = None
    relationship: str | None = None
    """In the person's own words: "my sister", "Jay's nan", "school nurse"."""
    organisation: str | None = None
    """For a worker: where they work ("Children's Services", "Hill Street Surgery")."""
    phone: str | None = None
    """A number to ring, as the person wrote it (between meetings, for a worker)."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class Worries(_Strict):
    harm: list[Statement] = []
    danger_statements: list[Statement] = []
    complicating_factors: list[Statement] = []


class WorkingWell(_Strict):
    strengths: list[Statement] = []
    existing_safety: list[Statement] = []


class NeedsToHappen(_Strict):
    safety_goals: list[Statement] = []
    """What the professionals need to see before the plan can end (and any bottom line)."""
    family_goals: list[Statement] = []
    """What the family hope for, kept apart from the professionals' safety goals."""
    next_steps: list[Statement] = []

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        data = handler(self)
        if not data.get("family_goals"):
            data.pop("family_goals", None)  # optional: a map without it reads as before
        return data


class Meeting(_Strict):
    """The meeting the map is for: what it is, when and where, and who chairs it."""

    kind: str | None = None
    """What the meeting is, in plain words ("Review child protection conference")."""
    date: dt.date | None = None
    time: str | None = None
    """As the person wrote it ("10am", "half past two")."""
    place: str | None = None
    chair: str | None = None
    """Who runs the meeting."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in type(self).model_fields)


class Rating(_Strict):
    """One person's own number on the scaling question."""

    who: str
    score: int | float
    why: str | None = None

    @field_validator("score", mode="before")
    @classmethod
    def _in_range(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number from 0 to 10")
        if not 0 <= value <= 10:
            raise ValueError("must be 0-10")
        return int(value) if float(value).is_integer() else value

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class Scaling(_Strict):
    question: str = ""
    zero_means: str = ""
    ten_means: str = ""
    ratings: list[Rating] = []


class ReadinessCheck(_Strict):
    prepared: Readiness | None = None
    can_take_part: Readiness | None = None
    understand_worries: Readiness | None = None
    understand_what_ends_plan: Readiness | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare ``yes``/``no`` as a boolean; the format means the words.
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class Preparation(_Strict):
    """The person's own preparation for the meeting."""

    to_say: list[Statement] = []
    to_ask: list[Statement] = []
    readiness: ReadinessCheck = ReadinessCheck.model_construct()


def _yes_no_words(value: Any) -> Any:
    # YAML 1.1 reads a bare ``yes``/``no`` as a boolean; the format means the words.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class Helper(_Strict):
    """Someone in the safety network: they know about the worries and help keep the children
    safe. Every field but ``name`` is in the family's own words and may be left out."""

    name: str
    relationship: str | None = None
    """Who they are to the family: "my sister", "Ruby's godmother", "neighbour"."""
    knows_worries: KnowsWorries | None = None
    """Whether they know about the worries: yes, partly, or no (not yet)."""
    helps_with: str | None = None
    """What they can help with, in the family's words."""
    reach: str | None = None
    """How to reach them (a phone number, where they live), if the family wants it written."""

    @field_validator("knows_worries", mode="before")
    @classmethod
    def _words(cls, value: Any) -> Any:
        return _yes_no_words(value)


Picture = Literal["family", "home", "school", "worried", "helping_hands", "plan"]
"""The simple pictures a Words and Pictures page may carry."""
PICTURES: tuple[str, ...] = get_args(Picture)
StoryAge = Literal["under_6", "6_to_9", "10_and_over"]
"""The ages a Words and Pictures story can be written for."""
STORY_AGES: tuple[str, ...] = get_args(StoryAge)


class FacesScore(_Strict):
    """A child's number on the faces scale: 0 a very sad face, 10 a big smile."""

    score: int | float
    why: str | None = None
    """The child's words about the number, verbatim."""

    @field_validator("score", mode="before")
    @classmethod
    def _in_range(cls, value: Any) -> Any:
        return Rating._in_range(value)

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class RuleMark(_Strict):
    """How one rule of the safety plan is going, at one review."""

    rule: str
    """The id of the rule (``R1``)."""
    status: ReviewStatus
    note: str | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class PlanReview(_Strict):
    """One look back at the safety plan: each rule marked working, sometimes or not yet."""

    date: dt.date
    by: str | None = None
    """Who reviewed it, in their own naming ("Mum and Auntie Rose")."""
    marks: list[RuleMark] = []
    note: str | None = None
    """Anything else said at this review."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class SafetyPlan(_Strict):
    """The family's safety plan: rules for everyday life, the children's part, and reviews."""

    rules: list[Statement] = []
    """What will happen, who does it, when, and how everyone will know. A rule may carry
    ``addresses``: the ids of the safety goals or danger statements it answers."""
    child_can: list[Statement] = []
    """What the children can do, and who they can tell, if they are worried."""
    review: str | None = None
    """When and how the plan is checked."""
    reviews: list[PlanReview] = []
    """Each review of the plan, oldest first."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None and v != []}


class ChildVoice(_Strict):
    """One child's Three Houses, in the child's own words (kept verbatim)."""

    child: str
    """The child's name, as they like to be called."""
    worries: list[Statement] = []
    """The house of worries."""
    good_things: list[Statement] = []
    """The house of good things."""
    dreams: list[Statement] = []
    """The house of dreams."""
    faces: FacesScore | None = None
    """Optional: the child's number on the faces scale."""
    can_see: list[Statement] = []
    """Who the child agreed could see their houses, in their words."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None and v != []}


class StoryPage(_Strict):
    """One page of a Words and Pictures story."""

    heading: str
    text: str
    picture: Picture | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class Story(_Strict):
    """Words and Pictures: the explanation for the children, page by page."""

    title: str = ""
    for_children: str | None = None
    """Who the story is for, in the adults' words ("Kai and Rosa")."""
    age: StoryAge | None = None
    """The age the words are written for."""
    pages: list[StoryPage] = []

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return {k: v for k, v in handler(self).items() if v is not None}


class Map(_Strict):
    """A Signs of Safety map: the three columns, the scaling, and the person's preparation."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        defer_build=True,
        json_schema_extra={"$id": "https://sos-assistant.invalid/schemas/sos-map-1.json"},
    )

    schema_: Literal["sos-map/1"] = Field("sos-map/1", alias="schema")
    framework: Framework = "safety"
    title: str | None = None
    date: dt.date | None = None
    meeting: Meeting | None = None
    people: list[Person] = []
    worries: Worries = Worries.model_construct()
    working_well: WorkingWell = WorkingWell.model_construct()
    needs_to_happen: NeedsToHappen = NeedsToHappen.model_construct()
    scaling: Scaling = Scaling.model_construct()
    preparation: Preparation | None = None
    network: list[Helper] | None = None
    """The safety network: people who know about the worries and help."""
    safety_plan: SafetyPlan | None = None
    child_voice: list[ChildVoice] | None = None
    """Three Houses: one entry per child, the child's words verbatim (see ``three-houses``)."""
    story: Story | None = None
    """Words and Pictures: the story for the children (see ``words-and-pictures``)."""

    def statements(self) -> Iterator[tuple[str, StatementKind, Statement]]:
        """Every statement with its slot path and its kind, column by column."""
        for slot, kind in SLOT_KINDS.items():
            section, field = slot.split(".")
            holder = getattr(self, section)
            if holder is None:
                continue
            for statement in getattr(holder, field):
                yield slot, kind, statement

    def to_data(self) -> dict[str, Any]:
        """The map as plain data in file order, ready for YAML or JSON."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data

    def to_yaml(self) -> str:
        return dump_yaml(self.to_data())

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


@cache
def _verbatim_dumper() -> type[yaml.SafeDumper]:
    """A YAML dumper that writes every string so that it reads back exactly.

    YAML treats NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks and would fold
    them away in plain or single-quoted text; such strings are written double-quoted, where
    they are escaped. (Made on first use: reading a map or resuming a session needs no YAML
    writer, and so does not import PyYAML here.)
    """
    import yaml

    class VerbatimDumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        style = '"' if any(c in text for c in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    VerbatimDumper.add_representer(str, represent_str)
    return VerbatimDumper


def dump_yaml(data: Any) -> str:
    """YAML for people to read (Unicode kept as is) that reads back to exactly ``data``."""
    import yaml

    return yaml.dump(
        data,
        Dumper=_verbatim_dumper(),
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


SLOT_KINDS: dict[str, StatementKind] = {
    "worries.harm": "harm",
    "worries.danger_statements": "danger",
    "worries.complicating_factors": "complicating",
    "working_well.strengths": "strength",
    "working_well.existing_safety": "safety",
    "needs_to_happen.safety_goals": "goal",
    "needs_to_happen.family_goals": "general",
    "needs_to_happen.next_steps": "next_step",
    "preparation.to_say": "general",
    "preparation.to_ask": "general",
    "safety_plan.rules": "next_step",
    "safety_plan.child_can": "general",
}
"""Map slots that hold lists of statements, and the coach's kind for each."""

READINESS_SLOTS: tuple[str, ...] = tuple(
    f"preparation.readiness.{name}" for name in ReadinessCheck.model_fields
)


class MapError(ValueError):
    """A map file that cannot be used, with one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def format_loc(loc: Sequence[str | int]) -> str:
    """``('scaling', 'ratings', 1, 'score')`` -> ``scaling.ratings[1].score``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top)"


def _clean_message(error: Any) -> str:
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "unknown key"  # the second is how pydantic words it for a dataclass
    elif error["type"] == "literal_error":
        message = message.replace("Input should be", "must be")
    elif error["type"] == "missing":
        message = "is required"
    return message


def _loc_without_union_tags(loc: Sequence[str | int]) -> list[str | int]:
    # pydantic adds pseudo-locations for union members ("str", "function-wrap[...]"); a person
    # reading the message needs the field path only.
    return [p for p in loc if isinstance(p, int) or ("[" not in p and p not in {"str"})]


def validation_problems(error: ValidationError) -> list[str]:
    """Field-path messages for every problem in a pydantic ValidationError."""
    seen: list[str] = []
    for item in error.errors():
        loc = [("schema" if p == "schema_" else p) for p in _loc_without_union_tags(item["loc"])]
        line = f"{format_loc(loc)}: {_clean_message(item)}"
        if line not in seen:
            seen.append(line)
    return seen


def map_from_data(data: Any) -> Map:
    """Validate plain data as a map, raising :class:`MapError` with field paths."""
    if not isinstance(data, dict):
        raise MapError(["(top): a map must be a mapping of keys to values"])
    if "schema" not in data:
        raise MapError(["schema: is required (write 'schema: sos-map/1' at the top)"])
    try:
        return Map.model_validate(data)
    except ValidationError as error:
        raise MapError(validation_problems(error)) from None


def load_map(text: str) -> Map:
    """Read a map from YAML or JSON text (JSON is YAML). Hostile text (aliases, deep nesting,
    huge numbers, lone surrogates, duplicate keys) is refused by :func:`yamlfile.load_data`."""
    from sos_assistant.yamlfile import YamlProblem, load_data

    try:
        data = load_data(text)
    except YamlProblem as problem:
        d = problem.diagnostic
        where = f"line {d.line}: " if d.line else ""
        message = d.message.removeprefix("YAML error: ")
        raise MapError([f"{where}not valid YAML or JSON ({message})"]) from None
    return map_from_data(data)


def map_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``sos-map/1``, as printed by ``sos-assistant schema``."""
    schema = Map.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sos-map/1"
    return schema


# ---------------------------------------------------------------------------------------------
# Saved sessions


EventType = Literal["answer", "skip", "back", "jump", "edit", "draft"]
"""``draft``: words typed but not given when the person stopped (kept so the same question
opens with them in the box); it moves nothing. Stores without drafts read as before."""


class Event(_Strict):
    """One thing a person did in a conversation. Sessions are append-only lists of these."""

    type: EventType
    step: str
    """The step the event is about: the one answered, skipped, left, jumped to or edited."""
    value: Any = None
    """The answer, for ``answer`` and ``edit``, exactly as validated by the engine."""
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
