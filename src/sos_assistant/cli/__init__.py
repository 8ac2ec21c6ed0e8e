"""The ``sos-assistant`` command: every subcommand lives in this package.

``main`` builds the parser and runs a subcommand (:mod:`sos_assistant.cli.commands`); the
``coach`` and ``sessions`` subcommands have their own modules. Nothing here imports Textual until
the app is asked for.
"""

from sos_assistant.cli.commands import OK, USAGE, WRONG_INPUT, CommandError, main

__all__ = ["OK", "USAGE", "WRONG_INPUT", "CommandError", "main"]
