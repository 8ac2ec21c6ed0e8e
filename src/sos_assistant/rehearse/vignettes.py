"""Vignettes: fictional families a worker practises questioning with (``content/vignettes/``).

Each file is one family: a card the worker reads first, one or two family members the tool
plays (with replies for every question type), and a model map written to the approach's
disciplines. ``sos-assistant check`` validates them with ``file:line`` problems (codes ``V``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import Lines, YamlProblem, load_yaml

ID = r"^[a-z0-9][a-z0-9-]*$"
TAG = r"^[a-z0-9][a-z0-9_-]*$"


class VignetteError(ValueError):
    """Vignettes that cannot be used; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reply(_Strict):
    """One thing the family member says."""

    say: str
    after: list[Annotated[str, Field(pattern=TAG)]] = []
    """Details that must have come out earlier for this reply to be given (it builds on them)."""
    reveals: list[Annotated[str, Field(pattern=TAG)]] = []
    """Details this reply brings out, which later replies can build on."""


class Member(_Strict):
    """A family member the tool plays."""

    id: Annotated[str, Field(pattern=TAG)]
    name: str
    """First name, as the chat shows it; a worker who uses it talks to this person."""
    relation: str
    """Who they are in the family, e.g. "mum" or "grandfather"."""
    replies: dict[str, Annotated[list[Reply], Field(min_length=1)]]
    """Replies for each question type: open after a helpful question, guarded after a poor one."""


class ScalingModel(_Strict):
    question: str
    zero_means: str
    ten_means: str


class ModelMap(_Strict):
    """How an experienced worker might map this family."""

    harm: Annotated[list[str], Field(min_length=1)]
    danger_statements: Annotated[list[str], Field(min_length=1)]
    safety_goals: Annotated[list[str], Field(min_length=1)]
    scaling: ScalingModel

    def part(self, name: str) -> list[str]:
        """The statements of one part (``harm``, ``danger_statements``, ``safety_goals``,
        ``scaling``), the scaling question with what 0 and 10 mean."""
        if name == "scaling":
            s = self.scaling
            return [s.question, f"0: {s.zero_means}", f"10: {s.ten_means}"]
        return list(getattr(self, name))


class Vignette(_Strict):
    """One fictional family (one file)."""

    version: Literal[1]
    id: Annotated[str, Field(pattern=ID)]
    title: str
    framework: Literal["safety", "wellbeing", "success"]
    card: str
    """What the worker reads first: who is in the family, what was reported, what is known."""
    members: Annotated[list[Member], Field(min_length=1, max_length=2)]
    model_map: ModelMap

    @property
    def card_text(self) -> str:
        """The card with each paragraph on one line (the screen or reader wraps it)."""
        return reflow(self.card)

    def member(self, member_id: str) -> Member:
        return next(m for m in self.members if m.id == member_id)


def reflow(text: str) -> str:
    """Paragraphs (separated by an empty line) each on one line."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def vignette_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or content_dir() / "vignettes").glob("*.yaml"))


def _member_checks(data: Vignette, lines: Lines, file: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[str] = set()
    for m, member in enumerate(data.members):
        where = ("members", m)
        if member.id in seen:
            out.append(
                Diagnostic(
                    file,
                    lines.line((*where, "id")),
                    "V005",
                    f"members[{m}].id: '{member.id}' is used twice",
                )
            )
        seen.add(member.id)
        unknown = [t for t in member.replies if t not in QUESTION_TYPES]
        for t in unknown:
            out.append(
                Diagnostic(
                    file,
                    lines.line((*where, "replies", t)),
                    "V003",
                    f"members[{m}].replies.{t}: '{t}' is not a question type",
                )
            )
        missing = [t for t in QUESTION_TYPES if t not in member.replies]
        if missing:
            out.append(
                Diagnostic(
                    file,
                    lines.line((*where, "replies")),
                    "V003",
                    f"members[{m}].replies: no replies for {', '.join(missing)}",
                )
            )
    revealed = {
        tag
        for member in data.members
        for replies in member.replies.values()
        for reply in replies
        for tag in reply.reveals
    }
    for m, member in enumerate(data.members):
        for t, replies in member.replies.items():
            for r, reply in enumerate(replies):
                for tag in reply.after:
                    if tag not in revealed:
                        out.append(
                            Diagnostic(
                                file,
                                lines.line(("members", m, "replies", t, r, "after")),
                                "V004",
                                f"members[{m}].replies.{t}[{r}].after: no reply reveals '{tag}'",
                            )
                        )
            if replies and all(reply.after for reply in replies):
                out.append(
                    Diagnostic(
                        file,
                        lines.line(("members", m, "replies", t)),
                        "V006",
                        f"members[{m}].replies.{t}: every reply needs something said before; "
                        "give one without 'after'",
                    )
                )
    return out


def check_vignette_file(path: Path) -> tuple[Vignette | None, list[Diagnostic]]:
    """Every problem in one vignette file, and the vignette when it is usable.

    Codes: V001 schema, V002 the id is not the file name, V003 replies missing or for an
    unknown type, V004 a reply builds on a detail nothing reveals, V005 a member id used twice,
    V006 a type whose every reply depends on something said before.
    """
    from sos_assistant.dialogue.loader import schema_diagnostics

    file = display_path(path)
    try:
        data, lines = load_yaml(path)
    except YamlProblem as problem:
        return None, [problem.diagnostic]
    try:
        vignette = Vignette.model_validate(data)
    except ValidationError as error:
        return None, schema_diagnostics(error, lines, file, "V001")
    out: list[Diagnostic] = []
    if vignette.id != path.stem:
        out.append(
            Diagnostic(
                file,
                lines.line(("id",)),
                "V002",
                f"id: '{vignette.id}' must be the file name ('{path.stem}')",
            )
        )
    out += _member_checks(vignette, lines, file)
    out.sort(key=lambda d: d.line)
    return (None if out else vignette), out


def check_vignettes(folder: Path) -> list[Diagnostic]:
    return [d for path in vignette_files(folder) for d in check_vignette_file(path)[1]]


def load_vignette(path: Path) -> Vignette:
    """A usable vignette, or :class:`VignetteError` with every problem as ``file:line``.

    A good file is read with libyaml and validated once; only a file with problems is read
    again with line numbers, to say where they are.
    """
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        vignette = Vignette.model_validate(yaml.load(path.read_text(encoding="utf-8"), loader))
        if vignette.id == path.stem and not _member_checks(vignette, Lines(), str(path)):
            return vignette
    except (OSError, ValueError, yaml.YAMLError):
        pass
    checked, problems = check_vignette_file(path)
    if checked is None:
        raise VignetteError(problems)
    return checked


@cache
def _packaged(path: Path, mtime: float) -> Vignette:
    return load_vignette(path)


def all_vignettes(folder: Path | None = None) -> list[Vignette]:
    """Every packaged vignette, by file name."""
    return [_packaged(p.resolve(), p.stat().st_mtime) for p in vignette_files(folder)]


def find_vignette(name: str) -> Vignette:
    """A vignette by id (or by file path)."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_vignette(candidate)
    for path in vignette_files():
        if path.stem == name:
            return _packaged(path.resolve(), path.stat().st_mtime)
    known = ", ".join(p.stem for p in vignette_files()) or "none"
    raise VignetteError(
        [Diagnostic(name, 0, "V000", f"no vignette called '{name}' (known: {known})")]
    )
