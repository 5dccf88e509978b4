"""Ingestion of text files, HTML, feeds and URLs; duplicates; one clear line per bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import Fetcher, Ingestor, parse_text
from tests.conftest import SEED_PUBLISHED, SEED_SOURCE, SEED_TITLE
from tests.fakes.web import article_html, local_site, page, rss, slow, status
from tests.stores import Stores

PARAS = [
    "Ghana and Morocco signed a memorandum on fertiliser supply in Accra on Tuesday.",
    "Under the accord, Morocco will ship 200,000 tonnes of phosphate fertiliser a year to Ghana.",
    "Officials said cocoa farmers would be the first to benefit from lower input prices.",
]


def fetcher(**kwargs: object) -> Fetcher:
    options: dict[str, object] = {"user_agent": "Tradebrief-test", "timeout": 2.0, "allow_private": True}
    options.update(kwargs)
    return Fetcher(**options)  # type: ignore[arg-type]


def test_seed_page_text_is_recognised(seed_path: Path) -> None:
    parsed = parse_text(seed_path.read_text(encoding="utf-8"))
    assert parsed.title == SEED_TITLE
    assert parsed.source == SEED_SOURCE
    assert parsed.published == SEED_PUBLISHED
    assert parsed.author == "Sana Riaz (@SanaRiazWrites)"
    assert parsed.body.startswith("Minister for Commerce Jam Kamal Khan said on Thursday")
    for chrome in ("Open Menu", "Published April", "ISLAMABAD", "(@SanaRiazWrites)", "10th Apr"):
        assert chrome not in parsed.body
    # the repeated lower-case headline is not body text
    assert "set out trade & industry agenda: Jam" not in parsed.body


def test_plain_title_blank_body_shape(tmp_path: Path) -> None:
    f = tmp_path / "wire" / "story.txt"
    f.parent.mkdir()
    f.write_text("Copper exports climb\n\nZambia shipped more copper in May. Prices were firm.\n\nMines expanded.\n")
    parsed = parse_text(f.read_text(), default_source="wire")
    assert parsed.title == "Copper exports climb"
    assert parsed.body == "Zambia shipped more copper in May. Prices were firm.\n\nMines expanded."
    assert parsed.source == "wire" and parsed.published is None


async def test_directory_walk_dedup_and_bad_inputs(tmp_path: Path, stores: Stores) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text("Copper exports climb\n\nZambia shipped more copper in May than a year before.\n")
    (inputs / "sub" / "b.txt").write_text("Tea auction prices\n\nKenyan tea fetched higher prices at the Mombasa auction.\n")
    (inputs / "sub" / "a-copy.txt").write_text("COPPER exports climb!\n\nZambia shipped more copper in May, than a year before.\n")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (inputs / "report.pdf").write_bytes(b"%PDF-1.4")
    (inputs / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (inputs / "latin.txt").write_bytes("Caf\xe9 exports\n\nBrazil's caf\xe9 sales grew by a fifth in S\xe3o Paulo.".encode("latin-1"))
    (inputs / "big.txt").write_text("Big\n\n" + "word " * 3000)
    (inputs / ".hidden.txt").write_text("Hidden\n\nShould never be read at all by the walk.")
    store = stores.open(tmp_path / "db.json")
    report = await Ingestor(store, max_file_bytes=10_000).ingest([str(inputs)])
    by_name = {Path(i.target).name: i for i in report.items}
    assert by_name["a.txt"].status == "stored" and by_name["b.txt"].status == "stored"
    assert by_name["a-copy.txt"].status == "duplicate"  # same normalised content
    assert by_name["empty.txt"].error == "empty file"
    assert by_name["binary.txt"].error.startswith("binary file, not text")
    # a PDF or a broken link in a folder is skipped and said, not a failure of the run
    assert by_name["report.pdf"].status == "skipped" and ".pdf" in by_name["report.pdf"].error
    assert by_name["gone.txt"].status == "skipped" and by_name["gone.txt"].error == "broken link"
    assert {i.target for i in report.skipped} == {str(inputs / "report.pdf"), str(inputs / "gone.txt")}
    assert by_name["latin.txt"].status == "stored"  # latin-1 with no declaration: detected, not refused
    assert "São Paulo" in store.article(by_name["latin.txt"].article_id).body  # type: ignore[union-attr]
    assert "over the 10,000 byte limit" in by_name["big.txt"].error
    assert ".hidden.txt" not in by_name
    assert all("\n" not in i.error for i in report.items)  # one line each
    assert len(store) == 3
    named = await Ingestor(store).ingest([str(inputs / "report.pdf")])  # named on its own: refused
    assert named.items[0].status == "failed" and "unsupported file type .pdf" in named.items[0].error
    nothing = tmp_path / "pictures"
    nothing.mkdir()
    (nothing / "chart.png").write_bytes(b"\x89PNG")
    only_skipped = await Ingestor(store).ingest([str(nothing)])
    assert [i.status for i in only_skipped.items] == ["failed", "skipped"]
    assert "holds no .txt, .html or feed files" in only_skipped.failed[0].error
    again = await Ingestor(store).ingest([str(inputs / "a.txt"), str(inputs / "sub" / "b.txt")])
    assert [i.status for i in again.items] == ["duplicate", "duplicate"]  # re-running is harmless
    store.close()


def feed_of(entries: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    """A feed handler whose links point back at the same server (path, title, summary)."""
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        origin = str(request.url.origin())
        items = [{"title": t, "link": origin + p, "summary": s} for p, t, s in entries]
        return web.Response(text=rss("Ledger feed", items), content_type="application/rss+xml")

    return handler


async def test_html_url_feed_and_failures_over_http(tmp_path: Path, stores: Stores) -> None:
    routes = {
        "/news/fertiliser": page(article_html("Morocco to ship fertiliser to Ghana", PARAS)),
        "/news/cocoa": page(article_html("Cocoa prices ease", [
            "Cocoa futures fell for a third week as West African harvests improved.",
            "Traders in London said Ivorian port arrivals were running ahead of last season.",
        ])),
        "/news/missing": status(404),
        "/news/slow": slow(5),
        "/news/huge": page("<html><body>" + "<p>trade</p>" * 50_000 + "</body></html>"),
        "/image.png": page("PNG", content_type="image/png"),
        "/feed.xml": feed_of([
            ("/news/fertiliser", "Morocco to ship fertiliser to Ghana", ""),
            ("/news/cocoa", "Cocoa prices ease", ""),
            ("/news/missing", "Gone", ""),
        ]),
    }
    async with local_site(routes) as base:
        store = stores.open(tmp_path / "db.json")
        f = fetcher(timeout=1.0, max_bytes=200_000)
        ingestor = Ingestor(store, fetcher=f)
        report = await ingestor.ingest([
            f"{base}/news/fertiliser",
            f"{base}/news/missing",
            f"{base}/news/slow",
            f"{base}/news/huge",
            f"{base}/image.png",
            "ftp://example.org/file.txt",
        ])
        items = {i.target.rsplit("/", 1)[-1]: i for i in report.items}
        stored = items["fertiliser"]
        assert stored.status == "stored", stored
        article = store.article(stored.article_id)  # type: ignore[arg-type]
        assert article is not None
        assert article.title == "Morocco to ship fertiliser to Ghana"
        assert article.source == "Trade Ledger" and article.published == "2025-03-02"
        assert article.url == f"{base}/news/fertiliser"
        assert "Subscribe" not in article.body and "Copyright" not in article.body
        assert "200,000 tonnes" in article.body
        assert items["missing"].error.endswith("answered HTTP 404")
        assert "timed out" in items["slow"].error
        assert "byte limit" in items["huge"].error
        assert "image/png" in items["image.png"].error
        assert "only http and https" in items["file.txt"].error

        feed_report = await ingestor.ingest([f"{base}/feed.xml"])
        by_target = {i.target.rsplit("/", 1)[-1]: i.status for i in feed_report.items}
        assert by_target == {"fertiliser": "duplicate", "cocoa": "stored", "missing": "failed"}
        cocoa = store.article(store.find_article(url=f"{base}/news/cocoa"))  # type: ignore[arg-type]
        assert cocoa is not None and cocoa.source == "Ledger feed" and cocoa.published == "2025-03-03"
        await f.aclose()
        store.close()


async def test_fetching_refuses_private_addresses(tmp_path: Path, stores: Stores) -> None:
    async with local_site({"/p": page(article_html("x", PARAS))}) as base:
        safe = fetcher(allow_private=False)
        store = stores.open(tmp_path / "db.json")
        report = await Ingestor(store, fetcher=safe).ingest([
            f"{base}/p",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/",
            "http://10.0.0.7/",
            "http://localhost:9/",
        ])
        assert len(report.items) == 5
        assert all(i.status == "failed" and "non-public address" in i.error for i in report.items)
        assert len(store) == 0
        await safe.aclose()
        store.close()


async def test_every_redirect_hop_is_checked() -> None:
    """A public first hop must not smuggle the fetcher into a private address by redirecting."""
    import httpx

    from bot.errors import IngestError

    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:  # the fake internet
        requested.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://127.0.0.1:8080/admin"})

    f = Fetcher(user_agent="t", transport=httpx.MockTransport(handler))  # private not allowed
    with pytest.raises(IngestError, match="127.0.0.1: it points to a non-public address"):
        await f.get("http://93.184.216.34/story")  # a public address literal: no DNS needed
    assert requested == ["http://93.184.216.34/story"]  # the private hop was never requested
    await f.aclose()
