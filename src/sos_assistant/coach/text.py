"""Text helpers: phrase patterns, sentences, quotes, offline readability, inert display."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache
from typing import Any

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
"""A word: letters and digits, with inner apostrophes and hyphens ("don't", "six-year-old")."""

_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "e.g", "i.e", "approx", "no", "vs"}
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)|\n+")
_LAST_WORD = re.compile(r"([\w.]+)$")
_QUOTED = re.compile(
    r"\"[^\"\n]*\"|“[^”]*”"
    # Single quotes: an opening mark not stuck to a word before it ("Mum's" is no quote), and a
    # closing mark not followed by a letter; apostrophes inside words ("I'm") are passed over.
    r"|(?<![\w'’])['‘](?=\S)(?:[^'‘’\n]|(?<=\w)['’](?=\w))*?(?<=\S)['’](?!\w)"
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (double or single): someone's own words, which the
    coach leaves be. An apostrophe ("Mum's", "don't", "the kids' room") is not a quote."""
    if '"' not in text and "“" not in text and "‘" not in text and "'" not in text:
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            before = _LAST_WORD.search(text, 0, match.start())
            if before and before.group(1).lower() in _ABBREVIATIONS:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if not stripped or not WORD_RE.search(stripped):
            continue
        a += len(piece) - len(piece.lstrip())
        out.append((a, a + len(stripped)))
    return out


def word_count(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def _round1(number: float) -> float:
    """Round half away from zero to one decimal, as the published Flesch-Kincaid tables do."""
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


_NOT_WORD = re.compile(r"[^\w\s]")
_FK_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@cache
def _hyphenator() -> Any:
    import pyphen  # here, not at the top: the dictionary loads on first use

    return pyphen.Pyphen(lang="en_US")


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59.

    Syllables come from pyphen's bundled English hyphenation dictionary, so nothing is ever
    downloaded. Words, sentences and rounding follow textstat 0.7.3 exactly (its grades are the
    reference values in the tests), without its dependency on the retired ``pkg_resources``,
    which setuptools no longer ships.
    """
    words = _NOT_WORD.sub("", text).split()
    if not words:
        return 0.0
    found = _FK_SENTENCE.findall(text)
    short = sum(1 for s in found if len(_NOT_WORD.sub("", s).split()) <= 2)
    per_sentence = _round1(len(words) / max(1, len(found) - short))
    hyphenator = _hyphenator()
    syllables = sum(
        len(hyphenator.positions(w)) + 1 for w in _NOT_WORD.sub("", text.lower()).split()
    )
    per_word = _round1(syllables / len(words))
    return _round1(0.39 * per_sentence + 11.8 * per_word - 15.59)


def reading_age(text: str) -> float:
    """An estimated reading age in years: the Flesch-Kincaid grade plus five."""
    return flesch_kincaid_grade(text) + 5.0


_UNSAFE = {
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_INERT_TABLE = dict.fromkeys(_UNSAFE, "\N{REPLACEMENT CHARACTER}")


def inert(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` safe to print to a terminal: control, escape and direction-override characters
    become "�", one for one, so character offsets still line up. Tabs become spaces."""
    out = text.translate(_INERT_TABLE).replace("\t", " ")
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\r", " ")
    return out


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide characters take two)."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
