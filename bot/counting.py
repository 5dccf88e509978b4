"""Reading counts in a sentence: whether a number in it may count the thing a "how many …?" question asks,
or plainly counts something else ("4,500 Mini-workers", "four times as many", "one in six cars")."""

from __future__ import annotations

import re

from .entities import FUNCTION_WORDS
from .focus import Focus
from .ranking import NTH_TIME, TIME_UNITS, _count_nouns
from .retrieval import TEENS

# a number that may count something: not a year, a sum of money nor a share ("one" is too often no number:
# "one of the biggest", "only one network")
_A_NUMBER = re.compile(r"(?<![£$€¥\d.,])(?<![£$€¥] )\b(?!(?:19|20)\d\d\b)\d[\d,.]*(?!\d)(?![\d.,]*\s*(?:%|per ?cent|bn\b|m\b|"
                       r"euros?\b|dollars?\b|pounds?\b|yen\b|yuan\b|p\b|cents?\b))|\b(?:two|three|four|five|six|seven|"
                       rf"eight|nine|ten|eleven|twelve|{TEENS}|"
                       r"twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?|millions?|"
                       r"billions?)\b|(?<![\w-])(?<!first )(?<!second )(?<!third )(?<!fourth )(?<!final )(?<!last )"
                       r"(?:half|third|quarter)\b", re.I)  # (not a period: "fourth-quarter profits", "the first half")


# A stretch of time: "three days", "a 12-week stay", "two and a half years"
SPAN = re.compile(r"(?<![\w.])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   r"fifteen|twenty|thirty|forty|fifty|sixty|hundred)(?:[\s-]+(?:and\s+a\s+half\s+|full\s+)?)"
                   rf"(?:{'|'.join(TIME_UNITS)})s?\b", re.I)


_NUMBER_IN_NAME = re.compile(r"\b(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Twenty|Hundred|Thousand)"
                             r"(?=\s+[A-Z])|"
                             # (and a number naming a part of a text: "section 404", "Article 9", "chapter 11")
                             r"\b(?:[Ss]ection|[Aa]rticle|[Cc]hapter|[Cc]lause|[Rr]ule)\s+\d+[A-Za-z]?\b")


# A number of times (not a multiple: "four times as many", "three times higher")
_TIMES_COUNTED = re.compile(r"\b(?:\d+|once|twice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
                            r"many|a\s+dozen)\s+times\b(?!\s+(?:as|more|less|higher|lower|bigger|larger|greater|the|over))",
                            re.I)


def counts_any(text: str, focus: Focus) -> bool:
    """Whether `text` holds a number that may count the asked thing: any count (`_A_NUMBER`), or a number
    the counted word follows, whatever its kind ("102.55 yen" asked in yen)."""
    counted = _count_nouns(focus)
    nouns = "|".join(re.escape(n) for n in sorted(counted) if n)
    text = _NUMBER_IN_NAME.sub(" ", text)  # "Four Seasons", "Three Gorges": names, not counts
    named = {w for key in focus.entities for w in key.split()}
    # (the words before the counted one, "fixed telephone" of "fixed telephone lines")
    modifiers = frozenset(w for w in focus.count_noun[:-1] if w.rstrip("s") != focus.count_noun[-1].rstrip("s"))
    sure = bool(focus.count_noun) and not set(focus.count_noun) & named  # (the thing counted, no name's words)
    if "times" in focus.count_noun and NTH_TIME.search(text):
        return True  # "it is the sixth time in three years …"
    if focus.count_noun and focus.count_noun[-1].lower() == "times":
        # "how many times …?" is counted only by a number of times ("raised rates five times"), not by the
        # growth rate of a sentence beside it ("… grew 1.4% last year")
        return _TIMES_COUNTED.search(text) is not None
    if focus.count_noun and focus.count_noun[-1].lower().rstrip("s") in TIME_UNITS:
        # "how many days did the strike last?": a number counts days only with a unit of time after it ("a
        # three-day strike", "for 12 days"), never "a strike by about 400,000 public sector workers"
        return SPAN.search(text) is not None
    if any(not (_counts_another(text, m, counted | set(focus.count_noun)) or sure and (
            _counts_other(text, m.end(), counted, modifiers) or _share_or_joined(text, m, counted)))
           for m in _A_NUMBER.finditer(text)):
        return True
    single = "|".join(re.escape(n[:-1] if n.endswith("s") else n) for n in sorted(counted) if len(n) > 3)
    if single and re.search(rf"\b(?:only|just)\s+one\s+(?:[\w&-]+\s+){{0,2}}(?:{single})\b|\ba\s+single\s+"
                            rf"(?:[\w&-]+\s+){{0,2}}(?:{single})\b", text, re.I):
        return True  # "only one senior official … is to attend" counts officials: one
    # ("about 113.5m ounces" counts ounces too)
    return bool(nouns) and re.search(rf"\d[\d,.]*(?:m|bn|k)?\s+(?:[\w&-]+\s+){{0,2}}(?:{nouns})[a-z]{{0,4}}(?![\w-])", text, re.I) is not None


COUNTED_REACH = 3  # (`_counts_other`) how many words after a number may name what it counts
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


def _share_or_joined(text: str, m: re.Match[str], counted: set[str]) -> bool:
    """Whether a number is a share ("more than half of all graduates") or joined to another word ("the 35-year-old
    airline"): no count of the passengers or women asked."""
    if m.group().lower() in ("half", "third", "quarter") and re.match(r"\s+of\b", text[m.end():]):
        return True
    joined = re.match(r"-([a-z]+)", text[m.end():])  # (but "a 45,000-seater arena" counts seats)
    if joined is not None and joined.group(1) in _ROUGH_COUNT:
        return False  # "the 200-plus banks", "some 30-odd firms": a rough count of what follows
    return joined is not None and not any(joined.group(1).startswith(n.rstrip("s")) for n in counted if n)


_ROUGH_COUNT = frozenset({"plus", "odd", "strong"})


_COMPOUND_NEXT = re.compile(r"\s+([A-Za-z][A-Za-z]*(?:-[A-Za-z]+)+)\b")


_TIMES_NEXT = re.compile(r"\s+times\b", re.I)
# A number right after a name, within a sentence, is part of it: "the Mini Cooper 1.6", "Boeing 747"
_NAME_BEFORE = re.compile(r"(?<=\S)\s+[A-Z][A-Za-z]*\s+$")
_ONE_IN_BEFORE = re.compile(r"\b(?:one|1)\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.I)
_OF_US_NEXT = re.compile(r"\s+of\s+(?:us|you)\b", re.I)
_WHO_WE_ARE = {"people", "person", "user", "customer", "consumer", "shopper", "adult", "household", "voter", "citizen",
               "reader", "viewer", "listener", "subscriber", "member", "worker", "employee", "taxpayer", "investor",
               "saver", "borrower", "homeowner", "motorist", "passenger", "traveller", "visitor", "briton"}


def _counts_another(text: str, m: re.Match[str], counted: set[str]) -> bool:
    """Whether a number plainly counts no asked thing, even when the thing asked is also a name ("how many
    Minis"): "four times as many" is a multiple, "one in six cars" a share, "4,500 Mini-workers" counts workers."""
    end = m.end()
    if _ONE_IN_BEFORE.search(text, 0, m.start()) or _NAME_BEFORE.search(text, 0, m.start()):
        return True
    if _TIMES_NEXT.match(text, end):
        return "times" not in counted
    if _OF_US_NEXT.match(text, end):
        return not {n.rstrip("s") for n in counted} & _WHO_WE_ARE  # "used by millions of us": people, not cards
    compound = _COMPOUND_NEXT.match(text, end)
    return compound is not None and _counts_other(text, end, counted)


def _counts_other(text: str, end: int, counted: set[str], modifiers: frozenset[str] = frozenset()) -> bool:
    """Whether the number ending at `end` counts some other thing, named right after it: "the two firms said",
    "oversubscribed 16.2 times", asked how many patients or planes."""
    singular = {n.rstrip("s") for n in counted}
    compound = _COMPOUND_NEXT.match(text, end)
    if compound is not None:
        # "4,500 Mini-workers" counts workers: a compound's last part is what it counts, whatever it opens with
        head = compound.group(1).lower().rsplit("-", 1)[-1]
        return len(head) > 3 and head.endswith("s") and head.rstrip("s") not in singular
    for _ in range(COUNTED_REACH):  # ("two telephone licences": the plural after the words describing it)
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return False
        word = m.group(1).lower()
        if word in modifiers:  # ("two telephone licences", asked how many telephone lines: the licences are counted)
            end = m.end()
            continue
        if word.rstrip("s") in singular or any(word.startswith(n) for n in singular if len(n) > 3):
            return False
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "ous", "us", "is")):
            return True
        if word in FUNCTION_WORDS:
            return False
        end = m.end()
    return False
