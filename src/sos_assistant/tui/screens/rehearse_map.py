"""After questioning, write the map: harm, danger statements, safety goals and a scaling
question, with the coach's feedback as you write; then see the vignette's model map beside
your own."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from sos_assistant.rehearse.session import MAP_PARTS, SavedRehearsal
from sos_assistant.safetext import inert
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in inert(text).splitlines() if line.strip()]


class RehearseMapScreen(Screen[None]):
    """Four boxes (one statement per line), the coach under each, and the model map."""

    CSS_PATH = "rehearse.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "compare", ui_text().rehearse.key_compare, priority=True),
        Binding("escape", "home", ui_text().rehearse.key_home),
    ]

    def __init__(self, saved: SavedRehearsal, *, compare: bool = False) -> None:
        super().__init__()
        self.saved = saved
        self.start_compared = compare
        self._coach_timers: dict[str, Timer] = {}

    def compose(self) -> ComposeResult:
        words = ui_text().rehearse
        drafts = self.saved.drafts()
        with Horizontal(id="map-write"):
            with VerticalScroll(id="drafts"):
                yield Static(words.map_title, classes="title", markup=False)
                yield Static(words.map_intro, classes="hint", markup=False)
                for part in MAP_PARTS:
                    yield Static(getattr(words.parts, part), classes="part-label", markup=False)
                    yield TextArea(
                        "\n".join(drafts.get(part, [])),
                        id=f"draft-{part}",
                        classes="draft",
                        soft_wrap=True,
                        show_line_numbers=False,
                    )
                    yield Static("", id=f"coach-{part}", classes="coach-line", markup=False)
            with VerticalScroll(id="model"):
                yield Static("", id="model-text")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#model").display = False
        self.query_one("#draft-harm", TextArea).focus()
        for part in MAP_PARTS:
            self._coach(part)
        if self.start_compared:
            self.action_compare()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        part = (event.text_area.id or "").removeprefix("draft-")
        if part not in MAP_PARTS:
            return
        old = self._coach_timers.pop(part, None)
        if old is not None:
            old.stop()
        self._coach_timers[part] = self.set_timer(0.25, lambda: self._coach(part))

    def _coach(self, part: str) -> None:
        words = ui_text().rehearse
        texts = _lines(self.query_one(f"#draft-{part}", TextArea).text)
        coach = self.saved.rehearsal.coach
        out = Text()
        for text in texts:
            for finding in coach.check(text, MAP_PARTS[part]):
                if out:
                    out.append("\n")
                line = words.coach_line.format(
                    message=finding.message, suggestion=finding.suggestion
                )
                out.append_text(safe(line, "italic" if finding.advice else ""))
        if texts and not out:
            out = safe(words.coach_ok, "dim")
        self.query_one(f"#coach-{part}", Static).update(out)

    def drafts(self) -> dict[str, list[str]]:
        return {part: _lines(self.query_one(f"#draft-{part}", TextArea).text) for part in MAP_PARTS}

    def _save(self) -> None:
        drafts = self.drafts()
        if not any(drafts.values()) or (drafts == self.saved.drafts() and self.saved.finished):
            return
        from sos_assistant.store import StoreError

        try:
            self.saved.save_map(drafts)
        except StoreError as error:
            problem = ui_text().rehearse.not_saved.format(problem=error)
            self.notify(problem, severity="error", markup=False)
            return
        self.notify(ui_text().rehearse.map_saved, timeout=3)

    def model_text(self) -> Text:
        """Your map and the model, part by part."""
        words = ui_text().rehearse
        model = self.saved.rehearsal.vignette.model_map
        drafts = self.drafts()
        out = safe(words.compare_title, "bold")
        for part in MAP_PARTS:
            out.append("\n\n")
            out.append_text(safe(getattr(words.parts_short, part), "bold underline"))
            out.append("\n")
            out.append_text(safe(words.yours, "bold"))
            for text in drafts.get(part) or [words.nothing]:
                out.append_text(safe(f"\n• {text}"))
            out.append("\n")
            out.append_text(safe(words.model, "bold"))
            for text in model.part(part):
                out.append_text(safe(f"\n• {text}", "italic"))
        return out

    def action_compare(self) -> None:
        self._save()
        panel = self.query_one("#model", VerticalScroll)
        self.query_one("#model-text", Static).update(self.model_text())
        panel.display = True
        panel.scroll_home(animate=False)

    def action_home(self) -> None:
        self._save()
        from sos_assistant.tui.screens.rehearse import go_home

        go_home(self.app)

    def save_draft(self) -> None:
        """Called by the app before it stops (F10, quick exit): keep what was written."""
        self._save()
