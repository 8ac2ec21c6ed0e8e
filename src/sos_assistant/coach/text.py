"""Text helpers: phrase patterns, sentences, quotes, offline readability, inert display."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
"""A word: letters and digits, with inner apostrophes and hyphens ("don't", "six-year-old")."""

_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "e.g", "i.e", "approx", "no", "vs"}
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)|\n+")
_LAST_WORD = re.compile(r"([\w.]+)$")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”]*”|‘[^’]*’(?!\w)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks: someone's own words, which the coach leaves be."""
    if '"' not in text and "“" not in text and "‘" not in text:
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


def reading_age(text: str) -> float:
    """An estimated reading age in years: the Flesch-Kincaid grade plus five.

    Uses textstat 0.7.3 and its bundled hyphenation dictionary, so nothing is downloaded.
    """
    import textstat  # here, not at the top: it loads pkg_resources (~100 ms)

    grade = float(textstat.flesch_kincaid_grade(text))
    return grade + 5.0


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
