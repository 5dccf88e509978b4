"""List questions that ask for named things ("which banks …", "which two banks …", "which firms won …").

A story often says the kind first and names the items later: "… awarded the contracts to a Canadian
and a Turkish company." comes before "Turkey's Everasia is reported to have won …" and "A Canadian
company, named IOG, …". The sentence that only describes the kind ("two banks", "a Turkish company")
does not answer "which"; the story's sentences after it that name the items do, each cited, in story
order, under the story they come from. A lead naming none of them yields to the story's first list of
names that shares what is said of the items ("Nike and K2 have been mentioned as possible suitors").
A story that never uses the kind's own words ("tobacco" of "which tobacco companies") yields to one
about as good that does and names the items, and a lead naming none of the items (whose story lists
none) yields to another story's sentence about as good that names them; the answer is that one
story, others are at most named after it, never merged in.
A name the question sets aside ("besides Lockheed") is not an item: a sentence that names it yields
to one of the same story naming others. Everything is quoted: no list is synthesised here.

Only list questions come here (the work is one story's sentences, once per question). Sector and
country lists are answered from their facts (`bot.composer`), not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .caching import compiled
from .facts import country_of, parties_in, party_kind
from .entities import FUNCTION_WORDS
from .focus import Focus, mentions_any
from .models import Article, Fact, Sentence
from .question import HEAD_AFTER, QUESTION_WORDS, SET_ASIDE, Query
from .ranking import TIE, UNNAMED_KINDS, Ranked, _NAMES, _SERIES, _YEAR_WORD, _enumeration, _named_list, _other_names
from .retrieval import ANAPHOR, Hit, stems
from .stance import clause_stances, stance
from .nearmiss import _clauses

__all__ = ["ListAsk", "read_list", "list_order", "series_first", "shares_said", "stance_first", "party_items", "asks_one", "country_kind"]

# The kind of thing asked for: "which [of X's] (up to three words) <plural noun> <the rest>".
_KIND = re.compile(
    r"^\s*(?:and\s+)?(?:which|what)\s+(?:of\s+(?:the\s+)?[\w'’-]+\s+)?"
    r"(?P<kind>(?:[\w'’-]+\s+){0,3}?[\w-]*[^s\W]s)(?![\w'’-])(?P<rest>.*)$", re.I)
_KIND_AFTER_NAME = re.compile(r"\s+(?P<kind>(?:[\w'’-]+\s+){0,2}?[\w-]*[^s\W]s)(?![\w'’-])(?P<rest>.*)$", re.I)
_NOT_KIND = frozenset("does do did has have had is are was were will would can could should must may might else its this us plus as"
                       .split())
_COUNT_OF = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), start=2)}
_NUMBERS = frozenset(_COUNT_OF)
# Words for a firm or a body of people: general business English. When the asked kind is one of
# them, a story may call the same things by another ("which firms" -> "a Turkish company").
_BODIES = frozenset("""company companies firm firms group groups business businesses corporation corporations
    bank banks lender lenders maker makers carmaker carmakers manufacturer manufacturers producer producers
    supplier suppliers operator operators carrier carriers airline airlines insurer insurers investor investors
    bidder bidders buyer buyers suitor suitors rival rivals partner partners broker brokers agency agencies
    retailer retailers chain chains venture ventures consortium consortia fund funds exchange exchanges
    giant giants""".split())
# Words for public bodies, one as good as another: "which international bodies …?" is described by "these organisations"
_INSTITUTIONS = frozenset("""body bodies organisation organisations organization organizations institution
    institutions""".split())
# What describes things without naming them: "two banks", "a Turkish company", "several rivals".
_DESCRIBED_BY = r"(?:two|three|four|five|six|seven|eight|nine|ten|a|an|several|some|both|other|these|those)"
# What sets a name aside: "besides Lockheed", "other than Merck", "apart from Nike".
_EXCEPT = re.compile(rf"\b(?:{SET_ASIDE}|excluding|not\s+counting)\s+(.+)$", re.I)
# Kinds listed from their facts (`bot.composer`): sectors, products, countries.
_FACT_LISTED = re.compile(r"^(?:sectors?|areas?|industr(?:y|ies)|fields?|domains?|products?|goods|countries|nations|"
                          r"parties|partners)$")
GATHERED = 4  # item sentences cited at most
WINDOW = 10  # how far down the ranking a sentence of the lead story may be, to lead instead of one naming a set-aside name
SLACK = 0.5  # how much lower another story's sentence naming the items may score than a lead naming none
MIN_SHARED = 2  # words of what is said of the items that a sentence naming a single item must share


@dataclass(frozen=True, slots=True)
class ListAsk:
    """What a list question asks: the kind's words (stems), the words said of the items, names set aside."""

    kind: frozenset[str]  # stems of the kind's words ("tobacco", "compani")
    kind_words: tuple[str, ...]  # the kind's words as typed, its noun last
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
    if query.kind in ("sector", "party", "figure", "date"):
        return None  # (countries and sectors are listed from their facts; a figure or a date is one thing)
    text = query.text.strip().rstrip("?!. ")
    m = _KIND.match(text)
    kind_words: list[str] = []
    rest = text
    if m is not None:
        words = m.group("kind").lower().split()
        if not any(w in _NOT_KIND or w == "of" for w in words) and not _FACT_LISTED.search(words[-1]) and not (
                HEAD_AFTER.match(m.group("rest"))):  # (nor "what like-for-like sales growth …": one growth)
            kind_words, rest = words, m.group("rest")  # (not "which share of goods …": a figure)
    if not kind_words and not query.wants_list:
        return None  # ("which foreign fighter makers …": a kind of three words is a list question too)
    kind_words = [w for w in kind_words if w not in _NUMBERS]  # "which two banks": the kind is banks
    if kind_words and any(kind_words[-1] in (n.lower() for n in focus.names_of(i)) or kind_words[-1] in (
            w for n in focus.names_of(i) for w in n.lower().split()) for i in range(len(focus.entities))):
        # a name ending in s is no kind of things: "which Yukos units …" lists units; "which Yukos spokesman said …?"
        # lists nothing; nor is a name's last word ("which Daiwa Securities SMBC analyst …?")
        after = _KIND_AFTER_NAME.match(rest)
        if after is None:
            return None
        kind_words, rest = after.group("kind").lower().split(), after.group("rest")
    excluded_text = ""
    e = _EXCEPT.search(rest)
    if e is not None:
        excluded_text, rest = e.group(1).lower(), rest[: e.start()]
    names = [focus.names_of(i) for i in range(len(focus.entities))]
    excluded = tuple(n for n in names if excluded_text and mentions_any(excluded_text, n)) + tuple(
        (key,) for key in focus.excluded)  # (the focus itself sets aside the names a "besides" clause gives)
    others = tuple(n for n in names if n not in excluded)
    own = {st for n in names for name in n for st in stems(name)}
    said = {st for st in stems(" ".join(w for w in re.findall(r"[\w'’-]+", rest.lower()) if w not in QUESTION_WORDS))
            if len(st) > 2 and st not in own}
    kind = {st for st in stems(" ".join(kind_words)) if len(st) > 2}  # ("banks" even asked of "Orlan Bank")
    kinds = None
    if kind_words:
        head = re.sub(r"['’]$", "", kind_words[-1])
        written = "|".join(sorted(map(re.escape, _forms(head) | (_BODIES if head in _BODIES else set())
                                      | (_INSTITUTIONS if head in _INSTITUTIONS else set()))))
        kinds = re.compile(rf"\b{_DESCRIBED_BY}\s+(?:[\w'’-]+\s+){{0,2}}?(?:{written})\b", re.I)
    return ListAsk(frozenset(kind), tuple(kind_words), kinds, frozenset(said - kind), excluded, others)


def describes_only(text: str, ask: ListAsk, focus: Focus) -> bool:
    """Whether a sentence describes the asked things without naming them: "… loans by two banks that
    later became part of JP Morgan Chase", "… to a Canadian and a Turkish company"."""
    if ask.kinds is None:
        return False
    found = list(ask.kinds.finditer(text))
    if not found or any(_NAMED_BEFORE.search(text[: m.start()]) for m in found):
        return False  # none, or its names come first: "Pellow Bank and Marsh Cross Bank are the two lenders"
    after = text[found[-1].end():]
    named = _item_names(" " + after, focus)
    described = found[-1].group()
    counted = _COUNT_OF.get(described.split()[0], 0) if described.islower() else 0  # (not a name: "Three Gorges")
    # no name follows the description, or fewer than it counts: "… against five banks it had accused of involvement
    # in the sale of its key Yugansk unit" names no bank
    return not named or len(named) < counted


# Things told apart one by one after their count: "- one accusing it of …, and another alleging …"
_EACH_TOLD = re.compile(r"\b(?:one|the first)\b[^.;]{3,}?\b(?:another|the other|the second|a second)\b", re.I)


def _tells_each(text: str, ask: ListAsk) -> bool:
    """Whether a sentence counts the asked things and then tells each apart, naming none: "Wal-Mart is
    fighting two lawsuits - one accusing it of …, and another alleging …"."""
    if ask.kinds is None:
        return False
    found = list(ask.kinds.finditer(text))
    return bool(found) and bool(_EACH_TOLD.search(text, found[-1].end()))


def _valued(text: str, ask: ListAsk) -> bool:
    """Whether the sentence gives the asked thing as a figure: "a fresh record low of $1.3667"."""
    return ask.kinds is not None and any(_VALUED.match(text, m.end()) for m in ask.kinds.finditer(text))


def _names_set_aside(text: str, ask: ListAsk) -> bool:
    lower = text.lower()
    return any(mentions_any(lower, names) for names in ask.excluded)


def _shared(text: str, ask: ListAsk) -> tuple[int, int]:
    """(words of what is said of the items, words of the kind) that the sentence shares."""
    found = set(stems(text))
    return len(found & ask.said), len(found & ask.kind)


_FIRST_NAME = re.compile(r"[\s\"'“‘(]*([A-Z][\w&-]*)(?:['’]s)?(?![\w&'’-]|\s+[A-Z])")  # a one-word name opening a sentence
_OF_COUNTRY = re.compile(r"\b([A-Z][\w-]*)['’]s\s+(?=[A-Z])")
_COUNTRY_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?=[A-Z])")
_VALUED = re.compile(r"\s*(?:of|at)\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?[$£€¥]?\d")
_NAMED_BEFORE = re.compile(r"\b(?:are|were|is|was)\s+(?:the\s+|all\s+)?$", re.I)  # "X and Y are the two lenders"


IsName = Callable[[str], bool]


def _item_names(text: str, focus: Focus, is_name: IsName | None = None) -> set[str]:
    """The names a sentence holds besides the question's own and countries; not a sentence's first
    word with a number ("About 13,000 slaves …"), but its first word when the store knows it as a
    name ("Turkcell's mobile deal …"; `is_name`)."""
    # "Korea's Hanmoa Marine": the firm is a name though its country is not
    text = _OF_COUNTRY.sub(lambda m: "the " if country_of(m.group(1)) else m.group(0), text)
    # "German Chancellor Gerhard Schroeder": the person is a name though the country's adjective is not
    text = _COUNTRY_BEFORE.sub(lambda m: "the " if country_of(m.group(1)) else m.group(0), text)
    start = text.lstrip(" \"'“‘(").lower()
    found = {n for n in _other_names(text, focus)
             if not (start.startswith(n) and all(re.fullmatch(r"[\d,.]+", w) for w in n.split()[1:]))}
    first = _FIRST_NAME.match(text)
    if first and is_name is not None:
        word = first.group(1).lower()
        own = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        if (word not in FUNCTION_WORDS and is_name(word) and not country_of(first.group(1))
                and not mentions_any(word, own)):
            found.add(word)
    return found


def _named_items(text: str, focus: Focus, is_name: IsName | None) -> tuple[bool, int]:
    """(the sentence lists names, how many names it holds besides the question's own and countries)."""
    names = _item_names(text, focus, is_name)
    return bool(names) and bool(_enumeration(text, True, focus)), len(names)


def _items(lead: Ranked, ask: ListAsk, focus: Focus, sentences: Sequence[Sentence], described: bool,
           is_name: IsName | None) -> list[Sentence]:
    """The story's sentences naming the items, in story order: those listing names and sharing a word
    of the question; after a sentence describing the items, also one naming a single item that shares
    what is said of them ("Turkey's Everasia is reported to have won a contract …")."""
    found = []
    for s in sentences:
        if s.id == lead.hit.sentence.id or _names_set_aside(s.text, ask):
            continue
        listed, names = _named_items(s.text, focus, is_name)
        if not names and ask.kind_words and ask.kind_words[-1] in _INSTITUTIONS:
            # bodies asked: the international ones are parties, not names ("the United Nations, the World Bank and
            # the IMF")
            names = sum(party_kind(p) == "organisation" for p in parties_in(s.text))
            listed = names >= 2
        if not names:
            continue
        said, kind = _shared(s.text, ask)
        if listed and (said or kind) and (described or (said and _joined(s.text))):
            # (after a lead naming nothing, a list joined by "and" that shares what is said of the items:
            # "Nike and K2 have been mentioned as possible suitors", not a sentence crowded with names)
            found.append(s)
        elif described and s.position > lead.hit.sentence.position and said >= MIN_SHARED:
            found.append(s)
    if described and any(s.position > lead.hit.sentence.position for s in found):
        # the items come after the sentence describing them ("… a Canadian and a Turkish company." then each)
        found = [s for s in found if s.position > lead.hit.sentence.position]
    return found[:GATHERED]


def _joined(text: str) -> bool:
    """Names joined into a list by commas and "and"/"or" ("Pellow Bank and Marsh Cross Bank")."""
    return bool(_NAMES.search(text) or _named_list(text))


def _names_items(text: str, ask: ListAsk, focus: Focus, is_name: IsName | None, before: str = "") -> bool:
    """Whether a sentence names things of the asked kind: names joined into a list sharing a word of the
    question, or one name with what is said of the items ("Wipro … has reported a 60% rise in profit").
    `before`: the sentence it goes on from ("It … included representatives of BASF, Siemens and …" after
    "A delegation of European firms visited the SEC"), whose words it shares too."""
    listed, names = _named_items(text, focus, is_name)
    if not names:
        return False
    said, kind = _shared(f"{before} {text}", ask)
    return (listed and _joined(text) and bool(said or kind)) or said >= MIN_SHARED


def _modifiers(ask: ListAsk) -> list[str]:
    """The kind's words before its noun, as typed ("tobacco" of "tobacco companies")."""
    return [w for w in ask.kind_words[:-1] if len(w) > 3]


def _mentions_kind(article: Article, words: Sequence[str]) -> bool:
    text = f"{article.title}\n{article.body}"
    return any(re.search(rf"\b{re.escape(w[: max(4, len(w) - 2)])}", text, re.I) for w in words)


def as_ranked(sentence: Sentence, lead: Ranked, facts: Sequence[Fact]) -> Ranked:
    """A sentence of `lead`'s story that retrieval left out, ranked as `lead` is."""
    hit = Hit(sentence, lead.hit.article, 0.0, lead.hit.score, lead.hit.coverage, lead.hit.party_match,
              lead.hit.type_match, [f for f in facts if sentence.id in f.sentence_ids])
    return Ranked(hit, lead.score, lead.entity, lead.attribute, "", "")


def _gathered(lead: Ranked, ask: ListAsk, focus: Focus, ranked: list[Ranked],
              story: Callable[[str], Sequence[Sentence]], facts: Callable[[str], Sequence[Fact]],
              is_name: IsName | None) -> list[Ranked]:
    """The item sentences of `lead`'s story when `lead` describes the items or names none (else none)."""
    text = lead.hit.sentence.text
    if _valued(text, ask):
        return []  # the lead gives the item itself, a figure ("after hitting a fresh record high of $2,431")
    described = describes_only(text, ask, focus)
    if not described and (ask.kinds is None or _item_names(text, focus, is_name) or (
            ask.kind_words[-1] not in _BODIES and _SERIES.search(text))):
        return []  # (it names things, or lists some in lower case: "textiles, footwear and jewellery")
    article = lead.hit.article.id
    items = _items(lead, ask, focus, story(article), described, is_name)
    if not described:
        items = items[:1]  # the first sentence naming them; more only where a sentence describes them
    known = {r.hit.sentence.id: r for r in ranked if r.hit.article.id == article}
    story_facts = facts(article) if items else ()
    return [known.get(s.id) or as_ranked(s, lead, story_facts) for s in items]


# A sentence listing what the one before it describes: "These include governments which are adopting …",
# "They included the textiles, apparel … sectors", "Those are …".
_THESE_INCLUDE = re.compile(r"[\"“‘']?(?:These|They|Those)\s+(?:include|included|includes|are|were)\b")


def _these_include(lead: Ranked, ranked: list[Ranked], story: Callable[[str], Sequence[Sentence]],
                   facts: Callable[[str], Sequence[Fact]]) -> list[Ranked]:
    """The story's sentence right after the lead when it lists what the lead describes ("… if countries meet
    several "mandatory criteria"." then "These include governments which are adopting costly structural
    reforms, …"), or none."""
    article = lead.hit.article.id
    after = next((s for s in story(article) if s.position == lead.hit.sentence.position + 1), None)
    if after is None or not _THESE_INCLUDE.match(after.text):
        return []
    known = next((r for r in ranked if r.hit.sentence.id == after.id), None)
    return [known or as_ranked(after, lead, facts(article))]


def _years_given(ask: ListAsk, text: str) -> bool:
    """(Years asked: "which years does the claim cover?") whether a sentence names years itself ("for the 2001-2003
    period"): the lead names the asked things, so no other story's sentence is sought for them."""
    return ask.kind_words[-1] in ("year", "years") and _YEAR_WORD.search(text) is not None


def list_order(query: Query, focus: Focus, ranked: list[Ranked],
               story: Callable[[str], Sequence[Sentence]],
               facts: Callable[[str], Sequence[Fact]], is_name: IsName | None = None) -> tuple[list[Ranked], int]:
    """For a list question of named things: the ranking with the lead story's item sentences first,
    and how many of them lead (0: nothing changed, the answer is written as before). `is_name` tells
    whether a word (lower case) is a name the store knows."""
    ask = read_list(query, focus)
    if ask is None or not ranked or (ask.kind_words and ask.kind_words[-1] in UNNAMED_KINDS):
        return ranked, 0
    lead = ranked[0]
    if _tells_each(lead.hit.sentence.text, ask):
        return ranked, 0  # "two lawsuits - one accusing it of …, another alleging …": the lead is the list
    modifiers = _modifiers(ask)
    if modifiers and not _mentions_kind(lead.hit.article, modifiers):
        # "which tobacco companies …": a story that never says "tobacco" is about other things; one
        # about as good that does, and names the items, answers
        for other in ranked[1:WINDOW]:
            if (other.hit.article.id == lead.hit.article.id or other.conflict or other.score < lead.score - TIE
                    or not _mentions_kind(other.hit.article, modifiers)):
                continue
            found = _gathered(other, ask, focus, ranked, story, facts, is_name)
            if not found and _named_items(other.hit.sentence.text, focus, is_name)[0] and any(
                    _shared(other.hit.sentence.text, ask)):
                found = [other]  # it names them itself ("Among the firms accused were …")
            if found:
                return found + [r for r in ranked if r not in found], len(found)
            break
    found = _gathered(lead, ask, focus, ranked, story, facts, is_name)
    if not found and modifiers:
        # the lead story says the asked kind, and a sentence of it about as good names the items itself
        naming = next((r for r in ranked[1:WINDOW] if r.hit.article.id == lead.hit.article.id and not r.conflict
                       and r.score >= lead.score - SLACK and _named_items(r.hit.sentence.text, focus, is_name) >= (True, 2)
                       and any(_shared(r.hit.sentence.text, ask))), None)
        found = [naming] if naming is not None else []
    if not found:
        found = _these_include(lead, ranked, story, facts)
    if found:
        return found + [r for r in ranked if r not in found], len(found)
    text = lead.hit.sentence.text
    if ask.kinds is not None and not describes_only(text, ask, focus) and not _item_names(text, focus, is_name) and not (
            ask.kind_words[-1] not in _BODIES and _SERIES.search(text)) and not _years_given(ask, text):
        # the lead names none of the asked things and its story lists none: a sentence of another story
        # about as good that names them answers ("Yukos is suing four companies - Gazprom, …")
        for other in ranked[1:WINDOW]:
            if other.hit.article.id == lead.hit.article.id or other.conflict or other.score < lead.score - SLACK:
                continue
            previous = other.hit.previous
            before = previous.text if previous is not None and ANAPHOR.match(other.hit.sentence.text) else ""
            if _names_set_aside(other.hit.sentence.text, ask) or not _names_items(other.hit.sentence.text, ask, focus,
                                                                                 is_name, before):
                continue
            return [other] + [r for r in ranked if r is not other], 1
    article = lead.hit.article.id
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


_PARTY_KIND = re.compile(r"\b(?:countries|country|nations?|parties|partners?|states|governments)\b", re.I)


def shares_said(query: Query, text: str, names: Sequence[str] = ()) -> int:
    """(A list of countries) how many words of what the question says of them the sentence shares:
    "which countries has Venezuela signed oil deals with?" -> "signed", "oil", "deals"; not the
    names of the question's own parties and entities (`names`): "which countries does Mittal Steel
    have large operations in?" -> "large", "operations" ("Mittal Steel was formed …" says neither)."""
    own = {st for p in (*query.parties, *names) for st in stems(p)}
    words = [w for w in re.findall(r"[\w'’-]+", _PARTY_KIND.sub(" ", query.text).lower()) if w not in QUESTION_WORDS]
    said = {st for st in stems(" ".join(words)) if len(st) > 2} - own
    return len(said & set(stems(text)))


_KIND_WORDS = re.compile(r"\b(?:new|other|main|key|sectors?|areas?|industr(?:y|ies)|fields?|domains?|products?|goods)\b",
                         re.I)


def series_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(Which sectors / areas, where no sector fact is stored in the leading story) the story's sentence
    listing things in a series ("the digital economy, the green economy and supply-chain connectivity")
    that shares a word of what is asked ("the upgrade adds …") leads, when the lead lists nothing."""
    if not ranked or _SERIES.search(ranked[0].hit.sentence.text):
        return ranked
    lead = ranked[0]
    words = [w for w in re.findall(r"[\w'’-]+", _KIND_WORDS.sub(" ", query.text).lower()) if w not in QUESTION_WORDS]
    said = {st for st in stems(" ".join(words)) if len(st) > 2}
    for r in ranked[1:WINDOW]:
        if r.hit.article.id != lead.hit.article.id or r.conflict or not _SERIES.search(r.hit.sentence.text):
            continue
        if said & set(stems(r.hit.sentence.text)):
            return [r] + [x for x in ranked if x is not r]
    return ranked


def _said_in(fact: Fact, clause: str) -> bool:
    """Whether a party or sector fact is written in the clause (by any of its mentions or its phrase)."""
    lower = clause.lower()
    forms = [str(m) for m in fact.attrs.get("mentions") or ()] + [str(fact.attrs.get("phrase") or ""), fact.value]
    return any(f and re.search(rf"(?<![\w-]){re.escape(f.lower())}(?![\w-])", lower) for f in forms)


def stance_first(query: Query, ranked: list[Ranked], story: Callable[[str], Sequence[Sentence]],
                 facts: Callable[[str], Sequence[Fact]], wanted: str) -> tuple[list[Ranked], dict[str, list[str]] | None]:
    """(A list of parties or sectors asked with a stance: "which countries turned down the offer?") the
    lead story's sentences whose clauses take that stance and name items, first, in story order, and
    the items each may give (only those written in such a clause). None when no stance is asked; an
    empty dict when the story names no item in a clause taking it (nothing is listed: the best
    sentence is quoted)."""
    asked = stance(query.text)
    if not asked or not ranked:
        return ranked, None
    lead = ranked[0]
    article = lead.hit.article.id
    story_facts = facts(article)
    typed = [f for f in story_facts if f.type == wanted and f.value not in query.parties]
    allowed: dict[str, list[str]] = {}
    picked: list[Sentence] = []
    for s in story(article):
        for start, end, taken in clause_stances(s.text):
            if taken != asked:
                continue
            clause = s.text[start:end]
            for f in typed:
                if s.id in f.sentence_ids and _said_in(f, clause) and f.value not in allowed.get(s.id, ()):
                    allowed.setdefault(s.id, []).append(f.value)
        if s.id in allowed:
            picked.append(s)
    if not picked:
        return ranked, {}
    known = {r.hit.sentence.id: r for r in ranked if r.hit.article.id == article}
    first = [known.get(s.id) or as_ranked(s, lead, story_facts) for s in picked]
    return first + [r for r in ranked if r not in first], allowed


def _forms_of(fact: Fact) -> list[str]:
    return [f for f in dict.fromkeys([*(str(m) for m in fact.attrs.get("mentions") or ()), fact.value]) if f]


# words that link a country to something else than the name after them ("overtook the US to become Japan's …")
_LINKS = r"(?:to|by|with|from|than|for|over|against|as|into|on|at|in|of|that|which|who|and\s+then)"


def _describes_entity(fact: Fact, text: str, names: Sequence[str]) -> bool:
    """Whether every mention of a country in the sentence says whose the question's own entity is:
    "Shares in UK drinks and food firm Allied Domecq …" (the UK is no bidder for Allied Domecq)."""
    lower = text.lower()
    spots = [m for form in _forms_of(fact)
             for m in compiled(rf"(?<![\w-]){re.escape(form.lower())}(?![\w-])").finditer(lower)]
    if not spots or not names:
        return False
    entity = "|".join(sorted((re.escape(n.lower()) for n in names), key=len, reverse=True))
    follows = re.compile(rf"(?:['’]s)?\s+(?:(?!{_LINKS}\s)[\w&'’-]+\s+){{0,4}}?(?<!and )(?<!or )(?:{entity})(?![\w-])")
    return all(follows.match(lower, m.end()) for m in spots)


def party_items(query: Query, text: str, found: Sequence[Fact], names: Sequence[str]) -> list[Fact]:
    """(A list of countries) the sentence's countries that are items: not one saying whose the
    question's entity is, and, when the sentence has several clauses and some say what was asked
    ("It employs 50,000 staff in Kazakhstan alone, and has large operations in Romania, …"), only
    those of such clauses."""
    kept = [f for f in found if not _describes_entity(f, text, names)]
    clauses = _clauses(text)
    if len(clauses) > 1:
        saying = [c for c in clauses if shares_said(query, c, names)]
        if saying:
            kept = [f for f in kept if any(_said_in(f, c) for c in saying)]
    return kept


_ONE = re.compile(r"\b(?:which|what)\s+(?:country|nation|party|partner|state|government)\b(?!s)", re.I)


def asks_one(query: Query) -> bool:
    """Whether a country question asks for one ("which country became …", "which country's firm …")."""
    return bool(_ONE.search(query.text))


_COUNTRIES_ASKED = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:countr(?:y|ies)|nations?)\b", re.I)


def country_kind(query: Query, fact: Fact) -> bool:
    """Whether a party can be an item of the question: "which countries …" asks countries (a bloc such
    as the G7 or an organisation such as the IMF is none); "which parties/partners …" asks any."""
    return not _COUNTRIES_ASKED.search(query.text) or fact.attrs.get("kind") in (None, "country", "territory")
