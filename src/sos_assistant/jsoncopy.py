"""Checked JSON copies of packaged YAML files, kept in the private cache folder.

Reading a YAML file means importing PyYAML and parsing it; the glossary alone is over 300 kB.
A copy is the file's data as JSON, named by a digest of the file, of this version and of the
code that reads and checks it, so an edit to any of them makes a new copy. Each caller still
validates what it reads from a copy exactly as it validates the file, so a copy is never
trusted more than the file; a damaged or missing copy is passed over and the file is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")


def copy_path(path: Path, prefix: str, code: Iterable[Path] = ()) -> Path | None:
    """Where the copy of ``path`` is kept, or None when a file cannot be read (the caller's
    YAML reading then says why)."""
    from sos_assistant import __version__
    from sos_assistant.resources import cache_dir

    digest = hashlib.sha256(__version__.encode())
    try:
        digest.update(path.read_bytes())
        for source in code:
            digest.update(source.read_bytes())
    except OSError:
        return None
    return cache_dir() / f"{prefix}{path.stem}-{digest.hexdigest()[:32]}.json"


def read_copy(copy: Path | None) -> Any:
    """The data kept in ``copy``, or None when there is no copy or it is damaged."""
    if copy is None:
        return None
    try:
        return json.loads(copy.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_copy(copy: Path, data: Any) -> None:
    """Keep ``data`` as ``copy`` (private, written whole or not at all) when JSON holds it
    exactly; the older copies of the same file go. A copy that cannot be written is left out:
    the file is simply read each time."""
    from sos_assistant.privatefile import write_private

    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # a date, say
    if json.loads(text) != data:
        return  # keys that are not strings would come back changed
    stem = copy.name[: -len(copy.name.rsplit("-", 1)[1])]
    with contextlib.suppress(OSError):
        copy.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(copy, text)
        for old in copy.parent.glob(f"{stem}*.json"):
            if old != copy and "-" not in old.name[len(stem) :]:  # not another file's
                old.unlink(missing_ok=True)


def load_with_copy(
    path: Path,
    prefix: str,
    code: Iterable[Path],
    build: Callable[[Any], _T],
    misfit: type[Exception] | tuple[type[Exception], ...],
    read_file: Callable[[Path], tuple[Any, _T]],
) -> _T:
    """``path``'s contents, built by ``build`` from its copy when there is one that fits, else
    read from the file by ``read_file`` (which returns the data and what was built from it, and
    raises the caller's own error for a file that does not fit), keeping a copy of that data.
    ``misfit``: what ``build`` raises for data that does not fit (a copy altered, or made by
    another version): the copy is then passed over for the file."""
    copy = copy_path(path, prefix, code)
    data = read_copy(copy)
    if data is not None:
        try:
            return build(data)
        except misfit:
            pass
    data, built = read_file(path)
    if copy is not None:
        write_copy(copy, data)
    return built
