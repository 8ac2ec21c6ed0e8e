"""The session store: every conversation gets a durable, private home (SQLite, stdlib only).

Use :func:`open_store` for a :class:`Store`; the command line uses
:func:`sos_assistant.cli.sessions.open_store_for_cli`. Nothing here imports Textual; the
dialogue engine is loaded only when a session is opened, and the command-line half (argparse,
getpass) only by the command line, so the app's first screen does not wait for it.
"""

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
    "PassphraseError",
    "SessionInfo",
    "Snapshot",
    "Store",
    "StoreBusy",
    "StoreError",
    "data_dir",
    "open_store",
]
