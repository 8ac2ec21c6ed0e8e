"""Problems found in dialogue and content files, reported like a compiler's: ``file:line: ...``.

Every code is declared once in :data:`CATALOGUE`, with the shape of its message and a one-line
description (as YarnSpinner's diagnostic descriptors do). A :class:`Diagnostic` with a code that
is not in the catalogue cannot be made, the content guide's table of codes is written from the
catalogue (``python -m sos_assistant.diagnostics`` prints it), and a test keeps a deliberately
broken fixture for every code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Descriptor:
    """What one diagnostic code means."""

    code: str
    template: str
    """The shape of the message: ``{name}`` stands for a part that changes."""
    description: str
    """One line for the content guide: when the code is given and what to do."""

    def fits(self, message: str) -> bool:
        """Whether ``message`` has the shape of :attr:`template`."""
        parts = re.split(r"\{\w+\}", self.template)
        return re.fullmatch(".*?".join(re.escape(p) for p in parts), message, re.S) is not None


_CODES: tuple[tuple[str, str, str], ...] = (
    (
        "Y001",
        "YAML error: {problem}",
        "the file is not valid YAML (often indentation, a tab, or a `: ` that needs quotes)",
    ),
    ("Y002", "the file is not UTF-8 text", "the file is not UTF-8 text (save it as UTF-8)"),
    ("Y003", "cannot read the file ({reason})", "the file cannot be read"),
    ("D000", "no {what}", "no dialogue by that name or file (from `run`, `steps` and `--plain`)"),
    (
        "D001",
        "{where}: {problem}",
        "a field is missing, unknown, misspelt or the wrong type; or a step breaks a rule of its "
        "kind (a choice with one option, an info step with a slot, no `ask`...)",
    ),
    ("D002", "duplicate step id '{step}' (first at line {line})", "two steps have the same `id`"),
    (
        "D003",
        "step '{step}' leads to unknown step '{target}'",
        "a `next`, a choice's `next`, `if_yes` or `if_no` names a step that does not exist",
    ),
    ("D004", "step '{step}' can never be reached", "a step can never be reached from the start"),
    (
        "D005",
        "step '{step}' has no way on to the end",
        "a step has no way on to the end (a loop with no way out)",
    ),
    (
        "D006",
        "slot '{slot}' {problem}",
        "a `slot` that is not part of the map, or one this kind of step cannot fill",
    ),
    (
        "D007",
        "{where} uses '{name}', which {why}",
        "a template uses a name (`{{ ... }}`) that is never set, or may not be set on some way to "
        "this step",
    ),
    ("D008", "{where}: {problem}", "a template cannot be read (for example a missing `}}`)"),
    (
        "D009",
        "choice value '{value}' cannot go in slot '{slot}' (use {allowed})",
        "a choice value that its slot cannot hold (readiness: `yes`, `not_sure`, `no`; framework: "
        "`safety`, `wellbeing`, `success`)",
    ),
    (
        "D010",
        "scale step '{step}' needs 'who': whose number it is",
        "a scale step without `who` (whose number it is)",
    ),
    ("D011", "start step '{step}' is not a step", "`start` names a step that does not exist"),
    ("D012", "var '{var}' is already set by step '{step}'", "two steps set the same `var`"),
    (
        "D030",
        "review step '{step}': {problem}",
        "a review step's `of` does not name a list step that fills `safety_plan.rules`",
    ),
    ("K000", "no such file or folder", "a file or folder given to `check` does not exist"),
    (
        "K001",
        "{where}: {problem}",
        "`frameworks.yaml`, `glossary.yaml`, `crisis.yaml` or `ui.yaml` does not match its format "
        "(a missing or unknown key, a bad crisis phrase)",
    ),
    (
        "K010",
        "no coach rule '{rule}'",
        "a glossary term's `coach` names a coach rule that does not exist",
    ),
    (
        "K011",
        "coach rule '{rule}' ({category}) is explained by no term",
        "a coach rule about words (a label, jargon or a vague word) has no glossary term that "
        "explains it: add its id to a term's `coach` list",
    ),
    ("K012", "'{name}' is also a name of '{term}'", "the same name is given to two glossary terms"),
    (
        "K013",
        "'{term}' reads at age {age}; keep meanings at 11 or under",
        "a glossary meaning reads above age 11",
    ),
    (
        "K014",
        "the term '{term}' is written twice",
        "two glossary entries have the same name: the second is never found",
    ),
    (
        "K015",
        "the question for '{term}' reads at age {age}; keep it at 11 or under",
        "a glossary term's `ask` reads above age 11 (its own names count as one easy word)",
    ),
    ("T001", "template error: {problem}", "a map template cannot be read"),
    (
        "T002",
        "missing {what}",
        "a map template (`map.md.j2`, `map.html.j2`, `map.txt.j2`) or `labels.yaml` is missing",
    ),
    ("T003", "{where}: {problem}", "`labels.yaml` does not match its format"),
    ("C001", "YAML error: {problem}", "a coach rule file is not readable YAML"),
    ("C002", "{problem}", "a coach rule file is not a mapping, or has no `version`"),
    ("C003", "{where}: {problem}", "a coach rule file's `version` is not one the coach reads (1)"),
    (
        "C004",
        "{where}: {problem}",
        "a key or value does not fit the rule format (unknown keys included)",
    ),
    (
        "C005",
        "{where}: not a valid {what} ({problem})",
        "a regular expression, or a `words` or cue entry, is not valid",
    ),
    ("C006", "{what} is also {where}", "a rule id (or cue list name) is used twice"),
    (
        "C007",
        "{where}: {problem}",
        "a `check` names no built-in check, or its cue lists are missing",
    ),
    (
        "C008",
        "{where}: {problem}",
        "a rule is the wrong shape (no words and no check, both, or no suggestion)",
    ),
    (
        "C009",
        "{where}: '{form}' is not one of the rule's words",
        "a `replace` mapping names a form that is not in `words`",
    ),
    ("C010", "no coach rule files (*.yaml) here", "the coach folder has no rule files"),
    (
        "Q001",
        "{where}: {problem}",
        "`questions.yaml` does not fit its format (unknown or missing key, a type missing)",
    ),
    (
        "Q002",
        "{where}: not a valid pattern ({problem})",
        "a pattern in `questions.yaml` is not a valid regular expression",
    ),
    (
        "Q003",
        "{where}: unknown name {name} (use {names})",
        "a better question uses a name the classifier cannot fill (only `{past}`, `{base}`, "
        "`{first}`)",
    ),
    (
        "Q004",
        "{where}: '{name}' is not a question type",
        "a list in `questions.yaml` names something that is not a question type",
    ),
    (
        "V000",
        "no vignette called '{name}' (known: {known})",
        "no vignette by that name (from `rehearse`)",
    ),
    ("V001", "{where}: {problem}", "a vignette does not fit its format"),
    ("V002", "id: '{id}' must be the file name ('{stem}')", "a vignette's id is not its file name"),
    (
        "V003",
        "{where}: {problem}",
        "a family member has no replies for a type, or replies for an unknown type",
    ),
    (
        "V004",
        "{where}: no reply reveals '{tag}'",
        "a reply builds on a detail (`after`) that no reply reveals",
    ),
    ("V005", "{where}: '{id}' is used twice", "two family members have the same id"),
    (
        "V006",
        "{where}: every reply needs something said before; give one without 'after'",
        "every reply of a type needs something said before, so the first question of that type "
        "would get no answer",
    ),
)

CATALOGUE: dict[str, Descriptor] = {code: Descriptor(code, t, d) for code, t, d in _CODES}
"""Every diagnostic code, once."""


def catalogue_table() -> str:
    """The content guide's table of codes, in Markdown, from :data:`CATALOGUE`."""
    rows = ["| code | what it means |", "| --- | --- |"]
    rows += [f"| {d.code} | {d.description} |" for d in CATALOGUE.values()]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file.

    Printed as ``path:line: message [CODE]``. ``line`` is 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"diagnostic code {self.code} is not in the catalogue")

    @property
    def descriptor(self) -> Descriptor:
        return CATALOGUE[self.code]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.code}]"


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside the folder; a symlink loop
        return str(path)


if __name__ == "__main__":  # python -m sos_assistant.diagnostics: the table for the guide
    print(catalogue_table(), end="")
