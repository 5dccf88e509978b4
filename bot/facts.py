"""Offline trade fact extraction: parties, sectors, events, people, figures and dates.

Runs on every article at ingestion, so it is regex-only (stdlib, no NLP models) and works one
sentence at a time. Every fact cites the sentences it came from, which is what lets answers quote
evidence. Precision matters more than recall: an extractor that invents a party or a figure
misleads retrieval, while a missed fact only costs a little ranking signal.

Speed comes from three habits: word lists are compiled as character tries, keyword patterns run
on the lower-cased sentence instead of with `re.IGNORECASE` (several times slower on big
alternations), and costly patterns only run where a cheap anchor (a title word, an event noun, a
digit) was found. The word tables live in `bot.facts_data`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import facts_data as _data
from .models import Article, Fact, Sentence
from .parties import (  # country_of and parties_in are re-exported
    _CAP_WORD_AFTER,
    _CAP_WORD_BEFORE,
    _FUNCTION_CAPS,
    _PARTY,
    _PARTY_KIND,
    _csv,
    _lines,
    _lower,
    _party_matches,
    _trie_regex,
    _words_regex,
    country_of,
    parties_in,
)

__all__ = ["country_of", "extract_facts", "parties_in"]

_Hit = tuple[int, str, str, dict[str, Any]]  # (offset in sentence, value, merge key, attrs)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_SCALE = {
    "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
    "tn": 1e12, "trillion": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
_CURRENCY_SYMBOL = {
    "$": "USD", "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD",
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
_CURRENCY_BEFORE = re.compile(r"(?:US\$|A\$|C\$|HK\$|NZ\$|S\$|\$|£|€|¥|USD|EUR|GBP|PKR|INR|Rs\.?)\s?$")
_RANGE_LOW = re.compile(
    r"(?<![\w.,])(?P<c>(?:US\$|\$|£|€|¥)\s?)?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[-–]$"
)
_FIGURE_TAIL = re.compile(
    r"(?:\s?(?P<scale>bn|billion|mn|million|m|k|thousand|tn|trillion|crores?|lakhs?)(?!\w))?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b|percentage\s+points?\b|pc\b)"
    r"|\s+(?P<curw>(?:US |[Ss]wiss |Australian |Canadian |Hong Kong |Belarusian )?"
    r"(?:dollars?|euros?|pounds(?! of)(?: sterling)?|sterling|yen|yuan|renminbi|rupees|roubles|"
    r"rubles|francs|won|rand|pesos|reais|lira|dirhams|riyals))\b"
    r"|\s+(?:of\s+)?(?P<unit>" + _UNIT_WORDS + r")\b)?"
)
_HAS_DIGIT = re.compile(r"\d")
_LOW_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

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
    change = None
    for word in words[after_measure:] if measure else words:
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
        if start and text[start - 1] in "-–":
            lower = _RANGE_LOW.search(text, max(0, start - 20), start)
            if lower:  # "0.7-0.8%", "1,050-1,125 rupees", "$24-$26"
                range_start = start = lower.start()
                low_end = float(lower.group("n").replace(",", ""))
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
            attrs["low"] = low_end * _SCALE.get(scale, 1.0)
        value = text[start:end]
        out.append((start, value, f"{value}|{measure or ''}", attrs))
        prev_end, prev_attrs = end, attrs
    return out


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_MONTH_RE = re.compile(
    r"(?P<mon>" + _trie_regex(_data.MONTHS) + r")(?![\w])\.?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d%,.]\d|[\d%]|\s?(?:bn|m|million|billion)\b))?"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_DAY_BEFORE = re.compile(r"(?<![\w])(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_MONTH_LEAD = re.compile(
    r"(?:(?<![\w])(?P<rel>this|last|next|earlier\s+this|later\s+this|early|late|mid|end\s+of|"
    r"the\s+end\s+of)[\s-]+|(?<![\w])(?P<prep>in|since|until|till|by|from|during|before|after|"
    r"between|to|through|of|and|or|on|at|for|as\s+of)\s+)$"
)
_YEAR_RE = re.compile(
    r"(?P<y>(?:19|20)\d\d)(?:(?P<md>-[01]\d-[0-3]\d)|(?P<s>s))?(?![\w%]|[.,]\d)"
)
_QUARTER_RE = re.compile(
    r"(?<![\w])(?:the\s+)?(?:(?P<qn>first|second|third|fourth|final|last)[\s-]+quarter"
    r"(?:\s+of\s+(?P<qy>(?:19|20)\d\d))?"
    r"|(?P<hn>first|second)[\s-]+half(?:\s+of\s+(?P<hy>(?:19|20)\d\d))?)(?![\w])"
)
_Q_CODE_RE = re.compile(r"(?<![\w])Q(?P<q>[1-4])(?:\s+(?P<y>(?:19|20)\d\d))?(?![\w])")
_NUMWORD_ALT = "|".join(w for w in _data.NUMBER_WORDS if " " not in w and w != "both")
_RELATIVE_RE = re.compile(
    r"(?<![\w])(?:(?P<rw>this|last|next|previous|past|coming|current)\s+(?P<ru>year|month|week|decade)"
    r"|(?P<ago>a|one)\s+year\s+(?:ago|earlier)"
    r"|(?:the\s+)?(?P<pw>last|past|next|previous|coming|first|recent)\s+"
    r"(?P<pn>" + _NUMWORD_ALT + r"|\d{1,3})\s+(?P<pu>days|weeks|months|years|quarters))(?![\w-])"
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
_RELATIVE_DELTA = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _date_facts(text: str, low: str, pub: tuple[int, int] | None) -> list[_Hit]:
    out: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, attrs: dict[str, Any]) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        value = text[start:end].strip()
        if value[:4].lower() == "the ":
            value = value[4:]
        out.append((start, value, value.lower(), attrs))

    for m in _MONTH_RE.finditer(text):
        begin = m.start()
        if begin and text[begin - 1].isalnum():
            continue
        mon = m.group("mon")
        month = _data.MONTHS[mon]
        d1 = _DAY_BEFORE.search(text, max(0, begin - 12), begin) if begin else None
        if d1:
            begin = d1.start()
        day = (d1 and d1.group("d1")) or m.group("d2")
        year = m.group("y")
        lead = _MONTH_LEAD.search(low, max(0, begin - 16), begin) if begin else None
        rel = " ".join(lead.group("rel").split()) if lead and lead.group("rel") else ""
        if not (day or year or lead):
            continue  # a bare "May" may be the verb
        if len(mon) <= 4 and mon not in ("June", "July") and not (day or year):
            continue  # "Mar" or "Dec" alone is too ambiguous
        if day and not 1 <= int(day) <= 31:
            continue
        iso = None
        if year:
            y = int(year)
        elif pub:
            py, pm = pub
            if rel in ("this", "earlier this", "later this"):
                y = py
            elif rel == "last":
                y = py if month < pm else py - 1
            elif rel == "next":
                y = py if month > pm else py + 1
            else:  # a bare month in news is usually the latest one
                y = py if month <= pm else py - 1
        else:
            y = 0
        if y:
            iso = f"{y:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        end = m.end() - 1 if text[m.end() - 1] == "." else m.end()  # a full stop is not part of it
        add(lead.start() if lead and rel else begin, end, {"iso": iso})
    if _HAS_DIGIT.search(text):
        for m in _YEAR_RE.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_$£€¥.,/-"):
                continue
            y = int(m.group("y"))
            if m.group("md"):
                add(m.start(), m.end(), {"iso": m.group()})
            elif m.group("s"):
                if y % 10 == 0:
                    add(m.start(), m.end(), {"iso": None, "decade": y})
            elif 1950 <= y <= 2049:
                add(m.start(), m.end(), {"iso": m.group("y")})
        if "Q" in text:
            for m in _Q_CODE_RE.finditer(text):
                add(m.start(), m.end(), {"iso": m.group("y"), "quarter": int(m.group("q"))})
    if "quarter" in low or "half" in low:
        for m in _QUARTER_RE.finditer(low):
            if m.group("qn"):
                add(m.start(), m.end(), {"iso": m.group("qy"), "quarter": _QUARTERS[m.group("qn")]})
            else:
                add(m.start(), m.end(), {"iso": m.group("hy"), "half": 1 if m.group("hn") == "first" else 2})
    if "year" in low or "month" in low or "week" in low or "days" in low or "decade" in low:
        for m in _RELATIVE_RE.finditer(low):
            iso = None
            if m.group("pw"):
                add(m.start(), m.end(), {"iso": None, "period": True})
                continue
            if pub:
                py, pm = pub
                if m.group("ago"):
                    iso = f"{py - 1:04d}"
                elif m.group("ru") == "year":
                    iso = f"{py + _RELATIVE_DELTA[m.group('rw')]:04d}"
                elif m.group("ru") == "month":
                    y2, m2 = _shift_month(py, pm, _RELATIVE_DELTA[m.group("rw")])
                    iso = f"{y2:04d}-{m2:02d}"
            add(m.start(), m.end(), {"iso": iso})
    return out


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_NAME_TOKEN = rf"(?:(?:Mc|Mac|O['’]|D['’])?[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*)"
_NAME = (
    rf"{_NAME_TOKEN}(?:\s+(?:[{_UP}]\.?\s+)?(?:(?:de|van|von|der|al|bin|ibn|da|di|du|le|la)\s+)?"
    rf"{_NAME_TOKEN}){{0,3}}"
)
# Titles that may stand before a name ("chief executive Richard Parsons").
_TITLES_BEFORE = """prime minister|deputy prime minister|president|vice president|vice-president|
chairman|chairwoman|chairperson|vice chairman|vice-chairman|chancellor|governor|secretary|
secretary general|secretary-general|minister|commissioner|ambassador|envoy|senator|congressman|
congresswoman|chief executive|chief executive officer|chief financial officer|
chief operating officer|chief economist|chief strategist|chief investment officer|chief|ceo|cfo|
boss|director|director general|director-general|managing director|executive director|spokesman|
spokeswoman|spokesperson|analyst|economist|strategist|founder|co-founder|adviser|advisor|
trade representative|premier|treasurer|mayor|king|queen|emir|sheikh|prince|judge|prosecutor|
investor|trader"""
# ... and titles that only follow a name ("Jane Doe, head of research at ...").
_TITLES_AFTER_ONLY = "head|leader|executive|partner|owner|officer|representative"
_TITLE_SET_BEFORE = frozenset(t.strip() for t in _TITLES_BEFORE.replace("\n", "").split("|"))
_TITLE_SET_ALL = _TITLE_SET_BEFORE | frozenset(_TITLES_AFTER_ONLY.split("|"))
_TITLE_AND_RE = re.compile(r"\s+(?:and|&)\s+(?:" + _trie_regex(_TITLE_SET_BEFORE) + r")(?![\w-])")
_MINISTER_LIKE = frozenset("minister secretary commissioner adviser advisor envoy ambassador".split())
_PORTFOLIO_RE = re.compile(
    r"\s+(?:of|for)\s+(?:" + _trie_regex(_data.PORTFOLIOS) + r")(?:\s*(?:,|and|&)\s*(?:"
    + _trie_regex(_data.PORTFOLIOS) + r"))*(?![\w])"
)
_OF_CAPS_RE = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<caps>[A-Z][\w.’'-]*(?:\s+(?:of\s+|and\s+|the\s+)?[A-Z][\w.’'-]*){0,4})"
)
_NAME_AFTER_RE = re.compile(rf"\s+(?P<hon>(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+)?(?P<name>{_NAME})")
_NAME_BEFORE_COMMA_RE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+|who\s+is\s+)?(?P<pre>(?:[\w'’.&-]+\s+){{0,4}})$"
)
_APPOS_TAIL_RE = re.compile(
    r"(?:\s+(?:of|at|for|with)\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|&|of|and)){0,4})?"
    r"(?=\s*[,.;)]|\s*$|\s+(?:said|says|told|added|warned|argued|explained)\b)"
)
_HONORIFIC_RE = re.compile(
    rf"(?P<t>Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+(?P<name>{_NAME})"
)
_QUAL_TOKEN_RE = re.compile(r"[\w’'&.-]+|[^\w\s]")
_QUAL_LOWER = frozenset(
    """finance trade commerce foreign federal economy economic energy industry interior defence
    health treasury deputy senior assistant vice former ex acting outgoing incoming interim then
    junior state managing general non-executive founding group company firm's bank's independent
    oil market investment billionaire business executive joint chief airport authority central bank
    union opposition regulator agency council committee board fund sales marketing research
    operations press communications strategy policy monetary fiscal economics equity markets
    currency commodities global european regional national international retail""".split()
)
_QUAL_CAP_STOP = frozenset(
    """The A An This That Its His Her Their Our Meanwhile However Separately Now Then Last Next
    Earlier Later Speaking Yesterday Today Still Yet Instead Indeed Previously Currently Recently
    Also Even Only Both""".split()
)


def _clean_name(name: str, *, drop_leading: bool = False) -> str | None:
    """Trim words that cannot be part of a name; None when nothing name-like is left."""
    tokens = name.split()
    for i, token in enumerate(tokens):
        if token.endswith(("'s", "’s")):  # "Conrad Black's Hollinger" -> "Conrad Black"
            tokens = tokens[:i] + [token[:-2]]
            break
    while drop_leading and tokens and (tokens[0] in _data.NAME_STOPWORDS or tokens[0] in _PARTY):
        tokens.pop(0)
    if not tokens or tokens[0] in _data.NAME_STOPWORDS or tokens[0] in _PARTY:
        return None
    for i, token in enumerate(tokens):
        if token in _data.NAME_STOPWORDS or (i and token in _PARTY):
            tokens = tokens[:i]
            break
    return " ".join(tokens) if tokens else None


def _lead_party(phrase: str) -> tuple[str, str] | None:
    """(surface, canonical) for the longest run of leading words naming a party."""
    words = phrase.split()
    for n in range(min(len(words), 6), 0, -1):
        surface = " ".join(words[:n])
        canonical = _PARTY.get(surface)
        if canonical:
            return surface, canonical
    return None


def _qualifiers(text: str, start: int) -> str:
    """Up to three words before a title that belong to the role ("former WorldCom", "Fed")."""
    tokens = _QUAL_TOKEN_RE.findall(text[max(0, start - 50) : start])
    kept: list[str] = []
    while tokens and len(kept) < 4:
        tok = tokens.pop()
        if tok.endswith("-") and tok[:-1].lower() in _QUAL_LOWER:
            kept.insert(0, tok)
        elif tok == "of" and kept and kept[0][:1].isupper() and tokens and tokens[-1][:1].isupper():
            kept.insert(0, tok)  # "Bank of England governor"
        elif tok.lower() in _QUAL_LOWER or (
            tok[:1].isupper() and tok not in _QUAL_CAP_STOP and tok not in _FUNCTION_CAPS
        ):
            kept.insert(0, tok)
        else:
            break
    role = " ".join(kept)
    return role.replace("- ", "-") if role else ""


def _person_facts(text: str, low: str, titles: list[tuple[int, int, str]]) -> list[_Hit]:
    out: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, name: str, attrs: dict[str, Any]) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append((start, name, name.lower(), attrs))

    for ts, te, title in titles:
        # Name after the title, possibly past "and <title>" or "for <portfolio>".
        pos = te
        if title in _TITLE_SET_BEFORE:
            more = _TITLE_AND_RE.match(low, pos)
            if more:
                pos = more.end()
            role_end = pos
            if title in _MINISTER_LIKE:
                port = _PORTFOLIO_RE.match(text, pos)
                if port:
                    role_end = pos = port.end()
            of = _OF_CAPS_RE.match(text, pos) if role_end == pos else None
            party = _lead_party(of.group("caps")) if of else None
            role = text[ts:role_end]
            qual = _qualifiers(text, ts)
            if party:
                surface, canonical = party
                party_end = of.start("caps") + len(surface)  # type: ignore[union-attr]
                full_role = " ".join(f"{role} of {surface}".split())
                named = _NAME_AFTER_RE.match(text, party_end)
                name = _clean_name(named.group("name")) if named else None
                if name:
                    add(ts, named.end(), name, {"role": full_role})  # type: ignore[union-attr]
                else:
                    value = " ".join(
                        w if w in ("of", "and") else w[:1].upper() + w[1:] for w in full_role.split()
                    )
                    add(ts, party_end, value, {"role": value, "role_only": True, "party": canonical})
                continue
            if of is None:
                named = _NAME_AFTER_RE.match(text, pos)
                if named:
                    name = _clean_name(named.group("name"))
                    capital_title = text[ts].isupper()
                    if name and (len(name.split()) > 1 or capital_title or named.group("hon")):
                        full_role = " ".join((qual + " " + role).split()) if qual else " ".join(role.split())
                        add(ts if not qual else ts - 1, named.end(), name, {"role": full_role})
                        continue
        # Name before the title: "Alan Greenspan, the Fed chairman, said".
        comma = text.rfind(",", max(0, ts - 60), ts)
        if comma < 0:
            continue
        before = _NAME_BEFORE_COMMA_RE.search(text, max(0, comma - 60), ts)
        tail = _APPOS_TAIL_RE.match(text, te)
        if not before or not tail:
            continue
        name = _clean_name(before.group("name"), drop_leading=True)
        if not name or len(name.split()) < 2:
            continue
        role = " ".join((before.group("pre") + text[ts : tail.end()]).split()).rstrip(".,")
        add(before.start("name") + before.group("name").find(name), before.end("name"), name, {"role": role})
    for m in _HONORIFIC_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        name = _clean_name(m.group("name"))
        if name:
            add(m.start("name"), m.end("name"), name, {"title": m.group("t")})
    return out


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------

_EVENT_KIND = {
    "memorandum of understanding": "mou", "memoranda of understanding": "mou", "mou": "mou",
    "mous": "mou", "engagement": "b2b", "engagements": "b2b", "talks": "talks",
    "negotiations": "talks", "visit": "visit", "visits": "visit", "session": "session",
    "sessions": "session", "meeting": "meeting", "meetings": "meeting", "summit": "summit",
    "summits": "summit", "conference": "conference", "conferences": "conference",
    "forum": "forum", "forums": "forum", "agreement": "agreement", "agreements": "agreement",
    "accord": "agreement", "accords": "agreement", "pact": "agreement", "pacts": "agreement",
    "treaty": "agreement", "treaties": "agreement", "deal": "deal", "deals": "deal",
    "dispute": "dispute", "disputes": "dispute", "trade war": "dispute", "trade wars": "dispute",
    "sanctions": "sanctions", "tariff": "tariff", "tariffs": "tariff", "import duty": "tariff",
    "import duties": "tariff", "anti-dumping duty": "tariff", "anti-dumping duties": "tariff",
    "customs duties": "tariff", "export duties": "tariff", "exhibition": "exhibition",
    "exhibitions": "exhibition", "expo": "exhibition", "trade fair": "exhibition",
    "trade fairs": "exhibition", "delegation": "delegation", "delegations": "delegation",
    "joint venture": "joint_venture", "joint ventures": "joint_venture", "merger": "merger",
    "mergers": "merger", "takeover": "merger", "takeovers": "merger",
}
_EVENT_MODS = frozenset(
    """trade free free-trade bilateral multilateral trilateral joint ministerial working group business
    business-to-business b2b investment economic official state high-level preferential framework
    cooperation co-operation partnership export import anti-dumping retaliatory steel textile tariff
    peace strategic technical expert-level sectoral commerce industrial barter swap currency loan
    energy gas oil arms licensing distribution sponsorship settlement supply round budget pay wage
    debt plenary annual general board shareholder shareholders emergency ministers leaders expert
    committee council commission summit world international regional cross-border customs transit
    security defence nuclear climate services goods agricultural farm aviation open-skies fishing
    mining technology bond share cash formal informal follow-up inaugural ministerial-level
    leadership government intergovernmental inter-governmental consultative""".split()
)
_EVENT_FILLERS = frozenset(
    """consecutive successful productive recent fruitful key major important high-profile historic
    landmark several further more many numerous various new separate previous earlier latest
    subsequent regular detailed lengthy long-awaited""".split()
)
_EVENT_STOP_CAPS = _data.NAME_STOPWORDS - {"Trade", "Business", "Commission", "Council", "Committee", "Board"}
_EVENT_TOKEN = re.compile(r"\([A-Za-z0-9&-]{2,10}\)|[\w’'&.-]+")
_STAGE_BEFORE = re.compile(
    r"(?<![\w])(?:(?P<signed>signed|signing|inked|sealed|struck|clinched|finali[sz]ed)"
    r"|(?P<agreed>agreed|reached)"
    r"|(?P<held>held|hosted|hosting|convened|attended|concluded|completed|wrapped\s+up|took\s+part|"
    r"participated|there\s+have\s+been|there\s+were|there\s+was)"
    r"|(?P<planned>will|plans?\s+to|planned|planning|scheduled|set\s+to|due\s+to|expected\s+to|"
    r"upcoming|forthcoming|next|future|anticipated|awaited|to\s+hold|to\s+sign|invited|preparing)"
    r"|(?P<proposed>proposed|proposing|proposal|suggested|offered|called\s+for)"
    r"|(?P<ongoing>ongoing|continuing|continued|under\s+way|underway|negotiating|resumed|resume)"
    r"|(?P<imposed>imposed|imposing|slapped|levied|introduced|raised)"
    r"|(?P<lifted>lifted|removed|scrapped|abolished|suspended)"
    r"|(?P<threatened>threatened|threatening|threatens|threat\s+of)"
    r"|(?P<failed>collapsed|broke\s+down|failed|stalled|abandoned|rejected|blocked))(?![\w])"
)
_STAGE_AFTER = re.compile(
    r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being)\s+"
    r"(?:(?P<held>held|hosted|concluded|completed)|(?P<signed>signed|finali[sz]ed|sealed)"
    r"|(?P<agreed>agreed|reached|approved)|(?P<failed>postponed|cancelled|canceled|delayed|rejected|blocked)"
    r"|(?P<imposed>imposed|introduced)|(?P<lifted>lifted|removed|scrapped))\b"
    r"|\s+(?:will|would|is\s+to|are\s+to|is\s+set\s+to|are\s+set\s+to|is\s+due\s+to|are\s+due\s+to)\s+"
    r"(?:be\s+)?(?P<planned>held|signed|take\s+place|start|begin|open)\b"
    r"|[^,;.]{0,90}?\b(?P<planned2>anticipat\w+|expected|scheduled|planned|upcoming)\b"
    r"|\s+(?P<held2>took\s+place|ended|concluded)\b"
    r"|\s+(?P<failed2>collapsed|broke\s+down|stalled|failed)\b"
)
# Stages that only make sense for some kinds ("decisions reached during our sessions").
_STAGE_KINDS = {
    "signed": {"agreement", "mou", "deal", "joint_venture", "merger"},
    "agreed": {"agreement", "mou", "deal", "joint_venture", "merger", "tariff", "sanctions"},
    "imposed": {"tariff", "sanctions"},
    "lifted": {"tariff", "sanctions"},
    "threatened": {"tariff", "sanctions", "dispute"},
}
_PRONOUNS = frozenset("he she it who that which they we i you also often".split())
_VISIT_VERB_BEFORE = frozenset("to will would could can may might should must did not also and".split())
_MEETING_NEXT_OK = re.compile(
    r"\s*(?:[,.;:)\"”]|$|(?:with|of|between|on|in|at|was|is|will|held|last|next|this|to|and|"
    r"where|which|that|had|has|were|are|later|earlier|today|yesterday)\b)"
)
_TO_PARTY = re.compile(r"[^.;]{0,60}?(?<![\w])to\s+(?:the\s+)?")
_B2B_MODS = frozenset({"business-to-business", "b2b", "business", "(b2b)"})
_COUNT_WORDS = {w: n for w, n in _data.NUMBER_WORDS.items() if " " not in w and w != "both"}


def _event_stage(low: str, kind: str, start: int, end: int) -> str:
    """Nearest stage cue before or after the event noun, skipping cues that do not fit the kind."""
    before_start = max(0, start - 250, low.rfind(";", 0, start) + 1)
    best: tuple[int, str] | None = None
    for cue in _STAGE_BEFORE.finditer(low, before_start, start):
        name = cue.lastgroup or ""
        if name in _STAGE_KINDS and kind not in _STAGE_KINDS[name]:
            continue
        best = (start - cue.end(), name)
    after = _STAGE_AFTER.match(low, end, min(len(low), end + 110))
    if after and after.lastgroup:
        name = after.lastgroup.rstrip("2")
        if not (name in _STAGE_KINDS and kind not in _STAGE_KINDS[name]):
            dist = after.start(after.lastgroup) - end
            if best is None or dist < best[0]:
                best = (dist, name)
    return best[1] if best else "mentioned"


def _event_facts(
    text: str, low: str, nouns: list[tuple[int, int, str]], parties: list[tuple[int, int, str, str]]
) -> list[_Hit]:
    out: list[_Hit] = []
    for start, end, noun_low in nouns:
        kind = _EVENT_KIND[noun_low]
        head = text[max(0, start - 120) : start]
        tokens = _EVENT_TOKEN.findall(head)
        prev = tokens[-1].lower() if tokens else ""
        if kind == "talks" and (prev in _PRONOUNS or (tokens and tokens[-1] in _data.NAME_STOPWORDS)):
            continue  # "he talks"
        if kind == "visit" and prev in _VISIT_VERB_BEFORE:
            continue  # "to visit"
        if noun_low == "meeting" and not _MEETING_NEXT_OK.match(low, end):
            continue  # "meeting targets"
        if kind == "deal" and low.startswith(" with", end):
            continue  # "deal with"
        # Walk back over the modifiers and names that belong to the noun.
        mods: list[str] = []
        names: list[str] = []
        acronym = None
        first_of_sentence = len(tokens) if not text[: max(0, start - 120)].strip() else -1
        i = len(tokens) - 1
        while i >= 0 and len(mods) < 6:
            tok = tokens[i]
            tl = tok.lower()
            initial = i == 0 and first_of_sentence > 0
            if tok.endswith(("'s", "’s", "'", "’")):
                break  # "Thursday's meeting", "the firm's deal"
            if tok.startswith("(") and acronym is None and not mods:
                acronym = tok[1:-1]
                mods.insert(0, tok)
            elif tok[:1].isupper() and not initial and tok not in _EVENT_STOP_CAPS and (
                tl not in _EVENT_MODS or names or acronym or (i > 0 and tokens[i - 1][:1].isupper())
            ):
                names.insert(0, tok)  # "Joint Ministerial Commission", "EU-China"
                mods.insert(0, tok)
            elif tl in _EVENT_MODS:
                mods.insert(0, tok if tok.isupper() and len(tok) > 1 and tl != "b2b" else tl)
            else:
                break
            i -= 1
        if kind == "b2b" and not any(x.lower() in _B2B_MODS for x in mods):
            continue  # "recent engagements" is not an event
        if kind == "session" and "trading" in low[max(0, start - 9) : start]:
            continue
        j = i
        while j >= 0 and tokens[j].lower() in _EVENT_FILLERS:
            j -= 1
        count = None
        if j >= 0:
            w = tokens[j].lower()
            if w in _COUNT_WORDS:
                count = _COUNT_WORDS[w]
            elif w.isdigit() and len(w) <= 3:
                count = int(w)
        surface = text[start:end]
        keep_case = surface.isupper() or surface.startswith("Mo") or (surface[:1].isupper() and names)
        noun = surface if keep_case else surface.lower()
        value = " ".join(mods + [noun])
        attrs: dict[str, Any] = {"kind": kind, "stage": _event_stage(low, kind, start, end)}
        if count is not None:
            attrs["count"] = count
        named = [n for n in names if not n.startswith("(")]
        if named:
            attrs["name"] = " ".join(named)
        if acronym:
            attrs["acronym"] = acronym
        if kind == "visit":
            to = _TO_PARTY.match(low, end)
            if to:
                for p_start, _p_end, _surface, canonical in parties:
                    if p_start == to.end():
                        attrs["to"] = canonical
                        value = f"{value} to {canonical}"
                        break
        phrase_start = start - sum(len(x) + 1 for x in mods)
        out.append((max(0, phrase_start), value, value.lower(), attrs))
    return out


# --------------------------------------------------------------------------------------------
# Sectors
# --------------------------------------------------------------------------------------------

_SECTOR: dict[str, str] = {}  # lower-case surface (or an all-capital acronym) -> canonical
for _line in _lines(_data.SECTORS):
    _canon_s, _surfaces = _line.split(":", 1)
    for _s in _csv(_surfaces):
        _SECTOR[_s if _s.isupper() else _s.lower()] = _canon_s.strip()
_SECTOR_CANON = frozenset(_SECTOR.values())
# Words that name a sector only beside "sector", "industry", "exports"...: alone they are too common.
_GENERIC_SECTOR_WORDS = frozenset(
    """tech technology health drug drugs bank banks mobile car motor auto travel building property
    food drinks skills finance financial arms forest forests metal chip leisure transport freight
    crude gas oil electricity media entertainment advertising publishing fruit vegetables meat rail
    ports wood engineering medical""".split()
) | {"power generation", "mobile phone"}
_SECTOR_LOWER_RE = _words_regex(s for s in _SECTOR if not s.isupper())
_SECTOR_UPPER = tuple(s for s in _SECTOR if s.isupper())
_SECTOR_UPPER_RE = re.compile(r"\b(?:" + "|".join(_SECTOR_UPPER) + r")(?![\w-])")
_SECTOR_NEXT = re.compile(
    r"(?:\s*(?:,|and|&)\s*[\w-]+){0,6}?\s+(?:sectors?|industry|industries|exports?|imports?|firms?|"
    r"companies|company|producers?|production|manufacturers?|makers?|markets?|trade|businesses|"
    r"giants?|output|shipments|plants?|factories|farms|exporters|importers|investment|cooperation|"
    r"co-operation|projects?|sales|groups?|operators?|suppliers?|stocks|shares)(?![\w-])"
)
_SECTOR_PREV = re.compile(
    r"(?<![\w])(?:exports?|imports?|trade|investments?|invest(?:ing)?|cooperation|co-operation|"
    r"collaboration|tariffs?|duties|quotas?|subsidies|ventures?)\s+(?:of|in|on|into|for)\s+"
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$"
)
_SECTOR_STRONG_CUE = re.compile(
    r"(?<![\w])(?:areas?|sectors?|fields?|industries|domains|spheres)"
    r"(?:\s+(?:of|for)\s+(?:mutual\s+|bilateral\s+|future\s+|potential\s+)?"
    r"(?:cooperation|co-operation|collaboration|partnership|investment|interest|trade|engagement))?"
    r"(?:\s+between\s+[^,;:.]{1,40}?)?"
    r",?\s+(?:including|such\s+as|like|namely|notably|especially|particularly|e\.g\.|ranging\s+from)\s+"
    r"|(?<![\w])in\s+the\s+(?:fields?|areas?|sectors?)\s+of\s+(?!(?:mutual\s+|bilateral\s+)?"
    r"(?:cooperation|co-operation|collaboration|interest|partnership)\b)"
    r"|(?<![\w])(?:areas?|sectors?|fields?)\s+of\s+(?:mutual\s+)?(?:cooperation|co-operation|"
    r"collaboration|partnership)\s*:\s*"
)
_SECTOR_WEAK_CUE = re.compile(
    r"(?<![\w])(?P<interest>(?:interested|interest|keen|eager)\s+(?:in|on|to)\s+"
    r"(?:(?:leverag|invest|import|export|expand|develop|explor|acquir|tapp|buy|sourc|boost|promot|"
    r"cooperat|collaborat|work|enter)\w*\s+(?:in\s+|on\s+|with\s+|into\s+)?)?(?:the\s+)?)"
    r"|(?<![\w])(?:cooperation|co-operation|collaboration|partnership|ties|investments?|invest(?:ing)?|"
    r"joint\s+ventures?|opportunities)\s+(?:in|on)\s+(?:the\s+)?(?:fields?\s+of\s+|areas?\s+of\s+|"
    r"sectors?\s+of\s+)?"
    r"|(?<![\w])focus(?:ing|ed|es)?\s+on\s+(?:the\s+)?"
)
_STRONG_HINTS = "area areas sector sectors field fields industries domains spheres".split()
_WEAK_HINTS = """interested interest keen eager cooperation co-operation collaboration partnership ties
investment investments invest investing venture ventures opportunities focus focusing focused
focuses""".split()
_ENUM_STOP = re.compile(
    r"[.;:!?()\[\]\"“”—–]|\s-\s|\s(?:which|that|who|whom|where|whereas|while|so\s+as|in\s+order|to|"
    r"with\s+a\s+view|said|says|he|she|they|we|is|are|was|were|be|been|has|have|had|will|would|"
    r"should|could|can|may|might|must|held|remain|remains|continue|continues|from|than)(?![\w])"
    r"|,\s+(?:he|she|the\s+minister|officials?|mr|ms|mrs|dr)(?![\w])"
)
_RUN_SPLIT = re.compile(r",?\s+(?:as\s+well\s+as|along\s+with|in\s+addition\s+to|plus)\s+")
_ITEM_SPLIT = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+|\s+&\s+")
_ITEM_LEAD = frozenset(
    """the a an its their our his her other various several new modern vast huge rich abundant key
    major potential growing emerging also both mutual joint local promising untapped significant
    enormous immense considerable""".split()
)
_ITEM_TAIL = frozenset(
    "sector sectors industry industries resources expertise field fields area areas segment segments".split()
)
_DIST_HEADS = frozenset(
    """production manufacturing manufacture assembly processing industry industries sector sectors
    exports imports plants parts equipment machinery farming mining making development""".split()
)
_VERB_START = frozenset(
    """promote promoting teach ensure enhance boost increase improve expand strengthen develop build
    create make support provide help explore deepen facilitate achieve bring encourage attract
    among in at on by with for from of to as than which that this these those such notably
    especially particularly including""".split()
)
# Nouns ending in -ing that name activities; other -ing first words are verbs ("offering support").
_ING_NOUNS = frozenset(
    """manufacturing farming mining banking shipping fishing processing engineering clothing printing
    packaging publishing broadcasting advertising building housing logging retailing carmaking
    chipmaking catering consulting accounting outsourcing trucking recycling refining smelting
    warehousing leasing insurance marketing technology tourism spinning weaving dyeing""".split()
)
_ITEM_REJECT = frozenset(
    """innovation trade industry relations others etc more cooperation collaboration partnership
    growth prosperity ties business investment investments opportunities progress""".split()
) | {"economic development", "economic relations", "other areas", "new skills", "mutual benefit"} | _ITEM_TAIL
_MANUFACTURING_OF = re.compile(
    r"^(?P<act>manufactur(?:ing|e)|production|processing|assembly|exports?)\s+of\s+(?P<x>.+)$"
)
_TECH_IN = re.compile(
    r"^(?P<kind>technological\s+advancements?|technological\s+development|technology|technologies|"
    r"modernisation|modernization|mechanisation|mechanization|innovation|digitali[sz]ation)\s+in\s+"
    r"(?:the\s+)?(?P<x>.+)$"
)
_POSSESSIVE = re.compile(r"^(?P<p>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:['’]s?)\s+")
_STATUS_AGREED = re.compile(
    r"(?<![\w])(?:agreed|signed|agreement|accord|deal|mou|memorandum|will\s+cooperate|decided|pact)(?![\w])"
)
_STATUS_IDENTIFIED = re.compile(
    r"(?<![\w])(?:identified|identify|key\s+areas|areas\s+for|areas\s+of|discussed|explored|priority|"
    r"priorities|potential|focus(?:ing|ed)?)(?![\w])"
)
_STATUS_INTEREST = re.compile(
    r"(?<![\w])(?:interested|interest\s+in|keen|eager|wants?\s+to|seeks?|seeking|hopes?\s+to|looking\s+to)"
    r"(?![\w])"
)
_AND_COMPOUND_RE = re.compile("|".join(re.escape(c) for c in _data.AND_COMPOUNDS), re.IGNORECASE)


def _sentence_status(low: str) -> str:
    if _STATUS_AGREED.search(low):
        return "agreed"
    if _STATUS_IDENTIFIED.search(low):
        return "identified"
    if _STATUS_INTEREST.search(low):
        return "interest"
    return "mentioned"


def _norm_case(phrase: str) -> str:
    """Lower-case ordinary words, keep acronyms ("IT", "B2B") and party names as written."""
    return " ".join(
        w if (len(w) > 1 and w.isupper()) or (w[:1].isupper() and w in _PARTY) else w.lower()
        for w in phrase.split()
    )


def _normalise_item(item: str) -> tuple[str, dict[str, Any]] | None:
    """Turn one enumerated phrase into a sector value plus the details worth keeping."""
    phrase = item.replace("\x00", "and").replace("\x01", "&").strip(" ,")
    attrs: dict[str, Any] = {}
    m = _POSSESSIVE.match(phrase)
    if m and _PARTY.get(m.group("p")):
        attrs["partner"] = _PARTY[m.group("p")]
        phrase = phrase[m.end() :]
    words = phrase.split()
    while words and words[0].lower() in _ITEM_LEAD:
        words.pop(0)
    if not words:
        return None
    core = _norm_case(" ".join(words))
    attrs["phrase"] = core
    mm = _MANUFACTURING_OF.match(core)
    tm = _TECH_IN.match(core) if not mm else None
    if mm:
        x, act = mm.group("x"), mm.group("act")
        if act.startswith("manufactur"):
            core = x
            attrs["activity"] = "manufacturing"
        else:
            core = f"{x} {act}"
    elif tm:
        x = tm.group("x")
        adj = _data.ADJECTIVE_OF.get(x, _data.ADJECTIVE_OF.get(_SECTOR.get(x, ""), x))
        kind = tm.group("kind")
        if kind.startswith(("mechani", "moderni", "digitali")):
            core = f"{adj} {kind.replace('z', 's')}"
        else:
            core = f"{adj} technology"
    words = core.split()
    while len(words) > 1 and words[-1] in _ITEM_TAIL:
        words.pop()
    core = " ".join(words)
    core = _SECTOR.get(core, core)
    if attrs["phrase"] == core:
        del attrs["phrase"]
    return core, attrs


def _split_enumeration(span: str) -> list[list[str]]:
    """Split "bus, truck, and tractor production, as well as X and Y" into runs of items."""
    span = _AND_COMPOUND_RE.sub(lambda m: m.group().replace(" and ", " \x00 ").replace(" & ", " \x01 "), span)
    runs = []
    for run in _RUN_SPLIT.split(span):
        items = [p.strip() for p in _ITEM_SPLIT.split(run) if p and p.strip()]
        if items:
            runs.append(items)
    return runs


def _distribute_heads(items: list[str]) -> list[str]:
    """Give bare items the shared head noun of the next multi-word item ("bus, truck and tractor
    production, dumper manufacturing and farm technology": bus and truck take "production")."""
    if len(items) < 2:
        return items

    def bare(item: str) -> bool:
        low = item.lower()
        return " " not in item and (low not in _SECTOR or low in _GENERIC_SECTOR_WORDS) and low not in _ITEM_LEAD

    out = list(items)
    for i, item in enumerate(items):
        if not bare(item):
            continue
        following = next((later for later in items[i + 1:] if not bare(later)), None)
        if following is None:
            continue
        words = following.split()
        if len(words) >= 2 and words[-1].lower() in _DIST_HEADS:
            out[i] = f"{item} {words[-1]}"
    return out


def _accept_item(item: str, strong: bool) -> list[tuple[str, dict[str, Any]]]:
    """Sector values for one enumerated item; weak cues only yield known sector words."""
    norm = _normalise_item(item)
    if norm is None:
        return []
    value, attrs = norm
    words = value.split()
    first = words[0].lower()
    if first.endswith("ing") and first not in _ING_NOUNS and value not in _SECTOR_CANON:
        return []
    if len(item.split()) > (5 if strong else 4):
        return []
    if strong:
        if (
            0 < len(words) <= 5
            and not any(ch.isdigit() for ch in value)
            and value.lower() not in _ITEM_REJECT
            and first not in _VERB_START
        ):
            return [(value, attrs)]
        return []
    if value in _SECTOR_CANON:
        return [(value, attrs)]
    if words[-1].lower() in _DIST_HEADS and 1 < len(words) <= 4 and first not in _VERB_START:
        return [(value, attrs)]
    found = []
    low_value = value.lower()
    for sm in _SECTOR_LOWER_RE.finditer(low_value):
        if sm.group() not in _GENERIC_SECTOR_WORDS:
            extra = dict(attrs)
            extra.setdefault("phrase", _norm_case(item.replace("\x00", "and")))
            found.append((_SECTOR[sm.group()], extra))
    return found


def _sector_facts(
    text: str,
    low: str,
    words: list[tuple[int, int, str]],
    cue_flags: int,
    parties: list[tuple[int, int, str, str]],
) -> list[_Hit]:
    out: list[_Hit] = []
    covered: list[tuple[int, int]] = []
    status_cache: list[str] = []

    def status() -> str:
        if not status_cache:
            status_cache.append(_sentence_status(low))
        return status_cache[0]

    if cue_flags:
        cues = [(m, True) for m in _SECTOR_STRONG_CUE.finditer(low)] if cue_flags & _STRONG else []
        if cue_flags & _WEAK:
            cues += [(m, False) for m in _SECTOR_WEAK_CUE.finditer(low)]
        cues.sort(key=lambda c: c[0].start())
        for cue, strong in cues:
            if any(s <= cue.start() < e for s, e in covered):
                continue
            begin = cue.end()
            stop = _ENUM_STOP.search(low, begin)
            finish = stop.start() if stop else len(text)
            if not text[begin:finish].strip():
                continue
            covered.append((cue.start(), finish))
            interest = not strong and cue.group("interest") is not None
            item_status = "interest" if interest else status()
            by = None
            if interest:
                earlier = [p for p in parties if p[1] <= cue.start() and cue.start() - p[1] < 80]
                by = earlier[-1][3] if earlier else None
            offset = begin
            for run in _split_enumeration(text[begin:finish]):
                for item in _distribute_heads(run):
                    pos = text.find(item.split()[0], offset)
                    pos = pos if pos >= 0 else begin
                    offset = max(offset, pos + 1)
                    for value, attrs in _accept_item(item, strong):
                        attrs = dict(attrs, status=item_status)
                        if interest:
                            attrs["interest"] = True
                            if by:
                                attrs["by"] = by
                        out.append((pos, value, value.lower(), attrs))
    # Plain sector words, only where the sentence treats them as an industry.
    hits = words + [(m.start(), m.end(), m.group()) for m in _SECTOR_UPPER_RE.finditer(text)]
    for start, end, key in hits:
        if any(s <= start < e for s, e in covered):
            continue
        if not (_SECTOR_NEXT.match(low, end) or _SECTOR_PREV.search(low, max(0, start - 60), start)):
            continue
        if text[start].isupper() and start > 0 and (
            _CAP_WORD_BEFORE.search(text, max(0, start - 30), start) or _CAP_WORD_AFTER.match(text, end)
        ):
            continue  # part of a name: "Japan Telecom", "Iraqi Telecommunications and Post Company"
        value = _SECTOR[key]  # a passing mention: agreements are only read from cued lists
        out.append((start, value, value.lower(), {"status": "mentioned", "phrase": text[start:end]}))
    return out


# --------------------------------------------------------------------------------------------
# One scan for all lower-case keywords
# --------------------------------------------------------------------------------------------

# Title words, event nouns, sector words and sector cue words share one trie, so a sentence is
# scanned once for all of them; each surface maps to the categories it belongs to.
_TITLE, _EVENT, _SECTOR_WORD, _STRONG, _WEAK = 1, 2, 4, 8, 16
_VOCAB: dict[str, int] = {}
for _cat, _words in (
    (_TITLE, _TITLE_SET_ALL),
    (_EVENT, _EVENT_KIND),
    (_SECTOR_WORD, [w for w in _SECTOR if not w.isupper()]),
    (_STRONG, _STRONG_HINTS),
    (_WEAK, _WEAK_HINTS + ["joint venture", "joint ventures"]),
):
    for _w in _words:
        _VOCAB[_w] = _VOCAB.get(_w, 0) | _cat
_VOCAB_RE = _words_regex(_VOCAB)


_Span = tuple[int, int, str]


def _scan_words(low: str) -> tuple[list[_Span], list[_Span], list[_Span], int]:
    """(titles, event nouns, sector words, cue flags) found in a lower-cased sentence."""
    titles: list[_Span] = []
    events: list[_Span] = []
    sectors: list[_Span] = []
    flags = 0
    for m in _VOCAB_RE.finditer(low):
        word = m.group()
        cat = _VOCAB[word]
        if cat & _TITLE:
            titles.append((m.start(), m.end(), word))
        if cat & _EVENT:
            events.append((m.start(), m.end(), word))
        if cat & _SECTOR_WORD:
            sectors.append((m.start(), m.end(), word))
        flags |= cat & (_STRONG | _WEAK)
    return titles, events, sectors, flags


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


_STATUS_RANK = {"mentioned": 0, "interest": 1, "identified": 2, "agreed": 3}


class _Builder:
    """One merged fact: mentions of the same type and normalised value share it."""

    __slots__ = ("attrs", "order", "sentence_ids", "type", "value")

    def __init__(self, type_: str, value: str, order: tuple[int, int]) -> None:
        self.type = type_
        self.value = value
        self.sentence_ids: list[str] = []
        self.attrs: dict[str, Any] = {}
        self.order = order

    def merge(self, sentence_id: str, attrs: dict[str, Any]) -> None:
        if sentence_id not in self.sentence_ids:
            self.sentence_ids.append(sentence_id)
        for key, val in attrs.items():
            if key == "mentions":
                known = self.attrs.setdefault("mentions", [])
                known.extend(v for v in val if v not in known)
            elif key not in self.attrs or self.attrs[key] in (None, "mentioned"):
                self.attrs[key] = list(val) if isinstance(val, list) else val
            elif key == "status" and _STATUS_RANK.get(val, 0) > _STATUS_RANK.get(self.attrs[key], 0):
                self.attrs[key] = val  # a sector agreed anywhere in the article is agreed


def _first(item: tuple[int, str, _Hit]) -> int:
    return item[0]


def _published(article: Article) -> tuple[int, int] | None:
    m = re.match(r"(\d{4})-(\d{2})", article.published or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _merge_people(builders: dict[tuple[str, str], _Builder], order: dict[str, int]) -> None:
    """Fold surname-only mentions ("Mr Ebbers") into the one full name that ends with it."""
    people = [b for b in builders.values() if b.type == "person" and not b.attrs.get("role_only")]
    full = [b for b in people if " " in b.value]
    for single in [b for b in people if " " not in b.value]:
        owners = [b for b in full if b.value.rsplit(" ", 1)[-1] == single.value]
        if len(owners) != 1:
            continue
        owner = owners[0]
        for sid in single.sentence_ids:
            owner.merge(sid, single.attrs)
        owner.sentence_ids.sort(key=order.__getitem__)
        owner.order = min(owner.order, single.order)
        del builders[("person", single.value.lower())]


def extract_facts(article: Article, sentences: Sequence[Sentence]) -> list[Fact]:
    """Typed facts for one article, each citing the sentences it rests on.

    Runs at ingestion on every article, so it makes one cheap pass per sentence. Repeated
    mentions (same type and normalised value) become one fact citing every sentence, numbered
    `<article id>:f1, f2, ...` in order of first mention.
    """
    pub = _published(article)
    body = article.body or ""
    rupee = "INR" if ("India" in body and "Pakistan" not in body) else "PKR"
    builders: dict[tuple[str, str], _Builder] = {}
    for s_index, sentence in enumerate(sentences):
        text = sentence.text
        if not text or text.isspace():
            continue
        low = _lower(text)
        parties = _party_matches(text)
        titles, events, sector_words, cue_flags = _scan_words(low)
        found: list[tuple[int, str, _Hit]] = [
            (start, "party", (start, canonical, canonical.lower(),
                              {"kind": _PARTY_KIND.get(canonical, "country"), "mentions": [surface]}))
            for start, _end, surface, canonical in parties
        ]
        for type_, hits in (
            ("figure", _figure_facts(text, low, rupee) if _HAS_DIGIT.search(text) else ()),
            ("date", _date_facts(text, low, pub)),
            ("person", _person_facts(text, low, titles)),
            ("event", _event_facts(text, low, events, parties) if events else ()),
            ("sector", _sector_facts(text, low, sector_words, cue_flags, parties)),
        ):
            for hit in hits:
                found.append((hit[0], type_, hit))
        if len(found) > 1:
            found.sort(key=_first)
        for start, type_, (_s, value, key, attrs) in found:
            builder = builders.get((type_, key))
            if builder is None:
                builder = builders[(type_, key)] = _Builder(type_, value, (s_index, start))
            builder.merge(sentence.id, attrs)
    _merge_people(builders, {s.id: i for i, s in enumerate(sentences)})
    ordered = sorted(builders.values(), key=lambda b: b.order)
    return [
        Fact(
            id=f"{article.id}:f{k}",
            article_id=article.id,
            type=b.type,  # type: ignore[arg-type]
            value=b.value,
            sentence_ids=tuple(b.sentence_ids),
            attrs=b.attrs,
            extractor="offline",
        )
        for k, b in enumerate(ordered, start=1)
    ]
