"""Maps -> printable documents: Markdown, HTML, plain text (jinja2), Word and PDF.

The words of the documents live in ``content/templates/``; this module only prepares a view of
the map (columns, sections, the scaling line) and makes every piece of user text inert for the
format it goes into.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import jinja2
from pydantic import BaseModel, ConfigDict, model_validator

from sos_assistant import content, safetext
from sos_assistant.dates import long_date
from sos_assistant.explain import page
from sos_assistant.model import Map, Person, Rating, Statement
from sos_assistant.render.plan import plan_view
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import load_yaml

Format = Literal["md", "html", "txt", "docx", "pdf"]
FORMATS: tuple[str, ...] = get_args(Format)
TEXT_FORMATS = ("md", "html", "txt")
SUFFIXES = {"md": ".md", "html": ".html", "txt": ".txt", "docx": ".docx", "pdf": ".pdf"}

SCALE_STEP = 4
"""Characters between two numbers on the text scaling line."""


@dataclass
class Section:
    key: str
    title: str
    statements: list[Statement]


@dataclass
class Column:
    key: str
    title: str
    sections: list[Section]

    @property
    def empty(self) -> bool:
        return not any(s.statements for s in self.sections)


@dataclass
class Mark:
    letter: str
    rating: Rating
    row: int = 0
    """Which row of letters the mark sits in (numbers that meet go on separate rows)."""


@dataclass
class ScaleView:
    marks: list[Mark] = field(default_factory=list)
    axis: str = ""
    """The 0-10 numbers, spaced for a fixed-width font."""
    ruler: str = ""
    rows: list[str] = field(default_factory=list)
    """Letters under the ruler at each person's number (more rows when numbers meet)."""


def scale_view(ratings: list[Rating]) -> ScaleView:
    """The scaling line: letters at each person's number, for text, Markdown and HTML."""
    letters = [chr(ord("A") + i) if i < 26 else str(i + 1) for i in range(len(ratings))]
    marks = [Mark(letters[i], r) for i, r in enumerate(ratings)]
    axis = "".join(str(n).ljust(SCALE_STEP) for n in range(11)).rstrip()
    ruler = "|" + "+".join(["-" * (SCALE_STEP - 1)] * 10) + "|"
    rows: list[list[str]] = []
    for mark in marks:
        column = round(mark.rating.score * SCALE_STEP)
        span = slice(max(column - 1, 0), column + len(mark.letter) + 1)
        free = [i for i, r in enumerate(rows) if all(c == " " for c in r[span])]
        if not free:
            rows.append([" "] * (10 * SCALE_STEP + 3))
        mark.row = free[0] if free else len(rows) - 1
        row = rows[mark.row]
        row[column : column + len(mark.letter)] = list(mark.letter)
    return ScaleView(marks, axis, ruler, ["".join(r).rstrip() for r in rows])


def columns(the_map: Map) -> list[Column]:
    """The three columns with the framework's headings."""
    text = content.frameworks().frameworks[the_map.framework]
    heads, subs = text.columns, text.sections
    w, g = the_map.worries, the_map.working_well
    return [
        Column(
            "worries",
            heads.worries,
            [
                Section("harm", subs.harm, w.harm),
                Section("danger_statements", subs.danger_statements, w.danger_statements),
                Section("complicating_factors", subs.complicating_factors, w.complicating_factors),
            ],
        ),
        Column(
            "working_well",
            heads.working_well,
            [
                Section("strengths", subs.strengths, g.strengths),
                Section("existing_safety", subs.existing_safety, g.existing_safety),
            ],
        ),
        Column(
            "needs_to_happen",
            heads.needs_to_happen,
            _needs_sections(the_map, subs.safety_goals, subs.next_steps),
        ),
    ]


def _needs_sections(the_map: Map, goals_title: str, steps_title: str) -> list[Section]:
    """What needs to happen: the professionals' goals and, where the family wrote them, their
    own hopes right beside them under their own heading."""
    n = the_map.needs_to_happen
    if not n.family_goals:
        return [
            Section("safety_goals", goals_title, n.safety_goals),
            Section("next_steps", steps_title, n.next_steps),
        ]
    words = labels()
    return [
        Section("safety_goals", words.workers_goals, n.safety_goals),
        Section("family_goals", words.family_goals, n.family_goals),
        Section("next_steps", steps_title, n.next_steps),
    ]


def owner(the_map: Map) -> str | None:
    """Whose map this is: the person getting ready for the meeting, or None.

    A map with a preparation (what they want to say and ask, how ready they feel) belongs to
    that person: the one who said what they want to say and ask, else the first parent named.
    A map without one (a practitioner's) belongs to no one in it. Statements the owner said
    need no "(said by ...)"; their views read as "My view"."""
    if the_map.preparation is None:
        return None
    own = [*the_map.preparation.to_say, *the_map.preparation.to_ask]
    said = next((s.said_by for s in own if s.said_by), None)
    return said or next((p.name for p in the_map.people if p.role == "parent"), None)


def shown_said_by(statement: Statement, whose: str | None) -> str | None:
    """The "said by" to print: only where it is someone other than the map's owner."""
    if statement.said_by and statement.said_by.strip() != (whose or "").strip():
        return statement.said_by
    return None


def person_line(person: Person) -> str:
    """``Priya (worker, works at Children's Services, phone 01234 567890)``, text not escaped."""
    words = labels()
    parts = [
        words.roles.get(person.role, ""),
        person.relationship or "",
        f"{words.age} {person.age}" if person.age is not None else "",
        f"{words.organisation} {person.organisation}" if person.organisation else "",
        f"{words.phone} {person.phone}" if person.phone else "",
    ]
    details = ", ".join(p for p in parts if p)
    return f"{person.name} ({details})" if details else person.name


@dataclass
class MeetingView:
    """The meeting's details as lines of (label, words), empty when nothing is known."""

    kind: str = ""
    lines: list[tuple[str, str]] = field(default_factory=list)
    ring: list[Person] = field(default_factory=list)
    """People with a phone number to ring between meetings."""


def meeting_view(the_map: Map) -> MeetingView:
    words = labels()
    out = MeetingView(ring=[p for p in the_map.people if p.phone])
    meeting = the_map.meeting
    if meeting is None:
        return out
    out.kind = meeting.kind or ""
    when = ", ".join(
        x for x in (long_date(meeting.date) if meeting.date else "", meeting.time or "") if x
    )
    for label, value in (
        (words.meeting_when, when),
        (words.meeting_where, meeting.place or ""),
        (words.meeting_chair, meeting.chair or ""),
    ):
        if value:
            out.lines.append((label, value))
    return out


class Labels(BaseModel):
    """The fixed words around a map (headings, "said by", the readiness questions...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    title: str
    people: str
    roles: dict[str, str]
    age: str
    said_by: str
    their_view: str
    my_view: str
    who: str
    by_when: str
    answers: str
    scaling: str
    zero: str
    ten: str
    preparation: str
    to_say: str
    to_ask: str
    readiness: str
    readiness_questions: dict[str, str]
    readiness_answers: dict[str, str]
    nothing_yet: str
    made_on: str
    meeting: str
    meeting_when: str
    meeting_where: str
    meeting_chair: str
    organisation: str
    phone: str
    ring: str
    workers_goals: str
    family_goals: str
    readiness_help: dict[str, str]
    on_the_day: str
    said_on_the_day: str
    decided: str
    next_meeting: str
    page: str
    work_in_progress: str
    about: str
    still_to_do: str = "Still to do: a goal that answers this worry."
    """Printed under a danger statement that no safety goal answers yet."""

    @model_validator(mode="after")
    def _help_for_each_readiness_question(self) -> Labels:
        if set(self.readiness_help) != set(self.readiness_questions):
            raise ValueError("readiness_help needs one line for each of readiness_questions")
        return self


@cache
def labels(folder: Path | None = None) -> Labels:
    data, _ = load_yaml((folder or content_dir() / "templates") / "labels.yaml")
    return Labels.model_validate(data)


def view(the_map: Map, *, today: dt.date | None = None) -> dict[str, Any]:
    """Everything a template needs.

    ``made_on`` is the map's date, or today's when the map has none (the day it is printed)."""
    fw = content.frameworks().frameworks[the_map.framework]
    words = labels()
    whose = owner(the_map)
    return {
        "map": the_map,
        "fw": fw,
        "columns": columns(the_map),
        "scale": scale_view(the_map.scaling.ratings),
        "preparation": the_map.preparation,
        "labels": words,
        "made_on": long_date(the_map.date or today or dt.date.today()),
        "meeting": meeting_view(the_map),
        "owner": whose,
        "view_label": words.my_view if whose else words.their_view,
        "said_by": lambda s: shown_said_by(s, whose),
        "person_line": person_line,
        "plan": plan_view(the_map),
        "children": _child_view(the_map),  # the children's own words, in their own section
        **page.view_extras(the_map),
        "still_to_do": still_to_do_test(the_map),
    }


def _child_view(the_map: Map) -> Any:
    from sos_assistant.render.child import child_view

    return child_view(the_map)


def still_to_do_test(the_map: Map) -> Any:
    """A function ``still_to_do(statement) -> bool``: True for a danger statement of this map
    that no safety goal answers yet (the coach's map check; the map is never refused for it).
    Every format marks those statements with ``labels.still_to_do``."""
    dangers = the_map.worries.danger_statements
    goals = the_map.needs_to_happen.safety_goals
    if not dangers or (goals and not any(g.addresses for g in goals)):
        # What coach.mapcheck.still_to_do promises without running the rules: no danger
        # statement, or goals that name no ids (the coach can only compare words, so it only
        # advises): nothing is marked.
        return _nothing_to_do
    from sos_assistant.coach import RuleError
    from sos_assistant.coach.mapcheck import still_to_do

    try:
        indexes = still_to_do(the_map)
    except RuleError:  # rules that cannot be read (check names them) never stop a map printing
        indexes = []
    todo = [dangers[i] for i in indexes]

    def test(statement: Statement) -> bool:
        return any(statement is t for t in todo)

    return test


def _nothing_to_do(statement: Statement) -> bool:
    return False


def _html_multiline(text: str) -> Any:
    from markupsafe import Markup, escape

    # Escaping leaves new lines alone, so escaping the whole text and then turning each new
    # line into <br> is the same as escaping line by line (and several times quicker).
    return Markup(str(escape(safetext.inert(text))).replace("\n", "<br>"))


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder, so a command does not compile them again.

    jinja2 keys each entry by the template's name and file and checks the source's checksum
    (and its own and Python's version) before using it, so an edited template is simply
    compiled again. A cache that cannot be read or written is no cache: nothing fails."""

    def _trusted(self) -> bool:
        """The folder is the user's own and no one else can write to it (the entries are code
        that runs). A folder that does not exist yet is made private when first written."""
        try:
            folder = os.stat(self.directory)
        except OSError:
            return True
        getuid = getattr(os, "getuid", None)
        if getuid is None:  # Windows: the user's own profile folder
            return True
        return folder.st_uid == getuid() and not folder.st_mode & 0o022

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self._trusted():
            return  # compiled from the template instead
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry (cut short, written by something else)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if self._trusted():
                super().dump_bytecode(bucket)
        except OSError:  # read-only or full disk, no home folder: compile each time
            pass


def _template_cache(fmt: str) -> jinja2.BytecodeCache:
    from sos_assistant.resources import cache_dir

    # One folder per format: the same file compiles differently with autoescape on.
    return _TemplateCache(str(cache_dir() / "templates" / fmt))


@cache
def environment(fmt: str, folder: Path | None = None) -> jinja2.Environment:
    """The jinja2 environment for one text format (autoescape on for HTML, explicitly)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder or content_dir() / "templates"),
        autoescape=fmt == "html",
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # packaged files, read once per process: no stat per include
        bytecode_cache=_template_cache(fmt),
    )
    env.filters["inert"] = safetext.inert
    env.filters["line"] = safetext.one_line
    env.filters["md"] = safetext.markdown
    env.filters["lines"] = _html_multiline
    return env


def template_name(fmt: str) -> str:
    return f"map.{fmt}.j2"


def render_text(the_map: Map, fmt: str, *, today: dt.date | None = None) -> str:
    """The map as Markdown, HTML or plain text."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"'{fmt}' is not a text format (use {', '.join(TEXT_FORMATS)})")
    from sos_assistant.render.child import page_bytes

    page = page_bytes(the_map, fmt)  # a child's houses alone, or a story alone
    if page is not None:
        return page.decode("utf-8")
    context = view(the_map, today=today)
    return environment(fmt).get_template(template_name(fmt)).render(context)


def render_bytes(the_map: Map, fmt: str, *, today: dt.date | None = None) -> bytes:
    """The map in any format, as the bytes of a file."""
    from sos_assistant.render.child import page_bytes

    page = page_bytes(the_map, fmt)  # a child's houses alone, or a story alone
    if page is not None:
        return page
    if fmt in TEXT_FORMATS:
        return render_text(the_map, fmt, today=today).encode("utf-8")
    if fmt == "docx":
        from sos_assistant.render.docx import render_docx

        return render_docx(the_map, view(the_map, today=today))
    if fmt == "pdf":
        from sos_assistant.render.pdf import render_pdf

        return render_pdf(the_map, view(the_map, today=today))
    raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
