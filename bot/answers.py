"""From ranked evidence to an answer: judge whether the store answers, then say it with citations.

The offline (extractive) answer is built from facts and sentences only, so every word it claims
comes with a `[n]` pointing at a sentence quoted verbatim from the store. Its first statement (the
lead) is a synthesised claim (a figure, a name, a count, a list) only when the fact behind it is
about the question's focus entity, carries the wanted attribute and fits the question's scope
(`bot.focus`); otherwise the answer opens with the best sentence, quoted. Evidence is grouped by
story: a list is never merged across stories, and other stories are named, not mixed in.

Before that, the question is read: typos are corrected against the store's vocabulary
(`bot.spelling`), a follow-up is resolved against the conversation's last turn
(`bot.conversation`), and a question in another language gets a one-line reply.

An LLM, when configured, rewrites the answer from the same evidence and is verified by `bot.llm`;
any failure falls back here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .conversation import _ELSE, _THING, Memory, Turn, resolve_followup, who_said, written_subjects
from .entities import FUNCTION_WORDS, find_names
from .focus import _COMPARED, _FALL, _FORECAST, _PER_SHARE, _RISE, FIRM_SUBJECT, MEASURES, ROLE_WORDS, Focus, analyse_focus, mentions_any
from .models import Answer, Article, Citation, Fact, Filters, Sentence
from .question import QUESTION_WORDS, Query, analyse
from .retrieval import ANAPHOR, Hit, Retriever, stems
from .facts import country_of, parties_in
from .spelling import QUESTION_VOCABULARY as ENGLISH_QUESTION_WORDS
from .spelling import Speller, english_counts, looks_foreign

__all__ = [
    "Answerer",
    "Evidence",
    "LLMAnswerer",
    "LLMUnavailable",
    "ClaimsRejected",
    "Judgement",
    "judge",
    "make_citation",
    "NO_ANSWER",
    "ENGLISH_ONLY",
]

log = logging.getLogger(__name__)

NO_ANSWER = "I found nothing in the stored articles that answers this."
ENGLISH_ONLY = "Questions and articles are in English only; please ask in English."
ENGLISH_READ = "Questions and articles are in English only; your question was read in English."
NEEDS_CONTEXT = "That needs an earlier question to refer to; please ask it in full."
NEEDS_WHOSE = "That asks about “its” or “their” without saying whose; please name the firm or country."
_WHOSE = re.compile(r"\b(?:its|their)\s+[a-z]", re.I)
# Words that name no one before an "its": question words, auxiliaries, articles, prepositions, and "the firm"
_NO_SUBJECT = frozenset("""what who whom whose why how when where which much many far big large high is are was were be
been did does do has have had will would can could should may might the a an and so then of in for to at on by with
about from firm company group bank country government business it they he she""".split())


def _names_no_owner(text: str) -> bool:
    """Whether "its"/"their" in `text` has no word before it that could be its owner: "who is its chief
    executive?", "how much did the firm raise its dividend?" (the one word left is the verb), but not
    "why did next lower its profit expectations?" (a name the reader did not capitalise)."""
    m = _WHOSE.search(text)
    if m is None:
        return False
    words = re.findall(r"[A-Za-z][\w'’&-]*", text[: m.start()])
    return len([w for w in words if w.lower() not in _NO_SUBJECT]) <= 1
NOTHING_TO_REFER = "The last question was not answered from a stored sentence, so there is nothing to refer to; please ask in full."
_CONTEXT_ONLY = re.compile(
    r"^\s*(?:and\s+)?(?:who\s+(?:said|says|told)\s+(?:that|this|it|so)|when(?:\s+(?:was|is|did)\s+(?:that|this|it)"
    r"(?:\s+\w+)?)?|why|how much|what about (?:that|it|this))\s*\??\s*$", re.I)
MAX_CITATIONS = 5
EVIDENCE_SIZE = 12
CANDIDATES = 30
CONTEXT_SENTENCES = 20  # the best sentences searched for a respelling's context
MAX_ENTITY_ARTICLES = 40
TIE = 0.15
INHERITED = 0.9  # a sentence referring back ("It", "The firm") to one naming the focus entity
COMMON_WORD = 30_000_000  # English frequency above which a capitalised word is a word, not a name  # scores this close are a tie between stories  # beyond this, a name is too common to scan its articles


@dataclass(frozen=True, slots=True)
class Evidence:
    """A numbered sentence handed to an answer writer, with its article and facts."""

    n: int
    sentence: Sentence
    article: Article
    facts: tuple[Fact, ...] = ()


class LLMUnavailable(Exception):
    """The LLM could not produce a usable answer; the message is the reason for the log."""

    note = "The language model was unavailable, so this is the offline answer."  # shown to the user


class ClaimsRejected(LLMUnavailable):
    """Every claim the LLM made failed verification against its cited sentences."""

    note = "The language model's statements could not be checked against the sources, so this is the offline answer."


class LLMAnswerer(Protocol):
    async def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer: ...


def make_citation(n: int, sentence: Sentence, article: Article) -> Citation:
    return Citation(
        n=n,
        sentence_id=sentence.id,
        article_id=article.id,
        quote=sentence.text,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    answerable: bool
    reason: str
    closest: Article | None = None


# Thresholds tuned on eval/questions.jsonl (see eval/run.py).
MIN_COVERAGE = 0.4
MIN_COVERAGE_UNTYPED = 0.6


def judge(query: Query, hits: Sequence[Hit]) -> Judgement:
    """Decide whether the evidence answers the question at all.

    Among the best few hits, one must be about every party the question names and cover enough
    of its content words (IDF-weighted); a typed question (how much, who, when, which sectors)
    may cover less when the sentence holds a fact of the wanted type.
    """
    if not hits:
        return Judgement(False, "no matching sentence")
    closest = hits[0].article if hits[0].coverage > 0 else None
    typed = query.kind in ("sector", "figure", "person", "date", "party")
    reasons = []
    for hit in hits[:3]:
        if query.parties and hit.party_match < 1.0:
            reasons.append("the parties asked about are not in the evidence")
            continue
        needed = MIN_COVERAGE if (not typed or hit.type_match) else MIN_COVERAGE_UNTYPED
        if hit.coverage >= needed:
            return Judgement(True, "ok", hit.article)
        reasons.append(f"evidence covers {hit.coverage:.0%} of the question")
    return Judgement(False, reasons[0], closest)


# ---- ranking by focus ---------------------------------------------------------------------------


@dataclass(slots=True)
class Ranked:
    """A hit with what the focus says about it."""

    hit: Hit
    score: float
    entity: float  # share of focus entities in the sentence (1), its title (0.8) or body (0.5)
    attribute: bool  # carries the wanted measure / role / count
    conflict: str  # scope conflict ("" if none)
    direction: str  # "rise" / "fall" / ""


def _person_facts(hit: Hit) -> list[Fact]:
    return [f for f in hit.facts if f.type == "person" and not f.attrs.get("role_only")]


_COUNTED_AS = [
    {"aircraft", "plane", "jet", "airliner"}, {"job", "post", "position", "worker", "staff"},
    {"customer", "subscriber", "user", "client"}, {"store", "shop", "outlet", "branch"},
    {"plant", "factory"}, {"car", "vehicle", "unit"},
]


def _count_nouns(focus: Focus) -> set[str]:
    """The counted thing and the words news uses for it ("aircraft": planes, jets)."""
    nouns = {w.rstrip("s") for w in focus.count_noun}
    for group in _COUNTED_AS:
        if nouns & group:
            nouns |= group
    return nouns


def _count_facts(hit: Hit, focus: Focus) -> list[Fact]:
    found = []
    nouns = _count_nouns(focus)
    for fact in hit.facts:
        if fact.type == "event" and fact.attrs.get("count"):
            words = {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", fact.value)}
            words |= {str(fact.attrs.get("kind") or "").lower(), str(fact.attrs.get("acronym") or "").lower()}
            if not nouns or nouns & words:
                found.append(fact)
        elif fact.type == "figure" and nouns:
            unit = str(fact.attrs.get("unit") or "").lower().rstrip("s")
            if unit and unit in nouns:
                found.append(fact)
    return found


def _has_attribute(query: Query, focus: Focus, hit: Hit) -> bool:
    text = hit.sentence.text
    if focus.role:
        people = _person_facts(hit)
        if any(focus.role_of(f) and focus.person_linked(f, hit.sentence, hit.article) for f in people):
            return True
        if any(f.attrs.get("role") for f in people):
            return False  # the people it names hold other roles, or roles elsewhere
        lower = text.lower()
        return all(w in lower or w in ("of", "for") for w in focus.role if len(w) > 2) and bool(
            re.search(r"\b(chief|minister|chairman|president|head|director|governor|boss|ceo|secretary)\b", lower))
    if focus.count_noun:
        if _count_facts(hit, focus):
            return True
        lower = text.lower()
        return any(w in lower for w in _count_nouns(focus))
    if focus.measure:
        figures = [f for f in hit.facts if f.type == "figure"]
        if focus.measure == "price" and any(f.attrs.get("currency") and not f.attrs.get("measure") for f in figures) \
                and re.search(r"\b(?:a|per) (?:barrel|share|tonne|ounce|unit)\b", text):
            return True  # "jumped to $53.09 a barrel": a price without the word
        return focus.measure_in(text, figures)
    return True


_ITEM = r"[\w'’&.-]+(?:\s+[\w'’&.-]+){0,3}?"
_SERIES = re.compile(rf"\b{_ITEM}(?:,\s+{_ITEM})+,?\s+and\s+[\w'’&.-]+")  # "sugar, plastics and tea"
_NAME = r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*"
_NAMES = re.compile(rf"(?<!^)(?<!\bin )(?<!\bat )(?<!\bof )(?<![A-Za-z]){_NAME}(?:,\s+(?:its\s+\w+\s+)?{_NAME})*,?\s+(?:and|or)\s+(?:its\s+\w+\s+)?{_NAME}")
# "which banks …", "which oil companies …": named things are wanted (not "which is …", "which does …")
_WHICH_NAMED = re.compile(r"\bwhich\s+(?!(?:is|was|has|does|its|this|us)\b)(?:[a-z]+\s+)?[a-z]+[^s\W]s\b", re.I)
SERIES_BONUS = 0.4
STORY_WINDOW = 10  # list questions: how far down the ranking the lead story's item sentence may be
STORY_SLACK = 0.5  # and how much lower it may score


def _named_part(part: str, at_end: bool) -> bool:
    """Whether a piece of a list names something where the list joins it: a capitalised word among
    its last few words (before the "and") or its first few (after it): "gas giant Gazprom",
    "K2 have previously …"; not a place ("based in London")."""
    words = part.split()
    if not words:
        return False
    spots = range(max(0, len(words) - 4), len(words)) if at_end else range(min(4, len(words)))
    for i in spots:
        word = words[i]
        if not word[:1].isupper() or word.lower() in ("the", "a", "an", "its", "but", "and", "i"):
            continue
        if i > 0 and words[i - 1].lower() in ("in", "at", "from", "to", "of", "across", "near"):
            continue
        return True
    return False


def _named_list(text: str) -> bool:
    """Two or more names joined by commas and an "and"/"or" ("Nike and K2 …", "Gazprom, its unit
    Gazpromneft, investment company Baikal, and state oil firm Rosneft")."""
    pieces = re.split(r"(,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)", text)
    parts, joins = pieces[0::2], pieces[1::2]
    run = 0  # names joined by commas in a row ("Gazprom, its unit Gazpromneft, Rosneft and …")
    for i in range(len(joins)):
        if not (_named_part(parts[i], True) and _named_part(parts[i + 1], False)):
            run = 0
            continue
        run += 1
        if re.search(r"\b(?:and|or)\b", joins[i]) or run >= 2:
            return True
    return False


_NAME_RUN = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+)?[A-Z0-9][\w&'’.-]*)*")
_NOT_ITEMS = frozenset("""mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december""".split())


def _other_names(text: str, focus: Focus | None) -> set[str]:
    """The names a sentence holds other than the question's own, its opening word and countries
    ("It plans to buy Associated Cement Companies (ACC), Ambuja Cement Eastern …")."""
    own = [n for i in range(len(focus.entities)) for n in focus.names_of(i)] if focus is not None else []
    found = set()
    for m in _NAME_RUN.finditer(text):
        words = [w.strip(".'’") for w in m.group().split()]
        while words and (words[0].lower() in FUNCTION_WORDS or words[0].lower() in _NOT_ITEMS):
            words = words[1:]
        if not words or (m.start() == 0 and len(words) == 1):
            continue  # a sentence's first word is capitalised anyway
        run = " ".join(words)
        lower = run.lower()
        if lower in _NOT_ITEMS or mentions_any(lower, own) or any(lower in n for n in own):
            continue
        if country_of(run) or parties_in(run):
            continue  # "Indian", "China", "the EU": countries are listed from their facts, not as names
        found.add(lower)
    return found


LISTED_NAMES = 3  # names besides the question's own that make a sentence a list of names


def _enumeration(text: str, named: bool, focus: Focus | None = None) -> float:
    """For a list question: a sentence that lists things holds its items ("sugar, plastics and tea");
    when names are asked for ("which banks"), a list of names ("UBS and ABN Amro"), not of places
    ("in London and Hong Kong"), or several names other than the question's own."""
    if named:
        listed = _NAMES.search(text) or _named_list(text) or len(_other_names(text, focus)) >= LISTED_NAMES
        return SERIES_BONUS if listed else 0.0
    return SERIES_BONUS if _SERIES.search(text) else 0.0


_SUCCESSION = re.compile(r"\b(?:replaced by|replace[sd]?|succeed(?:s|ed)?|successor|appointed|to become|"
                         r"will become|named as|takes? over|taking over|step into|to head|will run|to run)\b", re.I)
SUCCESSION_BONUS = 0.4


def _traded_with(focus: Focus, text: str) -> bool:
    """Whether the sentence has the focus entity as the other side of trade ("exports to China")."""
    lower = text.lower()
    for i in range(len(focus.entities)):
        for name in focus.names_of(i):
            if name and re.search(rf"\b(?:exports?|imports?|shipments|sales|trade)\b(?:\s+\w+){{0,3}}?\s+(?:to|from|with)"
                                  rf"\s+(?:the\s+)?{re.escape(name)}(?![\w&])", lower):
                return True
    return False
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                          r"forty|fifty|hundred|thousand|million|billion|trillion|half|double|doubled|tripled|"
                          r"dozen|dozens|hundreds|thousands|millions|billions)\b", re.I)
NO_FIGURE = 1.0


def _has_figure(text: str, query: Query) -> bool:
    """A number in digits or words, or none of what was asked ("will pay no walnut tariff"). A year
    alone is no figure ("its 2023 net income was held back by a charge")."""
    if re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", " ", text)) or _NUMBER_WORD.search(text):
        return True
    asked = "|".join(re.escape(t) for t in query.terms if len(t) > 2)
    return bool(asked) and bool(re.search(rf"\b(?:no|zero|nil)\s+(?:[\w-]+\s+){{0,2}}?(?:{asked})", text, re.I))


DETAIL = 0.3  # what is asked of the entity (its words found in the sentence) against a bare mention of it
ASKED_FIGURE = 0.3  # a figure the question itself quotes ("why did its shares drop 8%?")
# Kinds of one measure that are different figures: a net profit is not a pre-tax one.
_MEASURE_KINDS = {
    "net": re.compile(r"\bnet\b", re.I),
    "pre-tax": re.compile(r"\b(?:pre-?tax|before tax)\b", re.I),
    "operating": re.compile(r"\boperating\b", re.I),
    "gross": re.compile(r"\bgross\b", re.I),
    "underlying": re.compile(r"\b(?:underlying|adjusted)\b", re.I),
}
MEASURE_KIND = 0.3


def _asked_figures(query: Query, focus: Focus) -> list[str]:
    """Figures the question quotes, other than years ("8%", "$2bn", "3.5")."""
    found = re.findall(r"(?<![\w.])\d+(?:[.,]\d+)*(?:%|bn|m\b)?", query.text)
    return [f for f in found if f not in focus.years]


def _measure_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _MEASURE_KINDS.items() if pattern.search(text)}


def rank(query: Query, focus: Focus, hits: Sequence[Hit], prefer: str | None = None) -> list[Ranked]:
    """Re-rank hits by whether they are about the focus, carry the attribute and fit the scope."""
    ranked = []
    asked_figures = _asked_figures(query, focus)
    # "how much …?", "what was X's deficit?", "Ford net income in 2004": an amount is wanted
    wants_figure = query.kind == "figure" or bool(focus.measure and not focus.why and (
        _WHAT_AMOUNT.match(query.text) or not _WH_START.match(query.text)))
    asked_kinds = _measure_kinds(query.text) if focus.measure else set()
    where = bool(re.match(r"\s*(?:and\s+)?where\b", query.text, re.I))
    past = bool(_PAST.search(query.text))
    level = bool(query.kind in ("figure", "general") and focus.measure and not focus.direction
                 and not _CHANGE.search(query.text))
    named = bool(_WHICH_NAMED.search(query.text))
    trade_of = focus.measure in ("exports", "imports") and focus.entities and not focus.counterpart
    listing = (query.wants_list or named) and query.kind not in ("sector", "party")  # those are listed from facts
    for hit in hits:
        entity = focus.entity_score(hit.sentence, hit.article)
        if focus.entities and hit.previous is not None and entity < INHERITED:
            # "The firm, which serves Buenos Aires, wants …" right after a sentence naming the firm
            entity = max(entity, INHERITED * focus.entity_score(hit.previous, hit.article))
        attribute = _has_attribute(query, focus, hit)
        figures = [f for f in hit.facts if f.type == "figure"]
        conflict = focus.scope_conflict(hit.sentence.text, hit.article) if (focus.measure or focus.years) else ""
        direction = focus.direction_of(hit.sentence.text, figures) if focus.direction else ""
        score = hit.score
        text = hit.sentence.text
        if focus.entities:
            score += 1.5 * entity
            if not (focus.why or listing or focus.role or focus.measure or focus.count_noun):
                # what is asked of the entity has no typed attribute (a role, a measure, a count): the
                # question's other words stand in for it. (A cause or a list of names need not repeat them.)
                score += DETAIL * hit.detail
        if asked_figures and any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\d])", text) for f in asked_figures):
            score += ASKED_FIGURE
        if focus.per_share and _PER_SHARE.search(text):
            score += 0.4  # "how much per share?": a price a share, not the deal's total
        if asked_kinds:
            kinds = _measure_kinds(text)
            if kinds & asked_kinds:
                score += MEASURE_KIND
            elif kinds and not conflict:  # asked for the net profit, the sentence gives a pre-tax one
                conflict = f"{_join(sorted(kinds))}, not {_join(sorted(asked_kinds))}"
        if focus.role or focus.measure or focus.count_noun:
            score += 0.45 * attribute
        succession = bool(focus.successor and focus.role and _SUCCESSION.search(hit.sentence.text))
        if focus.role and any(focus.role_of(f) and focus.person_linked(f, hit.sentence, hit.article)
                              for f in _person_facts(hit)) and (succession or not focus.successor):
            score += 0.6  # (asked who will replace the holder, the holder alone does not answer)
        if focus.count_noun and _count_facts(hit, focus):
            score += 0.4
        if wants_figure and not _has_figure(hit.sentence.text, query):
            score -= NO_FIGURE  # "how much …?" is not answered by a sentence holding no figure at all
        if trade_of and _traded_with(focus, hit.sentence.text):
            score -= 0.5  # "exports to China" are not China's exports
        if succession:
            score += SUCCESSION_BONUS  # "who will replace …": the sentence naming the successor
        if listing:
            score += _enumeration(hit.sentence.text, named, focus)  # "Gazprom, its unit Gazpromneft, Rosneft and …"
        if conflict:
            score -= 1.2
        elif focus.years and any(y in hit.sentence.text for y in focus.years):
            score += 0.3  # the year asked about is named, not merely left open
        if focus.months and not conflict and any(m in (hit.sentence.text + " " + hit.article.title).lower()
                                                 for m in focus.months):
            score += 0.3
        if focus.direction and direction:
            score += 0.2 if direction == focus.direction else -0.2
        if focus.measure and any(focus.measure_in(str(f.attrs.get("measure") or "")) for f in figures
                                 if f.attrs.get("measure")):
            score += 0.3  # a figure the facts say measures what was asked
        if focus.years and not conflict and not any(y in hit.sentence.text for y in focus.years) and any(
                y in hit.article.title for y in focus.years):
            score += 0.15
        if focus.counterpart and any(re.search(rf"\b(?:with|to|from)\s+(?:the\s+)?{re.escape(c)}", hit.sentence.text)
                                     for c in focus.counterpart):
            score += 0.3
        if level and figures:
            # "what was the UK's deficit?": an amount answers it, a percentage change alone does not
            score += 0.3 if any(f.attrs.get("currency") for f in figures) else -0.2
        if focus.why:
            score += CAUSE_BONUS[_cause(text)]
        if past and (focus.measure or focus.count_noun) and _FORECAST.search(hit.sentence.text):
            score -= 0.3  # what happened, asked; a forecast is the weaker answer
        if where and _PLACE.search(hit.sentence.text):
            score += 0.3  # "where was it signed?": a sentence that names a place
        if prefer and hit.article.id == prefer and hit.coverage > 0:
            score += 0.4  # the last answer's story, for a follow-up, where it speaks of what is asked
        ranked.append(Ranked(hit, score, entity, attribute, conflict, direction))
    ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
    if listing and ranked and not (_enumeration(ranked[0].hit.sentence.text, named, focus)
                                   or _enumeration(ranked[0].hit.sentence.text, not named, focus)):
        # A list question: the best story first, then the sentence of it that holds the items.
        top = ranked[0]
        items = next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id
                      and not r.conflict and r.score >= top.score - STORY_SLACK
                      and _enumeration(r.hit.sentence.text, named, focus)), None)
        if items is not None:
            ranked.remove(items)
            ranked.insert(0, items)
    if focus.why and ranked and _cause(ranked[0].hit.sentence.text) < 3:
        # A why question: the best story first, then the sentence of it that gives the cause ("It blamed
        # the weather" after the sentence reporting the drop), when it is about as good otherwise.
        top = ranked[0]
        strength = _cause(top.hit.sentence.text)
        cause = next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id
                      and not r.conflict and _cause(r.hit.sentence.text) > strength
                      and r.score >= top.score - STORY_SLACK
                      and (strength == 0  # the top one gives no cause at all
                           or r.hit.sentence.position == top.hit.sentence.position + 1  # goes on from it
                           or r.hit.coverage >= CAUSE_COVERAGE * top.hit.coverage)), None)
        if cause is not None:
            ranked.remove(cause)
            ranked.insert(0, cause)
    if ranked and not ranked[0].conflict and not focus.entities and not query.parties and prefer is None:
        # A question naming nobody that several stories answer about as well: the newest story first.
        # (A top hit out of the asked scope has no ties to reorder: the answer will quote or abstain.)
        top = ranked[0]
        tied = [r for r in ranked[:6] if r.score >= top.score - TIE and r.attribute == top.attribute
                and not r.conflict and r.hit.type_match == top.hit.type_match]
        newest = max(tied, key=lambda r: (r.hit.article.published or "", r.score))
        if newest is not top:
            ranked.remove(newest)
            ranked.insert(0, newest)
    return ranked


def _names_focus(focus: Focus, text: str, only: Sequence[int] | None = None) -> bool:
    """Whether the sentence names a focus entity (or one of its other names); `only` picks which."""
    indices = range(len(focus.entities)) if only is None else only
    return mentions_any(text.lower(), [n for i in indices for n in focus.names_of(i)])


def _names_subject(focus: Focus, text: str) -> bool:
    """Whether the sentence names the firm the question is about, not only its counterpart ("with
    Qatar"); True when the question names no firm but its counterparts."""
    others = {c.lower() for c in focus.counterpart}
    subjects = [i for i, e in enumerate(focus.entities) if e.lower() not in others]
    shown = [focus.display[i] if i < len(focus.display) else focus.entities[i] for i in subjects]
    if any(country_of(d) or country_of(d.title()) or parties_in(d) for d in shown):
        return True  # a country is named in many ways ("Chilean exports", "the UK's trade gap")
    return not subjects or _names_focus(focus, text, subjects)


def _story_first(ranked: list[Ranked], story: str, question: str) -> list[Ranked]:
    """A follow-up about the last answer's story is answered from that story when one of its
    sentences holds most of what is asked (and fits the focus and scope); otherwise as ranked.
    Among the story's sentences, one that repeats the question's wording ("in the running") wins."""
    words = re.findall(r"[a-z0-9]+", question.lower())
    pairs = set(zip(words, words[1:]))

    def echo(r: Ranked) -> float:
        found = re.findall(r"[a-z0-9]+", r.hit.sentence.text.lower())
        return 0.15 * len(pairs & set(zip(found, found[1:])))

    inside = [r for r in ranked if r.hit.article.id == story and r.hit.coverage >= 0.5 and r.attribute
              and not r.conflict]
    if not inside:
        return ranked
    best = max(inside, key=lambda r: (r.score + echo(r), r.score))
    return [best] + [r for r in ranked if r is not best]


@dataclass(frozen=True, slots=True)
class Parallel:
    """An "and Carlsberg?" follow-up: the last question again, about a name or country swapped in.
    Its answer is a sentence that names what was swapped in and gives the same kind of figure as
    the last answer did (tonnes for tonnes, an amount of money for one), so those are preferred."""

    names: tuple[int, ...] = ()  # indices into the focus of the names new in this question
    parties: tuple[str, ...] = ()  # countries new in this question ("Greece", "United States")
    units: frozenset[str] = frozenset()  # the kinds of figure the last answer's sentence held
    story: str | None = None  # the last answer's story
    answered: str | None = None  # the sentence that answered the last question
    old_names: tuple[str, ...] = ()  # the names and countries swapped out (lower case)
    old_parties: tuple[str, ...] = ()
    forecast: bool = False  # the last answer's sentence was a forecast


# What a figure of the last answer is worth as a clue to the next one: a count of a particular
# thing ("tonnes", "jobs") says most, an amount of money less, a percentage least.
PARALLEL_NAMED = 0.5  # a sentence naming the name or country swapped in
PARALLEL_OLD = 1.0  # a sentence naming only what was swapped out
PARALLEL_UNIT = {"money": 0.6, "%": 0.3}
PARALLEL_THING = 1.0
PARALLEL_UNLIKE = 0.3  # a sentence naming it with only another kind of figure
PARALLEL_FORECAST = 0.6  # a forecast, when the last answer reported what is or was


def figure_kinds(facts: Sequence[Fact]) -> frozenset[str]:
    """The kinds of figure among facts: "money", "%", or the thing counted ("tonnes")."""
    kinds = set()
    for f in facts:
        if f.type != "figure":
            continue
        unit = str(f.attrs.get("unit") or "").lower()
        kinds.add("money" if f.attrs.get("currency") else unit)
    return frozenset(k for k in kinds if k)


def _parallel(ranked: list[Ranked], focus: Focus, parallel: Parallel) -> list[Ranked]:
    """Re-rank for an "and X?" follow-up (see `Parallel`)."""
    def names_new(text: str) -> bool:
        return any(mentions_any(text.lower(), focus.names_of(i)) for i in parallel.names) or any(
            p in parties_in(text) for p in parallel.parties)

    for r in ranked:
        text = r.hit.sentence.text
        # named in the sentence (or the one before, which it goes on from), or in its title
        here = names_new(text) or (r.hit.previous is not None and names_new(r.hit.previous.text))
        named = here or names_new(r.hit.article.title)
        old = mentions_any(text.lower(), parallel.old_names) or any(p in parallel.old_parties for p in parties_in(text))
        if old and not here:
            r.score -= PARALLEL_OLD  # the answer to the last question, not to this one
            continue
        if not named:
            # the answer to the last question, not to this one; or a sentence about neither
            r.score -= PARALLEL_OLD if old else PARALLEL_NAMED
            continue
        if not parallel.forecast and _FORECAST.search(text):
            r.score -= PARALLEL_FORECAST  # what is, asked and answered; a forecast is another thing
        kinds = figure_kinds(r.hit.facts)
        shared = kinds & parallel.units
        if parallel.units and kinds and not shared:
            r.score -= PARALLEL_UNLIKE  # a figure of another kind (a % change where an amount was given)
        if old:
            continue  # naming both ("Denmark produces …, after Greece"): no sign it is about the new one
        if not parallel.units:
            r.score += PARALLEL_NAMED
        elif shared:  # after an answer giving a figure, the answer is a figure of the same kind
            r.score += PARALLEL_NAMED + max(PARALLEL_UNIT.get(k, PARALLEL_THING) for k in shared)
    ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
    return ranked


# ---- writing the lead ---------------------------------------------------------------------------


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _list_phrase(cited: Sequence[tuple[Fact, int]], wanted: str) -> tuple[str, str]:
    """The listed values, each group followed by the marker of the sentence it comes from, so every
    item's source is visible ("bus and truck production [1]; forestry (an interest) [2]").
    Returns the phrase with markers and the same phrase without them (the lead)."""
    groups: list[tuple[str, int]] = []
    plain: dict[int, list[str]] = {}
    for fact, n in cited:
        if wanted == "sector" and fact.attrs.get("interest"):
            continue
        plain.setdefault(n, [])
        if fact.value not in plain[n]:
            plain[n].append(fact.value)
    groups.extend((_join(values), n) for n, values in plain.items() if values)
    if wanted == "sector":
        for fact, n in cited:
            if fact.attrs.get("interest"):
                by = fact.attrs.get("by")
                groups.append((f"{fact.value} (an interest of {by})" if by else f"{fact.value} (an interest)", n))
    with_markers = "; ".join(f"{text} [{n}]" for text, n in groups)
    return with_markers, "; ".join(text for text, _ in groups)


_PERCENT_Q = re.compile(r"\b(percentage|per ?cent|%|what share|how much of)\b", re.I)
_BY_HOW_MUCH = re.compile(r"\bby how much\b", re.I)


_PAST = re.compile(r"\b(was|were|did|had|made|paid|rose|fell|reached)\b", re.I)
_PRONOUN = re.compile(r"\b(it|its|they|their|them|he|his|she|her)\b", re.I)


def _measured_amounts(focus: Focus, r: Ranked) -> set[tuple[str, float]]:
    """(currency, amount) of the sentence's money figures that say they measure what was asked."""
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    clauses = _clauses(r.hit.sentence.text)
    found = set()
    for f in r.hit.facts:
        if f.type != "figure" or not f.attrs.get("currency") or f.attrs.get("prep") == "from":
            continue
        measure = str(f.attrs.get("measure") or "").lower()
        if (set(re.findall(r"\w+", measure)) & words) or (not measure and any(
                f.value in c and focus.measure_in(_COMPARED.sub(" ", c)) for c in clauses)):
            found.add((str(f.attrs["currency"]), float(f.attrs.get("amount") or 0)))
    return found


def _disputed(focus: Focus, lead: Ranked, ranked: Sequence[Ranked]) -> bool:
    """Whether another stored report about the same entity gives a different amount of the same
    measure in the same currency ("debt close to 12bn euros" here, "debts of 14bn euros" there)."""
    if not focus.measure or not focus.entities or focus.direction:
        return False
    mine = _measured_amounts(focus, lead)
    if not mine:
        return False
    for r in ranked[1:8]:
        if r.hit.article.id == lead.hit.article.id or r.entity < 0.8 or r.conflict or not r.attribute:
            continue
        theirs = _measured_amounts(focus, r)
        if any(c == c2 and a != a2 for c, a in mine for c2, a2 in theirs):
            return True
    return False


def _figure_lead(query: Query, focus: Focus, r: Ranked) -> str | None:
    if r.conflict or not r.attribute:
        return None
    if not focus.scope_named(r.hit.sentence.text, r.hit.article, asks_past=bool(_PAST.search(query.text))):
        return None
    if focus.direction and r.direction != focus.direction:
        return None  # a rise is not answered with a drop, nor with a figure of no stated direction
    if focus.count_noun:  # "how many people does Exel employ": the counted thing's own fact
        counted = _count_facts(r.hit, focus)
        if counted:
            fact = counted[0]
            if fact.type == "event":
                return f"{fact.attrs['count']} {fact.value}"
            return fact.value
        return None
    text = r.hit.sentence.text
    figures = [f for f in r.hit.facts if f.type == "figure" and not _conversion(f, text)]
    clauses = _clauses(text)
    if focus.measure:
        words = MEASURES.get(focus.measure, frozenset({focus.measure}))
        measured = [f for f in figures if set(re.findall(r"\w+", str(f.attrs.get("measure") or "").lower())) & words]
        if measured:
            figures = measured
        elif len([f for f in figures if f.attrs.get("unit") != "%"]) > 1:
            return None  # several amounts and none says it measures what was asked
        else:
            # no figure says it measures what was asked: only one of no stated measure, in a clause
            # that names the measure ("didn't give details of its investment but said the plant would
            # make 150,000 cars": the cars are not the investment)
            related = _RELATED.get(focus.measure, frozenset())
            figures = [f for f in figures if (not f.attrs.get("measure") or set(
                re.findall(r"\w+", str(f.attrs["measure"]).lower())) & related) and any(
                f.value in c and focus.measure_in(_COMPARED.sub(" ", c)) for c in clauses)]
        figures = [f for f in figures if _kind_fits(focus.measure, f)]
    elif focus.noun:
        figures = [f for f in figures if any(f.value in c and _noun_in(focus, c) for c in clauses)]
    elif not focus.count_noun:
        return None  # what the figure should measure is unknown: the sentence is quoted instead
    if focus.direction:
        figures = [f for f in figures if not f.attrs.get("change") or f.attrs.get("change") == focus.direction]
    if focus.direction:
        # "how much did its profits rise?": an amount it rose by, never the level it rose to ("to
        # $2.1bn"); a percentage may be of another base ("more than 40%" of what?): quoted instead
        chosen = [f for f in figures if f.attrs.get("unit") != "%" and f.attrs.get("prep") == "by"]
    elif _PERCENT_Q.search(query.text):
        chosen = [f for f in figures if f.attrs.get("unit") == "%"]
    elif _BY_HOW_MUCH.search(query.text):
        chosen = figures
    else:
        chosen = [f for f in figures if f.attrs.get("unit") != "%" and f.attrs.get("prep") != "from"] or [
            f for f in figures if f.attrs.get("unit") != "%"]
    values = list(dict.fromkeys(f.value for f in chosen))
    amounts = [v for v in values if not v.endswith("%")]
    if not values or len(amounts) > 1 or len(values) - len(amounts) > 1:
        return None  # several figures of the same kind: which one answers is for the reader to see
    return _join([_qualified(v, r.hit.sentence.text) for v in values])


# What kind of figure answers a measure: an amount of money (or a change in per cent), a count, a rate.
_MONEY = frozenset({"price", "profit", "loss", "deficit", "surplus", "sales", "fine", "debt", "dividend", "bonus",
                    "investment"})
_COUNTED = frozenset({"jobs", "orders", "output"})
_RATE = frozenset({"rate", "inflation", "unemployment", "growth"})
# Measures another is made of: "the gap between imports and exports reached $48.2bn" is a deficit.
_TRADE = frozenset({"trade", "imports", "exports", "import", "export"})
_RELATED = {"deficit": _TRADE, "surplus": _TRADE}


def _kind_fits(measure: str, fact: Fact) -> bool:
    """Whether a figure is of a kind that can answer `measure`: money for a price or a profit (not
    "150,000 cars"), a count for jobs (not "$5bn"), a percentage for a rate."""
    unit = str(fact.attrs.get("unit") or "")
    percent = unit == "%" or unit.startswith("percentage point")
    if measure in _MONEY:
        return bool(fact.attrs.get("currency")) or percent
    if measure in _COUNTED:
        return not fact.attrs.get("currency")
    if measure in _RATE:
        return percent
    return True


_QUALIFIER = re.compile(r"(more than|less than|fewer than|about|around|almost|nearly|over|under|up to|at least|"
                        r"roughly|some|close to|just over|just under)\s+$", re.I)


def _qualified(value: str, text: str) -> str:
    """A figure with the qualifier its sentence gives it: "more than $60bn", not "$60bn"."""
    i = text.find(value)
    m = _QUALIFIER.search(text[max(0, i - 20):i]) if i > 0 else None
    return f"{m.group(1).lower()} {value}" if m else value


def _conversion(fact: Fact, text: str) -> bool:
    """A figure given in brackets after another, as a currency conversion: "$25.4bn (£13bn)"."""
    i = text.find(fact.value)
    if i <= 0:
        return False
    before = text[:i].rstrip()
    return before.endswith(("(", ";")) and bool(re.search(r"\d[\w.,]*\s*[(;]\s*(?:[^()]*;\s*)?$", before))


def _person_lead(focus: Focus, r: Ranked) -> str | None:
    if focus.successor:
        return None  # "who will replace …": the role's current holder is not the answer
    entity_words = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.split()}
    people = [f for f in _person_facts(r.hit)
              if focus.role_of(f) and focus.person_linked(f, r.hit.sentence, r.hit.article)
              and not ({w.lower() for w in f.value.split()} & entity_words)]  # "Aviation" of China Aviation Oil
    if not people or (focus.role and not r.attribute):
        return None
    shown = []
    for fact in people[:2]:
        role = fact.attrs.get("role")
        shown.append(f"{fact.value} ({role})" if role else fact.value)
    return _join(shown)


def _synthesised(query: Query, focus: Focus, r: Ranked) -> str | None:
    """The typed answer the lead sentence gives, only when it is about the focus and fits."""
    if focus.entities and r.entity < 0.8:
        return None
    if not focus.entities and _PRONOUN.search(query.text):
        return None  # "who is its chief executive?" with nothing "its" stands for: not ours to guess
    if query.kind == "person" and (focus.role or focus.entities):
        return _person_lead(focus, r)
    if query.kind == "figure":
        if not _names_subject(focus, r.hit.sentence.text) and not ANAPHOR.match(r.hit.sentence.text):
            # in the firm's story, but the figure's sentence is not about the firm: "ExxonMobil signed a
            # $12.8bn deal" in a report on Shell's deal with Qatar is quoted, never stated as Shell's
            return None
        return _figure_lead(query, focus, r)
    if query.kind == "date" and not r.conflict and (focus.entities or focus.measure):
        dates = [f.value for f in r.hit.facts if f.type == "date" and not f.attrs.get("period")]
        return dates[0] if len(dates) == 1 else None
    return None


def _main_parties(facts: Sequence[Fact]) -> tuple[str, ...]:
    """The story's two most mentioned parties (a party fact per mention group, by sentences)."""
    counted: dict[str, int] = {}
    for f in facts:
        if f.type == "party":
            counted[f.value] = counted.get(f.value, 0) + len(f.sentence_ids)
    return tuple(p for p, _ in sorted(counted.items(), key=lambda kv: -kv[1])[:2])


def _story_label(article: Article, facts: Sequence[Fact]) -> str:
    top = list(_main_parties(facts))
    name = " and ".join(top) if len(top) == 2 else f"“{article.title}”"
    return f"{name} ({article.published})" if article.published else name


def _also(stories: Sequence[Ranked], limit: int = 3) -> str:
    parts = []
    for r in stories[:limit]:
        a = r.hit.article
        parts.append(f"“{a.title}” ({a.published})" if a.published else f"“{a.title}”")
    return "Also in the store: " + "; ".join(parts) + "."


def _bears(query: Query, focus: Focus, lead: Ranked, r: Ranked) -> bool:
    """Whether a further sentence of the lead's story bears on the question (no padding)."""
    if r.hit.coverage < 0.5 * lead.hit.coverage or r.score < 0.7 * lead.score:
        return False
    if focus.entities and r.entity < 0.5:
        return False
    if (focus.role or focus.measure or focus.count_noun) and not r.attribute:
        return False
    return not r.conflict


class Composer:
    """Builds the offline answer from ranked evidence."""

    def __init__(self, store_facts) -> None:  # type: ignore[no-untyped-def]
        self.store_facts = store_facts

    def compose(self, query: Query, focus: Focus, ranked: list[Ranked], read_as: str) -> Answer:
        lead = ranked[0]
        stories: list[Ranked] = []  # the best hit of each story, best first (reports of one story once)
        seen: set[str] = set()
        for r in ranked:
            title = _norm(r.hit.article.title)
            if r.hit.article.id not in seen and title not in seen:
                seen.update((r.hit.article.id, title))
                stories.append(r)
        others = [s for s in stories[1:] if s.score >= 0.85 * lead.score and s.hit.coverage >= 0.5 * lead.hit.coverage]
        if focus.entities:
            others = [s for s in others if s.entity >= 0.8]
        same = [r for r in ranked[1:] if r.hit.article.id == lead.hit.article.id]
        chosen: list[Ranked] = [lead]
        lines: list[str] = []
        lead_text = ""
        kind = "quote"
        if query.wants_list and query.kind in ("sector", "party"):
            wanted = "sector" if query.kind == "sector" else "party"
            listed = [lead] + [r for r in same if any(f.type == wanted for f in r.hit.facts)]
            cited: list[tuple[Fact, int]] = []  # each listed value with the citation it rests on
            for r in listed[:MAX_CITATIONS]:
                got = [f for f in r.hit.facts if f.type == wanted and f.value not in {x.value for x, _ in cited}]
                if not got:
                    continue
                if r is not lead:
                    chosen.append(r)
                n = len(chosen) if r is not lead else 1
                cited.extend((f, n) for f in got)
            if cited:
                article_facts = self.store_facts(lead.hit.article.id)
                label = _story_label(lead.hit.article, article_facts)
                phrase, bare = _list_phrase(cited, wanted)
                lead_text = f"{label}: {bare}"
                lines.append(f"{label}: {phrase}.")
                kind = "synthesised"
        if not lines:
            direct = _synthesised(query, focus, lead)
            if direct and query.kind == "figure" and _disputed(focus, lead, ranked):
                direct = None  # other stored reports give another figure: quoted, for the reader to see
            if direct:
                lead_text = direct
                lines.append(f"{direct} [1].")
                kind = "synthesised"
                if query.kind != "person":
                    lines.append(f"{lead.hit.sentence.text} [1]")
            else:
                lead_text = lead.hit.sentence.text
                lines.append(f"{lead.hit.sentence.text} [1]")
        # Further sentences that bear on the question: of the same story, or, for a question about a
        # named entity, one of the next best about that entity with the attribute asked for.
        near = [r for r in ranked[1:4] if r.hit.article.id != lead.hit.article.id and focus.entities
                and r.entity >= 0.8 and r.attribute and not r.conflict and r.score >= 0.85 * lead.score]
        for r in same + near:
            if len(chosen) >= 3:
                break
            if r in chosen or not _bears(query, focus, lead, r):
                continue
            if _norm(r.hit.sentence.text) in {_norm(c.hit.sentence.text) for c in chosen}:
                continue
            chosen.append(r)
            lines.append(f"{r.hit.sentence.text} [{len(chosen)}]")
        if others and not focus.entities and not query.parties:
            lines.append(_also(others))
        citations = tuple(make_citation(n, r.hit.sentence, r.hit.article) for n, r in enumerate(chosen, start=1))
        text = "\n".join(lines)
        if read_as:
            text = f"Showing results for: {read_as}\n{text}"
        return Answer(
            question=query.text,
            text=text,
            citations=citations,
            mode="extractive",
            abstained=False,
            read_as=read_as,
            lead=lead_text,
            lead_kind=kind,  # type: ignore[arg-type]
        )


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def abstain(query: Query, judgement: Judgement, note: str = "", read_as: str = "") -> Answer:
    text = NO_ANSWER
    if judgement.closest is not None:
        a = judgement.closest
        when = f", {a.published}" if a.published else ""
        text += f" The closest stored topic is “{a.title}” ({a.source}{when})."
    if read_as:
        text = f"Showing results for: {read_as}\n{text}"
    return Answer(question=query.text, text=text, citations=(), mode="extractive", abstained=True, note=note,
                  read_as=read_as)


def _loosely_has(focus: Focus, r: Ranked) -> bool:
    """Whether a sentence may hold the attribute at all (a role's words are enough: "chairman of the
    working party" need not be a person fact of ours)."""
    if r.attribute:
        return True
    lower = r.hit.sentence.text.lower()
    if focus.role:
        return any(w in lower for w in focus.role if w in ROLE_WORDS)
    if focus.count_noun:
        return any(w.rstrip("s") in lower for w in focus.count_noun if len(w) > 2)
    return False


_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+(?:but|while|whereas|although|though)\s+|,\s+and\s+|"
                           r",\s+(?=(?:it|he|she|they|we)\s|[a-z]+ing\b)|"
                           r"\s+and\s+(?=(?:it|its|he|she|they|the (?:firm|company|group|bank)|said|says|"
                           r"expects?|[a-z]+ing)\b))")
_QUANTITY = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                       r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|doubled?|doubling|halved|"
                       r"trebled?|tripled?|twice|(?:a|one) (?:half|third|quarter|fifth|tenth))\b", re.I)
_NOUN_OF = re.compile(r"[a-z]+")


def _clauses(text: str) -> list[str]:
    """The sentence's clauses ("... an 11% rise in profits for 2004 and reaffirming its 2005
    profit forecasts": the forecast is not the reported rise; "didn't give details of its
    investment but said the plant would make 150,000 cars": the cars are not the investment)."""
    # (nothing inside brackets breaks a clause: "40m rupees ($915,000; £486,000) for the three months")
    masked = re.sub(r"\([^()]*\)", lambda m: m.group().replace(";", "\0").replace(",", "\1"), text)
    parts = [p.replace("\0", ";").replace("\1", ",") for p in _CLAUSE_BREAK.split(masked) if p and p.strip()]
    return parts or [text]


def _noun_in(focus: Focus, text: str) -> bool:
    """Whether a possessed thing's head word is in `text` ("bad loans": "loans", "loan")."""
    head = focus.noun.split()[-1].lower()
    stem = head[:-1] if head.endswith("s") and len(head) > 4 else head
    return any(w.startswith(stem) for w in _NOUN_OF.findall(text.lower()))


def _owned_by_other(focus: Focus, text: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether the wanted measure in `text` is plainly someone else's: a possessive or a name
    right before it that is not the focus entity nor a country ("Chinese PC sales", "Dell's sales");
    with `is_name`, also a stored name opening the clause ("Heineken increased its dividend")."""
    if not focus.measure or not focus.entities:
        return False
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    names = {n for i in range(len(focus.entities)) for n in focus.names_of(i)}
    found = False
    for m in re.finditer(r"[A-Za-z][\w'’&-]*", text):
        if m.group().lower() not in words:
            continue
        start = max(0, m.start() - 40)
        before = [b for b in re.finditer(r"[A-Za-z][\w'’&.-]*", text[start : m.start()])][-3:]
        owners = [re.sub(r"['’]s?$", "", b.group()) for b in before
                  if re.search(r"['’]s?$", b.group()) or (any(c.isupper() for c in b.group()[:2])
                                                          and (start + b.start() > 0 or (is_name and is_name(b.group())))
                                                          and b.group().lower() not in FUNCTION_WORDS)]
        after = re.match(r"\s+(?:of|at|for)\s+(?:the\s+)?([A-Za-z][\w'’&-]*)", text[m.end() :])
        if after and not re.match(r"(?:its|their|firm|company|group|bank|year|quarter|month|half)\b", after.group(1),
                                  re.I):
            if after.group(1).lower() not in names and not any(after.group(1).lower() in n.split() for n in names):
                owners.append(after.group(1))  # "sales of home printers", "profits at Dell": another's
        if any(o.lower() in names or any(o.lower() in n.split() for n in names) for o in owners):
            return False  # the firm's own measure
        if not owners:
            return False  # a mention of the measure that is not plainly another's
        adjacent = re.sub(r"['’]s?$", "", before[-1].group()) if before else ""
        if owners == [adjacent] and (country_of(adjacent) or parties_in(adjacent)):
            return False  # "US sales", "Chinese exports": a region of the firm's own measure
        found = True
    return found


_WH_START = re.compile(r"\s*(?:and\s+)?(?:who|whom|whose|what|when|where|why|how|which|did|does|do|is|are|was|were|"
                       r"has|have|had|can|could|will|would|should|tell|show|list|give)\b", re.I)
# "What was X's profit?", "what is its debt?": an amount is asked, though the question names no figure word
_WHAT_AMOUNT = re.compile(r"\s*(?:and\s+)?(?:what|how)\s+(?:much|many|big|large|high|low|was|were|is|are)\b", re.I)


def _role_at(focus: Focus, text: str) -> bool:
    """Whether `text` names the asked role at the focus entity: "chief executive of Renault"."""
    role = " ".join(w for w in focus.role if w in ROLE_WORDS)
    names = "|".join(re.escape(n) for i in range(len(focus.entities)) for n in focus.names_of(i) if n)
    if not role or not names:
        return False
    return bool(re.search(rf"\b{re.escape(role)}\s+(?:of|at)\s+(?:the\s+)?(?:{names})\b", text.lower()))


def _fits(query: Query, focus: Focus, r: Ranked, past: bool, firm: float = 1.0,
          is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether a sentence about the focus entity carries the asked fact: in one of its clauses (or
    the whole sentence) the attribute, in the asked scope and direction, reported rather than
    forecast when the question asks what happened, with a quantity when a figure is asked, and
    not plainly someone else's."""
    if not _loosely_has(focus, r) and not (focus.noun and _noun_in(focus, r.hit.sentence.text)):
        return False
    text = r.hit.sentence.text
    if focus.role:
        if not r.attribute and any(f.attrs.get("role") for f in _person_facts(r.hit)) and not _role_at(focus, text):
            return False  # the people it names hold other roles: "deputy chief executive Lena Voss"
        return not r.conflict
    figures = [f for f in r.hit.facts if f.type == "figure"]
    wants_figure = query.kind == "figure" or bool(focus.measure and _WHAT_AMOUNT.match(query.text))
    money = wants_figure and focus.measure in _MONEY_MEASURES and (focus.measure == "price" or _level(query, focus))
    pieces = _clauses(text)
    for piece in pieces:  # the asked fact within one clause
        plain = _COMPARED.sub(" ", piece)  # "compared with a loss of 984m euros in 2003" is not the fact
        if focus.years and not any(y in plain for y in focus.years) and any(y in piece for y in focus.years):
            plain = piece  # unless it is the year asked about: "a loss of 984m euros in 2003", asked of 2003
        elliptical = False
        if focus.measure and not focus.measure_in(plain, [f for f in figures if f.value in plain]):
            elliptical = len(pieces) > 1 and _elliptical(focus, piece, text)
            if not elliptical:
                continue
        if focus.noun and not _noun_in(focus, piece):
            continue
        if (focus.measure or focus.years) and focus.scope_conflict(piece, r.hit.article):
            continue
        if focus.direction and _direction_in(focus, piece, figures, elliptical) != focus.direction:
            continue
        if past and _FORECAST.search(_YARDSTICK.sub(" ", _REASON.split(piece, maxsplit=1)[0])):
            continue  # (a forecast in the clause giving the cause is not the fact: "fell 20% after it said …")
        if wants_figure and not _QUANTITY.search(plain):
            continue
        if money and not _amount_in(focus, plain, figures, focus.measure == "price"):
            continue  # "how much did it pay?" is not answered by "bought two labels"; "what was its profit?" by a % fall
        if firm < 1.0 and _owned_by_other(focus, piece, is_name):
            continue
        return True
    return False


# Measures counted in money: "how much did X pay?" wants a sum, and "what was X's profit?" an amount,
# not a percentage change (a rate, a share, a tariff or growth is naturally a percentage).
_MONEY_MEASURES = frozenset({"price", "profit", "loss", "sales", "debt", "dividend", "bonus", "investment", "fine"})
_MONEY_TEXT = re.compile(r"[$£€¥]\s?\d|\d(?:[\d,.]*\d)?\s*(?:m|bn|million|billion|trillion)?\s*(?:euros?|dollars?|pounds?|"
                    r"yen|yuan|rupees?|kron[eo]r|roubles?|rubles?|francs?|pence|cents?|pesos?|rand|won)\b|\d+(?:\.\d+)?p\b",
                    re.I)
_SCALED = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:m|bn|million|billion|trillion)\b", re.I)
# The part of a clause that gives a cause or a time ("…, after it said a partner was set to pull out")
_REASON = re.compile(r",?\s+\b(?:after|because|as|when|following|amid|since)\b", re.I)
# A forecast named only as a yardstick: "ahead of analysts' forecasts", "better than expected"
_YARDSTICK = re.compile(r"\b(?:ahead of|above|below|beat(?:ing|s)?|exceed(?:ing|ed|s)?|in line with|short of|than|"
                        r"miss(?:ed|ing)?|match(?:ed|ing)?|topp(?:ed|ing))\b[^,;]*?\b(?:forecasts?|expectations?|"
                        r"estimates?|predictions?|predicted|expected|forecast)\b", re.I)
# Clauses that share one measure word: "shares in A lost 70% while B shed 43%"
_PARALLEL = re.compile(r"\b(?:while|whereas|but)\b|;", re.I)
_ANY_MEASURE = frozenset(w for words in MEASURES.values() for w in words
                         if not (_RISE.fullmatch(w) or _FALL.fullmatch(w))) - {"net", "deal", "value", "holds"}


def _plain_direction(text: str) -> str:
    rise, fall = bool(_RISE.search(text)), bool(_FALL.search(text))
    return "rise" if rise and not fall else "fall" if fall and not rise else ""


def _level(query: Query, focus: Focus) -> bool:
    """A question about an amount ("what was X's profit?"), not about a change ("how much did it rise?")."""
    return not focus.direction and not _CHANGE.search(query.text)


def _amount_in(focus: Focus, text: str, figures: Sequence[Fact], money_only: bool) -> bool:
    """Whether `text` holds a sum of money (or, unless `money_only`, any amount that is not a percentage)
    that is not said to measure something else ("R&D spending rising to 705m rupees" is no profit)."""
    here = [f for f in figures if f.value in text]
    rest = text
    for f in here:
        rest = rest.replace(f.value, " ")  # what the facts did not read ("17 cents a share") is read here
    here = [f for f in here if not _other_money(focus, str(f.attrs.get("measure") or ""))]
    if any(f.attrs.get("currency") for f in here) or _MONEY_TEXT.search(rest):
        return True
    if money_only:
        return False
    return any(str(f.attrs.get("unit") or "") not in ("%", "percentage points") for f in here) or bool(
        _SCALED.search(rest))


def _direction_in(focus: Focus, piece: str, figures: Sequence[Fact], elliptical: bool) -> str:
    """The direction of the asked measure in a clause: the change word nearest the measure word, or,
    when none is near it, the clause's only kind of change word if it speaks of no other measure
    ("profit … was HK$327m, less than 1% up on the year before")."""
    if elliptical:
        return _plain_direction(piece)
    found = focus.direction_of(piece, [f for f in figures if f.value in piece])
    if found:
        return found
    words = set(re.findall(r"[a-z]+", piece.lower())) & _ANY_MEASURE
    if words and all(focus.measure_in(w) for w in words):
        return _plain_direction(_COMPARED.sub(" ", piece))
    return ""


def _other_money(focus: Focus, measure: str) -> bool:
    """Whether a figure's own measure word is another money measure than the asked one ("spending" for a profit)."""
    words = set(re.findall(r"[a-z]+", measure.lower()))
    kinds = {name for name, said in MEASURES.items() if words & said}
    return bool(kinds) and focus.measure not in kinds and kinds <= _MONEY_MEASURES


def _elliptical(focus: Focus, piece: str, text: str) -> bool:
    """A clause that leaves the measure word to its parallel clause ("…, while Biogen Idec shed 43%"): it
    names the focus entity, a change and a quantity, and no measure of its own."""
    if not focus.entities or not _PARALLEL.search(text) or not focus.measure_in(text):
        return False
    words = set(re.findall(r"[a-z]+", piece.lower()))
    return (_names_focus(focus, piece) and not (words & _ANY_MEASURE) and bool(_QUANTITY.search(piece))
            and bool(_plain_direction(piece)))


# A name after these is a yardstick, not what the sentence is about
_COMPARISON = re.compile(r"\b(?:than|compared (?:with|to)|unlike|versus|vs\.?)\s+(?:the\s+|its\s+|rival\s+)?$")


def _only_compared(text: str, names: Sequence[str]) -> bool:
    """Whether every mention of the names in lower-cased `text` is a yardstick ("than Heineken")."""
    for name in names:
        if not name:
            continue
        for m in re.finditer(rf"(?<![\w&]){re.escape(name)}(?![\w&])", text):
            if not _COMPARISON.search(text[max(0, m.start() - 30) : m.start()]):
                return False
    return True
_ASKED_THING = re.compile(r"(?i)^\s*(?:and\s+)?(?:which|what)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(?:did|do|does|is|are|"
                          r"was|were|has|have|had|will|would|can)\b")


def _asked_thing(query: Query, focus: Focus) -> str:
    """The asked attribute in words: the focus's, or the thing a which/what question names
    ("which shipbuilding projects did …" -> "shipbuilding projects"); "" when neither says it."""
    if focus.attribute:
        return focus.attribute
    m = _ASKED_THING.match(query.text)
    if m is None:
        return ""
    words = m.group(1).split()
    names = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.split()}
    if any(w.lower() in names for w in words) or words[-1].lower() in _NO_SUBJECT:
        return ""
    return " ".join(words)


_PRONOUN_SUBJECT = re.compile(r"^(?:It|Its|The (?:firm|company|group|bank|airline|carrier|business))\b")


def _firms(focus: Focus) -> list[str]:
    """The firms, people and bodies among the focus entities: not countries. (A firm may carry a
    country in its name: "France Telecom", "Japan Airlines"; "Russia WTO" is no firm: every word of
    it is a country or a body of countries.)"""
    return [d for d in focus.display if not country_of(d) and not all(
        country_of(w) or parties_in(w) for w in re.findall(r"[\w'’&.-]+", d) if w.lower() not in ("of", "the", "and"))]


def near_miss(query: Query, focus: Focus, closest: Ranked | None, read_as: str,
              names_shown: Sequence[str] = (), attribute: str = "") -> Answer:
    """The focus entity is stored but the asked fact is not: say exactly that."""
    names = _join(list(names_shown or focus.display))
    wanted = attribute or focus.attribute
    text = (f"The stored articles mention {names}, but no {wanted}." if wanted else
            f"The stored articles mention {names}, but nothing that answers this.")
    citations: tuple[Citation, ...] = ()
    if closest is not None:
        text += f" Closest: {closest.hit.sentence.text} [1]"
        citations = (make_citation(1, closest.hit.sentence, closest.hit.article),)
    if read_as:
        text = f"Showing results for: {read_as}\n{text}"
    return Answer(question=query.text, text=text, citations=citations, mode="extractive", abstained=True,
                  read_as=read_as, near_miss=True)


_CAUSE = re.compile(r"\b(because|due to(?!\s+(?:be|run|start|begin|open|close|end|expire|take|come|go|meet|report|"
                    r"announce|publish|launch|finish|complete|hold|vote|decide|rule|sign|make|pay|return|resume)\b)|"
                    r"blamed|blames|(?:hit|hurt|helped|driven|boosted|dented|prompted|"
                    r"triggered)(?:\s+(?:in|during|last|this)\s+\w+)?\s+by|thanks to|as a result|owing to|"
                    r"reflect(?:s|ed|ing)?|caused|on the back of|offset|aimed at|in order to|so that|reason|"
                    # the cause as the subject: "a weak dollar had hit profits", "bad weather has hurt sales"
                    r"(?:has|have|had)\s+(?:\w+\s+)?(?:hit|hurt|dented|boosted|lifted|helped|damaged|weighed on))\b",
                    re.I)
# A question about a change or a ratio, not an amount.
_CHANGE = re.compile(r"\b(by how much|percent(?:age)?|share|rate|growth|grow|rise|rose|fall|fell|increase|drop|"
                     r"decline|change|margin|ratio|proportion|forecast)\b", re.I)
# Words that often only order events in time ("returned to profit after losses"): a weaker sign of a cause.
_WEAK_CAUSE = re.compile(r"\b(amid|following|after)\b", re.I)
# "fell 93% as research costs rose": a clause of "as" with a past verb gives the cause
_AS_CAUSE = re.compile(r"(?<!\bsuch )(?<!\bas well )\bas\s+(?!(?:well|expected|planned|part|much|many|long|soon|far|"
                       r"a result|of|if|though|usual|before|such|known|described|reported|announced)\b)"
                       r"(?:[\w'’-]+\s+){0,3}?(?:[a-z]{3,}ed|rose|fell|grew|slid|sank|shrank|hit|cut|lost|"
                       r"spent|took|saw|kept|struck)\b", re.I)
CAUSE_BONUS = {3: 1.0, 2: 0.7, 1: 0.4, 0: 0.0}
CAUSE_COVERAGE = 0.75  # over a top one with a weak sign of a cause ("after"), a cause sentence put first
# goes on from it or speaks of most of what was asked
_ANY_CAUSE = re.compile("|".join(f"(?:{p.pattern})" for p in (_CAUSE, _AS_CAUSE, _WEAK_CAUSE)), re.I)


def _cause(text: str) -> int:
    """How surely a sentence gives a cause: 3 a cause word ("because", "blamed", "hit by"), 2 a
    clause of "as" ("as costs rose"), 1 a word that may only order events ("after"), else 0."""
    if _CAUSE.search(text):
        return 3
    if _AS_CAUSE.search(text):
        return 2
    return 1 if _WEAK_CAUSE.search(text) else 0


_PLACE = re.compile(r"\b(?:in|at)\s+(?!the\b)[A-Z][a-z]+")


def _attribute_words(focus: Focus) -> set[str]:
    if focus.role:
        return {w for w in focus.role if len(w) > 2} | ({"chief", "ceo", "boss", "head", "chairman"}
                                                         if {"ceo", "boss", "head"} & set(focus.role) else set())
    if focus.count_noun:  # the counted thing and the words news uses for it ("vehicles": cars)
        return {w.rstrip("s") for w in focus.count_noun if len(w) > 2} | _count_nouns(focus)
    if focus.noun:
        head = focus.noun.split()[-1]
        return {head[:-1] if head.endswith("s") and len(head) > 4 else head}
    if focus.measure:
        return set(MEASURES.get(focus.measure, frozenset({focus.measure}))) - {"for", "net"}
    if focus.why:
        return {"because", "due to", "blamed", "hit by", "hurt by", "helped by", "thanks to", "driven by",
                "caused", "aimed at", "reflect", "after", "amid", "following", "offset"}
    return set()


class Answerer:
    """Reading the question, retrieval, judgement and composition; an optional LLM writes the prose."""

    def __init__(self, retriever: Retriever, llm: LLMAnswerer | None = None, *,
                 memory: Memory | None = None) -> None:
        self.retriever = retriever
        self.llm = llm
        self.memory = memory if memory is not None else Memory()
        self.composer = Composer(retriever.store.facts)
        self._speller: tuple[tuple[int, ...], Speller] | None = None

    def speller(self) -> Speller:
        lexicons = self.retriever.lexicons
        key = tuple(id(lx) for lx in lexicons)
        if self._speller is None or self._speller[0] != key:
            self._speller = (key, Speller(lexicons, context=self._context))
        return self._speller[1]

    def _context(self, candidates: Sequence[str], others: Sequence[str]) -> list[float]:
        """For each candidate respelling of a typed word, how much of the question's other words
        (IDF-weighted) one stored sentence holds beside it: "revise" beside "Nortel" and "profit",
        "Shanda" beside "Sina" and "stake". Only asked when equally near candidates tie."""
        retriever = self.retriever
        words = list(dict.fromkeys(stems(" ".join(w for w in others if w.lower() not in QUESTION_WORDS))))
        if not words:
            return [0.0] * len(candidates)
        weights = {w: retriever._idf(w) for w in words}
        scores = []
        for candidate in candidates:
            own = [w for w in stems(candidate) if w not in weights]
            best = 0.0
            if own:
                found = sorted(retriever.candidates(own + words), key=lambda c: -c[1])[:CONTEXT_SENTENCES]
                for sentence_id, _score in found:
                    sentence = retriever.store.sentence(sentence_id)
                    if sentence is None:
                        continue
                    held = retriever._stems_of(sentence_id, sentence.text)
                    if all(w in held for w in own):
                        best = max(best, sum(weight for w, weight in weights.items() if w in held))
            scores.append(best)
        return scores

    # ---- reading the question -----------------------------------------------------------------
    def read(self, question: str, conversation: str | None) -> tuple[str, str, Turn | None, str]:
        """(text to answer, read_as for the user, last turn, special follow-up kind)."""
        text = " ".join(question.split())
        lexicons = self.retriever.lexicons
        speller = self.speller()
        corrected = speller.correct(text, find_names(text, lexicons))
        turn = self.memory.get(conversation)
        resolved, special = (corrected.text, "")
        if turn is not None:
            resolved, special = resolve_followup(corrected.text, turn, lexicons, self._story_text(turn))
        read_as = resolved if (corrected.changed or resolved != corrected.text) else ""
        return resolved, read_as, turn if (special or resolved != corrected.text) else None, special

    def _story_text(self, turn: Turn) -> str:
        article = self.retriever.store.article(turn.article_id) if turn.article_id else None
        return f"{article.title}\n{article.body}" if article is not None else ""

    def _story_sentences(self, query: Query, article_id: str) -> list[str]:
        """The last answer's story's sentences that share a content word with a follow-up question."""
        words = set(stems(" ".join(t for t in query.terms if len(t) > 2)))
        store = self.retriever.store
        return [s.id for s in store.sentences(article_id) if words & set(stems(s.text))] if words else []

    def _remember(self, conversation: str | None, text: str, query: Query, focus: Focus, answer: Answer,
                  turn: Turn | None) -> None:
        """Keep this question for the next one. A question naming nobody keeps the last subject (so
        "it" still means Qantas two questions on); an abstention keeps the subject but no story."""
        if conversation is None:
            return
        entities, display = written_subjects(text, focus.entities, focus.display)
        if not entities and not query.parties and turn is not None:
            entities, display = turn.entities, turn.display
        first = None if answer.abstained else answer.citations[0]
        story_facts = self.retriever.store.facts(first.article_id) if first is not None else []
        person = ""
        if query.kind == "person" and answer.lead_kind == "synthesised":
            person = re.sub(r"\s*\(.*$", "", answer.lead).strip()
        elif first is not None:
            # the one person the answering sentence names ("Judge Letitia Clark will start …")
            named = {f.value for f in story_facts if f.type == "person"
                     and not f.attrs.get("role_only") and first.sentence_id in f.sentence_ids}
            person = named.pop() if len(named) == 1 else ""
        if not person and turn is not None and not focus.entities:
            person = turn.person
        if first is None:  # abstained
            # a near miss keeps the story of its closest sentence ("the deal" may be asked next),
            # but no sentence: there is no answer to attribute or date
            story = answer.citations[0].article_id if (answer.near_miss and answer.citations) else None
            if entities:
                self.memory.put(conversation, Turn(question=text, kind=query.kind, entities=entities, display=display,
                                                   attribute=focus.attribute, parties=query.parties,
                                                   article_id=story))
            return
        self.memory.put(conversation, Turn(
            question=text, kind=query.kind, entities=entities, display=display, attribute=focus.attribute,
            article_id=first.article_id, sentence_id=first.sentence_id, parties=query.parties,
            story_parties=_main_parties(story_facts), person=person,
            cited=tuple(c.sentence_id for c in answer.citations),
        ))

    # ---- evidence -----------------------------------------------------------------------------
    def _entity_sentences(self, focus: Focus, filters: Filters | None) -> list[str]:
        """Sentences of the focus entity's articles that carry the wanted attribute's words."""
        if not focus.entities or len(focus.entity_articles) > MAX_ENTITY_ARTICLES:
            return []
        words = _attribute_words(focus)
        if not words:
            return []
        pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")", re.I)
        if focus.why and not (focus.role or focus.count_noun or focus.noun or focus.measure):
            pattern = _ANY_CAUSE  # every way of giving a cause that the ranking knows ("had hit", "as costs rose")
        store = self.retriever.store
        ids = []
        for article_id in sorted(focus.entity_articles):
            article = store.article(article_id)
            if article is None or not pattern.search(article.body):
                continue  # one search of the body first: most articles have none of the words
            ids.extend(s.id for s in store.sentences(article_id) if pattern.search(s.text))
        return ids

    def evidence(self, query: Query, filters: Filters | None = None, focus: Focus | None = None,
                 prefer: str | None = None, *, carried: bool = False,
                 parallel: Parallel | None = None) -> tuple[list[Ranked], Judgement]:
        """Ranked evidence. `prefer`: the last answer's story (a follow-up). `carried`: the focus
        entity comes from the last question, not from the asker's words. `parallel`: the last
        question again about another name or country ("and Carlsberg?")."""
        focus = focus or Focus()
        extra = self._entity_sentences(focus, filters) + (self._story_sentences(query, prefer) if prefer else [])
        if parallel is not None and parallel.story:
            extra += self._naming_sentences(focus, parallel)
        # names, and the scope (handled by the scope rules): what is left is what is asked of them
        names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        names += [*focus.years, *focus.months, *focus.counterpart]
        hits = self.retriever.search(query, filters, k=CANDIDATES, extra=extra, names=names)
        hits = self._with_list_items(query, hits, filters)
        ranked = rank(query, focus, hits, prefer)
        if carried:
            # A subject the asker did not name is asserted only from sentences that name it: in
            # Shell's story, "ExxonMobil signed a $12.8bn deal" is no answer to "the deal" of Shell.
            for r in ranked:
                if r.entity > 0.6 and not _names_focus(focus, r.hit.sentence.text):
                    r.score -= 1.5 * (r.entity - 0.6)
                    r.entity = 0.6
            ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
        judged = None
        if parallel is not None:
            # whether the store answers at all is judged on the question's own ranking too: a
            # preference for what was swapped in must not turn an answerable question away
            judged = judge(query, [r.hit for r in ranked[:EVIDENCE_SIZE]])
            ranked = _parallel(ranked, focus, parallel)
        if prefer:
            ranked = _story_first(ranked, prefer, query.text)
        judgement = judge(query, [r.hit for r in ranked[:EVIDENCE_SIZE]])
        if judged is not None and judged.answerable and not judgement.answerable:
            judgement = judged
        return ranked, judgement

    def _naming_sentences(self, focus: Focus, parallel: Parallel) -> list[str]:
        """The last answer's story's sentences that name what an "and X?" follow-up swapped in:
        "Carlsberg saw annual pre-tax profits fall to …" shares no other word with the question."""
        ids = []
        for sentence in self.retriever.store.sentences(parallel.story):
            text = sentence.text
            if any(mentions_any(text.lower(), focus.names_of(i)) for i in parallel.names) or any(
                    p in parties_in(text) for p in parallel.parties):
                ids.append(sentence.id)
        return ids

    def _parallel_of(self, query: Query, focus: Focus, turn: Turn) -> Parallel | None:
        """For an "and X?" follow-up: what was swapped in, and the figures the last answer gave."""
        names = tuple(i for i, key in enumerate(focus.entities) if key not in turn.entities)
        parties = tuple(p for p in query.parties if p not in turn.parties and not any(
            country_of(d) == p for d in turn.display))
        if not names and not parties:
            return None
        units: frozenset[str] = frozenset()
        forecast = False
        if turn.article_id and turn.sentence_id:
            units = figure_kinds([f for f in self.retriever.store.facts(turn.article_id)
                                  if turn.sentence_id in f.sentence_ids])
            answered = self.retriever.store.sentence(turn.sentence_id)
            forecast = answered is not None and bool(_FORECAST.search(answered.text))
        old_parties = tuple(dict.fromkeys(list(turn.parties) + [c for d in turn.display if (c := country_of(d))]))
        old_names = tuple(dict.fromkeys(n.lower() for n in turn.entities + turn.display if n.lower() not in focus.entities))
        return Parallel(names, parties, units, turn.article_id, turn.sentence_id, old_names,
                        tuple(p for p in old_parties if p not in query.parties), forecast)

    def _with_list_items(self, query: Query, hits: list[Hit], filters: Filters | None) -> list[Hit]:
        """For list questions, bring in the top articles' other sentences holding the wanted facts."""
        if not hits or not query.wants_list:
            return hits
        wanted = {"sector": "sector", "party": "party"}.get(query.kind)
        if wanted is None:
            return hits
        present = {h.sentence.id: h for h in hits}
        extra = []
        store = self.retriever.store
        tops = list(dict.fromkeys(h.article.id for h in hits[:5]))[:3]
        for top in (next(h for h in hits if h.article.id == a) for a in tops):
            facts = store.facts(top.article.id)
            listed = [f for f in facts if f.type == wanted]
            # A story that lists several of the wanted facts is a better answer to a list question.
            weight = min(len({f.value for f in listed}), 5) * 0.06
            for fact in listed:
                for sid in fact.sentence_ids:
                    if sid in present:
                        hit = present[sid]
                        if hit.article.id == top.article.id:
                            hit.score = max(hit.score, top.score * 0.8) + weight
                            hit.type_match = True
                        continue
                    sentence = store.sentence(sid)
                    if sentence is None:
                        continue
                    hit = Hit(sentence, top.article, 0.0, top.score * 0.8 + weight, top.coverage * 0.6,
                              top.party_match, True, [f for f in facts if sid in f.sentence_ids])
                    present[sid] = hit
                    extra.append(hit)
        return hits + extra

    # ---- answering ----------------------------------------------------------------------------
    async def answer(self, question: str, filters: Filters | None = None, *,
                     conversation: str | None = None) -> Answer:
        """Answer `question`; `conversation` keys the follow-up memory (None: one-shot)."""
        raw = " ".join(question.split())
        if looks_foreign(raw, self.speller()):
            return await self._foreign(raw, filters, conversation)
        text, read_as, turn, special = self.read(raw, conversation)
        query = analyse(text)
        if special == "story":  # "who else was in the running?": "else" points back, it is not a word to find
            query = replace(analyse(_ELSE.sub(" ", text)), text=text)
        if special == "topic" and turn is not None and text.startswith(turn.question.rstrip(" ?!.") + ": "):
            # "and what about forestry?": the new words lead, in the last answer's story first
            query = replace(analyse(text[len(turn.question.rstrip(" ?!.")) + 2:]), text=text)
        elif special == "topic" and turn is not None:
            # "what are its dog tracks worth?" read as "… Wembley's …": the subject is the focus (and
            # the last story is searched first), but the words to find are the asker's own
            typed = set(stems(raw))
            carried_words = {w for name in turn.display + turn.entities for w in stems(name)} - typed
            own = tuple(t for t in query.terms if not set(stems(t)) <= carried_words)
            if own and len(own) < len(query.terms):
                query = replace(query, terms=own)
        if turn is None and _CONTEXT_ONLY.match(text):
            return Answer(question=text, text=NEEDS_CONTEXT, citations=(), mode="extractive", abstained=True)
        if special in ("who_said", "when") and turn is not None:
            return self._about_last(special, query, turn, read_as, conversation)
        focus = analyse_focus(query, self.retriever.lexicons)
        carried = False
        if (special == "story" and turn is not None and turn.display and not focus.entities and not query.parties
                and not _ELSE.search(text) and not _THING.search(text)):
            # not for "who else …" (others than the last subject), nor an "it" left unread on purpose
            # "how much is the deal worth?" after a question about Shell: Shell's deal, and said so
            focus = analyse_focus(query, self.retriever.lexicons, text=f"{query.text} {turn.display[0]}")
            if focus.entities:
                read_as = f"{text.rstrip()} (about {turn.display[0]})"
                carried = True
        if not focus.entities and not query.parties and _names_no_owner(text):
            # "who is its chief executive?" with nothing "its" can stand for: another firm's answer
            # would look like this one's, so the asker is asked whose
            return Answer(question=query.text, text=NEEDS_WHOSE, citations=(), mode="extractive", abstained=True,
                          read_as=read_as)
        unknown = self._unknown_names(query, focus)
        if unknown:
            return Answer(question=query.text, text=f"The stored articles do not mention {_join(unknown)}.",
                          citations=(), mode="extractive", abstained=True, read_as=read_as)
        prefer = turn.article_id if (turn is not None and special in ("topic", "story")) else None
        parallel = self._parallel_of(query, focus, turn) if (turn is not None and special == "entity") else None
        ranked, judgement = self.evidence(query, filters, focus, prefer, carried=carried, parallel=parallel)
        if judgement.answerable and turn is None and not self._confirmed(raw, text, query, ranked):
            judgement = Judgement(False, "only a respelt name matches", None)
        answer = self._offline(query, focus, ranked, judgement, read_as)
        self._remember(conversation, text, query, focus, answer, turn)
        if answer.abstained or self.llm is None:
            return answer
        evidence = [
            Evidence(n, r.hit.sentence, r.hit.article, tuple(r.hit.facts))
            for n, r in enumerate(ranked[:EVIDENCE_SIZE], start=1)
        ]
        try:
            written = await self.llm.answer(query.text, evidence)
        except LLMUnavailable as exc:
            log.warning("LLM answer failed, answering offline: %s", exc)
            return replace(answer, note=exc.note)
        lead = re.split(r"\s*\[\d+\]", written.text, maxsplit=1)[0].strip() if not written.abstained else ""
        if read_as and not written.abstained:
            written = replace(written, text=f"Showing results for: {read_as}\n{written.text}")
        return replace(written, read_as=read_as, lead=lead, lead_kind="synthesised" if lead else "none")

    def _confirmed(self, raw: str, text: str, query: Query, ranked: Sequence[Ranked]) -> bool:
        """False when typo correction turned a word into a stored name and the best evidence shares
        nothing else with the question: the guess is unconfirmed ("when will the tiktok us sale
        close?" read with "viktor" is not answered by a sentence about Viktor Yushchenko)."""
        typed = set(stems(raw))
        respelt = {w for w in re.findall(r"[a-z][\w'’-]*", text.lower()) if w not in raw.lower()}
        lexicons = self.retriever.lexicons
        guessed = {st for w in respelt if any(lx.is_name(w) or (lx.count(w) and not lx.mostly_lower(w)) for lx in lexicons)
                   for st in stems(w)}  # a word the store writes capitalised: a name
        if not guessed:
            return True
        content = {st for st in stems(" ".join(query.terms)) if len(st) > 2} - guessed
        if not (content & typed):
            return True
        lead = ranked[0].hit if ranked else None  # the sentence the answer would open with
        return lead is None or bool(content & set(stems(f"{lead.sentence.text} {lead.article.title}")))

    def _unknown_names(self, query: Query, focus: Focus) -> list[str]:
        """Capitalised words of the question that the store never uses (a firm it knows nothing of)."""
        lexicons = self.retriever.lexicons
        known_parts = {w for key in focus.entities for w in key.split()}
        unknown = []
        for name in query.names:
            word = name.lower().replace("’", "'")
            word = re.sub(r"'s?$", "", word)
            if word in known_parts or not word.isalpha() or len(word) < 3:
                continue
            if any(lx.count(word) or lx.count(word + "'s") or lx.is_name(word) for lx in lexicons):
                continue
            if parties_in(name) or word in ENGLISH_QUESTION_WORDS or english_counts().get(word, 0) >= COMMON_WORD:
                continue  # "January", "Christmas": words, not names of firms the store lacks
            unknown.append(name)
        return unknown

    def _offline(self, query: Query, focus: Focus, ranked: list[Ranked], judgement: Judgement,
                 read_as: str) -> Answer:
        typed = bool(focus.role or focus.measure or focus.count_noun)
        near = self._near_miss(query, focus, ranked, read_as)
        if near is not None:
            return near
        if not judgement.answerable and typed and focus.entities:
            # the question's own entity, with the attribute asked about, in scope: that answers it
            fits = next((r for r in ranked[:3] if r.attribute and not r.conflict and (
                r.entity >= 0.8 or self._carries(query, focus, r))), None)
            if fits is not None:
                judgement = Judgement(True, "focus", fits.hit.article)
        if not judgement.answerable and query.kind == "sector" and query.parties and ranked:
            # "which sectors did Pakistan and Belarus pick?": their story with its sector facts answers
            fits = next((r for r in ranked[:3] if r.hit.type_match and r.hit.party_match == 1.0), None)
            if fits is not None:
                judgement = Judgement(True, "parties' sectors", fits.hit.article)
        if judgement.answerable and self._other_way_only(focus, ranked):
            judgement = Judgement(False, "the store reports only the other direction", ranked[0].hit.article)
        if not judgement.answerable:
            if focus.entities:
                # the entity is stored (countries and products too), the asked fact is not: said so
                closest = next((r for r in ranked if _names_focus(focus, r.hit.sentence.text)
                                and not _only_compared(r.hit.sentence.text.lower(), [
                                    n for i in range(len(focus.entities)) for n in focus.names_of(i)])), None)
                return near_miss(query, focus, closest, read_as, attribute=_asked_thing(query, focus))
            return abstain(query, judgement, read_as=read_as)
        return self.composer.compose(query, focus, ranked, read_as)

    @staticmethod
    def _other_way_only(focus: Focus, ranked: Sequence[Ranked]) -> bool:
        """A rise asked where the best evidence, carrying the asked measure, reports a fall (or the other way
        round) and none of the next best reports the asked direction. (For a firm the near-miss check
        judges this sentence by sentence; this is for questions naming no firm: a country, or a name
        the store's name index does not know.)"""
        if not ranked or not focus.direction or not (focus.measure or focus.noun):
            return False
        if any(not (country_of(d) or parties_in(d)) for d in focus.display):
            return False
        lead = ranked[0]
        if not lead.attribute or not lead.direction or lead.direction == focus.direction:
            return False
        return not any(r.direction == focus.direction and r.attribute and not r.conflict
                       and (not focus.entities or r.entity >= 0.8) for r in ranked[:5])

    def _near_miss(self, query: Query, focus: Focus, ranked: list[Ranked], read_as: str) -> Answer | None:
        """The near-miss answer when the focus entity is stored but no sentence about it carries
        the asked fact (attribute, scope, direction; a figure when a figure is asked); else None.

        Judged for firms, people and bodies the store names (not countries), on a measure, a role,
        a possessed thing ("ICBC's bad loans") or a counted thing with a direction. For an entity
        named in many articles only sentences naming it are judged, and only when one of them
        carries the attribute at all (the evidence may not hold all its articles)."""
        firms = _firms(focus)
        if not firms or not (focus.role or focus.measure or focus.noun or focus.count_noun):
            return None
        common = len(focus.entity_articles) > MAX_ENTITY_ARTICLES
        firm_of = self._firm_scorer(focus, firms)
        scored = [(firm_of(r), r) for r in ranked]
        about = [r for f, r in scored if f >= 1.0 or (not common and (
            f >= 0.8 or (f >= 0.5 and _PRONOUN_SUBJECT.match(r.hit.sentence.text))))]
        if common and not any(_loosely_has(focus, r) for r in about):
            return None
        past = bool(_PAST.search(query.text))
        # Any sentence of an article naming the firm may hold a measure of it (unless plainly
        # another's); a role or a count must be the firm's own: judged on sentences about it.
        if common:
            pool = [(f, r) for f, r in scored if f >= 1.0]
        elif (focus.measure or focus.noun or focus.count_noun) and not focus.role:
            pool = [(f, r) for f, r in scored if f >= 0.5]
        else:
            pool = [(f, r) for f, r in scored if r in about]
        is_name = self._is_name
        if any(_fits(query, focus, r, past, f, is_name) for f, r in pool):
            return None
        named = [r for r in about if firm_of(r) >= 0.8 and not _owned_by_other(focus, r.hit.sentence.text, is_name)]
        closest = next((r for r in named if _loosely_has(focus, r)), None)
        closest = closest or next(iter(named), None)
        return near_miss(query, focus, closest, read_as, firms)

    def _carries(self, query: Query, focus: Focus, r: Ranked) -> bool:
        """Whether a sentence carries the asked fact of a firm it names, by the near-miss gate's own
        test (`_fits`): "its partner Castellan Labs shed 38%" answers how far Castellan's shares fell,
        though it shares few of the question's words ("after the Velora suspension")."""
        firms = _firms(focus)
        if not firms:
            return False
        firm = self._firm_scorer(focus, firms)(r)
        return firm >= 0.5 and _fits(query, focus, r, bool(_PAST.search(query.text)), firm, self._is_name)

    def _is_name(self, word: str) -> bool:
        """Whether a capitalised word opening a clause is a stored name (not a country, not a word)."""
        key = word.lower().strip(".'’")
        lexicons = self.retriever.lexicons
        return (bool(key) and not country_of(word) and key not in FUNCTION_WORDS
                and any(lx.is_name(key) for lx in lexicons) and not any(lx.mostly_lower(key) for lx in lexicons))

    def _firm_scorer(self, focus: Focus, firms: Sequence[str]):  # type: ignore[no-untyped-def]
        """How surely a hit is about every firm asked about (the least of them): 1 named in the
        sentence (or "the firm" in an article whose title names it), 0.8 its title names it,
        0.5 the store's name index says its article names it, else 0."""
        lexicons = self.retriever.lexicons
        wanted = [i for i, shown in enumerate(focus.display) if shown in firms]
        articles = [{a for lx in lexicons for a in lx.articles_of(focus.entities[i])} for i in wanted]

        def score(r: Ranked) -> float:
            text, title = r.hit.sentence.text.lower(), r.hit.article.title.lower()
            least = 1.0
            for i, where in zip(wanted, articles):
                names = focus.names_of(i)
                if mentions_any(text, names):
                    if not _only_compared(text, names):
                        continue
                    least = 0.0  # named only as a yardstick: "more optimistic than Heineken" is about another
                    continue
                if mentions_any(title, names):
                    least = min(least, 1.0 if FIRM_SUBJECT.search(r.hit.sentence.text) else 0.8)
                else:
                    least = min(least, 0.5 if r.hit.article.id in where else 0.0)
            return least

        return score

    def _about_last(self, special: str, query: Query, turn: Turn, read_as: str, conversation: str | None) -> Answer:
        """"who said that?" and "when?" about the sentence that answered the last question."""
        store = self.retriever.store
        sentence = store.sentence(turn.sentence_id) if turn.sentence_id else None
        article = store.article(turn.article_id) if turn.article_id else None
        if sentence is None or article is None:
            return Answer(question=query.text, text=NOTHING_TO_REFER, citations=(), mode="extractive",
                          abstained=True, read_as=read_as)
        facts = [f for f in store.facts(article.id) if sentence.id in f.sentence_ids]
        citation = (make_citation(1, sentence, article),)
        lead = ""
        if special == "who_said":
            speaker = who_said(store, turn.cited or (sentence.id,), self.retriever.lexicons)
            if speaker is not None and speaker.person:
                said = store.sentence(speaker.sentence_id) or sentence
                named = store.sentence(speaker.named_in) if speaker.named_in else None
                citation = tuple(make_citation(n, s, article) for n, s in enumerate(
                    [said] + ([named] if named is not None else []), start=1))
                lead = f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name
                markers = "[1][2]" if named is not None else "[1]"
                text = f"{lead} {markers}.\n" + "\n".join(f"{c.quote} [{c.n}]" for c in citation)
                self.memory.put(conversation, replace(turn, person=speaker.name))  # "what else did he say?"
            elif speaker is not None:
                # "Standard Chartered said …": a firm speaks; no person is named, so none is made up
                said = store.sentence(speaker.sentence_id) or sentence
                citation = (make_citation(1, said, article),)
                sentence = said
                text = f"The stored sentence names no person, only {speaker.name}: {said.text} [1]"
            else:
                text = f"The stored sentence does not say who said it: {sentence.text} [1]"
        else:
            dates = [f.value for f in facts if f.type == "date" and not f.attrs.get("period")]
            if len(dates) == 1:
                lead = dates[0]
                if article.published and not re.search(r"\b(?:19|20)\d\d\b", lead):
                    lead = f"{lead}, in a report dated {article.published}"  # "this year", "on Tuesday"
                text = f"{lead} [1]."
            elif article.published:
                lead = f"Reported on {article.published}"
                text = f"{lead} [1]."
            else:
                text = f"The stored article gives no date for this: {sentence.text} [1]"
        return Answer(question=query.text, text=(f"Showing results for: {read_as}\n" if read_as else "") + text,
                      citations=citation, mode="extractive", abstained=False, read_as=read_as,
                      lead=lead or sentence.text, lead_kind="synthesised" if lead else "quote")

    async def _foreign(self, question: str, filters: Filters | None, conversation: str | None) -> Answer:
        """One line saying questions and articles are English only; with an LLM, the question is
        also read in English and answered from the store, verified like any other answer."""
        translate = getattr(self.llm, "in_english", None)
        if translate is not None:
            try:
                english = await translate(question)
            except LLMUnavailable as exc:
                log.info("LLM could not read the question in English: %s", exc)
            else:
                if not looks_foreign(english, self.speller()):
                    answer = await self.answer(english, filters, conversation=conversation)
                    shown = answer.text if answer.read_as else f"Showing results for: {english}\n{answer.text}"
                    return replace(answer, question=question, text=f"{ENGLISH_READ}\n{shown}",
                                   read_as=answer.read_as or english)
        return Answer(question=question, text=ENGLISH_ONLY, citations=(), mode="extractive", abstained=True)
