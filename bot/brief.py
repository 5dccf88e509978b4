"""Briefs: everything the store knows about a topic, as one cited page.

A topic is a party ("Belarus"), a pair of parties ("Pakistan Belarus"), a sector ("textiles") or
free words ("EU steel"). The brief is built from the typed facts of every matching article (the
newest `MAX_ARTICLES` of them when a topic is very broad), in sections: a two-line summary, a
timeline of dated events, sectors and products with who named them, figures, people, and open
items (what was planned or proposed but not yet done).

Every line cites the stored sentences its facts rest on; the sources list quotes each sentence
verbatim, so nothing appears without a sentence behind it. A fact reported by several articles
(another report of the same talks, a later story repeating a figure) becomes one line that cites
one sentence per source and says "also reported by". When the figures hold three or more dated
values of one measure, the brief carries a chart of them (drawn on demand by `bot.brief_chart`,
so building a brief never imports matplotlib).

Finding the articles must stay fast on a large store: decoding the facts of 10,000 articles takes
over a second, so the stored fact JSON is first searched as text for the topic's parties and only
the articles that pass are decoded.
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import orjson

from .errors import BadRequest
from .models import Article, Citation, Fact, Sentence
from .facts import country_of, parties_in
from .storage_port import StoragePort as Store
from .subscriptions import sector_forms, sector_of

if TYPE_CHECKING:
    from .digest import StorySummarizer

__all__ = [
    "Brief",
    "BriefChart",
    "BriefLine",
    "BriefSection",
    "ChartPoint",
    "MAX_ARTICLES",
    "Topic",
    "brief_to_dict",
    "build_brief",
    "parse_topic",
]

MAX_ARTICLES = 200  # the newest matching articles a brief is built from
MAX_TOPIC_CHARS = 200
LIMITS = {"timeline": 12, "sectors": 14, "figures": 10, "people": 10, "open": 8}
MIN_CHART_POINTS = 3
SAME_EVENT_DAYS = 31  # two reports of an undated event this close together tell of the same one
GENERIC_SECTORS = frozenset({"sector", "sectors", "industry", "industries", "area", "areas", "field", "fields"})
_TOPIC_FILLER = frozenset(
    """a an the and or of on in at to for with between about brief briefing me vs versus relations
    relation ties""".split()
)
_TOKEN = re.compile(r"[\w][\w.'’&]*")
# What is planned or proposed but not yet done.
_OPEN_CUE = re.compile(
    r"(?<![\w])(?:will|would|plans?\s+to|planned|planning|intends?\s+to|aims?\s+to|set\s+to|due\s+to|"
    r"expected\s+to|proposed|proposes?|proposal|agreed\s+to\s+(?:explore|study|consider|look|work)|"
    r"to\s+explore|exploring|considering|next\s+round|upcoming|forthcoming)(?![\w])",
    re.I,
)
_OPEN_STAGES = frozenset({"planned", "proposed", "ongoing"})
_DONE_STAGES = frozenset({"held", "signed", "imposed", "lifted", "failed"})
_STAGE_WORDS = {
    "held": "held", "signed": "signed", "agreed": "agreed", "planned": "planned", "proposed": "proposed",
    "ongoing": "under way", "imposed": "imposed", "lifted": "lifted", "threatened": "threatened",
    "failed": "stalled or failed",
}
_STAGE_RANK = {"mentioned": 0, "ongoing": 1, "planned": 1, "proposed": 1, "threatened": 1, "agreed": 2,
               "held": 3, "signed": 3, "imposed": 3, "lifted": 3, "failed": 3}
_SECTOR_STATUS = {"agreed": "agreed for cooperation", "identified": "identified for cooperation",
                  "interest": "interest"}
_STATUS_RANK = {"mentioned": 0, "interest": 1, "identified": 2, "agreed": 3}
_BODY_NAME = re.compile(
    r"(?<![\w])(?:[Tt]he|[Tt]heir|[Ii]ts|[Aa])\s+((?:[A-Z][\w-]+\s+){0,4}(?:Commission|Committee|Council|Forum|Board|"
    r"Working\s+Group|Summit|Conference|Dialogue|Partnership|Agreement))(?![\w])"
)
_FISCAL = re.compile(
    r"(?<![\w])(?:FY\s?|[Ff]iscal\s+(?:[Yy]ear\s+)?|[Ff]inancial\s+[Yy]ear\s+)((?:19|20)\d\d|\d\d)"
    r"(?:\s?[-–/]\s?((?:19|20)?\d\d))?(?![\w])"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---- results ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BriefLine:
    """One statement of a brief. `cites` are the `n` of the brief's sources it rests on."""

    text: str
    cites: tuple[int, ...]
    also_reported_by: tuple[str, ...] = ()  # other sources that reported the same fact
    when: str | None = None  # ISO date (or year, year-month) of what the line tells


@dataclass(frozen=True, slots=True)
class BriefSection:
    key: Literal["summary", "timeline", "sectors", "figures", "people", "open"]
    title: str
    lines: tuple[BriefLine, ...]


@dataclass(frozen=True, slots=True)
class ChartPoint:
    when: str  # ISO year, year-month or date
    value: float
    label: str  # the figure as reported ("$58m")
    cite: int


@dataclass(frozen=True, slots=True)
class BriefChart:
    """Three or more dated values of one measure, oldest first (drawn by `bot.brief_chart`)."""

    title: str  # "Bilateral trade (USD)"
    measure: str
    unit: str
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """A one-page brief on a topic. When `empty`, `message` says why and `closest` offers topics."""

    topic: str
    title: str
    sections: tuple[BriefSection, ...]
    sources: tuple[Citation, ...]
    articles: int = 0  # matching articles the brief was built from
    matched: int = 0  # matching articles in all (more than `articles` for a very broad topic)
    outlets: tuple[str, ...] = ()  # the sources (publications) of those articles
    first_date: str | None = None
    last_date: str | None = None
    since: str | None = None
    until: str | None = None
    chart: BriefChart | None = None
    empty: bool = False
    message: str = ""
    closest: tuple[str, ...] = ()
    mode: Literal["extractive", "llm"] = "extractive"
    note: str = ""

    def section(self, key: str) -> BriefSection | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def coverage(self) -> str:
        """'3 articles from 3 sources, 2025-03-02 to 2025-04-11' (plain text)."""
        if self.empty:
            return ""
        noun = "article" if self.articles == 1 else "articles"
        count = f"{self.articles} {noun}"
        if self.matched > self.articles:
            count = f"the newest {self.articles} of {self.matched} matching articles"
        outlets = len(self.outlets)
        text = f"Built from {count} from {outlets} source{'s' if outlets != 1 else ''}"
        if self.first_date:
            text += f", {self.first_date}" + (f" to {self.last_date}" if self.last_date != self.first_date else "")
        return text + "."


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """A JSON-ready view (for `tradebrief brief --json`); the chart as its points."""
    return {
        "topic": brief.topic,
        "title": brief.title,
        "empty": brief.empty,
        "message": brief.message,
        "closest": list(brief.closest),
        "coverage": brief.coverage,
        "articles": brief.articles,
        "matched": brief.matched,
        "outlets": list(brief.outlets),
        "first_date": brief.first_date,
        "last_date": brief.last_date,
        "since": brief.since,
        "until": brief.until,
        "mode": brief.mode,
        "note": brief.note,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "lines": [
                    {"text": line.text, "cites": list(line.cites), "also_reported_by": list(line.also_reported_by),
                     "when": line.when}
                    for line in s.lines
                ],
            }
            for s in brief.sections
        ],
        "chart": None if brief.chart is None else {
            "title": brief.chart.title, "measure": brief.chart.measure, "unit": brief.chart.unit,
            "points": [{"when": p.when, "value": p.value, "label": p.label, "cite": p.cite}
                       for p in brief.chart.points],
        },
        "sources": [c.to_dict() for c in brief.sources],
    }


# ---- topics ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Topic:
    text: str
    parties: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # canonical sector names
    words: tuple[str, ...] = ()  # anything else, matched in titles and bodies

    @property
    def label(self) -> str:
        """'Pakistan–Belarus', 'European Union: steel', 'textiles'."""
        head = "–".join(self.parties)
        rest = ", ".join([*self.sectors, *self.words])
        if head and rest:
            return f"{head}: {rest}"
        return head or rest or self.text


def parse_topic(text: str) -> Topic:
    """Parties, sectors and other words of a typed topic ("EU steel" -> European Union + steel)."""
    text = " ".join(text.replace("–", " ").replace("—", " ").replace("/", " ").split())
    if len(text) > MAX_TOPIC_CHARS:
        raise BadRequest(f"That topic is {len(text)} characters long; please keep it under {MAX_TOPIC_CHARS}.")
    tokens = [t.rstrip(".,;:") for t in _TOKEN.findall(text)]
    tokens = [t for t in tokens if t]
    parties: list[str] = list(parties_in(text))
    sectors: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(tokens):
        for n in (4, 3, 2, 1):
            phrase = " ".join(tokens[i : i + n])
            if len(tokens) - i < n:
                continue
            party = country_of(phrase) or (country_of(phrase.title()) if n > 1 or len(phrase) > 3 else None)
            if party:
                if party not in parties:
                    parties.append(party)
                i += n
                break
            sector = sector_of(phrase)
            if sector and phrase.lower() not in GENERIC_SECTORS:
                if sector not in sectors:
                    sectors.append(sector)
                i += n
                break
        else:
            word = tokens[i]
            if word.lower() not in _TOPIC_FILLER and word.lower() not in (w.lower() for w in words):
                words.append(word)
            i += 1
    return Topic(text=text, parties=tuple(parties), sectors=tuple(sectors), words=tuple(words))


# ---- which articles --------------------------------------------------------------------------
class _Word:
    """A whole word (or phrase) with an optional plural or possessive, in lower-cased text. The
    pattern starts with the word itself, so the regex engine can skip ahead to it; the character
    before is checked here (a leading look-behind makes the search several times slower)."""

    def __init__(self, word: str) -> None:
        self.word = word.lower()
        self.pattern = re.compile(rf"{re.escape(self.word)}(?:s|es|'s|’s)?(?![\w-])")

    def search(self, low: str) -> bool:
        if self.word not in low:
            return False
        for match in self.pattern.finditer(low):
            at = match.start()
            if at == 0 or not (low[at - 1].isalnum() or low[at - 1] in "_-"):
                return True
        return False


def _in_window(article: Article, since: str | None, until: str | None) -> bool:
    day = article.published or article.ingested_at[:10]
    if since and day[: len(since)] < since[: len(day)]:
        return False
    if until and day[: len(until)] > until[: len(day)]:
        return False
    return True


class _Matcher:
    """Whether an article is about a topic: all its parties are party facts of the article, each of
    its sectors is named in the title or body (in any of its forms: "farm technology" for
    agricultural technology), and so is each of its other words."""

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self.party_keys = ['"value":' + orjson.dumps(p).decode() for p in topic.parties]
        # How `Fact.to_dict` writes a party fact: found as is, it needs no decoding to confirm.
        self.exact_keys = ['"type":"party",' + key for key in self.party_keys]
        self.sector_forms = [sector_forms(s) for s in topic.sectors]
        self.sector_patterns = [[_Word(f) for f in forms] for forms in self.sector_forms]
        self.word_patterns = [_Word(w) for w in topic.words]

    def matches(self, store: Store, article: Article) -> bool:
        joined = ""
        if self.party_keys:
            joined = "\n".join(store.fact_json(article.id))
            if not all(key in joined for key in self.party_keys):
                return False
        if self.sector_patterns or self.word_patterns:
            low = f"{article.title}\n{article.body}".lower()
            if not all(p.search(low) for p in self.word_patterns):
                return False
            if not all(any(p.search(low) for p in patterns) for patterns in self.sector_patterns):
                return False
        if self.party_keys and not all(key in joined for key in self.exact_keys):
            # The value was found, but maybe not as a party (or written in another key order): decode.
            parties = {f.value for f in store.facts(article.id) if f.type == "party"}
            if not all(p in parties for p in self.topic.parties):
                return False
        return True


def find_articles(store: Store, topic: Topic, since: str | None = None, until: str | None = None) -> list[Article]:
    """Every article about `topic` in the window, newest first."""
    matcher = _Matcher(topic)
    return [a for a in store.articles() if _in_window(a, since, until) and matcher.matches(store, a)]


# ---- facts across articles -------------------------------------------------------------------
@dataclass(slots=True)
class _Report:
    """One fact as one article reported it, with the sentence it rests on."""

    fact: Fact
    article: Article
    sentence: Sentence
    when: str | None  # the date its sentence names, if any


@dataclass(slots=True)
class _Item:
    """One line to be: the reports of one fact (several when several articles tell it)."""

    kind: str
    reports: list[_Report] = field(default_factory=list)

    @property
    def primary(self) -> _Report:
        return self.reports[0]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(r.article.source for r in self.reports))

    def when(self) -> str | None:
        dated = [r.when for r in self.reports if r.when]
        if dated:
            return max(dated, key=len)  # the most precise date any report gives
        return min((r.article.published for r in self.reports if r.article.published), default=None)


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _close(a: str | None, b: str | None, days: int = SAME_EVENT_DAYS) -> bool:
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= days


def _sentence_dates(facts: Sequence[Fact]) -> dict[str, list[tuple[str, str]]]:
    """Per sentence id: (surface, iso) of each date fact that has a calendar value."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fact in facts:
        iso = fact.attrs.get("iso") if fact.type == "date" else None
        if iso and not fact.attrs.get("period"):
            for sid in fact.sentence_ids:
                out[sid].append((fact.value, str(iso)))
    return out


def _fiscal(text: str) -> list[tuple[str, str]]:
    """(surface, period) of each fiscal year named in a sentence: "FY2021-22", "FY23", "fiscal year
    2024" become FY2021-22, FY2023, FY2024 (the date extractor does not read them)."""
    out = []
    for m in _FISCAL.finditer(text):
        first, second = m.group(1), m.group(2)
        year = int(first) if len(first) == 4 else 2000 + int(first)
        if not 1950 <= year <= 2099:
            continue
        period = f"FY{year}" + (f"-{second[-2:]}" if second else "")
        out.append((m.group(), period))
    return out


def _order(when: str | None) -> str:
    """A sort key for dates and fiscal years together ("FY2023-24" sorts with 2023)."""
    return (when or "").removeprefix("FY")


def _nearest_date(sentence: Sentence, surface: str, dates: list[tuple[str, str]]) -> str | None:
    """The date or fiscal year named closest to `surface` in the sentence (a figure's "in 2023")."""
    fiscal = _fiscal(sentence.text) if "FY" in sentence.text or "iscal" in sentence.text else []
    if fiscal:  # "fiscal year 2024" is one period, not the calendar year 2024
        dates = [d for d in dates if not any(d[0] in f[0] for f in fiscal)] + fiscal
    if not dates:
        return None
    if len(dates) == 1:
        return dates[0][1]
    at = sentence.text.find(surface)
    if at < 0:
        return dates[0][1]
    return min(dates, key=lambda d: abs(max(sentence.text.find(d[0]), 0) - at))[1]


def _kind(fact: Fact) -> str | None:
    if fact.type == "event":
        return "event"
    if fact.type == "sector":
        return None if fact.value.lower() in GENERIC_SECTORS else "sector"
    if fact.type == "figure":
        return "figure" if fact.attrs.get("measure") else None
    if fact.type == "person":
        return "person"
    return None


def _is_open(report: _Report) -> bool:
    stage = report.fact.attrs.get("stage", "mentioned")
    if stage in _OPEN_STAGES:
        return True
    return stage not in _DONE_STAGES and _cue_governs(report.sentence.text, report.fact.value)


_WORD = re.compile(r"\w+")
_COMPLEMENT = re.compile(r"(?:during|at|in|from|of|after|before|since|through|under|by)\s+(?:\w+\s+)?$", re.I)


def _cue_governs(text: str, mention: str) -> bool:
    """Whether a future cue in the sentence is about this event: shortly before its mention ("will hold
    the next sessions"), or right after it with the event as subject ("the sessions will be held").
    In "decisions reached during our sessions will translate into …" the "will" belongs to the
    decisions: the sessions sit in a phrase after "during", so they are not what is to come."""
    at = text.lower().find(mention.lower())
    if at < 0:
        return bool(_OPEN_CUE.search(text))
    end = at + len(mention)
    for cue in _OPEN_CUE.finditer(text):
        if cue.end() <= at and len(_WORD.findall(text[cue.end():at])) <= 6:
            return True
        if cue.start() >= end and len(_WORD.findall(text[end:cue.start()])) <= 2 \
                and not _COMPLEMENT.search(text[:at]):
            return True
    return False


def _key(report: _Report) -> tuple[Any, ...]:
    fact, attrs = report.fact, report.fact.attrs
    if fact.type == "event":
        name = (attrs.get("name") or fact.value).lower()
        return ("event", attrs.get("kind"), attrs.get("count"), name, _is_open(report))
    if fact.type == "figure":
        return ("figure", str(attrs.get("measure")).lower(), attrs.get("unit"), attrs.get("amount"), report.when)
    return (fact.type, fact.value.lower())


def _collect(store: Store, articles: Sequence[Article]) -> tuple[list[_Item], dict[str, list[Fact]]]:
    """The reports of every fact of `articles`, merged: one item per fact, its reports oldest first."""
    items: dict[tuple[Any, ...], list[_Item]] = defaultdict(list)
    by_sentence: dict[str, list[Fact]] = defaultdict(list)
    order = sorted(articles, key=lambda a: (a.published or a.ingested_at[:10], a.ingested_at, a.id))
    for article in order:
        facts = store.facts(article.id)
        sentences = {s.id: s for s in store.sentences(article.id)}
        dates = _sentence_dates(facts)
        seen_here: set[tuple[Any, ...]] = set()
        for fact in facts:
            for sid in fact.sentence_ids:
                by_sentence[sid].append(fact)
            kind = _kind(fact)
            sentence = next((sentences[s] for s in fact.sentence_ids if s in sentences), None)
            if kind is None or sentence is None:
                continue  # nothing is shown without a stored sentence behind it
            when = _nearest_date(sentence, fact.value, dates.get(sentence.id, []))
            report = _Report(fact, article, sentence, when)
            key = _key(report)
            if (key, article.id) in seen_here:
                continue
            seen_here.add((key, article.id))
            candidates = items[key]
            target = None
            if kind == "event":
                # The same event only when the reports are close in time (talks in 2023 and 2025 differ).
                for item in candidates:
                    if (_close(item.primary.article.published, article.published)
                            or (when and item.primary.when == when)):
                        target = item
                        break
            elif candidates:
                target = candidates[0]
            if target is None:
                target = _Item(kind)
                candidates.append(target)
            target.reports.append(report)
    return [item for group in items.values() for item in group], by_sentence


# ---- lines -----------------------------------------------------------------------------------
@dataclass(slots=True)
class _Line:
    text: str
    item: _Item
    when: str | None = None
    sentence_ids: list[str] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # One sentence per source: the first report's, then one for each other outlet.
        seen_outlets: set[str] = set()
        for report in self.item.reports:
            outlet = report.article.source
            if outlet in seen_outlets or len(self.sentence_ids) >= 4:
                continue
            seen_outlets.add(outlet)
            self.sentence_ids.append(report.sentence.id)
            self.articles[report.sentence.id] = report.article

    @property
    def also(self) -> tuple[str, ...]:
        return tuple(self.item.outlets[1:])

    @property
    def weight(self) -> tuple[int, int]:
        return (len(self.item.outlets), len(self.item.reports))


def _when_label(iso: str | None) -> str:
    if not iso:
        return "undated"
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return iso


def _event_label(item: _Item) -> str:
    attrs = item.primary.fact.attrs
    value = item.primary.fact.value
    count = next((r.fact.attrs.get("count") for r in item.reports if r.fact.attrs.get("count")), None)
    label = value
    if count and count > 1 and not value[:1].isdigit():
        label = f"{count} {value}"
    elif count == 1:
        label = f"one {value}"
    if not attrs.get("name") and value == value.lower():
        for report in item.reports:
            named = _BODY_NAME.search(report.sentence.text)
            if named and named.group(1).split()[-1].lower() not in value:
                label += f" of the {' '.join(named.group(1).split())}"
                break
    return label


def _open_word(item: _Item, stage: str) -> str:
    """How an open item stands: "planned", "proposed", or the cue itself ("agreed to explore")."""
    if stage in ("planned", "proposed", "ongoing"):
        return _STAGE_WORDS[stage]
    for report in item.reports:
        cue = _OPEN_CUE.search(report.sentence.text)
        if cue:
            word = " ".join(cue.group().lower().split())
            return "planned" if word in ("will", "would", "set to", "due to", "upcoming", "forthcoming") else word
    return "in prospect"


def _event_stage(item: _Item) -> str:
    stages = [r.fact.attrs.get("stage", "mentioned") for r in item.reports]
    return max(stages, key=lambda s: _STAGE_RANK.get(s, 0))


def _parties_of(report: _Report, by_sentence: dict[str, list[Fact]]) -> list[str]:
    return list(dict.fromkeys(f.value for f in by_sentence.get(report.sentence.id, []) if f.type == "party"))


def _who_named(item: _Item, by_sentence: dict[str, list[Fact]]) -> str:
    """Who named a sector: a party given by the extractor, else a person or the parties in its sentence."""
    for report in item.reports:
        by = report.fact.attrs.get("by") or report.fact.attrs.get("partner")
        if by:
            return str(by)
    for report in item.reports:
        people = [f for f in by_sentence.get(report.sentence.id, []) if f.type == "person"]
        if people:
            role = people[0].attrs.get("role")
            return f"{people[0].value} ({role})" if role and not people[0].attrs.get("role_only") else people[0].value
    for report in item.reports:
        if report.fact.attrs.get("interest"):
            # "Islamabad is interested in Belarusian forestry": a party in the sentence of an
            # interest is as often its object as its holder, so it is not named as the one who named it.
            continue
        parties = _parties_of(report, by_sentence)
        if parties:
            return _and(parties)
    return ""


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _figure_text(item: _Item) -> str:
    fact = item.primary.fact
    measure = str(fact.attrs.get("measure"))
    text = f"{measure[:1].upper()}{measure[1:]}: {fact.value}"
    if item.primary.when:
        text += f" in {_when_label(item.primary.when)}"
    change = fact.attrs.get("change")
    if change == "rise":
        text += ", up"
    elif change == "fall":
        text += ", down"
    return text


def _lines(items: list[_Item], by_sentence: dict[str, list[Fact]]) -> dict[str, list[_Line]]:
    out: dict[str, list[_Line]] = {k: [] for k in ("timeline", "sectors", "figures", "people", "open")}
    for item in items:
        primary = item.primary
        if item.kind == "event":
            stage = _event_stage(item)
            label = _event_label(item)
            when = item.when()
            if any(_is_open(r) for r in item.reports) and stage not in _DONE_STAGES:
                text = label[:1].upper() + label[1:] + f": {_open_word(item, stage)}"
                if primary.when:
                    text += f", {_when_label(primary.when)}"
                parties = _parties_of(primary, by_sentence)
                if parties:
                    text += f" ({_and(parties)})"
                out["open"].append(_Line(text, item, when))
                continue
            stage_word = _STAGE_WORDS.get(stage)
            stated = any(r.when for r in item.reports)  # else the date is the first report's
            when_text = _when_label(when) if stated or not when else f"reported {_when_label(when)}"
            text = f"{when_text} — {label}" + (f": {stage_word}" if stage_word else "")
            out["timeline"].append(_Line(text, item, when))
        elif item.kind == "sector":
            status = max((r.fact.attrs.get("status", "mentioned") for r in item.reports),
                         key=lambda s: _STATUS_RANK.get(s, 0))
            who = _who_named(item, by_sentence)
            if status == "mentioned":
                text = primary.fact.value + (f" — named by {who}" if who else "")
            else:
                text = f"{primary.fact.value} — {_SECTOR_STATUS.get(status, status)}" + (f"; named by {who}" if who else "")
            out["sectors"].append(_Line(text, item, item.when()))
        elif item.kind == "figure":
            out["figures"].append(_Line(_figure_text(item), item, primary.when or primary.article.published))
        elif item.kind == "person":
            roles = [r.fact.attrs.get("role") for r in item.reports if r.fact.attrs.get("role")]
            role = Counter(roles).most_common(1)[0][0] if roles else ""
            value = primary.fact.value
            if not role and " " not in value:
                continue  # a lone word without a role is too often not a person
            text = value if not role or primary.fact.attrs.get("role_only") else f"{value} — {role}"
            out["people"].append(_Line(text, item, item.when()))
    newest = lambda line: (_order(line.when), line.weight)  # noqa: E731
    out["timeline"].sort(key=newest, reverse=True)
    out["open"].sort(key=newest, reverse=True)
    for key in ("sectors", "people"):
        out[key].sort(key=lambda line: (line.weight, _STATUS_RANK.get(
            line.item.primary.fact.attrs.get("status", ""), 0), _order(line.when)), reverse=True)
    out["figures"].sort(key=lambda line: (line.item.primary.fact.attrs.get("measure") or "", _order(line.when)))
    out["figures"].sort(key=lambda line: line.weight, reverse=True)
    for key, limit in LIMITS.items():
        del out[key][limit:]
    return out


def _summary(lines: dict[str, list[_Line]]) -> list[tuple[str, _Line]]:
    """Offline: the newest dated fact, and the most reported one; when no fact was reported more
    than once, the first line of the most telling section (sectors, then the timeline...)."""
    dated = [line for key in ("timeline", "open", "figures") for line in lines[key] if line.when]
    chosen: list[tuple[str, _Line]] = []
    if dated:
        chosen.append(("Latest", max(dated, key=lambda line: (_order(line.when), line.weight))))
    taken = {id(line) for _, line in chosen}
    rest = [line for key in ("sectors", "timeline", "open", "figures", "people") for line in lines[key]
            if id(line) not in taken]
    if rest:
        most = max(rest, key=lambda line: line.weight)  # the first of equals, in the order above
        chosen.append(("Most reported" if most.weight > (1, 1) else "Key fact", most))
    return chosen


# ---- chart -----------------------------------------------------------------------------------
def _chart(lines: list[_Line], cite: dict[str, int]) -> BriefChart | None:
    """The measure with the most dated values, when it has at least three distinct dates."""
    series: dict[tuple[str, str], dict[str, ChartPoint]] = defaultdict(dict)
    for line in lines:
        report = line.item.primary
        attrs = report.fact.attrs
        amount = attrs.get("amount")
        if not report.when or not isinstance(amount, (int, float)) or attrs.get("low") is not None:
            continue
        key = (str(attrs.get("measure")).lower(), str(attrs.get("unit") or ""))
        point = ChartPoint(report.when, float(amount), report.fact.value, cite[report.sentence.id])
        series[key].setdefault(report.when, point)  # the first (most reported) value of a date
    best = max(series.items(), key=lambda kv: len(kv[1]), default=None)
    if best is None or len(best[1]) < MIN_CHART_POINTS:
        return None
    (measure, unit), points = best
    ordered = tuple(sorted(points.values(), key=lambda p: _order(p.when)))
    title = measure[:1].upper() + measure[1:] + (f" ({unit})" if unit else "")
    return BriefChart(title=title, measure=measure, unit=unit, points=ordered)


# ---- closest topics --------------------------------------------------------------------------
_PARTY_VALUE = re.compile(r'"type":"party","value":"((?:[^"\\]|\\.)*)"')
_SECTOR_VALUE = re.compile(r'"type":"sector","value":"((?:[^"\\]|\\.)*)"')
_topic_cache: weakref.WeakKeyDictionary[Store, tuple[int, int, Counter[str], Counter[str], dict[str, Counter[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _store_topics(store: Store) -> tuple[Counter[str], Counter[str], dict[str, Counter[str]]]:
    """Parties and sectors by article count, and which parties appear together (cached per revision)."""
    cached = _topic_cache.get(store)
    if cached and cached[0] == store.revision and cached[1] == len(store):
        return cached[2], cached[3], cached[4]
    parties: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for article in store.articles():
        raw = "\n".join(store.fact_json(article.id))
        named = {orjson.loads(f'"{m}"') for m in _PARTY_VALUE.findall(raw)}
        parties.update(named)
        sectors.update({orjson.loads(f'"{m}"') for m in _SECTOR_VALUE.findall(raw)} - GENERIC_SECTORS)
        for p in named:
            together[p].update(named - {p})
    _topic_cache[store] = (store.revision, len(store), parties, sectors, together)
    return parties, sectors, together


def closest_topics(store: Store, topic: Topic, limit: int = 5) -> tuple[str, ...]:
    """Topics the store does hold that are nearest to `topic`: pairs with its parties, similar names,
    then the most covered ones."""
    parties, sectors, together = _store_topics(store)
    out: list[str] = []

    def add(name: str) -> None:
        if name and name.lower() != topic.text.lower() and name not in out and len(out) < limit:
            out.append(name)

    known = [p for p in topic.parties if p in parties]
    for party in known:
        for other, _n in together.get(party, Counter()).most_common(3):
            if other not in topic.parties:
                add(f"{party} {other}")
        add(party)
    names = {**{p: n for p, n in parties.items()}, **{s: n for s, n in sectors.items()}}
    for word in [topic.text, *topic.parties, *topic.sectors, *topic.words]:
        for name in difflib.get_close_matches(word, list(names), n=3, cutoff=0.6):
            add(name)
        lowered = word.lower()
        for name in sorted(names, key=lambda k: -names[k]):
            if lowered and len(lowered) > 2 and lowered in name.lower():
                add(name)
    for name, _n in (parties + sectors).most_common(limit):
        add(name)
    return tuple(out)


# ---- the brief -------------------------------------------------------------------------------
def _empty(topic: Topic, message: str, store: Store, since: str | None, until: str | None,
           matched: int = 0) -> Brief:
    return Brief(
        topic=topic.text, title=f"Brief: {topic.label}", sections=(), sources=(), matched=matched,
        since=since, until=until, empty=True, message=message, closest=closest_topics(store, topic),
    )


def build_brief(
    store: Store,
    topic: str,
    *,
    since: str | None = None,
    until: str | None = None,
    max_articles: int = MAX_ARTICLES,
) -> Brief:
    """The brief on `topic` from the articles published (else ingested) in [since, until]."""
    parsed = parse_topic(topic)
    window = ""
    if since or until:
        window = f" between {since or 'the start'} and {until or 'now'}"
    if not (parsed.parties or parsed.sectors or parsed.words):
        return _empty(parsed, "Name a topic for the brief: a country, a pair of countries, a sector or a few words.",
                      store, since, until)
    matched = find_articles(store, parsed, since, until)
    if not matched:
        return _empty(parsed, f"Nothing is stored about “{parsed.label}”{window}.", store, since, until)
    used = matched[:max_articles]
    items, by_sentence = _collect(store, used)
    lines = _lines(items, by_sentence)
    if not any(lines.values()):
        noun = "article mentions" if len(matched) == 1 else "articles mention"
        where = "it" if len(matched) == 1 else "them"
        return _empty(parsed, f"{len(matched)} {noun} “{parsed.label}”{window}, but no trade facts were found in {where}.",
                      store, since, until, matched=len(matched))
    summary = _summary(lines)

    # Number the sources in reading order: summary, timeline, sectors, figures, people, open items.
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    order = [line for _, line in summary] + [line for key in LIMITS for line in lines[key]]
    for line in order:
        for sid in line.sentence_ids:
            if sid not in numbers:
                numbers[sid] = len(citations) + 1
                citations.append(make_citation(numbers[sid], _sentence_of(line, sid), line.articles[sid]))

    def done(line: _Line, prefix: str = "") -> BriefLine:
        return BriefLine(text=f"{prefix}{line.text}", cites=tuple(numbers[s] for s in line.sentence_ids),
                         also_reported_by=line.also, when=line.when)

    titles = {"timeline": "Timeline", "sectors": "Sectors and products", "figures": "Figures",
              "people": "People", "open": "Open items"}
    sections = [BriefSection("summary", "Summary", tuple(done(line, f"{label}: ") for label, line in summary))]
    sections += [BriefSection(key, titles[key], tuple(done(line) for line in lines[key]))  # type: ignore[arg-type]
                 for key in LIMITS if lines[key]]
    dates = sorted(a.published for a in used if a.published)
    return Brief(
        topic=parsed.text,
        title=f"Brief: {parsed.label}",
        sections=tuple(sections),
        sources=tuple(citations),
        articles=len(used),
        matched=len(matched),
        outlets=tuple(dict.fromkeys(a.source for a in used)),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        since=since,
        until=until,
        chart=_chart(lines["figures"], numbers),
    )


def make_citation(n: int, sentence: Sentence, article: Article) -> Citation:
    return Citation(n=n, sentence_id=sentence.id, article_id=article.id, quote=sentence.text, title=article.title,
                    source=article.source, url=article.url, published=article.published)


def _sentence_of(line: _Line, sentence_id: str) -> Sentence:
    return next(r.sentence for r in line.item.reports if r.sentence.id == sentence_id)


# ---- the LLM's summary --------------------------------------------------------------------------
SUMMARY_EVIDENCE = 12  # sentences the LLM may summarise from: the brief's first sources
_CLAIM = re.compile(r"(.+?)\s*((?:\[\d+\])+)([.!?]*[\"'”’)]*)(?:\s+|$)")  # "Claim [1][2]." as verify writes it


async def summarize_with_llm(brief: Brief, store: Store, llm: StorySummarizer | None) -> Brief:
    """The brief with its summary written by `llm.summarize_story` (verified claims with `[n]`), or
    the brief unchanged when there is no LLM, it declines, fails, or cites what it was not given."""
    if brief.empty or llm is None:
        return brief
    from .answers import Evidence  # only the LLM path needs it

    evidence = []
    for citation in brief.sources[:SUMMARY_EVIDENCE]:
        sentence, article = store.sentence(citation.sentence_id), store.article(citation.article_id)
        if sentence is None or article is None:
            continue
        facts = tuple(f for f in store.facts(article.id) if sentence.id in f.sentence_ids)
        evidence.append(Evidence(len(evidence) + 1, sentence, article, facts))
    try:
        result = await llm.summarize_story(evidence)
    except Exception as exc:  # the LLM is optional: any failure keeps the offline summary
        import logging

        logging.getLogger(__name__).warning("LLM brief summary failed, keeping the offline one: %s", exc)
        return brief
    if not result:
        return brief
    text, citations = result
    numbers = {c.sentence_id: c.n for c in brief.sources}
    mapping: dict[int, int] = {}
    for citation in citations:
        if citation.sentence_id not in numbers:
            return brief
        mapping[citation.n] = numbers[citation.sentence_id]
    lines: list[BriefLine] = []
    rest = text.strip()
    for claim in _CLAIM.finditer(rest):
        cited = [int(n) for n in re.findall(r"\d+", claim.group(2))]
        plain = " ".join((claim.group(1) + claim.group(3)).split())
        if not plain or any(n not in mapping for n in cited):
            return brief  # every summary line must rest on a sentence of the brief
        lines.append(BriefLine(plain, tuple(dict.fromkeys(mapping[n] for n in cited))))
        rest = rest.replace(claim.group(0), "", 1)
    if rest.strip():
        return brief  # text without a citation: not shown
    if not lines:
        return brief
    sections = tuple(
        BriefSection("summary", "Summary", tuple(lines[:2])) if s.key == "summary" else s for s in brief.sections
    )
    from dataclasses import replace

    return replace(brief, sections=sections, mode="llm")
