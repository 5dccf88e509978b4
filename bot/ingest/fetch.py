"""Fetch pages and feeds without becoming a proxy into the private network.

Anyone allowed to `/add` a URL can make the bot issue requests, so every hop is checked: http(s)
only, the host resolved and refused when any address is not globally routable (loopback, private,
link-local incl. cloud metadata, carrier-grade NAT, multicast, reserved), redirects followed by hand
and checked again, bodies streamed under a size cap, and content types limited to text formats.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import IngestError

__all__ = ["Fetched", "Fetcher", "ALLOWED_TYPES"]

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
        charset = "utf-8"
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return self.content.decode("utf-8", errors="replace")


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
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept": ", ".join(ALLOWED_TYPES)},
            timeout=timeout,
            follow_redirects=False,
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def check_url(self, url: str) -> None:
        """Raise IngestError unless `url` is http(s) and its host resolves to public addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise IngestError(f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}")
        host = parts.hostname
        if not host:
            raise IngestError("the URL has no host")
        if self.allow_private:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
            )
        except socket.gaierror:
            raise IngestError(f"cannot resolve host {host}") from None
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%")[0])
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
                address = address.ipv4_mapped
            if not address.is_global or address.is_multicast:
                raise IngestError(f"refusing to fetch {host}: it points to a non-public address")

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
                    await self.check_url(current)
                    async with self._client.stream("GET", current, headers=headers) as response:
                        if response.is_redirect and "location" in response.headers:
                            current = urljoin(current, response.headers["location"])
                            continue
                        return await self._read(current, response)
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
            raise IngestError(f"{url} is larger than the {self.max_bytes:,} byte limit")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise IngestError(f"{url} is larger than the {self.max_bytes:,} byte limit")
            chunks.append(chunk)
        return Fetched(
            url=url,
            status=response.status_code,
            content=b"".join(chunks),
            content_type=content_type,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
