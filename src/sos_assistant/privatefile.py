"""Writing files only their owner can read (0600), whole or not at all.

Used for every file the program writes outside SQLite: copies of maps, session exports, the
settings and the cached words. A file is written beside its final name and renamed into place,
so a crash or a full disk never leaves half a file, and a file that was there before (perhaps
readable by others) is replaced rather than rewritten in place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def _is_device(path: Path) -> bool:
    """A character device or pipe (perhaps behind a link, as /dev/stdout is); not a file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def write_private(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8) to ``path``, readable and writable by the user only.

    Raises:
        OSError: the file could not be written; ``path`` is as it was.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if _is_device(path):  # a device or pipe, such as /dev/stdout: written to, never created
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        return
    # A symbolic link is never followed to a file: the link itself is replaced by the new
    # file, so a link planted in a shared folder cannot make the program overwrite its target.
    # A short name of its own, so a long file name cannot make it too long for the disk.
    partial = path.with_name(f".sos-assistant-{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, 0o600)  # a leftover from an earlier attempt may have kept its mode
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
