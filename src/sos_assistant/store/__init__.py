"""The session store: every conversation gets a durable, private home (SQLite, stdlib only).

Use :func:`open_store` for a :class:`Store`; the command line uses :func:`open_store_for_cli`.
Nothing here imports Textual; the dialogue engine is loaded only when a session is opened.
"""

from sos_assistant.store.command import CliStore, open_store_for_cli
from sos_assistant.store.core import (
    EXPORT_FORMAT,
    SLOW_ENV,
    PassphraseError,
    SessionInfo,
    Snapshot,
    Store,
    StoreBusy,
    StoreError,
    open_store,
)
from sos_assistant.store.paths import DB_NAME, HOME_ENV, data_dir

__all__ = [
    "DB_NAME",
    "EXPORT_FORMAT",
    "HOME_ENV",
    "SLOW_ENV",
    "CliStore",
    "PassphraseError",
    "SessionInfo",
    "Snapshot",
    "Store",
    "StoreBusy",
    "StoreError",
    "data_dir",
    "open_store",
    "open_store_for_cli",
]
