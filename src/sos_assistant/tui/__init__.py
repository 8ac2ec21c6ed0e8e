"""The full-screen terminal app (Textual). The only package that imports Textual."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from sos_assistant.store.protocol import SessionStore

CLEAR_ALL = "\x1b[2J\x1b[3J\x1b[H"
"""Clear the screen and the scrollback, cursor home: nothing of the session stays visible."""


def store_factory(ns: argparse.Namespace) -> Callable[[], SessionStore]:
    """How the app opens the store: with the passphrase from ``--passphrase-file``, else
    ``SOS_ASSISTANT_PASSPHRASE``, else ``SOS_ASSISTANT_PASSPHRASE_FILE`` (as the docs say);
    with none, a protected store asks for it on screen."""
    from sos_assistant.passphrases import given_passphrase

    passphrase = given_passphrase(getattr(ns, "passphrase_file", None))

    def factory() -> SessionStore:
        from sos_assistant.store.core import open_store

        return open_store(passphrase=passphrase)

    return factory


def run_app(ns: argparse.Namespace) -> int:
    """Run the app; after a quick exit, wipe the terminal screen and scrollback."""
    from sos_assistant.tui.app import QUICK_EXIT, SosApp
    from sos_assistant.tui_text import ui_text

    app = SosApp(
        store_factory=store_factory(ns),
        session_name=getattr(ns, "session", None),
        framework=getattr(ns, "framework", None),
        audience=getattr(ns, "audience", None),
        rehearse=getattr(ns, "rehearse", None),
    )
    result = app.run()
    out = sys.__stdout__
    if result == QUICK_EXIT:
        if out is not None and out.isatty():
            out.write(CLEAR_ALL)
            out.flush()
    elif app.return_code == 1 and isinstance(result, str):
        print(result, file=sys.stderr)  # the store could not be opened; the app says why
    elif out is not None and app.return_code in (0, None):
        out.write(ui_text().stopped + "\n")
    return int(app.return_code or 0)


__all__ = ["CLEAR_ALL", "run_app", "store_factory"]
