"""Parties: countries, territories, blocs and organisations, by name, demonym or alias.

Kept apart from the other extractors so that answering a question (which only needs to know which
parties it names) does not pay for compiling every other fact pattern: `bot.facts` imports the
extractors only when `extract_facts` is first used.
"""

from __future__ import annotations

import re

from . import tables as _data
from .text import lower as _lower
from .text import trie_regex as _trie_regex

__all__ = ["country_of", "parties_in"]


# --------------------------------------------------------------------------------------------
# Parties
# --------------------------------------------------------------------------------------------

_PARTY: dict[str, str | None] = {}  # surface form -> canonical name (None: a blocker)
_PARTY_KIND: dict[str, str] = {}  # canonical -> "country" | "territory" | "bloc" | "organisation"
_NAME_LIKE: set[str] = set()  # full names, demonyms and long aliases (safe in any case)


def _add_party(surface: str, canonical: str | None, *, name_like: bool) -> None:
    _PARTY.setdefault(surface, canonical)
    if name_like:
        _NAME_LIKE.add(surface)


def _load_parties() -> None:
    for kind, table in (("country", _data.COUNTRIES), ("territory", _data.TERRITORIES)):
        for name, demonyms, aliases in table:
            _PARTY_KIND[name] = kind
            _add_party(name, name, name_like=True)
            for dem in demonyms:
                _add_party(dem, name, name_like=True)
                if dem[-1] in "ni":  # Pakistani -> Pakistanis, Belarusian -> Belarusians
                    _add_party(dem + "s", name, name_like=True)
            for alias in aliases:
                _add_party(alias, name, name_like=not alias.replace(".", "").isupper())
    for name, (kind,), aliases in _data.BLOCS:
        _PARTY_KIND[name] = kind
        for surface in [name, *aliases]:
            short = surface.replace(".", "").replace("-", "")
            _add_party(surface, name, name_like=len(short) > 4 and not short.isupper())
    for blocker in _data.BLOCKERS:
        _PARTY[blocker] = None


_load_parties()

# For questions: full names and demonyms in any case, plus short acronyms that are not English
# words once lower-cased ("uk", "eu", "wto"; never "us" or "un").
_SAFE_LOWER_SHORT = _data.LOWERCASE_ACRONYMS
# Names that, typed in lower case, are ordinary words ("polish the text", "guinea pig").
_LOWER_REJECT = _data.LOWERCASE_WORDS
_PARTY_FOLD: dict[str, str | None] = {}
for _surface, _canon in _PARTY.items():
    _key = _surface.lower()
    if _canon is None or _surface in _NAME_LIKE or _key.replace(".", "") in _SAFE_LOWER_SHORT:
        _PARTY_FOLD.setdefault(_key, _canon)

# No leading look-behind: it would stop the engine skipping ahead to a possible first letter.
# The character before a match is checked in Python instead.
_PARTY_RE = re.compile(r"(?:" + _trie_regex(_PARTY) + r")(?!\w)")
_PARTY_FOLD_RE = re.compile(r"(?<![\w@#])(?:" + _trie_regex(_PARTY_FOLD) + r")(?!\w)")

_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]*)\s+$")
_CAP_WORD_AFTER = re.compile(r"\s+([A-Z][a-z][\w’'-]*)")
_CITY_COMMA_BEFORE = re.compile(r"\b([A-Z][a-z]+),\s+$")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|argued|insisted|wrote)\b")
_PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Miss|state\s+of)\.?\s+$")
_FUNCTION_CAPS = _data.FUNCTION_CAPITALS


def _ambiguous_ok(text: str, start: int, end: int) -> bool:
    """Accept "Jordan", "Chad", "Georgia"... only where a person or a US state is unlikely."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if _PERSON_BEFORE.search(before):
        return False
    prev = _CAP_WORD_BEFORE.search(before)
    if prev and prev.group(1) not in _FUNCTION_CAPS and prev.group(1) not in _PARTY:
        return False  # "Michael Jordan"
    nxt = _CAP_WORD_AFTER.match(after)
    if nxt and nxt.group(1) not in _FUNCTION_CAPS and nxt.group(1) not in _PARTY:
        return False  # "Chad Hurley", "Georgia Pacific"
    city = _CITY_COMMA_BEFORE.search(before)
    if city and city.group(1) not in _PARTY and city.group(1) not in _FUNCTION_CAPS:
        return False  # "Atlanta, Georgia"
    if text[start:end] in _data.FIRST_NAME_LIKE and _SPEECH_AFTER.match(after):
        return False  # "Jordan said ..." reads as a person
    return True


def _party_matches(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, canonical) for each party named in a sentence, in order."""
    out = []
    for m in _PARTY_RE.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_@#"):
            continue
        surface = m.group()
        canonical = _PARTY.get(surface)
        if canonical is None:
            continue
        if surface in _data.AMBIGUOUS and not _ambiguous_ok(text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), surface, canonical))
    return out


def country_of(word: str) -> str | None:
    """Canonical party for one name, demonym or alias ("Pakistani" -> "Pakistan", "U.S." ->
    "United States", "Opec" -> "OPEC"), so callers compare parties under one spelling.

    Covers blocs and organisations too. Exact spellings first, then any case for full names and
    demonyms only: "us" is a pronoun, not the United States.
    """
    word = word.strip().strip("\"'“”‘’").strip()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    if not word:
        return None
    if word in _PARTY:
        return _PARTY[word]
    if word in _LOWER_REJECT:
        return None
    return _PARTY_FOLD.get(word.lower())


def party_kind(canonical: str) -> str:
    """What a canonical party is: "country", "territory", "bloc" or "organisation" ("World Bank")."""
    return _PARTY_KIND.get(canonical, "country")


def parties_in(text: str) -> list[str]:
    """Canonical parties named in free text such as a user's question, first mention first.

    Questions are typed carelessly ("what did pakistan and belarus agree?"), so full names and
    demonyms match in any case, while short aliases keep their capitals ("US", not "us").
    """
    found: list[tuple[int, str]] = [(s, c) for s, _e, _w, c in _party_matches(text)]
    low = _lower(text)
    for m in _PARTY_FOLD_RE.finditer(low):
        canonical = _PARTY_FOLD.get(m.group())
        surface = text[m.start() : m.end()]
        if canonical is None or surface in _LOWER_REJECT:
            continue
        found.append((m.start(), canonical))
    found.sort()
    seen: list[str] = []
    for _pos, canonical in found:
        if canonical not in seen:
            seen.append(canonical)
    return seen
