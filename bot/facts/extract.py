"""Assembly: one pass per sentence runs every extractor and merges repeated mentions into
facts that cite every sentence they rest on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..models import Article, Fact, Sentence
from .dates import _date_facts
from .events import _EVENT_KIND, _event_facts
from .figures import _figure_facts
from .parties import _PARTY_KIND, _party_matches
from .people import _TITLE_SET_ALL, _person_facts
from .sectors import _SECTOR, _STRONG, _STRONG_HINTS, _WEAK, _WEAK_HINTS, _sector_facts
from .text import HAS_DIGIT as _HAS_DIGIT
from .text import Hit as _Hit
from .text import lower as _lower
from .text import words_regex as _words_regex

# --------------------------------------------------------------------------------------------
# One scan for all lower-case keywords
# --------------------------------------------------------------------------------------------
# Title words, event nouns, sector words and sector cue words share one trie, so a sentence is
# scanned once for all of them; each surface maps to the categories it belongs to.
_TITLE, _EVENT, _SECTOR_WORD = 1, 2, 4
_VOCAB: dict[str, int] = {}
for _cat, _words in (
    (_TITLE, _TITLE_SET_ALL),
    (_EVENT, _EVENT_KIND),
    (_SECTOR_WORD, [w for w in _SECTOR if not w.isupper()]),
    (_STRONG, _STRONG_HINTS),
    (_WEAK, _WEAK_HINTS + ["joint venture", "joint ventures"]),
):
    for _w in _words:
        _VOCAB[_w] = _VOCAB.get(_w, 0) | _cat
_VOCAB_RE = _words_regex(_VOCAB)


_Span = tuple[int, int, str]


def _scan_words(low: str) -> tuple[list[_Span], list[_Span], list[_Span], int]:
    """(titles, event nouns, sector words, cue flags) found in a lower-cased sentence."""
    titles: list[_Span] = []
    events: list[_Span] = []
    sectors: list[_Span] = []
    flags = 0
    for m in _VOCAB_RE.finditer(low):
        word = m.group()
        cat = _VOCAB[word]
        if cat & _TITLE:
            titles.append((m.start(), m.end(), word))
        if cat & _EVENT:
            events.append((m.start(), m.end(), word))
        if cat & _SECTOR_WORD:
            sectors.append((m.start(), m.end(), word))
        flags |= cat & (_STRONG | _WEAK)
    return titles, events, sectors, flags


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


_STATUS_RANK = {"mentioned": 0, "interest": 1, "identified": 2, "agreed": 3}


class _Builder:
    """One merged fact: mentions of the same type and normalised value share it."""

    __slots__ = ("attrs", "order", "sentence_ids", "type", "value")

    def __init__(self, type_: str, value: str, order: tuple[int, int]) -> None:
        self.type = type_
        self.value = value
        self.sentence_ids: list[str] = []
        self.attrs: dict[str, Any] = {}
        self.order = order

    def merge(self, sentence_id: str, attrs: dict[str, Any]) -> None:
        if sentence_id not in self.sentence_ids:
            self.sentence_ids.append(sentence_id)
        for key, val in attrs.items():
            if key == "mentions":
                known = self.attrs.setdefault("mentions", [])
                known.extend(v for v in val if v not in known)
            elif key not in self.attrs or self.attrs[key] in (None, "mentioned"):
                self.attrs[key] = list(val) if isinstance(val, list) else val
            elif key == "status" and _STATUS_RANK.get(val, 0) > _STATUS_RANK.get(self.attrs[key], 0):
                self.attrs[key] = val  # a sector agreed anywhere in the article is agreed


def _first(item: tuple[int, str, _Hit]) -> int:
    return item[0]


def _published(article: Article) -> tuple[int, int] | None:
    m = re.match(r"(\d{4})-(\d{2})", article.published or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _merge_people(builders: dict[tuple[str, str], _Builder], order: dict[str, int]) -> None:
    """Fold surname-only mentions ("Mr Ebbers") into the one full name that ends with it."""
    people = [b for b in builders.values() if b.type == "person" and not b.attrs.get("role_only")]
    full = [b for b in people if " " in b.value]
    for single in [b for b in people if " " not in b.value]:
        owners = [b for b in full if b.value.rsplit(" ", 1)[-1] == single.value]
        if len(owners) != 1:
            continue
        owner = owners[0]
        for sid in single.sentence_ids:
            owner.merge(sid, single.attrs)
        owner.sentence_ids.sort(key=order.__getitem__)
        owner.order = min(owner.order, single.order)
        del builders[("person", single.value.lower())]


# A second post set off by dashes between a title and its holder's name: "SLBA chairman - and Commercial Bank
# managing director - AL Gooneratne told …"
_DASHED_SECOND_POST = re.compile(r"\s[-–—]\s+and\s+[^-–—.;]{3,80}?\s+[-–—](?=\s)")


def _people_past_aside(text: str) -> list[Any]:
    """The people of a sentence read with a dashed second post blanked out (the same length, so positions hold)."""
    if _DASHED_SECOND_POST.search(text) is None:
        return []
    plain = _DASHED_SECOND_POST.sub(lambda m: " " * len(m.group()), text)
    low = _lower(plain)
    return _person_facts(plain, low, _scan_words(low)[0])


def extract_facts(article: Article, sentences: Sequence[Sentence]) -> list[Fact]:
    """Typed facts for one article, each citing the sentences it rests on.

    Runs at ingestion on every article, so it makes one cheap pass per sentence. Repeated
    mentions (same type and normalised value) become one fact citing every sentence, numbered
    `<article id>:f1, f2, ...` in order of first mention.
    """
    pub = _published(article)
    body = article.body or ""
    rupee = "INR" if ("India" in body and "Pakistan" not in body) else "PKR"
    builders: dict[tuple[str, str], _Builder] = {}
    for s_index, sentence in enumerate(sentences):
        text = sentence.text
        if not text or text.isspace():
            continue
        low = _lower(text)
        parties = _party_matches(text)
        titles, events, sector_words, cue_flags = _scan_words(low)
        found: list[tuple[int, str, _Hit]] = [
            (start, "party", (start, canonical, canonical.lower(),
                              {"kind": _PARTY_KIND.get(canonical, "country"), "mentions": [surface]}))
            for start, _end, surface, canonical in parties
        ]
        for type_, hits in (
            ("figure", _figure_facts(text, low, rupee) if _HAS_DIGIT.search(text) else ()),
            ("date", _date_facts(text, low, pub)),
            ("person", _person_facts(text, low, titles) or _people_past_aside(text)),
            ("event", _event_facts(text, low, events, parties) if events else ()),
            ("sector", _sector_facts(text, low, sector_words, cue_flags, parties)),
        ):
            for hit in hits:
                found.append((hit[0], type_, hit))
        if len(found) > 1:
            found.sort(key=_first)
        for start, type_, (_s, value, key, attrs) in found:
            builder = builders.get((type_, key))
            if builder is None:
                builder = builders[(type_, key)] = _Builder(type_, value, (s_index, start))
            builder.merge(sentence.id, attrs)
    _merge_people(builders, {s.id: i for i, s in enumerate(sentences)})
    ordered = sorted(builders.values(), key=lambda b: b.order)
    return [
        Fact(
            id=f"{article.id}:f{k}",
            article_id=article.id,
            type=b.type,  # type: ignore[arg-type]
            value=b.value,
            sentence_ids=tuple(b.sentence_ids),
            attrs=b.attrs,
            extractor="offline",
        )
        for k, b in enumerate(ordered, start=1)
    ]
