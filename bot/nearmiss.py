"""The near-miss gate: does a sentence about the focus entity carry the asked fact?

`_fits` judges a sentence clause by clause (the attribute, in the asked scope and direction,
reported rather than forecast, with an amount when one is asked, not plainly another firm's).
When no sentence about a stored entity fits, the answer says so instead of quoting something
related (issue 11, item 7).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .caching import compiled
from .counting import NTH_TIME, SPAN, counts_any
from .entities import FUNCTION_WORDS
from .focus import AT_ONCE, NOT_THE_QUARTER, PART_OF_YEAR, _SUBPERIOD, _YEAR, _BASELINE, _COMPARED, _FALL, _FORECAST, _MONTH as _MONTH_NAME, _QUALIFIERS as QUALIFIERS, _RISE, COMPOUND_HEAD, MEASURES, ROLE_WORDS, Focus, mentions_any, priced_amount, thing_in
from .models import Fact
from .question import QUESTION_WORDS, Query
from .facts import country_of, parties_in
from .ranking import GRADE as _GRADE, OWN_SUBJECT as _PRONOUN_SUBJECT, RATING_ASKED, IT_CHANGED, ORDINAL, TIME_UNITS, Ranked, _CHANGE, counts_run, _WHAT_AMOUNT, _names_focus, _person_facts
from .retrieval import _FORMS, TEENS, stems


# Words that name no one before an "its": question words, auxiliaries, articles, prepositions, and "the firm"
_NO_SUBJECT = frozenset("""what who whom whose why how when where which much many far big large high is are was were be
been did does do has have had will would can could should may might the a an and so then of in for to at on by with
about from firm company group bank country government business it they he she""".split())


def _loosely_has(focus: Focus, r: Ranked) -> bool:
    """Whether a sentence may hold the attribute at all (a role's words are enough: "chairman of the
    working party" need not be a person fact of ours)."""
    if r.attribute:
        return True
    lower = r.hit.sentence.text.lower()
    if focus.role:
        return any(w in lower for w in focus.role if w in ROLE_WORDS) or (
            bool(_HEADING & set(focus.role)) and bool(_HEAD_SAID.search(lower)))
    if focus.count_noun:
        return any(w.rstrip("s") in lower for w in focus.count_noun if len(w) > 2) or _sales_of_story(focus, r)
    return False


# A figure's hedge: "more than", "about", "nearly" …
_ABOUT = r"(?:more\s+than\s+|about\s+|some\s+|almost\s+|nearly\s+|over\s+)?"
# "sales will hit 200,000": a count of things sold, the story saying which
_SALES_COUNT = re.compile(rf"\bsales\b[^.;]{{0,40}}?\b(?:hit|reach|top|of|at|to|exceed|pass)\s+{_ABOUT}\d", re.I)


def _sales_of_story(focus: Focus, r: Ranked) -> bool:
    """"How many hybrids will be sold …?": a count of sales in a story whose title or opening names the thing counted
    ("Research group JD Power estimates sales will hit 200,000 in 2005", in "Hybrid car sales set to double") holds
    the count, though the sentence leaves the thing to the story."""
    noun = focus.count_noun[-1].lower()
    stem = noun[:-1] if noun.endswith("s") else noun
    return (len(stem) > 3 and _SALES_COUNT.search(r.hit.sentence.text) is not None
            and stem in f"{r.hit.article.title}\n{r.hit.article.body[:400]}".lower())


# "who runs (heads, leads) X?": whoever the story names at the top of X answers, by whatever title ("director of
# the centre", "the bureau's chief", "its president")
_HEADING = frozenset({"boss", "head"})
_HEAD_SAID = re.compile(r"\b(?:head|chief|boss|chairman|chairwoman|chair|president|director|governor|leader|ceo)\b")


_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+(?:but|while|whereas|although|though)\s+|,\s+despite\s+|,\s+and\s+|"
                           # (a capitalised function word after a lower-case word or a figure: a full stop the
                           # text lost, "… dipped by 3.4% In the US last year, revenue grew …")
                           r"(?<=[a-z0-9%])\s+(?=(?:In|The|But|It|Its|This|However|Meanwhile|He|She|They|We)\s)|"
                           r",\s+(?=(?:it|he|she|they|we)\s|[a-z]+ing\b)|"
                           r"\s+and\s+(?=(?:it|its|he|she|they|the (?:firm|company|group|bank)|said|says|"
                           r"expects?|[a-z]+ing)\b)|"
                           # (a clause of its own with a speaker: "… and experts suggest its success could …")
                           r"\s+and\s+(?=[a-z]+\s+(?:say|says|said|suggest|suggests|suggested|expect|expects|expected|"
                           r"believe|believes|believed|think|thinks|thought|warn|warns|warned|predict|predicts|predicted)\b))")
# "what first-quarter sales figure did Ericsson forecast?": a figure, named as such, is what is asked
_FIGURE_ASKED = re.compile(r"\s*(?:and\s+)?(?:what|which)\s+(?:[\w'’-]+\s+){0,4}?(?:figure|amount|sum|total)\b", re.I)
_QUANTITY = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       rf"{TEENS}|twenty|thirty|"
                       r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|doubled?|doubling|halved|"
                       r"trebled?|tripled?|twice|(?:a|one)[ -](?:half|third|quarter|fifth|tenth)|"
                       r"(?:more|less|fewer) than (?:about |some |around )?(?:half|a third|a quarter)|"  # ("to more than half the nation's output")
                       r"(?:about|around|almost|nearly|roughly|some) half)\b"  # ("recovered more than about half their savings")
                       r"(?!-(?!(?:one|two|three|four|five|six|seven|eight|nine)\b))", re.I)
_NUMBER_WORD = (rf"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|{TEENS}|"
                r"twenty|thirty|forty|fifty|hundred|thousand)")


def _joined_count(focus: Focus, text: str) -> bool:
    """Whether a number joined to the counted thing counts it: "a three-judge panel" asked how many judges."""
    heads = "|".join(re.escape(w.rstrip("s")) for w in focus.count_noun[-1:] if len(w) > 2)
    return bool(heads) and re.search(rf"\b{_NUMBER_WORD}-(?:{heads})\b", text, re.I) is not None


# Amounts that count nothing: a percentage, a sum of money, an age ("children between the ages of six and 11")
_NO_COUNT = re.compile(r"\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|[$£€¥]\s?\d[\d.,]*\s*(?:m|bn|million|billion|trillion)?|"
                       r"\d[\d.,]*\s*(?:m|bn|million|billion|trillion)?\s*(?:euros?|dollars?|pounds?|yen|yuan|rupees?|"
                       rf"roubles?|francs?|pence|cents?)\b|\bage[sd]?\s+(?:of\s+)?(?:between\s+)?{_NUMBER_WORD}"
                       rf"(?:\s+(?:and|to)\s+{_NUMBER_WORD})?\b", re.I)
# A stretch of time ("after two years", "for three months"): no amount of the measure asked about
_DURATION = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       rf"{TEENS}|twenty|thirty|"
                       r"several|a few|many)\s+(?:years?|months?|weeks?|days?|decades?|hours?)\b", re.I)
# (a number word joined to a noun is an adjective, no quantity: "one-day sales", "a two-year deal";
# "twenty-five" is still a number)
_NOUN_OF = re.compile(r"[a-z]+")


_DASHED_ASIDE = re.compile(r"(?<=\s)--?\s[^-]{1,100}?\s--?(?=\s)")


def _clauses(text: str) -> list[str]:
    """The sentence's clauses ("... an 11% rise in profits for 2004 and reaffirming its 2005
    profit forecasts": the forecast is not the reported rise; "didn't give details of its
    investment but said the plant would make 150,000 cars": the cars are not the investment)."""
    # (nothing inside brackets breaks a clause: "40m rupees ($915,000; £486,000) for the three months")
    masked = re.sub(r"\([^()]*\)", lambda m: m.group().replace(";", "\0").replace(",", "\1"), text)
    # (nor anything inside an aside set off by dashes: "the value of mortgage approvals -- loans agreed but not yet
    # made -- stood 32% lower")
    masked = _DASHED_ASIDE.sub(lambda m: m.group().replace(";", "\0").replace(",", "\1").replace(" ", "\2"), masked)
    parts = [p.replace("\0", ";").replace("\1", ",").replace("\2", " ") for p in _CLAUSE_BREAK.split(masked)
             if p and p.strip()]
    return parts or [text]


def _noun_in(focus: Focus, text: str) -> bool:
    """Whether a possessed thing's head word is in `text` ("bad loans": "loans", "loan")."""
    head = focus.noun.split()[-1].lower()
    stem = head[:-1] if head.endswith("s") and len(head) > 4 else head
    return any(w.startswith(stem) for w in _NOUN_OF.findall(text.lower()))


_SPEAKER = re.compile(r".*\b(?:said|says|say|told|according to)\b", re.I | re.S)


_CONCESSIVE = re.compile(r"\s*(?:but\s+|and\s+|yet\s+)?(?:despite|in\s+spite\s+of|for\s+all)\b", re.I)


def _main_subject_after(text: str, at: int, is_name: Callable[[str], bool]) -> list[str]:
    """The subject of the main clause when the measure (at `at`) is in an opening "despite …," phrase: "But despite a
    record profit in 2004 of 30.6bn yen ($291m; £154m), up 31.8%, Asahi is coming late" is Asahi's profit."""
    if not _CONCESSIVE.match(text):
        return []
    last = text.rfind(", ")
    if last < at:
        return []
    return _subject_name(text[last + 2:], is_name)


# What a story calls the firm it is about, "the Canadian firm's chief": no other owner
_THE_FIRM_ITSELF = frozenset({"firm", "company", "group", "carrier", "airline", "bank", "lender", "retailer", "insurer"})


def _owned_by_other(focus: Focus, text: str, is_name: Callable[[str], bool] | None = None, asked: str = "") -> bool:
    """Whether the wanted measure in `text` is plainly someone else's: a possessive or a name
    right before it that is not the focus entity nor a country ("Chinese PC sales", "Dell's sales");
    with `is_name`, also a stored name opening the clause ("Heineken increased its dividend"). A name the
    question itself says (`asked`) is no one else's: "how much did X raise by selling stakes in firms such as
    Mobile Telesystems?" is answered by "Sales of stakes in firms including … Mobile Telesystems raised …"."""
    if not focus.measure or not focus.entities:
        return False
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    names = {n for i in range(len(focus.entities)) for n in focus.names_of(i)}
    names |= {w for w in re.findall(r"[a-z][\w&-]*", asked.lower()) if w not in FUNCTION_WORDS and w not in QUESTION_WORDS}
    found = False
    opening = len(text) - len(text.lstrip("-–•*· "))  # (a list item "- Reduced corporate tax rates …" starts after its dash)
    for m in re.finditer(r"[A-Za-z][\w'’&-]*", text):
        if m.group().lower() not in words:
            continue
        start = max(0, m.start() - 40)
        said = _SPEAKER.search(text[start : m.start()])
        start += said.end() if said else 0  # ("the IADB said regional exports": the speaker owns nothing)
        relative = _RELATIVE.search(text[start : m.start()])
        start += relative.end() if relative else 0  # ("the darling of Wall Street, which has lost": not Wall Street's)
        before = [b for b in re.finditer(r"[A-Za-z][\w'’&.-]*", text[start : m.start()])][-3:]
        owners = [re.sub(r"['’]s?$", "", b.group()) for b in before
                  if re.search(r"['’]s?$", b.group()) and re.sub(r"['’]s?$", "", b.group()).lower() not in _THE_FIRM_ITSELF
                  or (any(c.isupper() for c in b.group()[:2])
                                                          and (start + b.start() > opening or (is_name and is_name(b.group())))
                                                          and b.group().lower() not in FUNCTION_WORDS)]
        if not owners and is_name is not None and not _SPEAKER.match(text[: m.start()]):
            # (not the speaker: "Mr Garnier said the company had absorbed over £1.5bn of lost sales" is the firm's)
            run = _subject_name(text[: m.start()], is_name)  # "The board of Ostmark Air has proposed a … dividend"
            owners = [" ".join(run)] if run else []  # (one name: "American Airlines" is not Southwest Airlines)
        after = re.match(r"\s+(?:of|at|for)\s+(?:the\s+)?([A-Za-z][\w'’&-]*)", text[m.end() :])
        if after and not re.match(r"(?:its|their|firm|company|group|bank|year|quarter|month|half|about|around|almost|"
                                  r"nearly|more|less|over|under|up|some|just|roughly|approximately|close|only|between|"
                                  r"as|at)\b", after.group(1), re.I):  # ("a profit of about £212m": an amount follows)
            if after.group(1).lower() not in names and not any(after.group(1).lower() in n.split() for n in names):
                owners.append(after.group(1))  # "sales of home printers", "profits at Dell": another's
        if any(o.lower() in names or any(o.lower() in n.split() for n in names) for o in owners):
            return False  # the firm's own measure
        if not owners and is_name is not None:
            owners = _main_subject_after(text, m.start(), is_name)  # "despite a record profit …, Asahi is …"
        if not owners:
            return False  # a mention of the measure that is not plainly another's
        adjacent = re.sub(r"['’]s?$", "", before[-1].group()) if before else ""
        if owners == [adjacent] and (country_of(adjacent) or parties_in(adjacent)):
            return False  # "US sales", "Chinese exports": a region of the firm's own measure
        if all(country_of(o) or parties_in(o) for o in owners) and re.search(
                r"\b(?:firm|company|group|giant|maker|bank|carrier|airline|retailer)\s*$", text[: m.start()].rstrip()):
            return False  # "The US group earned …": the firm itself, called by its country
        found = True
    return found


# a relative clause opening ("…, which has"): the names before it are not the measure's owner
_RELATIVE = re.compile(r".*,\s+(?:which|that|who)\s+", re.S)


# A clause opening with a name, or with "the board (chairman, head…) of" a name
_OPENING_NAME = re.compile(r"\s*(?:The\s+(?:[a-z]+\s+){1,2}of\s+)?(?!The\b|A\b|An\b)((?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*){0,2})(,?)\s+[a-z]")


def _subject_name(head: str, is_name: Callable[[str], bool], comma: bool = False) -> list[str]:
    """The stored name the clause opens with, as its subject, when no verb-free stretch says
    otherwise: the owner of a measure that follows in the same clause. With `comma`, also a name a
    comma follows ("Ford, which has sold 4,000 of its first hybrid, …")."""
    m = _OPENING_NAME.match(head)
    if m is None or (m.group(2) and not comma):
        return []
    run = [re.sub(r"['’]s?$", "", w) for w in m.group(1).split() if w.lower() not in FUNCTION_WORDS]
    if not run or not any(is_name(" ".join(run[:n])) for n in range(len(run), 0, -1)):
        return []
    if country_of(run[0]) and not any(is_name(" ".join(run[:n])) for n in range(len(run), 1, -1)):
        return []  # (a country is no stored firm; but "Japan Airlines has made a firm order …" opens with one)
    return run


# Short forms of qualified roles: the qualifier they carry
_ROLE_SHORT = {"cfo": "financial", "coo": "operating", "cto": "technology", "cio": "information", "fd": "finance"}


def _qualified(focus: Focus, text: str) -> bool:
    """Whether a sentence carries the asked role's qualifier ("financial" of "chief financial officer",
    "economy" of "economy minister", in any of its forms: "economic", "finance", "CFO"), when one is asked."""
    asked = [w for w in focus.role if w in QUALIFIERS]
    if not asked:
        return True
    lower = text.lower()
    found = {q for short, q in _ROLE_SHORT.items() if re.search(rf"\b{short}\b", lower)}
    return any(w[:5] in lower or any(q[:5] == w[:5] for q in found) for w in asked)


# A role said of some firm: "Boeing's chief executive", "chief executive of Boeing"
_OWNER_BEFORE = re.compile(r"[A-Z][\w&'’.-]*(?:['’]s?)?\s+(?:[a-z]+\s+)?$")
_OWNER_AFTER = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?[A-Z]")


def _role_unowned(focus: Focus, r: Ranked) -> bool:
    """Whether a person of the sentence holds exactly the asked role, said of no firm ("…," said chief executive Sir
    Anthony O'Reilly", in a sentence naming the firm asked): the role is the firm's."""
    role = " ".join(focus.role)
    text = r.hit.sentence.text
    if not any(str(f.attrs.get("role") or "").lower() == role for f in _person_facts(r.hit)):
        return False
    spans = [m for m in re.finditer(rf"\b{re.escape(role)}\b", text, re.I)]
    return bool(spans) and all(not _OWNER_BEFORE.search(text, 0, m.start()) and not _OWNER_AFTER.match(text, m.end())
                               for m in spans)


def _role_at(focus: Focus, text: str) -> bool:
    """Whether `text` names the asked role at the focus entity: "chief executive of Renault"."""
    role = " ".join(w for w in focus.role if w in ROLE_WORDS)
    names = "|".join(re.escape(n) for i in range(len(focus.entities)) for n in focus.names_of(i) if n)
    if not role or not names:
        return False
    lower = text.lower()
    if role in _HEADING:  # whoever is at the top, by any title: "director of X", "X chief Li Deshui"
        return bool(re.search(rf"{_HEAD_SAID.pattern}\s+(?:of|at)\s+(?:the\s+)?(?:{names})\b|"
                              rf"\b(?:{names})(?:['’]s)?\s+{_HEAD_SAID.pattern}", lower))
    return bool(re.search(rf"\b{re.escape(role)}\s+(?:of|at)\s+(?:the\s+)?(?:{names})\b", lower))


# A part of a firm asked by the business it does: "Rank's gaming division", "GE's film unit"
_PART_ASKED = re.compile(r"(?:['’]s?)\s+([a-z]{4,})\s+(division|unit|arm|business|subsidiary|operations?)\b", re.I)


# A part of a firm called by another word for the same trade: "its beverage division" is its drinks division
_PART_WORDS = {"drinks": ("drinks", "beverage"), "beverage": ("beverage", "drinks"), "beverages": ("beverage", "drinks")}


def asked_part(query: Query) -> str:
    """The part of a firm a question asks a measure of ("gaming division" of "Rank's gaming division"), or ""."""
    m = _PART_ASKED.search(query.text)
    return f"{m.group(1)} {m.group(2)}".lower() if m is not None else ""


# "how many … did X sell?" and what a sentence says of a sale ("sold", "orders", "deliveries")
_SOLD_ASKED = re.compile(r"\b(?:sell|sells|sold|selling)\b", re.I)
_SOLD_SAID = re.compile(r"\b(?:sell|sells|sold|selling|sales?|buy|buys|bought|buying|buyers?|orders?|ordered|"
                        r"deliver(?:ed|ies|y)?|shipped|shipments?)\b", re.I)
# Sales of things counted, not money: "what new vehicle sales does NAAMSA expect?" ("to top 500,000")
_UNIT_SALES = re.compile(r"\b(?:vehicle|car|truck|unit|home|house|ticket|copy|phone|handset|computer|pc|tv|plane|"
                         r"aircraft)s?\s+sales\b", re.I)


_NUMBER_WORDS = r"\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)"
_ANY_KIND = frozenset("new more other extra additional total further fresh".split())


def kind_unsaid(focus: Focus, text: str) -> bool:
    """Whether the kind a count question asks of its counted thing ("3G" of "3G customers", "textile" of
    "textile jobs") goes unsaid in the sentence: its count is then of the thing at large, not the kind asked.
    (Words of the names asked and of countries are said otherwise: "UK workers" by "British staff".)"""
    words = [w for w in focus.count_noun if w.isalnum()]
    heads = [i for i, w in enumerate(words) if compiled(rf"(?:\d[\d,.]*(?:m|bn)?|{_NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}?"
                                                          rf"{re.escape(w[:4])}", re.I).search(text)]
    if not heads:
        return False
    named = {w for key in focus.entities for w in key.split()}
    lower = text.lower()
    return any(w not in named and w not in _ANY_KIND and not country_of(w) and not parties_in(w.upper())
               and w[:4] not in lower for w in words[:heads[0]])


# "how much lithium does Chile export?", "how much gas is the find thought to hold?": the thing measured
HOW_MUCH_THING = re.compile(r"\s*(?:and\s+)?how\s+much\s+([a-z]{3,})\s+(?:does|did|do|has|have|had|is|was|will)\b", re.I)
# Words after "how much" that measure no thing of their own ("how much money …", "how much more …")
_NO_THING = frozenset("money more less cash time longer further higher lower bigger".split())


# Units that say what is measured ("800 million barrels" is oil)
_UNIT_OF = {"oil": r"\bbarrels?\b|\bbpd\b", "crude": r"\bbarrels?\b|\bbpd\b",
            "gas": r"\bcubic\s+(?:feet|foot|met(?:re|er)s?)\b|\bbcm\b|\btcf\b"}


def measured_thing(query: Query) -> str:
    """The thing a "how much X …?" question measures ("gas"), or "" when it asks no thing of its own ("how much
    money …") or a measure ("how much profit …")."""
    m = HOW_MUCH_THING.match(query.text)
    thing = m.group(1).lower() if m else ""
    return "" if thing in _NO_THING or any(thing in words for words in MEASURES.values()) else thing


def _thing_unsaid(query: Query, text: str) -> bool:
    """Whether the thing a "how much X …?" question measures is missing from the sentence in every form: "a
    billion barrels" in a field "thought to contain" them is no amount of gas."""
    thing = measured_thing(query)
    return bool(thing) and not set(stems(thing)) & set(stems(text)) and not (
        thing in _UNIT_OF and re.search(_UNIT_OF[thing], _PER_UNIT.sub(" ", text), re.I))


# a unit a price or rate is given per ("$2 per 1,000 cubic metres"): no amount of the thing itself
_PER_UNIT = re.compile(r"\b(?:per|a|each)\s+(?:[\d,.]+\s+)?(?:cubic\s+)?[a-z]+", re.I)


# "… will give its verdict after hearing evidence for three days": a stretch of time in a clause of its own, opened by
# a conjunction and a verb in -ing, is spent on what that verb says, whatever the main clause forecasts
_SPAN_AFTER = re.compile(r"\b(?:after|before|while|since)\s+[a-z]+ing\b(?P<tail>[^.;]*)", re.I)


# "over which years did the government freeze the airline's tariffs?": the years are the answer
_YEARS_ASKED = re.compile(r"\b(?:which|what)\s+years\b|\bfrom\s+(?:which|what)\s+year\b", re.I)
# "what iron ore price rise had analysts expected …?": a change of a price is asked, which a percentage gives
_PRICE_CHANGE = re.compile(r"\b(?:price|prices|cost|costs|fee|fees|tariff|tariffs)\s+(?:rise|rises|increase|increases|hike|"
                           r"hikes|cut|cuts|fall|falls|drop|drops|reduction|reductions)\b", re.I)


def _span_done(focus: Focus, piece: str) -> bool:
    """Whether a count of days, weeks … asked (`focus.count_noun`) is given in a clause opened by "after …ing"
    that forecasts nothing: the time was spent, though the sentence's main verb looks ahead."""
    if not focus.count_noun or focus.count_noun[-1].lower().rstrip("s") not in TIME_UNITS:
        return False
    m = _SPAN_AFTER.search(piece)
    return m is not None and SPAN.search(m.group("tail")) is not None and not _FORECAST.search(m.group())


def thing_unmeasured(query: Query, quotes: Sequence[str]) -> bool:
    """Whether the thing a "how much X …?" question measures ("how much funding has the WTO made available …?")
    is given an amount in no quoted clause: "funding was available to countries such as Bangladesh" says none,
    and "textiles account for almost 85% of the country's exports" measures another thing. A unit of goods measures
    any goods asked of ("Brackwood makes 18,000 tonnes", asked how much butter)."""
    thing = measured_thing(query)
    return bool(thing) and not any(
        holds_amount(clause) and (not _thing_unsaid(query, clause) or (
            thing not in _UNIT_OF and re.search(_GOODS_UNITS, clause, re.I) and not _other_goods(clause)))
        for q in quotes for clause in _clauses(q))


def _other_goods(clause: str) -> bool:
    """Whether every unit of goods in a clause is of goods it names ("120,000 barrels of fuel oil"), which are then
    not the thing asked (the caller knows the thing is unsaid)."""
    units = list(re.finditer(_GOODS_UNITS, clause, re.I))
    return bool(units) and all(re.match(r"\s+of\s+(?!it\b|them\b|this\b|that\b)[a-z]", clause[u.end():], re.I)
                               for u in units)


# Units that measure goods, whatever the goods
_GOODS_UNITS = r"\b(?:tonnes?|tons?|barrels?|litres?|liters?|gallons?|ounces?|bushels?|bales?|kilos?|kilograms?|cubic)\b"


def _baseline_asked(focus: Focus, piece: str) -> bool:
    """Whether the asked year is the one before the clause's year, given as what it changes from ("would lift its
    2004 dividend to 70 cents from 55 cents a year earlier" gives 2003's, whatever it forecasts of 2004)."""
    return bool(focus.years and _BASELINE.search(piece) and any(
        str(int(y) - 1) in focus.years for y in re.findall(r"\b(?:19|20)\d\d\b", piece)))


# "what did the index stand at in December?": a level, which only a figure gives
STOOD_AT = re.compile(r"\b(?:stand|stands|stood|standing)\s+at\s*\??\s*(?:in\s+\w+(?:\s+\d{4})?\s*\??\s*)?$", re.I)


# Where a firm's shares traded: a price of its shares, never a sum it spent
_SHARE_QUOTE = re.compile(r"\bshare\s+prices?\b|\bshares\s+(?:closed|ended|finished|traded|were\s+(?:up|down)|rose|fell|"
                          r"gained|lost|jumped|slipped)\b", re.I)


# a rise said as a multiple: "revenue nearly tripled" says by how much
_MULTIPLIED = re.compile(r"\b(?:doubl|tripl|quadrupl)(?:e|es|ed|ing)\b", re.I)
# a period a clause names of its own (a year, a quarter, a month …)
_PERIOD_SAID = re.compile(rf"{_YEAR.pattern}|{_SUBPERIOD.pattern}", re.I)


def _fits(query: Query, focus: Focus, r: Ranked, past: bool, firm: float = 1.0,
          is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether a sentence about the focus entity carries the asked fact: in one of its clauses (or
    the whole sentence) the attribute, in the asked scope and direction, reported rather than
    forecast when the question asks what happened, with a quantity when a figure is asked, and
    not plainly someone else's."""
    text = r.hit.sentence.text
    rating = bool(RATING_ASKED.search(query.text))  # (a grade given is the rating, whatever the rated thing is called)
    if not (rating and _GRADE.search(text)) and not _loosely_has(focus, r) and not (focus.noun and _noun_in(focus, text)) and not (
            focus.priced and priced_amount(focus.priced, text)) and not _rate_paid(query, focus, text) and not (
            focus.at_once and AT_ONCE.search(text)):
        return False
    if _thing_unsaid(query, text):
        return False  # "how much gas is the find thought to hold?" is not answered by "a billion barrels"
    if focus.forecast and not _FORECAST.search(text):
        return False  # "what profit is Multiplex forecasting for 2005?": a sentence reporting profits forecasts none
    part = asked_part(query)
    if part and focus.measure and not any(w[:5] in text.lower() for w in _PART_WORDS.get(part.split()[0], (part.split()[0],))):
        return False  # "how much profit did Rank's gaming division make?" is not answered by the group's profit
    if focus.role:
        if not r.attribute and any(f.attrs.get("role") for f in _person_facts(r.hit)) and not _role_at(
                focus, text) and not (firm >= 1.0 and _role_unowned(focus, r)):
            return False  # the people it names hold other roles: "deputy chief executive Lena Voss"
        if not _qualified(focus, text):
            return False  # "chief operating officer" is no chief financial officer
        return not r.conflict
    figures = [f for f in r.hit.facts if f.type == "figure"]
    wants_figure = query.kind == "figure" or bool(focus.measure and (
        _WHAT_AMOUNT.match(query.text) or _FIGURE_ASKED.match(query.text))) or bool(STOOD_AT.search(query.text)) or (
        focus.measure == "price" and focus.each)  # (a price each, "what will it charge per tonne?", is a figure)
    money = (wants_figure and focus.measure in _MONEY_MEASURES and (focus.measure == "price" or _level(query, focus))
             and not _HOW_MUCH_MORE.search(query.text) and not _SHARE_OF.search(query.text)
             and not (focus.measure == "sales" and _UNIT_SALES.search(query.text))
             and not _PRICE_CHANGE.search(query.text))  # (a price rise may be a percentage: "a rise of 40% to 50%")
    pieces = _with_changes(_clauses(text))
    made = _pronoun_clauses(focus, text)  # (their figures' facts were read from the whole sentence, so not used)
    pieces += made
    # (and an earlier change said after the one reported: "…, after a 0.6% rise in November")
    earlier = _earlier_changes(query, focus, text)
    pieces += earlier
    if (aside := _RELATIVE_ASIDE.search(text)) is not None:
        # (and the sentence without a relative aside, whose subject the clause after it shares: "Nortel shares, which
        # have lost nearly 50% of their value since last year, climbed 1.46%" is a rise of Nortel's shares)
        pieces.append(text[:aside.start()] + " " + text[aside.end():])
    counting = bool(focus.count_noun) and not focus.measure  # "how many branches": a percentage or a sum is no count
    if counting and kind_unsaid(focus, text):
        return False  # "how many 3G customers …" is not answered by "a net loss of 58,000 customers"
    if counting and _SOLD_ASKED.search(query.text) and not _SOLD_SAID.search(text):
        return False  # "how many Minis did BMW sell?" is not answered by a plant built "for just 100,000 Minis"
    for piece in pieces:  # the asked fact within one clause
        if rating and not _GRADE.search(piece):
            continue  # ("… have long since upped their rating of Russia's sovereign debt" gives no grade)
        plain = _COMPARED.sub(" ", piece)  # "compared with a loss of 984m euros in 2003" is not the fact
        if _YEARS_ASKED.search(query.text):
            plain = piece  # unless years are what is asked: "… for freezing tariffs from 1985 to 1992"
        if focus.years and not any(y in plain for y in focus.years) and any(y in piece for y in focus.years):
            plain = piece  # unless it is the year asked about: "a loss of 984m euros in 2003", asked of 2003
        elliptical = False
        if focus.measure and _modifier_only(focus, plain):
            continue  # "the profit share scheme has paid out £370m": a payout, not the firm's profit
        if focus.priced and not thing_in(focus.priced, piece):
            continue  # "the cheapest Mini cost £10,000" is not what BMW's crossover will cost
        if focus.measure and not rating and not focus.measure_in(plain, [f for f in figures if f.value in plain]) and not (
                focus.priced and priced_amount(focus.priced, plain)) and not _rate_paid(query, focus, plain) and not (
                focus.at_once and AT_ONCE.search(plain)) and not (
                r.hit.previous is not None and IT_CHANGED.search(plain) and focus.measure_in(r.hit.previous.text)):
            # "a $1.2bn oil pipeline": the pipeline's cost; "Fiat is to get 1bn euros immediately" gives what is paid
            # at once; "IBGE said it fell to 9.6%" after a sentence on the jobless rate gives the rate
            elliptical = len(pieces) > 1 and (_elliptical(focus, piece, text) or piece in earlier)
            if not elliptical:
                continue
        if focus.noun and not _noun_in(focus, piece):
            continue
        # (a clause saying no period has its sentence's: "…tripled in the fourth quarter of 2004, exceeding $86m" gives
        # the quarter's revenue, when the sentence says the measure asked, and none for the whole of 2004)
        own_period = _PERIOD_SAID.search(piece) is not None
        conflict = focus.scope_conflict(piece, r.hit.article, r.hit.before) if (
            focus.measure or focus.years or focus.months) else ""
        inherited = conflict == NOT_THE_QUARTER and not own_period and not r.conflict and bool(
            focus.measure) and focus.measure_in(text)
        if (conflict and not inherited) or (r.conflict == PART_OF_YEAR and not own_period):
            continue
        if focus.direction and _direction_in(focus, piece, [] if piece in made else figures,
                                             elliptical or piece in earlier) != focus.direction:
            continue
        if past and not focus.expected and not _baseline_asked(focus, piece) and not _span_done(focus, piece) and (
                not _ANNOUNCED_ASKED.search(query.text)) and (
                _FORECAST.search(_YARDSTICK.sub(" ", _REASON.split(_APPOSITIVE.split(piece, maxsplit=1)[0], maxsplit=1)[0]))):
            continue  # (a forecast in the clause giving the cause is not the fact: "fell 20% after it said …"; nor
            # one said of a party described after a comma: "…, the state-owned company that was expected to win")
        counted = _NO_COUNT.sub(" ", plain) if counting else plain
        if not (counting and any(n.rstrip("s") in TIME_UNITS for n in focus.count_noun)):
            counted = _DURATION.sub(" ", counted)  # (unless time is what is counted: "over how many days …?")
        if focus.count_noun:
            counted = _NO_HEADCOUNT.sub(" ", counted)  # "how many jobs …?": "46% of profit in … 2004" counts none
        quantity = _QUANTITY.search(counted) or (
            counting and "times" in focus.count_noun and NTH_TIME.search(plain)) or (  # ("the sixth time in three years")
            counting and counts_run(plain, focus)) or (  # ("the fifth year in a row")
            counting and _joined_count(focus, plain))  # ("a three-judge panel")
        if wants_figure and not quantity:
            continue  # ("resume paying a dividend, after two years in which …": a time, not the dividend)
        if wants_figure and _figures_given(query.text, counted):
            continue  # "how much would EA's planned 19.9% stake cost?": "plans to buy 19.9% of the firm" says no more
        if counting and _HOLDING_ASKED.search(query.text) and _COUNT_CHANGED.search(plain) and not _COUNT_HELD.search(
                plain):
            continue  # "how many subscribers does Vodafone have …?": "a net loss of more than 58,000 customers" is a
            # change
        if counting and quantity and not counts_any(counted, focus) and not counts_run(plain, focus):
            continue  # "almost four times as many vehicles … by just 4,500 Mini-workers" counts no Minis
        if money and not _amount_in(focus, plain, figures, focus.measure == "price"):
            continue  # "how much did it pay?" is not answered by "bought two labels"; "what was its profit?" by a % fall
        if focus.spending and _SHARE_QUOTE.search(plain):
            continue  # "how much had GSK spent developing …?": "the company share price was down 1% at 1218 pence"
        if firm < 1.0 and (_owned_by_other(focus, piece, is_name, query.text) or _figures_of_others(
                focus, piece, is_name)):
            continue
        if firm < 1.0 and _paid_to_another(query, piece, r.hit.article.body):
            continue  # "How much was Sir Phil Watts paid …?": "Shell is to pay $1m to the ex-finance chief who …"
        if _elsewhere(query, focus, piece, text) or _placed_whole(query, focus, piece, r) or _region_unsaid(focus, text):
            continue
        if _another_owner(query, focus, piece):
            continue  # "EBay's net revenue … rose", asked PayPal's revenue
        if counting and is_name is not None and (len(pieces) > 1 or firm < 1.0) and _anothers_clause(
                focus, piece, is_name):
            continue  # "…, whereas Wells Fargo operates from 6,000 branches": Wells Fargo's branches; and in a
            # story naming the firm in passing, "Ford, which has sold 4,000 of its first hybrid, …" is Ford's
        return True
    return False


# A sum paid to someone: "to pay $1m (£522,000) to the ex-finance chief who …", "paid £82.7m in fines to regulators"
_PAID_TO = re.compile(r"\bpa(?:y|ys|id|ying)\b(?:[^.;]|\.(?=\d)){0,60}?\bto\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I)
# A person asked as the one paid: "how much was Sir Phil Watts paid …?"
_PERSON_PAID = re.compile(r"\b(?i:how\s+much\s+(?:was|were|is|will|has|had))\s+(?:(?:Sir|Mr|Mrs|Ms|Dr|Lord|Lady)\s+)?"
                          r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s+(?:been\s+|be\s+)?(?:paid|given|awarded)\b")


def _paid_to_another(query: Query, piece: str, story: str) -> bool:
    """Whether `piece` pays its sum to someone else than the person the question asks was paid: to others named
    otherwise ("paid £82.7m in fines to regulators"), or to a role ("to the ex-finance chief who …") when the story
    gives the person asked another one ("its chairman, Sir Phil Watts"). A role the story never ties to them may be
    theirs."""
    asked = _PERSON_PAID.search(query.text)
    paid = _PAID_TO.search(piece)
    if asked is None or paid is None:
        return False
    surname = asked.group(1).split()[-1]
    recipient = paid.group(1)
    if surname in recipient:
        return False
    role = _ROLE_WORD.search(recipient)
    if role is None:
        return True
    held = {m.group(1).lower() for m in compiled(
        rf"\b({_ROLES})\W+(?:[A-Z][\w.'’-]*\s+){{0,3}}{re.escape(surname)}\b").finditer(story)}
    return bool(held) and role.group(1).lower() not in held


_ROLES = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
_ROLE_WORD = re.compile(rf"\b({_ROLES})\b", re.I)


# A count held asked ("how many subscribers does Vodafone have …?"), which a count gained or lost does not give
_HOLDING_ASKED = re.compile(r"\bhow\s+many\b.*\b(?:does|do|did)\s+(?:[\w'’&.-]+\s+){1,4}(?:have|hold|own|count)\b", re.I)
_COUNT_CHANGED = re.compile(rf"\b(?:net\s+)?(?:loss|losses|gain|gains|additions?|fall|drop|rise)\s+of\s+{_ABOUT}\d|"
                            rf"\b(?:lost|added|gained|shed|signed\s+up)\s+{_ABOUT}\d", re.I)
_COUNT_HELD = re.compile(rf"\b(?:has|have|had|with|serves?|total\s+of)\s+{_ABOUT}\d", re.I)


# A plan asked as what was made known: "what job cuts were announced while he was in charge?" is answered by "plans to
# cut the workforce … by almost a third … were announced"
# (a plan or a judgement of what would be, asked in the past: "… did the ING broker call fair?" is answered by "an offer
# of 950p a share would be fair")
_ANNOUNCED_ASKED = re.compile(r"\b(?:announced|unveiled|proposed|outlined|planned|call|called|deem|deemed)\b", re.I)


# An amount said in words: "hundreds of millions of dollars", "tens of thousands"
_AMOUNT_IN_WORDS = re.compile(r"\b(?:tens|hundreds|thousands|millions|billions)\s+of\s+(?:thousands|millions|billions|"
                              r"dollars|pounds|euros|yen)\b", re.I)


def _figures_given(question: str, text: str) -> bool:
    """Whether every number of `text` is one the question itself gives: the sentence repeats what was
    asked about and adds no amount."""
    numbers = [n.rstrip(".,") for n in re.findall(r"(?<![\w.,])\d[\d,.]*", text)]  # (not the 2 of "B2B")
    if _AMOUNT_IN_WORDS.search(text) or _MULTIPLIED.search(text):
        return False  # ("expects to lose "hundreds of millions of dollars" in 2005": an amount, said in words; so is
        # "nearly tripled in the fourth quarter of 2004")
    return bool(numbers) and all(n in question and re.search(rf"(?<![\w.,]){re.escape(n)}(?![\d])", question)
                                 for n in numbers)


# A clause going on with how far the thing of the clause before moved: "Yukos shares jumped in Moscow, climbing as
# much as 50% before being suspended"
_CHANGE_ING = re.compile(r"(?:climbing|rising|falling|jumping|soaring|surging|dropping|sliding|slipping|gaining|"
                         r"losing|tumbling|plunging|sinking|edging|growing|increasing|declining|shedding|adding|"
                         r"recording|posting|registering|notching)\b")  # ("…, recording an 8%-10% rise since Monday")


# A clause after "and" or "while" speaking of the measure by a pronoun: "30% saw orders rise and 27% saw them fall"
_PRONOUN_CLAUSE = re.compile(r"(?:,?\s+and|,?\s+while|,?\s+but)\s+([^,;]*?\b)(them|they|it)\b([^,;]*)", re.I)


def _pronoun_clauses(focus: Focus, text: str) -> list[str]:
    """The clauses of `text` that speak of the asked measure by a pronoun after a clause naming it, with the measure's
    word put in for the pronoun ("27% saw orders fall"), so their own change is read as the measure's."""
    if not focus.measure:
        return []
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    found = []
    for m in _PRONOUN_CLAUSE.finditer(text):
        said = [w for w in re.findall(r"[a-z]+", text[: m.start()].lower()) if w in words]
        if said:
            found.append(f"{m.group(1)}{said[-1]}{m.group(3)}")
    return found


_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who)\s+[^,;()]{3,120}?,(?=\s+[a-z])")


def _with_changes(pieces: list[str]) -> list[str]:
    """The clauses, with one telling how far a change went joined to the clause it goes on from."""
    joined: list[str] = []
    for piece in pieces:
        if joined and _CHANGE_ING.match(piece):
            joined[-1] = f"{joined[-1]}, {piece}"
        else:
            joined.append(piece)
    return joined


_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|according|reported|reports|announced|added(?!\s+(?:[$£€¥]|\d|"
                     r"(?:another|a further|an extra|some|about|almost|nearly|more than|over)\s)))\b", re.I)
# ("added" as speech, not as a rise: "revenues added 4% to 142bn euros")


def _anothers_clause(focus: Focus, piece: str, is_name: Callable[[str], bool]) -> bool:
    """Whether a clause (of several) opens with another stored name as its subject and never names the
    focus entity: what it reports is that one's ("whereas Wells Fargo operates 6,000 branches")."""
    head = re.sub(r"^\s*(?:whereas|while|but|although|though|and)\s+", "", piece, flags=re.I)
    if _SPEECH.search(head) or mentions_any(head.lower(), [n for i in range(len(focus.entities))
                                                           for n in focus.names_of(i)]):
        return False  # (a speaker reports on the firm; or the firm is named)
    subject = _subject_name(head, is_name, comma=True)
    own = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.split()}
    return bool(subject) and not all(w.lower() in own for w in subject)  # ("United Bank" of United Bank of Africa)


def _modifier_only(focus: Focus, piece: str) -> bool:
    """Whether every mention of the asked measure in a clause modifies another noun ("profit share")."""
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    found = [m for m in re.finditer(r"[A-Za-z]+", piece) if m.group().lower() in words]
    return bool(found) and all(COMPOUND_HEAD.match(piece, m.end()) for m in found)


def _elsewhere(query: Query, focus: Focus, piece: str, text: str) -> bool:
    """Whether the question places its fact in a country ("the Egyptian contracts") and the clause
    names only other countries, none of them the firm's own ("British explorer Corran"), while the
    sentence never names the asked one: "the £13.8m deal gives Burren access to the Indian oil and
    gas industry" is another deal than the Egyptian one asked about."""
    named = {p for d in focus.display if not country_of(d) for p in parties_in(d)}  # "British" of British Airways
    asked = [p for p in query.parties if p not in named]
    if not asked or any(p in parties_in(text) for p in asked):
        return False
    own = piece
    for i in range(len(focus.entities)):
        for name in focus.names_of(i):
            if name and not country_of(name):  # "British energy firm Burren Energy": the firm's own country
                own = re.sub(rf"\b[\w-]+(?:\s+[a-z][\w-]*){{0,3}}\s+{re.escape(name)}\b", " ", own, flags=re.I)
    elsewhere = set(parties_in(own))
    return bool(elsewhere) and not elsewhere & set(asked)


def owner_of_measure(focus: Focus, text: str) -> str:
    """The name written as the owner of the asked measure ("PayPal's revenue", "EBay's net revenue"), or ""."""
    m = _owned_measure(focus.measure).search(text)
    return m.group(1) if m else ""


@functools.lru_cache(maxsize=64)
def _owned_measure(measure: str) -> re.Pattern[str]:
    """A possessive name before a word of the measure, within two words: "EBay's net revenue"."""
    words = "|".join(sorted(MEASURES.get(measure, frozenset({measure}))))
    return re.compile(rf"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)['’]s?\s+(?:[a-z-]+\s+){{0,2}}?(?:{words})\b")


def _another_owner(query: Query, focus: Focus, piece: str) -> bool:
    """Whether the question and the clause both say whose the measure is, and they say different names of the
    question's own ("How fast did PayPal's revenue grow in eBay's quarter?": "EBay's net revenue … rose" is eBay's)."""
    if not focus.measure or len(focus.entities) < 2:
        return False
    asked, said = owner_of_measure(focus, query.text), owner_of_measure(focus, piece)
    if not asked or not said or country_of(asked) or country_of(said):
        return False
    a, b = asked.lower(), said.lower()
    return a not in b and b not in a and any(b in n or n in b for i in range(len(focus.entities))
                                             for n in focus.names_of(i) if n)


_THE_REGION = re.compile(r"\b(?:the|its|this)\s+region|\bregional\b", re.I)


def _region_unsaid(focus: Focus, text: str) -> bool:
    """Whether the question asks of a region ("the North East") and the sentence never names it: its figures
    are another place's ("£192,713 in England; £139,544 in Wales; …") or the whole country's ("The average house
    price fell marginally to £180,226"). A sentence may call it "the region" ("jobs for 14 million people across
    the region")."""
    regions = [d.lower() for d in focus.display if _region_name(d) and not country_of(d)]  # (not "South Africa")
    return bool(regions) and not any(r in text.lower() for r in regions) and not _THE_REGION.search(text)


def _places_in(query: Query, focus: Focus) -> list[tuple[str, str]]:
    """The countries a question places its fact in ("… go in the United States?"), each with its words for it
    ("in the United States")."""
    found = []
    for p in query.parties:
        for d in [p] + [d for d in focus.display if country_of(d) == p]:
            m = re.search(rf"\bin\s+(the\s+)?{re.escape(d)}\b", query.text, re.I)
            if m:
                found.append((p, f"in {'the ' if m.group(1) else ''}{d}"))
                break
    return found


def placed_in(query: Query, focus: Focus) -> str:
    """Where a firm's fact is asked ("in the United States"), for the near miss's words; "" if nowhere."""
    places = _places_in(query, focus)
    return " and ".join(words for _, words in places) if places and _firms(focus) else ""


# A figure with the name whose it is just before it: "Altria rising 5%", "Reynolds showing gains of 4.5%"
_NAMED_FIGURE = re.compile(r"\b([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*)\s+(?:[a-z]+\s+){0,2}(?:rising|rose|risen|falling|fell|"
                           r"up|down|gains?|gaining|gained|lost|losing|losses|climbing|climbed|sliding|slid|dropping|"
                           r"dropped|jumping|jumped|adding|added|shedding|shed)\s+(?:[a-z]+\s+){0,2}[£$€¥]?\d[\d.,]*")
_FIGURE = re.compile(r"[£$€¥]?\d[\d.,]*\s*(?:%|per\s?cent\b|bn\b|m\b)?")


def _figures_of_others(focus: Focus, piece: str, is_name: Callable[[str], bool] | None) -> bool:
    """Whether every figure of a clause is given with another's name just before it ("Shares of tobacco
    companies closed higher …, with Altria rising 5% and Reynolds showing gains of 4.5%"): none is the firm
    asked about's, which the clause does not name."""
    figures = [m for m in _FIGURE.finditer(piece) if m.group()[:1] in "£$€¥" or m.group()[:1].isdigit()]
    if not figures or is_name is None:
        return False
    names = {n for i in range(len(focus.entities)) for n in focus.names_of(i)}
    owned = 0
    for m in _NAMED_FIGURE.finditer(piece):
        name = m.group(1)
        if name.lower() in names or any(name.lower() in n for n in names) or country_of(name) or parties_in(name):
            return False
        if is_name(name.split()[0].lower()) and name.split()[0].lower() not in FUNCTION_WORDS:
            owned += 1  # (a stored name, not "In" or "Shares" opening the clause)
    return owned >= len(figures)


# What answers no "how many" question: a year, a percentage
_NO_HEADCOUNT = re.compile(r"\b(?:19|20)\d\d\b|\d[\d.,]*\s*(?:%|per\s*cent\b|percent\b)", re.I)


def _placed_whole(query: Query, focus: Focus, piece: str, r: Ranked) -> bool:
    """Whether the question places a firm's fact in a country ("how many ABN Amro jobs will go in the United
    States?") and the clause names no country while its story names that one beside others: "ABN Amro … is
    to cut 2,850 jobs" is the whole firm's figure, not the part in the country asked."""
    asked = [p for p, _ in _places_in(query, focus)]
    if not asked or not _firms(focus):
        return False
    if parties_in(piece) or set(parties_in(f"{r.hit.article.title}\n{r.hit.sentence.text}")) & set(asked):
        return False  # (placed by an opening "In the US last year, …"; and a story whose title names the place is
        # about the firm there: "Vodafone appoints new Japan boss")
    story = set(parties_in(r.hit.article.body))
    return any(p in story for p in asked) and bool(story - set(asked))


# Measures counted in money: "how much did X pay?" wants a sum, and "what was X's profit?" an amount,
# not a percentage change (a rate, a share, a tariff or growth is naturally a percentage).
_MONEY_MEASURES = frozenset({"price", "share price", "profit", "loss", "sales", "debt", "dividend", "bonus", "investment", "fine"})
_MONEY_TEXT = re.compile(r"[$£€¥]\s?\d|\d(?:[\d,.]*\d)?\s*(?:m|bn|million|billion|trillion)?\s*(?:euros?|dollars?|pounds?|"
                         r"yen|yuan|rupees?|kron[eo]r|krona|crowns?|roubles?|rubles?|francs?|pence|cents?|pesos?|rand|"
                         r"won|reais|naira|dinars?)\b|\d+(?:\.\d+)?p\b|"
                         r"\b(?:euros?|dollars?|pounds?|yen|rupees?|roubles?)\s+\d|"
                         r"\b(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions)\s+of\s+(?:euros|dollars|pounds|yen)\b",
                         re.I)  # ("hundreds of millions of dollars": a sum said in words)
_SCALED = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:m|bn|million|billion|trillion)\b", re.I)
# The part of a clause that gives a cause or a time ("…, after it said a partner was set to pull out")
_REASON = re.compile(r",?\s+\b(?:after|because|as|when|following|amid|since)\b", re.I)
# A party described after a comma: ", the Russian state-owned company that …"
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+[^,;]*?\b(?:that|which|who)\b", re.I)
# A forecast named only as a yardstick: "ahead of analysts' forecasts", "better than expected"
_YARDSTICK = re.compile(r"\b(?:ahead of|above|below|beat(?:ing|s)?|exceed(?:ing|ed|s)?|in line with|short of|than|"
                        r"miss(?:ed|ing)?|match(?:ed|ing)?|topp(?:ed|ing)|met|meets?|meeting)\b[^,;]*?\b(?:forecasts?|expectations?|"
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
    return not focus.direction and not _CHANGE.search(query.text) and not _HOW_MUCH_MORE.search(query.text)


_HOW_MUCH_MORE = re.compile(r"\bhow much (?:more|less|extra)\b", re.I)  # a change: "pay 72% more" answers it
# a share of something asked: "how much of its stock value has it lost?" is answered by "80%"
_SHARE_OF = re.compile(r"\bhow much of\b|\bwhat (?:share|proportion|percentage|part|fraction) of\b", re.I)


def _amount_in(focus: Focus, text: str, figures: Sequence[Fact], money_only: bool) -> bool:
    """Whether `text` holds a sum of money (or, unless `money_only`, any amount that is not a percentage)
    that is not said to measure something else ("R&D spending rising to 705m rupees" is no profit)."""
    here = [f for f in figures if f.value in text]
    rest = text
    for f in here:
        rest = rest.replace(f.value, " ")  # what the facts did not read ("17 cents a share") is read here
    modifiers = {m.group().lower() for m in re.finditer(r"[A-Za-z]+", text) if COMPOUND_HEAD.match(text, m.end())}
    here = [f for f in here if not (_other_money(focus, str(f.attrs.get("measure") or ""), modifiers)
                                    and _measure_near(str(f.attrs.get("measure") or ""), f.value, text))]
    if any(f.attrs.get("currency") for f in here) or _MONEY_TEXT.search(rest):
        return True
    if money_only:
        return False
    return any(str(f.attrs.get("unit") or "") not in ("%", "percentage points") for f in here) or bool(
        _SCALED.search(rest)) or (focus.measure == "sales" and bool(_UNITS_COUNTED.search(rest)))


# A count in thousands ("to 150,000 by 2008"): sales in units, which the figure facts may not keep
_UNITS_COUNTED = re.compile(r"(?<![\d.,$£€¥])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d|\s*%)")


_UP_TO = re.compile(r"\bup\s+to\b", re.I)


def _counted_word(focus: Focus, piece: str) -> re.Match[str] | None:
    """Where the clause says the counted thing's word ("vehicles", "vehicle"), if it does."""
    head = focus.count_noun[-1].lower()
    return re.search(rf"\b{re.escape(head.rstrip('s'))}", piece, re.I)


def _direction_in(focus: Focus, piece: str, figures: Sequence[Fact], elliptical: bool) -> str:
    """The direction of the asked measure in a clause: the change word nearest the measure word, or,
    when none is near it, the clause's only kind of change word if it speaks of no other measure
    ("profit … was HK$327m, less than 1% up on the year before")."""
    if elliptical:
        return _plain_direction(piece)
    found = focus.direction_of(piece, [f for f in figures if f.value in piece])
    if found:
        return found
    if focus.count_noun and not focus.measure and (said := _counted_word(focus, piece)) is not None:
        # (a count asked with no measure: the change in the stretch saying the counted thing is the thing's, whatever
        # other measure word it holds: "a production loss of up to 3,600 vehicles" loses vehicles)
        stretch = re.split(r"[;:]|,(?!\d)", piece[: said.start()])[-1] + re.split(r",(?!\d)", piece[said.start():])[0]
        return _plain_direction(_UP_TO.sub(" ", _COMPARED.sub(" ", stretch)))  # ("up to 3,600" is a ceiling, no rise)
    words = set(re.findall(r"[a-z]+", piece.lower())) & _ANY_MEASURE
    if (words and all(focus.measure_in(w) for w in words)) or (not words and focus.measure_in(piece)):
        # (or the measure said without its word: "Corus fell 2.2% to 55.57 pence" is its shares' fall)
        return _plain_direction(_COMPARED.sub(" ", piece))
    return ""


def _measure_near(measure: str, value: str, text: str) -> bool:
    """Whether a figure's measure word is said in its own stretch of the sentence (no comma between):
    in "a mix of new shares and sales by the government, raised 54bn rupees" the rupees were raised,
    not sales; in "sales rose to 54bn rupees" they are sales."""
    at = text.find(value)
    if at < 0 or not measure:
        return True
    stretch = re.split(r"[,;:]|\s[-–]\s", text[:at])[-1] + text[at: at + len(value) + 40].split(",")[0]
    return any(re.search(rf"\b{re.escape(w)}\b", stretch, re.I) for w in re.findall(r"[a-z]+", measure.lower()))


def _other_money(focus: Focus, measure: str, modifiers: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a figure's own measure word is another money measure than the asked one ("spending" for a profit);
    not a word of the sentence that only names another thing (`modifiers`: "profit" in "the profit share scheme")."""
    words = set(re.findall(r"[a-z]+", measure.lower())) - modifiers
    kinds = {name for name, said in MEASURES.items() if words & said}
    return bool(kinds) and focus.measure not in kinds and kinds <= _MONEY_MEASURES


# The measure's change before the one a clause reports, in the time asked: "…, after a 0.6% rise in November"
_CHANGE_BEFORE = re.compile(r"\s*(?:after|following)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?\d[\d.,]*\s?(?:%|per\s?cent)\s+"
                            r"(?:rise|increase|gain|jump|fall|drop|decline|dip)\b", re.I)
_AFTER_CLAUSE = re.compile(r",\s*((?:after|following)\s[^,;]*)", re.I)


def _earlier_changes(query: Query, focus: Focus, text: str) -> list[str]:
    """The clauses of `text` giving the asked measure's change before the one it reports, in a month the question
    asks of ("Retail sales dropped by 1% in December, after a 0.6% rise in November", asked November's rise)."""
    asked = set(_MONTH_NAME.findall(query.text))
    return [piece for m in _AFTER_CLAUSE.finditer(text) if _CHANGE_BEFORE.match(piece := m.group(1))
            and focus.measure_in(text[: m.start()]) and asked & set(_MONTH_NAME.findall(piece))]


def earlier_change_asked(query: Query, focus: Focus, text: str) -> bool:
    """Whether `text` gives the asked measure's change in the asked direction and month after the one it reports."""
    return any(_plain_direction(piece) == focus.direction for piece in _earlier_changes(query, focus, text))


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
        if not name or name not in text:
            continue  # (a name not in the text at all needs no pattern compiled)
        for m in compiled(rf"(?<![\w&]){re.escape(name)}(?![\w&])").finditer(text):
            if not _COMPARISON.search(text[max(0, m.start() - 30) : m.start()]) or _OWN_FIGURE.match(text, m.end()):
                return False  # (a yardstick's own figure is its own: "compared to EA's $17.8bn")
    return True


_OWN_FIGURE = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,2}?(?:[$£€¥]\s?\d|\d)")
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


def _firms(focus: Focus) -> list[str]:
    """The firms, people and bodies among the focus entities: not countries. (A firm may carry a
    country in its name: "France Telecom", "Japan Airlines"; "Russia WTO" is no firm: every word of
    it is a country or a body of countries.)"""
    return [d for d in focus.display if not country_of(d) and d.lower() not in _MEASURE_WORDS and not _PERIOD_NAME.fullmatch(
        d) and not all(
        country_of(w) or parties_in(w) for w in re.findall(r"[\w'’&.-]+", d) if w.lower() not in ("of", "the", "and"))
        and not _region_name(d) and d.lower() not in _CONTINENTS]  # ("… did InBev cut in Europe?": Europe is no firm)


def _world_part(name: str) -> bool:
    """Whether a name is a part of the world, in one word ("Asia") or several ("South East Asia")."""
    return name.lower() in _CONTINENTS or _region_name(name)


def _region_name(name: str) -> bool:
    """Whether a name is a part of the world ("South East Asia", "Latin America", "the Middle East"): two or
    more words of compass points and regions, ending in the part's own noun. ("Southwest" alone may well be
    an airline's name; "Latin American" describes someone.)"""
    words = [w.lower() for w in re.findall(r"[\w'’&.-]+", name) if w.lower() != "the"]
    return len(words) >= 2 and words[-1] in _REGION_NOUNS and all(w in _REGION_WORDS for w in words)


# A period written like a name ("Third-quarter", "October-to-December"): when the fact is asked, not whose it is
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
          r"jun|jul|aug|sept?|oct|nov|dec)")
_PERIOD_NAME = re.compile(rf"(?i)(?:first|second|third|fourth|final|last)[\s-]+(?:quarter|half)|"
                          rf"{_MONTH}(?:[\s-]+(?:(?:to|and)[\s-]+)?{_MONTH})?(?:[\s-]+(?:quarter|period))?")  # ("July-September")
# A name that is itself a measure word ("GDP", written as a name) names what is asked, not whose it is
_MEASURE_WORDS = frozenset(w for words in MEASURES.values() for w in words)


# ---- what the question asks of a stored entity, beyond a typed attribute (issue 11, item 7) --------------

# Words that ask nothing of the entity: adverbs of time, degree and addition ("what else does X run",
# "is X still …", "what does X now …"), what sets a part aside ("apart from Pinochet's, whose …"), and the asking
# for words said ("how did X describe …?": the words need not be "describe")
_NO_DETAIL = frozenset(stems("else besides also still now actually currently already ever yet just really even stand stood "
                             "exactly precisely apart except describe described describes"))
_HOW_WHAT = re.compile(r"\bhow\s+([a-z]+)", re.I)
_WRAPPER = re.compile(r"\b([a-z]+)\s+(?=to\s+[a-z])", re.I)
# Verbs that wrap the asked one ("plans to close", "wants to take out", "is expected to open")
_WRAPPERS = frozenset(stems("want plan expect hope intend aim seek set going likely due need try able"))
DETAIL_SUBSTRING = 5  # a detail stem this long counts inside a longer word ("front" in "upfront")


QueryWords = Callable[[Query], tuple[list[str], dict[str, set[str]], list[str]]]


def asked_detail(query: Query, focus: Focus, query_words: QueryWords,
                 idf: Callable[[str], float]) -> tuple[dict[str, float], dict[str, set[str]]]:
    """What the question asks of its entities: its content stems that are not their names (nor the asked
    years, months or counterparts) nor words that ask nothing ("else", "still"), with their IDF weights
    and the alternatives retrieval accepts for them. "who owns Manchester's Trafford Centre?" -> {own}."""
    content, alternatives, _ = query_words(query)
    names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
    named = set(stems(" ".join([*names, *focus.display, *focus.years, *focus.months, *focus.counterpart])))
    named |= set(stems(" ".join(_HOW_WHAT.findall(query.text))))  # "how big", "how long": the kind of answer asked
    named |= set(stems(" ".join(_WRAPPER.findall(query.text)))) & _WRAPPERS  # "want to", "expected to": the next verb is asked
    wanted = {w: idf(w) for w in content if w not in named and w not in _NO_DETAIL}
    return wanted, {w: alternatives.get(w, set()) for w in wanted}


def detail_share(wanted: dict[str, float], alternatives: dict[str, set[str]], words: frozenset[str] | set[str],
                 lower: str) -> float:
    """The IDF-weighted share of the asked detail a sentence carries (its stems `words`, its text `lower`):
    the stem itself, another form of it, an alternative retrieval accepts, or a long stem inside a word."""
    total = sum(wanted.values())
    if not total:
        return 1.0
    found = sum(weight for w, weight in wanted.items()
                if w in words or (w in _FORMS and _FORMS[w] & words) or (alternatives.get(w, set()) & words)
                or (len(w) >= DETAIL_SUBSTRING and w in lower) or (w in _RUNS and _RUNS_TITLE.search(lower))
                or (w == "rank" and _RANKED.search(lower)) or (w in _POST and _TITLE_SAID.search(lower)))
    return found / total


# A rank, said as a place among the biggest ("the fifth biggest US carrier", "the third-largest", "number two")
_RANKED = re.compile(rf"\b{ORDINAL}[\s-](?:biggest|largest|busiest|richest|leading|most|highest|best)\b|"
                     r"\bnumber\s+(?:one|two|three|four|five)\b")
# Running a firm, said as the title of whoever runs it ("since when has Ms Tan been running Metrojaya?": "Since 2002,
# Ms Tan has been managing director and chief executive of Metrojaya")
_RUNS = frozenset({"run", "head", "lead", "manag"})
_RUNS_TITLE = re.compile(r"\b(?:chief\s+executive|managing\s+director|boss|head|chairman|chairwoman|president|"
                         r"director[- ]general|general\s+manager)\b")


# A post asked ("what position will Mr Tsuda take?"), said as the title of it ("Mr Tsuda, who will become chairman")
_POST = frozenset({"posit", "post", "role", "titl"})
_TITLE_SAID = re.compile(rf"{_RUNS_TITLE.pattern}|\b(?:chief\s+\w+\s+officer|director|deputy|vice[- ]\w+|minister|"
                         r"secretary|governor|chair|treasurer|partner|adviser|advisor)\b")


# Parts of the world named like firms, that are no one's firm
_REGIONS = frozenset("""asia asian europe european africa african america american americas latin arab gulf nordic
scandinavian western eastern northern southern central middle pacific atlantic caribbean baltic balkan mediterranean
global world international""".split())
# The words a part of the world is named with ("South East Asia", "Latin America", "the Middle East"): a
# name made of these (and countries) is where the fact is asked, not whose it is
_REGION_WORDS = _REGIONS | frozenset("""north south east west north-east north-west south-east south-west
northeast northwest southeast southwest asia east asia eurozone continent""".split())
_REGION_NOUNS = frozenset("asia europe africa america americas east west".split())
_CONTINENTS = frozenset("europe asia africa americas eurozone oceania".split())  # (a part of the world in one word)
# A sentence's opening name: "Freddie Mac, …", "The Siemens plant at Boscholt …", "Elsewhere, the Delby Link …"
# (up to four capitalised words)
_PLACE_DESCRIBED = re.compile(r"(?:,\s+[A-Z][\w-]*)?-based\b")
# A sentence opening on the kind of several firms before their names: "Budget carriers Kingfisher Airlines and
# SpiceJet …" (the kind of one, "Leading electronics chain Best Buy", is left to the ranking)
_DESCRIBED_LEAD = re.compile(r"^[A-Z][a-z-]+\s+(?:[a-z-]+\s+)?(?:carriers|airlines|firms|companies|groups|banks|"
                             r"rivals|retailers|makers|carmakers|lenders|insurers|brewers|chains)\s+"
                             r"([A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|&)){0,3})")
# Words that open a sentence going on from the one before, which a store may have taken for names
_OPENERS = frozenset("moreover however meanwhile furthermore nevertheless nonetheless instead indeed overall separately "
                     "elsewhere similarly likewise still yet also now then besides again".split())
# (after an opening word or place: "Overall, Daimler …", "In Africa, Halden sold …")
_LEADING_NAME = re.compile(r"^[\"“‘']?(?:[A-Z][a-z]+,\s+|In\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+)?(?:[Tt]he\s+)?"
                           r"([A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|&)){0,3})")


# A body's spokesperson speaking: "a spokeswoman for the St David's Shopping Centre …"
_SPOKEN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+for\s+(?:the\s+)?((?:[A-Z][\w'’&.-]*\s+){0,4}[A-Z][\w'’&.-]*)")


def anothers_subject(question: str, focus: Focus, text: str, is_name: Callable[[str], bool]) -> str:
    """The stored name a sentence opens with, as its subject, when the sentence is about someone else than
    the question's entities: it names none of them, the name is no country, shares no word with the
    question, and nobody is reported speaking ("The Siemens plant at Boscholt … employs 2,000 staff" asked of
    Huisman Itrec; "Freddie Mac … pay a $125m fine" asked of Fannie Mae). "" otherwise."""
    lower = text.lower()
    # (a part of the world asked of is the scope, not the one asked about: "… sell in Asia?" is answered by "BMW sold
    # nearly 95,000 cars in Asia" for BMW, not for Mercedes-Benz; a country may well be whose it is: "India's market")
    named = [n for i in range(len(focus.entities)) if i >= len(focus.display) or not _world_part(focus.display[i])
             for n in focus.names_of(i)]
    if not focus.entities or mentions_any(lower, named or [n for i in range(len(focus.entities))
                                                           for n in focus.names_of(i)]):
        return ""
    spoken = _SPOKEN_FOR.search(text)
    if spoken is not None and not re.search(r"-[a-z]+$", spoken.group(1)):
        # ("a spokeswoman for the St David's Shopping Centre in Cardiff said it …", asked of the Trafford Centre: the
        # body speaking, and what "it" is, is that other one; not "for the North Carolina-based bank", a place
        # describing the body, which may be the one asked about)
        run = spoken.group(1).split()
        for n in range(len(run), 0, -1):
            name = " ".join(run[:n])
            # (a name the store knows, or one of several capitalised words it may not: "St David's Shopping Centre")
            if run[n - 1].lower() not in FUNCTION_WORDS and (is_name(name) or n >= 3) and not country_of(name) \
                    and not parties_in(name):
                return name
    if _SPEECH.search(text):
        return ""  # ("X said …": a speaker may report on the entity)
    m = _DESCRIBED_LEAD.match(text) or _LEADING_NAME.match(text)
    if m is None:
        return ""
    if _PLACE_DESCRIBED.match(text, m.end()):
        return ""  # ("The Markfield, Leicestershire-based company …": a place describing the firm, not another one)
    run = [re.sub(r"['’]s?$", "", w) for w in m.group(1).split()]
    if run and run[0].lower() in _OPENERS:
        return ""  # ('"Moreover, such events typically have …"': a word going on from the sentence before, no name)
    if country_of(" ".join(run)):
        return ""  # ("The South Korean bank …": a country's word, whatever its first word alone may name)
    asked = {w.lower() for w in re.findall(r"[\w&]+", question)}
    for n in range(len(run), 0, -1):
        name = " ".join(run[:n])
        if run[n - 1].lower() in FUNCTION_WORDS or not is_name(name):
            continue
        if country_of(name) or parties_in(name) or any(w.lower() in asked or w.lower() in _REGIONS for w in run[:n]):
            return ""  # (a country or a region is the scope, not another firm: "Asian carmakers")
        return name
    return ""


# ---- a plan or a time asked of a stored entity, and names the store never writes (session 9) -------------

# "when will Brazil complete …?", "by when could …": a time is what is asked
_WHEN_ASKED = re.compile(r"^\s*(?:and\s+)?(?:(?:by\s+|until\s+)?when\b|(?:in\s+|by\s+)?(?:what|which)\s+(?:year|month|date|day)\b)",
                         re.I)
# Anything that says a time or a stretch of it: a year, a month, a weekday, a season, "next year", "within
# weeks", "soon", "later" (broad on purpose: a sentence saying none of these gives no time at all)
_TIME_SAID = re.compile(
    r"\b(?:1[6-9]|20)\d\d(?:s)?\b|\b(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|today|tomorrow|yesterday|tonight|soon|shortly|imminent(?:ly)?|later|earlier|"
    r"recently|currently|now|days?|weeks?|months?|years?|decades?|quarters?|spring|summer|autumn|winter|"
    r"christmas|easter|weekend|deadline|until|till|within|next|immediately|timetable|schedule[ds]?|date[ds]?|"
    r"half|halves|q[1-4]|h[12]|morning|afternoon|evening|night|midnight|noon|season)\b",
    re.I)


def time_unsaid(question: str, lead: str) -> bool:
    """Whether a "when …?" question would be answered by a sentence that says no time at all ("The
    Brazilian government has plans to switch …" for when the switch will be complete): it answers
    another question."""
    return bool(_WHEN_ASKED.match(question)) and not _TIME_SAID.search(lead)


# "is Hanover Re planning to raise its premiums …?", "is X considering selling Y?": a yes/no question about
# a plan; the planned action is the verb after the plan word (and the words after it, up to a break)
_PLAN_ASKED = re.compile(
    r"^\s*(?:and\s+)?(?:is|are|was|were|has|have|does|do|did)\b.*?\b(?:"
    r"(?:planning|plans?|plotting|intend(?:s|ing)?|going|preparing|aiming|aims?|hoping|hopes?|seeking|seeks?|"
    r"set|about|poised|looking|expected|likely|due)\s+to\s+([a-z]+)|"
    r"(?:considering|weighing|mulling|contemplating|eyeing)\s+([a-z]+ing))\b(.*)$", re.I)
# Where the planned action's own words end: a preposition of time or cause, a clause, an attribution
_PLAN_END = re.compile(r"\b(?:after|before|following|because|since|given|amid|despite|during|when|if|as|"
                       r"according|this|next|within|until|soon)\b|[,;?!]", re.I)
_NOT_OBJECT = frozenset("its their his her a an the some any more new further".split())


def planned_action(question: str, names: Sequence[str]) -> tuple[frozenset[str], list[str], str] | None:
    """The verb stem, object stems and words of the plan a yes/no question asks about ("is X planning to
    raise its premiums after the tsunami?" -> ({"rais", …}, ["premium"], "raise its premiums")); None when it asks
    no plan."""
    m = _PLAN_ASKED.match(question)
    if m is None:
        return None
    verb = (m.group(1) or m.group(2)).lower()
    rest = _PLAN_END.split(m.group(3), maxsplit=1)[0]
    named = {w for n in names for w in n.lower().split()}
    words = [w for w in re.findall(r"[a-z][\w'’-]*", rest.lower())
             if w not in _NOT_OBJECT and w not in FUNCTION_WORDS and w not in named]
    verb_stems = stems(verb)
    if not verb_stems:
        return None
    alike = next((group for group in _LIKE_VERBS if verb_stems[0] in group), frozenset())
    verbs = frozenset({verb_stems[0]}) | _FORMS.get(verb_stems[0], frozenset()) | alike
    return verbs, [s for s in stems(" ".join(words)) if s], f"{verb} {rest.strip()}".strip()


# Verbs a planned action is reported in, one group each (a small lexicon of business English): a plan to
# "cut jobs" is reported as a plan to "reduce its workforce" or "shed 900 jobs"
_LIKE_VERBS = tuple(frozenset(stems(group)) for group in (
    "cut cuts reduce trim slash axe shed", "close shut", "buy acquire purchase", "sell dispose offload divest",
    "raise increase lift", "open launch", "build construct", "merge combine", "leave quit exit",
    "hire recruit", "invest spend", "float list flotation listing"))


def carries_plan(action: tuple[frozenset[str], list[str], str], words: frozenset[str] | set[str]) -> bool:
    """Whether a sentence (its stems) carries the planned action: the verb (in any of its forms, or a verb
    of the same group), and one of its object's words when it has one."""
    verbs, objects, _ = action
    if not verbs & words:
        return False
    return not objects or any(o in words for o in objects)


# A name with a number in it ("Covid-19", "Euro 2004", "A380"): the letters are its own
_NUMBERED_NAME = re.compile(r"(?<![\w-])([A-Za-z]{3,})[- ]?\d+[A-Za-z]?(?![\w-])")


def numbered_names(text: str) -> list[tuple[str, str]]:
    """(the written name, its letters) of each name with a number in `text`."""
    return [(m.group().strip(), m.group(1).lower()) for m in _NUMBERED_NAME.finditer(text)
            if not re.fullmatch(r"[A-Za-z]+ \d+", m.group()) or m.group(1)[0].isupper()]


# A run of two or more capitalised words ("Inflation Reduction Act"), possessives ending it
_TITLE_RUN = re.compile(r"(?:[A-Z][\w&.-]*)(?:\s+(?:of|for|and|&|on|de)\s+[A-Z][\w&.-]*|\s+[A-Z][\w&.-]*)+")


def title_phrases(text: str, skip: Callable[[str], bool]) -> list[str]:
    """The runs of two or more capitalised words in a question that are neither its first word (capitalised
    as any first word is) nor question words, with the words `skip` says are known (a stored name, a
    country) taken out: what is left is a title the question names ("Inflation Reduction Act")."""
    found = []
    for m in _TITLE_RUN.finditer(text):
        words = m.group().split()
        start = m.start()
        kept: list[list[str]] = [[]]
        for i, w in enumerate(words):
            bare = re.sub(r"['’]s?$", "", w)
            first = start == 0 and i == 0
            if first or bare.lower() in QUESTION_WORDS or bare.lower() in FUNCTION_WORDS and not kept[-1] or skip(bare):
                kept.append([])
                continue
            kept[-1].append(bare)
            if bare != w:
                kept.append([])  # ("Deloitte's UK": a possessive ends the name)
        for run in kept:
            while run and run[-1].lower() in FUNCTION_WORDS:
                run.pop()
            if sum(1 for w in run if w[:1].isupper()) >= 2:
                found.append(" ".join(run))
    return found


# A day of a month ("on 16 March", "March 16th"): a date, no amount (nor is "one of" the people named)
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME.pattern}|"
                           rf"{_MONTH_NAME.pattern}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*\d)")


def holds_amount(text: str) -> bool:
    """Whether a sentence states an amount at all (a number or a number word, not a stretch of time nor a
    year): what a question asking a level, a rate or a size needs ("In the Maldives the cost of reconstruction
    could wipe out economic growth" states none)."""
    plain = _DURATION.sub(" ", re.sub(r"\b(?:1[89]|20)\d\d\b|\bone\s+of\b|\b(?:the|these|those|both)\s+(?:two|three|four|five|"
                                      r"six)\b", " ", _DAY_OF_MONTH.sub(" ", text), flags=re.I))  # ("the two countries": which)
    return bool(_QUANTITY.search(plain))


# "What rate does the account pay?": a percentage the thing pays (offers, charges, earns) is its rate
_RATE_VERBS = re.compile(r"\b(?:pay|pays|paid|paying|offer|offers|offered|offering|charge|charges|charged|charging|"
                         r"earn|earns|earned|earning|yield|yields|yielding)\b", re.I)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?(?:%|per ?cent\b)", re.I)


def _rate_paid(query: Query, focus: Focus, piece: str) -> bool:
    """Whether a rate asked with a verb of paying ("what rate does X pay?") is carried by a clause giving a
    percentage right after such a verb ("…, paying 5.35% for a minimum balance")."""
    asked = {m.group()[:2].lower() for m in _RATE_VERBS.finditer(query.text)}  # (the verb asked: "pay", not "charge")
    if focus.measure != "rate" or not asked:
        return False
    return any(m.group()[:2].lower() in asked and _PERCENT.match(piece, m.end() + 1) for m in _RATE_VERBS.finditer(piece))


# The kinds of title a law, a treaty or a plan is named with ("the Paris Agreement", "the Clean Air Act")
_TITLE_HEADS = ("Act|Agreement|Accord|Treaty|Protocol|Pact|Convention|Directive|Bill|Initiative|Doctrine|Charter|"
                "Compact|Declaration|Consensus|Plan|Programme|Program|Strategy")
_TITLED = re.compile(rf"(?<![\w'’-])((?:[A-Z][\w'’&-]*\s+){{1,4}}(?:{_TITLE_HEADS}))\b")


def titled_names(text: str) -> list[str]:
    """The titles a question names by a title word after one or more capitalised words ("the Paris Agreement",
    "the US Inflation Reduction Act"), without a leading question word."""
    found = []
    for m in _TITLED.finditer(text):
        words = m.group(1).split()
        while words and (words[0].lower() in QUESTION_WORDS or words[0].lower() in FUNCTION_WORDS):
            words.pop(0)
        if len(words) >= 2:
            found.append(" ".join(re.sub(r"['’]s$", "", w) for w in words))
    return found
