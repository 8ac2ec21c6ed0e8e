"""Errors every command shares. Kept apart from ``cli`` so that core packages with a command of
their own (the store's ``sessions``) can raise them without importing the command line."""

from __future__ import annotations

OK, WRONG_INPUT, USAGE = 0, 1, 2
"""Exit codes: 0 ok, 1 the input was wrong (the message says why), 2 usage error."""


class CommandError(Exception):
    """A problem with what the person asked for; printed without a traceback."""

    def __init__(self, message: str, code: int = WRONG_INPUT) -> None:
        super().__init__(message)
        self.code = code
