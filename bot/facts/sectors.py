"""Sectors: industries named in cued lists ("areas such as textiles and mining") or treated
as an industry in passing ("the steel sector"), with the status the sentence gives them."""

from __future__ import annotations

import re
from typing import Any

from . import tables as _data
from .parties import _CAP_WORD_AFTER, _CAP_WORD_BEFORE, _PARTY
from .text import Hit as _Hit
from .text import words_regex as _words_regex

# Cue flags from the keyword scan (see `bot.facts.extract`).
_STRONG, _WEAK = 8, 16

_SECTOR: dict[str, str] = {}  # lower-case surface (or an all-capital acronym) -> canonical
for _canon_s, _surfaces in _data.SECTORS.items():
    for _s in _surfaces:
        _SECTOR[_s if _s.isupper() else _s.lower()] = _canon_s
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
# The list comes before its cue: "identified bus, truck and tractor production as key areas for cooperation".
_SECTOR_AS_CUE = re.compile(
    r"(?<![\w])(?:identified|identify|identifies|named|listed|singled\s+out|highlighted|picked\s+out|"
    r"chose|chosen|selected|earmarked|designated|prioriti[sz]ed|pinpointed)\s+"
    r"(?P<list>[^.;:!?]{3,160}?)\s+as\s+"
    r"(?:the\s+)?(?:(?:(?P<adj>key|main|priority|potential|promising|important|major|new|possible|core|"
    r"prime|strategic|top)|most|two|three|four|five|six)\s+)*(?:areas?|sectors?|fields?)"
    r"(?P<tail>\s+(?:for|of)\s+(?:mutual\s+|bilateral\s+|future\s+|further\s+|joint\s+)?"
    r"(?:cooperation|co-operation|collaboration|partnership|investment|growth|trade))?(?![\w-])"
)
_SECTOR_WEAK_CUE = re.compile(
    r"(?<![\w])(?P<interest>(?:interested|interest|keen|eager)\s+(?:in|on|to)\s+"
    r"(?:(?:leverag|invest|import|export|expand|develop|explor|acquir|tapp|buy|sourc|boost|promot|"
    r"cooperat|collaborat|work|enter)\w*\s+(?:in\s+|on\s+|with\s+|into\s+)?)?(?:the\s+)?)"
    r"|(?<![\w])(?P<together>cooperation|co-operation|collaboration|cooperat(?:e|ing)|co-operat(?:e|ing)|"
    r"collaborat(?:e|ing))\s+(?:in|on)\s+(?:the\s+)?(?:fields?\s+of\s+|areas?\s+of\s+|sectors?\s+of\s+)?"
    r"|(?<![\w])(?:partnership|ties|investments?|invest(?:ing)?|"
    r"joint\s+ventures?|opportunities)\s+(?:in|on)\s+(?:the\s+)?(?:fields?\s+of\s+|areas?\s+of\s+|"
    r"sectors?\s+of\s+)?"
    r"|(?<![\w])focus(?:ing|ed|es)?\s+on\s+(?:the\s+)?"
)
_STRONG_HINTS = "area areas sector sectors field fields industries domains spheres".split()
_WEAK_HINTS = """interested interest keen eager cooperation co-operation collaboration partnership ties
cooperate cooperating co-operate co-operating collaborate collaborating
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
# Plural nouns that are never an industry in a list of cooperation.
_PLURAL_REJECT = frozenset(
    """rates prices issues matters efforts measures policies reforms standards rules regulations barriers
    terms talks relations ties links plans projects programmes programs steps things areas fields sectors
    countries nations governments members partners sides people workers jobs goals targets needs interests
    problems questions concerns affairs activities initiatives ideas views levels ways means results
    years months weeks days figures numbers costs profits losses taxes funds savings assets debts
    loans""".split()
)
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


def _plural_item(value: str) -> bool:
    """A plain plural noun phrase of ordinary words: "tractors", "manned dumpers"."""
    words = value.split()
    last = words[-1]
    return (
        len(words) <= 3
        and all(w.isalpha() and w.islower() and w not in _data.STOP_WORDS for w in words)
        and len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics"))
        and value not in _ITEM_REJECT and last not in _PLURAL_REJECT and words[0] not in _VERB_START
    )


def _accept_item(item: str, strong: bool, *, plural: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """Sector values for one enumerated item; weak cues only yield known sector words (and, in an
    agreed or identified list of cooperation, plain plural nouns: "buses, tractors and manned dumpers")."""
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
    if plural and _plural_item(value):
        return [(value, attrs)]
    found = []
    low_value = value.lower()
    for sm in _SECTOR_LOWER_RE.finditer(low_value):
        if sm.group() not in _GENERIC_SECTOR_WORDS:
            extra = dict(attrs)
            extra.setdefault("phrase", _norm_case(item.replace("\x00", "and")))
            found.append((_SECTOR[sm.group()], extra))
    return found


_LIST_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?$")
_LIST_MARK = re.compile(r"[,&]|(?<![\w-])and(?![\w-])")


def _shared_head_list(text: str, start: int, end: int) -> list[tuple[int, str, str]] | None:
    """Each item of "steel, glass and cement production" (a list sharing one head noun, starting at a
    sector word) as (offset, value, phrase); None when the span is not such a list."""
    span = text[start:end]
    runs = _split_enumeration(span)
    if len(runs) != 1 or len(runs[0]) < 2:
        return None
    items = runs[0]
    *bare, last = items
    head = last.split()[-1].lower()
    if head not in _DIST_HEADS or len(last.split()) != 2:
        return None
    words = [*bare, last.split()[0]]
    if not all(_LIST_WORD.match(w.lower()) and w.lower() not in _data.STOP_WORDS for w in words):
        return None
    found = []
    offset = start
    for item in _distribute_heads(items):
        pos = text.find(item.split()[0], offset)
        offset = max(offset, pos + 1)
        known = _SECTOR.get(item.split()[0].lower())
        norm = (known, {}) if known else _normalise_item(item)
        if norm is None or norm[0].lower() in _ITEM_REJECT:
            continue
        found.append((pos, norm[0], item))
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
        if cue_flags & _STRONG:
            cues += [
                (m, True) for m in _SECTOR_AS_CUE.finditer(low)
                if (m.group("adj") or m.group("tail")) and not _ENUM_STOP.search(m.group("list"))
            ]
        cues.sort(key=lambda c: c[0].start())
        for cue, strong in cues:
            if any(s <= cue.start() < e for s, e in covered):
                continue
            listed_before = cue.re is _SECTOR_AS_CUE
            begin = cue.start("list") if listed_before else cue.end()
            stop = None if listed_before else _ENUM_STOP.search(low, begin)
            finish = cue.end("list") if listed_before else stop.start() if stop else len(text)
            if not text[begin:finish].strip():
                continue
            covered.append((cue.start(), finish))
            interest = not strong and cue.group("interest") is not None
            plural_ok = not strong and not interest and cue.group("together") is not None
            item_status = "interest" if interest else status()
            by = None
            if interest:
                earlier = [p for p in parties if p[1] <= cue.start() and cue.start() - p[1] < 80]
                by = earlier[-1][3] if earlier else None
            offset = begin
            for run in _split_enumeration(text[begin:finish]):
                plural = plural_ok and len(run) > 1 and item_status in ("agreed", "identified")
                for item in _distribute_heads(run):
                    pos = text.find(item.split()[0], offset)
                    pos = pos if pos >= 0 else begin
                    offset = max(offset, pos + 1)
                    for value, attrs in _accept_item(item, strong, plural=plural):
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
        nxt = _SECTOR_NEXT.match(low, end)
        if not (nxt or _SECTOR_PREV.search(low, max(0, start - 60), start)):
            continue
        if text[start].isupper() and start > 0 and (
            _CAP_WORD_BEFORE.search(text, max(0, start - 30), start) or _CAP_WORD_AFTER.match(text, end)
        ):
            continue  # part of a name: "Japan Telecom", "Iraqi Telecommunications and Post Company"
        shared = _shared_head_list(text, start, nxt.end()) if nxt and _LIST_MARK.search(nxt.group()) else None
        if shared and nxt:
            covered.append((start, nxt.end()))
            for pos, value, phrase in shared:
                out.append((pos, value, value.lower(), {"status": "mentioned", "phrase": phrase}))
            continue
        value = _SECTOR[key]  # a passing mention: agreements are only read from cued lists
        out.append((start, value, value.lower(), {"status": "mentioned", "phrase": text[start:end]}))
    return out
