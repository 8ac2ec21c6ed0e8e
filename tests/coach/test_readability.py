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


def _plan_texts() -> list[tuple[str, str]]:
    """Every family-facing line of the safety network and safety plan, as a family reads it
    (templates rendered both ways: a helper who knows, and none)."""
    from sos_assistant import content
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.dialogue.templating import render

    fw = content.frameworks().frameworks["safety"]
    out: list[tuple[str, str]] = []
    for who in ("", "Pearl"):
        ctx = {"child_name": "Milo", "parent_name": "Tess", "helpers_who_know": who, "fw": fw}
        for dialogue in ("safety-plan", "family-conference"):
            for step in find_dialogue(dialogue).steps:
                if dialogue == "family-conference" and not step.id.startswith("network"):
                    continue  # the rest of the family dialogue is checked with its own content
                for name in ("ask", "help"):
                    text = render(getattr(step, name), ctx)
                    if text.strip():
                        out.append((f"{dialogue}:{step.id}.{name}", text))
    return out


@pytest.mark.parametrize(("where", "text"), _plan_texts(), ids=lambda v: str(v)[:40])
def test_safety_plan_words_are_at_grade_4_or_below(where: str, text: str) -> None:
    assert flesch_kincaid_grade(text) <= 4, f"{where}: grade {flesch_kincaid_grade(text)}"


def test_the_childrens_part_is_in_child_words() -> None:
    from sos_assistant.dialogue import find_dialogue
    from sos_assistant.render.plan import plan_labels

    step = find_dialogue("safety-plan").step("child-can")
    words = [*step.examples, plan_labels().child_can]
    for text in words:
        assert flesch_kincaid_grade(text) <= 2, f"{text!r}: grade {flesch_kincaid_grade(text)}"


def test_the_plans_fixed_words_are_at_grade_4_or_below() -> None:
    from sos_assistant.render.plan import plan_labels
    from sos_assistant.tui_text import ui_text

    words = [v for v in plan_labels().model_dump().values() if isinstance(v, str)]
    words += [v for v in ui_text().plan._asdict().values()]
    # Sentences; a two-word heading ("Our safety network") names the approach's own term.
    for text in (w for w in words if len(w.split()) >= 5):
        assert flesch_kincaid_grade(text) <= 4, f"{text!r}: grade {flesch_kincaid_grade(text)}"
