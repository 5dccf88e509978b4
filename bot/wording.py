"""Small wording helpers shared by every adapter, so counts read right on every platform."""

from __future__ import annotations

__all__ = ["counted"]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 article`, `2 articles`, `0 articles` (`plural` for irregular nouns: story -> stories)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
