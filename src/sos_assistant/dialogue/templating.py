"""Prompts written by content authors: sandboxed jinja2 with strict undefined variables.

Prompts are plain text, never markup: whatever a person typed earlier and is repeated in a prompt
stays inert because every face shows prompts as plain text.

jinja2 is imported the first time a prompt needs it: most prompts are plain text, so resuming a
session at a plain question never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

GLOBAL_NAMES: frozenset[str] = frozenset({"fw"})
"""Names every prompt may use: ``fw`` is the chosen framework's text."""


@cache
def _environment() -> SandboxedEnvironment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class TemplateProblem(ValueError):
    """A prompt that cannot be parsed or rendered."""


@lru_cache(maxsize=2048)
def _compile(source: str) -> jinja2.Template:
    return _environment().from_string(source)


def is_template(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*\s*\}\}")
"""A bare substitution such as ``{{ child_name }}`` or ``{{ fw.scaling.question }}``."""


def variables(source: str) -> set[str]:
    """The names a prompt reads. Raises :class:`TemplateProblem` on a syntax error.

    Most prompts only substitute names; those are read with a regular expression, and only
    prompts with anything more (filters, conditions, loops, odd braces) go through jinja's
    parser, which is what made checking every dialogue slow.
    """
    if not is_template(source):
        return set()
    rest = _SIMPLE.sub("", source)
    if not is_template(rest) and "}}" not in rest:
        return {m.group(1) for m in _SIMPLE.finditer(source)}
    import jinja2
    from jinja2 import meta

    try:
        return set(meta.find_undeclared_variables(_environment().parse(source)))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(f"template error: {error.message}") from None


def render(source: str, context: Mapping[str, Any]) -> str:
    """Render one prompt; plain strings come back untouched."""
    if not is_template(source):
        return source
    import jinja2

    try:
        return _compile(source).render(context)
    except jinja2.TemplateError as error:
        raise TemplateProblem(f"template error: {error.message}") from None
