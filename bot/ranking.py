"""Ranking evidence by the question's focus: what is asked of whom, in which scope.

`rank` re-scores retrieval hits for one question (the entity named, the attribute carried, the
scope kept, a figure of the asked kind, a cause for a why-question, the items for a list);
`_parallel` re-ranks for an "and X?" follow-up. No answer is written here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .caching import compiled
from .causes import Asked, asked_event
from .entities import FUNCTION_WORDS
from .focus import (AT_ONCE, afterthought, main_clause, priced_amount, _CAUSE_ASKED, _COMPARED, _adjustment, _FORECAST, _PER_SHARE, _MEASURE_OF, ROLE_SYNONYMS, WHICH_PERSON, Focus,
                    mentions_any)
from .models import Fact
from .question import CONTRASTED_TAIL, NAME_ASKED, QUESTION_WORDS, SET_AGAINST_ASIDE, SET_ASIDE, SINGULAR_S, Query
from .retrieval import MOVED_VERBS, TEENS, Hit
from .facts import country_of, parties_in
from .facts.parties import party_kind


TIE = 0.15  # scores this close are a tie between stories
INHERITED = 0.9  # a sentence referring back ("It", "The firm") to one naming the focus entity


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
    {"plant", "factory"}, {"car", "vehicle", "unit"}, {"people", "population", "inhabitant", "resident"},
]


# A rank in words or digits ("fourth", "21st")
# "what rating does Moody's give Russia's debt?": a grade, which only a sentence giving one answers
RATING_ASKED = re.compile(r"\bwhat\s+(?:credit\s+)?(?:rating|grade)\b", re.I)
GRADE = re.compile(r"(?<![\w-])(?:AAA|AA[+-]?|A[+-]|BBB[+-]?|BB[+-]?|B[+-]|CCC[+-]?|Aa[1-3]|Baa[1-3]|Ba[1-3]|"
                    r"Caa[1-3])(?![\w-])|(?i:\b(?:investment[- ]grade|junk|speculative|triple[- ]?a)\b)")
ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))"
# How many times, said as the latest's rank: "it is the sixth time in three years …"
NTH_TIME = re.compile(rf"\b{ORDINAL}\s+time\b", re.I)


def _count_nouns(focus: Focus) -> set[str]:
    """The counted thing and the words news uses for it ("aircraft": planes, jets)."""
    nouns = {w.rstrip("s") for w in focus.count_noun}
    for group in _COUNTED_AS:
        if nouns & group:
            nouns |= group
    if {w.rstrip("s") for w in focus.count_noun} & {"worker", "employee"}:
        nouns |= {"worker", "employee", "people"}  # "how many UK workers …?": "12 million working people"
    if nouns & {"company", "companie"}:  # (of "companies", less its "s")
        nouns |= {"firm"}  # "how many companies …?": "… planning to renationalise 3,000 firms" (but firms counted are
        # not any company a sentence speaks of: "The US company also said …")
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


# a number that may be a count: not a share ("15.1%") nor an amount of money ("£7.1bn")
_A_COUNT = re.compile(r"(?<![£$€¥\d.,])(?<![£$€¥] )\b(?:(?!(?:19|20)\d\d\b)\d[\d,.]*(?!\d)(?![\d.,]*\s*(?:%|per ?cent|bn\b|m\b))"
                      r"(?:\s*(?:million|billion|bn|m)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      rf"twelve|{TEENS}|twenty|thirty|forty|fifty|"
                      r"hundred|thousand|dozen|million)\b", re.I)


# A count asked beside someone named ("how many people besides calisto tanzi …?"), and one given so: "… and 28 others"
_BESIDES = re.compile(rf"\b(?:{SET_ASIDE}|as\s+well\s+as|in\s+addition\s+to|alongside)\s+[a-z]", re.I)
_OTHERS_COUNTED = re.compile(r"\band\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|"
                             r"\w+ty(?:-\w+)?)\s+others\b", re.I)


def _counts(text: str, focus: Focus) -> bool:
    """Whether a number counts the asked thing: "36 planes", "2,850 jobs", "three new plants"."""
    nouns = _count_nouns(focus)
    for m in re.finditer(r"(?<![\w.])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                         rf"eleven|twelve|{TEENS}|twenty|"
                         r"thirty|forty|fifty|hundred|dozen)\b((?:\s+[\w-]+){1,3})", text, re.I):
        if any(w.lower().rstrip("s") in nouns for w in m.group(1).split()):
            return True
    return False


def _has_attribute(query: Query, focus: Focus, hit: Hit) -> bool:
    text = hit.sentence.text
    if focus.at_once and AT_ONCE.search(text) and any(f.type == "figure" for f in hit.facts):
        return True  # "Fiat is to get 1bn euros immediately", asked what GM pays straight away
    if RATING_ASKED.search(query.text) and GRADE.search(text):
        return True  # a rating asked: a grade given, whatever the rated debt is called ("… bonds as investment grade")
    if focus.role:
        people = _person_facts(hit)
        if any(focus.role_of(f) and focus.person_linked(f, hit.sentence, hit.article) for f in people):
            return True
        qualified = focus.role_in_text(text)
        if qualified:  # "natural resources minister Yuri Trutnev" for Russia's economy minister: another role
            return qualified == "match"
        if any(f.attrs.get("role") for f in people):
            return False  # the people it names hold other roles, or roles elsewhere
        if _held_by(focus, text):
            return True  # "Jet, which was founded by travel agent Naresh Goyal": the role as a verb
        lower = text.lower()
        return all(w in lower or w in ("of", "for") or any(o in lower for o in ROLE_SYNONYMS.get(w, ()))
                   for w in focus.role if len(w) > 2) and bool(
            re.search(r"\b(chief|minister|chairman|chairwoman|chair|president|head|director|governor|boss|ceo|secretary)\b", lower))
    if focus.count_noun:
        if _count_facts(hit, focus) or ("times" in focus.count_noun and NTH_TIME.search(text)):
            return True  # ("how many times …?": "… for the fourth time in a decade")
        if counts_run(text, focus):
            return True  # ("how many years in a row …?": "… the fifth year in a row")
        if _BESIDES.search(query.text) and _OTHERS_COUNTED.search(text):
            return True  # ("how many people besides calisto tanzi …?": "… against Mr Tanzi and 28 others")
        lower = text.lower()
        # the counted thing, with a number that may count it: "how many new mortgages …" is not carried by
        # "the UK's biggest mortgage lender said prices rose 15.1%" (a share, no count)
        return any(w in lower for w in _count_nouns(focus)) and bool(_A_COUNT.search(text))
    if focus.measure:
        figures = [f for f in hit.facts if f.type == "figure"]
        if focus.measure == "price" and any(f.attrs.get("currency") and not f.attrs.get("measure") for f in figures) \
                and re.search(r"\b(?:a|per) (?:barrel|share|tonne|ounce|unit)\b", text):
            return True  # "jumped to $53.09 a barrel": a price without the word
        if focus.measure_in(text, figures):
            return True
        # "… said it fell to 9.6% in December" right after "Brazil's unemployment rate fell to …": "it" is the
        # measure the sentence before names
        return bool(IT_CHANGED.search(text)) and hit.previous is not None and focus.measure_in(hit.previous.text)
    return True


IT_CHANGED = re.compile(rf"\b(?:it|It)\s+(?:has\s+|had\s+)?(?:{MOVED_VERBS}|stood|was|reached)\s+(?:by\s+|to\s+|at\s+)?"
                        r"(?:a\s+|an\s+)?[\d$£€]")


# A role written as the verb of a passive, with the person after "by": "founded by Naresh Goyal".
_ROLE_BY = {"founder": r"(?:co-)?founded|set up|started|created|established", "chair": "chaired",
            "chairman": "chaired", "chairwoman": "chaired", "head": "headed|led", "boss": "run|headed|led"}


def _held_by(focus: Focus, text: str) -> bool:
    """Whether the sentence gives the asked role as a passive verb followed by a person's name."""
    verbs = "|".join(_ROLE_BY[w] for w in focus.role if w in _ROLE_BY)
    return bool(verbs) and bool(re.search(
        rf"\b(?:{verbs})\s+by\s+(?:[\w-]+\s+){{0,4}}?[A-Z][\w'’-]+\s+[A-Z][\w'’-]+", text))


_ITEM = r"[\w'’&.-]+(?:\s+[\w'’&.-]+){0,3}?"
_SERIES = re.compile(rf"\b{_ITEM}(?:,\s+{_ITEM})+,?\s+and\s+[\w'’&.-]+")  # "sugar, plastics and tea"
_NAME = r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*"
_NAMES = re.compile(rf"(?<!^)(?<!\bin )(?<!\bat )(?<!\bof )(?<![A-Za-z]){_NAME}(?:,\s+(?:its\s+\w+\s+)?{_NAME})*,?\s+(?:and|or)\s+(?:its\s+\w+\s+)?{_NAME}")
# Kinds of thing that have no names ("which two things do analysts warn could hurt exports?"): a sentence
# listing names is not their list
UNNAMED_KINDS = frozenset("things factors reasons risks threats ways issues problems steps kinds types sorts events "
                          "circumstances".split())
# "which banks …", "which oil companies …": named things are wanted (not "which is …", "which does …")
_WHICH_NAMED = re.compile(r"\bwhich\s+(?!(?:is|was|has|does|its|this|us)\b)(?:[a-z]+\s+)?"
                          rf"(?!(?:is|was|has|does|its|this|us|{'|'.join(sorted(SINGULAR_S))})\b)[a-z]+[^s\W]s\b",
                          re.I)  # (not "which rival has", "which news agency")
# "what products were in big demand …?": the kind of thing asked, as a list question names it
_KIND_ASKED = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?:other\s+|kinds?\s+of\s+|sorts?\s+of\s+)?"
                         r"(?:(?!other\b)[a-z]+\s+)?(products|goods|items|exports|imports|crops)\b", re.I)  # ("which farm products")
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


def _other_names(text: str, focus: Focus | None) -> frozenset[str]:
    """The names a sentence holds other than the question's own, its opening word and countries
    ("It plans to buy Associated Cement Companies (ACC), Ambuja Cement Eastern …")."""
    own = tuple(n for i in range(len(focus.entities)) for n in focus.names_of(i)) if focus is not None else ()
    return _names_besides(text, own)


@lru_cache(maxsize=8192)
def _names_besides(text: str, own: tuple[str, ...]) -> frozenset[str]:
    """`_other_names`, kept per sentence and question: the ranking asks it of the same sentence many times."""
    found = set()
    for m in _NAME_RUN.finditer(text):
        words = [w.strip(".'’") for w in m.group().split()]
        while words and (words[0].lower() in FUNCTION_WORDS or words[0].lower() in _NOT_ITEMS or (
                len(words) > 1 and re.search(r"['’]s$", words[0]) and country_of(words[0][:-2]))):
            words = words[1:]  # (and a country owning the name: "Australia's BHP Billiton" names BHP Billiton)
        if not words or (m.start() == 0 and len(words) == 1 and not (len(words[0]) > 1 and words[0].isupper())):
            continue  # a sentence's first word is capitalised anyway (unless in capitals: "SBC employs …")
        run = " ".join(words)
        lower = run.lower()
        if lower in _NOT_ITEMS or mentions_any(lower, own) or any(lower in n for n in own):
            continue
        if country_of(run) or parties_in(run):
            continue  # "Indian", "China", "the EU": countries are listed from their facts, not as names
        found.add(lower)
    return frozenset(found)


def elsewhere_only(text: str, asked: set[str] | frozenset[str], places_only: bool = False) -> bool:
    """Whether a sentence names countries (or blocs), but none of those asked about: it speaks of somewhere
    else ("23,500 people in the Maldives are also facing poverty", asked of India). False when none is asked.
    With `places_only`, a body it names beside them (the WTO) is no place."""
    if not asked:
        return False
    found = {p for p in parties_in(text) if not places_only or party_kind(p) != "organisation"}
    return bool(found) and not found & asked


def asked_countries(focus: Focus) -> set[str]:
    """The countries (and blocs) among the focus entities; not bodies such as the WTO."""
    return {c for d in focus.display if (c := country_of(d)) and party_kind(c) != "organisation"}


LISTED_NAMES = 3  # names besides the question's own that make a sentence a list of names


def _enumeration(text: str, named: bool, focus: Focus | None = None) -> float:
    """For a list question: a sentence that lists things holds its items ("sugar, plastics and tea");
    when names are asked for ("which banks"), a list of names ("UBS and ABN Amro"), not of places
    ("in London and Hong Kong"), or several names other than the question's own."""
    if named:
        listed = _NAMES.search(text) or _named_list(text) or len(_other_names(text, focus)) >= LISTED_NAMES
        return SERIES_BONUS if listed else 0.0
    return SERIES_BONUS if any(not _places_only(m.group()) for m in _SERIES.finditer(text)) else 0.0


_SERIES_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _places_only(series: str) -> bool:
    """Whether every item of a series ends with a country ("Firms from the United States, Canada, France
    and Switzerland"): places, not things, whatever is asked ("what minerals …"); countries are listed from
    their facts."""
    items = [i.split() for i in _SERIES_SPLIT.split(series) if i.strip()]
    return len(items) > 1 and all(any(country_of(" ".join(i[-n:])) for n in (1, 2, 3)) for i in items)


def _joined_names(text: str) -> bool:
    """Names joined into a list ("Morrisons, Woolworths … and Big Food"), not merely several names."""
    return bool(_NAMES.search(text) or _named_list(text))


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
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          rf"{TEENS}|twenty|thirty|"
                          r"forty|fifty|hundred|thousand|million|billion|trillion|half|double|doubled|tripled|"
                          r"dozen|dozens|hundreds|thousands|millions|billions)\b", re.I)
NO_FIGURE = 1.0
NO_SHARE = 0.5  # (a share of something asked) a sentence giving no part of a whole
_SHARE_ASKED = re.compile(r"\bwhat\s+(?:share|proportion|fraction|percentage|part)\s+of\b", re.I)
# a part of a whole: "45% of the market", "a 30% stake", "roughly one third of", "half of", "a market share of 20%"
_SHARE_SAID = re.compile(r"\d(?:[\d.,]*)\s*(?:%|per\s?cent)\s+(?:(?:of|stake|share)\b|(?:[\w-]+\s+){0,3}?share\b)|"
                         r"\b(?:a|one|two|three|four)[\s-](?:half|third|quarter|fifth|tenth)s?\b|\bhalf\s+(?:of|the)\b|"
                         r"\b(?:majority|minority)\b|\bshare\s+(?:of|to|at|from|was|is|rose|fell)\b", re.I)


# A record over a stretch of time ("its lowest level in three years", "the first time in two years"): no figure
_RECORD_SPAN = re.compile(r"\b(?:lowest|highest|biggest|smallest|largest|strongest|weakest|fastest|slowest|best|worst|"
                          r"first\s+time)\b[^.;,]{0,25}?\b(?:in|for|since)\s+(?:more\s+than\s+|almost\s+|nearly\s+|over\s+)?"
                          r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          rf"{TEENS}|twenty|thirty|several|a\s+few)"
                          r"\s+(?:years?|months?|weeks?|days?|decades?)\b", re.I)


TIME_UNITS = ("year", "month", "week", "day", "decade", "hour")  # (singular: also a prefix of the plural)
_SIZE_ASKED = re.compile(r"\bhow\s+(?:big|large|small)\b|\bcompared\s+(?:with|to)\b", re.I)
_NONE_SAID = re.compile(r"\b(?:no|zero|nil)\s", re.I)
_TIMES_SAID = re.compile(r"\b(?:twice|treble|trebled|triple|three\s+times|four\s+times)\b", re.I)


def _has_figure(text: str, query: Query) -> bool:
    """A number in digits or words, or none of what was asked ("will pay no walnut tariff"). A year
    alone is no figure ("its 2023 net income was held back by a charge"), nor a record's stretch of time ("fell to
    its lowest level in three years" gives no rate)."""
    if _figure_in(text):
        return True
    if _SIZE_ASKED.search(query.text) and _TIMES_SAID.search(text):
        return True  # "how big is its black market compared with its legal economy?": "twice the size"
    if not _NONE_SAID.search(text):
        return False  # (the test below compiles a pattern of the question's words: only when it can match)
    asked = "|".join(re.escape(t) for t in query.terms if len(t) > 2)
    return bool(asked) and bool(re.search(rf"\b(?:no|zero|nil)\s+(?:[\w-]+\s+){{0,2}}?(?:{asked})", text, re.I))


@lru_cache(maxsize=8192)
def _figure_in(text: str) -> bool:
    """`_has_figure`'s test of the sentence alone (a number in digits or words, a year or a record's stretch of
    time aside), kept per sentence: the ranking asks it of the same sentence for many questions."""
    if any(unit in text for unit in TIME_UNITS):  # (a cheap test before the pattern: most sentences have none)
        text = _RECORD_SPAN.sub(" ", text)
    return bool(_DIGIT.search(_YEAR_WORD.sub(" ", text)) or _NUMBER_WORD.search(text) or _RUN_ORDINAL.search(text))


_DIGIT = re.compile(r"\d")
_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")


# Weights of `rank`, added to the retrieval score of a hit. Set by hand; a coordinate search (session 7: each
# weight here, in `_read_story` and in retrieval.py tried at x0, x0.5, x1.5, x2, two rounds, on the tuning sets)
# found no change whose gain held on a left-out set, so they stay as they were.
ENTITY = 1.5  # share of the focus entities the sentence names (also `_read_story`, which lifts that share)
ATTRIBUTE = 0.45  # the sentence carries the asked role, measure or count
PERSON_IN_ROLE = 0.6  # a person fact holding the asked role, linked to the entity
COUNT_FACT = 0.4  # a typed count fact of the counted thing ("b2b count=3")
PER_SHARE = 0.4  # "how much per share?": a price a share, not the deal's total
TRADED_WITH = 0.5  # "China's exports" asked: "exports to China" are the other side of trade
CONFLICT = 1.2  # out of the asked scope (another year, counterpart, kind of measure)
YEAR_NAMED = 0.3  # the year asked about is written in the sentence
MONTH_NAMED = 0.3  # the month asked about is in the sentence or its title
# "… close after the latest fall?": the move the question dates its fact by
_AFTER_MOVE = re.compile(r"\bafter\s+(?:the|its|their|this|a)\s+(?:latest\s+|recent\s+|last\s+|sharp\s+|big\s+)?"
                         r"(fall|drop|decline|slide|slump|plunge|rise|jump|rally|surge|climb|gain)\b", re.I)
_FALL_NOUNS = frozenset("fall drop decline slide slump plunge".split())
RATING_GIVEN = 0.6  # a rating asked ("what rating does S&P give …?"): the sentence giving a grade
OTHER_COUNTRY = 0.6  # (a date) a country asked about, the sentence speaks only of others ("Russia … hopes to join by 2006")
YEAR_IN_TITLE = 0.15  # the year asked about is only in the article's title
DIRECTION = 0.2  # a rise asked and a rise given (minus: a fall given)
MEASURE_FACT = 0.3  # a figure fact whose measure is the asked one
COUNTERPART = 0.3  # "with China" asked and written
LEVEL_AMOUNT = 0.3  # "what was the deficit?": an amount of money answers a level
LEVEL_CHANGE = 0.2  # (minus) a percentage alone does not
FORECAST = 0.3  # (minus) what happened asked; a forecast is the weaker answer
PLACE = 0.3  # "where …?": a sentence naming a place
SET_AGAINST = 0.5  # (minus) a sentence whose only figures are those the question sets against the one asked
SET_ASIDE = 0.8  # (minus) "apart from X, what else …?": a sentence naming X says what is set aside
# a sentence whose subject is its story's own, by a pronoun or a common noun ("Its …", "The firm's …")
OWN_SUBJECT = re.compile(r"^(?:It|Its|The (?:firm|company|group|bank|airline|carrier|business))\b")
SHARE_GIVEN = 0.5  # "what share of …?": a sentence giving a percentage or a fraction
PRICED_GIVEN = 0.3  # a sum of money right before the thing whose price is asked
NAME_GIVEN = 0.5  # "what is the name of …?", "what is it called?": a sentence giving a name the question lacks
PREFER = 0.4  # a follow-up: the last answer's story, where it speaks of what is asked
OTHER_ROLE = 0.5  # (`rank`) "natural resources minister" where the economy minister is asked
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
AT_ONCE_SAID = 0.6  # a sum paid at once asked; the sentence says when ("immediately", "up front")


_QUOTED_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:%|bn|m\b)?")


def _asked_figures(query: Query, focus: Focus, against: frozenset[str]) -> list[str]:
    """Figures the question quotes, other than years ("8%", "$2bn", "3.5"), and not in a clause setting
    something against what is asked (`against`: "…, as against the roughly 50% it actually achieves")."""
    return [f for f in _QUOTED_FIGURE.findall(query.text) if f not in focus.years and f not in against]


def _set_against_figures(query: Query, focus: Focus) -> frozenset[str]:
    """Figures quoted in the clause that sets something against what is asked: a sentence giving only those
    gives what is set against ("Resolution rates … are running at just 50%"), not the answer."""
    return frozenset(f for f in _QUOTED_FIGURE.findall(afterthought(query.text)) if f not in focus.years)


def _measure_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _MEASURE_KINDS.items() if pattern.search(text)}




_SHARE_GIVEN = re.compile(r"\d\s*%|\bper\s?cent\b|\b(?:half|a\s+third|two[- ]thirds|a\s+quarter|three[- ]quarters|"
                          r"a\s+fifth|a\s+tenth)\b", re.I)


# A count the question names of a thing ("how much is Air Deccan paying for the 36 ATR planes?"): a sentence
# giving another count of it ("has ordered 30 Airbus A320 planes") is about other things
_COUNT_NAMED = re.compile(r"\b(\d[\d,]*)\s+(?:[\w&-]+\s+){0,2}?([a-z]{3,}s)\b")


def _another_count(asked: Sequence[tuple[str, str]], text: str) -> str:
    """"30 planes, not 36" when the sentence counts the asked thing otherwise and never gives the asked count."""
    for number, noun in asked:
        if re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,])", text):
            continue
        m = re.search(rf"\b(\d[\d,]*)\s+(?:[\w&-]+\s+){{0,2}}?{re.escape(noun)}\b", text, re.I)
        if m and m.group(1) != number and not _YEAR_ONLY.fullmatch(m.group(1)):
            return f"{m.group(1)} {noun}, not {number}"
    return ""


_QUOTED_TITLE = re.compile(r"[\"“‘][A-Z][^\"”’]{1,60}[\"”’]")


def gives_name(question: str, text: str) -> bool:
    """Whether a sentence gives a name the question lacks: a title in quotation marks, or a capitalised word past
    its first that the question does not have."""
    if _QUOTED_TITLE.search(text):
        return True
    asked = {w.lower() for w in re.findall(r"[\w'’&-]+", question)}
    return any(w[0].isupper() and re.sub(r"['’]s?$", "", w).lower() not in asked and w.lower() not in FUNCTION_WORDS
               for w in re.findall(r"[A-Za-z][\w'’&-]*", text)[1:])


def rank(query: Query, focus: Focus, hits: Sequence[Hit], prefer: str | None = None) -> list[Ranked]:
    """Re-rank hits by whether they are about the focus, carry the attribute and fit the scope."""
    ranked = []
    set_against = _set_against_figures(query, focus)
    asked_figures = _asked_figures(query, focus, set_against)
    # "how much …?", "what was X's deficit?", "Ford net income in 2004": an amount is wanted
    wants_figure = query.kind == "figure" or bool(focus.measure and not focus.why and (
        _WHAT_AMOUNT.match(query.text) or not _WH_START.match(query.text))) or bool(_AMOUNT_VERB.match(query.text))
    asked_kinds = _measure_kinds(query.text) if focus.measure else set()
    rating = bool(RATING_ASKED.search(query.text))
    after = _AFTER_MOVE.search(query.text)
    moved_after = ("fall" if after.group(1).lower() in _FALL_NOUNS else "rise") if after and not focus.direction else ""
    countries = asked_countries(focus) if query.kind == "date" else set()  # (when a country will act: not another's)
    where = bool(re.match(r"\s*(?:and\s+)?where\b", query.text, re.I))
    placed = _places_asked(query.text, _PLACE) if where else _PLACE
    own = query.text.rsplit(": ", 1)[-1]  # (a follow-up read with the last question: "…: and between which dates …?")
    name_asked = bool(NAME_ASKED.search(own))
    share_asked = bool(_SHARE_ASKED.search(own))
    past = bool(_PAST.search(query.text))
    counted_asked = _COUNT_NAMED.findall(query.text)  # "… for the 36 ATR planes?"
    level = bool(query.kind in ("figure", "general") and focus.measure and not focus.direction
                 and not _CHANGE.search(query.text)) or bool(
        focus.measure == "share price" and _PRICE_LEVEL.search(query.text))  # "how high did its share price go?"
    which_person = WHICH_PERSON.search(query.text)
    # "which brewers …?" asks for names, a list; "which Daiwa Securities analyst …?" asks for one person
    # ("Securities" is a name's word, not a plural the question asks for)
    named = bool(_WHICH_NAMED.search(query.text)) and not (which_person and _singular_role(which_person))
    trade_of = focus.measure in ("exports", "imports") and focus.entities and not focus.counterpart
    listing = (query.wants_list or named) and query.kind not in ("sector", "party")  # those are listed from facts
    asked = _why_asked(query, focus) if focus.why else None
    best_story = max((h.story for h in hits), default=0.0)  # (a why-question: the story holding most of it)
    for hit in hits:
        entity = focus.entity_score(hit.sentence, hit.article)
        if focus.entities and hit.previous is not None and entity < INHERITED:
            # "The firm, which serves Buenos Aires, wants …" right after a sentence naming the firm
            entity = max(entity, INHERITED * focus.entity_score(hit.previous, hit.article))
        if focus.role and entity < INHERITED and _titled_after_firms(focus, hit):
            entity = INHERITED  # "Boss Henk Aalders blames …" right after sentences on the firm asked about
        if focus.entities and entity < 1.0 and _reported_by_another(focus, hit):
            entity = min(entity, ANOTHERS_REPORT)
        attribute = _has_attribute(query, focus, hit)
        figures = [f for f in hit.facts if f.type == "figure"]
        before = hit.before if entity > 0 or not focus.entities else ""  # (in a story about the focus)
        conflict = focus.scope_conflict(hit.sentence.text, hit.article, before) if (
            focus.measure or focus.years or focus.adjusted or focus.expected) else ""
        if not conflict and counted_asked:
            conflict = _another_count(counted_asked, hit.sentence.text)
        direction = focus.direction_of(hit.sentence.text, figures) if focus.direction else ""
        score = hit.score
        text = hit.sentence.text
        if focus.entities:
            score += ENTITY * entity
            if not (focus.why or listing or focus.role or focus.measure or focus.count_noun):
                # what is asked of the entity has no typed attribute (a role, a measure, a count): the
                # question's other words stand in for it. (A cause or a list of names need not repeat them.)
                score += DETAIL * hit.detail
        if set_against and set(_QUOTED_FIGURE.findall(text)) - set(focus.years) <= set_against and any(
                f in text for f in set_against):
            score -= SET_AGAINST  # "…, as against the roughly 50% it actually achieves": "… are running at just 50%"
        if asked_figures and any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\d])", text) for f in asked_figures):
            score += ASKED_FIGURE
        if focus.per_share and _PER_SHARE.search(text):
            score += PER_SHARE  # "how much per share?": a price a share, not the deal's total
        if asked_kinds:
            kinds = _measure_kinds(text)
            if kinds & asked_kinds:
                score += MEASURE_KIND
            elif kinds and not conflict:  # asked for the net profit, the sentence gives a pre-tax one
                conflict = f"{_join(sorted(kinds))}, not {_join(sorted(asked_kinds))}"
        if focus.at_once and AT_ONCE.search(text):
            score += AT_ONCE_SAID  # "what does Fiat get straight away?": "Fiat is to get 1bn euros immediately"
        if focus.adjusted and not conflict and _adjustment(text) == focus.adjusted:
            score += MEASURE_KIND  # "before seasonal adjustment" asked, "Unadjusted, the figures showed …" given
        if focus.role or focus.measure or focus.count_noun:
            score += ATTRIBUTE * attribute
        if focus.role and not attribute and focus.role_in_text(text) == "other":
            score -= OTHER_ROLE  # the same kind of role with another qualifier: someone else's post
        succession = bool(focus.successor and focus.role and _SUCCESSION.search(hit.sentence.text))
        if focus.role and any(focus.role_of(f) and focus.person_linked(f, hit.sentence, hit.article)
                              for f in _person_facts(hit)) and (succession or not focus.successor):
            score += PERSON_IN_ROLE  # (asked who will replace the holder, the holder alone does not answer)
        if focus.count_noun and _count_facts(hit, focus):
            score += COUNT_FACT
        if wants_figure and not _has_figure(hit.sentence.text, query):
            score -= NO_FIGURE  # "how much …?" is not answered by a sentence holding no figure at all
        elif share_asked and not _SHARE_SAID.search(text):
            score -= NO_SHARE  # "what share of the market …?": "Shares in Virgin Blue plunged 20%" gives no share of anything
        if trade_of and _traded_with(focus, hit.sentence.text):
            score -= TRADED_WITH  # "exports to China" are not China's exports
        if succession:
            score += SUCCESSION_BONUS  # "who will replace …": the sentence naming the successor
        if listing:
            score += _enumeration(hit.sentence.text, named, focus)  # "Gazprom, its unit Gazpromneft, Rosneft and …"
        if conflict:
            score -= CONFLICT
        elif focus.years and any(y in hit.sentence.text for y in focus.years):
            score += YEAR_NAMED  # the year asked about is named, not merely left open
        if focus.months and not conflict and any(m in (hit.sentence.text + " " + hit.article.title).lower()
                                                 for m in focus.months):
            score += MONTH_NAMED
        if rating and GRADE.search(text):
            score += RATING_GIVEN  # ("… has classed Kazakh government bonds as \"investment grade\"")
        if countries and entity < 1.0 and elsewhere_only(hit.sentence.text, countries, places_only=True):
            score -= OTHER_COUNTRY  # (asked when Iraq will join the WTO: Russia's hopes are no answer)
        if focus.direction and direction:
            score += DIRECTION if direction == focus.direction else -DIRECTION
        elif moved_after and (said := focus.direction_of(text)) and said != moved_after:
            score -= DIRECTION  # "where did crude close after the latest fall?": not the day it jumped
        if focus.measure and any(focus.measure_in(str(f.attrs.get("measure") or "")) for f in figures
                                 if f.attrs.get("measure")):
            score += MEASURE_FACT  # a figure the facts say measures what was asked
        if focus.years and not conflict and not any(y in hit.sentence.text for y in focus.years) and any(
                y in hit.article.title for y in focus.years):
            score += YEAR_IN_TITLE
        if focus.counterpart and any(c in hit.sentence.text and compiled(
                rf"\b(?:with|to|from)\s+(?:the\s+)?{re.escape(c)}").search(hit.sentence.text) for c in focus.counterpart):
            score += COUNTERPART
        if level and figures:
            # "what was the UK's deficit?": an amount answers it, a percentage change alone does not
            score += LEVEL_AMOUNT if any(f.attrs.get("currency") for f in figures) else -LEVEL_CHANGE
        if asked is not None:
            score += _cause_bonus(asked, text, hit.story < best_story - STORY_GAP)
        if past and not focus.expected and (focus.measure or focus.count_noun) and _FORECAST.search(hit.sentence.text):
            score -= FORECAST  # what happened, asked; a forecast is the weaker answer
        if focus.excluded and mentions_any(text.lower(), focus.excluded) and not OWN_SUBJECT.match(hit.sentence.text):
            score -= SET_ASIDE  # "apart from the Iraq war and SARS, what else hurt Lufthansa?" (but a sentence whose
            # subject is its story's own may set the thing aside itself: "Its $17m profit … was dwarfed by … Google")
        if share_asked and _SHARE_GIVEN.search(hit.sentence.text):
            score += SHARE_GIVEN  # "what share of the workforce will the cuts hit?": "about 9% of the 55,000 staff"
        if focus.priced and priced_amount(focus.priced, text):
            score += PRICED_GIVEN  # "how big a bribe …?": "… to give a $50,000 bribe to …"
        if name_asked and gives_name(own, hit.sentence.text):
            score += NAME_GIVEN  # "what's the name of the joint venture?": "… in the venture - Millennium Alcobev"
            if _QUOTED_TITLE.search(hit.sentence.text) and (entity > 0 or not focus.entities):
                score += NAME_GIVEN  # a title in quotation marks names surely: 'Kraft's new "Sensible Solution" label'

        if where and placed.search(hit.sentence.text):
            score += PLACE  # "where was it signed?": a sentence that names a place
        if prefer and hit.article.id == prefer and hit.coverage > 0:
            score += PREFER  # the last answer's story, for a follow-up, where it speaks of what is asked
        ranked.append(Ranked(hit, score, entity, attribute, conflict, direction))
    ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))

    def fit(r: Ranked) -> tuple[int, ...]:
        """What kind of answer a sentence gives, by the question's kind: none of it may be lost."""
        text = r.hit.sentence.text
        figures = [f for f in r.hit.facts if f.type == "figure"]
        return (
            int(r.attribute),
            int(wants_figure and _has_figure(text, query)),
            int(rating and bool(GRADE.search(text))),
            int(level and any(f.attrs.get("currency") for f in figures)),
            int(bool(focus.role) and any(focus.role_of(f) for f in _person_facts(r.hit))),
            int(bool(focus.count_noun) and (bool(_count_facts(r.hit, focus)) or _counts(text, focus))),
            asked.grade(text) if asked is not None else 0,
            int(listing and bool(_enumeration(text, named, focus))),
            int(where and bool(placed.search(text))),
            # no year other than the one asked ("by 2008", not "a peak in the 1970s")
            int(bool(focus.years) and not _other_years(text, focus.years)),
        )

    kind_asked = _asked(query, focus, wants_figure)
    ranked = _read_story(ranked, focus, fit, kind_asked)
    if focus.adjusted and ranked and ranked[0].conflict.startswith(("adjusted,", "unadjusted,")):
        # "before seasonal adjustment" asked, the story's adjusted figure leads: its unadjusted one goes first
        top = ranked[0]
        other = next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id and not r.conflict
                      and _adjustment(r.hit.sentence.text) == focus.adjusted and _has_figure(r.hit.sentence.text, query)),
                     None)
        if other is not None:
            ranked.remove(other)
            ranked.insert(0, other)
    dated = kind_asked.kind == "date" and bool(ranked) and _A_DATE.search(ranked[0].hit.sentence.text) is not None
    # ("pumps made in which months …?": the months or years a sentence gives are the items)
    if listing and ranked and not dated and not (_enumeration(ranked[0].hit.sentence.text, named, focus)
                                                 or _enumeration(ranked[0].hit.sentence.text, not named, focus)):
        # A list question: the best story first, then the sentence of it that holds the items: names of the asked
        # kind ("… include Merrow Steel, Dunrey Plastics and Ashcombe Freight"), or one saying about as much of
        # what is asked (not the story's opening list of carmakers, asked which things could hurt their exports, nor
        # "… from either Boeing or Airbus", asked which Indian firms Boeing dealt with; a follow-up's words are
        # both questions', so they do not tell)
        top = ranked[0]
        kind = _WHICH_NAMED.search(query.text)
        names_asked = named and not (kind and kind.group().split()[-1].lower() in UNNAMED_KINDS)
        items = next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id
                      and not r.conflict and r.score >= top.score - STORY_SLACK
                      and (r.hit.detail >= top.hit.detail / 2 or own != query.text
                           or (names_asked and len(_other_names(r.hit.sentence.text, focus)) >= 2
                               and not _QUOTE_OPENS.match(r.hit.sentence.text)))  # (not a quote and its speaker:
                      # '"We are encouraged …," Armando Falcon, OFHEO director said.')
                      and _enumeration(r.hit.sentence.text, named, focus)), None)
        if items is not None:
            ranked.remove(items)
            ranked.insert(0, items)
    if listing and named and ranked and not dated and not _joined_names(ranked[0].hit.sentence.text):
        # the lead holds several names without listing them ("… as Bank of England governor Mervyn King
        # indicated …, said Mr Shaw"): a sentence of its story about as good joining names into a list
        # holds the items ("Morrisons, Woolworths, House of Fraser … all said …")
        top = ranked[0]
        items = next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id
                      and not r.conflict and r.score >= top.score - STORY_SLACK and r.hit.detail > top.hit.detail
                      and _joined_names(r.hit.sentence.text)), None)
        if items is not None:
            ranked.remove(items)
            ranked.insert(0, items)
    if query.kind == "sector" and ranked:
        ranked = _kind_introduced_first(query, ranked)
    if query.wants_list and ranked:
        ranked = _means_introduced_first(query, ranked)
    if ranked:
        ranked = _kind_named_first(query, focus, ranked)
    if ranked and query.kind in ("general", "event"):
        ranked = _thing_said_first(query, ranked)
    if ranked:
        ranked = _superlative_said_first(query, ranked)
    if ranked:
        ranked = _figure_echoed_first(query, ranked)
        ranked = _figure_given_first(query, ranked)
    if ranked and name_asked:
        ranked = _called_first(ranked)
    if (focus.measure or focus.count_noun) and ranked:
        ranked = _scope_said_first(query, focus, ranked)
        ranked = _carrier_first(ranked)
    if asked is not None:
        ranked = _cause_first(ranked, asked)
    if ranked and not ranked[0].conflict and not focus.entities and not query.parties and prefer is None:
        # A question naming nobody that several stories answer about as well: the newest story first.
        # (A top hit out of the asked scope has no ties to reorder: the answer will quote or abstain.)
        top = ranked[0]
        tied = [r for r in ranked[:6] if r.score >= top.score - TIE and r.attribute == top.attribute
                and not r.conflict and r.hit.type_match == top.hit.type_match]
        newest = max(tied, key=lambda r: (r.hit.article.published or "", r.score))
        same = newest.hit.article.id == top.hit.article.id
        if newest is not top and not (same and (asked is not None or (kind_asked.kind and kind_asked.strength(
                focus, top) > kind_asked.strength(focus, newest)))):
            # (for a why-question, a tie between stories only: the leading story's cause stays first; and within
            # the leading story, a sentence giving the asked kind of answer more surely stays first: "Judge David
            # Sentelle, in his ruling, said …", asked which judge wrote the ruling)
            ranked.remove(newest)
            ranked.insert(0, newest)
    return ranked


READ_DETAIL = 1.2  # within the leading story: what is asked, found in the sentence itself
READ_MARGIN = 0.05
KIND_STEP = 2  # (a count of the thing over a vague one or none; a person over nobody; a date over none)
KIND_SLACK = 1.0  # how much lower a sentence giving the asked kind of answer more surely may score
KIND_SLACK_NONE = 1.5  # (over one giving none of it)


ANOTHERS_REPORT = 0.5  # (a sentence going on with another firm's report) how much it is about the entity asked
# "Utility vehicle maker Mahindra has reported a 52% rise in net profit …": a sentence whose subject, a name, reports
_REPORTER = re.compile(r"^(?:[\w'’-]+\s+){0,5}?([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)\s+(?:has\s+|have\s+|had\s+)?"
                       r"(?:reported|posted|announced|recorded|unveiled)\b")


def names_nobody(focus: Focus, text: str) -> bool:
    """Whether a sentence names neither an entity asked about nor anyone else ("Profit was 1.33bn rupees …"): whose
    figures it gives is for the sentence before to say."""
    return not _other_names(text, focus) and not _names_focus(focus, text)


def _reported_by_another(focus: Focus, hit: Hit) -> bool:
    """Whether a sentence naming nobody ("Profit was 1.33bn rupees …") goes on from one in which another firm
    reports ("… tractor maker Mahindra has reported a 52% rise in net profit …"): its figures are that firm's,
    though the story's title names the firm asked about (Maruti)."""
    before = hit.previous.text if hit.previous is not None else hit.before
    if not before or not names_nobody(focus, hit.sentence.text):
        return False
    m = _REPORTER.match(before)
    return (m is not None and not _names_focus(focus, before) and not country_of(m.group(1))
            and not parties_in(m.group(1)))


def _titled_after_firms(focus: Focus, hit: Hit) -> bool:
    """Whether a sentence opening with a title and a name follows sentences naming every firm asked about (the
    countries asked about aside: "the Dutch crane maker X" asks about X)."""
    firms = [shown for shown in focus.display[:len(focus.entities)] if not country_of(shown)]
    return bool(firms) and focus.titled_after(hit.sentence, hit.article, firms)


def _singular_role(which: re.Match[str]) -> bool:
    """Whether "which … <role>" asks for one holder ("analyst", "chairman"), not several ("analysts")."""
    role = which.group(1).lower()
    return which.group(0).lower().endswith(role) and role not in ("chairmen", "deputie")


_QUOTE_OPENS = re.compile(r"\s*[\"“‘']")


def _read_story(ranked: list[Ranked], focus: Focus, fit: Callable[[Ranked], tuple[int, ...]],
                asked: _Asked | None = None) -> list[Ranked]:
    """Within the story that leads, the sentence holding what is asked goes first.

    Every sentence of a story about the entity speaks of it ("it", "the firm", a short name), so
    naming it in full says little there; the question's other words found in the sentence itself
    ("customers", "chief executive", "jail") say which sentence answers. A sentence naming some
    other firm or person is not lifted to the entity's level. A sentence giving the asked kind of
    answer more surely (a count of the thing for "how many", a person for "who", a date for "when")
    goes before one that does not, when it is about as good otherwise (`KIND_SLACK`)."""
    if len(ranked) < 2:
        return ranked
    top = ranked[0]
    story = top.hit.article.id

    def key(r: Ranked) -> float:
        entity = r.entity
        if entity < top.entity and not _other_names(r.hit.sentence.text, focus):
            entity = top.entity
        return r.score + ENTITY * (entity - r.entity) + READ_DETAIL * r.hit.detail

    held = fit(top)
    countries = {country_of(d) for d in focus.display if country_of(d)}
    # (a sentence of the story speaking only of other countries is no answer about the one asked:
    # "23,500 people in the Maldives are also facing poverty", asked of India)
    pool = [r for r in ranked[:STORY_WINDOW] if r.hit.article.id == story and not r.conflict
            and all(a >= b for a, b in zip(fit(r), held)) and (
                (asked is not None and asked.kind == "place") or not elsewhere_only(r.hit.sentence.text, countries))]
    # (a place asked may well be in another country: "two from Taiwan, two from China")
    if not pool:
        return ranked
    if focus.role and not top.attribute:
        # "who will stay on as Aggregate Industries' chief executive …?": a sentence of the story holding the role
        # ("Peter Tom, who will remain as Aggregate chief executive, said …") goes before one holding none
        holding = [r for r in pool if r.attribute and key(r) >= key(top) - KIND_SLACK]
        if holding:
            best = max(holding, key=lambda r: (key(r), r.score))
            return [best] + [r for r in ranked if r is not best]
    if asked is not None and asked.kind:
        strengths = {id(r): asked.strength(focus, r) for r in pool}
        strengths[id(top)] = asked.strength(focus, top)
        least = strengths[id(top)]
        slack = KIND_SLACK if least else KIND_SLACK_NONE  # the leading sentence gives none of the kind
        stronger = [r for r in pool if strengths[id(r)] >= least + KIND_STEP and key(r) >= key(top) - slack]
        if stronger:
            best = max(stronger, key=lambda r: (strengths[id(r)], key(r), r.score))
            return [best] + [r for r in ranked if r is not best]
        pool = [r for r in pool if strengths[id(r)] >= least]  # never a weaker answer of the kind
        if not pool:
            return ranked
    best = max(pool, key=lambda r: (key(r), r.score))
    if best is top or key(best) <= key(top) + READ_MARGIN:
        return ranked
    return [best] + [r for r in ranked if r is not best]


def _names_focus(focus: Focus, text: str, only: Sequence[int] | None = None) -> bool:
    """Whether the sentence names a focus entity (or one of its other names); `only` picks which."""
    indices = range(len(focus.entities)) if only is None else only
    return mentions_any(text.lower(), [n for i in indices for n in focus.names_of(i)])


def _names_every(focus: Focus, text: str) -> bool:
    """Whether the sentence names every focus entity (each by one of its names)."""
    return all(_names_focus(focus, text, [i]) for i in range(len(focus.entities)))


def _names_subject(focus: Focus, text: str) -> bool:
    """Whether the sentence names the firm the question is about, not only its counterpart ("with
    Qatar"); True when the question names no firm but its counterparts."""
    others = {c.lower() for c in focus.counterpart}
    subjects = [i for i, e in enumerate(focus.entities) if e.lower() not in others]
    shown = [focus.display[i] if i < len(focus.display) else focus.entities[i] for i in subjects]
    if any(country_of(d) or country_of(d.title()) or parties_in(d) for d in shown):
        return True  # a country is named in many ways ("Chilean exports", "the UK's trade gap")
    return not subjects or _names_focus(focus, text, subjects)


def _story_first(ranked: list[Ranked], story: str, question: str,
                 named: frozenset[str] = frozenset()) -> list[Ranked]:
    """A follow-up about the last answer's story is answered from that story when one of its
    sentences holds most of what is asked (and fits the focus and scope); otherwise as ranked.
    Among the story's sentences, one that repeats the question's wording ("in the running") wins.
    `named`: when the subject came from the last turn ("what stake is it buying?") and a typed
    attribute is asked, the story's sentences naming the subject (or opening with "It"); one of them
    carrying the attribute beats one that only sits in its story ("The state agency will also sell
    10% of its stake" is the agency's stake)."""
    words = re.findall(r"[a-z0-9]+", question.lower())
    pairs = set(zip(words, words[1:]))

    def echo(r: Ranked) -> float:
        found = re.findall(r"[a-z0-9]+", r.hit.sentence.text.lower())
        return 0.15 * len(pairs & set(zip(found, found[1:])))

    stranded = _STRANDED.match(question)
    party = re.compile(rf"\b{stranded.group(1).lower()}\s+(?:the\s+)?[A-Z][\w&'’-]*") if stranded else None

    def gives_party(r: Ranked) -> bool:
        # "who is it buying them from?": a sentence naming someone after "from" ("from the Yantai bureau")
        return party is not None and bool(party.search(r.hit.sentence.text))

    # (a sentence saying all that is asked besides the names, "He was taken away in a van outside one of his Prince
    # hotels in Tokyo" for "where was he taken away?", counts though the names make up much of the question)
    inside = [r for r in ranked if r.hit.article.id == story and r.attribute and not r.conflict and (
        r.hit.coverage >= 0.5 or ((r.hit.sentence.id in named or gives_party(r) or r.hit.detail >= STORY_ALL_SAID)
                                  and r.hit.coverage >= NAMED_COVERAGE))]
    if not inside:
        return ranked
    best = max(inside, key=lambda r: (r.hit.sentence.id in named, gives_party(r),
                                      r.score + echo(r) + STORY_DETAIL * r.hit.detail, r.score))
    return [best] + [r for r in ranked if r is not best]


# "who is it buying them from?", "which bank is it selling to?": a party asked for after a stranded preposition
_STRANDED = re.compile(r"(?i)^\s*(?:and\s+)?(?:who|whom|which\s+[a-z]+)\b.*\s(from|to|with|by)\s*\??\s*$")
NAMED_COVERAGE = 0.4  # (`_story_first`) how much of a follow-up a sentence naming its carried subject must cover
STORY_ALL_SAID = 0.9  # … or one saying (nearly) all it asks besides its names
STORY_DETAIL = 0.5  # … and how much what it says of that weighs in choosing among the story's sentences


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
    phrases: tuple[str, ...] = ()  # a phrase swapped in that names no stored name ("in IT", "in retail")


def phrase_in(phrase: str, text: str) -> bool:
    """Whether `text` holds the phrase as whole words; as written when it has capitals ("IT" is no "it")."""
    flags = 0 if any(c.isupper() for c in phrase) else re.I
    return bool(re.search(rf"(?<![\w&]){re.escape(phrase)}(?![\w&])", text, flags))


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
            p in parties_in(text) for p in parallel.parties) or any(phrase_in(p, text) for p in parallel.phrases)

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
            # the answer to the last question, not to this one; or a sentence about neither (a phrase
            # swapped in, "and in IT?", is all that is asked: a sentence without it answers nothing)
            r.score -= PARALLEL_OLD if (old or parallel.phrases) else PARALLEL_NAMED
            continue
        if not parallel.forecast and _FORECAST.search(text):
            r.score -= PARALLEL_FORECAST  # what is, asked and answered; a forecast is another thing
        kinds = figure_kinds(r.hit.facts)
        shared = kinds & parallel.units
        if parallel.units and kinds and not shared:
            r.score -= PARALLEL_UNLIKE  # a figure of another kind (a % change where an amount was given)
        if old and not any(phrase_in(p, text) for p in parallel.phrases):
            continue  # naming both ("Denmark produces …, after Greece"): no sign it is about the new one
            # (a phrase is different: "1,100 in investment banking and 1,200 in IT" answers for IT)
        if not parallel.units:
            r.score += PARALLEL_NAMED
        elif shared:  # after an answer giving a figure, the answer is a figure of the same kind
            r.score += PARALLEL_NAMED + max(PARALLEL_UNIT.get(k, PARALLEL_THING) for k in shared)
    ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
    if parallel.phrases:
        # "and in IT?": the last story's sentence naming the phrase swapped in, when there is one
        best = next((r for r in ranked if r.hit.article.id == parallel.story and not r.conflict
                     and any(phrase_in(p, r.hit.sentence.text) for p in parallel.phrases)), None)
        if best is not None and best is not ranked[0]:
            ranked.remove(best)
            ranked.insert(0, best)
    return ranked


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_PAST = re.compile(r"\b(was|were|did|had|made|paid|rose|fell|reached)\b", re.I)


_WH_START = re.compile(r"\s*(?:and\s+)?(?:in\s+(?:which|what)\s+(?!year|month|quarter)|"  # ("in which city …?")
                       r"(?:since|until|till|by|from)\s+when|"  # ("since when has Wal-Mart suspended firearms sales …?")
                       r"who|whom|whose|what|when|where|why|how|which|did|does|do|is|are|was|were|"
                       r"has|have|had|can|could|will|would|should|tell|show|list|give)\b", re.I)
# "What was X's profit?", "what is its debt?": an amount is asked, though the question names no figure word
_WHAT_AMOUNT = re.compile(r"\s*(?:and\s+)?(?:what['’]s|(?:what|how)\s+(?:much|many|big|large|high|low|was|were|is|are)\b)", re.I)


# "what did the claims total?", "what does the operator charge?", "what did it pay for …?": an amount
# asked with a verb of paying or amounting
_AMOUNT_VERB = re.compile(r"\s*(?:and\s+)?what\s+(?:did|does|do|will|would|could|might)\b"
                          r"(?!.*\b(?:say|said|tell|think|mean|claim|argue|call)\b)"  # what was said of a price
                          r".*\b"
                          r"(?:pay|paid|charge[sd]?|cost|costs|total(?:led|ed|s)?|fetch(?:ed)?|amount(?:ed)?\s+to|"
                          r"(?:sell|sold|go|went)\s+for|earn(?:ed|s)?|raise[sd]?|owe[sd]?)\b", re.I)


# A share price asked as a level ("how high did it go", "where did the shares close"): an amount, not a % change
_PRICE_LEVEL = re.compile(r"\bhow\s+(?:high|low)\b|\bwhere\s+did\b|\bclos(?:e|ed|ing)\s+at\b|\bat\s+what\b", re.I)


# A question about a change or a ratio, not an amount.
_CHANGE = re.compile(r"\b(by how much|percent(?:age)?|share|rate|growth|grow|rise|rose|fall|fell|increase|drop|"
                     r"decline|change|margin|ratio|proportion|forecast)\b", re.I)
CAUSE_BONUS = {3: 1.0, 2: 0.7, 1: 0.4, 0: 0.0}


def _why_asked(query: Query, focus: Focus) -> Asked:
    """What a why-question asks the cause of (`bot.causes.asked_event`)."""
    names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
    asking = _CAUSE_ASKED.match(query.text)  # "what knocked shares …?": the verb asks for the cause, the event is the rest
    terms = query.terms if asking is None else [
        t for t in query.terms if t not in set(re.findall(r"[\w'’-]+", asking.group().lower()))]
    return asked_event(terms, names, (*focus.years, *focus.months), query.text)


CAUSE_COVERAGE = 0.75  # (`_cause_first`) over a top one with a weak sign of a cause ("after"), a cause sentence
# put first goes on from it or speaks of most of what was asked
AGAINST = 0.2  # (`_cause_bonus`) a sentence reporting only the other direction than the one asked
UNLINKED_CAUSE = 0.5  # share of the cause bonus for a cause of something else than the asked event


STORY_GAP = 0.25  # (`_cause_bonus`) how much less of a why-question a cause's story may hold than the best story


def _cause_bonus(asked: Asked, text: str, elsewhere: bool = False) -> float:
    """A cause sentence's bonus for a why-question: in full when it is about the asked event (its words,
    or "the move", "This is because"), else in part ("GM and Ford blamed fuel prices for low sales" is
    no answer to why GM is recalling vans); in part too when its story holds much less of the question
    than the best story does (`elsewhere`: "the main reasons behind the increase" in a story on money sent
    home, for the reasons an MPC member gave for voting for an increase); a small penalty instead when it
    reports only the other direction than the asked one ("drove the exchange to a record high", a slide
    asked)."""
    if asked.against(text):
        return -AGAINST
    bonus = CAUSE_BONUS[asked.grade(text)]
    return bonus if asked.linked(text) and not elsewhere else UNLINKED_CAUSE * bonus


CAUSE_ENTITY = 0.3  # (`_cause_first`) how much less a cause sentence may be about the focus entity
CAUSE_SLACK = 1.5  # (`_cause_first`) how much lower a cause of the asked event may score than a sentence restating it


def _cause_first(ranked: list[Ranked], asked: Asked) -> list[Ranked]:
    """A why-question: the best story first, then the sentence of it that gives the cause (`_story_cause`).
    When the best story gives none and another story's report of the event scores about as well (`TIE`:
    two reports of one event), that story's cause goes first; so does another story's report of the event
    that gives its cause itself, when it is nearly as good (`STORY_SLACK`) as a top restating the event
    ("Axa blamed a poor stock market for the cut" over another story's "… both cut their bonus rates")."""
    if not ranked:
        return ranked
    top = ranked[0]
    if asked.grade(top.hit.sentence.text) == 3 and not asked.premised(top.hit.sentence.text):
        return ranked
    cause = _story_cause(ranked, 0, asked)
    if cause is None:
        seen = {top.hit.article.id}
        restates = asked.grade(top.hit.sentence.text) == 0
        for i, lead in enumerate(ranked[1:STORY_WINDOW], start=1):
            if lead.score < top.score - (STORY_SLACK if restates else TIE):
                break
            if lead.hit.article.id in seen or lead.conflict or lead.entity < top.entity - CAUSE_ENTITY:
                continue
            seen.add(lead.hit.article.id)
            if (restates and asked.grade(lead.hit.sentence.text) == 3 and asked.reports(lead.hit.sentence.text)
                    and lead.hit.story >= top.hit.story - STORY_GAP and lead.hit.detail > 0):
                cause = lead  # another report of the event that gives its cause itself (saying something asked
                # besides the names: "The move was aimed at helping South Asian governments …" refers back to
                # its own story's event, not to the one asked)
                break
            if lead.entity < top.entity or lead.score < top.score - TIE:
                continue
            if asked.grade(lead.hit.sentence.text) < 3 and asked.reports(lead.hit.sentence.text):
                cause = _story_cause(ranked, i, asked)
                if cause is not None:
                    break
    if cause is None:
        return ranked
    return [cause] + [r for r in ranked if r is not cause]


def _story_cause(ranked: list[Ranked], at: int, asked: Asked) -> Ranked | None:
    """The sentence of the story of `ranked[at]` (its lead) that gives the cause, when it is about as good
    otherwise ("It blamed the weather" after the sentence reporting the drop). A sentence that gives a
    cause of the asked event itself (its words, or "the move", "This is because …") goes before one that
    only restates the event, even when it scores lower (`CAUSE_SLACK`); a sentence that reports the event
    with a cause of its own ("fell 19% after it said …") keeps its place but to a surer cause that is
    about as good."""
    top = ranked[at]
    text = top.hit.sentence.text
    strength = 0 if asked.premised(text) else asked.grade(text)  # (a cause the question gives is none)
    restates = strength == 0 or not asked.reports(text)  # gives no cause of the asked event

    def explains(r: Ranked) -> bool:
        grade = asked.grade(r.hit.sentence.text)
        if grade <= strength:
            return False
        follows = r.hit.sentence.position == top.hit.sentence.position + 1  # goes on from it
        if grade == 3 and follows and (strength == 0 or (r.score >= top.score - CAUSE_SLACK and (
                strength < 2 or asked.linked(r.hit.sentence.text) or asked.refers_back(r.hit.sentence.text)))):
            return True  # the event, then a sentence plainly giving its cause ("… contributed to the rise"); over
            # a top giving one itself in a clause ("… since the firm has failed to meet the targets"), only a cause of
            # the asked event ("The revelation … led to the resignation of its chairman" is another's)
        if r.entity < top.entity - CAUSE_ENTITY and not (
                strength == 0 and grade == 3 and r.hit.detail > top.hit.detail):
            return False  # (a sentence about others in a story naming the entity in passing; but one saying more of
            # what is asked, after a top giving no cause, is about it: "The higher share prices also reflect relief …")
        if r.score >= top.score - STORY_SLACK and (
                strength == 0 or follows or r.hit.coverage >= CAUSE_COVERAGE * top.hit.coverage) and (
                strength or follows or r.hit.coverage >= top.hit.coverage / 2 or asked.refers_back(r.hit.sentence.text)
                or asked.acts_on_asked(r.hit.sentence.text)):
            # (a cause in a sentence saying far less of the question, not tied to the asked event, is another's:
            # "retail sales … boosted by strong car sales" does not say why dealers were forced to cut prices)
            return True
        if restates:
            return (grade == 3 and r.score >= top.score - CAUSE_SLACK and asked.linked(r.hit.sentence.text)
                    and (strength or r.hit.coverage >= top.hit.coverage / 2 or asked.refers_back(r.hit.sentence.text)
                         or asked.acts_on_asked(r.hit.sentence.text)))
        # an action asked: a cause said outright of it, referring back to it ("the decision was … due to
        # reduced demand"), over a clause that may only be one ("… is a difficult one to make as we have
        # enjoyed a long history"); a change has its cause in such a clause ("fell 93% as costs rose")
        return (grade == 3 and not asked.change and r.score >= top.score - CAUSE_SLACK
                and asked.reports(r.hit.sentence.text) and asked.refers_back(r.hit.sentence.text))

    return next((r for r in ranked[at + 1:at + 2 * STORY_WINDOW] if r.hit.article.id == top.hit.article.id
                 and not r.conflict and explains(r)), None)


_PLACE = re.compile(r"\b(?:in|at)\s+(?!the\b)[A-Z][a-z]+")
# "where did the owners come from?": the places after "from" ("two from Taiwan, two from China")
_COME_FROM = re.compile(r"\b(?:come|came|comes|hail|hails|hailed|originate[sd]?)\s+from\s*\??\s*$", re.I)
# "where does Electrolux intend to move the plants?": a move asked, its places follow "to" ("moving them to Asia")
_MOVED_TO = re.compile(r"\b(?:move|moves|moving|moved|relocat\w*|shift\w*|transfer\w*|switch\w*|return\w*|rejoin\w*|"
                       r"(?:go|goes|going|went|gone|head\w*)\s+back|gone(?!\s+(?:bust|up|down|under))|went|"
                       r"flow(?:s|ed|ing)?)\b", re.I)  # (or where one goes back to; where money has gone, or flows)
_TO_PLACE = re.compile(r"\bto\s+(?:the\s+)?(?:[a-z]+\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_FROM_PLACE = re.compile(r"\bfrom\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


# A closing "in investment banking": the part of a firm's figure asked, in the question's own lower-case words
_SCOPE_PHRASE = re.compile(r"\b(?:in|at|from)\s+((?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]{3,})\s*\??\s*$")
_NO_SCOPE = frozenset("total all overall general future past world country region city year years month months "
                      "quarter week weeks day days time trading january february march april may june july august "
                      "september october november december monday tuesday wednesday thursday friday".split())


def _scope_said_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A figure asked of a part, "how many ABN Amro jobs will go in investment banking?") a sentence of the
    leading story saying the part in the question's words ("About 1,100 jobs will go in investment banking …")
    goes first, ahead of the whole firm's figure ("… is to cut 2,850 jobs")."""
    m = _SCOPE_PHRASE.search(CONTRASTED_TAIL.sub("?", query.text))  # ("…, rather than its sales in value?" is set against)
    if m is None or set(m.group(1).split()) & (_NO_SCOPE | set(QUESTION_WORDS)):
        return ranked
    said = re.compile(rf"\b{re.escape(m.group(1))}\b")  # (as written: "in buenos aires" is a name, "in Buenos Aires")
    top = ranked[0]
    if said.search(top.hit.sentence.text):
        return ranked
    return led_by(next((r for r in ranked[1:STORY_WINDOW] if r.hit.article.id == top.hit.article.id and not r.conflict
                        and r.attribute and said.search(r.hit.sentence.text)), None), ranked)


CARRIER_SLACK = 0.3  # (`_carrier_first`) how much lower the sentence carrying the measure may score
CARRIER_ENTITY = 0.25  # … and how much less surely it may be about the entity (not another firm's: "eBay earned …")
CARRIER_CLOSE = 0.1  # … over a leading sentence that says other things asked: how much lower it may score
CARRIER_DETAIL = 0.75  # … and what share of the leading sentence's detail it must say


def _carrier_first(ranked: list[Ranked]) -> list[Ranked]:
    """(A measure or count asked) a leading sentence that carries none of it and says nothing else asked (no
    detail: "During 2004 "South Africa was one of the best performing markets …"", asked South Africa's inflation
    rate) gives way to one about as good that carries it and says what is asked ("… inflation fell to 4.3% in
    2004 …"), from any story, when it is about the entity about as surely."""
    top = ranked[0]
    if top.attribute:
        return ranked
    # (a leading sentence saying much else asked yields only to one scoring nearly as well and saying about as much:
    # "… said prices rose 15.1% over the whole of 2004" to "The UK economy grew by an estimated 3.1% in 2004 …")
    slack, detail = (CARRIER_SLACK, 0.5) if top.hit.detail <= 0 else (CARRIER_CLOSE, CARRIER_DETAIL * top.hit.detail)
    return led_by(next((r for r in ranked[1:5] if r.attribute and not r.conflict and r.hit.detail >= detail
                        and r.score >= top.score - slack and r.entity >= top.entity - CARRIER_ENTITY), None),
                  ranked)


def _story_sentence_first(ranked: list[Ranked], gives: Callable[[str], object], slack: float | None = None,
                          window: int = STORY_WINDOW) -> list[Ranked]:
    """The ranking led by the first sentence of the leading story, among the next `window`, that `gives` what is asked
    and scores at most `slack` (`KIND_SLACK` unless given) below the leading one; unchanged when there is none."""
    top = ranked[0]
    least = top.score - (KIND_SLACK if slack is None else slack)
    return led_by(next((r for r in ranked[1:window] if r.hit.article.id == top.hit.article.id and not r.conflict
                        and r.score >= least and gives(r.hit.sentence.text)), None), ranked)


def _nearly_as_good_first(ranked: list[Ranked], gives: Callable[[str], object], window: int, slack: float,
                          entity_slack: float = 0.0) -> list[Ranked]:
    """The ranking led by the first sentence among the next `window`, of any story, that `gives` what is asked,
    scores at most `slack` lower and is about the question's names nearly as surely (at most `entity_slack` less),
    when the leading sentence does not give it; else as it was."""
    top = ranked[0]
    if gives(top.hit.sentence.text):
        return ranked
    return led_by(next((r for r in ranked[1:window] if not r.conflict and r.score >= top.score - slack
                        and r.entity >= top.entity - entity_slack and gives(r.hit.sentence.text)), None), ranked)


def led_by(chosen: Ranked | None, ranked: list[Ranked]) -> list[Ranked]:
    """The ranking with `chosen` (when there is one) moved to the front."""
    return ranked if chosen is None else [chosen] + [r for r in ranked if r is not chosen]


def introduced_as(kind: str, text: str) -> bool:
    """Whether `text` introduces items as `kind`: "products such as …", "criteria including …", "steps, such as …"."""
    return re.search(rf"\b{re.escape(kind)}\s*,?\s+(?:such\s+as|including|like)\b", text, re.I) is not None


def introduces_kind(query: Query, text: str) -> bool:
    """Whether `text` introduces items as the kind a "what products …?" question asks: "products such as …"."""
    m = _KIND_ASKED.search(query.text)
    return m is not None and introduced_as(m.group(1).lower(), text)


def _kind_introduced_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A question asking which products, goods … ) a sentence of the leading story that introduces items as the
    kind asked ("… with products such as flat-screen TVs in high demand") goes first, ahead of one listing another
    kind ("the best-performing sectors were … cars, chemicals and electronic goods"): it names what was asked."""
    top = ranked[0]
    if not _KIND_ASKED.search(query.text) or introduces_kind(query, top.hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: introduces_kind(query, text), STORY_SLACK)


# "what steps are Asian governments expected to take …?": steps, measures or changes asked as a list
_MEANS_ASKED = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?:other\s+|further\s+|new\s+)?(steps|measures|changes|reforms|"
                          r"actions|moves|options|proposals|ways)\b", re.I)


def _means_introduced_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A list of steps, measures, changes … asked) one of the best sentences, nearly as good, introducing items as
    that kind ("Governments are expected to take steps, such as cutting taxes and increasing spending, …") goes first,
    over one saying more of the question's other words without listing any ("The move was aimed at helping …")."""
    m = _MEANS_ASKED.match(query.text)
    if m is None:
        return ranked
    kind = m.group(1).lower()
    top = ranked[0]
    if introduced_as(kind, top.hit.sentence.text):
        return ranked
    # (from any of the best stories: the leading one may well be another report on the same events)
    return led_by(next((r for r in ranked[1:MEANS_WINDOW] if not r.conflict and r.score >= top.score - STORY_SLACK
                        and introduced_as(kind, r.hit.sentence.text)), None), ranked)


MEANS_WINDOW = 4  # (`_means_introduced_first`) how far down the ranking the sentence introducing the items may be


# "at which football business forum …?", "which court ruled …?": one named thing of a kind is asked (the words after
# "which" up to the verb; the last is the kind). Not a date, a person or a count, which other rules read.
_WHICH_KIND = re.compile(r"\bwhich\s+((?:[a-z-]+\s+){0,3}?)([a-z]{4,})(?=\s*,|\s+(?:did|does|do|was|were|is|are|has|have|"
                         r"had|will|would|could|can|may|might|[a-z]+ed)\b)", re.I)
_NOT_KIND = frozenset("""year years month day date time week quarter period one ones way ways reason reasons kind sort type
                         people person company firm firms companies country countries""".split())


def _kind_noun(question: str) -> str:
    """The kind of named thing a "which …" question asks ("forum" in "at which football business forum did …"),
    or "" when it asks none: a plural, a date, a person or a role."""
    m = _WHICH_KIND.search(question)
    if m is None:
        return ""
    kind = m.group(2).lower()
    if (kind in _NOT_KIND or kind in QUESTION_WORDS or kind.endswith("s") and not kind.endswith(("ss", "us"))
            or WHICH_PERSON.search(m.group()) or kind in ROLE_SYNONYMS):
        return ""
    return kind


def _names_kind(kind: str, text: str) -> bool:
    """Whether `text` names one thing of `kind`: a name before the kind word ("the Soccerex football business
    forum", "a Moscow court") or after it ("the town of Bochum"), not at the sentence's start ("The forum …")."""
    return re.search(rf"(?<!^)(?<![.!?] )\b[A-Z][\w'’&-]*(?:\s+(?:[a-z-]+|[A-Z][\w'’&-]*)){{0,3}}?\s+(?i:{kind})\b|"
                     rf"\b(?i:{kind})\s+of\s+[A-Z]", text) is not None  # (the kind in a name: "the House Budget Committee")


def _kind_named_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A question asking which forum, court, town …) a sentence of the leading story naming one of that kind goes
    first when the leading sentence has no word for the kind at all: "Speaking at the Soccerex football business
    forum in Dubai, he said …", asked at which forum the club's vice-chairman spoke, over the sentence reporting
    what he said."""
    kind = _kind_noun(query.text)
    top = ranked[0]
    if not kind or re.search(rf"\b{kind}", top.hit.sentence.text, re.I):
        return ranked
    # (not the asked firm called by the kind: "Indian drugmaker Dr Reddy's", asked from which drugmaker it won rights)
    own = [n for i in range(len(focus.entities)) for n in focus.names_of(i) if n]
    itself = re.compile(rf"\b{kind}\s+(?:[A-Z][\w'’&.-]*\s+){{0,2}}(?i:{'|'.join(re.escape(n) for n in own)})\b") if own else None
    return _story_sentence_first(ranked, lambda text: _names_kind(kind, text) and not (itself and itself.search(text)))


# "what record did US gasoline futures hit …?": the thing asked is the noun after "what" (not a measure, a
# date, a person or a role, which other rules read)
_WHAT_THING = re.compile(r"^\s*(?:and\s+)?what\s+([a-z]{4,})\s+(?:did|does|do|has|have|had|was|were|is|are|will|would)\b",
                         re.I)
# kinds whose answer is a value the sentence gives without the word ("what level …?": "to 5.5%"; "what deadline …?":
# "until midnight on 1 February"): a sentence saying the word is about it, not its answer
_VALUE_KINDS = frozenset("""level levels deadline amount figure number total size target value stage point height
                            depth percentage proportion limit sum""".split())


# A superlative the question asks by ("which region saw the smallest rise …?"), in the words a sentence says it with
_SUPERLATIVE = re.compile(r"\b(?:smallest|largest|biggest|highest|lowest|fastest|slowest|strongest|weakest|sharpest|"
                          r"steepest|worst|best)\b", re.I)


def _superlative_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A "which …" question asking by a superlative: "which UK region saw the smallest rise in housing wealth?") a
    sentence of the leading story saying that superlative ("… while Scotland saw the smallest increase of just
    112%") goes first when the leading sentence never says it ("All regions saw at least a doubling …")."""
    m = _SUPERLATIVE.search(main_clause(query.text))
    if m is None or not re.match(r"\s*(?:and\s+)?(?:which|what|who)\b", query.text, re.I):
        return ranked
    said = re.compile(rf"\b{m.group()}\b", re.I)
    if said.search(ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: said.search(text) is not None)


# A figure written in a question ("… as opposed to its earlier 4.4%?", "… from $3bn?")
_FIGURE_WRITTEN = (r"(?:[$£€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|m|billion|million)\b)?|"
                   r"\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b))")
_QUESTION_FIGURE = re.compile(rf"(?<![\w.]){_FIGURE_WRITTEN}")
# ... given in a sentence as what a figure changed from ("to 4.0% from 4.4%", "from a previous estimate of 3.7%")
_FROM_FIGURE = re.compile(r"\b(?:from|against|compared\s+with)\s+(?:a\s+|an\s+|the\s+)?(?:previous\s+|earlier\s+)?(?:estimate\s+of\s+)?"
                          + "(" + _QUESTION_FIGURE.pattern + ")")


def _figure_key(written: str) -> str:
    """A written figure, spaces left out and "per cent" as "%": "4.4 per cent" and "4.4%" alike."""
    return re.sub(r"\s+", "", written).replace("percent", "%")


def _figure_echoed_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A question writing a figure: "what growth does the OECD now forecast for Japan, as opposed to its earlier
    4.4%?") a sentence of the leading story giving that figure ("… scaled back to 4.0% from 4.4% this year") goes first
    as the one it changed from, when the leading sentence does not give it: the figure pins down the statement meant."""
    figures = {_figure_key(f) for f in _QUESTION_FIGURE.findall(query.text)}
    if not figures:
        return ranked

    def gives(text: str) -> bool:  # (as the baseline of a change: "… to 4.0% from 4.4%", not "above $53" again)
        return bool(figures & {_figure_key(m.group(1)) for m in _FROM_FIGURE.finditer(text)})

    if any(f in re.sub(r"\s+", "", ranked[0].hit.sentence.text) for f in figures):
        return ranked
    return _story_sentence_first(ranked, gives, STORY_SLACK)


# "which UN body … put the value of Cuba's tourist industry at $3bn?": a sum the question gives as what was said of
# the thing (not one set against it), which the answering sentence writes as well
# ... or a threshold that picks out what is counted ("how many members will get more than £100?")
_VALUED_AT = re.compile(rf"\b(?:at|worth|of|to|than)\s+({_FIGURE_WRITTEN})")
VALUED_SLACK = 0.5  # (`_figure_given_first`) how much lower the sentence writing the question's sum may score


def _figure_given_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Which UN body … put the value of Cuba's tourist industry at $3bn?": the sentence, among the first few, writing
    the sum the question gives ("… is now worth $3bn to the country") goes first over one that writes none of it: the
    sum pins down the statement meant, in whichever story it is. Not a sum set against ("as opposed to its 4.4%")."""
    asked = main_clause(SET_AGAINST_ASIDE.sub(",", query.text))  # ("which UN body, rather than the government, put …")
    figures = {_figure_key(m.group(1)) for m in _VALUED_AT.finditer(asked)}
    if not figures:
        return ranked
    written = re.compile("|".join(re.escape(f) for f in sorted(figures)) + r"(?![\d]|[.,]\d)")  # ($53 is not $53.09)
    return _nearly_as_good_first(ranked, lambda text: written.search(re.sub(r"\s+", "", text)) is not None,
                                 STORY_WINDOW, VALUED_SLACK, entity_slack=1.0)


def _thing_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A "what record did …?" question) a sentence of the leading story saying the thing asked ("… to a record
    high of $1.4850 a gallon") goes first when the leading sentence never says it: a sentence matching only the
    question's setting ("as crude went above $53") answers nothing."""
    m = _WHAT_THING.match(query.text)
    if m is None:
        return ranked
    thing = m.group(1).lower()
    if thing in _NOT_KIND or thing in _VALUE_KINDS or thing in QUESTION_WORDS or thing in _MEASURE_OF or thing in ROLE_SYNONYMS:
        return ranked
    said = re.compile(rf"\b{re.escape(thing)}(?:s|es)?\b", re.I)
    top = ranked[0]
    if said.search(top.hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: said.search(text) is not None)


# A name given as such: "in a new report called Rags To Riches To Rags", "a drink dubbed 'third beer'"
_CALLED = re.compile(r"\b(?:called|entitled|titled|named|dubbed|known\s+as)\s+(?:the\s+)?[\"“‘']?[A-Z]|"
                     r"\bthe\s+[\"“][A-Z][^\"“”]{0,40}[\"”]\s+[a-z]")  # (a name in quotes: the "Hartz-IV" programme)


def _called_first(ranked: list[Ranked]) -> list[Ranked]:
    """(A question asking the name or title of something) a sentence of the leading story giving a name as such
    ("… in a new report called Rags To Riches To Rags") goes first, when the leading sentence gives none."""
    top = ranked[0]
    if _CALLED.search(top.hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: _CALLED.search(text) is not None)


# A trial asked of ("where were the fares tried out?"): tried in a place, or on what comes from one
_TRIED_ASKED = re.compile(r"\b(?:tried|tested|trialled|trialed|piloted)\b", re.I)
_TRIED_AT = re.compile(r"\b(?:in|at|from)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


def _places_asked(question: str, named: re.Pattern[str]) -> re.Pattern[str]:
    """How a sentence gives the place a where-question asks: after "from" for where people come from ("two from
    Taiwan, two from China"), after "to" for where things move ("moving them to Asia, eastern Europe …"), else as
    `named` finds it."""
    if _TRIED_ASKED.search(question):
        return _TRIED_AT  # "where were the new fares first tried out?": "trialled … on tickets from Cincinnati"
    return _FROM_PLACE if _COME_FROM.search(question) or _ROUTE_ASKED.search(question) else _TO_PLACE if (
        _MOVED_TO.search(question)) else named
# A place named: "in Buenos Aires", "near the Gulf" (the name, for telling a place the question names from a new one)
PLACE_AT = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:capital|city|town|port|village|region|"
                      r"province|state),?\s+(?:of\s+)?)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")  # ("in the capital, Maseru")
_WHERE_ASKED = re.compile(r"\s*(?:and\s+)?(?:where\b|in\s+(?:which|what)\s+(?:city|town|country|state|region)\b)", re.I)
# "where does the pipeline start and end?": a route, its places after "from" ("from the Bulgarian port of Burgas")
_ROUTE_ASKED = re.compile(r"\b(?:start|starts|begin|begins)\s+and\s+(?:end|ends|finish|finishes)\b|"
                          r"\bruns?\s+(?:from|between)\s*\??\s*$", re.I)
# "where did Brent close?", "where is the index heading?": a level; "where is X based?": a seat, judged its own way
_WHERE_NOT_PLACE = re.compile(r"\b(?:close[sd]?|closing|end(?:s|ed)?|finish(?:es|ed)?|settle[sd]?|st(?:an|oo)d|stands|"
                              r"head(?:s|ed|ing)|trade[sd]?|peak(?:s|ed)?|rank(?:s|ed)?|based|headquartered|located|"
                              r"registered)\b", re.I)


# ---- the kind of answer a question asks for, within the leading story ---------------------------
# "how many slaves …" is answered by a count of slaves ("about 13,000 slaves") more surely than by a
# vague one ("thousands of slaves"); "who is X's pick …" by a sentence naming a person; "since when
# …" by one giving a date; "how old …" by an age. Graded so a story's topic sentence, which names the
# entity and repeats the question's words, does not lead over the sentence holding the answer.
_NUMBER = (r"(?:\d[\d,.]*(?:\s*(?:million|billion|m|bn))?|one|two|three|four|five|six|seven|eight|nine|ten|"
           rf"eleven|twelve|{TEENS}|twenty|thirty|forty|fifty|"
           r"hundred|dozen)")
_VAGUE_COUNT = re.compile(r"\b(?:dozens|hundreds|thousands|millions|billions|scores|several|many|numerous)\s+of\s+"
                          r"((?:[\w-]+\s+){0,2}[\w-]+)", re.I)
_NUMBER_AT = re.compile(rf"(?<![\w.$£€]){_NUMBER}\b(?!%)((?:-[a-z]+)|(?:\s+[\w-]+){{1,3}})?", re.I)
_BARE = re.compile(r"\s*(?:[,.;)]|$|(?:in|by|to|from|at|on|this|last|next|and|a year)\b)", re.I)
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
_YEAR_AT = re.compile(r"\b(?:19|20)\d\d\b")
_WHEN = re.compile(r"^\s*(?:and\s+)?(?:(?:since|by|until|till|from)\s+)?when\b|\b(?:what|which)\s+(?:year|date|month|day)s?\b", re.I)
_HOW_OLD = re.compile(r"\bhow\s+old\b", re.I)
_AGE = re.compile(r"\b(?:aged|age of|age)\s+\d{2,3}\b|\b\d{2,3}-year-old\b|,\s+\d{2},|\b\d{2,3}\s+years\s+old\b|"
                  r"\bturned\s+\d{2,3}\b|\b(?:oldest|youngest)\b[^.,;]{0,30}\b(?:is|was)\s+\d{2,3}\b", re.I)
_A_DATE = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
                     r"November|December)\b")
# A weekday says when too, asked no year or month: "… will unveil plans … on Thursday night"
_A_WEEKDAY = re.compile(r"\b(?:on|by|from|until|next|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_YEARS_OR_MONTHS_ASKED = re.compile(r"\b(?:which|what)\s+(?:years|months)\b", re.I)
_YEAR_OR_MONTH_ASKED = re.compile(r"\b(?:which|what)\s+(?:year|month)\b", re.I)
# A person named in the text though the facts give none: "Jane Doe, vice chairman of …", "Mr Doe"
_PERSON_TEXT = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+[A-Z][\w'’-]+|"
                          r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+,\s+(?:the\s+|a\s+|its\s+)?"
                          r"(?:[\w-]+\s+){0,3}?(?:chief|chairman|chairwoman|president|minister|director|head|"
                          r"governor|founder|boss|secretary|executive|officer|spokesman|spokeswoman|economist|"
                          r"analyst|manager|partner|accountant|commissioner)\b")


# a person named in any role: "said Dmitry Lukashov", "Kaha Kiknavelidze, analyst at …"
_SAID_NAME = re.compile(r"\b(?:said|says|told|added|explained|according to)\s+(?:[a-z]+\s+){0,3}?[A-Z][a-z]+\s+[A-Z][\w'’-]+|"
                        r"\b[A-Z][a-z]+\s+[A-Z][\w'’-]+,?\s+(?:said|says|told|added|an?\s+[a-z]+\s+(?:at|of|with|from))\b")

_NAMED_AFTER_ROLE = re.compile(r"\b(?:minister|chairman|chairwoman|president|director|executive|officer|accountant|"
                               r"governor|secretary|economist|commissioner|head|boss|founder)\s+(?:Mr\s+)?[A-Z][\w'’-]+")


@dataclass(frozen=True, slots=True)
class _Asked:
    """What kind of answer the question wants, worked out once per question."""

    kind: str = ""  # "count", "person", "named", "date", "place", "age", "amount" or ""
    nouns: frozenset[str] = frozenset()  # for a count: the counted thing and its other words; for an
    # amount of a year: the years asked about
    query: Query | None = None  # for an amount: the question (a figure it names no amount of is none)

    def strength(self, focus: Focus, r: Ranked) -> int:
        """How surely a sentence gives that kind of answer (0: not at all)."""
        text = r.hit.sentence.text
        if self.kind == "count":
            return _count_strength(text, self.nouns)
        if self.kind == "person":
            people = _person_facts(r.hit)
            qualified = focus.role_in_text(text)
            if qualified == "other":
                return 0  # someone in another post
            if any(focus.role_of(f) for f in people if f.attrs.get("role")) or (qualified and (
                    people or _PERSON_TEXT.search(text) or _NAMED_AFTER_ROLE.search(text))):
                return 3
            if any(not f.attrs.get("role") for f in people) or (not people and _PERSON_TEXT.search(text)):
                return 2  # someone named, in no other role
            return 0
        if self.kind == "named":  # someone described by a role: a sentence naming a person, in it best
            asked = self.query.text.lower() if self.query is not None else ""
            names = [f.value for f in _person_facts(r.hit)] + [m.group() for m in _PERSON_TEXT.finditer(text)] + [
                m.group() for m in _SAID_NAME.finditer(text)]
            if not any(_new_name(n, asked) for n in names):
                return 0  # nobody, or only people the question itself names
            return 3 if any(re.search(rf"\b{n}", text, re.I) for n in self.nouns) else 2
        if self.kind == "date":
            if self.query is not None and _YEARS_OR_MONTHS_ASKED.search(self.query.text):
                return 2 * bool(_A_DATE.search(text))  # ("between which years …?": "last year" names none)
            return 2 * (any(f.type == "date" for f in r.hit.facts) or bool(_A_DATE.search(text)) or bool(
                _A_WEEKDAY.search(text) and not (self.query and _YEAR_OR_MONTH_ASKED.search(self.query.text))))
        if self.kind == "place":  # a place the question does not name ("in Buenos Aires", asked where a deal was signed)
            asked = self.query.text.lower() if self.query is not None else ""
            found = _places_asked(asked, PLACE_AT)
            return 2 * any(m.group(1).lower() not in asked for m in found.finditer(text))
        if self.kind == "age":
            return 2 * bool(_AGE.search(text))
        if self.kind == "amount" and self.nouns:  # of a year: the amount standing nearest it
            return _amount_strength(text, r.hit.facts, self.nouns)
        if self.kind == "amount" and self.query is not None:
            return 2 * _has_figure(text, self.query)
        return 0


def _new_name(found: str, asked: str) -> bool:
    """Whether a name found in a sentence ("said Dmitry Lukashov", "Mr Myers") holds a capitalised word
    the question does not hold: someone other than the people it names."""
    return any(w.lower() not in asked for w in re.findall(r"\b[A-Z][\w'’-]+", found)
               if w not in ("Mr", "Mrs", "Ms", "Dr", "Sir"))


def _amount_strength(text: str, facts: Sequence[Fact], years: frozenset[str]) -> int:
    """For "how big was the deficit in 2004": 2 when an amount of money stands nearest to an asked year
    ("$671.7bn in 2004"), 1 when the sentence writes no year, 0 when every amount is another year's
    ("24.4% above 2003's imbalance of $496.5bn")."""
    spots = [text.find(f.value) for f in facts if f.type == "figure" and f.attrs.get("currency")]
    spots = [p for p in spots if p >= 0]
    if not spots:
        return 0
    written = [(m.start(), m.group()) for m in _YEAR_AT.finditer(text)]
    compared = _COMPARED.search(text)
    if written and compared and min(spots) < compared.start() and not _other_years(text, years):
        return 2  # "earned $630m in the period, down from $1bn in the fourth quarter of 2003": the year after's
    if not written:
        return 1
    return 2 if any(min(written, key=lambda y: abs(y[0] - p))[1] in years for p in spots) else 0


def _other_years(text: str, asked: Sequence[str] | frozenset[str]) -> set[str]:
    """The years a sentence names besides those asked, less the year before one asked when the figure is
    compared with it ("$630m, down from $1bn in the fourth quarter of 2003", asked of 2004): that is the
    asked year's figure set beside its baseline, not another year's."""
    years = set(re.findall(r"\b(?:19|20)\d\d", text)) - set(asked)
    baseline = {m.group() for c in _COMPARED.finditer(text) for m in _YEAR_AT.finditer(c.group())}
    return {y for y in years if not (y in baseline and str(int(y) + 1) in asked)}


def _model_number(found: str, nouns: frozenset[str]) -> bool:
    """Whether a number before a counted noun names a model: a number of three digits before the noun in the
    singular ("777 plane", "787 Dreamliner plane"; a count is "500 planes", "a 60,000-seater stadium")."""
    parts = found.split()
    if len(parts) < 2 or not re.fullmatch(r"[1-9]\d\d", parts[0]):
        return False  # (a model's number has three digits: "320", "777"; "77 short and medium-haul flights" counts)
    words = [w.lower().strip(",.;:") for w in parts[1:]]
    counted = next((w for w in reversed(words) if w.rstrip("s") in nouns), "")  # (the head: "166 call centres")
    return bool(counted) and not counted.endswith("s")  # ("787 Dreamliner plane")


def _counted(words: str, nouns: frozenset[str]) -> bool:
    return any(w.lower().strip(",.;:").rstrip("s") in nouns or any(
        w.lower().startswith(n) for n in nouns if len(n) > 3) for w in re.split(r"[\s-]+", words) if w)


# A run said by its latest's rank: "the 50th consecutive quarter of expansion", "the fifth year in a row", "the fifth
# billion-dollar telecoms deal since October", "its third profits warning in nine months"
_RUN_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                          r"eleventh|twelfth|twentieth)\s+((?:consecutive|straight|successive|running)\s+[\w-]+|"
                          r"[\w-]+(?=\s+in\s+a\s+row\b|\s+running\b)|(?:[\w-]+\s+){0,3}?[\w-]+(?=\s+since\s|"
                          r"\s+(?:in|within)\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?(?:days|weeks|months|years)\b|"
                          r"\s+(?:so\s+far\s+)?this\s+(?:year|month)\b))", re.I)
def counts_run(text: str, focus: Focus) -> bool:
    """Whether the text counts the asked thing by the rank of the latest of a run: "the 14th consecutive
    expansion" answers how many expansions in a row."""
    return any(_counted(m.group(1), frozenset(_count_nouns(focus))) for m in _RUN_ORDINAL.finditer(text))


_FRACTION = re.compile(r"-(?:quarters?|thirds?|fifths?|tenths?|halves)\b", re.I)


def _count_strength(text: str, nouns: frozenset[str]) -> int:
    """3: a number counting the asked thing ("about 13,000 slaves", "a 60,000-seater stadium");
    2: a number counting nothing named, the thing left understood ("sales to grow to 250,000 in
    2005"); 1: a vague count of the thing ("thousands of slaves"); 0: none."""
    best = 0
    if any(_counted(m.group(1), nouns) for m in _RUN_ORDINAL.finditer(text)):
        return 3  # "the 50th consecutive quarter of expansion": fifty quarters in a row
    for m in _NUMBER_AT.finditer(text):
        if _YEAR_ONLY.fullmatch(m.group().split()[0].rstrip(",.")) or _FRACTION.match(m.group(1) or ""):
            continue  # ("three-quarters of the economy" is a share, no count of quarters)
        if re.match(r"one\s+of\b", m.group(), re.I):
            continue  # ("one of last year's main concerns" counts no years)
        if m.group(1) and _counted(m.group(1), nouns):
            if _model_number(m.group(), nouns):
                continue  # ("Boeing's twin-aisle 777 plane": a model's number, no count of planes)
            return 3
        if _BARE.match(text, m.start(1) if m.group(1) else m.end()):
            best = 2
    if not best and any(_counted(m.group(1), nouns) for m in _VAGUE_COUNT.finditer(text)):
        best = 1
    return best


def _asked(query: Query, focus: Focus, wants_figure: bool = False) -> _Asked:
    if focus.count_noun:
        # ("how many people besides calisto tanzi …?": "… and 28 others" counts them too)
        others = {"other"} if _BESIDES.search(query.text) else set()
        return _Asked("count", frozenset(_count_nouns(focus) | others))
    if _HOW_OLD.search(query.text):
        return _Asked("age")
    if focus.role and query.kind == "person" and not focus.successor:
        return _Asked("person")
    if query.kind != "person" and (which := WHICH_PERSON.search(query.text)):
        # a person is wanted, described by a role the answering sentence may word otherwise ("said Anthony
        # Pratt from JD Power" for "which JD Power analyst …")
        return _Asked("named", frozenset({which.group(1).lower()[:5]}), query)
    if _WHEN.search(query.text):
        return _Asked("date", query=query)
    if _WHERE_ASKED.match(query.text) and not focus.why and (not _WHERE_NOT_PLACE.search(query.text)
                                                              or _COME_FROM.search(query.text)
                                                              or _ROUTE_ASKED.search(query.text)):
        return _Asked("place", query=query)
    if (focus.years and focus.measure and not focus.direction and query.kind in ("figure", "general")
            and not _CHANGE.search(query.text)):
        return _Asked("amount", frozenset(focus.years), query)
    if wants_figure:
        return _Asked("amount", query=query)
    return _Asked()
