"""The app's speed and memory, against a minimal Textual app (one label, one input) in the same run.

Targets (issue 4): launch to first interactive screen <= 1.3x the minimal app; answer submitted ->
next question fully shown <= 16 ms median (measured inside the app); peak memory <= 1.3x the
minimal app. Run: ``python benchmarks/bench_tui.py [--json]``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import Result, report

MINIMAL = """
import time, resource, sys
start = time.perf_counter()
from textual.app import App
from textual.widgets import Input, Label
class Minimal(App):
    def compose(self):
        yield Label("hello")
        yield Input()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        self.exit((time.perf_counter() - start) * 1000)
async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    return app.return_value
import asyncio
ms = asyncio.run(main())
print(ms, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

APP = """
import time, resource, sys
start = time.perf_counter()
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.question import QuestionScreen
async def main():
    app = SosApp(session_name="bench", dialogue="family-conference")
    ready = None
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, QuestionScreen) or app.screen._widget is None \\
                or not app.screen._widget.is_mounted:
            await pilot.pause(0)
        ready = (time.perf_counter() - start) * 1000
    return ready
import asyncio
ms = asyncio.run(main())
print(ms, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _run(code: str, home: str) -> tuple[float, int]:
    env = {**os.environ, "SOS_ASSISTANT_HOME": home}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return float(out[-2]), int(out[-1])


async def _transitions(n: int = 20) -> list[float]:
    from sos_assistant.tui.app import SosApp
    from sos_assistant.tui.screens.question import QuestionScreen

    app = SosApp(session_name="transitions", dialogue="family-conference")
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        for _ in range(n):
            if app.session is None or app.session.engine.finished:
                break
            screen.last_transition_ms = None
            await pilot.press("f6" if app.session.engine.current.is_question else "f7")  # type: ignore[union-attr]
            for _ in range(50):
                await pilot.pause()
                if screen.last_transition_ms is not None:
                    break
            if screen.last_transition_ms is not None:
                times.append(screen.last_transition_ms)
    return times


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        minimal = [_run(MINIMAL, home) for _ in range(5)]
        app = [_run(APP, home) for _ in range(5)]
        os.environ["SOS_ASSISTANT_HOME"] = home
        transitions = asyncio.run(_transitions())
    min_ms = statistics.median(m for m, _ in minimal)
    app_ms = statistics.median(m for m, _ in app)
    min_kb = statistics.median(k for _, k in minimal)
    app_kb = statistics.median(k for _, k in app)
    results = [
        Result("tui: launch to first question", app_ms, 1.3 * min_ms, min_ms, "minimal app"),
        Result(
            "tui: answer -> next question shown",
            statistics.median(transitions),
            16.0,
            min(transitions),
            "fastest transition",
        ),
        Result("tui: peak memory (KiB as ms)", app_kb, 1.3 * min_kb, min_kb, "minimal app"),
    ]
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
