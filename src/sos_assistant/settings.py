"""The person's choices about how the app looks (for now, its theme), kept between runs.

One small JSON file, ``settings.json``, in the data folder beside the sessions: private (0600),
written whole or not at all. It never holds anything typed into a session. A file that cannot
be read is moved aside (``settings.json.damaged-<time>``) and the defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from sos_assistant.privatefile import write_private

FILE_NAME = "settings.json"


def settings_path() -> Path:
    from sos_assistant.store.paths import data_dir

    return data_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """The saved settings, or ``{}`` when there are none (or they were damaged)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict):
        return data
    with contextlib.suppress(OSError):
        path.replace(path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"))
    return {}


def save_setting(key: str, value: Any, path: Path | None = None) -> bool:
    """Remember ``key = value``; False when it could not be written (nothing else changes)."""
    path = path or settings_path()
    settings = load_settings(path)
    settings[key] = value
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(path, json.dumps(settings, indent=2, sort_keys=True) + "\n")
    except OSError:
        return False
    return True
