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
from pathlib import Path


def write_private(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8) to ``path``, readable and writable by the user only.

    Raises:
        OSError: the file could not be written; ``path`` is as it was.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file():  # a device or pipe, such as /dev/stdout
        with open(path, "wb") as out:
            out.write(raw)
        return
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
