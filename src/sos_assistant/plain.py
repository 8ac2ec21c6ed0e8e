"""Plain mode: the same conversation, line by line on standard input and output.

For screen-reader and braille users and for pipes: no full-screen UI, no colours, no cursor
movement; one short line per thing said; numbered choices; words for moving around (``skip``,
``back``, ``map``, ``help``, ``danger``, ``stop``). It drives the same session layer
(:mod:`sos_assistant.session`) as the full-screen app: the same saving, danger-now check and
coach's tips. It never imports Textual, and the app never imports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sos_assistant import content, names
from sos_assistant.dialogue.answers import ADD_WORDS, as_var
from sos_assistant.explain.core import plain_lines
from sos_assistant.model import ROLES
from sos_assistant.safetext import inert, one_line, reflow
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.dialogue import Prompt
    from sos_assistant.session import Given, Session

AUDIENCES = names.AUDIENCES


# -- plain mode --------------------------------------------------------------------------------

COMMANDS = ("skip", "back", "map", "help", "danger", "stop", "examples")


class _Stop(Exception):
    """The person typed ``stop`` or the input ended: everything is saved; leave."""


class _Partial(Exception):
    """A list left part-way with ``word`` (stop, back, skip): ``items`` are kept as its answer
    first."""

    def __init__(self, items: list[Any], word: str) -> None:
        super().__init__(word)
        self.items = items
        self.word = word


class _Command(Exception):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


class Plain:
    """One plain-mode conversation over a pair of text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.words = ui_text().plain
        self.framework: Any = "safety"
        """The framework of the conversation (for the scaling question's words)."""
        self.session: Session | None = None
        """The conversation going on, once it is open."""
        self.warned = False
        """The danger-now numbers were shown for an item of the answer being typed."""

    # -- talking ---------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.stdout.write(inert(text).rstrip() + "\n")
        self.stdout.flush()

    def read(self, *, commands: bool = True) -> str:
        """One line (without its line break). Raises _Stop at the end of input."""
        line = self.stdin.readline()
        if not line:
            raise _Stop
        text = line.rstrip("\r\n").strip()
        word = text.lower()
        if word == "stop":
            raise _Stop
        if commands and word in COMMANDS:
            raise _Command(word)
        return text

    def pick(self, title: str, options: list[str], *, default: int | None = None) -> int | None:
        """A numbered list; the number chosen (0-based), or ``default`` on a blank line."""
        self.say(title)
        for i, option in enumerate(options, 1):
            self.say(f"{i}. {one_line(option)}")
        while True:
            text = self.read(commands=False)
            if not text:
                return default
            if text.isdigit() and 1 <= int(text) <= len(options):
                return int(text) - 1
            lowered = [one_line(o).lower() for o in options]
            if text.lower() in lowered:
                return lowered.index(text.lower())
            self.say(self.words.not_understood.format(problem=title))

    # -- starting --------------------------------------------------------------------------

    def open(self, ns: argparse.Namespace) -> Session:
        from sos_assistant.passphrases import given_passphrase
        from sos_assistant.session import (
            Session,
            asks_framework,
            dialogues_for,
            find_script,
            new_session_name,
        )
        from sos_assistant.store import open_store

        # --passphrase-file, else SOS_ASSISTANT_PASSPHRASE, else SOS_ASSISTANT_PASSPHRASE_FILE
        store = open_store(passphrase=given_passphrase(getattr(ns, "passphrase_file", None)))
        for notice in store.notices:
            self.say(notice)
        if store.is_locked:
            self.say(self.words.passphrase)
            store.unlock(self.read_secret())
        name: str | None = getattr(ns, "session", None)
        dialogue = ns.plain or None
        audience = getattr(ns, "audience", None)
        framework = getattr(ns, "framework", None)
        if name is None and not dialogue:
            sessions = [s for s in store.list_sessions() if not s.finished]
            if sessions:
                labels = [
                    f"{s.name} ({s.answered} of {s.total}, {s.updated:%d %b %Y})" for s in sessions
                ]
                chosen = self.pick(self.words.choose_session, labels)
                if chosen is not None:
                    name = sessions[chosen].name
        if name is None and dialogue:
            name = self.carry_on(store, dialogue)
        if name is not None and store.exists(name):
            return Session.open(store, name, find_script(dialogue) if dialogue else None)
        if not dialogue:
            scripts = [s for a in AUDIENCES for s in dialogues_for(a)]
            scripts = list({s.id: s for s in scripts}.values())  # one line per dialogue
            if audience:
                scripts = [s for s in scripts if audience in s.audience] or scripts
            ids = [s.id for s in scripts]
            default = ids.index("family-conference") if "family-conference" in ids else 0
            chosen = self.pick(
                self.words.choose_dialogue,
                [f"{s.title} ({s.id})" for s in scripts],
                default=default,
            )
            dialogue = ids[default if chosen is None else chosen]
        script = find_script(dialogue)
        if framework is None and asks_framework(script):
            fws = content.frameworks().frameworks
            keys = list(fws)
            chosen = self.pick(
                self.words.choose_framework,
                [f"{fws[k].name}: {fws[k].summary}" for k in keys],
                default=0,
            )
            framework = keys[chosen or 0]
        if name is None:
            name = new_session_name(script, (s.name for s in store.list_sessions()))
        return Session.start(store, script, name, framework=framework, audience=audience)

    def carry_on(self, store: Any, dialogue: str) -> str | None:
        """The unfinished session of ``dialogue`` changed last, if the person carries it on
        (Enter); None to start afresh (they type the word for new)."""
        unfinished = [s for s in store.list_sessions() if s.dialogue == dialogue and not s.finished]
        if not unfinished:
            return None
        last = unfinished[0]
        self.say(
            self.words.carry_on.format(name=last.name, answered=last.answered, total=last.total)
        )
        answer = self.read(commands=False).lower()
        return None if answer == self.words.start_afresh_word.lower() else str(last.name)

    def read_secret(self) -> str:
        """A passphrase: without echo at a terminal (getpass), else one line of the input."""
        if self.stdin.isatty():
            import getpass

            return getpass.getpass("")
        return self.read(commands=False)

    # -- the conversation ------------------------------------------------------------------

    def run(self, ns: argparse.Namespace) -> int:
        from sos_assistant.dialogue import ScriptError
        from sos_assistant.store import StoreError

        self.say(self.words.intro)
        name = ""
        try:
            try:
                session = self.open(ns)
            except (StoreError, ScriptError) as error:
                self.say(str(error))
                return 1
            name = session.name
            self.say(self.words.session.format(name=name))
            for line in session.damaged:  # the rest is carried on as usual
                self.say(line)
            self.offer_review(session)
            self.converse(session)
            self.finish(session)
        except _Stop:
            self.say(self.words.stopped.format(name=name) if name else ui_text().stopped)
        return 0

    def converse(self, session: Session) -> None:
        from sos_assistant.dialogue import AnswerError, EngineError
        from sos_assistant.session import SessionError

        self.session = session
        while (step := session.engine.current) is not None:
            prompt = session.prompt()
            self.say()
            if step.is_question:
                self.say(self.words.question.format(number=prompt.number, total=prompt.total))
            # One line per paragraph or list item: a screen reader or braille display does
            # its own wrapping, and the file's line breaks fell mid-sentence.
            self.say(reflow(prompt.ask))
            for suggestion in prompt.suggestions:
                self.say(f"- {suggestion}")
            if prompt.help:
                self.say(self.words.help_line.format(help=reflow(prompt.help)))
            if prompt.previous is not None and step.kind not in ("network", "review"):
                self.say(self.words.previous.format(answer=as_var(step, prompt.previous)))
            self.goal_links(session)
            self.warned = False
            try:
                self.framework = session.engine.framework
                value = self.ask(prompt)
                given = session.give(value)
                if step.is_question and value is not None:
                    self.say(self.words.saved)
                if given.crisis and not self.warned:  # not twice for a list item
                    self.crisis()
                self.tips(given)
            except _Command as command:
                self.command(command.word, session, prompt)
            except _Partial as partial:  # what was typed is kept, then the word is obeyed
                given = session.give(partial.items)
                self.say(self.words.saved)
                if given.crisis and not self.warned:
                    self.crisis()
                if partial.word == "stop":
                    raise _Stop from None
                if partial.word == "back":
                    self.command("back", session, prompt)
            except (AnswerError, EngineError) as error:  # never step ids or kinds: what to type
                date = step.slot == "meeting.date" and isinstance(error, AnswerError)
                problem = error.problem if date else self.what_to_type(step)  # type: ignore[union-attr]
                self.say(self.words.not_understood.format(problem=problem))
            except SessionError as error:  # the coach could not be loaded: the answer is saved
                self.say(str(error))

    def what_to_type(self, step: Any) -> str:
        """One plain sentence saying what to type for ``step``."""
        words = self.words
        return {
            "list": words.list,
            "people": words.people_how,
            "scale": words.scale_again,
            "choice": words.choices,
            "confirm": words.confirm,
            "info": words.info,
        }.get(step.kind, words.text_again)

    def tips(self, given: Given) -> None:
        """The coach's tips on the answer just saved, one line each."""
        for tip in given.tips:
            finding = tip.finding
            found = tip.text[finding.start : finding.end]
            about = f"“{one_line(found)}”: " if found and len(found) < len(tip.text) else ""
            line = self.words.tip.format(tip=about + finding.message)
            if finding.suggestion:
                line += " " + finding.suggestion
            self.say(line)
        if given.tips:
            self.say(self.words.tip_change)

    def goal_links(self, session: Session) -> None:
        """On the goals step: the danger statements so far, each marked while no goal answers
        it; after it, a goal that named one ("For D2: ...") is linked to it."""
        from sos_assistant import goal_links

        engine = session.engine
        step = engine.current
        if step is None or step.slot != goal_links.GOALS:
            return
        found = goal_links.choices(engine)
        if not found:
            return
        self.say(self.words.goals_dangers)
        for choice in found:
            mark = f" {self.words.goals_still_to_do}" if choice.still_to_do else ""
            self.say(f"{choice.handle}{mark}: {one_line(choice.text)}")

    def command(self, word: str, session: Session, prompt: Prompt) -> None:
        from sos_assistant.dialogue import EngineError
        from sos_assistant.render import render_text

        if word == "skip":
            if prompt.step.skippable:
                session.skip()
        elif word == "back":
            try:
                session.back()
            except EngineError as error:
                self.say(str(error))
        elif word == "map":
            self.say(render_text(session.map(), "txt"))
        elif word == "help":
            self.glossary()
        elif word == "danger":
            self.crisis()
        elif word == "examples":
            self.say(self.words.examples.format(examples=" / ".join(prompt.examples) or "-"))

    def ask(self, prompt: Prompt) -> Any:
        """Read one answer in the shape the engine takes (None: skip)."""
        kind = prompt.step.kind
        words = self.words
        if kind == "info" and prompt.suggestions:
            self.say(words.suggest)
            if self.read().lower() in ADD_WORDS:
                self.say(words.suggest_added)
                return True
            return prompt.previous  # questions added before stay added
        if kind == "info":
            self.say(words.info)
            self.read()
            return None
        if prompt.examples:
            self.say(words.examples.format(examples=" / ".join(e.strip() for e in prompt.examples)))
        if kind == "text":
            text = self.read()
            for line in plain_lines(text) if prompt.step.verbatim else []:
                self.say(line)
            return text or None
        if kind in ("choice", "confirm"):
            if kind == "choice":
                options = [label for _, label, _ in prompt.choices]
                values: list[Any] = [value for value, _, _ in prompt.choices]
            else:
                options = [ui_text().question.yes, ui_text().question.no]
                values = [True, False]
            self.say(words.choices if kind == "choice" else words.confirm)
            for i, (option, (_, _, explain)) in enumerate(
                zip(options, prompt.choices or [("", "", "")] * 2, strict=False), 1
            ):
                self.say(
                    f"{i}. {one_line(option)}" + (f" ({one_line(explain)})" if explain else "")
                )
            while True:
                text = self.read()
                if not text:
                    return None
                lowered = [one_line(o).lower() for o in options]
                if text.isdigit() and 1 <= int(text) <= len(options):
                    return values[int(text) - 1]
                if text.lower() in lowered:
                    return values[lowered.index(text.lower())]
                if kind == "confirm" and text.lower() in ("y", "n"):
                    return text.lower() == "y"
                self.say(words.not_understood.format(problem=words.choices))
        if kind == "scale":
            scaling = content.frameworks().frameworks[self.framework].scaling
            self.say(words.scale_means.format(zero=scaling.zero_means, ten=scaling.ten_means))
            self.say(words.scale)
            while True:
                text = self.read()
                if not text:
                    return None
                parsed = self.score(text)
                if parsed is not None:
                    score, why = parsed
                    break
                self.say(words.not_understood.format(problem=words.scale_again))
            if not why:
                self.say(words.scale_why)
                why = self.read()
            number: int | float = int(score) if score.is_integer() else score
            return {"score": number, "why": why} if why else {"score": number}
        if kind == "list":
            self.say(words.list)
            items: list[Any] = []
            while True:
                text = self.read_more(prompt, items)  # command words work on every line
                if not text:
                    return items or None
                if prompt.step.verbatim:  # the professionals' words: say what each one means
                    for line in plain_lines(text):
                        self.say(line)
                if prompt.step.views:
                    self.say(words.list_view)
                    view = self.read_more(prompt, items)
                    items.append({"text": text, "dispute": view} if view else text)
                else:
                    items.append(text)
                self.say(words.added.format(item=one_line(text)))
                self.listed(prompt, items)
        if kind == "people":
            self.say(words.people_how)
            people: list[dict[str, str]] = []
            while True:
                text = self.read_more(prompt, people)
                if not text:
                    return people or None
                row = self.person(text)
                if row is None:
                    self.say(words.not_understood.format(problem=words.people_how))
                    continue
                people.append(row)
                self.say(words.person_added.format(name=one_line(row["name"])))
        if kind in ("network", "review"):
            from sos_assistant.plain_plan import ask_network, ask_review

            return (ask_network if kind == "network" else ask_review)(self, prompt)
        raise ValueError(f"unknown step kind {kind}")

    def offer_review(self, session: Session) -> None:
        """A finished safety plan: offer to check how it is going (its review question)."""
        from sos_assistant.plain_plan import offer_review

        offer_review(self, session)

    def read_more(self, prompt: Prompt, so_far: list[Any]) -> str:
        """The next line of a list. Words that do not move (danger, help, map, examples) are
        answered and the list goes on; stop, back and skip first keep what was typed so far
        (:class:`_Partial`), so no word is lost."""
        while True:
            try:
                return self.read()
            except _Command as command:
                if command.word in ("skip", "back") and so_far:
                    raise _Partial(list(so_far), command.word) from None
                if command.word in ("skip", "back"):
                    raise
                if self.session is not None:
                    self.command(command.word, self.session, prompt)
            except _Stop:
                if so_far:
                    raise _Partial(list(so_far), "stop") from None
                raise

    def listed(self, prompt: Prompt, items: list[Any]) -> None:
        """An item was added to a list: check it for danger now straight away (a person who
        adds "I might hurt myself tonight" and stops must still see where help is)."""
        from sos_assistant.session import Session

        if Session.is_crisis(prompt.step, [items[-1]]):
            self.crisis()
            self.warned = True

    def score(self, text: str) -> tuple[float, str] | None:
        """A number from 0 to 10 with perhaps a reason after it: "5", "five", "5, because
        the kids are safe with me", "7 as things are better"; None if there is no such number."""
        import re

        match = re.match(r"\s*([0-9]+(?:[.,][0-9]+)?|[^\W\d_]+)\b[\s,.:;-]*(.*)$", text, re.S)
        if match is None:
            return None
        first, why = match.group(1), match.group(2).strip()
        numbers = self.words.number_words.lower().split()
        if first.lower() in numbers:
            score = float(numbers.index(first.lower()))
        else:
            try:
                score = float(first.replace(",", "."))
            except ValueError:
                return None
        if not 0 <= score <= 10:
            return None
        return score, why

    def person(self, text: str) -> dict[str, str] | None:
        """One person as typed: "Tash, friend", "Claire, social worker", "my mum, Pat",
        "Kai, child" (a role word is taken as the role), or a name alone."""
        first, _, second = (part.strip() for part in text.partition(","))
        starts = self.words.relation_starts.lower().split()
        if first and second and first.split()[0].lower() in starts:
            first, second = second, first  # "my mum, Pat": Pat is the name
        if not first:
            return None
        row = {"name": first}
        if second.lower() in ROLES:
            row["role"] = second.lower()
        elif second:
            row["relationship"] = second
        return row

    def crisis(self) -> None:
        info = content.crisis()
        self.say()
        self.say(info.title.upper())
        self.say(info.intro)
        for contact in info.contacts:
            self.say(f"{contact.name}: {contact.number}. {contact.when}")
        if info.after:
            self.say(info.after)
        self.say()

    def glossary(self) -> None:
        words = ui_text().help
        while True:
            self.say(self.words.help_prompt)
            query = self.read(commands=False)
            if not query:
                return
            found = content.glossary().search(query)
            if not found:
                self.say(words.none)
            for term in found[: content.SEARCH_SHOWN]:
                self.say(f"{term.term}: {term.plain}")
                if term.ask:
                    self.say(f"{words.ask} {term.ask}")
            if len(found) > content.SEARCH_SHOWN:
                self.say(words.more.format(more=f"{len(found) - content.SEARCH_SHOWN:,}"))

    def finish(self, session: Session) -> None:
        from sos_assistant.render import render_text
        from sos_assistant.session import DEFAULT_EXPORT_FORMATS, default_export_folder

        session.finish()
        the_map = session.map()
        self.say()
        self.say(self.words.finished)
        self.say()
        self.say(render_text(the_map, "txt"))
        for finding in session.map_checks():
            line = self.words.map_check.format(problem=finding.message)
            self.say(line + (" " + finding.suggestion if finding.suggestion else ""))
        folder = default_export_folder()
        self.say(self.words.export.format(folder=folder))
        try:
            text = self.read(commands=False)
        except _Stop:
            return
        if text.lower() in ("no", "n", "skip"):
            return
        try:
            files = session.export(Path(text) if text else folder, DEFAULT_EXPORT_FORMATS)
        except OSError as error:
            self.say(ui_text().map.export_failed.format(problem=error.strerror or error))
            return
        self.say(self.words.exported.format(files=", ".join(str(f) for f in files)))
        if files:
            self.say(self.words.export_where.format(folder=files[0].parent))


def run(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Plain mode (``sos-assistant --plain [DIALOGUE]``); 0 when it ends or is stopped."""
    return Plain(stdin, stdout).run(ns)
