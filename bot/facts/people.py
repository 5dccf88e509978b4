"""People: names found beside a title ("chief executive Jane Doe", "Jane Doe, the trade
minister", "Kenya's trade minister, Jane Doe,"), after a verb of saying ("said Jane Doe", with the
role that follows if it names one) or after an honorific ("Mr Doe"), with the role the sentence
gives them."""

from __future__ import annotations

import re
from typing import Any

from . import tables as _data
from .parties import _FUNCTION_CAPS, _PARTY
from .text import Hit as _Hit
from .text import trie_regex as _trie_regex

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
investor|trader|lawyer|attorney|editor|fund manager|manager|consultant|researcher"""
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
    r"(?:\s+(?:of|at|for|with)\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|&|of|and)){0,4}"
    # (or the body described, not named: "a spokeswoman for the North Carolina-based bank")
    r"|\s+(?:of|at|for|with)\s+the\s+(?:[\w'’.&-]+\s+){0,3}?(?:bank|firm|company|group|carrier|airline|"
    r"retailer|insurer|lender|agency|business|maker|ministry|department|regulator))?"
    r"(?=\s*[,.;)]|\s*$|\s+(?:said|says|told|added|warned|argued|explained)\b)"
)
# A name set off by commas after its title: "Pakistan's Minister for Commerce, Jam Kamal Khan, said".
_NAME_APPOS_RE = re.compile(
    rf",\s+(?P<hon>(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+)?(?P<name>{_NAME})"
    r"(?=\s*[,;)]|\s*\.?\s*$|\s+(?:said|says|told|added|warned|argued|explained|who|has|had|was|is|will)\b)"
)
# What a title's holder works at or for, before a name set off by commas: "an analyst at brokerage Aton, …"
_PREP_TAIL_RE = re.compile(r"\s+(?:at|of|for|with|from)\s+(?:the\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,4}?(?=,)")
# A name after a verb of saying, with no role: "... next year, said John Smith."
_SAID_NAME_RE = re.compile(
    r"(?<![\w])(?:said|says|added|according\s+to)\s+"
    r"(?:(?P<hon>Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)?"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}})"
    r"(?=\s*[,;.]|\s*$)"
)
# ... and the role that may follow it: "said Jane Doe, chief economist at Example Bank."
_ROLE_AFTER_RE = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;.()\"“”]{3,80}?)\s*(?=[,;.()\"“”]|$)"
)
_TITLE_WORD_RE = re.compile(r"(?<![\w-])(?:" + _trie_regex(_TITLE_SET_ALL) + r")(?![\w-])")
_HONORIFIC_RE = re.compile(
    rf"(?P<t>Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+(?P<name>{_NAME})"
)
_THE_BEFORE_RE = re.compile(
    r"(?:(?<![\w])(?:the|its|their|his|her)|\w['’]s)(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE
)
_A_BEFORE_RE = re.compile(r"(?<![\w])an?(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
# Capitalised words that mark a firm or a place, not a person, after "said": "said Goldman Sachs".
_ORG_WORDS = frozenset(
    """Sachs Lynch Stanley Chase Mellon Suisse Life Mobile Telecom Steel Media Finance Financial Insurance
    Investments Investment Research Consulting Associates Brothers Brands Foods Petroleum Mining Power
    Pharmaceuticals Electric Electronics Communications Networks Resources Retail Stores Motor Airline
    Global Asia Europe America Americas Pacific Atlantic North South East West Economics Advisers
    Advisors Management Asset Assets Equities Ventures Trust Direct Online Digital Records Pictures
    Studios Entertainment Music Games Software Computer Computers Semiconductor Chemicals Shipping
    Breweries Brewery Beverages Foods Partners Logistics Automotive Airport Airports Railways Rail""".split()
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
    Also Even Only Both Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
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
                appos = _NAME_APPOS_RE.match(text, pos)
                tail = _PREP_TAIL_RE.match(text, pos) if appos is None else None
                if tail is not None:  # "A lawyer for the victims, Eduardo Contreras, told …"
                    appos = _NAME_APPOS_RE.match(text, tail.end())
                    role_end = tail.end() if appos else role_end
                    role = text[ts:role_end]
                if appos and (qual or _THE_BEFORE_RE.search(text, max(0, ts - 40), ts) or (
                        tail is not None and _A_BEFORE_RE.search(text, max(0, ts - 40), ts))):
                    name = _clean_name(appos.group("name"))
                    if name and len(name.split()) > 1 and name == appos.group("name"):
                        full_role = " ".join((qual + " " + role).split()) if qual else " ".join(role.split())
                        add(ts if not qual else ts - 1, appos.end(), name, {"role": full_role})
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
    for m in _SAID_NAME_RE.finditer(text):
        name = _clean_name(m.group("name"))
        if name and name == m.group("name") and not any(w in _ORG_WORDS for w in name.split()):
            after = _ROLE_AFTER_RE.match(text, m.end("name"))
            role = after.group("role") if after and len(after.group("role").split()) <= 10 else ""
            attrs: dict[str, Any] = {"role": role} if role and _TITLE_WORD_RE.search(role.lower()) else {}
            if m.group("hon"):
                attrs["title"] = m.group("hon")
            add(m.start("name"), m.end("name"), name, attrs)
    for m in _HONORIFIC_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        name = _clean_name(m.group("name"))
        if name:
            add(m.start("name"), m.end("name"), name, {"title": m.group("t")})
    return out
