"""The labelled set: how many of the words a parent would need explained ``explain`` explains.

Each part is a list of paragraphs with the phrases a parent would need explained:

- ``dev`` (``labelled_paragraphs.yaml``): written and tuned on here;
- ``opened`` .. ``opened_h``: sets written by other hands from the issue alone, each scored
  once blind (the figure is in its note below) and then read and tuned on;
- ``sealed`` (``sealed_paragraphs.yaml``): the newest set, written by someone else from the
  issue alone and installed only after all tuning; nobody working here has read it. The test
  fails (never skips) if it is missing.

A phrase counts as explained when a returned term's span covers it, a term with the same words
overlaps it, or the terms found over it together cover every word of it but the small linking
words (``LINKING_WORDS``: "hostile and intimidating" is explained by "hostile" and by
"intimidating"). Each part that has been read is held to the issue's target of 95% on its own,
so a weak part cannot hide behind a strong one. The sealed part is held to SEALED_FLOOR.
Figures are printed for every part (run with ``-s``); misses only for the parts that have been
read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sos_assistant.coach.text import reading_age
from sos_assistant.content import glossary
from sos_assistant.explain import explain

HERE = Path(__file__).parent
SETS = {"dev": HERE / "labelled_paragraphs.yaml"}
SETS["opened"] = HERE / "opened_paragraphs.yaml"
"""The first sealed part, written by another hand before any tuning: 57.6% of its phrases were
explained when first run. It has been read and tuned on since, so it counts as development."""
SETS["opened_b"] = HERE / "opened_b_paragraphs.yaml"
"""The second sealed part (set B), written by another hand from the issue alone. Never tuned on
while sealed: 72.2% when first run, and 85.0% (159 of 187) blind, after work on the other parts
only; all parts together were then 94.9%. Opened for tuning on 2026-12-02, so from then on it
counts as development."""
SETS["opened_c"] = HERE / "opened_c_paragraphs.yaml"
"""The third sealed part (set C), written by another hand from the issue alone while the others
were tuned on. Blind, on the code tuned on dev, A and B, it scored 89.9% (320 of 356); all parts
together were then 97.2%. Opened for tuning on 2026-12-02."""
SETS["opened_d"] = HERE / "opened_d_paragraphs.yaml"
"""Set D (43 paragraphs, 354 phrases), written by someone else from the issue alone while the
explainer was tuned on C. Its one blind run: 84.5% (299 of 354) counting only one span over the
whole phrase, 88.1% with the linking-words rule. Opened for tuning on 2026-12-02."""
SETS["opened_f"] = HERE / "opened_f_paragraphs.yaml"
SETS["opened_g"] = HERE / "opened_g_paragraphs.yaml"
SETS["opened_h"] = HERE / "opened_h_paragraphs.yaml"
"""Sets F, G and H (71, 69 and 70 paragraphs; 923, 992 and 963 phrases), written by three more
hands from the issue alone on 2026-12-02, with the same brief as the sealed set. They label more
than the older sets (about 13 phrases a paragraph against 8): case-note shorthand ("w/", "2/52"),
drug and health words, and formal words a reader of nine would not know. Scored blind once, on
the explainer tuned on every older set: F 76.2%, G 76.1%, H 73.2% (75.3%, 75.3%, 71.8% counting
one span only). Then opened for tuning."""
SETS["opened_j"] = HERE / "opened_j_paragraphs.yaml"
"""Set J (80 paragraphs, 897 phrases): four practice sets of 20 paragraphs, each written on
2026-12-02 by a helper widening one area of the glossary (mental health and drink and drugs,
case-note shorthand, the words of reports, services and neighbouring systems), before reading
the glossary. Blind, on the explainer of that morning: 75.0% (673 of 897; by area 71.7%,
74.2%, 72.4%, 82.2%). Then tuned on."""
SETS["opened_k"] = HERE / "opened_k_paragraphs.yaml"
"""Set K (100 paragraphs, 1,165 phrases): five more practice sets, from the helpers who then
filled in children's development and behaviour, health, meetings and the process, children in
care and adoption, and police, courts and the law. Blind: 84.8% (988 of 1,165; by area 81.8%,
84.8%, 78.4%, 89.2%, 90.4%), on the explainer after set J's areas were merged. Then tuned on."""
SETS["opened_e"] = HERE / "opened_e_paragraphs.yaml"
"""Set E (70 paragraphs, 1,013 phrases), written by another hand from the issue alone, with the
same brief as F, G and H, on 2026-12-02, and installed as the sealed part after the tuning on D,
F, G, H and five domains of the glossary. Its first and only blind run: 89.3% (905 of 1,013;
87.8% counting one span only). Opened for tuning later that day."""
SETS["opened_i"] = HERE / "opened_i_paragraphs.yaml"
"""Set I (86 paragraphs, 1,662 phrases), written by another hand from the issue alone on
2026-12-02 (about 19 phrases a paragraph), kept out of every helper's reach while the glossary
grew from about 1,540 to about 4,300 terms. On the explainer of that morning it scored 77.4%
(1,287 of 1,662; the figure only, nothing read); its one blind run after that tuning, 88.7%
(1,475 of 1,662; 86.1% counting one span only). Opened for tuning that evening."""
SETS["opened_l"] = HERE / "opened_l_paragraphs.yaml"
"""Set L (90 paragraphs, 2,295 phrases): two halves of 45 paragraphs, written by two more
hands from the issue alone on the evening of 2026-12-02 (one of case notes, health, school,
police and housing records; one of letters, reports, plans, court and care papers), kept out
of this repository and out of every helper's reach, and installed after all tuning. On the
explainer before that evening's tuning it scored 88.9% (2,041 of 2,295; the figure only,
nothing read). Its one blind run after the tuning: 92.8% (2,130 of
2,295; halves 92.8% and 92.9%; 90.2% counting one span only). Opened for tuning that evening."""
SETS["sealed"] = HERE / "sealed_paragraphs.yaml"
"""Set M (60 paragraphs, 1,541 phrases, about 26 a paragraph): two halves of 30, written by two
more hands from the issue alone on the evening of 2 December 2026, while set L was being tuned
on (the second half of all kinds of paper, the first with rarer ones: short breaks, private
fostering, return interviews, pre-birth and kinship assessments, FGM, online harm), kept out of
this repository and out of every helper's reach until all tuning was done. On the explainer
before set L's misses were filled in: 94.7% and 93.6% (the figures only, nothing read). Their
one blind run after all the tuning: 95.7% (739 of 772) and 94.5% (727 of 769), together 95.1%
(1,466 of 1,541; 91.6% counting one span only)."""
OPENED_PARTS = tuple(name for name in SETS if name != "sealed")
"""The parts that have been read and tuned on: each is held to TARGET."""
TARGET = 0.95
"""The issue's target: 95% of the phrases explained."""
SEALED_FLOOR = TARGET
"""The least share of the sealed part's phrases that must be explained. Set M reached the
issue's target on its one blind run (95.1%), so it is held to the target like the opened
parts; the set before it, L, stood at 92.8% on its blind run."""
MAX_AGE = 11.0


def load(path: Path) -> list[dict[str, Any]]:
    assert path.exists(), (
        f"the labelled part {path.name} is missing: the sealed set is installed at "
        f"integration, copy it to {path}"
    )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["paragraphs"] if isinstance(data, dict) else data)


LINKING_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "of",
        "the",
        "a",
        "an",
        "to",
        "in",
        "on",
        "for",
        "with",
        "his",
        "her",
        "their",
        "him",
        "them",
        "by",
        "at",
        "its",
        "this",
        "that",
        "is",
        "was",
        "be",
        "from",
        "under",
        "into",
    ]
)
"""Words of a phrase that need no meaning of their own."""
_WORD = re.compile(r"[^\W_]+")


def explained(text: str, phrase: str, start: int) -> bool:
    end = start + len(phrase)
    over = [t for t in explain(text) if t.start < end and t.end > start]
    for term in over:
        if term.start <= start and term.end >= end:
            return True
        if term.phrase.lower() == phrase.lower():
            return True
    words = [m for m in _WORD.finditer(phrase) if m.group().lower() not in LINKING_WORDS]
    return bool(over and words) and all(
        any(t.start <= start + w.start() and t.end >= start + w.end() for t in over) for w in words
    )


def where(text: str, phrase: str) -> int:
    """Where the phrase is in the text: as whole words if it is there so ("att" in "att 88%",
    not in "attempted"), else where it first comes."""
    whole = re.search(rf"(?<![^\W_]){re.escape(phrase)}(?![^\W_])", text)
    return whole.start() if whole else text.find(phrase)


def score(paragraphs: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    found = total = 0
    missed: list[str] = []
    for item in paragraphs:
        text = item["text"]
        for phrase in item["phrases"]:
            start = where(text, phrase)
            assert start >= 0, f"{phrase!r} is not in {text!r}"
            total += 1
            if explained(text, phrase, start):
                found += 1
            else:
                missed.append(phrase)
    return found, total, missed


def test_the_sets_are_big_enough_and_each_phrase_is_in_its_paragraph() -> None:
    dev = load(SETS["dev"])
    assert len(dev) >= 40
    opened = [item for name in OPENED_PARTS for item in load(SETS[name])]
    assert len(opened) >= 60
    assert all(item["phrases"] for item in opened)
    score(opened)  # asserts each phrase is in its paragraph


@pytest.mark.parametrize("name", OPENED_PARTS)
def test_explains_at_least_95_percent_of_the_phrases_of_each_opened_part(name: str) -> None:
    found, total, missed = score(load(SETS[name]))
    print(f"\n{name}: {found}/{total} phrases explained ({found / total:.1%})")
    if missed:
        print(f"  missed: {missed}")
    assert found / total >= TARGET, f"{name}: {found}/{total}; missed {missed}"


def test_the_sealed_part_keeps_its_floor() -> None:
    """Only the figures are printed, never the sealed phrases: nobody tunes on them."""
    found, total, _ = score(load(SETS["sealed"]))
    everything = [score(load(SETS[name]))[:2] for name in OPENED_PARTS]
    all_found = found + sum(f for f, _ in everything)
    all_total = total + sum(t for _, t in everything)
    print(
        f"\nsealed: {found}/{total} phrases explained ({found / total:.1%}); "
        f"all parts: {all_found}/{all_total} ({all_found / all_total:.1%})"
    )
    assert found / total >= SEALED_FLOOR, (
        f"sealed part: {found}/{total} ({found / total:.1%}), floor {SEALED_FLOOR:.0%}"
    )


def test_no_meaning_reads_above_age_11() -> None:
    ages = sorted((reading_age(t.plain), t.term) for t in glossary().terms)
    print(
        f"\nmeanings: {len(ages)}; hardest {ages[-1][1]!r} at reading age {ages[-1][0]:.1f}; "
        f"at age 9 or under: {sum(1 for a, _ in ages if a <= 9)}"
    )
    assert [(term, age) for age, term in ages if age > MAX_AGE] == []


@pytest.mark.parametrize("name", list(SETS))
def test_every_paragraph_keeps_its_text_and_offsets(name: str) -> None:
    for item in load(SETS[name]):
        text = item["text"]
        for term in explain(text):
            assert text[term.start : term.end] == term.phrase
