"""Kill the headless runner at random moments and check what it left behind.

Used by ``tests/store/test_crash.py`` (a few trials) and ``benchmarks/soak_kill.py`` (hundreds).
Each trial starts ``sos-assistant run family-conference --session s`` in a new process with
``SOS_ASSISTANT_SLOW_MS`` set (a short sleep after each committed answer, so kills land in the
middle of the run), sends SIGKILL at a random moment, then checks that:

1. ``PRAGMA integrity_check`` says ``ok``;
2. the saved events are exactly a prefix of the events of an uninterrupted run;
3. running again with the same answers resumes and gives the same map as an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sos_assistant.dialogue import find_dialogue
from sos_assistant.store import HOME_ENV, SLOW_ENV, open_store
from tests.store.helpers import FAMILY_ANSWERS, REPO, load_answers, moves, reference_run, run_cli

RUNNER = "import sys; from sos_assistant.cli import main; sys.exit(main(sys.argv[1:]))"
SESSION = "s"


@dataclass
class Reference:
    moves: list[tuple[str, str, object]]
    map_yaml: str
    span: float = 0.0
    """Seconds from the store file appearing to the last answer saved, uninterrupted."""

    @classmethod
    def family(cls, work: Path, slow_ms: int = 4) -> Reference:
        """The uninterrupted run, in this process and (timed) in a child process."""
        events, map_yaml = reference_run(find_dialogue("family-conference"), load_answers())
        reference = cls(moves(events), map_yaml)
        home = work / "reference-home"
        proc = _start(home, slow_ms)
        _wait_for_store(home, proc)
        start = time.monotonic()
        while _saved_count(home) < len(events) and proc.poll() is None:
            time.sleep(0.002)
        reference.span = time.monotonic() - start
        assert proc.wait() == 0
        return reference


@dataclass
class Outcome:
    saved: int
    """How many events were on disk when the process died."""
    total: int
    exited: bool
    """The run had already finished by itself before the kill."""

    @property
    def mid_run(self) -> bool:
        return 0 < self.saved < self.total and not self.exited


@contextlib.contextmanager
def _home(home: Path) -> Iterator[None]:
    old = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(home)
    try:
        yield
    finally:
        if old is None:
            del os.environ[HOME_ENV]
        else:
            os.environ[HOME_ENV] = old


def _saved_count(home: Path) -> int:
    try:
        conn = sqlite3.connect(home / "sessions.db", timeout=5)
        try:
            row = conn.execute("SELECT max(events) FROM sessions").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
    return int(row[0] or 0)


ARGS = ["run", "family-conference", "--answers", str(FAMILY_ANSWERS), "--session", SESSION]


def _start(home: Path, slow_ms: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOS_ASSISTANT_PASSPHRASE")}
    env |= {HOME_ENV: str(home), SLOW_ENV: str(slow_ms)}
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *ARGS, "--out", os.devnull],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_store(home: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not (home / "sessions.db").exists() and proc.poll() is None:
        if time.monotonic() > deadline:
            raise AssertionError("the runner did not open its store within a minute")
        time.sleep(0.001)


def trial(home: Path, reference: Reference, rng: random.Random, slow_ms: int = 4) -> Outcome:
    """One kill, and every check; raises AssertionError when something is wrong."""
    db = home / "sessions.db"
    proc = _start(home, slow_ms)
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0, 1.0))  # sometimes early: before or while the store opens
    else:
        _wait_for_store(home, proc)
        time.sleep(rng.uniform(0, reference.span * 1.1))
    exited = proc.poll() is not None
    if not exited:
        proc.send_signal(signal.SIGKILL)
    proc.wait()

    saved: list[tuple[str, str, object]] = []
    if db.exists():
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        with open_store(home) as store:
            if store.exists(SESSION):
                saved = moves(store.events(SESSION))
    assert saved == reference.moves[: len(saved)], "the saved events are not a prefix of the run"

    out = home.parent / f"{home.name}-map.yaml"
    with _home(home):
        code, _, err = run_cli(*ARGS, "--out", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == reference.map_yaml, "the resumed map differs"
    with open_store(home) as store:
        assert moves(store.events(SESSION)) == reference.moves
    return Outcome(len(saved), len(reference.moves), exited)
