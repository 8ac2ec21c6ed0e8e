"""A small benchmark harness whose verdicts mean something on a shared, noisy machine.

Rules (benchmarks/README.md explains them):

- There is no machine factor. Every target is a *ratio* to a named baseline that runs in the
  same process (or the same run, for whole-process timings), interleaved with the thing it is
  compared with, so that a busy moment slows both alike.
- Every figure is reported as min / median / max of its samples, with the baseline's median
  and the ratio of the two medians.
- The run fails (exit status 1) only when a ratio target is missed by the median ratio.
  Figures without a target are printed as ``info``.

The new API::

    from _harness import compare, interleave, report

    samples = interleave({"ours": do_ours, "bare": do_bare}, rounds=7, repeat=20)
    result = compare("name", samples["ours"], samples["bare"], "bare thing", target=3.0)
    sys.exit(report([result]))

The old API (``median_ms``, ``calibration``, ``Result(name, median, target_ms, baseline_ms,
baseline)``) still works. An old-style *absolute* ``target_ms`` is shown for information and is
never a verdict; pass ``target_ratio=`` (a ratio to the baseline) to make it one.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

# -- measuring --------------------------------------------------------------------------------


def sample_ms(
    fn: Callable[[], object],
    *,
    repeat: int = 30,
    warmup: int = 3,
    number: int = 1,
    cpu: bool = False,
) -> list[float]:
    """Times of ``fn()`` in milliseconds, one per sample (each the mean of ``number``).

    Wall-clock time, or with ``cpu=True`` the CPU time of this process: on a machine shared with
    other busy programs, CPU time hardly moves while wall time can double. Use wall time for
    anything that waits (disk syncs, other processes)."""
    clock = time.process_time if cpu else time.perf_counter
    for _ in range(warmup):
        fn()
    gc.collect()
    times: list[float] = []
    for _ in range(repeat):
        start = clock()
        for _ in range(number):
            fn()
        times.append((clock() - start) * 1000 / number)
    return times


def interleave(
    fns: Mapping[str, Callable[[], object]],
    *,
    rounds: int = 7,
    repeat: int = 10,
    warmup: int = 2,
    number: int = 1,
    cpu: bool = False,
) -> dict[str, list[float]]:
    """Samples of several functions taken in turn: ``rounds`` rounds of ``repeat`` samples each.

    The order within a round rotates, so neither function always runs first after a pause.
    """
    names = list(fns)
    for name in names:
        for _ in range(warmup):
            fns[name]()
    out: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            out[name] += sample_ms(fns[name], repeat=repeat, warmup=0, number=number, cpu=cpu)
    return out


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_ms(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    codes: Sequence[int] = (0,),
    cpu: bool = False,
) -> float:
    """Milliseconds to run one whole process (output thrown away; an exit status not in
    ``codes`` raises, so a broken command is never timed as a fast one). With ``cpu=True``,
    the CPU time the process used instead of the wall time it took."""
    cpu_start = _children_cpu_s()
    start = time.perf_counter()
    done = subprocess.Popen(
        list(argv),
        env=None if env is None else dict(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    # A blocking wait, with a timer to kill a process that hangs: ``wait(timeout=)`` polls
    # with growing sleeps (up to 50 ms), which rounded every wall time up to its schedule
    # (a 170 ms command and a 210 ms one both read 214.7 ms).
    killer = threading.Timer(120, done.kill)
    killer.start()
    try:
        done.wait()
    finally:
        killer.cancel()
    elapsed = (time.perf_counter() - start) * 1000
    used = (_children_cpu_s() - cpu_start) * 1000
    if done.returncode not in codes:
        raise subprocess.CalledProcessError(done.returncode, list(argv))
    return used if cpu else elapsed


def interleave_process_pairs(
    commands: Mapping[str, Sequence[str]],
    *,
    rounds: int = 9,
    env: Mapping[str, str] | None = None,
    codes: Sequence[int] = (0,),
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Like :func:`interleave_processes`, but each run gives both its wall time and its CPU
    time: (wall samples, CPU samples) by name."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    used: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for name in names:  # warm-up, not counted
        process_ms(commands[name], env=env, codes=codes)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            cpu_start = _children_cpu_s()
            wall[name].append(process_ms(commands[name], env=env, codes=codes))
            used[name].append((_children_cpu_s() - cpu_start) * 1000)
    return wall, used


def interleave_processes(
    commands: Mapping[str, Sequence[str]],
    *,
    rounds: int = 9,
    env: Mapping[str, str] | None = None,
    codes: Sequence[int] = (0,),
) -> dict[str, list[float]]:
    """Whole-process times of several commands, run in turn ``rounds`` times (after one
    warm-up run each, which fills the disk cache and is not counted)."""
    runs = {
        name: (lambda argv=argv: process_ms(argv, env=env, codes=codes))
        for name, argv in commands.items()
    }
    return interleave(
        runs,
        rounds=rounds,
        repeat=1,
        warmup=1,
    )


# -- results ----------------------------------------------------------------------------------


@dataclass
class Result:
    """One figure, its baseline, and (optionally) its target as a ratio to that baseline.

    Build new ones with :func:`compare`. The positional order is the old one, so that
    ``Result(name, median_ms, target_ms, baseline_ms, baseline)`` still works.
    """

    name: str
    median_ms: float
    target_ms: float | None = None
    """Old style: an absolute target, shown for information only (never a verdict)."""
    baseline_ms: float = 0.0
    baseline: str = ""
    unit: str = "ms"
    """What the figures count ("ms", or "KiB" for memory)."""
    target_ratio: float | None = None
    """The target: median / baseline median must be at most this."""
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.samples) if self.samples else self.median_ms

    @property
    def max(self) -> float:
        return max(self.samples) if self.samples else self.median_ms

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("inf")

    @property
    def status(self) -> str:
        if self.target_ratio is None:
            return "info"
        return "ok" if self.ratio <= self.target_ratio else "MISS"

    def passed(self, machine_factor: float = 1.0) -> bool:
        """True unless a ratio target is missed by the median (``machine_factor`` is ignored:
        it is kept only so old callers still run)."""
        return self.status != "MISS"


def compare(
    name: str,
    samples: Sequence[float],
    baseline_samples: Sequence[float],
    baseline: str,
    *,
    target: float | None = None,
    unit: str = "ms",
) -> Result:
    """A result from samples of the thing and of its same-run baseline; ``target`` is the
    largest acceptable ratio of their medians (None: reported for information)."""
    return Result(
        name=name,
        median_ms=statistics.median(samples),
        baseline_ms=statistics.median(baseline_samples),
        baseline=baseline,
        unit=unit,
        target_ratio=target,
        samples=list(samples),
        baseline_samples=list(baseline_samples),
    )


def median_ms(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> float:
    """Old API: the median wall time of ``fn()`` in milliseconds."""
    return statistics.median(sample_ms(fn, repeat=repeat, warmup=warmup))


def _calibration_work() -> None:
    data = [{"id": i, "text": f"statement {i} " * 4, "score": i % 11} for i in range(800)]
    json.loads(json.dumps(data))
    sorted(data, key=lambda d: (d["score"], d["text"]))


REFERENCE_CALIBRATION_MS = 3.2
"""How long the calibration workload took on the machine the old absolute targets were set on.
An old absolute target T ms is restated as the ratio T / 3.2 to the calibration workload run in
the same process (:func:`calibration_target`); nothing is scaled by a machine factor."""


def calibration_target(absolute_ms: float) -> float:
    """An old absolute target, restated as a ratio to the same-run calibration workload."""
    return round(absolute_ms / REFERENCE_CALIBRATION_MS, 1)


def calibration_work() -> None:
    """The calibration workload: a fixed pure-Python job, used as a named baseline."""
    _calibration_work()


def calibration() -> float:
    """Old API: the median time of a fixed pure-Python workload, in ms. Use it only as a named
    baseline ("calibration workload"); nothing is scaled by it any more."""
    return median_ms(_calibration_work, repeat=25)


def _line(r: Result) -> str:
    if r.target_ratio is not None:
        target = f"<= {r.target_ratio:g}x"
    elif r.target_ms is not None:
        met = "met" if r.median_ms <= r.target_ms else "over"
        target = f"abs {r.target_ms:g}{r.unit} {met}, no verdict"
    else:
        target = "no target"
    return (
        f"{r.status:4} {r.name:<52} {r.min:9.2f} {r.median_ms:9.2f} {r.max:9.2f} {r.unit:3}"
        f" {r.ratio:7.2f}x {target:<14} vs {r.baseline} ({r.baseline_ms:.2f} {r.unit})"
    )


HEADER = (
    f"{'':4} {'figure':<52} {'min':>9} {'median':>9} {'max':>9} {'':3} {'ratio':>8}"
    f" {'target':<14} baseline (its median)"
)


def report(results: list[Result], *, as_json: bool = False) -> int:
    """Print the results; return 1 when a ratio target is missed by its median, else 0.

    When the environment variable ``BENCH_RESULTS`` names a file, the results are also
    appended to it as JSON lines (``run_all.py`` prints one table of everything from it).
    """
    rows = [asdict(r) | {"ratio": r.ratio, "status": r.status, "min": r.min, "max": r.max}
            for r in results]  # fmt: skip
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        print(HEADER)
        for r in results:
            print(_line(r))
    sink = os.environ.get("BENCH_RESULTS")
    if sink:
        with open(sink, "a", encoding="utf-8") as out:
            for row in rows:
                row.pop("samples"), row.pop("baseline_samples")
                out.write(json.dumps(row) + "\n")
    sys.stdout.flush()
    return 0 if all(r.passed() for r in results) else 1


def load_rows(path: Path) -> list[Result]:
    """The results a run appended to a ``BENCH_RESULTS`` file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for key in ("ratio", "status", "min", "max"):
            row.pop(key, None)
        result = Result(**row)
        # keep min and max, which the file holds without their samples
        saved = json.loads(line)
        result.samples = [saved["min"], saved["median_ms"], saved["max"]]
        out.append(result)
    return out


def compile_package() -> None:
    """Byte-compile sos_assistant, as ``pip install`` does, so that benchmarks which start new
    processes measure an installed program even in a checkout run with PYTHONDONTWRITEBYTECODE."""
    import compileall

    import sos_assistant

    compileall.compile_dir(Path(sos_assistant.__file__).parent, quiet=1)
