"""The coach's findings beside the statement being typed: the words highlighted, each finding's
message and suggestion. It only shows; the screen decides what applying a suggestion means."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text


class CoachPanel(Static):
    """Shows findings (objects with start, end, message, suggestion, can_apply)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.display = False

    def show_findings(self, text: str, findings: list[Any], *, gentle: bool) -> None:
        if not findings:
            self.display = False
            return
        words = ui_text().question
        out = Text()
        if gentle:
            out.append(words.tip + " ", style="bold")
        else:
            out.append(words.coach_title + ": ", style="bold")
            shown = safe(text)
            for finding in findings:
                shown.stylize("reverse", finding.start, finding.end)
            out.append_text(shown)
        # The keys come before the tips, so they show even when the tips need scrolling.
        keys = words.coach_ignore
        if any(getattr(f, "can_apply", False) for f in findings):
            keys = words.coach_apply + "   " + words.coach_ignore
        out.append("\n" + keys, style="dim")
        for finding in findings:
            out.append("\n• ")
            found = text[finding.start : finding.end]
            if found and len(found) < len(text):
                out.append_text(safe(f"“{found}”: ", "bold"))
            out.append_text(safe(finding.message))
            if finding.suggestion:
                out.append(" ")
                out.append_text(safe(finding.suggestion, "italic"))
        self.update(out)
        self.display = True
