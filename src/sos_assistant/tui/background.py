"""Work the app does in a thread while the person reads (loading the coach's rules, building
the explainer), without holding up what is drawn.

Python runs one thread at a time. By default a thread that wants to run again (the screen's,
after each wait for a key or each write to the terminal) may wait up to 5 ms for a busy thread
to let go, and the screen's thread does that dozens of times for one frame: a frame that takes
10 ms alone took 50-150 ms beside a thread building the explainer. While such work runs, the
interval is 1 ms (see ``benchmarks/bench_terminal.py``, Enter -> next question).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

SWITCH_INTERVAL = 0.001
"""Seconds a busy thread may run before another thread that is waiting gets its turn."""

_lock = threading.Lock()
_running = 0
_saved = 0.0


@contextlib.contextmanager
def beside_the_screen() -> Iterator[None]:
    """Run the body (in a worker thread) with the short switch interval; the usual one comes
    back when the last such body ends."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SWITCH_INTERVAL))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_saved)
