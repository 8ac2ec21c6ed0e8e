"""Where the store lives, and keeping that place private to the user.

The data folder is ``SOS_ASSISTANT_HOME`` when set, else the platform's user data folder
(``platformdirs``). The folder is kept at mode 0700 and every file in it at 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sos_assistant.resources import HOME_ENV as HOME_ENV  # one name for the data folder
from sos_assistant.resources import cache_dir as cache_dir  # kept in resources: no store needed

DB_NAME = "sessions.db"
SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside the database."""


class FolderError(OSError):
    """The data folder cannot be made or kept private."""


def data_dir(home: Path | str | None = None) -> Path:
    """The data folder: ``home`` if given, else ``SOS_ASSISTANT_HOME``, else the platform's."""
    if home is not None:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("sos-assistant", appauthor=False))


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Create files readable by the user only while inside the block.

    The umask is process-wide; it is restored as soon as the block ends.
    """
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if needed, and make it 0700."""
    with private_umask():
        folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError as error:
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:
            raise FolderError(
                f"The data folder {folder} could not be made private ({error.strerror})."
            ) from None


def db_files(db: Path) -> list[Path]:
    """The database file and whichever of its side files exist now."""
    candidates = [db, *(db.with_name(db.name + suffix) for suffix in SIDE_FILES)]
    return [p for p in candidates if p.exists()]


def tighten(db: Path) -> None:
    """Make the database and its side files 0600 (they may have been made by an older run)."""
    for path in db_files(db):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(path.stat().st_mode) != 0o600:
                os.chmod(path, 0o600)


def move_aside(db: Path) -> Path:
    """Rename the database and its side files with a timestamp; never delete or overwrite."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = db.with_name(f"{db.name}.unreadable-{stamp}")
    n = 1
    while base.exists():
        n += 1
        base = db.with_name(f"{db.name}.unreadable-{stamp}-{n}")
    for path in db_files(db):
        os.replace(path, base.with_name(base.name + path.name[len(db.name) :]))
    return base


MOVED_ASIDE = ("sessions.db.unreadable-*", "settings.json.damaged-*")
"""The names of files moved aside because they could not be read (never deleted by the
program on its own: ``sessions discard-damaged`` removes them when the person asks)."""


def moved_aside(folder: Path) -> list[Path]:
    """The files in the data folder that were moved aside, oldest first."""
    found = {p for pattern in MOVED_ASIDE for p in folder.glob(pattern)}
    return sorted(found)
