"""Words and Pictures: a first draft of the story for the children, made from a family's map,
and the coach's look at each page in a child's terms.

The draft is a set of answers to the ``words-and-pictures`` dialogue (:func:`draft_answers`),
so it goes through the engine like anything a person types: it is saved, shown, and every page
can be changed like any other answer. The family's own sentences are put in as they wrote them;
the adults then change the words to fit their children. Nothing here imports Textual.
"""

from __future__ import annotations

from typing import Any

from sos_assistant.children import children_words
from sos_assistant.model import Map, Statement, Story, StoryPage

PAGE_STEPS: dict[str, str] = {
    "family": "page-family",
    "worried": "page-worried",
    "what_happened": "page-what-happened",
    "worries": "page-worries",
    "helping": "page-helping",
    "plan": "page-plan",
    "talk": "page-talk",
    "not_your_fault": "page-not-your-fault",
}
"""Each part of the story and the ``words-and-pictures`` step that writes it."""

PICTURES: dict[str, str] = {
    "family": "family",
    "worried": "worried",
    "what_happened": "home",
    "worries": "worried",
    "helping": "helping_hands",
    "plan": "plan",
    "talk": "school",
    "not_your_fault": "helping_hands",
}
"""The picture each part of a draft carries (the dialogue names its own)."""

DRAFT_ITEMS = 3
"""At most this many of the family's sentences on a drafted page: a child's page stays short."""

CHILD_GRADE = 3.0
"""Pages above this Flesch-Kincaid grade get a note that a child may find them hard."""


def _names(names: list[str], and_word: str) -> str:
    names = [n for n in names if n.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_word} " + names[-1]


def _person(person: Any) -> str:
    return f"{person.name} ({person.relationship})" if person.relationship else person.name


def _texts(statements: list[Statement]) -> list[str]:
    return [s.text.strip() for s in statements if s.text.strip()]


def _bullets(intro: str, items: list[str]) -> str:
    return intro + "\n" + "\n".join(f"- {item}" for item in items)


def draft_parts(family: Map) -> dict[str, str]:
    """The text of each part of the story that the family's map has something for."""
    words = children_words().draft
    people = family.people
    children = [p.name for p in people if p.role == "child"]
    family_names = [_person(p) for p in people if p.role in ("parent", "carer", "child")]
    workers = [_person(p) for p in people if p.role == "worker"]
    helpers = [_person(p) for p in people if p.role == "network"]
    network = getattr(family, "network", None) or []  # the safety-plan part of the map
    helpers += [str(getattr(n, "name", "")) for n in network if getattr(n, "name", "")]
    and_word = words.and_word
    parts: dict[str, str] = {}
    if family_names:
        parts["family"] = words.family.text.replace(
            "{children}", _names(children, and_word) or words.children_fallback
        ).replace("{names}", _names(family_names, and_word))
    parts["worried"] = (
        words.worried.text.replace("{names}", _names(workers, and_word))
        if workers
        else words.worried.no_names
    )
    happened = _texts(family.worries.harm)[:DRAFT_ITEMS]
    if happened:
        parts["what_happened"] = _bullets(words.what_happened.intro, happened)
    dangers = _texts(family.worries.danger_statements)[:DRAFT_ITEMS]
    if dangers:
        parts["worries"] = _bullets(words.worries.intro, dangers)
    doing = _texts(family.working_well.existing_safety) + _texts(family.needs_to_happen.next_steps)
    doing = doing[:DRAFT_ITEMS]
    helping = words.helping.intro
    if helpers:
        helping += " " + words.helping.helpers.replace("{names}", _names(helpers, and_word))
    parts["helping"] = _bullets(helping, doing) if doing else helping
    plan = getattr(family, "safety_plan", None)
    rules = _texts(getattr(plan, "rules", None) or [])
    rules = (rules or _texts(family.needs_to_happen.safety_goals))[:DRAFT_ITEMS]
    if rules:
        parts["plan"] = _bullets(words.plan.intro, rules)
    child_can = _texts(getattr(plan, "child_can", None) or [])
    parts["talk"] = _bullets(words.talk.intro, child_can) if child_can else words.talk.default
    parts["not_your_fault"] = words.not_your_fault.text
    return parts


def draft_answers(family: Map) -> dict[str, Any]:
    """Answers to ``words-and-pictures`` that make a first draft from the family's map: who
    the story is for and each page the map has something for."""
    words = children_words().draft
    answers: dict[str, Any] = {"story-title": words.title}
    children = [p.name for p in family.people if p.role == "child"]
    if children:
        answers["children"] = _names(children, words.and_word)
    for part, text in draft_parts(family).items():
        answers[PAGE_STEPS[part]] = text
    return answers


def draft_story(family: Map) -> Story:
    """The draft as a story, for printing a map that has no story yet."""
    words = children_words().draft
    children = [p.name for p in family.people if p.role == "child"]
    pages = [
        StoryPage(heading=getattr(words, part).heading, text=text, picture=PICTURES[part])
        for part, text in draft_parts(family).items()
    ]
    return Story(
        title=words.title,
        for_children=_names(children, words.and_word) or None,
        pages=pages,
    )


def page_notes(page: StoryPage) -> list[str]:
    """What a child might stumble on in a page: the coach's blame and jargon findings, and a
    note when the words are hard to read for a child."""
    from sos_assistant.coach import Coach
    from sos_assistant.coach.text import flesch_kincaid_grade

    notes = [
        f"“{f.found or page.text[f.start : f.end]}”: {f.message} {f.suggestion}".strip()
        for f in Coach().check(page.text, "general")
        if f.category in ("judgement", "jargon")
    ]
    if flesch_kincaid_grade(page.text) > CHILD_GRADE:
        notes.append(children_words().booklet.hard_to_read)
    return notes


def fill_empty_pages(engine: Any, family: Map) -> int:
    """Put the draft from ``family`` into every page of a ``words-and-pictures`` walk that was
    passed by with no words (through :meth:`Engine.edit`, so each is saved like an answer).
    Pages with words, and pages not reached yet, are left alone. Returns how many were filled.
    """
    drafts = draft_answers(family)
    current = None if engine.finished else engine.path[-1]
    filled = 0
    for step_id in list(engine.path):
        if step_id == current or not step_id.startswith("page-"):
            continue
        if engine.answers.get(step_id) is None and step_id in drafts:
            engine.edit(step_id, drafts[step_id])
            filled += 1
    return filled
