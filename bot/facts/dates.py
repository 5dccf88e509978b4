"""Dates: days, months, years, quarters, halves and relative periods, resolved against the
article's publication month where the text leaves the year out."""

from __future__ import annotations

import re
from typing import Any

from . import tables as _data
from .text import HAS_DIGIT as _HAS_DIGIT
from .text import Hit as _Hit
from .text import trie_regex as _trie_regex

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
