"""Answer widgets for the safety plan: the helpers of the safety network (``network`` steps),
and a review of the plan's rules (``review`` steps). Like the other answer widgets they are
built from a :class:`Prompt`, give the engine's shape with :meth:`value` and post
:class:`AnswerReady`; they never talk to the engine or the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from sos_assistant.dialogue import Prompt
from sos_assistant.model import REVIEW_STATUSES
from sos_assistant.render.plan import plan_labels
from sos_assistant.tui.messages import AnswerReady
from sos_assistant.tui.widgets.answers import (
    AnswerWidget,
    ItemList,
    _previous_items,
    _RowsAnswer,
)
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text

_KNOWS = ("yes", "partly", "no")


def helper_label(helper: dict[str, Any]) -> Text:
    """One helper as a line of the list: name, who they are, whether they know, and more."""
    pl = plan_labels()
    out = Text("• ") + safe(str(helper.get("name", "")), "bold")
    if helper.get("relationship"):
        out.append_text(safe(f" ({helper['relationship']})"))
    knows = helper.get("knows_worries")
    if knows:
        out.append_text(safe(f"  {pl.knows_worries}: {pl.knows.get(knows, knows)}", "italic"))
    for key, title in (("helps_with", pl.helps_with), ("reach", pl.reach)):
        if helper.get(key):
            out.append("\n  ")
            out.append_text(safe(f"{title}: {helper[key]}", "dim"))
    return out


class NetworkAnswer(_RowsAnswer):
    """Helpers, each with a name, who they are, whether they know the worries, what they can
    help with and (optionally) how to reach them."""

    DEFAULT_CSS = """
    NetworkAnswer { height: auto; }
    NetworkAnswer .helper-row { height: auto; }
    NetworkAnswer .helper-row Input { width: 1fr; }
    NetworkAnswer .helper-row Select { width: 24; }
    NetworkAnswer #none-know { color: $warning; }
    """

    _FIELDS = ("name", "relationship", "helps_with", "reach")

    def __init__(self, prompt: Prompt, **kwargs: Any) -> None:
        super().__init__(prompt, **kwargs)
        self.items = [h for h in _previous_items(prompt) if isinstance(h, dict)]

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        self.items = [h for h in _previous_items(prompt) if isinstance(h, dict)]
        self._clear()
        self._refresh_items()
        return True

    def compose(self) -> ComposeResult:
        words = ui_text()
        plan = words.plan
        yield ItemList(id="items")
        yield Static(words.question.list_empty, id="empty", classes="hint", markup=False)
        yield Static(plan.none_know, id="none-know", classes="hint", markup=False)
        yield Static(plan.helper_add, classes="hint", markup=False)
        with Horizontal(classes="helper-row"):
            yield SafeInput(placeholder=plan.helper_name, id="name")
            yield SafeInput(placeholder=plan.helper_relationship, id="relationship")
            yield Select(
                [(plan_labels().knows[k], k) for k in _KNOWS],
                prompt=plan.helper_knows,
                id="knows",
            )
        with Horizontal(classes="helper-row"):
            yield SafeInput(placeholder=plan.helper_helps, id="helps_with")
            yield SafeInput(placeholder=plan.helper_reach, id="reach")

    def _refresh_items(self, highlight: int | None = None) -> None:
        super()._refresh_items(highlight)
        nobody = bool(self.items) and not any(h.get("knows_worries") == "yes" for h in self.items)
        self.query_one("#none-know", Static).display = nobody  # gentle: it never stops anyone

    def _label(self, item: Any) -> Text:
        return helper_label(item)

    def _clear(self) -> None:
        for key in self._FIELDS:
            self.query_one(f"#{key}", Input).value = ""
        self.query_one("#knows", Select).clear()

    def _pending(self) -> dict[str, Any] | None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            return None
        helper: dict[str, Any] = {"name": name}
        for key in self._FIELDS[1:]:
            text = self.query_one(f"#{key}", Input).value.strip()
            if text:
                helper[key] = text
        knows = self.query_one("#knows", Select).value
        if isinstance(knows, str) and knows in _KNOWS:
            helper["knows_worries"] = knows
        return helper

    def value(self) -> Any:
        pending = self._pending()
        items = [*self.items, pending] if pending else list(self.items)
        return items or None

    def edit_item(self, index: int) -> None:
        self._add_pending()
        helper = self.items.pop(index)
        for key in self._FIELDS:
            self.query_one(f"#{key}", Input).value = str(helper.get(key, ""))
        knows = self.query_one("#knows", Select)
        if helper.get("knows_worries") in _KNOWS:
            knows.value = helper["knows_worries"]
        else:
            knows.clear()
        self._refresh_items()
        self.query_one("#name", Input).focus()

    def _add_pending(self) -> bool:
        pending = self._pending()
        if pending is None:
            return False
        self.items.append(pending)
        self._clear()
        self._refresh_items()
        return True

    def focus_first(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._add_pending():
            self.query_one("#name", Input).focus()
        elif event.input.id == "name":
            self.post_message(AnswerReady(self.value()))


def timeline_text(reviews: list[dict[str, Any]], rules: list[tuple[str, str]]) -> Text:
    """Earlier reviews, one line per rule: its mark at each review, oldest first."""
    pl = plan_labels()
    out = Text()
    if not reviews:
        return out
    out.append(ui_text().plan.review_before + "\n", style="bold")
    for rule_id, _ in rules:
        out.append_text(safe(f"  {rule_id}: "))
        marks = []
        for review in reviews:
            mark = next((m for m in review.get("marks", []) if m.get("rule") == rule_id), None)
            status = pl.status.get(mark["status"], "-") if mark else "-"
            marks.append(f"{review['date']} {status}")
        out.append_text(safe("  →  ".join(marks), "dim"))
        out.append("\n")
    out.rstrip()
    return out


class ReviewAnswer(AnswerWidget):
    """A review of the plan: each rule marked working, sometimes or not yet, with a note.

    The answer is the whole history: the reviews given before, and today's (a second review
    on the same day replaces that day's)."""

    DEFAULT_CSS = """
    ReviewAnswer { height: auto; }
    ReviewAnswer .rule-text { margin-top: 1; }
    ReviewAnswer .mark-row { height: auto; }
    ReviewAnswer .mark-row Select { width: 22; }
    ReviewAnswer .mark-row Input { width: 1fr; }
    """

    def __init__(self, prompt: Prompt, **kwargs: Any) -> None:
        super().__init__(prompt, **kwargs)
        self.today = dt.date.today().isoformat()

    def _history(self) -> list[dict[str, Any]]:
        previous = self.prompt.previous if isinstance(self.prompt.previous, list) else []
        return [dict(r) for r in previous if isinstance(r, dict)]

    def _todays(self) -> dict[str, Any]:
        return next((r for r in self._history() if r.get("date") == self.today), {})

    def show(self, prompt: Prompt) -> bool:
        return False  # the rows depend on the rules: build afresh

    def compose(self) -> ComposeResult:
        words = ui_text().plan
        rules = self.prompt.related
        earlier = [r for r in self._history() if r.get("date") != self.today]
        if earlier:
            yield Static(timeline_text(earlier, rules), id="timeline")
        if not rules:
            yield Static(words.review_none, classes="hint", markup=False)
            return
        today = self._todays()
        marks = {m.get("rule"): m for m in today.get("marks", [])}
        yield Static(words.review_mark, classes="hint", markup=False)
        yield SafeInput(today.get("by", ""), placeholder=words.review_by, id="by")
        options = [(plan_labels().status[s], s) for s in REVIEW_STATUSES]
        for index, (rule_id, text) in enumerate(rules):
            mark = marks.get(rule_id, {})
            yield Static(safe(f"{rule_id}. {text}"), classes="rule-text")
            with Horizontal(classes="mark-row"):
                status = mark.get("status")
                yield Select(
                    options,
                    prompt=words.status_skip,
                    value=status if status in REVIEW_STATUSES else Select.NULL,
                    id=f"status-{index}",
                )
                yield SafeInput(
                    mark.get("note", ""), placeholder=words.review_note, id=f"note-{index}"
                )

    def _review(self) -> dict[str, Any] | None:
        if not self.prompt.related:
            return None
        marks = []
        for index, (rule_id, _) in enumerate(self.prompt.related):
            status = self.query_one(f"#status-{index}", Select).value
            if not isinstance(status, str) or status not in REVIEW_STATUSES:
                continue
            mark: dict[str, Any] = {"rule": rule_id, "status": status}
            note = self.query_one(f"#note-{index}", Input).value.strip()
            if note:
                mark["note"] = note
            marks.append(mark)
        if not marks:
            return None
        review: dict[str, Any] = {"date": self.today, "marks": marks}
        by = self.query_one("#by", Input).value.strip()
        if by:
            review["by"] = by
        return review

    def value(self) -> Any:
        history = [r for r in self._history() if r.get("date") != self.today]
        review = self._review()
        if review is None:
            return self._history() or None  # nothing marked today: the history stays as it is
        return [*history, review]

    def focus_first(self) -> None:
        boxes = list(self.query(Input))
        if boxes:
            boxes[0].focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        boxes = list(self.query(Input))
        if boxes and event.input is boxes[-1]:
            self.post_message(AnswerReady(self.value()))
        else:
            self.screen.focus_next()
