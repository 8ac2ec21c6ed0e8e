"""Checks that look at the shape of a sentence, not only at listed words.

"<person> is/was/seems (a/an) <describing word>" and "<person> displays/presents with <noun>"
say what a person *is*, not what they *did*. A person is a name from the map, a family or role
word (cue list ``person``), or a capitalised word just before "is", "was", "seems"...; a
describing word is recognised by its form (cue lists ``label_suffixes``...), by the broad word
list in :mod:`sos_assistant.coach.lexicon`, and by the short lists in ``shape.yaml``. Words that
describe a passing state or a plain fact ("tired", "pregnant", "worried that") are left alone.

Every word list is content (``content/coach/shape.yaml``); this module only reads sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sos_assistant.coach import lexicon
from sos_assistant.coach.hit import Hit
from sos_assistant.coach.phrases import Doc, Token

if TYPE_CHECKING:
    from sos_assistant.coach.rules import Rule, RuleSet

_BREAK = re.compile(r"[.!?;:()\[\]\"“”]")
_CAPITALS = re.compile(r"[A-Z][A-Z]")


def _words(rules: RuleSet, name: str) -> frozenset[str]:
    """The single-word entries of a cue list, in lower case."""
    return rules.word_sets.get(name, frozenset())


def _is_person(doc: Doc, i: int, rules: RuleSet) -> bool:
    """Token ``i`` names a person: a family or role word, or a name from the map. (Phrases in
    the ``person`` list count by their last word: "the mother", "foster carer".) A person's
    conduct counts too: "Mum's parenting", "his attitude", "Dad's behaviour"."""
    word = doc.tokens[i].lower
    people = _words(rules, "person")
    if word in people or word in doc.names or (word.endswith("s") and word[:-1] in people):
        return True  # "the boys", "the girls" as well as "the boy"
    if i == 0 or word not in _words(rules, "conduct"):
        return False
    before = doc.tokens[i - 1]
    owner = before.lower.removesuffix("'s").removesuffix("\u2019s")
    return before.lower in _words(rules, "possessives") or (
        owner != before.lower
        and (owner in _words(rules, "person") or owner in doc.names or before.text[:1].isupper())
    )


@dataclass(frozen=True, slots=True)
class Shape:
    """One "<person> is <word>" found: who, the describing word and where."""

    person: str
    word: str
    start: int
    end: int
    advice: bool


def _separated(doc: Doc, a: Token, b: Token) -> bool:
    return _BREAK.search(doc.text, a.end, b.start) is not None


def _is_capitalised_subject(doc: Doc, i: int, rules: RuleSet) -> bool:
    token = doc.tokens[i]
    if not token.text[:1].isupper() or token.text == "I" or token.text.isupper():
        return False
    if i > 0 and doc.tokens[i - 1].lower in _words(rules, "determiners"):
        return False  # "her English is good": a thing of hers, not a person
    return token.lower not in _words(rules, "not_person")


def shapes(doc: Doc, rules: RuleSet) -> Iterator[Shape]:
    """Every "<person> is/was/seems <describing word>" in the statement."""
    tokens = doc.tokens
    if len(tokens) < 3:
        return
    copulas = _words(rules, "copula")
    being = _words(rules, "being")
    degree = _words(rules, "degree")
    short_forms = _words(rules, "person_is")
    impressions = _words(rules, "impression")
    memo: dict[str, list[tuple[int, int]]] = {}  # cue matches, found once per statement
    if not any(t.lower in being or t.lower in short_forms for t in tokens):
        return  # no "is", "was", "seems"...: nothing to look at
    for i, token in enumerate(tokens[:-1]):
        if token.lower in short_forms:  # "she's", "he's", "they're"
            j = i + 1
            has_be = True
        else:
            nxt = tokens[i + 1]
            if nxt.lower not in copulas or _separated(doc, token, nxt):
                continue
            if not _is_person(doc, i, rules) and not _is_capitalised_subject(doc, i, rules):
                continue
            j = i + 1
            has_be = False
            while j < len(tokens) and tokens[j].lower in copulas and j - i <= 5:
                has_be = has_be or tokens[j].lower in being
                j += 1
        if not has_be or j >= len(tokens) or _separated(doc, tokens[j - 1], tokens[j]):
            continue
        # "seems", "appears", "comes across as": the writer's impression, given as what the
        # person is; any describing word after it is the impression, not a maybe.
        impression = any(t.lower in impressions for t in tokens[i + 1 : j])
        yield from _describing(doc, rules, i, j, degree, impression, memo)


def _describing(
    doc: Doc,
    rules: RuleSet,
    who: int,
    j: int,
    degree: frozenset[str],
    impression: bool = False,
    memo: dict[str, list[tuple[int, int]]] | None = None,
) -> Iterator[Shape]:
    tokens = doc.tokens
    person = _person_words(doc, who, rules)
    # very / so / quite / often ... and -ly words that are not describing words themselves
    marked = False  # "emotionally unavailable", "sexually active": a label whatever the word
    while j < len(tokens) and _is_degree(tokens[j].lower, degree):
        marked = marked or tokens[j].lower in _words(rules, "label_adverbs")
        j += 1
    if j >= len(tokens):
        return
    start = tokens[j].start
    memo = {} if memo is None else memo
    for a, b in _matches(doc, rules, "label_phrases", memo):
        if a == start:  # "is out of control", "is unable to regulate ...": a label phrase
            yield Shape(person, doc.text[a:b], a, b, False)
            return
    if tokens[j].lower == "the":
        yield from _role_metaphor(doc, rules, person, j + 1)
        return
    for a, b in _matches(doc, rules, "hedges", memo):  # "a bit of a loose cannon"
        if a == tokens[j].start:
            while j < len(tokens) and tokens[j].start < b:
                j += 1  # on to the "a" that starts what the person is called
            if j >= len(tokens):
                return
            break
    article = tokens[j].lower in ("a", "an")
    if article:
        j += 1
    seen = 0
    phrase: list[tuple[Token, bool | None]] = []  # the words after "a/an", with verdicts
    listed = False
    while j < len(tokens) and seen < 4:
        word = tokens[j]
        if word.text[:1].isupper():
            break  # a name or a new sentence, not a describing word
        joined = _joined(doc, j)
        if joined > j:
            # "short-tempered", "child-focused", "a hot-headed young man": one describing
            # word made of words
            last = tokens[joined]
            compound = doc.text[word.start : last.end].lower()
            verdict = None
            if compound not in _words(rules, "not_label"):
                verdict = _compound(compound, rules)
                if verdict is None and article and _called(doc, rules, compound, joined):
                    verdict = True  # "a know-it-all", "a stick-in-the-mud": what he is called
                if verdict is not None:
                    yield Shape(
                        person, doc.text[word.start : last.end], word.start, last.end, verdict
                    )
            if not article or verdict is not None:
                break
        following = tokens[j + 1] if j + 1 < len(tokens) else None
        if following is not None and _separated(doc, word, following):
            following = None
        after = following.lower if following else None
        if after == "for" and following is not None and _for_age(doc, rules, following):
            after = None  # "precocious for her age": still a describing word
        elif following is not None and j + 2 < len(tokens):
            nxt = tokens[j + 2].lower
            if after == "to" and (
                not lexicon.is_verb(nxt)
                or (
                    _label_form(word.lower, rules)
                    and word.lower not in _words(rules, "willing_words")
                    and not _hard_to(doc, rules, j, word.lower)
                )
            ):
                # "receptive to advice", "resistant to support" (not "keen to help", nor
                # "impossible to work with", read below): still a label
                after = None
            elif after == "of" and _label_form(word.lower, rules):
                after = None  # "dismissive of the worries" (not "scared of"): still a label
            elif after == "at" and nxt.endswith("ing"):
                after = "to"  # "good at fixing bikes": a skill, not a label
        verdict = _judge(word.lower, after, rules, article, article and _at_work(doc, rules))
        if after == "to" and not article and _hard_to(doc, rules, j, word.lower):
            k = j + 3 if j + 3 < len(tokens) and tokens[j + 3].lower == "with" else j + 2
            end = tokens[k].end
            yield Shape(person, doc.text[word.start : end], word.start, end, False)
            return
        if verdict is None and not article and _praise_participle(doc, rules, word.lower, after):
            verdict = True  # "Mum is fully committed": in a strength, praise that names a quality
        if marked and word.lower.isalpha() and not article and not _done_to(word.lower, rules):
            verdict = False
        marked = False  # "sexually abused or seriously hurt": the adverb marks one word only
        if impression and (
            verdict is True
            or (verdict is None and not article and _impression_word(word.lower, after, rules))
        ):
            verdict = False  # "Grandma appeared frazzled": the writer's impression
        if verdict is not None:
            yield Shape(person, word.text, word.start, word.end, verdict)
        if not listed:
            phrase.append((word, verdict))
        seen += 1
        # "impulsive and immature", "a loud, angry man": keep looking along the list
        if following is None:
            break
        if following.lower in ("and", "or") or doc.text[word.end : following.start].strip() == ",":
            listed = True  # what the person is called ends here: "a good cook and ..."
            j += 2 if following.lower in ("and", "or") else 1
            while j < len(tokens) and _is_degree(tokens[j].lower, degree):
                marked = marked or tokens[j].lower in _words(rules, "label_adverbs")
                j += 1
            continue
        if (
            article
            and (
                lexicon.is_adjective(word.lower)
                or lexicon.is_noun(word.lower)
                or word.lower in _words(rules, "degree")
                or verdict is not None
                or following.lower in _words(rules, "person_kinds")
            )
            and following.lower not in _words(rules, "np_stop")
        ):
            j += 1  # "a heavy drinker", "a known drug dealer": on to the noun
            continue
        break
    if article:
        yield from _kind_of_person(doc, rules, person, phrase)


def _called(doc: Doc, rules: RuleSet, compound: str, last: int) -> bool:
    """After "a", a word of three or more words joined ("a know-it-all") that ends what the
    person is called and holds no family word, job or number ("a mother-in-law", "a
    two-year-old") is a name for a kind of person."""
    parts = compound.split("-")
    tokens = doc.tokens
    if len(parts) < 3 or parts[0] in _words(rules, "not_compound"):
        return False
    roles = _words(rules, "person") | _words(rules, "jobs")
    if any(p in roles or p.rstrip("s") in roles or not p.isalpha() for p in parts):
        return False
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    return (
        nxt is None or _separated(doc, tokens[last], nxt) or nxt.lower in _words(rules, "np_stop")
    )


def _at_work(doc: Doc, rules: RuleSet) -> bool:
    """The statement is about a job ("is a plasterer and works away"): "a ...er" is the job."""
    return rules.cues["work_words"].search(doc)


def _praise_participle(doc: Doc, rules: RuleSet, word: str, after: str | None) -> bool:
    """In the columns of good things, "committed", "dedicated", "determined" (describing words
    made from doing words) only name a quality, like other praise."""
    return (
        doc.kind in _words(rules, "praise_kinds")
        and word.endswith("ed")
        and lexicon.is_adjective(word)
        and not _plain_word(word, rules)
        and word not in _words(rules, "seen_states")
        and (after is None or after not in _words(rules, "state_tied"))
    )


def _impression_word(word: str, after: str | None, rules: RuleSet) -> bool:
    """After "seems", "appeared": a describing word the list knows, even one made from a doing
    word ("frazzled", "unbothered"), is the impression; plain states are left alone."""
    return (
        word.isalpha()
        and (lexicon.is_adjective(word) or word.endswith("ed"))
        and not _plain_word(word, rules)
        and word not in _words(rules, "seen_states")
        and word not in _words(rules, "np_stop")
        and (after is None or after not in _words(rules, "state_after"))
    )


def _matches(
    doc: Doc, rules: RuleSet, cue: str, memo: dict[str, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    if cue not in memo:
        memo[cue] = list(rules.cues[cue].matches(doc))
    return memo[cue]


def _hard_to(doc: Doc, rules: RuleSet, j: int, word: str) -> bool:
    """ "impossible to work with", "hard to reach": token ``j`` is followed by "to" and a word
    of dealing with someone (``hard_to``), and is no word of wanting or being able."""
    tokens = doc.tokens
    return (
        j + 2 < len(tokens)
        and tokens[j + 2].lower in _words(rules, "hard_to")
        and word not in _words(rules, "willing_words")
        and word.isalpha()
    )


def _done_to(word: str, rules: RuleSet) -> bool:
    """ "sexually abused", "emotionally harmed": something done to the person, not a label."""
    return (
        word.endswith(("ed", "en"))
        and lexicon.is_verb(word)
        and word not in _words(rules, "label_words")
    )


def _for_age(doc: Doc, rules: RuleSet, following: Token) -> bool:
    return any(a == following.start for a, _ in rules.cues["for_age"].matches(doc))


def _plain_word(word: str, rules: RuleSet) -> bool:
    return (
        word in _words(rules, "not_label")
        or word in _words(rules, "degree")
        or word in _words(rules, "plain_modifiers")
        or not word.isalpha()
    )


def _kind_of_person(
    doc: Doc, rules: RuleSet, person: str, phrase: list[tuple[Token, bool | None]]
) -> Iterator[Shape]:
    """After "<person> is a/an ...", when no word was a label already: "a doting father" (a
    quality put on a kind of person) and "a runaway" (a kind of person that is not a job, a
    role or a place in the family) sum a person up. Both are tips: the coach cannot be sure."""
    if not phrase or any(v is not None for _, v in phrase):
        return
    # "a known risk", "a very good mum": degree words say how much, not what
    phrase = [(w, v) for w, v in phrase if w.lower not in _words(rules, "degree")]
    if not phrase:
        return
    if any(doc.text[w.end : w.end + 1] == "-" for w, _ in phrase):
        return  # "a stay-at-home dad": a word made of words, not read here
    head = phrase[-1][0]
    roles = _words(rules, "jobs") | _words(rules, "person")
    if head.lower in _words(rules, "person") or head.lower in _words(rules, "person_kinds"):
        for word, _ in phrase[:-1]:
            w = word.lower
            if (
                (lexicon.is_adjective(w) or (w.endswith("ing") and not lexicon.is_noun(w)))
                and not _plain_word(w, rules)
                and (not w.endswith("ed") or _praise_participle(doc, rules, w, None))
                and w not in roles
            ):
                yield Shape(person, word.text, word.start, word.end, True)
                return
        return
    if head.lower in roles:
        return
    verdicts = _words(rules, "verdict_words")
    for word, _ in phrase[:-1]:
        if word.lower in verdicts and lexicon.is_noun(head.lower):
            # "a bad influence", "a poor role model": a verdict on the person as a whole
            yield Shape(person, word.text, word.start, head.end, True)
            return
    if (
        len(phrase) == 2
        and lexicon.is_noun(phrase[0][0].lower)
        and not lexicon.is_adjective(phrase[0][0].lower)
        and not _plain_word(phrase[0][0].lower, rules)
        and lexicon.is_noun(head.lower)
        and not _plain_word(head.lower, rules)
        and not _at_work(doc, rules)
        and not any(doc.text[w.end : w.end + 1] == "-" for w, _ in phrase)
    ):
        # "a role model", "a party animal": a kind of person that is not a job or a role
        yield Shape(person, phrase[0][0].text, phrase[0][0].start, head.end, True)
        return
    known_noun = lexicon.is_noun(head.lower) or (
        lexicon.available() and not lexicon.known(head.lower)  # "a doormat": not in the list
    )
    if (
        len(phrase) == 1
        and not _plain_word(head.lower, rules)
        and known_noun
        and not _at_work(doc, rules)  # "a tiler and works away": the job
    ):
        yield Shape(person, head.text, head.start, head.end, True)


def _role_metaphor(doc: Doc, rules: RuleSet, person: str, j: int) -> Iterator[Shape]:
    """ "Nan is the rock of the family", "Dad is the problem in the house": a part given to a
    person in a group, not something they did (a tip). "Mum is the main carer" is left alone."""
    tokens = doc.tokens
    roles = _words(rules, "jobs") | _words(rules, "person")
    k = j
    while k < len(tokens) and k - j < 3 and tokens[k].lower not in _words(rules, "np_stop"):
        if tokens[k].text[:1].isupper() or not tokens[k].lower.isalpha():
            return
        k += 1
    if k == j or k + 2 >= len(tokens) or tokens[k].lower not in ("of", "in"):
        return
    head = tokens[k - 1]
    if head.lower in roles or _plain_word(head.lower, rules) or not lexicon.is_noun(head.lower):
        return
    if tokens[k + 1].lower not in _words(rules, "determiners"):
        return
    if tokens[k + 2].lower not in _words(rules, "groups"):
        return
    yield Shape(person, head.text, head.start, head.end, True)


def _person_words(doc: Doc, who: int, rules: RuleSet) -> str:
    """How to name the person in a question: "Dad", "the family", "Mum's partner"."""
    tokens = doc.tokens
    person = tokens[who].text
    if tokens[who].lower in _words(rules, "person_is"):
        return tokens[who].lower.split("'")[0]  # "She's" -> "she"
    if who == 0 or _separated(doc, tokens[who - 1], tokens[who]):
        return person
    before = tokens[who - 1]
    if before.lower in _words(rules, "determiners"):
        return f"{before.lower} {person}"
    if before.lower.endswith("'s") and before.text[:1].isupper():
        return f"{before.text} {person}"
    return person


def _is_degree(word: str, degree: frozenset[str]) -> bool:
    if word in degree:
        return True
    return (
        word.endswith("ly")
        and len(word) > 4
        and lexicon.is_adverb(word)
        and not lexicon.is_adjective(word)
    )


def _joined(doc: Doc, j: int) -> int:
    """The last token of the hyphenated word that starts at token ``j`` (``j`` if none)."""
    tokens = doc.tokens
    k = j
    while k + 1 < len(tokens) and doc.text[tokens[k].end : tokens[k + 1].start] == "-":
        k += 1
    return k


def _compound(word: str, rules: RuleSet) -> bool | None:
    """ "short-tempered", "child-focused", "hard-working": a describing word made of words.
    Ending in a participle ("-tempered", "-focused") it sums the person up; ending in another
    describing word the list knows ("-working", "-minded") it may."""
    parts = [p for p in word.split("-") if p]
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return None
    last = parts[-1]
    if (
        last in _words(rules, "not_label")
        or last in _words(rules, "body_compounds")
        or parts[0] in _words(rules, "not_compound")
    ):
        return None  # "two-year-old", "self-employed", "non-verbal", "well-fed", "red-haired"
    if last.endswith("ed") and len(last) > 4:
        return False
    if lexicon.is_adjective(last) or last.endswith("ing"):
        return True
    return None


def _label_form(word: str, rules: RuleSet) -> bool:
    """A describing word by its ending ("dismissive", "neglectful"), not a plain state."""
    return (
        _has_suffix(word, _words(rules, "label_suffixes"))
        and lexicon.is_adjective(word)
        and word not in _words(rules, "not_label")
    )


def _has_suffix(word: str, suffixes: frozenset[str]) -> bool:
    return any(word.endswith(s) and len(word) > len(s) + 2 for s in suffixes)


def _judge(
    word: str, following: str | None, rules: RuleSet, article: bool, at_work: bool = False
) -> bool | None:
    """None: not a label; False: a label (a finding); True: maybe a label (a tip)."""
    if not word.isalpha() and "-" not in word:
        return None
    if word in _words(rules, "not_label") or word in _words(rules, "person"):
        return None
    if word in _words(rules, "np_stop"):
        return None  # "Liam is with her", "Dad is at work": where someone is, not what
    if word in _words(rules, "state_after"):
        return None
    if following is not None and following in _words(rules, "state_after"):
        return None  # "worried that", "keen to", "scared of", "good at"
    if word in _words(rules, "label_words"):
        return False
    if word in _words(rules, "praise_words"):
        return True
    if article:
        if word in _words(rules, "jobs") or word in _words(rules, "plain_modifiers"):
            return None
        if _has_suffix(word, _words(rules, "label_noun_suffixes")):
            return None if at_work else False
        if lexicon.is_adjective(word) and _has_suffix(word, _words(rules, "label_suffixes")):
            return False
        return None
    if _has_suffix(word, _words(rules, "label_participles")):
        return None if word in _words(rules, "events") else False
    if (
        word.endswith("ing")
        and lexicon.is_adjective(word)
        and any(
            word.startswith(p) and len(word) > len(p) + 4 for p in _words(rules, "label_prefixes")
        )
    ):
        return False  # "uncaring", "overbearing" (not "unsettled", "unwashed": what was seen)
    if _has_suffix(word, _words(rules, "label_suffixes")):
        if lexicon.is_adjective(word) or not lexicon.known(word):
            return False
        return None
    if lexicon.is_adjective(word) and not lexicon.is_verb(word):
        return True
    if lexicon.available() and not lexicon.known(word) and word.isalpha() and len(word) > 3:
        return True  # a word the list does not know ("workshy", "mardy"): maybe a label
    return None


# ---------------------------------------------------------------------------------------------
# Built-in checks (named in ``shape.yaml``)


def person_is(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    found = list(shapes(doc, rules))
    if doc.kind in _words(rules, "praise_kinds"):
        # In the columns of good things, a word known only by its ending ("patient",
        # "attentive") is more likely praise than a label: a tip, like other praise.
        found = [
            s if s.advice or s.word.lower() in _words(rules, "label_words") else _maybe(s)
            for s in found
        ]
    spans = [(s.start, s.end) for s in found]
    setting = _circumstances(doc, rules) if any(s.advice for s in found) else []

    def outside(cue: str) -> bool:
        # The shape's own words ("has been" in "has been receptive") are not what was done,
        # and nor are the words of the moment the label was given ("when asked who stays").
        return any(
            not any(
                a < end and (b > start or not doc.text[b:start].strip()) for start, end in spans
            )
            and not any(x <= a < y for x, y in setting)
            for a, b in rules.cues[cue].matches(doc)
        )

    if any(s.advice for s in found) and (
        outside("specific") or _who_does(doc, rules, spans, setting)
    ):
        # A maybe-label beside what was seen or done ("calm and kind when Ivy cried, and she
        # sang to her") is described already: no tip.
        found = [s for s in found if not s.advice]
    return [
        Hit(s.start, s.end, True if s.advice else None, {"person": s.person, "word": s.word})
        for s in found
    ]


def _circumstances(doc: Doc, rules: RuleSet) -> list[tuple[int, int]]:
    """ "when asked who else stays at the house", "when it comes to her partner": the moment
    a label was given (cue list ``circumstance``), up to the end of its clause. What it says
    is the setting, not what the person did there."""
    out = []
    for a, b in rules.cues["circumstance"].matches(doc):
        end = _CLAUSE_END.search(doc.text, b)
        out.append((a, end.start() if end else len(doc.text)))
    return out


_CLAUSE_END = re.compile(r"[,.!?;:()]|\s(?:and|but)\s", re.IGNORECASE)


def _who_does(
    doc: Doc, rules: RuleSet, spans: list[tuple[int, int]], setting: list[tuple[int, int]]
) -> bool:
    """ "a lively girl who loves dancing to music in the kitchen": after the maybe-label, a
    "who ..." clause says what the person does. Not "keeps itself to itself": a doing word
    whose object is the person again is a way of being, not a deed."""
    tokens = doc.tokens
    end = max((b for _, b in spans), default=0)
    being = _words(rules, "being")
    for i, token in enumerate(tokens[:-1]):
        if token.start < end or token.lower not in ("who", "and"):
            continue
        if any(x <= token.start < y for x, y in setting):
            continue
        k = i + 1
        if token.lower == "and" and (_is_person(doc, k, rules) or tokens[k].text[:1].isupper()):
            k += 1  # "and Aaron talks to him about football"
        if k + 1 >= len(tokens):
            continue
        nxt = tokens[k].lower
        # "and she showed Kai photos": after a person, a deed in the past tense too
        done = nxt.endswith("s") or (k > i + 1 and nxt.endswith("ed"))
        if nxt not in being and lexicon.is_verb(nxt) and done:
            if k + 1 < len(tokens) and tokens[k + 1].lower in _words(rules, "reflexives"):
                continue  # "keeps itself to itself", "keeps herself to herself"
            return True  # "who loves dancing", "and goes to the club"
    return False


def _maybe(shape: Shape) -> Shape:
    return Shape(shape.person, shape.word, shape.start, shape.end, True)


def person_displays(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """ "<person> displays / presents with / exhibits <something>": a worker's reading."""
    hits = []
    not_after = _words(rules, "display_not_before")
    for start, end in rules.cues["display"].matches(doc):
        after = doc.text[end:].lstrip()
        nxt = after.split(" ", 1)[0].lower().strip(",.") if after else ""
        if not nxt or nxt in not_after:
            continue
        hits.append(Hit(start, end, None, {"word": doc.text[start:end]}))
    return hits


def states(doc: Doc, rules: RuleSet) -> Iterator[tuple[int, int]]:
    """ "will be contented", "to feel secure", "will stay settled": a plan or a goal that is a
    state, found by its form (a future or "to", a being word, a describing word in the broad
    word list) rather than by a list of states. What people can see ("will be sober", "will
    be at school") and a describing word tied to something ("keen to", "calm when") are not."""
    tokens = doc.tokens
    leads = _words(rules, "state_leads")
    verbs = _words(rules, "state_verbs")
    seen = _words(rules, "seen_states")
    tied = _words(rules, "state_tied")
    degree = _words(rules, "degree")
    time: list[int] | None = None  # where the time spans start, worked out when needed
    for i in range(1, len(tokens) - 1):
        lead = tokens[i - 1].lower.replace("\u2019", "'")
        if tokens[i].lower not in verbs or not (lead in leads or lead.endswith("'ll")):
            continue
        j = i + 1
        if tokens[i].lower in _words(rules, "state_having"):
            # "will have a stable home": only a describing word after "a"
            if j + 1 >= len(tokens) or tokens[j].lower not in ("a", "an"):
                continue
            j += 1
        while j < len(tokens) and _is_degree(tokens[j].lower, degree):
            j += 1
        if j >= len(tokens) or _separated(doc, tokens[j - 1], tokens[j]):
            continue
        word = tokens[j]
        w = word.lower
        if word.text[:1].isupper() or w in seen or not w.isalpha():
            continue
        if _ongoing(doc, rules, i, j):
            yield word.start, word.end  # "the children will be flourishing by the summer"
            continue
        if not lexicon.is_adjective(w) or lexicon.is_adverb(w):
            continue  # "will stay over", "will be there": where, not a state
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if nxt is not None and not _separated(doc, word, nxt) and nxt.lower in tied:
            # "calm when ...", "kind to ..."; but "secure for six months" is still a state
            if time is None:
                time = [a for a, _ in rules.cues["time_span"].matches(doc)]
            soon = tokens[min(j + 3, len(tokens) - 1)].end
            if not any(nxt.start <= a <= soon for a in time):
                continue
        if (
            w.endswith(("ed", "en"))
            and lexicon.is_verb(w)
            and not _said_of_person(doc, rules, i - 2)
        ):
            continue  # "assessment to be completed": something to be done, not a state
        yield word.start, word.end


def _ongoing(doc: Doc, rules: RuleSet, i: int, j: int) -> bool:
    """In a goal, "will be <doing word>-ing" with nothing after it but the end or a span of
    time ("will be thriving", "will be flourishing by the summer") is how things should be;
    "will be sleeping by 8pm" and "will be walking Kai to school" are what people will see."""
    tokens = doc.tokens
    word = tokens[j].lower
    if (
        doc.kind != "goal"
        or tokens[i].lower != "be"
        or not word.endswith("ing")
        or not lexicon.is_verb(word)
        or not _said_of_person(doc, rules, i - 2)
    ):
        return False
    if j + 1 >= len(tokens) or _separated(doc, tokens[j], tokens[j + 1]):
        return True
    rest = tokens[j + 1].start
    if tokens[j + 1].lower in ("and", "or"):
        return True
    for a, b in rules.cues["time_span"].matches(doc):
        if a == rest:
            return not any(c.isdigit() for c in doc.text[a:b])
    return False


def _said_of_person(doc: Doc, rules: RuleSet, i: int) -> bool:
    """Token ``i`` (the subject before "will", "to") is a person: "Rhys will be contented"."""
    if i < 0:
        return False
    token = doc.tokens[i]
    return (
        _is_person(doc, i, rules)
        or token.lower in _words(rules, "pronouns")
        or (token.text[:1].isupper() and token.lower not in _words(rules, "not_person"))
    )


def vague_quality(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """Praise or a plan that only names a quality ("good mum", "engaged well", "safe")."""
    if any(c.isdigit() for c in doc.text):
        return []
    found = [
        (a, b)
        for a, b in rules.cues["quality_only"].matches(doc)
        if not _loves_a_thing(doc, rules, a, b)
    ] + list(states(doc, rules))
    # A doing word inside the quality itself ("made" in "made great progress") is not what
    # was seen or done.
    if any(
        not any(a < qb and b > qa for qa, qb in found)
        for a, b in rules.cues["specific"].matches(doc)
    ):
        return []
    return _outer(doc, _not_before(doc, rules, iter(found)))


def _loves_a_thing(doc: Doc, rules: RuleSet, a: int, b: int) -> bool:
    """ "Kayla loves swimming": a fact about what someone likes, not praise of a parent. Only
    "loves <a person>" ("Mum loves them", "Dad loves Kai") is a quality with nothing seen."""
    if doc.text[a:b].lower() not in _words(rules, "loving_words"):
        return False
    after = [t for t in doc.tokens if t.start >= b][:2]
    if not after:
        return False
    nxt = after[0]
    if nxt.lower in _words(rules, "determiners") and len(after) > 1:
        nxt = after[1]  # "loves her children", "loves his cat"
    people = _words(rules, "person") | _words(rules, "pronouns")
    is_person = (
        nxt.lower in people
        or nxt.lower.rstrip("s") in people
        or nxt.lower in doc.names
        or nxt.text[:1].isupper()
    )
    return not is_person


def _not_before(
    doc: Doc, rules: RuleSet, spans: Iterator[tuple[int, int]], cue: str = "quality_context"
) -> Iterator[tuple[int, int]]:
    """Drop a quality followed by words that make it specific ("doing well in maths")."""
    context = _words(rules, cue)
    by_someone = rules.cues["by_someone"].regex
    for a, b in spans:
        after = doc.text[b:].split(None, 1)
        # "looked after by Gran"; but "better by the summer" is a date
        if (
            after
            and after[0].lower().strip(",.") in context
            and (after[0].lower() != "by" or by_someone is None or by_someone.match(doc.text, b))
            and not _hard_times(after, rules)
        ):
            continue
        yield a, b


def _hard_times(after: list[str], rules: RuleSet) -> bool:
    """ "doing her best in difficult circumstances": "in" and a describing word say how hard
    things are, not where the quality was seen ("doing well in maths")."""
    if after[0].lower() != "in" or len(after) < 2:
        return False
    words = after[1].split(None, 2)
    if words[0].lower() in ("a", "an", "such") and len(words) > 1:
        words = words[1:]  # "in a stressful situation"
    word = words[0].strip(",.")
    return (
        word.isalpha()
        and word.islower()  # not "in English"
        and not word.endswith("ing")  # "doing well in reading"
        and lexicon.is_adjective(word)
        and word not in _words(rules, "plain_modifiers")
        and word not in _words(rules, "determiners")
    )


def _outer(doc: Doc, spans: Iterator[tuple[int, int]]) -> list[Hit]:
    """One hit per run of words: "be happy", not also "happy" inside it."""
    found = sorted(spans, key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for a, b in found:
        if not any(x <= a and b <= y for x, y in kept):
            kept.append((a, b))
    return [Hit(a, b, None, {"word": doc.text[a:b]}) for a, b in kept]


def goal_seen(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """A goal that is only a state ("Kai will be safe", "Dani will be happy")."""
    found = list(rules.cues["goal_state"].matches(doc)) + list(states(doc, rules))
    found += _quality_places(doc, rules)
    return _outer(doc, _not_before(doc, rules, iter(found), "goal_context"))


def _quality_places(doc: Doc, rules: RuleSet) -> list[tuple[int, int]]:
    """ "will grow up in a loving and safe home", "will live in a nurturing environment": a
    quality put on the place (cue list ``settings``), which nobody can see happen. What people
    can see ("a clean house") and plain facts ("a new flat") are left alone."""
    tokens = doc.tokens
    settings = _words(rules, "settings")
    seen = _words(rules, "seen_states")
    out = []
    for i, token in enumerate(tokens):
        if token.lower not in ("a", "an") or i + 2 >= len(tokens):
            continue
        j = i + 1
        quality: list[Token] = []
        while j < len(tokens) and j - i <= 5:
            w = tokens[j].lower
            if w in ("and", "or") or _is_degree(w, _words(rules, "degree")):
                j += 1
                continue
            if w in settings:
                break
            describing = lexicon.is_adjective(w) or (w.endswith("ing") and lexicon.is_verb(w))
            if not (w.isalpha() and describing) or w in seen:
                quality = []
                break
            if w in _words(rules, "plain_modifiers") or w in _words(rules, "not_compound"):
                quality = []
                break
            quality.append(tokens[j])
            j += 1
        if quality and j < len(tokens) and tokens[j].lower in settings:
            out.append((quality[0].start, tokens[j].end))
    return out


def goal_who_sees(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if rules.cues["seer"].search(doc):
        return []
    pronouns = _words(rules, "pronouns")
    people = {t.lower for t in doc.tokens if t.lower in doc.names} | {
        doc.text[a:b].lower() for a, b in rules.cues["person"].matches(doc)
    }
    # A second person who will do something (not only be or stay something) is the one who
    # sees, though the map does not list the name: "Roisin will not drink ..., and Declan will
    # breath-test her each morning". The first one who "will" is the one who changes.
    skip = _words(rules, "not_person")
    tokens = doc.tokens
    subjects: list[str] = []
    for i in range(len(tokens) - 2):
        t = tokens[i]
        if tokens[i + 1].lower != "will" or t.lower in skip or t.lower in pronouns:
            continue
        if not (t.text[:1].isupper() and t.text.isalpha()) and t.lower not in people:
            continue
        acts = tokens[i + 2].lower not in {"be", "stay", "not", "never", "no"}
        if subjects and t.lower not in subjects and acts:
            return []
        subjects.append(t.lower)
    people -= pronouns
    if len(people) >= 2:
        return []
    return [Hit(0, len(doc.text))]


def danger_behaviour(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """A danger statement with no adult doing anything: only who is worried and the outcome."""
    tokens = doc.tokens
    worry_end = next((b for _, b in rules.cues["worry"].matches(doc)), 0)
    if any(a >= worry_end for a, _ in rules.cues["behaviour"].matches(doc)):
        return []
    adults = doc.adults
    outcome = _words(rules, "outcome_verbs")
    modals = _words(rules, "modals")
    skip = _words(rules, "not_person")
    for i, token in enumerate(tokens):
        if token.start < worry_end:
            continue
        if token.lower in adults:
            return []
        if not token.text[:1].isupper() or token.lower in skip or token.text == "I":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower in modals:
            j += 1
        if j > i + 1 and j < len(tokens) and tokens[j].lower not in outcome:
            return []  # "Lee may argue", "Dani will leave": someone doing something
    return [Hit(0, len(doc.text))]


def acronym(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """ "referred to a DVPP", "the IDVA will support Mum": capitals of two to six letters (a
    plural "s" allowed) that no word list knows are likely shorthand. Letters everyone knows
    (``everyday_acronyms``) and a word written in capitals ("Mum said NO") are left alone, and
    so is a statement written all in capitals. A tip: the coach cannot be sure."""
    text = doc.text
    if _CAPITALS.search(text) is None or not any(c.islower() for c in text):
        return []
    known = rules.word_sets.get("everyday_acronyms", frozenset()) | _words(rules, "not_acronym")
    hits = []
    for token in doc.tokens:
        word = token.text
        core = word[:-1] if word.endswith("s") and len(word) > 2 else word
        if not (2 <= len(core) <= 6 and core.isalpha() and core.isupper()):
            continue
        low = core.lower()
        if low in known or lexicon.known(token.lower) or lexicon.known(low):
            continue
        hits.append(Hit(token.start, token.end, True, {"word": word}))
    return hits


def simile(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """ "treats him like a baby", "acts like a teenager", "talks to Kai like an adult": a
    picture of a person (a doing word from ``simile_verbs``, up to three words, then "like
    a/an" and a word), not what they did."""
    tokens = doc.tokens
    verbs = _words(rules, "simile_verbs")
    hits = []
    for i, token in enumerate(tokens):
        if token.lower != "like" or i + 2 >= len(tokens) or tokens[i + 1].lower not in ("a", "an"):
            continue
        for k in range(i - 1, max(i - 5, -1), -1):
            if _separated(doc, tokens[k], tokens[k + 1]):
                break
            if tokens[k].lower in verbs:
                end = tokens[i + 2].end
                hits.append(
                    Hit(tokens[k].start, end, None, {"word": doc.text[tokens[k].start : end]})
                )
                break
    return hits
