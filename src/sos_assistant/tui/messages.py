"""Every message the app's widgets post up to their screens (Textual: attributes down,
messages up)."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AnswerReady(Message):
    """The person finished an answer (pressed Enter where that means "done")."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class ItemAdded(Message):
    """A statement was added to a list (the screen checks it for danger now at once)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class DraftChanged(Message):
    """The statement being typed changed (the screen asks the coach about it, debounced)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class StartSession(Message):
    """The home screen chose a dialogue to start, for an audience and framework."""

    def __init__(self, dialogue: str, audience: str, framework: str | None) -> None:
        super().__init__()
        self.dialogue = dialogue
        self.audience = audience
        self.framework = framework


class ResumeSession(Message):
    """The home screen chose a saved session to carry on."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class AskAbout(Message):
    """The person chose a professional word to ask about (it becomes "What do you mean...?")."""

    def __init__(self, phrase: str) -> None:
        super().__init__()
        self.phrase = phrase
