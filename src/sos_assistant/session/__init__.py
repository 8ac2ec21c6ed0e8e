"""The session layer: the one place a face starts, resumes, answers, coaches, finishes and
exports a conversation.

The full-screen app, plain mode, the command line and the tests all drive a :class:`Session`;
none of them talks to the dialogue engine's autosave, the crisis check or the coach on its own.
Below this layer the store keeps events and snapshots only, and never imports the dialogue
engine::

    store = open_store()
    session = Session.start(store, find_dialogue("family-conference"))
    given = session.give("Kai")        # answer (None: skip), saved before this returns
    given.crisis, given.findings        # danger-now check and the coach's tips on the answer
    session.finish()                    # keeps the map in the session's history
"""

from sos_assistant.session.catalogue import (
    asks_framework,
    dialogues_for,
    find_script,
    new_session_name,
)
from sos_assistant.session.core import Given, Session, SessionError, coach_kind, replay_check
from sos_assistant.session.export import (
    DEFAULT_EXPORT_FORMATS,
    EXPORT_FORMATS,
    default_export_folder,
    export_map,
)

__all__ = [
    "DEFAULT_EXPORT_FORMATS",
    "EXPORT_FORMATS",
    "Given",
    "Session",
    "SessionError",
    "asks_framework",
    "coach_kind",
    "default_export_folder",
    "dialogues_for",
    "export_map",
    "find_script",
    "new_session_name",
    "replay_check",
]
