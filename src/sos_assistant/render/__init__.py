"""Maps -> printable documents: Markdown, HTML, plain text (jinja2), Word and PDF.

The words of the documents live in ``content/templates/``; this module only prepares a view of
the map (columns, sections, the scaling line) and makes every piece of user text inert for the
format it goes into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import jinja2
from pydantic import BaseModel, ConfigDict

from sos_assistant import content, safetext
from sos_assistant.explain import page
from sos_assistant.model import Map, Rating, Statement
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
    w, g, n = the_map.worries, the_map.working_well, the_map.needs_to_happen
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
            [
                Section("safety_goals", subs.safety_goals, n.safety_goals),
                Section("next_steps", subs.next_steps, n.next_steps),
            ],
        ),
    ]


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
    work_in_progress: str
    about: str
    still_to_do: str = "Still to do: a goal that answers this worry."
    """Printed under a danger statement that no safety goal answers yet."""


@cache
def labels(folder: Path | None = None) -> Labels:
    data, _ = load_yaml((folder or content_dir() / "templates") / "labels.yaml")
    return Labels.model_validate(data)


def view(the_map: Map) -> dict[str, Any]:
    """Everything a template needs."""
    fw = content.frameworks().frameworks[the_map.framework]
    return {
        "map": the_map,
        "fw": fw,
        "columns": columns(the_map),
        "scale": scale_view(the_map.scaling.ratings),
        "preparation": the_map.preparation,
        "labels": labels(),
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
    from sos_assistant.coach.mapcheck import still_to_do

    try:
        indexes = still_to_do(the_map)
    except Exception:  # the coach is optional for printing: never fail a map over it
        indexes = []
    dangers = the_map.worries.danger_statements
    todo = [dangers[i] for i in indexes]

    def test(statement: Statement) -> bool:
        return any(statement is t for t in todo)

    return test


def _html_multiline(text: str) -> Any:
    from markupsafe import Markup, escape

    return Markup("<br>").join(escape(line) for line in safetext.inert(text).split("\n"))


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
    )
    env.filters["inert"] = safetext.inert
    env.filters["line"] = safetext.one_line
    env.filters["md"] = safetext.markdown
    env.filters["lines"] = _html_multiline
    return env


def template_name(fmt: str) -> str:
    return f"map.{fmt}.j2"


def render_text(the_map: Map, fmt: str) -> str:
    """The map as Markdown, HTML or plain text."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"'{fmt}' is not a text format (use {', '.join(TEXT_FORMATS)})")
    from sos_assistant.render.child import page_bytes

    page = page_bytes(the_map, fmt)  # a child's houses alone, or a story alone
    if page is not None:
        return page.decode("utf-8")
    return environment(fmt).get_template(template_name(fmt)).render(view(the_map))


def render_bytes(the_map: Map, fmt: str) -> bytes:
    """The map in any format, as the bytes of a file."""
    from sos_assistant.render.child import page_bytes

    page = page_bytes(the_map, fmt)  # a child's houses alone, or a story alone
    if page is not None:
        return page
    if fmt in TEXT_FORMATS:
        return render_text(the_map, fmt).encode("utf-8")
    if fmt == "docx":
        from sos_assistant.render.docx import render_docx

        return render_docx(the_map, view(the_map))
    if fmt == "pdf":
        from sos_assistant.render.pdf import render_pdf

        return render_pdf(the_map, view(the_map))
    raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
