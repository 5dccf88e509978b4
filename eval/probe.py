#!/usr/bin/env python3
"""Fact probes: plain questions a realistic store cannot answer, asked the way a new user would ask them.

Two grids of questions (session 36), each a fixed list of stored names crossed with a fixed list of facts:

- `country`: thirty countries the BBC corpus names, each asked its interest rate, unemployment rate, inflation rate,
  trade deficit, budget deficit, 2004 growth, population and 2004 exports ("what is the interest rate in Pakistan?");
- `firm`: about fifty firms (and one tycoon) the corpus names, each asked its head count, 2003 profit, chief
  financial officer, advertising spending, German market share, headquarters, debt and founding date ("when was
  Enron founded?").

A pair is kept only when no sentence of the corpus (the BBC articles and the seed) names the country or firm
together with a word of the fact and, for the country facts, a figure: the store has nothing that plainly answers
it, so the answer should abstain (say what the store lacks, the near miss). The label is mechanical and errs one
way: a story about a country may give its rate in a sentence naming no country ("The unemployment rate is around
20%", in a story on Turkey), which is a right answer the probe counts as answered. So the figure to watch is the
answered share together with the printed answers (`-v`): each is read, not counted blind.

    python eval/probe.py [--kind country|firm|both] [--store DIR] [-v]

Reads only the corpus (`../shared`), as the other evaluation scripts do; it asks nothing of the written sets.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot.answers import Answerer  # noqa: E402
from bot.retrieval import open_retriever  # noqa: E402
from run import SHARED, build_store  # noqa: E402

COUNTRIES = ("Russia Brazil India China Japan Germany France Italy Spain Mexico Argentina Nigeria Kenya Pakistan Turkey "
             "Poland Canada Australia Indonesia Thailand Egypt Iran Venezuela Chile Sweden Norway Ireland Greece").split()
COUNTRIES += ["South Korea", "Saudi Arabia"]
# each fact: the question, and the words a sentence giving it would use
COUNTRY_FACTS = {
    "interest rate": ("what is the interest rate in {}?", r"interest rate"),
    "unemployment": ("what is the unemployment rate in {}?", r"unemployment|jobless"),
    "inflation": ("what was {}'s inflation rate last year?", r"inflation"),
    "trade deficit": ("how big is {}'s trade deficit?", r"trade (?:deficit|gap)"),
    "budget deficit": ("how large is {}'s budget deficit?", r"budget deficit"),
    "growth": ("how fast did {}'s economy grow in 2004?", r"grow|growth|gdp"),
    "population": ("what is the population of {}?", r"population"),
    "exports": ("how much did {} export in 2004?", r"export"),
}
FIRMS = ["Yukos", "Gazprom", "BMW", "Ford", "General Motors", "Vodafone", "Tesco", "Sainsbury", "Boeing", "Airbus", "Nike",
         "Google", "Yahoo", "eBay", "Microsoft", "Sony", "Nissan", "Toyota", "Deutsche Bank", "Barclays", "HSBC", "Shell",
         "BP", "Marks & Spencer", "Ryanair", "British Airways", "Qantas", "Fiat", "Volkswagen", "DaimlerChrysler",
         "Wal-Mart", "Time Warner", "Disney", "Citigroup", "Merrill Lynch", "Alitalia", "Lufthansa", "Parmalat", "Enron",
         "WorldCom", "AOL", "Pfizer", "Nestle", "Unilever", "McDonald's", "Deutsche Telekom", "Royal Mail", "Glazer"]
FIRM_FACTS = {  # ({name}: the firm; {own}: its possessive)
    "staff": ("how many people does {name} employ?", r"staff|employ|workers|jobs|workforce|people"),
    "profit 2003": ("what was {own} profit in 2003?", r"profit|earn|income"),
    "finance chief": ("who is {own} chief financial officer?", r"finance director|financial officer|finance chief|cfo"),
    "advertising": ("how much did {name} spend on advertising last year?", r"advertis|marketing"),
    "German share": ("what is {own} market share in Germany?", r"market share|share of the"),
    "headquarters": ("where is {own} headquarters?", r"headquarter|based in|head office"),
    "debt": ("how much debt does {name} have?", r"debt|borrowing"),
    "founded": ("when was {name} founded?", r"founded|set up|established|created in"),
}


def possessive(name: str) -> str:
    """"Ford's", "McDonald's" (a name ending in 's already owns)."""
    return name if name.endswith("'s") else f"{name}'s"


def corpus_sentences() -> list[str]:
    files = sorted((SHARED / "corpus" / "bbc_business").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    return [s for f in files for s in re.split(r"(?<=[.!?])\s+|\n", f.read_text(encoding="utf-8", errors="replace"))]


def grid(kind: str, sentences: list[str]) -> list[str]:
    """The questions of one grid whose answer no corpus sentence plainly gives."""
    questions = []
    if kind in ("country", "both"):
        for country in COUNTRIES:
            for question, words in COUNTRY_FACTS.values():
                if not any(country in s and re.search(words, s, re.I) and re.search(r"\d", s) for s in sentences):
                    questions.append(question.format(country))
    if kind in ("firm", "both"):
        for firm in FIRMS:
            for fact, (question, words) in FIRM_FACTS.items():
                held = [s for s in sentences if firm in s and re.search(words, s, re.I)]
                if fact == "German share":
                    held = [s for s in held if "German" in s]
                if not held:
                    questions.append(question.format(name=firm, own=possessive(firm)))
    return questions


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("country", "firm", "both"), default="both")
    parser.add_argument("--store", type=Path, help="reuse a store directory between runs (built when empty)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every question answered, with its lead")
    args = parser.parse_args()
    tmp = None
    directory = args.store
    if directory is None:
        tmp = tempfile.TemporaryDirectory()
        directory = Path(tmp.name)
    directory.mkdir(parents=True, exist_ok=True)
    store = await build_store(directory)
    retriever = open_retriever(store)
    answerer = Answerer(retriever)
    retriever.warm()
    questions = grid(args.kind, corpus_sentences())
    answered = synthesised = 0
    for question in questions:
        answer = await answerer.answer(question)
        if answer.abstained:
            continue
        answered += 1
        synthesised += answer.lead_kind == "synthesised"
        if args.verbose:
            print(f"ANSWERED ({answer.lead_kind}) {question}\n   {answer.text.splitlines()[0][:160]}")
    print(f"{args.kind}: {len(questions)} questions the corpus does not plainly answer; answered {answered} "
          f"({answered / max(1, len(questions)):.3f}), {synthesised} of them with a lead we wrote")
    store.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
