"""The coach's quality figures on its labelled set (``labelled.yaml``).

Recall: of the findings the set says a statement must get, how many the coach gives.
False flags: of the clean statements, how many get any finding at all; a rule named in `not`
that fires counts as a false flag too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sos_assistant.coach import Coach, load_rules
from sos_assistant.model import STATEMENT_KINDS

LABELLED = Path(__file__).with_name("labelled.yaml")
MIN_RECALL = 0.95
MAX_FALSE_FLAGS = 0.05


def _items() -> list[dict[str, Any]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _figures() -> tuple[float, float, list[str]]:
    coach = Coach()
    expected = found = 0
    clean = flagged_clean = 0
    misses: list[str] = []
    for item in _items():
        kind = item.get("kind", "general")
        rules = {f.rule for f in coach.check(item["text"], kind)}
        must = set(item.get("must", []))
        if must:
            expected += len(must)
            found += len(must & rules)
            misses += [f"missed {r}: {item['text']}" for r in sorted(must - rules)]
        else:
            clean += 1
            if rules:
                flagged_clean += 1
                misses.append(f"false flag {sorted(rules)}: {item['text']}")
        wrong = set(item.get("not", [])) & rules
        if must and wrong:
            flagged_clean += 1
            clean += 1
            misses.append(f"near miss flagged {sorted(wrong)}: {item['text']}")
    return found / expected, flagged_clean / clean, misses


def test_the_set_is_big_enough_and_covers_every_rule_and_kind() -> None:
    items = _items()
    assert len(items) >= 120
    statement_rules = {r.id for r in load_rules().rules if r.spec.scope == "statement"}
    used = {rule for item in items for rule in item.get("must", [])}
    assert statement_rules - used == set(), "rules with no labelled example"
    assert used - statement_rules == set(), "labelled rules that do not exist"
    kinds = {item.get("kind", "general") for item in items}
    assert kinds == set(STATEMENT_KINDS)
    clean = [i for i in items if not i.get("must")]
    assert len(clean) >= 40
    for kind in STATEMENT_KINDS:
        assert any(i.get("kind", "general") == kind for i in clean), f"no clean {kind}"


def test_recall_and_false_flag_rate() -> None:
    recall, false_flags, misses = _figures()
    print(f"recall {recall:.1%}, false flags {false_flags:.1%}")
    for line in misses:
        print(line)
    assert recall >= MIN_RECALL, "\n".join(misses)
    assert false_flags <= MAX_FALSE_FLAGS, "\n".join(misses)


@pytest.mark.parametrize("item", _items(), ids=lambda i: i["text"][:40])
def test_finding_offsets_point_at_real_words(item: dict[str, Any]) -> None:
    text = item["text"]
    for finding in Coach().check(text, item.get("kind", "general")):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end].strip()
        # every {placeholder} of the rule's sentences is filled in
        assert "{" not in finding.message + finding.suggestion, finding
