"""Checking and normalising answers, one function per kind of step.

Every face (TUI, plain mode, headless runner, tests) hands the engine loosely typed answers; these
functions turn them into one canonical, JSON-ready shape, or raise :class:`AnswerError` with a
message a person can act on. Text is kept exactly as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sos_assistant.dates import read_date
from sos_assistant.dialogue.schema import Step
from sos_assistant.model import KNOWS_WORRIES_VALUES, REVIEW_STATUSES, ROLES

PERSON_DETAILS = ("organisation", "phone")
STATEMENT_KEYS = ("text", "dispute", "said_by", "id", "addresses", "who", "by_when")


class AnswerError(ValueError):
    """An answer that does not fit its step. The message names the step; ``problem`` is the
    part a person answering on screen needs ("write the date like 8 December 2026")."""

    def __init__(self, message: str, problem: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem or message


def _fail(step: Step, problem: str) -> AnswerError:
    return AnswerError(f"step '{step.id}' ({step.kind}): {problem}", problem)


def _text(step: Step, value: Any) -> str:
    if step.slot == "meeting.date" and isinstance(value, dt.date):
        return value.isoformat()  # an answers file may give a YAML date
    if not isinstance(value, str):
        raise _fail(step, "the answer must be text")
    if not value.strip():
        raise _fail(step, "the answer is empty; skip the question to leave it out")
    if step.slot == "meeting.date":
        day = read_date(value)
        if day is None:
            raise _fail(step, "Write the date like 8 December 2026, or 8/12/2026.")
        return day.isoformat()
    return value


def _statement(step: Step, item: Any, index: int) -> str | dict[str, Any]:
    if isinstance(item, str):
        return _text(step, item)
    if not isinstance(item, dict):
        raise _fail(step, f"item {index + 1} must be text, or a mapping with 'text'")
    unknown = sorted(set(item) - set(STATEMENT_KEYS))
    if unknown:
        raise _fail(step, f"item {index + 1} has unknown key(s): {', '.join(map(str, unknown))}")
    if "text" not in item:
        raise _fail(step, f"item {index + 1} needs 'text'")
    if item.get("dispute") is not None and not step.views:
        raise _fail(step, f"item {index + 1}: this question does not take a 'dispute' view")
    out: dict[str, Any] = {"text": _text(step, item["text"])}
    for key in STATEMENT_KEYS[1:]:
        value = item.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "addresses":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise _fail(step, f"item {index + 1}: 'addresses' must be a list of ids")
        elif not isinstance(value, str):
            raise _fail(step, f"item {index + 1}: '{key}' must be text")
        out[key] = value
    return out["text"] if len(out) == 1 else out


def _list(step: Step, value: Any) -> list[str | dict[str, Any]]:
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        raise _fail(step, "the answer must be a list of statements")
    items = [_statement(step, item, i) for i, item in enumerate(value)]
    if not items:
        raise _fail(step, "the list is empty; skip the question to leave it out")
    return items


def _choice(step: Step, value: Any) -> str:
    if isinstance(value, bool):
        value = "yes" if value else "no"
    values = [c.value for c in step.choices]
    if value not in values:
        raise _fail(step, f"{value!r} is not one of the choices: {', '.join(values)}")
    return str(value)


def _score(step: Step, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(step, "the number must be from 0 to 10")
    if not 0 <= value <= 10:
        raise _fail(step, f"{value} is outside 0-10")
    return int(value) if float(value).is_integer() else float(value)


def _scale(step: Step, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"score", "why"})
        if unknown:
            raise _fail(step, f"unknown key(s): {', '.join(map(str, unknown))}")
        if "score" not in value:
            raise _fail(step, "give a 'score' from 0 to 10")
        why = value.get("why")
        if why is not None and not isinstance(why, str):
            raise _fail(step, "'why' must be text")
        out: dict[str, Any] = {"score": _score(step, value["score"])}
        if why and why.strip():
            out["why"] = why
        return out
    return {"score": _score(step, value)}


def _people(step: Step, value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _fail(step, "the answer must be a list of people, each with a name")
    people: list[dict[str, Any]] = []
    for i, row in enumerate(value):
        if isinstance(row, str):
            row = {"name": row}
        if not isinstance(row, dict):
            raise _fail(step, f"person {i + 1} must be a name, or a mapping with 'name'")
        unknown = sorted(set(row) - {"name", "role", "age", "relationship", *PERSON_DETAILS})
        if unknown:
            raise _fail(step, f"person {i + 1} has unknown key(s): {', '.join(map(str, unknown))}")
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(step, f"person {i + 1} needs a name")
        role = row.get("role") or step.role or "other"
        if role not in ROLES:
            raise _fail(step, f"person {i + 1}: role {role!r} is not one of {', '.join(ROLES)}")
        person: dict[str, Any] = {"name": name, "role": role}
        age = row.get("age")
        if age is not None:
            if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130:
                raise _fail(step, f"person {i + 1}: age must be a whole number of years")
            person["age"] = age
        relationship = row.get("relationship")
        if relationship:
            if not isinstance(relationship, str):
                raise _fail(step, f"person {i + 1}: relationship must be text")
            person["relationship"] = relationship
        for key in PERSON_DETAILS:
            detail = row.get(key)
            if detail:
                if not isinstance(detail, str):
                    raise _fail(step, f"person {i + 1}: {key} must be text")
                person[key] = detail
        people.append(person)
    return people


HELPER_KEYS = ("name", "relationship", "reach", "knows_worries", "helps_with")
_KNOWS_WORDS = {"yes": "yes", "y": "yes", "partly": "partly", "a bit": "partly", "some": "partly",
                "no": "no", "n": "no", "not yet": "no", "not_yet": "no"}  # fmt: skip


def knows_value(value: Any) -> str | None:
    """``yes`` / ``partly`` / ``no`` from the words a person may use ("not yet", true...)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return _KNOWS_WORDS.get(" ".join(value.lower().split()))
    return None


def _network(step: Step, value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _fail(step, "the answer must be a list of helpers, each with a name")
    helpers: list[dict[str, Any]] = []
    for i, row in enumerate(value):
        if isinstance(row, str):
            row = {"name": row}
        if not isinstance(row, dict):
            raise _fail(step, f"helper {i + 1} must be a name, or a mapping with 'name'")
        unknown = sorted(set(row) - set(HELPER_KEYS))
        if unknown:
            raise _fail(step, f"helper {i + 1} has unknown key(s): {', '.join(map(str, unknown))}")
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(step, f"helper {i + 1} needs a name")
        helper: dict[str, Any] = {"name": name}
        for key in ("relationship", "reach", "helps_with"):
            text = row.get(key)
            if text is None or text == "":
                continue
            if not isinstance(text, str):
                raise _fail(step, f"helper {i + 1}: '{key}' must be text")
            helper[key] = text
        knows = row.get("knows_worries")
        if knows is not None and knows != "":
            word = knows_value(knows)
            if word is None:
                raise _fail(
                    step,
                    f"helper {i + 1}: knows_worries must be one of "
                    f"{', '.join(KNOWS_WORRIES_VALUES)} (or 'not yet')",
                )
            helper["knows_worries"] = word
        helpers.append(helper)
    return helpers


def status_value(value: Any) -> str | None:
    """``working`` / ``sometimes`` / ``not_yet`` from the words a person may use."""
    if not isinstance(value, str):
        return None
    word = "_".join(value.lower().replace("-", " ").split())
    return word if word in REVIEW_STATUSES else None


def _review_date(step: Step, value: Any, index: int) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _fail(step, f"review {index + 1} needs a 'date' written as YYYY-MM-DD")


def _mark(step: Step, mark: Any, index: int, number: int) -> dict[str, Any]:
    where = f"review {index + 1}, mark {number + 1}"
    if not isinstance(mark, dict):
        raise _fail(step, f"{where} must be a mapping with 'rule' and 'status'")
    unknown = sorted(set(mark) - {"rule", "status", "note"})
    if unknown:
        raise _fail(step, f"{where} has unknown key(s): {', '.join(map(str, unknown))}")
    rule = mark.get("rule")
    if not isinstance(rule, str) or not rule.strip():
        raise _fail(step, f"{where} needs 'rule': the id of the rule (R1)")
    status = status_value(mark.get("status"))
    if status is None:
        raise _fail(step, f"{where}: status must be one of {', '.join(REVIEW_STATUSES)}")
    out: dict[str, Any] = {"rule": rule.strip(), "status": status}
    note = mark.get("note")
    if note is not None and note != "":
        if not isinstance(note, str):
            raise _fail(step, f"{where}: 'note' must be text")
        out["note"] = note
    return out


def _review(step: Step, value: Any) -> list[dict[str, Any]]:
    """Every review of the plan so far, oldest first (an answer keeps the whole history)."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _fail(step, "the answer must be a list of reviews, each with a date and marks")
    reviews: list[dict[str, Any]] = []
    for i, review in enumerate(value):
        if not isinstance(review, dict):
            raise _fail(step, f"review {i + 1} must be a mapping with 'date' and 'marks'")
        unknown = sorted(set(review) - {"date", "by", "marks", "note"})
        if unknown:
            raise _fail(step, f"review {i + 1} has unknown key(s): {', '.join(map(str, unknown))}")
        marks = review.get("marks") or []
        if not isinstance(marks, list):
            raise _fail(step, f"review {i + 1}: 'marks' must be a list")
        out: dict[str, Any] = {"date": _review_date(step, review.get("date"), i)}
        for key in ("by", "note"):
            text = review.get(key)
            if text is not None and text != "":
                if not isinstance(text, str):
                    raise _fail(step, f"review {i + 1}: '{key}' must be text")
                out[key] = text
        out["marks"] = [_mark(step, m, i, n) for n, m in enumerate(marks)]
        if not out["marks"] and "note" not in out:
            raise _fail(step, f"review {i + 1} marks no rule and has no note")
        reviews.append(out)
    return reviews


def _confirm(step: Step, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"yes", "y", "no", "n"}:
        return value.lower().startswith("y")
    raise _fail(step, "the answer must be yes or no (true or false)")


ADD_WORDS = ("add", "yes", "y")
"""What an answers file (or plain mode) may give an info step to add its suggested questions."""


def _info(step: Step, value: Any) -> bool | None:
    if value is None or (step.suggest and value is False):
        return None
    if step.suggest and (value is True or (isinstance(value, str) and value.lower() in ADD_WORDS)):
        return True  # put the suggested questions in the person's own
    if step.suggest:
        raise _fail(step, "give true (or 'add') to add the suggested questions, or nothing")
    raise _fail(step, "this step is for reading; it takes no answer")


_BY_KIND: dict[str, Callable[[Step, Any], Any]] = {
    "text": _text,
    "list": _list,
    "choice": _choice,
    "scale": _scale,
    "people": _people,
    "confirm": _confirm,
    "info": _info,
    "network": _network,
    "review": _review,
}


def normalise(step: Step, value: Any) -> Any:
    """Check ``value`` against ``step`` and return its canonical form."""
    return _BY_KIND[step.kind](step, value)


def as_var(step: Step, value: Any) -> str:
    """The value a step's ``var`` takes in later prompts."""
    if value is None:
        return step.default
    if step.kind == "scale":
        return str(value["score"])
    if step.kind == "confirm":
        return "yes" if value else "no"
    if step.kind == "people":
        return " and ".join(p["name"] for p in value)
    if step.kind == "network":  # the helpers who know about the worries (for a gentle check)
        return " and ".join(h["name"] for h in value if h.get("knows_worries") == "yes")
    if step.kind == "review":
        return value[-1]["date"] if value else step.default
    if step.kind == "list":
        return "; ".join(i if isinstance(i, str) else i["text"] for i in value)
    if step.kind == "text" and isinstance(value, str):
        return as_typed(step, value)
    return str(value)


def as_typed(step: Step, value: str) -> str:
    """A text answer as the person would type it again: a meeting date, kept as 2026-12-08,
    reads "8 December 2026" (which reads back as the same date)."""
    if step.slot == "meeting.date":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day} {day:%B %Y}"
    return value


def plain_text(value: Any) -> str:
    """Every piece of text in an answer, joined; for crisis-phrase checks."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(plain_text(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(plain_text(v) for v in value)
    return ""
