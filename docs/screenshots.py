"""Rebuild the user guide's screenshots (docs/images/*.svg) at 80x24: ``make screenshots``.

Each picture is the real app driven like a person would, in a throwaway data folder, with a
made-up family. Run it after changing what a screen shows or says.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from tests.tui.conftest import no_blink  # noqa: E402
from tests.tui.helpers import give  # noqa: E402

Steps = Callable[[Pilot[Any]], Awaitable[None]]

PRACTICE = [
    "What happened on Saturday night?",
    "Why did you let him in?",
    "Tell me about a time when Dele came back drunk and it did not get bad.",
]

FAMILY = [
    None,  # welcome
    "Dani",
    "Kai",
    None,  # other children
    [{"name": "Sam", "role": "carer"}],
    None,  # why a network helps
    [{"name": "Nan Rose", "relationship": "my nan", "knows_worries": "yes"}],
    None,  # who knows the worries
    "safety",  # what kind of meeting: child protection
    "Review child protection conference",
    "8 December 2026",
    "10am",
    "Town Hall, room 3",
    None,  # who chairs it
    "Alex",  # the social worker
    "Children's Services",
    "01234 567890",
    None,  # other workers
    None,  # worries, introduced
    ["Kai saw us fighting and hid behind the sofa."],
]

PRACTITIONER = [
    "safety",
    "Priya (social worker)",
    "Kai",
    None,  # parents and carers
    None,  # network
    None,  # professionals
    None,  # what has happened
    [
        "The school is worried that Lee may shout at Kai again, and Kai could be scared.",
        "Priya is worried that Lee will drive after drinking, and Kai could be badly hurt.",
    ],
    None,  # complicating factors
    None,  # strengths
    None,  # existing safety
]
"""Up to the goals step: two danger statements, the goals' list beside the box."""

HOUSES = [
    None,  # hello
    "Ruby",
    None,  # the house of worries
    "yes",
    ["When it is loud at night", "I miss Nan"],
    None,  # one more worry
    None,  # the house of good things
    "yes",
]


async def _answer(pilot: Pilot[Any], answers: list[Any]) -> None:
    for value in answers:
        await give(pilot, pilot.app, value)  # type: ignore[arg-type]


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    no_blink(pilot.app)
    await pilot.pause()


async def _shoot(name: str, steps: Steps, **options: Any) -> None:
    from sos_assistant.tui.app import SosApp

    app = SosApp(**options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await steps(pilot)
        await _settle(pilot)
        app.save_screenshot(f"{name}.svg", str(IMAGES))
    print(f"docs/images/{name}.svg")


async def main() -> None:
    session = {"session_name": "family-conference-2026-11-23", "dialogue": "family-conference"}

    async def nothing(pilot: Pilot[Any]) -> None:
        pass

    async def question(pilot: Pilot[Any]) -> None:
        await _answer(pilot, FAMILY[:-1])

    async def map_(pilot: Pilot[Any]) -> None:  # carries on where "question" stopped
        await _answer(pilot, FAMILY[-1:])
        await pilot.press("f2")

    async def goals(pilot: Pilot[Any]) -> None:  # one goal picked for D2; D1 still to do
        await _answer(pilot, [None, *PRACTITIONER])
        await pilot.press("tab", "down", "space", "shift+tab")
        focused = pilot.app.focused
        focused.insert_text_at_cursor(  # type: ignore[union-attr]
            "Lee takes the bus after a drink; Bev sees this for six months."
        )
        await pilot.press("enter")

    async def houses(pilot: Pilot[Any]) -> None:  # a child filling the house of good things
        await _answer(pilot, HOUSES)

    async def key(name: str) -> Steps:
        async def press(pilot: Pilot[Any]) -> None:
            await pilot.press(name)

        return press

    async def rehearse(pilot: Pilot[Any]) -> None:
        for text in PRACTICE:
            pilot.app.screen.query_one("#ask").value = text  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause(0.2)

    with tempfile.TemporaryDirectory() as empty:
        os.environ["SOS_ASSISTANT_HOME"] = empty
        await _shoot("first-run", nothing)
    with tempfile.TemporaryDirectory() as home:
        os.environ["SOS_ASSISTANT_HOME"] = home
        await _shoot("question", question, **session)
        await _shoot("home", nothing)
        await _shoot("map", map_, **session)
        await _shoot("help", await key("f1"), **session)
        await _shoot("crisis", await key("f4"), **session)
        practitioner = {"session_name": "practitioner-2026-11-23", "audience": "practitioner"}
        await _shoot("goals", goals, dialogue="practitioner-mapping", **practitioner)
        child = {"session_name": "three-houses-2026-11-23", "dialogue": "three-houses"}
        await _shoot("houses", houses, **child)
    with tempfile.TemporaryDirectory() as practice:
        os.environ["SOS_ASSISTANT_HOME"] = practice
        await _shoot("rehearse", rehearse, rehearse="nkechi-and-tobi")


if __name__ == "__main__":
    asyncio.run(main())
