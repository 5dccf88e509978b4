"""Ingestion: text files, HTML pages, RSS/Atom feeds and URLs into the store.

The HTTP client and the feed parser are imported on first use: `tradebrief ask` never needs them.
"""

from typing import Any

from .pipeline import Ingestor, build_sentences, content_hash
from .text import ParsedArticle, parse_date, parse_text

__all__ = [
    "Fetched",
    "Fetcher",
    "Ingestor",
    "ParsedArticle",
    "build_sentences",
    "content_hash",
    "parse_date",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    if name in ("Fetched", "Fetcher"):
        from . import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
