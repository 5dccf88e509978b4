"""The `tradebrief` command line: an adapter like the console, each subcommand a thin call into the core.

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

from bot.config import Settings, load_settings
from bot.errors import TradebriefError
from bot.logs import setup_logging
from bot.models import Filters, IngestItem
from bot.service import Tradebrief

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


def _service(settings: Settings, *, readonly: bool) -> Tradebrief:
    from adapters.compose import open_service

    return open_service(settings, readonly=readonly)


# ---- ingest ----------------------------------------------------------------------------------
def _print_item(item: IngestItem) -> None:
    if item.status == "stored":
        print(f"stored     {item.article_id}  {item.title[:70]}  ({item.sentences} sentences, {item.facts} facts)"
              f"  from {item.target}")
        if item.note:
            print(f"           {item.note}")
    elif item.status == "duplicate":
        print(f"duplicate  {item.article_id}  {item.title[:70]}  from {item.target}")
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
                f"{len(report.failed)} failed; the store holds {service.store.persisted_count} articles."
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

    from bot.models import Asker

    service = _service(settings, readonly=True)
    article, sentences = service.article(args.article, Asker("cli", "local", "cli"))
    if args.json:
        _print_json({**article.to_dict(), "sentences": [s.to_dict() for s in sentences]})
    else:
        print(format_article(article, sentences))
    return 0


@command("facts")
def cmd_facts(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_facts
    from bot.models import Asker

    service = _service(settings, readonly=True)
    facts = service.facts(args.article, Asker("cli", "local", "cli"))
    if args.type:
        facts = [f for f in facts if f.type == args.type]
    if args.json:
        _print_json([f.to_dict() for f in facts])
        return 0
    if not facts:
        print("No facts stored" + (f" for {args.article}." if args.article else "."))
    else:
        print(format_facts(facts, with_article=not args.article))
    return 0


# ---- questions -------------------------------------------------------------------------------
@command("ask")
def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_answer

    from bot.models import Asker

    service = _service(settings, readonly=True)
    filters = Filters(
        countries=tuple(args.country or ()),
        sources=tuple(args.source or ()),
        since=args.since,
        until=args.until,
    )

    async def go() -> int:
        try:
            answer = await service.ask(
                " ".join(args.question), Asker("cli", "local", "cli", one_shot=True), filters
            )
        finally:
            await service.aclose()
        if args.json:
            _print_json(answer.to_dict())
        else:
            print(format_answer(answer))
        return 0

    return asyncio.run(go())


@command("brief")
def cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    from bot.brief_render import to_html, to_json, to_markdown
    from bot.models import Asker

    form = "json" if args.json else args.format
    if form is None:
        suffix = args.out.suffix.lower() if args.out else ""
        form = {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "md")
    service = _service(settings, readonly=True)

    async def go():  # type: ignore[no-untyped-def]
        try:
            return await service.brief(" ".join(args.topic), Asker("cli", "local", "cli", one_shot=True),
                                       since=args.since, until=args.until)
        finally:
            await service.aclose()

    try:
        brief = asyncio.run(go())
    finally:
        service.store.close()
    renderers = {"json": to_json, "html": to_html, "md": to_markdown}
    text = renderers[form](brief)
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"tradebrief: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        what = brief.message if brief.empty else brief.coverage
        print(f"wrote {args.out} ({form}): {what}")
    else:
        sys.stdout.write(text)
    return 0


@command("chat")
def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import ConsoleAdapter

    from bot.app import load_samples

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


# ---- digests, subscriptions and feeds ---------------------------------------------------------
def _preview_subscription(service: Any, args: argparse.Namespace, settings: Settings):  # type: ignore[no-untyped-def]
    from bot.errors import BadRequest
    from bot.models import Subscription
    from bot.subscriptions import SubscriptionBook

    if args.subscription:
        sub = SubscriptionBook(service.store).get(args.subscription)
        if sub is None:
            raise BadRequest(f"no subscription {args.subscription!r}; `tradebrief subscriptions` lists them")
        return sub
    return Subscription(id="preview", platform="cli", place="cli", user_id="local", timezone=settings.timezone)


async def _digest_preview(service: Any, args: argparse.Namespace, settings: Settings) -> int:
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from adapters.console import format_digest

    from bot.digest import build_digest, digest_to_dict, preview_until, window_start

    sub = _preview_subscription(service, args, settings)
    now = service.clock()
    if args.since:
        since = datetime.combine(date.fromisoformat(args.since), time(0), tzinfo=ZoneInfo(sub.timezone))
    else:
        since = window_start(sub, now)
    digest = await build_digest(service.store, sub, since=since, until=preview_until(now), llm=service.llm)
    if args.json:
        _print_json(digest_to_dict(digest))
    else:
        print(format_digest(digest))
    return 0


async def _digest_send(service: Any, args: argparse.Namespace, settings: Settings) -> int:
    from adapters.compose import chat_adapters, deliverers
    from adapters.console import ConsoleAdapter
    from bot.feedpoll import FeedPoller
    from bot.scheduler import Scheduler

    adapters = chat_adapters(settings, service)
    started: list[Any] = []
    try:
        for adapter in adapters:
            await adapter.start()
            started.append(adapter)
        await FeedPoller(service).poll_all()
        console = ConsoleAdapter(service, stdout=sys.stderr if args.json else sys.stdout)
        scheduler = Scheduler(service, deliverers(service, adapters, console=console))
        results = await scheduler.send_all_now(force=args.force)
    finally:
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception as exc:  # stopping is best effort; the sends are recorded already
                print(f"tradebrief: {adapter.name} adapter did not stop cleanly: {exc}", file=sys.stderr)
    if args.json:
        _print_json([asdict(r) for r in results])
    elif not results:
        print("No active subscriptions.")
    else:
        for r in results:
            detail = f"{r.items} items" if r.status == "sent" else r.error
            print(f"{r.status:<13} {r.subscription_id}  {r.day}" + (f"  ({detail})" if detail else ""))
    bad = {"failed", "undeliverable", "no-adapter", "refused"}
    return 1 if any(r.status in bad for r in results) else 0


@command("digest")
def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    if args.send and args.since:
        print("tradebrief: --since is for previews; --send covers each subscription since its last digest",
              file=sys.stderr)
        return 2
    if args.force and not args.send:
        print("tradebrief: --force only makes sense with --send", file=sys.stderr)
        return 2
    service = _service(settings, readonly=not args.send)

    async def go() -> int:
        try:
            if args.send:
                return await _digest_send(service, args, settings)
            return await _digest_preview(service, args, settings)
        finally:
            await service.aclose()

    try:
        return asyncio.run(go())
    finally:
        service.store.close()


@command("subscriptions")
def cmd_subscriptions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.subscriptions import describe

    service = _service(settings, readonly=True)
    try:
        subs = service.subscriptions()
    finally:
        service.store.close()
    if args.json:
        _print_json([s.to_dict() for s in subs])
        return 0
    if not subs:
        print("No subscriptions yet: use /subscribe in a chat or the console.")
    for s in subs:
        last = (s.last_sent or "never")[:16].replace("T", " ")
        print(f"{'active  ' if s.active else 'inactive'} {s.id:<28} last sent {last:<16}  {describe(s)}")
    return 0


@command("feeds")
def cmd_feeds(args: argparse.Namespace, settings: Settings) -> int:
    from bot.feedpoll import FeedList

    writing = args.feeds_command in ("add", "remove")
    service = _service(settings, readonly=not writing)
    feeds = FeedList(service.store)
    try:
        if args.feeds_command == "add":
            from bot.feedpoll import check_feed_url

            url, note = asyncio.run(check_feed_url(service.fetcher, args.url))
            feed, new = feeds.add(url, service.clock())
            print(f"{'added' if new else 'already listed'}: {feed.url} (polled by `tradebrief run` every "
                  f"{settings.feed_interval_minutes:g} min)")
            if note:
                print(f"tradebrief: note: {note}", file=sys.stderr)
        elif args.feeds_command == "remove":
            if not feeds.remove(args.url):
                print(f"tradebrief: no feed {args.url!r}; `tradebrief feeds list` shows them", file=sys.stderr)
                return 1
            print(f"removed: {args.url.strip()}")
        elif args.json:
            _print_json([f.to_dict() for f in feeds.all()])
        else:
            listed = feeds.all()
            if not listed:
                print("No feeds yet: tradebrief feeds add URL")
            for f in listed:
                state = f"error: {f.last_error}" if f.last_error else (
                    f"ok {f.last_ok[:16].replace('T', ' ')}" if f.last_ok else "not polled yet")
                print(f"{f.url}  {f.title or '-'}  {f.stored} stored  {state}")
        return 0
    finally:
        asyncio.run(service.aclose())
        service.store.close()


# ---- the store file ---------------------------------------------------------------------------
@command("store")
def cmd_store(args: argparse.Namespace, settings: Settings) -> int:
    from bot.storage import check_store, restore_store

    if args.store_command == "check":
        store, backup = check_store(settings.db)
        for check in (store, backup):
            print(f"{'ok     ' if check.ok else 'missing' if check.detail == 'does not exist' else 'damaged'} "
                  f"{check.path}: {check.detail}")
        if not store.ok and backup.ok:
            print("`tradebrief store restore` puts the backup back.")
        return 0 if store.ok else 1
    backup, kept = restore_store(settings.db, force=args.force)
    print(f"restored {settings.db} from {backup.path.name} ({backup.detail})"
          + (f"; the replaced file is kept as {kept.name}" if kept else ""))
    return 0


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

    p = sub.add_parser("brief", help="a cited one-page brief on a topic: a party, a pair, a sector or words")
    p.add_argument("topic", nargs="+", metavar="TOPIC", help='e.g. "Pakistan Belarus", textiles, "EU steel"')
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this date")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on or before this date")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print exactly one JSON object")
    shape.add_argument("--format", choices=["md", "html"],
                       help="Markdown (the default) or a standalone HTML page (with the chart)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="write to FILE instead of printing (format from its suffix unless given)")

    sub.add_parser("chat", help="chat in the terminal (the console adapter)")

    p = sub.add_parser("run", help="run the bot: every configured adapter, digests and feeds")
    p.add_argument("--no-console", dest="console", action="store_false",
                   help="do not open the console chat even in a terminal")

    p = sub.add_parser("digest", help="preview the digest, or send every subscription its digest now")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="preview news ingested since this date")
    p.add_argument("--subscription", metavar="ID", help="preview this subscription's digest (its filters)")
    p.add_argument("--json", action="store_true", help="print exactly one JSON value")
    p.add_argument("--send", action="store_true", help="send every active subscription its digest now")
    p.add_argument("--force", action="store_true", help="with --send: send even if today's was sent")

    p = sub.add_parser("subscriptions", help="list digest subscriptions")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("feeds", help="RSS/Atom feeds polled by `tradebrief run`")
    feeds = p.add_subparsers(dest="feeds_command", metavar="add|list|remove", required=True)
    feeds.add_parser("add", help="poll this feed").add_argument("url", metavar="URL")
    feeds.add_parser("list", help="the feeds and how their last poll went").add_argument("--json", action="store_true")
    feeds.add_parser("remove", help="stop polling this feed").add_argument("url", metavar="URL")

    p = sub.add_parser("store", help="check the store file, or put back its last good copy")
    store = p.add_subparsers(dest="store_command", metavar="check|restore", required=True)
    store.add_parser("check", help="does the store (and its backup <db>.bak) read back intact?")
    store.add_parser("restore", help="replace the store with <db>.bak (the damaged file is kept)").add_argument(
        "--force", action="store_true", help="restore even though the store reads fine")

    return parser



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
    setup_logging("WARNING" if quiet else settings.log_level, settings.secrets(), libraries=settings.log_libraries)
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
