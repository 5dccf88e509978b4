"""Issue 16: real pages and feeds. Every encoding decoded as browsers do, teasers and captions not passed
off as articles, feed links fetched concurrently within bounds under one deadline, failures that name
their file or URL. Fixtures in tests/fixtures/ingest (written for these tests; make_fixtures.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp import web

from bot.errors import IngestError
from bot.ingest import Fetcher, Ingestor
from bot.ingest.decode import decode
from tests.conftest import ROOT
from tests.fakes.web import article_html, local_site, page
from tests.stores import Stores

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
PAGES = FIXTURES / "pages"
FEEDS = FIXTURES / "feeds"


def raw(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def fetcher(**kw: object) -> Fetcher:
    # the test servers are on 127.0.0.1, which the SSRF guard refuses unless told otherwise
    return Fetcher(user_agent="tradebrief-test", allow_private=True, **kw)  # type: ignore[arg-type]


# ---- decoding ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("latin1_declared.html", ["São Tomé e Príncipe", "£4 million", "Négociants in Genève", "Île Trade Review"]),
        ("cp1252_declared.html", ["€40 million", "“the largest in our history”", "contracts – which", "group’s"]),
        ("cp1252_undeclared.html", ["Curaçao", "€12 million", "“We can’t pass these costs on,”"]),
        ("utf16_bom.html", ["Mombasa–Durban", "today’s usual path"]),
        ("utf8_stray_byte.html", ["Montréal and Windsor", "“quick lane”", "Québec", "industry’s"]),
    ],
)
def test_pages_in_legacy_encodings_decode_to_the_right_text(name: str, expected: list[str]) -> None:
    text = decode(raw(name)).text
    for snippet in expected:
        assert snippet in text
    assert "\ufffd" not in text
    assert "Ã" not in text and "â€" not in text  # UTF-8 read as windows-1252


def test_the_http_header_charset_wins_over_the_page_and_a_lying_declaration_is_not_trusted() -> None:
    body = raw("cp1252_declared.html").replace(b'<meta charset="windows-1252">', b'<meta charset="utf-8">')
    assert "€40 million" in decode(body, content_type="text/html; charset=windows-1252").text
    # declared latin-1 but the bytes are UTF-8 (a site migrated without fixing its <meta>): read as UTF-8
    utf8 = "<html><head><meta charset=iso-8859-1></head><body>Zürich and São Paulo</body></html>".encode()
    assert "Zürich and São Paulo" in decode(utf8).text


def test_utf16_is_text_and_nul_bytes_without_a_bom_are_binary() -> None:
    assert decode(b"\xfe\xff" + "<p>Tariff – ok</p>".encode("utf-16-be")).text == "<p>Tariff – ok</p>"
    assert decode("<?xml version='1.0'?><rss/>".encode("utf-16-le")).text.startswith("<?xml")  # no BOM
    with pytest.raises(IngestError, match="binary"):
        decode(b"PK\x03\x04\x00\x00binary zip")


# ---- pages from files ----------------------------------------------------------------------------
async def ingest_files(stores: Stores, tmp_path: Path, *names: str, folder: Path = PAGES):  # type: ignore[no-untyped-def]
    store = stores.open(tmp_path / "db.json")
    report = await Ingestor(store).ingest([str(folder / n) for n in names])
    return store, {Path(i.target.split(",")[0]).name: i for i in report.items}


async def test_legacy_pages_are_stored_with_their_site_as_source(tmp_path: Path, stores: Stores) -> None:
    names = ["latin1_declared.html", "cp1252_declared.html", "cp1252_undeclared.html", "utf16_bom.html",
             "utf8_stray_byte.html", "source_from_canonical.html"]
    store, items = await ingest_files(stores, tmp_path, *names)
    assert all(items[n].status == "stored" for n in names), items
    article = {n: store.article(items[n].article_id) for n in names}
    assert article["latin1_declared.html"].title == "Café growers in São Tomé win lower Swiss duties"
    assert article["latin1_declared.html"].source == "Île Trade Review"  # og:site_name, not the folder "pages"
    assert article["source_from_canonical.html"].source == "textile-wire.example"  # the canonical URL's host
    assert "Montréal" in article["utf8_stray_byte.html"].body
    for a in article.values():
        assert "\ufffd" not in a.body + a.title and a.source != "pages"
        assert not a.teaser
    store.close()


async def test_a_paywall_teaser_is_stored_as_a_teaser_without_the_prompt(tmp_path: Path, stores: Stores) -> None:
    store, items = await ingest_files(stores, tmp_path, "paywall_teaser.html")
    item = items["paywall_teaser.html"]
    assert item.status == "stored" and "teaser" in item.note and "subscription" in item.note
    article = store.article(item.article_id)  # type: ignore[arg-type]
    assert "second container terminal" in article.body
    assert "Subscribe" not in article.body and "Log in" not in article.body
    store.close()
    reopened = stores.open(tmp_path / "db.json", readonly=True)
    assert "subscription" in reopened.article(item.article_id).teaser  # type: ignore[arg-type, union-attr]
    reopened.close()


async def test_prompt_only_caption_only_and_non_english_pages_are_refused_with_a_reason(tmp_path: Path, stores: Stores) -> None:
    store, items = await ingest_files(stores, tmp_path, "paywall_prompt_only.html", "caption_only.html",
                                      "german_no_article.html")
    assert items["paywall_prompt_only.html"].error == "the page shows only a subscription prompt, not the article"
    assert items["caption_only.html"].error.startswith("the page holds only a photo caption (")
    german = items["german_no_article.html"].error
    assert "not English" in german and "German" in german
    assert len(store) == 0
    store.close()


def test_the_cli_names_the_file_it_stored_and_keeps_trafilatura_noise_off_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, stores: Stores) -> None:
    from adapters.cli import main

    code = main(["--db", str(tmp_path / "db.json"), "ingest", str(PAGES / "latin1_declared.html"),
                 str(PAGES / "paywall_teaser.html"), str(PAGES / "german_no_article.html")])
    out, err = capsys.readouterr()
    assert code == 1  # one input failed
    stored = [line for line in out.splitlines() if line.startswith("stored")]
    assert len(stored) == 2 and stored[0].endswith(f"from {PAGES / 'latin1_declared.html'}")
    assert "teaser only" in out
    assert f"{PAGES / 'german_no_article.html'}: no article text found" in err
    assert "discarding data" not in err + caplog.text


# ---- pages over HTTP -----------------------------------------------------------------------------
async def test_fetched_pages_use_meta_charset_and_bom_when_the_header_has_none(tmp_path: Path, stores: Stores) -> None:
    async def raw_page(request: web.Request) -> web.Response:
        return web.Response(body=raw(request.match_info["name"]), headers={"Content-Type": "text/html"})

    app_routes = {"/p/{name}": raw_page}
    async with local_site(app_routes) as base:
        store = stores.open(tmp_path / "db.json")
        f = fetcher(timeout=5)
        report = await Ingestor(store, fetcher=f).ingest(
            [f"{base}/p/cp1252_declared.html", f"{base}/p/utf16_bom.html", f"{base}/p/latin1_declared.html"]
        )
        await f.aclose()
    assert [i.status for i in report.items] == ["stored"] * 3, report.items
    bodies = " ".join(a.title + " " + a.body for a in (store.article(i.article_id) for i in report.items))  # type: ignore[arg-type, union-attr]
    assert "€40 million" in bodies and "Mombasa–Durban" in bodies and "São Tomé" in bodies
    assert "\ufffd" not in bodies
    store.close()


# ---- feeds ---------------------------------------------------------------------------------------
async def test_a_koi8r_feed_without_a_declaration_is_read_in_cyrillic(tmp_path: Path, stores: Stores) -> None:
    store, items = await ingest_files(stores, tmp_path, "koi8r_undeclared.xml", folder=FEEDS)
    item = items["koi8r_undeclared.xml"]
    assert item.status == "stored", item
    article = store.article(item.article_id)  # type: ignore[arg-type]
    assert article.title == "Экспорт зерна через порт вырос на треть"
    assert article.source == "Торговые новости" and "пшеницу и ячмень" in article.body
    store.close()


async def test_malformed_feeds_and_relative_links_in_files_fail_naming_the_file(tmp_path: Path, stores: Stores) -> None:
    store, items = await ingest_files(stores, tmp_path, "malformed.xml", "relative_links.xml", folder=FEEDS)
    malformed = items["malformed.xml"]
    assert malformed.target == str(FEEDS / "malformed.xml")
    assert malformed.error.startswith("the feed “Broken Wire” is malformed XML (line 5, column 19: not well-formed")
    relative = [i for i in (await Ingestor(store).ingest([str(FEEDS / "relative_links.xml")])).items]
    assert len(relative) == 2
    for i in relative:
        assert i.status == "failed" and i.target.startswith(f"{FEEDS / 'relative_links.xml'}, entry ")
        assert "is relative" in i.error and "ingest the feed by its URL" in i.error
    store.close()


async def test_relative_entry_links_resolve_against_the_feed_address(tmp_path: Path, stores: Stores) -> None:
    copper = article_html("Copper smelters raise export prices", [
        "Copper smelters raised their export prices for the third month in a row on Monday, citing tight "
        "supplies of concentrate from mines in the region.",
        "Buyers in Asia said the increase would be passed on to makers of cable and wire within weeks.",
    ])
    rice = article_html("Rice growers seek a new buyer", [
        "Rice growers in the delta are looking for new buyers abroad after their largest customer cut its "
        "orders by a third this season, a growers' association said.",
        "The association plans a trade mission to West Africa in the autumn to meet importers there.",
    ])
    routes = {
        "/feeds/main.xml": page((FEEDS / "relative_links.xml").read_text(), content_type="application/rss+xml"),
        "/news/copper": page(copper),
        "/feeds/news/rice": page(rice),
    }
    async with local_site(routes) as base:
        store = stores.open(tmp_path / "db.json")
        f = fetcher(timeout=5)
        report = await Ingestor(store, fetcher=f).ingest([f"{base}/feeds/main.xml"])
        await f.aclose()
    assert [(i.target, i.status) for i in report.items] == [
        (f"{base}/news/copper", "stored"), (f"{base}/feeds/news/rice", "stored")
    ], report.items
    assert store.article(report.items[0].article_id).url == f"{base}/news/copper"  # type: ignore[arg-type, union-attr]
    store.close()


def rss_of(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title>{f'<link>{link}</link>' if link else ''}<description>{d}</description></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Wire</title>{entries}</channel></rss>'


STORY = [
    "Officials from the two customs unions agreed on Tuesday to recognise each other's inspection "
    "certificates for fresh fruit, ending checks that held trucks at the border for up to two days.",
    "Growers' groups said the change would save exporters about a day per shipment during the harvest.",
]


async def test_entry_links_are_fetched_concurrently_within_per_host_and_total_bounds(tmp_path: Path, stores: Stores) -> None:
    inflight = {"now": 0, "max": 0}
    per_host: dict[str, int] = {}
    per_host_max: dict[str, int] = {}
    four_in = asyncio.Event()

    async def story(request: web.Request) -> web.Response:
        host = request.host.split(":")[0]
        inflight["now"] += 1
        per_host[host] = per_host.get(host, 0) + 1
        inflight["max"] = max(inflight["max"], inflight["now"])
        per_host_max[host] = max(per_host_max.get(host, 0), per_host[host])
        if inflight["now"] >= 4:
            four_in.set()
        try:
            await asyncio.wait_for(four_in.wait(), 3)  # hold each request until the bound is reached
        except TimeoutError:
            pass
        inflight["now"] -= 1
        per_host[host] -= 1
        n = request.match_info["n"]
        return web.Response(text=article_html(f"Fruit checks end {n}", [f"Story {n}. " + STORY[0], STORY[1]]),
                            content_type="text/html")

    async def feed(request: web.Request) -> web.Response:
        port = request.url.port
        links = [(f"Fruit checks end {n}", f"http://{'127.0.0.1' if n % 2 else 'localhost'}:{port}/s/{n}", "")
                 for n in range(10)]
        return web.Response(text=rss_of(links), content_type="application/rss+xml")

    async with local_site({"/feed.xml": feed, "/s/{n}": story}) as base:
        store = stores.open(tmp_path / "db.json")
        f = fetcher(timeout=10)
        ingestor = Ingestor(store, fetcher=f, max_fetches=4, max_fetches_per_host=3)
        report = await ingestor.ingest([f"{base}/feed.xml"])
        await f.aclose()
    assert [i.status for i in report.items] == ["stored"] * 10, report.items
    assert inflight["max"] == 4  # concurrent, and never more than the total bound
    assert max(per_host_max.values()) <= 3 and len(per_host_max) == 2
    assert [store.article(i.article_id).title for i in report.items] == [  # type: ignore[arg-type, union-attr]
        f"Fruit checks end {n}" for n in range(10)
    ]  # stored in the feed's order whatever order the pages answered in
    store.close()


async def test_a_feed_deadline_says_timed_out_and_a_failed_link_never_stores_the_summary(tmp_path: Path, stores: Stores) -> None:
    release = asyncio.Event()

    async def never(_request: web.Request) -> web.Response:
        await asyncio.wait_for(release.wait(), 30)  # answers only after the ingest has given up
        return web.Response(text="late")

    async def gone(_request: web.Request) -> web.Response:
        return web.Response(status=404, text="gone")

    async def feed(request: web.Request) -> web.Response:
        port = request.url.port
        return web.Response(text=rss_of([
            ("Slow story", f"http://127.0.0.1:{port}/slow", "A short summary of the slow story."),
            ("Gone story", f"http://127.0.0.1:{port}/gone", "A short summary of a story whose page is gone."),
            ("No link story", "", " ".join(STORY)),
            ("Tiny", "", "Ports shut."),
        ]), content_type="application/rss+xml")

    async with local_site({"/feed.xml": feed, "/slow": never, "/gone": gone}) as base:
        store = stores.open(tmp_path / "db.json")
        f = fetcher(timeout=20)  # longer than the feed's deadline: the deadline must cut it
        report = await Ingestor(store, fetcher=f, feed_deadline=0.5).ingest([f"{base}/feed.xml"])
        release.set()
        await f.aclose()
    by_title = {i.target.rsplit("/", 1)[-1]: i for i in report.items}  # stored items come at commit, last
    slow, gone_item = by_title["slow"], by_title["gone"]
    own_text, tiny = by_title["feed.xml, entry 3 “No link story”"], by_title["feed.xml, entry 4 “Tiny”"]
    assert slow.status == "failed" and slow.target == f"{base}/slow"
    assert slow.error.startswith("timed out: the feed's 0.5 s deadline passed")
    assert "34-character summary, which is not stored as the article" in slow.error
    assert gone_item.status == "failed" and "HTTP 404" in gone_item.error and "not stored" in gone_item.error
    assert own_text.status == "stored", own_text  # no link: the feed's own text is the article
    assert own_text.target == f"{base}/feed.xml, entry 3 “No link story”"
    assert tiny.error == ("the entry's own text is only 11 characters, too little for an article, and it has "
                          "no web link to fetch") and tiny.target == f"{base}/feed.xml, entry 4 “Tiny”"
    assert len(store) == 1
    store.close()


def test_every_adapter_says_when_only_a_teaser_was_stored() -> None:
    from adapters.console import format_article, format_ingest
    from adapters.slack.render import ingest_message
    from adapters.telegram.render import render_ingest
    from bot.ingest.html import PAYWALL_TEASER
    from bot.models import Article, IngestItem, IngestReport

    report = IngestReport((IngestItem("https://harbour.example/t", "stored", "abc123", "Terminal approved",
                                      sentences=2, facts=1, note=f"teaser only: {PAYWALL_TEASER}"),))
    assert "teaser only" in format_ingest(report)
    assert "teaser only" in render_ingest(report)
    assert "teaser only" in str(ingest_message(report))
    article = Article(id="abc123", title="Terminal approved", source="Harbour Weekly", url=None, published=None,
                      ingested_at="2025-05-06T09:00:00", content_hash="x", language="en", body="Two lines.",
                      teaser=PAYWALL_TEASER)
    assert f"Teaser only: {PAYWALL_TEASER}." in format_article(article, [])
    from adapters.slack.render import article_message
    from adapters.telegram.render import render_article

    assert "Teaser only" in render_article(article, []) and "Teaser only" in str(article_message(article, []))


def test_an_article_about_subscriptions_is_not_a_paywall() -> None:
    from bot.ingest.html import parse_html

    parsed = parse_html(article_html("Freight data service doubles its customers", [
        "A freight data service said its subscribers doubled this year, as importers paid for unlimited "
        "access to its archive of container rates across forty ports.",
        "Customers who subscribe can read the full report on port congestion online, the company said, and "
        "it plans to register a new office in Singapore.",
    ]))
    assert parsed.teaser == ""
    assert "read the full report on port congestion" in parsed.body


def test_a_short_wire_story_with_an_agency_dateline_is_not_a_caption() -> None:
    from bot.ingest.html import parse_html

    brief = ("NAIROBI (Reuters) - Kenya cut its import duty on wheat to 10 percent on Monday to ease flour "
             "prices, the treasury said in a notice.")
    assert parse_html(article_html("Kenya cuts wheat duty", [brief])).body == brief
    with pytest.raises(ValueError, match="photo caption"):
        parse_html(article_html("Port strike", ["Dock workers march past the container terminal on Friday. "
                                                "(AP Photo/Sam Otieno)"]))


async def test_a_digest_says_when_its_story_is_only_a_teaser(tmp_path: Path, stores: Stores) -> None:
    from datetime import UTC, datetime, timedelta

    from bot.digest import build_digest
    from bot.facts import extract_facts
    from bot.models import Subscription

    now = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)
    store = stores.open(tmp_path / "db.json")
    report = await Ingestor(store, extractors=[extract_facts], clock=lambda: now).ingest(
        [str(PAGES / "paywall_teaser.html")]
    )
    assert report.stored
    sub = Subscription(id="x", platform="console", place="console", user_id="u")
    digest = await build_digest(store, sub, since=now - timedelta(hours=1), until=now + timedelta(hours=1))
    assert [i.headline for i in digest.items] == ["Port authority approves a second container terminal (teaser only)"]
    store.close()


# ---- decoding, any input ---------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_to_text_or_one_clear_error(data: bytes) -> None:
    try:
        text = decode(data).text
    except IngestError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300))
def test_text_saved_with_a_bom_or_a_declared_charset_comes_back_unchanged(text: str) -> None:
    assert decode(text.encode("utf-8-sig")).text == text
    assert decode(text.encode("utf-16")).text == text
    page = f"<html><head><meta charset=windows-1252></head><body>{text}</body></html>"
    try:
        raw = page.encode("cp1252")
    except UnicodeEncodeError:
        return
    if any(b >= 0x80 for b in raw) and _valid_utf8(raw):
        return  # the bytes are also valid UTF-8: read as UTF-8 on purpose (a stale declaration)
    assert decode(raw).text == page


def _valid_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
