"""Find the stored sentences that answer a question.

Candidates come from BM25 (bm25s: sparse-matrix BM25, sub-millisecond scoring over 200k
sentences) with a stemmer and a small query expansion; they are then re-ranked with what the facts
know: parties named in the question must be parties of the evidence, a "how much" question wants a
sentence with a figure, "who" a person, "which sectors" a sector fact. The same features tell when
nothing stored answers the question, which raw BM25 scores cannot.

The index is kept in parts that follow the store's segments (bot.index_parts), cached next to the
store (`<db>.index/parts/`): a sealed segment's part is built once; adding an article rebuilds only
the small part of the open segment it joined. The parts score together as one index would.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import Stemmer

from .caching import BoundedCache
from .entities import Lexicon
from .index_parts import Bm25Part, MergedLexicon, PartedIndex, groups_of, plan_parts
from .facts import country_of
from .models import Article, Fact, Filters, Sentence
from .question import QUESTION_WORDS, Query
from .storage_port import StoragePort as Store

__all__ = ["Hit", "Retriever", "open_retriever", "stems"]

log = logging.getLogger(__name__)

_STEMMER = Stemmer.Stemmer("english")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")

# Question words that stored news says differently; added to the BM25 query, not required.
EXPANSIONS: dict[str, tuple[str, ...]] = {
    "agreed": ("agreement", "identified", "signed", "cooperation", "deal"),
    "agree": ("agreement", "identified", "signed", "cooperation", "deal"),
    "agreement": ("agreed", "deal", "signed", "accord"),
    "sector": ("areas", "industries", "cooperation", "including"),
    "sectors": ("areas", "industries", "cooperation", "including"),
    "areas": ("sectors", "cooperation", "including"),
    "profit": ("profits", "earnings"),
    "profits": ("profit", "earnings"),
    "buy": ("bought", "acquire", "acquisition", "takeover", "bid"),
    "bought": ("buy", "acquired", "acquisition", "takeover", "bid"),
    "exports": ("export", "exported", "shipments"),
    "imports": ("import", "imported"),
    "boss": ("chief", "executive", "chairman"),
    "ceo": ("chief", "executive"),
    "fine": ("fined", "penalty"),
    "jobs": ("job", "cuts", "staff", "workers"),
    "growth": ("grew", "expanded", "rose"),
    "biggest": ("largest", "top"),
    "largest": ("biggest", "top"),
    "chairs": ("chairman", "chairwoman", "chair"),
    "chair": ("chairman", "chairwoman"),
    "leads": ("head", "chief", "chairman"),
    "lose": ("lost", "axed", "cut", "jobless"),
    "share": ("per", "cent"),
    "rise": ("rose", "jumped", "climbed", "increase"),
    "fall": ("fell", "dropped", "slumped", "decline", "depreciation"),
    "tariff": ("duty", "duties", "tariffs"),
    "tariffs": ("duty", "duties", "tariff"),
    "deficit": ("gap", "imbalance", "shortfall"),
    "surplus": ("gap", "imbalance"),
    "pay": ("paid", "buy", "offer", "bid", "deal"),
    "paid": ("pay", "buy", "offer", "bid", "deal"),
    "revenue": ("sales", "turnover"),
    "sell": ("sales",),
    "sales": ("revenue", "revenues", "turnover"),
    "value": ("valued", "worth", "capitalisation"),
    "earmarked": ("allocated", "set"),
    "aside": ("earmarked", "allocated"),
    "jobless": ("unemployment", "unemployed"),
    "hurt": ("hit", "affected", "dented", "impact"),
    "tried": ("trialled", "trialed", "trial", "tested", "piloted"),
    "challenge": ("appeal", "contest", "dispute"),
    "runs": ("chief", "boss", "head"),
    "employees": ("staff", "workers"),
    "staff": ("employees", "workers"),
    "adjustment": ("adjusted", "unadjusted"),
    "unadjusted": ("adjustment", "adjusted"),
    "workers": ("employees", "staff"),
    **{word: ("member", "members", "membership") for word in ("join", "joined", "joins")},  # ("an original member of")
    "work": ("workforce", "employed", "employment"),  # ("keep older people in work": "stay in the workforce")
    "keep": ("stay", "remain", "retain"),
    # being criticised, as reports word it ("under fire from consumer groups": "face criticism from consumer groups")
    "fire": ("criticism", "criticised", "criticized", "attack"),
    # how two parties stand to each other, as reports word it ("Russia is Ukraine's eternal strategic partner")
    **{word: ("relations", "ties", "partner", "partners", "partnership", "links") for word in (
        "relationship", "relationships", "relations")},
    # "who has won the award?": "previous winners of the award include …" ("won" is kept out of the irregular
    # verbs, being a currency too)
    **{word: ("winner", "winners", "win", "wins") for word in ("won", "win", "wins")},
    # "how much wine does China drink per head?": "consumption … per capita"
    **{word: ("consumption", "consume", "consumed", "consumers") for word in ("drink", "drinks", "drank", "eat", "eats")},
    "head": ("capita",),
    # stepping down, as news words it ("He resigned in November to fight the illness")
    **{word: ("resigned", "resign", "resignation", "quit") for word in ("step", "stepped", "stepping", "steps")},
    # where and when someone was born, as a profile words it ("Kirkcaldy, the birthplace in 1723 of Adam Smith")
    "born": ("birthplace", "birth"),
    # where a market is heading, as forecasts word it ("will rise toward 13,000")
    **{word: ("toward", "towards", "rise", "fall", "reach", "forecast", "predicted") for word in ("heading", "headed")},
    # taking someone to court, as the news words it ("starting proceedings against", "a lawsuit")
    **{word: ("lawsuit", "proceedings", "legal") for word in ("sue", "sued", "suing")},
    # a firm's businesses, as news names them ("the firm's boat engine division and rail signals unit were also sold")
    "businesses": ("division", "divisions", "unit", "units", "subsidiary", "subsidiaries"),
    # an investigation, as reports word it ("a 15-month probe")
    **{word: ("probe", "inquiry", "enquiry", "investigating") for word in ("investigation", "investigations")},
    # what someone is accused of, as reports word it ("a probe into allegations that the media giant misled investors")
    **{word: ("allegations", "alleged", "allegedly", "allegation") for word in (
        "accused", "accuse", "accuses", "accusing", "accusation", "accusations")},
    # where a market or a price finished, as market reports word it ("… to close at 11,488.76 points")
    **{word: ("close", "closed", "closing", "ended") for word in ("finish", "finished", "finishes", "finishing")},
    # numbers written out in a question, in figures in the news ("ten months": "10 month")
    **{word: (str(n),) for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()) if n >= 2},
}
# Prefixes news may write with a hyphen ("re-positioning", "co-operation", "pre-tax", "non-executive")
_PREFIXES = ("re", "co", "pre", "non")
# Initials news also writes out in full: the question's "GDP" is found in "gross domestic product of $660m"
SPELT_OUT: dict[str, tuple[str, ...]] = {"gdp": ("gross", "domestic", "product")}
# Irregular verbs whose forms the stemmer keeps apart ("sell"/"sold"): a question in one form meets a
# sentence in another. Forms that are also common nouns or other words ("found", "saw", "won" the currency,
# "strike") are left out, and so are verbs too common to carry meaning ("say", "do", "have", "go").
IRREGULAR_VERBS = tuple(forms.split() for forms in (
    "sell sold sales", "buy bought", "pay paid", "rise rose risen", "fall fell fallen", "lose lost", "spend spent",
    "grow grew grown", "make made", "take took taken", "give gave given", "hold held", "leave left",
    "bring brought", "begin began begun", "keep kept", "lead led", "meet met", "send sent", "build built",
    "seek sought", "fight fought", "shrink shrank shrunk", "sink sank sunk", "freeze froze frozen",
    "lend lent", "deal dealt", "fly flew flown", "drive drove driven", "steal stole stolen",
    "choose chose chosen", "break broke broken", "tell told", "come came", "become became", "stand stood",
    "know knew known", "write wrote written", "speak spoke spoken", "think thought", "catch caught",
    "teach taught", "swing swung", "hang hung", "feel felt", "lay laid", "throw threw thrown",
    "beat beaten", "win won", "strike struck", "withdraw withdrew withdrawn", "overtake overtook overtaken",
))
for _forms in IRREGULAR_VERBS:
    for _form in _forms:
        _known = EXPANSIONS.get(_form, ())
        EXPANSIONS[_form] = _known + tuple(f for f in _forms if f != _form and f not in _known)
del _forms, _form, _known
# A movement asked in one verb is reported in another ("why did oil prices drop?": "prices have fallen"):
# each verb of a direction brings the commonest past forms of the others.
_MOVES = (
    ("fall falls falling drop drops dropping decline declines declining slump slumps slumping slide slides sliding "
     "sink sinks sinking plunge plunges plunging tumble tumbles tumbling dip dips dipped",
     "fell fallen dropped declined slumped slid sank plunged tumbled"),
    ("rise rises rising jump jumps jumping climb climbs climbing increase increases increasing grow grows growing "
     "surge surges surging soar soars soaring",
     "rose risen jumped climbed increased gained grew surged soared"),
)
for _verbs, _reported in _MOVES:
    for _verb in _verbs.split():
        _known = EXPANSIONS.get(_verb, ())
        EXPANSIONS[_verb] = _known + tuple(f for f in _reported.split() if f != _verb and f not in _known)
del _verbs, _reported, _verb, _known

_KIND_TERMS: dict[str, tuple[str, ...]] = {
    "sector": ("sectors", "areas", "cooperation", "industries"),
    "figure": (),
    "person": ("said", "minister", "chief", "executive"),
}
# Words that name what kind of answer is wanted; the fact type stands in for them in coverage.
_KIND_WORDS: dict[str, frozenset[str]] = {
    "sector": frozenset({"sector", "area", "industri", "field", "domain", "cooper", "collabor", "product", "good"}),
    "figure": frozenset({"valu", "amount", "figur", "percentag", "number", "total", "level", "rate", "size", "much", "mani"}),
    "person": frozenset({"person", "peopl", "offici"}),
    "date": frozenset({"date", "year", "month", "day"}),
    "party": frozenset({"countri", "nation", "parti", "partner"}),
}
# "by what margin did the judges throw it out?", "what was the vote?": how the votes split is asked
_MARGIN_ASKED = re.compile(r"\bby\s+what\s+(?:margin|majority)\b|\bwhat\s+(?:was|is)\s+the\s+(?:vote|margin)\b", re.I)
_HOW_FAR_ASKED = re.compile(r"\s*(?:and\s+)?how\s+far\b", re.I)
_DISTANCE = re.compile(r"\b\d[\d,.]*\s*(?:miles?|km|kilomet(?:re|er)s?|metres?|meters?|feet|ft|nautical\s+miles)\b", re.I)
_VOTE_SPLIT = re.compile(r"(?<![\d.,-])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d%.,-])(?!\s*(?:%|bn|m\b|per\s*cent))")
_HOW_LONG_ASKED = re.compile(r"\bhow\s+long\b", re.I)
# A stretch of time: "for at least 18 months", "a 14 months waiting list", "over three years"
# The numbers from 13 to 19 in words, for every pattern reading numbers written out ("Eighteen investment firms")
TEENS = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPAN = re.compile(rf"\b(?:\d[\d.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|{TEENS}|"
                   r"twenty|thirty|forty|fifty|several|a\s+few|many)"
                   r"(?:\s+more)?[\s-](?:years?|months?|weeks?|days?|decades?|hours?)\b", re.I)
_KIND_FACT = {"sector": "sector", "figure": "figure", "person": "person", "date": "date", "event": "event", "party": "party"}


# A sentence opening by referring back to the one before: "It", "The firm", "The UK-Dutch group", "This", "In
# particular, it …".
# A sentence whose speaker is the person (or body) the sentence before named: "… was responsible for the rise,
# she said.", "… malaria and diarrhoea," the aid agency was quoted as saying.
_SHE_SAID = re.compile(r",[\"”’']?\s+(?:he|she|the\s+(?:[\w-]+\s+){0,2}?(?:agency|body|group|organisation|charity|firm|"
                       r"company|bank|ministry|department|union|association|watchdog|regulator))\s+(?:said|says|added|"
                       r"argued|told\s+[\w\s]{1,30}?|was\s+quoted\s+as\s+saying)\s*[.!]?[\"”’']?\s*$")
# A sentence whose figure is the thing the sentence before names: "IBGE said it fell to 9.6% in December"
# verbs telling that an amount moved ("it fell to 9.6%"); `bot.ranking.IT_CHANGED` adds the ones stating a level
MOVED_VERBS = r"fell|rose|fallen|risen|dropped|climbed|increased|decreased|declined|edged\s+(?:up|down)"
_SAID_IT_MOVED = re.compile(rf"\b(?:said|says|reported|added)\s+(?:that\s+)?it\s+(?:had\s+|has\s+)?(?:{MOVED_VERBS})\s+"
                            r"(?:by\s+|to\s+)?[\d$£€]")
ANAPHOR = re.compile(
    r"^[\"“‘']?(?:(?:In\s+particular|In\s+addition|However|Meanwhile|Instead|Separately|On\s+that\s+occasion|"
    r"At\s+the\s+time|By\s+then|Since\s+then|After\s+that|Back\s+then),\s+(?:it|they|he|she)|"
    r"It|Its|They|Their|This|That|These|Such|He|She|His|Her|"
    r"The\s+(?:[\w-]+\s+){0,2}?(?:firm|company|group|bank|airline|carrier|retailer|maker|giant|business|chain|"
    r"insurer|operator|network|broadcaster|carmaker|drugmaker|manufacturer|producer|supplier|lender|"
    r"conglomerate|corporation|move|deal|agreement|plan|report|figures?|rise|fall|increase|decline|"
    r"government|ministry|regulator|watchdog|country|economy))\b")
# British and American spellings of one word: "privatised" / "privatized", "organisation" / "organization"
_ISE = re.compile(r"(?<=[a-z]{3})i([sz])(?=e[sd]?$|es$|ing$|ation$|ations$|er$|ers$)")


def other_spelling(word: str) -> str:
    """The word in the other spelling of its -ise/-ize ending ("" when it has none)."""
    m = _ISE.search(word.lower())
    if m is None:
        return ""
    return f"{word[: m.start()]}i{'z' if m.group(1) == 's' else 's'}{word[m.end():]}"


STORIES = 2  # the best-scoring stories whose every sentence holding an asked word is a candidate
FOLLOWERS = 20  # the best hits whose next sentence is considered when it refers back to them
CONTEXT_SENTENCES = 20  # the best sentences searched for a respelling's context
# A hit's score (`search`), before `ranking.rank` re-scores it:
BM25_WEIGHT = 0.6  # BM25, scaled to the best candidate's
COVERAGE_WEIGHT = 1.2  # the IDF-weighted share of the question's content words found
TYPE_MATCH_WEIGHT = 0.5  # a fact of the asked kind (a person for "who", a figure for "how much")
MEASURED_WEIGHT = 0.3  # a figure fact measuring what the question names ("sales", "debt")
PARTY_WEIGHT = 0.6  # the share of the question's countries among the article's
POSITION_WEIGHT = 0.02  # (minus) a sentence late in its article, up to its 20th
FOUND_ALTERNATIVE = 0.7  # coverage of a question word found only as another form of it
FOUND_NEARBY = 0.5  # found only in the title or the sentence before ("it" refers back to it)
STORY_WEIGHT = 0.6  # the IDF-weighted share of the question's content words its whole story holds


def stems(text: str) -> list[str]:
    return _STEMMER.stemWords(_TOKEN.findall(text.lower()))


# The stems of one verb's forms: a sentence saying "sold" covers an asked "sell" as fully as "sells" would.
_FORMS: dict[str, frozenset[str]] = {
    stem: frozenset(o for o in all_stems if o != stem)
    for all_stems in (frozenset(stems(" ".join(forms))) for forms in IRREGULAR_VERBS) for stem in all_stems}
_SPELT_STEMS: dict[str, frozenset[str]] = {stems(short)[0]: frozenset(stems(" ".join(full)))
                                           for short, full in SPELT_OUT.items()}


@dataclass(slots=True)
class Hit:
    """A candidate sentence with the features that ranked it."""

    sentence: Sentence
    article: Article
    bm25: float
    score: float = 0.0
    coverage: float = 0.0  # IDF-weighted share of the question's content words found
    party_match: float = 1.0  # share of the question's parties among the article's parties
    type_match: bool = False
    facts: list[Fact] = field(default_factory=list)
    previous: Sentence | None = None  # the sentence before, when this one refers back to it ("It …")
    detail: float = 0.0  # the same, of the content words other than the names asked about ("paying", "net income")
    story: float = 0.0  # the same share found anywhere in its story (title and body), when it was measured
    story_asks: bool = True  # whether its story holds any of the words other than the names (when measured)
    before: str = ""  # (a quarter asked) the sentence before, which may give the period this one goes on about


class _Unread:
    """A candidate sentence read before (its words are cached), not read again unless it is among the
    hits `search` returns: most of the candidates are not, and reading one means reading its article."""

    __slots__ = ("id", "article_id", "position", "_store")

    def __init__(self, sentence_id: str, store: Store) -> None:
        article_id, _, position = sentence_id.rpartition(":")
        self.id, self.article_id, self.position, self._store = sentence_id, article_id, int(position), store

    @property
    def text(self) -> str:  # (only if its words left the cache meanwhile)
        sentence = self._store.sentence(self.id)
        return sentence.text if sentence is not None else ""


@dataclass(slots=True)
class _Todo:
    """An index part to build: its articles, their sentence counts, and (once read) texts and titles."""

    key: str
    articles: list[str]
    sizes: list[int]
    texts: list[str] | None = None
    titles: dict[str, str] | None = None


class Retriever:
    """Ranks stored sentences for a question; keeps its index in step with the store."""

    CANDIDATES = 150
    OPEN_SLICE = 256  # articles per index part of the store's open segment
    CHUNK = 2000  # articles per index part of a store without segments

    def __init__(self, store: Store, index_dir: Path | None = None) -> None:
        self.store = store
        self.index_dir = index_dir or store.index_dir
        self._index: PartedIndex | None = None
        self._parts: dict[str, Bm25Part] = {}  # the parts in use, by key
        self._seen_revision = -1
        self._lock = threading.RLock()
        self._refreshing = False
        # sentences: their stems, and whether they open by referring back (`ANAPHOR`)
        self._stem_cache: BoundedCache[str, tuple[frozenset[str], bool]] = BoundedCache(100_000)
        self._profiles: BoundedCache[str, tuple[frozenset[str], dict[str, list[Fact]]]]
        self._profiles = BoundedCache(10_000)  # articles: a question reads ~150
        self.parts_built = 0  # parts built (not loaded from the cache) by this retriever

    # ---- index upkeep: one part per sealed segment, slices of the open one (bot.index_parts) -----
    @property
    def index(self) -> PartedIndex:
        """The index of every stored sentence (its parts loaded or built as needed)."""
        self._ensure()
        assert self._index is not None
        return self._index

    _main = index  # the name evaluation scripts used

    @property
    def parts_dir(self) -> Path:
        return self.index_dir / "parts"

    def warm(self) -> None:
        """Load or build the index now rather than on the first question."""
        self._ensure()

    def refresh(self) -> None:
        """Pick up sentences added since the last search (cheap when nothing changed)."""
        self._ensure()

    async def refresh_async(self) -> None:
        """Like `refresh`, with the parts to build built in a worker thread (after a large ingest
        that takes seconds the event loop must not wait for). Questions asked meanwhile use the
        index as it was."""
        if self._index is None or self._refreshing:
            return
        self._refreshing = True
        try:
            plan = self._plan()
            if plan is None:
                return
            have, todo = plan[1], plan[2]
            built = await asyncio.to_thread(self._build, todo)
            self._install(plan[0], plan[3], {**have, **built})
        finally:
            self._refreshing = False

    def _plan(self) -> tuple[list[str], dict[str, Bm25Part], list[_Todo], int] | None:
        """What the index is made of for the store as it is now: (part keys in order, parts at hand,
        parts to build, revision); None when nothing changed. What can change is read here, on
        the caller's thread, so the store is not changing underneath; a sealed segment's
        sentences (its files are never rewritten) are read when its part is built, one part at a
        time, so building every part of a large store holds one part's texts at a time."""
        revision = self.store.revision
        if revision == self._seen_revision and self._index is not None:
            return None
        segmented = callable(getattr(self.store, "index_groups", None))
        wanted = plan_parts(groups_of(self.store, self.CHUNK), self.OPEN_SLICE)
        counts: dict[str, int] | None = None
        have: dict[str, Bm25Part] = {}
        todo = []
        for key, articles, sealed in wanted:
            part = self._parts.get(key) or Bm25Part.load(self.parts_dir, key)
            if part is not None:
                have[key] = part
                continue
            if counts is None:
                counts = self.store.sentence_counts()
            item = _Todo(key, articles, [counts.get(a, 0) for a in articles])
            if not (segmented and sealed):
                self._read(item)
            todo.append(item)
        return [key for key, _, _ in wanted], have, todo, revision

    def _read(self, item: _Todo) -> None:
        ids = [f"{a}:{n}" for a, c in zip(item.articles, item.sizes, strict=True) for n in range(1, c + 1)]
        item.titles = {}
        for article_id in item.articles:
            article = self.store.article(article_id)
            if article is not None:
                item.titles[article_id] = article.title
        item.texts = self.store.sentence_texts(ids)

    def _build(self, todo: list[_Todo]) -> dict[str, Bm25Part]:
        """Build (and cache on disk) the parts of `todo`; runs in any thread. A part saved is
        used from its files (memory-mapped), not from the arrays it was built in."""
        built = {}
        for item in todo:
            if item.texts is None:
                self._read(item)
            part = Bm25Part.build(item.key, item.articles, item.sizes, item.texts or [], item.titles or {})
            item.texts = item.titles = None
            self.parts_built += 1
            if part.n_docs and self._save(part):
                part = Bm25Part.load(self.parts_dir, item.key) or part
            built[item.key] = part
        return built

    def _save(self, part: Bm25Part) -> bool:
        created = not self.index_dir.exists()
        try:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
            part.save(self.parts_dir)
            return True
        except OSError as exc:
            log.warning("cannot save the search index to %s: %s", self.index_dir, exc)
            if created:  # leave no empty directories behind
                for directory in (self.parts_dir, self.index_dir):
                    try:
                        directory.rmdir()
                    except OSError:
                        pass
            return False

    def _install(self, keys: list[str], revision: int, parts: dict[str, Bm25Part]) -> None:
        with self._lock:
            changed = set(keys) != set(self._parts)
            self._parts = {key: parts[key] for key in keys}
            self._index = PartedIndex([parts[key] for key in keys])
            self._profiles.clear()  # facts may have been added (e.g. by the LLM extractor)
            self._seen_revision = revision
        if changed:
            self._collect_garbage(set(keys))

    def _collect_garbage(self, keep: set[str]) -> None:
        """Remove cached parts the store no longer has (superseded slices of the open segment,
        an index of a store that was replaced), and the single-file index of earlier versions."""
        try:
            names = os.listdir(self.parts_dir)
        except OSError:
            return
        for name in names:
            if name not in keep and not name.startswith(".tmp-"):
                shutil.rmtree(self.parts_dir / name, ignore_errors=True)
        for old in ("meta.json", "lexicon.json", "params.index.json", "vocab.index.json", "data.csc.index.npy",
                    "indices.csc.index.npy", "indptr.csc.index.npy"):
            try:
                (self.index_dir / old).unlink()
            except OSError:
                pass

    @property
    def lexicons(self) -> list[Lexicon | MergedLexicon]:
        """The store's names and words (all parts' counts merged)."""
        return [self.index.lexicon]

    def _ensure(self) -> None:
        if self._refreshing and self._index is not None:
            return  # parts are being built in a worker thread; answer from the current index
        with self._lock:
            plan = self._plan()
            if plan is not None:
                self._install(plan[0], plan[3], {**plan[1], **self._build(plan[2])})

    # ---- searching ------------------------------------------------------------------------
    def candidates(self, search_words: Sequence[str]) -> list[tuple[str, float]]:
        """(sentence id, BM25 score) of the best `CANDIDATES` sentences for the stemmed query
        words. A store that searches itself (PostgreSQL) overrides this, `idf` and `lexicons`;
        the re-ranking in `search` is the same for every store."""
        index = self.index
        if not index.n_docs:
            return []
        scores = index.scores(search_words)
        matched = np.flatnonzero(scores > 0)  # usually a small share of the sentences: partition only those
        top = self.CANDIDATES
        best = matched[np.argpartition(-scores[matched], top - 1)[:top]] if len(matched) > top else matched
        return list(zip(index.sentence_ids(best), scores[best].tolist(), strict=True))

    def context_scores(self, candidates: Sequence[str], others: Sequence[str]) -> list[float]:
        """For each candidate respelling of a typed word, how much of the question's other words
        (IDF-weighted) one stored sentence holds beside it: "revise" beside "Nortel" and "profit",
        "Shanda" beside "Sina" and "stake". The speller asks only when equally near candidates tie."""
        words = list(dict.fromkeys(stems(" ".join(w for w in others if w.lower() not in QUESTION_WORDS))))
        if not words:
            return [0.0] * len(candidates)
        weights = {w: self.idf(w) for w in words}
        scores = []
        for candidate in candidates:
            own = [w for w in stems(candidate) if w not in weights]
            best = 0.0
            if own:
                found = sorted(self.candidates(own + words), key=lambda c: -c[1])[:CONTEXT_SENTENCES]
                for sentence_id, _score in found:
                    sentence = self.store.sentence(sentence_id)
                    if sentence is None:
                        continue
                    held = self.stems_of(sentence_id, sentence.text)
                    if all(w in held for w in own):
                        best = max(best, sum(weight for w, weight in weights.items() if w in held))
            scores.append(best)
        return scores

    def stems_of(self, sentence_id: str, text: str) -> frozenset[str]:
        """The stems of a stored sentence (or of a title, keyed "t:<article id>"), computed once."""
        return self._features(sentence_id, text)[0]

    def _features(self, sentence_id: str, text: str | None = None,
                  sentence: Sentence | _Unread | None = None) -> tuple[frozenset[str], bool]:
        """A sentence's stems and whether it opens by referring back, computed once (from `text`, or
        from `sentence`'s text, read only when not cached)."""
        cached = self._stem_cache.get(sentence_id)
        if cached is None:
            if text is None:
                text = sentence.text if sentence is not None else ""
            cached = (frozenset(stems(text)), bool(ANAPHOR.match(text) or _SHE_SAID.search(text)
                                                   or _SAID_IT_MOVED.search(text)))
            self._stem_cache[sentence_id] = cached
        return cached

    def _sentence(self, sentence_id: str) -> Sentence | _Unread | None:
        """A sentence to score: unread when its words are known already."""
        if self._stem_cache.get(sentence_id) is not None:
            return _Unread(sentence_id, self.store)
        return self.store.sentence(sentence_id)

    def article_words(self, article_ids: Iterable[str], words: Sequence[str]) -> dict[str, int]:
        """Which of `words` (stems, at most 63) each article's sentences hold, by article id, as a bit
        mask (bit j: words[j]). A store that searches itself (PostgreSQL) overrides this."""
        return self.index.article_words(article_ids, words)

    def _profile(self, article_id: str) -> tuple[frozenset[str], dict[str, list[Fact]]]:
        """An article's parties and its facts by sentence, computed once per article."""
        profile = self._profiles.get(article_id)
        if profile is None:
            facts = self.store.facts(article_id)
            by_sentence: dict[str, list[Fact]] = {}
            for fact in facts:
                for sentence_id in fact.sentence_ids:
                    by_sentence.setdefault(sentence_id, []).append(fact)
            profile = (frozenset(f.value for f in facts if f.type == "party"), by_sentence)
            self._profiles[article_id] = profile
        return profile

    def stem_df(self, stem: str) -> int:
        """In how many stored sentences a word of this stem occurs (0: the store never uses it)."""
        return self.index.df(stem)

    def idf(self, word: str) -> float:
        """BM25's inverse document frequency of a stem over the stored sentences."""
        index = self.index
        n = max(index.n_docs, 1)
        df = index.df(word)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def query_words(self, query: Query) -> tuple[list[str], dict[str, set[str]], list[str]]:
        """Content stems the evidence should cover, their accepted alternatives, and BM25 stems."""
        kind_words = _KIND_WORDS.get(query.kind, frozenset())
        content: list[str] = []
        alternatives: dict[str, set[str]] = {}
        extra: list[str] = []
        for term in query.terms:
            expansion = EXPANSIONS.get(term, ())
            extra.extend(expansion)
            if country_of(term) or country_of(term.title()):
                continue  # parties are matched through facts (party_match), not by spelling
            spelt = other_spelling(term)  # "privatised" is stored as "privatized" too
            if spelt:
                extra.append(spelt)
            for stem in stems(term):
                if stem in QUESTION_WORDS or stem in kind_words or stem in alternatives:
                    continue
                content.append(stem)
                alternatives[stem] = set(stems(" ".join(expansion))) | (set(stems(spelt)) - {stem} if spelt else set())
                if len(stem) > 5 and stem.endswith("en") and self.stem_df(stem[:-2] + "er"):
                    # "weakened" said as "became weaker", "widened" as "wider": the adjective a verb in -en is made of
                    alternatives[stem] |= {stem[:-2], stem[:-2] + "er"}
                if len(stem) > 5 and stem.startswith(_PREFIXES) and not self.stem_df(stem):
                    # "repositioned", stored as "re-positioning" (read as "re" and "posit"): the word after the prefix
                    alternatives[stem] |= {stem[len(p):] for p in _PREFIXES if stem.startswith(p)}
        extra.extend(_KIND_TERMS.get(query.kind, ()))
        search = list(dict.fromkeys(content + stems(" ".join(query.terms)) + stems(" ".join(extra))
                                    + stems(" ".join(query.parties))))
        return content, alternatives, search

    def search(self, query: Query, filters: Filters | None = None, k: int = 12,
               extra: Sequence[str] = (), names: Sequence[str] = ()) -> list[Hit]:
        """The `k` best sentences for `query`, re-ranked; empty when nothing matches at all.

        `extra` sentence ids (e.g. the focus entity's sentences) join BM25's candidates. `names`:
        the names the question is about; a hit's `detail` is its coverage of the other words (what
        is asked of them), which a sentence merely naming them does not have."""
        self._ensure()
        content, alternatives, search_words = self.query_words(query)
        if not search_words:
            return []
        name_stems = set(stems(" ".join(names)))
        details = [w for w in content if w not in name_stems]
        candidates = self.candidates(search_words)
        if extra:
            present = {sid for sid, _ in candidates}
            candidates.extend((sid, 0.0) for sid in extra if sid not in present)
        if not candidates:
            return []
        max_bm25 = max(score for _, score in candidates) or 1.0
        weights = {w: self.idf(w) for w in content}
        total_weight = sum(weights.values()) or 1.0
        detail_weight = sum(weights[w] for w in details)
        wanted_fact = _KIND_FACT.get(query.kind)
        how_long = wanted_fact == "date" and _HOW_LONG_ASKED.search(query.text) is not None
        how_far = wanted_fact == "figure" and _HOW_FAR_ASKED.match(query.text) is not None
        margin = _MARGIN_ASKED.search(query.text) is not None  # ("by what margin did the judges throw it out?")

        # How much of the question the whole story holds: the sentence that answers often leaves the
        # story's subject to its title and the sentences around it ("The number of people in work
        # rose by 296,000" in a story on UK employment), and a sentence that matches the question's
        # words in a story about something else is the usual wrong answer.
        asked = list(dict.fromkeys([*content, *(a for w in content for a in alternatives[w])]))[:63]
        asked_bits = [(w, weights[w] / total_weight, alternatives[w],
                       sum(1 << j for j, a in enumerate(asked) if a == w or a in alternatives[w])) for w in content]
        story_covers: dict[str, float] = {}
        story_asks: dict[str, bool] = {}
        detail_set = set(details)

        def add_story(batch: Sequence[Hit]) -> None:
            """Add STORY_WEIGHT × how much of the question its story holds to each hit's score."""
            if not content:
                return
            missing = {h.article.id: h.article for h in batch if h.article.id not in story_covers}
            held = self.article_words(missing, asked) if missing else {}
            for article_id, article in missing.items():
                mask = held.get(article_id, 0)
                title = self.stems_of("t:" + article_id, article.title)
                cover = 0.0
                asks = not detail_set
                for w, weight, others, bits in asked_bits:
                    if mask & bits or w in title or others & title:
                        cover += weight
                        asks = asks or w in detail_set
                story_covers[article_id] = cover
                story_asks[article_id] = asks
            for h in batch:
                h.story = story_covers[h.article.id]
                h.story_asks = story_asks[h.article.id]
                h.score += STORY_WEIGHT * h.story

        # each content word with what counts as finding it: other forms, the stems a spelling splits
        # into, alternatives, an adverb's word ("fluent" for "fluently"), whether it is asked of the names
        plan = [(w, weights[w], _FORMS.get(w), _SPELT_STEMS.get(w), alternatives[w],
                 w[:-2] if len(w) > 5 and w.endswith("li") else "", w in detail_set) for w in content]

        def scored(sentence: Sentence | _Unread, article: Article, bm25: float) -> Hit:
            words, opens = self._features(sentence.id, sentence=sentence)
            title_words = self.stems_of("t:" + article.id, article.title)
            # the sentence before, when this one opens by referring back to it
            previous = self._sentence(f"{sentence.article_id}:{sentence.position - 1}") \
                if opens and sentence.position > 1 else None
            before = self._features(previous.id, sentence=previous)[0] if previous is not None else frozenset()
            covered = held = 0.0  # (summed in the question's word order)
            for w, weight, forms, spelt, others, adverb, of_detail in plan:
                if w in words or (forms is not None and forms & words) or (spelt is not None and spelt <= words):
                    found = 1.0
                elif others & words or (adverb and adverb in words):
                    found = FOUND_ALTERNATIVE  # (or an adverb's word: "fluent" for "fluently")
                elif w in title_words or w in before:
                    found = FOUND_NEARBY  # its article's title, or the sentence "it" refers back to
                else:
                    continue
                covered += weight * found
                if of_detail and found > 0.5:
                    held += weight * found
            coverage = covered / total_weight if content else 0.0
            # what is asked of the names, found in the sentence itself (not only in its title)
            detail = held / detail_weight if detail_weight else coverage
            article_parties, facts_by_sentence = self._profile(article.id)
            sentence_facts = facts_by_sentence.get(sentence.id, [])
            party_match = 1.0
            if query.parties:
                party_match = sum(p in article_parties for p in query.parties) / len(query.parties)
            type_match = bool(wanted_fact) and any(_answers_kind(wanted_fact, f) for f in sentence_facts)
            if margin:  # a vote's margin asked: a split of votes ("by a 2-1 majority", "voted 8-1") answers
                type_match = _VOTE_SPLIT.search(sentence.text) is not None
            elif how_far and not type_match:  # "how far can the plane fly?": a distance, which no figure fact keeps
                type_match = _DISTANCE.search(sentence.text) is not None
            elif wanted_fact == "date" and how_long:  # "(after) how long …?": a stretch of time, not a date
                type_match = _SPAN.search(sentence.text) is not None
            elif wanted_fact == "date" and not type_match:
                type_match = any(w in _MONTHS or _YEAR.fullmatch(w) for w in words)  # "since 1945": a year the
                # facts do not keep
            if not content:  # only parties and question words: "what happened between A and B?"
                coverage = 1.0 if type_match or (query.parties and party_match == 1.0) else 0.0
            measured = 0.0
            if query.kind == "figure" and type_match:
                # a figure that measures what the question names ("sales", "debt", "exports")
                measures = {w for f in sentence_facts if f.type == "figure"
                            for w in stems(str(f.attrs.get("measure") or ""))}
                measured = MEASURED_WEIGHT * bool(measures & set(content))
            score = (
                BM25_WEIGHT * (bm25 / max_bm25)
                + COVERAGE_WEIGHT * coverage
                + TYPE_MATCH_WEIGHT * type_match
                + measured
                + PARTY_WEIGHT * party_match * bool(query.parties)
                - POSITION_WEIGHT * min(sentence.position, 20) / 20
            )
            return Hit(sentence, article, bm25, score, coverage, party_match, type_match, sentence_facts,
                       previous=previous, detail=detail)

        hits: list[Hit] = []
        for sentence_id, bm25 in candidates:
            sentence = self._sentence(sentence_id)
            if sentence is None:
                continue
            article = self.store.article(sentence.article_id)
            if article is None or not _passes(article, filters, self.store):
                continue
            hits.append(scored(sentence, article, bm25))
        # only a hit that the story's weight could lift into the first k needs it
        ordered = sorted((h.score for h in hits), reverse=True)
        floor = ordered[k - 1] - STORY_WEIGHT if len(ordered) >= k else -math.inf
        extra_ids = set(extra)
        add_story([h for h in hits if h.score >= floor or h.sentence.id in extra_ids])
        # The leading stories are read whole: a sentence of one that holds what is asked ("Its customers
        # include …") is a candidate though it names neither the firm nor much else of the question.
        present = {h.sentence.id for h in hits}
        completed: set[str] = set()
        if details:
            first = len(hits)
            wanted_words = set(details)
            leading = list(dict.fromkeys(h.article.id for h in sorted(hits, key=lambda h: -h.score)))[:STORIES]
            for article_id in leading:
                article = self.store.article(article_id)
                if article is None:
                    continue
                for sentence in self.store.sentences(article_id):
                    if sentence.id not in present and wanted_words & self.stems_of(sentence.id, sentence.text):
                        present.add(sentence.id)
                        completed.add(sentence.id)
                        hits.append(scored(sentence, article, 0.0))
            add_story(hits[first:])
        # A sentence that goes on about the one before ("It blamed …", "This is because …") is a
        # candidate when the one before is a good one, though it may share no word with the question.
        followers: list[Hit] = []
        for hit in sorted(hits, key=lambda h: -h.score)[:FOLLOWERS]:
            following = self.store.sentence(f"{hit.article.id}:{hit.sentence.position + 1}")
            if following is None or following.id in present or not ANAPHOR.match(following.text):
                continue
            present.add(following.id)
            followers.append(scored(following, hit.article, 0.0))
        add_story(followers)
        hits.extend(followers)
        hits.sort(key=lambda h: (-h.score, h.article.published or "", h.sentence.id))
        wanted = set(extra) | completed  # kept beyond the first k: the ranking decides about them
        kept = hits[:k] + [h for h in hits[k:] if h.sentence.id in wanted]
        return [h for h in kept if self._read_unread(h)]

    def _read_unread(self, hit: Hit) -> bool:
        """Read a kept hit's sentences left unread while scoring (False: no longer stored)."""
        if isinstance(hit.sentence, _Unread):
            sentence = self.store.sentence(hit.sentence.id)
            if sentence is None:
                return False
            hit.sentence = sentence
        if isinstance(hit.previous, _Unread):
            hit.previous = self.store.sentence(hit.previous.id)
        return True


def open_retriever(store: Store) -> Retriever:
    """The retriever for `store`: the store's own when it searches itself (PostgreSQL ranks
    full-text candidates in the database), else the in-process BM25 index. Either way the
    re-ranking is `Retriever.search`'s, so the core does not know which."""
    own = getattr(store, "open_retriever", None)
    return own() if callable(own) else Retriever(store)


# a year or a month among a sentence's stems: an answer to "when …?" or "since what year …?"
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_MONTHS = frozenset(stems("January February March April June July August September October November December"))  # (not "may")


def _answers_kind(wanted: str, fact: Fact) -> bool:
    """Whether a fact can answer a question of a kind ("how many sessions?" takes a counted event)."""
    if fact.type == wanted:
        return not fact.attrs.get("role_only") if wanted == "person" else True
    return wanted == "figure" and fact.type == "event" and bool(fact.attrs.get("count"))


def _passes(article: Article, filters: Filters | None, store: Store) -> bool:
    if filters is None:
        return True
    if filters.sources and not any(s.lower() in article.source.lower() for s in filters.sources):
        return False
    if (filters.since or filters.until) and not article.published:
        return filters.include_undated and _passes_parties(article, filters, store)
    if filters.since and article.published and article.published < filters.since:
        return False
    if filters.until and article.published and article.published > filters.until:
        return False
    return _passes_parties(article, filters, store)


def _passes_parties(article: Article, filters: Filters, store: Store) -> bool:
    if filters.countries:
        parties = {f.value.lower() for f in store.facts(article.id) if f.type == "party"}
        if not any(c.lower() in parties for c in filters.countries):
            return False
    return True
