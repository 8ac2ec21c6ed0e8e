"""A tiny benchmark harness: medians, targets, and ratios against a baseline of the same run.

Every benchmark reports the absolute median next to its target and, because machines differ,
the ratio of that median to a *baseline* measured in the same process a moment earlier (a bare
operation the target is defined against, or a fixed calibration workload when the target is
absolute). A benchmark passes when it meets its target scaled by how fast this machine ran the
calibration compared with the reference machine.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

REFERENCE_CALIBRATION_MS = 3.2
"""How long :func:`calibration` took on the machine the absolute targets were set on."""


def _calibration_work() -> None:
    data = [{"id": i, "text": f"statement {i} " * 4, "score": i % 11} for i in range(800)]
    json.loads(json.dumps(data))
    sorted(data, key=lambda d: (d["score"], d["text"]))


def median_ms(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    gc.collect()
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def calibration() -> float:
    """The median time of a fixed pure-Python workload on this machine, in ms."""
    return median_ms(_calibration_work, repeat=25)


@dataclass
class Result:
    name: str
    median_ms: float
    target_ms: float | None
    """None: reported for information, with no target of its own."""
    baseline_ms: float
    baseline: str
    unit: str = "ms"
    """What the figures count (the fields say ms; memory results hold KiB)."""

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("inf")

    def passed(self, machine_factor: float) -> bool:
        if self.target_ms is None:
            return True
        if self.unit != "ms":  # a slow machine needs more time, not more memory
            return self.median_ms <= self.target_ms
        return self.median_ms <= self.target_ms * max(1.0, machine_factor)


def report(results: list[Result], *, as_json: bool = False) -> int:
    """Print the results; return 1 when any target is missed on this machine."""
    factor = calibration() / REFERENCE_CALIBRATION_MS
    if as_json:
        print(json.dumps([asdict(r) | {"ratio": r.ratio} for r in results], indent=2))
    else:
        print(f"machine factor {factor:.2f} (calibration vs reference)")
        for r in results:
            status = "info" if r.target_ms is None else "ok" if r.passed(factor) else "SLOW"
            target = "no target" if r.target_ms is None else f"target {r.target_ms:g} {r.unit}"
            print(
                f"{status:4} {r.name:<48} {r.median_ms:9.3f} {r.unit} ({target})"
                f"  {r.ratio:7.2f}x {r.baseline}"
            )
    return 0 if all(r.passed(factor) for r in results) else 1


def compile_package() -> None:
    """Byte-compile sos_assistant, as ``pip install`` does, so that benchmarks which start new
    processes measure an installed program even in a checkout run with PYTHONDONTWRITEBYTECODE."""
    import compileall
    from pathlib import Path

    import sos_assistant

    compileall.compile_dir(Path(sos_assistant.__file__).parent, quiet=1)
