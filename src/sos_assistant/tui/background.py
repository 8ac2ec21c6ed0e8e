"""Work the app does in a thread while the person reads (loading the coach's rules, building
the explainer), without holding up what is drawn.

Python runs one thread at a time. By default a thread that wants to run again (the screen's,
after each wait for a key or each write to the terminal) may wait up to 5 ms for a busy thread
to let go, and the screen's thread does that dozens of times for one frame: a frame that takes
10 ms alone took 50-150 ms beside a thread building the explainer. While such work runs, the
interval is 1 ms (see ``benchmarks/bench_terminal.py``, Enter -> next question).

What that work builds (the explainer's tables, the coach's rules) lives as long as the app.
While it is built, Python's collector would walk the growing heap again and again (full
collections of 30-130 ms each, several per build, landing between a key and its frame), and
after it, on every full collection. So the collector is paused while the work runs, and what is
alive when the last of it ends is frozen (:func:`gc.freeze`): later collections look only at
objects made after. (No collection first: it would walk the whole heap, a pause of its own;
the few cycles the build leaves are kept.)
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator

SWITCH_INTERVAL = 0.001
"""Seconds a busy thread may run before another thread that is waiting gets its turn."""

_lock = threading.Lock()
_running = 0
_saved = 0.0
_collecting = True


@contextlib.contextmanager
def beside_the_screen() -> Iterator[None]:
    """Run the body (in a worker thread) with the short switch interval and the collector
    paused; when the last such body ends, the usual interval comes back, what is alive is
    frozen and the collector runs again. Only for work whose results are kept: objects frozen
    are never collected."""
    global _running, _saved, _collecting
    with _lock:
        if _running == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SWITCH_INTERVAL))
            _collecting = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_saved)
                gc.freeze()
                if _collecting:
                    gc.enable()
