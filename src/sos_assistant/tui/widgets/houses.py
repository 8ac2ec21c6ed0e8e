"""The Three Houses drawn in text, side by side, filling as the child answers.

Shown on the question screen while the ``three-houses`` dialogue runs. Plain characters only,
so it reads the same in high contrast and with ``NO_COLOR``; the child's words are shown as
inert text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static

from sos_assistant.model import ChildVoice, Statement
from sos_assistant.tui.widgets.safe import safe

DIALOGUE = "three-houses"
"""The dialogue the houses are drawn for. The children's words and drawings
(:mod:`sos_assistant.children`) are loaded only when the houses are drawn."""

ROWS = 3
"""Lines of words shown inside each house (the rest are counted)."""


class HousesView(Static):
    """The child's three houses, the one being filled marked by arrows round its name."""

    DEFAULT_CSS = """
    HousesView {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.voice: ChildVoice | None = None
        self.current: str | None = None

    def show(self, voice: ChildVoice | None, step_id: str, slot: str | None) -> None:
        """Draw ``voice`` (the child's words so far), marking the house ``step_id`` is about."""
        from sos_assistant.children import current_house

        self.voice = voice
        self.current = current_house(step_id, slot)
        self.display = slot != "child_voice.faces"  # the faces need the room
        self._draw()

    def _draw(self) -> None:
        from sos_assistant.children import houses_art

        width = self.size.width or (self.app.size.width - 4 if self.is_attached else 76)
        lines = houses_art(
            self.voice, min(max(width, 40), 90), rows=ROWS, current=self.current, compact=True
        )
        self.update(safe("\n".join(lines)))

    def on_resize(self, event: Resize) -> None:
        self._draw()


def houses_for(script_id: str) -> Iterator[Widget]:
    """The houses widget, for the question screen to compose when the dialogue draws them."""
    if script_id == DIALOGUE:
        yield HousesView(id="houses")


def show_houses(
    screen: Any, session: Any, step_id: str, slot: str | None, pending: Any = None
) -> None:
    """Redraw the houses on ``screen`` (if it has them) from the session's map so far, with
    ``pending`` (the items of a list being written, not yet saved) in the current house."""
    views = list(screen.query(HousesView))
    if not views:
        return  # not the Three Houses: the map is not built for nothing
    from sos_assistant.children import HOUSES

    voices = session.map().child_voice or []
    voice = voices[0] if voices else None
    field = slot.split(".", 1)[1] if slot and slot.startswith("child_voice.") else ""
    if isinstance(pending, list) and pending and field in HOUSES:
        voice = (voice or ChildVoice(child="")).model_copy(deep=True)
        getattr(voice, field).extend(
            Statement.model_validate(i) for i in pending if isinstance(i, str | dict)
        )
    for view in views:
        view.show(voice, step_id, slot)


def child_parts(the_map: Any) -> Iterator[Widget]:
    """What the map view shows after the adults' map: each child's houses, in their own
    words, and the Words and Pictures story, page by page."""
    from sos_assistant.children import children_words, houses_art
    from sos_assistant.render.child import voice_view
    from sos_assistant.story import page_notes

    words = children_words()
    for voice in the_map.child_voice or []:
        view = voice_view(voice)
        out = safe(view.section, "bold reverse")
        out.append("\n")
        out.append_text(safe(view.note, "italic"))
        out.append("\n")
        out.append_text(safe("\n".join(houses_art(voice, 74))))
        if view.faces_line:
            out.append("\n")
            out.append_text(safe(view.faces_line, "bold"))
            if voice.faces is not None and voice.faces.why:
                out.append_text(safe(f" {words.houses.faces_why} {voice.faces.why}"))
        out.append("\n")
        out.append_text(safe(view.can_see_line, "bold"))
        for statement in voice.can_see:
            out.append_text(safe(f"\n• {statement.text}"))
        yield ChildPart(out)
    story = the_map.story
    if story is not None:
        out = safe(story.title or words.booklet.default_title, "bold reverse")
        for number, page in enumerate(story.pages, start=1):
            page_line = words.booklet.page.replace("{number}", str(number))
            out.append("\n\n")
            out.append_text(safe(f"{page_line}: {page.heading}", "bold underline"))
            out.append("\n")
            out.append_text(safe(page.text))
            for note in page_notes(page):  # blame, jargon, hard words: in a child's terms
                out.append("\n")
                out.append_text(safe(f"  ! {note}", "italic"))
        yield ChildPart(out)


class ChildPart(Static):
    """One child's houses, or the story, on the map screen."""

    DEFAULT_CSS = """
    ChildPart {
        height: auto;
        margin-top: 1;
    }
    """

    def __init__(self, text: Text) -> None:
        super().__init__(text, markup=False)
