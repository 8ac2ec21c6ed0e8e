"""Showing user text safely: never parsed as markup, control characters made visible."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Static

from sos_assistant.safetext import inert


def safe(text: str, style: str = "") -> Text:
    """User (or content) text as an inert :class:`Text`: no markup, no control characters."""
    return Text(inert(text), style=style)


def _flat(value: str) -> str:
    # One character in, one character out, so cursor and selection positions stay valid.
    return "".join(" " if c in "\n\t" else c for c in inert(value.replace("\r\n", " ")))


class SafeInput(Input):
    """An :class:`Input` whose value can never hold a control character (pasted ESC etc.).

    Coming to it never selects what is in it (the first key would wipe it): the cursor goes
    to the end. Ctrl+Z undoes the last change."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+z", "undo", "Undo", show=False)]

    def validate_value(self, value: str) -> str:
        return _flat(value)

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(_flat(value) if value else value, **kwargs)
        self._undo: list[str] = []
        self._undoing = False

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # Textual's Input keeps the width of its words as its virtual size, a reactive
            # that lays out the whole screen again on every change: each key, each new
            # question. A box of fixed size moves nothing else when its words change, so the
            # size is set quietly, and the box's own scrolling follows it (as the layout would
            # do). Input's own watcher then finds the size already set.
            size = Size(self.content_width, 1)
            if size != self.virtual_size:
                self.set_reactive(Widget.virtual_size, size)
                self._scroll_update(size)
        super()._watch_value(value)

    def watch_value(self, old: str, new: str) -> None:
        undo: list[str] | None = getattr(self, "_undo", None)
        if undo is not None and not self._undoing and old != new:
            undo.append(old)
            del undo[:-200]

    def action_undo(self) -> None:
        if self._undo:
            self._undoing = True
            try:
                self.value = self._undo.pop()
            finally:
                self._undoing = False
            self.cursor_position = len(self.value)

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)

    def forget_undo(self) -> None:
        """A new question is shown in this box: Ctrl+Z must not bring back the last one."""
        self._undo.clear()


class SafeStatic(Static):
    """A :class:`Static` that only ever shows inert text."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(safe(text), markup=False, **kwargs)

    def show(self, text: str | Text) -> None:
        self.update(text if isinstance(text, Text) else safe(text))
