"""The stance a question or a clause takes towards an offer, a proposal or a deal: taken up ("accepted",
"agreed to", "signed up to") or turned down ("declined", "rejected", "refused"), with a negation
turning one into the other ("did not accept" is a refusal).

A list of parties asked with a stance ("which countries turned down the debt freeze?") is made only of
the parties of clauses that take that stance: "Indonesia, Sri Lanka and the Seychelles accepted the
offer" lists no country that declined it, however well it matches the question's other words.
The words are general business English, not any one story's.
"""

from __future__ import annotations

import re

__all__ = ["ACCEPT", "REFUSE", "stance", "clause_stances"]

ACCEPT = 1
REFUSE = -1

_ACCEPTS = re.compile(
    r"\b(?:accept(?:s|ed|ing)?|agree(?:s|d|ing)?\s+to|approv(?:e|es|ed|ing)|endors(?:e|es|ed|ing)|"
    r"welcom(?:e|es|ed|ing)|embrac(?:e|es|ed|ing)|ratif(?:y|ies|ied|ying)|"
    r"(?:take|takes|took|taken|taking)\s+up|(?:sign|signs|signed|signing)\s+up|"
    r"opt(?:s|ed)?\s+in(?:to)?|(?:vote|votes|voted|voting)\s+for)\b", re.I)
# "declined" is a refusal only with what is declined or "to" after it: "exports declined by 5%" is a fall
_REFUSES = re.compile(
    r"\b(?:declin(?:e|es|ed|ing)\s+(?=to\b|the\b|an?\b|its\b|their\b|this\b|that\b|such\b|any\b)|"
    r"reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|rebuff(?:s|ed|ing)?|spurn(?:s|ed|ing)?|snub(?:s|bed|bing)?|"
    r"veto(?:es|ed|ing)?|shun(?:s|ned|ning)?|"
    r"(?:turn|turns|turned|turning)\s+(?:\w+\s+)?down|(?:opt|opts|opted|opting)\s+out|"
    r"(?:pull|pulls|pulled|pulling)\s+out|(?:walk|walks|walked|walking)\s+away|"
    r"(?:vote|votes|voted|voting)\s+against|(?:say|says|said)\s+no\b)", re.I)
# a negation shortly before the verb turns its stance round ("did not accept", "have yet to sign up")
_NEGATED = re.compile(r"(?:\b(?:not|never|no longer|yet to|(?:refus|declin|fail)\w*\s+to)|n['’]t)\s+(?:\w+\s+){0,2}$",
                      re.I)
# what is declined is no offer: "declined to comment", "refused to say"
_NO_OFFER = re.compile(r"\s*(?:to\s+)?(?:comment|say|elaborate|disclose|confirm|discuss|give\s+details|be\s+drawn)\b", re.I)
_CLAUSE = re.compile(r"\s*(?:;|:|,?\s+(?:but|while|whereas|although|though)\s+|,\s+with\s+|"
                     r",\s+(?:and\s+)?(?=(?:it|he|she|they|we|which|who)\s))", re.I)


def _of(text: str) -> int:
    """The stance of one clause: ACCEPT, REFUSE, or 0 (none, or both)."""
    found = set()
    for pattern, sign in ((_ACCEPTS, ACCEPT), (_REFUSES, REFUSE)):
        for m in pattern.finditer(text):
            if sign == REFUSE and _NO_OFFER.match(text, m.end()):
                continue
            found.add(-sign if _NEGATED.search(text[: m.start()]) else sign)
    return found.pop() if len(found) == 1 else 0


def stance(text: str) -> int:
    """The stance a question takes: "which countries turned down …" -> REFUSE; "which have not
    accepted …" -> REFUSE; "which accepted …" -> ACCEPT; no such verb -> 0."""
    return _of(text)


def clause_stances(text: str) -> list[tuple[int, int, int]]:
    """(start, end, stance) of each clause of a sentence that takes a stance: "Indonesia accepted the
    offer, but Thailand declined it" -> the first clause ACCEPT, the second REFUSE."""
    out = []
    start = 0
    for m in list(_CLAUSE.finditer(text)) + [None]:
        end = m.start() if m is not None else len(text)
        if end > start:
            s = _of(text[start:end])
            if s:
                out.append((start, end, s))
        if m is not None:
            start = m.end()
    return out
