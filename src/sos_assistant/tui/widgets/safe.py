"""Showing user text safely: never parsed as markup, control characters made visible."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Input, Static

from sos_assistant.safetext import inert


def safe(text: str, style: str = "") -> Text:
    """User (or content) text as an inert :class:`Text`: no markup, no control characters."""
    return Text(inert(text), style=style)


def _flat(value: str) -> str:
    # One character in, one character out, so cursor and selection positions stay valid.
    return "".join(" " if c in "\n\t" else c for c in inert(value.replace("\r\n", " ")))


class SafeInput(Input):
    """An :class:`Input` whose value can never hold a control character (pasted ESC etc.)."""

    def validate_value(self, value: str) -> str:
        return _flat(value)

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(_flat(value) if value else value, **kwargs)


class SafeStatic(Static):
    """A :class:`Static` that only ever shows inert text."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(safe(text), markup=False, **kwargs)

    def show(self, text: str | Text) -> None:
        self.update(text if isinstance(text, Text) else safe(text))
