"""Explainer speed: a whole 2,000-word report, and the glossary search on each keystroke.

Run with ``python benchmarks/bench_explain.py`` (``--json`` for machine-readable output).

Targets (issue 13): ``explain`` on a 2,000-word report <= 50 ms in the process (the explainer
already built, as in the app); glossary search for each prefix of a typed word <= 5 ms. Each
figure is printed with its ratio to a baseline measured in the same run: for the report, one
precompiled regular expression of 40 words scanned over the same text; for the search, a
plain substring test over every term's words. Self-contained (no shared harness).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable

from sos_assistant.content import glossary
from sos_assistant.explain import Explainer

PARAGRAPH = (
    "There are significant concerns regarding Mum's capacity to safeguard due to DV and "
    "substance misuse; Mum presents as hostile and lacks insight. Following the strategy "
    "discussion a section 47 enquiry was completed and an ICPC was convened. The children "
    "were made subject to child protection plans under the category of neglect and the core "
    "group met on 3 May. The local authority is considering the Public Law Outline and will "
    "seek legal advice at the legal gateway meeting. A parenting assessment and a viability "
    "assessment of the maternal grandmother have been requested. The IRO and the health "
    "visitor attended; the school reported persistent absence and the DSL made a referral to "
    "CAMHS. Dad has been non-compliant with the written agreement and is described as "
    "uncooperative. Tia was seen alone and said she likes living with her nan. "
)
BARE = re.compile(
    r"\b(?:concerns|DV|hostile|insight|strategy|section|ICPC|neglect|core|group|authority|"
    r"outline|legal|gateway|parenting|viability|assessment|IRO|health|visitor|absence|DSL|"
    r"referral|CAMHS|compliant|agreement|uncooperative|alone|misuse|substance|presents|"
    r"capacity|safeguard|regarding|category|plans|enquiry|grandmother|maternal|nan)\b"
)
TYPED = "domestic abuse"
REPORT_MS = 50.0
SEARCH_MS = 5.0


def median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    words = len(PARAGRAPH.split())
    report = " ".join([PARAGRAPH] * (2000 // words + 1))
    report = " ".join(report.split()[:2000])
    explainer = Explainer()
    explainer.explain(report)  # warm: rules compiled, caches filled, as in the app

    whole = median_ms(lambda: explainer.explain(report), repeat=15)
    bare = median_ms(lambda: BARE.findall(report), repeat=15)

    terms = glossary()
    terms.search("x")  # the index is built once
    prefixes = [TYPED[: i + 1] for i in range(len(TYPED))]

    def search_each_key() -> None:
        for prefix in prefixes:
            terms.search(prefix)

    haystacks = [" ".join([t.term, *t.also, t.plain]).lower() for t in terms.terms]

    def bare_search() -> None:
        for prefix in prefixes:
            [h for h in haystacks if prefix in h]

    per_key = median_ms(search_each_key, repeat=30) / len(prefixes)
    bare_key = median_ms(bare_search, repeat=30) / len(prefixes)
    results = [
        {
            "name": "explain a 2,000-word report",
            "ms": round(whole, 2),
            "target_ms": REPORT_MS,
            "baseline_ms": round(bare, 3),
            "ratio": round(whole / bare, 1),
            "ok": whole <= REPORT_MS,
        },
        {
            "name": "glossary search per keystroke",
            "ms": round(per_key, 3),
            "target_ms": SEARCH_MS,
            "baseline_ms": round(bare_key, 3),
            "ratio": round(per_key / bare_key, 1),
            "ok": per_key <= SEARCH_MS,
        },
    ]
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            mark = "ok" if r["ok"] else "SLOW"
            print(
                f"{r['name']}: {r['ms']} ms (target {r['target_ms']} ms; "
                f"{r['ratio']}x a same-run baseline of {r['baseline_ms']} ms) {mark}"
            )
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
