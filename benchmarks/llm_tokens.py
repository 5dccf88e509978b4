#!/usr/bin/env python3
"""Token budget and citation precision of LLM answers, against a fake LLM that replays answers.

Builds a store like `eval/run.py` does (sample briefs, the seed article, the BBC business corpus),
attaches the LLM to the fake OpenAI API of `tests/fakes/openai_api.py` and asks every evaluation
question through `Tradebrief.ask`. The fake writes realistic replies from the evidence it is
shown: claims derived from the top quotations (shortened, with figures respelled "per cent" <->
"%", "bn" <-> "billion"), and on purpose some bad ones, so the verifier has work: an invented
figure, a changed figure, a party the evidence never names, a citation of evidence not given, a
citation of the wrong quotation.

Prints the number of questions, prompt and completion tokens per LLM call (mean, p95: the fake's
usage, an ESTIMATE of characters / 4, not a tokenizer count), the share of claims the verifier
dropped (by kind of claim), and citation precision after verification, computed here with its own
figure and name matching, independently of `bot.verify`.

    python benchmarks/llm_tokens.py [QUESTIONS.jsonl] [--store DIR] [--no-corpus] [--seed N] [--verbose]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import re
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bot.app import sample_paths  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.llm import LLMClient, OpenAIAnswerer  # noqa: E402
from bot.models import CONSOLE_ASKER, Answer  # noqa: E402
from bot.service import Tradebrief  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.fakes.openai_api import FakeOpenAI, Received, evidence_in, json_reply  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"
DEFAULT_QUESTIONS = ROOT / "eval" / "questions.jsonl"
BUILT_IN = [
    "Which sectors did Pakistan and Belarus identify for cooperation?",
    "Who is Pakistan's minister for commerce?",
    "How many Joint Ministerial Commission sessions have Pakistan and Belarus held?",
    "What tariff did the United States put on steel imports?",
    "What did the UK and India agree?",
    "When will Ethiopia join the African Continental Free Trade Area?",
]

# ---- the fake LLM's replies ----------------------------------------------------------------------

_PARTIES_NOT_IN_STORIES = ["Japan", "Brazil", "Norway", "Vietnam", "Chile"]


@dataclass
class Generated:
    text: str
    kind: str  # "clean", "respelled", "merged", "invented-figure", ...


def _shorten(sentence: str, rng: random.Random) -> str:
    text = re.sub(r"[“”\"]", "", sentence).strip()
    text = re.sub(r"^(?:[A-Z]+,? \([^)]*\)\s*)", "", text)  # dateline "ISLAMABAD, (Wire - date)"
    words = text.split()
    limit = rng.randint(14, 30)
    if len(words) > limit:
        cut = words[:limit]
        # Never end on a figure: "5.8" cut from "5.8 million" would be a different figure.
        while cut and (cut[-1].lower().strip(",;:") in {"and", "or", "the", "a", "of", "to", "in", "for", "with", "by"}
                       or re.search(r"\d", cut[-1])):
            cut.pop()
        text = " ".join(cut).rstrip(",;:—-")
    text = text.rstrip(".!? ")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _respell(text: str) -> str:
    text = re.sub(r"(\d)\s?%", r"\1 per cent", text, count=1) if "%" in text else re.sub(
        r"(\d) per cent", r"\1%", text, count=1
    )
    if re.search(r"\d\s?bn\b", text):
        return re.sub(r"(\d)\s?bn\b", r"\1 billion", text, count=1)
    return re.sub(r"(\d) billion\b", r"\1bn", text, count=1)


def _change_figure(text: str) -> str | None:
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m:
        return None
    changed = str(Decimal(m.group()) * 2 + 1).rstrip("0").rstrip(".") if "." in m.group() else str(int(m.group()) * 2 + 1)
    return text[: m.start()] + changed + text[m.end() :]


class Replayer:
    """Writes replies from the evidence in each prompt; remembers what it generated."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.generated: list[Generated] = []

    def __call__(self, received: Received) -> httpx.Response:
        evidence = evidence_in(received)
        rng = self.rng
        if not evidence:
            return self._reply(received, False, [])
        numbers = sorted(evidence)
        top = numbers[: rng.choice([1, 2, 2, 3])]
        claims: list[dict[str, object]] = []
        for n in top:
            base = _shorten(evidence[n]["text"], rng)
            if not base:
                continue
            roll = rng.random()
            text, cite, kind = base, [n], "clean"
            if roll < 0.12:
                text, kind = base[:-1] + f", a deal worth ${rng.randint(2, 90)}.{rng.randint(1, 9)}bn.", "invented-figure"
            elif roll < 0.20:
                changed = _change_figure(base)
                if changed:
                    text, kind = changed, "changed-figure"
            elif roll < 0.27:
                text, kind = base[:-1] + f", with {rng.choice(_PARTIES_NOT_IN_STORIES)} joining.", "invented-party"
            elif roll < 0.34:
                cite, kind = [max(numbers) + rng.randint(1, 5)], "evidence-not-given"
            elif roll < 0.41 and len(numbers) > 3:
                other = [m for m in numbers if m not in top]
                cite, kind = [rng.choice(other)], "wrong-evidence"
            elif roll < 0.55:
                respelled = _respell(base)
                if respelled != base:
                    text, kind = respelled, "respelled-figure"
            elif roll < 0.65 and len(top) > 1 and n == top[0]:
                second = _shorten(evidence[top[1]]["text"], rng)
                text, cite, kind = base[:-1] + "; " + second[:1].lower() + second[1:], [n, top[1]], "merged"
            self.generated.append(Generated(text, kind))
            claims.append({"text": text, "evidence": cite})
        return self._reply(received, True, claims)

    @staticmethod
    def _reply(received: Received, answerable: bool, claims: list[dict[str, object]]) -> httpx.Response:
        result = json_reply({"answerable": answerable, "claims": claims})(received)
        assert isinstance(result, httpx.Response)
        return result


# ---- independent precision check -----------------------------------------------------------------

_WORD_NUMBERS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                 "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}
_MULTIPLIERS = {"bn": "1e9", "billion": "1e9", "m": "1e6", "mn": "1e6", "million": "1e6", "tn": "1e12",
                "trillion": "1e12", "k": "1e3", "thousand": "1e3"}


def _amounts(text: str) -> set[str]:
    """Numbers in `text` as canonical strings: "$1.13bn" and "1.13 billion" are both "1130000000"."""
    lowered = text.lower().replace("per cent", "%").replace("percent", "%")
    for word, digit in _WORD_NUMBERS.items():
        lowered = re.sub(rf"\b{word}\b", digit, lowered)
    out = set()
    for m in re.finditer(r"(?<![a-z0-9.,])(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\s?(bn|billion|mn|million|m|tn|trillion|k|thousand)?\b\s?(%)?", lowered):
        raw = m.group(1).replace(",", "")
        try:
            value = Decimal(raw) * Decimal(_MULTIPLIERS.get(m.group(2) or "", "1"))
        except InvalidOperation:
            continue
        out.add(f"{value.normalize():f}{'%' if m.group(3) else ''}")
    return out


def _capitalised(text: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w’']*", text)
    return {w.lower().rstrip("’'s") for i, w in enumerate(words) if i > 0 and w[0].isupper() and len(w) > 1}


def _segments(answer: Answer) -> list[tuple[str, list[int]]]:
    """(claim text, citation numbers) for each claim of a verified answer."""
    out = []
    for m in re.finditer(r"(.+?)\s((?:\[\d+\])+)[.!?]?[\"'”’)]*(?:\s|$)", answer.text):
        out.append((m.group(1).strip(), [int(n) for n in re.findall(r"\d+", m.group(2))]))
    return out


def _supported(claim: str, sentences: list[str], titles: list[str]) -> bool:
    quoted = " ".join(sentences).lower()
    figures_ok = _amounts(claim) <= _amounts(" ".join(sentences))
    haystack = quoted + " " + " ".join(titles).lower()
    names_ok = all(name[:5] in haystack for name in _capitalised(claim))
    return figures_ok and names_ok


# ---- running -------------------------------------------------------------------------------------


def load_questions(path: Path | None) -> list[str]:
    if path is None and DEFAULT_QUESTIONS.exists():
        path = DEFAULT_QUESTIONS
    if path is None:
        print("(no eval/questions.jsonl: using built-in questions)")
        return BUILT_IN
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions.append(row.get("question") or row["q"])
    return questions


async def build_store(directory: Path, corpus: bool) -> Store:
    store = Store(directory / "bench.json")
    if len(store) == 0:
        settings = load_settings(None, db=directory / "bench.json")
        service = Tradebrief(settings, store)
        targets = [str(p) for p in sample_paths()] + [str(SEED)] + ([str(CORPUS)] if corpus and CORPUS.exists() else [])
        await service.ingestor().ingest(targets)
        await service.aclose()
    return store


def pct(values: list[int], q: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]) if ordered else 0.0


async def run(args: argparse.Namespace) -> None:
    questions = load_questions(args.questions)
    directory = args.store or Path(tempfile.mkdtemp(prefix="tradebrief-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    store = await build_store(directory, not args.no_corpus)
    replayer = Replayer(args.seed)
    fake = FakeOpenAI(default=replayer)
    settings = load_settings(
        None, db=directory / "bench.json", openai_api_key="sk-bench", openai_base_url=fake.base_url,
        rate_limit_per_minute=1_000_000, llm_daily_cap=1_000_000,
    )
    http = fake.client()
    llm = OpenAIAnswerer(LLMClient(settings, http_client=http))
    service = Tradebrief(settings, store, llm=llm)
    prompt_tokens: list[int] = []
    completion_tokens: list[int] = []
    modes: Counter[str] = Counter()
    generated_by_kind: Counter[str] = Counter()
    kept_by_kind: Counter[str] = Counter()
    claim_ok = citation_total = citation_strict = citation_claim_level = 0
    kept_claims = verbatim = quotes = 0
    try:
        for question in questions:
            calls_before = llm.usage.calls
            generated_before = len(replayer.generated)
            answer = await service.ask(question, CONSOLE_ASKER)
            if llm.usage.calls > calls_before:
                prompt_tokens.append(llm.usage.last_prompt_tokens)
                completion_tokens.append(llm.usage.last_completion_tokens)
            modes[
                "llm answer" if answer.mode == "llm" and not answer.abstained
                else "llm abstained" if answer.mode == "llm"
                else "offline fallback" if answer.note
                else "abstained before the LLM (judge)" if answer.abstained
                else "offline"
            ] += 1
            for g in replayer.generated[generated_before:]:
                generated_by_kind[g.kind] += 1
                if answer.mode == "llm" and g.text.rstrip(".") in re.sub(r"\s(?:\[\d+\])+", "", answer.text):
                    kept_by_kind[g.kind] += 1
            if answer.mode != "llm" or answer.abstained:
                continue
            by_n = {c.n: c for c in answer.citations}
            for c in answer.citations:
                quotes += 1
                sentence = store.sentence(c.sentence_id)
                verbatim += sentence is not None and sentence.text == c.quote
            for claim, numbers in _segments(answer):
                kept_claims += 1
                cited = [by_n[n] for n in numbers if n in by_n]
                whole = _supported(claim, [c.quote for c in cited], [c.title for c in cited])
                claim_ok += whole
                for c in cited:
                    citation_total += 1
                    citation_claim_level += whole
                    citation_strict += _supported(claim, [c.quote], [c.title])
    finally:
        await service.aclose()
        await http.aclose()
        store.close()

    generated = sum(generated_by_kind.values())
    kept = sum(kept_by_kind.values())
    print(f"questions: {len(questions)}")
    for mode, count in modes.most_common():
        print(f"  {mode}: {count}")
    print(f"LLM calls: {len(prompt_tokens)}  (token counts are the fake server's ESTIMATE: characters / 4)")
    if prompt_tokens:
        totals = [p + c for p, c in zip(prompt_tokens, completion_tokens)]
        print(f"  prompt tokens per call:     mean {statistics.mean(prompt_tokens):7.1f}   p95 {pct(prompt_tokens, 0.95):7.0f}   max {max(prompt_tokens)}")
        print(f"  completion tokens per call: mean {statistics.mean(completion_tokens):7.1f}   p95 {pct(completion_tokens, 0.95):7.0f}")
        print(f"  prompt + completion:        mean {statistics.mean(totals):7.1f}   p95 {pct(totals, 0.95):7.0f}")
    print(f"claims written by the fake: {generated}; kept after verification: {kept}; "
          f"dropped: {generated - kept} ({(generated - kept) / max(generated, 1):.1%})")
    for kind in sorted(generated_by_kind):
        n, k = generated_by_kind[kind], kept_by_kind[kind]
        print(f"  {kind:20s} written {n:3d}  kept {k:3d}  dropped {n - k:3d}")
    print(f"kept claims checked independently: {kept_claims}; all figures and names in their cited sentences "
          f"(names may come from titles): {claim_ok}/{kept_claims} = {claim_ok / max(kept_claims, 1):.1%}")
    print(f"citation precision (claim's figures and names in the union of its cited sentences): "
          f"{citation_claim_level}/{citation_total} = {citation_claim_level / max(citation_total, 1):.1%}")
    print(f"citation precision, strict (each cited sentence alone holds all of its claim's figures and names): "
          f"{citation_strict}/{citation_total} = {citation_strict / max(citation_total, 1):.1%}")
    print(f"quotes verbatim from the store: {verbatim}/{quotes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="?", type=Path, help="JSONL with 'question' (or 'q') per line")
    parser.add_argument("--store", type=Path, help="directory for the store (reused when it exists)")
    parser.add_argument("--no-corpus", action="store_true", help="samples and seed only, no BBC corpus")
    parser.add_argument("--seed", type=int, default=4, help="random seed of the fake's replies")
    parser.add_argument("--verbose", action="store_true", help="log every claim the verifier drops, and why")
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("bot.llm").setLevel(logging.DEBUG)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
