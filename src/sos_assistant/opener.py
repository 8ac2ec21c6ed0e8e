"""Opening a saved file or folder with the computer's own program for it, where there is one.

``xdg-open`` on Linux and BSD, ``open`` on macOS, the shell's own on Windows. Nothing is
opened unless the person asks, nothing goes over the network, and a computer without an opener
(a server, a locked-down terminal) is never an error: :func:`can_open` is False and the app
only says where the files are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_COMMANDS = {"darwin": "open"}


def _command() -> str | None:
    if sys.platform.startswith("win"):
        return None
    name = _COMMANDS.get(sys.platform, "xdg-open")
    return shutil.which(name)


def can_open() -> bool:
    """Whether this computer has a program to open files and folders with."""
    return sys.platform.startswith("win") or _command() is not None


def open_path(path: Path) -> bool:
    """Open ``path`` (a file or a folder) in the system's own program; False if that could not
    be done. Returns at once: the program runs on its own, its output is thrown away."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]
            return True
        command = _command()
        if command is None:
            return False
        subprocess.Popen(
            [command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True
