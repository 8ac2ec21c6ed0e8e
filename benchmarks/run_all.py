"""Run every benchmark in this folder, then print one table of every figure.

Exit status 1 when any ratio target is missed by its median (see benchmarks/README.md).
Each script has a time limit, so the whole run stays bounded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from _harness import HEADER, _line, compile_package, load_rows  # noqa: E402 (after the path)

LIMIT_S = 240
"""Longest any one script may run (the slowest, bench_terminal.py, takes about two minutes)."""


def main() -> int:
    compile_package()
    worst = 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sos-bench-all-") as tmp:
        sink = Path(tmp) / "results.jsonl"
        env = os.environ | {"BENCH_RESULTS": str(sink)}
        for script in sorted(HERE.glob("bench_*.py")):
            print(f"== {script.name}", flush=True)
            start = time.monotonic()
            try:
                code = subprocess.run(
                    [sys.executable, str(script)], check=False, env=env, timeout=LIMIT_S
                ).returncode
            except subprocess.TimeoutExpired:
                print(f"MISS {script.name} did not finish in {LIMIT_S} s", flush=True)
                code = 1
            print(f"   ({time.monotonic() - start:.0f} s)", flush=True)
            worst = max(worst, code)
        results = load_rows(sink) if sink.exists() else []
    print(f"\n== every figure ({time.monotonic() - began:.0f} s in all)")
    print(HEADER)
    for result in results:
        print(_line(result))
    missed = [r.name for r in results if r.status == "MISS"]
    print("targets missed: " + ("; ".join(missed) if missed else "none"))
    return worst


if __name__ == "__main__":
    sys.exit(main())
