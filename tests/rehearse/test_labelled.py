"""The question classifier against its labelled sets: accuracy and Cohen's kappa.

Two parts: the development part (``labelled_questions.yaml``, written with the patterns and used
to tune them) and the sealed part (``sealed_questions.yaml``, written separately from the
definitions alone and never used for tuning). The figures are printed for each part and for both
together (run with ``-s``); the combined figure must reach 90% accuracy and a kappa of 0.85.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.rehearse.questions import Classifier

HERE = Path(__file__).parent
DEV = HERE / "labelled_questions.yaml"
OPENED = HERE / "opened_questions.yaml"
"""The first sealed part, written by another hand before any tuning. It scored 79.3% (kappa
0.778) when first run; since then it has been read and tuned on, so it counts as development."""
SEALED = HERE / "sealed_questions.yaml"
"""The second sealed part, written by another hand from the issue alone; never tuned on."""
PARTS: list[Path] = [DEV, OPENED, SEALED]
MIN_ACCURACY = 0.90
MIN_KAPPA = 0.85


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path.name} must be a list of {{text, type}}"
    for item in data:
        assert set(item) == {"text", "type"}, item
        assert item["type"] in QUESTION_TYPES, item
    return data


def cohen_kappa(truth: list[str], guess: list[str]) -> float:
    """Agreement beyond chance between the labels and the classifier."""
    n = len(truth)
    observed = sum(a == b for a, b in zip(truth, guess, strict=True)) / n
    t, g = Counter(truth), Counter(guess)
    expected = sum(t[k] * g[k] for k in set(t) | set(g)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def figures(items: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    classifier = Classifier()
    truth = [i["type"] for i in items]
    guess = [classifier.classify(i["text"]).type for i in items]
    accuracy = sum(a == b for a, b in zip(truth, guess, strict=True)) / len(items)
    misses = [
        f"{i['text']!r}: labelled {a}, got {b}"
        for i, a, b in zip(items, truth, guess, strict=True)
        if a != b
    ]
    return accuracy, cohen_kappa(truth, guess), misses


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance() -> None:
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0


def test_the_development_part_covers_every_type() -> None:
    items = load(DEV)
    assert len(items) >= 160
    counts = Counter(i["type"] for i in items)
    assert {t for t in QUESTION_TYPES if counts[t] < 5} == set()


def test_accuracy_and_kappa_on_the_labelled_questions() -> None:
    report: list[str] = []
    combined: list[dict[str, Any]] = []
    all_misses: list[str] = []
    for path in PARTS:
        items = load(path)
        combined += items
        accuracy, kappa, misses = figures(items)
        if path != SEALED:  # never the sealed questions: nobody tunes on them
            all_misses += misses
        report.append(
            f"{path.name}: {len(items)} questions, accuracy {accuracy:.1%}, kappa {kappa:.3f}"
        )
    accuracy, kappa, _ = figures(combined)
    report.append(
        f"combined: {len(combined)} questions, accuracy {accuracy:.1%}, kappa {kappa:.3f}"
    )
    message = "\n".join([*report, "misses:", *all_misses])
    print("\n" + message)
    assert accuracy >= MIN_ACCURACY and kappa >= MIN_KAPPA, message
