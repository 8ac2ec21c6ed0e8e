"""Soak test: kill the headless runner with SIGKILL at hundreds of random moments.

Each trial checks that the store passes ``PRAGMA integrity_check``, that the saved answers are
exactly a prefix of the answers given, and that running again resumes and gives the same map as
an uninterrupted run (see ``tests/store/crashkit.py``). It uses ``SOS_ASSISTANT_SLOW_MS`` (a
short sleep after each committed answer, for testing only) so kills land mid-run.

    python benchmarks/soak_kill.py            # 200 trials
    python benchmarks/soak_kill.py -n 500 --seed 7 --slow-ms 2
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.crashkit import Reference, trial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--slow-ms", type=int, default=4)
    ns = parser.parse_args(argv)
    seed = ns.seed if ns.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sos-soak-") as work:
        reference = Reference.family(Path(work), ns.slow_ms)
        where: Counter[str] = Counter()
        failures = 0
        for n in range(ns.trials):
            try:
                outcome = trial(Path(work) / f"home-{n}", reference, rng, ns.slow_ms)
            except AssertionError as error:
                failures += 1
                print(f"trial {n}: FAILED: {error}", flush=True)
                continue
            if outcome.exited:
                where["after the run ended"] += 1
            elif outcome.saved == 0:
                where["before the first answer was saved"] += 1
            elif outcome.saved == outcome.total:
                where["after the last answer was saved"] += 1
            else:
                where["mid-run"] += 1
            if (n + 1) % 20 == 0:
                print(f"{n + 1} trials, {failures} failed", flush=True)
    seconds = time.monotonic() - started
    print(f"seed {seed}: {ns.trials} trials in {seconds:.0f} s, {failures} failed")
    for label, count in where.most_common():
        print(f"  killed {label}: {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
