#!/usr/bin/env python3
"""Evaluate answers on our own question sets and compare retrieval with plain BM25.

Builds a store from the sample briefs, the seed article and the BBC business corpus (read from
../shared, never copied), asks every question through the core and prints:

- evidence hit: a gold sentence (one holding all evidence terms) is among the citations;
- hit@1: the first citation is a gold sentence;
- lead correct: the answer's first statement (`Answer.lead`) holds one of the gold lead terms;
- wrong-assertion rate: among answered questions, those whose lead is a claim we wrote
  (`lead_kind == "synthesised"`) and holds no gold lead term. A verbatim quote is never a wrong
  assertion (it still counts against hit@1 and lead correct when it does not answer);
- abstention on near misses (the entity is stored, the asked fact is not) and on unanswerable
  questions, and false abstention on answerable ones;
- follow-up accuracy: turns after the first of each chain, asked in one conversation
  (`conversation=`), judged like questions (lead correct; abstained when they must abstain);
- typo accuracy: the misspelt question is answered as its corrected form (same first citation
  as the corrected question, or `read_as` equals the corrected form);
- the old figures: answer term recall (old records), verbatim quotes, plain BM25 (top 3, no
  re-ranking) and how well a BM25 score threshold separates answerable from unanswerable questions.

A per-category table follows. `--verbose` prints every failure with its lead; `--json` prints
the totals as JSON instead of text.

    python eval/run.py [--set tune|heldout|all|final|final2|final3|final4|final5|final6|final7|final8|final9|final10|final11|final12|final13|final14|final15|final16|final17|final18|final19|final20|final21|final22|final23|final24|final25|final26|final27|final28|final29|final30|final31|final32|final33|final34|final35|final36|final37|final38|final39|final40|final41|final42] [--store DIR | --database-url URL] [--verbose] [--json]
    python eval/run.py --set final --check   # check the gold data against the stored corpus; asks nothing

Record format (one JSON object a line, see eval/README.md): id, cat, q; answerable questions have
file (or a list of files), evidence (terms of one sentence, or a list of alternative term lists) and
lead (alternative gold lead terms: case-insensitive, whole words unless the term ends in `*`);
questions that must abstain have "answerable": false; typos have "corrected"; follow-up turns have
"chain" and "turn".

Until the core fills `Answer.lead` / `lead_kind` / `read_as` / `near_miss`, they are derived: the lead
is the answer text before its first [n] marker, "quote" when it equals a cited sentence, else
"synthesised".
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Answerer  # noqa: E402
from bot.app import sample_paths  # noqa: E402
from bot.facts import extract_facts  # noqa: E402
from bot.ingest import Ingestor  # noqa: E402
from bot.retrieval import open_retriever  # noqa: E402
from bot.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "pakistan-belarus-2025-04-10.txt"
CORPUS = SHARED / "corpus" / "bbc_business"
SETS = {
    "tune": ["questions.jsonl"],
    "heldout": ["heldout.jsonl"],
    "all": ["questions.jsonl", "heldout.jsonl"],
    "final": ["final.jsonl"],  # the final held-out set: run blind once, tuning data since; not in "all"
    "final2": ["final2.jsonl"],  # the second final held-out set (session 4): run blind once, tuning data since; not in "all"
    "final3": ["final3.jsonl"],  # the third final held-out set (session 5): run blind once, tuning data since; not in "all"
    "final4": ["final4.jsonl"],  # the fourth final held-out set (session 6): run blind once, tuning data since; not in "all"
    "final5": ["final5.jsonl"],  # the fifth final held-out set (session 7): run blind once, tuning data since; not in "all"
    "final6": ["final6.jsonl"],  # the sixth final held-out set (session 8): run blind at its end, tuning data since; not in "all"
    "final7": ["final7.jsonl"],  # the seventh final held-out set (session 9): run blind at its end, tuning data since; not in "all"
    "final8": ["final8.jsonl"],  # the eighth final held-out set (session 10): run blind at its start, tuning data since; not in "all"
    "final9": ["final9.jsonl"],  # the ninth final held-out set (session 10): run blind at its end, tuning data since; not in "all"
    "final10": ["final10.jsonl"],  # the tenth final held-out set (session 11): run blind once, read since; not in "all"
    "final11": ["final11.jsonl"],  # the eleventh final held-out set (session 11): run blind once at its end, read since; not in "all"
    "final12": ["final12.jsonl"],  # the twelfth final held-out set (session 12): run blind at its start and end, read since; not in "all"
    "final13": ["final13.jsonl"],  # the thirteenth final held-out set (session 13): run blind at its start, read since; not in "all"
    "final14": ["final14.jsonl"],  # the fourteenth final held-out set (session 14): run blind at its start, read since; not in "all"
    "final15": ["final15.jsonl"],  # the fifteenth final held-out set (session 15): run blind at its start, read since; not in "all"
    "final16": ["final16.jsonl"],  # the sixteenth final held-out set (session 16): run blind at its start, read since; not in "all"
    "final17": ["final17.jsonl"],  # the seventeenth final held-out set (session 17): run blind at its start, read since; not in "all"
    "final18": ["final18.jsonl"],  # the eighteenth final held-out set (session 18): run blind at its start, read since; not in "all"
    "final19": ["final19.jsonl"],  # the nineteenth final held-out set (session 19): run blind at its start, read since; not in "all"
    "final20": ["final20.jsonl"],  # the twentieth final held-out set (session 20): run blind at its start, read since; not in "all"
    "final21": ["final21.jsonl"],  # the twenty-first final held-out set (session 21): run blind at its start, read since; not in "all"
    "final22": ["final22.jsonl"],  # the twenty-second final held-out set (session 22): run blind at its start, read since; not in "all"
    "final23": ["final23.jsonl"],  # the twenty-third final held-out set (session 23): run blind at its start, read since; not in "all"
    "final24": ["final24.jsonl"],  # the twenty-fourth final held-out set (session 24): run blind at its start, read since; not in "all"
    "final25": ["final25.jsonl"],  # the twenty-fifth final held-out set (session 25): run blind at its start, read since; not in "all"
    "final26": ["final26.jsonl"],  # the twenty-sixth final held-out set (session 26): run blind at its start, read since; not in "all"
    "final27": ["final27.jsonl"],  # the twenty-seventh final held-out set (session 27): run blind at its start, read since; not in "all"
    "final28": ["final28.jsonl"],  # the twenty-eighth final held-out set (session 28): run blind at its start, read since; not in "all"
    "final29": ["final29.jsonl"],  # the twenty-ninth final held-out set (session 29): run blind at its start, read since; not in "all"
    "final30": ["final30.jsonl"],  # the thirtieth final held-out set (session 30): written blind; only the coordinator runs it; not in "all"
    "final31": ["final31.jsonl"],  # the thirty-first final held-out set (session 31): written blind; only the coordinator runs it; not in "all"
    "final32": ["final32.jsonl"],  # the thirty-second final held-out set (session 32): written blind; only the coordinator runs it; not in "all"
    "final33": ["final33.jsonl"],  # the thirty-third final held-out set (session 32, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final34": ["final34.jsonl"],  # the thirty-fourth final held-out set (session 33, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final35": ["final35.jsonl"],  # the thirty-fifth final held-out set (session 34, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final36": ["final36.jsonl"],  # the thirty-sixth final held-out set (session 36, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final37": ["final37.jsonl"],  # the thirty-seventh final held-out set (session 37, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final38": ["final38.jsonl"],  # the thirty-eighth final held-out set (session 38, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final39": ["final39.jsonl"],  # the thirty-ninth final held-out set (session 39, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final40": ["final40.jsonl"],  # the fortieth final held-out set (session 40, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final41": ["final41.jsonl"],  # the forty-first final held-out set (session 41, run once on its final code): written blind; only the coordinator runs it; not in "all"
    "final42": ["final42.jsonl"],  # the forty-second final held-out set (session 42, run once on its final code): written blind; only the coordinator runs it; not in "all"
}
CATEGORIES = ("entity", "scope", "typo", "near_miss", "unanswerable", "list", "why", "followup", "plain")
MUST_ABSTAIN = ("near_miss", "unanswerable")


# ---- the question records --------------------------------------------------------------------------


def load(set_name: str) -> list[dict[str, Any]]:
    records = []
    for name in SETS[set_name]:
        path = ROOT / "eval" / name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            problem = check_record(record)
            if problem:
                raise SystemExit(f"{path.name}:{n}: {problem}")
            records.append(record)
    return records


def check_record(r: dict[str, Any]) -> str:
    if not r.get("q") or not r.get("id"):
        return "a record needs 'id' and 'q'"
    cat = r.get("cat", "plain")
    if cat not in CATEGORIES:
        return f"unknown category {cat!r}"
    if cat in MUST_ABSTAIN:
        return "" if r.get("answerable") is False else f"{cat} records need \"answerable\": false"
    if not r.get("file") or not r.get("evidence") or not r.get("lead"):
        return "an answerable record needs file, evidence and lead"
    if cat == "typo" and not r.get("corrected"):
        return "a typo record needs 'corrected'"
    if cat == "followup" and not (r.get("chain") and r.get("turn")):
        return "a follow-up record needs 'chain' and 'turn'"
    return ""


def answerable(r: dict[str, Any]) -> bool:
    return r.get("answerable", True)


def term_in(term: str, text: str) -> bool:
    """Case-insensitive; whole words at alphanumeric edges, unless the term ends in '*' (a prefix)."""
    prefix = term.endswith("*")
    t = term.rstrip("*")
    if not t:
        return False
    left = r"\b" if t[0].isalnum() else ""
    right = r"\b" if t[-1].isalnum() and not prefix else ""
    pattern = left + re.escape(t) + right
    return re.search(pattern, text, re.IGNORECASE) is not None


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'").replace("'", "")).split())


# ---- the store and its gold sentences ---------------------------------------------------------------


def file_path(ref: str) -> Path:
    kind, _, name = ref.partition(":")
    if kind == "seed":
        return SEED
    if kind == "sample":
        return next(p for p in sample_paths() if p.name == name)
    return CORPUS / name


async def build_store(directory: Path, database_url: str | None = None) -> Store:
    """The evaluation store: a TinyDB file in `directory`, or the PostgreSQL database at
    `database_url` (the corpus is ingested when the store is empty)."""
    if database_url:
        from bot.storage_port import open_store

        store = open_store(database_url)
    else:
        store = Store(directory / "eval.json")
    if len(store) == 0:
        targets = [str(p) for p in sample_paths()] + [str(SEED), str(CORPUS)]
        await Ingestor(store, extractors=[extract_facts]).ingest(targets)
    return store


class Gold:
    """Sentence ids that answer a record: the sentences holding every term of one evidence alternative,
    in the named file(s) or in another stored report with the same title (the same story reported
    twice). A fact found only in a differently titled article counts when its file is named too."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_title: dict[str, list[str]] = defaultdict(list)
        for article in store.articles():
            self.by_title[norm(article.title)].append(article.id)
        self.article_of: dict[str, str] = {}

    def article_id(self, ref: str) -> str:
        if ref not in self.article_of:
            from bot.ingest import content_hash, parse_text

            path = file_path(ref)
            parsed = parse_text(path.read_text(encoding="utf-8"), default_source=path.parent.name)
            found = self.store.find_article(content_hash=content_hash(parsed.body.strip()))
            if found is None:
                raise SystemExit(f"{ref} is not in the store")
            self.article_of[ref] = found
        return self.article_of[ref]

    def articles_of(self, r: dict[str, Any]) -> set[str]:
        files = r["file"] if isinstance(r["file"], list) else [r["file"]]
        ids: set[str] = set()
        for ref in files:
            aid = self.article_id(ref)
            article = self.store.article(aid)
            ids.add(aid)
            if article is not None:
                ids.update(self.by_title.get(norm(article.title), []))
        return ids

    def of(self, r: dict[str, Any], anywhere: bool = False) -> set[str]:
        evidence = r["evidence"]
        alternatives = evidence if isinstance(evidence[0], list) else [evidence]
        sentences = self.store.iter_sentences() if anywhere else (
            s for aid in sorted(self.articles_of(r)) for s in self.store.sentences(aid))
        found: set[str] = set()
        for s in sentences:
            text = s.text.lower()
            if any(all(t.lower() in text for t in terms) for terms in alternatives):
                found.add(s.id)
        return found


# ---- reading an Answer, with or without the new fields ----------------------------------------------

MARKER = re.compile(r"\[\d+\]")


@dataclass
class View:
    abstained: bool
    lead: str
    lead_kind: str
    read_as: str
    near_miss: bool | None
    cited: list[str]
    text: str
    quotes: list[str]
    derived: bool = False  # lead / lead_kind derived from the text (fields absent or unfilled)
    mislabelled: bool = False  # called a quote, but not a cited sentence word for word: counted as synthesised


def view_of(answer: Any) -> View:
    quotes = [c.quote for c in answer.citations]
    cited = [c.sentence_id for c in answer.citations]
    lead = getattr(answer, "lead", "") or ""
    kind = getattr(answer, "lead_kind", None)
    derived = False
    if answer.abstained:
        lead, kind = lead, "none"
    elif not lead or kind in (None, "none"):
        derived = True
        head = MARKER.split(answer.text, maxsplit=1)[0] if MARKER.search(answer.text) else answer.text
        lead = head.strip()
        plain = " ".join(lead.split()).rstrip(" .;:")
        kind = "quote" if any(plain == " ".join(q.split()).rstrip(" .;:") for q in quotes) else "synthesised"
    mislabelled = False
    if kind == "quote" and not answer.abstained:
        # A lead called a quote must be a stored sentence we cite, word for word; else it is our claim.
        plain = " ".join(MARKER.sub("", lead).split()).strip(" .;:")
        if not any(plain and plain in " ".join(q.split()) for q in quotes):
            kind, mislabelled = "synthesised", True
    near_miss = getattr(answer, "near_miss", None)
    return View(answer.abstained, lead, kind, getattr(answer, "read_as", "") or "", near_miss, cited,
                answer.text, quotes, derived, mislabelled)


# ---- judging ------------------------------------------------------------------------------------------


@dataclass
class Result:
    record: dict[str, Any]
    view: View
    gold: set[str] = field(default_factory=set)
    hit: bool = False
    hit1: bool = False
    lead_ok: bool = False
    wrong: bool = False
    correct: bool = False
    typo_ok: bool | None = None
    recall: float | None = None
    failures: list[str] = field(default_factory=list)


def judge(r: dict[str, Any], v: View, gold: set[str]) -> Result:
    res = Result(r, v, gold)
    if answerable(r):
        res.hit = bool(gold & set(v.cited))
        res.hit1 = bool(v.cited) and v.cited[0] in gold
        res.lead_ok = not v.abstained and any(term_in(t, v.lead) for t in r["lead"])
        res.correct = res.lead_ok
        if v.abstained:
            res.failures.append("FALSE-ABSTAIN")
        else:
            if not res.hit:
                res.failures.append("MISS")
            elif not res.hit1:
                res.failures.append("NOT-FIRST")
            if not res.lead_ok:
                res.failures.append("LEAD")
        if "answer" in r:
            readable = (v.text + " " + " ".join(v.quotes)).lower()
            res.recall = sum(t.lower() in readable for t in r["answer"]) / len(r["answer"])
    else:
        res.correct = v.abstained
        if not v.abstained:
            res.failures.append("NOT-ABSTAINED")
    res.wrong = not v.abstained and v.lead_kind == "synthesised" and not res.lead_ok
    if res.wrong:
        res.failures.append("WRONG-ASSERTION")
    return res


def rate(num: int | float, den: int) -> float | None:
    return num / den if den else None


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def totals(results: list[Result]) -> dict[str, Any]:
    ans = [x for x in results if answerable(x.record)]
    answered = [x for x in results if not x.view.abstained]
    nm = [x for x in results if x.record.get("cat") == "near_miss"]
    un = [x for x in results if x.record.get("cat") == "unanswerable"]
    fu = [x for x in results if x.record.get("cat") == "followup" and int(x.record["turn"]) > 1]
    ty = [x for x in results if x.typo_ok is not None]
    flagged = [x for x in nm if x.view.near_miss]
    return {
        "questions": len(results),
        "answerable": len(ans),
        "answered": len(answered),
        "evidence_hit": rate(sum(x.hit for x in ans), len(ans)),
        "hit_at_1": rate(sum(x.hit1 for x in ans), len(ans)),
        "lead_correct": rate(sum(x.lead_ok for x in ans), len(ans)),
        "wrong_assertions": sum(x.wrong for x in results),
        "wrong_assertion_rate": rate(sum(x.wrong for x in results), len(answered)),
        "near_miss_abstention": rate(sum(x.view.abstained for x in nm), len(nm)),
        "near_miss_flagged": rate(len(flagged), len(nm)),
        "unanswerable_abstention": rate(sum(x.view.abstained for x in un), len(un)),
        "false_abstention": rate(sum(x.view.abstained for x in ans), len(ans)),
        "followup_accuracy": rate(sum(x.correct for x in fu), len(fu)),
        "followup_turns": len(fu),
        "typo_accuracy": rate(sum(bool(x.typo_ok) for x in ty), len(ty)),
        "typo_questions": len(ty),
    }


def check_gold(records: list[dict[str, Any]], store: Store) -> int:
    """Check gold data against the store, without asking anything: each answerable record's evidence
    must locate at least one stored sentence of its file(s), and each of its gold sentences (or, for a
    list over several files, some gold sentence of each file) should hold a gold lead term. Evidence
    found in other, differently titled articles is reported too (such files may need naming)."""
    gold_of = Gold(store)
    bad = 0
    for r in records:
        if not answerable(r):
            continue
        gold = sorted(gold_of.of(r))
        texts = {sid: store.sentence(sid).text for sid in gold}
        mine = gold_of.articles_of(r)
        elsewhere = sorted({sid.split(":")[0] for sid in gold_of.of(r, anywhere=True)} - mine)
        problem = ""
        if not gold:
            problem = f"no stored sentence holds {r['evidence']}"
        else:
            leadless = [sid for sid in gold if not any(term_in(t, texts[sid]) for t in r["lead"])]
            files = r["file"] if isinstance(r["file"], list) else [r["file"]]
            if r.get("cat") == "list" and len(files) > 1:
                parts = [gold_of.article_id(ref) for ref in files]
                led = {sid.split(":")[0] for sid in gold if sid not in leadless}
                if all(aid in led for aid in parts):
                    leadless = []
            if leadless:
                problem = f"gold sentence without a lead term: {texts[leadless[0]][:120]!r}"
        bad += bool(problem)
        print(f"{'BAD' if problem else 'ok '} {r['id']:<10} {len(gold)} gold sentence(s)"
              + (f"; also in {len(elsewhere)} other article(s)" if elsewhere else "")
              + (f"; {problem}" if problem else ""))
    print(f"{len(records)} records checked, {bad} with problems")
    return 1 if bad else 0


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="reuse a store directory between runs")
    parser.add_argument("--database-url", metavar="URL",
                        help="evaluate on a PostgreSQL store (postgresql://…; an empty database is filled)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every failure with its lead")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    parser.add_argument("--set", default="tune", choices=["tune", "heldout", "all", "final", "final2", "final3", "final4", "final5", "final6", "final7", "final8", "final9", "final10", "final11", "final12", "final13", "final14", "final15", "final16", "final17", "final18", "final19", "final20", "final21", "final22", "final23", "final24", "final25", "final26", "final27", "final28", "final29", "final30", "final31", "final32", "final33", "final34", "final35", "final36", "final37", "final38", "final39", "final40", "final41", "final42", "questions"],
                        help="tune: eval/questions.jsonl (used while tuning); heldout: eval/heldout.jsonl "
                             "(run at the end only); all: both; final: eval/final.jsonl, the final held-out "
                             "set (never tuned on, run only on request, not part of 'all'); final2: eval/final2.jsonl, "
                             "the second final held-out set (likewise); final3: eval/final3.jsonl, the third (likewise); final4: eval/final4.jsonl, the fourth (session 6, likewise); final5: eval/final5.jsonl, the fifth (session 7, likewise); final6: eval/final6.jsonl, the sixth (session 8, likewise); final7: eval/final7.jsonl, the seventh (session 9, likewise); final8: eval/final8.jsonl, the eighth (session 10, likewise); final9: eval/final9.jsonl, the ninth (session 10, likewise); final10: eval/final10.jsonl, the tenth (session 11, likewise); final11: eval/final11.jsonl, the eleventh (session 11, likewise); final12: eval/final12.jsonl, the twelfth (session 12, likewise); final13: eval/final13.jsonl, the thirteenth (session 13, likewise); final14: eval/final14.jsonl, the fourteenth (session 14, likewise); final15: eval/final15.jsonl, the fifteenth (session 15, likewise); final16: eval/final16.jsonl, the sixteenth (session 16, likewise); final17: eval/final17.jsonl, the seventeenth (session 17, likewise); final18: eval/final18.jsonl, the eighteenth (session 18, likewise); final19: eval/final19.jsonl, the nineteenth (session 19, likewise); final20: eval/final20.jsonl, the twentieth (session 20, likewise); final21: eval/final21.jsonl, the twenty-first (session 21, likewise); final22: eval/final22.jsonl, the twenty-second (session 22, likewise); final23: eval/final23.jsonl, the twenty-third (session 23, likewise); final24: eval/final24.jsonl, the twenty-fourth (session 24, likewise); final25: eval/final25.jsonl, the twenty-fifth (session 25, likewise); final26: eval/final26.jsonl, the twenty-sixth (session 26, likewise); final27: eval/final27.jsonl, the twenty-seventh (session 27, likewise); final28: eval/final28.jsonl, the twenty-eighth (session 28, likewise); final29: eval/final29.jsonl, the twenty-ninth (session 29, likewise); final30: eval/final30.jsonl, the thirtieth (session 30, likewise); final31: eval/final31.jsonl, the thirty-first (session 31, likewise); final32: eval/final32.jsonl, the thirty-second (session 32, likewise); final33: eval/final33.jsonl, the thirty-third (session 32's final code, likewise); final34: eval/final34.jsonl, the thirty-fourth (session 33's final code, likewise); final35: eval/final35.jsonl, the thirty-fifth (session 34's final code, likewise); final36: eval/final36.jsonl, the thirty-sixth (session 36's final code, likewise); final37: eval/final37.jsonl, the thirty-seventh (session 37's final code, likewise); final38: eval/final38.jsonl, the thirty-eighth (session 38's final code, likewise); final39: eval/final39.jsonl, the thirty-ninth (session 39's final code, likewise); final40: eval/final40.jsonl, the fortieth (session 40's final code, likewise); final41: eval/final41.jsonl, the forty-first (session 41's final code, likewise); final42: eval/final42.jsonl, the forty-second (session 42's final code, likewise). "
                             "'questions' is an old name for tune")
    parser.add_argument("--check", action="store_true",
                        help="check the set's gold data only: every answerable record's evidence locates a "
                             "stored sentence of its file(s); asks no question")
    args = parser.parse_args()
    set_name = "tune" if args.set == "questions" else args.set
    records = load(set_name)
    started = time.perf_counter()
    tmp = None
    directory = args.store
    if directory is None:
        tmp = tempfile.TemporaryDirectory()
        directory = Path(tmp.name)
    directory.mkdir(parents=True, exist_ok=True)
    store = await build_store(directory, args.database_url)
    if args.check:
        status = check_gold(records, store)
        store.close()
        if tmp:
            tmp.cleanup()
        return status
    retriever = open_retriever(store)
    answerer = Answerer(retriever)
    retriever.warm()
    gold_of = Gold(store)
    takes_conversation = "conversation" in inspect.signature(answerer.answer).parameters
    log = (lambda *a: None) if args.json else print
    if not takes_conversation:
        log("note: Answerer.answer takes no conversation=: follow-up turns are asked one-shot")

    async def ask(question: str, conversation: str | None) -> Any:
        if conversation is not None and takes_conversation:
            return await answerer.answer(question, conversation=conversation)
        return await answerer.answer(question)

    results: list[Result] = []
    quotes = verbatim = 0
    run_id = f"{int(time.time())}"
    for r in records:
        conversation = f"eval:{run_id}:{r['chain']}" if r.get("cat") == "followup" else None
        answer = await ask(r["q"], conversation)
        for c in answer.citations:
            quotes += 1
            sentence = store.sentence(c.sentence_id)
            article = store.article(c.article_id)
            verbatim += bool(
                sentence and article and c.quote == sentence.text
                and article.body[sentence.start:sentence.end] == c.quote
            )
        v = view_of(answer)
        gold = gold_of.of(r) if answerable(r) else set()
        if answerable(r) and not gold:
            log(f"warning: {r['id']}: no stored sentence holds {r['evidence']}")
        res = judge(r, v, gold)
        if r.get("cat") == "typo":
            fixed = view_of(await ask(r["corrected"], None))
            same_first = bool(v.cited) and bool(fixed.cited) and v.cited[0] == fixed.cited[0]
            res.typo_ok = (bool(v.read_as) and norm(v.read_as) == norm(r["corrected"])) or (
                not v.abstained and not fixed.abstained and same_first)
            if not res.typo_ok:
                res.failures.append("TYPO")
        results.append(res)

    # Plain BM25 on the same sentences (questions that stand alone: no follow-up turns after the first).
    bm25: dict[str, Any] = {}
    try:
        from bot.retrieval import stems

        standalone = [x for x in results
                      if not (x.record.get("cat") == "followup" and int(x.record["turn"]) > 1)]
        scored = []
        bm25_hits = n_ans = 0
        for x in standalone:
            # the product's own candidates (BM25, or full-text search on PostgreSQL), queried naively
            found = sorted(retriever.candidates(list(dict.fromkeys(stems(x.record["q"])))), key=lambda c: -c[1])
            top = [sid for sid, _ in found[:3]]
            scored.append((found[0][1] if found else 0.0, answerable(x.record)))
            if answerable(x.record):
                n_ans += 1
                bm25_hits += bool(x.gold & set(top))
        bm25["hit_top3"] = rate(bm25_hits, n_ans)
        bm25["best_threshold_accuracy"] = max(
            sum((score >= t) == ok for score, ok in scored) / len(scored)
            for t in sorted({s for s, _ in scored} | {0.0, float("inf")})
        )
        bm25["always_answer_accuracy"] = rate(sum(ok for _, ok in scored), len(scored))
    except Exception as exc:  # the private index moved: the product figures still stand
        bm25["error"] = f"{type(exc).__name__}: {exc}"

    summary = totals(results)
    recalls = [x.recall for x in results if x.recall is not None]
    summary["answer_term_recall_old_records"] = rate(sum(recalls), len(recalls))
    summary["verbatim_quotes"] = [verbatim, quotes]
    summary["lead_fields_present"] = not any(x.view.derived for x in results)
    summary["quote_leads_not_verbatim"] = sum(x.view.mislabelled for x in results)
    summary["conversation_supported"] = takes_conversation
    summary["bm25"] = bm25
    by_cat: dict[str, list[Result]] = defaultdict(list)
    for x in results:
        by_cat[x.record.get("cat", "plain")].append(x)
    categories = {cat: totals(by_cat[cat]) for cat in CATEGORIES if by_cat.get(cat)}
    elapsed = time.perf_counter() - started
    store_info = {"articles": len(store), "sentences": store.sentence_count()}

    if args.json:
        print(json.dumps({"set": set_name, "store": store_info, "seconds": round(elapsed, 1),
                          "totals": summary, "categories": categories}, indent=2))
    else:
        if args.verbose:
            for x in results:
                if x.failures:
                    r, v = x.record, x.view
                    print(f"{' '.join(x.failures)}  [{r['id']} {r.get('cat')}] {r['q']}")
                    if r.get("corrected"):
                        print(f"   corrected: {r['corrected']}   read_as: {v.read_as!r}")
                    print(f"   lead ({v.lead_kind}): {v.lead[:200]!r}")
                    if answerable(r):
                        print(f"   gold lead: {r['lead']}   first citation gold: {x.hit1}")
                    if v.quotes:
                        print(f"   [1] {v.quotes[0][:160]!r}")
        s = summary
        print(f"set: {set_name}; store: {store_info['articles']} articles, "
              f"{store_info['sentences']} sentences")
        must = s["questions"] - s["answerable"]
        print(f"questions: {s['questions']} ({s['answerable']} answerable, {must} "
              f"must abstain); answered: {s['answered']}")
        if not s["lead_fields_present"]:
            print("(Answer.lead/lead_kind not filled: derived from the text before its first [n])")
        print(f"evidence hit (a gold sentence cited):        {fmt(s['evidence_hit'])}")
        print(f"hit@1 (first citation is gold):              {fmt(s['hit_at_1'])}")
        print(f"lead correct (first statement holds a gold term): {fmt(s['lead_correct'])}")
        print(f"wrong-assertion rate (of answered):          {fmt(s['wrong_assertion_rate'])} "
              f"({s['wrong_assertions']} of {s['answered']})")
        if s["quote_leads_not_verbatim"]:
            print(f"  ({s['quote_leads_not_verbatim']} leads called quotes are not cited sentences word for word: "
                  "counted as synthesised)")
        print(f"abstention on near misses:                   {fmt(s['near_miss_abstention'])} "
              f"(flagged near_miss: {fmt(s['near_miss_flagged'])})")
        print(f"abstention on unanswerable:                  {fmt(s['unanswerable_abstention'])}")
        print(f"false abstention on answerable:              {fmt(s['false_abstention'])}")
        print(f"follow-up accuracy ({s['followup_turns']} later turns):        {fmt(s['followup_accuracy'])}"
              + ("" if takes_conversation else "  (asked one-shot)"))
        print(f"typo accuracy ({s['typo_questions']} questions):              {fmt(s['typo_accuracy'])}")
        print(f"answer term recall (old records):            {fmt(s['answer_term_recall_old_records'])}")
        print(f"verbatim quotes:                             {verbatim}/{quotes} "
              f"({verbatim / max(quotes, 1):.1%})")
        if "error" in bm25:
            print(f"plain BM25 comparison unavailable: {bm25['error']}")
        else:
            print(f"plain BM25 hit rate (top 3 sentences):       {fmt(bm25['hit_top3'])}")
            print(f"plain BM25 best score-threshold accuracy at telling answerable from must-abstain: "
                  f"{bm25['best_threshold_accuracy']:.3f} "
                  f"(always answering scores {bm25['always_answer_accuracy']:.3f})")
        print()
        print(f"{'category':<13}{'n':>4}{'answered':>9}{'hit':>7}{'hit@1':>7}{'lead':>7}{'wrong':>7}"
              f"{'abstain':>8}"
              f"{'correct':>8}")
        for cat, t in categories.items():
            xs = by_cat[cat]
            must = [x for x in xs if not answerable(x.record)]
            print(f"{cat:<13}{t['questions']:>4}{t['answered']:>9}{fmt(t['evidence_hit']):>7}"
                  f"{fmt(t['hit_at_1']):>7}"
                  f"{fmt(t['lead_correct']):>7}{t['wrong_assertions']:>7}"
                  f"{fmt(rate(sum(x.view.abstained for x in must), len(must))):>8}"
                  f"{fmt(rate(sum(x.correct for x in xs), len(xs))):>8}")
        print(f"({elapsed:.1f} s)")
    store.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
