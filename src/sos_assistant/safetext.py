"""Keeping user text inert wherever it is shown or written.

People paste anything: escape sequences, markup, emoji, right-to-left names, whole documents.
What they typed is *stored* verbatim; these functions make a copy that is safe to *show*:

- :func:`inert` replaces control characters (ESC, the other C0 and C1 controls, DEL, and the
  non-characters U+FFFE and U+FFFF, which XML and Word files cannot hold) with
  visible stand-ins, so nothing typed can move a cursor, change a terminal title or clear a
  screen. New lines and tabs are kept.
- :func:`markdown` additionally backslash-escapes the marks Markdown gives meaning to, so text can
  never start a heading, list, quote, table, link, HTML tag, code or emphasis.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_INLINE_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]<>|&!~#"}
"""Marks that can make emphasis, code, links, images, HTML, tables or headings anywhere, each
mapped to itself after a backslash."""
_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")
"""Marks that start a list, quote, heading underline or numbered list at the start of a line."""


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def inert(text: str) -> str:
    """``text`` with every control character except newline and tab made visible and harmless."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_stand_in, text)


def one_line(text: str) -> str:
    """:func:`inert`, with line breaks and tabs folded to spaces (for lists and titles)."""
    return " ".join(inert(text).split())


def _escape_line(line: str) -> str:
    line = line.translate(_INLINE_ESCAPES)
    if not line or (line[0] not in "-+=>" and not line[0].isdecimal()):
        return line  # the quick answer for most lines (``\\d`` is any decimal digit)
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def markdown(text: str, indent: str = "") -> str:
    """Text for a Markdown document: inert, structural marks escaped, line breaks kept
    as hard breaks indented by ``indent`` (so a multi-line item stays inside its list item)."""
    lines = [_escape_line(line.strip()) for line in inert(text).split("\n")]
    lines = [line for line in lines if line] or [""]
    return ("\\\n" + indent).join(lines)


_LIST_ITEM = re.compile(r"(?:[-*•]|\d{1,2}[.)])\s")


def reflow(text: str) -> str:
    """Content text with its hard line breaks undone, so a screen can wrap it at any width.

    Authors wrap long prompts in the YAML; shown as they are, those breaks fall mid-sentence on
    a narrower screen. Lines of a paragraph are joined with a space; blank lines (paragraphs)
    stay, and a line starting a list item ("- ", "* ", "• ", "1. ") starts a new line, its
    indented continuation lines joined to it.
    """
    out: list[str] = []
    in_item = False
    for line in text.strip("\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            out.append("")
            in_item = False
        elif _LIST_ITEM.match(stripped):
            out.append(stripped)
            in_item = True
        elif out and out[-1] and (not in_item or line[:1].isspace()):
            out[-1] = f"{out[-1]} {stripped}"
        else:  # a sentence after a list, not indented under its last item: a line of its own
            out.append(stripped)
            in_item = False
    return "\n".join(out)
