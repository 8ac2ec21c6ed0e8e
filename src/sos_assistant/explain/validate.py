"""Checks of the glossary that its model alone cannot make (``sos-assistant check``).

Codes: ``K010`` a coach rule named by a term does not exist; ``K011`` a coach rule about words
(a label, jargon or a vague word) that no term explains, so ``explain`` could find the words
but not say what they mean; ``K012`` a name or spelling given to two terms; ``K013`` a meaning
above reading age 11; ``K014`` a term written twice (the second is never found); ``K015`` a
question (``ask``) above reading age 11.
"""

from __future__ import annotations

import re
from pathlib import Path

from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.yamlfile import YamlProblem, load_yaml

MAX_READING_AGE = 11.0
"""The hardest a meaning may read (the coach's reading age); aim for about 9."""


def without_names(text: str, names: list[str]) -> str:
    """A term's question with the term's own names read as "it": the parent has to say the
    word, however long it is; the rest of the question must be plain."""
    low = text.lower()
    present = sorted((n for n in names if n.lower() in low), key=len, reverse=True)
    if not present:  # most questions do not name their term: no pattern to build
        return text
    words = "|".join(re.escape(name) for name in present)
    return re.sub(r"(?i)\b(?:" + words + r")\b", "it", text)


def check_glossary(path: Path, coach_folder: Path | None = None) -> list[Diagnostic]:
    """Cross-checks of a glossary file that already fits its model.

    The coach rules are the ``coach`` folder beside the glossary (else the packaged ones);
    ``K011`` is checked only when the glossary has its own rules beside it.
    """
    from pydantic import ValidationError

    from sos_assistant.coach.rules import RuleError, load_rules
    from sos_assistant.coach.text import reading_age
    from sos_assistant.content import GlossaryFile
    from sos_assistant.explain.core import COACH_CATEGORIES

    try:
        data, lines = load_yaml(path)
        glossary = GlossaryFile.model_validate(data)
    except (YamlProblem, ValidationError):
        return []  # reported by the model check
    folder = coach_folder or path.parent / "coach"
    beside = folder.is_dir()
    try:
        rules = load_rules(folder if beside else None)
    except RuleError:
        return []  # reported by the coach check
    file = display_path(path)
    out: list[Diagnostic] = []
    known = {rule.id: rule for rule in rules.rules}
    linked: set[str] = set()
    owner: dict[str, tuple[int, str]] = {}
    for i, term in enumerate(glossary.terms):
        for j, rule_id in enumerate(term.coach):
            linked.add(rule_id)
            if rule_id not in known:
                line = lines.line(("terms", i, "coach", j))
                out.append(Diagnostic(file, line, "K010", f"no coach rule '{rule_id}'"))
        for j, name in enumerate(term.names):
            key = name.strip().lower()
            if key in owner and owner[key][0] != i:
                line = lines.line(("terms", i, "also", j - 1) if j else ("terms", i, "term"))
                other = owner[key][1]
                if other == term.term:
                    message, code = f"the term '{other}' is written twice", "K014"
                else:
                    message, code = f"'{name}' is also a name of '{other}'", "K012"
                out.append(Diagnostic(file, line, code, message))
            owner.setdefault(key, (i, term.term))
        age = reading_age(term.plain)
        if age > MAX_READING_AGE:
            message = f"'{term.term}' reads at age {age:.1f}; keep meanings at 11 or under"
            out.append(Diagnostic(file, lines.line(("terms", i, "plain")), "K013", message))
        age = reading_age(without_names(term.ask, term.names))
        if age > MAX_READING_AGE:
            message = (
                f"the question for '{term.term}' reads at age {age:.1f}; keep it at 11 or under"
            )
            out.append(Diagnostic(file, lines.line(("terms", i, "ask")), "K015", message))
    for rule in rules.rules if beside else ():
        if rule.category in COACH_CATEGORIES and rule.matches_words and rule.id not in linked:
            message = f"coach rule '{rule.id}' ({rule.category}) is explained by no term"
            out.append(Diagnostic(file, 0, "K011", message))
    return sorted(out)
