"""The full-screen terminal app (Textual). The only package that imports Textual."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

CLEAR_ALL = "\x1b[2J\x1b[3J\x1b[H"
"""Clear the screen and the scrollback, cursor home: nothing of the session stays visible."""


def run_app(ns: argparse.Namespace) -> int:
    """Run the app; after a quick exit, wipe the terminal screen and scrollback."""
    from sos_assistant.tui.app import QUICK_EXIT, SosApp
    from sos_assistant.tui_text import ui_text

    app = SosApp(
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


__all__ = ["CLEAR_ALL", "run_app"]
