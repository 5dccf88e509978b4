"""Check an LLM's claims against the evidence it was given, before anyone reads them.

An LLM may cite a quotation it was never shown, state a figure no quotation holds, or name a party
the evidence never mentions. Every claim must therefore survive three checks against the sentences
it cites: its figures (in any of the usual spellings: "$1.13bn", "1.13 billion", "76 per cent")
appear there, its names appear there (or in those articles' titles), and most of its content words
do. What survives is renumbered `[1]..[k]` and carries the verbatim stored sentences as quotes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .answers import Evidence, make_citation
from .facts import parties_in
from .facts.tables import STOP_WORDS
from .models import Citation
from .retrieval import stems

__all__ = [
    "Claim",
    "Figure",
    "ShapeError",
    "Verified",
    "check_claim",
    "directions",
    "negated",
    "figures_in",
    "names_in",
    "parse_claims",
    "verify_claims",
]

MIN_CONTENT_SHARE = 0.6  # of a claim's stemmed content words found in its cited sentences
MAX_CLAIMS = 8
MAX_CLAIM_CHARS = 600


class ShapeError(ValueError):
    """The model's JSON does not have the expected shape."""


# ---- parsing the model's output -----------------------------------------------------------------


class _ClaimModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS)
    evidence: list[int] = Field(default_factory=list, max_length=20)


class _ClaimsModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    answerable: bool
    claims: list[Any] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement from the model and the evidence numbers it says it rests on."""

    text: str
    evidence: tuple[int, ...]


def parse_claims(payload: object) -> tuple[bool, list[Claim], int]:
    """`(answerable, claims, malformed)` from the model's JSON object; `ShapeError` if it is not one.

    A single malformed claim is counted and skipped rather than failing the whole answer.
    """
    try:
        envelope = _ClaimsModel.model_validate(payload)
    except ValidationError as exc:
        raise ShapeError(f"expected {{answerable, claims}}: {exc.errors()[0].get('msg', 'invalid')}") from None
    claims: list[Claim] = []
    malformed = 0
    for item in envelope.claims[:MAX_CLAIMS]:
        try:
            claim = _ClaimModel.model_validate(item)
        except ValidationError:
            malformed += 1
            continue
        claims.append(Claim(_strip_markers(claim.text), tuple(claim.evidence)))
    malformed += max(0, len(envelope.claims) - MAX_CLAIMS)
    return envelope.answerable, claims, malformed


def _strip_markers(text: str) -> str:
    """The model was told not to write `[n]`; if it did, its numbers are not ours to show."""
    text = re.sub(r"\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]", "", text)
    return " ".join(text.split())


# ---- figures ------------------------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "millions": 1e6, "m": 1e6,
    "mn": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
_CURRENCY_MARKS = {
    "us$": "$", "$": "$", "usd": "$", "dollar": "$", "dollars": "$",
    "£": "£", "gbp": "£", "pound": "£", "pounds": "£", "sterling": "£",
    "€": "€", "eur": "€", "euro": "€", "euros": "€",
    "¥": "¥", "yen": "¥", "yuan": "¥", "rmb": "¥", "cny": "¥",
    "₹": "rs", "rs": "rs", "rs.": "rs", "inr": "rs", "rupee": "rs", "rupees": "rs", "pkr": "rs",
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12,
}
_SCALE_RE = r"trillion|trn|tn|billions?|bn|b|millions?|mln|mn|m|thousand|k|crores?|lakhs?"
_FIGURE_RE = re.compile(
    r"(?P<cur>US\$|\$|£|€|¥|₹|\b(?:Rs\.?|USD|GBP|EUR|INR|PKR|RMB|CNY)\s?)?"
    r"(?<![\w,])(?<!\d\.)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?P<word>"
    + "|".join(_NUMBER_WORDS)
    + r"))(?:st|nd|rd|th)?"
    rf"(?:[\s-]?(?P<scale>{_SCALE_RE})\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b|percentage points?\b))?"
    r"(?:\s(?P<cur2>(?:US\s)?dollars?|pounds?|sterling|euros?|yen|yuan|rupees?)\b)?",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number normalised for comparison: 1.13bn and 1,130 million are the same `value`."""

    value: float
    percent: bool
    currency: str | None
    surface: str

    def matches(self, other: Figure) -> bool:
        if self.percent != other.percent:
            return False
        if self.currency and other.currency and self.currency != other.currency:
            return False
        return math.isclose(self.value, other.value, rel_tol=1e-9, abs_tol=1e-9)


def figures_in(text: str, *, claim: bool = False) -> list[Figure]:
    """Every figure in `text`. In a claim, a bare "one" ("one of the sessions") is no figure."""
    found: list[Figure] = []
    for m in _FIGURE_RE.finditer(text):
        word = m.group("word")
        if word:
            if re.match(r"\w", text[m.end("word") : m.end("word") + 1] or " "):
                continue  # "tenfold", "someone" and the like
            if claim and word.lower() == "one" and not (m.group("scale") or m.group("pct")):
                continue
            value = float(_NUMBER_WORDS[word.lower()])
        else:
            value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "b", "k") and not (m.group("cur") or m.group("cur2")):
            # "5m" is money in news prose; a lone "m" or "b" after a plain number may be a unit.
            if m.group("num") is None or text[m.end("num") : m.end("num") + 1].isspace():
                scale = ""
        value *= _SCALES.get(scale, 1.0)
        marks = [(m.group("cur") or "").strip().lower(), (m.group("cur2") or "").lower().removeprefix("us ")]
        currency = next((_CURRENCY_MARKS.get(x) for x in marks if _CURRENCY_MARKS.get(x)), None)
        found.append(Figure(value, bool(m.group("pct")), currency, m.group(0).strip()))
    return found


# ---- names --------------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"[A-Z][A-Za-z0-9&'’.]*(?:-[A-Za-z0-9&'’.]+)*")
# Capitalised words that are not names: stop words starting a sentence, and a few plural nouns.
# "May" stays a name to check (a month, a surname).
_COMMON_CAPITALS = (STOP_WORDS | {"officials", "analysts"}) - {"may"}
_MONTH_ABBREVIATIONS = {
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "june": "jun", "july": "jul",
    "august": "aug", "september": "sep", "october": "oct", "november": "nov", "december": "dec",
}


def _clean_token(token: str) -> str:
    token = token.lower().rstrip(".")
    return re.sub(r"['’]s?$", "", token)


def names_in(text: str) -> list[str]:
    """Capitalised words and acronyms that name something (a country, a person, a body).

    The first word of the text counts only when it is an acronym, names a party or starts a
    multi-word name, since any sentence starts with a capital.
    """
    names: list[str] = []
    for m in _NAME_TOKEN.finditer(text):
        for part in m.group().split("-"):
            if not part or not part[0].isupper():
                continue
            token = _clean_token(part)
            if not token or token in _COMMON_CAPITALS or token.isdigit():
                continue
            first = not text[: m.start()].strip(" \"'“‘(")
            multiword = bool(re.match(r"\s+(?:&\s+)?[A-Z]", text[m.end() :]))  # "Jam Kamal Khan"
            possessive = bool(re.match(r"['’]s\b", text[m.end():])) or part.endswith(("'s", "’s"))
            if (first and not (part.isupper() and len(part) > 1) and not multiword and not parties_in(part)
                    and not possessive):
                continue  # any sentence starts with a capital; "Brightbank's profit" still names a firm
            names.append(part.rstrip("."))
    return names


def _words(text: str) -> set[str]:
    return {_clean_token(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9&'’.]*", text)}


def _name_supported(name: str, words: set[str], parties: set[str]) -> bool:
    token = _clean_token(name)
    if token in words:
        return True
    short = _MONTH_ABBREVIATIONS.get(token)
    if short and short in words:
        return True
    if len(token) >= 4:  # Belarus / Belarusian, Pakistan / Pakistani
        for word in words:
            if len(word) >= 4 and (word.startswith(token) or token.startswith(word)):
                if abs(len(word) - len(token)) <= 4:
                    return True
    named = parties_in(name)
    return bool(named) and set(named) <= parties


# ---- content words ------------------------------------------------------------------------------

_STOP_STEMS = frozenset(
    stems(" ".join(STOP_WORDS) + " one per cent percent")
    # Months are checked as names ("April" is supported by "Apr"), not as content words.
    + stems(" ".join(_MONTH_ABBREVIATIONS))
)


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry a claim's subject: no stop words, numbers or one-letter bits."""
    return {s for s in stems(text) if s not in _STOP_STEMS and not s.isdigit() and len(s) > 1}


# ---- one claim ----------------------------------------------------------------------------------


def check_claim(text: str, sources: Sequence[Evidence], *, min_share: float = MIN_CONTENT_SHARE) -> str | None:
    """Why `text` is not supported by `sources` (figures, names, content words), or None if it is."""
    if not sources:
        return "no valid citation"
    quotes = " ".join(e.sentence.text for e in sources)
    titles = " ".join(e.article.title for e in sources)
    source_figures = figures_in(quotes)
    for figure in figures_in(text, claim=True):
        if not any(figure.matches(f) for f in source_figures):
            return f"figure {figure.surface!r} is not in the cited sentences"
    words = _words(quotes) | _words(titles)
    source_parties = set(parties_in(quotes)) | set(parties_in(titles))
    for party in parties_in(text):
        if party not in source_parties:
            return f"party {party!r} is not in the cited sentences"
    for name in names_in(text):
        if not _name_supported(name, words, source_parties):
            return f"name {name!r} is not in the cited sentences"
    claim_stems = content_stems(text)
    if claim_stems:
        source_stems = set(stems(quotes)) | set(stems(titles))
        share = len(claim_stems & source_stems) / len(claim_stems)
        if share < min_share:
            return f"only {share:.0%} of its content words are in the cited sentences"
    if negated(text) and not any(negated(e.sentence.text) for e in sources):
        return "it denies what the cited sentences state"
    if not negated(text) and all(negated(e.sentence.text) for e in sources) and _negated_verb_shared(text, sources):
        return "it states what the cited sentences deny"
    claimed = directions(text)
    if claimed:
        stated = set().union(*(directions(e.sentence.text) for e in sources))
        if stated and not (claimed & stated):
            return f"it says {'/'.join(sorted(claimed))} where the cited sentences say {'/'.join(sorted(stated))}"
    return None


# ---- negation and direction ---------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|neither|nor|without|cannot|failed to|refused to|declined to|denied|rejected)\b|n['’]t\b",
    re.I,
)
_UP = re.compile(r"\b(?:rise|rises|rose|risen|rising|increase[sd]?|increasing|grow|grows|grew|grown|jump(?:s|ed)?|"
                 r"climb(?:s|ed)?|gain(?:s|ed)?|surge[sd]?|soar(?:s|ed)?|widen(?:s|ed)?)\b", re.I)
_DOWN = re.compile(r"\b(?:fall|falls|fell|fallen|falling|drop(?:s|ped)?|decrease[sd]?|decline[sd]?|slump(?:s|ed)?|"
                   r"shr[iu]nk|shrank|plunge[sd]?|slid|slide|slip(?:s|ped)?|dip(?:s|ped)?|"
                   r"narrow(?:s|ed)?|tumble[sd]?)\b", re.I)


def negated(text: str) -> bool:
    """Whether a sentence denies something ("did not hold talks", "no agreement was reached")."""
    return bool(_NEGATION.search(text))


def directions(text: str) -> set[str]:
    """"up" and/or "down" for the changes a sentence reports ("rose", "fell")."""
    found = set()
    if _UP.search(text):
        found.add("up")
    if _DOWN.search(text):
        found.add("down")
    return found


def _negated_verb_shared(text: str, sources: Sequence[Evidence]) -> bool:
    """Whether the claim repeats the verb a cited sentence denies ("have not signed" -> "signed")."""
    claim = set(stems(text))
    for e in sources:
        m = _NEGATION.search(e.sentence.text)
        if m:
            after = stems(e.sentence.text[m.end():])[:3]
            if claim & set(after):
                return True
    return False


def _relevant(text: str, source: Evidence) -> bool:
    """Whether one cited sentence bears on the claim at all (shares a figure, name or content word)."""
    quote = source.sentence.text
    figures = figures_in(quote)
    if any(f.matches(g) for f in figures_in(text, claim=True) for g in figures):
        return True
    if content_stems(text) & set(stems(quote)):
        return True
    words = _words(quote)
    return any(_clean_token(n) in words for n in names_in(text))


# ---- a whole answer -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verified:
    """Claims that survived, as text with `[n]` markers and the citations those markers point at."""

    text: str
    citations: tuple[Citation, ...]
    kept: int
    dropped: tuple[tuple[str, str], ...]  # (claim text, reason)

    @property
    def empty(self) -> bool:
        return self.kept == 0


def _with_markers(text: str, numbers: Iterable[int]) -> str:
    markers = "".join(f"[{n}]" for n in numbers)
    m = re.search(r"[.!?]+[\"'”’)]*$", text)
    if m:
        return f"{text[: m.start()]} {markers}{text[m.start():]}"
    return f"{text} {markers}."


def verify_claims(claims: Sequence[Claim], evidence: Sequence[Evidence]) -> Verified:
    """Keep the claims their cited evidence supports, renumber citations in order of first use."""
    by_number: Mapping[int, Evidence] = {e.n: e for e in evidence}
    numbering: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    dropped: list[tuple[str, str]] = []
    for claim in claims:
        cited = [by_number[n] for n in dict.fromkeys(claim.evidence) if n in by_number]
        if not cited:
            dropped.append((claim.text, "no valid citation"))
            continue
        reason = check_claim(claim.text, cited)
        if reason:
            dropped.append((claim.text, reason))
            continue
        # Cited sentences that bear on nothing in the claim are not shown as its sources.
        cited = [e for e in cited if _relevant(claim.text, e)] or cited
        numbers: list[int] = []
        for e in cited:
            n = numbering.get(e.sentence.id)
            if n is None:
                n = numbering[e.sentence.id] = len(numbering) + 1
                citations.append(make_citation(n, e.sentence, e.article))
            if n not in numbers:
                numbers.append(n)
        parts.append(_with_markers(claim.text, numbers))
    return Verified(" ".join(parts), tuple(citations), len(parts), tuple(dropped))
