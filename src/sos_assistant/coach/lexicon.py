"""Which English words are describing words (adjectives): a broad word list, read lazily.

The list is the adjective part of the lexicon that ships inside the ``lemminflect`` wheel
(``lemminflect/resources/lemma_lu.csv.gz``: about 10,000 adjectives from the SPECIALIST
lexicon, with their comparative forms). Only that file is read, with :mod:`zlib`: importing
``lemminflect`` itself would load numpy (~60 ms) and its models (~230 ms on first use), which
the coach does not need. Nothing is downloaded; reading takes ~30 ms, once per process, and only
when a statement first has the shape "<person> is <word>".

If the file cannot be read (the package is missing, or a future version moves it), the coach
still works from word forms (suffixes) and its own lists; :func:`available` says which.
"""

from __future__ import annotations

import importlib.util
import re
import zlib
from functools import cache
from pathlib import Path

_LEXICON = ("resources", "lemma_lu.csv.gz")
_LINE = re.compile(r"^([^,\n]+),(adj|adv|noun|verb),", re.MULTILINE)


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]] | None:
    # find_spec locates the package without running its __init__ (which imports numpy).
    try:
        spec = importlib.util.find_spec("lemminflect")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        raw = Path(next(iter(spec.submodule_search_locations)), *_LEXICON).read_bytes()
    except OSError:
        return None
    # Lines are "word,category,lemmas": one regular-expression scan finds the words of the four
    # categories the coach uses, quicker than splitting the 80,000 lines in Python.
    text = zlib.decompress(raw, 31).decode("utf-8", "replace")
    found: dict[str, list[str]] = {"adj": [], "adv": [], "noun": [], "verb": []}
    for word, category in _LINE.findall(text):
        found[category].append(word)
    adjectives, adverbs, nouns, verbs = found["adj"], found["adv"], found["noun"], found["verb"]
    return frozenset(adjectives), frozenset(adverbs), frozenset(nouns), frozenset(verbs)


def available() -> bool:
    """True when the word list could be read."""
    return _tables() is not None


def is_adjective(word: str) -> bool:
    """``word`` (lower case) is listed as a describing word."""
    tables = _tables()
    return tables is not None and word in tables[0]


def is_adverb(word: str) -> bool:
    tables = _tables()
    return tables is not None and word in tables[1]


def is_noun(word: str) -> bool:
    tables = _tables()
    return tables is not None and word in tables[2]


def is_verb(word: str) -> bool:
    """``word`` is a form of a verb ("enmeshed", "hoards")."""
    tables = _tables()
    return tables is not None and word in tables[3]


def known(word: str) -> bool:
    """``word`` is in the lexicon at all (any part of speech)."""
    tables = _tables()
    return tables is not None and any(word in t for t in tables)
