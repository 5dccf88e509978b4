"""Events: talks, visits, meetings, agreements, tariffs and the like, with their stage
(planned, held, signed...), their name and whom a visit went to."""

from __future__ import annotations

import re
from typing import Any

from . import tables as _data
from .text import Hit as _Hit

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
    r"participated|there\s+have\s+been|there\s+were|there\s+was|"
    r"(?:have|has|had)\s+(?:also\s+)?met\s+(?:in|for|at))"
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
_B2B_STRICT = frozenset({"business-to-business", "b2b", "(b2b)"})
_B2B_KINDS = frozenset({"talks", "meeting", "session", "forum", "conference"})
# Units that carry the count of the event after "of": "three rounds of talks".
_COUNTED_UNITS = frozenset("rounds sets series cycles sessions".split())
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
        if kind in _B2B_KINDS and any(x.lower() in _B2B_STRICT for x in mods):
            kind = "b2b"  # "business-to-business talks" are B2B engagements
        if kind == "session" and "trading" in low[max(0, start - 9) : start]:
            continue
        j = i
        while j >= 0 and tokens[j].lower() in _EVENT_FILLERS:
            j -= 1
        if j >= 1 and tokens[j].lower() == "of" and tokens[j - 1].lower() in _COUNTED_UNITS:
            j -= 2  # "three rounds of talks": the count is on the rounds
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
