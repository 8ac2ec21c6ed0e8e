"""The map: read it, change any answer, save a copy, see the numbers over time."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path, PurePath
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from sos_assistant.children import children_words
from sos_assistant.dialogue.answers import as_var
from sos_assistant.model import Map
from sos_assistant.render import scale_view
from sos_assistant.session import (
    DEFAULT_EXPORT_FORMATS,
    EXPORT_FORMATS,
    Session,
    default_export_folder,
    export_map,
)
from sos_assistant.store import Snapshot, StoreError
from sos_assistant.tui.screens.children import (
    add_child,
    child_buttons,
    from_family,
    with_children,
)
from sos_assistant.tui.screens.common import about_and_footer, when_text
from sos_assistant.tui.widgets.mapview import MapView
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui.widgets.ticks import TickList
from sos_assistant.tui_text import ui_text

MAP_CSS: list[str | PurePath] = ["map.tcss", "dialogs.tcss"]
"""The map screen and its dialogs share these stylesheets (loaded when first shown)."""


class MapScreen(Screen[None]):
    CSS_PATH = MAP_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown on the buttons, not in the footer: the footer must keep the keys for help,
        # danger and quick exit visible at 80 columns.
        Binding("c", "change", ui_text().buttons.edit, show=False),
        Binding("s", "export", ui_text().buttons.export, show=False),
        Binding("n", "history", ui_text().buttons.history, show=False),
        Binding("v", "review_plan", ui_text().plan.review_button, show=False),
        Binding("escape", "close", ui_text().keys.back, show=False),
        Binding("a", "add_child", children_words().app.add_child, show=False),
        Binding("f", "from_family", children_words().app.from_family, show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_once = False
        self.child_houses: list[str] = []
        """The Three Houses sessions chosen to show with this map (never added on their own)."""

    def shown_map(self) -> Map:
        """The session's map, with the children's houses chosen for it."""
        return with_children(self.session, self.child_houses)

    def compose(self) -> ComposeResult:
        words = ui_text()
        with Vertical(id="map-box"):
            if self.session.engine.finished:
                yield Static(
                    safe(words.question.finished_title + " " + words.question.finished_body),
                    classes="important",
                )
            yield MapView(self.shown_map(), id="map-view")
            with Horizontal(id="buttons"):
                yield Button(words.buttons.edit + " (C)", id="change", compact=True)
                yield Button(
                    words.buttons.export + " (S)", id="export", variant="primary", compact=True
                )
                yield Button(words.buttons.history + " (N)", id="history", compact=True)
                if self._review_step():
                    yield Button(words.plan.review_button + " (V)", id="review", compact=True)
                yield from child_buttons(self.session)  # add a child's houses, or fill a story
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one(MapView).focus()

    async def refresh_map(self) -> None:
        old = self.query_one(MapView)
        box = self.query_one("#map-box", Vertical)
        await old.remove()
        await box.mount(MapView(self.shown_map(), id="map-view"), before=self.query_one("#buttons"))
        self.query_one(MapView).focus()

    async def on_screen_resume(self) -> None:
        if self._shown_once:
            if self.session.engine.finished:
                # A changed answer or a review of the plan: keep the new map in the history
                # (nothing is kept when nothing changed).
                try:
                    self.session.finish()
                except StoreError as error:  # the answers are saved; only the history missed it
                    self.notify(str(error), severity="warning", markup=False)
            await self.refresh_map()
        self._shown_once = True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {
            "change": self.action_change,
            "export": self.action_export,
            "history": self.action_history,
            "review": self.action_review_plan,
            "add-child": self.action_add_child,
            "from-family": self.action_from_family,
        }[event.button.id or "change"]()

    def action_close(self) -> None:
        if self.session.engine.finished:
            self.action_change()
        else:
            self.dismiss(None)

    def action_change(self) -> None:
        def chosen(step_id: str | None) -> None:
            if step_id:
                self.app.edit_answer(step_id)  # type: ignore[attr-defined]

        self.app.push_screen(EditPickScreen(self.session), chosen)

    def _review_step(self) -> str | None:
        """The safety plan's review question, once the walk has passed it."""
        engine = self.session.engine
        steps = (engine.script.step(s) for s in engine.path)
        return next((s.id for s in steps if s.kind == "review"), None)

    def action_review_plan(self) -> None:
        step_id = self._review_step()
        if step_id:
            self.app.edit_answer(step_id)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.session, self.shown_map()))

    def action_add_child(self) -> None:
        add_child(self)

    def action_from_family(self) -> None:
        from_family(self)

    def action_history(self) -> None:
        self.app.push_screen(HistoryScreen(self.session))


def _first_sentence(text: str) -> str:
    """A question's first sentence ("What is your child's name?"), enough to recognise it."""
    return re.split(r"(?<=[?.!])\s", " ".join(text.split()), maxsplit=1)[0]


def _short(text: str, width: int = 70) -> str:
    """One line of at most ``width`` characters, cut between words where there are any."""
    line = " ".join(text.split())
    short = textwrap.shorten(line, width=width, placeholder=" …")
    if short.strip(" …") or not line:
        return short
    return line[: width - 1] + "…"  # one long word: cut it


class EditPickScreen(ModalScreen[str | None]):
    """Choose the answer to change."""

    CSS_PATH = MAP_CSS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", ui_text().keys.close)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        engine = session.engine
        current = None if engine.finished else engine.path[-1]
        self.steps = [s for s in engine.path if s != current and engine.script.step(s).is_question]

    def compose(self) -> ComposeResult:
        words = ui_text().map
        engine = self.session.engine
        with Vertical(classes="dialog"):
            yield Static(words.edit_title, classes="title", markup=False)
            if not self.steps:
                yield Static(words.edit_empty, markup=False)
            options = []
            for step_id in self.steps:
                prompt = engine.prompt(step_id)
                value = engine.answers.get(step_id)
                label = safe(_short(_first_sentence(prompt.ask)), "bold")
                shown = "-" if value is None else as_var(prompt.step, value)
                label.append("\n  ")
                label.append_text(safe(_short(shown), "italic"))
                options.append(Option(label, id=step_id))
            yield OptionList(*options, id="steps")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#steps", OptionList).focus()

    @on(OptionList.OptionSelected, "#steps")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[None]):
    """Save the map as Markdown, web page and plain text into a folder the person picks."""

    CSS_PATH = MAP_CSS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", ui_text().keys.close)]

    def __init__(self, session: Session, the_map: Map | None = None) -> None:
        super().__init__()
        self.session = session
        self.the_map = the_map
        """The map to save, when it is not just the session's (a child's houses added)."""
        self.saved: list[Path] = []
        """The files saved, the printable one first (what "Open the PDF" opens)."""

    def compose(self) -> ComposeResult:
        words = ui_text()
        names = words.map.format_names
        with Vertical(classes="dialog", id="export-box"):
            with VerticalScroll():
                yield Static(words.map.export_title, classes="title", markup=False)
                yield Static(words.map.export_folder, markup=False)
                yield SafeInput(str(default_export_folder()), id="folder")
                yield Static(words.map.export_formats, markup=False)
                yield TickList[str](
                    *(
                        (names.get(fmt, fmt), fmt, fmt in DEFAULT_EXPORT_FORMATS)
                        for fmt in EXPORT_FORMATS
                    ),
                    id="formats",
                )
                yield Static("", id="export-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(words.buttons.save, id="save", variant="primary")
                # Offered once saved, where the computer has a program to open them with.
                yield Button(words.map.open_folder, id="open-folder", classes="-after-save")
                yield Button("", id="open-file", classes="-after-save")
                yield Button(words.buttons.close, id="close")
        yield from about_and_footer()

    def on_mount(self) -> None:
        for button in self.query(".-after-save"):
            button.display = False
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        elif event.button.id in ("open-folder", "open-file"):
            self.open_saved(event.button.id == "open-file")
        else:
            self.dismiss(None)

    def open_saved(self, file: bool) -> None:
        """Open the folder (or the printable file) in the computer's own program."""
        from sos_assistant.opener import open_path

        if not self.saved:
            return
        target = self.saved[0] if file else self.saved[0].parent
        if not open_path(target):
            words = ui_text().map
            self.query_one("#export-result", Static).update(
                safe(words.cannot_open.format(folder=self.saved[0].parent))
            )

    @on(Input.Submitted, "#folder")
    def _folder_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> list[Path]:
        words = ui_text().map
        folder = Path(self.query_one("#folder", Input).value.strip() or default_export_folder())
        chosen = set(self.query_one("#formats", SelectionList).selected)
        formats = tuple(f for f in EXPORT_FORMATS if f in chosen)
        result = self.query_one("#export-result", Static)
        try:
            the_map = self.the_map or self.session.map()  # with any children's houses chosen
            files = export_map(the_map, folder, self.session.name, formats)
            self.session.finish()
        except OSError as error:
            result.update(safe(words.export_failed.format(problem=error.strerror or error)))
            return []
        except StoreError as error:  # the copies are written; the history could not be kept
            result.update(safe(words.export_failed.format(problem=error)))
            return []
        done = words.export_done.format(files=", ".join(f.name for f in files))
        if files:
            done += "\n" + words.export_where.format(folder=files[0].parent)
        result.update(safe(done))
        self.saved = files
        self._offer_open(files)
        return files

    def _offer_open(self, files: list[Path]) -> None:
        from sos_assistant.opener import can_open

        able = bool(files) and can_open()
        self.query_one("#open-folder", Button).display = able
        printable = [f for f in files if f.suffix in (".pdf", ".html")]
        open_file = self.query_one("#open-file", Button)
        open_file.display = able and bool(printable)
        if printable:
            self.saved = [printable[0], *[f for f in files if f != printable[0]]]
            open_file.label = ui_text().map.open_file.format(name=printable[0].name)
        if able:
            self.query_one("#open-folder", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def history_text(entries: list[Snapshot]) -> Text:
    """Each saved map's date and its scaling line."""
    words = ui_text().map
    if not entries:
        return Text(words.history_empty, style="italic")
    out = Text()
    for entry in entries:
        out.append_text(safe(when_text(entry.at), "bold"))
        out.append("\n")
        ratings = entry.ratings
        if not ratings:
            out.append(words.no_ratings + "\n\n", style="dim")
            continue
        view = scale_view(ratings)
        out.append(view.axis + "\n" + view.ruler + "\n")
        for row in view.rows:
            out.append(row + "\n", style="bold")
        for mark in view.marks:
            out.append_text(safe(f"{mark.letter} {mark.rating.who}: {mark.rating.score:g}\n"))
        out.append("\n")
    out.rstrip()
    return out


class HistoryScreen(ModalScreen[None]):
    CSS_PATH = MAP_CSS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", ui_text().keys.close)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        try:
            shown = history_text(self.session.history())
        except StoreError as error:  # say so: "no saved maps" would not be true
            shown = safe(ui_text().map.history_failed.format(problem=error))
        with Vertical(classes="dialog"):
            yield Static(ui_text().map.history_title, classes="title", markup=False)
            with VerticalScroll():
                yield Static(shown, id="history")
            yield Button(ui_text().buttons.close, id="close")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
