"""Typo correction of questions against the store's own vocabulary (rapidfuzz), and a language check.

Only lower-case words the store has never seen are corrected, each to the nearest stored word
(optimal string alignment distance 1, or 2 for longer words; ties go to the more frequent word and
to the one with the same first letter). Numbers, capitalised words and the store's names are
never changed, so "Ryanair", "2004" or "Qatargas-4" stay as typed. A real English word the store
lacks ("say", "covers") is kept unless the stored word is far more common English ("minster" ->
"minister"); English frequencies come from symspellpy's bundled frequency list.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .entities import Lexicon

__all__ = ["Speller", "Correction", "looks_foreign"]

_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*|\S")

# Words a question may use that stored news rarely does; known, so never "corrected".
QUESTION_VOCABULARY = frozenset(
    """
    what which who whom whose when where why how much many did do does was were is are be been has have
    had can could would should will the a an of in on at to for from by with about and or not tell me
    us please give list show any some there their they it its this that these those as than then so if
    ceo ceos boss bosses chief executive chairman chairwoman minister ministry president head heads
    sector sectors area areas agreed agree agreement signed deal deals profit profits rise fall rose
    fell drop dropped increase decrease much pay paid price cost worth value deficit surplus count
    meetings meeting sessions engagement engagements b2b ok okay hi hello thanks thank yes
    """.split()
)


ENGLISH_RATIO = 20  # a real English word is corrected only to a stored word this many times more common


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


class Speller:
    """Corrects question words to the store's vocabulary; built lazily from the lexicons."""

    MIN_COUNT = 2  # a word seen once in the store may itself be a typo: not offered as a correction

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.lexicons = [lx for lx in lexicons if lx is not None]
        self._choices: list[str] | None = None
        self._counts: dict[str, int] = {}

    def known(self, word: str) -> bool:
        return word in QUESTION_VOCABULARY or any(lx.count(word) for lx in self.lexicons)

    def _vocabulary(self) -> list[str]:
        if self._choices is None:
            counts: dict[str, int] = {}
            for lx in self.lexicons:
                for word, (n, _lower) in lx.words.items():
                    if "'" not in word and len(word) > 1:
                        counts[word] = counts.get(word, 0) + n
            for word in QUESTION_VOCABULARY:
                counts[word] = counts.get(word, 0) + self.MIN_COUNT
            self._counts = {w: n for w, n in counts.items() if n >= self.MIN_COUNT}
            self._choices = list(self._counts)
        return self._choices

    def suggest(self, word: str) -> str | None:
        """The stored word `word` was most likely meant to be, or None."""
        from rapidfuzz import process  # imported on the first unknown word: most questions have none
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) <= 5 else 2
        choices = self._vocabulary()
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        best = min(found, key=lambda c: (c[1], c[0][:1] != word[:1], -self._counts[c[0]], c[0]))[0]
        english = english_counts()
        typed = english.get(word, 0)
        if typed and english.get(best, 0) < ENGLISH_RATIO * typed:
            return None  # a real word in its own right ("say" is not a typo of "pay")
        return best

    def suggest_name(self, word: str) -> str | None:
        """A stored name one transposition or letter away from an unknown capitalised word."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        choices = self._vocabulary()
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
        names = [c[0] for c in found if any(lx.is_name(c[0]) for lx in self.lexicons)]
        return names[0] if len(names) == 1 else None

    def correct(self, question: str, protected: Iterable[str] = ()) -> Correction:
        """`question` with its unknown lower-case words replaced by their nearest stored words."""
        keep = {p.lower() for p in protected}
        out: list[str] = []
        changes: list[tuple[str, str]] = []
        last = 0
        for m in _TOKEN.finditer(question):
            word = m.group()
            lower = word.lower()
            out.append(question[last : m.start()])
            last = m.end()
            fix = None
            first = not question[: m.start()].strip()
            if not word.isascii():
                pass  # "façade", "Bielorrusia": not ours to respell
            elif (
                len(word) >= 3
                and word.isalpha()
                and (word.islower() or (first and word[1:].islower()))
                and lower not in keep
                and not self.known(lower)
            ):
                fix = self.suggest(lower)
            elif len(word) >= 6 and word.isalpha() and word[1:].islower() and lower not in keep and not self.known(lower):
                fix = self.suggest_name(lower)  # "Guidnat": no stored name, one slip from one
            if fix and fix != lower:
                replacement = fix.capitalize() if word[0].isupper() else fix
                changes.append((word, replacement))
                out.append(replacement)
            else:
                out.append(word)
        out.append(question[last:])
        return Correction("".join(out), tuple(changes))

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
