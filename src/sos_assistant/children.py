"""The child's voice and the story for the children: the words around them, and putting a
child's houses on an adult's map.

A child's Three Houses (``child_voice``) are the child's own words. They reach an adult's map
only when someone chooses to add them (:func:`add_children`), and they stay in their own
section: they are never merged into the adults' columns. Nothing here imports Textual.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sos_assistant.model import ChildVoice, Map
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import load_yaml

HOUSES: tuple[str, ...] = ("worries", "good_things", "dreams")
"""The three houses, in the order they are drawn (left to right)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HouseNames(_Strict):
    worries: str
    good_things: str
    dreams: str


class HousesWords(_Strict):
    section: str
    page_title: str
    note: str
    names: HouseNames
    short_names: HouseNames
    empty: str
    faces: str
    faces_why: str
    faces_ends: str
    can_see: str
    can_see_none: str
    adults_note: str


class BookletWords(_Strict):
    default_title: str
    for_children: str
    page: str
    made_by: str
    empty: str
    draft_note: str
    hard_to_read: str
    notes_title: str


class PictureWords(_Strict):
    """What each picture shows, for people who cannot see it (alt text)."""

    family: str
    home: str
    school: str
    worried: str
    helping_hands: str
    plan: str


class DraftPage(_Strict):
    heading: str
    text: str = ""
    intro: str = ""
    no_names: str = ""
    helpers: str = ""
    default: str = ""


class DraftWords(_Strict):
    """The first draft of a story, made from a family's map."""

    title: str
    children_fallback: str
    family: DraftPage
    worried: DraftPage
    what_happened: DraftPage
    worries: DraftPage
    helping: DraftPage
    plan: DraftPage
    talk: DraftPage
    not_your_fault: DraftPage
    and_word: str


class AppWords(_Strict):
    """The app's words for choosing a child's houses or a family map."""

    add_child: str
    add_child_button: str
    from_family_button: str
    add_child_title: str
    add_child_none: str
    add_child_note: str
    from_family: str
    from_family_title: str
    from_family_none: str
    from_family_done: str
    from_family_nothing: str
    shown: str


class ChildrenWords(_Strict):
    """``content/children.yaml``: the words around the houses and the booklet."""

    version: Literal[1]
    houses: HousesWords
    booklet: BookletWords
    pictures: PictureWords
    draft: DraftWords
    app: AppWords


@cache
def children_words(folder: Path | None = None) -> ChildrenWords:
    data, _ = load_yaml((folder or content_dir()) / "children.yaml")
    return ChildrenWords.model_validate(data)


def named(text: str, child: str) -> str:
    """A line of the words with the child's name put in (the name is not a template)."""
    return text.replace("{child}", child)


def house_name(house: str) -> str:
    return str(getattr(children_words().houses.names, house))


def child_only(the_map: Map) -> bool:
    """A map made by the Three Houses alone: the child's words and nothing of the adults'."""
    if not the_map.child_voice:
        return False
    adults = any(True for _ in the_map.statements()) or the_map.scaling.ratings
    return not adults and not the_map.people and the_map.story is None


def story_only(the_map: Map) -> bool:
    """A map made by Words and Pictures alone: a story and nothing of the adults' map."""
    if the_map.story is None:
        return False
    adults = any(True for _ in the_map.statements()) or the_map.scaling.ratings
    return not adults and not the_map.people and not the_map.child_voice


def voices_from(maps: list[Map]) -> list[ChildVoice]:
    """Every child's houses in these maps, in order."""
    return [voice for m in maps for voice in (m.child_voice or [])]


def add_children(the_map: Map, voices: list[ChildVoice]) -> Map:
    """A copy of ``the_map`` with these children's houses added in their own section.

    The adults' columns, numbers and preparation are untouched; the children's words are
    copied as they are.
    """
    if not voices:
        return the_map
    out = the_map.model_copy(deep=True)
    out.child_voice = [*(out.child_voice or []), *(v.model_copy(deep=True) for v in voices)]
    return out


# -- the houses as text art (the app's picture and the text page) ------------------------------


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0  # accents on the letter before, joiners and direction marks
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide letters and most emoji take two)."""
    return sum(_char_width(c) for c in text)


def _chunks(word: str, width: int) -> list[str]:
    """A word cut into pieces of at most ``width`` columns."""
    pieces = [""]
    for char in word:
        if pieces[-1] and cell_width(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _wrap(text: str, width: int) -> list[str]:
    """Words wrapped to ``width`` terminal columns; a word too long is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for piece in _chunks(word, width) if cell_width(word) > width else [word]:
            candidate = f"{line} {piece}" if line else piece
            if cell_width(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = piece
    if line:
        lines.append(line)
    return lines or [""]


def _item_lines(lines: list[str]) -> list[str]:
    """One item's lines inside a house: a bullet, then its wrapped lines indented."""
    return [("• " if i == 0 else "  ") + line for i, line in enumerate(lines)]


def _pad(text: str, width: int, *, centre: bool = False) -> str:
    room = max(width - cell_width(text), 0)
    if centre:
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def houses_art(
    voice: ChildVoice | None,
    width: int = 78,
    *,
    rows: int | None = None,
    current: str | None = None,
    compact: bool = False,
) -> list[str]:
    """The three houses side by side as lines of text, each with the child's words inside.

    ``rows`` limits the lines of words inside each house (the rest is counted, "… +2");
    ``current`` marks the house being filled (its name between arrows); ``compact`` draws a
    low roof and no door frame, for a small screen. Only plain characters, so it reads the
    same with no colour and in high contrast. The words are the caller's to make inert.
    """
    from sos_assistant.safetext import one_line

    words = children_words().houses
    gap = 1
    house = max((width - 2 * gap) // 3, 12)
    inner = house - 2
    text = inner - 2  # a space inside each wall
    door = min(5, inner - 2)
    left = (inner - door) // 2
    right = inner - left - door
    columns: list[list[str]] = []
    for key in HOUSES:
        statements = getattr(voice, key) if voice is not None else []
        items = [_wrap(one_line(s.text), text - 2) for s in statements]
        body = [line for item in items for line in _item_lines(item)]
        if not body:
            body = _wrap(words.empty, text)
        if rows is not None and len(body) > rows:  # the newest words stay in view
            shown: list[str] = []
            hidden = len(items)
            while hidden and len(shown) + len(items[hidden - 1]) <= rows - 1:
                hidden -= 1
                shown = _item_lines(items[hidden]) + shown
            if not shown:  # one long item: its first lines
                hidden -= 1
                shown = ["• " + items[-1][0], *("  " + x for x in items[-1][1 : rows - 1])]
            body = [f"… +{hidden}", *shown] if hidden else shown
        room = inner - 2 if key == current else inner
        name = house_name(key)
        if cell_width(name) > room:
            name = getattr(words.short_names, key)
        name = _wrap(name, room)[0]
        if key == current:
            name = f">{name}<"
        if compact:
            lines = [" " + "_" * (house - 2) + " ", "/" + _pad(name, house - 2, centre=True) + "\\"]
        else:
            lines = [
                " " * 2 + "_" * (house - 4) + " " * 2,
                " /" + " " * (house - 4) + "\\ ",
                "/" + _pad(name, house - 2, centre=True) + "\\",
                "|" + "=" * (house - 2) + "|",
            ]
        lines += ["| " + _pad(line, text) + " |" for line in body]
        columns.append(lines)
    if compact:  # a door opening in the floor line
        floor = ["|" + "_" * left + "|" + " " * (door - 2) + "|" + "_" * right + "|"]
    else:
        floor = [
            "|" + " " * left + "+" + "-" * (door - 2) + "+" + " " * right + "|",
            "|" + "_" * left + "|" + "_" * (door - 2) + "|" + "_" * right + "|",
        ]
    height = max(len(c) for c in columns)
    for column in columns:  # houses with fewer words get taller walls, so all stand level
        column += ["|" + " " * (house - 2) + "|"] * (height - len(column)) + floor
    height += len(floor)
    return [(" " * gap).join(c[i] for c in columns).rstrip() for i in range(height)]


def current_house(step_id: str, slot: str | None) -> str | None:
    """The house a Three Houses step is about: from its slot, else from its id
    (``worries-intro``, ``good-ready``, ``dreams``)."""
    if slot and slot.startswith("child_voice."):
        field = slot.split(".", 1)[1]
        return field if field in HOUSES else None
    for house in HOUSES:
        if step_id.startswith(house.split("_")[0]):
            return house
    return None
