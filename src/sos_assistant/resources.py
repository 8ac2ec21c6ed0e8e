"""Where the packaged dialogues and content live.

In a wheel they are copied inside the package (see ``force-include`` in ``pyproject.toml``); in a
source checkout or an editable install they are the top-level ``dialogues/`` and ``content/``
folders of the repository.

A content author editing a working copy after a plain (non-editable) install sets
``SOS_ASSISTANT_CONTENT`` to the working copy's folder (the one holding ``dialogues/`` and
``content/``); ``check``, ``run``, plain mode and the app then read those files instead. A folder
that lacks one of the two falls back to the installed copy of that one.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

CONTENT_ENV = "SOS_ASSISTANT_CONTENT"
"""A working copy's folder whose ``dialogues/`` and ``content/`` are used instead of the
installed ones."""


HOME_ENV = "SOS_ASSISTANT_HOME"
"""The data folder, when set (see :mod:`sos_assistant.store.paths`); its ``cache`` folder is
the cache."""


def cache_dir() -> Path:
    """Where the app keeps ready-parsed copies of its own content files, for a faster start.

    Nothing a person typed is ever kept here. ``SOS_ASSISTANT_HOME/cache`` when that is set,
    else the platform's user cache folder. (Here, not in the store, so that the commands that
    use it need not load the store.)"""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("sos-assistant", appauthor=False))


def working_copy() -> Path | None:
    """The folder named by ``SOS_ASSISTANT_CONTENT``, if set."""
    value = os.environ.get(CONTENT_ENV)
    return Path(value).expanduser() if value else None


def _locate(name: str) -> Path:
    return _locate_in(name, os.environ.get(CONTENT_ENV) or "")


@cache
def _locate_in(name: str, override: str) -> Path:
    if override:
        chosen = Path(override).expanduser() / name
        if chosen.is_dir():
            return chosen.resolve()
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the '{name}' folder is missing from this installation; reinstall sos-assistant"
    )


def dialogues_dir() -> Path:
    """The folder of packaged dialogue files."""
    return _locate("dialogues")


def content_dir() -> Path:
    """The folder of packaged content: frameworks, glossary, crisis, coach rules, templates."""
    return _locate("content")
