"""Practising questions: naming one question, a reply shown after Enter, loading the vignettes.

Run with ``python benchmarks/bench_rehearse.py`` (``--json`` for machine-readable output).

Targets (issue 12): classifying one question <= 2 ms median; a simulated reply on screen
<= 16 ms after Enter (in the real app, saved first, at 80x24); loading every vignette <= 50 ms.
Each figure is printed with its ratio to a baseline measured in the same run: a bare
precompiled regular-expression scan over the same question; the same keypress in a bare
Textual app that mounts one line of text; and parsing the same files with PyYAML alone.

Self-contained on purpose (no shared harness), so it keeps working while that changes.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

QUESTIONS = [
    "Why did you leave the children alone?",
    "Tell me about a time when you and Dev sorted out a row without shouting.",
    "On a scale of 0 to 10, where 10 is the kids are safe, where are things today?",
    "What would your mum say she has seen you do well with the baby?",
    "Did you drink last night, and who put the girls to bed?",
    "What do you think about your aggressive behaviour towards staff?",
]
_BARE = re.compile(r"\b(?:why|scale|would|time|think|what|how)\b", re.I)


def median_ms(fn: Callable[[], object], runs: int = 200) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_classify() -> tuple[float, float]:
    from sos_assistant.rehearse.questions import Classifier

    classifier = Classifier()
    for q in QUESTIONS:
        classifier.classify(q)  # warm: the coach's rules load once
    i = iter(range(10**9))
    ours = median_ms(lambda: classifier.classify(QUESTIONS[next(i) % len(QUESTIONS)]), 600)
    j = iter(range(10**9))
    bare = median_ms(lambda: _BARE.findall(QUESTIONS[next(j) % len(QUESTIONS)]), 600)
    return ours, bare


def bench_load() -> tuple[float, float]:
    import yaml

    from sos_assistant.rehearse.vignettes import load_vignette, vignette_files

    files = vignette_files()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts = [p.read_text(encoding="utf-8") for p in files]
    ours = median_ms(lambda: [load_vignette(p) for p in files], 15)
    bare = median_ms(lambda: [yaml.load(t, Loader=loader) for t in texts], 15)
    return ours, bare


async def _reply_in_app(runs: int) -> float:
    from sos_assistant.tui.app import SosApp
    from sos_assistant.tui.screens.rehearse import RehearseScreen

    app = SosApp(rehearse="nkechi-and-tobi")
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RehearseScreen)
        box = screen.query_one("#ask")
        for n in range(runs):
            box.value = QUESTIONS[n % len(QUESTIONS)]  # type: ignore[attr-defined]
            screen.last_reply_ms = None
            await pilot.press("enter")
            for _ in range(50):
                await pilot.pause()
                if screen.last_reply_ms is not None:
                    break
            assert screen.last_reply_ms is not None
            times.append(screen.last_reply_ms)
    return statistics.median(times)


async def _bare_app(runs: int) -> float:
    """The same keypress in a bare app: Enter mounts the text typed as one line."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Input, Static

    class Bare(App[None]):
        shown_ms: float | None = None
        _at = 0.0

        def compose(self) -> ComposeResult:
            yield VerticalScroll(id="log")
            yield Input(id="ask")

        def on_input_submitted(self, event: Input.Submitted) -> None:
            self._at = time.perf_counter()
            log = self.query_one("#log", VerticalScroll)
            log.mount(Static(event.value, classes="turn"))
            event.input.value = ""
            log.scroll_end(animate=False)
            self.call_after_refresh(self._shown)

        def _shown(self) -> None:
            self.shown_ms = (time.perf_counter() - self._at) * 1000

    app = Bare()
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one("#ask", Input)
        box.focus()
        for n in range(runs):
            box.value = QUESTIONS[n % len(QUESTIONS)]
            app.shown_ms = None
            await pilot.press("enter")
            for _ in range(50):
                await pilot.pause()
                if app.shown_ms is not None:
                    break
            assert app.shown_ms is not None
            times.append(app.shown_ms)
    return statistics.median(times)


def bench_reply(runs: int = 30) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as home:
        os.environ["SOS_ASSISTANT_HOME"] = home
        ours = asyncio.run(_reply_in_app(runs))
    bare = asyncio.run(_bare_app(runs))
    return ours, bare


def main() -> int:
    results: list[dict[str, Any]] = []
    for name, target, (ours, bare) in [
        ("classify one question", 2.0, bench_classify()),
        ("reply shown after Enter", 16.0, bench_reply()),
        ("load all vignettes", 50.0, bench_load()),
    ]:
        results.append(
            {
                "name": name,
                "ms": round(ours, 3),
                "target_ms": target,
                "baseline_ms": round(bare, 3),
                "ratio": round(ours / bare, 2) if bare else None,
                "ok": ours <= target,
            }
        )
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            mark = "ok  " if r["ok"] else "MISS"
            print(
                f"{mark} {r['name']:<26} {r['ms']:8.3f} ms  (target {r['target_ms']} ms; "
                f"baseline {r['baseline_ms']:.3f} ms, ratio {r['ratio']}x)"
            )
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
