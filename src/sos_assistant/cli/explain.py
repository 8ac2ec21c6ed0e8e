"""``sos-assistant explain``: the professional words in a text, each in plain words.

Texts come from the arguments, or from standard input (all of it is one text, so a pasted
paragraph with line breaks stays whole; a blank line starts the next text).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from sos_assistant.explain.core import Explained

_WIDTH = 88


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``explain`` to the command line's subcommands."""
    p = sub.add_parser("explain", help="find the professional words in a text and explain them")
    p.add_argument(
        "text",
        nargs="*",
        help="texts to explain (default: standard input; a blank line starts the next text)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array of texts and terms")
    p.set_defaults(func=lambda ns: run(ns, sys.stdin, sys.stdout))


def read_texts(stdin: TextIO) -> list[str]:
    """The texts on ``stdin``: paragraphs split by blank lines."""
    from sos_assistant.cli.commands import read_input

    text = read_input("-", "the text", stdin)
    return [t.strip() for t in re.split(r"\n[ \t]*\n", text) if t.strip()]


def run(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    from sos_assistant.cli.coach import json_text
    from sos_assistant.content import explain_text
    from sos_assistant.explain.core import explainer

    texts = [t for t in (ns.text or []) if t.strip()] if ns.text else read_texts(stdin)
    if not texts:
        print(explain_text().no_text, file=sys.stderr)
        return 2
    found = [(text, explainer().explain(text)) for text in texts]
    if ns.json:
        data = [{"text": t, "terms": [e.to_dict() for e in terms]} for t, terms in found]
        stdout.write(json_text(data) + "\n")
        return 0
    for number, (text, terms) in enumerate(found, 1):
        if number > 1:
            stdout.write("\n")
        stdout.write(render(text, terms))
    return 0


def render(text: str, terms: list[Explained]) -> str:
    """The words found in ``text`` and what each means, for reading in a terminal."""
    from sos_assistant.content import explain_text
    from sos_assistant.safetext import one_line

    words = explain_text()
    out: list[str] = []
    if not terms:
        return words.none + "\n"
    for term in terms:
        out.append(f'"{one_line(term.phrase)}"')
        for label, body in ((words.means, term.meaning), (words.ask, term.ask)):
            out.append(
                textwrap.fill(
                    one_line(body),
                    width=_WIDTH,
                    initial_indent=f"  {label} ",
                    subsequent_indent="  " + " " * (len(label) + 1),
                )
            )
    return "\n".join(out) + "\n"
