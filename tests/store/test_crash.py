"""Crash safety: SIGKILL at random moments never corrupts the store or loses a saved answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.store.crashkit import Reference, trial

TRIALS = 10


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    reference = Reference.family(tmp_path)
    rng = random.Random(20261120)
    outcomes = [trial(tmp_path / f"home-{n}", reference, rng) for n in range(TRIALS)]
    assert sum(o.mid_run for o in outcomes) >= TRIALS // 2, outcomes  # most land mid-run
