"""The map on screen: three columns with the framework's headings, the scaling line with each
person's number and name, and the readiness check. Built from a :class:`Map`; shows only."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from sos_assistant.children import child_only, story_only
from sos_assistant.model import Map, Statement
from sos_assistant.render import columns, labels, scale_view, still_to_do_test
from sos_assistant.tui.widgets.houses import child_parts
from sos_assistant.tui.widgets.planview import plan_text
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text


def _statement(statement: Statement) -> Text:
    words = labels()
    out = Text("• ") + safe(statement.text)
    if statement.said_by:
        out.append_text(safe(f" ({words.said_by} {statement.said_by})", "dim"))
    if statement.dispute:
        out.append("\n  " + words.their_view + " ", style="italic")
        out.append_text(safe(statement.dispute))
    for key, value in ((words.who, statement.who), (words.by_when, statement.by_when)):
        if value:
            out.append_text(safe(f"\n  {key}: {value}", "dim"))
    return out


def column_text(column: Any, still_to_do: Any = None) -> Text:
    """One column; ``still_to_do(statement)`` marks danger statements no goal answers yet."""
    out = Text()
    for section in column.sections:
        out.append_text(safe(section.title, "bold underline"))
        out.append("\n")
        if not section.statements:
            out.append(labels().nothing_yet + "\n", style="dim italic")
        for statement in section.statements:
            out.append_text(_statement(statement))
            if still_to_do is not None and still_to_do(statement):
                out.append("\n  ! " + labels().still_to_do, style="bold")
            out.append("\n")
        out.append("\n")
    out.rstrip()
    return out


def scaling_text(the_map: Map) -> Text:
    words = labels()
    scaling = the_map.scaling
    out = Text()
    out.append_text(safe(words.scaling, "bold underline"))
    out.append("\n")
    if scaling.question:
        out.append_text(safe(scaling.question + "\n"))
    out.append_text(safe(f"{words.zero}: {scaling.zero_means}\n{words.ten}: {scaling.ten_means}\n"))
    if not scaling.ratings:
        out.append(ui_text().map.no_ratings, style="dim italic")
        return out
    view = scale_view(scaling.ratings)
    out.append(view.axis + "\n" + view.ruler + "\n")
    for row in view.rows:
        out.append(row + "\n", style="bold")
    for mark in view.marks:
        rating = mark.rating
        score = f"{rating.score:g}"
        out.append(f"{mark.letter} ", style="bold")
        out.append_text(safe(f"{rating.who}: {score}"))
        if rating.why:
            out.append_text(safe(f", {rating.why}", "italic"))
        out.append("\n")
    out.rstrip()
    return out


def readiness_text(the_map: Map) -> Text | None:
    preparation = the_map.preparation
    if preparation is None:
        return None
    words = labels()
    out = Text()
    for title, items in ((words.to_say, preparation.to_say), (words.to_ask, preparation.to_ask)):
        if items:
            out.append_text(safe(title, "bold underline"))
            out.append("\n")
            for statement in items:
                out.append_text(_statement(statement))
                out.append("\n")
            out.append("\n")
    readiness = preparation.readiness
    out.append_text(safe(words.readiness, "bold underline"))
    for key, question in words.readiness_questions.items():
        value = getattr(readiness, key, None)
        answer = words.readiness_answers.get(str(value), "-") if value else "-"
        out.append("\n")
        out.append_text(safe(f"{question} {answer}"))
    return out


class MapView(VerticalScroll):
    """The whole map, scrollable."""

    def __init__(self, the_map: Map, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.the_map = the_map

    def compose(self) -> ComposeResult:
        the_map = self.the_map
        if the_map.title:
            yield Static(safe(the_map.title, "bold"), classes="map-title")
        if child_only(the_map) or story_only(the_map):  # the child's houses, or a story alone
            yield from child_parts(the_map)
            return
        if the_map.people:
            people = ", ".join(
                f"{p.name} ({labels().roles.get(p.role, '')})".replace(" ()", "")
                for p in the_map.people
            )
            yield Static(safe(f"{labels().people}: {people}"), classes="map-people")
        todo = still_to_do_test(the_map)
        with Horizontal(classes="map-columns"):
            for column in columns(the_map):
                with Vertical(classes=f"map-column {column.key}"):
                    yield Static(safe(column.title, "bold reverse"), classes="column-title")
                    yield Static(column_text(column, todo), classes="column-body")
        yield Static(scaling_text(the_map), classes="map-scaling")
        readiness = readiness_text(the_map)
        if readiness is not None:
            yield Static(readiness, classes="map-readiness")
        plan = plan_text(the_map)
        if plan is not None:
            yield Static(plan, classes="map-plan")
        yield from child_parts(the_map)  # the children's words, in their own section
        yield Static(safe(labels().work_in_progress, "italic"), classes="hint")
