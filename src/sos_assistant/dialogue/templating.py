"""Prompts written by content authors: sandboxed jinja2 with strict undefined variables.

Prompts are plain text, never markup: whatever a person typed earlier and is repeated in a prompt
stays inert because every face shows prompts as plain text.

jinja2 is imported the first time a prompt needs it: most prompts are plain text or only put in
names given earlier (``{{ child_name }}``), which are filled in here exactly as jinja2 would, so
resuming a session at such a question never loads it.
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


_MISSING = object()


def _lookup(context: Mapping[str, Any], path: str) -> Any:
    """The text ``{{ path }}`` stands for when jinja2 would find a string there by keys alone;
    else ``_MISSING`` (jinja2 is asked, to say what is wrong or to read an attribute)."""
    name, *keys = path.split(".")
    value = context.get(name, _MISSING)
    for key in keys:
        # jinja2 tries an attribute before a key: a key that is also a dict's method name
        # (``fw.items``) is left to it.
        if not isinstance(value, dict) or hasattr(value, key):
            return _MISSING
        value = value.get(key, _MISSING)
    return value if isinstance(value, str) else _MISSING


def _substituted(source: str, context: Mapping[str, Any]) -> str | None:
    """``source`` with its bare names filled in, when that is all it asks for and every name is
    a string; None when jinja2 must render it. The result is jinja2's with this environment,
    which also drops one line end at the very end (other line ends are left to jinja2)."""
    if "\r" in source:
        return None
    rest = _SIMPLE.sub("", source)
    if is_template(rest) or "}}" in rest:
        return None
    values: list[str] = []
    for match in _SIMPLE.finditer(source):
        value = _lookup(context, match.group(0)[2:-2].strip())
        if value is _MISSING:
            return None
        values.append(value)
    filled = iter(values)
    out = _SIMPLE.sub(lambda _: next(filled), source)
    return out[:-1] if source.endswith("\n") else out


def render(source: str, context: Mapping[str, Any]) -> str:
    """Render one prompt; plain strings come back untouched."""
    if not is_template(source):
        return source
    simple = _substituted(source, context)
    if simple is not None:
        return simple
    import jinja2

    try:
        return _compile(source).render(context)
    except jinja2.TemplateError as error:
        raise TemplateProblem(f"template error: {error.message}") from None
