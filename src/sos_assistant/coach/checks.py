"""The built-in checks that structure, readability and map rules name with ``check:``.

A check only decides *where* a rule fires; what the finding says comes from the rule's content.
Checks look for cue words from the rule files' ``cues`` lists, so a practice lead can widen
them without touching Python. They are honest about being heuristics: a rule marked
``advice: true`` (or a hit that says so) is shown as a question to consider, not a fault.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from sos_assistant.coach.hit import Hit, MapHit
from sos_assistant.coach.phrases import Doc
from sos_assistant.coach.text import reading_age, sentences, word_count

if TYPE_CHECKING:
    from sos_assistant.coach.rules import Rule, RuleSet
    from sos_assistant.model import Map, Statement


StatementCheck = Callable[[Doc, "Rule", "RuleSet"], list[Hit]]
MapCheck = Callable[["Map", "Rule", "RuleSet"], list[MapHit]]


def _has(rules: RuleSet, cue: str, doc: Doc) -> bool:
    return rules.cues[cue].search(doc)


def _whole(doc: Doc, advice: bool | None = None, **values: object) -> list[Hit]:
    return [Hit(0, len(doc.text), advice, values)]


# ---------------------------------------------------------------------------------------------
# Readability


def _long_words(doc: Doc, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """(long words, all words) in a span. A name is not a hard word (a family knows its own
    names), and a possessive 's does not make a word long."""
    stop = len(doc.text) if end is None else end
    long_words = total = 0
    first = True
    for token in doc.tokens:
        if token.start < start or token.start >= stop:
            continue
        total += 1
        word = token.lower.removesuffix("'s").removesuffix("\u2019s")
        is_name = token.text[:1].isupper() and not first
        first = False
        if len(word) >= 9 and not is_name:
            long_words += 1
    return long_words, total


def _hard_sentence(doc: Doc, rule: Rule, start: int, end: int) -> bool:
    """A long sentence is hard when its words are hard or it runs clause after clause."""
    long_words, total = _long_words(doc, start, end)
    if long_words > rule.spec.params.get("long_word_share", 0.08) * total:
        return True
    joins = len(re.findall(r"\b(?:and|then|but|so)\b", doc.text[start:end], re.IGNORECASE))
    return joins >= int(rule.spec.params.get("run_on_joins", 4))


def sentence_length(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """Sentences over ``max_words`` words are asked to split when they are also hard (hard
    words, or clause after clause). A sentence of everyday words is only asked to split over
    ``plain_max_words``: a plain 28-word sentence that says what was done and how often is
    easier to read than two halves. A danger statement, goal, harm or safety statement has
    several parts the approach asks for (who, what, when, for how long), so there a plain
    sentence of up to ``kind_max_words`` words is expected."""
    limit = int(rule.spec.params.get("max_words", 25))
    if len(doc.tokens) <= limit:
        return []
    # Cue entries spell a kind with a hyphen ("next-step").
    long_kind = doc.kind.replace("_", "-") in rules.word_sets.get("long_kinds", frozenset())
    plain_limit = int(rule.spec.params.get("plain_max_words", limit))
    kind_limit = int(rule.spec.params.get("kind_max_words", plain_limit)) if long_kind else 0
    plain_limit = max(plain_limit, kind_limit)
    hits = []
    for start, end in sentences(doc.text):
        count = word_count(doc.text[start:end])
        if count <= limit:
            continue
        if count <= plain_limit and not _hard_sentence(doc, rule, start, end):
            continue
        hits.append(Hit(start, end, None, {"words": count, "max_words": limit}))
    return hits


def _everyday_words(doc: Doc, rule: Rule) -> bool:
    """Few long words: a high reading age then comes from long sentences, not hard words."""
    long_words, total = _long_words(doc)
    return long_words <= rule.spec.params.get("long_word_share", 0.08) * total


def _reading_too_high(doc: Doc, rule: Rule) -> float | None:
    if len(doc.tokens) < rule.spec.params.get("min_words", 12):
        return None
    age = reading_age(doc.text)
    limit = rule.spec.params.get("max_age", 11)
    # The formula is rough on one or two sentences: allow some slack before reporting.
    if age <= limit + rule.spec.params.get("slack", 0):
        return None
    return age


def reading_level(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    age = _reading_too_high(doc, rule)
    if age is None or _everyday_words(doc, rule):
        return []
    return _whole(doc, age=round(age), max_age=round(rule.spec.params.get("max_age", 11)))


def reading_split(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """A long statement in everyday words: ask to split it, not to change its words."""
    if len(doc.tokens) < rule.spec.params.get("min_words", 30):
        return []
    spans = sentences(doc.text)
    if len(doc.tokens) / max(1, len(spans)) <= rule.spec.params.get("words_per_sentence", 20):
        return []
    if any(word_count(doc.text[a:b]) > rule.spec.params.get("max_words", 25) for a, b in spans):
        return []  # the sentence-length rule says it already, sentence by sentence
    age = _reading_too_high(doc, rule)
    if age is None or not _everyday_words(doc, rule):
        return []
    return _whole(doc, words=len(doc.tokens))


# ---------------------------------------------------------------------------------------------
# Structure, by kind of statement


def danger_who(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    return [] if _has(rules, "worry", doc) else _whole(doc)


def danger_outcome(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """What could happen to the child: a future word. A future word that only carries on the
    adult's behaviour ("Ms Popescu will keep leaving the baby ...") says what the adult may
    do, not what could happen to the child."""
    going_on = rules.word_sets.get("carries_on", frozenset())
    # "something bad could happen", "things could get worse": a future that names no harm
    words = rules.word_sets.get("vague_outcome_words", frozenset())
    vague = (
        list(rules.cues["vague_outcome"].matches(doc))
        if any(t.lower in words for t in doc.tokens)
        else []
    )
    for a, b in rules.cues["future"].matches(doc):
        after = doc.text[b:].split(None, 1)
        if after and after[0].lower().strip(",.") in going_on:
            continue
        if any(x <= a < y for x, y in vague):
            continue
        return []
    return _whole(doc)


def _how_long(doc: Doc, rules: RuleSet) -> bool:
    """Does the statement say for how long (or from when on)? A time span or a date to be
    reached ("for six months", "until Easter", "by the end of June") counts; how often alone
    ("every day", "each night", "weekly") does not: it says how often, not for how long."""
    how_often = rules.word_sets.get("how_often", frozenset())
    tokens = doc.tokens
    for a, b in rules.cues["time_span"].matches(doc):
        if doc.text[a:b].lower() in how_often:
            continue
        before = [t.lower for t in tokens if t.end <= a][-2:]
        if before and (before[-1] in how_often or " ".join(before) in how_often):
            continue
        return True
    return False


def goal_time(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    return [] if _how_long(doc, rules) else _whole(doc)


def goal_only_stop(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if _has(rules, "stop", doc) and not _has(rules, "seen", doc):
        return _whole(doc)
    return []


def harm_prediction(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if _has(rules, "future", doc) and not _has(rules, "past", doc):
        return _whole(doc)
    return []


def harm_event(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if _has(rules, "past", doc) or _has(rules, "future", doc):
        return []
    return _whole(doc)


def complicating_harm(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """Harm to the child written as a complicating factor. A harm word inside what someone does
    not believe or denies ("she does not believe Rhodri hit Lowri") is left alone: the
    disbelief is the complicating factor, and the harm is written elsewhere."""
    doubted = [b for _, b in rules.cues["disbelief"].matches(doc)]
    for a, _ in rules.cues["harm_event"].matches(doc):
        if not any(b <= a for b in doubted) and not _said_of_a_thing(doc, rules, a):
            return _whole(doc)
    return []


def _said_of_a_thing(doc: Doc, rules: RuleSet, at: int) -> bool:
    """ "the lift has been broken", "the boiler is broken": a harm word said of a thing (after
    "is", "has been"... whose subject is no person, name or pronoun), not of a child."""
    copulas = rules.word_sets.get("copula", frozenset())
    before = [t for t in doc.tokens if t.end <= at]
    k = len(before)
    while k > 0 and before[k - 1].lower in copulas:
        k -= 1
    if k == len(before) or k == 0:
        return False
    subject = before[k - 1]
    return not (
        subject.text[:1].isupper()
        or subject.lower in doc.names
        or subject.lower in rules.word_sets.get("person", frozenset())
        or subject.lower in rules.word_sets.get("pronouns", frozenset())
    )


def _a_plan(doc: Doc, rules: RuleSet) -> bool:
    """Written as what will happen ("Grandad will check on the boys"): the first verb the
    statement leads with is a "will", not something already done ("has walked")."""
    plan = next((a for a, _ in rules.cues["plan"].matches(doc)), None)
    if plan is None:
        return False
    done = next((a for a, _ in rules.cues["past"].matches(doc)), None)
    return done is None or plan < done


def safety_over_time(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    """Protective action shown over time. A plan written in the safety column has not been
    shown yet: like a safety goal, it needs at least to say for how long ("every evening" is
    how often, not for how long)."""
    if _a_plan(doc, rules):
        return [] if _how_long(doc, rules) else _whole(doc)
    if _has(rules, "over_time", doc) or _exception(doc, rules):
        return []
    return _whole(doc)


def _exception(doc: Doc, rules: RuleSet) -> bool:
    """ "When her ex-partner texted her in May, Mum showed the messages to her worker": a time
    the danger came and what someone did then (an exception, which Signs of Safety counts),
    told as it happened: a "when" clause in the past and a deed in the past outside it."""
    moments = list(rules.cues["exception"].matches(doc))
    if not moments:
        return False
    past = [x for x, _ in rules.cues["past"].matches(doc)]
    inside = [x for x in past if any(a <= x < b for a, b in moments)]
    return bool(inside) and len(inside) < len(past)


def safety_strength(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if _has(rules, "quality", doc) and not _has(rules, "protective", doc):
        return _whole(doc)
    return []


def strength_safety(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    if _has(rules, "protective", doc) and _has(rules, "over_time", doc):
        return _whole(doc)
    return []


def next_step_when(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    return [] if _has(rules, "when", doc) else _whole(doc)


_SENTENCE_BREAK = re.compile(r"[.!?:;]")
_DOER_VERBS = frozenset(
    {"will", "is", "are", "has", "have", "to", "agreed", "agrees", "can", "should", "must", "and"}
)


def _names_who(doc: Doc, rules: RuleSet) -> bool:
    """Does the statement name who does it? A person word ("Mum", "the school"), or a name:
    a capitalised word mid-sentence that is not a day or month, or at the start followed
    soon by "will", "is going to", "has agreed" and the like."""
    if _has(rules, "doer", doc):
        return True
    tokens = doc.tokens
    when = list(rules.cues["when"].matches(doc))
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper() or any(a <= token.start < b for a, b in when):
            continue
        starts_sentence = i == 0 or _SENTENCE_BREAK.search(doc.text, tokens[i - 1].end, token.start)
        if token.text == "I" or (not starts_sentence and not token.text.isupper()):
            return True
        if any(t.lower in _DOER_VERBS for t in tokens[i + 1 : i + 4]):
            return True
    return False


def _passives_without_doer(doc: Doc, rules: RuleSet) -> list[int]:
    """ "Parenting course to be arranged", "a referral will be made": nobody does it. The
    places where such passives start."""
    by_someone = rules.cues["by_someone"].regex
    return [
        start
        for start, end in rules.cues["passive"].matches(doc)
        if not by_someone or not by_someone.match(doc.text, end)
    ]


_CLAUSE_START = re.compile(r"[,.;:!?]|\b(?:and|but|then|so)\b", re.IGNORECASE)


def _without_passive_subjects(doc: Doc, starts: list[int]) -> Doc:
    """ "Dad should be spoken to", "Mum will be offered a course": the person before a passive
    is the one it is done to, not who does it. The statement with those words blanked."""
    text = doc.text
    for start in starts:
        begin = 0
        for match in _CLAUSE_START.finditer(text, 0, start):
            begin = match.end()
        text = text[:begin] + " " * (start - begin) + text[start:]
    return Doc(text, doc.names, doc.adults, doc.kind)


def next_step_who(doc: Doc, rule: Rule, rules: RuleSet) -> list[Hit]:
    passives = _passives_without_doer(doc, rules)
    if passives:
        doc = _without_passive_subjects(doc, passives)
        if not _has(rules, "doer", doc):
            return _whole(doc)
    return [] if _names_who(doc, rules) else _whole(doc)


# ---------------------------------------------------------------------------------------------
# Map-level checks


def _slot(section: str, index: int) -> str:
    return f"{section}[{index}]"


def _content_words(text: str, rules: RuleSet) -> frozenset[str]:
    cache = rules.content_words
    words = cache.get(text)
    if words is None:
        doc = Doc(text)
        common = {start for start, _ in rules.cues["common"].matches(doc)}
        words = frozenset(t.lower for t in doc.tokens if len(t.lower) > 3 and t.start not in common)
        if len(cache) >= 4096:  # a long session: start again rather than grow
            cache.clear()
        cache[text] = words
    return words


def danger_goals(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    dangers = map_.worries.danger_statements
    goals = map_.needs_to_happen.safety_goals
    where = "worries.danger_statements"
    if not dangers:
        return []
    if not goals:
        return [MapHit(_slot(where, i)) for i in range(len(dangers))]
    addressed = {a for g in goals for a in (g.addresses or [])}
    if addressed:
        hits = []
        for i, danger in enumerate(dangers):
            if danger.id is None:
                hits.append(MapHit(_slot(where, i), True))
            elif danger.id not in addressed:
                hits.append(MapHit(_slot(where, i)))
        return hits
    # No goal says which danger it answers: compare their words, and only advise.
    goal_words = [_content_words(g.text, rules) for g in goals]
    hits = []
    for i, danger in enumerate(dangers):
        words = _content_words(danger.text, rules)
        if not any(words & gw for gw in goal_words) or len(goals) < len(dangers):
            hits.append(MapHit(_slot(where, i), True))
    return hits


def goal_unknown_danger(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    ids = {d.id for d in map_.worries.danger_statements if d.id is not None}
    hits = []
    for i, goal in enumerate(map_.needs_to_happen.safety_goals):
        for address in goal.addresses or []:
            if address not in ids:
                hits.append(MapHit(_slot("needs_to_happen.safety_goals", i), None, {"id": address}))
    return hits


def too_many_dangers(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    limit = int(rule.spec.params.get("max", 3))
    count = len(map_.worries.danger_statements)
    if count <= limit:
        return []
    return [MapHit("worries.danger_statements", None, {"count": count, "max": limit})]


def scaling_people(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    need = int(rule.spec.params.get("min_people", 2))
    people = {r.who.strip().casefold() for r in map_.scaling.ratings if r.who.strip()}
    if len(people) >= need:
        return []
    return [MapHit("scaling.ratings", None, {"count": len(people), "min_people": need})]


def _next_steps(map_: Map) -> Iterator[tuple[str, Statement]]:
    for i, step in enumerate(map_.needs_to_happen.next_steps):
        yield _slot("needs_to_happen.next_steps", i), step


def map_next_step_who(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    return [
        MapHit(slot)
        for slot, step in _next_steps(map_)
        if not (step.who and step.who.strip()) and next_step_who(Doc(step.text), rule, rules)
    ]


def map_next_step_when(map_: Map, rule: Rule, rules: RuleSet) -> list[MapHit]:
    return [
        MapHit(slot)
        for slot, step in _next_steps(map_)
        if not (step.by_when and step.by_when.strip()) and not _has(rules, "when", Doc(step.text))
    ]


STATEMENT_CHECKS: dict[str, StatementCheck] = {
    "sentence_length": sentence_length,
    "reading_age": reading_level,
    "reading_split": reading_split,
    "danger_who": danger_who,
    "danger_outcome": danger_outcome,
    "goal_time": goal_time,
    "goal_only_stop": goal_only_stop,
    "harm_prediction": harm_prediction,
    "harm_event": harm_event,
    "complicating_harm": complicating_harm,
    "safety_over_time": safety_over_time,
    "safety_strength": safety_strength,
    "strength_safety": strength_safety,
    "next_step_when": next_step_when,
    "next_step_who": next_step_who,
}
"""Built-in statement checks, by the name a rule gives in ``check:``."""

MAP_CHECKS: dict[str, MapCheck] = {
    "danger_goals": danger_goals,
    "goal_unknown_danger": goal_unknown_danger,
    "too_many_dangers": too_many_dangers,
    "scaling_people": scaling_people,
    "next_step_who": map_next_step_who,
    "next_step_when": map_next_step_when,
}
"""Built-in map checks (rules with ``scope: map``)."""

from sos_assistant.coach import shape as _shape  # noqa: E402  (its checks join the table)

STATEMENT_CHECKS.update(
    person_is=_shape.person_is,
    person_displays=_shape.person_displays,
    vague_quality=_shape.vague_quality,
    goal_seen=_shape.goal_seen,
    goal_who_sees=_shape.goal_who_sees,
    danger_behaviour=_shape.danger_behaviour,
    acronym=_shape.acronym,
    simile=_shape.simile,
)

_CUES: dict[str, tuple[str, ...]] = {
    "danger_who": ("worry",),
    "danger_outcome": ("future", "vague_outcome", "vague_outcome_words"),
    "goal_time": ("time_span",),
    "goal_only_stop": ("stop", "seen"),
    "harm_prediction": ("future", "past"),
    "harm_event": ("past", "future"),
    "complicating_harm": ("harm_event", "disbelief", "copula", "person", "pronouns"),
    "safety_over_time": ("over_time", "plan", "past", "time_span", "exception"),
    "safety_strength": ("quality", "protective"),
    "strength_safety": ("protective", "over_time"),
    "next_step_when": ("when",),
    "next_step_who": ("doer", "passive", "by_someone"),
    "danger_goals": ("common",),
    "person_is": (
        "person",
        "copula",
        "being",
        "specific",
        "when",
        "label_phrases",
        "for_age",
        "hedges",
        "work_words",
        "circumstance",
    ),
    "person_displays": ("display",),
    "vague_quality": ("quality_only", "specific", "by_someone", "time_span"),
    "goal_seen": ("goal_state", "by_someone", "time_span"),
    "goal_who_sees": ("seer", "person"),
    "danger_behaviour": ("behaviour", "worry"),
    "acronym": ("everyday_acronyms", "not_acronym"),
    "simile": ("simile_verbs",),
}


def required_cues(check: str) -> tuple[str, ...]:
    """The cue lists a built-in check looks for (map and statement checks share names)."""
    return _CUES.get(check, ())
