"""Writing the offline answer: the lead (a figure, a name, a list, or the best sentence quoted) and
the numbered citations, grouped by story.

A synthesised lead is written only when its fact is about the focus entity, carries the wanted
attribute and fits the scope; otherwise the answer opens with a verbatim quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .caching import compiled
from .conversation import _SPEECH_VERBS
from .facts import country_of, parties_in
from .focus import _COMPARED, _MONEY_UNITS, MEASURES, Focus, did_deed, main_clause, thing_in, words_set_against
from .lists import _said_in, asks_one, country_kind, list_order, party_items, series_first, shares_said, stance_first
from .stance import stance
from .models import Answer, Article, Citation, Fact, Sentence
from .question import _SECTOR as _SECTOR_WORDS, QUESTION_WORDS, Query, view_said
from .retrieval import _KIND_WORDS, ANAPHOR, stems
from .nearmiss import _clauses, _noun_in, kind_unsaid
from .causes import cause_grade
from .ranking import (_PERSON_TEXT, Ranked, introduces_kind, _PAST, _count_facts, _join, _names_focus, _names_subject, _other_names,
                      _person_facts, elsewhere_only)


MAX_CITATIONS = 5


# "in the UK and in the eurozone", "in Japan and in China": the same thing asked of each place
_EACH_PLACE = re.compile(r"\bin\s+(?:the\s+)?[\w-]+\s+and\s+in\s+(?:the\s+)?[\w-]+", re.I)


def asks_each_place(query: Query) -> bool:
    """Whether the question asks one thing of each of its places ("what are interest rates in the UK and in
    the eurozone?"): a story may answer for one of them, and the answer gives each place its sentence."""
    return len(query.parties) > 1 and bool(_EACH_PLACE.search(query.text))


def _each_place(query: Query, lead: Ranked, ranked: Sequence[Ranked]) -> list[Ranked]:
    """(`asks_each_place`) for each asked place the lead sentence does not name, the best of the next few
    sentences naming it, about what is asked and in scope."""
    said = set(parties_in(lead.hit.sentence.text))
    found: list[Ranked] = []
    for party in query.parties:
        if party in said:
            continue
        r = next((r for r in ranked[1:PLACE_DEPTH] if r not in found and r.attribute and not r.conflict
                  and party in parties_in(r.hit.sentence.text)), None)
        if r is not None:
            found.append(r)
            said |= set(parties_in(r.hit.sentence.text))
    return found


PLACE_DEPTH = 8  # (`_each_place`) how far down the ranking another place's sentence is looked for


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


_HOW_LONG = re.compile(r"\bhow\s+long\b(?!\s+ago\b)", re.I)  # anywhere: "… at its slowest pace in how long?"


# A figure given for the whole world ("more than 50,000 people worldwide"), and the question asking the world
_WORLDWIDE = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:worldwide|world-wide|globally|around\s+the\s+world|across\s+the\s+"
                        r"(?:world|globe))\b")
_WORLDWIDE_ASKED = re.compile(r"\b(?:worldwide|world-wide|globally|global|world|globe|in\s+total|overall|altogether)\b",
                              re.I)


def _placed_elsewhere(query: Query, focus: Focus, text: str, lead: str) -> bool:
    """Whether the sentence places the lead's figure in a country the question does not ask about
    ("15 million customers in Japan" asked "how many customers does Vodafone have"): stated bare,
    a part would read as the whole, so the sentence is quoted instead."""
    asked = set(query.parties) | {p for d in focus.display for p in parties_in(d)}
    for figure in re.findall(r"[\d][\d,.]*\s*(?:bn|m|%)?", lead):
        at = text.find(figure.strip())
        if at < 0:
            continue
        if query.parties and _WORLDWIDE.match(text, at + len(figure.strip())) and not _WORLDWIDE_ASKED.search(
                main_clause(query.text)):
            return True  # "50,000 people worldwide, with about 7,000 in the UK", asked how many in the UK
        after = re.match(r"[^,;.()]{0,40}?\b(?:in|across|within|for)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)",
                         text[at + len(figure.strip()):])
        if after and (places := parties_in(after.group(1))) and not set(places) & asked:
            return True
    return False


def _anothers(focus: Focus, text: str, value: str) -> bool:
    """Whether the figure `value` sits in a clause about another firm, in a sentence whose other clause
    is about the one asked ("Deutsche Bank would cut its German workforce by 1,920, while 300 jobs will
    go at Credit Suisse First Boston": the 300 are not Deutsche Bank's)."""
    firms = [i for i, d in enumerate(focus.display) if not (country_of(d) or parties_in(d))]
    if not firms:
        return False
    clauses = _clauses(text)
    if len(clauses) < 2:
        return False
    holding = [c for c in clauses if value in c]
    return bool(holding) and all(_another_named(focus, c) and not _names_focus(focus, c, firms) for c in holding) and any(
        _names_focus(focus, c, firms) for c in clauses if c not in holding)


# A sentence opening on a name ("Denmark is …", "The US's …"), and a preposition placing a name after another
_SUBJECT_OPENING = re.compile(r"\s*(?:The\s+)?([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})")
_AFTER_PREPOSITION = re.compile(r"\b(?:after|than|to|from|with|behind|ahead\s+of|over|against|like|into|outside|"
                                r"in|of|by|for)\s+(?:the\s+)?$", re.I)


def subject_anothers(focus: Focus, text: str) -> bool:
    """Whether a sentence's subject is another country or body, the one asked named only after a preposition
    ("Denmark is Europe's second largest producer of feta after Greece - producing about 30,000 tonnes a year -
    and exports its products to Greece", asked how much feta Greece makes): its figures are the subject's."""
    m = _SUBJECT_OPENING.match(text)
    if not m or not focus.entities:
        return False
    opening = re.sub(r"['’]s?$", "", m.group(1))
    own = {country_of(d) or d for d in focus.display}  # ("Chilean exports …" open on Chile, asked about Chile)
    if _names_focus(focus, opening) or not (country_of(opening) or parties_in(opening)) or country_of(opening) in own:
        return False  # (a country or a body the facts know: "Exports from Norway rose" opens on no one)
    mentions = [hit for i in range(len(focus.entities)) for name in focus.names_of(i)
                for hit in re.finditer(rf"\b{re.escape(name)}\b", text, re.I)]
    return bool(mentions) and all(_AFTER_PREPOSITION.search(text[: hit.start()]) for hit in mentions)


_BACK = re.compile(r"\s*(?:it|its|they|their|he|she|the\s+(?:firm|company|group|bank|lender|carrier|business))\b", re.I)
_PLACED = re.compile(r"\b(?:in|to|near|across|outside)\s+$", re.I)


def _another_named(focus: Focus, clause: str) -> bool:
    """Whether a clause names someone other than the question's names (a place it is "in" or "to" is not
    someone; a clause opening "it …" or "the firm …" goes on about the sentence's subject)."""
    if _BACK.match(clause):
        return False
    return any(not _PLACED.search(clause[: m.start()]) for name in _other_names(clause, focus)
               for m in re.finditer(re.escape(name), clause, re.I))


# A part of the firm asked about ("Time Warner's film division", "its UK arm"): the words before the part.
_PART_ASKED = re.compile(r"(?:['’]s?|\b(?:its|their|the))\s+((?:[\w-]+\s+){0,2}?)(?:division|unit|arm|subsidiary|"
                         r"business|operations?|branch|wing|studios?)\b", re.I)


def _part_unsaid(query: Query, focus: Focus, text: str) -> bool:
    """Whether the question asks a figure of a part of the firm ("Time Warner's film division") that the
    sentence does not name: the firm's own figure ("TimeWarner's profits jumped 76% to $1.13bn") would
    be stated as the part's. Then the sentence is quoted, not its figure."""
    m = _PART_ASKED.search(query.text)
    if not m or not focus.entities:
        return False
    said = set(stems(text))
    words = [w for w in re.findall(r"[\w-]+", m.group(1).lower()) if w not in QUESTION_WORDS and len(w) > 1]
    wanted = set(stems(" ".join(words))) or set(stems(m.group(0).split()[-1]))
    return not wanted <= said


def _figure_lead(query: Query, focus: Focus, r: Ranked) -> str | None:
    if r.conflict or not r.attribute:
        return None
    if subject_anothers(focus, r.hit.sentence.text):
        return None  # "Denmark is … producer of feta after Greece - producing about 30,000 tonnes": Denmark's
    if not focus.scope_named(r.hit.sentence.text, r.hit.article, asks_past=bool(_PAST.search(query.text))):
        return None
    if focus.direction and r.direction != focus.direction:
        return None  # a rise is not answered with a drop, nor with a figure of no stated direction
    if elsewhere_only(r.hit.sentence.text, set(query.parties)):
        return None  # asked about "the Egyptian contracts", the sentence is about Indian ones
    if focus.count_noun:  # "how many people does Exel employ": the counted thing's own fact
        if kind_unsaid(focus, r.hit.sentence.text):
            return None  # "how many 3G customers …": "a net loss of 58,000 customers" counts customers of any kind
        counted = [f for f in _count_facts(r.hit, focus) if not _anothers(focus, r.hit.sentence.text, f.value)]
        if counted:
            fact = counted[0]
            if fact.type == "event":
                return f"{fact.attrs['count']} {fact.value}"
            return _qualified(fact.value, r.hit.sentence.text)  # ("more than 40,000 people", as the sentence has it)
        return None
    text = r.hit.sentence.text
    held = [f.value for f in r.hit.facts if f.type == "figure"]
    figures = [f for f in r.hit.facts if f.type == "figure" and not _conversion(f, text, held)]
    clauses = _clauses(text)
    if focus.per_share and focus.measure in ("price", "") and not focus.direction:
        # "at what price each?": the one sum the sentence gives for each share or thing ("570 rupees … apiece"),
        # whatever else it counts ("52 million shares")
        each = list(dict.fromkeys(f.value for f in figures if f.attrs.get("currency") and f.attrs.get("unit") != "%"
                                  and _per_share_figure(f.value, text) and not _conversion(f, text)
                                  and f.value not in query.text))  # (not "$76", asked how much of a premium it is)
        if len(each) == 1 and not _anothers(focus, text, each[0]):
            return _converted(_qualified(each[0], text), text)
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
    if focus.priced:
        # "how big a bribe …?": a sum in a clause naming the thing ("a $1.5m fine for bribing …" prices no bribe)
        figures = [f for f in figures if any(f.value in c and thing_in(focus.priced, c) for c in clauses)]
    if focus.direction:
        figures = [f for f in figures if not f.attrs.get("change") or f.attrs.get("change") == focus.direction]
    if focus.per_share:  # "at what price per share …": "300p per share", never the "£800m" it values the firm at
        figures = [f for f in figures if _per_share_figure(f.value, text)]
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
    baseline = " ".join(m.group() for m in _COMPARED.finditer(text))
    if baseline and not any(y in baseline for y in focus.years):
        # a figure given only as the yardstick of another year ("production began to fall from a peak
        # of about 400,000 tonnes a year in 1970") is not the answer, unless that year is asked
        outside = _COMPARED.sub(" ", text)
        chosen = [f for f in chosen if f.value in outside or f.value not in baseline]
    values = [v for v in dict.fromkeys(f.value for f in chosen) if not _anothers(focus, text, v)
              and not compiled(rf"(?<![\w.,]){re.escape(v)}(?![\w])").search(query.text)]
    # (a figure the question itself gives is what the asker knows, not the answer: "what turnover had Diageo
    # reported a year before its £8.89bn figure?")
    amounts = [v for v in values if not v.endswith("%")]
    if not values or len(amounts) > 1 or len(values) - len(amounts) > 1:
        return None  # several figures of the same kind: which one answers is for the reader to see
    return _join([_converted(_qualified(v, text), text) for v in values])


def _per_share_figure(value: str, text: str) -> bool:
    """Whether an amount is written as one per share ("300p per share", "$20 a share", "45 cents each")."""
    # (its conversions between: "570 rupees (£6.80; $13) apiece")
    return any(re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:(?:a|per)\s+(?:\w+\s+)?share\b|each\b|apiece\b)",
                        text[m.end():] if not (c := _CONVERSIONS.match(text, m.end())) else text[c.end():])
               for m in re.finditer(re.escape(value), text))


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
    if measure == "stake":  # a share of a firm (a percentage, a number of shares), not what was paid for it
        return not fact.attrs.get("currency")
    return True


_QUALIFIER = re.compile(r"((?:no|not)\s+(?:more|less|fewer)\s+than|more than|less than|fewer than|about|around|almost|"
                        r"nearly|over|under|up to|at least|at most|a maximum of|a minimum of|roughly|some|close to|"
                        r"just over|just under)\s+$", re.I)


def _qualified(value: str, text: str) -> str:
    """A figure with the qualifier its sentence gives it: "more than $60bn", not "$60bn"."""
    i = text.find(value)
    m = _QUALIFIER.search(text[max(0, i - 20):i]) if i > 0 else None
    return f"{m.group(1).lower()} {value}" if m else value


def _conversion(fact: Fact, text: str, held: Sequence[str] = ()) -> bool:
    """A figure given in brackets after another, as a currency conversion: "$25.4bn (£13bn)"; after a sum in a
    currency written as a word ("1bn CFA francs ($2m; £1m)", "570 rupees (£6.80; $13)") only where that sum is
    not one of the figures `held` (those stay figures of their own: several amounts are for the reader to see)."""
    i = text.find(fact.value)
    if i <= 0:
        return False
    before = text[:i].rstrip()
    if not before.endswith(("(", ";")):
        return False
    if re.search(r"\d[\w.,]*\s*[(;]\s*(?:[^()]*;\s*)?$", before):
        return True
    m = _CONVERTED.search(before)
    return bool(m) and not any(v.startswith(m.group(1)) for v in held)


_CONVERTED = re.compile(r"(\d[\w.,]*)\s*(?:[A-Z]{2,4}\s+)?(?:" + "|".join(
    u[:-1] + "s?" if u.endswith("s") else u for u in sorted(_MONEY_UNITS)) + r")\s*[(;]\s*(?:[^()]*;\s*)?$")
_CONVERTED_SUM = r"(?:[£$€¥][\d.,]+(?:m|bn|p)?|[\d.,]+(?:p|m|bn)?\s*(?:euros?|cents?))"  # ("£6.80", "$13", "9 euros")
_CONVERSIONS = re.compile(rf"\s*\({_CONVERTED_SUM}(?:;\s*{_CONVERTED_SUM})*\)")  # ("(£6.80; $13)")


def _converted(value: str, text: str) -> str:
    """A sum in a currency written as a word with the conversions its sentence gives after it: "570 rupees
    (£6.80; $13)", so the reader sees the amount in money they know."""
    i = text.find(value)
    m = _CONVERSIONS.match(text, i + len(value)) if i >= 0 and value[:1].isdigit() else None
    return value + m.group() if m else value


_CONTRAST_OPENING = re.compile(r"\s*(?:while|whereas|although|though)\b[^,;]+,", re.I)


def _other_side(query: Query, text: str, people: Sequence[Fact]) -> bool:
    """Whether the people of a "While A has suggested …, B has warned …" sentence are all on the side that says
    no more of what the question asks than the other side: "who has warned that it could cost German jobs?" is
    not surely answered by A, who suggested something else (the sentence is quoted instead)."""
    m = _CONTRAST_OPENING.match(text)
    if not m:
        return False
    first, second = text[: m.end()], text[m.end():]
    if any(f.value in second for f in people):
        return False
    said = shares_said(query, second)
    return said > 0 and said >= shares_said(query, first)


# "whom does …?", "to whom did …?": the one a deed is done to, asked
_OBJECT_ASKED = re.compile(r"^\s*(?:and\s+)?(?:to\s+)?whom\b", re.I)
_SPEECH = rf"(?:{_SPEECH_VERBS})"  # (the verbs by which "who said that?" finds a speaker)


def _speaks(name: str, text: str) -> bool:
    """Whether `text` has `name` (by its last word) tell what is said: "Mr Lamberty explained …", "…, said Jo Lee"."""
    last = re.escape(name.split()[-1])
    return compiled(rf"\b{last}\s+(?:has\s+|had\s+|also\s+)?{_SPEECH}\b|"
                    rf"\b{_SPEECH}\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}{last}\b").search(text) is not None


def _person_lead(query: Query, focus: Focus, r: Ranked) -> str | None:
    if focus.successor:
        return None  # "who will replace …": the role's current holder is not the answer
    entity_words = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.split()}
    people = [f for f in _person_facts(r.hit)
              if focus.role_of(f) and focus.person_linked(f, r.hit.sentence, r.hit.article)
              and not ({w.lower() for w in f.value.split()} & entity_words)]  # "Aviation" of China Aviation Oil
    if not people or (focus.role and not r.attribute):
        return None
    if not focus.role and _other_side(query, r.hit.sentence.text, people):
        return None  # quoted: the one who said what is asked is not named by this sentence
    if _OBJECT_ASKED.match(query.text):
        # "whom does Lufthansa not plan to pursue?": the one telling of it ("Mr Lamberty explained that the company
        # did not plan to pursue …") is not whom the deed is done to
        people = [f for f in people if not _speaks(f.value, r.hit.sentence.text)]
        if not people:
            return None
    if focus.deed:  # "who owns Gerrard?": its chief economist, named beside it, is not its owner
        people = [f for f in people if did_deed(focus.deed, r.hit.sentence.text, f.value)]
        if not people:
            return None
    asked = {p for d in focus.display for p in parties_in(d)}
    if asked and set(parties_in(r.hit.sentence.text)) - asked and not any(
            set(parties_in(str(f.attrs.get("role") or ""))) & asked for f in people):
        # "Russia's natural resources minister": a minister in a sentence naming India too is
        # stated only when the role says whose ("Russian natural resources minister"); else quoted
        return None
    shown = []
    for fact in people[:2]:
        role = fact.attrs.get("role")
        shown.append(f"{fact.value} ({role})" if role else fact.value)
    return _join(shown)


THIN_DETAIL = 0.2  # (`_synthesised`) share of the question's words besides its names a figure's sentence holds
THIN_COVERAGE = 0.4  # … or of all its words: below both, the figure is quoted, not stated


def _thin(r: Ranked) -> bool:
    """Whether a sentence shares little with the question besides its names (`THIN_DETAIL`, `THIN_COVERAGE`)."""
    return r.hit.detail < THIN_DETAIL and r.hit.coverage < THIN_COVERAGE


def _thin_list(r: Ranked) -> bool:
    """(A list) a thin sentence, unless it goes on from the sentence before it, which says what it lists of:
    "They included the textiles, apparel … sectors" after "Of the 20 manufacturing sectors …, 13 grew"."""
    return _thin(r) and not ANAPHOR.match(r.hit.sentence.text)


THIN_WORDS = 2  # (a list) what the question must say besides its names and the asked kind for a sentence to be thin


def _judges_thin(query: Query, focus: Focus) -> bool:
    """(A sector or country list) whether the question says enough besides its names and the asked kind
    for a sentence sharing none of it to be thin: "which sectors did Pakistan and Belarus pick?" says only
    "pick", which the answering sentence says in its own words ("identified … as key areas")."""
    kind_words = _KIND_WORDS.get(query.kind, frozenset())
    names = {st for i in range(len(focus.entities)) for n in focus.names_of(i) for st in stems(n)}
    said = {st for t in query.terms if not (country_of(t) or country_of(t.title())) for st in stems(t)
            if st not in QUESTION_WORDS and st not in kind_words and st not in names}
    return len(said) >= THIN_WORDS


def _sector_only_named(query: Query, focus: Focus) -> bool:
    """Whether every word that made the question a sector question is part of a focus entity's name, as
    typed in lower case ("varno industries", "gold fields"): a firm is asked about, not its sectors."""
    lower = query.text.lower()
    spans = [(m.start(), m.end()) for i in range(len(focus.entities)) for n in focus.names_of(i) if n
             for m in re.finditer(rf"(?<!\w){re.escape(n.lower())}(?!\w)", lower)]
    found = list(_SECTOR_WORDS.finditer(lower))
    return bool(found and spans) and all(any(a <= m.start() and m.end() <= b for a, b in spans) for m in found)


LIST_WINDOW = 10  # (a thin list lead) how far down the ranking its story's sentence saying more may be


def _unthinned(ranked: list[Ranked]) -> list[Ranked]:
    """(A sector or country list whose lead sentence is thin) the lead story's first sentence that says more
    of the question goes first; the thin one stays below it ("sectors such as housing, automobiles …" asked
    about the areas of spending growth: "The biggest spending growth areas are defence …")."""
    lead = ranked[0]
    better = next((r for r in ranked[1:LIST_WINDOW] if r.hit.article.id == lead.hit.article.id
                   and not r.conflict and not _thin_list(r)), None)
    return ranked if better is None else [better] + [r for r in ranked if r is not better]
_CALENDAR = re.compile(r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                       r"December)\b", re.I)


# A sentence opening with a capitalised name, its subject ("Alitalia lost …", "Brenlow Air lost …"), not a
# possessive's owner
_OPENING_NAME = re.compile(r"([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)\s+(?![A-Z])")


def _synthesised(query: Query, focus: Focus, r: Ranked) -> str | None:
    """The typed answer the lead sentence gives, only when it is about the focus and fits."""
    if focus.entities and r.entity < 0.8:
        return None
    if not focus.entities and _PRONOUN.search(query.text):
        return None  # "who is its chief executive?" with nothing "its" stands for: not ours to guess
    if query.kind == "person" and (focus.role or focus.entities):
        return _person_lead(query, focus, r)
    if query.kind == "figure":
        if _thin(r):
            # the sentence shares the name and little else with the question ("what could Diageo be
            # worth?" against "Diageo … agreed to buy Chalone for $260m"): its figure is about
            # something else as often as not, so it is quoted, never stated as the answer
            return None
        if not _names_subject(focus, r.hit.sentence.text) and not ANAPHOR.match(r.hit.sentence.text):
            # in the firm's story, but the figure's sentence is not about the firm: "ExxonMobil signed a
            # $12.8bn deal" in a report on Shell's deal with Qatar is quoted, never stated as Shell's
            return None
        if _part_unsaid(query, focus, r.hit.sentence.text):
            return None  # a part of the firm asked, the sentence's figure is the whole firm's
        lead = _figure_lead(query, focus, r)
        if lead and _placed_elsewhere(query, focus, r.hit.sentence.text, lead):
            return None  # "more than 15 million customers in Japan" is not Vodafone's customers
        if lead and _set_against(query, lead):
            return None  # "7,000 jobs", asked how many staff, "not counting the jobs that might go offshore"
        return lead
    if query.kind == "date" and not r.conflict and (focus.entities or focus.measure) and not _HOW_LONG.search(query.text):
        # ("how long was he jailed for?" asks a length of time, never answered by a date)
        dates = [f.value for f in r.hit.facts if f.type == "date" and not f.attrs.get("period")]
        # stated only when it is a date on the calendar: "last quarter", "last week" say when only
        # beside the sentence's own time, and are quoted
        if len(dates) != 1 or not _CALENDAR.search(dates[0]) or event_elsewhere(query, r.hit.sentence.text, dates[0]) or (
                _SEASON.search(r.hit.sentence.text)) or dates[0].lower() in query.text.lower() or _APPLIES_TO.search(
                    r.hit.sentence.text[:max(0, r.hit.sentence.text.find(dates[0]))]) or _tenure_only(
                        query, r.hit.sentence.text, dates[0]) or _date_given_up(r.hit.sentence.text, dates[0]):
            # (nor the question's own time: "… guidance for the first quarter of 2005" asked when it will be given)
            return None  # ("begin trials in April with a view to launching … from the autumn": two times, quoted)
        return date_as_said(r.hit.sentence.text, dates[0])
    return None


def _set_against(query: Query, lead: str) -> bool:
    """Whether the thing a figure counts or measures is named only in the clause setting something against what is
    asked ("how many staff does Qantas have, not counting the jobs that might go offshore?": "7,000 jobs" is what
    is set aside, whatever the sentence around it)."""
    against = words_set_against(query.text)
    return any(st in against for st in stems(" ".join(re.findall(r"[A-Za-z]{4,}", lead))))


# What a sentence says of the part of a period it means: "until the end of 2005" is no answer of "2005"
_PART_OF_PERIOD = re.compile(r"(?:\b(?:the\s+)?(?:end|start|beginning|middle|close|turn|(?:first|second)\s+half)\s+of"
                             r"|\b(?:early|late|mid)|\bmid-)\s*$", re.I)


# A month said just before a year named by its distance ("in May last year"): the month is the date
_MONTH_BEFORE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                           r"December)\s+$")


def date_as_said(text: str, date: str) -> str:
    """The date with the part of it the sentence names ("the end of 2005", "early 2006", "May last year"), else the
    date."""
    at = text.find(date)
    month = _MONTH_BEFORE.search(text[:at]) if at > 0 and re.match(r"(?:last|this|next)\s", date, re.I) else None
    if month is not None:
        return f"{month.group(1)} {date}"
    m = _PART_OF_PERIOD.search(text[max(0, at - 24):at]) if at > 0 else None
    if m is None:
        return date
    part = m.group().strip()
    said = f"{part}{date}" if part.endswith("-") else f"{part} {date}"
    return said[:1].upper() + said[1:]  # (it opens the answer)


# A year or month a thing holds for, not when it happens: "bonus rates … are to be cut from 2% to 1% for 2004" (but
# "scheduled for March" says when)
_APPLIES_TO = re.compile("".join(rf"(?<!\b{verb})" for verb in (
    "scheduled", "set", "planned", "slated", "due", "earmarked", "fixed", "pencilled", "penciled", "booked", "timetabled",
    "targeted")) + r"\s+for\s+(?:the\s+)?(?:(?:whole|full|financial|fiscal|calendar)\s+)?(?:year\s+)?$", re.I)
# A post or tie held since a time: "board director since 1984", "a shareholder since 1999"
_HELD_SINCE = re.compile(r"\b(?:director|chairman|chairwoman|chair|member|boss|chief|executive|head|president|owner|"
                         r"shareholder|supporter|manager|partner|employee|minister|governor|investor|customer|"
                         r"client|adviser|advisor)s?\s+since\s+$", re.I)


def _tenure_only(query: Query, text: str, date: str) -> bool:
    """Whether the date only says since when someone has held a post or tie ("A lifetime supporter and board
    director since 1984, Mr Murray agreed to buy …"), which dates no deed (unless "since when" is asked)."""
    at = text.find(date)
    return at > 0 and _HELD_SINCE.search(text[max(0, at - 40):at]) is not None and not re.search(
        r"\bsince\b", query.text, re.I)


# A date planned ("scheduled for release … in March") and a delay after it ("… have now had their release dates put
# back"): the date is the one given up
_PLANNED_FOR = re.compile(r"\b(?:scheduled|planned|due|set|slated|timed|expected)\b", re.I)
_PUT_BACK = re.compile(r"\b(?:put|pushed|moved|set)\s+back\b|\b(?:delayed|postponed|deferred|shelved|pushed\s+out)\b",
                       re.I)


def _date_given_up(text: str, date: str) -> bool:
    """Whether the date is the one a plan had before it was put off ("Two albums scheduled for release before the end
    of the financial year in March … have now had their release dates put back"): not when it will now happen."""
    at = text.find(date)
    return at > 0 and _PLANNED_FOR.search(text[max(0, at - 80):at]) is not None and _PUT_BACK.search(
        text[at + len(date):]) is not None


# A season is a time the date facts do not hold: beside one, a sentence's single calendar date may date another step
_SEASON = re.compile(r"\b(?:the|this|next|last|in|from|by|until)\s+(?:spring|summer|autumn|winter)\b", re.I)


def _verb_stems(words: str) -> set[str]:
    """Stems, with a verb's and its noun's one ("decide", "decision": "decid") made alike."""
    return {re.sub(r"s$", "d", st) for st in stems(words)}


def event_elsewhere(query: Query, text: str, date: str) -> bool:
    """Whether a word the question asks the date of is said in another clause of the sentence than the date's:
    "from when a decision is taken …, implying that a BMW crossover could be on the market by 2008" dates no
    decision ("when is BMW due to decide …?")."""
    clauses = _clauses(text)
    own = next((c for c in clauses if date in c), "")
    if not own or len(clauses) < 2:
        return False
    asked = _verb_stems(" ".join(t for t in query.terms if t not in QUESTION_WORDS)) - _verb_stems(
        " ".join(query.names))
    others = _verb_stems(" ".join(c for c in clauses if c != own))
    return bool((asked & others) - _verb_stems(own))


def _says_less(query: Query, text: str, bar: int, names: Sequence[str]) -> bool:
    """(A further sentence of a country list) whether it says less of what was asked than the lead
    (`bar` words of it), or says nothing of it but the names of the question's own entities
    ("Mittal Steel was formed when … merged with Dutch firm Ispat" is no country of its operations)."""
    return shares_said(query, text) < bar or not shares_said(query, text, names)


def _from_line(article: Article) -> str:
    """Whose a list is, on a line of its own: "From “title” (date):"."""
    return f"From “{article.title}”" + (f" ({article.published}):" if article.published else ":")


def _party_counts(facts: Sequence[Fact]) -> dict[str, int]:
    """How many sentences of the story name each party (a party fact per mention group)."""
    counted: dict[str, int] = {}
    for f in facts:
        if f.type == "party":
            counted[f.value] = counted.get(f.value, 0) + len(f.sentence_ids)
    return counted


def _main_parties(facts: Sequence[Fact]) -> tuple[str, ...]:
    """The story's two most mentioned parties."""
    return tuple(p for p, _ in sorted(_party_counts(facts).items(), key=lambda kv: -kv[1])[:2])


def _story_label(article: Article, facts: Sequence[Fact]) -> str:
    """Whose a list is: the story's two parties when it is about both ("Pakistan and Belarus"), else its title. A
    country the story names about as often as the first is a party to it; one named in passing (the US twice in a
    report on the Karachi exchange, which names Pakistan seven times) is not."""
    counts = _party_counts(facts)
    top = list(_main_parties(facts))
    if len(top) == 2 and 2 * counts.get(top[1], 0) < counts.get(top[0], 0):
        top = top[:1]
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


def _supplies(query: Query, focus: Focus, lead: Ranked, r: Ranked) -> bool:
    """Whether a sentence of a quoted lead's story gives the kind of answer the lead lacks: the person a
    "who" question asks for ("Israel has asked a US banker ..." and then "Stanley Fischer ... has agreed")."""
    if r.conflict or r.hit.coverage <= 0 or (focus.entities and r.entity < 0.5):
        return False
    if query.kind == "person":
        return not _named_person(lead) and _named_person(r)
    if query.kind == "figure" and not (focus.measure and not r.attribute):
        return not _figures(lead) and bool(_figures(r))
    if focus.why:
        return cause_grade(lead.hit.sentence.text) < 3 and cause_grade(r.hit.sentence.text) == 3
    return False


def _named_person(r: Ranked) -> bool:
    """A person named in the sentence: a person fact, or one written out ("Jane Doe, vice chairman of ...")."""
    return bool(_person_facts(r.hit)) or bool(_PERSON_TEXT.search(r.hit.sentence.text))


def _figures(r: Ranked) -> list[Fact]:
    return [f for f in r.hit.facts if f.type == "figure"]


class Composer:
    """Builds the offline answer from ranked evidence."""

    def __init__(self, store_facts, story_sentences=None, is_name=None) -> None:  # type: ignore[no-untyped-def]
        self.store_facts = store_facts
        self.story_sentences = story_sentences  # article id -> its sentences (list questions gather from them)
        self.is_name = is_name  # whether a word (lower case) is a name the store knows

    def _anothers_figure(self, focus: Focus, text: str) -> bool:
        """(A figure asked of countries or bodies only) whether the sentence opens with a stored name that is none
        of them and names none of them: its figure is that firm's ("Alitalia lost 330m euros in 2003" in a story
        titled on the EU), though a country's own figure often goes unnamed ("Exports rose 4%")."""
        if not focus.entities or self.is_name is None or not all(
                country_of(d) or country_of(d.title()) or parties_in(d) for d in focus.display[:len(focus.entities)]):
            return False
        opening = _OPENING_NAME.match(text)
        if opening is None or country_of(opening.group(1)) or parties_in(opening.group(1)):
            return False
        asked = {p for d in focus.display for p in parties_in(d) or [country_of(d) or country_of(d.title())] if p}
        return self.is_name(opening.group(1).lower()) and not asked & set(parties_in(text))

    def compose(self, query: Query, focus: Focus, ranked: list[Ranked], read_as: str) -> Answer:
        items = 0  # a list question's item sentences that lead, gathered from the lead story (`bot.lists`)
        allowed: dict[str, list[str]] | None = None  # (a stance asked) the items each sentence may give
        thin = False  # (a sector or country list) its best sentence shares little with the question: quoted
        if query.kind not in ("sector", "party") and self.story_sentences is not None:
            ranked, items = list_order(query, focus, ranked, self.story_sentences, self.store_facts, self.is_name)
        elif query.wants_list and self.story_sentences is not None and stance(query.text):
            # "which countries turned down …": only parties of clauses taking that stance are listed
            ranked, allowed = stance_first(query, ranked, self.story_sentences, self.store_facts, query.kind)
        elif query.kind == "sector" and query.wants_list and not any(
                f.type == "sector" for r in ranked if r.hit.article.id == ranked[0].hit.article.id for f in r.hit.facts):
            ranked = series_first(query, ranked)  # no sector fact in the story: its sentence listing them leads
        judged = query.wants_list and query.kind in ("sector", "party") and _judges_thin(query, focus)
        if query.kind == "sector" and _sector_only_named(query, focus):
            thin = True  # "what did varno industries sell for?": the firm's name says "industries", no list is asked
        elif judged and _thin_list(ranked[0]):
            # a list is stated, like a figure, only from a sentence saying more of the question than its
            # names: a list of another thing in the story (or another story) is never the answer
            thin = True
            ranked = _unthinned(ranked)
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
        if query.wants_list and query.kind in ("sector", "party") and allowed != {} and not thin:
            wanted = "sector" if query.kind == "sector" else "party"
            listed = [lead] + [r for r in same if any(f.type == wanted for f in r.hit.facts)]
            if allowed is not None:  # the sentences taking the asked stance, in story order
                listed = [r for r in ranked if r.hit.sentence.id in allowed]
            cited: list[tuple[Fact, int]] = []  # each listed value with the citation it rests on
            asked = set(query.parties) if wanted == "party" else {
                f.value for r in listed for f in r.hit.facts if f.type == "sector" and _said_in(f, query.text)}
            # (the sector the question names is the kind asked, not an item: "which manufacturing sectors grew?")
            own = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
            bar = min(2, shares_said(query, lead.hit.sentence.text)) if wanted == "party" else 0
            one = wanted == "party" and asks_one(query)
            for r in listed[:MAX_CITATIONS]:
                got = [f for f in r.hit.facts if f.type == wanted and f.value not in {x.value for x, _ in cited}
                       and f.value not in asked  # "which countries has Venezuela signed with?": not Venezuela
                       and (wanted != "party" or country_kind(query, f))]  # not the G7 of "which countries"
                if allowed is not None:
                    got = [f for f in got if f.value in allowed[r.hit.sentence.id]]
                    if not got:
                        continue
                elif not got or (r is not lead and bar and _says_less(query, r.hit.sentence.text, bar, own)):
                    continue  # (a country in a sentence saying less of what was asked than the lead is no item)
                elif wanted == "party":
                    got = party_items(query, r.hit.sentence.text, got, own)
                    if not got:
                        continue
                    if one and (r is not lead or len(got) > 1):
                        break  # one country asked: the lead sentence's only one, else it is quoted
                if r is not lead:
                    chosen.append(r)
                n = len(chosen) if r is not lead else 1
                cited.extend((f, n) for f in got)
            if cited and all(n != 1 for _, n in cited) and ((judged and _thin_list(chosen[1])) or (
                    chosen[1].hit.detail < lead.hit.detail / 2 and not ANAPHOR.match(chosen[1].hit.sentence.text))
                    or introduces_kind(query, lead.hit.sentence.text)):
                # the lead sentence gives no item, and the first one giving some shares little with the
                # question ("sectors such as housing … will be hurt" asked about areas of spending
                # growth): it lists other things, so nothing is listed and the lead is quoted. (One
                # going on from the sentence before it, "They included the textiles … sectors", may.) Nor
                # is one saying less than half of what the lead says of the question: "India is to boost
                # spending on primary schools and health" is not answered by "telecoms and aviation" from
                # a sentence on the reforms its critics dislike. Nor when the lead names the kind asked as its
                # own ("… with products such as flat-screen TVs in high demand"): the sectors of another
                # sentence are another kind.
                cited = []
                chosen = [lead]
            if cited and all(n != 1 for _, n in cited):
                # the lead sentence gives no item: the first sentence giving some leads (every citation
                # is marked in the answer)
                chosen = chosen[1:]
                cited = [(f, n - 1) for f, n in cited]
                lead = chosen[0]
            if cited:
                phrase, bare = _list_phrase(cited, wanted)
                if wanted == "party":
                    # whose list: the story it comes from, on a line of its own; the story's own two
                    # main parties would read as items ("Indonesia and Sri Lanka: Thailand and India")
                    lines.append(_from_line(lead.hit.article))
                    lead_text = bare
                    lines.append(f"{phrase}.")
                else:
                    label = _story_label(lead.hit.article, self.store_facts(lead.hit.article.id))
                    lead_text = f"{label}: {bare}"
                    lines.append(f"{label}: {phrase}.")
                kind = "synthesised"
        if not lines:
            direct = _synthesised(query, focus, lead)
            if direct and query.kind == "figure" and _disputed(focus, lead, ranked):
                direct = None  # other stored reports give another figure: quoted, for the reader to see
            if direct and query.kind == "figure" and self._anothers_figure(focus, lead.hit.sentence.text):
                direct = None  # "Alitalia lost 330m euros in 2003" in a story on the EU is not the EU's loss
            view = view_said(query.text)
            if direct and view is not None and not view.search(lead.hit.sentence.text):
                direct = None  # "when do economists think the Fed will raise rates?": not the Fed's own "in December"
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
        near = [r for r in ranked[1:4] if not items and r.hit.article.id != lead.hit.article.id and focus.entities
                and r.entity >= 0.75 and r.attribute and not r.conflict and r.score >= 0.75 * lead.score]
        if asks_each_place(query) and not items:
            for r in _each_place(query, lead, ranked):  # "… in the UK and in the eurozone?": each place's own
                chosen.append(r)
                lines.append(f"{r.hit.sentence.text} [{len(chosen)}]")
        for r in ranked[1:items]:  # the list's further items, each with its own citation, in story order
            chosen.append(r)
            lines.append(f"{r.hit.sentence.text} [{len(chosen)}]")
        if kind == "quote" and not items and len(chosen) < 3:
            # the quoted lead lacks what was asked (a name, a figure, a cause): its story's sentence that
            # gives it comes next
            giving = [r for r in same if r not in chosen and _supplies(query, focus, lead, r)]
            supplying = max(giving, key=lambda r: (r.hit.detail, r.score)) if giving else None
            if supplying is not None:
                chosen.append(supplying)
                lines.append(f"{supplying.hit.sentence.text} [{len(chosen)}]")
        for r in same + near:
            if len(chosen) >= max(MAX_CITED, items + 1):
                break
            if r in chosen or not _bears(query, focus, lead, r):
                continue
            if _norm(r.hit.sentence.text) in {_norm(c.hit.sentence.text) for c in chosen}:
                continue
            chosen.append(r)
            lines.append(f"{r.hit.sentence.text} [{len(chosen)}]")
        if not items and len(chosen) < MAX_CITED and ANAPHOR.match(lead.hit.sentence.text):
            # a lead going on from the sentence before it ("It was led by Digby Jones …"): that one says what "it"
            # is, where a place is left
            before = next((r for r in same if r.hit.sentence.position == lead.hit.sentence.position - 1
                           and r not in chosen and not r.conflict), None)
            if before is not None:
                chosen.append(before)
                lines.append(f"{before.hit.sentence.text} [{len(chosen)}]")
        if items:
            lines.insert(0, _from_line(lead.hit.article))  # whose list it is: the story the items come from
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


MAX_CITED = 3  # how many sentences an answer cites (a list, one per item): only what bears on the question


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
