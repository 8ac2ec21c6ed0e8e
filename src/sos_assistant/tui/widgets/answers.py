"""One answer widget per step kind. Each is built from a :class:`Prompt`, gives its answer with
:meth:`AnswerWidget.value` (the shape the engine takes) and posts :class:`AnswerReady` when the
person presses Enter to finish. No widget talks to the engine or the store."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from sos_assistant.dialogue import Prompt
from sos_assistant.model import ROLES
from sos_assistant.tui.messages import AnswerReady, DraftChanged, ItemAdded
from sos_assistant.tui.widgets.safe import SafeInput, SafeStatic, safe
from sos_assistant.tui.widgets.scale import ScaleBar
from sos_assistant.tui_text import ui_text


class AnswerWidget(Vertical):
    """The base: a prompt in, an answer out."""

    DEFAULT_CSS = "AnswerWidget { height: auto; }"

    def __init__(self, prompt: Prompt, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.prompt = prompt

    def value(self) -> Any:
        """The answer as the engine takes it, or None when nothing is given."""
        return None

    def draft(self) -> str:
        """The statement being typed now (for the coach); empty when none."""
        return ""

    def set_draft(self, text: str) -> None:
        """Replace the statement being typed (after the person chose a suggestion)."""

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def show(self, prompt: Prompt) -> bool:
        """Take the next step of the same kind in place, without being mounted again.

        Returns False when this widget cannot (the screen then mounts a fresh one)."""
        return False


class InfoAnswer(AnswerWidget):
    """Something to read: no answer."""

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        return True

    def compose(self) -> ComposeResult:
        yield Static(ui_text().question.info_continue, classes="hint", markup=False)


def _previous_text(prompt: Prompt) -> str:
    from sos_assistant.dialogue.answers import as_typed

    return as_typed(prompt.step, prompt.previous) if isinstance(prompt.previous, str) else ""


class TextAnswer(AnswerWidget):
    def compose(self) -> ComposeResult:
        yield SafeInput(_previous_text(self.prompt), id="text")

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        self.set_draft(_previous_text(prompt))
        return True

    def value(self) -> Any:
        text = self.query_one("#text", Input).value.strip()
        return text or None

    def draft(self) -> str:
        return self.query_one("#text", Input).value

    def set_draft(self, text: str) -> None:
        box = self.query_one("#text", Input)
        box.value = text
        box.cursor_position = len(box.value)

    @on(Input.Changed, "#text")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(DraftChanged(event.value))

    @on(Input.Submitted, "#text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerReady(self.value()))


def _item_text(item: str | dict[str, Any]) -> str:
    return item if isinstance(item, str) else str(item.get("text", ""))


class ItemList(OptionList):
    """The statements added so far; letters edit, remove and reorder the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", ui_text().keys.edit),
        Binding("r,delete", "remove", ui_text().keys.remove),
        Binding("u", "up", ui_text().keys.up),
        Binding("d", "down", ui_text().keys.down),
    ]

    def on_focus(self) -> None:
        """Coming here with Shift+Tab: an item is highlighted, so E and R work at once."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def action_edit(self) -> None:
        owner = self.parent
        if isinstance(owner, _RowsAnswer) and self.highlighted is not None:
            owner.edit_item(self.highlighted)

    def action_remove(self) -> None:
        owner = self.parent
        if isinstance(owner, _RowsAnswer) and self.highlighted is not None:
            owner.remove_item(self.highlighted)

    def action_up(self) -> None:
        owner = self.parent
        if isinstance(owner, _RowsAnswer) and self.highlighted is not None:
            owner.move_item(self.highlighted, -1)

    def action_down(self) -> None:
        owner = self.parent
        if isinstance(owner, _RowsAnswer) and self.highlighted is not None:
            owner.move_item(self.highlighted, 1)


class _RowsAnswer(AnswerWidget):
    """Shared by lists of statements and lists of people: rows, added one at a time.

    E on a row puts it back in the box to change (cursor at the end); Esc cancels the change
    and puts the row back as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_edit", ui_text().buttons.close, show=False)
    ]

    items: list[Any]
    _editing: tuple[int, Any] | None = None
    """The row being changed (its place and what it was), until it is added or Esc."""

    def action_cancel_edit(self) -> None:
        if self._editing is None:
            return
        index, item = self._editing
        self._editing = None
        self.items.insert(min(index, len(self.items)), item)
        self._clear_boxes()
        self._refresh_items(index)
        self.focus_first()

    def _clear_boxes(self) -> None:
        for box in self.query(Input):
            box.value = ""

    def _label(self, item: Any) -> Text:
        raise NotImplementedError

    def _refresh_items(self, highlight: int | None = None) -> None:
        rows = self.query_one(ItemList)
        rows.clear_options()
        rows.add_options([Option(self._label(item)) for item in self.items])
        rows.display = bool(self.items)
        self.query_one("#empty", Static).display = not self.items
        if highlight is not None and self.items:
            rows.highlighted = max(0, min(highlight, len(self.items) - 1))

    def on_mount(self) -> None:
        self._refresh_items()

    def remove_item(self, index: int) -> None:
        del self.items[index]
        self._refresh_items(index)

    def move_item(self, index: int, delta: int) -> None:
        target = index + delta
        if 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]
            self._refresh_items(target)

    def edit_item(self, index: int) -> None:
        raise NotImplementedError


def _previous_items(prompt: Prompt) -> list[Any]:
    previous = prompt.previous if isinstance(prompt.previous, list) else []
    return [dict(i) if isinstance(i, dict) else i for i in previous]


class ListAnswer(_RowsAnswer):
    """Statements, one at a time; for ``views`` steps each can carry the person's own view."""

    def __init__(self, prompt: Prompt, **kwargs: Any) -> None:
        super().__init__(prompt, **kwargs)
        self.items = _previous_items(prompt)
        self._insert_at: int | None = None
        self.links: Any = None
        """Set by the goals screen: ``links.fields()`` gives ``addresses`` for the goal being
        added, ``links.added()`` is called after it is added."""

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        self.items = _previous_items(prompt)
        self._insert_at = None
        self._editing = None
        for box in self.query(Input):
            box.value = ""
        self._show_views()
        self._refresh_items()
        return True

    def compose(self) -> ComposeResult:
        text = ui_text().question
        yield ItemList(id="items")
        yield Static(text.list_empty, id="empty", classes="hint", markup=False)
        yield Static(text.list_add, classes="hint", markup=False)
        yield SafeInput(id="item")
        # The box for the person's own view is always there, shown on ``views`` steps only,
        # so one widget takes every list step in place.
        views = bool(self.prompt.step.views)
        hint = Static(text.list_view, id="view-hint", classes="hint", markup=False)
        box = SafeInput(id="view")
        hint.display = box.display = views
        yield hint
        yield box

    def _show_views(self) -> None:
        views = bool(self.prompt.step.views)
        self.query_one("#view-hint", Static).display = views
        self.query_one("#view", Input).display = views

    def _label(self, item: Any) -> Text:
        label = Text("• ") + safe(_item_text(item))
        if isinstance(item, dict) and item.get("addresses"):
            label.append(f"  ({ui_text().question.goals_answers} ", style="dim")
            label.append_text(safe(", ".join(str(a) for a in item["addresses"]), "dim"))
            label.append(")", style="dim")
        if isinstance(item, dict) and item.get("dispute"):
            label.append("\n  ")
            label.append(ui_text().question.list_view.rstrip(":") + ": ", style="italic")
            label.append_text(safe(str(item["dispute"])))
        return label

    def _pending(self) -> Any:
        text = self.query_one("#item", Input).value.strip()
        if not text:
            return None
        item: dict[str, Any] = {"text": text}
        if self.prompt.step.views:
            view = self.query_one("#view", Input).value.strip()
            if view:
                item["dispute"] = view
        if self.links is not None:
            item.update(self.links.fields())
        return item if len(item) > 1 else text

    def _add_pending(self) -> bool:
        item = self._pending()
        if item is None:
            return False
        at = len(self.items) if self._insert_at is None else self._insert_at
        self.items.insert(at, item)
        self._insert_at = None
        if self.links is not None:
            self.links.added()
        self._editing = None
        self.query_one("#item", Input).value = ""
        if self.prompt.step.views:
            self.query_one("#view", Input).value = ""
        self._refresh_items()
        for text in (
            _item_text(item),
            str(item.get("dispute", "")) if isinstance(item, dict) else "",
        ):
            if text:
                self.post_message(ItemAdded(text))
        return True

    def take_off(self, pieces: list[str]) -> None:
        """Remove the items whose words are in ``pieces`` (the person chose not to keep
        them on the map)."""
        kept = [
            i
            for i in self.items
            if _item_text(i) not in pieces
            and (not isinstance(i, dict) or str(i.get("dispute", "")) not in pieces)
        ]
        if len(kept) != len(self.items):
            self.items = kept
            self._refresh_items()

    def value(self) -> Any:
        items = list(self.items)
        pending = self._pending()
        if pending is not None:
            at = len(items) if self._insert_at is None else self._insert_at
            items.insert(at, pending)
        return items or None

    def draft(self) -> str:
        return self.query_one("#item", Input).value

    def set_draft(self, text: str) -> None:
        box = self.query_one("#item", Input)
        box.value = text
        box.cursor_position = len(box.value)
        box.focus()

    def edit_item(self, index: int) -> None:
        self._add_pending()
        item = self.items.pop(index)
        self._insert_at = index
        self._editing = (index, item)
        self.query_one("#item", Input).value = _item_text(item)
        if self.prompt.step.views:
            dispute = item.get("dispute", "") if isinstance(item, dict) else ""
            self.query_one("#view", Input).value = str(dispute or "")
        self._refresh_items()
        box = self.query_one("#item", Input)
        box.focus()
        box.cursor_position = len(box.value)  # never selected: the next key must not wipe it

    def focus_first(self) -> None:
        self.query_one("#item", Input).focus()

    @on(Input.Changed, "#item")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(DraftChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "item" and self.prompt.step.views and event.value.strip():
            self.query_one("#view", Input).focus()
            return
        if self._add_pending():
            self.query_one("#item", Input).focus()
        elif event.input.id == "item":
            self.post_message(AnswerReady(self.value()))


class PeopleAnswer(_RowsAnswer):
    """People, each a name and a role."""

    def __init__(self, prompt: Prompt, **kwargs: Any) -> None:
        super().__init__(prompt, **kwargs)
        self.items = [p for p in _previous_items(prompt) if isinstance(p, dict)]

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        self.items = [p for p in _previous_items(prompt) if isinstance(p, dict)]
        self._editing = None
        self.query_one("#name", Input).value = ""
        self._reset_role()
        self._refresh_items()
        return True

    def _reset_role(self) -> None:
        """Each new person starts with the question's own role (not the last person's)."""
        self.query_one("#role", Select).value = self.prompt.step.role or "other"

    def _clear_boxes(self) -> None:
        super()._clear_boxes()
        self._reset_role()

    def compose(self) -> ComposeResult:
        text = ui_text().question
        yield ItemList(id="items")
        yield Static(text.list_empty, id="empty", classes="hint", markup=False)
        yield Static(text.people_add, classes="hint", markup=False)
        with Horizontal(id="person-row"):
            yield SafeInput(placeholder=text.people_name, id="name")
            yield RoleSelect(
                [(role, role) for role in ROLES],
                value=self.prompt.step.role or "other",
                allow_blank=False,
                id="role",
            )

    def _label(self, item: Any) -> Text:
        return Text("• ") + safe(str(item.get("name", ""))) + Text(f"  ({item.get('role')})")

    def _pending(self) -> dict[str, Any] | None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            return None
        role = self.query_one("#role", Select).value
        return {"name": name, "role": role if isinstance(role, str) else "other"}

    def value(self) -> Any:
        pending = self._pending()
        items = [*self.items, pending] if pending else list(self.items)
        return items or None

    def edit_item(self, index: int) -> None:
        person = self.items.pop(index)
        self._editing = (index, person)
        self.query_one("#name", Input).value = str(person.get("name", ""))
        self.query_one("#role", Select).value = person.get("role", "other")
        self._refresh_items()
        box = self.query_one("#name", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def focus_first(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.add_person():
            self.post_message(AnswerReady(self.value()))

    def add_person(self) -> bool:
        """Add the person typed (from Enter on the name or on the role box); False if none."""
        pending = self._pending()
        if pending is None:
            return False
        if self._editing is not None:
            self.items.insert(min(self._editing[0], len(self.items)), pending)
        else:
            self.items.append(pending)
        self._editing = None
        self.query_one("#name", Input).value = ""
        self._reset_role()
        self._refresh_items()
        self.query_one("#name", Input).focus()
        return True


class RoleSelect(Select[str]):
    """The role box: Enter adds the person (as on the name box); Space or Down opens the
    roles to choose from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "add_person", ui_text().keys.next, show=False),
    ]

    def action_add_person(self) -> None:
        owner = self.parent.parent if self.parent is not None else None
        if isinstance(owner, PeopleAnswer):
            owner.add_person()


class _OptionsAnswer(AnswerWidget):
    """A choice among options; Enter (or a click) chooses."""

    def options(self) -> list[tuple[Any, Text]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield OptionList(*[Option(label) for _, label in self.options()], id="options")

    def on_mount(self) -> None:
        self._highlight_previous()

    def _highlight_previous(self) -> None:
        values = [v for v, _ in self.options()]
        box = self.query_one("#options", OptionList)
        box.highlighted = (
            values.index(self.prompt.previous) if self.prompt.previous in values else 0
        )

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        box = self.query_one("#options", OptionList)
        box.clear_options()
        box.add_options([Option(label) for _, label in self.options()])
        self._highlight_previous()
        return True

    def value(self) -> Any:
        index = self.query_one("#options", OptionList).highlighted
        return None if index is None else self.options()[index][0]

    @on(OptionList.OptionSelected, "#options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerReady(self.options()[event.option_index][0]))


class ChoiceAnswer(_OptionsAnswer):
    def options(self) -> list[tuple[Any, Text]]:
        out: list[tuple[Any, Text]] = []
        for value, label, explain in self.prompt.choices:
            text = safe(label, "bold")
            if explain:
                text.append("\n")
                text.append_text(safe(explain))
            out.append((value, text))
        return out


class ConfirmAnswer(_OptionsAnswer):
    def options(self) -> list[tuple[Any, Text]]:
        text = ui_text().question
        return [(True, Text(text.yes)), (False, Text(text.no))]


def _previous_rating(prompt: Prompt) -> tuple[int | None, str]:
    previous = prompt.previous if isinstance(prompt.previous, dict) else {}
    score = previous.get("score")
    return (int(score) if isinstance(score, int | float) else None), str(previous.get("why") or "")


class ScaleAnswer(AnswerWidget):
    def compose(self) -> ComposeResult:
        text = ui_text().question
        score, why = _previous_rating(self.prompt)
        yield ScaleBar(score, id="scale")
        yield Static(text.scale_help, classes="hint", markup=False)
        yield Static(text.scale_why, classes="hint", markup=False)
        yield SafeInput(why, id="why")

    def show(self, prompt: Prompt) -> bool:
        self.prompt = prompt
        score, why = _previous_rating(prompt)
        self.query_one(ScaleBar).score = score
        self.query_one("#why", Input).value = why
        return True

    def value(self) -> Any:
        score = self.query_one(ScaleBar).score
        if score is None:
            return None
        why = self.query_one("#why", Input).value.strip()
        return {"score": score, "why": why} if why else {"score": score}

    def draft(self) -> str:
        return self.query_one("#why", Input).value

    def set_draft(self, text: str) -> None:
        self.query_one("#why", Input).value = text

    @on(Input.Changed, "#why")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(DraftChanged(event.value))

    @on(Input.Submitted, "#why")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerReady(self.value()))

    def on_key(self, event: Any) -> None:
        if getattr(event, "key", "") == "enter" and self.query_one(ScaleBar).has_focus:
            event.stop()
            self.query_one("#why", Input).focus()


WIDGETS: dict[str, type[AnswerWidget]] = {
    "info": InfoAnswer,
    "text": TextAnswer,
    "list": ListAnswer,
    "people": PeopleAnswer,
    "choice": ChoiceAnswer,
    "confirm": ConfirmAnswer,
    "scale": ScaleAnswer,
}


def _plan_widgets() -> None:
    # The safety plan's widgets live in their own module, which builds on the ones above.
    from sos_assistant.tui.widgets.plan import NetworkAnswer, ReviewAnswer

    WIDGETS.update({"network": NetworkAnswer, "review": ReviewAnswer})


def answer_widget(prompt: Prompt) -> AnswerWidget:
    """The widget for a prompt's kind of step."""
    if prompt.step.kind not in WIDGETS:
        _plan_widgets()
    return WIDGETS[prompt.step.kind](prompt, classes="answer")


__all__ = ["WIDGETS", "AnswerWidget", "SafeStatic", "answer_widget"]
