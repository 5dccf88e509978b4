"""Cutting Telegram HTML into messages that each fit the 4,096-character limit.

Telegram rejects a message over the limit, and rejects a part whose tags do not balance, so a cut
is made only between tags and entities, preferably at a blank line (paragraph), then at a line
break, then at a space. Tags open at a cut are closed at the end of the part and opened again at
the start of the next one, so every part is valid HTML on its own. Lengths are counted in UTF-16
code units over the raw HTML, which is never less than what Telegram counts after parsing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

__all__ = ["TELEGRAM_LIMIT", "split_html", "utf16_len", "strip_tags"]

TELEGRAM_LIMIT = 4096

_TOKEN = re.compile(r"<[^<>]*>|&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


def utf16_len(text: str) -> int:
    """Characters as Telegram counts them (astral characters such as emoji count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def strip_tags(html_text: str) -> str:
    """The same HTML without any tag (entities kept), for parts no markup can fit in."""
    return re.sub(r"<[^<>]*>", "", html_text)


def _visible(html_text: str) -> bool:
    return bool(_TOKEN.sub(lambda m: "x" if m.group().startswith("&") else "", html_text).strip())


class _Scan:
    """Where a cut may fall in `text` and which tags are open there."""

    def __init__(self, text: str) -> None:
        self.text = text
        n = len(text)
        if not text or max(text) <= "\uffff":
            self.units = list(range(n + 1))  # UTF-16 units of text[:i]
        else:
            self.units = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]
        self.stacks: list[tuple[tuple[str, str], ...]] = [()]
        self.stack_at = [-1] * (n + 1)  # index into stacks, or -1 inside a tag/entity
        ids: dict[tuple[tuple[str, str], ...], int] = {(): 0}
        stack: list[tuple[str, str]] = []
        current = 0
        pos = 0
        for match in _TOKEN.finditer(text):
            self.stack_at[pos : match.start() + 1] = [current] * (match.start() + 1 - pos)
            token = match.group()
            if token.startswith("<"):
                name_match = _TAG_NAME.match(token)
                name = name_match.group(1).lower() if name_match else ""
                if token.startswith("</"):
                    if stack and stack[-1][0] == name:
                        stack.pop()
                elif not token.endswith("/>"):
                    stack.append((name, token))
                key = tuple(stack)
                if key not in ids:
                    ids[key] = len(self.stacks)
                    self.stacks.append(key)
                current = ids[key]
            pos = match.end()
        self.stack_at[pos:] = [current] * (n + 1 - pos)
        self.openers = ["".join(raw for _, raw in s) for s in self.stacks]
        self.closers = ["".join(f"</{name}>" for name, _ in reversed(s)) for s in self.stacks]
        self.open_units = [utf16_len(o) for o in self.openers]
        self.close_units = [utf16_len(c) for c in self.closers]

    def _fits(self, start: int, cut: int, budget: int) -> bool:
        sid = self.stack_at[cut]
        return sid >= 0 and self.units[cut] - self.units[start] + self.close_units[sid] <= budget

    def best_cut(self, start: int, budget: int) -> int | None:
        """The furthest cut after `start` whose part (with closing tags) fits `budget`: after a
        blank line if there is one, else after a line break, else after a space, else anywhere."""
        text = self.text
        hi = min(bisect_right(self.units, self.units[start] + budget) - 1, len(text))
        if hi <= start:
            return None
        if hi == len(text) and self._fits(start, hi, budget):
            return hi
        for sep in ("\n\n", "\n", " "):
            j = text.rfind(sep, start, hi)
            while j >= start:
                cut = j + len(sep)
                if cut > start and self._fits(start, cut, budget):
                    return cut
                j = text.rfind(sep, start, j + len(sep) - 1)
        for cut in range(hi, start, -1):
            if self._fits(start, cut, budget):
                return cut
        return None


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`text` as one or more messages of at most `limit` units, each valid on its own.

    Empty parts (no visible text) are dropped, so the result may be empty for blank input.
    """
    text = text.strip()
    if utf16_len(text) <= limit:
        return [text] if _visible(text) else []
    scan = _Scan(text)
    parts: list[str] = []
    pos = 0
    while pos < len(text):
        sid = scan.stack_at[pos]
        budget = limit - scan.open_units[sid]
        cut = scan.best_cut(pos, budget)
        if cut is None:
            # Not even one character fits beside the open tags (a huge link, say): go on without markup.
            rest = strip_tags(scan.openers[sid] + text[pos:])
            return parts + split_html(rest, limit)
        end_sid = scan.stack_at[cut]
        body = text[pos:cut]
        part = (scan.openers[sid] + body.rstrip() + scan.closers[end_sid]).strip()
        if _visible(part):
            parts.append(part)
        pos = cut
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return parts
