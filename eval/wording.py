#!/usr/bin/env python3
"""Chat wording probe: do answers survive the way people type in a chat?

Every answerable one-shot question of the tuning sets that is answered right (its first citation is
gold) is asked again in ten chat forms: wrapped in a greeting, a request ("can you tell me …",
"i'd like to know …."), followed by "please", in lower case without its question mark, in capitals.
Each form should be answered with the same first citation. Prints, per form, how often it was
turned away (abstained) or answered from another sentence (different).

    python eval/wording.py [--store DIR] [-v]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as ev  # noqa: E402
from synthetic import Probe, answerable_questions, opened_probe  # noqa: E402


def _low(q: str) -> str:
    return q[:1].lower() + q[1:]


FORMS: dict[str, Callable[[str], str]] = {
    "can you tell me …": lambda q: "can you tell me " + _low(q),
    "… please?": lambda q: q.rstrip("?") + " please?",
    "quick question: …": lambda q: "quick question: " + _low(q),
    "do you know …": lambda q: "do you know " + _low(q),
    "lower case, no ?": lambda q: q.lower().rstrip("?"),
    "hi, …": lambda q: "hi, " + _low(q),
    "i'd like to know … .": lambda q: "i'd like to know " + _low(q).rstrip("?") + ".",
    "…??": lambda q: q.rstrip("?") + "??",
    "CAPITALS": lambda q: q.upper(),
    "tell me …": lambda q: "tell me " + _low(q),
}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="reuse a store directory between runs")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every form not answered the same")
    args = parser.parse_args()
    async with opened_probe(args.store) as probe:
        print_forms(await asked_in_forms(probe), args.verbose)
    return 0


async def asked_in_forms(probe: Probe) -> tuple[Counter[str], list[tuple[str, str]]]:
    """Each tuning question answered right, asked in every form: counts and the forms not answered alike."""
    gold = ev.Gold(probe.store)
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    for r in answerable_questions():
        plain = await probe.answerer.answer(r["q"])
        if plain.abstained or not plain.citations or plain.citations[0].sentence_id not in gold.of(r):
            continue
        for name, form in FORMS.items():
            question = form(r["q"])
            answer = await probe.answerer.answer(question)
            counts[name] += 1
            if answer.abstained:
                counts[name + ":abstained"] += 1
                failures.append(("ABSTAINED", question))
            elif answer.citations[0].sentence_id != plain.citations[0].sentence_id:
                counts[name + ":different"] += 1
                failures.append(("DIFFERENT", question))
    return counts, failures


def print_forms(outcome: tuple[Counter[str], list[tuple[str, str]]], verbose: bool) -> None:
    counts, failures = outcome
    for name in FORMS:
        n = counts[name]
        print(f"{name:24} {n:4}  abstained {counts[name + ':abstained'] / n:.3f}  different {counts[name + ':different'] / n:.3f}")
    if verbose:
        for row in failures:
            print(*row, sep=" | ")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
