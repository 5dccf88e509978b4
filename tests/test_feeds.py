"""Feeds from a local HTTP server: conditional requests (200 with ETag, then 304, then a new entry),
broken feeds that do not hold up the others, entries fetched from their page, feeds refreshed before
digests go out, the poll loop, and the `tradebrief feeds` commands."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from adapters.cli import main
from bot.feedpoll import FeedList, FeedPoller
from bot.ingest import Fetcher
from bot.models import Asker
from bot.scheduler import Scheduler
from bot.storage_port import open_store
from bot.service import Tradebrief
from tests.fakes.digests import ConditionalFeed, FakeClock, FeedItem, RecordingAdapter
from tests.fakes.web import article_html, local_site, page, status
from tests.stores import Stores


def story(n: int, a: str, b: str, goods: str) -> FeedItem:
    body = (
        f"{a} and {b} agreed on Thursday to remove quotas on {goods} from the start of next year, "
        f"trade officials from both governments said after two days of talks.\n\n"
        f"The arrangement also lowers customs fees on {goods} & related parts by 8%, and sets up a joint "
        f"committee to settle disputes within < 90 days, according to a statement.\n\n"
        f"Exporters in {a} welcomed the move, saying shipments of {goods} to {b} had fallen for three "
        f"years in a row while rivals enjoyed better terms > theirs."
    )
    return FeedItem(title=f"{a} and {b} scrap quotas on {goods}", link=f"https://wire.example/{n}", body=body)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 6, 10, 5, 0, tzinfo=UTC))


@pytest.fixture
async def svc(tmp_path: Path, clock: FakeClock, stores: Stores):  # type: ignore[no-untyped-def]
    settings = stores.settings(tmp_path / "store.json", timezone="Europe/London")
    store = open_store(settings.store_location)
    # The feed server is on 127.0.0.1, which the SSRF guard refuses unless told otherwise.
    service = Tradebrief(settings, store, clock=clock,
                         fetcher=Fetcher(user_agent="tradebrief-test", timeout=5, allow_private=True))
    yield service
    await service.aclose()
    store.close()


async def test_conditional_polling(svc: Tradebrief, clock: FakeClock) -> None:
    feed = ConditionalFeed("Gulf Trade Desk", [story(1, "Oman", "Kenya", "dates"), story(2, "Chile", "Peru", "copper wire")])
    async with local_site({"/feed.xml": feed}) as base:
        url = f"{base}/feed.xml"
        FeedList(svc.store).add(url, clock())
        poller = FeedPoller(svc)

        first = await poller.poll_all()
        assert [(r.status, r.stored) for r in first] == [("new", 2)]
        assert {a.title for a in svc.store.articles()} == {"Oman and Kenya scrap quotas on dates",
                                                          "Chile and Peru scrap quotas on copper wire"}
        assert {a.source for a in svc.store.articles()} == {"Gulf Trade Desk"}
        saved = FeedList(svc.store).get(url)
        assert saved is not None and saved.etag == '"rev-2"' and saved.last_modified and saved.stored == 2
        assert feed.requests[0]["if-none-match"] is None

        second = await poller.poll_all()
        assert [(r.status, r.stored) for r in second] == [("not-modified", 0)]
        assert feed.requests[1] == {"if-none-match": '"rev-2"', "if-modified-since": saved.last_modified}
        assert len(svc.store) == 2

        feed.add(story(3, "Ghana", "Togo", "cocoa butter"))
        third = await poller.poll_all()
        assert [(r.status, r.stored) for r in third] == [("new", 1)]
        assert len(svc.store) == 3
        assert FeedList(svc.store).get(url).etag == '"rev-3"'  # type: ignore[union-attr]
        # What was polled can be asked about at once.
        answer = await svc.ask("what did Ghana and Togo agree on cocoa butter?", Asker("cli", "t", "cli"))
        assert not answer.abstained and "Ghana" in answer.citations[0].title


async def test_a_broken_feed_is_reported_and_retried_without_blocking_others(
    svc: Tradebrief, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    good = ConditionalFeed("Good Desk", [story(1, "Norway", "Iceland", "salmon feed")])
    hits = {"broken": 0}

    async def broken(request: web.Request) -> web.StreamResponse:
        hits["broken"] += 1
        return await status(500)(request)

    routes = {
        "/broken": broken,
        "/garbage.xml": page("this is <not> & a feed", content_type="application/rss+xml"),
        "/page.html": page("<html><body><p>Just a web page.</p></body></html>"),
        "/good.xml": good,
    }
    async with local_site(routes) as base:
        feeds = FeedList(svc.store)
        for path in ("/broken", "/garbage.xml", "/page.html", "/good.xml"):
            feeds.add(base + path, clock())
        poller = FeedPoller(svc, interval_minutes=15)
        results = {r.url.removeprefix(base): r for r in await poller.poll_all()}
        assert results["/good.xml"].stored == 1
        assert {p: r.status for p, r in results.items()} == {
            "/broken": "failed", "/garbage.xml": "failed", "/page.html": "failed", "/good.xml": "new"
        }
        assert "HTTP 500" in results["/broken"].error
        assert "not an RSS or Atom feed" in results["/garbage.xml"].error
        stored = {f.url.removeprefix(base): f for f in FeedList(svc.store).all()}
        assert stored["/broken"].last_error and stored["/broken"].failures == 1
        assert stored["/good.xml"].last_error == "" and stored["/good.xml"].failures == 0
        assert f"feed {base}/broken failed" in caplog.text and "tried again in 15 min" in caplog.text

        clock.advance(timedelta(minutes=15))
        again = {r.url.removeprefix(base): r.status for r in await poller.poll_all()}
        assert hits["broken"] == 2 and again["/broken"] == "failed"
        assert FeedList(svc.store).get(base + "/broken").failures == 2  # type: ignore[union-attr]
        assert again["/good.xml"] == "not-modified"


async def test_an_entry_without_full_text_is_fetched_from_its_page(svc: Tradebrief, clock: FakeClock) -> None:
    paragraphs = [
        "Vietnam and Laos agreed to build a second cross-border power line to carry hydropower south.",
        "The line will be financed by a consortium of regional banks and is due to open within four years.",
        "Officials said the project would let Laos sell more electricity while cutting costs for factories.",
    ]

    async def feed(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        xml = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Mekong Ledger</title>'
            "<link>http://127.0.0.1/</link><description>d</description>"
            f"<item><title>Vietnam and Laos plan power line</title><link>{base}/power.html</link>"
            "<description>A short teaser.</description></item></channel></rss>"
        )
        return web.Response(text=xml, content_type="application/rss+xml")

    routes = {"/rss": feed, "/power.html": page(article_html("Vietnam and Laos plan power line", paragraphs))}
    async with local_site(routes) as base:
        FeedList(svc.store).add(base + "/rss", clock())
        results = await FeedPoller(svc).poll_all()
        assert [(r.status, r.stored) for r in results] == [("new", 1)]
        article = svc.store.articles()[0]
        assert article.url == base + "/power.html" and "second cross-border power line" in article.body


async def test_feeds_are_refreshed_before_the_digests_go_out(svc: Tradebrief, clock: FakeClock) -> None:
    feed = ConditionalFeed("Gulf Trade Desk", [story(1, "Oman", "Kenya", "dates")])
    async with local_site({"/feed.xml": feed}) as base:
        FeedList(svc.store).add(base + "/feed.xml", clock())
        poller = FeedPoller(svc)
        await poller.poll_all()
        await svc.subscribe(Asker("telegram", "u", "-1", is_private=False), "08:00 Europe/London")
        telegram = RecordingAdapter("telegram", clock=clock)
        scheduler = Scheduler(svc, [telegram], clock=clock, sleep=clock.sleep, before_send=poller.poll_all)

        feed.add(story(2, "Chile", "Peru", "copper wire"))  # published just before 08:00
        clock.set(datetime(2025, 6, 10, 7, 0, tzinfo=UTC))  # 08:00 in London
        assert [r.status for r in await scheduler.run_due()] == ["sent"]
        headlines = {i.headline for i in telegram.pop().digest.items}
        assert headlines == {"Oman and Kenya scrap quotas on dates", "Chile and Peru scrap quotas on copper wire"}


async def test_the_poll_loop_runs_every_interval_and_stops_promptly(svc: Tradebrief, clock: FakeClock) -> None:
    feed = ConditionalFeed("Desk", [story(1, "Oman", "Kenya", "dates")])
    async with local_site({"/feed.xml": feed}) as base:
        FeedList(svc.store).add(base + "/feed.xml", clock())
        stop = asyncio.Event()
        poller = FeedPoller(svc, interval_minutes=20, sleep=clock.sleep)
        clock.on_sleep = lambda: stop.set() if len(clock.sleeps) >= 3 else None
        await asyncio.wait_for(poller.run(stop), timeout=10)
        assert clock.sleeps == [1200.0, 1200.0, 1200.0]
        assert len(feed.requests) == 3
        # Real time: a stop during the pause ends the loop at once.
        real = FeedPoller(svc, interval_minutes=60)
        stop = asyncio.Event()
        task = asyncio.create_task(real.run(stop))
        await asyncio.sleep(0.2)
        stop.set()
        await asyncio.wait_for(task, timeout=2)


def test_feeds_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], stores: Stores) -> None:
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    db = tmp_path / "cli.json"

    (tmp_path / "none.env").write_text("")  # an empty settings file: nothing read from the working directory

    def tb(*args: str) -> tuple[int, str, str]:
        code = main(["--env-file", str(tmp_path / "none.env"), "--db", str(db), "feeds", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    try:
        assert tb("list")[1].startswith("No feeds yet")
        code, out, _ = tb("add", "https://news.example/trade.rss")
        assert code == 0 and out.startswith("added: https://news.example/trade.rss")
        assert tb("add", "https://news.example/trade.rss")[1].startswith("already listed")
        code, out, _ = tb("list")
        assert "https://news.example/trade.rss" in out and "not polled yet" in out
        code, _, err = tb("add", "file:///etc/passwd")
        assert code == 2 and "http:// or https://" in err and err.count("\n") == 1
        code, out, _ = tb("remove", "https://news.example/trade.rss")
        assert code == 0 and out.startswith("removed")
        code, _, err = tb("remove", "https://news.example/trade.rss")
        assert code == 1 and "no feed" in err
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


async def test_a_dead_entry_link_waits_longer_each_time_then_is_left_alone(
    svc: Tradebrief, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """A busy feed changes at every poll; its one dead link is not fetched (and logged) every time."""
    hits = {"dead": 0}
    listed = {"dead": True}

    async def feed(request: web.Request) -> web.Response:  # no ETag: every poll is a full 200
        base = f"http://{request.host}"
        items = [f"<item><title>Port fees fall</title><link>{base}/live.html</link><description>t</description></item>"]
        if listed["dead"]:
            items.append(f"<item><title>Gone</title><link>{base}/dead.html</link><description>t</description></item>")
        xml = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Note</title>'
               f"<link>http://127.0.0.1/</link><description>d</description>{''.join(items)}</channel></rss>")
        return web.Response(text=xml, content_type="application/rss+xml")

    async def dead(_request: web.Request) -> web.Response:
        hits["dead"] += 1
        return web.Response(status=404, text="gone")

    live = article_html("Port fees fall", ["Harbour fees for grain barges fall by a tenth from June, the port board said.",
                                           "Shippers had asked for lower fees for two years."])
    async with local_site({"/rss": feed, "/live.html": page(live), "/dead.html": dead}) as base:
        FeedList(svc.store).add(base + "/rss", clock())
        poller = FeedPoller(svc)
        caplog.set_level(logging.WARNING, logger="bot.feedpoll")

        async def poll_after(delta: timedelta) -> int:
            clock.advance(delta)
            await poller.poll_all()
            return hits["dead"]

        assert await poll_after(timedelta(0)) == 1
        assert await poll_after(timedelta(minutes=10)) == 1  # waits an hour
        assert await poll_after(timedelta(minutes=50)) == 2
        assert await poll_after(timedelta(hours=1)) == 2  # then two hours
        assert await poll_after(timedelta(hours=1)) == 3
        assert await poll_after(timedelta(hours=4)) == 4
        assert await poll_after(timedelta(hours=8)) == 5  # the fifth failure: left alone
        assert await poll_after(timedelta(days=3)) == 5
        record = FeedList(svc.store).get(base + "/rss").entry_failures[base + "/dead.html"]  # type: ignore[union-attr]
        assert record["tries"] == 5 and record["retry_at"] == "" and "404" in record["error"]
        warned = [r.getMessage() for r in caplog.records if "dead.html" in r.getMessage()]
        assert len(warned) == 2 and "not tried again" in warned[1]  # the first failure and the giving up

        listed["dead"] = False  # the feed drops it: forgotten ...
        await poll_after(timedelta(hours=1))
        assert FeedList(svc.store).get(base + "/rss").entry_failures == {}  # type: ignore[union-attr]
        listed["dead"] = True  # ... so a relisted link is tried afresh
        assert await poll_after(timedelta(hours=1)) == 6
    assert len(svc.store) == 1
