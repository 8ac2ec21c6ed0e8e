"""Pieces every screen shows: the line saying what the tool is and is not, and the footer."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from sos_assistant.tui_text import ui_text


class SteadyFooter(Footer):
    """A footer that rebuilds its keys only when the keys shown actually change.

    Textual's footer recomposes on every focus change; a question screen moves focus to a new
    answer widget at every step, so the stock footer rebuilt the same keys each time and cost
    most of the time between an answer and the next question.
    """

    _shown: Hashable = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (key, binding.description, enabled)
            for key, (_, binding, enabled, _) in screen.active_bindings.items()
            if binding.show
        )
        if shown == self._shown and self.children:
            self._bindings_ready = True
            return
        self._shown = shown
        super().bindings_changed(screen)


def about_and_footer() -> ComposeResult:
    yield Static(ui_text().about, classes="about", markup=False)
    yield SteadyFooter(show_command_palette=False)
