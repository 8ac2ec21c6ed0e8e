"""Pieces every screen shows: the line saying what the tool is and is not, and the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from sos_assistant.tui_text import ui_text


def about_and_footer() -> ComposeResult:
    yield Static(ui_text().about, classes="about", markup=False)
    yield Footer(show_command_palette=False)
