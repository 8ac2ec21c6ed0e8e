"""Showing text safely and readably: control characters made visible, content reflowed."""

from __future__ import annotations

from sos_assistant.safetext import inert, reflow


def test_reflow_joins_the_lines_of_a_paragraph_and_keeps_paragraphs_and_lists() -> None:
    written = (
        "Hello. This line was wrapped by the author\n"
        "in the middle of a sentence.\n"
        "\n"
        "What this is:\n"
        "- It asks questions, one\n"
        "  at a time.\n"
        "* It writes things down.\n"
        "1. First\n"
        "2) Second\n"
        "\n"
        "Press Enter to go on.\n"
    )
    assert reflow(written) == (
        "Hello. This line was wrapped by the author in the middle of a sentence.\n"
        "\n"
        "What this is:\n"
        "- It asks questions, one at a time.\n"
        "* It writes things down.\n"
        "1. First\n"
        "2) Second\n"
        "\n"
        "Press Enter to go on."
    )


def test_reflow_leaves_one_line_alone_and_keeps_text_inert_when_combined() -> None:
    assert reflow("Just one line.") == "Just one line."
    assert reflow("") == ""
    assert inert(reflow("a\x1b[31m\nb")) == inert("a\x1b[31m b")


def test_reflow_keeps_a_sentence_after_a_list_on_its_own_line() -> None:
    """A closing sentence written right under a list is not glued onto the last item."""
    written = (
        "You could ask:\n"
        '- "Can someone help me?"\n'
        '- "Can I have a break?"\n'
        "It is OK to ask more than once.\n"
    )
    assert reflow(written).splitlines() == [
        "You could ask:",
        '- "Can someone help me?"',
        '- "Can I have a break?"',
        "It is OK to ask more than once.",
    ]
