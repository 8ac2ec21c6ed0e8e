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


def _without_names(text: str, names: list[str]) -> str:
    """A glossary question with the word it asks about taken out: the parent has to say the
    word, however long it is; the rest of the question must be plain."""
    import re

    for name in sorted(names, key=len, reverse=True):
        text = re.sub(r"(?i)\b" + re.escape(name) + r"\b", "it", text)
    return text


def test_the_explainers_words_and_the_glossarys_questions_are_plain() -> None:
    from sos_assistant.content import explain_text, glossary

    words = explain_text().model_dump()
    hard = {k: flesch_kincaid_grade(v) for k, v in words.items() if isinstance(v, str)}
    assert {k: g for k, g in hard.items() if g > 4} == {}
    questions = {t.term: reading_age(_without_names(t.ask, t.names)) for t in glossary().terms}
    assert {term: age for term, age in questions.items() if age > 11} == {}
