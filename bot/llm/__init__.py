"""The optional LLM: a client (`client`), verified answers and digest summaries (`answers`), and
fact extraction at ingestion (`facts`). The composition root builds them
and hands them to the core by constructor; nothing here reaches into a built service."""

from .answers import ClaimStats, OpenAIAnswerer
from .client import DailyLimitReached, LLMClient, TokenUsage, format_evidence, format_sentences
from .facts import LLMFactExtractor, parse_facts

__all__ = [
    "ClaimStats",
    "DailyLimitReached",
    "LLMClient",
    "LLMFactExtractor",
    "OpenAIAnswerer",
    "TokenUsage",
    "format_evidence",
    "format_sentences",
    "parse_facts",
]
