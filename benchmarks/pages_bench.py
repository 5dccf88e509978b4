#!/usr/bin/env python3
"""Real pages and feeds (issue 16): what is stored, what is refused and why, and how fast.

    python benchmarks/pages_bench.py [--only en|encodings|feeds] [--show]

Reads ../shared/corpus/web_pages/{en,encodings} and ../shared/corpus/feeds (saved pages and feedparser's
test feeds; evaluation only, never copied into the repository) and ingests each folder into a fresh
temporary store with the offline fact extractor, as `tradebrief ingest DIR` does. Prints per folder:
stored / refused / crashes, pages per second, and the checks the issue sets:

- en: stored articles that still hold a subscription prompt or are a caption only (should be none);
- encodings: stored articles with U+FFFD or typical mojibake (UTF-8 read as windows-1252) (none);
- feeds: failure lines that do not name their file or URL (none), and the script the
  illformed_chardet_* titles were decoded to.

The concurrent-feed figure is in benchmarks/feed_bench.py.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|Ä[\u0080-\u009f]|Å[\u0080-\u009f]")
PROMPT = re.compile(r"subscribe now|for the full story|to view the full story|preview of subscription content"
                    r"|already a subscriber|subscribers only|continue reading", re.I)
CREDIT = re.compile(r"\b(Photo|Picture|Image)\s*:", re.I)
JAPANESE = {"CJK", "HIRAGANA", "KATAKANA"}
SCRIPTS = {"big5": {"CJK"}, "eucjp": JAPANESE, "gb2312": {"CJK"}, "shiftjis": JAPANESE, "euckr": {"HANGUL"},
           "koi8r": {"CYRILLIC"}, "tis620": {"THAI"}, "windows1255": {"HEBREW"}}


def script_of(text: str) -> str:
    counts: dict[str, int] = {}
    for ch in text:
        if ord(ch) > 0x7F and ch.isalpha():
            name = unicodedata.name(ch, "?").split()[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "LATIN/ASCII"


async def run(folder: Path, show: bool) -> dict[str, object]:
    from bot.facts import extract_facts
    from bot.ingest import Ingestor
    from bot.ingest.fetch import Fetcher
    from bot.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "db.json")
        # a real fetcher: feed links point at hosts that cannot be reached here, and must fail clearly
        fetcher = Fetcher(user_agent="tradebrief-bench", timeout=5)
        crashes = 0
        t = time.perf_counter()
        try:
            report = await Ingestor(store, fetcher=fetcher, extractors=[extract_facts]).ingest([str(folder)])
        except Exception as exc:  # a crash of the whole run
            print(f"CRASH {type(exc).__name__}: {exc}")
            raise
        seconds = time.perf_counter() - t
        await fetcher.aclose()
        crashes = sum("unexpected error" in i.error for i in report.items)
        stored = [store.article(i.article_id) for i in report.stored]  # type: ignore[arg-type]
        result: dict[str, object] = {
            "inputs": len({i.target.split(", entry")[0] for i in report.items}),
            "items": len(report.items),
            "stored": len(report.stored),
            "failed": len(report.failed),
            "teasers": sum(1 for a in stored if a and a.teaser),
            "crashes": crashes,
            "seconds": round(seconds, 2),
            "per_second": round(len(report.items) / seconds, 1),
        }
        result["with_prompt"] = [a.id for a in stored if a and PROMPT.search(a.body)]
        result["caption_only"] = [a.id for a in stored if a and len(a.body) < 300 and CREDIT.search(a.body)]
        result["fffd_or_mojibake"] = [
            (a.id, a.title[:40]) for a in stored if a and ("\ufffd" in a.body + a.title or MOJIBAKE.search(a.body + a.title))
        ]
        result["unnamed_failures"] = [
            i.error for i in report.failed
            if not (i.target.startswith(("/", "http")) or str(folder) in i.target)
        ]
        if folder.name == "feeds":
            scripts = {}
            for i in report.items:
                name = Path(i.target.split(",")[0]).stem
                if name.startswith("illformed_chardet__"):
                    key = name.removeprefix("illformed_chardet__")
                    found = script_of(i.title or (i.target + " " + i.error))
                    scripts[key] = f"{found} ({'right' if found in SCRIPTS.get(key, ()) else 'WRONG'})"
            result["chardet_scripts"] = scripts
        if show:
            for i in report.items:
                line = i.error if i.status == "failed" else f"{i.title[:60]}  {i.note}"
                print(f"  {i.status:9} {i.target[-70:]}: {line[:160]}")
        store.close()
        return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["en", "encodings", "feeds"])
    parser.add_argument("--show", action="store_true", help="print every item")
    args = parser.parse_args()
    folders = {"en": CORPUS / "web_pages" / "en", "encodings": CORPUS / "web_pages" / "encodings",
               "feeds": CORPUS / "feeds"}
    for name, folder in folders.items():
        if args.only and name != args.only:
            continue
        if not folder.is_dir():
            print(f"{name}: {folder} not found")
            continue
        print(f"== {name}")
        for key, value in asyncio.run(run(folder, args.show)).items():
            print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
