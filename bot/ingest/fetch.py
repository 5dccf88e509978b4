"""Fetch pages and feeds without becoming a proxy into the private network.

Anyone allowed to `/add` a URL can make the bot issue requests, so every hop is checked: http(s)
only, the host resolved and refused when any address is not globally routable (loopback, private,
link-local incl. cloud metadata, carrier-grade NAT, multicast, reserved, and IPv6 forms that embed
such an IPv4 address), redirects followed by hand and checked again, bodies streamed under a size
cap, and content types limited to text formats.

The connection goes to the address that was checked, never to a second DNS answer (DNS rebinding):
each hop's URL is rewritten to the vetted IP while the Host header and the TLS server name (SNI,
and so certificate verification) keep the real host name.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import IngestError

__all__ = ["Fetched", "Fetcher", "ALLOWED_TYPES", "Resolver", "UnresolvedHost", "refusal", "system_resolver"]

Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
"""`await resolve(host, port)` -> the host's IP addresses as strings (raise OSError when unknown)."""

ALLOWED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
MAX_REDIRECTS = 5

# IPv6 prefixes whose last 32 bits carry an IPv4 address: IPv4-compatible (::/96, deprecated),
# IPv4-translated (::ffff:0:0:0/96), NAT64 well-known and local-use (64:ff9b::/96, 64:ff9b:1::/48).
_LOW_32_EMBEDS = tuple(
    ipaddress.IPv6Network(n) for n in ("::/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48")
)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo)."""
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)  # (server, client); the client is stored obfuscated, this is it
    if any(address in network for network in _LOW_32_EMBEDS):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def refusal(ip: str) -> bool:
    """True when `ip` must not be fetched: not globally routable, multicast, or an IPv6 address that
    embeds such an IPv4 address (or any IPv4 address in the compatible/translated forms, which
    have no business on the public internet)."""
    try:
        address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOW_32_EMBEDS[0] or address in _LOW_32_EMBEDS[1]:
            return True
        for inner in _embedded_ipv4(address):
            if not inner.is_global or inner.is_multicast:
                return True
    return not address.is_global or address.is_multicast


# Special-use names that never resolve in the public DNS (RFC 6761): not even asked about.
_NEVER_RESOLVE = (".example", ".invalid", ".test")


class UnresolvedHost(IngestError):
    """The host name has no address (now)."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's resolver (getaddrinfo)."""
    if ("." + host.rstrip(".").lower()).endswith(_NEVER_RESOLVE):
        raise OSError(f"{host} is a special-use name")
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded as a browser would: BOM, header charset, <meta>/XML declaration, detection."""
        from .decode import decode

        return decode(self.content, content_type=self.content_type).text


class Fetcher:
    """An HTTP GET with SSRF checks, a size cap, a timeout and a clear User-Agent."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        allow_private: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.resolve: Resolver = resolver or system_resolver
        if transport is None:
            # No keep-alive pool: connections are keyed by the pinned IP, and a TLS connection made
            # for one host name must not be reused for another name served from the same address.
            transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept": ", ".join(ALLOWED_TYPES)},
            timeout=timeout,
            follow_redirects=False,
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def check_url(self, url: str) -> list[str]:
        """Raise IngestError unless `url` is http(s) and its host resolves to public addresses only;
        return those addresses (the ones to connect to)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise IngestError(f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}")
        try:
            host = parts.hostname
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise IngestError("the URL has an invalid host or port") from None
        if not host:
            raise IngestError("the URL has no host")
        try:
            addresses = [str(ipaddress.ip_address(host))]  # a literal needs no DNS
        except ValueError:
            try:
                addresses = [a.split("%")[0] for a in await self.resolve(host, port)]
            except (OSError, UnicodeError):
                raise UnresolvedHost(f"cannot resolve host {host}") from None
        if not addresses:
            raise UnresolvedHost(f"cannot resolve host {host}")
        if not self.allow_private and any(refusal(a) for a in addresses):
            raise IngestError(f"refusing to fetch {host}: it points to a non-public address")
        return addresses

    async def _send(self, url: str, addresses: list[str], headers: dict[str, str]) -> httpx.Response:
        """Open a streamed GET of `url` on a connection to one of the vetted `addresses`."""
        target = httpx.URL(url)
        pinned_headers = {**headers, "Host": target.netloc.decode("ascii")}
        last: httpx.ConnectError | None = None
        for address in addresses:
            request = self._client.build_request(
                "GET", target.copy_with(host=address), headers=pinned_headers,
                extensions={"sni_hostname": target.raw_host.decode("ascii")},
            )
            try:
                return await self._client.send(request, stream=True)
            except httpx.ConnectError as exc:  # try the next vetted address, as a resolver would
                last = exc
        assert last is not None
        raise last

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url` (conditional when etag/last_modified are given); raise IngestError on failure."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        try:
            async with asyncio.timeout(self.timeout):
                for _ in range(MAX_REDIRECTS + 1):
                    addresses = await self.check_url(current)
                    response = await self._send(current, addresses, headers)
                    try:
                        if response.is_redirect and "location" in response.headers:
                            current = urljoin(current, response.headers["location"])
                            continue
                        return await self._read(current, response)
                    finally:
                        await response.aclose()
                raise IngestError(f"too many redirects fetching {url}")
        except TimeoutError:
            raise IngestError(f"timed out after {self.timeout:g} s fetching {url}") from None
        except httpx.HTTPError as exc:
            raise IngestError(f"cannot fetch {url}: {type(exc).__name__}") from None

    async def _read(self, url: str, response: httpx.Response) -> Fetched:
        if response.status_code == 304:
            return Fetched(url, 304, b"", "", response.headers.get("etag"),
                           response.headers.get("last-modified"))
        if response.status_code >= 400:
            raise IngestError(f"{url} answered HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if media and media not in ALLOWED_TYPES and not media.endswith("+xml"):
            raise IngestError(f"{url} is {media}, not a web page or feed")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise IngestError(f"{url} is larger than the {self.max_bytes:,} byte limit (TRADEBRIEF_FETCH_MAX_BYTES)")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise IngestError(f"{url} is larger than the {self.max_bytes:,} byte limit (TRADEBRIEF_FETCH_MAX_BYTES)")
            chunks.append(chunk)
        return Fetched(
            url=url,
            status=response.status_code,
            content=b"".join(chunks),
            content_type=content_type,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
