"""A sentence splitter tuned for news prose.

Citations point at sentences, so boundaries must be right where news text is hard: titles and
abbreviations ("Mr", "Dr", "Apr.", "No. 10", "U.S."), decimals and money ("$155.2bn", "3.5%"),
quotations that close after the full stop, and headings or bylines with no full stop at all.
Sentences never cross a line break: paragraphs, headings and bylines are separate lines, and a
quotation of several sentences stays whole when it closes on the same line.

Regex-based and linear in the text: it runs on every ingested article.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "sentence_spans"]

# Words that take a full stop without ending a sentence when something follows them.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "rev", "hon", "messrs", "mme", "mmes", "fr", "pres", "supt", "insp", "cmdr",
}
_ALWAYS = {
    "vs", "etc", "e.g", "i.e", "cf", "approx", "est", "dept", "inc", "corp", "co", "ltd", "bros",
    "plc", "mt", "ft", "fig", "al", "ave", "blvd", "rd",
}
_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_BEFORE_NUMBER = {"no", "nos", "vol", "p", "pp", "art", "sec", "ch", "para", "op"} | _MONTHS
# Company suffixes end sentences often ("...sold to Acme Inc. The deal"): only a boundary when
# the next word is a usual sentence opener.
_MAYBE_END = {"inc", "corp", "co", "ltd", "plc", "bros", "etc", "st"}
_OPENERS = {
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "this", "that", "these", "those",
    "but", "and", "in", "on", "at", "for", "however", "meanwhile", "there", "his", "her", "their",
    "our", "as", "if", "while", "after", "before", "since", "when", "analysts", "shares", "sales",
    "last", "earlier", "also", "both", "some", "many", "most", "officials", "yet", "so", "then",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_CANDIDATE = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+([\"'“‘«(\[]*)(\S+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")


def _is_boundary(text: str, end: int, line_end: int, match_text: str) -> bool:
    """Decide whether the punctuation ending at `end` closes a sentence."""
    nxt = _NEXT_START.match(text, end, line_end)
    if not nxt:
        return True
    opener, word = nxt.group(1), nxt.group(2)
    first = word[0]
    if not (first.isupper() or first.isdigit() or opener):
        return False  # lower-case continuation: '"Is it over?" he asked.'
    if match_text[0] != ".":
        return True  # '!' and '?' end sentences unless followed by lower case
    if len(match_text.rstrip("\"'”’»)]")) > 1:
        return True  # "..." followed by a capital
    dot = end - len(match_text) + 1
    before = _WORD_BEFORE.search(text[max(0, dot - 40) : dot])
    if not before:
        return True
    token = before.group(1).rstrip(".")
    lower = token.lower()
    clean_next = word.strip("\"'“‘«(").lower()
    if _DOTTED_ACRONYM.search(token + "."):
        # "U.S. exports" continues; "in the U.S. The" ends.
        return clean_next in _OPENERS
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. Smith"
    if lower in _TITLES:
        return False
    if lower in _BEFORE_NUMBER and first.isdigit():
        return False
    if lower in _MAYBE_END:
        return clean_next in _OPENERS
    if lower in _ALWAYS:
        return False
    return True


def _inside_quote(text: str, start: int, stop: int, end: int) -> bool:
    """Whether `stop` falls inside a quotation that closes later on the same line.

    A quotation of several sentences stays one citation, so its closing mark and attribution
    ("..., the minister said.") are never cut off from the words they close.
    """
    segment = text[start:stop]
    opened = segment.count("“") - segment.count("”")
    straight = segment.count('"') % 2
    if opened > 0:
        close = text.find("”", stop, end)
    elif straight:
        close = text.find('"', stop, end)
    else:
        return False
    return close != -1 and close - stop < MAX_QUOTE_CHARS


MAX_QUOTE_CHARS = 600  # a longer quotation is split like prose, to keep citations short


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        if _is_boundary(text, stop, end, match.group(0)) and not _inside_quote(text, cursor, stop, end):
            spans.append((cursor, stop))
            cursor = stop
    spans.append((cursor, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, whitespace trimmed."""
    result: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        line_end = pos + len(line.rstrip("\r\n"))
        for s, e in _line_spans(text, pos, line_end):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e and any(ch.isalnum() for ch in text[s:e]):
                result.append((s, e))
        pos += len(line)
    return result


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]
