"""Hypothesis strategies shared by the random walks: any answer a person could give a step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from sos_assistant.dialogue import Step

TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
"""Any text with something in it: emoji, right-to-left, controls, markup, line breaks."""


def answer_for(step: Step, data: st.DataObject) -> Any:
    """Draw a valid answer for ``step`` (None for info steps)."""
    if step.kind == "text" and step.slot == "meeting.date":  # must read as a date
        day = data.draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
        return data.draw(st.sampled_from([day.isoformat(), f"{day.day} {day:%B %Y}"]))
    if step.kind == "text":
        return data.draw(TEXT)
    if step.kind == "info" and step.suggest:  # the person may add the suggested questions
        return data.draw(st.sampled_from([None, True]))
    if step.kind == "list":
        item = st.fixed_dictionaries({"text": TEXT, "dispute": TEXT}) if step.views else TEXT
        return data.draw(st.lists(st.one_of(TEXT, item), min_size=1, max_size=3))
    if step.kind == "choice":
        return data.draw(st.sampled_from([c.value for c in step.choices]))
    if step.kind == "scale":
        why = st.fixed_dictionaries({"score": st.integers(0, 10), "why": TEXT})
        return data.draw(
            st.one_of(st.integers(0, 10), st.floats(0, 10).map(lambda f: round(f, 1)), why)
        )
    if step.kind == "people":
        return data.draw(st.lists(st.fixed_dictionaries({"name": TEXT}), min_size=1, max_size=2))
    if step.kind == "confirm":
        return data.draw(st.booleans())
    if step.kind == "network":
        helper = st.fixed_dictionaries(
            {"name": TEXT},
            optional={
                "relationship": TEXT,
                "reach": TEXT,
                "helps_with": TEXT,
                "knows_worries": st.sampled_from(["yes", "partly", "no", "not yet", True]),
            },
        )
        return data.draw(st.lists(st.one_of(TEXT, helper), min_size=1, max_size=2))
    if step.kind == "review":
        mark = st.fixed_dictionaries(
            {"rule": st.sampled_from(["R1", "R2"]),
             "status": st.sampled_from(["working", "sometimes", "not_yet"])},
            optional={"note": TEXT},
        )  # fmt: skip
        review = st.fixed_dictionaries(
            {"date": st.dates().map(str), "marks": st.lists(mark, min_size=1, max_size=2)},
            optional={"by": TEXT},
        )
        return data.draw(st.lists(review, min_size=1, max_size=2))
    return None
