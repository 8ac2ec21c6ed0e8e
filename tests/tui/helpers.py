"""Driving the app like a person would, from an answers mapping."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select

from sos_assistant.dialogue.answers import knows_value
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.widgets.scale import ScaleBar


async def to_home(pilot: Pilot[Any]) -> None:
    """A new person reads the welcome and goes on: the home screen shows."""
    from sos_assistant.tui.screens.home import HomeScreen

    await pilot.pause()
    await pilot.press("enter")  # past the welcome
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type (paste) ``text`` into the focused input."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), f"expected an input to have focus, not {focused!r}"
    focused.insert_text_at_cursor(text)
    await pilot.pause()


async def give(pilot: Pilot[Any], app: SosApp, value: Any) -> None:
    """Answer the current step with ``value`` (None: skip) using the keyboard."""
    assert app.session is not None
    step = app.session.engine.current
    assert step is not None
    if step.kind == "info":  # a value: add the questions it suggests (one key, A)
        await pilot.press("a" if value else "f7")
    elif value is None:
        await pilot.press("f6")
    elif step.kind == "text":
        await type_text(pilot, value)
        await pilot.press("enter")
    elif step.kind == "list":
        for item in value:
            text = item if isinstance(item, str) else item["text"]
            await type_text(pilot, " ".join(text.split()))
            await pilot.press("enter")
            if step.views:
                if isinstance(item, dict) and item.get("dispute"):
                    await type_text(pilot, " ".join(item["dispute"].split()))
                await pilot.press("enter")
        await pilot.press("enter")
    elif step.kind == "people":
        for person in value:
            await type_text(pilot, person if isinstance(person, str) else person["name"])
            await pilot.press("enter")
        await pilot.press("enter")
    elif step.kind == "network":
        for helper in value:
            row = {"name": helper} if isinstance(helper, str) else helper
            await type_text(pilot, row["name"])
            for key in ("relationship", "helps_with", "reach"):
                if row.get(key):
                    app.screen.query_one(f"#{key}", Input).value = row[key]
            if row.get("knows_worries") is not None:
                knows = knows_value(row["knows_worries"])
                app.screen.query_one("#knows", Select).value = knows
            await pilot.press("enter")
        await pilot.press("enter")
    elif step.kind == "review":
        await answer_review(pilot, app, value[-1])
    elif step.kind == "scale":
        score = value["score"] if isinstance(value, dict) else value
        assert isinstance(app.focused, ScaleBar)
        await pilot.press("t" if score == 10 else str(score), "enter")
        if isinstance(value, dict) and value.get("why"):
            await type_text(pilot, value["why"])
        await pilot.press("enter")
    elif step.kind in ("choice", "confirm"):
        if step.kind == "choice":
            index = [c.value for c in step.choices].index(value)
        else:
            index = 0 if value else 1
        await pilot.press(*["down"] * index, "enter")
    await pilot.pause()


async def answer_review(pilot: Pilot[Any], app: SosApp, review: dict[str, Any]) -> None:
    """Mark today's review with the keyboard: who, then each rule's status and note."""
    prompt = app.screen.prompt  # type: ignore[attr-defined]
    ids = [rule_id for rule_id, _ in prompt.related]
    if review.get("by"):
        await type_text(pilot, review["by"])
    for mark in review["marks"]:
        index = ids.index(mark["rule"])
        app.screen.query_one(f"#status-{index}", Select).value = mark["status"]
        app.screen.query_one(f"#note-{index}", Input).value = mark.get("note", "")
    app.screen.query(Input).last().focus()
    await pilot.pause()
    await pilot.press("enter")


async def walk(pilot: Pilot[Any], app: SosApp, answers: dict[str, Any]) -> None:
    assert app.session is not None
    engine = app.session.engine
    moves = 0
    while not engine.finished:
        step = engine.current
        assert step is not None
        await give(pilot, app, answers.get(step.id))
        moves += 1
        assert moves < 200, f"stuck at {step.id}"
    await pilot.pause()
