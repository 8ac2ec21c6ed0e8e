"""The app's speed and memory, against a minimal Textual app (one label, one input) in the same run.

Targets (issue 4):

- launch to the first interactive screen <= 1.3x the minimal app. ``sos-assistant`` opens on
  the welcome screen for a new person and on the home screen (saved sessions) for someone
  coming back; both are measured from starting a fresh Python process (interpreter start-up
  included, for both apps) to the first repaint of that screen;
- answer submitted -> next question fully shown <= 16 ms median (measured inside the app);
- peak memory (maximum resident set of the whole process) <= 1.3x the minimal app.

Also reported, without a target: ``sos-assistant --session NAME`` straight into a saved
session's next question, which must load the dialogue, the engine and the content (pydantic,
transitions) before it can show anything.

Every process runs from byte-compiled modules, as after ``pip install`` (which compiles them);
the package is compiled first in case this is a source checkout with PYTHONDONTWRITEBYTECODE.

Run: ``python benchmarks/bench_tui.py [--json]``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import Result, compile_package, report

RUNS = 7

PEAK = """
def peak_kib():
    # VmHWM is this process's own peak; ru_maxrss on Linux keeps the parent's peak across exec.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

MINIMAL = (
    PEAK
    + """
import os, time
start = float(os.environ["BENCH_SPAWNED"])
from textual.app import App
from textual.widgets import Input, Label
class Minimal(App):
    def compose(self):
        yield Label("hello")
        yield Input()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        self.exit((time.time() - start) * 1000)
async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    return app.return_value
import asyncio
ms = asyncio.run(main())
print(ms, peak_kib())
"""
)

APP = (
    PEAK.replace("{", "{{").replace("}", "}}")
    + """
import os, time
start = float(os.environ["BENCH_SPAWNED"])
from sos_assistant.tui.app import SosApp
async def main():
    app = SosApp(session_name={session!r}, dialogue={dialogue!r})
    async with app.run_test(size=(80, 24)) as pilot:
        while type(app.screen).__name__ != {screen!r} or not app.screen.is_mounted \\
                or getattr(app.screen, "_widget", True) is None:
            await pilot.pause(0)
        painted = asyncio.Event()
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
        return (time.time() - start) * 1000
import asyncio
ms = asyncio.run(main())
print(ms, peak_kib())
"""
)

SCENARIOS = {
    "new person (welcome)": dict(session=None, dialogue=None, screen="FirstRunScreen"),
    "returning (home, 20 sessions)": dict(session=None, dialogue=None, screen="HomeScreen"),
    "--session (straight to question)": dict(
        session="saved-0", dialogue="family-conference", screen="QuestionScreen"
    ),
}


def _run(code: str, home: str) -> tuple[float, int]:
    """Milliseconds from starting the process to the first repaint, and peak memory in KiB."""
    env = {**os.environ, "SOS_ASSISTANT_HOME": home, "BENCH_SPAWNED": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,  # the app never reaching the expected screen fails, it does not hang
    ).stdout.split()
    return float(out[-2]), int(out[-1])


def _saved_sessions(home: str, n: int = 20) -> None:
    """A store with ``n`` sessions, a few answers each, as a returning person has."""
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.session import Session
    from sos_assistant.store import open_store

    os.environ["SOS_ASSISTANT_HOME"] = home
    store = open_store()
    script = find_dialogue("family-conference")
    for i in range(n):
        engine = Session.start(store, script, f"saved-{i}", audience="family").engine
        engine.answer(None)
        engine.answer(f"Parent {i}")
    store.close()


async def _transitions(home: str, n: int = 30) -> list[float]:
    from sos_assistant.tui.app import SosApp
    from sos_assistant.tui.screens.question import QuestionScreen

    os.environ["SOS_ASSISTANT_HOME"] = home
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
    compile_package()
    with (
        tempfile.TemporaryDirectory() as empty,
        tempfile.TemporaryDirectory() as saved,
        tempfile.TemporaryDirectory() as scratch,
    ):
        _saved_sessions(saved)
        homes = {"new person (welcome)": empty}
        minimal: list[tuple[float, int]] = []
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in SCENARIOS}
        for _ in range(RUNS):  # interleaved, so a noisy moment hits every kind of run alike
            minimal.append(_run(MINIMAL, scratch))
            for name, options in SCENARIOS.items():
                runs[name].append(_run(APP.format(**options), homes.get(name, saved)))
        transitions = asyncio.run(_transitions(scratch))
    min_ms = statistics.median(m for m, _ in minimal)
    min_kb = statistics.median(k for _, k in minimal)
    results: list[Result] = []
    for name, measured in runs.items():
        target = None if name.startswith("--session") else 1.3
        ms = statistics.median(m for m, _ in measured)
        kb = statistics.median(k for _, k in measured)
        results.append(
            Result(
                f"tui: launch, {name}",
                ms,
                None if target is None else target * min_ms,
                min_ms,
                "minimal app",
            )
        )
        results.append(
            Result(
                f"tui: peak memory, {name}",
                kb,
                None if target is None else target * min_kb,
                min_kb,
                "minimal app",
                unit="KiB",
            )
        )
    ordered = sorted(transitions)
    results.append(
        Result(
            "tui: answer -> next question shown",
            statistics.median(transitions),
            16.0,
            ordered[0],
            "fastest transition",
        )
    )
    results.append(
        Result(
            "tui: answer -> next question, 90th percentile",
            ordered[int(0.9 * (len(ordered) - 1))],
            None,
            ordered[0],
            "fastest transition",
        )
    )
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
