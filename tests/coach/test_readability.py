"""Reading level, offline: the same Flesch-Kincaid grades textstat 0.7.3 gives.

The expected grades were computed with textstat 0.7.3 (the version the project used before it
stopped depending on it), so they are a reference, not our own output written back.
"""

from __future__ import annotations

import pytest

from sos_assistant.coach.text import flesch_kincaid_grade, reading_age


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Dad shouted at Kai on Monday night.", 2.5),
        (
            "The social worker is worried that if the adults keep fighting when the children "
            "are at home, Kai could be hurt by something thrown and could feel very frightened.",
            9.9,
        ),
        (
            "Utilisation of multidisciplinary interventions necessitates comprehensive "
            "consideration.",
            33.2,
        ),
        ("Don't stop. It's Mum's car! We'll see.", -1.2),
        ("Hi.", -3.5),
    ],
)
def test_grades_match_the_reference(text: str, grade: float) -> None:
    assert flesch_kincaid_grade(text) == grade


def test_reading_age_is_grade_plus_five_and_empty_text_is_zero() -> None:
    assert reading_age("Dad shouted at Kai on Monday night.") == 7.5
    assert flesch_kincaid_grade("") == 0.0
    assert flesch_kincaid_grade("💜 ...") == 0.0


def test_no_network_and_no_pkg_resources() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from sos_assistant.coach.text import reading_age; reading_age('A b c.');"
        "print('pkg_resources' in sys.modules or 'textstat' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _said(dialogue: str, context: dict[str, object]) -> list[tuple[str, str]]:
    """(step id, text) for every question, help line, example and choice of a dialogue, with
    its templates filled in from ``context``."""
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.dialogue.templating import render

    out: list[tuple[str, str]] = []
    for step in find_dialogue(dialogue).steps:
        texts = [step.ask, step.help, *(c.label for c in step.choices)]
        texts += [c.explain or "" for c in step.choices]
        out += [(step.id, render(t, {"fw": {}, **context}).strip()) for t in texts if t.strip()]
    return out


def test_the_three_houses_are_written_for_a_child_of_six_or_seven() -> None:
    """Every question, help line and choice a child reads is at grade 2 or below."""
    hard = [
        (step, text, flesch_kincaid_grade(text))
        for step, text in _said("three-houses", {"child_name": "Ruby"})
        if flesch_kincaid_grade(text) > 2
    ]
    assert hard == []


@pytest.mark.parametrize("age", ["under_6", "6_to_9", "10_and_over"])
def test_words_and_pictures_is_written_for_parents(age: str) -> None:
    """The parent and worker read it: grade 4 or below, whatever age the story is for."""
    context = {"children": "Kai", "age": age}
    hard = [
        (step, text, flesch_kincaid_grade(text))
        for step, text in _said("words-and-pictures", context)
        if flesch_kincaid_grade(text) > 4
    ]
    assert hard == []


def test_the_words_around_the_houses_are_for_a_child() -> None:
    """The fixed words printed in the houses and on the child's page, grade 2 or below."""
    from sos_assistant.children import children_words

    houses = children_words().houses
    lines = [houses.empty, houses.faces_ends, houses.can_see, houses.note, houses.page_title]
    lines += list(houses.names.model_dump().values())
    assert [t for t in lines if flesch_kincaid_grade(t.replace("{child}", "Ruby")) > 2] == []
