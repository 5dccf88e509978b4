"""Typo correction of questions against the store's own vocabulary (rapidfuzz), and a language check.

Only lower-case words the store has never seen are corrected, each to the nearest stored word
(optimal string alignment distance 1, or 2 for longer words). Among equally near words the one
with the same first letter goes first; then the one the rest of the question is found with in
stored sentences ("what did Nortel revize its profit to": "revise", which Nortel's sentences use,
not the commoner "revive"); then the more frequent one. Numbers, capitalised words and the store's names are
never changed, so "Ryanair", "2004" or "Qatargas-4" stay as typed. A real English word the store
lacks ("say", "covers", "far") is kept when it is common English itself, or unless the stored word
is far more common English ("minster" -> "minister") with the same first letter ("iphone" is
no slip of "phone"); English frequencies come from symspellpy's bundled frequency list.

What a question is about (an owner, "uniluver's"; the subject of its verb; what a role is held at,
"the chief executive of lyft") may be a name the store lacks: it is respelt as a stored name, or as a
word only by a likely slip, and never when it is common English. A stored name typed glued or split
("deutschebank", "ryan air") is read as the name; a short capitalised name alone only by a letter left
out, doubled or swapped ("Iarn", "GPD") and never as a name stored once. A slip of an English word the
store writes only in other forms ("lahded") is that word when no stored word is near.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .entities import FUNCTION_WORDS, Lexicon
from .focus import ROLE_WORDS

__all__ = ["Speller", "Correction", "looks_foreign"]

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?|&|\S")
_DIGIT = re.compile(r"\d")
_CONNECTORS = ("&", "of", "de", "and")
MAX_NAME_WORDS = 5
_CALENDAR = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)


def _bare(token: str) -> str:
    """A token without its possessive ("Lenovo's" -> "Lenovo", "Reuters'" -> "Reuters")."""
    return re.sub(r"['’]s?$", "", token)


def _by_digits(question: str, m: re.Match[str]) -> bool:
    """A word joined to digits ("A380", "Qatargas-4", "737-800s"): an identifier, never respelt."""
    before = question[max(0, m.start() - 2) : m.start()]
    after = question[m.end() : m.end() + 2]
    return bool(re.search(r"\d-?$", before) or re.match(r"-?\d", after))


def _joined(question: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two tokens one space (or nothing but a hyphen) apart: parts of one name."""
    return question[a.end() : b.start()] in (" ",)


def _namelike(token: str, capitalised: bool) -> bool:
    """A word that may be part of a name run: capitalised (or any letters in a lower-case run), or a connector."""
    word = _bare(token)
    if word in _CONNECTORS:
        return True
    if not word[:1].isalpha():
        return False
    return word[0].isupper() if capitalised else word.islower()

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (row, col) for row, keys in enumerate(_KEYBOARD) for col, ch in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    """Whether two letters are next to each other on a QWERTY keyboard (a likely slip of a finger)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    if ra == rb:
        return abs(ca - cb) == 1
    if rb == ra - 1:  # the row above sits half a key to the left: "s" touches "w" and "e"
        return cb in (ca, ca + 1)
    if rb == ra + 1:  # the row below sits half a key to the right: "s" touches "z" and "x"
        return cb in (ca - 1, ca)
    return False


def _slip(typed: str, meant: str) -> int:
    """How likely a typing slip turns `meant` into `typed` (0 likeliest): a letter left out
    ("agre" for "agree", "wort" for "worth"), a letter typed twice ("pricce") or two letters
    swapped ("traed") 0; a neighbouring key hit instead ("revize" for "revise") 1; another letter
    instead 2; an extra letter that repeats none beside it 3. Slips of two letters go by length."""
    if len(meant) == len(typed) + 1:
        return 0
    if len(meant) == len(typed) - 1:
        for i in range(len(typed)):
            if typed[:i] + typed[i + 1:] == meant:
                doubled = (i > 0 and typed[i - 1] == typed[i]) or (i + 1 < len(typed) and typed[i + 1] == typed[i])
                return 0 if doubled else 3
        return 3
    if len(meant) == len(typed):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == meant[diff[1]] \
                and typed[diff[1]] == meant[diff[0]]:
            return 0
        if len(diff) == 1:
            return 1 if _neighbours(typed[diff[0]], meant[diff[0]]) else 2
        return 2
    return 0 if len(meant) > len(typed) else 3


def _likely(typed: str, meant: str) -> bool:
    """Whether `typed` is a likely slip for `meant` in a word a question is about (which may be a name the
    store lacks): a letter left out or doubled, or two letters swapped; in a word of five letters or
    more also a neighbouring key or one vowel for another ("firmers" for "farmers")."""
    slip = _slip(typed, meant)
    if slip == 0 or len(typed) < UNKNOWN_MIN:
        return slip == 0
    if slip == 1:
        return True
    diff = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b] if len(typed) == len(meant) else []
    return len(diff) == 1 and typed[diff[0]] in "aeiou" and meant[diff[0]] in "aeiou"


_WH_WORDS = ("what", "when", "where", "which", "who", "why", "how", "whose", "whom")
# What follows a question word that opens a question: "wen did …", "hwo many …", "wat is …"
_AFTER_WH = re.compile(r"\s+(?:did|does|do|is|was|are|were|will|would|has|have|had|can|could|should|much|many|long|"
                       r"far|big|large|old)\b", re.I)


def _question_word_fix(question: str, tokens: Sequence[re.Match[str]]) -> tuple[int, str] | None:
    """The question word a question opens with, misspelt ("wen did Tate & Lyle join …?", "hwo many …"): its
    token's index and the word meant. A stored word ("Wen", a premier's name) is no name there, since a verb
    such as "did" or "is" follows it as only a question word would. None when the opening is no such slip."""
    first = 1 if len(tokens) > 1 and tokens[0].group().lower() == "and" else 0
    if len(tokens) <= first + 1:
        return None
    typed = tokens[first].group()
    lower = typed.lower()
    if lower in _WH_WORDS or not lower.isalpha() or not 2 <= len(lower) <= 6 or not _AFTER_WH.match(
            question, tokens[first].end()):
        return None  # (a known question word, or no verb after it: "wen jiabao said …" names the premier)
    after = _AFTER_WH.match(question, tokens[first].end())
    how = after is not None and after.group().strip().lower() in ("much", "many", "long", "far", "big", "large", "old")
    meant = next((w for w in (("how",) if how else _WH_WORDS) if _one_slip(lower, w)), None)
    if meant is None:
        return None
    return first, meant.capitalize() if typed[0].isupper() else meant


def _one_slip(typed: str, meant: str) -> bool:
    """Whether one slip turns `meant` into `typed`: a letter left out, two letters swapped, a neighbouring key
    hit instead, or a letter typed twice."""
    if len(typed) == len(meant) - 1:
        return any(meant[:i] + meant[i + 1:] == typed for i in range(len(meant)))
    if len(typed) == len(meant) + 1:
        return any(typed[:i] + typed[i + 1:] == meant and typed[i] in typed[max(0, i - 1):i] + typed[i + 1:i + 2]
                   for i in range(len(typed)))
    return len(typed) == len(meant) and _slip(typed, meant) <= 1


def _two_slips(typed: str, meant: str) -> bool:
    """Whether two likely slips (see `_slip`: a letter left out or doubled, two letters swapped, a
    neighbouring key) turn `meant` into `typed` ("exectuve" for "executive"). Two letters replaced by
    unrelated ones are no slip: "tiktok" is another name than "viktor", "airbnb" than "airbus"; two vowels
    confused are ("prevelance")."""
    from rapidfuzz.distance import OSA

    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
        if len(diff) == 2 and all(typed[i] in "aeiou" and meant[i] in "aeiou" for i in diff):
            return True  # vowels confused, a spelling slip: "prevelance" for "prevalence"
    letters = set(typed)
    steps = {meant[:i] + meant[i + 1:] for i in range(len(meant))}  # a letter left out
    steps |= {meant[:i] + meant[i + 1] + meant[i] + meant[i + 2:] for i in range(len(meant) - 1)}  # swapped
    steps |= {meant[:i] + c + meant[i:] for i in range(len(meant) + 1) for c in letters}  # one more
    steps |= {meant[:i] + c + meant[i + 1:] for i in range(len(meant)) for c in letters if c != meant[i]}
    return any(_slip(x, meant) <= 1 and OSA.distance(typed, x) == 1 and _slip(typed, x) <= 1
               for x in steps if x != meant)


# Words a question may use that stored news rarely does; known, so never "corrected".
QUESTION_VOCABULARY = frozenset(
    """
    what which who whom whose when where why how much many did do does was were is are be been has have
    had can could would should will the a an of in on at to for from by with about and or not tell me
    us please give list show any some there their they it its this that these those as than then so if
    ceo ceos boss bosses chief executive chairman chairwoman minister ministry president head heads
    chair chairs chaired run runs lead leads founded owns own owned
    sector sectors area areas agreed agree agreement signed deal deals profit profits rise fall rose
    fell drop dropped increase decrease much pay paid price cost worth value deficit surplus count
    meetings meeting sessions engagement engagements b2b ok okay hi hello thanks thank yes
    he she him his her hers them we our you your my else other also
    """.split()
)


INTERROGATIVES = frozenset("what which who whom whose when where why how".split())

# What a role is held at: "the chief executive of <ikea>"
HELD_AT = re.compile(r"\b(?:" + "|".join(sorted(ROLE_WORDS)) + r")\s+(?:of|at)\s+$", re.I)

# The subject of a question's verb: "how many subscribers does netflix have", "how much did sales rise",
# "what's dyson making" (a word ending in -ing or -ed after the verb is a verb of its own: "are pooling their",
# "was fined")
SUBJECT = re.compile(r"\b(?:does|did|do|has|have|had|is|was|were|are|will|would|can|could|"
                     r"(?<=what)['’]s|(?<=who)['’]s)\s+"
                     r"(?![a-z-]+(?:ing|ed)\b)([a-z][a-z-]*)\s+(?=[a-z])")

ABOUT_ENGLISH = 500_000  # an owner or subject this common in English is never respelt
UNKNOWN_MIN = 5  # letters: a shorter owner or subject is respelt only by a letter left out, doubled or swapped
SLIP_COST = 2.0  # per step of `_slip`, against the log of how often the store uses a word
LIKELY_MARGIN = 3.0  # candidates this close to the likeliest (in log units) are told apart by context
ENGLISH_RATIO = 20  # a real English word is corrected only to a stored word this many times more common
ONCE_ENGLISH = 100_000  # a stored word seen once is offered as a correction when this common in English
FALLBACK_ENGLISH = 1_000_000  # English words this common are corrections when no stored word is near
KEEP_ENGLISH = 2_000_000  # ... and never when it is common English itself ("far" is no slip of "for")


@functools.cache
def english_counts() -> dict[str, int]:
    """Word -> frequency in English text (symspellpy's 82,765-word list), loaded on first use."""
    path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if count.strip().isdigit():
            counts[word] = int(count)
    return counts


@dataclass(frozen=True, slots=True)
class Correction:
    text: str  # the question with corrections applied
    changes: tuple[tuple[str, str], ...]  # (typed, corrected)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


# How well each candidate word fits the rest of a question: (candidates, the question's other
# words) -> one score per candidate (0: never found with them). Given by the answerer, which can
# search the stored sentences; without it, candidates are told apart by spelling and frequency.
Context = Callable[[Sequence[str], Sequence[str]], Sequence[float]]
CONTEXT_MARGIN = 1.5  # the best candidate's context score must beat every other's by this factor


def _by_context(candidates: Sequence[str], context: Context | None, others: Sequence[str]) -> str | None:
    """The one candidate the question's other words are found with clearly more than with any
    other candidate, or None (no context, no other words, or no clear winner)."""
    if context is None or len(candidates) < 2 or not others:
        return None
    scores = list(context(candidates, others))
    ranked = sorted(zip(scores, candidates), key=lambda t: -t[0])
    (best, word), runner_up = ranked[0], ranked[1][0]
    if best > 0 and best >= CONTEXT_MARGIN * runner_up and best > runner_up:
        return word
    return None


class Speller:
    """Corrects question words to the store's vocabulary; built lazily from the lexicons."""

    MIN_COUNT = 2  # a word seen once in the store may itself be a typo: not offered as a correction

    def __init__(self, lexicons: Sequence[Lexicon], context: Context | None = None,
                 stored_stem: Callable[[str], bool] | None = None) -> None:
        self.lexicons = [lx for lx in lexicons if lx is not None]
        self.context = context
        self.stored_stem = stored_stem  # whether the store holds every stem of an English word ("landed")
        self._english: list[str] | None = None
        self._choices: list[str] | None = None
        self._counts: dict[str, int] = {}
        self._names_by_length: dict[int, list[str]] = {}
        self._names_by_word: dict[tuple[int, int, str], list[str]] = {}
        self._glued_names: dict[str, str] | None = None

    def known(self, word: str) -> bool:
        return word in QUESTION_VOCABULARY or any(lx.count(word) for lx in self.lexicons)

    def _vocabulary(self) -> list[str]:
        if self._choices is None:
            counts: dict[str, int] = {}
            lower: dict[str, int] = {}
            for lx in self.lexicons:
                for word, (n, low) in lx.words.items():
                    if "'" not in word and len(word) > 1:
                        counts[word] = counts.get(word, 0) + n
                        lower[word] = lower.get(word, 0) + low
                    elif word.endswith("'s") and len(word) > 5 and n >= self.MIN_COUNT and lx.is_name(word[:-2]):
                        # a name the store writes with its "'s" ("McDonald's"), offered as typed: "mcdonlads"
                        counts[word] = counts.get(word, 0) + n
            for word in QUESTION_VOCABULARY:
                counts[word] = counts.get(word, 0) + self.MIN_COUNT
            english = english_counts()
            names = set(self._names(1)) - _CALENDAR
            # a word seen once may be a typo of the store's own, unless it is one of the store's longer names
            # ("Activision", named once in a title; not "McDonalds" beside "McDonald's"; not "STMC", which
            # an unknown "tsmc" would be read as) or an English word of five letters or more written in lower
            # case ("smokers"; not "tub", which "tsb" would be read as)
            self._counts = {w: n for w, n in counts.items()
                            if n >= self.MIN_COUNT
                            or (len(w) > 4 and w in names and f"{w[:-1]}'s" not in counts)
                            or (len(w) > 4 and english.get(w, 0) >= ONCE_ENGLISH and lower.get(w, 0) > 0.5 * n)}
            self._choices = list(self._counts)
        return self._choices

    def _is_name(self, word: str) -> bool:
        return any(lx.is_name(word) for lx in self.lexicons)

    def suggest(self, word: str, others: Sequence[str] = (), opening: bool = False) -> str | None:
        """The stored word `word` was most likely meant to be, or None. `others`: the question's
        other words, which tell equally near candidates apart (see `Context`)."""
        from rapidfuzz import process  # imported on the first unknown word: most questions have none
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) <= 5 else 2
        choices = self._vocabulary()
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        found = [c for c in found if c[1] < 2 or _two_slips(word, c[0])]
        if not found or min(c[1] for c in found) > 1:
            # nothing stored within one slip: a common English word one slip away whose stems are stored
            nearer = self._suggest_english(word)
            if nearer or not found:
                return nearer
        # nearest first; then the same first letter; then the likelier word: a common word
        # typed with a likely slip (see `_slip`) before a rare one; among those about as likely,
        # the one the rest of the question goes with in stored sentences
        def tier(c: tuple[str, float, int]) -> tuple[float, bool]:
            return c[1], c[0][:1] != word[:1]

        top = min(tier(c) for c in found)
        near = [c[0] for c in found if tier(c) == top]
        likely = {w: math.log(self._counts[w]) - SLIP_COST * _slip(word, w) for w in near}
        best = max(near, key=lambda w: (likely[w], w))
        # (a stored name as near as a far commoner word is told apart by context too: "the bein bribery
        # case" is Benin's, not "being")
        close = sorted(w for w in near if likely[w] >= likely[best] - LIKELY_MARGIN or self._is_name(w))
        asking = [w for w in near if w in INTERROGATIVES]
        if opening and len(asking) == 1:
            best = asking[0]  # a question opens with a question word: "Whit price did …" is "What price"
        elif not any(w in FUNCTION_WORDS for w in close):  # (the rest of a question tells no "what" from "who")
            best = _by_context(close, self.context, others) or best
        english = english_counts()
        typed = english.get(word, 0)
        if typed and (typed >= KEEP_ENGLISH or english.get(best, 0) < ENGLISH_RATIO * typed):
            return None  # a real word in its own right ("say" is not a typo of "pay", "far" not of "for")
        if typed and best[:1] != word[:1]:
            return None  # a word of English text is rarely a slip at its first letter ("iphone" is no "phone")
        return best

    def _suggest_english(self, word: str) -> str | None:
        """The common English word `word` is one likely slip from (see `_slip`) when no stored word is
        near and the store holds that word's stems in other forms ("lahded": "landed", stored as
        "land", "landing"), the likeliest by English frequency; None when there is none, or several
        about as likely."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self.stored_stem is None or len(word) < UNKNOWN_MIN or english_counts().get(word, 0):
            return None
        english = english_counts()
        if self._english is None:
            # (an adverb of a stored word is rarer English than its word: "fluently", beside "fluent")
            self._english = [w for w, n in english.items() if len(w) >= UNKNOWN_MIN - 1 and (
                n >= FALLBACK_ENGLISH or (n >= ONCE_ENGLISH and w.endswith("ly")))]
        found = [w for w, _d, _i in process.extract(word, self._english, scorer=OSA.distance, score_cutoff=1, limit=None)
                 if w[:1] == word[:1] and _slip(word, w) <= 1]
        found = sorted((w for w in found if self.stored_stem(w)), key=lambda w: -english[w])
        if not found or (len(found) > 1 and math.log(english[found[0]]) - math.log(english[found[1]]) < LIKELY_MARGIN):
            return None
        return found[0]

    def _names(self, n: int) -> list[str]:
        """The store's whole names of `n` words (name keys), and for one word also the month and
        day names (capitalised words that are not names: "Octobr" -> "October")."""
        if n not in self._names_by_length:
            keys = {k for lx in self.lexicons for k in lx.names if k.count(" ") + 1 == n and not _DIGIT.search(k)}
            if n == 1:
                keys |= _CALENDAR
            self._names_by_length[n] = sorted(keys)
            for key in keys:
                for pos, part in enumerate(key.split()):
                    self._names_by_word.setdefault((n, pos, part), []).append(key)
        return self._names_by_length[n]

    def _shown(self, key: str) -> str:
        for lx in self.lexicons:
            if key in lx.display:
                return lx.display[key]
        return key.capitalize()

    def suggest_name(self, words: Sequence[str], unknown: Sequence[bool], proper: bool = True,
                     others: Sequence[str] = ()) -> str | None:
        """The one stored whole name `words` (a run of a question's words) was most likely meant to
        be: as many words, every known word as typed, every unknown word a slip or two from the
        name's word (one for up to eight letters, two beyond; words of four letters or fewer only
        beside a known word of the name, and only with two letters swapped: "ABN Amor", "LG Crad"). Several names equally near: the one that keeps the typed first letters
        when only one does, else the one the question's `others` words are clearly found with in
        stored sentences (see `Context`), else None (a name is never guessed). With `proper`
        False (a lower-case run), only names with a word the store writes capitalised."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        keys = [w.lower().replace("’", "'") for w in words]
        anchored = len(keys) > 1 and not all(unknown)  # a known word holds the run to the store's names
        alone = len(keys) == 1 and len(keys[0]) <= 4  # a short name alone ("Iarn", "GPD", "WTOo")
        if alone and english_counts().get(keys[0], 0):
            return None  # (not an English word itself: "Mali" is no slip of "Mail")
        if not any(unknown) or any(u and ((len(k) <= 4 and not anchored and not alone)
                                          or not k.replace("-", "").isalpha())
                                   for k, u in zip(keys, unknown)):
            return None
        n = len(keys)
        names = self._names(n)
        known = [(pos, k) for pos, (k, u) in enumerate(zip(keys, unknown)) if not u]
        if known:
            pos, word = known[0]
            candidates = self._names_by_word.get((n, pos, word), [])
        else:
            limit = sum(1 if len(k) <= 5 else 2 for k in keys)
            candidates = [c for c, _d, _i in process.extract(" ".join(keys), names, scorer=OSA.distance,
                                                              score_cutoff=limit, limit=None)]
        best: list[tuple[int, str]] = []
        for name in candidates:
            parts = name.split()
            total = 0
            for typed, part, slip in zip(keys, parts, unknown):
                if not slip:
                    if typed != part:
                        break
                    continue
                limit = 1 if len(typed) <= 8 else 2
                d = OSA.distance(typed, part, score_cutoff=2)
                if d == 2 and limit == 1 and len(typed) > 5 and _two_slips(typed, part):
                    limit = 2  # two likely slips in a word of six letters or more: "Borrusia" for "Borussia"
                if d > limit or (len(typed) <= 4 and _slip(typed, part) > 0):
                    break  # (a short word only with a letter left out or doubled, or two swapped: "ABN Amor")
                total += d
            else:
                if alone and sum(lx.count(name) for lx in self.lexicons) < self.MIN_COUNT:
                    continue  # a short name alone is read as a name the store uses more than once ("STMC")
                if proper or any(not lx.mostly_lower(p) for p in parts for lx in self.lexicons if lx.count(p)):
                    best.append((total, name))
        if not best:
            return None
        least = min(d for d, _ in best)
        found = sorted({name for d, name in best if d == least})
        if len(found) > 1:
            initials = [w[:1] for w in keys]
            same = [name for name in found if [p[:1] for p in name.split()] == initials]
            found = same or found
        if len(found) > 1:
            chosen = _by_context(found, self.context, others)
            found = [chosen] if chosen else found
        return self._shown(found[0]) if len(found) == 1 else None

    def correct(self, question: str, protected: Iterable[str] = ()) -> Correction:
        """`question` with its unknown words replaced by the store's: a lower-case word by its
        nearest stored word, a capitalised word (with the capitalised words around it) by the one
        stored whole name it is a slip from. Numbers, words joined to digits ("A380", "Qatargas-4")
        and known words and names stay as typed."""
        keep = {p.lower() for p in protected}
        tokens = list(_TOKEN.finditer(question))
        replaced: dict[int, tuple[int, str]] = {}  # first token index -> (last token index, replacement)
        changes: list[tuple[str, str]] = []
        opening = _question_word_fix(question, tokens)
        if opening is not None:
            replaced[opening[0]] = (opening[0], opening[1])

        def unknown(i: int) -> bool:
            word = _bare(tokens[i].group())
            lower = word.lower().replace("’", "'")
            return (
                word.isascii()
                and word.replace("-", "").replace("'", "").replace("’", "").isalpha()
                and lower not in keep
                and not self.known(lower)
                and not any(lx.is_name(lower) for lx in self.lexicons)
                and not _by_digits(question, tokens[i])
            )

        context: list[str] | None = None
        subjects = {s.start(1) for s in SUBJECT.finditer(question)}

        def others() -> list[str]:
            """The question's words as typed that are not themselves unknown (and its numbers)."""
            nonlocal context
            if context is None:
                context = [_bare(t.group()) for j, t in enumerate(tokens) if t.group()[:1].isalpha() and not unknown(j)]
                context += re.findall(r"\d[\d.,]*\d|\d", question)
            return context

        i = 0
        while i < len(tokens):
            m = tokens[i]
            word = _bare(m.group())
            if i in replaced or not unknown(i) or len(word) < 3:
                i += 1
                continue
            first = not question[: m.start()].strip()
            capital = word[0].isupper() and not (first and word[1:].islower())
            fix: tuple[int, int, str] | None = None
            lower = word.lower()
            fix = self._glued_fix(tokens, i, unknown)
            if fix is not None:
                lo, hi, text = fix
                for j in [j for j in replaced if lo <= j <= hi]:
                    del replaced[j]
                replaced[lo] = (hi, text)
                i = hi + 1
                continue
            # an "X's" owns something, and an English word as the subject of the verb is what the question
            # is about ("how many stores does ikea have"): most likely names, respelt as one of the store's
            # names ("uniluver's"), or as a word only by a likely slip (see `_slip`) of five letters or more
            about = word != m.group() or m.start() in subjects or bool(HELD_AT.search(question[: m.start()]))
            if about and not capital and english_counts().get(lower, 0) >= ABOUT_ENGLISH:
                i += 1  # a common English word named as what is asked about is a name the store lacks
                continue  # ("how many comics does marvel sell" is not asked of a stored "Marvell")
            if capital or not first:
                fix = self._name_fix(question, tokens, i, unknown, others, alone=about)
            if fix is None and not capital and "-" in lower:
                fix = self._hyphenated_fix(lower, i, others())
            if fix is None and not capital:
                single = self.suggest(lower, others(), opening=first)
                if about and single and not _likely(lower, single):
                    single = None  # ("ikea" is not asked of an "idea", nor "lyft" of "left", nor "amd" of "and")
                if single and single != lower and len(single) > 2:  # ("byd" is not a slip for "by")
                    fix = (i, i, single.capitalize() if word[0].isupper() else single)
            if fix is None:
                i += 1
                continue
            lo, hi, text = fix
            typed = question[tokens[lo].start() : tokens[hi].start() + len(_bare(tokens[hi].group()))]
            if text != typed:
                for j in list(replaced):
                    if lo <= j <= hi:
                        del replaced[j]
                replaced[lo] = (hi, text)
            i = hi + 1
        out: list[str] = []
        last = 0
        for lo in sorted(replaced):
            hi, text = replaced[lo]
            start = tokens[lo].start()
            end = tokens[hi].start() + len(_bare(tokens[hi].group()))
            changes.append((question[start:end], text))
            out.append(question[last:start])
            out.append(text)
            last = end
        out.append(question[last:])
        return Correction("".join(out), tuple(changes))

    def _hyphenated_fix(self, lower: str, i: int, context: list[str]) -> tuple[int, int, str] | None:
        """A hyphenated word the store lacks with a slip in one part ("pasenger-only"): each unknown part respelt as
        the store's word, the known parts kept; None unless every unknown part has a respelling."""
        parts = lower.split("-")
        fixed = []
        for part in parts:
            if len(part) < 3 or self.known(part):
                fixed.append(part)
                continue
            respelt = self.suggest(part, context)
            if not respelt or respelt == part or len(respelt) < 3:
                return None
            fixed.append(respelt)
        return (i, i, "-".join(fixed)) if fixed != parts else None

    def _glued(self) -> dict[str, str]:
        """Stored names of several words written as one, and their keys ("generalmotors": "general motors")."""
        if self._glued_names is None:
            self._glued_names = {}
            for n in range(2, 4):
                for key in self._names(n):
                    if all(part.isalpha() for part in key.split()):
                        self._glued_names.setdefault(key.replace(" ", ""), key)
        return self._glued_names

    def _glued_fix(self, tokens: list[re.Match[str]], i: int, unknown: Callable[[int], bool]) -> tuple[int, int, str] | None:
        """A stored name typed without its spaces ("deutschebank", "standardlife's"), or a stored one-word
        name typed in two parts, one of them unknown ("ryan air", "eric sson"): (first token, last token, the
        name as the store writes it). Only as typed otherwise: a name split or glued is not also misspelt."""
        word = _bare(tokens[i].group()).lower()
        if len(word) >= 6 and word.isalpha():
            key = self._glued().get(word)
            if key is not None:
                return i, i, self._shown(key)
        for lo in (i - 1, i):  # joined with the word before it ("eric sson", "bar clays'"), or after it
            if lo < 0 or lo + 1 >= len(tokens) or tokens[lo].end() + 1 != tokens[lo + 1].start() \
                    or tokens[lo].group() != _bare(tokens[lo].group()):
                continue
            joined = (_bare(tokens[lo].group()) + _bare(tokens[lo + 1].group())).lower()
            if len(joined) >= 6 and joined.isalpha() and any(lx.is_name(joined) for lx in self.lexicons):
                return lo, lo + 1, self._shown(joined)
        return None

    def _name_fix(self, question: str, tokens: list[re.Match[str]], i: int, unknown,  # type: ignore[no-untyped-def]
                  others: Callable[[], list[str]], alone: bool = False) -> tuple[int, int, str] | None:
        """The stored whole name the run of name-like words around token `i` was meant to be:
        (first token, last token, the name as the store writes it). Longest runs first, so
        "Standard Charterd" is read as "Standard Chartered", never as "Standard Charter"."""
        run_lo = run_hi = i
        capitalised = _bare(tokens[i].group())[:1].isupper()
        while run_lo > 0 and _joined(question, tokens[run_lo - 1], tokens[run_lo]) and _namelike(
                tokens[run_lo - 1].group(), capitalised):
            run_lo -= 1
        while run_hi + 1 < len(tokens) and _joined(question, tokens[run_hi], tokens[run_hi + 1]) and _namelike(
                tokens[run_hi + 1].group(), capitalised) and not tokens[run_hi].group().endswith(("'s", "’s", "'", "’")):
            run_hi += 1
        for size in range(min(run_hi - run_lo + 1, MAX_NAME_WORDS), 0, -1):
            if size == 1 and not capitalised and not alone:
                break  # a lower-case word alone is an ordinary word (unless `alone`: an owner or subject)
            for lo in range(max(run_lo, i - size + 1), min(i, run_hi - size + 1) + 1):
                span = range(lo, lo + size)
                words = [_bare(tokens[j].group()) for j in span]
                if words[0] in _CONNECTORS or words[-1] in _CONNECTORS:
                    continue
                name = self.suggest_name(words, [unknown(j) for j in span], proper=capitalised, others=others())
                if name:
                    return lo, lo + size - 1, name
        return None

    def unknown_share(self, question: str) -> tuple[float, int]:
        """Share of a question's alphabetic words the store (or English question wording) lacks."""
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
        if not words:
            return 0.0, 0
        unknown = sum(not self.known(w) for w in words)
        return unknown / len(words), len(words)


# Function words of other languages that English questions do not use.
_FOREIGN = frozenset(
    """
    qué que cuál cuáles cuánto cuántos cuántas quién dónde cómo por los las del el la una unos sectores
    acordaron entre y es son fue fueron está están quels quelle quelles quel combien qui où pourquoi
    les des est sont été une entre avec pour dans welche welcher welches wie wieviel wer wann warum
    und der die das ist sind wurden mit für zwischen quais qual quanto quem onde porque não são foram
    com para entre quale quali quanto chi dove perché sono il di che con per tra settori
    """.split()
)


def looks_foreign(question: str, speller: Speller | None = None) -> bool:
    """Whether `question` is plainly not English: another script, or other languages' function words."""
    letters = [c for c in question if c.isalpha()]
    if not letters:
        return False
    non_latin = sum(not ("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f") for c in letters)
    if non_latin / len(letters) > 0.5:
        return True
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
    foreign = sum(w in _FOREIGN for w in words)
    if foreign >= 2 and foreign / max(len(words), 1) >= 0.25:
        if speller is None:
            return True
        share, _n = speller.unknown_share(question)
        return share >= 0.3 or foreign / len(words) >= 0.4
    return False
