#!/usr/bin/env python3
"""Synthetic near misses: a wrong-assertion probe far larger than the written sets, labelled by the store itself.

Written question sets are small (about 25 must-abstain questions each) and every set read while
tuning stops being a fair measure. This probe makes its questions from the answerable questions of
the tuning sets, changed so that the store cannot hold the answer, and checks them against the
stored articles themselves:

- `entity`: the question's one named firm, person or country is swapped for another stored name none
  of whose articles uses a word of the asked attribute ("what profit did Disney make?" asked of a
  name whose stories never mention a profit). Several swaps per question, drawn with `--seed`.
- `year`: a year the question names is swapped for one that no stored article naming its entity
  mentions (1998 for 2004).
- `why`: why-questions ("why did X's profits fall?", "what hurt X's exports?") have their one named firm,
  person or country swapped for another stored name none of whose articles uses a word of what is asked
  (the question's content stems other than the name's): the stories of that name explain something else.
- `detail`: questions asking something no typed attribute names ("who owns X?", "when is X expected to
  open?", "how many staff does X employ?") have their one named firm or person swapped for another stored
  name none of whose articles uses a word of what is asked of it (the question's content words other than
  the name). `--half tune` or `--half check` takes one half of those questions (split by id), so a rule
  tuned on one half is judged on the other.

Each must abstain. A synthesised lead (a figure, a name, a list or a date we wrote) is a wrong
assertion; a quoted sentence is not, but is no abstention either. The labels are mechanical (a word
absent from every article about the name), so a few are arguable ("revenue" asked where "sales" is
reported); read the printed failures before acting on one.

    python eval/synthetic.py [--kind entity|year|detail|why|both] [--seed N] [--per N] [--half tune|check]
                             [--store DIR] [-v]

Uses the tuning sets only (questions.jsonl, heldout.jsonl, final.jsonl, final2.jsonl, final3.jsonl; detail
swaps final4.jsonl and final5.jsonl too): never a held-out set.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import zlib
import re
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as ev  # noqa: E402

from bot.answers import Answerer  # noqa: E402
from bot.facts import country_of, parties_in  # noqa: E402
from bot.focus import analyse_focus  # noqa: E402
from bot.question import analyse  # noqa: E402
from bot.retrieval import open_retriever, stems  # noqa: E402

TUNING = ("all", "final", "final2", "final3")
DETAIL_SETS = TUNING + ("final4", "final5")  # (read since session 8: tuning data too)
WHY_SETS = TUNING + ("final4", "final5", "final6")  # (final6 read since session 9)
SWAP_YEARS = ("1998", "1999", "2001", "2002")
MAX_ARTICLES = 40  # a name in more stories than this is too common for "none of its articles" to be checked


class Probe:
    """The store, its names and their articles' text, and the asked questions' outcomes."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.retriever = open_retriever(store)
        self.answerer = Answerer(self.retriever)
        self.retriever.warm()
        self.lexicons = self.retriever.lexicons
        self._text: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self.failures: list[tuple[str, str, str, str]] = []

    def articles(self, key: str) -> set[str]:
        return {a for lx in self.lexicons for a in lx.articles_of(key)}

    def text(self, article_id: str) -> str:
        if article_id not in self._text:
            a = self.store.article(article_id)
            self._text[article_id] = f"{a.title} {a.published or ''} {a.body}".lower() if a else ""
        return self._text[article_id]

    def uses(self, articles: set[str], words: list[str]) -> bool:
        """Whether any of the articles uses a word beginning like one of `words` ("profit": "profits")."""
        stems = [w[:max(4, len(w) - 2)].lower() for w in words]
        return any(re.search(r"\b" + re.escape(s), self.text(a)) for a in articles for s in stems)

    async def ask(self, kind: str, source: str, question: str) -> None:
        view = ev.view_of(await self.answerer.answer(question))
        self.counts[f"{kind}:n"] += 1
        if view.abstained:
            self.counts[f"{kind}:abstained"] += 1
            return
        outcome = "wrong" if view.lead_kind == "synthesised" else "quoted"
        self.counts[f"{kind}:{outcome}"] += 1
        self.failures.append((outcome.upper(), source, question, view.lead[:120]))


@asynccontextmanager
async def opened_probe(store: Path | None) -> AsyncIterator[Probe]:
    """A probe on the realistic store, built in `store` (kept between runs) or in a temporary folder."""
    tmp = None if store else tempfile.TemporaryDirectory()
    directory = store or Path(tmp.name)  # type: ignore[union-attr]
    directory.mkdir(parents=True, exist_ok=True)
    probe = Probe(await ev.build_store(directory))
    try:
        yield probe
    finally:
        probe.store.close()
        if tmp:
            tmp.cleanup()


def answerable_questions(sets: tuple[str, ...] = TUNING) -> list[dict[str, Any]]:
    return [r for s in sets for r in ev.load(s)
            if ev.answerable(r) and not r.get("chain") and r.get("cat") != "typo"]


async def _swap(probe: Probe, kind: str, readings: list[tuple[dict[str, Any], tuple[int, int], list[str]]],
                names: dict[str, str], rng: random.Random, per: int) -> None:
    """Ask each reading's question of up to `per` other stored names (drawn with `rng`) whose few
    articles never use the asked words: the store cannot hold the answer."""
    pool = sorted(names)
    for r, (start, end), words in readings:
        others = pool[:]
        rng.shuffle(others)
        made = 0
        for other in others:
            if made == per:
                break
            articles = probe.articles(other)
            if other in r["q"].lower() or not articles or len(articles) > MAX_ARTICLES or probe.uses(articles, words):
                continue
            await probe.ask(kind, r["id"], r["q"][:start] + names[other] + r["q"][end:])
            made += 1


async def entity_swaps(probe: Probe, records: list[dict[str, Any]], rng: random.Random, per: int) -> None:
    readings = []
    names: dict[str, str] = {}
    for r in records:
        focus = analyse_focus(analyse(r["q"]), probe.lexicons)
        if len(focus.entities) != 1:
            continue
        key, shown = focus.entities[0], (focus.display or focus.entities)[0]
        at = re.search(re.escape(key), r["q"], re.I) or re.search(re.escape(shown), r["q"], re.I)
        attribute = list(focus.role) or [w for w in (focus.measure, focus.noun) if w]
        if at is None:
            continue
        names[key] = shown
        if attribute:
            readings.append((r, at.span(), [w for a in attribute for w in a.split()]))
    await _swap(probe, "entity", readings, names, rng, per)


def half_of(record_id: str) -> str:
    """"tune" or "check": a fixed split of the questions by id."""
    return "tune" if zlib.crc32(record_id.encode()) % 2 == 0 else "check"


async def detail_swaps(probe: Probe, records: list[dict[str, Any]], rng: random.Random, per: int, half: str) -> None:
    """Questions that ask of one stored firm or person something no typed attribute names, asked of another
    stored name none of whose articles uses a word of what is asked (its stems' beginnings)."""
    readings = []
    names: dict[str, str] = {}
    for r in records:
        query = analyse(r["q"])
        focus = analyse_focus(query, probe.lexicons)
        for key, shown in zip(focus.entities, focus.display or focus.entities):
            if not (country_of(shown) or parties_in(shown)):
                names[key] = shown
        if half not in ("both", half_of(r["id"])) or len(focus.entities) != 1 or not focus.display:
            continue
        if focus.role or focus.measure or focus.noun or focus.count_noun or focus.why or query.wants_list:
            continue  # (the typed attributes are the `entity` kind's; lists and causes are answered their own way)
        key, shown = focus.entities[0], focus.display[0]
        at = re.search(re.escape(shown), r["q"], re.I) or re.search(re.escape(key), r["q"], re.I)
        if at is None or country_of(shown) or parties_in(shown) or re.search(r"\bwhich\b", r["q"], re.I):
            continue
        # what is asked of the name: the question's content stems but the name's and the "how big" kind
        content = probe.retriever.query_words(query)[0]
        left = set(stems(" ".join([key, shown, *re.findall(r"(?i)\bhow\s+([a-z]+)", r["q"])])))
        wanted = sorted({w for w in content if w not in left})
        if wanted:
            readings.append((r, at.span(), wanted))
    await _swap(probe, "detail", readings, names, rng, per)


async def why_swaps(probe: Probe, records: list[dict[str, Any]], rng: random.Random, per: int) -> None:
    """Why-questions about one stored name, asked of another stored name none of whose articles uses a word
    of what is asked (the question's content stems other than the name's)."""
    readings = []
    names: dict[str, str] = {}
    for r in records:
        query = analyse(r["q"])
        focus = analyse_focus(query, probe.lexicons)
        for key, shown in zip(focus.entities, focus.display or focus.entities):
            names[key] = shown
        if not focus.why or len(focus.entities) != 1:
            continue
        key, shown = focus.entities[0], (focus.display or focus.entities)[0]
        at = re.search(re.escape(shown), r["q"], re.I) or re.search(re.escape(key), r["q"], re.I)
        if at is None:
            continue
        left = set(stems(" ".join([key, shown])))
        wanted = sorted({w for w in probe.retriever.query_words(query)[0] if w not in left})
        if wanted:
            readings.append((r, at.span(), wanted))
    await _swap(probe, "why", readings, names, rng, per)


async def year_swaps(probe: Probe, records: list[dict[str, Any]]) -> None:
    for r in records:
        year = re.search(r"\b(200[0-5])\b", r["q"])
        if not year:
            continue
        focus = analyse_focus(analyse(r["q"]), probe.lexicons)
        articles = {a for key in focus.entities for a in probe.articles(key)}
        if not articles or len(articles) > MAX_ARTICLES:
            continue
        for swapped in SWAP_YEARS:
            if not any(swapped in probe.text(a) for a in articles):
                await probe.ask("year", r["id"], r["q"][:year.start()] + swapped + r["q"][year.end():])
                break


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("entity", "year", "detail", "why", "both"), default="both",
                        help="both: entity and year swaps (detail swaps only when asked)")
    parser.add_argument("--half", choices=("tune", "check", "both"), default="both",
                        help="for detail swaps: which half of the questions (split by id)")
    parser.add_argument("--seed", type=int, default=1, help="which entity swaps are drawn")
    parser.add_argument("--per", type=int, default=3, help="entity swaps per question")
    parser.add_argument("--store", type=Path, help="reuse a store directory between runs")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every question not abstained on")
    args = parser.parse_args()
    async with opened_probe(args.store) as probe:
        records = answerable_questions()
        if args.kind in ("entity", "both"):
            await entity_swaps(probe, records, random.Random(args.seed), args.per)
        if args.kind in ("year", "both"):
            await year_swaps(probe, records)
        if args.kind == "detail":
            await detail_swaps(probe, answerable_questions(DETAIL_SETS), random.Random(args.seed), args.per, args.half)
        if args.kind == "why":
            await why_swaps(probe, answerable_questions(WHY_SETS), random.Random(args.seed), args.per)
        for kind in ("entity", "year", "detail", "why"):
            n = probe.counts[f"{kind}:n"]
            if n:
                c = probe.counts
                print(f"{kind:6} {n:4} questions: abstained {c[kind + ':abstained'] / n:.3f}, "
                      f"wrong assertions {c[kind + ':wrong']} ({c[kind + ':wrong'] / n:.3f}), quoted {c[kind + ':quoted']}")
        if args.verbose:
            for row in probe.failures:
                print(*row, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
