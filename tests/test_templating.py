"""Prompts that only put in names are filled in without jinja2, exactly as jinja2 would."""

from __future__ import annotations

from typing import Any

import pytest

from sos_assistant.dialogue import dialogue_files, load_script, templating
from sos_assistant.dialogue.templating import render

CONTEXT: dict[str, Any] = {
    "child_name": "Kai",
    "parent_name": "Dani {{ not a template }}",
    "fw": {"key": "safety", "name": "Safety", "scaling": {"question": "How safe?"}, "n": 3},
    "count": 2,
    "nothing": None,
}


def _jinja(source: str, context: dict[str, Any]) -> str:
    return templating._compile(source).render(context) if templating.is_template(source) else source


@pytest.mark.parametrize(
    "source",
    [
        "Hello {{ child_name }}.",
        "{{child_name}} and {{ parent_name }}",
        "{{ fw.scaling.question }}\n",
        "{{ fw.name }}\n\n",
        "Two lines\n{{ child_name }}\nend\n",
        "{{ fw.items }}",  # a dict's method: jinja2 reads the attribute
        "{{ count }} children",  # not a string: jinja2 renders it
        "{{ nothing }}",
        "{{ fw.n }}",
        "{{ child_name | upper }}",
        "{% if child_name %}{{ child_name }}{% endif %}",
        "{{ fw.name }}}",
        "Windows\r\nline {{ child_name }}",
        "{# a note #}{{ child_name }}",
    ],
)
def test_names_filled_in_as_jinja_fills_them(source: str) -> None:
    assert render(source, CONTEXT) == _jinja(source, CONTEXT)


def test_a_name_not_given_is_still_an_error() -> None:
    with pytest.raises(templating.TemplateProblem):
        render("Hello {{ someone }}", CONTEXT)


def test_every_packaged_prompt_reads_the_same_without_jinja() -> None:
    names = {"child_name": "Kai", "parent_name": "Dani", "worker_name": "Sam"}
    checked = 0
    for path in dialogue_files():
        script = load_script(path)
        context: dict[str, Any] = {"fw": CONTEXT["fw"]}
        context |= {s.var: names.get(s.var or "", f"the {s.var}") for s in script.steps if s.var}
        for step in script.steps:
            texts = [step.ask, step.help, *step.examples, *step.suggest]
            texts += [t for c in step.choices for t in (c.label, c.explain or "")]
            for text in texts:
                try:
                    expected = _jinja(text, context)
                except Exception:  # a prompt reading something this context lacks
                    continue
                assert render(text, context) == expected, (path.name, step.id, text)
                checked += templating._substituted(text, context) is not None
    assert checked > 0  # some prompts did take the quick way
