"""What a conversation remembers between questions, so a follow-up can be read against it.

Each conversation (a key such as "telegram::<chat>::<user>", built by `Asker.conversation`) keeps
the last question as it was read, its focus and the story that answered it, for 15 minutes. The
clock is injectable so tests need not wait. The memory is bounded (least recently used keys go).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cachetools import TTLCache

from .entities import Lexicon, find_names
from .facts import parties_in

__all__ = ["Turn", "Memory", "MEMORY_SECONDS", "resolve_followup"]

MEMORY_SECONDS = 15 * 60
MAX_CONVERSATIONS = 10_000


@dataclass(frozen=True, slots=True)
class Turn:
    """One answered question, as remembered for the next one."""

    question: str  # as read (typos corrected, follow-up resolved)
    kind: str = "general"  # the question's kind (figure, person, sector, ...)
    entities: tuple[str, ...] = ()  # focus entities (names) of the question
    attribute: str = ""  # the wanted attribute ("chief executive", "profit", ...)
    article_id: str | None = None  # the story that answered it
    sentence_id: str | None = None  # the sentence that answered it
    parties: tuple[str, ...] = ()
    story_parties: tuple[str, ...] = ()  # the main parties of the story that answered ("Pakistan", "Belarus")
    extra: dict[str, str] = field(default_factory=dict)


class Memory:
    """The last turn of each conversation, forgotten after `ttl` seconds."""

    def __init__(self, ttl: float = MEMORY_SECONDS, clock: Callable[[], float] = time.monotonic,
                 maxsize: int = MAX_CONVERSATIONS) -> None:
        self._cache: TTLCache[str, Turn] = TTLCache(maxsize=maxsize, ttl=ttl, timer=clock)
        self._lock = threading.Lock()

    def get(self, key: str | None) -> Turn | None:
        if key is None:
            return None
        with self._lock:
            return self._cache.get(key)

    def put(self, key: str | None, turn: Turn) -> None:
        if key is None:
            return
        with self._lock:
            self._cache[key] = turn

    def forget(self, key: str) -> None:
        with self._lock:
            self._cache.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            self._cache.expire()
            return len(self._cache)


# ---- reading a follow-up --------------------------------------------------------------------------

_LEAD_IN = re.compile(
    r"^(?:and|but|also|ok(?:ay)?|so|then)?[\s,]*(?:what|how)\s+about\s+|^(?:and|but|also|so)\b[\s,]*", re.I
)
_WHO_SAID = re.compile(r"^\s*(?:and\s+)?who\s+(?:said|says|told|stated)\s+(?:that|this|it|so)\s*\??\s*$", re.I)
_WHEN = re.compile(r"^\s*(?:and\s+)?when(?:\s+(?:was|is|did)\s+(?:that|this|it)(?:\s+\w+)?)?\s*\??\s*$", re.I)
_REFERENCE = re.compile(r"\b(?:the two (?:countries|sides|nations|firms|companies)|both (?:countries|sides|nations)|"
                        r"the (?:firm|company|group|bank|airline|carrier))\b", re.I)
_PRONOUN_ONLY = re.compile(r"\b(that|this|it|they|them|those|these|there)\b", re.I)
_FRAGMENT_PREP = re.compile(r"^(?:for|in|with|on|at|about|of)\s+(?:the\s+)?", re.I)
_WH = re.compile(r"^(?:what|which|who|whom|how|when|where|why|is|are|was|were|did|does|do|has|have)\b", re.I)


def resolve_followup(question: str, turn: Turn, lexicons: Sequence[Lexicon]) -> tuple[str, str]:
    """Read `question` against the conversation's last turn: (question as read, kind).

    kind is "who_said" / "when" (about the last answer's sentence), "entity" (the same question
    about another name: "and for the UK?"), "topic" (the same question narrowed: "and what about
    forestry?", answered from the same story first), or "" (a question of its own).
    """
    text = question.strip()
    if _WHO_SAID.match(text):
        return text, "who_said"
    if _WHEN.match(text):
        return text, "when"
    m = _LEAD_IN.match(text)
    reference = _REFERENCE.search(text)
    if not m and reference and not find_names(text, lexicons) and not parties_in(text):
        # "which sectors did the two countries pick?": the last question's subject stands in
        plural = re.match(r"(?i)the two|both", reference.group())
        subject = " and ".join(turn.story_parties[:2]) if plural and len(turn.story_parties) >= 2 else _subject(turn)
        if subject:
            return text[: reference.start()] + subject + text[reference.end():], "topic"
    if not m:
        words = re.findall(r"[A-Za-z]+", text)
        if not _PRONOUN_ONLY.search(text) or (len(words) > 4 and (find_names(text, lexicons) or parties_in(text))):
            return text, ""
        # "how much was it?" / "who runs it?": the last question's subject stands in for "it"
        subject = _subject(turn)
        if not subject:
            return text, ""
        return _PRONOUN_ONLY.sub(subject, text, count=1), "topic"
    rest = text[m.end():].strip(" ?!.")
    if not rest:
        return text, ""
    if _WH.match(rest) and len(re.findall(r"[A-Za-z]+", rest)) > 3:
        return rest + ("?" if text.endswith("?") else ""), ""  # "and who runs Ryanair?": a question of its own
    previous = turn.question.rstrip(" ?!.")
    if re.match(r"(?i)(?:with|to|from|against)\s", rest):
        # "and with the EU?": the same question, narrowed to a counterpart
        return f"{previous} {rest}?", "entity"
    fragment = _FRAGMENT_PREP.sub("", rest)
    names = find_names(fragment, lexicons)
    parties = parties_in(fragment) or parties_in(fragment.title())
    previous = turn.question.rstrip(" ?!.")
    if names or parties:
        new = lexicons_display(names[0], lexicons) if names else parties[0]
        if len(names) >= 2 and len(turn.entities) >= 2:
            # "and Oracle for Peoplesoft?" after "How much did J&J pay for Guidant?": name for name
            replaced = previous
            for old, new_key in zip(turn.entities, names):
                pattern = re.compile(rf"(?<![\w&]){re.escape(old)}(?![\w&])", re.I)
                replaced = pattern.sub(lexicons_display(new_key, lexicons), replaced, count=1)
            if replaced != previous:
                return replaced + "?", "entity"
        for old in list(turn.entities) + list(turn.parties):
            pattern = re.compile(rf"(?<![\w&])(?:the\s+)?{re.escape(old)}(?:['’]s)?(?![\w&])", re.I)
            if pattern.search(previous):
                replaced = pattern.sub(lambda mm: new + ("'s" if mm.group(0).lower().endswith("'s") else ""),
                                       previous, count=1)
                return replaced + "?", "entity"
        return f"{previous}, for {new}?", "entity"
    if turn.kind == "person":
        # "what about tariffs on steel?" after "who is the commerce minister?": a topic is no
        # narrowing of a question about a person; it is a question of its own.
        return f"{fragment}?", ""
    return f"{previous}: {fragment}?", "topic"


def _subject(turn: Turn) -> str:
    if turn.entities:
        return turn.entities[0]
    if turn.parties:
        return " and ".join(turn.parties[:2])
    return ""


def lexicons_display(key: str, lexicons: Sequence[Lexicon]) -> str:
    return next((lx.display[key] for lx in lexicons if key in lx.display), key)
