"""Where a passphrase comes from when the person does not type it: ``--passphrase-file FILE``,
else the ``SOS_ASSISTANT_PASSPHRASE`` environment variable, else a file named by
``SOS_ASSISTANT_PASSPHRASE_FILE``. The command line, plain mode and the app all read it here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

from sos_assistant.errors import CommandError

PASSPHRASE_ENV = "SOS_ASSISTANT_PASSPHRASE"
PASSPHRASE_FILE_ENV = "SOS_ASSISTANT_PASSPHRASE_FILE"


def _fail(message: str, code: int = 1) -> NoReturn:
    raise CommandError(message, code)


def read_passphrase_file(path: str) -> str:
    """A passphrase file's text, without the line break at its end."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        _fail(f"{path}: cannot read the passphrase file ({error.strerror})")
    except UnicodeDecodeError:
        _fail(f"{path}: the passphrase file is not UTF-8 text")
    text = text.removesuffix("\n").removesuffix("\r")
    if not text:
        _fail(f"{path}: the passphrase file is empty")
    return text


def given_passphrase(passphrase_file: str | None = None) -> str | None:
    """The passphrase given on the command line or in the environment, if any."""
    if passphrase_file:
        return read_passphrase_file(passphrase_file)
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    env_file = os.environ.get(PASSPHRASE_FILE_ENV)
    if env_file:
        return read_passphrase_file(env_file)
    return None
