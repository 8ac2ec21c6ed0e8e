"""Small commands start small: whole-process times of ``coach``, ``steps`` and ``check``.

Each is reported as a ratio to a new Python process doing nothing (``python -c pass``) and to
one importing Textual's App (``python -c "import textual.app"``), all interleaved in one run.
Target: ``coach`` and ``steps`` below 1x the Textual import, since neither needs Textual. ``check``
is reported against the same baselines for information only: it reads and validates every
dialogue, template, rule and glossary file and measures the reading age of every family line,
so its time is its work, not its start-up. What every one of them must not do is load what it
does not use; ``tests/test_import_hygiene.py`` proves that none loads Textual, rich, the
exporters, the crypto or the store. The ratio to ``python -c pass`` is for information.

Run: ``python benchmarks/bench_commands.py [--json]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import compare, compile_package, interleave_process_pairs, report

APP = [sys.executable, "-m", "sos_assistant.cli"]
COMMANDS = {
    "coach": [*APP, "coach", "Mum is in denial and the house is chaotic."],
    "steps": [*APP, "steps", "family-conference"],
    "check": [*APP, "check"],
    "--help": [*APP, "--help"],
}
UNTIMED = {"check", "--help"}
"""Reported for information: ``check`` does a whole content validation; ``--help`` is here
for scale."""


def main() -> int:
    compile_package()
    with tempfile.TemporaryDirectory(prefix="sos-bench-cmd-") as home:
        env = os.environ | {"SOS_ASSISTANT_HOME": home}
        got, cpu = interleave_process_pairs(
            {
                "pass": [sys.executable, "-c", "pass"],
                "textual": [sys.executable, "-c", "import textual.app"],
                **COMMANDS,
            },
            rounds=9,
            env=env,
            codes=(0, 1),  # coach says 1 when it has advice
        )
    results = []
    for name in COMMANDS:
        target = None if name in UNTIMED else 1.0
        results.append(
            compare(f"sos-assistant {name} (process)", got[name], got["textual"],
                    "python -c 'import textual.app'", target=target)
        )  # fmt: skip
        results.append(
            compare(f"sos-assistant {name} (process, CPU)", cpu[name], cpu["textual"],
                    "python -c 'import textual.app' (CPU)", target=target)
        )  # fmt: skip
        results.append(
            compare(f"sos-assistant {name} (process)", got[name], got["pass"], "python -c pass")
        )
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
