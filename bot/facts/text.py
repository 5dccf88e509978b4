"""Text and number helpers shared by the extractors.

Word lists are compiled as character tries, and keyword patterns run on the lower-cased sentence
(offsets kept) instead of with `re.IGNORECASE`, which is several times slower on big alternations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# (offset in sentence, value, merge key, attrs): one mention found by an extractor.
Hit = tuple[int, str, str, dict[str, Any]]

HAS_DIGIT = re.compile(r"\d")
LOW_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def trie_regex(words: Iterable[str]) -> str:
    """Alternation of `words` shaped as a character trie: the engine branches on one character
    at a time instead of trying every word at every position. Longer words win."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


def words_regex(words: Iterable[str]) -> re.Pattern[str]:
    """Whole-word matcher for lower-case `words`, to run on lower-cased text."""
    return re.compile(r"(?<![\w-])(?:" + trie_regex(words) + r")(?![\w-])")


def lower(text: str) -> str:
    """Lower-case keeping every offset (a few Unicode capitals lower-case to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
