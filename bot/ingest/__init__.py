"""Ingestion: text files, HTML pages, RSS/Atom feeds and URLs into the store."""

from .fetch import Fetched, Fetcher
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
