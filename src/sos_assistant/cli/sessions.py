"""``sos-assistant sessions ...``: list, show, export, import, delete, rename, protect.

The passphrase of a protected store comes from ``--passphrase-file FILE``, else the
``SOS_ASSISTANT_PASSPHRASE`` environment variable, else ``SOS_ASSISTANT_PASSPHRASE_FILE``, else
(at a terminal) a prompt. Errors are raised as :class:`sos_assistant.errors.CommandError`, imported
late because the command line imports this module.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from sos_assistant import safetext
from sos_assistant.store.core import SessionInfo, Snapshot, Store, StoreError, open_store

if TYPE_CHECKING:
    from sos_assistant.dialogue import Script
    from sos_assistant.model import Map
    from sos_assistant.session import Session

from sos_assistant.passphrases import (  # noqa: F401  (the command line's names for them)
    PASSPHRASE_ENV,
    PASSPHRASE_FILE_ENV,
    given_passphrase,
    read_passphrase_file,
)

NEED_PASSPHRASE = (
    "These sessions are protected. Give the passphrase in the SOS_ASSISTANT_PASSPHRASE "
    "environment variable, or with --passphrase-file FILE."
)


def _fail(message: str, code: int = 1) -> NoReturn:
    from sos_assistant.errors import CommandError

    raise CommandError(message, code)


@contextlib.contextmanager
def _plain_errors() -> Iterator[None]:
    try:
        yield
    except StoreError as error:
        _fail(str(error))


def _err(message: str) -> None:
    print(safetext.inert(message), file=sys.stderr)


# -- the passphrase -----------------------------------------------------------------------------


def _can_prompt() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask_new_passphrase() -> str:
    import getpass  # only when asking: ``sessions list`` starts without it

    first = getpass.getpass("New passphrase: ")
    if not first:
        _fail("The passphrase is empty, so nothing was changed.")
    if getpass.getpass("Type it again: ") != first:
        _fail("The two passphrases were not the same, so nothing was changed.")
    return first


class CliStore:
    """The store as the command line uses it: every :class:`StoreError` becomes a
    :class:`~sos_assistant.errors.CommandError` with the same plain message."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def session(
        self,
        name: str,
        script: Script,
        *,
        framework: str | None = None,
        audience: str | None = None,
    ) -> Session:
        """Session ``name`` of ``script``, carried on or started, with autosave."""
        from sos_assistant.session import Session

        with _plain_errors():
            session = Session.start(
                self.store, script, name, framework=framework, audience=audience
            )
            for line in session.damaged:
                _err(line)
            return session
        raise AssertionError  # pragma: no cover - _plain_errors raises

    def finish(self, session: Session) -> Snapshot | None:
        with _plain_errors():
            return session.finish()
        raise AssertionError  # pragma: no cover

    def close(self) -> None:
        self.store.close()


def _open(passphrase_file: str | None = None, *, unlock: bool = True) -> Store:
    passphrase = given_passphrase(passphrase_file)
    with _plain_errors():
        store = open_store(passphrase=passphrase)
    for notice in store.notices:
        _err(notice)
    store.notices.clear()
    if unlock and store.is_locked:
        if not _can_prompt():
            store.close()
            _fail(NEED_PASSPHRASE)
        try:
            with _plain_errors():
                import getpass

                store.unlock(getpass.getpass("Passphrase for your saved sessions: "))
        except BaseException:
            store.close()
            raise
    elif unlock and passphrase is not None and not store.is_protected:
        _err(
            "A passphrase was given, but these sessions are not protected. To protect them: "
            "sos-assistant sessions protect"
        )
    return store


def open_store_for_cli(passphrase_file: str | None = None) -> CliStore:
    """The store for ``sos-assistant run --session``: notices on stderr, the passphrase from
    ``passphrase_file`` or the environment (or a prompt at a terminal)."""
    return CliStore(_open(passphrase_file))


# -- the parser ---------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``sessions`` actions to ``parser``."""
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the passphrase from FILE (or set {PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--json", dest="list_json", action="store_true", help="with no action: list as JSON"
    )
    sub = parser.add_subparsers(dest="sessions_command", metavar="ACTION")

    p = sub.add_parser("list", help="the saved sessions, most recent first (the default)")
    p.add_argument("--json", action="store_true", help="a JSON array")

    p = sub.add_parser("show", help="a session's details and its map so far")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--history", action="store_true", help="the snapshots and their scaling numbers")
    p.add_argument("--json", action="store_true", help="as JSON")

    p = sub.add_parser("export", help="write a session out: every event (json) or the map")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", "-f", choices=("json", "map"), default="json")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write here (private to you); default stdout"
    )

    p = sub.add_parser("import", help="bring back a session exported as json")
    p.add_argument("file", metavar="FILE", help="a file from 'sessions export'; - for stdin")
    p.add_argument("--name", metavar="NAME", help="save it under this name instead")

    p = sub.add_parser("delete", help="delete a session and wipe its words from the data folder")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask to confirm")

    p = sub.add_parser("rename", help="give a session another name")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new_name", metavar="NEW")

    p = sub.add_parser(
        "discard-damaged",
        help="delete the files moved aside because they could not be read (see 'list')",
    )
    p.add_argument("--yes", "-y", action="store_true", help="do not ask to confirm")

    sub.add_parser("protect", help="protect every session with a passphrase")
    sub.add_parser("unprotect", help="turn passphrase protection off")


# -- the actions --------------------------------------------------------------------------------


def _when(value: Any) -> str:
    """``2026-12-02 07:20`` in local time (formatted by hand: strftime is the slow part of
    listing 1,000 sessions)."""
    t = value.astimezone()
    return f"{t.year}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def _progress(info: SessionInfo) -> str:
    text = f"{info.answered}/{info.total}"
    return text + (" done" if info.finished else "")


def _info_data(info: SessionInfo) -> dict[str, Any]:
    return info.to_data()


def _moved_aside_note(store: Store) -> str:
    from sos_assistant.store.paths import moved_aside

    files = moved_aside(store.folder)
    if not files:
        return ""
    names = "\n".join(f"  {p}" for p in files)
    return (
        "Files moved aside because they could not be read (nothing in them was deleted):\n"
        f"{names}\nRemove them with: sos-assistant sessions discard-damaged\n"
    )


def _discard(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    from sos_assistant.store.paths import moved_aside

    files = moved_aside(store.folder)
    if not files:
        out.write("There are no damaged files to remove.\n")
        return 0
    if not ns.yes and _can_prompt():
        reply = input(f"Delete {len(files)} damaged file(s) for good? [y/N] ")
        if reply.strip().lower() not in {"y", "yes"}:
            out.write("Nothing was deleted.\n")
            return 0
    elif not ns.yes:
        _fail("Add --yes to delete the damaged files. Nothing was deleted.")
    for path in files:
        try:
            path.unlink()
        except OSError as error:
            _fail(f"{path}: cannot delete ({error.strerror})")
        out.write(f"Deleted {path}\n")
    return 0


def _list(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    sessions = store.list_sessions()
    for notice in store.notices:  # a session left out of the list, and why
        _err(notice)
    store.notices.clear()
    if getattr(ns, "json", False):
        out.write(json.dumps([_info_data(s) for s in sessions], ensure_ascii=False) + "\n")
        if note := _moved_aside_note(store):
            _err(note.rstrip())
        return 0
    if note := _moved_aside_note(store):
        out.write(note)
    if not sessions:
        out.write(
            "No saved sessions yet. Start one with: "
            "sos-assistant run DIALOGUE --answers FILE --session NAME\n"
        )
        return 0
    rows = [
        (safetext.one_line(s.name), s.dialogue, _progress(s), _when(s.updated)) for s in sessions
    ]
    header = ("NAME", "DIALOGUE", "PROGRESS", "LAST CHANGED")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}"
        for r in [header, *rows]
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def _ratings_line(snapshot: Snapshot, before: Snapshot | None) -> str:
    earlier = {r.who: r.score for r in before.ratings} if before is not None else {}
    parts: list[str] = []
    for rating in snapshot.ratings:
        text = f"{safetext.one_line(rating.who)}: {rating.score:g}"
        if rating.who in earlier and earlier[rating.who] != rating.score:
            text += f" ({rating.score - earlier[rating.who]:+g})"
        parts.append(text)
    return ", ".join(parts) if parts else "no scaling numbers"


def _history_data(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "number": snapshot.number,
        "at": snapshot.at.isoformat(),
        "events": snapshot.events,
        "ratings": [r.model_dump(mode="json", exclude_none=True) for r in snapshot.ratings],
    }


def _show(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    info = store.info(ns.name)
    history = store.history(ns.name)
    if ns.json:
        data = _info_data(info)
        data["history"] = [_history_data(s) for s in history]
        if not ns.history:
            data["map"] = _map(store, ns.name).to_data()
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if ns.history:
        if not history:
            out.write(
                f"'{safetext.one_line(info.name)}' has no snapshots yet: one is kept each time "
                "its map is finished.\n"
            )
            return 0
        out.write(f"Snapshots of '{safetext.one_line(info.name)}' (scaling numbers, 0 to 10):\n")
        before: Snapshot | None = None
        for snapshot in history:
            out.write(
                f"{snapshot.number:>3}  {_when(snapshot.at)}  {_ratings_line(snapshot, before)}\n"
            )
            before = snapshot
        return 0
    state = "finished" if info.finished else "not finished yet"
    lines = [
        f"Session:      {safetext.one_line(info.name)}",
        f"Dialogue:     {info.dialogue}",
        f"Framework:    {info.framework}",
        f"Used by:      {info.audience}",
        f"Started:      {_when(info.created)}",
        f"Last changed: {_when(info.updated)}",
        f"Progress:     {info.answered} of {info.total} questions ({state})",
        f"Snapshots:    {len(history)}" + (" (see --history)" if history else ""),
        "",
        "The map so far:",
        "",
    ]
    out.write("\n".join(lines) + "\n")
    out.write(_map(store, ns.name).to_yaml())
    return 0


def _map(store: Store, name: str) -> Map:
    """The session's map as its answers make it now (nothing is saved)."""
    from sos_assistant.session import Session

    session = Session.view(store, name)
    for line in session.damaged:  # the rest of the session is shown as usual
        _err(line)
    return session.map()


def write_private(path: str, text: str) -> None:
    """Write ``text`` to a new or existing file that only the user can read."""
    try:
        from sos_assistant import privatefile  # only when writing a file

        privatefile.write_private(Path(path), text)
    except OSError as error:
        _fail(f"{path}: cannot write ({error.strerror})")


def _export(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    if ns.format == "json":
        text = json.dumps(store.export_session(ns.name), ensure_ascii=False, indent=2) + "\n"
        for number in store.open_session(ns.name).damaged:
            _err(f"Answer {number} of this session is damaged, so it is not in the export.")
    else:
        the_map = _map(store, ns.name)
        text = the_map.to_json() if (ns.output or "").endswith(".json") else the_map.to_yaml()
    if ns.output and ns.output != "-":
        write_private(ns.output, text)
    else:
        out.write(text)
    return 0


def _import(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    from sos_assistant.cli.commands import read_input
    from sos_assistant.yamlfile import load_json

    text = read_input(ns.file, "the session export")  # at most a few MB, then it stops
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        _fail(f"{ns.file}:{error.lineno}: not valid JSON ({error.msg})")
    except ValueError as error:
        _fail(f"{ns.file}: {error}")
    from sos_assistant.session import replay_check

    info = store.import_session(data, replay_check, ns.name)
    out.write(
        f"Imported '{safetext.one_line(info.name)}' ({info.dialogue}, "
        f"{info.answered} of {info.total} questions).\n"
    )
    return 0


def _delete(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    info = store.info(ns.name)
    if not ns.yes and _can_prompt():
        reply = input(
            f"Delete '{safetext.one_line(info.name)}' for good? This cannot be undone. [y/N] "
        )
        if reply.strip().lower() not in {"y", "yes"}:
            out.write("Nothing was deleted.\n")
            return 0
    wiped = store.delete(info.name)
    message = f"Deleted '{safetext.one_line(info.name)}'."
    if wiped:
        message += " Its words were wiped from the data folder."
    out.write(message + "\n")
    return 0


def _rename(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    store.rename(ns.name, ns.new_name)
    out.write(f"Renamed to '{safetext.one_line(ns.new_name.strip())}'.\n")
    return 0


def _protect(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    if store.is_protected:
        _fail(
            "These sessions are already protected. To change the passphrase, turn protection "
            "off ('sessions unprotect') and on again."
        )
    passphrase = given_passphrase(ns.passphrase_file)
    if passphrase is None:
        if not _can_prompt():
            _fail(
                "Give the new passphrase in the SOS_ASSISTANT_PASSPHRASE environment variable "
                "or with --passphrase-file FILE. Nothing was changed."
            )
        passphrase = _ask_new_passphrase()
    store.protect(passphrase)
    out.write(
        "Your sessions are now protected. Keep the passphrase somewhere safe: without it they "
        "cannot be opened.\n"
    )
    return 0


def _unprotect(store: Store, ns: argparse.Namespace, out: TextIO) -> int:
    store.unprotect()
    out.write(
        "Protection is off. Your sessions are saved without a passphrase, private to your user "
        "account.\n"
    )
    return 0


_ACTIONS = {
    "list": _list,
    "show": _show,
    "export": _export,
    "import": _import,
    "delete": _delete,
    "rename": _rename,
    "protect": _protect,
    "unprotect": _unprotect,
    "discard-damaged": _discard,
}


def run(ns: argparse.Namespace, stdout: TextIO) -> int:
    """Carry out ``sos-assistant sessions ACTION``; the default action is ``list``."""
    action = getattr(ns, "sessions_command", None) or "list"
    if getattr(ns, "list_json", False):
        if action != "list":
            _fail(f"sessions --json goes with 'list'; use: sessions {action} --json", 2)
        ns.json = True
    passphrase_file = getattr(ns, "passphrase_file", None)
    store = _open(passphrase_file, unlock=action != "protect")
    try:
        with _plain_errors():
            code = _ACTIONS[action](store, ns, stdout)
        for notice in store.notices:
            _err(notice)
        return code
    finally:
        store.close()
