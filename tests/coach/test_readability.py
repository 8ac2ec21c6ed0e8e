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


def test_questions_the_tool_suggests_to_ask_a_family_are_grade_4_or_below() -> None:
    from sos_assistant.rehearse.questions import questions_file

    data = questions_file()
    suggested = [t for text in data.types.values() for t in text.try_]
    tips = [data.summary.try_more, *data.summary.try_missing.model_dump().values()]
    suggested += [tip.rsplit(": ", 1)[-1] for tip in tips]  # the question after the advice
    hard = {t: flesch_kincaid_grade(t) for t in suggested if flesch_kincaid_grade(t) > 4}
    assert hard == {}


def test_the_fictional_families_speak_plainly() -> None:
    from statistics import mean

    from sos_assistant.rehearse.vignettes import all_vignettes

    for vignette in all_vignettes():
        replies = [r.say for m in vignette.members for rs in m.replies.values() for r in rs]
        assert mean(flesch_kincaid_grade(r) for r in replies) <= 4, vignette.id
