"""Professional words found in professional text, each with a plain meaning and a question.

The glossary (``content/glossary.yaml``) gives the meanings. Every name and spelling of every
term is matched as whole words: "DV" is found in "DV incident" but never inside "advice", and a
name written in capitals ("DV", "PLO", "SoS") is matched only in those capitals, so "la" or
"Dv" are not taken for acronyms. Plurals ("core groups", "IROs") count, and so do the verb forms
of a name ("safeguarding" finds "safeguarded"), hyphens written as spaces or left out
("pre-proceedings", "pre proceedings", "preproceedings"), possessives with or without the
apostrophe ("child's plan", "childs plan", "children's plan") and acronyms with dots ("I.R.O.",
"s. 47"). A term that frames another ("presents as" in "presents as hostile") is found with it,
as one phrase explained by the term it frames. The coach's findings
(labels, jargon, vague words) are added too, each explained by the glossary term that names its
rule. Where two matches overlap, the longer one wins ("care order" inside "interim care order"
is found once, as "interim care order"); one that only crosses the edge of a longer one is kept
beside it when a word of its own would otherwise have no meaning ("Risk assessed" and
"assessed as low" in "Risk assessed as low").

The text is never changed: each result carries its ``start``/``end`` offsets into the text.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sos_assistant import content
from sos_assistant.content import TERM_KINDS, GlossaryFile, Term

_TOKEN = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[\s\-\u2010-\u2014/'’&.()]{1,4}")
"""What may come between two words of a name in the text: spaces, hyphens, apostrophes,
brackets ("Social Services and Well-being (Wales) Act")."""
_BAD_GAP = re.compile(r"[.]\s")
"""A full stop followed by a space ends a sentence: a name never runs across it, except after
a short abbreviation before a number ("s. 47", "para. 12")."""
_ABBREVIATIONS = frozenset({"s", "ss", "sec", "para", "paras", "reg", "no", "pt", "ch", "art"})
_COMMA_GAP = re.compile(r",?[\s\-]{0,2}")
"""Where a name itself has a comma ("education, health and care plan"), the text may have one."""
_DOTTED = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?![^\W_])")
"""An acronym written with dots ("I.R.O.", "C.I.N."): read as one word ("IRO", "CIN")."""
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014")
_MARKS = frozenset("/:")
"""Marks a name may end with ("w/", "re:"): the text must have them too."""
_LEAD_MARKS = frozenset("+-")
"""Marks a name may start with ("+ve", "-ve"): the text must have them too."""
_APOSTROPHES = ("'", "\u2019")
_NUMBERS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
    ]
)
"""Numbers in words that go with a term of time after them ("five working days")."""
_UNITS = frozenset(["working", "weeks", "week", "days", "day", "months", "month", "years", "hours"])
"""First words of terms that take the number before them ("32 weeks gestation")."""
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "this", "that"})
"""Words that may come between a lead-in and its term ("placed with their ...")."""
_LINKS = frozenset({"of", "for", "with", "to", "on", "in", "from", "about", "against"})
"""Words after which the word before them in a name may be plural too ("periods of")."""
_POSSESSIVE_SWAPS = {"child": "children", "children": "child"}
"""A name with "child's" is found with "children's" too, and the other way round."""
_VERB_KINDS = frozenset({"label", "harm", "word", "assessment", "approach", "plan"})
"""Kinds whose names ending "-ing" or "-ed" are found in the other verb forms too."""
_RUN_THROUGH = frozenset({"word", "role"})
"""Kinds of term that a term running on to the end of its clause takes in."""
_BASE_VERB_KINDS = frozenset({"label", "harm"})
"""Kinds whose plain names ("neglect", "minimise") are found as "-ed" and "-ing" too."""

_CLAUSE_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "remains",
        "remain",
        "remained",
    ]
)
"""Words that start what is said about a phrase ("... is limited"): a term that runs on
stops before them."""

_SMALL_WORDS = frozenset({"and", "or", "as", "by", "at", "is", "was"}) | _DETERMINERS | _LINKS
"""Words that give a phrase crossing another no claim of its own ("assessed as low")."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
CHUNK = 400
"""About how many characters of text the coach is given at a time."""

COACH_CATEGORIES = frozenset({"judgement", "jargon", "vague"})
"""The coach's findings that are about words (not about reading age or structure)."""

_RANK = {kind: i for i, kind in enumerate(TERM_KINDS)}


@dataclass(frozen=True, slots=True)
class Explained:
    """One professional word or phrase found in a text."""

    phrase: str
    """The words as written (``text[start:end]``)."""
    start: int
    end: int
    meaning: str
    """What it means, in plain words a parent can read."""
    ask: str
    """A question the parent could put to the worker."""
    term: str
    """The glossary term that explains it."""
    kind: str
    """The term's kind (``label``, ``legal``, ...), or ``label`` for a coach judgement."""
    rule: str | None = None
    """The coach rule that found it, when the coach did."""
    core: tuple[int, int] | None = dataclasses.field(default=None, compare=False, repr=False)
    """Where the term's own words are, when a lead-in, tail or the rest of its clause made the
    phrase longer: if the longer phrase runs into another term's words and loses, the term is
    still found on its own ("CMHT" in "a history of non-engagement with the CMHT")."""

    def to_dict(self) -> dict[str, Any]:
        """The term as `explain --json` prints it (docs/user-guide.md): exactly those keys."""
        return {
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "meaning": self.meaning,
            "ask": self.ask,
        }


@functools.cache
def _acronym(token: str) -> bool:
    """A word written with capitals after its first letter ("DV", "CAMHS", "SoS") is matched
    only as written."""
    return len(token) >= 2 and any(c.isupper() for c in token[1:])


def _forms(token: str, verbs: int = 0) -> list[str]:
    """A last word and its plurals; with ``verbs``, its verb forms too (1: a name in "-ing" or
    "-ed" is found in the other forms; 2: a plain name is found with "-ed" and "-ing" too)."""
    if token[-1:].isdigit():
        return [token]
    if _acronym(token):
        return [token, token + "s"]
    low = token.lower()
    out = [low, low + "s"]
    if low.endswith(("s", "x", "ch", "sh", "z")):
        out.append(low + "es")
    if low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        out.append(low[:-1] + "ies")
    if verbs and len(low) >= 4:
        out.extend(_verb_forms(low, base=verbs >= 2))
    return list(dict.fromkeys(out))


def _verb_forms(low: str, *, base: bool) -> list[str]:
    """The other verb forms of a word: "minimising" gives "minimised" and "minimises"; with
    ``base``, a plain word or one in "-s" gives the rest ("deflect", "deflected")."""
    if len(low) < 4:
        return []
    if low.endswith("ing") and len(low) > 5:
        stem = low[:-3]
        out = [stem + "ed", stem + "es", stem + "s"]
        if len(stem) > 2 and stem[-1] == stem[-2]:  # "planning": "planned", "plans"
            out.append(stem[:-1] + "s")
        return out
    if low.endswith("ied"):
        return [low[:-3] + "ying"]
    if low.endswith("ed") and len(low) > 4:
        stem = low[:-2]
        out = [stem + "ing"]
        if stem.endswith("e"):  # "agreed": "agreeing"
            out.append(low[:-1] + "ing")
        return out
    if low.endswith("ies"):
        return [low[:-3] + "ied", low[:-3] + "ying"]
    if not base or low.endswith("ss"):
        return []
    if low.endswith("s"):  # "deflects": "deflect", "deflected", "deflecting"
        stem = low[:-1]
        return [stem, *_verb_forms(stem, base=True)] if len(stem) >= 4 else []
    if low.endswith("e"):
        return [low + "d", low[:-1] + "ing", low + "s"]
    if low.endswith("y") and low[-2] not in "aeiou":
        return [low[:-1] + "ied", low + "ing"]
    out = [low + "ed", low + "ing"]
    if low[-1] not in "aeiouwxy" and low[-2] in "aeiou" and low[-3] not in "aeiou":
        out += [low + low[-1] + "ed", low + low[-1] + "ing"]  # "travelled"
    return out


class _Tok:
    """One word of a text: where it is and what it says (dotted acronyms without their dots)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


def _tokens(text: str) -> list[_Tok]:
    """The words of a text. "I.R.O." is one word, "IRO"."""
    dotted = {m.start(): m for m in _DOTTED.finditer(text)} if "." in text else {}
    out: list[_Tok] = []
    skip = -1
    for m in _TOKEN.finditer(text):
        if m.start() < skip:
            continue
        d = dotted.get(m.start())
        if d is not None:
            out.append(_Tok(d.start(), d.end(), d.group().replace(".", "")))
            skip = d.end()
        else:
            out.append(_Tok(m.start(), m.end(), m.group()))
    return out


_IZE = re.compile(r"(?<=[a-z])([iy])s(e|ed|es|ing|ation|ations|er|ers)\b")
_OUR = re.compile(r"\b(behavi|fav|harb|col|hon|neighb)our")


def _other_spellings(name: str) -> list[str]:
    """A name in the other spellings some papers use, each change alone and both together
    ("minimised": "minimized"; "sexualised behaviour": "sexualized behavior", "sexualised
    behavior"; "analyse": "analyze")."""
    ize, our = _IZE.sub(r"\1z\2", name), _OUR.sub(r"\1or", name)
    return [n for n in dict.fromkeys([ize, our, _OUR.sub(r"\1or", ize)]) if n != name]


def _variants(name: str) -> list[tuple[list[str], list[str]]]:
    """The ways a name may be written, as (words, gaps between them): as given; with its
    hyphens left out ("preproceedings"); with a word before "of", "for", "to"... plural
    ("periods of abstinence"); with possessives without the apostrophe ("childs
    plan"), and "child's" for "children's" and the other way round; "section 46" as "s.46",
    "s 46", "sec 46" and "s46"."""
    matches = list(_TOKEN.finditer(name))
    if not matches:
        return []
    words = [m.group() for m in matches]
    gaps = [name[a.end() : b.start()] for a, b in itertools.pairwise(matches)]
    out = [(words, gaps)]
    if len(words) > 1 and words[0].lower() == "section" and words[1][:1].isdigit():
        # "section 46": "s.46", "s 46", "s. 46", "sec 46", "s46"
        out += [([short, *words[1:]], [" ", *gaps[1:]]) for short in ("s", "sec")]
        out.append((["s" + words[1], *words[2:]], gaps[1:]))
    if any(g and set(g) <= _HYPHENS for g in gaps):
        joined_w, joined_g = [words[0]], []
        for word, gap in zip(words[1:], gaps, strict=True):
            # "1-1" is never written "11": that is a number (a child's age, a date)
            if gap and set(gap) <= _HYPHENS and not (word.isdigit() and joined_w[-1].isdigit()):
                joined_w[-1] += word
            else:
                joined_w.append(word)
                joined_g.append(gap)
        out.append((joined_w, joined_g))
    for w, g in list(out):
        for k in range(len(w) - 1):  # "period of abstinence": "periods of abstinence"
            if w[k + 1].lower() in _LINKS and not _acronym(w[k]) and not w[k][-1:].isdigit():
                for plural in _forms(w[k])[1:]:
                    out.append(([*w[:k], plural, *w[k + 1 :]], g))
                break
    for w, g in list(out):
        for k in range(len(g)):
            if g[k] in _APOSTROPHES and w[k + 1].lower() == "s":
                swap = _POSSESSIVE_SWAPS.get(w[k].lower())
                if swap:
                    out.append(([*w[:k], swap, *w[k + 1 :]], g))
                    out.append(([*w[:k], swap + "s", *w[k + 2 :]], [*g[:k], *g[k + 1 :]]))
                out.append(([*w[:k], w[k] + "s", *w[k + 2 :]], [*g[:k], *g[k + 1 :]]))
                break
    return out


@dataclass(frozen=True, slots=True)
class _Name:
    """One spelling of a term, as the matcher compares it."""

    low: list[str]
    """Its words in lower case."""
    exact: tuple[tuple[int, frozenset[str]], ...]
    """Words that must match in one of these writings (acronyms), by position."""
    term: Term
    commas: frozenset[int] = frozenset()
    """Where the name has a comma before a word (by the word's position), so the text may."""
    mark: str = ""
    """A mark the name ends with ("w/", "re:", "c/o"): the text must have it just after the
    last word, and the phrase takes it in ("re" alone is not "re:")."""
    lead: str = ""
    """A mark the name starts with ("+ve", "-ve"): the text must have it just before the first
    word ("I've" is not "+ve")."""


_ARTICLES = frozenset(["a", "an", "the"])
"""Words a term that runs on (``Term.runs_on``) takes in without counting them."""


class Explainer:
    """Finds and explains the professional words in a text. Build once, call often."""

    def __init__(self, glossary: GlossaryFile | None = None, coach: Any = None) -> None:
        """
        Args:
            glossary: the terms (default: the packaged glossary).
            coach: a :class:`sos_assistant.coach.Coach`, or ``False`` for glossary words only
                (default: the coach with the packaged rules).
        """
        # The tables are some 80,000 objects that all live as long as the explainer: the
        # collector, run again and again as they are made, would find nothing to free and
        # cost a third of the build.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(glossary, coach)
        finally:
            if collecting:
                gc.enable()

    def _build(self, glossary: GlossaryFile | None, coach: Any) -> None:
        self.glossary = glossary if glossary is not None else content.glossary()
        if coach is None:
            coach = _word_coach()
        self.coach = coach or None
        self._not_acronyms = frozenset(w.lower() for w in self.glossary.not_acronyms)
        self._first: dict[str, list[_Name]] = {}
        """Spellings by their first word in lower case."""
        self._by_rule: dict[str, list[Term]] = {}
        self._by_name: dict[str, Term] = {}
        for term in self.glossary.terms:
            for rule in term.coach:
                self._by_rule.setdefault(rule, []).append(term)
            verbs = _verbs(term)
            for name in term.names:
                self._by_name.setdefault(name.lower(), term)
                mark = name.rstrip()[-1:] if name.rstrip()[-1:] in _MARKS else ""
                lead = name.lstrip()[:1] if name.lstrip()[:1] in _LEAD_MARKS else ""
                spellings = [name, *_other_spellings(name)]
                for tokens, gaps in (v for n in spellings for v in _variants(n)):
                    commas = frozenset(k + 1 for k, gap in enumerate(gaps) if "," in gap)
                    firsts = [tokens[0]]
                    if verbs and len(tokens) > 1 and not _acronym(tokens[0]):
                        # "deflects blame": "deflected blame"; "presents well": "present well"
                        firsts += _verb_forms(tokens[0].lower(), base=verbs >= 2)
                    for first, last in itertools.product(firsts, _forms(tokens[-1], verbs)):
                        key = [first, *tokens[1:-1], last] if len(tokens) > 1 else [last]
                        size = len(key)
                        if term.proper:  # "Relate": the capitals as written
                            key = [
                                t[:1].upper() + t[1:]
                                if tokens[min(i, len(tokens) - 1)][:1].isupper()
                                else t
                                for i, t in enumerate(key)
                            ]
                        exact = tuple(
                            (i, frozenset([t]) if term.proper else self._writings(t, size))
                            for i, t in enumerate(key)
                            if _acronym(t) or (term.proper and t[:1].isupper())
                        )
                        low = [t.lower() for t in key]
                        self._first.setdefault(low[0], []).append(
                            _Name(low, exact, term, commas, mark, lead)
                        )
        self._index: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Name]]]]] = {}
        """Spellings by their first word, then by their length (longest first), then by their
        words: one look-up per length finds the spellings that match at a word."""
        for first, names in self._first.items():
            by_size: dict[int, dict[tuple[str, ...], list[_Name]]] = {}
            seen: set[tuple[str, ...]] = set()
            for n in names:
                spelling = (*n.low, *(w for _, ws in n.exact for w in sorted(ws)), n.mark, n.lead)
                if spelling not in seen:
                    seen.add(spelling)
                    by_size.setdefault(len(n.low), {}).setdefault(tuple(n.low), []).append(n)
            self._index[first] = sorted(by_size.items(), reverse=True)
        self._patterns = [
            (compiled, _required_text(compiled), term)
            for term in self.glossary.terms
            for compiled in map(re.compile, term.patterns)
        ]
        """Written forms found by a regular expression (``Term.patterns``), each with letters
        every match of it must hold, in small letters (a text without them is not searched)."""
        self._leads: dict[str, list[list[str]]] = {}
        """Lead-ins ("subject to a", "open to") as lower-case words by their last word, longest
        first."""
        for lead in self.glossary.lead_ins:
            words = [t.lower() for t in _TOKEN.findall(lead)]
            if words:
                self._leads.setdefault(words[-1], []).append(words)
        self._tails: dict[str, list[list[str]]] = {}
        """Tails ("incident", "assessment") and their plurals as lower-case words by their first
        word, longest first."""
        for tail in self.glossary.tails:
            found = [t.lower() for t in _TOKEN.findall(tail)]
            for last in _forms(found[-1]) if found else ():
                words = [*found[:-1], last]
                self._tails.setdefault(words[0], []).append(words)
        for table in (self._leads, self._tails):
            for group in table.values():
                group.sort(key=lambda words: -len(words))

    def _writings(self, token: str, size: int) -> frozenset[str]:
        """How an acronym in a name may be written: in its capitals; an acronym in capitals of
        four letters or more ("RCPC", "CAMHS"), or one in a name of more words ("CP plan"), also
        in small letters ("rcpc", "cp plan") and with only its first letter capital ("Camhs"),
        unless that is an everyday word ("mash", "is"). A short acronym alone ("PLO", "LA") is
        found only in its capitals."""
        base = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
        if not (base.isalpha() and base.isupper()) or base.lower() in self._not_acronyms:
            return frozenset([token])
        if len(base) < 4 and size == 1:
            return frozenset([token])
        return frozenset([token, token.lower(), token.capitalize()])

    # -----------------------------------------------------------------------------------------

    def explain(self, text: str) -> list[Explained]:
        """Every professional word in ``text``, the most hurtful first (labels, then legal
        steps, then the rest), in text order within each."""
        found = self._choose(
            text,
            [
                *self._glossary_matches(text),
                *self._pattern_matches(text),
                *self._coach_matches(text),
            ],
        )
        return sorted(found, key=lambda e: (rank(e), e.start))

    def in_text_order(self, text: str) -> list[Explained]:
        """The same as :meth:`explain`, in the order the words come in the text."""
        return sorted(self.explain(text), key=lambda e: e.start)

    def term_for(self, phrase: str) -> Term | None:
        """The glossary term with this exact name or spelling (any case), if there is one."""
        return self._by_name.get(phrase.strip().lower())

    # -----------------------------------------------------------------------------------------

    def _glossary_matches(self, text: str) -> Iterable[Explained]:
        tokens = _tokens(text)
        words = [t.group() for t in tokens]
        low = [w.lower() for w in words]
        count = len(words)
        base: list[tuple[int, int, Term]] = []
        marked: set[int] = set()
        led: set[int] = set()
        """... and of names that start with one ("+ve")."""
        """Matches of names that end with a mark ("re:"), by the word they start at."""
        for i, first in enumerate(low):
            for size, by_words in self._index.get(first, ()):
                if i + size > count:
                    continue
                name = next(
                    (
                        n
                        for n in by_words.get(tuple(low[i : i + size]), ())
                        if self._fits(text, tokens, words, i, n)
                    ),
                    None,
                )
                if name is not None:
                    base.append((i, i + size, name.term))
                    if name.mark:
                        marked.add(i)
                    if name.lead:
                        led.add(i)
                    break
        # a term that runs on stops where another term starts, unless that is an everyday
        # report word or a person (kinds "word", "role"): "risks posed by his associates" and
        # "risks posed by the mother's partner" are one phrase each
        starts = {i for i, _, term in base if term.kind not in _RUN_THROUGH}
        spans: dict[int, tuple[int, int, Term]] = {}
        """Each match by the word it starts at: (first word, end word, term), once lead-ins,
        tails and the rest of its clause are taken in."""
        for i, j, term in base:
            i2 = self._lead_in(text, tokens, low, i)
            j2 = self._tail(text, tokens, low, j)
            if term.runs_on:
                j2 = self._run_on(text, tokens, j2, term.runs_on, starts)
            spans[i] = (i2, j2, term)
        for i, j, term in base:
            begin, finish, term = spans[i]
            framed = spans.get(j) if term.frames and j < count else None
            if term.frames and framed is None and j + 1 < count and low[j] in _DETERMINERS:
                # "consistent with a cigarette burn"
                framed = spans.get(j + 1) if _joined(text, tokens, j + 1) else None
            if framed is not None and not framed[2].frames and _joined(text, tokens, j):
                # "presents as hostile": one phrase, explained by the term it frames
                kind = min((term.kind, framed[2].kind), key=lambda k: _RANK.get(k, len(_RANK)))
                yield self._span(text, tokens, begin, framed[1], framed[2], kind)
            found = self._span(text, tokens, begin, finish, term)
            if i in marked and finish == j:  # "re:" takes in its colon
                found = dataclasses.replace(
                    found, end=found.end + 1, phrase=text[found.start : found.end + 1]
                )
            if i in led and begin == i:  # "+ve" takes in its sign
                found = dataclasses.replace(
                    found, start=found.start - 1, phrase=text[found.start - 1 : found.end]
                )
            if (begin, finish) != (i, j):
                found = dataclasses.replace(found, core=(tokens[i].start(), tokens[j - 1].end()))
            yield found

    @classmethod
    def _span(
        cls,
        text: str,
        tokens: list[_Tok],
        i: int,
        j: int,
        term: Term,
        kind: str | None = None,
    ) -> Explained:
        start, end = tokens[i].start(), tokens[j - 1].end()
        if text[end : end + 1] == ")" and text.count("(", start, end) > text.count(")", start, end):
            end += 1  # "section 91(14)" takes its closing bracket
        return cls._make(text, start, end, term, None, kind)

    def _lead_in(self, text: str, tokens: list[_Tok], low: list[str], i: int) -> int:
        """Where a term starts once a lead-in just before it ("subject to a") is taken in. A
        number just before a term of time goes with it ("32 weeks gestation"), and a lead-in may be
        followed by "a", "the", "his" ("escalated to an initial child protection conference")."""
        number = i and (low[i - 1].isdigit() or low[i - 1] in _NUMBERS)
        if number and low[i] in _UNITS and _joined(text, tokens, i):
            i -= 1
        first = self._one_lead_in(text, tokens, low, i)
        # two lead-ins may stack: "a pattern of" + "repeated" + "referrals"
        return self._one_lead_in(text, tokens, low, first) if first < i else first

    def _one_lead_in(self, text: str, tokens: list[_Tok], low: list[str], i: int) -> int:
        for at in (i, i - 1) if i > 1 and low[i - 1] in _DETERMINERS else (i,):
            for lead in self._leads.get(low[at - 1], ()) if at else ():
                k = at - len(lead)
                if (
                    k >= 0
                    and low[k:at] == lead
                    and all(_joined(text, tokens, n) for n in range(k + 1, i + 1))
                ):
                    return k
        return i

    def _tail(self, text: str, tokens: list[_Tok], low: list[str], j: int) -> int:
        """Where a term ends once a tail just after it ("incident", "'s assessment") is taken in."""
        at = j
        if (
            at < len(low)
            and low[at] == "s"
            and text[tokens[at - 1].end() : tokens[at].start()] in ("'", "’")
        ):
            at += 1
        for tail in self._tails.get(low[at], ()) if at < len(low) else ():
            end = at + len(tail)
            if low[at:end] == tail and all(_joined(text, tokens, n) for n in range(j, end)):
                return end
        return j

    @staticmethod
    def _run_on(text: str, tokens: list[_Tok], j: int, most: int, starts: set[int]) -> int:
        """Where a term that takes in the rest of its clause ends: up to ``most`` more words,
        stopping at punctuation, at a line break or where another term (not a mere report
        word) starts. Words joined by a hyphen are one word ("described as over-anxious")."""
        end, taken = j, 0
        while end < len(tokens):
            gap = text[tokens[end - 1].end() : tokens[end].start()]
            if end > j and gap and set(gap) <= _HYPHENS:  # the rest of a hyphenated word
                end += 1
                continue
            word = tokens[end].group().lower()
            verb = word in _CLAUSE_VERBS
            if taken >= most or end in starts or gap.strip(" -'\u2019") or "\n" in gap or verb:
                break  # a possessive runs on
            if word not in _ARTICLES:  # "presents as a happy child": "a" is not the word taken
                taken += 1
            end += 1
        while end > j and tokens[end - 1].group().lower() in _ARTICLES:
            end -= 1  # never end on "a" or "the"
        return end

    @staticmethod
    def _fits(text: str, tokens: list[_Tok], words: list[str], i: int, name: _Name) -> bool:
        """Capitals and the gaps between the words, once the words themselves match."""
        for at, want in name.exact:
            if words[i + at] not in want:
                return False
        if name.low[0] == "s" and i and _gap(text, tokens, i) in _APOSTROPHES:
            return False  # "Mum's 8 children" is not "s 8"
        if name.term.proper and len(name.exact) == 1 and _sentence_start(text, tokens[i].start()):
            return False  # "Pause" first in a sentence has a capital anyway; "Working Together" two
        size = len(name.low)
        last = tokens[i + size - 1].end()
        if name.mark and text[last : last + 1] != name.mark:
            return False
        first = tokens[i].start()
        if name.lead and (
            first == 0 or text[first - 1] != name.lead or text[first - 2 : first - 1].isalnum()
        ):
            return False  # "-ve" is not the end of "a-ve"
        if size == 1:
            word = words[i]
            # a short everyday word in capitals ("OR", "IT") is not an acronym we know
            return not (not name.exact and _acronym(word) and len(word) <= 3)
        for offset in range(1, size):
            if not _joined(text, tokens, i + offset, offset in name.commas):
                return False
        return True

    def _pattern_matches(self, text: str) -> Iterable[Explained]:
        low = text.lower()
        for pattern, needed, term in self._patterns:
            if needed not in low:
                continue
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    yield self._make(text, m.start(), m.end(), term, None)

    def _coach_matches(self, text: str) -> Iterable[Explained]:
        if self.coach is None or not text.strip():
            return
        for offset, finding in self._coach_findings(text):
            if finding.category not in COACH_CATEGORIES or finding.end <= finding.start:
                continue
            start, end = offset + finding.start, offset + finding.end
            phrase = text[start:end]
            term = self.term_for(phrase)
            linked = self._by_rule.get(finding.rule, [])
            if term is None or (linked and term not in linked):
                term = linked[0] if linked else None
            if term is None:
                continue
            kind = "label" if finding.category == "judgement" else term.kind
            yield self._make(text, start, end, term, finding.rule, kind)

    def _coach_findings(self, text: str) -> Iterable[tuple[int, Any]]:
        """The coach's findings, a few sentences at a time (it is quickest on short texts),
        each with the offset of its piece of text."""
        assert self.coach is not None
        start = 0
        for cut in _SENTENCE_END.finditer(text):
            if cut.end() - start >= CHUNK:
                yield from (
                    (start, f) for f in self.coach.check(text[start : cut.end()], "general")
                )
                start = cut.end()
        if text[start:].strip():
            yield from ((start, f) for f in self.coach.check(text[start:], "general"))

    @staticmethod
    def _make(
        text: str, start: int, end: int, term: Term, rule: str | None, kind: str | None = None
    ) -> Explained:
        return Explained(
            phrase=text[start:end],
            start=start,
            end=end,
            meaning=term.plain,
            ask=term.ask,
            term=term.term,
            kind=kind or term.kind,
            rule=rule,
        )

    @staticmethod
    def _choose(text: str, matches: list[Explained]) -> list[Explained]:
        """Longest first; nothing inside a match already taken, and a match crossing the edge of
        one only if a word of its own is left unexplained. Two matches of the same term that
        overlap ("non-engagement" and the coach's "engagement with") become one."""
        matches = _merged(text, matches)
        taken: list[Explained] = []
        used = bytearray(max((m.end for m in matches), default=0))
        lost: list[Explained] = []
        partial: list[Explained] = []
        for match in sorted(matches, key=lambda m: (m.start - m.end, m.start, m.rule is not None)):
            if used.find(1, match.start, match.end) != -1:
                (lost if match.core is not None else partial).append(match)
                continue
            used[match.start : match.end] = b"\1" * (match.end - match.start)
            taken.append(match)
        crossed: list[Explained] = []
        for match in lost:  # a longer phrase that lost: its term's own words, if they are free
            start, end = match.core or (0, 0)
            own = dataclasses.replace(match, start=start, end=end, phrase=text[start:end])
            if used.find(1, start, end) == -1:
                used[start:end] = b"\1" * (end - start)
                taken.append(own)
            else:
                crossed.append(own)
        crossed += partial
        for match in sorted(crossed, key=lambda m: (m.start - m.end, m.start)):
            # a phrase that crosses the edge of one already taken ("Risk assessed" beside
            # "assessed as low"): kept too, if a word of its own is still unexplained
            free = [
                w
                for w in _TOKEN.finditer(match.phrase)
                if w.group().lower() not in _SMALL_WORDS
                and used.find(1, match.start + w.start(), match.start + w.end()) == -1
            ]
            if free:
                for w in free:
                    used[match.start + w.start() : match.start + w.end()] = b"\1" * len(w.group())
                taken.append(match)
        return taken


def _merged(text: str, matches: list[Explained]) -> list[Explained]:
    """Overlapping matches of one term as one match over both spans (the coach's kind and rule
    are kept, as a coach finding says more about why the words are there)."""
    out: list[Explained] = []
    last: dict[str, int] = {}
    for match in sorted(matches, key=lambda m: (m.start, m.rule is None)):
        at = last.get(match.term)
        if at is not None and match.start < out[at].end:
            prev = out[at]
            keep = prev if prev.rule is not None or match.rule is None else match
            start, end = prev.start, max(prev.end, match.end)
            core = keep.core or prev.core or match.core  # the glossary's own words, if any
            out[at] = dataclasses.replace(
                keep, start=start, end=end, phrase=text[start:end], core=core
            )
            continue
        last[match.term] = len(out)
        out.append(match)
    return out


def _required_text(pattern: re.Pattern[str]) -> str:
    """The longest run of plain letters that every match of ``pattern`` holds, in small
    letters ("/52" for ``\\d{1,2}/52``), or "" when it cannot be told from the top level of
    the pattern (an alternation, a group, an optional part): searching a long text with each
    of many patterns costs more than looking for their letters first."""
    try:  # the parser is private to ``re``: if another Python moves it, every text is searched
        parsed = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
        literal = re._constants.LITERAL  # type: ignore[attr-defined]
    except (re.error, AttributeError, TypeError):
        return ""
    best = run = ""
    for op, value in parsed:
        if op is literal:
            run += chr(value)
            continue
        best, run = max(best, run, key=len), ""
    return max(best, run, key=len).lower()


def _sentence_start(text: str, at: int) -> bool:
    """Whether the word at ``at`` starts a sentence or a line (so it has a capital anyway)."""
    before = text[:at].rstrip(" \t\"'\u2018\u201c(")
    return before[-1:] in ("", ".", "!", "?", ":", "\n", "-", "\u2022")


def _gap(text: str, tokens: list[_Tok], n: int) -> str:
    """What comes between word ``n - 1`` and word ``n``."""
    return text[tokens[n - 1].end() : tokens[n].start()]


def _joined(text: str, tokens: list[_Tok], n: int, comma: bool = False) -> bool:
    """Whether word ``n`` runs on from word ``n - 1`` within one name (a space, a hyphen; a
    comma where the name has one; a full stop after "s" before a number, as in "s. 47")."""
    gap = text[tokens[n - 1].end() : tokens[n].start()]
    if gap == " " or (gap == ":" and tokens[n].group().isdigit()):  # "1:1 support"
        return True
    if comma and _COMMA_GAP.fullmatch(gap):
        return True
    if not _GAP.fullmatch(gap):
        return False
    if not _BAD_GAP.search(gap):
        return True
    return (
        tokens[n - 1].group().lower() in _ABBREVIATIONS
        and tokens[n].group()[:1].isdigit()
        and gap.startswith(".")
    )


def _verbs(term: Term) -> int:
    """Which verb forms of a term's names are found (see :func:`_forms`)."""
    if term.inflect is False:
        return 0
    if term.inflect or term.kind in _BASE_VERB_KINDS:
        return 2
    return 1 if term.kind in _VERB_KINDS else 0


def _word_coach() -> Any:
    """The coach with only its rules about words: the checks of reading age and structure
    cost most of its time on a long report and say nothing about a word's meaning."""
    from sos_assistant.coach import Coach, load_rules

    rules = load_rules()
    try:
        words = tuple(r for r in rules.rules if r.category in COACH_CATEGORIES and r.matches_words)
        return Coach(dataclasses.replace(rules, rules=words))
    except (TypeError, AttributeError):  # the rule set is built differently: all of it, then
        return Coach(rules)


def rank(term: Explained) -> int:
    """Where a term comes in the order of hurt: labels first, then legal steps, then the rest."""
    return _RANK.get(term.kind, len(_RANK))


_default: Explainer | None = None


def explainer() -> Explainer:
    """The explainer over the packaged glossary and coach rules, built on first use."""
    global _default
    if _default is None:
        _default = Explainer()
    return _default


def explain(text: str) -> list[Explained]:
    """Every professional word in ``text`` with its meaning (see :meth:`Explainer.explain`)."""
    return explainer().explain(text)


def plain_lines(text: str) -> list[str]:
    """The meanings of the professional words in ``text``, one line each, for plain mode
    (a screen reader or braille display wraps lines itself). Empty when there are none."""
    from sos_assistant.content import explain_text
    from sos_assistant.safetext import one_line

    terms = explainer().explain(text)
    if not terms:
        return []
    words = explain_text()
    lines = [words.plain_heading]
    for term in terms:
        phrase, meaning, ask = (one_line(x) for x in (term.phrase, term.meaning, term.ask))
        lines.append(f'- "{phrase}": {meaning} {words.ask} {ask}')
    return lines
