"""The fetcher connects to the address it checked (no DNS rebinding) and refuses IPv6 forms that
carry a private IPv4 address. DNS is faked by a resolver handed to the fetcher; the internet by
httpx.MockTransport or a local web server."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from bot.errors import IngestError
from bot.ingest import Fetcher
from tests.conftest import ROOT
from tests.fakes.web import local_site
from tests.stores import Stores, child_env

PUBLIC = "93.184.216.34"


class FakeDNS:
    """Answers from a table; a list of answers per name is served one per query (rebinding)."""

    def __init__(self, table: dict[str, list[Sequence[str]]]) -> None:
        self.table = table
        self.queries: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.queries.append(host)
        answers = self.table.get(host)
        if not answers:
            raise OSError(f"no such host {host}")
        return list(answers.pop(0) if len(answers) > 1 else answers[0])


class FakeInternet:
    """Records where each request was sent (the connection's address) and with what Host/SNI."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[tuple[str, str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.url.host, request.headers["host"], request.extensions.get("sni_hostname")))
        return self.routes.get(request.url.path, httpx.Response(404))


def page(text: str = "<html><body><p>ok</p></body></html>") -> httpx.Response:
    return httpx.Response(200, text=text, headers={"content-type": "text/html"})


async def test_the_connection_goes_to_the_vetted_address_not_to_a_second_dns_answer() -> None:
    dns = FakeDNS({"news.example": [[PUBLIC], ["127.0.0.1"]]})  # public first, loopback after
    net = FakeInternet({"/story": page()})
    fetcher = Fetcher(user_agent="t", transport=httpx.MockTransport(net), resolver=dns)
    fetched = await fetcher.get("https://news.example/story")
    assert fetched.status == 200 and fetched.url == "https://news.example/story"
    assert net.seen == [(PUBLIC, "news.example", "news.example")]  # IP pinned; Host and SNI kept
    assert dns.queries == ["news.example"]  # resolved once: nothing left to rebind
    await fetcher.aclose()


async def test_every_redirect_hop_is_resolved_checked_and_pinned() -> None:
    dns = FakeDNS({
        "news.example": [[PUBLIC]],
        "cdn.example": [["151.101.1.1"]],
        "intranet.example": [["10.0.0.5"]],
    })
    net = FakeInternet({
        "/a": httpx.Response(302, headers={"location": "https://cdn.example:8443/b"}),
        "/b": page(),
        "/c": httpx.Response(301, headers={"location": "http://intranet.example/admin"}),
    })
    fetcher = Fetcher(user_agent="t", transport=httpx.MockTransport(net), resolver=dns)
    fetched = await fetcher.get("http://news.example/a")
    assert fetched.url == "https://cdn.example:8443/b"
    assert net.seen == [(PUBLIC, "news.example", "news.example"),
                        ("151.101.1.1", "cdn.example:8443", "cdn.example")]
    net.seen.clear()
    with pytest.raises(IngestError, match="intranet.example: it points to a non-public address"):
        await fetcher.get("http://news.example/c")
    assert [host for host, _, _ in net.seen] == [PUBLIC]  # the private hop was never requested
    await fetcher.aclose()


async def test_pinning_over_a_real_socket_keeps_the_host_header_and_falls_back_in_order() -> None:
    hosts: list[str] = []

    async def echo(request: web.Request) -> web.Response:
        hosts.append(request.headers["Host"])
        return web.Response(text="<p>pinned</p>", content_type="text/html")

    async with local_site({"/x": echo}) as base:
        port = int(base.rsplit(":", 1)[1])
        # 127.0.0.2 has nothing listening on that port: the next vetted address is tried
        dns = FakeDNS({"feeds.example": [["127.0.0.2", "127.0.0.1"]]})
        fetcher = Fetcher(user_agent="t", timeout=5, allow_private=True, resolver=dns)
        fetched = await fetcher.get(f"http://feeds.example:{port}/x")
        assert fetched.text() == "<p>pinned</p>"
        assert hosts == [f"feeds.example:{port}"]
        await fetcher.aclose()


@pytest.mark.parametrize("literal", [
    "::7f00:1",                            # IPv4-compatible 127.0.0.1
    "::ffff:7f00:1",                       # IPv4-mapped 127.0.0.1
    "::ffff:0:7f00:1",                     # IPv4-translated 127.0.0.1
    "64:ff9b::a9fe:a9fe",                  # NAT64 169.254.169.254 (cloud metadata)
    "64:ff9b:1::a00:7",                    # local-use NAT64 10.0.0.7
    "2002:a9fe:a9fe::1",                   # 6to4 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo, client 192.0.2.45
    "2001:0:a9fe:a9fe::1",                 # Teredo, server 169.254.169.254
])
async def test_ipv6_forms_that_embed_a_private_ipv4_address_are_refused(literal: str) -> None:
    net = FakeInternet({"/": page()})
    dns = FakeDNS({"aaaa.example": [[literal]]})
    fetcher = Fetcher(user_agent="t", transport=httpx.MockTransport(net), resolver=dns)
    for url in (f"http://[{literal}]/", "http://aaaa.example/"):  # as a literal and as a DNS answer
        with pytest.raises(IngestError, match="non-public address"):
            await fetcher.get(url)
    assert net.seen == []
    await fetcher.aclose()


async def test_ipv6_forms_embedding_a_public_ipv4_address_are_fetched() -> None:
    net = FakeInternet({"/": page()})
    fetcher = Fetcher(user_agent="t", transport=httpx.MockTransport(net), resolver=FakeDNS({}))
    for literal in ("64:ff9b::808:808", "2002:808:808::1", "2606:4700::6810:84e5"):
        await fetcher.get(f"http://[{literal}]/")
    assert [host for host, _, _ in net.seen] == ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::6810:84e5"]
    await fetcher.aclose()


def test_feeds_add_refuses_a_private_address_when_it_is_added(tmp_path: Path, stores: Stores) -> None:
    db = tmp_path / "store.json"
    env = child_env()  # on the store under test

    def tb(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "adapters.cli", "--db", str(db), *args],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)

    for url in ("http://127.0.0.1/feed.xml", "http://[::ffff:0:7f00:1]/rss", "http://169.254.169.254/latest/",
                "http://[64:ff9b::a00:1]/feed", "http://localhost:8080/feed"):
        result = tb("feeds", "add", url)
        assert result.returncode == 2, (url, result.stdout)
        [line] = result.stderr.strip().splitlines()
        assert "non-public address" in line
    listed = tb("feeds", "list")
    assert listed.returncode == 0 and "No feeds yet" in listed.stdout
