"""A study, not a feature: does a learned re-ranker of the first candidates beat the hand-set order?

    .venv/bin/python eval/rerank_study.py --store /tmp/tb-eval [--cache /tmp/cands.json]

Session 10 tried what session 9's note proposed: weigh per-candidate signals (the hand-set score and
its parts, where the sentence stands in its story, how much of the question it holds, whether it gives
the kind of answer the wording asks for) with a pairwise logistic model fitted on the evaluation sets,
and reorder the first `TOP` candidates by it. The answerer's candidates are read where such a model
would reorder them (after `Answerer._quoter_first`); a candidate is right when it is a gold sentence.

The table is leave-one-set-out: fitted on all sets but one, counted on that one (how often the first
candidate is a gold sentence, before and after). Result in session 10 on nine sets (959 questions
asked on their own, a gold sentence among the first six for 891): 755 first before, 750 after; every
variant tried did no better (more features, a listwise loss, a swap-only classifier with a confidence
bar: it never passed the bar). Without the hand-set order as a feature the model alone got 627 of 856
on eight sets against 685. The hand-set ranking is at the optimum of what these signals can say; the
remaining errors need signals they do not carry. Kept so that a next attempt starts from numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as ev  # noqa: E402  (eval/run.py: the sets, the store, the gold sentences)
from bot.answers import Answerer  # noqa: E402
from bot.focus import Focus  # noqa: E402
from bot.question import Query  # noqa: E402
from bot.ranking import Ranked  # noqa: E402
from bot.retrieval import open_retriever  # noqa: E402

SETS = ["all", "final", "final2", "final3", "final4", "final5", "final6", "final7", "final8"]

TOP = 6  # how many of the first sentences may be reordered

_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b",
                     re.I)
_MONEY = re.compile(r"[$£€¥]\s?\d|\d\s?(?:bn|m)\b|\b(?:dollars?|pounds?|euros?|yen)\b", re.I)
_PERCENT = re.compile(r"\d\s?(?:%|per ?cent)", re.I)
_SAID = re.compile(r"\b(?:said|says|told|added|according to)\b|^[\"“‘']", re.I)
_CAUSE = re.compile(r"\b(?:because|due to|after|as a result|thanks to|blamed|driven by|owing to|amid|following|"
                    r"led to|caused|reflect(?:s|ed|ing)?|since)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
          r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
_DATE = re.compile(rf"\b(?:{_MONTH}|(?:19|20)\d\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                   r"next (?:week|month|year)|this (?:week|month|year)|last (?:week|month|year)|"
                   r"(?:first|second|third|fourth) quarter|[12]H|Q[1-4])\b")
_COUNT = re.compile(r"(?<![$£€¥\d.,])\b(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?![\d.,]*\s*(?:%|per ?cent|bn\b|m\b|p\b))"
                    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"hundred|thousand|dozen)\b", re.I)
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?\s+[A-Z]|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]{2,}\b"
                     r"(?=\s*(?:,|said|says|told|who|has|had|is|was))")
_PLACE = re.compile(r"\b(?:in|at|to|from|near)\s+(?:the\s+)?[A-Z][a-z]+")
_NAME = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w'’&.-]+")
_ASKED = [  # what kind of answer the question's wording asks for, first match wins
    ("date", re.compile(r"^\s*(?:and\s+)?(?:from\s+|since\s+|until\s+|by\s+)?when\b|\b(?:what|which)\s+(?:year|date|"
                        r"month|day)\b", re.I)),
    ("cause", re.compile(r"^\s*(?:and\s+)?why\b|\bwhat\s+(?:caused|drove|prompted|led)\b|\breasons?\b", re.I)),
    ("count", re.compile(r"\bhow\s+many\b|\bnumber\s+of\b", re.I)),
    ("percent", re.compile(r"\bhow\s+(?:fast|quickly)\b|\bby\s+how\s+much\b|\b(?:percentage|per\s*cent|growth\s+rate|"
                           r"what\s+share|rate)\b", re.I)),
    ("amount", re.compile(r"\bhow\s+(?:much|big|large|high|low)\b|\bwhat\s+(?:price|profit|loss|sum|amount|value|"
                          r"figure|level|deficit|surplus|revenue|sales|turnover)\b|\bworth\b|\bper[- ]share\b", re.I)),
    ("place", re.compile(r"^\s*(?:and\s+)?where\b|\bwhich\s+(?:[\w-]+\s+)?(?:cities|city|countries|country|towns?|regions?|"
                         r"states?|plants?|sites?)\b", re.I)),
    ("person", re.compile(r"^\s*(?:and\s+)?(?:who|whom)\b|\bwhich\s+(?:[\w-]+\s+){0,2}(?:analyst|economist|executive|"
                          r"official|minister|boss|managers?|chief|man|woman|people|figure)\b", re.I)),
    ("names", re.compile(r"\bwhich\s+(?:\w+\s+)?(?:\w+s)\b|\bname\b|\blist\b", re.I)),
]

NAMES = (
    "first", "place", "gap", "retrieval_gap", "entity", "attribute", "conflict", "direction", "coverage",
    "detail", "story", "type_match", "same_story", "story_place", "position", "opening", "length", "figure",
    "figure_asked", "money_asked", "said", "refers_back", "kind_fact", "title", "cause_asked", "newer",
    "answer_kind", "answer_kind_gap", "novel", "new_names", "restates", "coverage_gap", "detail_gap",
)


def asked_kind(text: str) -> str:
    """What kind of answer the wording asks for ("date", "count", "person" …; "" when it does not say)."""
    return next((kind for kind, pattern in _ASKED if pattern.search(text)), "")


def gives(kind: str, text: str) -> float:
    """1 when `text` holds an answer of that kind, -1 when it holds none (0 for no kind asked)."""
    found = {
        "date": lambda: _DATE.search(text),
        "count": lambda: _COUNT.search(text),
        "percent": lambda: _PERCENT.search(text),
        "amount": lambda: _MONEY.search(text) or _PERCENT.search(text),
        "place": lambda: _PLACE.search(text),
        "person": lambda: _PERSON.search(text),
        "names": lambda: len(_NAME.findall(text)) >= 2,
        "cause": lambda: _CAUSE.search(text),
    }.get(kind)
    if found is None:
        return 0.0
    return 1.0 if found() else -1.0



def _kind_fact(query: Query, r: Ranked) -> bool:
    wanted = {"person": "person", "figure": "figure", "sector": "sector", "party": "country"}.get(query.kind)
    return bool(wanted) and any(f.type == wanted for f in r.hit.facts)


def features(query: Query, focus: Focus, ranked: Sequence[Ranked], i: int) -> dict[str, float]:
    """What the model reads of the `i`-th sentence of `ranked` (all values about 0..1 or -1..1)."""
    r, top = ranked[i], ranked[0]
    text = r.hit.sentence.text
    stories: list[str] = []
    for x in ranked[: i + 1]:
        if x.hit.article.id not in stories:
            stories.append(x.hit.article.id)
    title = {w.lower() for w in _WORD.findall(r.hit.article.title)}
    terms = set(query.terms)
    words = _WORD.findall(text)
    content = [w.lower() for w in words if len(w) > 3]
    asked_words = {t[:5] for t in terms}
    novel = sum(w[:5] not in asked_words for w in content) / len(content) if content else 0.0
    kind = asked_kind(query.text)
    fits = gives(kind, text)
    asked_names = {w.lower() for w in _WORD.findall(query.text)}
    new_names = sum(n.lower() not in asked_names for n in _NAME.findall(text))
    return {
        "first": float(i == 0),
        "place": i / TOP,
        "gap": max(-3.0, r.score - top.score) / 3,
        "retrieval_gap": max(-3.0, r.hit.score - top.hit.score) / 3,
        "entity": r.entity,
        "attribute": float(r.attribute),
        "conflict": float(bool(r.conflict)),
        "direction": (1.0 if r.direction == focus.direction else -1.0) if focus.direction and r.direction else 0.0,
        "coverage": r.hit.coverage,
        "detail": r.hit.detail,
        "story": r.hit.story,
        "type_match": float(r.hit.type_match),
        "same_story": float(r.hit.article.id == top.hit.article.id),
        "story_place": min(stories.index(r.hit.article.id), 3) / 3,
        "position": min(r.hit.sentence.position, 20) / 20,
        "opening": float(r.hit.sentence.position == 0),
        "length": min(len(words), 60) / 60,
        "figure": float(bool(_FIGURE.search(text))),
        "figure_asked": float(query.kind == "figure" or bool(focus.measure or focus.count_noun))
        * (1.0 if _FIGURE.search(text) else -1.0),
        "money_asked": float(bool(focus.measure) and bool(_MONEY.search(text)) and not _PERCENT.search(text)),
        "said": float(bool(_SAID.search(text))),
        "refers_back": float(r.hit.previous is not None),
        "kind_fact": float(_kind_fact(query, r)),
        "title": len(terms & title) / len(terms) if terms else 0.0,
        "cause_asked": float(focus.why) * (1.0 if _CAUSE.search(text) else -1.0),
        "newer": float((r.hit.article.published or "") > (top.hit.article.published or "")),
        "answer_kind": fits,
        "answer_kind_gap": fits - gives(kind, top.hit.sentence.text),
        "novel": novel,
        "new_names": min(new_names, 5) / 5,
        "restates": float(r.hit.coverage > 0.7 and novel < 0.4),
        "coverage_gap": r.hit.coverage - top.hit.coverage,
        "detail_gap": r.hit.detail - top.hit.detail,
    }



Example = dict[str, Any]  # {"set", "id", "rows": [features...], "gold": [bool...]}


async def collect(store_dir: Path, sets: list[str]) -> list[Example]:
    """Each question's first candidates with their features, as the answerer would reorder them."""
    store = await ev.build_store(store_dir)
    retriever = open_retriever(store)
    answerer = Answerer(retriever)
    retriever.warm()
    gold_of = ev.Gold(store)
    seen: list[Any] = []
    quoter_first = answerer._quoter_first

    def read(query: Query, ranked: list[Ranked]) -> None:  # where a model would reorder: after the hand-set rules
        quoter_first(query, ranked)
        seen.append([(features(query, focus_of[-1], ranked, i), ranked[i].hit.sentence.id)
                     for i in range(min(TOP, len(ranked)))])

    focus_of: list[Focus] = []
    speaker_first = answerer._speaker_first

    def remember(query: Query, focus: Focus, ranked: list[Ranked]) -> None:
        focus_of.append(focus)
        speaker_first(query, focus, ranked)

    answerer._speaker_first = remember  # type: ignore[method-assign]
    answerer._quoter_first = read  # type: ignore[method-assign]
    examples: list[Example] = []
    for s in sets:
        for r in ev.load(s):
            if not ev.answerable(r) or (r.get("cat") == "followup" and r.get("turn", 1) != 1):
                continue
            seen.clear()
            await answerer.answer(r["q"])
            gold = gold_of.of(r)
            if not seen or not gold:
                continue
            rows = seen[-1]
            examples.append({"set": s, "id": r["id"], "rows": [f for f, _ in rows], "gold": [sid in gold for _, sid in rows]})
    return examples


def pairs(examples: list[Example]) -> list[tuple[dict[str, float], dict[str, float]]]:
    out = []
    for e in examples:
        for i, g in enumerate(e["gold"]):
            if g:
                out += [(e["rows"][i], e["rows"][j]) for j, h in enumerate(e["gold"]) if not h]
    return out


def fit(examples: list[Example], l2: float = 0.05, epochs: int = 300, rate: float = 0.5) -> dict[str, float]:
    """Pairwise logistic regression by full-batch gradient descent (small data: no library needed)."""
    data = pairs(examples)
    w = {k: 0.0 for k in NAMES}
    if not data:
        return w
    diffs = [{k: a.get(k, 0.0) - b.get(k, 0.0) for k in NAMES} for a, b in data]
    for _ in range(epochs):
        grad = {k: l2 * w[k] for k in w}
        for d in diffs:
            z = sum(w[k] * d[k] for k in w)
            p = 1 / (1 + math.exp(min(30.0, z)))  # d(-log sigmoid z)/dz = -(1 - sigmoid z)
            for k in w:
                grad[k] -= p * d[k] / len(diffs)
        for k in w:
            w[k] -= rate * grad[k]
    return w


def first_right(examples: list[Example], w: dict[str, float] | None) -> int:
    n = 0
    for e in examples:
        if w is None:
            n += e["gold"][0]
            continue
        scores = [sum(w.get(k, 0.0) * v for k, v in f.items()) for f in e["rows"]]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        n += e["gold"][best]
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the realistic store (built by eval/run.py)")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--l2", type=float, default=0.05)
    parser.add_argument("--cache", type=Path, help="read/write the collected candidates here")
    args = parser.parse_args()
    sets = args.sets.split(",")
    if args.cache and args.cache.exists():
        examples = json.loads(args.cache.read_text())
    else:
        examples = asyncio.run(collect(args.store, sets))
        if args.cache:
            args.cache.write_text(json.dumps(examples))
    print(f"{len(examples)} questions, {sum(any(e['gold']) for e in examples)} with a gold sentence in the first "
          f"{TOP}, {len(pairs(examples))} pairs")
    total_before = total_after = total = 0
    for s in sets:
        test = [e for e in examples if e["set"] == s]
        w = fit([e for e in examples if e["set"] != s], args.l2)
        before, after = first_right(test, None), first_right(test, w)
        total_before, total_after, total = total_before + before, total_after + after, total + len(test)
        print(f"{s:8} {len(test):4} first right: {before:4} -> {after:4} ({after - before:+d})")
    print(f"{'total':8} {total:4} first right: {total_before:4} -> {total_after:4} ({total_after - total_before:+d})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
