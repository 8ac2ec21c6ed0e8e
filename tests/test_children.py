"""The child's voice (Three Houses) and the story for the children (Words and Pictures):
the words kept verbatim in every format, the drawings inert, the houses only where chosen."""

from __future__ import annotations

import html.parser
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from sos_assistant.children import (
    add_children,
    cell_width,
    child_only,
    current_house,
    houses_art,
)
from sos_assistant.cli import main
from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.model import ChildVoice, Map, MapError, Statement, load_map, map_from_data
from sos_assistant.render import FORMATS, render_bytes, render_text
from sos_assistant.render.child import render_booklet
from sos_assistant.story import draft_answers, draft_story, fill_empty_pages, page_notes

GOLDEN = Path(__file__).parent / "golden"
FAMILY = GOLDEN / "family-conference" / "fuller.map.yaml"

ODD = [
    "<script>alert(1)</script> & <b>bold</b>",
    "# not a heading",
    "- not a list",
    "[link](http://example.invalid) ![img](x.png)",
    "[bold red]not markup[/bold red]",
    "\x1b]0;stolen title\x07\x1b[31mred",
    "Nan's pancakes 🥞💜",
    "שלום and سلام",
    'quotes " and \\ backslash',
]
"""A child's words as odd as they come: markup, Markdown, Rich, escapes, emoji, RTL."""


def houses_map(child: str = "Ruby <3", words: list[str] = ODD) -> Map:
    voice = ChildVoice(
        child=child,
        worries=[Statement(text=w) for w in words],
        good_things=[Statement(text="My dog Bess")],
        dreams=[],
        faces={"score": 7, "why": words[0]},
        can_see=[Statement(text="Mum"), Statement(text=ODD[7])],
    )
    return Map(child_voice=[voice])


def family_map() -> Map:
    return load_map(FAMILY.read_text(encoding="utf-8"))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# -- the map sections ------------------------------------------------------------------------


def test_old_maps_stay_valid_and_the_new_sections_round_trip() -> None:
    old = FAMILY.read_text(encoding="utf-8")
    assert "child_voice" not in load_map(old).to_yaml()
    the_map = houses_map()
    assert load_map(the_map.to_yaml()) == the_map
    story = map_from_data(
        {"schema": "sos-map/1", "story": {"title": "T", "pages": [{"heading": "H", "text": "x"}]}}
    )
    assert story.story is not None and story.story.pages[0].picture is None


def test_bad_sections_are_reported_with_their_paths() -> None:
    with pytest.raises(MapError) as error:
        map_from_data(
            {
                "schema": "sos-map/1",
                "child_voice": [{"child": "A", "faces": {"score": 12}, "house": []}],
                "story": {"pages": [{"heading": "H", "text": "x", "picture": "dragon"}]},
            }
        )
    problems = "\n".join(error.value.problems)
    assert "child_voice[0].faces.score: must be 0-10" in problems
    assert "child_voice[0].house: unknown key" in problems
    assert "story.pages[0].picture: must be 'family'" in problems


# -- the Three Houses dialogue ---------------------------------------------------------------


def test_the_child_words_reach_child_voice_verbatim() -> None:
    engine = Engine(find_dialogue("three-houses"))
    run_answers(
        engine,
        {
            "name": "Ruby",
            "worries-ready": "yes",
            "worries": ODD,
            "good-ready": "yes",
            "good-things": ["Bess"],
            "dreams-ready": "yes",
            "dreams": [ODD[6]],
            "faces": {"score": 3, "why": ODD[7]},
            "can-see": ["Mum"],
        },
    )
    voice = build_map(engine).child_voice
    assert voice is not None and len(voice) == 1
    assert voice[0].child == "Ruby"
    assert [s.text for s in voice[0].worries] == ODD
    assert all(s.said_by is None and s.id is None for s in voice[0].worries)
    assert voice[0].faces is not None and voice[0].faces.why == ODD[7]
    assert [s.text for s in voice[0].can_see] == ["Mum"]


def test_i_dont_want_to_say_goes_past_the_house() -> None:
    engine = Engine(find_dialogue("three-houses"))
    run_answers(engine, {"name": "Jojo", "worries-ready": "not_now", "good-ready": "yes"})
    assert "worries" not in engine.path and "worries-more" not in engine.path
    assert engine.path[engine.path.index("worries-ready") + 1] == "good-intro"


def test_the_house_a_step_is_about() -> None:
    assert current_house("worries-ready", None) == "worries"
    assert current_house("good-people", "child_voice.good_things") == "good_things"
    assert current_house("dreams-intro", None) == "dreams"
    assert current_house("faces", "child_voice.faces") is None


# -- the houses drawn ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 76, 78])
def test_text_houses_fit_their_width_with_wide_letters(width: int) -> None:
    voice = houses_map(words=["💜" * 40, "שלום " * 9, "x" * 90]).child_voice
    assert voice is not None
    for compact in (False, True):
        lines = houses_art(voice[0], width, rows=3, compact=compact, current="worries")
        assert all(cell_width(line) <= width for line in lines), lines
        name = ">House of Worries<" if width > 60 else ">Worries<"
        assert name in lines[1 if compact else 2]
    full = "\n".join(houses_art(voice[0], 78))
    assert "💜💜" in full and "House of Dreams" in full


def test_a_map_of_houses_alone_prints_as_the_childs_page() -> None:
    the_map = houses_map()
    assert child_only(the_map)
    page = render_bytes(the_map, "html").decode()
    assert "<title>Ruby &lt;3&#39;s three houses</title>" in page
    assert "What are we worried about" not in page  # not the adults' map


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_childs_words_are_verbatim_in_every_format(fmt: str) -> None:
    for the_map in (houses_map(), add_children(family_map(), houses_map().child_voice or [])):
        data = render_bytes(the_map, fmt)
        if fmt == "html":
            out = data.decode()
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in out
            for word in ODD[1:5] + ODD[6:8]:
                assert word.replace("'", "&#39;") in out
            assert "stolen title" in out and "\x1b" not in out
        elif fmt == "md":
            out = data.decode()
            assert "\\<script\\>alert(1)\\</script\\> \\& \\<b\\>bold\\</b\\>" in out
            assert "\\# not a heading" in out and "\\- not a list" in out
            assert "Nan's pancakes 🥞💜" in out and "שלום and سلام" in out
        elif fmt == "txt":
            out = data.decode()
            for word in ODD[:5] + ODD[6:]:
                assert word in out
            assert "\x1b" not in out and "␛]0;stolen title" in out
        elif fmt == "docx":
            xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in xml
            assert "Nan's pancakes 🥞💜" in xml and "שלום and سلام" in xml
        else:
            text = _pdf_text(data)
            flat = " ".join(text.split())
            for word in ("<script>alert(1)</script>", "# not a heading", "[bold red]not markup"):
                assert word in flat
            for word in ("שלום", "سلام", "Nan's pancakes"):
                assert word in text


def _inert(page: str) -> set[str]:
    """Checks an HTML page is inert; returns the tags it has."""

    class Check(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name)
                assert name not in ("href", "xlink:href", "src"), (tag, name)
                assert "url(" not in (value or ""), (tag, name)
                assert not (value or "").startswith(("http:", "https:", "javascript:"))

    parser = Check()
    parser.feed(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "use"} & parser.tags
    assert "url(" not in page and "@import" not in page
    return parser.tags


def test_the_drawn_houses_and_booklet_are_inert() -> None:
    child_page = render_bytes(houses_map(), "html").decode()
    adult_page = render_bytes(add_children(family_map(), houses_map().child_voice or []), "html")
    story = family_map()
    story.story = draft_story(family_map())
    story.story.pages[0].text = ODD[0]
    story.story.title = ODD[0]
    booklet = render_booklet(story, "html").decode()
    for page in (child_page, adult_page.decode(), booklet):
        tags = _inert(page)
        assert {"svg", "polygon"} <= tags
        assert "<script" not in page and "<b>bold</b>" not in page
    assert booklet.count("<svg") == len(story.story.pages) + 1  # a picture on every page


def test_a_childs_houses_join_an_adults_map_only_when_chosen_and_apart() -> None:
    family = family_map()
    assert "House of Worries" not in render_text(family, "txt")
    voices = houses_map().child_voice or []
    both = add_children(family, voices)
    assert both.worries == family.worries and both.working_well == family.working_well
    assert both.needs_to_happen == family.needs_to_happen and both.scaling == family.scaling
    text = render_text(both, "txt")
    assert text.index("IN RUBY <3'S OWN WORDS") > text.index("GETTING READY FOR THE MEETING")
    assert "Ruby <3 said who can see:" in text
    nobody = houses_map()
    assert nobody.child_voice is not None
    nobody.child_voice[0].can_see = []
    assert "has not said who can see them yet" in render_text(nobody, "txt")


# -- Words and Pictures ----------------------------------------------------------------------


def test_a_draft_story_comes_from_the_family_map() -> None:
    family = family_map()
    answers = draft_answers(family)
    assert answers["children"] == "Kai and Mia"
    assert "Priya" in answers["page-worried"]
    assert family.worries.harm[0].text in answers["page-what-happened"]
    engine = Engine(find_dialogue("words-and-pictures"))
    run_answers(engine, answers)
    story = build_map(engine).story
    assert story is not None and story.for_children == "Kai and Mia"
    pictures = [p.picture for p in story.pages]
    assert pictures[:3] == ["family", "worried", "home"] and "plan" in pictures


def test_empty_pages_are_filled_from_a_family_map_and_written_ones_kept() -> None:
    engine = Engine(find_dialogue("words-and-pictures"))
    events: list[object] = []
    engine.subscribe(events.append)
    run_answers(engine, {"children": "Kai", "page-family": "Kai lives with Mum."})
    filled = fill_empty_pages(engine, family_map())
    assert filled >= 5
    assert engine.answers["page-family"] == "Kai lives with Mum."
    assert "Priya" in engine.answers["page-worried"]
    assert len(events) > filled  # each page filled is an event, saved like an answer


def test_the_coach_looks_at_a_page_in_a_childs_terms() -> None:
    from sos_assistant.model import StoryPage

    hard = StoryPage(
        heading="H",
        text="Mum is in denial about the safeguarding concerns raised at the strategy meeting.",
    )
    notes = page_notes(hard)
    assert any("denial" in n for n in notes)
    assert any("hard to read" in n for n in notes)
    assert page_notes(StoryPage(heading="H", text="Nan will come to tea. She loves you.")) == []


def test_booklet_and_house_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    houses = tmp_path / "houses.yaml"
    houses.write_text(houses_map().to_yaml(), encoding="utf-8")
    out = tmp_path / "map.html"
    assert (
        main(["render", str(FAMILY), "-f", "html", "--add-child", str(houses), "-o", str(out)]) == 0
    )
    assert "In Ruby &lt;3&#39;s own words" in out.read_text(encoding="utf-8")
    story = tmp_path / "story.yaml"
    assert main(["run", "words-and-pictures", "--from-map", str(FAMILY), "--out", str(story)]) == 0
    assert load_map(story.read_text(encoding="utf-8")).story is not None
    book = tmp_path / "book.pdf"
    assert main(["render", str(story), "-f", "pdf", "--booklet", "-o", str(book)]) == 0
    assert book.read_bytes()[:5] == b"%PDF-"
    assert "Page 3, What happened:" in capsys.readouterr().err  # the coach's notes
    assert main(["render", str(story), "-f", "txt", "--booklet"]) == 2
    edits = tmp_path / "edits.yaml"
    edits.write_text(yaml.safe_dump({"page-family": "Kai lives with Mum.", "page-plan": None}))
    argv = ["run", "words-and-pictures", "--from-map", str(FAMILY), "--answers", str(edits)]
    assert main([*argv, "--out", str(story)]) == 0
    pages = load_map(story.read_text(encoding="utf-8")).story
    assert pages is not None
    assert pages.pages[0].text == "Kai lives with Mum."
    assert "plan" not in [p.picture for p in pages.pages]
    assert main(["run", "words-and-pictures"]) == 2


def test_a_map_with_no_story_prints_a_marked_draft_booklet() -> None:
    page = render_booklet(family_map(), "html").decode()
    assert "A first draft from the family" in page
    assert re.search(r"<h2 dir=\"auto\">What happened</h2>", page)
    assert "Kai and Mia" in page
