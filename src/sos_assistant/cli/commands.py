"""The ``sos-assistant`` command (the commands are listed in the README and docs/formats.md).

Exit codes: 0 ok, 1 the input was wrong (the message says why), 2 usage error. Each subcommand
is a small function over the core API; the TUI and plain mode are imported only when asked for,
so the other commands start fast and never load Textual.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO, cast

from sos_assistant import __version__, safetext
from sos_assistant.names import AUDIENCES, FRAMEWORKS

if TYPE_CHECKING:
    import argparse

    from sos_assistant.model import Map

from sos_assistant.errors import OK, USAGE, WRONG_INPUT, CommandError

__all__ = ["OK", "USAGE", "WRONG_INPUT", "CommandError", "main"]


def _err(message: str) -> None:
    print(safetext.inert(message), file=sys.stderr)


# -- check ------------------------------------------------------------------------------------


def cmd_check(ns: argparse.Namespace) -> int:
    from sos_assistant.check import check_all, read_from

    print(safetext.inert(read_from(Path(p) for p in ns.paths)))
    problems = check_all(Path(p) for p in ns.paths)
    for problem in problems:
        print(safetext.inert(str(problem)))
    if problems:
        _err(f"{len(problems)} problem(s) found")
        return WRONG_INPUT
    print("All dialogues and content are valid.")
    return OK


# -- steps ------------------------------------------------------------------------------------


def _script(name: str) -> Any:
    from sos_assistant.dialogue import ScriptError, find_dialogue

    try:
        return find_dialogue(name)
    except ScriptError as error:
        raise CommandError(str(error)) from None


def cmd_steps(ns: argparse.Namespace) -> int:
    script = _script(ns.dialogue)
    rows = [
        {
            "id": s.id,
            "kind": s.kind,
            "slot": s.slot,
            "choices": [c.value for c in s.choices] if s.kind == "choice" else [],
        }
        for s in script.steps
    ]
    if ns.json:
        print(json.dumps(rows, ensure_ascii=False))
        return OK
    width = max(len(r["id"]) for r in rows)
    for row, step in zip(rows, script.steps, strict=True):
        extra = f"  choices: {', '.join(row['choices'])}" if row["choices"] else ""
        if step.kind == "confirm":
            extra = "  answer: true or false"
        print(f"{row['id']:<{width}}  {row['kind']:<7}  {row['slot'] or '-'}{extra}")
    return OK


# -- run --------------------------------------------------------------------------------------


def read_input(path: str, what: str, stdin: TextIO | None = None) -> str:
    """The text of ``path`` (``-`` for ``stdin``, by default standard input), at most
    ``MAX_BYTES`` of it so /dev/zero cannot fill memory; or a CommandError naming ``what``."""
    from sos_assistant.yamlfile import MAX_BYTES, YamlProblem, decode_bounded

    try:
        if path == "-":
            source = sys.stdin if stdin is None else stdin
            stream = getattr(source, "buffer", None)
            if stream is None:  # a text stream (tests)
                raw = source.read(MAX_BYTES + 1).encode("utf-8", "surrogatepass")
            else:
                raw = stream.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as file:  # at most MAX_BYTES: /dev/zero cannot fill memory
                raw = file.read(MAX_BYTES + 1)
        return decode_bounded(raw, path)
    except OSError as error:
        raise CommandError(f"{path}: cannot read {what} ({error.strerror or error})") from None
    except YamlProblem as problem:
        if problem.diagnostic.code == "Y002":
            raise CommandError(f"{path}: {what} is not UTF-8 text") from None
        raise CommandError(f"{path}: {what}: {problem.diagnostic.message}") from None


def _read_answers(path: str) -> Any:
    text = read_input(path, "the answers file")
    from sos_assistant.yamlfile import YamlProblem, load_data

    try:
        return load_data(text, path)
    except YamlProblem as problem:
        d = problem.diagnostic
        message = d.message.replace("YAML error", "not valid YAML")
        raise CommandError(f"{path}:{d.line}: {message}") from None


def write_map(the_map: Map, out: str | None) -> None:
    text = the_map.to_json() if out and out.endswith(".json") else the_map.to_yaml()
    if out is None or out == "-":
        sys.stdout.write(text)
        return
    from sos_assistant.privatefile import write_private

    try:
        write_private(Path(out), text)
    except OSError as error:
        raise CommandError(f"{out}: cannot write the map ({error.strerror})") from None


def _warn_if_crisis(step: Any, value: Any) -> None:
    """An answer suggests someone is in danger now: show where help is on stderr (it never
    blocks the run)."""
    from sos_assistant import content

    info = content.crisis()
    lines = [
        info.title,
        info.intro,
        *(f"  {c.name}: {c.number} - {c.when}" for c in info.contacts),
    ]
    _err("\n".join(lines))


def cmd_run(ns: argparse.Namespace) -> int:
    from sos_assistant.dialogue import EngineError, RunError
    from sos_assistant.session import Session

    script = _script(ns.dialogue)
    if ns.answers is None and ns.from_map is None:
        raise CommandError("the following arguments are required: --answers", USAGE)
    answers = _read_answers(ns.answers) if ns.answers is not None else {}
    if ns.from_map is not None:  # a first draft of the story from the family's map
        answers = _with_draft(answers, read_map_file(ns.from_map), ns.answers or "")
    store = None
    if ns.session:
        from sos_assistant.cli.sessions import open_store_for_cli

        store = open_store_for_cli(ns.passphrase_file)
        session = store.session(ns.session, script, framework=ns.framework, audience=ns.audience)
    else:
        session = Session.scratch(script, framework=ns.framework, audience=ns.audience)
    try:
        session.run(answers, _warn_if_crisis)
    except (RunError, EngineError) as error:
        where = f" (saved so far in session '{ns.session}')" if ns.session else ""
        raise CommandError(f"{ns.answers or ns.from_map}: {error}{where}") from None
    if store is not None:
        store.finish(session)
    write_map(session.map(), ns.out)
    return OK


def _with_draft(answers: Any, family: Map, path: str) -> dict[str, Any]:
    """The story's draft answers from the family's map, under the answers file's own (a page
    the file names, even as null, is the file's)."""
    from sos_assistant.story import draft_answers

    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise CommandError(f"{path}: with --from-map, the answers file must be a mapping")
    return {**draft_answers(family), **answers}


# -- render -----------------------------------------------------------------------------------


def _booklet_notes(the_map: Map) -> None:
    """What a child might stumble on, page by page, on stderr (the booklet is still made)."""
    from sos_assistant.children import children_words
    from sos_assistant.render.child import booklet_story
    from sos_assistant.story import page_notes

    story, _ = booklet_story(the_map)
    title = children_words().booklet.notes_title
    for number, page in enumerate(story.pages, start=1):
        notes = page_notes(page)
        if notes:
            head = title.replace("{number}", str(number)).replace("{heading}", page.heading)
            _err("\n".join([head, *(f"  - {n}" for n in notes)]))


def read_map_file(path: str) -> Map:
    text = read_input(path, "the map")
    from sos_assistant.model import MapError, load_map

    try:
        return load_map(text)
    except MapError as error:
        raise CommandError("\n".join(f"{path}: {p}" for p in error.problems)) from None


def cmd_render(ns: argparse.Namespace) -> int:
    from sos_assistant.render import TEXT_FORMATS, render_bytes

    the_map = read_map_file(ns.map)
    if ns.output is None and ns.format not in TEXT_FORMATS and sys.stdout.isatty():
        raise CommandError(f"a {ns.format} file is not for the screen: add -o FILE", USAGE)
    if ns.add_child:  # a child's houses, chosen by name of file: never added on their own
        from sos_assistant.children import add_children, voices_from

        the_map = add_children(the_map, voices_from([read_map_file(p) for p in ns.add_child]))
    if ns.booklet:
        from sos_assistant.render.child import render_booklet

        if ns.format not in ("html", "pdf"):
            raise CommandError("a booklet is printed as html or pdf: use --format html|pdf", USAGE)
        data = render_booklet(the_map, ns.format)
        _booklet_notes(the_map)
    elif ns.format == "pdf" and getattr(ns, "page", None) == "portrait":
        from sos_assistant.render import view
        from sos_assistant.render.pdf import render_pdf

        data = render_pdf(the_map, view(the_map), "portrait")
    else:
        data = render_bytes(the_map, ns.format)
    if ns.output is None or ns.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return OK
    from sos_assistant.privatefile import write_private

    try:
        write_private(Path(ns.output), data)
    except OSError as error:
        raise CommandError(f"{ns.output}: cannot write ({error.strerror})") from None
    return OK


# -- schema, coach, sessions, plain, tui ----------------------------------------------------


def cmd_schema(ns: argparse.Namespace) -> int:
    from sos_assistant.model import map_json_schema

    print(json.dumps(map_json_schema(), indent=2, ensure_ascii=False))
    return OK


def cmd_coach(ns: argparse.Namespace) -> int:
    from sos_assistant.cli import coach as command

    return command.run(ns, sys.stdin, sys.stdout)


def cmd_sessions(ns: argparse.Namespace) -> int:
    from sos_assistant.cli import sessions as command

    return command.run(ns, sys.stdout)


def cmd_plain(
    ns: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    from sos_assistant import plain

    return plain.run(ns, stdin or sys.stdin, stdout or sys.stdout)


def cmd_tui(ns: argparse.Namespace) -> int:
    from sos_assistant.tui import run_app

    return run_app(ns)


# -- parser -----------------------------------------------------------------------------------


def _add_session_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """The session options; ``prefix`` keeps the top-level ones apart (see _merge_top)."""
    parser.add_argument(
        "--session",
        dest=prefix + "session",
        metavar="NAME",
        help="save as you go under this name, and resume it",
    )
    parser.add_argument(
        "--framework",
        dest=prefix + "framework",
        choices=FRAMEWORKS,
        help="safety (default), wellbeing or success",
    )
    parser.add_argument(
        "--passphrase-file",
        dest=prefix + "passphrase_file",
        metavar="FILE",
        help="read the passphrase of protected sessions from this file (or set "
        "SOS_ASSISTANT_PASSPHRASE)",
    )
    parser.add_argument(
        "--audience",
        dest=prefix + "audience",
        choices=AUDIENCES,
        default=None,
        help="who is using it (recorded with a saved session)",
    )


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv``, the options of ``coach`` and ``sessions`` are added
    only when one of them is named there, so that other commands never import those packages
    (the store, in particular) just to parse their arguments."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="sos-assistant",
        description="Get ready for Signs of Safety meetings: answer questions, get a plain map.",
        epilog="With no command, the full-screen app starts (or plain mode when TERM=dumb).",
    )
    parser.add_argument("--version", action="version", version=f"sos-assistant {__version__}")
    parser.add_argument(
        "--plain",
        nargs="?",
        const="",
        metavar="DIALOGUE",
        help="plain mode: the conversation line by line, for screen readers and pipes",
    )
    _add_session_options(parser, TOP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="validate all dialogues and content (or the given files)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("run", help="answer a dialogue from an answers file, headless")
    p.add_argument("dialogue", metavar="DIALOGUE", help="a dialogue id (see 'steps') or a file")
    p.add_argument("--answers", metavar="FILE", help="YAML list or mapping; - for stdin")
    p.add_argument(
        "--from-map",
        metavar="MAP",
        help="words-and-pictures: a first draft of each page from this family map (the "
        "answers file, a mapping, changes or skips pages); then --answers is optional",
    )
    p.add_argument(
        "--out", metavar="MAP", help="write the map here (.yaml or .json); default stdout"
    )
    _add_session_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("render", help="render a map file")
    p.add_argument("map", metavar="MAP", help="a sos-map/1 file, YAML or JSON; - for stdin")
    p.add_argument("--format", "-f", required=True, choices=("md", "html", "txt", "docx", "pdf"))
    p.add_argument("-o", "--output", metavar="OUT", help="write here; default stdout")
    p.add_argument(
        "--add-child",
        action="append",
        metavar="HOUSES",
        help="add a child's Three Houses (a map made by three-houses) in their own section; "
        "repeat for more children",
    )
    p.add_argument(
        "--booklet",
        action="store_true",
        help="print the map's Words and Pictures story as a booklet (html or pdf); a map with "
        "no story gets a first draft from its people, worries and plans",
    )
    p.add_argument(
        "--page",
        choices=("landscape", "portrait"),
        default="landscape",
        help="for a PDF: A4 on its side with three columns (default), or upright with the "
        "columns one under another",
    )
    p.set_defaults(func=cmd_render)

    named = None if argv is None else set(argv)

    p = sub.add_parser("coach", help="check statements for plain, specific words")
    if named is None or "coach" in named:
        from sos_assistant.cli import coach as coach_command

        coach_command.configure(p)
    p.set_defaults(func=cmd_coach)

    p = sub.add_parser("sessions", help="list, show, export, import or delete saved sessions")
    if named is None or "sessions" in named:
        from sos_assistant.cli import sessions as store_command

        store_command.configure(p)
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("steps", help="list a dialogue's steps, to help write an answers file")
    p.add_argument("dialogue", metavar="DIALOGUE")
    p.add_argument("--json", action="store_true", help="a JSON array of {id, kind, slot, choices}")
    p.set_defaults(func=cmd_steps)

    from sos_assistant.cli import rehearse as rehearse_command

    p = sub.add_parser("questions", help="name the type of a practitioner's question")
    rehearse_command.configure_questions(p)
    p.set_defaults(func=lambda ns: rehearse_command.run_questions(ns, sys.stdin, sys.stdout))

    p = sub.add_parser("rehearse", help="practise questions with a fictional family")
    rehearse_command.configure_rehearse(p)
    p.set_defaults(func=lambda ns: rehearse_command.run_rehearse(ns, sys.stdin, sys.stdout))

    p = sub.add_parser("schema", help="print the JSON Schema of the map format")
    p.set_defaults(func=cmd_schema)
    from sos_assistant.cli import explain as explain_command

    explain_command.add_command(sub)
    return parser


TOP = "top_"
"""Prefix of the session options given before a subcommand (argparse would let the
subcommand's own defaults overwrite them silently)."""
_TOP_OPTIONS = ("session", "framework", "passphrase_file", "audience")


def _merge_top(ns: argparse.Namespace) -> None:
    """Options given before the subcommand: used by a subcommand that takes them, else a
    usage error (never silently dropped).

    Raises:
        CommandError: the subcommand does not take the option, or it was given twice with
            different values."""
    if ns.command is not None and ns.plain is not None:
        raise CommandError(
            f"sos-assistant: --plain starts a conversation, so it does not go with "
            f"'{ns.command}'. Use: sos-assistant --plain [DIALOGUE]",
            USAGE,
        )
    for option in _TOP_OPTIONS:
        value = getattr(ns, TOP + option, None)
        delattr(ns, TOP + option)
        if value is None:
            continue
        flag = "--" + option.replace("_", "-")
        if ns.command is None:
            setattr(ns, option, value)
        elif not hasattr(ns, option):
            raise CommandError(
                f"sos-assistant {ns.command}: {flag} does not go with '{ns.command}'. "
                f"See: sos-assistant {ns.command} --help",
                USAGE,
            )
        elif getattr(ns, option) not in (None, value):
            raise CommandError(
                f"sos-assistant {ns.command}: {flag} was given twice, with different values.",
                USAGE,
            )
        else:
            setattr(ns, option, value)


def _store_error() -> type[Exception]:
    """The store's error class, imported only when an exception is being handled."""
    from sos_assistant.store import StoreError

    return StoreError


def bare_namespace() -> argparse.Namespace:
    """What the parser gives for the bare command (no arguments), without building it: the
    app starts sooner, and argparse is never imported on its way to the first screen."""
    values: dict[str, Any] = {"plain": None, "command": None}
    values |= {TOP + option: None for option in _TOP_OPTIONS}
    return cast("argparse.Namespace", SimpleNamespace(**values))


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv:
        try:
            ns = build_parser(argv).parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    else:
        ns = bare_namespace()
    try:
        _merge_top(ns)
        if ns.command is not None:
            code: int = ns.func(ns)
        elif ns.plain is not None or os.environ.get("TERM") == "dumb" or not sys.stdin.isatty():
            code = cmd_plain(ns)
        else:
            code = cmd_tui(ns)
    except CommandError as error:
        _err(str(error))
        return error.code
    except _store_error() as error:  # evaluated only when something was raised
        _err(str(error))
        return WRONG_INPUT
    except KeyboardInterrupt:
        saved = " Everything you answered so far is saved." if getattr(ns, "session", None) else ""
        _err("Stopped." + saved)
        return WRONG_INPUT
    except BrokenPipeError:
        return OK
    return code
