"""Small commands start small: whole-process times of ``coach``, ``steps`` and ``check``.

Each is reported as a ratio to a new Python process doing nothing (``python -c pass``) and to
one importing Textual's App (``python -c "import textual.app"``), all interleaved in one run.
Target: each command below 1x the Textual import, since none of them needs Textual; the
ratio to ``python -c pass`` is for information.

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
        results.append(
            compare(f"sos-assistant {name} (process)", got[name], got["textual"],
                    "python -c 'import textual.app'", target=None if name == "--help" else 1.0)
        )  # fmt: skip
        results.append(
            compare(f"sos-assistant {name} (process, CPU)", cpu[name], cpu["textual"],
                    "python -c 'import textual.app' (CPU)",
                    target=None if name == "--help" else 1.0)
        )  # fmt: skip
        results.append(
            compare(f"sos-assistant {name} (process)", got[name], got["pass"], "python -c pass")
        )
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
