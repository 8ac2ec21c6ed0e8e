"""Word and PDF export as the map grows.

Targets (issue 17), each a ratio to a baseline run in the same process, interleaved with it:

- Word, 5,000 statements <= 12x Word, 500 statements (export grows no faster than the map);
- Word, 500 statements <= 312x the calibration workload (the old "1 s", restated: 1000 ms over
  the 3.2 ms the workload took where that target was set);
- PDF, 500 statements <= 312x the calibration workload (the same "1 s").

Run: ``python benchmarks/bench_export.py [--json]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import calibration_target, calibration_work, compare, interleave, report
from bench_core import big_map

from sos_assistant.render import render_bytes


def main() -> int:
    small, large = big_map(500), big_map(5000)
    render_bytes(small, "pdf")  # fonts and templates load once per process
    got = interleave(
        {
            "docx500": lambda: render_bytes(small, "docx"),
            "docx5000": lambda: render_bytes(large, "docx"),
            "calibration": lambda: [calibration_work() for _ in range(10)],
        },
        rounds=5,
        repeat=1,
        warmup=1,
        cpu=True,
    )
    calibration = [ms / 10 for ms in got["calibration"]]
    pdf = interleave(
        {"pdf500": lambda: render_bytes(small, "pdf"), "calibration": calibration_work},
        rounds=3,
        repeat=1,
        warmup=0,
        cpu=True,
    )
    results = [
        compare("Word export, 5,000 statements", got["docx5000"], got["docx500"],
                "Word export, 500 statements", target=12),
        compare("Word export, 500 statements", got["docx500"], calibration,
                "calibration workload", target=calibration_target(1000)),
        compare("PDF export, 500 statements (render/pdf.py: i11)", pdf["pdf500"],
                pdf["calibration"] + calibration, "calibration workload",
                target=calibration_target(1000)),
    ]  # fmt: skip
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
