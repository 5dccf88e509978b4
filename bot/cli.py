"""The `tradebrief` command line. Each subcommand is a thin call into the core.

Exit status: 0 on success, 1 when some input failed (e.g. one file of an ingest), 2 for usage,
configuration or store errors. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .errors import TradebriefError
from .logs import setup_logging
from .models import Filters, IngestItem

__all__ = ["main", "build_parser"]

Handler = Callable[[argparse.Namespace, Settings], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn

    return register


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _service(settings: Settings, *, readonly: bool):  # type: ignore[no-untyped-def]
    from .app import open_service

    return open_service(settings, readonly=readonly)


# ---- ingest ----------------------------------------------------------------------------------
def _print_item(item: IngestItem) -> None:
    if item.status == "stored":
        print(f"stored     {item.article_id}  {item.title[:70]}  ({item.sentences} sentences, {item.facts} facts)")
    elif item.status == "duplicate":
        print(f"duplicate  {item.article_id}  {item.title[:70]}")
    else:
        print(f"failed     {item.target}: {item.error}", file=sys.stderr)


@command("ingest")
def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    service = _service(settings, readonly=False)

    async def go() -> int:
        try:
            ingestor = service.ingestor(on_item=None if args.json else _print_item)
            report = await ingestor.ingest(args.targets, progress=not args.json and sys.stderr.isatty())
        finally:
            await service.aclose()
        if args.json:
            _print_json([asdict(item) for item in report.items])
        else:
            print(
                f"{len(report.stored)} stored, "
                f"{sum(i.status == 'duplicate' for i in report.items)} already known, "
                f"{len(report.failed)} failed; the store holds {len(service.store)} articles."
            )
        return 1 if report.failed else 0

    try:
        return asyncio.run(go())
    finally:
        service.store.close()


# ---- browsing --------------------------------------------------------------------------------
@command("articles")
def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_articles

    service = _service(settings, readonly=True)
    articles = service.store.articles()[: args.limit] if args.limit else service.store.articles()
    if args.json:
        _print_json([{k: getattr(a, k) for k in ("id", "published", "source", "title", "url")} for a in articles])
    else:
        print(format_articles(articles))
    return 0


@command("show")
def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_article

    from .models import Asker

    service = _service(settings, readonly=True)
    article, sentences = service.article(args.article, Asker("cli", "local", "cli"))
    if args.json:
        _print_json({**article.to_dict(), "sentences": [s.to_dict() for s in sentences]})
    else:
        print(format_article(article, sentences))
    return 0


@command("facts")
def cmd_facts(args: argparse.Namespace, settings: Settings) -> int:
    from .models import Asker

    service = _service(settings, readonly=True)
    facts = service.facts(args.article, Asker("cli", "local", "cli"))
    if args.type:
        facts = [f for f in facts if f.type == args.type]
    if args.json:
        _print_json([f.to_dict() for f in facts])
        return 0
    if not facts:
        print("No facts stored" + (f" for {args.article}." if args.article else "."))
    for fact in facts:
        attrs = ", ".join(f"{k}={v}" for k, v in fact.attrs.items() if k not in ("mentions", "phrase"))
        cites = ",".join(s.split(":")[-1] for s in fact.sentence_ids)
        prefix = "" if args.article else f"{fact.article_id}  "
        print(f"{prefix}{fact.type:<7} {fact.value}" + (f"  ({attrs})" if attrs else "") + f"  [s{cites}]")
    return 0


# ---- questions -------------------------------------------------------------------------------
@command("ask")
def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_answer

    from .models import Asker

    service = _service(settings, readonly=True)
    filters = Filters(
        countries=tuple(args.country or ()),
        sources=tuple(args.source or ()),
        since=args.since,
        until=args.until,
    )

    async def go() -> int:
        try:
            answer = await service.ask(" ".join(args.question), Asker("cli", "local", "cli"), filters)
        finally:
            await service.aclose()
        if args.json:
            _print_json(answer.to_dict())
        else:
            print(format_answer(answer))
        return 0

    return asyncio.run(go())


@command("chat")
def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import ConsoleAdapter

    from .app import load_samples

    service = _service(settings, readonly=False)

    async def go() -> None:
        try:
            await load_samples(service)
            await ConsoleAdapter(service).run()
        finally:
            await service.aclose()
            service.store.close()

    asyncio.run(go())
    return 0


@command("run")
def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.runner import run

    return asyncio.run(run(settings, console=args.console))


# ---- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradebrief",
        description="Trade news briefings with sources: ingest articles, ask questions, send digests.",
    )
    parser.add_argument("--db", metavar="PATH", help="store file (default: $TRADEBRIEF_DB or ./data/tradebrief.json)")
    parser.add_argument("--env-file", metavar="PATH", default=".env", help="settings file (default: ./.env)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="store articles from files, directories, pages or feeds")
    p.add_argument("targets", nargs="+", metavar="PATH|URL")
    p.add_argument("--json", action="store_true", help="print one JSON list of results")

    p = sub.add_parser("articles", help="list stored articles, newest first")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show an article with numbered sentences")
    p.add_argument("article", metavar="ARTICLE", help="article id (or an unambiguous prefix)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("facts", help="list extracted trade facts")
    p.add_argument("article", nargs="?", metavar="ARTICLE")
    p.add_argument("--type", choices=["party", "sector", "event", "person", "figure", "date"])
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("ask", help="ask a question; the answer cites the stored sentences")
    p.add_argument("question", nargs="+")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")
    p.add_argument("--country", action="append", help="only articles about this country (repeatable)")
    p.add_argument("--source", action="append", help="only articles from this source (repeatable)")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")

    sub.add_parser("chat", help="chat in the terminal (the console adapter)")

    p = sub.add_parser("run", help="run the bot: every configured adapter, digests and feeds")
    p.add_argument("--no-console", dest="console", action="store_false",
                   help="do not open the console chat even in a terminal")

    for extend in _EXTENSIONS:
        extend(sub)
    return parser


# Later features register extra subcommands here (see bot.digest_cli).
_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("since", "until"):
        value = getattr(args, name, None)
        if value and not _is_iso_date(value):
            parser.error(f"--{name} expects a date as YYYY-MM-DD, got {value!r}")
    overrides: dict[str, Any] = {}
    if args.db:
        overrides["db"] = Path(args.db)
    try:
        settings = load_settings(args.env_file if os.path.exists(args.env_file) else None, **overrides)
    except TradebriefError as exc:
        print(f"tradebrief: configuration error: {exc}", file=sys.stderr)
        return 2
    quiet = args.command != "run" and settings.log_level != "DEBUG"
    setup_logging("WARNING" if quiet else settings.log_level, settings.secrets())
    try:
        return _COMMANDS[args.command](args, settings)
    except TradebriefError as exc:
        print(f"tradebrief: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback for DEBUG logs
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(f"tradebrief: unexpected error ({type(exc).__name__}: {exc}); "
              "rerun with TRADEBRIEF_LOG_LEVEL=DEBUG for details", file=sys.stderr)
        return 3


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
