"""What a question is about (its focus entities), what it wants of them (the attribute), and in what
scope (a year, a counterpart, a quarter, a direction); and whether a stored sentence matches all three.

    "How big was the US trade deficit in 2004?"
      -> entities ("us",), measure "deficit", years ("2004",), no counterpart: an overall figure
    "By how much did Ryanair's profit rise?"
      -> entities ("ryanair",), measure "profit", direction "rise"

A synthesised lead (a figure, a name, a count) is only written from a fact whose sentence passes
`Focus.fits`; everything else is quoted verbatim.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from .caching import compiled
from .entities import FUNCTION_WORDS, Lexicon, find_names, name_key
from .models import Article, Fact, Sentence
from .facts import country_of, parties_in
from .question import _SET_ASIDE_HEAD, CONTRAST_HEAD, CONTRASTED, QUESTION_WORDS, SET_ASIDE, Query
from .retrieval import _FORMS, IRREGULAR_VERBS, stems

__all__ = ["Focus", "analyse_focus", "MEASURES", "ROLE_WORDS", "WHICH_PERSON", "main_clause"]

# What a question's measure word may be called in news prose.
MEASURES: dict[str, frozenset[str]] = {
    "profit": frozenset({"profit", "profits", "earnings", "income", "net", "earn", "earned", "earns"}),
    "loss": frozenset({"loss", "losses", "deficit", "lose", "lost", "loses", "losing"}),
    "deficit": frozenset({"deficit", "deficits", "gap", "imbalance", "shortfall", "shortfalls", "difference"}),
    "surplus": frozenset({"surplus"}),
    "sales": frozenset({"sales", "revenue", "revenues", "turnover"}),
    "price": frozenset({"pay", "paid", "price", "bid", "offer", "deal", "agreement", "value", "valued", "worth", "cost",
                        "takeover", "buy", "bought", "buying", "acquire", "acquired", "purchase", "purchases", "purchased", "payment", "payments", "costs",
                        "spend", "spent", "spends", "spending", "valuation", "capitalisation", "capitalization",
                        "fetch", "fetched", "fetches", "raked"}),
    "jobs": frozenset({"jobs", "job", "staff", "workers", "posts", "employees", "workforce", "employ", "employs",
                      "employed", "employing"}),
    "growth": frozenset({"growth", "grew", "grow", "grows", "grown", "expanded", "expand", "expands",
                        "expanding", "gdp", "economy"}),
    "exports": frozenset({"exports", "export", "exported", "exporting", "shipments"}),
    "imports": frozenset({"imports", "import", "imported", "importing"}),
    "fine": frozenset({"fine", "fines", "fined", "penalty", "penalties", "settlement", "settlements", "pay"}),
    "tariff": frozenset({"tariff", "tariffs", "duty", "duties"}),
    "rate": frozenset({"rate", "rates"}),
    "debt": frozenset({"debt", "debts", "borrowing", "borrow", "borrowed", "owe", "owes", "owed"}),
    "stake": frozenset({"stake", "stakes", "holding", "holdings", "holds"}),
    "dividend": frozenset({"dividend", "dividends", "payout"}),
    "bonus": frozenset({"bonus", "bonuses", "payoff", "payoffs", "pay-off", "severance"}),
    "inflation": frozenset({"inflation", "prices"}),
    "unemployment": frozenset({"unemployment", "jobless"}),
    "investment": frozenset({"investment", "investments", "invest", "invested", "investing"}),
    "output": frozenset({"output", "production", "produced", "produce", "produces"}),
    "orders": frozenset({"order", "orders", "ordered"}),
    "shares": frozenset({"shares", "share"}),
    "savings": frozenset({"save", "saves", "saved", "saving", "savings"}),
    "wages": frozenset({"wages", "wage", "salary", "salaries", "pay"}),
    "proceeds": frozenset({"raise", "raises", "raised", "raising", "proceeds", "sell", "selling"}),
    # a paper's sales, as news gives them: "a circulation of 1.2m", "sells 400,000 copies a day"
    "circulation": frozenset({"circulation", "readership", "readers", "copies"}),
    # a firm's share price, as news gives it: "shares touched 17.70 euros", "shares closed at $8"
    "share price": frozenset({"shares", "share", "price", "prices", "stock"}),
    # a firm's part of its market, asked as a figure ("what market share did Chrysler reach?"): said only with one
    "market share": frozenset({"share"}),
}
_SAME_PERIOD = re.compile(r"\bfor\s+the\s+same\s+period\s+(?:in|of)\s+(?:19|20)\d\d\b", re.I)  # the year-ago baseline
_GAINS_AND_LOSSES = re.compile(r"\b(?:gains?\s+(?:and|or)\s+loss(?:es)?|loss(?:es)?\s+(?:and|or)\s+gains?|"
                               r"profits?\s+(?:and|or)\s+loss(?:es)?)\b", re.I)
_SURPLUS_THING = re.compile(r"\bsurplus\s+(?!(?:of|in|on|with|for|to|at|by|over|during|since|from|between|after|before|"
                            r"last|this|that|and|or|is|was|were|are|has|had|have|will|would|rose|fell|grew|widened|"
                            r"narrowed|shrank|rise|fall|figure|figures|now|reach|reached|hit)\b)(?=[a-z])", re.I)
# A clause describing people by what they did ("those who lost property", "savers who earned interest"): no measure
# "lost" describing a thing after its owner or an article: mislaid, not a fall ("Bank of America's lost tapes")
_LOST_THING = re.compile(r"(?:['’]s|\b(?:the|its|their|his|her))\s+lost\s+(?=[a-z])", re.I)
_WHO_CLAUSE = re.compile(r"(?<=[a-z])\s+who\s+[^,?]*", re.I)
_TIME_SPENT = re.compile(r"\b(?:spend|spends|spent|spending)\s+(?:(?:a|an|one|two|three|four|five|six|several|many|some|"
                         r"the|his|her|their|its|\d+)\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?|time|decades?)\b",
                         re.I)
# Money put into a thing: "how much is the EU putting into the pipeline?", "has pumped $300m into its unit"
_PUT_VERBS = (r"(?:put|puts|putting|pour|pours|poured|pouring|plough|ploughs|ploughed|ploughing|pump|pumps|pumped|pumping|"
              r"inject|injects|injected|injecting|sink|sinks|sank|sunk|sinking)")
_MONEY_PUT_IN = re.compile(rf"\bhow\s+much(?:\s+money|\s+cash)?\s+(?:is|are|was|were|will|would|did|does|do|has|have|"
                           rf"had)\b.*?\b{_PUT_VERBS}\s+(?:[\w-]+\s+)?(?:into|in)\b", re.I)
_MONEY_PUT = re.compile(rf"\b{_PUT_VERBS}\b[^.;]{{0,40}}?\binto\b", re.I)
# Pay that is someone's wages, not a price paid: "their pay", "the pilots' pay", "the pay of its pilots" ("the pay"
# alone, or "pay for", "pay off", is no one's)
_OWN_PAY = re.compile(r"\b(their|its|his|her|our|\w+['’]s?|the)\s+pay\b(?!\s+(?:for|off|out|back|up)\b)(?=\s+of\b|(?<!the\spay))", re.I)
# Costs saved or cut, as one noun ("cost savings", "cost cuts", "cost-cutting"): savings, no price paid
_COST_SAVING = re.compile(r"\bcosts?[\s-]+(?:savings?|cuts?|cutting|reductions?)\b", re.I)
_COSTS_CUT = re.compile(r"\b(?:cut|cuts|cutting|reduce[sd]?|reducing|lower|lowers|lowered|lowering|trim|trims|trimmed|"
                        r"trimming|slash|slashed|slashing)\s+(?:(?:its|their|the|his|her|our)\s+)?(?:\w+\s+)?costs\b|"
                        + _COST_SAVING.pattern, re.I)  # (… or in any words: "cut costs", "reduce its costs")
# What a thing cost the firm itself ("what did Marsh's restructuring cost it?"), and such a cost said: a charge, a
# hit, a write-down
_COST_IT = re.compile(r"\bcost\s+(?:it|them|the\s+(?:firm|company|group|bank|insurer|carmaker|airline))\b", re.I)
_CHARGE = r"(?:hit|charges?|write-?(?:downs?|offs?)|costs?)"
_CHARGE_SAID = re.compile(rf"(?:[$£€¥]\s?\d|\d\s*(?:m|bn|million|billion)\b)[^.;]{{0,30}}?\b{_CHARGE}\b|"
                          rf"\b{_CHARGE}\s+of\s+(?:about\s+|some\s+)?[$£€¥]\s?\d", re.I)
_SPENDING = re.compile(r"\b(?:spend|spends|spent|spending)\b", re.I)
# "will the talks produce a deal?": an outcome produced, no output
_PRODUCED_OUTCOME = re.compile(r"\b(?:produce|produces|produced|producing)\s+(?:a|an|any|the)\s+(?:new\s+|peace\s+|trade\s+|"
                               r"lasting\s+|final\s+)?(?:deal|agreement|"
                               r"result|breakthrough|decision|settlement|accord|compromise|outcome|solution)\b", re.I)
# What a count of workers asks of their jobs: "how many staff will it cut?", "… does it employ?", "… work at …?"
_JOB_ASKED = re.compile(r"\b(?:employ\w*|hir(?:e|es|ed|ing)|cut\w*|lose|loses|losing|lost|shed\w*|ax(?:e|es|ed|ing)|go|goes|"
                        r"going|gone|went|redundan\w*|lay\w*|laid|jobs?|work(?:s|ed|ing)?|staff\w*|workforce|"
                        r"recruit\w*|sack\w*|fir(?:e|es|ed|ing)|strik\w*|payroll|posts?|head\s*count)\b", re.I)
# Payments of another kind than a price: "its dividend payment", "interest payments"
_OTHER_PAYMENT = re.compile(r"\b(?:dividend|bonus|interest|pension|tax|benefit|welfare|severance)\s+payments?\b", re.I)
# Raising a level or a voice, not money: "raise the output of …", "raised prices", "raising concerns"
_RAISED_LEVEL = re.compile(r"\brais(?:e|es|ed|ing)\s+(?:(?:the|its|their|his|her|our|a)\s+)?(?:[a-z]+\s+){0,2}?"
                           r"(?:output|production|prices?|rates?|stakes?|holdings?|capacity|levels?|tax(?:es)?|tariffs?|pay|wages?|"
                           r"salar(?:y|ies)|dividends?|forecasts?|targets?|profile|concerns?|questions?|hopes?|fears?|"
                           r"doubts?|awareness|standards?|limits?|ceiling|threshold|offer|bid)\b", re.I)
_INVESTED = re.compile(r"\b(?:invest|invests|invested|investing|investment)\b", re.I)
_SALES_ROSE = re.compile(r"\b(?:sales|revenues?|turnover)\s+(?:[a-z]+\s+){0,2}?(?:rise|rose|risen|rising|up|increased?|"
                         r"jump(?:ed)?|climb(?:ed)?|gr[eo]wn?|grew)\b", re.I)
_OUT_OF_WORK = re.compile(r"\b(?:out\s+of\s+work|unemployed|without\s+(?:a\s+)?jobs?)\b", re.I)
_SHARE_PRICE = re.compile(r"\bshare\s+price\b", re.I)
# A market share asked as a figure ("what market share did …", "what is X's market share"), and one given as a figure
# ("a 20% share of the market", "market share of 12.5%", "a third of the UK market")
_MARKET_SHARE_ASKED = re.compile(r"\bwhat(?:['’]s|\s+is|\s+was|\s+were)?\s+(?:[\w'’&.-]+\s+){0,3}?market\s+shares?\b",
                                 re.I)
_MARKET_SHARE_SAID = re.compile(r"\d[\d.]*\s*(?:%|per\s?cent)\s+(?:(?:of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?market)|"
                                r"(?:[\w-]+\s+)?(?:market\s+)?share)\b|\bmarket\s+share\s+(?:\w+\s+){0,3}?\d|"
                                r"\b(?:a|one|two)[\s-](?:half|third|quarter|fifth|tenth)s?\s+of\s+(?:the\s+)?"
                                r"(?:[\w-]+\s+){0,3}?market\b", re.I)
_GROW_VERBS = frozenset({"grow", "grows", "grew", "grown"})
_MEASURE_OF: dict[str, str] = {}
for _name, _words in MEASURES.items():
    _MEASURE_OF.setdefault(_name, _name)
for _q, _name in {
    "profit": "profit", "profits": "profit", "earnings": "profit", "loss": "loss", "losses": "loss",
    "lose": "loss", "lost": "loss",
    "deficit": "deficit", "gap": "deficit", "surplus": "surplus", "sales": "sales", "revenue": "sales",
    "revenues": "sales", "turnover": "sales", "pay": "price", "paid": "price", "price": "price",
    "cost": "price", "costs": "price", "worth": "price", "bid": "price", "offer": "price", "valued": "price",
    "value": "price", "spend": "price", "spent": "price", "spends": "price", "spending": "price", "jobs": "jobs", "job": "jobs", "staff": "jobs", "workers": "jobs", "growth": "growth",
    "grow": "growth", "grew": "growth", "gdp": "growth", "exports": "exports", "export": "exports",
    "imports": "imports", "import": "imports", "fine": "fine", "fined": "fine", "fines": "fine", "penalty": "fine", "penalties": "fine",
    "tariff": "tariff", "tariffs": "tariff", "duty": "tariff", "duties": "tariff", "rate": "rate",
    "debt": "debt", "stake": "stake", "dividend": "dividend", "bonus": "bonus", "inflation": "inflation",
    "unemployment": "unemployment", "investment": "investment", "output": "output", "orders": "orders",
    "bonuses": "bonus", "payoff": "bonus", "payoffs": "bonus", "pay-off": "bonus", "severance": "bonus", "stakes": "stake",
    # the verbs and plurals a question uses for the same measures
    "invest": "investment", "invests": "investment", "invested": "investment", "investing": "investment",
    "investments": "investment", "earn": "profit", "earned": "profit", "earns": "profit",
    "borrow": "debt", "borrowed": "debt", "borrowing": "debt", "debts": "debt", "owe": "debt", "owes": "debt",
    "owed": "debt", "exported": "exports", "imported": "imports", "dividends": "dividend", "fines": "fine",
    "produce": "output", "produced": "output", "produces": "output", "production": "output",
    "employ": "jobs", "employs": "jobs", "employees": "jobs", "workforce": "jobs",
    "income": "profit", "paying": "price", "pays": "price",
    "save": "savings", "saves": "savings", "saving": "savings", "savings": "savings",
    "wage": "wages", "salary": "wages", "salaries": "wages",
}.items():
    _MEASURE_OF[_q] = _name

# Nouns that make a measure word before them the name of another thing: a "profit share" is what each
# member gets, a "sales target" is no sales, a "price war" or "pay talks" no price paid
COMPOUND_HEAD = re.compile(r"[ -](?:share|shares|sharing|schemes?|warnings?|margins?|tax|taxes|force|targets?|wars?|"
                           r"index|caps?|freeze|talks|dispute|claims?|watchdog|regulator|sale|outlets?|staff|teams?|"
                           r"networks?|channels?|offices?|reports?|surveys?|banks?|bankers?|banking|funds?)\b",
                           re.I)  # ("the US jobs report", "an investment bank")
# A deal on a debt, asked of (not its size: "how big is the debt restructuring offer?" asks the debt dealt with)
_DEBT_DEAL = re.compile(r"\bdebts?(?=[ -](?:restructuring[ -])?(?:offers?|swaps?|deals?|relief|default)\b)", re.I)
_SIZE_ASKED = re.compile(r"\bhow\s+(?:big|large|high)\b", re.I)
_MEASURE_COMPOUND = re.compile(r"\b(?:" + "|".join(sorted(_MEASURE_OF, key=len, reverse=True)) + r")"
                               + COMPOUND_HEAD.pattern, re.I)

ROLE_WORDS = frozenset(
    """
    chief executive ceo boss chairman chairwoman chair minister president governor head director founder
    spokesman spokeswoman spokesperson secretary chancellor commissioner ambassador manager owner leader
    economist analyst officer prime premier mayor treasurer deputy vice general managing
    accountant auditor counsel lawyer attorney prosecutor strategist adviser advisor envoy negotiator
    controller editor representative coordinator
    """.split()
)
# Words that narrow a role ("commerce minister", "finance director"); other words of a "who" question
# ("now", "currently", "day to day") are not part of the role.
# How many words from a role word a portfolio word of the question may stand ("minister for trade and industry")
QUALIFIER_REACH = 4
_QUALIFIERS = frozenset(
    """
    commerce trade finance financial foreign economy economic economics industry industrial energy agriculture
    defence interior health transport treasury technology investment investments marketing operating
    operations information communications culture education environment labour employment justice
    """.split()
)
# Words that make a role another one: "deputy chief executive", "former chairman".
_NOT_THE_ROLE = ("deputy", "vice", "assistant", "former", "ex", "outgoing", "then")
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "ceo": frozenset({"chief executive", "ceo", "chief executive officer"}),
    "boss": frozenset({"chief executive", "ceo", "boss", "chairman", "head", "managing director", "president"}),
    "head": frozenset({"head", "chief executive", "ceo", "boss", "chairman", "president", "director", "governor"}),
    "chair": frozenset({"chairman", "chairwoman", "chair"}),
}
_RISE = re.compile(r"\b(rise|rises|rose|risen|rising|increase[sd]?|increasing|grow|grows|grew|grown|growing|growth|up|"
                   r"upped|upping|jump(?:s|ed|ing)?|gain|gains|gained|gaining|add|added|win|won|raise[sd]?|raising|lift(?:s|ed|ing)?|"
                   r"climb(?:s|ed|ing)?|boost(?:s|ed|ing)?|higher|surge[sd]?|surging|soar(?:s|ed|ing)?|"
                   r"expand(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|quadrupl(?:e|es|ed|ing))\b", re.I)
_FALL = re.compile(r"\b(fall|falls|fell|fallen|falling|drop(?:s|ped|ping)?|decrease[sd]?|decreasing|decline[sd]?|declining|"
                   r"down|slump(?:s|ed|ing)?|lose|loses|lost|losing|shed|shedding|slip|slips|slipped|slipping|dip|dips|dipped|"
                   r"dipping|eased|weaken(?:ed|ing)?|sink(?:s|ing)?|sank|plunging|tumbling|sliding|slow(?:s|ed|ing|down)?|"
                   r"cut|cuts|cutting|reduc(?:e|es|ed|ing|tion)|slash(?:es|ed)?|trim(?:s|med)?|lower|plunge[sd]?|shr[iu]nk|shrank|slide|slid|tumble[sd]?|loss|losses|"
                   r"axe[sd]?|axing)\b", re.I)  # ("are axing 90 journalist jobs": a cut)
ANOTHER_YEAR = "another year"  # (`Focus.scope_conflict`) a sentence giving only other years than the asked one
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
# "than", save an expectation closing its clause ("grown more than expected, expanding at 3.8% in the last quarter of
# 2004" keeps its period; "faster than predicted and well above 2003's 9.1%" compares with 2003)
_THAN_BASELINE = r"than(?!\s+(?:expected|forecast|anticipated|predicted|hoped|feared|thought)\s*,)"
_COMPARED = re.compile(rf"\b(?:compared (?:with|to)|up from|down from|from|{_THAN_BASELINE}|versus|against|a year earlier|"
                       r"previous)\b(?:[^.;]|\.(?=\d)){0,80}?\b(?:19[5-9]\d|20[0-4]\d)\b", re.I)
# (within one phrase: "in previous jobs, Mr Ghosn reduced Nissan's overheads by 20% … in 1999" compares nothing)
_COMPARED_MONTH = re.compile(rf"\b(?:compared (?:with|to)|up from|down from|from|{_THAN_BASELINE}|versus)\b(?:[^.;]|\.(?=\d))*?"
                             r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                             r"November|December)\b", re.I)
_MONTH_TYPED = re.compile(r"\b(january|february|april|june|july|september|october|november|december|"
                          r"(?<=in |by |of )(?:march|august))\b", re.I)


def _months_asked(text: str) -> tuple[str, ...]:
    """The months a question names, typed in lower case too ("how many jobs did the us add in december");
    "May" only as a name ("May the …" and "may rise" are the verb), "march"/"august" only after in/by/of."""
    found = [m.group(1).lower() for m in _MONTH_TYPED.finditer(text)]
    found += ["may" for m in re.finditer(r"\bMay\b", text) if not re.match(r"\s+(?:the|[a-z])", text[m.end():])]
    return tuple(dict.fromkeys(found))


STORY_YEAR = "the story's year, not the one asked"  # (`Focus.scope_conflict`) "for the year" in a story of another
_FOR_THE_YEAR = re.compile(r"\b(?:for|in|over|during)\s+the\s+year\b(?!\s+(?:before|earlier|to|ago))", re.I)
_FIRST_SENTENCE = re.compile(r"\s*[^\n]*?(?:[.!?](?=\s)|$|(?=\n))")  # (a first line without a full stop ends at its
# line break: the pattern always matches)


def opening_sentence(body: str) -> str:
    """The first sentence of an article's body (or its first line, when that has no full stop)."""
    m = _FIRST_SENTENCE.match(body)
    return m.group() if m is not None else ""
_RELATIVE_YEAR = re.compile(r"\b(last year|this year|the year|annual|full-year|year to|twelve months|12 months)\b", re.I)
_FORECAST = re.compile(r"\b(expect|expects|expected|expecting|expectations?|hopes?|hoped|plans?|aims?|forecast|forecasts|"
                       r"forecasting|predicted|predicts|predicting|projected|projecting|projections?|"
                       r"anticipate[sd]?|anticipating|could|would|might|may|"
                       r"will|estimate[sd]?|likely|set to)\b", re.I)
# a quarter written as its months: "in the October-to-December period", "July to September"
_MONTH_SPAN = (r"(?:january|april|july|october)(?:-to-|\s+to\s+|-)(?:march|june|september|december)")
_QUARTER = re.compile(rf"\b(quarter|quarterly|three months|three-month|q[1-4]|{_MONTH_SPAN})\b", re.I)
# A quarter said by its number: "the fourth quarter", "first-quarter", "Q3"
_NTH_QUARTER = re.compile(r"\b(?:(first|second|third|fourth|final|last)[\s-]+quarter|q([1-4]))\b", re.I)
_SOME_QUARTER = re.compile(r"\b(?:three months|three-month)\b", re.I)  # (which three months, not said by a number)
_SPAN_QUARTER = re.compile(_MONTH_SPAN, re.I)
_QUARTER_NOS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "final": "4", "january": "1", "april": "2",
                "july": "3", "october": "4"}
_LAST_OF_YEAR = re.compile(r"\b(?:last|final)[\s-]+quarter\s+of\s+(?:19|20)\d\d\b", re.I)


def _quarter_no(text: str) -> str:
    """The number of the quarter a question names ("fourth quarter", "the last quarter of 2004": "4"; "Q1": "1";
    "July to September": "3"), or "" (none, or "last quarter" alone, which may be any)."""
    if _LAST_OF_YEAR.search(text):
        return "4"
    m = _NTH_QUARTER.search(text)
    if m is not None and (m.group(2) or _QUARTER_NOS.get(m.group(1).lower())):
        return m.group(2) or _QUARTER_NOS[m.group(1).lower()]
    span = _SPAN_QUARTER.search(text)
    return _span_no(span.group()) if span else ""


def _span_no(span: str) -> str:
    """The number of the quarter three months name ("July to September": "3")."""
    return _QUARTER_NOS[re.split(r"[\s-]", span, maxsplit=1)[0].lower()]


def _quarters_said(lower: str) -> set[str]:
    """The numbers of the quarters a sentence names by number or by months ("the fourth quarter", "July to
    September"); "last quarter" alone says none."""
    said = {m.group(2) or _QUARTER_NOS.get(m.group(1).lower(), "") for m in _NTH_QUARTER.finditer(lower)}
    said |= {_span_no(m.group()) for m in _SPAN_QUARTER.finditer(lower)}
    if said:  # ("… in the third quarter, up from just 1.6% in the second": the second quarter, its word left out)
        said |= {_QUARTER_NOS[m.group(1).lower()] for m in _BARE_ORDINAL.finditer(lower)}
    return said - {""}


# An ordinal standing for a quarter named just before: "… in the third quarter, up from just 1.6% in the second"
_BARE_ORDINAL = re.compile(r"\b(?:in|from|than|to)\s+the\s+(first|second|third|fourth)\b(?![\s-]+(?:quarter|half|time|"
                           r"year|month|week|day|largest|biggest)\b)", re.I)


PART_OF_YEAR = "part of the year, not the year"  # (the scope conflict of a quarter or month, the whole year asked)
NOT_THE_QUARTER = "not the quarter"  # (… and of a sentence saying no quarter, one asked)
_SUBPERIOD = re.compile(rf"\b(quarter|quarterly|three months|three-month|q[1-4]|{_MONTH_SPAN}|monthly|month|six months|half-year|first half|"
                        r"weekly|week|(?:in|for|during|from) (?:january|february|march|april|may|june|july|august|"
                        r"september|october|november|december))\b", re.I)
# An opening "In November," or "Last month," dates when something was said; with the asked year given in the
# sentence ("… forecast an 8% fall in property prices in 2005"), what is said is of that year
_SAID_WHEN = re.compile(r"^\s*(?:(?:in|early|late|earlier|later)\s+(?:this\s+)?|last\s+|this\s+)(?:month|week|january|february|"
                        r"march|april|may|june|july|august|september|october|november|december)(?:\s+(?:19|20)\d\d)?\s*,")
_WHOLE_YEAR = re.compile(r"\b(annual total|for the (?:whole|full) year|full-year total|for the year as a whole|"
                         r"(?:whole|full)[- ]year)\b", re.I)
_ANNUAL_SAID = re.compile(r"\bannual\b")  # (lower case) a year's figure said: "reported an annual turnover of …"
_ANNUAL_OF_YEAR = re.compile(r"\bannual\s+(?:19|20)\d\d\b", re.I)  # "the annual 2004 rate of growth"
# A month said by when the story was written: "last month", "this month"
_RELATIVE_MONTH = re.compile(r"\b(last|this)\s+month\b(?!['’]s)", re.I)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")


def _relative_month(lower: str, published: str | None) -> str:
    """The month a sentence's "last month" or "this month" means, read from its story's date ("" when it says
    neither, or the story is undated)."""
    m = _RELATIVE_MONTH.search(lower)
    if m is None or not published or not re.match(r"\d{4}-\d{2}", published):
        return ""
    month = int(published[5:7]) - 1 - (m.group(1).lower() == "last")
    return _MONTH_NAMES[month % 12]


# A figure said to be the month's ("annual sales growth of between 1% and 3% for the month": growth on a year earlier)
_FOR_THE_MONTH = re.compile(r"\b(?:for|in|during|over)\s+the\s+month\b|\bthis\s+month['’]s\b", re.I)
_WHOLE_OF_YEAR = re.compile(r"\b(?:the\s+)?whole\s+of\s+(?:19|20)\d\d\b", re.I)
_WHOLE_YEAR_ASKED = re.compile(r"\b(?:full[- ]year|(?:whole|full|entire)\s+(?:(?:financial|fiscal|calendar)\s+)?year|"
                               r"annual|annually|for the year|"
                               r"a year(?!\s+(?:earlier|ago|before|later|previously)\b)|per year|each year)\b",
                               re.I)
# Measures with no trading partner: "bringing production to Sweden" is a place, not a counterpart
_NO_COUNTERPART = frozenset({"output", "jobs", "investment", "orders"})
_SETTLING = re.compile(r"\b(settle|settled|settlement|fine|fined|charges|compensation|damages|lawsuit)\b", re.I)
_PURCHASE = re.compile(r"\b(?:for|buy|buys|bought|buying|price|worth|cost|costs|bid|offer|takeover|take over|acquire|"
                       r"acquired|acquisition|value|valued|purchase|stake)\b", re.I)
# Measures a firm reports as one total: an amount each (a share, a member, a customer) is not it
_TOTALS = frozenset({"profit", "loss", "sales"})
_PER_HEAD = re.compile(r"\d[\d,.]*(?:m|bn)?\s*(?:each|apiece|a head|per head|per (?:share|member|customer|employee|person))\b"
                       r"|\b(?:a|per|each) share\b", re.I)
# ("570 rupees (£6.80; $13) apiece": the price of one share, written after its conversions)
_PER_SHARE = re.compile(r"\b(?:a|per|each)(?:\s+\w+)?[\s-]+share\b|\d[\w.,£$€%;() ]{0,30}?\b(?:each|apiece)\b"
                        r"(?!\s+(?:year|month|week|day|quarter|other|of)\b)", re.I)
# A price of one thing asked ("how much is JAL paying for each 7E7?", "… per plane"): a deal's total is no answer;
# one thing's price written ("900 rupees per tonne", "$120m a plane")
_UNITS = r"(?:plane|aircraft|jet|car|vehicle|unit|ship|train|tonne|ton|barrel|head|person|passenger|copy|ticket)"
_EACH_ASKED = re.compile(rf"\b(?:for|of)\s+each\b|\beach\s+(?:one|{_UNITS})\b|\bper\s+{_UNITS}\b|\bapiece\b|"
                         r"\b(?:price|cost|much)\s+each\s*[?.!]*\s*$", re.I)  # (or "… at what price each?")
_EACH_SAID = re.compile(rf"\b(?:per|a|an|each)\s+{_UNITS}\b", re.I)
# A sum paid at once asked ("how much is GM paying Fiat straight away?"): a sentence giving the whole sum with no
# word of when is not it ("Fiat is to get 1bn euros immediately" is)
AT_ONCE = re.compile(r"\b(?:straight\s+away|immediately|up[\s-]?front|at\s+once|right\s+away|initially|in\s+advance|"
                     r"on\s+signing|first\s+(?:payment|instalment|installment|tranche)|immediate\s+payments?)\b|"
                     r"\d(?:bn|m|\s?(?:billion|million))?\s+now\b", re.I)  # (or "to pay $100m now and …")
# A total asked ("how much has the fraud cost in total?", "… paying in all for the 36 planes?"): an amount a month or
# a plane is not it, unless the sentence also gives a total
_TOTAL_ASKED = re.compile(r"\b(?:in\s+total|in\s+all|altogether|all\s+told)\b", re.I)
_RATE_SAID = re.compile(rf"\b(?:a|an|per|each)\s+(?:month|week|day|year|annum|{_UNITS})\b", re.I)
_TOTAL_SAID = re.compile(r"\b(?:in\s+total|in\s+all|altogether|all\s+told|a\s+total\s+of|totall?ing|totall?ed|"
                         r"so\s+far|to\s+date)\b", re.I)
_LOAN = re.compile(r"\b(lent|lend|lends|lending|loan|loans|borrow\w*|credit|credits|debt|debts|pay off|paid off|"
                   r"tax bill|back taxes|unpaid taxes)\b", re.I)
_COUNTERPART = re.compile(r"\b(?:with|to|from|against)\s+(?:the\s+)?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)")
# A share of a firm bought, sold or held, without the word "stake".
# A firm's shares called its stock (not "stocks", a store of goods): "The company's currently traded stock"
_OWN_STOCK = re.compile(r"\b(?:its|their|the\s+(?:company|firm|group|bank|carrier|airline)['’]s)\s+(?:[a-z]+\s+){0,2}?"
                        r"stock\b(?!\s+(?:market|exchange|index))", re.I)
_STAKE_WORDED = re.compile(r"\b(?:own|owns|owned|owning|buy|buys|bought|buying|sell|sells|sold|selling|acquire|acquires|"
                           r"acquired|acquiring|hold|holds|held|holding|take|takes|took|taking|offer|offers|offered|"
                           r"offering|swap|swaps|swapped|give|gives|gave|given|get|gets|got|receive|receives|received|"
                           r"keep|keeps|kept)\s+(?:a\s+|an\s+|the\s+|"
                           r"another\s+|a\s+further\s+)?\d+(?:\.\d+)?%\s+of\b|\b\d+(?:\.\d+)?%[\s-]+owned\s+by\b", re.I)
_EMPLOYER_ASKED = re.compile(r"\s*(?:and\s+)?(?:who|(?:which|what)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:employs|employed|"
                             r"hired|hires|does\s+\S+(?:\s+\S+)?\s+work\s+for)\b", re.I)
# a role owned by a firm the sentence does not name: "the company's founder", "its chairman"
# a role at a body described, not named ("spokeswoman for the North Carolina-based bank"), and the place
# describing it, which names no other body
_FOR_THE_FIRM = re.compile(r"\b(?:of|at|for|with)\s+the\s+(?:[\w.-]+\s+){0,2}?(?:company|firm|group|bank|business|"
                           r"carrier|airline|lender|insurer|retailer)$")
_DESCRIBED_PLACE = re.compile(r"(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*-based\b")
_GENERIC_ROLE_OWNER = re.compile(r"(?:the\s+)?(?:company|firm|group|bank|business|its)(?:['’]s?)?\s", re.I)
# (a first modifier joined to the next, "short and medium-haul flights", is passed over: the thing follows)
# ("how many of Krispy Kreme's franchise owners …": the owners are counted, the owner's name only says whose)
_HOW_MANY = re.compile(r"\bhow many\s+(?:of\s+(?:its|their|his|her|(?:[\w&.-]+\s+){0,3}?[\w&.-]+['’]s?)\s+)?"
                       r"((?:[\w-]+\s+(?:and|or)\s+(?=[\w-]+\s+[\w-]))?[\w-]+(?:\s+[\w-]+)?)", re.I)
_VERB_FOLLOWED = re.compile(r"\s+(?:on|in|at|the|a|an|to|for|with|by|from|into|under|over)\b", re.I)  # ("judges sit on")
# What someone calls a thing, or what it is called: the words for it are asked, not a measure of it
_NAME_FOR_ASKED = re.compile(r"^\s*(?:and\s+)?what\s+(?:(?:does|did|do|has|have|would)\s+.+?\s+call\b|(?:is|was|are|were)\s+"
                             r".+?\s+called\s*\??\s*$)", re.I)
_IRREGULAR_PLURALS = frozenset({"people", "children", "women", "staff", "personnel", "police", "cattle"})
_THIRD_COUNTED = re.compile(r"\s+([a-z][a-z-]*[a-z]s)\b")  # (a plural after the two words `_HOW_MANY` reads)


# A thing's sale for an amount: "the sale of the stake to Ferrovial for £146m" (not "was sold … for $800m", asked
# what one bidder offered)
_SOLD_FOR = re.compile(r"\bsale\s+of\b[^.;]{0,80}?\bfor\s+(?:about\s+|around\s+|"
                       r"some\s+|nearly\s+|almost\s+|more\s+than\s+)?[$£€]\s?\d", re.I)
# What a seller gets for a thing: "get for its stake", "fetch for the unit", the price paid to it
_GOT_FOR = re.compile(r"\b(?:get|gets|got|fetch|fetches|fetched|receive|receives|received)\b"
                      r"(?=(?:\s+[\w'’-]+){0,2}?\s+(?:for\s+(?:selling\s+)?|from\s+(?:selling|the\s+sale\s+of)\s+|"
                      r"when\s+(?:it|they|he|she)\s+sold\s+)(?:its|their|his|her|the|a|an|this|that)\b)", re.I)
# (or "get for selling the Odeon chain", "get when it sold the stadium", "receive from the sale of its stake")
_LOSING = frozenset({"lost", "lose", "loses", "losing"})
# Units of money: "how many dollars" asks an amount, not a count of things
_MONEY_UNITS = frozenset("""dollars euros pounds yen yuan cents pence rupees roubles rubles francs pesos won baht
                            ringgit rand dinars riyals marks krona kronor""".split())


def _named_count(text: str, how_many: re.Match[str] | None, named: set[str]) -> str:
    """The plural counted after a name "how many" reads first ("how many ABN Amro jobs" -> "jobs"), or ""."""
    if how_many is None or not all(w.lower() in named for w in how_many.group(1).split()):
        return ""
    third = _THIRD_COUNTED.match(text, how_many.end())
    word = third.group(1).lower() if third else ""
    return "" if word in QUESTION_WORDS or word in ("does", "has", "was", "is") else word  # ("how many tube lines does")


_TITLES = r"Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Professor|Prof"
_TITLED = re.compile(rf"\b(?:{_TITLES})\b")
_FIRM = re.compile(r"\b(?:the|its)\s+(?:firm|company|group|bank|airline|carrier|retailer|maker|giant|"
                   r"business|chain|insurer|operator|network|broadcaster)\b|^(?:It|Its|The firm|The company)\b")


# Two named before, referred to together: "against the pair", "the two men were charged"
_THE_PAIR = re.compile(r"\bthe\s+(?:pair|duo|two\s+(?:men|women|executives|bosses|brothers|traders|managers))\b", re.I)
TITLE_WEIGHT = 0.8  # a sentence in an article whose title names the entity


@dataclass(frozen=True, slots=True)
class Focus:
    entities: tuple[str, ...] = ()  # name keys of the store's entities the question names
    display: tuple[str, ...] = ()  # the same, as the store writes them
    role: tuple[str, ...] = ()  # role words of a "who" question ("commerce", "minister")
    measure: str = ""  # the wanted measure ("profit", "deficit", "price"...)
    direction: str = ""  # "rise" or "fall" when the question asks for one
    years: tuple[str, ...] = ()
    counterpart: tuple[str, ...] = ()  # "with China": parties or names after with/to/from
    counterpart_asked: bool = False  # "from which firm …?": the other party is what is asked, so none is another's
    quarter: bool = False  # the question asks about a quarter
    quarter_no: str = ""  # which one, when it says: "first", "fourth" ("Q1", "first-quarter")
    subperiod: bool = False  # the question asks about a month, a quarter, a half
    per_share: bool = False  # a price of one share (or of one thing: `each`) asked
    each: bool = False  # a price of one thing asked ("for each 7E7", "per plane")
    total: bool = False  # a total asked ("in total", "altogether"): an amount a month or a plane is not it
    at_once: bool = False  # a sum paid at once asked ("straight away", "up front"): the whole sum is not it
    count_noun: tuple[str, ...] = ()  # "how many B2B meetings" -> ("b2b", "meetings")
    entity_articles: frozenset[str] = field(default_factory=frozenset)
    aliases: tuple[tuple[str, ...], ...] = ()  # per entity: other keys naming it ("ba", "cadbury")
    months: tuple[str, ...] = ()  # month names asked about ("october")
    why: bool = False  # a question about causes
    successor: bool = False  # "who will replace / succeed …": the current holder is not the answer
    noun: str = ""  # a wanted thing no measure names: "ICBC's bad loans" -> "bad loans"
    settling: bool = False  # a settlement may answer: one is asked about, or a payment for nothing bought
    lending: bool = False  # the question asks about a loan or a debt
    excluded: tuple[str, ...] = ()  # names set aside ("apart from SARS, what else …"): what they did is not asked
    rate_of: str = ""  # what a rate asked is of ("tax" of "corporate tax rate"): "cutting corporate tax to 29%" gives it
    spending: bool = False  # a sum spent is asked: what is invested answers it ("spend on doing up" / "invest $48m in")
    charged: bool = False  # what a thing cost its own firm is asked ("what did its restructuring cost it?"): a charge
    whole_year: bool = False  # "for the full year", "annual": a quarter or a month is not the answer
    deed: str = ""  # "who owns Gerrard?" -> "owns": the act a "who" question asks the doer of (not a role held)
    forecast: bool = False  # a forecast of a year is asked as the question's own verb ("what is X forecasting for 2005?")
    expected: bool = False  # what had been expected is asked ("how many job losses had been expected?"), not the outcome
    expected_figure: bool = False  # … as a figure named first ("what growth rate had forecasters pencilled in …?")
    adjusted: str = ""  # "raw" ("before seasonal adjustment", "unadjusted") or "adjusted" ("seasonally adjusted")
    priced: str = ""  # the thing whose cost is asked: "how much will bmw's crossover cost" (or "sell for") -> "crossover"

    @property
    def attribute(self) -> str:
        """The wanted attribute in words, for "…, but no <attribute>"."""
        if self.role:
            return " ".join(self.role)
        if self.measure and self.priced and self.spending:
            article = "" if self.priced.endswith("ing") else "the "  # ("no spending on advertising")
            return f"spending on {article}{self.priced}"  # ("no spending on the campaign")
        if self.measure == "price" and self.spending:
            return "spending"  # ("how much had GSK spent developing …?": "no spending", not "no price")
        if self.measure and self.priced.endswith("s") and not self.priced.endswith("ss"):
            return f"{self.measure} for the {self.priced} {self.direction}".strip()  # ("no price for the blocks")
        if self.measure == "wages" and self.direction:
            return {"fall": "pay cut", "rise": "pay rise"}.get(self.direction, "pay")  # (not "no wages fall")
        if self.measure:
            return f"{self.priced} {self.measure} {self.direction}".strip()
        if self.count_noun:
            return "count of " + " ".join(self.count_noun)
        if self.noun:
            return f"{self.noun} {self.direction}".strip()
        return ""

    # ---- matching a sentence ----------------------------------------------------------------
    def entity_score(self, sentence: Sentence, article: Article) -> float:
        """1 when every focus entity is in the sentence; less when only its article names them."""
        if not self.entities:
            return 1.0
        text = sentence.text.lower()
        title = article.title.lower()
        total = 0.0
        for i, (key, shown) in enumerate(zip(self.entities, self.display)):
            party = country_of(shown)
            names = (key, shown.lower()) + (self.aliases[i] if i < len(self.aliases) else ())
            if (_mentions_any(text, names) or (party and party in parties_in(sentence.text))
                    or self.short_named(i, sentence.text, article) or self.misspelt(i, sentence.text, article)):
                total += 1.0
            elif _mentions_any(title, names) or (party and party in parties_in(article.title)):
                # the article is about it; "It suffered a net loss…" speaks of it as much as a naming sentence
                total += 1.0 if _FIRM.search(sentence.text) else TITLE_WEIGHT
            elif article.id in self.entity_articles:  # the store's name index says the article names it
                # ("… against the pair": the two people the story named, the question names them too)
                total += 1.0 if len(self.entities) >= 2 and _THE_PAIR.search(sentence.text) else 0.5
        return total / len(self.entities)

    def misspelt(self, i: int, text: str, article: Article) -> bool:
        """Whether `text` names entity `i` with one letter dropped, added or swapped ("Santa
        Monica-based Activison" in a story that spells Activision right elsewhere): reporters slip,
        and the slip should not hide the sentence. Only in a story the name index ties to the entity,
        and only for a one-word name of eight letters or more, where one slip makes no other name."""
        if article.id not in self.entity_articles or i >= len(self.display):
            return False
        name = self.display[i]
        if len(name) < 8 or not name.isalpha():
            return False
        from rapidfuzz.distance import OSA
        for word in _CAPITALISED.findall(text):
            if (word[0] == name[0] and abs(len(word) - len(name)) <= 1 and word != name
                    and OSA.distance(word.lower(), name.lower(), score_cutoff=1) <= 1):
                return True
        return False

    def short_named(self, i: int, text: str, article: Article) -> bool:
        """Whether `text` calls entity `i` by the first word of its name alone in a story that names
        it in full ("said Aston's chief executive" in a report on Aston Martin): news gives the full
        name once, then the short one. Not when another capitalised word follows ("Aston Villa"). A name
        ending in a word like "Act" or "Fund" is called by it after "The" ("The Act comes into force …")."""
        if article.id not in self.entity_articles or i >= len(self.display):
            return False
        words = [w for w in self.display[i].split() if w.lower() not in ("of", "the", "and", "&")]
        if len(words) < 2:
            return False
        if _TITLED.search(text) and re.search(rf"\b(?:{_TITLES})\.?\s+{re.escape(words[-1])}(?![\w&])", text):
            return True  # a person, after the full name, is "Dr Taylor", "Mr Cherkasky"
        last = words[-1]
        if last[:1].isupper() and last.lower() in _NAME_HEADS and re.search(
                rf"\b[Tt]he\s+{re.escape(last)}(?!\s+(?:of\b|[A-Z]))(?![\w&'’-])", text):
            return True  # "The Act comes into force …" in a story on the Sarbanes-Oxley Act
        first = words[0]
        if (len(first) < 4 and not first.isupper()) or not first[:1].isupper() or country_of(first):
            return False
        for m in compiled(rf"(?<![\w&]){re.escape(first)}(?:['’]s)?(?![\w&])").finditer(text):
            after = re.match(r"\s+([A-Z][\w&'’-]*)", text[m.end():])
            if after and re.sub(r"['’]s?$", "", after.group(1)).lower() != words[1].lower():
                continue  # another name that starts the same way
            return True
        if len(words) == 2 and last[:1].isupper() and len(last) >= 4 and last.lower() not in _FIRM_WORDS and compiled(
                rf"(?<![\w&]){re.escape(last)}['’]s?\s+[a-z]").search(text) and first not in text:
            return True  # "the approval of Hardie's shareholders" in a report on James Hardie
        return False

    def names_of(self, i: int) -> tuple[str, ...]:
        return (self.entities[i], self.display[i].lower()) + (self.aliases[i] if i < len(self.aliases) else ())

    def person_linked(self, fact: Fact, sentence: Sentence, article: Article) -> bool:
        """Whether a person fact's role is a role at the focus entity ("BA chairman", "chief executive"
        in an article about the firm, "chief executive of Fiat Auto"), not at some other body."""
        if not self.entities:
            return True
        role = str(fact.attrs.get("role") or "").lower()
        text = sentence.text.lower()
        title = article.title.lower()
        for i in range(len(self.entities)):
            names = self.names_of(i)
            if _mentions_any(role, names):
                return True
            raw = _DESCRIBED_PLACE.sub("", str(fact.attrs.get("role") or ""))  # ("the North Carolina-based bank")
            others = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"[A-Za-z][\w&'’.-]*", raw)
                      if w.lower() not in ROLE_WORDS and w.lower() not in _QUALIFIERS and w[0].isupper()
                      and w.lower() not in ("for", "of", "and", "the", "its")]
            if others and all(any(w.lower() in n.split() for n in names) and not country_of(w) for w in others):
                return True  # "McCready chairman" for Hollis & McCready: a part of the entity's own name
            if others:
                continue  # "Nissan chairman": a role at another body
            if any(compiled(rf"\b(?:of|at)\s+(?:the\s+)?{re.escape(n)}\b").search(text) for n in names):
                if _mentions_any(text, (fact.value.lower(),)):
                    return True
            if any(re.search(rf"\b{re.escape(n)}(?:['’]s)?\s+(?:[a-z-]+\s+){{0,2}}{re.escape(role)}\s+"
                             rf"{re.escape(fact.value.lower())}\b", text) for n in names if role):
                return True  # "ISM survey chairman Norbert Ore": the body named just before the role
            if _mentions_any(title, names):
                return True  # "chief executive Tom Glocer" in an article about Reuters
            if titled_after(sentence, article, names):
                return True  # "Director Hugues Brand says …" after sentences on the firm
            if (_GENERIC_ROLE_OWNER.match(role) or _FOR_THE_FIRM.search(role)) and _mentions_any(
                    article.body[max(0, sentence.start - 300):sentence.start].lower(), names):
                return True  # "Judy Bell, the company's founder, said …" just after a sentence naming the firm
        return False

    def titled_after(self, sentence: Sentence, article: Article, shown: Sequence[str]) -> bool:
        """Whether a sentence opening with a bare title and a name follows sentences naming every entity whose
        display is in `shown` (`titled_after`): "Boss Henk Addink blames …" after sentences on Huisman Itrec."""
        return all(titled_after(sentence, article, self.names_of(i)) for i, d in enumerate(self.display) if d in shown)

    def price_each_in(self, text: str) -> bool:
        """Whether `text` gives an amount for one share or one thing ("31p a share", "570 rupees apiece"), as a
        question asking a price each (`per_share`) wants."""
        return bool(_PER_SHARE.search(text) or _EACH_SAID.search(text))

    def measure_in(self, text: str, facts: Sequence[Fact] = ()) -> bool:
        if not self.measure:
            return True
        if self.measure == "market share":
            return bool(_MARKET_SHARE_SAID.search(text))  # ("an increase in market share" gives no share of it)
        words = MEASURES.get(self.measure, frozenset({self.measure}))
        for fact in facts:
            measure = str(fact.attrs.get("measure") or "").lower()
            if self.measure == "price" and _SHARE_PRICE.search(measure):
                continue  # (a figure read as a share price is no price paid)
            if measure and set(re.findall(r"\w+", measure)) & words:
                return True
        if self.measure == "price" and (self.each or self.per_share) and (
                _EACH_SAID.search(text) or _PER_SHARE.search(text)):
            return True  # a price each asked: "900 rupees per tonne", "at $120m each", "for 11-14 euros a share" give
            # one, however worded
        if self.measure == "rate" and self.rate_of and re.search(
                rf"\b{re.escape(self.rate_of)}\b[^.;]{{0,40}}?\d[\d.]*\s*(?:%|per\s?cent)", text, re.I):
            return True  # "the corporate tax rate": "cutting corporate tax from 30% to 29%"
        if self.measure == "savings" and _COSTS_CUT.search(text):
            return True  # "would be able to cut costs by selling Rossignol skis": money saved, in other words
        if self.measure == "price" and self.charged and _CHARGE_SAID.search(text):
            return True  # "… also led to a $337m hit in the fourth quarter": what the restructuring cost the firm
        if self.measure == "price" and self.spending and _INVESTED.search(text):
            return True  # "how much will it spend on the hotel?": "plans to invest $48m in renovating it"
        if self.measure == "investment" and _MONEY_PUT.search(text):
            return True  # "has pumped $300m into its Polish unit": money put in, however worded
        if self.measure == "price" and _SOLD_FOR.search(text):
            return True  # "The sale of the 33% stake to Spain's Ferrovial for £146m": what it went for is its price
        if self.measure == "bonus" and re.search(r"\bpay-offs?\b", text, re.I):
            return True  # ("pay-off", written with its hyphen)
        if self.measure == "stake" and _STAKE_WORDED.search(text):
            return True  # "agreed to buy 33% of Changyu", "25% owned by Richard Branson": a stake, unnamed
        if self.measure == "unemployment" and _OUT_OF_WORK.search(text):
            return True  # "young people … with 37% out of work", "the unemployed"
        if self.measure == "growth" and self.display and not any(country_of(d) for d in self.display) and (
                _SALES_ROSE.search(text)):
            return True  # "how much did its mail order division grow?": a business grows by its sales
        if self.measure in ("shares", "share price") and any(
                re.search(rf"\b{re.escape(name)}\s+(?:shares\s+)?{_MOVED_BY}", text, re.I)
                for i in range(len(self.entities)) for name in self.names_of(i) if not country_of(name)):
            return True  # "In London, Corus fell 2.2% to 55.57 pence": a listed firm's move is its shares'
        if self.measure in ("shares", "share price") and _OWN_STOCK.search(text):
            return True  # "The company's currently traded stock tumbled …": its shares, called stock
        if self.measure == "profit":
            text = _PERSON_EARNED.sub(" ", text)  # "she earned more than $1m a year": her pay, no firm's profit
        lower = text.lower()
        # (the patterns below only where their words are: this runs for every sentence ranked)
        if self.measure == "price" and ("payment" in lower or "cost" in lower):
            # "halving its dividend payment to 17 cents" is a dividend, "to cut costs" a saving
            lower = _COSTS_CUT.sub(" ", _OTHER_PAYMENT.sub(" ", lower))
        if self.measure == "price" and "share price" in lower:
            lower = _SHARE_PRICE.sub(" ", lower)  # "upped its target for Carnival's share price": no price paid
        if self.measure == "proceeds" and "rais" in lower:
            lower = _RAISED_LEVEL.sub(" ", lower)  # "raise the output of Hiran field": a level lifted, no money raised
        return bool(set(re.findall(r"[a-z]+", lower)) & words)

    def role_in_text(self, text: str) -> str:
        """Whether a sentence gives the asked role with its qualifier ("match": "economy minister
        German Gref" for Russia's economy minister), only the same kind of role with another qualifier
        ("other": "natural resources minister Yuri Trutnev"), or neither (""). A capitalised word
        before the role is taken for its holder's body ("Fed chairman"), not another qualifier."""
        heads = [w for w in self.role if w in ROLE_WORDS and w not in ROLE_SYNONYMS and w not in _ROLE_PREFIXES]
        if not heads:
            return ""
        head = heads[-1]
        wanted = [w for w in self.role if w != head and w not in _ROLE_PREFIXES and w not in ("of", "for", "the")]
        if not wanted or head not in text.lower():
            return ""
        found = ""
        for m in re.finditer(rf"\b{re.escape(head)}(s?)\b", text, re.I):
            words = _role_qualifiers(text, m.start(), m.end(), head)
            if m.group(1):
                found = found or ("other" if words and not all(any(w[:5] == q[:5] for w in words) for q in wanted)
                                  else "")
                continue  # "finance ministers" are no one person's post
            if all(any(w[:5] == q[:5] for w in words) for q in wanted):
                return "match"
            if words:
                found = "other"
        return found

    def role_of(self, fact: Fact) -> bool:
        """Whether a person fact holds the role asked about."""
        if not self.role:
            return True
        role = str(fact.attrs.get("role") or "").lower()
        if not role:
            return False
        wanted = [w for w in self.role if w not in ("of", "for", "the")]
        for word in _NOT_THE_ROLE:
            if compiled(rf"\b{word}\b").search(role) and word not in wanted:
                return False  # a deputy chief executive is not the chief executive asked about
        for word in wanted:
            options = ROLE_SYNONYMS.get(word, frozenset({word}))
            if not any(compiled(rf"\b{re.escape(o)}").search(role) for o in options):
                if word in ROLE_WORDS or not _qualifier_ok(word, role):
                    return False
        return True

    def scope_conflict(self, text: str, article: Article | None = None, before: str = "") -> str:
        """Why a sentence's scope does not fit the question ("" when it fits). `before` is the sentence before it,
        which may give the period it goes on about ("… profit in the three months to 31 December was 120m euros.
        Sales climbed to 364m euros")."""
        whole = text
        text = _COMPARED.sub(" ", text)  # "compared with a loss of 984m euros in 2003" is not the scope
        lower = text.lower()
        if self.years:
            found = set(_YEAR.findall(text))
            if found and not (found & set(self.years)) and not (set(_YEAR.findall(whole)) & set(self.years)) and not (
                    _BASELINE.search(whole) and any(str(int(y) - 1) in self.years for y in found)):
                # (asked about 2003, "… 3bn in 2004, compared with 1.4bn in 2003" gives it as the baseline, and
                # so does "… halved in 2004 to $200m from $400m": the year before's figure)
                return ANOTHER_YEAR
            if len(found) > 1 and self.measure and not (
                    (self.forecast or not _FORECAST.search(text)) and any(_figure_of_year(text, y) for y in self.years)):
                # (unless a figure is given for the asked year itself: "grow by 4.3% in 2005 and 4.2% in 2006"; a
                # forecast of it answers only a forecast asked: "… is expected to rise to about $150bn for 2004")
                nearest = self._nearest_years(text)
                if nearest and not (nearest & set(self.years)):
                    return ANOTHER_YEAR
            if not found and article is not None and _FOR_THE_YEAR.search(lower):
                # "Exports for the year rose by 14%" in a story opening with "… to grow by 4.2% in 2004": the
                # story's year, not 2003 (which only its later sentences name)
                opening = set(_YEAR.findall(opening_sentence(article.body)))
                if opening and not opening & set(self.years):
                    return STORY_YEAR
        if self.months:
            found_months = {m.lower() for m in _MONTH.findall(_COMPARED_MONTH.sub(" ", text))}
            in_title = article is not None and {m.lower() for m in _MONTH.findall(article.title)} & set(self.months)
            said = {m.lower() for m in _MONTH.findall(whole)}  # "15.7% in October, down from 23% in February"
            if found_months and not (found_months & set(self.months)) and not in_title and not (said & set(self.months)):
                return "another month"
            if not ((found_months | said) & set(self.months)) and not _FOR_THE_MONTH.search(lower) and (
                    _RELATIVE_YEAR.search(lower) or _WHOLE_YEAR.search(lower) or _WHOLE_OF_YEAR.search(lower)):
                return "the whole year, not the month"  # ("the jobless rate average for the whole of 2004")
            if not ((found_months | said) & set(self.months)) and not _FOR_THE_MONTH.search(lower) and (
                    _NTH_QUARTER.search(lower)) and not self.quarter:
                return "a quarter, not the month"  # ("grew 4.2% in the final quarter", asked of October)
            if not ((found_months | said) & set(self.months)) and article is not None and (
                    other := _relative_month(lower, article.published)) and other not in self.months:
                return "another month"  # ("grew just 0.2% last month" in a story of December, asked of October)
        if set(_YEAR.findall(text)) & set(self.years) or _ANNUAL_SAID.search(lower):
            # "In November, Barclays forecast an 8% fall … in 2005"; "In July, Diageo … reported an annual turnover
            # of £8.89bn": the month dates the report of a year's figure
            lower = _SAID_WHEN.sub(" ", lower, count=1)
        if not self.quarter and (self.years or self.whole_year) and not self.subperiod and _SUBPERIOD.search(lower) \
                and not _WHOLE_YEAR.search(lower) and not _ANNUAL_OF_YEAR.search(lower):
            # ("$63.8bn in December, taking the annual total to …"; "revised the annual 2004 rate … from the 5.9%
            # estimated in November": the month dates an estimate of the year)
            return PART_OF_YEAR
        if self.expected and not _EXPECTATION.search(_THAN_EXPECTED.sub(" ", text) if self.expected_figure else text):
            # (a figure expected: an outcome "slower than forecast" gives no figure anyone forecast)
            return "the outcome, not what was expected"
        if self.adjusted:
            said = _adjustment(text)
            if said and said != self.adjusted:
                return "adjusted, not unadjusted" if said == "adjusted" else "unadjusted, not adjusted"
        if self.quarter_no and (said_no := _quarters_said(lower)) and self.quarter_no not in said_no and not (
                _SOME_QUARTER.search(lower)):
            # ("sales in the fourth quarter rose 9%", "in the July to September period", asked of another quarter; but
            # "for the final three months of 2004 - up from … but below its third quarter" may well give the one asked)
            return "another quarter"
        if self.quarter and not _QUARTER.search(lower) and not (
                _QUARTER.search(before) and not _YEAR.search(_SAME_PERIOD.sub(" ", text)) and not _SUBPERIOD.search(lower)
                and not _WHOLE_YEAR.search(lower)):
            return NOT_THE_QUARTER
        if not self.per_share and self.measure in ("price", "") and _PER_SHARE.search(lower):
            return "a price per share"
        if not self.per_share and self.measure in _TOTALS and _PER_HEAD.search(lower) and not self._total_given(lower):
            return "an amount each, not the total"  # "a profit share worth £52 each" is no annual profit
        if not self.per_share and self.measure == "proceeds" and _PER_SHARE.search(lower):
            return "a price each, not the total raised"  # "sell the new shares priced at 9 euro cents each"
        if self.per_share and self.measure == "price" and not (_PER_SHARE.search(lower) or _EACH_SAID.search(lower)):
            return "a total, not a price each"
        if self.at_once and self.measure in ("price", "fine", "proceeds", "") and not AT_ONCE.search(lower):
            return "the whole sum, not what is paid at once"  # "agreed to pay $2bn", asked what Fiat gets straight away
        if self.total and not self.per_share and _RATE_SAID.search(lower) and not _TOTAL_SAID.search(lower):
            return "an amount a month or each, not the total"  # "has cost it 1bn CFA francs a month"
        if self.measure == "price" and not self.lending and _LOAN.search(lower) and not _SOLD_FOR.search(lower):
            # (a sale's price beside the debts it pays off is still the price: "The sale … for £146m is a lifeline
            # to Jarvis, which was weighed down by debts …")
            return "a loan, not a price"
        if self.measure == "price" and not self.settling and _SETTLING.search(lower):
            return "a settlement, not a price"
        if self.measure and self.measure not in _NO_COUNTERPART and not self.counterpart_asked:
            asked = {c.lower() for c in self.counterpart}
            words = MEASURES.get(self.measure, frozenset({self.measure}))
            for m in compiled(r"\b(" + "|".join(sorted(words)) + r")\b\s+(?:\w+\s+){0,2}?(?:with|to|from)\s+"
                              r"(?:the\s+)?([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)").finditer(text):  # ("to AT&T shareholders")
                if text[m.end(2) : m.end(2) + 1] == "$":
                    continue  # "profits to A$67.7m", "to HK$6.31bn": a currency, not a counterpart
                if m.group(2).lower() not in asked and name_key(m.group(2)) not in self.entities:
                    return f"with {m.group(2)} only"
        return ""

    def _total_given(self, lower: str) -> bool:
        """Whether the asked measure is given as a total beside an amount each: "forecasts 2005 revenue of
        $4.2bn … and earnings of $1.48 per share" (a sum in millions or billions right after its word)."""
        words = "|".join(sorted(MEASURES.get(self.measure, frozenset({self.measure}))))
        return bool(re.search(rf"\b(?:{words})\s+(?:of|was|were|is|are|to|at|reached|totalled|came\s+to)?\s*"
                              rf"(?:[a-z]{{1,3}})?[$£€¥]?\s?\d[\d,.]*\s?(?:bn|m|billion|million)\b", lower))

    def _nearest_years(self, text: str) -> set[str]:
        """For each mention of the wanted measure, the year written closest to it ("losses in
        2003 ... profits for 2004 and its 2005 profit forecasts" -> {"2003", "2004", "2005"})."""
        words = MEASURES.get(self.measure, frozenset({self.measure}))
        spots = [m.start() for m in re.finditer(r"[a-z]+", text.lower()) if m.group() in words]
        years = [(m.start(), m.group()) for m in _YEAR.finditer(text)]
        if not spots or not years:
            return set()
        return {min((abs(p - s), y) for p, y in years)[1] for s in spots}

    def scope_named(self, text: str, article: Article, asks_past: bool = True) -> bool:
        """For a synthesised figure: the sentence names the period asked about (or its article's
        title does), holds no other year beside it, and reports rather than forecasts."""
        text = _COMPARED.sub(" ", text)
        years = set(_YEAR.findall(text))
        if self.years:
            if years - set(self.years):
                return False  # "$124bn in 2003 ... $150bn for 2004": which figure is whose is unclear
            if not years and not (set(_YEAR.findall(article.title)) & set(self.years)) and not _RELATIVE_YEAR.search(text):
                return False
        if self.months:
            named = {m.lower() for m in _MONTH.findall(text)} | {m.lower() for m in _MONTH.findall(article.title)}
            if not (named & set(self.months)):
                return False
        if asks_past and _FORECAST.search(text):
            return False
        return True

    def direction_of(self, text: str, facts: Sequence[Fact] = ()) -> str:
        """"rise", "fall" or "" for the sentence's change of the wanted measure."""
        changes = {str(f.attrs.get("change")) for f in facts if f.type == "figure" and f.attrs.get("change")
                   and (not self.measure or self.measure_in(str(f.attrs.get("measure") or "")))}
        if len(changes) == 1:
            return changes.pop()
        return _worded_direction(text, self.measure)


@functools.lru_cache(maxsize=4096)
def _worded_direction(text: str, measure: str) -> str:
    """`Focus.direction_of` read from the words alone, kept per sentence and measure (the ranking asks it of
    the same sentence many times)."""
    text = _COMPARED.sub(" ", text)  # "compared with a loss of 10.8bn kronor in 2003": the baseline
    rise, fall = list(_RISE.finditer(text)), list(_FALL.finditer(text))
    if not measure and bool(rise) != bool(fall):
        return "rise" if rise else "fall"
    if not rise and not fall:
        return ""
    # both: the direction word nearest to the measure word ("a drop in profit ... higher costs")
    words = MEASURES.get(measure, frozenset({measure})) if measure else frozenset()
    spots = [m.start() for m in _WORD.finditer(text.lower()) if m.group() in words]
    if not spots:
        return ""
    best = min(((abs(m.start() - s), kind) for kind, ms in (("rise", rise), ("fall", fall))
                for m in ms for s in spots))
    return best[1] if best[0] <= 60 else ""


_WORD = re.compile(r"[a-z]+")


_POSSESSED = re.compile(r"['’]s?\s+((?:[a-z][a-z-]+\s+){0,2}?[a-z][a-z-]{3,})\s+(\w+)")
_NOT_NOUNS = frozenset("new old own latest first last total next main big biggest".split())


_COSTED = re.compile(r"\b(?:how much|(?:at\s+)?what price)\s+(?:will|would|did|does|do|is|was|has|have|could|might)\s+"
                     r"(?:the\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){0,4}?[a-z][a-z-]{2,})\s+(?:cost|costs|sells?\s+for|"
                     r"retails?\s+(?:for|at)|be\s+(?:sold|priced)\s+(?:for|at))\b", re.I)


# "charge" as the question's verb, asking a price ("what does X charge (for Y)?"), not a charge someone faces
_CHARGES = re.compile(r"\b(?:does|do|did|will|would|can|could)\s+(?:[\w'’-]+\s+){1,5}?charge\b\s*(?:for\b|per\b|a\s+(?:tonne|barrel|"
                      r"unit|head|month|year|minute)\b|[?.!]|$)", re.I)  # (… "charge per tonne")


# "how much was the Benin project that Titan was working on worth?", "what will Ford's Mariner hybrid cost?", "how
# much did Nissan pay Toyota for its hybrid technology?": the thing priced, asked in other words
_WORTH = re.compile(r"\bhow\s+much\s+(?:is|was|are|were)\s+(?:the\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){0,4}?[a-z][a-z-]{2,})"
                    r"(?:\s+(?:that|which)\s+[^?]*?)?\s+worth\b", re.I)
_WHAT_COST = re.compile(r"^\s*(?:and\s+)?what\s+(?:will|would|does|did|do|could|might)\s+(?:the\s+|a\s+|an\s+)?"
                        r"((?:[\w'’-]+\s+){0,4}?[a-z][a-z-]{2,})\s+cost\s*\??\s*$", re.I)  # (not "… cost the economy")
_PAID_FOR = re.compile(r"\bhow\s+much\s+(?:more\s+)?(?:did|does|do|will|would|has|have|had)\s+[^?]{1,60}?\b(?:pay|paid|spend|spent)\s+"
                       r"(?:[\w'’&.-]+\s+){0,3}?for\s+(?:(?:its|their|his|her|the|a|an)\s+)?((?:[\w'’-]+\s+){0,3}?[a-z][a-z-]{2,})"
                       r"\s*\??\s*$", re.I)
_SPENT_ON = re.compile(r"\bhow\s+much\s+(?:is|are|was|were|will|would|does|do|did|has|have|had)\s+[^?]{1,60}?\b"
                       r"(?:spend|spends|spending|spent)\s+on\s+(?:(?:its|their|his|her|the|a|an)\s+)?"
                       r"((?:[\w'’-]+\s+){0,3}?[a-z][a-z-]{2,})(?:\s+(?:last|this|next|in|during|over|a|per|each)\b[^?]*)?"
                       r"\s*\??\s*$", re.I)  # ("… spending on its ad campaign?", "… spend on advertising last year?")
_SIZED = re.compile(r"\bhow\s+(?:big|large)\s+(?:a|an)\s+([a-z][a-z-]{2,})\b", re.I)  # ("how big a bribe …?")
# What is bought whole when it is paid for (a sum paid for these is the deal's price, whatever the sentence calls it)
_BOUGHT_WHOLE = frozenset("""stake stakes shares share holding holdings company companies firm firms business businesses unit
    units division divisions group subsidiary assets asset rights licence licences license licenses contract contracts
    brand brands operations operation arm plant plants factory site""".split())


def _priced(text: str, measure: str, name_words: set[str]) -> str:
    """The thing a "how much will X cost" question asks the price of, when it is a thing and not the
    firm, a deal or a purchase ("bmw's crossover" -> "crossover", "the balkan oil pipeline" -> "pipeline"); a name
    before it is part of it ("ford's mariner hybrid" -> "mariner hybrid": any hybrid's price is not the Mariner's)."""
    if measure != "price":
        return ""
    m = _COSTED.search(text) or _WORTH.search(text) or _WHAT_COST.search(text) or _SIZED.search(text)
    paid = m is None and (_PAID_FOR.search(text) or _SPENT_ON.search(text))
    m = m or paid
    if not m:
        return ""
    words = [re.sub(r"['’]s?$", "", w.lower()) for w in m.group(1).split()]
    head = words[-1]
    if (head in name_words or head in _NOT_NOUNS or head in QUESTION_WORDS or head in _MEASURE_OF
            or any(head in words for words in MEASURES.values())
            or head in ("it", "they", "this", "that", "itself", "themselves") or (paid and head in _BOUGHT_WHOLE)):
        return ""
    # the name just before it is part of the thing ("ford's mariner hybrid"); the possessor is whose it is, and
    # a name further off says where ("the balkan oil pipeline": a sentence on "a $1.2bn oil pipeline" prices it)
    before = m.group(1).split()[-2] if len(words) > 1 else ""
    if before and not re.search(r"['’]s?$", before) and before.lower() in name_words and not parties_in(before.title()):
        return f"{before} {head}"
    return head


def thing_in(thing: str, text: str) -> bool:
    """Whether `text` names the thing (or its plural: "pipeline", "pipelines"), and the name it is asked by
    ("mariner hybrid": the Mariner and a hybrid)."""
    return all(re.search(rf"\b{re.escape(word)}(?:s|es)?\b", text, re.I) for word in thing.split())


_AMOUNT = (r"(?:[$£€¥]\s?\d[\d.,]*\s*(?:m|bn|million|billion|trillion)?|\d[\d.,]*\s*(?:m|bn|million|billion|trillion)?"
           r"\s*(?:euros?|dollars?|pounds?|yen|yuan|rupees?))")


def priced_amount(thing: str, text: str) -> bool:
    """Whether a sum of money stands right before the priced thing: "a $1.2bn oil pipeline"."""
    return bool(thing) and bool(re.search(rf"{_AMOUNT}\s+(?:\([^()]{{1,30}}\)\s+)?(?:[\w-]+\s+){{0,3}}?{re.escape(thing)}(?:s|es)?\b",
                                          text, re.I))  # (a sum in another currency may stand between: "$325m (£170m) contract")


def _possessed(text: str, display: Sequence[str]) -> str:
    """What the question asks of the entity when no measure names it: the words after its
    possessive, up to the verb ("How much did ICBC's bad loans rise?" -> "bad loans")."""
    for shown in display:
        i = text.lower().find(shown.lower())
        if i < 0:
            continue
        m = _POSSESSED.match(text, i + len(shown))
        if not m:
            continue
        words = m.group(1).split()
        follows = m.group(2).lower()
        if words[-1] in _NOT_NOUNS or words[-1] in QUESTION_WORDS:
            continue
        if _RISE.fullmatch(follows) or _FALL.fullmatch(follows) or follows in QUESTION_WORDS or follows in (
                "worth", "total", "reach", "reached", "amount", "stand", "stood", "come", "came"):
            return " ".join(words)
    return ""


# A sentence opening with a bare title and a name ("Director Hugues Brand says …", "Boss Henk Aalders blames …"):
# in a feature, the head of the firm the story has just introduced
_TITLED_OPENER = re.compile(r"^(?:Director|Managing director|Boss|Chief executive|Chairman|Chairwoman|President|"
                            r"Founder|Owner|Head|Chief)\s+[A-Z][a-z][\w'’-]*\s+[A-Z][\w'’-]+")
_OPENER_REACH = 3  # how many sentences back the firm may have been named


def titled_after(sentence: Sentence, article: Article, names: Sequence[str]) -> bool:
    """Whether a sentence opens with a bare title and a name right after sentences naming the firm (one of
    `names`), so the title is a post at that firm, as "the firm" or "it" would refer back to it."""
    if not _TITLED_OPENER.match(sentence.text):
        return False
    before = article.body[max(0, sentence.start - 1200):sentence.start]
    recent = " ".join(re.split(r"(?<=[.!?])\s+", before.strip())[-_OPENER_REACH:]).lower()
    return mentions_any(recent, names)


_GLUE = r"(?:(?:and|of|the|for|&)\s+){0,2}"


def is_acronym(word: str) -> bool:
    """Three to six capital letters ("SEC", "ODPM"): a name that may be spelt out elsewhere (`spelled_out`)."""
    return 3 <= len(word) <= 6 and word.isalpha() and word.isupper()


def spelled_out(acronym: str, texts: Sequence[str]) -> str:
    """The name an acronym of three or more capitals stands for in these texts: the capitalised run whose
    initials spell it ("Securities and Exchange Commission" for SEC, "Office of the Deputy Prime Minister"
    for ODPM), written at least twice or once just before "(ACRONYM)"; "" when none is."""
    if not is_acronym(acronym):
        return ""
    words = [rf"{c}[a-z][\w-]*" for c in acronym]  # ("Minister's": the name, then its possessive)
    run = re.compile(r"(?<![\w'’-])" + words[0] + "".join(rf"\s+{_GLUE}{w}" for w in words[1:]) + r"(?![\w-])")
    seen: dict[str, int] = {}
    for text in texts:
        for m in run.finditer(text):
            weight = 2 if re.match(rf"\s*\(\s*{acronym}\s*\)", text[m.end():]) else 1
            seen[m.group()] = seen.get(m.group(), 0) + weight
    best = max(seen.items(), key=lambda kv: kv[1], default=("", 0))
    return best[0] if best[1] >= 2 else ""


# "how many job losses had been expected?", "what had analysts expected?": an expectation set against the outcome
# A forecast asked of a year as the question's own verb ("what profit is X forecasting for 2005?", "what growth does
# the IMF predict for 2006?"); not an expectation reported as past ("had been expected")
_FORECAST_ASKED = re.compile(r"\b(?:is|are|was|were|has|have|does|do|did)\s+(?:[\w'’&.-]+\s+){0,3}?(?:forecasting|"
                            r"forecast|predicting|predict|projecting|project|expecting|expect)\s+(?:for|in)\b", re.I)
_EXPECTED_ASKED = re.compile(r"\bhad\s+(?:been\s+)?(?:[\w'’-]+\s+){0,4}?(?:expected|forecast|predicted|anticipated|"
                             # ("what growth had forecasters pencilled in …?", "… had economists been predicting …?")
                             r"estimated|pencilled\s+in|penciled\s+in|predicting|expecting|forecasting)\b", re.I)
# (`_FORECAST` without its modal verbs: "would" or "may" in a sentence reports no expectation someone had)
_EXPECTATION = re.compile(r"\b(?:expect\w*|forecast\w*|predict\w*|anticipat\w*|estimat\w*|consensus|pencilled in|"
                          r"projected|had been looking for|had hoped)\b", re.I)
# a question naming the figure it asks before the expectation: "what annual growth rate had forecasters …", "how much …"
_FIGURE_FIRST = re.compile(r"\s*(?:and\s+)?(?:(?:what|which)\s+(?:[\w'’-]+\s+){0,3}?(?:rate|growth|figure|level|price|"
                           r"profits?|rise|fall|increase|drop)|how\s+(?:much|many))\s+(?:[\w'’-]+\s+){0,3}?had\b", re.I)
_THAN_EXPECTED = re.compile(r"\b(?:than|as)\s+(?:had\s+been\s+|was\s+)?(?:expected|forecast|predicted|anticipated)\b",
                            re.I)
_RAW = re.compile(r"\b(?:unadjusted|non-seasonally[- ]adjusted|not\s+(?:seasonally\s+)?adjusted|before\s+(?:seasonal\s+)?"
                  r"adjustments?|without\s+(?:seasonal\s+)?adjustments?|raw\s+(?:[a-z-]+\s+)?(?:figures?|data|numbers?|count|total))\b", re.I)
_ADJUSTED = re.compile(r"\b(?:seasonally[- ]adjusted|adjusted\s+for\s+(?:the\s+)?season(?:al)?|"
                       r"after\s+seasonal\s+adjustments?)\b", re.I)


def _asked_adjustment(text: str, contrast: re.Match[str] | None) -> str:
    """The adjustment a question asks for: said before what it sets against, or the other one than that ("the raw
    count, rather than the seasonally adjusted rise"; "…, rather than the seasonally adjusted figure?" asks raw)."""
    if contrast is None:
        return _adjustment(text)
    asked = _adjustment(text[: contrast.start()])
    if asked:
        return asked
    return {"adjusted": "raw", "raw": "adjusted"}.get(_adjustment(text[contrast.start():]), "")


def _adjustment(text: str) -> str:
    """"raw" when a text gives an unadjusted figure, "adjusted" when a seasonally adjusted one, else "" (both: the
    first said)."""
    raw, adjusted = _RAW.search(text), _ADJUSTED.search(text)
    if raw and adjusted:
        return "raw" if raw.start() <= adjusted.start() else "adjusted"
    return "raw" if raw else ("adjusted" if adjusted else "")


def mentions_any(text: str, names: Sequence[str]) -> bool:
    """Whether lower-cased `text` names any of `names` as whole words."""
    return _mentions_any(text, names)


FIRM_SUBJECT = _FIRM  # "It", "the firm", "the company": the article's own subject


def _mentions_any(text: str, names: Sequence[str]) -> bool:
    for name in names:
        if name and name in text and _name_pattern(name).search(text):
            return True
    return False


@functools.lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word (kept compiled: the names of many questions outgrow the `re` module's own cache)."""
    return re.compile(rf"(?<![\w&]){_REGION_OF.get(name, '')}{re.escape(name)}(?![\w&])")


# The last word of a name that, capitalised after "the", stands for the whole of it: "the Act", "the Fund"
_NAME_HEADS = frozenset("act bill treaty agreement accord fund bank commission authority agency board exchange "
                        "council court union".split())
# Words naming the kind of firm a name is, after the words of its own: "Signature Bank", "Harbour Group"
FIRM_KIND_WORDS = frozenset("bank group airlines airways motors holdings corporation corp insurance stores".split())
# The last words of firms' names that other firms share: "Deutsche Bank's", "Royal Mail's" call no one firm
_FIRM_WORDS = _NAME_HEADS | FIRM_KIND_WORDS | frozenset("""banks motor air inc plc international energy oil gas steel
telecom media capital securities foods mail post power partners systems industries electric petroleum mining brands
finance financial markets network networks united city national global world""".split())
# A move by a percentage, as a market report gives a listed firm's ("fell 2.2%", "lost 2.5%", "down 3.4%")
_MOVED_BY = (r"(?:(?:fell|rose|lost|gained|dropped|slid|slipped|climbed|jumped|added|shed|sank|tumbled|surged|"
             r"falling|rising|losing|gaining|dropping|sliding|slipping|climbing|jumping|adding|shedding|"
             r"(?:was|were|closed|ended)\s+(?:down|up)|down|up)\s+(?:by\s+)?\d[\d.]*\s*(?:%|per\s?cent\b))")
_CAPITALISED = re.compile(r"(?<![\w&'’-])[A-Z][a-z]{6,}(?![\w&])")

# "America" (the US) and "Africa" are not named by "Latin America" or "South Africa": other places
_REGION_OF = {name: r"(?<!latin )(?<!south )(?<!north )(?<!central )" for name in ("america", "africa")}


def _mentions(text: str, key: str, shown: str) -> bool:
    if key in text or shown.lower() in text:
        return bool(re.search(rf"(?<![\w&]){re.escape(key)}(?![\w&])", text)
                    or re.search(rf"(?<![\w&]){re.escape(shown.lower())}(?![\w&])", text))
    return False


def _other_subject(text: str, key: str) -> bool:
    """Whether the sentence names some other organisation or person (a capitalised run after its start)."""
    runs = re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", text)
    return any(name_key(r) != key for r in runs)


# Words that open a role rather than narrow it ("chief executive", "vice president"): the role's head
# is the last other role word.
_ROLE_PREFIXES = frozenset("chief deputy vice general managing prime".split())
# Words before a role that say when or how, not which role ("the new chief executive")
_ROLE_GENERIC = frozenset("new current present top senior acting interim incoming outgoing former then now "
                          "permanent joint sole departing retiring".split())
# What opens a noun phrase before a role's qualifiers: "Russia's economy minister", "the finance director"
_ROLE_OPENERS = frozenset("the its their his her a an our your".split())
_ROLE_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*|[^\w\s]")


def _role_qualifiers(text: str, start: int, end: int, head: str) -> list[str]:
    """The words narrowing a role word in a sentence, lower-cased: up to three before it ("natural
    resources minister"; not its holder's body "Fed chairman", nor a country "Russian") and, for a
    minister or a secretary, the portfolio after "for"/"of" ("Minister for Commerce")."""
    before = _ROLE_TOKEN.findall(text[max(0, start - 60):start])
    words: list[str] = []
    for i, token in enumerate(reversed(before)):
        lower = token.lower()
        first = i == len(before) - 1 and start - 60 <= 0  # the sentence's first word
        if (not token[:1].isalpha() or lower in FUNCTION_WORDS or lower in _ROLE_GENERIC or lower in _ROLE_OPENERS
                or re.search(r"['’]s?$", token) or country_of(token) or len(words) >= 3):
            break
        if token[:1].isupper() and not first and lower not in _QUALIFIERS and lower not in ROLE_WORDS:
            break  # "Fed chairman", "BA chief executive": whose role it is
        if lower not in ROLE_WORDS:
            words.append(lower)
    if head in ("minister", "secretary", "commissioner"):
        after = re.match(r"\s+(?:for|of)\s+((?:[A-Za-z][\w-]*\s*(?:,|and|&)?\s*){1,3})", text[end:])
        if after:
            words += [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", after.group(1)) if w.lower() != "and"
                      and not country_of(w)]
    return words


def _qualifier_ok(word: str, role: str) -> bool:
    """"commerce" in "Minister for Commerce"; "trade" in "Trade Minister"; stems for plurals."""
    stem = word[:5]
    return stem in role


def _asked_qualifiers(text: str, name_words: set[str]) -> set[str]:
    """Words of a question narrowing the role it asks about, in a noun phrase before the role word:
    "who is Russia's natural resources minister" -> {"natural", "resources"} (opened by a possessive,
    "the", or the body's name: "the SEC's chief accountant", "BP finance director")."""
    tokens = re.findall(r"[A-Za-z][A-Za-z'’&-]*", text)
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if token.lower() not in ROLE_WORDS:
            continue
        run: list[str] = []
        j = i - 1
        while j >= 0 and tokens[j].lower() in ROLE_WORDS:
            j -= 1  # "chief accountant": the role's own words
        while j >= 0 and len(run) < 3:
            lower = tokens[j].lower()
            if (re.search(r"['’]s?$", lower) or lower in _ROLE_OPENERS or lower in name_words or lower in QUESTION_WORDS
                    or lower in _ROLE_GENERIC or lower in ROLE_WORDS or country_of(tokens[j]) or country_of(tokens[j].title())):
                break
            run.append(lower)
            j -= 1
        if not run or j < 0:
            continue
        opener = tokens[j].lower()
        if re.search(r"['’]s?$", opener) or opener in _ROLE_OPENERS or opener in name_words or country_of(
                tokens[j].title()):
            found.update(run)
    for m in re.finditer(r"\b(?:(?:head|director|chief)\s+of|heads|headed|directs|directed)\s+([a-z]{4,})\b", text, re.I):
        if m.group(1).lower() not in name_words and m.group(1).islower():
            found.add(m.group(1).lower())  # "head of exploration", "who heads exploration": a department's head
    return found


_ROLE_VERBS = {"chairs": "chair", "chaired": "chair", "heads": "head", "headed": "head", "runs": "boss",
               "run": "boss", "ran": "boss", "leads": "head", "lead": "head", "led": "head", "founded": "founder",
               "directs": "director", "directed": "director"}
# "who is / was / will … / runs …" ask for a role's holder; any other verb after "who" asks who did it.
_NOT_DEEDS = frozenset({"is", "was", "are", "were", "will", "would", "has", "have", "had", "does", "did", "do", "can",
                        "could", "should", "may", "might", "must", "shall", "said", "says", "say", "else", "exactly",
                        "now", "currently", "then", "also", "actually", "really", "s", "re", "at", "in", "from", "of",
                        "to", "for", "with", "on", "about", "whose", "and", "or", "the", "a", "an", "else's",
                        # who spoke: whoever is quoted answers ("who gave those figures?": "…, said Mr Takenaka")
                        "spoke", "speaks", "commented", "comments", "warned", "warns", "added", "adds", "gave",
                        "gives", "announced", "announces", "told", "tells", "explained", "argued", "claimed",
                        "claims", "predicted", "predicts", "called", "calls", "noted", "notes", "stated", "quoted"}
                       | set(_ROLE_VERBS))


# "who is left out of …?", "who was charged …?": an act done to someone, which the sentence naming them must say
_DONE_TO = frozenset("left excluded exempted exempt barred banned spared charged accused sacked fired ousted sued "
                     "fined arrested jailed convicted cleared".split())


# "who runs the passenger-only trains …?": things run are operated, by a firm as often as a person; no boss is asked
_OPERATED = re.compile(r"^\s*(?:and\s+)?who\s+(runs|ran|run)\s+the\s+(?:[a-z-]+\s+){0,2}?[a-z]{2,}[^s\W']s\b(?!\s+of\b)")


def _operated(text: str) -> str:
    """The verb of "who runs the trains …?" (things run, in lower case), else ""."""
    m = _OPERATED.match(text)
    return m.group(1) if m else ""


def _deed(text: str) -> str:
    """The verb of "who owns / bought / sued …" (lower case), "" when the question asks for a role's holder."""
    m = re.match(r"\s*(?:and\s+)?who\s+([a-z]+)\b", text, re.I)
    verb = m.group(1).lower() if m else ""
    if verb in ("is", "was", "are", "were") and m:
        done = re.match(r"\s+(?:being\s+)?([a-z]+)\b", text[m.end():], re.I)
        if done and done.group(1).lower() in _DONE_TO:
            return done.group(1).lower()  # "who is left out of the amnesty?": the one it is done to
    if verb in ("is", "was"):  # "who is the president there who signed the deal?": the act of the clause after
        clause = re.search(r"\bwho\s+([a-z]+)\b", text[m.end():], re.I) if m else None
        verb = clause.group(1).lower() if clause else verb
    if not verb or verb in _NOT_DEEDS or not (verb.endswith(("s", "ed")) or verb in _IRREGULAR_FORMS):
        return ""
    return verb


_OWN_ADJECTIVE = re.compile(r"\b(?:my|our|your|his|her|its|their|whose|one's)\s+own\b", re.I)


def _deed_stems(deed: str) -> tuple[str, ...]:
    """The stems a word of the asked act begins with, in any of its forms ("bought": "bought", "buy")."""
    wanted = set(stems(deed))
    return tuple(wanted | {o for stem in wanted for o in _FORMS.get(stem, ())})


def does_deed(deed: str, text: str) -> bool:
    """Whether a sentence says the act a "who" question asks about, in any form ("owns": "owned", "the
    owner of"; not "our own thinking"), or its converse ("who bought …": "the state sold a majority stake to …")."""
    wanted = _deed_stems(deed)
    if any(w.startswith(wanted) for w in stems(_OWN_ADJECTIVE.sub(" ", text))):
        return True
    if set(wanted) & _WROTE and _WRITTEN_BY.search(text):
        return True  # "who wrote the report …?": "… the report, out on Wednesday, by the former Dutch prime minister …"
    return bool(set(wanted) & _BOUGHT) and _SOLD_TO.search(text) is not None


_BOUGHT = frozenset(stems("buy bought buys buying"))
_WROTE = frozenset(stems("write wrote writes written writing author authored draft drafted"))
# a piece of writing and its writer: "the report … by the former Dutch prime minister Wim Kok", "drawn up by" (not
# "the report published by …", "commissioned by …": who put it out or asked for it)
_WRITTEN_BY = re.compile(r"\b(?:(?:report|study|paper|review|book|letter|article|survey|memo)s?\b"
                         r"(?:[^.;]|\.(?=\d)){0,60}?(?<!ed\s)|(?:written|drawn\s+up|drafted|authored|compiled)\s+)"
                         r"by\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,5}?[A-Z]")
_SOLD_TO = re.compile(r"\b(?:sold|sells|sell|selling)\b[^.;]{0,60}?\bto\b", re.I)


def did_deed(deed: str, text: str, name: str) -> bool:
    """Whether a sentence makes `name` the doer of the act asked about: "<name> (has) bought …" or
    "… bought by (…) <name>", not "bought by the Barclay twins, having been owned by Conrad Black"."""
    wanted = _deed_stems(deed)
    tokens = re.findall(r"[\w'’-]+", _OWN_ADJECTIVE.sub(" ", text))
    words = [(stems(t) or [t.lower()])[0] for t in tokens]
    last = name.split()[-1].lower() if name.split() else ""
    at = [i for i, t in enumerate(tokens) if re.sub(r"['’]s?$", "", t).lower() == last]
    for d, w in enumerate(words):
        if not w.startswith(wanted):
            continue
        for i in at:
            if d - 6 <= i < d and not any(t.lower() in ("by", "from") for t in tokens[i + 1:d]):
                return True  # "Malcolm Glazer, who bought …", "Hollinger has bought …"
            if d < i <= d + 8 and "by" in (t.lower() for t in tokens[d + 1:i]) and not any(
                    t.lower() in ("having", "previously", "formerly", "before") for t in tokens[d + 1:i]):
                return True  # "… was bought by the tycoon Philip Green"
    return False


_IRREGULAR_FORMS = frozenset(form for forms in IRREGULAR_VERBS for form in forms[1:] if form != "sales")
_SUCCESSOR = re.compile(r"\b(replace[sd]?|replacing|succeed[s]?|successor|next|new|will|become|becomes|"
                        r"appointed|named|take over|takes over|step down|quit)\b", re.I)


_FIRST_WORDS: weakref.WeakKeyDictionary[Lexicon, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def _starting_with(lexicon: Lexicon, word: str) -> list[str]:
    """The lexicon's names of several words that start with `word` (built once per lexicon)."""
    index = _FIRST_WORDS.get(lexicon)
    if index is None:
        index = {}
        for name in lexicon.names:
            head, _, rest = name.partition(" ")
            if rest:
                index.setdefault(head, []).append(name)
        _FIRST_WORDS[lexicon] = index
    return index.get(word, [])


def _within(lexicon: Lexicon, name: str, key: str) -> bool:
    """Whether a stored name occurs only in articles that name the entity `key` too (a part of it,
    a product of it: never a rival for its short name)."""
    where = lexicon.articles_of(name)
    return bool(where) and set(where) <= set(lexicon.articles_of(key))


def _named_in(lx: Lexicon, key: str, words: Sequence[str]) -> set[str]:
    """The articles naming an entity in full or by a word of its name that is a name itself
    ("Scottish and Newcastle (S&N)" for Scottish & Newcastle)."""
    found = set(lx.articles_of(key))
    for w in words:
        if len(w) > 2 and lx.is_name(w.lower()) and not lx.mostly_lower(w.lower()) and not country_of(w):
            found.update(lx.articles_of(w.lower()))
    return found


def _aliases(key: str, shown: str, lexicons: Sequence[Lexicon]) -> tuple[str, ...]:
    """Other names the store uses for an entity: initials ("British Airways" -> "BA", "Johnson &
    Johnson" -> "J&J") and a distinctive first word ("Cadbury Schweppes" -> "Cadbury")."""
    words = [w for w in shown.split() if w.lower() not in ("of", "the", "and")]
    found: list[str] = []
    if len(words) >= 2:
        joiner = "&" if "&" in words else ""
        initials = joiner.join(w[0] for w in words if w != "&").lower()
        if any(lx.is_name(initials) and set(lx.articles_of(initials)) & _named_in(lx, key, words) for lx in lexicons):
            found.append(initials)  # (only initials some story uses beside the name: "GM" is no Group Menatep)
        joined = "".join(w.lower() for w in words)  # "Time Warner" -> "TimeWarner"
        if any(lx.is_name(joined) for lx in lexicons):
            found.append(joined)
        first = words[0].lower()
        acronym = words[0].isupper() and len(words[0]) >= 2  # "WMC Resources" -> "WMC"
        if ((len(first) >= 4 or acronym) and not country_of(words[0]) and any(lx.is_name(first) for lx in lexicons)
                and not any(lx.mostly_lower(first) for lx in lexicons)
                and not any(not k.startswith(key) and not _within(lx, k, key) for lx in lexicons
                            for k in _starting_with(lx, first))):
            # not when other stored names start with it: "Deutsche" is not Deutsche Telekom (but
            # "Aston DB9", named only where Aston Martin is, is its car, not another Aston)
            found.append(first)
    return tuple(found)


# The part of a question that gives a cause or a time: "how much did Delta's shares rise after the fare
# cuts?" asks about a rise; the cuts are what it followed
_CAUSE_TAIL = re.compile(r"(?<=\w)\s+(?:after|following|because|amid|despite|since|when|as a result of|on the back of|"
                         r"due to|thanks to|in the wake of)\b.*$", re.I | re.S)


def _plain_direction(text: str) -> str:
    rise, fall = bool(_RISE.search(text)), bool(_FALL.search(text))
    return "rise" if rise and not fall else "fall" if fall and not rise else ""


# "raise" with nothing raised after it is raising money, no rise: "how much did the share offer raise?"
_FUNDRAISING = re.compile(r"\b(?:raise|raised|raises|raising)\b(?=\s*(?:[?.!]|$|(?:from|in|through|by|with|at|on|"
                          r"for|during|last|this|when)\b))", re.I)
# ... and asked with "how much" before it, the money raised is the measure, not the shares sold: "how much
# does nasdaq hope to raise from selling its own shares"
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.I)


_HYPHENED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


# A change reported with the figure it started from ("to 70 cents from 55 cents a year earlier")
_BASELINE = re.compile(r"\bfrom\s+(?:a\s+)?(?:revised\s+)?(?:[$£€]|[A-Z]{1,3}\$)?\d|\b(?:a|one)\s+year\s+(?:earlier|before)\b",
                       re.I)
# A clause set off after a comma that dates or contrasts what is asked ("…'s dividend for 2003, before the
# increase?", "… trade worth in 2003, before the peace dividend?", "…, as opposed to the headline PMI?"):
# its words say when or against what, never which measure or which way
_AFTERTHOUGHT = re.compile(r",\s*(?:(?:the|a)\s+(?:year|month|quarter|day|week)\s+)?(?:just\s+)?(?:before|after|"
                           r"as\s+opposed\s+to|as\s+against|as\s+distinct\s+from|rather\s+than|unlike|compared\s+(?:with|to)|not)\b.*$", re.I | re.S)


# A whole firm's value asked, whatever price each the question reaches it by: "what would a bid at the price Fosters
# paid per share value Southcorp at?" (not "value each share at")
_VALUATION_ASKED = re.compile(r"\bvalue\s+(?!(?:each|every|one|a|per)\b)(?:[\w'’&.-]+\s+){1,3}?at\b", re.I)
# The other party of a deal as what is asked: "from which firm did Fosters buy …?", "who did it sell the unit to?"
_COUNTERPART_ASKED = re.compile(r"\b(?:from|to|with)\s+(?:which|what|whom)\b|"
                                r"^\s*(?:and\s+)?(?:who|whom)\b[^?]*\b(?:from|to|with)\s*\??\s*$", re.I)


_EXCEPT = re.compile(rf"\b(?:{SET_ASIDE})\s+"
                     r"((?:(?!(?:also|did|does|do|has|have|had|is|are|was|were|will|would|can|could|what|which|who|"
                     r"how|that|why|when|where)\b)[^,?;])+)", re.I)


# "rate" as the verb of a how-question's subject: "how does Gref rate the country's state companies?"
_RATE_AS_VERB = re.compile(r"\bhow\s+(?:highly\s+|well\s+|badly\s+)?(?:does|do|did|would|will)\s+(?:[\w'’&.-]+\s+){1,8}?"
                           r"rate\s+(?:the|its|their|his|her|these|those|this|that|(?-i:[A-Z]))", re.I)


# What a rate is "of": "the annual rate of house price inflation" is a rate of inflation
_RATE_OF_WORD = re.compile(r"\brates?\s+of\s+(?:[\w-]+\s+){0,3}?(inflation|unemployment|joblessness|interest|tax|"
                           r"return)\b", re.I)
# Words before "rate" that say which reading of it, not what it is of ("the annual rate")
_RATE_READING = frozenset("annual yearly monthly quarterly average current new overall headline official".split())


def _rate_of(text: str) -> str:
    """The word a rate asked is of: "tax" of "South Africa's corporate tax rate", "inflation" of "the annual rate of
    house price inflation", "" for a bare "rate"."""
    m = re.search(r"\b([a-z]+)\s+rates?\b", text, re.I)
    word = m.group(1).lower() if m else ""
    if (of := _RATE_OF_WORD.search(text)) and (not word or word in _RATE_READING):
        return of.group(1).lower()
    return "" if word in FUNCTION_WORDS or word in QUESTION_WORDS or word in ("growth", "exchange") else word


def _figure_of_year(text: str, year: str) -> bool:
    """Whether a figure is written for the year itself: "4.2% in 2006", "2.8% in both 2005 and 2006"."""
    return bool(re.search(rf"\d(?:[\d.,]*\d)?\s*(?:%|per\s*cent|bn|m|billion|million)?\s+(?:in|for|during)\s+"
                          rf"(?:both\s+)?(?:(?:19|20)\d\d\s+and\s+)?{re.escape(year)}\b", text, re.I))


def afterthought(text: str) -> str:
    """The trailing clause that dates or contrasts what is asked (`_AFTERTHOUGHT`: "…, as against the roughly 50%
    it actually achieves"), or ""."""
    m = _AFTERTHOUGHT.search(text)
    return m.group() if m else ""


def words_set_against(text: str) -> set[str]:
    """The stems the trailing clause setting something against what is asked says and the question proper does not
    ("how many staff …, not counting the jobs that might go offshore?" -> "job", "offshor", …)."""
    tail = afterthought(text)
    return set(stems(tail)) - set(stems(main_clause(text))) if tail else set()


# A trailing source: "…, according to the report on WMC's profits?" says where the answer is told, not what is asked
_SOURCE_TAIL = re.compile(r",\s*according\s+to\b[^,?]*(?=\?|$)", re.I)


# A trailing condition: "what could Paion be valued at if its shares price at the top of the range?" asks a value;
# the shares only say when it would hold (but "if car sales are left out" narrows what is asked)
_CONDITION = re.compile(r"(?<=\w)\s*,?\s+(?:if|unless|provided|assuming)\s+(?!.*\b(?:left|taken|stripped)\s+out\b|.*\bexclud)"
                        r"(?:\w+\s+){1,}.*$", re.I | re.S)


# A trailing event the asked fact follows: "what will Baoshan charge per tonne after its 10% price increase?" asks
# a price, not the increase
_AFTER_EVENT = re.compile(r"(?<=\w)\s+(?:after|following)\s+(?:its|their|his|her|the)\s+(?:[\w%.-]+\s+){0,3}"
                          r"(?:increase|rise|cut|fall|drop|rises|cuts|falls|hike|hikes|reduction)\b.*$", re.I | re.S)


# "what" as the subject of a verb whose object is a measure ("what could defray the cost …?", "what will push up
# prices?"): the thing acting on it is asked, not its amount
_WHAT_ACTS_ON = re.compile(r"\s*(?:and\s+)?what\s+(?:could|would|will|might|can|may|should)\s+(?!be\b|have\b|do\b)[a-z]+"
                           r"(?:\s+(?:up|down|off))?\s+(?:the|its|their|this|that)\s+(?:[a-z]+\s+)?(?:cost|costs|price|"
                           r"prices|bill|deficit|loss|losses|debt|debts)\b", re.I)
# A person earning: pay, not a profit ("… employed the wife of a director, and that she earned more than $1m a year")
_PERSON_EARNED = re.compile(r"\b(?:he|she|who)\s+(?:\w+\s+)?(?:earn|earns|earned|earning)\b", re.I)
# A currency asked ("in what currency …", "which currency …"): what a thing is counted in, not its amount
_CURRENCY_ASKED = re.compile(r"\b(?:what|which)\s+currenc(?:y|ies)\b", re.I)

# Where a market left a price: "… did the shares end the day?", "… closed"
_TRADED_AT = re.compile(r"\b(?:end|ended|ends|close|closed|closes|finish|finished|finishes|stand|stood|trade|traded|"
                        r"open|opened)\b", re.I)
# A trailing purpose: "by what percentage did Wal-Mart cut its prices to lift its December sales?" asks the price cut;
# the sales it was meant to lift are why, not what is measured
_PURPOSE = re.compile(r"(?<=\w)\s+(?:in\s+order\s+|so\s+as\s+)?to\s+(?:lift|boost|raise|increase|revive|spur|stem|"
                      r"stop|halt|win|attract|offset|shore\s+up|prop\s+up)\s+(?:its|their|his|her|the|a|an)\b.*$",
                      re.I | re.S)


# where a thing comes from, asked: "what should current government spending come from?"
_SOURCE_OF_ASKED = re.compile(r"\bwhat\s+(?:should|does|did|will|would|must|could|can|is|are)\s+(?:[\w'’-]+\s+){1,5}?"
                              r"(?:come|be\s+paid|be\s+funded|be\s+financed)\s+(?:out\s+)?(?:from|of)\b", re.I)


# what money is to buy, asked: "what is the extra US foreign aid meant to pay for?", "what will the loans help pay?"
_PAID_FOR_ASKED = re.compile(r"^\s*(?:and\s+)?(?:what|which)\b.*(?:\bpay\s+for|\bhelp\s+(?:to\s+)?pay)\s*\??\s*$", re.I)


def main_clause(text: str) -> str:
    """The question without a trailing clause dating or contrasting it (`_AFTERTHOUGHT`) or an opening clause
    contrasting it (`CONTRAST_HEAD`), setting a condition (`_CONDITION`), naming a change it follows (`_AFTER_EVENT`)
    or a purpose (`_PURPOSE`), and, when it asks which person said something, without what was said
    (`_SPEAKER_ASKED`)."""
    text = _PURPOSE.sub("", _AFTER_EVENT.sub("", _CONDITION.sub("", _AFTERTHOUGHT.sub("", CONTRAST_HEAD.sub("", text)))))
    said = _SPEAKER_ASKED.match(text)
    return text[:said.end("verb")] if said else text


# Words for a person described by a role in "which …" questions ("which Troika Dialog analyst …", "which of
# Bakrie's deputies …"): the group is the role word
_WHICH_PERSON = (r"which\s+(?:of\s+[\w'’]+\s+)?(?:[\w'’&.-]+\s+){0,4}?(analyst|economist|executive|lawyer|official|"
                 r"deput(?:y|ie)|spokes(?:man|woman|person)|minister|director|chairm[ae]n|manager|banker|trader|"
                 r"strategist|prosecutor|judge|commissioner|governor|founder|worker|employee|member|secretary|attorney|"
                 r"journalist|reporter|correspondent|editor|(?<!\bthe\s)chief)s?\b")  # ("which Shell finance chief …")
WHICH_PERSON = re.compile(rf"\b{_WHICH_PERSON}", re.I)
# "which of Bakrie's deputies said Indonesia was still weighing the offer?", "who said …": a speaker is asked;
# what was said is how the question finds the sentence, not a measure
_SPEAKER_ASKED = re.compile(rf"\s*(?:and\s+)?(?:who|{_WHICH_PERSON}(?:\s+(?:in|at|from|of|with)\s+[\w'’&.-]+)?)\s+"
                            rf"(?:\w+ly\s+)?(?P<verb>said|says|told|"
                            r"(?:did\s+(?:[\w&.'’-]+\s+){1,3})?quoted?\s+as\s+saying|"
                            r"suggested|argued|warned|called|described|commented|predicted|claimed|insisted|thinks|"
                            r"thought|believes|believed)\b", re.I)


# "up" that is part of a verb or a limit, not a rise: "if the offer is taken up", "set up", "signed up",
# "up to 100 jobs", "up for sale"
_NOT_UP = re.compile(r"\b(?:take|takes|took|taken|taking|set|sets|setting|sign|signs|signed|signing|make|makes|made|"
                     r"making|end|ends|ended|snap|snapped|buy|buys|bought|draw|draws|drew|drawn|team|teamed|shore|"
                     r"shored|open|opens|opened|opening|split|give|gives|gave|given|giving|back|backed|line|lined|"
                     r"tie|tied|hold|holds|held|holding|wind|winds|wound|winding|do|does|did|doing|done|fix|fixes|fixed|fixing|"
                     r"spruce|spruced|sprucing|weigh|weighs|weighed|weighing|drum|drums|drummed|drumming|"
                     r"sum|sums|summed|summing|free|frees|freed|freeing)\s+up\b|\bup\s+(?:to|for|front)\b|"
                     r"\b(?:fall|falls|fell|fallen|falling)\s+(?:under|within|foul\s+of)\b|"  # ("fall under the Act")
                     # ("before dropping it": a thing given up, nothing falling)
                     r"\b(?:drop|drops|dropped|dropping)\s+(?:it|them)\b", re.I)


def _direction_asked(text: str) -> str:
    """"rise" or "fall" when the question asks for one: said in its main clause, else anywhere in it. A
    change word inside a hyphenated compound describes a thing, it asks no change ("Softbank's cut-price
    phone service", "a low-cost carrier", "its up-front payment"); nor does "up" in "taken up", "set up"
    or "up to", nor "fall" in "fall under" the law (`_NOT_UP`)."""
    text = _NOT_UP.sub(" ", _HYPHENED.sub(" ", _FUNDRAISING.sub(" ", text)))
    head = _CAUSE_TAIL.sub("", text)
    if head != text and (_RISE.search(head) or _FALL.search(head)):
        return _plain_direction(head)
    return _plain_direction(text)


# An opening clause setting the time of what is asked: "even before the gas price rise, what had been …?"
_TIME_SETTING_HEAD = re.compile(r"^\s*(?:even\s+|long\s+|well\s+)?(?:before|after|since|until)\s+[^,?]{3,80},\s+"
                                r"(?=(?:which|what|who|whom|where|when|how|why)\b)", re.I)


# "what hurt UK exports?", "what set off WorldCom's troubles?", "what is behind the rise?": a cause asked
# as the subject of a verb of causing (general English; the verbs are those `causes` reads in answers)
_CAUSE_ASKED = re.compile(
    r"\s*(?:and\s+)?what(?:['’]s|\s+(?:has|have|had|is|was|were|are|might\s+have|could\s+have)|"
    # ("what did analysts say caused …?", "what do economists think drove …?")
    r"\s+(?:did|do|does)\s+(?:[\w'’-]+\s+){1,5}?(?:say|said|think|believe|argue|claim|suggest)(?:s)?)?"
    r"(?:\s+(?:reportedly|actually|really|finally|first|mainly|originally|ultimately))?\s+(?:"  # ("what reportedly prompted …")
    r"caused|causes|cause|set\s+off|sets\s+off|triggered|triggers|prompted|prompts|drove|drives|driven|hurt|hurts|hit|hits|"
    r"knocked|knocks|boosted|boosts|lifted|lifts|pushed|pushes|led\s+to|leads\s+to|lies\s+behind|lay\s+behind|"
    r"(?:is|was|are|were)\s+behind|behind|explains|explained|fuelled|fueled|fuels|sparked|sparks|dented|dents|held\s+back|"
    r"holds\s+back|weighed\s+on|weighs\s+on|(?:been\s+)?blamed\s+for|gave|gives|spurred|forced|forces|damaged|underpinned|buoyed|dragged\s+down|"
    r"paved\s+the\s+way\s+for|cleared\s+the\s+way\s+for|set\s+the\s+stage\s+for|"
    # ("what did the CBI's economist say was nudging inflation higher?")
    r"(?:is|was|are|were|(?:(?:has|have|had)\s+)?been)\s+(?:nudging|pushing|driving|lifting|boosting|fuelling|fueling|"
    r"hurting|dragging|holding\s+back|weighing\s+on|hitting|denting|squeezing))"
    r"\b(?!\s+(?:to|of|on)\b)", re.I)


# "what reasons did Tucker give for …?", "what was mainly responsible for the fall?", "what is the reason
# for …?", "what got the economy growing?": a cause asked in other words than a verb of causing
_REASON_ASKED = re.compile(
    r"\s*(?:and\s+)?(?:"
    r"what\s+(?:(?:is|was|are|were)\s+(?:the\s+)?(?:\w+\s+)?|[a-z]+\s+)?reasons?\b(?!\s+to\b)|"
    r"what\s+(?:(?:is|was|are|were|has\s+been|had\s+been)\s+)(?:\w+ly\s+)?(?:responsible|to\s+blame)\s+for\b|"
    r"what\s+(?:(?:has|had|have)\s+)?got(?:ten)?\s+(?:[\w'’-]+\s+){1,4}?[a-z]+ing\b|"
    # "what did SBC and AT&T name as a main reason for combining?"
    r"what\s+(?:did|do|does|has|have|had)\s+[^?]{1,60}?\b(?:name|named|give|gave|given|cite|cited|see|saw)\s+as\s+"
    r"(?:a|the|their|its)\s+(?:\w+\s+)?(?:reasons?|cause|motive)\b|"
    # "what did Nike's chief credit with driving much of the quarter's growth?"
    r"what\s+(?:did|do|does|has|have|had)\s+[^?]{1,60}?\bcredit(?:ed|s)?\s+(?:with|for)\b|"
    # "what did Shepherdson blame the jump in producer prices on?"
    r"what\s+(?:did|do|does|has|have|had)\s+[^?]{1,40}?\bblamed?\s+[^?]{1,60}?\bon\s*\??\s*$|"
    # "what is said to be part of the impetus behind China's soaring exports?"
    r"what\s+(?:is|was|are|were|has\s+been)\s+(?:(?:said|thought|believed|seen)\s+to\s+be\s+)?(?:part\s+of\s+|much\s+of\s+)?"
    r"the\s+(?:main\s+|chief\s+|real\s+)?(?:impetus|driving\s+force|force|engine|motor|spur)\s+(?:behind|for)\b|"
    # … or "what did Heineken blame for the drop in its net income?"
    r"what\s+(?:did|do|does|has|have|had)\s+[^?]{1,40}?\bblamed?\s+for\b|"
    # "on what grounds has the AMF filed complaints over Vivendi's bond issue?"
    r"on\s+what\s+(?:grounds?|basis)\b|"
    # the means of a deed: "how are some staff said to have boosted their earnings?", "how was X able to beat Y?"
    r"how\s+(?:is|are|was|were|did|do|does|has|have|had)\s+[^?]{1,60}?\b(?:(?:said|thought|believed|alleged|"
    r"accused|reported)\s+to\s+have|able\s+to|manage[sd]?\s+to)\s+[a-z]+)", re.I)


# An opening "According to correspondents," names whose view is asked, before the question itself
SOURCE_HEAD = re.compile(r"^\s*(?:and\s+)?according\s+to\s+[^,?]{1,60},\s+(?=(?:which|what|who|whom|where|when|how|why)\b)",
                          re.I)


# "how much did X make?", "how much money does X make": what a firm makes, asked as a sum, is its profit
_HOW_MUCH_MADE = re.compile(r"\bhow\s+much\b(?:\s+money)?\s+(?:did|does|do|has|have|had|will|would|could)\s+"
                            r"(?:[\w'’&.-]+\s+){1,6}?(?:make|made|makes|making)\b(?!\s+(?:from|on|out|up)\b)", re.I)


def analyse_focus(query: Query, lexicons: Sequence[Lexicon], text: str | None = None) -> Focus:
    """The focus of `query` (text defaults to the query's), names recognised from `lexicons`."""
    text = text if text is not None else query.text
    lexicons = [lx for lx in lexicons if lx is not None]
    keys = find_names(text, lexicons, skip=ROLE_WORDS | _QUALIFIERS) if lexicons else []
    contrast = CONTRASTED.search(text)
    unset = text[: contrast.start()] if contrast else text  # what is asked, without what it is set against
    excluded: list[str] = []
    if contrast and keys:
        # "… meet Clara Furse, as opposed to Deutsche Boerse's boss?": the name set against is not asked about
        kept = find_names(text[: contrast.start()], lexicons, skip=ROLE_WORDS | _QUALIFIERS)
        if kept:
            # (and a sentence naming it says what is set against: "… the 12 Eurozone finance ministers on Monday")
            excluded += [k for k in keys if k not in kept]
            keys = [k for k in keys if k in kept]
    for m in _EXCEPT.finditer(text):
        # "apart from the Iraq war and SARS, what else hurt Lufthansa?": what is set aside is not asked about
        named = [k for k in find_names(m.group(1), lexicons, skip=ROLE_WORDS | _QUALIFIERS) if k in keys]
        if named and len(named) < len(keys):
            excluded += named
            keys = [k for k in keys if k not in named]
    display = []
    articles: set[str] = set()
    for key in keys:
        shown = next((lx.display[key] for lx in lexicons if key in lx.display), key)
        display.append(shown)
        for lx in lexicons:
            articles.update(lx.articles_of(key))
    words = [w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z][A-Za-z'’&-]*", text)]
    name_words = {w for k in keys for w in k.split()}
    how_many = _HOW_MANY.search(text)
    # the words counted, the question's own words left out ("investment firms" of "how many investment firms agreed …")
    counted_words = tuple(w.lower() for w in how_many.group(1).split()
                          if w.lower() not in QUESTION_WORDS and w.lower() not in ("and", "or")) if how_many else ()
    named_count = _named_count(text, how_many, name_words)  # ("how many ABN Amro jobs": jobs, the name is whose)
    role: list[str] = []
    deed = ""
    if query.kind == "person":
        deed = _deed(text) or _operated(text)
        # "the firm whose chief economist commented …" describes the firm; it asks for no chief economist
        described = {w.lower() for m in re.finditer(r"\bwhose\s+((?:[a-z]+\s+){0,2}[a-z]+)", text, re.I)
                     for w in m.group(1).split()} if deed else set()
        titled = False  # (a role word seen: a "who"/"which"/"that" after it opens a clause about the holder)
        # ("…'s chief executive, as opposed to the BBC business editor?": the role set against is not asked)
        asked_words = words if contrast is None else [w.lower().replace("’", "'") for w in re.findall(
            r"[A-Za-z][A-Za-z'’&-]*", text[: contrast.start()])]
        if deed and deed in _ROLE_VERBS:
            asked_words = [w for w in asked_words if w != deed]  # "who runs the trains?": whoever operates them
        for w in asked_words:
            if titled and w in ("who", "which", "that", "whom"):
                break  # "the crossrail spokesman who couldn't confirm the treasury money": no treasury spokesman
            if w in described:
                continue
            w = re.sub(r"'s?$", "", w)
            w = _ROLE_VERBS.get(w, w)
            titled = titled or w in ROLE_WORDS
            if w in name_words or w in QUESTION_WORDS or w in ("said", "say", "says"):
                continue
            if parties_in(w.title()) or parties_in(w.upper()):
                continue
            role.append(w)
        narrowing = _asked_qualifiers(text, name_words)
        # (a portfolio word far from the role word qualifies nothing: "which minister announced France's aid package
        # for its struggling wine industry?" asks for no industry minister)
        plain = [re.sub(r"'s?$", "", _ROLE_VERBS.get(w, w)) for w in asked_words]
        at = [i for i, w in enumerate(plain) if w in ROLE_WORDS]
        near = {w for i, w in enumerate(plain) if any(abs(i - j) <= QUALIFIER_REACH for j in at)}
        role = [r for r in role if r in ROLE_WORDS or (r in _QUALIFIERS and r in near) or r in narrowing]
        verbs = {_ROLE_VERBS[w] for w in asked_words if w in _ROLE_VERBS}
        if any(r not in verbs for r in role if r in ROLE_WORDS):
            role = [r for r in role if r not in verbs]  # "runs … as chief executive": the title named wins
        if not any(r in ROLE_WORDS for r in role) or role == ["executive"]:
            role = []  # ("which executive at NCB Stockbrokers said …?": any of the firm's people; a lone "executive"
            # names no post)
    measure = ""
    main = main_clause(_SOURCE_TAIL.sub("", text))  # (what is asked: no dating afterthought, no speaker's words, no
    # source: "…, according to the report on WMC's profits?" asks no profit)
    aside = _SET_ASIDE_HEAD.match(main) or _TIME_SETTING_HEAD.match(main)
    if aside:
        main = main[aside.end():]  # ("Besides lighter payroll growth in December, what did …?": no growth asked;
        # "even before the gas price rise, what had been fuelling resentment …?": no rise asked)
    if query.kind in ("figure", "general", "event", "date"):
        main = _TIME_SPENT.sub(" ", main)  # "did Fischer spend a month at the bank": time, not money
        main = _PRODUCED_OUTCOME.sub(" ", main)  # "hope the talks will produce a deal": no output
        main = _GAINS_AND_LOSSES.sub(" ", main)  # "swung between gains and losses": a market's moves, no loss asked
        main = _SURPLUS_THING.sub(" ", main)  # "how much surplus wine …": wine left over, no trade surplus
        main = _GOT_FOR.sub("paid", main)  # "how much had analysts expected Jarvis to get for its stake?": a price
        main = _WHO_CLAUSE.sub(" ", main)  # "… to lend to those who lost property?": the borrowers' loss is not asked
        main = _LOST_THING.sub(" ", main)  # "Bank of America's lost tapes": a thing gone missing, no loss or fall
        main = _COST_SAVING.sub(" savings ", main)  # "what yearly cost savings does it expect?": savings, no price
        main = _OWN_PAY.sub(r"\1 wages", main)  # "… agree to cut their pay?": wages, no price paid
        if not _HOW_MUCH.search(text) and not _SIZE_ASKED.search(text):
            main = _DEBT_DEAL.sub(" ", main)  # "who will take up Argentina's debt offer?": the offer's takers, no debt
        paying = bool(re.search(r"\b(pay|paid|paying|pays|spend|spent|cost|costs)\b",
                                _TIME_SPENT.sub(" ", _GOT_FOR.sub("paid", text)), re.I))
        counted = {named_count} if named_count else {w.lower() for w in how_many.group(1).split()} if how_many else set()
        measured = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’&-]*", _MEASURE_COMPOUND.sub(" ", main))]
        raising = _FUNDRAISING.search(main)  # (not "…, as against what it actually raised?": a yardstick)
        if raising and _HOW_MUCH.search(text, 0, raising.start()):
            measured = []
            measure = "proceeds"
        head = counted_words[-1] if counted_words else ""  # (the counted thing's own noun: "firms" of "investment firms")
        for i, w in enumerate(measured):  # (not "profit share", "price war": other things than the measure)
            if how_many and w not in counted:
                continue  # "how many attendants accepted the pay cut": a count, not a price (nor a loss)
            if how_many and not named_count and w != head and head not in _MEASURE_OF and _MEASURE_OF.get(w) != "jobs":
                continue  # "how many investment firms …": firms counted, the investment only says which
            if w in _GROW_VERBS and any(_MEASURE_OF.get(v, "growth") != "growth" for v in measured[i + 1:i + 4]
                                        if v not in name_words):
                continue  # "did it grow its sales": the sales, grown (a rise of them), not growth as a measure
            if w in _LOSING and re.match(r"\s*(?:and\s+)?(?:which|who)\b", text, re.I):
                continue  # "which clubs' deals has Umbro lost?": deals lost, no money lost
            if w in _MEASURE_OF and w not in name_words:
                if paying and measure == "price" and _MEASURE_OF[w] != "fine":
                    break  # "how much did X pay for its stake": the price, not the stake (but "pay in fines": a fine)
                if measure == "price" and _MEASURE_OF[w] == "shares" and _TRADED_AT.search(main):
                    measure = "share price"  # "at what price did Solidere shares end the day?": the shares' price
                    break
                measure = _MEASURE_OF[w]
                if measure != "price":
                    break
    if measure == "rate" and _RATE_AS_VERB.search(main):
        measure = ""  # "how does Gref rate the state companies?": a judgement of them asked, no rate
    if measure == "jobs" and how_many and not counted & {"jobs", "job", "posts", "positions"} and not _JOB_ASKED.search(
            _HOW_MANY.sub(" ", text)):
        measure = ""  # "how many UK workers aren't saving enough?": a count of people, no jobs
    if not measure and _MARKET_SHARE_ASKED.search(unset):
        measure = "market share"  # "what market share did chrysler reach in february?": a part of the market, as a figure
    if measure == "price" and _SHARE_PRICE.search(main):
        measure = "share price"  # "how high did X's share price go?": what its shares traded at, not a deal's price
    if not measure and query.kind in ("figure", "general") and _CHARGES.search(text):
        measure = "price"  # "what does the operator charge": a price
    if not measure and _HOW_MUCH_MADE.search(text):
        measure = "profit"  # "how much did Rank's Deluxe Media business make last year?": what it earned
    if not measure and _MONEY_PUT_IN.search(text):
        measure = "investment"  # "how much money is the EU putting into the pipeline?": what it invests
    if measure == "price" and query.kind == "date" and re.search(r"\b(?:pay|paid|pays|spend|spent)\b", main, re.I) and not (
            re.search(r"\b(?:price|prices|cost|costs)\b", main, re.I)):
        measure = ""  # "when did the institute pay the tax demand?": when it paid, no price asked
    if measure == "jobs" and _EMPLOYER_ASKED.match(text):
        measure = ""  # "which bank employs Ross Walker?": the employer, not a head count
    if _CURRENCY_ASKED.search(text):
        measure = ""  # "in what currency will Air China's shares be denominated?": the currency, no figure of shares
    if measure and _WHAT_ACTS_ON.match(text):
        measure = ""  # "what could defray the cost of rebuilding?": what acts on the cost is asked, not the cost
    if measure and _NAME_FOR_ASKED.match(text):
        measure = ""  # "what does John Snow call the US policy on the dollar's value?": a name for it is asked
    if measure and _SOURCE_OF_ASKED.search(main):
        measure = ""  # "what should current government spending come from?": where it comes from, no sum
    if measure == "price" and _PAID_FOR_ASKED.search(main):
        measure = ""  # "what is the extra foreign aid meant to pay for?": what the money buys, no price
    direction = "" if _EXPECTED_ASKED.search(text) else _direction_asked(main)  # (an expected rise: no rise reported)
    if measure in ("growth", "loss", "proceeds", "savings") or measure == "":
        direction = direction if measure == "" and query.kind == "figure" else ""
    counterpart = []
    for m in _COUNTERPART.finditer(text):
        counterpart.append(m.group(1))
        counterpart.extend(parties_in(m.group(1)))
    count_noun: tuple[str, ...] = ()
    if how_many:
        count_noun = counted_words
        third = _THIRD_COUNTED.match(text, how_many.end())
        if (len(count_noun) == 2 and len(count_noun[0]) > 3 and (count_noun[0].endswith("s") and not count_noun[0].endswith(
                "ss") or count_noun[0] in _IRREGULAR_PLURALS and not count_noun[1].startswith(("work", "employ")))
                and not count_noun[1].endswith("s")
                and _VERB_FOLLOWED.match(text, how_many.end())):
            count_noun = count_noun[:1]  # "how many judges sit on …", "how many people live in …": the plural is
            # counted, the word after is its verb (but "how many people work on …" counts workers)
        read = how_many.group(1).split()  # (the two words read, before question words are dropped: "new US")
        if named_count:
            count_noun = (named_count,)
        if third and len(read) == 2 and third.group(1).lower() not in QUESTION_WORDS and not any(
                not country_of(w) and (w.lower().endswith("s") or w.lower() == "people" or w.lower() in name_words)
                for w in read):
            count_noun += (third.group(1).lower(),)  # "how many fixed telephone lines", "how many new US jobs"
        if count_noun and count_noun[0] in _MONEY_UNITS and direction:
            # "by how many dollars did the shares fall?": a move by an amount of money, no things counted (a rate,
            # "how many dollars was one pound buying?", keeps the unit it is given in)
            count_noun = ()
    aliases = tuple(_aliases(key, shown, lexicons) for key, shown in zip(keys, display))
    head = _SET_ASIDE_HEAD.match(text) or SOURCE_HEAD.match(text) or _TIME_SETTING_HEAD.match(text)
    # ("Apart from its US business, what did Nike's chief credit with …?", "According to correspondents, why might …?")
    asked = text[head.end():] if head else text
    why = bool(re.match(r"\s*(?:and\s+)?why\b", asked, re.I) or _CAUSE_ASKED.match(asked)
               or _REASON_ASKED.match(asked))
    if why:  # "why did GSK's profits fall?": the cause is wanted, not the figure
        measure, direction = "", ""
    noun = ""
    if query.kind == "figure" and not (measure or count_noun or why) and display:
        noun = _possessed(text, display)
    return Focus(
        priced=_priced(text, measure, name_words),
        adjusted=_asked_adjustment(text, contrast),
        expected=bool(_EXPECTED_ASKED.search(text)),
        expected_figure=bool(_EXPECTED_ASKED.search(text) and _FIGURE_FIRST.match(text)),
        forecast=bool(_YEAR.search(text) and _FORECAST_ASKED.search(text)),
        deed=deed,
        whole_year=bool(_WHOLE_YEAR_ASKED.search(text)),
        settling=bool(_SETTLING.search(text) or not _PURCHASE.search(text)),
        lending=bool(_LOAN.search(text)),
        spending=bool(_SPENDING.search(_TIME_SPENT.sub(" ", text))),
        charged=bool(_COST_IT.search(text)),
        rate_of=_rate_of(main) if measure == "rate" else "",
        noun=noun,
        aliases=aliases,
        excluded=tuple(excluded),
        successor=bool(_SUCCESSOR.search(text)),
        why=why,
        months=_months_asked(text),
        entities=tuple(keys),
        display=tuple(display),
        role=tuple(role),
        measure=measure,
        direction=direction,
        years=tuple(dict.fromkeys(_YEAR.findall(text))),
        counterpart=tuple(dict.fromkeys(counterpart)),
        counterpart_asked=bool(_COUNTERPART_ASKED.search(text)),
        # (a quarter or a price each set against what is asked is not asked: "… in the whole of 2004, as opposed to
        # the fourth quarter?", "… spend in total on its stake, rather than the price per share?")
        quarter=bool(_QUARTER.search(unset)),
        quarter_no=_quarter_no(unset),
        subperiod=bool(_SUBPERIOD.search(text)),
        per_share=bool(_PER_SHARE.search(unset) or _EACH_ASKED.search(unset)) and not _VALUATION_ASKED.search(unset),
        each=bool(_EACH_ASKED.search(unset)),
        total=bool(_TOTAL_ASKED.search(unset)),
        at_once=bool(AT_ONCE.search(unset)),
        count_noun=count_noun,
        entity_articles=frozenset(articles),
    )
