"""The app in a real (pseudo-)terminal, against a minimal Textual app in the same run.

Both programs run under a pseudo-terminal of 80x24; what they write is read into a ``pyte``
screen, and a figure ends the moment that screen shows everything it should. Nothing runs
headless: this is what a person at a terminal waits for.

Figures (benchmarks/README.md has the full list):

- launch: from starting the process to the first complete screen, for a new person (welcome),
  someone with 1,000 and with 10,000 saved sessions (home), and ``--session NAME`` straight
  to a saved session's question. Target: <= 1.3x the minimal app (one Label, one Input) from
  its start to its label and input shown.
- Enter -> next question: answers are typed as a person would, Enter is pressed, and the time
  runs until the next question is drawn (its words, its buttons and the key bar). One figure
  per kind of step. Target: <= 1.5x the minimal app changing its label on Enter.
- peak memory after launch: at most 1.3x the minimal app's.
- ``sessions list`` with 10,000 sessions as a whole process: within the launch target.

Runs are interleaved (minimal, then each scenario, in turn) so a busy moment on a shared
machine slows each alike. Run: ``python benchmarks/bench_terminal.py [--json] [--quick]
[--launch] [--enter]`` (``--launch``: the launch, listing and memory figures only;
``--enter``: only the Enter -> next question figures).
"""

from __future__ import annotations

import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Result, compare, compile_package, process_ms, report
from _terminal import Terminal

from sos_assistant.dialogue import Engine, find_dialogue
from sos_assistant.safetext import reflow
from sos_assistant.session import Session
from sos_assistant.store import HOME_ENV, open_store
from sos_assistant.tui_text import ui_text

QUICK = "--quick" in sys.argv
LAUNCH_ONLY = "--launch" in sys.argv
"""Only the launch figures (and memory), not the walks through every question."""
ENTER_ONLY = "--enter" in sys.argv
"""Only the Enter -> next question figures, no launches (for work on answering)."""
RUNS = 3 if QUICK else 7
WALKS = 1 if QUICK else 2
DIALOGUE = "family-conference"

MINIMAL = """
from textual.app import App
from textual.widgets import Input, Label
class Minimal(App):
    n = 1
    def compose(self):
        yield Label("Question 1: what is your name?", id="q")
        yield Input(placeholder="type here")
    def on_input_submitted(self, event):
        self.n += 1
        self.query_one("#q", Label).update(f"Question {self.n}: what happened next?")
        event.input.clear()
Minimal().run()
"""
MINIMAL_RESUME = (
    "from sos_assistant.session import find_script\nfind_script('family-conference')\n" + MINIMAL
)
"""Floor for ``--session``: the minimal app, after reading the dialogue into its models (which
resuming needs: pydantic, the model and the dialogue's JSON copy). Information, no target."""
MINIMAL_SWAP = """
from textual.app import App
from textual.widgets import Input, Label, RadioButton, RadioSet
class Choices(RadioSet):
    BINDINGS = [("enter", "chosen", "")]
    def action_chosen(self):
        self.app._ask(self.app.query_one(Input))
class Swap(App):
    n = 1
    def compose(self):
        yield Label("Question 1: what is your name?", id="q")
        yield Input(placeholder="type here")
        with Choices():
            yield RadioButton("Yes, that is right")
            yield RadioButton("No, not really")
            yield RadioButton("I am not sure")
    def on_mount(self):
        self.query_one(Choices).display = False
    def _ask(self, show):
        self.n += 1
        self.query_one("#q", Label).update(f"Question {self.n}: what happened next?")
        for widget in (self.query_one(Input), self.query_one(Choices)):
            widget.display = widget is show
        show.focus()
    def on_input_submitted(self, event):
        event.input.clear()
        self._ask(self.query_one(Choices))
Swap().run()
"""
"""Floor for a move to another kind of answer box: the minimal app hiding its Input and showing
a RadioSet of three choices (and back) as its label changes. Information, no target."""
APP = [sys.executable, "-c", "from sos_assistant.cli import main; raise SystemExit(main())"]


def _flat(screen: str) -> str:
    return re.sub(r"\s+", " ", screen)


def _words(text: str, n: int = 6) -> str:
    return " ".join(reflow(text).split()[:n])


def _has(*needles: str) -> Any:
    return lambda screen: all(needle in _flat(screen) for needle in needles)


# -- stores -----------------------------------------------------------------------------------


def _fill(home: Path, count: int) -> None:
    """``count`` saved sessions with a few answers each (one made by the store, then copied)."""
    script = find_dialogue(DIALOGUE)
    with open_store(home) as store:
        engine = Session.start(store, script, "saved 0", audience="family").engine
        engine.answer(None)
        engine.answer("Dani")
        engine.answer("Kai")
    db = sqlite3.connect(home / "sessions.db", isolation_level=None)
    db.execute("BEGIN")
    for n in range(1, count):
        db.execute(
            "INSERT INTO sessions (lookup, name, dialogue, framework_choice, framework, audience, "
            "created, updated, events, answered, total, finished) SELECT ?1, ?1, dialogue, "
            "framework_choice, framework, audience, created, "
            "strftime('%Y-%m-%dT%H:%M:%f', updated, ?2 || ' seconds'), events, answered, total, "
            "finished FROM sessions WHERE id = 1",
            (f"saved {n}", -n),
        )
        sid = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        db.execute("INSERT INTO events SELECT ?, seq, body FROM events WHERE session = 1", (sid,))
    db.execute("COMMIT")
    db.close()


# -- launch -----------------------------------------------------------------------------------


def _launch(argv: list[str], env: dict[str, str], shown: Any) -> tuple[float, int, float]:
    """Wall ms to the first complete screen, peak memory then (KiB), CPU ms used until then."""
    term = Terminal(argv, env)
    try:
        at = term.wait_for(shown)
        return (at - term.started) * 1000, term.vmhwm_kib(), term.cpu_ms()
    finally:
        term.close()


# -- Enter -> next question -------------------------------------------------------------------


def _minimal_moves(
    env: dict[str, str], count: int, *, swap: bool = False
) -> tuple[list[float], list[float]]:
    """Enter -> the next question in the minimal app (its label changes); with ``swap``, in
    MINIMAL_SWAP, where every other question is answered with radio buttons instead of text."""
    term = Terminal([sys.executable, "-c", MINIMAL_SWAP if swap else MINIMAL], env)
    out: list[float] = []
    cpu: list[float] = []
    try:
        term.wait_for(_has("Question 1", "type here"))
        for n in range(2, count + 2):
            to_choice = swap and n % 2 == 0
            if not swap or to_choice:  # an answer is typed (in a swap, only before a choice)
                term.send("Kai went to nursery")
                term.wait_for(_has("Kai went to nursery"))
            term.settle(0.05)
            before = term.cpu_ms()
            sent = term.send("\r")
            done = term.wait_for(
                _has(f"Question {n}:", "I am not sure" if to_choice else "type here")
            )
            out.append((done - sent) * 1000)
            cpu.append(term.cpu_ms() - before)
            term.settle(0.05)
    finally:
        term.close()
    return out, cpu


def _answer_for(prompt: Any, turn: int) -> tuple[list[str], Any]:
    """What to type for ``prompt`` (keystroke groups; the last is the timed Enter) and the
    value the engine will be given."""
    kind = prompt.step.kind
    words = f"On Monday Dani walked Kai to nursery ({turn})"
    if prompt.step.slot == "meeting.date":  # a date, or the question asks again
        return ["8 December 2026", "\r"], "8 December 2026"
    if kind == "text":
        return [words, "\r"], words
    if kind == "network":  # one helper's name, Enter adds them, Enter on an empty name ends
        return [f"Bev {turn}", "\r", "\r"], [{"name": f"Bev {turn}"}]
    if kind == "list":
        if prompt.step.views:
            return [words, "\r", "\r", "\r"], [words]
        return [words, "\r", "\r"], [words]
    if kind == "people":
        return [f"Bev {turn}", "\r", "\r"], [{"name": f"Bev {turn}", "role": None}]
    if kind == "choice":
        return ["\r"], prompt.choices[0][0]
    if kind == "confirm":
        return ["\r"], True
    if kind == "scale":
        return ["7", "\r", "Better since May", "\r"], {"score": 7, "why": "Better since May"}
    return ["\r"], None


def _question_shown(prompt: Any, before: str | None) -> Any:
    words = ui_text()
    ask = _words(prompt.ask)
    need = _has(ask, words.buttons.next, words.keys.quick_exit)

    def shown(screen: str) -> bool:
        return need(screen) and (before is None or before == ask or before not in _flat(screen))

    return shown


def _walk(env: dict[str, str], name: str) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Answer every step of a fresh session; the time from each step's last Enter to the next
    question drawn, by the kind of the step answered."""
    script = find_dialogue(DIALOGUE)
    with open_store(Path(env[HOME_ENV])) as store:
        Session.start(store, script, name, audience="family")
    shadow = Engine(script)  # the same answers, to know which question must come next
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    term = Terminal([*APP, "--session", name], env)
    try:
        prompt = shadow.prompt()
        term.wait_for(_question_shown(prompt, None))
        turn = 0
        while not shadow.finished:
            turn += 1
            keys, value = _answer_for(prompt, turn)
            if prompt.step.kind == "people":
                value = [{"name": value[0]["name"], "role": prompt.step.role or "other"}]
            term.settle(0.05)
            for group in keys[:-1]:
                term.send(group)
                term.settle(0.1)
            before_cpu = term.cpu_ms()
            sent = term.send(keys[-1])
            shadow.answer(value)
            if shadow.finished:
                break
            before = _words(prompt.ask)
            prompt = shadow.prompt()
            done = term.wait_for(_question_shown(prompt, before))
            used = term.cpu_ms() - before_cpu
            kind = shadow.script.step(shadow.path[-2]).kind
            times.setdefault(kind, []).append((done - sent) * 1000)
            cpu.setdefault(kind, []).append(used)
    finally:
        term.close()
    return times, cpu


def _enter_results(env: Any) -> list[Result]:
    """Enter -> next question drawn, for each kind of step, against the minimal app's label
    change, interleaved: minimal, the app, minimal, the app."""
    results: list[Result] = []
    changes: list[float] = []
    changes_cpu: list[float] = []
    swaps: list[float] = []
    swaps_cpu: list[float] = []
    by_kind: dict[str, list[float]] = {}
    by_kind_cpu: dict[str, list[float]] = {}
    for walk in range(WALKS):  # interleaved: minimal, the app, minimal, the app
        wall, cpu = _minimal_moves(env("min"), 12)
        changes += wall
        changes_cpu += cpu
        wall, cpu = _minimal_moves(env("min"), 12, swap=True)
        swaps += wall
        swaps_cpu += cpu
        wall_by_kind, cpu_by_kind = _walk(env("walk"), f"walk {walk}")
        for kind, times in wall_by_kind.items():
            by_kind.setdefault(kind, []).extend(times)
        for kind, times in cpu_by_kind.items():
            by_kind_cpu.setdefault(kind, []).extend(times)
    results.append(
        compare("floor: minimal app swapping Input for RadioSet on Enter", swaps, changes,
                "minimal app label change")
    )  # fmt: skip
    results.append(
        compare("floor: minimal app swapping Input for RadioSet on Enter (CPU)", swaps_cpu,
                changes_cpu, "minimal app label change (CPU)")
    )  # fmt: skip
    for kind in sorted(by_kind):
        results.append(
            compare(f"Enter -> next question drawn, after {kind}", by_kind[kind], changes,
                    "minimal app label change", target=1.5)
        )  # fmt: skip
        results.append(
            compare(f"Enter -> next question drawn, after {kind} (CPU)", by_kind_cpu[kind],
                    changes_cpu, "minimal app label change (CPU)", target=1.5)
        )  # fmt: skip
    every = [t for times in by_kind.values() for t in times]
    ordered = sorted(every)
    results.append(
        Result("Enter -> next question, 90th percentile, all kinds",
               ordered[int(0.9 * (len(ordered) - 1))], baseline_ms=statistics.median(changes),
               baseline="minimal app label change")
    )  # fmt: skip
    return results


def main() -> int:
    compile_package()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="sos-bench-term-") as tmp:
        root = Path(tmp)
        homes = {name: root / name for name in ("empty", "k1", "k10", "resume", "walk", "min")}
        for home in homes.values():
            home.mkdir(mode=0o700)
        if ENTER_ONLY:
            return report(_enter_results(lambda home: {**os.environ, HOME_ENV: str(homes[home])}),
                          as_json="--json" in sys.argv)  # fmt: skip
        _fill(homes["k1"], 1000)
        _fill(homes["k10"], 10000)
        script = find_dialogue(DIALOGUE)
        with open_store(homes["resume"]) as store:
            engine = Session.start(store, script, "resume me", audience="family").engine
            engine.answer(None)
            engine.answer("Dani")
            engine.answer("Kai")
            resume_prompt = engine.prompt()

        def env(home: str) -> dict[str, str]:
            return {**os.environ, HOME_ENV: str(homes[home])}

        words = ui_text()
        newest = "saved 0"
        scenarios: dict[str, tuple[list[str], str, Any]] = {
            "welcome (new person)": (
                APP, "empty", _has(words.first_run.title, words.first_run.start,
                                   words.keys.quick_exit)),
            "home, 1,000 sessions": (
                APP, "k1", _has(words.home.title, newest, words.keys.quick_exit)),
            "home, 10,000 sessions": (
                APP, "k10", _has(words.home.title, newest, words.keys.quick_exit)),
            "--session NAME (to its question)": (
                [*APP, "--session", "resume me"], "resume",
                _question_shown(resume_prompt, None)),
        }  # fmt: skip
        minimal_argv = [sys.executable, "-c", MINIMAL]
        resume_floor_argv = [sys.executable, "-c", MINIMAL_RESUME]
        minimal_shown = _has("Question 1", "type here")
        launches: dict[str, list[tuple[float, int, float]]] = {"minimal": [], "floor": []}
        listing: list[float] = []
        listing_cpu: list[float] = []
        launches |= {name: [] for name in scenarios}
        for argv, home, shown in scenarios.values():  # warm the disk cache once
            _launch(argv, env(home), shown)
        _launch(minimal_argv, env("min"), minimal_shown)
        for _ in range(RUNS):
            launches["minimal"].append(_launch(minimal_argv, env("min"), minimal_shown))
            launches["floor"].append(_launch(resume_floor_argv, env("min"), minimal_shown))
            for name, (argv, home, shown) in scenarios.items():
                launches[name].append(_launch(argv, env(home), shown))
            listing.append(process_ms([*APP, "sessions", "list"], env=env("k10")))
            listing_cpu.append(process_ms([*APP, "sessions", "list"], env=env("k10"), cpu=True))

        base = [ms for ms, _, _ in launches["minimal"]]
        base_cpu = [cpu for _, _, cpu in launches["minimal"]]
        base_kib = [kib for _, kib, _ in launches["minimal"]]
        for name in scenarios:
            results.append(
                compare(f"launch: {name}", [ms for ms, _, _ in launches[name]], base,
                        "minimal app launch", target=1.3)
            )  # fmt: skip
            results.append(
                compare(f"launch: {name} (CPU)", [cpu for _, _, cpu in launches[name]],
                        base_cpu, "minimal app launch (CPU)", target=1.3)
            )  # fmt: skip
        results.append(
            compare("floor: minimal app after reading the dialogue's models",
                    [ms for ms, _, _ in launches["floor"]], base, "minimal app launch")
        )  # fmt: skip
        results.append(
            compare("floor: minimal app after reading the dialogue's models (CPU)",
                    [cpu for _, _, cpu in launches["floor"]], base_cpu,
                    "minimal app launch (CPU)")
        )  # fmt: skip
        results.append(
            compare("sessions list, 10,000 sessions (process)", listing, base,
                    "minimal app launch", target=1.3)
        )  # fmt: skip
        results.append(
            compare("sessions list, 10,000 sessions (process, CPU)", listing_cpu, base_cpu,
                    "minimal app launch (CPU)", target=1.3)
        )  # fmt: skip
        results.append(
            compare("floor: peak memory, minimal app after reading the dialogue's models",
                    [kib for _, kib, _ in launches["floor"]], base_kib, "minimal app",
                    unit="KiB")
        )  # fmt: skip
        for name in scenarios:
            results.append(
                compare(f"peak memory: {name}", [kib for _, kib, _ in launches[name]], base_kib,
                        "minimal app", target=1.3, unit="KiB")
            )  # fmt: skip

        if LAUNCH_ONLY:
            return report(results, as_json="--json" in sys.argv)
        results += _enter_results(env)
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"(bench_terminal took {time.monotonic() - started:.0f} s)")
    sys.exit(code)
