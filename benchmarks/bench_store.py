"""Store benchmarks: durable commits, listing many sessions, rebuilding a long session.

    python benchmarks/bench_store.py [--json]

Targets (issue 3, restated by issue 17 as ratios to baselines run in the same run and
interleaved with them; nothing is scaled by a machine factor):
- committing one answer durably takes at most 3x the store's own SQL for it (check the count,
  insert the event, update the session's progress) run bare with synchronous=FULL, in the same
  folder: "durably" is committing it and waiting until it is on the disk (``Store.flush``; in
  the app the wait runs on a background thread while the next question shows). This is issue
  3's target, which compared durable commits. For information, the commit alone (WAL,
  synchronous=NORMAL: safe from the program being killed) against the same bare SQL with the
  same settings, where a few tenths of a millisecond of ours (the engine's checked copy, the
  event's JSON) dwarf SQLite's own twenty microseconds;
- ``sessions list`` with 1,000 sessions through ``sos_assistant.cli.main`` in this process
  <= 62.5x the calibration workload (was 200 ms); as a whole new process <= 2x
  ``sos-assistant --help`` as a whole process (was 200 ms);
- opening the store and rebuilding a session of 1,000 events <= 2x replaying the same events
  in memory (was 100 ms).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import (
    Result,
    calibration_target,
    calibration_work,
    compare,
    compile_package,
    interleave,
    interleave_process_pairs,
    report,
)

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


def bench_commit(work: Path) -> list[Result]:
    """One answer, committed through the engine, against a bare insert+commit with the same
    settings (WAL, synchronous=NORMAL); and, for information, the wait until the answer is on
    the disk (the WAL's sync, which runs on a background thread while the next question
    shows) against a bare insert+commit that syncs before it returns (synchronous=FULL)."""
    script = find_dialogue("family-conference")
    store = open_store(work / "commit")
    engine = Session.start(store, script, "bench").engine
    engine.answer(None)
    engine.answer("Dani")
    engine.answer("Kai")
    step = "your-name"

    def store_commit() -> None:
        engine.edit(step, TEXT)

    def store_commit_flushed() -> None:
        engine.edit(step, TEXT)
        store.flush()

    body = json.dumps(event_to_data(Event(type="edit", step=step, value=TEXT)), ensure_ascii=False)

    def bare(name: str, synchronous: str) -> Callable[[], None]:
        db = sqlite3.connect(work / name, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA synchronous = {synchronous}")
        db.execute("CREATE TABLE events (session INTEGER, seq INTEGER, body TEXT)")
        db.execute(
            "CREATE TABLE sessions (id INTEGER PRIMARY KEY, events INTEGER, answered INTEGER, "
            "total INTEGER, finished INTEGER, framework TEXT, current TEXT, updated TEXT)"
        )
        db.execute("INSERT INTO sessions VALUES (1, 0, 0, 0, 0, 'safety', 'x', '')")
        bare_dbs.append(db)
        seq = [0]

        def commit() -> None:
            # The store's own statements for one answer, with nothing of ours around them: check
            # the count, add the event, move the session's progress on.
            seq[0] += 1
            db.execute("BEGIN IMMEDIATE")
            db.execute("SELECT events FROM sessions WHERE id = 1").fetchone()
            db.execute("INSERT INTO events VALUES (1, ?, ?)", (seq[0], body))
            db.execute(
                "UPDATE sessions SET events = ?, answered = ?, total = ?, finished = 0, "
                "framework = 'safety', current = 'x', updated = ? WHERE id = 1",
                (seq[0], seq[0], 40, "2026-12-02T08:00:00+00:00"),
            )
            db.execute("COMMIT")

        return commit

    bare_dbs: list[sqlite3.Connection] = []
    # Interleaved, so that all see the same disk weather.
    got = interleave(
        {
            "bare": bare("bare.db", "NORMAL"),
            "ours": store_commit,
            "bare synced": bare("bare-full.db", "FULL"),
            "ours flushed": store_commit_flushed,
        },
        rounds=5,
        repeat=20,
    )
    for db in bare_dbs:
        db.close()
    store.close()
    return [
        compare("commit one answer (autosave; safe from a kill)", got["ours"], got["bare"],
                "the same SQL, bare (WAL, synchronous=NORMAL)"),
        compare("commit one answer and wait for the disk (flush)", got["ours flushed"],
                got["bare synced"], "the same SQL, bare, synchronous=FULL", target=3),
    ]  # fmt: skip


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


def bench_list(work: Path) -> list[Result]:
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

    got = interleave({"ours": command, "bare": bare, "calibration": calibration_work},
                     rounds=5, repeat=4)  # fmt: skip
    env = os.environ | {HOME_ENV: str(home)}
    app = [sys.executable, "-m", "sos_assistant.cli"]
    whole, cpu = interleave_process_pairs(
        {"list": [*app, "sessions", "list"], "help": [*app, "--help"],
         "sqlite": [sys.executable, "-c", "import sqlite3"]},
        rounds=7,
        env=env,
    )  # fmt: skip
    return [
        compare("sessions list, 1,000 sessions (cli.main)", got["ours"], got["calibration"],
                "calibration workload", target=calibration_target(200)),
        compare("sessions list, 1,000 sessions (cli.main)", got["ours"], got["bare"],
                "bare SELECT of the sessions table"),
        compare("sessions list, 1,000 sessions (process)", whole["list"], whole["help"],
                "sos-assistant --help (process)", target=2),
        compare("sessions list, 1,000 sessions (process, CPU)", cpu["list"], cpu["help"],
                "sos-assistant --help (process, CPU)", target=2),
        compare("sessions list, 1,000 sessions (process)", whole["list"], whole["sqlite"],
                "python -c 'import sqlite3'"),
    ]  # fmt: skip


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

    got = interleave({"ours": rebuild, "memory": in_memory}, rounds=5, repeat=3)
    return (
        compare("open store + rebuild a 1,000-event session", got["ours"], got["memory"],
                "replaying the same events in memory", target=2),
        len(events),
    )  # fmt: skip


def main() -> int:
    compile_package()  # the whole-process figure measures an installed program
    as_json = "--json" in sys.argv
    with tempfile.TemporaryDirectory(prefix="sos-bench-", dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        commits = bench_commit(work)
        listing = bench_list(work)
        rebuild, count = bench_rebuild(work)
    if not as_json:
        print(
            f"(work folder on the same disk as {tempfile.gettempdir()}; set BENCH_DIR to move it)"
        )
        print(f"info: the long session has {count} events")
    return report([*commits, *listing, rebuild], as_json=as_json)


if __name__ == "__main__":
    sys.exit(main())
