#!/usr/bin/env python3
"""Evaluate answers on eval/questions.jsonl (or the held-out set) and compare with plain BM25.

Builds a store from the sample briefs, the seed article and the BBC business corpus (read from
../shared, never copied), asks every question through the core and prints:

- evidence hit rate: the answering sentence is among the citations;
- answer term recall: expected terms found in the answer text and its quotes;
- abstention rate on unanswerable questions (and false abstentions on answerable ones);
- verbatim quotes: every quote equals the stored sentence and the article body at its offsets;
- the same hit rate for plain BM25 (top 3, no re-ranking) and how well a BM25 score threshold
  separates answerable from unanswerable questions.

    python eval/run.py [--store DIR] [--verbose] [--set questions|heldout]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Answerer  # noqa: E402
from bot.app import sample_paths  # noqa: E402
from bot.ingest import Ingestor  # noqa: E402
from bot.facts import extract_facts  # noqa: E402
from bot.retrieval import Retriever, stems  # noqa: E402
from bot.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"


def file_path(ref: str) -> Path:
    kind, _, name = ref.partition(":")
    if kind == "seed":
        return SEED
    if kind == "sample":
        return next(p for p in sample_paths() if p.name == name)
    return CORPUS / name


async def build_store(directory: Path) -> Store:
    store = Store(directory / "eval.json")
    if len(store) == 0:
        targets = [str(p) for p in sample_paths()] + [str(SEED), str(CORPUS)]
        await Ingestor(store, extractors=[extract_facts]).ingest(targets)
    return store


def locate(store: Store, ref: str, terms: list[str]) -> set[str]:
    """Sentence ids that answer: in the article `ref`, or in any other report of the same story,
    a sentence holding every evidence term."""
    path = file_path(ref)
    from bot.ingest import content_hash, parse_text

    parsed = parse_text(path.read_text(encoding="utf-8"), default_source=path.parent.name)
    if store.find_article(content_hash=content_hash(parsed.body.strip())) is None:
        raise SystemExit(f"{ref} is not in the store")
    lowered = [t.lower() for t in terms]
    return {s.id for s in store.iter_sentences() if all(t in s.text.lower() for t in lowered)}


def bm25_top(retriever: Retriever, question: str, k: int = 3) -> tuple[list[str], float]:
    """Plain BM25 over sentences: stemmed question words, no expansion, no re-ranking."""
    index = retriever._main  # the same index the product uses, queried naively
    assert index is not None
    scores = index.scores(list(dict.fromkeys(stems(question))))
    order = scores.argsort()[::-1][:k]
    return [index.ids[i] for i in order if scores[i] > 0], float(scores[order[0]]) if len(order) else 0.0


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="reuse a store directory between runs")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--set", default="questions", choices=["questions", "heldout"],
                        help="questions.jsonl (used while tuning) or heldout.jsonl (written after, never tuned on)")
    args = parser.parse_args()
    questions = [json.loads(line) for line in (ROOT / "eval" / f"{args.set}.jsonl").read_text().splitlines() if line.strip()]
    tmp = None
    directory = args.store
    if directory is None:
        tmp = tempfile.TemporaryDirectory()
        directory = Path(tmp.name)
    directory.mkdir(parents=True, exist_ok=True)
    store = await build_store(directory)
    retriever = Retriever(store)
    answerer = Answerer(retriever)
    retriever.warm()

    answerable = [q for q in questions if q.get("answerable", True)]
    unanswerable = [q for q in questions if not q.get("answerable", True)]
    hits = recall_sum = false_abstain = bm25_hits = 0
    quotes = verbatim = 0
    bm25_scores: list[tuple[float, bool]] = []
    for q in questions:
        answer = await answerer.answer(q["q"])
        for c in answer.citations:
            quotes += 1
            sentence = store.sentence(c.sentence_id)
            article = store.article(c.article_id)
            verbatim += bool(
                sentence and article and c.quote == sentence.text
                and article.body[sentence.start:sentence.end] == c.quote
            )
        top_ids, top_score = bm25_top(retriever, q["q"])
        bm25_scores.append((top_score, q.get("answerable", True)))
        if not q.get("answerable", True):
            if args.verbose and not answer.abstained:
                print(f"NOT ABSTAINED: {q['q']}\n   {answer.text[:200]}")
            continue
        gold = locate(store, q["file"], q["evidence"])
        if not gold:
            print(f"warning: no sentence holds {q['evidence']} in {q['file']}")
        cited = {c.sentence_id for c in answer.citations}
        hit = bool(gold & cited)
        hits += hit
        bm25_hits += bool(gold & set(top_ids))
        false_abstain += answer.abstained
        readable = (answer.text + " " + " ".join(c.quote for c in answer.citations)).lower()
        recall = sum(t.lower() in readable for t in q["answer"]) / len(q["answer"])
        recall_sum += recall
        if args.verbose and (not hit or recall < 1):
            print(f"{'MISS' if not hit else 'RECALL'} {q['q']}  (abstained={answer.abstained})\n   {answer.text[:300]}")

    abstained = 0
    for q in unanswerable:
        answer = await answerer.answer(q["q"])
        abstained += answer.abstained

    # The best a single BM25 score threshold can do at telling unanswerable questions apart.
    best_threshold_acc = max(
        sum((score >= t) == ok for score, ok in bm25_scores) / len(bm25_scores)
        for t in sorted({s for s, _ in bm25_scores} | {0.0, float("inf")})
    )
    n = len(answerable)
    print(f"store: {len(store)} articles, {store.sentence_count()} sentences")
    print(f"questions: {n} answerable, {len(unanswerable)} unanswerable")
    print(f"evidence hit rate (answering sentence cited): {hits / n:.3f}")
    print(f"answer term recall:                           {recall_sum / n:.3f}")
    print(f"abstention on unanswerable:                   {abstained / len(unanswerable):.3f}")
    print(f"false abstention on answerable:               {false_abstain / n:.3f}")
    print(f"verbatim quotes:                              {verbatim}/{quotes} ({verbatim / max(quotes, 1):.1%})")
    print(f"plain BM25 hit rate (top 3 sentences):        {bm25_hits / n:.3f}")
    print(f"plain BM25 best score-threshold accuracy at telling answerable from unanswerable: "
          f"{best_threshold_acc:.3f} (always answering scores {n / len(questions):.3f})")
    store.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
