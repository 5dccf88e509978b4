"""Figures: amounts of money, percentages and counted units, with what they measure.

Figures are found from their digits outward, so the costly patterns only run near a digit.
"""

from __future__ import annotations

import re
from typing import Any

from .text import LOW_WORD as _LOW_WORD
from .text import Hit as _Hit

_SCALE = {
    "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
    "tn": 1e12, "trillion": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
    "mln": 1e6, "bln": 1e9, "trn": 1e12,  # wire-service style ("$5 mln")
}
_CURRENCY_SYMBOL = {
    "$": "USD", "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD",
    "R$": "BRL", "NT$": "TWD",
    "£": "GBP", "€": "EUR", "¥": "JPY", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "PKR": "PKR",
    "INR": "INR", "Rs": "RS", "Rs.": "RS",
}
_CURRENCY_WORD = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "RS", "roubles": "RUB", "rubles": "RUB", "swiss francs": "CHF",
    "francs": "CHF", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "won": "KRW", "rand": "ZAR", "pesos": "MXN", "reais": "BRL",
    "belarusian rubles": "BYN", "belarusian roubles": "BYN", "lira": "TRY", "dirhams": "AED",
    "riyals": "SAR",
}
_UNIT_WORDS = (
    "tonnes|tons|metric tons|barrels a day|barrels per day|barrels|bpd|subscribers|customers|"
    "jobs|workers|employees|staff|people|users|units|vehicles|cars|shares|passengers|visitors|"
    "tourists|homes|households|kg|kilograms|megawatts|MW|acres|hectares|containers|flights|"
    "stores|shops|branches|copies|phones|handsets|accounts|members|tractors|buses|trucks"
)
# Figures are found from their digits outward: a number, then an optional currency just before
# it and a scale, percent sign, currency word or unit just after it.
_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CURRENCY_BEFORE = re.compile(
    r"(?:US\$|A\$|C\$|HK\$|NZ\$|NT\$|R\$|S\$|\$|£|€|¥|USD|EUR|GBP|PKR|INR|Rs\.?)\s?$"
)
_SCALE_WORDS = r"bn|billion|mn|million|mln|bln|trn|m|k|thousand|tn|trillion|crores?|lakhs?"
# the low end of "0.7-0.8%", "$5-6 million", "$1.2bn-$1.5bn", "€2 – €3 billion"
_RANGE_LOW = re.compile(
    r"(?<![\w.,])(?P<c>(?:US\$|A\$|C\$|HK\$|NZ\$|NT\$|R\$|S\$|\$|£|€|¥)\s?)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<ls>" + _SCALE_WORDS + r")(?!\w))?\s?[-–]\s?$"
)
# "between $2bn and $3bn", "$7 to $9 billion": two figures that are one range
_WORD_RANGE_GAP = re.compile(r"\s+(?P<w>to|and)\s+")
_FIGURE_TAIL = re.compile(
    # "$2.4bn", "$23-million", "US$171-million", "23-million-dollar"
    r"(?:(?:\s|-)?(?P<scale>" + _SCALE_WORDS + r")(?!\w))?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b|percentage\s+points?\b|pc\b)"
    r"|[\s-]+(?P<curw>(?:US |[Ss]wiss |Australian |Canadian |Hong Kong |Belarusian )?"
    r"(?:dollars?|euros?|pounds(?! of)(?: sterling)?|sterling|yen|yuan|renminbi|rupees|roubles|"
    r"rubles|francs|won|rand|pesos|reais|lira|dirhams|riyals))\b"
    r"|\s+(?:of\s+)?(?P<unit>" + _UNIT_WORDS + r")\b)?"
)

_MEASURE_NOUNS = frozenset(
    """profit profits earnings sales revenue revenues turnover exports export imports import trade
    deficit surplus growth inflation gdp output investment investments tariff tariffs duty duties
    tax taxes levy shares price prices stake debt loan loans spending income dividend dividends
    losses loss unemployment rate rates cost costs valuation orders production demand consumption
    subsidies aid deal bid offer fine savings budget bonus wage wages salary salaries pay fee fees
    capital reserves value assets shortfall funding borrowing lending remittances volume margin
    margins payout charge writedown write-down compensation settlement contract order purchase
    acquisition takeover merger""".split()
)
_MEASURE_MODS = frozenset(
    """quarterly annual yearly monthly net pre-tax pretax operating underlying gross full-year
    half-year first-half second-half half-yearly fourth-quarter third-quarter second-quarter
    first-quarter trade export import retail consumer house home share stock core budget
    bilateral total interest jobless market oil""".split()
)
# The verbs before "up to" that make it a rise ("went up to 30 pence"; "a loss of up to 3,600" is a ceiling)
_MOVED_UP = frozenset("go goes went gone going move moves moved moving shot edged crept came come comes ticked inched "
                      "is are was were be been".split())
_RISE_WORDS = frozenset(
    """rose rise rises risen rising jump jumped jumps up increase increased increases increasing
    grew grow grows grown growing climb climbed climbs soar soared soars surge surged surges gain
    gained gains boost boosted boosts higher advance advanced rally rallied leapt leaped doubled
    rebounded""".split()
)
_FALL_WORDS = frozenset(
    """fell fall falls fallen falling drop dropped drops decline declined declines declining slump
    slumped slumps slid slide sank sink plunge plunged down lost lose loses losing shrank shrink
    shrunk tumble tumbled lower cut cuts eased dip dipped dips slipped slip decrease decreased
    halved""".split()
)
_RISE_NOUNS = frozenset("rise increase jump gain growth surge climb hike".split())
_FALL_NOUNS = frozenset("fall drop decline slump cut decrease loss dip reduction".split())
_CLAUSE_MARKS = (";", ":", "—", "–", " - ", " but ", " while ", " whereas ", " although ")
_PREP_WORDS = frozenset("to from by of at about around nearly almost over under".split())
_GAP_ONLY_PUNCT = re.compile(r"(?:[\s(;,/)]|\bor\b)*")  # between "$2.3bn (£1.2bn; 2bn euros)"


# Verbs whose object is a profit: "earned $778.2m", "netted 19bn kronor"
_EARNED = frozenset("earned earns earn netted nets".split())


def _measure_of(low: str, start: int, end: int) -> tuple[str | None, str | None]:
    """(measure, change) for a figure at low[start:end]: the nearest trade noun before it in the
    same clause ("quarterly profits ... jumped 76%"), else one right after ("a 10% tax")."""
    window_start = max(0, start - 120)
    window = low[window_start:start]
    cut = 0
    for mark in _CLAUSE_MARKS:
        found = window.rfind(mark)
        if found >= 0:
            cut = max(cut, found + len(mark))
    opening = window.rfind("(")
    if opening > window.rfind(")"):
        cut = max(cut, opening + 1)  # inside an unclosed bracket
    words = _LOW_WORD.findall(window[cut:])
    measure = None
    after_measure = 0
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _MEASURE_NOUNS:
            mod = words[i - 1] if i > 0 and words[i - 1] in _MEASURE_MODS else None
            noun = "GDP" if words[i] == "gdp" else words[i]
            measure = f"{mod} {noun}" if mod else noun
            after_measure = i + 1
            break
    if measure is None and words[-2:] and set(words[-2:]) & _EARNED:
        measure = "profit"  # "eBay earned $778.2m on sales of $3.27bn": what it earned is a profit
    change = None
    changed = words[after_measure:] if measure else words
    for i, word in enumerate(changed):
        if word == "up" and changed[i + 1 : i + 2] == ["to"] and (i == 0 or changed[i - 1] not in _MOVED_UP):
            continue  # ("a loss of up to 3,600 vehicles": a ceiling, no rise; "went up to 30 pence" is one)
        if word in _RISE_WORDS:
            change = "rise"
        elif word in _FALL_WORDS:
            change = "fall"
    after = end
    if low.startswith(" (", after):  # look past "(£600m; 900m euros)"
        close = low.find(")", after, after + 60)
        after = close + 1 if close > 0 else after
    following = _LOW_WORD.findall(low[after : after + 40])[:4]
    if measure is None:
        rest = following[1:] if following[:1] in (["of"], ["in"], ["worth"]) else following
        if rest and rest[0] == "of":
            rest = rest[1:]
        for word in rest[:2]:
            if word in _MEASURE_NOUNS:
                measure = word
                break
    if change is None and following:
        if following[0] in _RISE_NOUNS:
            change = "rise"
        elif following[0] in _FALL_NOUNS:
            change = "fall"
    return measure, change


def _word_range(
    text: str, low: str, prev: _Hit, start: int, attrs: dict[str, Any], scale: str
) -> tuple[int, dict[str, Any]] | None:
    """(start, attrs) of the range the previous figure and this one make, or None.

    "between X and Y" is always a range; "X to Y" only when X has no scale of its own and Y has one
    ("$7 to $9 billion"), since "rose 10% to 12%" or "from $2bn to $3bn" is a change, not a range."""
    prev_start, prev_value, _key, prev_attrs = prev
    gap = _WORD_RANGE_GAP.fullmatch(text, prev_start + len(prev_value), start)
    if gap is None or prev_attrs["unit"] != attrs["unit"] or "low" in prev_attrs:
        return None
    before = _LOW_WORD.findall(low[max(0, prev_start - 12) : prev_start])[-1:]
    prev_scaled = bool(re.search(r"(?:" + _SCALE_WORDS + r")$", prev_value.lower()))
    if gap.group("w") == "and":
        if before != ["between"]:
            return None
        low_amount = prev_attrs["amount"] if prev_scaled else prev_attrs["amount"] * _SCALE.get(scale, 1.0)
        prev_start = low.rindex("between", 0, prev_start)  # the figure reads "between £415m and £425m"
    else:
        if before == ["from"] or prev_scaled or not scale:
            return None
        low_amount = prev_attrs["amount"] * _SCALE.get(scale, 1.0)
    if low_amount >= attrs["amount"]:
        return None
    merged = {k: v for k, v in attrs.items() if k != "prep"}  # "to" in "$7 to $9 billion" is the range's
    merged.update(measure=attrs["measure"] or prev_attrs["measure"], low=low_amount)
    if "prep" in prev_attrs:
        merged["prep"] = prev_attrs["prep"]
    return prev_start, merged


def _figure_facts(text: str, low: str, rupee: str) -> list[_Hit]:
    out: list[_Hit] = []
    prev_end = -1
    prev_attrs: dict[str, Any] | None = None
    for n in _NUMBER_RE.finditer(text):
        start, num_end = n.span()
        cur_m = _CURRENCY_BEFORE.search(text, max(0, start - 4), start) if start else None
        cur = None
        low_end: float | None = None
        range_start = -1
        if cur_m and not (cur_m.start() and text[cur_m.start() - 1].isalnum()):
            cur = cur_m.group().rstrip()
            start = cur_m.start()
        low_scale = ""
        if start and re.search(r"[-–]\s?$", text[max(0, start - 2) : start]):
            lower = _RANGE_LOW.search(text, max(0, start - 30), start)
            if lower:  # "0.7-0.8%", "1,050-1,125 rupees", "$24-$26", "$1.2bn-$1.5bn"
                range_start = start = lower.start()
                low_end = float(lower.group("n").replace(",", ""))
                low_scale = (lower.group("ls") or "").lower()
                cur = cur or (lower.group("c") or "").strip() or None
        elif not cur and start and (text[start - 1].isalnum() or text[start - 1] in "_.,/:"):
            continue  # part of a code or a time
        m = _FIGURE_TAIL.match(text, num_end)
        pct, curw, unit_word = m.group("pct"), m.group("curw"), m.group("unit")  # type: ignore[union-attr]
        if not (cur or pct or curw or unit_word):
            continue  # a bare number: too vague to be a trade figure
        scale = (m.group("scale") or "").lower()  # type: ignore[union-attr]
        amount = float(n.group().replace(",", "")) * _SCALE.get(scale, 1.0)
        currency: str | None = None
        if cur:
            currency = unit = _CURRENCY_SYMBOL.get(cur, "USD")
        elif curw:
            currency = unit = _CURRENCY_WORD.get(curw.lower(), "USD")
        elif pct:
            unit = "percentage points" if "point" in pct else "%"
        else:
            unit = unit_word.lower()
        if currency == "RS":
            currency = unit = rupee
        end = m.end()  # type: ignore[union-attr]
        if range_start >= 0 and out and out[-1][0] == range_start:
            measure, change = out.pop()[3]["measure"], prev_attrs["change"]  # type: ignore[index]
        elif prev_attrs is not None and _GAP_ONLY_PUNCT.fullmatch(text, prev_end, start):
            measure, change = prev_attrs["measure"], prev_attrs["change"]  # "$1.13bn (£600m)"
        else:
            measure, change = _measure_of(low, start, end)
        attrs: dict[str, Any] = {
            "amount": amount, "unit": unit, "currency": currency, "measure": measure, "change": change,
        }
        before = _LOW_WORD.findall(low[max(0, start - 10) : start])
        if before and before[-1] in _PREP_WORDS and low[start - 1 : start] == " ":
            attrs["prep"] = before[-1]
        if low_end is not None:
            attrs["low"] = low_end * _SCALE.get(low_scale or scale, 1.0)
        elif out and (joined := _word_range(text, low, out[-1], start, attrs, scale)) is not None:
            start, attrs = joined  # "between $2bn and $3bn", "$7 to $9 billion"
            out.pop()
        value = text[start:end]
        out.append((start, value, f"{value}|{measure or ''}", attrs))
        prev_end, prev_attrs = end, attrs
    return out
