"""Pieces every screen shows: the line saying what the tool is and is not, and the footer."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from sos_assistant.tui_text import ui_text


class KeyBar(Widget, can_focus=False):
    """The keys that work here, on one line at the foot of every screen; clicking one presses it.

    Textual's :class:`~textual.widgets.Footer` builds a widget for every key and builds them
    again whenever the focus moves. This draws the same line as one piece of text, redrawn when
    the keys change, which makes every screen appear sooner (see ``benchmarks/bench_terminal.py``).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str, bool]] = []
        """Where each key is drawn: (first column, last column + 1, key, enabled)."""
        self._drawn: tuple[tuple[str, str, str, bool], ...] | None = None
        """The keys drawn last (action, key, words, enabled), to redraw only on a change."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Screens ask for this after every move and every change of focus; mostly the keys
        # are the same, and drawing the line again would only put off the next frame.
        if self._signature(self._keys()) != self._drawn:
            self.refresh()

    def _keys(self) -> list[tuple[Binding, bool]]:
        """The keys to draw, each action once, with whether it works now."""
        keys: list[tuple[Binding, bool]] = []
        actions: set[str] = set()
        for binding, enabled in self._shown_bindings():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append((binding, enabled))
        return keys

    @staticmethod
    def _signature(keys: list[tuple[Binding, bool]]) -> tuple[tuple[str, str, str, bool], ...]:
        return tuple((b.action, b.key, b.description, enabled) for b, enabled in keys)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str, bool]] = []
        keys = self._keys()
        for binding, enabled in keys:
            first, start = len(line), line.cell_len  # start in columns, for clicks
            line.append(f" {self.app.get_key_display(binding)} ", key_style)
            line.append(f"{binding.description} ", description_style)
            if not enabled:
                line.stylize("dim", first)
            spans.append((start, line.cell_len, binding.key, enabled))
        self._spans = spans
        self._drawn = self._signature(keys)
        return line

    def _shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The screen's keys, then the app's. Textual leaves the app's keys out of a dialog's
        bindings although its priority keys (help, danger now, quick exit...) still work
        there, and those must be on show on every screen."""
        shown = [(b.binding, b.enabled) for b in self.screen.active_bindings.values()]
        if self.screen.is_modal:
            shown += [(b, True) for b in Binding.make_bindings(self.app.BINDINGS) if b.priority]
        return shown

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return


def when_text(value: Any) -> str:
    """A moment as people read it, in their own time zone: 23 Nov 2026 18:05."""
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%d %b %Y %H:%M")
    return str(value or "")


def about_and_footer() -> ComposeResult:
    yield Static(ui_text().about, classes="about", markup=False)
    yield KeyBar()
