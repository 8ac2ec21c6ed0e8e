"""Drive a program in a pseudo-terminal and read its screen, as a person at an 80x24 terminal.

The program runs under :mod:`ptyprocess`; everything it writes is fed to a :mod:`pyte` screen,
and :meth:`Terminal.wait_for` returns the moment the screen shows what was asked for.
"""

from __future__ import annotations

import contextlib
import os
import select
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import ptyprocess
import pyte

COLUMNS, LINES = 80, 24


class Timeout(Exception):
    """The screen never showed what was waited for; the message holds the screen."""


class Terminal:
    def __init__(self, argv: Sequence[str], env: Mapping[str, str], cwd: str | None = None):
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.proc = ptyprocess.PtyProcess.spawn(
            list(argv),
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)},
            dimensions=(LINES, COLUMNS),
            cwd=cwd,
        )
        self.fd = self.proc.fd

    def _pump(self, timeout: float) -> bool:
        """Read whatever is waiting (up to ``timeout`` s for the first byte); False at EOF."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            self.stream.feed(data)
            ready, _, _ = select.select([self.fd], [], [], 0)
            if not ready:
                return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, shown: Callable[[str], bool], *, limit: float = 30.0) -> float:
        """Wait until ``shown(screen text)``; return the time it became true (perf_counter)."""
        deadline = time.perf_counter() + limit
        while True:
            if shown(self.text()):
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout("screen never showed what was expected:\n" + self.text())
            if not self._pump(min(left, 0.5)):
                if shown(self.text()):
                    return time.perf_counter()
                raise Timeout("the program ended:\n" + self.text())

    def settle(self, quiet: float = 0.15, limit: float = 10.0) -> None:
        """Read until nothing has arrived for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            if not self._pump(0):
                return

    def send(self, data: str) -> float:
        """Type ``data``; return the time it was sent."""
        sent = time.perf_counter()
        os.write(self.fd, data.encode())
        return sent

    def cpu_ms(self) -> float:
        """CPU time the program has used so far, all its threads (from /proc, in ns)."""
        total = 0
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int((task / "schedstat").read_text().split()[0])
        return total / 1e6

    def vmhwm_kib(self) -> int:
        """The program's peak resident memory so far."""
        with open(f"/proc/{self.proc.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

    def close(self) -> None:
        if self.proc.isalive():
            self.proc.terminate(force=True)
        with contextlib.suppress(Exception):
            self.proc.close(force=True)
