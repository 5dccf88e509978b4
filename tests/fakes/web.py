"""A local web server for ingestion and feed tests: pages, feeds, errors, slow and huge answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def local_site(routes: dict[str, Handler]) -> AsyncIterator[str]:
    """Serve `routes` (path -> handler) on 127.0.0.1 at an ephemeral port; yield the base URL."""
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def page(body: str, content_type: str = "text/html", **headers: str) -> Handler:
    async def handler(_request: web.Request) -> web.Response:
        return web.Response(text=body, content_type=content_type, headers=headers)

    return handler


def status(code: int) -> Handler:
    async def handler(_request: web.Request) -> web.Response:
        return web.Response(status=code, text="nope")

    return handler


def slow(seconds: float) -> Handler:
    async def handler(_request: web.Request) -> web.Response:
        await asyncio.sleep(seconds)
        return web.Response(text="<html><body><p>late</p></body></html>", content_type="text/html")

    return handler


def article_html(title: str, paragraphs: list[str], *, site: str = "Trade Ledger", date: str = "2025-03-02") -> str:
    """A news page with navigation and footer around the article, as sites publish them."""
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}T09:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/markets'>Markets</a> Subscribe</nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        "<footer>Copyright Trade Ledger. All rights reserved. Cookie settings.</footer></body></html>"
    )


def rss(title: str, items: list[dict[str, str]]) -> str:
    entries = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        f"<pubDate>{i.get('date', 'Mon, 03 Mar 2025 08:00:00 GMT')}</pubDate>"
        f"<description>{i.get('summary', '')}</description>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link><description>d</description>"
        f"{entries}</channel></rss>"
    )
