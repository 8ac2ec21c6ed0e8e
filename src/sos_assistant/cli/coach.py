"""``sos-assistant coach``: check statements from the command line.

Exit status follows the linter convention: 0 when nothing needs changing (advice alone does not
count), 1 when at least one statement has a finding, 2 for a usage problem (no statements).
A rules folder that cannot be read is reported as ``file:line`` problems with status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO, cast

from sos_assistant.names import AUDIENCES, STATEMENT_KINDS

if TYPE_CHECKING:
    from sos_assistant.coach.findings import Finding
    from sos_assistant.coach.rules import RuleSet
    from sos_assistant.model import Audience, StatementKind

_WIDTH = 88
_UNSAFE_IN_JSON = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F)}
_UNSAFE_IN_JSON |= {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the coach's arguments to ``parser``."""
    parser.add_argument(
        "text",
        nargs="*",
        help="statements to check (default: one per line on standard input)",
    )
    parser.add_argument(
        "--kind",
        choices=STATEMENT_KINDS,
        default="general",
        help="what the statements are: harm, danger, complicating, strength, safety, goal, "
        "next_step or general (default)",
    )
    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="practitioner",
        help="who the coach speaks to: practitioner (default), advocate or family (gentle tips)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print a JSON array (one object per statement)"
    )
    parser.add_argument(
        "--map",
        metavar="MAP",
        help="check a whole map file (YAML or JSON, '-' for standard input): every danger "
        "statement has a goal, numbers from two people, next steps with who and when",
    )


def run(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Check the statements in ``ns.text`` (or on ``stdin``) and print the findings."""
    # Loaded here, not at the top: the command line builds this parser for every command.
    from sos_assistant.coach.engine import Coach
    from sos_assistant.coach.rules import RuleError, load_rules

    try:
        rules = load_rules()
    except RuleError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    if getattr(ns, "map", None):
        return run_map(ns, rules, stdin, stdout)
    statements = [t for t in (ns.text or []) if t.strip()]
    if not ns.text:
        from sos_assistant.cli.commands import read_input

        text = read_input("-", "the statements", stdin)
        statements = [line for line in text.splitlines() if line.strip()]
    if not statements:
        print(rules.template("cli_no_text"), file=sys.stderr)
        return 2
    kind = cast("StatementKind", ns.kind)
    audience = cast("Audience", ns.audience)
    coach = Coach(rules)
    results = [(text, coach.check(text, kind, audience)) for text in statements]
    if ns.json:
        data: list[dict[str, Any]] = [
            {"text": text, "kind": kind, "findings": [f.to_dict() for f in findings]}
            for text, findings in results
        ]
        stdout.write(json_text(data) + "\n")
    else:
        for number, (text, findings) in enumerate(results, 1):
            if number > 1:
                stdout.write("\n")
            stdout.write(render(text, findings, rules, number if len(results) > 1 else None))
    return 1 if any(not f.advice for _, findings in results for f in findings) else 0


def run_map(ns: argparse.Namespace, rules: RuleSet, stdin: TextIO, stdout: TextIO) -> int:
    """``coach --map MAP``: the map-level checks. 0 when nothing is missing (tips alone do not
    count), 1 when something is, or when the map cannot be read."""

    from sos_assistant.cli.commands import read_input
    from sos_assistant.coach.engine import Coach
    from sos_assistant.coach.mapcheck import map_checks
    from sos_assistant.coach.text import inert
    from sos_assistant.errors import CommandError
    from sos_assistant.model import MapError, load_map

    try:
        the_map = load_map(read_input(ns.map, "the map", stdin))
    except CommandError as error:  # unreadable, too big (/dev/zero) or not UTF-8
        print(inert(str(error)), file=sys.stderr)
        return 1
    except MapError as error:
        for problem in error.problems:
            print(inert(f"{ns.map}: {problem}", keep_newlines=False), file=sys.stderr)
        return 1
    findings = map_checks(the_map, Coach(rules))
    if ns.json:
        stdout.write(json_text([f.to_dict() for f in findings]) + "\n")
    elif not findings:
        stdout.write(rules.template("cli_map_clean") + "\n")
    else:
        for f in findings:
            tip = f" {rules.template('cli_tip')}" if f.advice else ""
            stdout.write(f"{f.slot} [{f.category}: {f.rule}]{tip}\n")
            words = _statement_at(the_map, f.slot)
            if words:  # which statement: its place alone means little to a person
                stdout.write(
                    textwrap.fill(
                        inert(f"“{words}”", keep_newlines=False),
                        width=_WIDTH,
                        initial_indent="    ",
                        subsequent_indent="     ",
                    )
                    + "\n"
                )
            for label, body in (
                (rules.template("cli_why"), f.message),
                (rules.template("cli_try"), f.suggestion),
            ):
                stdout.write(
                    textwrap.fill(
                        inert(body, keep_newlines=False),
                        width=_WIDTH,
                        initial_indent=f"    {label} ",
                        subsequent_indent="    " + " " * (len(label) + 1),
                    )
                    + "\n"
                )
    return 1 if any(not f.advice for f in findings) else 0


def _statement_at(the_map: Any, slot: str) -> str | None:
    """The words of the statement at ``slot`` ("worries.danger_statements[1]"), if it is one."""
    import re

    match = re.fullmatch(r"(\w+)\.(\w+)\[(\d+)\]", slot)
    if match is None:
        return None
    section = getattr(the_map, match.group(1), None)
    items = getattr(section, match.group(2), None)
    index = int(match.group(3))
    if not isinstance(items, list) or index >= len(items):
        return None
    text = getattr(items[index], "text", None)
    return text if isinstance(text, str) else None


def json_text(data: object) -> str:
    """JSON with non-ASCII kept readable but terminal-unsafe characters escaped."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_UNSAFE_IN_JSON)


def _carets(line: str, offset: int, findings: list[Finding]) -> str:
    """A line of ``^`` under the words found in ``line`` (which starts at ``offset``)."""
    from sos_assistant.coach.text import display_width

    marks = [" "] * len(line)
    for f in findings:
        for i in range(max(f.start, offset), min(f.end, offset + len(line))):
            marks[i - offset] = "^"
    if "^" not in marks:
        return ""
    out = "".join(
        mark * display_width(char) for mark, char in zip(marks, line, strict=True)
    ).rstrip()
    return out


def render(text: str, findings: list[Finding], rules: RuleSet, number: int | None = None) -> str:
    """Human-readable output for one statement: the words, ``^^^`` under what was found, then
    why it matters and what to try instead."""
    from sos_assistant.coach.text import inert

    prefix = f"{number}. " if number is not None else ""
    pad = " " * len(prefix)
    safe = inert(text)
    out: list[str] = []
    offset = 0
    for i, line in enumerate(safe.split("\n")):
        out.append((prefix if i == 0 else pad) + line)
        marks = _carets(line, offset, [f for f in findings if f.end - f.start < len(text)])
        if marks:
            out.append(pad + marks)
        offset += len(line) + 1
    if not findings:
        out.append(pad + "  " + rules.template("cli_clean"))
    for f in findings:
        found = inert(text[f.start : f.end], keep_newlines=False)
        if f.end - f.start > 40:
            found = found[:37] + "..."
        tip = f" {rules.template('cli_tip')}" if f.advice else ""
        out.append(f'{pad}  "{found}" [{f.category}: {f.rule}]{tip}')
        for label, body in (
            (rules.template("cli_why"), f.message),
            (rules.template("cli_try"), f.suggestion),
        ):
            wrapped = textwrap.fill(
                inert(body, keep_newlines=False),
                width=_WIDTH,
                initial_indent=f"{pad}    {label} ",
                subsequent_indent=f"{pad}    " + " " * (len(label) + 1),
            )
            out.append(wrapped)
    return "\n".join(out) + "\n"
