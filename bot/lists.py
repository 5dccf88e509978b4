"""List questions that ask for named things ("which banks …", "which two banks …", "which firms won …").

A story often says the kind first and names the items later: "… awarded the contracts to a Canadian
and a Turkish company." comes before "Turkey's Everasia is reported to have won …" and "A Canadian
company, named IOG, …". The sentence that only describes the kind ("two banks", "a Turkish company")
does not answer "which"; the story's sentences after it that name the items do, each cited, in story
order, under the story they come from. A name the question sets aside ("besides Lockheed") is not
an item: a sentence that names it yields to one of the same story naming others.

Only list questions come here (the work is one story's sentences, once per question). Sector and
country lists are answered from their facts (`bot.composer`), not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .facts import country_of
from .focus import Focus, mentions_any
from .models import Fact, Sentence
from .question import QUESTION_WORDS, Query
from .ranking import Ranked, _SERIES, _enumeration, _other_names
from .retrieval import Hit, stems

__all__ = ["ListAsk", "read_list", "list_order"]

# The kind of thing asked for: "which [of X's] (up to three words) <plural noun> <the rest>".
_KIND = re.compile(
    r"^\s*(?:and\s+)?(?:which|what)\s+(?:of\s+(?:the\s+)?[\w'’-]+\s+)?"
    r"(?P<kind>(?:[\w'’-]+\s+){0,3}?[\w-]*[^s\W]s)(?![\w'’-])(?P<rest>.*)$", re.I)
_NOT_KIND = frozenset("does do did has have had is are was were else its this us plus as".split())
_NUMBERS = frozenset("two three four five six seven eight nine ten".split())
# Words for a firm or a body of people: general business English. When the asked kind is one of
# them, a story may call the same things by another ("which firms" -> "a Turkish company").
_BODIES = frozenset("""company companies firm firms group groups business businesses corporation corporations
    bank banks lender lenders maker makers carmaker carmakers manufacturer manufacturers producer producers
    supplier suppliers operator operators carrier carriers airline airlines insurer insurers investor investors
    bidder bidders buyer buyers suitor suitors rival rivals partner partners broker brokers agency agencies
    retailer retailers chain chains venture ventures consortium consortia fund funds exchange exchanges
    giant giants""".split())
# What describes things without naming them: "two banks", "a Turkish company", "several rivals".
_DESCRIBED_BY = r"(?:two|three|four|five|six|seven|eight|nine|ten|a|an|several|some|both|other)"
# What sets a name aside: "besides Lockheed", "other than Merck", "apart from Nike".
_EXCEPT = re.compile(r"\b(?:besides|apart from|aside from|other than|except(?:\s+for)?|excluding|not counting)\s+(.+)$",
                     re.I)
GATHERED = 4  # item sentences cited at most
WINDOW = 10  # how far down the ranking a sentence of the lead story may be, to lead instead of one naming a set-aside name
MIN_SHARED = 2  # words of what is said of the items that a sentence naming a single item must share


@dataclass(frozen=True, slots=True)
class ListAsk:
    """What a list question asks: the kind's words (stems), the words said of the items, names set aside."""

    kind: frozenset[str]  # stems of the kind's words ("tobacco", "compani")
    kinds: re.Pattern[str] | None  # the kind described without a name: "two banks", "a Turkish company"
    said: frozenset[str]  # stems of what is said of the items ("won", "contract")
    excluded: tuple[tuple[str, ...], ...]  # names of the focus entities set aside, per entity
    others: tuple[tuple[str, ...], ...]  # names of the focus entities that are not set aside


def _forms(noun: str) -> set[str]:
    """A plural noun and its singular: "banks" -> {banks, bank}; "companies" -> {companies, company}."""
    forms = {noun}
    if noun.endswith("ies"):
        forms.add(noun[:-3] + "y")
    elif noun.endswith(("ses", "xes", "ches", "shes")):
        forms.add(noun[:-2])
    elif noun.endswith("s"):
        forms.add(noun[:-1])
    return forms


def read_list(query: Query, focus: Focus) -> ListAsk | None:
    """The list question's parts, or None when it is no list question of named things."""
    if query.kind in ("sector", "party"):
        return None
    text = query.text.strip().rstrip("?!. ")
    m = _KIND.match(text)
    kind_words: list[str] = []
    rest = text
    if m is not None:
        words = m.group("kind").lower().split()
        if not any(w in _NOT_KIND for w in words):
            kind_words, rest = words, m.group("rest")
    if not kind_words and not query.wants_list:
        return None  # ("which foreign fighter makers …": a kind of three words is a list question too)
    kind_words = [w for w in kind_words if w not in _NUMBERS]  # "which two banks": the kind is banks
    excluded_text = ""
    e = _EXCEPT.search(rest)
    if e is not None:
        excluded_text, rest = e.group(1).lower(), rest[: e.start()]
    names = [focus.names_of(i) for i in range(len(focus.entities))]
    excluded = tuple(n for n in names if excluded_text and mentions_any(excluded_text, n))
    others = tuple(n for n in names if n not in excluded)
    own = {st for n in names for name in n for st in stems(name)}
    said = {st for st in stems(" ".join(w for w in re.findall(r"[\w'’-]+", rest.lower()) if w not in QUESTION_WORDS))
            if len(st) > 2 and st not in own}
    kind = {st for st in stems(" ".join(kind_words)) if len(st) > 2}  # ("banks" even asked of "Orlan Bank")
    kinds = None
    if kind_words:
        head = re.sub(r"['’]$", "", kind_words[-1])
        written = "|".join(sorted(map(re.escape, _forms(head) | (_BODIES if head in _BODIES else set()))))
        kinds = re.compile(rf"\b{_DESCRIBED_BY}\s+(?:[\w'’-]+\s+){{0,2}}?(?:{written})\b", re.I)
    return ListAsk(frozenset(kind), kinds, frozenset(said - kind), excluded, others)


def describes_only(text: str, ask: ListAsk, focus: Focus) -> bool:
    """Whether a sentence describes the asked things without naming them: "… loans by two banks that
    later became part of JP Morgan Chase", "… to a Canadian and a Turkish company"."""
    if ask.kinds is None:
        return False
    found = list(ask.kinds.finditer(text))
    if not found or any(_NAMED_BEFORE.search(text[: m.start()]) for m in found):
        return False  # none, or its names come first: "Pellow Bank and Marsh Cross Bank are the two lenders"
    after = text[found[-1].end():]
    return not _item_names(" " + after, focus)  # no name follows the description


def _names_set_aside(text: str, ask: ListAsk) -> bool:
    lower = text.lower()
    return any(mentions_any(lower, names) for names in ask.excluded)


def _shared(text: str, ask: ListAsk) -> tuple[int, int]:
    """(words of what is said of the items, words of the kind) that the sentence shares."""
    found = set(stems(text))
    return len(found & ask.said), len(found & ask.kind)


_OF_COUNTRY = re.compile(r"\b([A-Z][\w-]*)['’]s\s+(?=[A-Z])")
_NAMED_BEFORE = re.compile(r"\b(?:are|were|is|was)\s+(?:the\s+|all\s+)?$", re.I)  # "X and Y are the two lenders"


def _item_names(text: str, focus: Focus) -> set[str]:
    """The names a sentence holds besides the question's own and countries; not a sentence's first
    word with a number ("About 13,000 slaves …")."""
    # "Korea's Hanmoa Marine": the firm is a name though its country is not
    text = _OF_COUNTRY.sub(lambda m: "the " if country_of(m.group(1)) else m.group(0), text)
    start = text.lstrip(" \"'“‘(").lower()
    return {n for n in _other_names(text, focus)
            if not (start.startswith(n) and all(re.fullmatch(r"[\d,.]+", w) for w in n.split()[1:]))}


def _named_items(text: str, focus: Focus) -> tuple[bool, int]:
    """(the sentence lists names, how many names it holds besides the question's own and countries)."""
    names = _item_names(text, focus)
    return bool(names) and bool(_enumeration(text, True, focus)), len(names)


def _items_after(lead: Ranked, ask: ListAsk, focus: Focus, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences after a describing one, in story order, that name the items it describes."""
    found = []
    for s in sentences:
        if s.position <= lead.hit.sentence.position or _names_set_aside(s.text, ask):
            continue
        listed, names = _named_items(s.text, focus)
        if not names:
            continue
        said, kind = _shared(s.text, ask)
        if listed and (said or kind):
            found.append(s)
        elif said >= MIN_SHARED:
            found.append(s)  # "Turkey's Everasia is reported to have won a contract …": one item
    return found[:GATHERED]


def _as_ranked(sentence: Sentence, lead: Ranked, facts: Sequence[Fact]) -> Ranked:
    hit = Hit(sentence, lead.hit.article, 0.0, lead.hit.score, lead.hit.coverage, lead.hit.party_match,
              lead.hit.type_match, [f for f in facts if sentence.id in f.sentence_ids])
    return Ranked(hit, lead.score, lead.entity, lead.attribute, "", "")


def list_order(query: Query, focus: Focus, ranked: list[Ranked],
               story: Callable[[str], Sequence[Sentence]],
               facts: Callable[[str], Sequence[Fact]]) -> tuple[list[Ranked], int]:
    """For a list question of named things: the ranking with the lead story's item sentences first,
    and how many of them lead (0: nothing changed, the answer is written as before)."""
    ask = read_list(query, focus)
    if ask is None or not ranked:
        return ranked, 0
    lead = ranked[0]
    article = lead.hit.article.id
    if describes_only(lead.hit.sentence.text, ask, focus):
        items = _items_after(lead, ask, focus, story(article))
        if items:
            known = {r.hit.sentence.id: r for r in ranked if r.hit.article.id == article}
            story_facts = facts(article)
            first = [known.get(s.id) or _as_ranked(s, lead, story_facts) for s in items]
            return first + [r for r in ranked if r not in first], len(first)
    if ask.excluded and _names_set_aside(lead.hit.sentence.text, ask):
        for r in ranked[1:WINDOW]:
            if r.hit.article.id != article or r.conflict or _names_set_aside(r.hit.sentence.text, ask):
                continue
            text = r.hit.sentence.text
            said, kind = _shared(text, ask)
            names_other = any(mentions_any(text.lower(), n) for n in ask.others)
            if (_enumeration(text, True, focus) or _SERIES.search(text)) and (said or kind or names_other):
                return [r] + [x for x in ranked if x is not r], 1
    return ranked, 0
