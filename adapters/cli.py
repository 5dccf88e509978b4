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
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from adapters.terminal import SafeStream
from bot.config import Settings, load_settings
from bot.errors import TradebriefError, UnknownArticle
from bot.logs import setup_logging
from bot.models import Article, Asker, Filters, IngestItem, Sentence, is_iso_date
from bot.service import Tradebrief
from bot.wording import counted

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


CLI_ASKER = Asker("cli", "local", "cli", one_shot=True)


def _article(service: Tradebrief, ref: str) -> tuple[Article, list[Sentence]]:
    """The article `ref` names; an unknown or ambiguous id says where ids are listed."""
    try:
        return service.article(ref, CLI_ASKER)
    except UnknownArticle as exc:
        raise UnknownArticle(f"{exc} `tradebrief articles` lists them.") from None


# ---- ingest ----------------------------------------------------------------------------------
def _print_item(item: IngestItem) -> None:
    if item.status == "stored":
        print(f"stored     {item.article_id}  {item.title[:70]}  "
              f"({counted(item.sentences, 'sentence')}, {counted(item.facts, 'fact')})  from {item.target}")
        if item.note:
            print(f"           {item.note}")
    elif item.status == "duplicate":
        print(f"duplicate  {item.article_id}  {item.title[:70]}  from {item.target}")
    elif item.status == "skipped":
        print(f"skipped    {item.target}: {item.error}")
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
                + (f"{len(report.skipped)} skipped, " if report.skipped else "")
                + f"{len(report.failed)} failed; the store holds {counted(service.store.persisted_count, 'article')}."
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

    service = _service(settings, readonly=True)
    article, sentences = _article(service, args.article)
    if args.json:
        _print_json({**article.to_dict(), "sentences": [s.to_dict() for s in sentences]})
    else:
        print(format_article(article, sentences))
    return 0


@command("facts")
def cmd_facts(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import format_facts

    service = _service(settings, readonly=True)
    article_id = _article(service, args.article)[0].id if args.article else None
    facts = service.facts(article_id, CLI_ASKER)
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

    service = _service(settings, readonly=True)
    filters = Filters(
        countries=tuple(args.country or ()),
        sources=tuple(args.source or ()),
        since=args.since,
        until=args.until,
        include_undated=args.include_undated,
    )

    async def go() -> int:
        try:
            answer = await service.ask(" ".join(args.question), CLI_ASKER, filters)
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
    if sys.stdin.isatty() and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started from a shell's background job (SIGINT ignored): a person at this terminal still
        # expects Ctrl-C to stop the chat, and asyncio.run only handles it under the default handler.
        signal.signal(signal.SIGINT, signal.default_int_handler)

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
    import signal

    from adapters.runner import run

    try:
        return asyncio.run(run(settings, console=args.console))
    finally:  # stopped already: a late Ctrl-C must not turn the exit into a KeyboardInterrupt
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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
            detail = counted(r.items, "item") if r.status == "sent" else r.error
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
        print("No subscriptions yet: a chat subscribes itself (subscribe in Telegram, Slack or `tradebrief chat`).")
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

    if args.store_command == "migrate":
        return _migrate_store(args, settings)
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


def _migrate_store(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the embedded store into PostgreSQL: articles (with their sentences and facts) not there
    yet, in batches, then feeds, subscriptions and the sent-digest log. Run again, it copies only
    what is missing (so an interrupted copy resumes)."""
    from bot.errors import ConfigError
    from bot.pg.store import PgStore
    from bot.store import Store

    try:  # validated like the setting
        target = load_settings(None, database_url=args.to).database_url
    except ConfigError as exc:
        raise ConfigError("--to" + str(exc).removeprefix("TRADEBRIEF_DATABASE_URL")) from None
    source = Store(settings.db, readonly=True)
    copied = skipped = 0
    try:
        with PgStore(target) as pg:
            for article in reversed(source.articles()):  # oldest first: the database's order of arrival
                if pg.on_disk(article.id):
                    skipped += 1
                    continue
                pg.add_article(article, source.sentences(article.id), source.facts(article.id))
                copied += 1
                if copied % 500 == 0:
                    pg.commit()
                    print(f"  {copied} articles copied ...", flush=True)
            pg.commit()
            for feed in source.feeds():
                pg.put_feed(feed)
            for sub in source.subscriptions():
                pg.put_subscription(sub)
            records = source.sent_records()
            for record in records:
                pg.put_sent_record(record)
            total = pg.persisted_count
            feeds, subs = len(pg.feeds()), len(pg.subscriptions())
    finally:
        source.close()
    print(f"copied {counted(copied, 'article')} from {settings.db} to {_label(target)}"
          f" ({skipped} already there); it now holds {counted(total, 'article')}, {counted(feeds, 'feed')}, "
          f"{counted(subs, 'subscription')} and {counted(len(records), 'sent-digest record')}.")
    print("Set TRADEBRIEF_DATABASE_URL to it to run on PostgreSQL (daily counters start afresh).")
    return 0


def _label(url: str) -> str:
    from bot.pg.store import redact

    return redact(url)


# ---- parser ----------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error: the message and where to read more, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--db and --env-file, accepted before or after the subcommand (a later one wins)."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="store file (default: $TRADEBRIEF_DB or ./data/tradebrief.json)")
    parser.add_argument("--env-file", metavar="PATH", default=".env" if top else argparse.SUPPRESS,
                        help="settings file (default: ./.env)")


def _add(sub: Any, name: str, summary: str, *examples: str) -> argparse.ArgumentParser:
    """A subcommand with the common options, its one-line summary and examples under --help."""
    epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples) if examples else None
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=summary, description=summary[0].upper() + summary[1:] + ("" if summary.endswith("?") else "."),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tradebrief",
        description="Trade news briefings with sources: ingest articles, ask questions, send digests.",
        epilog="`tradebrief COMMAND --help` describes each command, with examples.",
    )
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    json_help = "print JSON instead of text"

    p = _add(sub, "ingest", "store articles from files, directories, pages or feeds",
             "tradebrief ingest notes/uk-india.txt", "tradebrief ingest ./articles/ https://example.org/news.rss",
             "tradebrief ingest --json https://example.org/2025/05/ports.html")
    p.add_argument("targets", nargs="+", metavar="PATH|URL",
                   help="a text or HTML file, a directory of them, a web page, or an RSS/Atom feed")
    p.add_argument("--json", action="store_true", help="print one JSON list of results (no progress bar)")

    p = _add(sub, "articles", "list stored articles, newest first",
             "tradebrief articles --limit 20", "tradebrief articles --json")
    p.add_argument("--limit", type=_positive, default=0, metavar="N", help="show at most N articles (default: all)")
    p.add_argument("--json", action="store_true", help=json_help)

    p = _add(sub, "show", "show an article with numbered sentences", "tradebrief show 5c3e9a")
    p.add_argument("article", metavar="ARTICLE", help="article id, or the start of one that fits only one article")
    p.add_argument("--json", action="store_true", help=json_help)

    p = _add(sub, "facts", "list extracted trade facts", "tradebrief facts 5c3e9a", "tradebrief facts --type figure")
    p.add_argument("article", nargs="?", metavar="ARTICLE", help="only this article's facts (id or its start)")
    p.add_argument("--type", choices=["party", "sector", "event", "person", "figure", "date"],
                   help="only facts of this type")
    p.add_argument("--json", action="store_true", help=json_help)

    p = _add(sub, "ask", "ask a question; the answer cites the stored sentences",
             'tradebrief ask "which sectors were agreed?"',
             "tradebrief ask --country Pakistan --since 2025-01-01 who met in February?")
    p.add_argument("question", nargs="+", help="the question in plain words (quotes optional)")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")
    p.add_argument("--country", action="append", metavar="NAME", help="only articles about this country (repeatable)")
    p.add_argument("--source", action="append", metavar="NAME", help="only articles from this source (repeatable)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this date")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on or before this date")
    p.add_argument("--include-undated", action="store_true",
                   help="with --since/--until: also use articles without a publication date")

    p = _add(sub, "brief", "a cited one-page brief on a topic: a party, a pair, a sector or words",
             'tradebrief brief "Pakistan Belarus"', "tradebrief brief textiles --since 2025-01-01",
             'tradebrief brief "EU steel" --out steel.html')
    p.add_argument("topic", nargs="+", metavar="TOPIC", help='e.g. "Pakistan Belarus", textiles, "EU steel"')
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this date")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on or before this date")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print exactly one JSON object")
    shape.add_argument("--format", choices=["md", "html"],
                       help="Markdown (the default) or a standalone HTML page (with the chart)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="write to FILE instead of printing (format from its suffix unless given)")

    _add(sub, "chat", "chat in the terminal (the console adapter)", "tradebrief chat")

    p = _add(sub, "run", "run the bot: every configured adapter, digests and feeds",
             "tradebrief run", "tradebrief run --no-console")
    p.add_argument("--no-console", dest="console", action="store_false",
                   help="do not open the console chat even in a terminal")

    p = _add(sub, "digest", "preview the digest, or send every subscription its digest now",
             "tradebrief digest --since 2025-05-01", "tradebrief digest --subscription telegram:-1001234",
             "tradebrief digest --send")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="preview news ingested since this date")
    p.add_argument("--subscription", metavar="ID", help="preview this subscription's digest (its filters)")
    p.add_argument("--json", action="store_true", help="print exactly one JSON value")
    p.add_argument("--send", action="store_true", help="send every active subscription its digest now")
    p.add_argument("--force", action="store_true", help="with --send: send even if today's was sent")

    p = _add(sub, "subscriptions", "list digest subscriptions", "tradebrief subscriptions --json")
    p.add_argument("--json", action="store_true", help=json_help)

    p = _add(sub, "feeds", "RSS/Atom feeds polled by `tradebrief run`",
             "tradebrief feeds add https://example.org/trade.rss", "tradebrief feeds list",
             "tradebrief feeds remove https://example.org/trade.rss")
    feeds = p.add_subparsers(dest="feeds_command", metavar="add|list|remove", required=True)
    _add(feeds, "add", "poll this feed", "tradebrief feeds add https://example.org/trade.rss").add_argument(
        "url", metavar="URL", help="the feed's address (http or https)")
    _add(feeds, "list", "the feeds and how their last poll went", "tradebrief feeds list --json").add_argument(
        "--json", action="store_true", help=json_help)
    _add(feeds, "remove", "stop polling this feed", "tradebrief feeds remove https://example.org/trade.rss"
         ).add_argument("url", metavar="URL", help="the feed's address as `tradebrief feeds list` shows it")

    p = _add(sub, "store", "check the store file, put back its last good copy, or copy it to PostgreSQL",
             "tradebrief store check", "tradebrief store restore",
             "tradebrief store migrate --to postgresql://tradebrief@db.internal/tradebrief")
    store = p.add_subparsers(dest="store_command", metavar="check|restore|migrate", required=True)
    _add(store, "migrate", "copy the store file into a PostgreSQL database (what is missing there)",
         "tradebrief store migrate --to postgresql://tradebrief@db.internal/tradebrief").add_argument(
        "--to", required=True, metavar="URL", help="the database's postgresql:// URL")
    _add(store, "check", "does the store (and its backup <db>.bak) read back intact?", "tradebrief store check")
    _add(store, "restore", "replace the store with <db>.bak (the damaged file is kept)",
         "tradebrief store restore", "tradebrief store restore --force").add_argument(
        "--force", action="store_true", help="restore even though the store reads fine")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Everything printed passes `adapters.terminal.safe` (article and user text
    cannot drive the terminal); a reader that goes away (`| head`) ends the command quietly."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err, keep_cr=True)  # type: ignore[assignment]
    try:
        status = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except BrokenPipeError:
        _stdout_to_devnull(out)
        return 0
    except KeyboardInterrupt:  # a Ctrl-C after the command's own handling (while exiting)
        return 130
    finally:
        sys.stdout, sys.stderr = out, err


def _stdout_to_devnull(stream: Any) -> None:
    """After the reader closed the pipe: the interpreter's last flush must not fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("since", "until"):
        value = getattr(args, name, None)
        if value and not is_iso_date(value):
            parser.error(f"--{name} expects a date as YYYY-MM-DD, got {value!r}")
    if args.env_file != ".env" and not os.path.isfile(args.env_file):  # given, so meant: never silently ignored
        what = "a directory" if os.path.isdir(args.env_file) else "missing"
        print(f"tradebrief: note: --env-file {args.env_file} is {what}; settings come from the environment only",
              file=sys.stderr)
    overrides: dict[str, Any] = {}
    if args.db:
        overrides["db"] = Path(args.db)
    try:
        settings = load_settings(args.env_file if os.path.isfile(args.env_file) else None, **overrides)
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
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: one line for the user, the traceback for DEBUG logs
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(f"tradebrief: unexpected error ({type(exc).__name__}: {exc}); "
              "rerun with TRADEBRIEF_LOG_LEVEL=DEBUG for details", file=sys.stderr)
        return 3


def _positive(value: str) -> int:
    """An argparse type: a count of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number



if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
