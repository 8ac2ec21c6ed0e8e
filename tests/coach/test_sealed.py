"""The coach on statements written by someone else, with words that no rule file lists.

Each set is a list of ``{text, kind, flag}``; ``flag: true`` means the coach should raise at
least one point (a finding or a tip), ``flag: false`` that it should raise none.

- recall: of the statements with ``flag: true``, the share that get at least one point;
- false flags: of the statements with ``flag: false``, the share that get any point at all.

The issue's target is recall >= 90% and false flags <= 5% (MIN_RECALL, MAX_FALSE_FLAGS), and
every set here is held to it:

- ``opened_statements.yaml`` (set A), ``opened_b_statements.yaml`` (set B) and
  ``opened_c_statements.yaml`` (set C) were sealed sets, written by other hands; each has since
  been opened, read and tuned on, so they count as development now (their misses are printed
  to help);
- ``sealed_statements.yaml`` (the sealed set) is written by someone else and installed apart
  from the code; nothing in the coach is tuned on it, and only its figures are printed, never
  its statements. When it is missing the test fails and says where to put it.

The development figures of ``labelled.yaml`` (a statement with ``must`` should be flagged, one
without should not) are printed beside the sealed figures, in the same terms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sos_assistant.coach import Coach
from sos_assistant.model import STATEMENT_KINDS

SEALED = Path(__file__).with_name("sealed_statements.yaml")
"""Set D: the fourth sealed set (175 statements), written from the issue text alone by another
hand on 2026-12-02 while the coach was tuned on C, and installed after that tuning. Its first
and only blind run: recall 91.6% (98 of 107), false flags 4.4% (3 of 68)."""
DEVELOPMENT = Path(__file__).with_name("labelled.yaml")
OPENED = Path(__file__).with_name("opened_statements.yaml")
"""Set A: the first sealed set, written by another hand, read and tuned on since. When first
run (blind) it scored recall 89.9%, false flags 23.4%."""
OPENED_B = Path(__file__).with_name("opened_b_statements.yaml")
"""Set B: the second sealed set, written by another hand before the shape checks. Blind it
scored recall 84.3% (59 of 70), false flags 15.8% (9 of 57); it was opened on 2026-12-02 and
has been tuned on since."""
OPENED_C = Path(__file__).with_name("opened_c_statements.yaml")
"""Set C: the third sealed set, written by another hand from the issue text alone while the
shape checks were being tuned on A and B. Blind, on the code tuned on A and B, it scored recall
88.8% (87 of 98), false flags 3.0% (2 of 66); it was opened on 2026-12-02 and has been tuned
on since."""
MIN_RECALL = 0.90
MAX_FALSE_FLAGS = 0.05


def _load(path: Path, what: str) -> list[dict[str, Any]]:
    assert path.exists(), (
        f"the {what} is missing: copy it to {path} (the sealed set is installed apart from "
        "the code, and this test fails until it is there)"
    )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, f"{path} should be a list of statements"
    return data


def figures(items: list[dict[str, Any]], key: str) -> tuple[float, float, list[str], int, int]:
    """(recall, false-flag rate, what went wrong, flagged count, clean count)."""
    coach = Coach()
    should = hit = clean = false = 0
    wrong: list[str] = []
    for item in items:
        kind = item.get("kind", "general")
        found = coach.check(item["text"], kind)
        flag = bool(item.get("must")) if key == "must" else bool(item[key])
        if flag:
            should += 1
            hit += bool(found)
            if not found:
                wrong.append(f"missed: {item['text']}")
        else:
            clean += 1
            false += bool(found)
            if found:
                wrong.append(f"false flag {sorted({f.rule for f in found})}: {item['text']}")
    return hit / max(1, should), false / max(1, clean), wrong, should, clean


def _well_formed(items: list[dict[str, Any]]) -> None:
    for item in items:
        assert isinstance(item.get("text"), str) and item["text"].strip(), item
        assert isinstance(item.get("flag"), bool), item
        assert item.get("kind", "general") in STATEMENT_KINDS, item
    assert any(i["flag"] for i in items) and any(not i["flag"] for i in items)


def test_the_sealed_set_is_well_formed_and_big_enough() -> None:
    items = _load(SEALED, "sealed labelled set")
    development = yaml.safe_load(DEVELOPMENT.read_text(encoding="utf-8"))
    assert len(items) >= 100
    assert len(items) + len(development) >= 300
    _well_formed(items)


def test_the_opened_sets_are_well_formed() -> None:
    for path in (OPENED, OPENED_B, OPENED_C):
        items = _load(path, "opened set")
        assert len(items) >= 100, path
        _well_formed(items)


def test_recall_and_false_flags_on_the_sealed_set() -> None:
    recall, false_flags, _, should, clean = figures(_load(SEALED, "sealed labelled set"), "flag")
    dev = figures(yaml.safe_load(DEVELOPMENT.read_text(encoding="utf-8")), "must")
    figures_line = (
        f"sealed: recall {recall:.1%} of {should}, false flags {false_flags:.1%} of {clean}; "
        f"development: recall {dev[0]:.1%} of {dev[3]}, false flags {dev[1]:.1%} of {dev[4]}; "
        f"target: recall {MIN_RECALL:.0%}, false flags {MAX_FALSE_FLAGS:.0%}"
    )
    print(figures_line)  # figures only: the sealed statements are never printed
    assert recall >= MIN_RECALL, figures_line
    assert false_flags <= MAX_FALSE_FLAGS, figures_line


def _opened(path: Path, name: str) -> None:
    recall, false_flags, wrong, should, clean = figures(_load(path, "opened set"), "flag")
    print(f"{name}: recall {recall:.1%} of {should}, false flags {false_flags:.1%} of {clean}")
    for line in wrong:
        print(line)
    assert recall >= MIN_RECALL, "\n".join(wrong)
    assert false_flags <= MAX_FALSE_FLAGS, "\n".join(wrong)


def test_recall_and_false_flags_on_opened_set_a() -> None:
    _opened(OPENED, "opened set A")


def test_recall_and_false_flags_on_opened_set_b() -> None:
    _opened(OPENED_B, "opened set B")


def test_recall_and_false_flags_on_opened_set_c() -> None:
    _opened(OPENED_C, "opened set C")
