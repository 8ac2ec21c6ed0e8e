"""``sos-assistant questions`` and ``sos-assistant rehearse``.

``questions`` names the type of each question given (arguments, or one per line on standard
input). ``rehearse`` lists the vignettes or runs one line by line: each line is the worker's
question, the fictional family member answers, the feedback follows; ``end`` finishes with a
summary by question type, then the worker may write the map and compare it with the model.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

from sos_assistant import safetext
from sos_assistant.errors import OK, USAGE, CommandError

if TYPE_CHECKING:
    from sos_assistant.rehearse.session import Rehearsal, SavedRehearsal, Summary
    from sos_assistant.rehearse.vignettes import Vignette

_WIDTH = 88


def configure_questions(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text", nargs="*", help="questions to name (default: one per line on standard input)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='a JSON array of {"text", "type", "helpful", "why", "try"}',
    )


def configure_rehearse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "vignette", nargs="?", metavar="VIGNETTE", help="the fictional family to practise with"
    )
    parser.add_argument("--list", action="store_true", help="list the vignettes")
    parser.add_argument("--json", action="store_true", help="with --list: a JSON array")
    parser.add_argument(
        "--plain",
        action="store_true",
        dest="rehearse_plain",  # the top-level --plain (a conversation) has its own meaning
        help="line by line, for screen readers and pipes",
    )
    parser.add_argument(
        "--session", metavar="NAME", help="save the practice under this name (default: a new name)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not save this practice session")
    parser.add_argument(
        "--note",
        metavar="SESSION",
        help="print the one-page note of a saved supervision reflection",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="with --note: write it here")


def _dumps(data: Any) -> str:
    from sos_assistant.cli.coach import json_text

    return json_text(data)


def run_questions(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    from sos_assistant.rehearse.questions import classifier

    lines = [t for t in (ns.text or []) if t.strip()]
    if not ns.text:
        from sos_assistant.cli.commands import read_input

        lines = [
            line for line in read_input("-", "the questions", stdin).splitlines() if line.strip()
        ]
    if not lines:
        raise CommandError("Give a question to name, or one per line on standard input.", USAGE)
    verdicts = [classifier().classify(text) for text in lines]
    if ns.json:
        stdout.write(_dumps([v.to_dict() for v in verdicts]) + "\n")
        return OK
    words = classifier().data
    for i, verdict in enumerate(verdicts):
        if i:
            stdout.write("\n")
        stdout.write(safetext.one_line(verdict.text) + "\n")
        label = words.types[verdict.type].name
        helps = "helps" if verdict.helpful else "does not help"
        stdout.write(f"  type: {verdict.type} ({label}; {helps})\n")
        stdout.write(_wrap(verdict.why, "  ") + "\n")
        if verdict.try_:
            stdout.write(_wrap("Try: " + verdict.try_, "  ") + "\n")
    return OK


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        safetext.one_line(text), _WIDTH, initial_indent=indent, subsequent_indent=indent + "  "
    )


def run_rehearse(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    from sos_assistant.rehearse.vignettes import VignetteError, all_vignettes, find_vignette

    try:
        vignettes = all_vignettes()
    except VignetteError as error:
        raise CommandError(str(error)) from None
    if ns.note:
        return _note(ns.note, ns.output, stdout)
    if ns.list:
        if ns.json:
            rows = [{"id": v.id, "title": v.title, "framework": v.framework} for v in vignettes]
            stdout.write(_dumps(rows) + "\n")
            return OK
        width = max(len(v.id) for v in vignettes)
        for v in vignettes:
            stdout.write(f"{v.id:<{width}}  {v.framework:<9}  {safetext.one_line(v.title)}\n")
        return OK
    if not ns.vignette and not ns.session:
        known = ", ".join(v.id for v in vignettes)
        raise CommandError(f"Name a vignette to practise with (known: {known}).", USAGE)
    vignette = None
    if ns.vignette:
        try:
            vignette = find_vignette(ns.vignette)
        except VignetteError as error:
            raise CommandError(str(error)) from None
    if not ns.rehearse_plain:
        from sos_assistant.tui import run_app

        return run_app(
            argparse.Namespace(
                rehearse=vignette.id if vignette else None,
                plain=None,
                session=ns.session,
                dialogue=None,
                framework=None,
                audience="practitioner",
            )
        )
    return run_plain(vignette, stdin, stdout, session=ns.session, save=not ns.no_save)


def _note(name: str, output: str | None, stdout: TextIO) -> int:
    from sos_assistant.cli.sessions import open_store_for_cli
    from sos_assistant.rehearse.reflection import REFLECTION, note_text
    from sos_assistant.tui_text import ui_text

    store = open_store_for_cli(None).store
    info = next((s for s in store.list_sessions() if s.name == name), None)
    if info is None or info.dialogue != REFLECTION:
        raise CommandError(ui_text().rehearse.not_a_reflection.format(name=name))
    from sos_assistant.session import Session

    text = note_text(Session.view(store, name).engine, info.updated.date())
    if output is None or output == "-":
        stdout.write(text)
        return OK
    from pathlib import Path

    from sos_assistant.privatefile import write_private

    try:
        write_private(Path(output), text)
    except OSError as error:
        raise CommandError(f"{output}: cannot write the note ({error.strerror})") from None
    return OK


# -- plain mode ------------------------------------------------------------------------------


def _say(stdout: TextIO, text: str = "", indent: str = "") -> None:
    for paragraph in safetext.inert(text).split("\n"):
        stdout.write((indent + paragraph).rstrip() + "\n")
    stdout.flush()


def _open_saved(vignette: Vignette | None, session: str | None) -> SavedRehearsal:
    from sos_assistant.cli.sessions import open_store_for_cli
    from sos_assistant.rehearse.session import SavedRehearsal, is_rehearsal, new_name

    store = open_store_for_cli(None).store
    sessions = {s.name: s for s in store.list_sessions()}
    if session is not None and session in sessions:
        if not is_rehearsal(sessions[session]):
            raise CommandError(f"The session '{session}' is not a practice session.")
        saved = SavedRehearsal.resume(store, session)
        if vignette is not None and saved.rehearsal.vignette.id != vignette.id:
            raise CommandError(
                f"The session '{session}' practises with '{saved.rehearsal.vignette.id}', "
                f"not '{vignette.id}'."
            )
        return saved
    if vignette is None:
        raise CommandError(f"There is no practice session called '{session}'.")
    return SavedRehearsal.open(store, vignette, session or new_name(vignette, set(sessions)))


def run_plain(
    vignette: Vignette | None,
    stdin: TextIO,
    stdout: TextIO,
    *,
    session: str | None = None,
    save: bool = True,
) -> int:
    """The rehearsal line by line. A finished session is shown for review."""
    from sos_assistant.rehearse.session import Rehearsal
    from sos_assistant.tui_text import ui_text

    words = ui_text().rehearse
    saved: SavedRehearsal | None = None
    if save:
        saved = _open_saved(vignette, session)
        rehearsal = saved.rehearsal
    else:
        assert vignette is not None
        rehearsal = Rehearsal(vignette)
    vignette = rehearsal.vignette
    echo = not stdin.isatty()  # through a pipe, show each question so the transcript reads
    _say(stdout, vignette.title)
    _say(stdout, vignette.card_text)
    if saved is not None:
        _say(stdout, words.saved_as.format(name=saved.name))
    for turn in rehearsal.turns:  # a session carried on: what was said before
        _say(stdout, f"{words.you}: {turn.question}")
        _print_turn(stdout, rehearsal, turn)
    if saved is not None and saved.finished:
        _print_summary(stdout, rehearsal.summary())
        _print_compare(stdout, rehearsal, saved.drafts())
        return OK
    if rehearsal.finished_questions:
        _print_summary(stdout, rehearsal.summary())
        return _plain_map(rehearsal, saved, stdin, stdout)
    _say(stdout, words.plain_intro)
    ended = False
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        if line.lower() in ("end", "/end"):
            ended = True
            break
        if echo:
            _say(stdout, f"{words.you}: {line}")
        turn = saved.ask(line) if saved is not None else rehearsal.ask(line)
        _print_turn(stdout, rehearsal, turn)
    _print_summary(stdout, rehearsal.summary())
    if not ended:  # input ran out: the session can be carried on later
        return OK
    if saved is not None:
        saved.end_questions()
    return _plain_map(rehearsal, saved, stdin, stdout)


def _print_turn(stdout: TextIO, rehearsal: Rehearsal, turn: Any) -> None:
    _say(stdout, f"{turn.speaker}: {turn.reply}")
    _say(stdout, rehearsal.feedback_line(turn), "  ")
    if turn.verdict.try_:
        _say(stdout, f"Try: {turn.verdict.try_}", "  ")


def _print_summary(stdout: TextIO, summary: Summary) -> None:
    _say(stdout)
    for line in summary.lines():
        _say(stdout, line)


def _plain_map(rehearsal: Rehearsal, saved: Any, stdin: TextIO, stdout: TextIO) -> int:
    """Write the map line by line: each part takes lines until an empty line."""
    from sos_assistant.rehearse.session import MAP_PARTS
    from sos_assistant.tui_text import ui_text

    words = ui_text().rehearse
    _say(stdout)
    _say(stdout, words.map_intro_plain)
    coach = rehearsal.coach
    drafts: dict[str, list[str]] = {}
    echo = not stdin.isatty()
    for part, kind in MAP_PARTS.items():
        _say(stdout)
        _say(stdout, getattr(words.parts, part))
        got: list[str] = []
        for raw in stdin:
            line = raw.strip()
            if not line:
                break
            got.append(line)
            if echo:
                _say(stdout, f"- {line}")
            for finding in coach.check(line, kind):
                _say(
                    stdout,
                    words.coach_line.format(message=finding.message, suggestion=finding.suggestion),
                    "  ",
                )
        drafts[part] = got
    if not any(drafts.values()):
        _say(stdout, words.map_skipped)
        return OK
    if saved is not None:
        saved.save_map(drafts)
        _say(stdout, words.map_saved)
    _print_compare(stdout, rehearsal, drafts)
    return OK


def _print_compare(stdout: TextIO, rehearsal: Rehearsal, drafts: dict[str, list[str]]) -> None:
    from sos_assistant.rehearse.session import MAP_PARTS
    from sos_assistant.tui_text import ui_text

    words = ui_text().rehearse
    _say(stdout)
    _say(stdout, words.compare_title)
    model = rehearsal.vignette.model_map
    for part in MAP_PARTS:
        _say(stdout)
        _say(stdout, getattr(words.parts_short, part))
        _say(stdout, words.yours)
        for text in drafts.get(part) or [words.nothing]:
            _say(stdout, f"- {text}", "  ")
        _say(stdout, words.model)
        for text in model.part(part):
            _say(stdout, f"- {text}", "  ")
