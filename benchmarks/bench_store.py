"""Store benchmarks: durable commits, listing many sessions, rebuilding a long session.

    python benchmarks/bench_store.py [--json]

Targets (DESIGN / issue 3):
- committing one answer with full durability (WAL, synchronous=FULL) takes at most 3x a bare
  SQLite insert+commit of the same text in the same folder, measured in the same run;
- ``sessions list`` with 1,000 sessions takes at most 200 ms, both through
  ``sos_assistant.cli.main`` in this process and as a whole new process (``python -c`` running
  the command line, against a new process that only imports sqlite3, in the same run);
- opening the store and rebuilding a session of 1,000 events takes at most 100 ms.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Result, median_ms, report

from sos_assistant import cli
from sos_assistant.dialogue import Engine, find_dialogue, run_answers
from sos_assistant.model import Event
from sos_assistant.session import Session
from sos_assistant.store import HOME_ENV, open_store
from sos_assistant.store.core import event_to_data

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "tests" / "golden" / "family-conference" / "fuller.answers.yaml"
TEXT = (
    "Lee has moved in with his brother for now, and Auntie Bev comes round at bedtime three "
    "nights a week so that Kai is never alone with an argument."
)


def _answers() -> object:
    import yaml

    return yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))


def bench_commit(work: Path) -> Result:
    """One answer, committed durably through the engine, against a bare insert+commit."""
    script = find_dialogue("family-conference")
    store = open_store(work / "commit")
    engine = Session.start(store, script, "bench").engine
    engine.answer(None)
    engine.answer("Dani")
    engine.answer("Kai")
    step = "your-name"

    def store_commit() -> None:
        engine.edit(step, TEXT)

    bare_db = sqlite3.connect(work / "bare.db", isolation_level=None)
    bare_db.execute("PRAGMA journal_mode = WAL")
    bare_db.execute("PRAGMA synchronous = FULL")
    bare_db.execute("CREATE TABLE events (session INTEGER, seq INTEGER, body TEXT)")
    body = json.dumps(event_to_data(Event(type="edit", step=step, value=TEXT)), ensure_ascii=False)
    seq = [0]

    def bare_commit() -> None:
        seq[0] += 1
        bare_db.execute("BEGIN")
        bare_db.execute("INSERT INTO events VALUES (1, ?, ?)", (seq[0], body))
        bare_db.execute("COMMIT")

    # Interleave the two, so that both see the same disk weather.
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(5):
        bare.append(median_ms(bare_commit, repeat=20))
        ours.append(median_ms(store_commit, repeat=20))
    bare_db.close()
    store.close()
    baseline = sorted(bare)[len(bare) // 2]
    return Result(
        "commit one answer (autosave, full durability)",
        sorted(ours)[len(ours) // 2],
        3 * baseline,
        baseline,
        "bare SQLite insert+commit, WAL, synchronous=FULL",
    )


def _fill_sessions(home: Path, count: int) -> None:
    """``count`` realistic sessions: one made through the store, copied row by row."""
    script = find_dialogue("family-conference")
    with open_store(home) as store:
        engine = Session.start(store, script, "session 0").engine
        run_answers(engine, _answers())
    db = sqlite3.connect(home / "sessions.db", isolation_level=None)
    db.execute("BEGIN")
    for n in range(1, count):
        db.execute(
            "INSERT INTO sessions (lookup, name, dialogue, framework_choice, framework, audience, "
            "created, updated, events, answered, total, finished) SELECT ?1, ?1, dialogue, "
            "framework_choice, framework, audience, created, updated, events, answered, total, "
            "finished FROM sessions WHERE id = 1",
            (f"session {n}",),
        )
        sid = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        db.execute("INSERT INTO events SELECT ?, seq, body FROM events WHERE session = 1", (sid,))
    db.execute("COMMIT")
    db.close()


def bench_list(work: Path) -> tuple[Result, float, float, float]:
    home = work / "list"
    _fill_sessions(home, 1000)
    os.environ[HOME_ENV] = str(home)

    def command() -> None:
        with redirect_stdout(io.StringIO()) as out:
            assert cli.main(["sessions", "list"]) == 0
        assert out.getvalue().count("\n") == 1001

    def bare() -> None:
        db = sqlite3.connect(home / "sessions.db")
        db.execute("SELECT * FROM sessions ORDER BY updated DESC").fetchall()
        db.close()

    baseline = median_ms(bare, repeat=20)
    result = Result(
        "sessions list, 1,000 sessions (cli.main)",
        median_ms(command, repeat=20),
        200,
        baseline,
        "bare SELECT of the sessions table",
    )

    env = os.environ | {HOME_ENV: str(home)}

    def process(*args: str) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL)
            times.append((time.perf_counter() - start) * 1000)
        return sorted(times)[3]

    whole = process("-c", "import sys; from sos_assistant.cli import main; main(sys.argv[1:])",
                    "sessions", "list")  # fmt: skip
    imports = process("-c", "import sos_assistant.cli")
    bare_process = process("-c", "import sqlite3")
    return result, whole, imports, bare_process


def bench_rebuild(work: Path) -> tuple[Result, int]:
    """A session of 1,000 events: walks, jumps back, edits; then open + rebuild."""
    script = find_dialogue("family-conference")
    answers = _answers()
    home = work / "rebuild"
    with open_store(home) as store:
        engine = Session.start(store, script, "long").engine
        run_answers(engine, answers)
        count = len(store.events("long"))
        early = [s for s in engine.path if script.step(s).is_question][3:12]
        turn = 0
        while count < 1000:
            if count <= 1000 - 40:
                engine.jump(early[turn % len(early)])
                run_answers(engine, answers)
            else:
                engine.edit("your-name", f"{TEXT} ({count})")
            turn += 1
            count = len(store.events("long"))
    events = None

    def rebuild() -> None:
        with open_store(home) as opened:
            Session.open(opened, "long", script)

    with open_store(home) as store:
        events = store.events("long")

    def in_memory() -> None:
        Engine(script).replay(events)

    baseline = median_ms(in_memory, repeat=15)
    return (
        Result(
            "open store + rebuild a 1,000-event session",
            median_ms(rebuild, repeat=15),
            100,
            baseline,
            "replaying the same events in memory",
        ),
        len(events),
    )


def main() -> int:
    as_json = "--json" in sys.argv
    with tempfile.TemporaryDirectory(prefix="sos-bench-", dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        commit = bench_commit(work)
        listing, whole, imports, bare_process = bench_list(work)
        rebuild, count = bench_rebuild(work)
    if not as_json:
        print(
            f"(work folder on the same disk as {tempfile.gettempdir()}; set BENCH_DIR to move it)"
        )
        print(
            f"info: 'sos-assistant sessions list' as a new process: {whole:.0f} ms, of which "
            f"starting Python and importing sos_assistant.cli: {imports:.0f} ms"
        )
        print(f"info: the long session has {count} events")
    process = Result(
        "sessions list, 1,000 sessions (new process)",
        whole,
        200,
        bare_process,
        "new Python process importing sqlite3",
    )
    return report([commit, listing, process, rebuild], as_json=as_json)


if __name__ == "__main__":
    sys.exit(main())
