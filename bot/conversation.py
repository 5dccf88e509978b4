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
from typing import TYPE_CHECKING

from cachetools import TTLCache

from .entities import FUNCTION_WORDS, Lexicon, find_names
from .facts import country_of, parties_in
from .focus import MEASURES, ROLE_WORDS, SOURCE_HEAD, opening_sentence
from .models import Fact

if TYPE_CHECKING:
    from .models import Sentence
    from .storage_port import StoragePort

__all__ = ["Turn", "Memory", "MEMORY_SECONDS", "resolve_followup", "job_of", "mostly_in_story", "plural_thing", "Speaker", "who_said", "speaker_of",
           "asked_speaker", "speaker_fits"]

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
    display: tuple[str, ...] = ()  # the focus entities as the store writes them ("Qantas"), for "its"
    person: str = ""  # the person the last answer named ("Geoff Dixon"), for "he" / "his"
    cited: tuple[str, ...] = ()  # every sentence the last answer cited, in order (for "who said that?")
    things: str = ""  # the last plural thing spoken of about this subject ("the changyu shares"), for "them"
    people: tuple[str, ...] = ()  # which of `display` are people ("Gordon Brown"): "it" stands for none of them


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
# A question opened by a conjunction ("and …", "but …", "also …") goes on from the last one
_JOINED = re.compile(r"^(?:and|but|also|so|then|plus)\b", re.I)
# "who said that?", and the same of a figure or a view just quoted: "who gave that estimate?", "who predicted
# that?", "whose forecast is that?", "who is the source?"
_WHO_SAID = re.compile(r"^\s*(?:and\s+)?(?:who\s+(?:said|says|told|stated|estimated|predicted|forecast|projected|"
                       r"reckoned|claimed|warned|calculated|expects|expected|reported|reports|revealed|announced)\s+"
                       r"(?:that|this|it|so)|"
                       r"who\s+(?:gave|made|offered|provided|issued|put\s+forward|came\s+up\s+with)\s+(?:that|this|those|"
                       r"these|the)\s+(?:estimate|figure|forecast|prediction|projection|warning|comment|remark|claim|"
                       r"number|view|calculation)s?|whose\s+(?:estimate|figure|forecast|prediction|projection|view|"
                       r"words|numbers?|figures)\s+(?:is|are|was|were)\s+(?:that|this|those|these|it)|"
                       r"who\s+is\s+the\s+source(?:\s+of\s+(?:that|this|it))?)\s*\??\s*$", re.I)
# "when?", "when was that?", "what year was that?", "in what month was it?": the date of the last answer
# ("when did it peak?" asks when something else happened to it: a question of its own)
_WHEN = re.compile(r"^\s*(?:and\s+)?(?:when|(?:in\s+)?(?:what|which)\s+(?:year|month|day|date))"
                   r"(?:\s+(?:was|is|did)\s+(?:that|this|it)(?:\s+(?!(?:peak|bottom|rise|fall|drop|climb|grow|start|"
                   r"begin|end|close|open)\b)\w+)?)?\s*\??\s*$", re.I)
# how roughly an amount is asked ("for roughly how much?"): no word to find
_ROUGHLY = r"(?:roughly|about|around|approximately|exactly|precisely)"
_WH_FRAGMENT = re.compile(r"^\s*(?:and\s+)?(?:between|with|in|at|for|from|by|to|on|since|until|worth|costing|as\s+part\s+of|"
                          r"under|through|in\s+(?:return|exchange)\s+for|"
                          r"(?:valued|priced)\s+at)\s+"  # ("worth how much?": the last question's thing, its value)
                          rf"(?:{_ROUGHLY}\s+)?(?:which|what|whom|who|when|"
                          r"how\s+(?:much|many|long))\b"
                          # (a noun phrase, no verb: "with what rate of economic growth?"; not "by when must …")
                          r"(?:(?<=what|hich)(?:\s+(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|"
                          r"should|might|may|must|shall|need)\b)[a-z]+){1,4}|(?:\s+[a-z]+)?)\s*\??\s*$", re.I)
_WHY = re.compile(r"^\s*(?:and\s+|but\s+|so\s+)?why(?:\s+(?:is|was|did|does)\s+(?:that|this|it)(?:\s+(?:so|happen|happening))?|"
                  r"\s+so)?\s*\??\s*$", re.I)
_WH_AUX = re.compile(r"^(?:(?:by|to|for|from|in|at)\s+)?(how\s+(?:much|many|big|far|fast|large)|what|which|who|when|where)"
                     r"((?:\s+[a-z]+){0,2}?)\s+(did|does|do|was|is|were|are|has|have|had|will|would)\b(.+)$", re.I)
_REFERENCE = re.compile(r"\b(?:the two (?:countries|sides|nations|firms|companies)|both (?:countries|sides|nations)|"
                        r"the (?:firm|company|group|bank|airline|carrier|retailer|insurer|lender|carmaker|brewer|drugmaker))\b", re.I)
# Pronouns that stand for the last question's subject (a firm, a country) or the person its answer named.
_THING = re.compile(r"\b(it|its|they|their|them)\b", re.I)
_PERSON = re.compile(r"\b(he|his|him|she|her)\b", re.I)
_POSSESSIVE = frozenset({"its", "their", "his"})
# "her" is possessive before a noun ("her salary"), an object before anything else ("ask her about").
_NOT_A_NOUN = frozenset("""about to for from in on at of with by and or but as than that this into after before
    over since when while if is was be been being""".split())
# "it is expected that …": an "it" that stands for nothing.
_EXPLETIVE = re.compile(r"\bit\s+(?:is|was|will be)\s+(?:expected|likely|true|said|thought|reported|possible|"
                        r"clear|known)\b", re.I)
# Where a pronoun is the subject: at the start, or after an auxiliary or a question word ("did it", "is it").
_SUBJECT_SLOT = re.compile(r"(?:^|\b(?:did|does|do|will|would|is|was|are|were|has|have|had|can|could|might|may|"
                           r"should|must|how|why|when|where|what|which|who)\s+)$", re.I)
# Where a pronoun is the object of a verb: after a word that is no auxiliary, question word or preposition.
_OBJECT_SLOT = re.compile(r"\b(?!(?:did|does|do|will|would|is|was|are|were|has|have|had|can|could|might|may|should|"
                          r"must|how|why|when|where|what|which|who|about|to|for|from|in|on|at|of|with|by|into|over|"
                          r"after|before|than|as|and|or|that|if|made|make|makes|let|lets)\b)[a-z]+\s+$", re.I)
_DEMONSTRATIVE = re.compile(r"\b(that|this|these|those|there)\b", re.I)
# Words after "the" that never name a thing of the story ("the most", "the first").
_NOT_STORY_NOUNS = frozenset("""most least first last next other same best worst biggest largest main latest new
    world country year years time month week day people market markets number""".split())
_QUESTION_WORDS = frozenset("""what which when where whom whose does have were will would could should might
    much many about there their them they this that these those with from into else other also""".split())
_ATTRIBUTE_WORDS = frozenset(w for words in MEASURES.values() for w in words) | ROLE_WORDS
# Short words that say nothing of a story ("how", "did", "the"): left out when a question's words are looked for there
_SHORT_WORDS = frozenset("""the and but for how who why did does was are has had its his her him she they them
    not any all can may say new now one two per out off too yet""".split())
_ELSE = re.compile(r"\b(else|other|others|also|too)\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
# Months as typed, in any case ("and in october?"), save "may", a month only when written "May"
_MONTHS = (r"(?:(?i:january|february|march|april|june|july|august|september|october|november|december)|May)")
_MONTH = re.compile(rf"\b{_MONTHS}\b")
_PERIOD = re.compile(rf"(?:19[5-9]\d|20[0-4]\d|{_MONTHS})")
# "and what was it in december?", "what were they in 2003?": the same measure as last asked, another period
_SAME_IN_PERIOD = re.compile(rf"^\s*(?:and\s+)?(?:what|how\s+(?:much|many|big|high))\s+(?:was|were|is|are|did)\s+"
                             rf"(?:it|that|they|this|the\s+figure)\s+(?:(?:in|for|during|back\s+in)\s+)?"
                             rf"(?P<period>19[5-9]\d|20[0-4]\d|{_MONTHS})\s*\??\s*$")
# "and what was it before?", "what is it now?": the same measure as last asked, before or now
_NOW = r"(?:now|currently|today|at present)"
_SAME_THEN = re.compile(r"(?i)^\s*(?:and\s+)?(?:what|how\s+(?:much|many|big|high|long))\s+(?:was|were|is|are|did)\s+"
                        r"(?:it|that|they|this|the\s+figure)\s+(?P<when>before|before that|previously|earlier|back then|"
                        rf"{_NOW})\s*\??\s*$")
_RELATIVE_YEAR = re.compile(r"(?i)\b(?:in\s+)?(?:last|this|the past|the previous|the latest)\s+(?:financial\s+)?year\b")
_BACK = re.compile(r"(?i)(?:before|before that|before then|earlier|in the past|back then|until then|formerly)")
_FRAGMENT_PREP = re.compile(r"^(?:for|in|with|on|at|about|of|over|during|across)\s+(?:the\s+)?", re.I)
_WH = re.compile(r"^(?:(?:until|till|by|since|from|for|in|at|to|with)\s+"
                 r"(?=(?:what|which|who|whom|whose|how|when|where)\b))?"
                 r"(?:what|which|who|whom|whose|how|when|where|why|is|are|was|were|did|does|do|has|have|will|would|"
                 r"can|could|might)\b", re.I)


# "and what did it actually deliver?", "what did they end up posting?": what came of the measure last asked
_OUTCOME = re.compile(r"(?i)^\s*(?:and\s+)?what\s+(?:did|has|have)\s+(?:it|they)\s+(?:actually\s+|in\s+fact\s+|"
                      r"eventually\s+|finally\s+|really\s+|then\s+)?(?P<verb>deliver|achieve|post|report|record|"
                      r"manage|get|see)\s*\??\s*$")


def resolve_followup(question: str, turn: Turn, lexicons: Sequence[Lexicon], story: str = "") -> tuple[str, str]:
    """Read `question` against the conversation's last turn: (question as read, kind).

    kind is "who_said" / "when" (about the last answer's sentence), "entity" (the same question
    about another name: "and for the UK?"), "topic" (the same question narrowed: "and what about
    forestry?", or a pronoun read as the last subject: "who is its chief executive?"), "story" (a
    question naming nobody that refers to the last answer's story: "when was the agreement
    signed?", "who else was in the running?"; `story` is that story's text), or "" (a question of
    its own).
    """
    text = question.strip()
    if _WHO_SAID.match(text):
        return text, "who_said"
    if _WHEN.match(text):
        return text, "when"
    if _GROUNDS_FRAGMENT.match(text):
        # "on what allegations?" after "how many people are prosecutors seeking to have indicted?": what the
        # story's act rests on, asked of the story; no narrowing of the count
        return text, "story"
    fragment = _WH_FRAGMENT.match(text)
    if fragment and re.search(r"(?i)\b(?:month|year|day|date|week|when)\b", text):
        return text, "when"  # "in which month?": the date of the last answer
    if fragment or _bare_which(text):
        # "between which countries?" / "in which year?" / "which court?": the last question, narrowed
        text = re.sub(rf"(?i)\b{_ROUGHLY}\s+(?=(?:how|what|which)\b)", "", text)
        return f"{turn.question.rstrip(' ?!.')}: {text.rstrip(' ?!.')}?", "topic"
    share = _HOW_MANY_OF_THEM.match(text)
    if share and _HOW_MANY.match(turn.question):
        # "how many of them in sri lanka?" after "how many people across Asia could the tsunami throw into poverty?":
        # the last question's count, narrowed to the place or group (not a count of the last question's subject)
        return f"{turn.question.rstrip(' ?!.')}: {share.group(1).rstrip(' ?!.')}?", "topic"
    each = _EACH_OF_THEM.search(text)
    counted = _COUNTED.match(turn.question)
    if each and counted:
        # "how many shares did each of them get?" after "how many applicants got shares in …?": each applicant,
        # not each of the firms the last question named
        # (the story's, not its firm's: the sentence giving it may name only the counted ones)
        return f"{text[: each.start(1)]}the {counted.group(1)}{text[each.end(1):]}", "story"
    if _WHY.match(text):
        why = _why_of(turn.question, lexicons)
        return (why, "topic") if why else (text, "")
    same = _SAME_IN_PERIOD.match(text)
    if same:  # "and what was it in december?": the last question, for another month or year
        text = f"and in {same.group('period')}?"
    then = _SAME_THEN.match(text)
    if then and re.fullmatch(_NOW, then.group("when"), re.I):
        # "and what is it now?" after "what will the rate be after the budget?": the last question, as it stands now
        return f"{turn.question.rstrip(' ?!.')}: now?", "topic"
    if then:  # "and what was it before?": the last question, before (read by the rule for "and before?")
        text = "and before?"
    outcome = _OUTCOME.match(text)
    subject = _subject(turn) if outcome else ""
    if outcome and turn.attribute and subject and not turn.people:
        # "and what did it actually deliver?" after "what sales rise had Best Buy been aiming for?": the same
        # measure, as it turned out
        return f"what {turn.attribute} did {subject} actually {outcome.group('verb')}?", "topic"
    m = _LEAD_IN.match(text)
    joined = False
    if m:
        rest = text[m.end():].strip()
        words = len(re.findall(r"[A-Za-z]+", rest))
        sourced = SOURCE_HEAD.match(rest)  # ("and according to the commission's spokeswoman, who settles disputes?")
        if (_WH.match(rest) or (sourced and _WH.match(rest[sourced.end():]))) and (words > 3 or (words == 3 and (find_names(rest, lexicons) or _THING.search(rest)
                                                               or _PERSON.search(rest)))):
            # "and who owns the firm?": a question of its own after the "and", read like any other ("and who
            # chairs gazprom?" and "and who runs it?" too: a question word, a verb and a name or a pronoun)
            joined = bool(_JOINED.match(text))
            text, m = rest, None
    if not m:
        read, kind = _own_question(text, turn, lexicons, story)
        if not kind and joined and story and not find_names(text, lexicons) and not parties_in(text) \
                and not parties_in(text.title()):
            # "and how much follows later?": opened with "and", naming nobody, it goes on with the story
            # the conversation is in, however few of that story's words it uses
            return read, "story"
        return read, kind
    rest = text[m.end():].strip(" ?!.")
    if not rest:
        return text, ""
    if rest.lower() == "where" and re.match(r"(?i)\s*when\s+(?:is|was|are|were|will|did|does|do)\b", turn.question):
        # "and where?" after "when is he expected to present his conclusions?": the same question, of the place
        return re.sub(r"(?i)^\s*when\b", "where", turn.question.rstrip(" ?!.")) + "?", "topic"
    fronted = _fronted(rest, lexicons)
    if fronted:
        # "what about hanover re, how much does it expect in claims?": the question after the comma, its
        # "it" being the one named before it
        return fronted + "?", "topic"
    previous = turn.question.rstrip(" ?!.")
    if re.match(r"(?i)(?:with|to|from|against)\s", rest):
        # "and with the EU?": the same question, narrowed to a counterpart
        return f"{previous} {rest}?", "entity"
    # "and in the us?": after "the", a word of two or three letters is an abbreviation, not "us"
    rest = re.sub(r"(?i)\b(the\s+)([a-z]{2,3})$", lambda a: a.group(1) + a.group(2).upper(), rest)
    fragment = _FRAGMENT_PREP.sub("", re.sub(r"(?i)^back\s+(?=(?:in|on|at|during)\s)", "", rest))  # ("back in september")
    if _BACK.fullmatch(fragment.strip()):
        # "and before?": the same question, before; news writes "previously", not "before"
        # ("… for a call centre worker now?": what it is now is not asked any more)
        previous = re.sub(rf"(?i)\s+{_NOW}\b", "", previous)
        return f"{previous}: previously?", "topic"
    fragment = re.sub(r"(?i)\s+(?:alone|only|by itself)\s*$", "", fragment)  # ("and in december alone?")
    if fragment.strip().lower() == "may":
        fragment = "May"  # ("and in may?": after the preposition, the month)
    period = _PERIOD.fullmatch(fragment.strip())
    if period:
        # "and in 2003?": the same question for another year (or month)
        kind = _YEAR if _YEAR.fullmatch(fragment.strip()) else _MONTH
        if kind.search(previous):
            return kind.sub(fragment.strip(), previous, count=1) + "?", "entity"
        relative = _RELATIVE_YEAR.search(previous) if kind is _YEAR else None
        if relative:  # "and in 2003?" after "… net income last year": that year instead
            return previous[: relative.start()] + f"in {fragment.strip()}" + previous[relative.end():] + "?", "entity"
        # ("… surplus for 2004 as a whole" then "and in december?": the month, not the whole year)
        previous = _WHOLE_SAID.sub("", previous) if kind is _MONTH else previous
        return f"{previous} in {fragment.strip()}?", "entity"
    same = _SAME_SPAN.fullmatch(fragment.strip())
    years = _YEAR.findall(previous)
    if same and years and (same.group("year") or same.group("before")):
        # "and in the same quarter of 2003?" after "… earn in the last three months of 2004?": that
        # question with the year swapped ("a year earlier": the year before the one asked)
        year = same.group("year") or str(int(years[0]) - 1)
        return _YEAR.sub(year, previous, count=1) + "?", "entity"
    span = _SPAN_YEAR.search(previous)
    if span and _YEAR_BEFORE.fullmatch(fragment.strip()) and _year_before(span) in story:
        # "and the year before?" after "… grow in 2004?": the same question, of 2003 (and of 2004-5 after 2005-6),
        # where the last answer's story names that year; else it is read as before (its "previous year's …")
        return _SPAN_YEAR.sub(_year_before, previous, count=1) + "?", "entity"
    whole = _WHOLE_SPAN.fullmatch(fragment.strip())
    month = _IN_MONTH.search(previous)
    if whole and month:
        # "and over the whole year?" after "… spend at retailers in December?": the year, not the month
        return previous[: month.start()] + " over the whole year" + previous[month.end():] + "?", "topic"
    span = _swap_span(previous, fragment)
    if span:
        # "and for the full year?" after "… net profit in the last quarter of 2004": that span instead
        return span + "?", "topic"
    owned = _swap_owned(previous, fragment, turn)
    if owned:
        # "and highland gold's deputy chairman?" after "who is russia's natural resources minister?":
        # another owner and another attribute, asked the same way
        return owned + "?", "entity"
    names = find_names(fragment, lexicons)
    parties = parties_in(fragment) or parties_in(fragment.title())
    if (names or parties) and all(n in turn.entities for n in names) and all(p in turn.parties for p in parties):
        # "and for the rest of Eon Labs?" after a question naming Eon Labs: no other name is swapped in;
        # the last question is narrowed (below), its subject is not replaced by a name it already had
        names, parties = [], []
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
        place = _is_place(new)
        for old in list(turn.entities) + list(turn.display) + list(turn.parties):
            if _is_place(old) != place:
                continue  # a country stands for a country, a firm for a firm: "in the US" is no firm
            pattern = re.compile(rf"(?<![\w&])(the\s+)?{re.escape(old)}(['’]s)?(?![\w&])", re.I)
            if pattern.search(previous):
                def swap(mm: re.Match[str]) -> str:
                    article = "the " if _takes_the(new) else ""  # "the UK", "the UK's"; not "the Canada"
                    return article + new + ("'s" if mm.group(2) else "")
                return pattern.sub(swap, previous, count=1) + "?", "entity"
        where = re.match(r"(?i)(in|at|for|from)\s", rest)
        if where and place:  # "and in the US?" after a question about a firm: the firm, there
            return f"{previous} {where.group(1).lower()} {'the ' if _takes_the(new) else ''}{new}?", "entity"
        return f"{previous}, for {new}?", "entity"
    attribute = _swap_attribute(previous, fragment)
    if attribute:
        # "and its sales?" after "what was Lenovo's quarterly profit?": the same subject, another attribute
        return attribute + "?", "topic"
    swapped = _swap_phrase(previous, rest, turn)
    if swapped:
        # "and in IT?" after "how many jobs will go in investment banking?": the same question, with
        # the phrase after the same preposition swapped
        return swapped + "?", "entity"
    if turn.kind == "person":
        # "what about tariffs on steel?" after "who is the commerce minister?": a topic is no
        # narrowing of a question about a person; it is a question of its own.
        return f"{fragment}?", ""
    return f"{previous}: {fragment}?", "topic"


_FRONTED = re.compile(r"^(?P<topic>[^,;:?]+?)\s*,\s*(?P<question>(?:what|which|who|whom|how|when|where|why|is|are|was|"
                      r"were|did|does|do|has|have|had|will|would|can|could)\b.+)$", re.I)


def _fronted(rest: str, lexicons: Sequence[Lexicon]) -> str:
    """"hanover re, how much does it expect in claims" -> "how much does hanover re expect in claims": a name put
    first, then a question about it by a pronoun. "" when the part before the comma names nothing, or the question
    after it has no pronoun to stand for it."""
    m = _FRONTED.match(rest)
    if m is None:
        return ""
    topic = re.sub(r"(?i)^(?:for|with|in|at|about|of|on)\s+", "", m.group("topic").strip())
    if not (find_names(topic, lexicons) or parties_in(topic) or parties_in(topic.title())):
        return ""
    question = m.group("question")
    pronoun = _THING.search(question) or _PERSON.search(question)
    if pronoun is None:
        return ""
    word = pronoun.group(1).lower()
    shown = f"{topic}'s" if word in ("its", "their", "his") or (word == "her" and re.match(
        r"\s+(?!(?:" + "|".join(_NOT_A_NOUN) + r")\b)[a-z]", question[pronoun.end():])) else topic
    return question[: pronoun.start()] + shown + question[pronoun.end():]


_JOB = re.compile(r"(?i)^\s*(?:and\s+)?what(?:['’]s|\s+is|\s+was)\s+(.+?)['’]s?\s+(?:job|role|position|post|title)"
                  r"(?:\s+(?:now|then))?\s*[?!.]*\s*$")


def job_of(question: str, people: Sequence[str]) -> str:
    """"what is Patricia Hewitt's job?" (read from "what is her job?") asks who the person is: the
    sentence naming her with her post ("Trade and Industry Secretary Patricia Hewitt said …") answers
    it. Only for a person the conversation spoke of (`people`): "what is the IMF's role?" is left alone."""
    m = _JOB.match(question)
    if m is None or not any(m.group(1).strip().lower() == p.lower() for p in people):
        return question
    return f"who is {m.group(1).strip()}?"


_SPAN_WORDS = r"(?:quarter|half|half-year|year|three months|six months|nine months|twelve months|12 months)"
_NEW_SPAN = re.compile(rf"(?i)(?:the\s+)?((?:(?:first|second|third|fourth|final|full|whole|last)\s+)?{_SPAN_WORDS})")
_OLD_SPAN = re.compile(rf"(?i)\b(?:the\s+)?(?:(?:first|second|third|fourth|final|full|whole|last|past|previous|latest)\s+)?"
                       rf"{_SPAN_WORDS}\b(\s+(?:of|to)\s+(?:19[5-9]\d|20[0-4]\d))?")


# "the same quarter of 2003", "the same period a year earlier": the last question's span, in another year
_SAME_SPAN = re.compile(r"(?i)(?:the\s+)?same\s+(?:quarter|period|month|half|time|three months|six months)"
                        r"(?:\s+(?:of|in)\s+(?P<year>19[5-9]\d|20[0-4]\d)|\s+(?P<before>a year (?:earlier|before)|"
                        r"(?:of|in) the (?:previous|prior) year|last year))?")
# "the year before", "a year earlier", "the previous year": the year before the one last asked about
_YEAR_BEFORE = re.compile(r"(?i)(?:the\s+)?(?:year\s+(?:before|earlier)|(?:previous|prior)\s+year)|"
                          r"a\s+year\s+(?:before|earlier)")
_SPAN_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)(?:([-/])(\d{1,4}))?\b")


def _year_before(m: re.Match[str]) -> str:
    """A year, or a span of years ("2005-6", "2005/06"), one year back."""
    year = str(int(m.group(1)) - 1)
    if not m.group(3):
        return year
    end, width = int(m.group(3)) - 1, len(m.group(3))
    return f"{year}{m.group(2)}{end % 10 ** width:0{width}d}"


# a whole year said in a question ("… for 2004 as a whole", "… over the full year"): no month asked
_WHOLE_SAID = re.compile(r"(?i)\s+as\s+a\s+whole\b|\s+(?:over|for|in)\s+the\s+(?:whole|full|entire)\s+year\b")
# "the whole year", "the year as a whole": a whole year asked after a month
_WHOLE_SPAN = re.compile(r"(?i)(?:the\s+)?(?:whole|full|entire)\s+year|(?:the\s+)?year as a whole")
_IN_MONTH = re.compile(rf"\s+(?:in|for|during)\s+(?:the\s+month\s+of\s+)?{_MONTHS}\b")


def _swap_span(previous: str, fragment: str) -> str:
    """"what was ge's net profit in the last quarter of 2004" with "the full year": "… in the full year of
    2004". Only when the fragment is a span of a year (a quarter, a half, the full year) and the last
    question asked of another; a relative year ("last year") is left to the year rules."""
    new = _NEW_SPAN.fullmatch(fragment.strip())
    if new is None or new.group(1).lower() in ("last year", "year"):
        return ""
    old = _OLD_SPAN.search(previous)
    if old is None or re.sub(r"(?i)^the\s+", "", old.group()).lower() == new.group(1).lower() or re.fullmatch(
            r"(?i)(?:the\s+)?(?:last|past|previous|latest)?\s*year", old.group().strip()):
        return ""  # ("last year": a year, not a span of one)
    return previous[: old.start()] + f"the {new.group(1)}{old.group(1) or ''}" + previous[old.end():]


_OWNED = re.compile(r"(?i)(.+?)['’]s\s+((?:[a-z-]+\s+){0,3}([a-z-]+))")


def _swap_owned(previous: str, fragment: str, turn: Turn) -> str:
    """"who is russia's natural resources minister" with "highland gold's deputy chairman": "who is
    highland gold's deputy chairman"; "who is the chairman of santander" with "bbva's chief executive":
    "who is bbva's chief executive". Only when the fragment is an owner's attribute (its last word a
    role or a measure) and the last question asked an attribute owned by a name it had; else ""."""
    m = _OWNED.fullmatch(fragment.strip())
    if not m or m.group(3).lower() not in _ATTRIBUTE_WORDS:
        return ""
    olds = sorted({o for o in turn.display + turn.entities + turn.parties if o}, key=len, reverse=True)
    for old in olds:
        name = rf"(?:the\s+)?{re.escape(old)}"
        owner = re.search(rf"(?i)(?<![\w&]){name}['’]s?\s+(?=[a-z])", previous)
        if owner:  # "russia's natural resources minister": up to where the attribute's phrase ends
            end = _PHRASE_END.search(previous, owner.end())
            stop = end.start() if end else len(previous)
            if any(w in _ATTRIBUTE_WORDS for w in previous[owner.end(): stop].lower().split()):
                return previous[: owner.start()] + fragment.strip() + previous[stop:]
        of = re.search(rf"(?i)\bthe\s+((?:[a-z-]+\s+){{0,3}}?)([a-z-]+)\s+(?:of|at)\s+{name}(?![\w&])", previous)
        if of and of.group(2).lower() in _ATTRIBUTE_WORDS:  # "the chairman of santander"
            return previous[: of.start()] + fragment.strip() + previous[of.end():]
    return ""


_BARE_WHICH = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+([a-z]+)\s*[?!.]*\s*$", re.I)


def _bare_which(text: str) -> bool:
    """"which court?", "what currency?": a thing asked with no verb, of what the last question spoke about
    (not "what about …", "what else?", "what happened?", "what now?")."""
    m = _BARE_WHICH.match(text)
    if not m:
        return False
    words = [w.lower() for w in m.groups() if w]
    return not any(w in _QUESTION_WORDS or w in _NOT_A_NOUN or w in _SHORT_WORDS or w.endswith("ed")
                   or w in ("else", "now", "next", "then", "happens", "for", "if") for w in words)


_SWAP_PREP = re.compile(r"(?i)(in|at|for|on|from|among|within|into|of|by)\s+(.+)$")
# Where the phrase after a preposition of the last question ends: at another preposition, a
# conjunction, a comma, or the end of the question.
_PHRASE_END = re.compile(r"(?i)\s+(?:in|at|for|on|from|among|within|into|of|by|to|with|and|or|than|since|"
                         r"after|before|during|last|this|next)\b|[,;:]")


def _swap_phrase(previous: str, rest: str, turn: Turn) -> str:
    """"how many jobs will go in investment banking" with "in IT": "how many jobs will go in IT"; ""
    when the last question has no phrase after that preposition, or the phrase holds its subject."""
    m = _SWAP_PREP.match(rest)
    if not m or _WH.match(m.group(2)):
        return ""
    prep, phrase = m.group(1).lower(), m.group(2).strip()
    spots = list(re.finditer(rf"(?i)\b{prep}\s+", previous))
    if not spots:
        return ""
    start = spots[-1].end()
    end = _PHRASE_END.search(previous, start)
    stop = end.start() if end else len(previous)
    old = previous[start:stop].strip()
    if not old or _PERIOD.search(old):
        return ""  # "in 2004": a period is swapped by its own rule
    if any(re.search(rf"(?i)(?<![\w&]){re.escape(n)}(?![\w&])", text) for n in turn.entities + turn.display
           for text in (old, phrase)):
        return ""  # "for Guidant": a name stands for a name (the names rule), not a phrase; "for the rest of Eon
        # Labs", naming a name the last question had, narrows it
    return previous[:start] + phrase + previous[stop:]


_QUALIFIERS = frozenset("net gross pre-tax operating annual quarterly total overall full-year half-year".split())
_MEASURE_WORDS = frozenset(w for words in MEASURES.values() for w in words)


def _swap_attribute(previous: str, fragment: str) -> str:
    """"what was Lenovo's quarterly profit" with "its sales": "what was Lenovo's quarterly sales"; "who is
    X's chief executive" with "the chairman": "who is X's chairman". Only an attribute for an attribute of
    the same family (a measure for a measure, a role for a role), and only one the last question wrote
    as a thing owned ("Lenovo's profit", "its profit", "the profit"), not a verb ("how much did it pay")."""
    new = re.sub(r"(?i)^(?:its|their|his|her|the)\s+", "", fragment.strip())
    words = new.lower().split()
    if not words or len(words) > 3:
        return ""
    if not all(w in _ATTRIBUTE_WORDS or w in _QUALIFIERS for w in words) and not (
            words[-1] in ROLE_WORDS and re.fullmatch(r"[a-z-]+(?:\s+[a-z-]+)*", new)):
        return ""  # "its chief financial officer": a role, however the words before it narrow it
    family = ROLE_WORDS if any(w in ROLE_WORDS for w in words) else _MEASURE_WORDS
    if not any(w in family for w in words if w not in _QUALIFIERS):
        return ""
    alternatives = "|".join(sorted((re.escape(w) for w in family), key=len, reverse=True))
    owned = list(re.finditer(rf"(?i)(?:['’]s?|\bits|\btheir|\bthe)\s+(?:(?!(?:{alternatives})\b)[a-z-]+\s+)?"
                             rf"((?:{alternatives})(?:\s+(?:{alternatives}))*)\b", previous))
    if not owned:
        return ""
    m = owned[-1]
    if m.group(1).lower() == new.lower():
        return ""  # the same attribute again: not a swap
    return previous[: m.start(1)] + new + previous[m.end(1):]


def _why_of(previous: str, lexicons: Sequence[Lexicon] = ()) -> str:
    """"why?" after "How much did Ryanair's profit fall?" -> "Why did Ryanair's profit fall?"."""
    previous = previous.strip().rstrip(" ?!.")
    if re.match(r"(?i)why\b", previous):
        return previous + "?"
    m = _WH_AUX.match(previous)
    if not m:
        return ""  # no clean "why" of it: the asker is asked for the whole question
    noun, aux, rest = m.group(2).strip(), m.group(3).lower(), m.group(4).rstrip()
    if m.group(1).lower() == "who":
        return ""  # "who will become …": the asked person is the subject; no "why" of it reads cleanly
    if m.group(1).lower() in ("when", "where"):
        noun = ""
    if noun and aux in ("was", "were", "is", "are"):
        return f"Why {aux} {noun}{rest}?"  # "which sectors were agreed" -> "Why were sectors agreed?"
    first = re.match(r"\s*([A-Za-z][\w&'’-]*)", rest)
    if noun and first and not _has_subject(first.group(1), lexicons):
        return f"Why {aux} {noun}{rest}?"  # "how many jobs will go at ford" -> "Why will jobs go at ford?"
    return f"Why {aux}{rest}{' ' + noun if noun else ''}?"  # "How many jobs will X cut" -> "Why will X cut jobs?"


def _has_subject(word: str, lexicons: Sequence[Lexicon]) -> bool:
    """Whether the word after the auxiliary of "how many jobs will … " opens its subject (a name, a
    determiner, a pronoun: "will Oracle cut", "will the bank cut", "will it cut"), not its verb ("will go")."""
    return (word[0].isupper() or word.lower() in _OWNER_WORDS or word.lower() in ("it", "they", "he", "she", "we")
            or bool(find_names(word, lexicons)))


# A body referred to by its kind: "the association", "the commission", "the agency"
_BODY_REFERENCE = re.compile(r"\bthe\s+(association|commission|agency|ministry|union|regulator|authority|council|"
                             r"federation|institute|bureau|consortium|foundation|court|tribunal)\b", re.I)


def _story_body(kind: str, story: str) -> str:
    """The one body of `kind` the story names in full ("Sri Lanka Banks Association"), else ""."""
    noun = kind.capitalize()
    found = {re.sub(r"^The\s+", "", m.group(1)) for m in re.finditer(
        rf"((?:[A-Z][\w&'’.-]*\s+){{1,5}}{noun})\b", story)}
    found = {f for f in found if f != noun and f.split()[0] not in ("The", "A", "An", "This", "That", "Its")}
    return found.pop() if len(found) == 1 else ""


def _own_question(text: str, turn: Turn, lexicons: Sequence[Lexicon], story: str) -> tuple[str, str]:
    """A question with no "and"/"what about": its pronouns and references read against the last turn."""
    names = find_names(text, lexicons)
    parties = parties_in(text)
    reference = _REFERENCE.search(text)
    if reference and not names and not parties:
        # "which sectors did the two countries pick?": the last question's subject stands in
        plural = re.match(r"(?i)the two|both", reference.group())
        subject = " and ".join(turn.story_parties[:2]) if plural and len(turn.story_parties) >= 2 else _subject(turn)
        noun = reference.group().split()[-1].lower()
        named = [d for d in turn.display if noun in d.lower().split()]
        if not plural and len(named) == 1:
            subject = named[0]  # "the group" after a question naming LG Card and LG Group: LG Group
        elif not plural and subject and _one_person(subject, turn):
            # "the airline" after a question about Willie Walsh is no person: the one firm the story's title names
            # ("Bombardier chief to leave company"), else left to the story
            subject = _titled_firm(story, turn, lexicons)
        elif not plural and len(named) != 1:
            # "the company" after "how much is BLB Investors paying for Wembley's US gaming division?": the one
            # firm of the last question that the story opens on ("… put up for sale by gaming group Wembley")
            subject = _opening_firm(story, turn) or subject
        if subject:
            read = text[: reference.start()] + subject + text[reference.end():]
            if _PERSON.search(read):
                # "whom does he want to see if the airline can sue?": "he" is still the person the last answer named
                read = _pronouns(read, turn, find_names(read, lexicons), lexicons)
            return read, "topic"
    body = _BODY_REFERENCE.search(text) if not names and not parties else None
    named_body = _story_body(body.group(1), story) if body else ""
    if body and named_body:
        # "who chairs the association behind that estimate?": the one body of that kind the story names ("The Sri
        # Lanka Banks Association said …")
        return text[: body.start()] + named_body + text[body.end():], "topic"
    resolved = _there(_pronouns(text, turn, names, lexicons, story), turn)
    if resolved != text:
        return resolved, "topic"
    if not names and not parties and (_refers_to_story(text, story) or _stays_in_story(text, story)):
        return text, "story"
    return text, ""


# "how many of them in sri lanka?": a part of the last question's count
_HOW_MANY_OF_THEM = re.compile(r"(?i)\s*(?:and\s+)?how\s+many\s+of\s+(?:them|those|these)\s+"
                               r"((?:in|at|from|among|across)\s.+)$")
_HOW_MANY = re.compile(r"(?i)\s*(?:and\s+)?how\s+many\b")
# "each of them": one of the things the last question counted ("how many applicants …?": each applicant)
_EACH_OF_THEM = re.compile(r"(?i)\beach\s+of\s+(them|those)\b")
_COUNTED = re.compile(r"(?i)\s*(?:and\s+)?how\s+many\s+((?:[a-z-]+\s+)?[a-z-]+s)\b(?=\s+(?:did|do|does|have|had|has|were|"
                      r"are|was|is|will|would|could|can|got|get|received|took|[a-z]+ed)\b)")


# "on what allegations?", "on what grounds?", "under what terms?": what an act of the story rests on
_GROUNDS_FRAGMENT = re.compile(r"(?i)\s*(?:and\s+)?(?:on|under|over|for)\s+what\s+(?:allegations?|charges?|grounds?|"
                               r"basis|terms|conditions|accusations?|counts?)\s*\??\s*$")


# "there" for a place, not the "there is" of being
_THERE = re.compile(r"(?i)(?<![\w'’])there(?![\w'’])(?!\s+(?:is|are|was|were|has|have|had|will|would|could|should|may|"
                    r"might|must|seems?|appears?|being|been|remains?)\b)")
_BEING = re.compile(r"(?i)\b(?:is|are|was|were|will|would|could|should|might|has|have|had|be|been)\s+$")
_TOWARDS = re.compile(r"(?i)\b(?:export\w*|sell\w*|sold|ship\w*|send\w*|sent|mov\w+|fl(?:y|ew|ies|own)|travel\w*|"
                      r"go(?:es|ing)?|went|invest\w*)\s+$")


def _there(text: str, turn: Turn) -> str:
    """"how much did the US export there?" after a question about imports from China: there = China,
    the last question's place that this one does not name already."""
    m = _THERE.search(text)
    if not m or _BEING.search(text[: m.start()]):
        return text  # ("is there a deficit?": the "there" of being)
    named = set(parties_in(text))
    places = [p for p in dict.fromkeys([*(country_of(d) or "" for d in turn.display), *turn.parties])
              if p and p not in named]
    # the place the last question went to or came from, not its subject ("… import from China": China)
    after = [p for p in places if re.search(rf"(?i)\b(?:from|to|with|in|into|for)\s+(?:the\s+)?{re.escape(p)}\b",
                                             turn.question)]
    if not after:  # a named place the last question was at, no country: "… a surprise appearance at Davos"
        at = next((m for d in turn.display if not country_of(d) and d.lower() not in text.lower()
                   for m in [re.search(rf"(?i)\b(at|in)\s+({re.escape(d)})\b", turn.question)] if m), None)
        if at is not None:
            return text[: m.start()] + f"{at.group(1).lower()} {at.group(2)}" + text[m.end():]
    if not places:
        return text
    place = (after or places)[0]
    place = f"the {place}" if _takes_the(place) else place
    preposition = "to" if _TOWARDS.search(text[: m.start()]) else "in"
    return text[: m.start()] + f"{preposition} {place}" + text[m.end():]


def _stays_in_story(text: str, story: str) -> bool:
    """Whether a question naming no firm, person or country, asked while the last answer's story is
    remembered, stays in that story though few of its words are there: a thing it writes with "the"
    is in the story ("the ranch", "the feud", "the cut"), and so are half of its words ("how many
    people work on the ranch?": "people" is what is counted, "work" and "ranch" what is asked of it).
    "When was the treaty signed?" after a story with no treaty goes its own way, and so does "what is
    the deal on unemployment benefits?" after a story of a deal that says nothing of either."""
    if not story:
        return False
    lower = story.lower()
    question = text.lower()
    things = [m.group(1) for m in re.finditer(r"\b(?:the|its|their)\s+([a-z]{3,})\b", question)
              if m.group(1) not in _NOT_STORY_NOUNS and m.group(1) not in _QUESTION_WORDS]
    if not any(re.search(rf"\b{re.escape(noun)}", lower) for noun in things) and not any(
            re.search(rf"\b{re.escape(deed)}", lower) for noun in things for deed in _deeds_of(noun)):
        return False  # (nor the deed a doer is named for: "the buyer" in a story of who "agreed to buy")
    counted = re.search(r"\bhow\s+(?:many|much)\s+([a-z]+)", question)
    content = [w for w in re.findall(r"[a-z]{3,}", question)
               if w not in _QUESTION_WORDS and w not in _SHORT_WORDS and not (counted and w == counted.group(1))]
    found = [w for w in content if re.search(rf"\b{re.escape(w[:5])}", lower)]
    return len(found) * 2 >= len(content)


def _deeds_of(noun: str) -> tuple[str, ...]:
    """What a doer named for its deed does: "buyer" -> "buy", "bidder" -> "bid", "lender" -> "lend"."""
    if len(noun) < 5 or not noun.endswith("er"):
        return ()
    stem = noun[:-2]
    return (stem, stem[:-1]) if stem[-1] == stem[-2] else (stem,)


# A doer written as a kind with "the", then its deed: "did the club take …", "has the bank cut …"
_THE_DOER_BEFORE = re.compile(r"(?i)\b(?:did|does|do|has|have|had|will|would|is|was|can|could|should)\s+the\s+"
                              r"(?!two\b|same\b)[a-z]+\s+(?:[a-z]+\s+){1,2}$")


def _pronouns(text: str, turn: Turn, names: Sequence[str], lexicons: Sequence[Lexicon], story: str = "") -> str:
    """"who is its chief executive?" -> "who is Qantas's chief executive?"; "what did he say?" -> the
    person the last answer named. A pronoun is left alone when nothing fits it, or when the question
    already names the subject it would stand for."""
    subject = _subject(turn)
    named_at = _first_name_at(text, names)
    if subject and not _EXPLETIVE.search(text) and not _names_subject(names, turn, lexicons):
        changed = _CHANGED.search(text)
        measure = _owned_measure(turn) if changed and changed.start() < named_at else ""
        if measure:
            # "why did it fall?" after "what was glaxosmithkline's profit last year?": the profit fell, not the firm
            return text[: changed.start(1)] + measure + text[changed.end(1):]
        m = _THING.search(text)
        if m and _SAID_OF_ITSELF.search(text[: m.start()]):
            m = None  # "which US oil giant said it wouldn't bid?": "it" is the one asked for, not the last subject
        if m and m.group(1).lower() == "it" and country_of(subject) and _UNDER_IT.search(text[: m.end()]):
            m = None  # "when will the first reports under it come out?" after "when is that rule expected? (about UK)":
            # the rule, not the country; left to the story
        if m and m.group(1).lower() in ("its", "their") and _THE_DOER_BEFORE.search(text[: m.start()]):
            m = None  # "when did the club take its shares off the market?": "its" is the club's, whichever it is
        if m and m.group(1).lower() in ("its", "their") and _OWN_SUBJECT_AFTER.search(text, m.end()):
            m = None  # "how much of its value did that currency lose?": "its" is the currency's, named after it
        if m and m.start() < named_at:  # "What did Qantas make in its first half?": its = Qantas
            word = m.group(1).lower()
            if word in ("they", "their", "them") and _one_person(subject, turn):
                # "the steel mill they most want back" after a question about Yushchenko: "they" is no one
                # man (the government, the firm); it is left for the story to answer
                subject = ""
            thing = _attributive(subject, turn.question) if word == "it" else ""
            if thing:
                # "that ran it" after "… questioned for the BBC World Service economic poll?": "it" is the
                # poll the name only described, not the name
                return text[: m.start()] + thing + text[m.end():]
            if word in ("it", "its") and (subject in turn.people or subject.lower() == turn.person.lower()):
                # "which country won't back it?" after "… did Gordon Brown want his facility to raise?":
                # "it" is no person; the first thing of the last question that is not one, if any
                subject = next((d for d in turn.display if d not in turn.people and d.lower() != turn.person.lower()
                                and not country_of(d)), "")
            if word in ("it", "them") and len(turn.display) >= 2 and not _SUBJECT_SLOT.search(text[: m.start()]) \
                    and not _possessed(turn.display[1], turn.question) and turn.display[1] not in turn.people \
                    and not (country_of(turn.display[1]) and sum(1 for d in turn.display if country_of(d)) >= 2):
                # "who sold it?" after "How much did Metlife pay for Travelers?": the object, Travelers
                # (not after "how much will Jet raise from its IPO?": the IPO is Jet's, "it" is Jet; nor one of
                # several countries: "where would he seek action on it?" after "… unless the US worked with Europe
                # and Asia on currency controls?" is the issue, not the US)
                subject = turn.display[1]
            countries = [d for d in turn.display if country_of(d)] or ([] if turn.display else list(turn.parties))
            if len(countries) >= 2 and countries[0] == subject:
                # after a question about two countries, "they" is both, "it" is neither for sure, unless
                # the last question made one of them the subject of its verb ("how much does turkey want to
                # borrow from the imf?": its = Turkey's)
                if word in ("they", "their", "them"):
                    subject = " and ".join(countries[:2])
                elif not _is_subject(subject, turn.question):
                    subject = ""
            if subject:
                shown = f"{subject}'s" if word in _POSSESSIVE else subject
                rest = text[m.end():]
                if word in ("it", "its") and " and " not in subject:
                    # "who is it buying them from?": "them", after "it" is the firm, is the things the
                    # last question spoke of ("its Changyu shares")
                    later = re.search(r"\b(them|they)\b", rest, re.I)
                    things = turn.things or plural_thing(turn.question)
                    if later and things:
                        rest = rest[: later.start()] + things + rest[later.end():]
                return text[: m.start()] + shown + rest
        elif m and m.group(1).lower() in ("it", "them") and _OBJECT_SLOT.search(text[: m.start()]) \
                and not country_of(subject):
            # "what tax does India want it to pay?": the object of what the named party does is not
            # that party ("itself" would be); it is the last question's firm (or the thing the last
            # question named it to describe: "the BBC World Service economic poll")
            return text[: m.start()] + (_attributive(subject, turn.question) or subject) + text[m.end():]
    # (the person the last answer named; else the one person the last question was about: "and who was he presenting
    # it to?" after "at what time was the meeting scheduled to start? (about Silvio Berlusconi)")
    person = turn.person or (turn.people[0] if len(turn.people) == 1 else "") or _role_asked(turn)
    if person and person.lower() not in text.lower():
        m = _PERSON.search(text)
        if m and m.start() < named_at:
            word = m.group(1).lower()
            after = re.match(r"\s+([a-z]+)", text[m.end():])
            possessive = word == "his" or (word == "her" and after is not None and after.group(1) not in _NOT_A_NOUN)
            # (or the one firm the story's title names: "and in how many countries does his company operate?" in
            # "Tate & Lyle boss bags top award", after questions naming the magazine that gave it)
            firm = _firm_of(turn) or (_titled_firm(story, turn, lexicons) if story else "")
            country = next((d for d in turn.display if country_of(d)), "")
            if possessive and country and after is not None and after.group(1) in _STATE_NOUNS:
                # "how much will his government spend …?" after "who is nigeria's agriculture minister?": the
                # government of the country the last question was about, not one of the minister's own
                return text[: m.start()] + f"{country}'s" + text[m.end():]
            if possessive and firm and after is not None and after.group(1) in _FIRM_NOUNS:
                # "has his firm seen …" after "who runs Retail Decisions?" answered with its chief: the firm
                # the question was about, not a firm of his
                return text[: m.start()] + firm + text[m.end() + after.end():]
            shown = f"{person}'s" if possessive else person
            return text[: m.start()] + shown + text[m.end():]
    return text


# A role held by one person ("finance minister", "chief executive"), after the name of where it is held
_ONE_ROLE = ("(?:[a-z]+\\s+){0,2}?(?:" + "|".join(sorted(ROLE_WORDS - {"general", "managing", "deputy", "vice", "owner",
                                                                    "leader", "head", "chief", "director", "officer",
                                                                    "manager", "representative"},
                                                       key=len, reverse=True)) + ")")


def _role_asked(turn: Turn) -> str:
    """The one person the last question asked about by a role alone, when its answer named nobody: "France's
    finance minister" after "what did france's finance minister say …?", for "where would he seek action?"."""
    for owner in turn.display:
        m = re.search(rf"(?i)(?<![\w&]){re.escape(owner)}['’]s\s+({_ONE_ROLE})\b", turn.question)
        if m is not None:
            return f"{owner}'s {m.group(1).lower()}"
    return ""


# "it" as the thing something comes under or from: a rule, a scheme, a deal, never a country
_UNDER_IT = re.compile(r"\b(?:under|behind|about)\s+it$", re.I)


# The question's own subject, written after an "its" that stands for it: "how much of its value did that currency lose?"
# (pointed at with "that", "this" …: "what share of its sales does the UK make?" asks the last firm's sales)
_OWN_SUBJECT_AFTER = re.compile(r"\b(?i:did|does|do|has|have|had|will|would|is|was|were|are)\s+(?i:that|this|these|those)\s+"
                                r"[a-z]+")
# A question's own subject speaking of itself: "which firm said it …", "who says they will …"
_SAID_OF_ITSELF = re.compile(r"(?i)^\s*(?:and\s+)?(?:which|what|who)\b[^?]*?\b(?:said|says|say|told|claims?|claimed|"
                             r"announced|insisted|warned|confirmed|denied|added|stated|argued)\s+(?:that\s+)?$")


def _attributive(name: str, question: str) -> str:
    """The thing the question wrote the name only to describe, with "the" before it ("the BBC World Service
    economic poll", "the reliance buy-back"): what a later "it" stands for; "" when the name stands alone."""
    m = re.search(rf"(?i)\bthe\s+{re.escape(name)}((?:\s+[a-z][\w-]*){{1,3}})", question)
    if m is None:
        return ""
    words = []
    stop = ""
    for word in m.group(1).split():
        w = word.lower()
        if w in _NOT_A_NOUN or w in _QUESTION_WORDS or w in _SHORT_WORDS or w.endswith("ed") or w in _WH_WORDS:
            stop = w
            break
        words.append(word)
    if re.search(r"(?i)\b(?:did|does|do|will|would|can|could|might|may|should|has|have|had)\s+$", question[: m.start()]) \
            and not (stop.endswith("ed") or stop in ("be", "that", "which")):
        # ("where did the iseq close": after an auxiliary the name is the subject, "close" its verb; unless a
        # participle or "be" follows the words: "how long will the Balkan oil pipeline approved by … be?")
        return ""
    return f"the {name} {' '.join(words)}" if words else ""


_WH_WORDS = frozenset("what which who whom whose when where why how".split())


def _titled_firm(story: str, turn: Turn, lexicons: Sequence[Lexicon]) -> str:
    """The one name the story's title gives that is no person and no country, as the title writes it; "" otherwise."""
    title = story.split("\n", 1)[0]
    people = {p.lower() for p in (*turn.people, turn.person) if p}
    keys = [k for k in find_names(title, lexicons) if k not in people and not any(k in p.split() for p in people)
            and not country_of(k) and not country_of(k.title())]
    if len(keys) != 1:
        return ""
    m = re.search(rf"(?<![\w&]){re.escape(keys[0])}(?![\w&])", title, re.I)
    return m.group() if m else ""


def _opening_firm(story: str, turn: Turn) -> str:
    """Of two or more firms the last question named, the only one the story's first sentence names; "" otherwise."""
    people = {p.lower() for p in (*turn.people, turn.person) if p}
    firms = [d for d in turn.display if d.lower() not in people and not country_of(d) and not country_of(d.title())]
    if len(firms) < 2:
        return ""
    opening = opening_sentence(story.split("\n", 1)[1] if "\n" in story else "")
    opened = [d for d in firms if re.search(rf"(?<![\w&]){re.escape(d)}(?![\w&])", opening, re.I)]
    return opened[0] if len(opened) == 1 else ""


def _one_person(name: str, turn: Turn) -> bool:
    """Whether the name is one person's: a person the last question named, or the person its answer named
    (in full or by surname)."""
    if name in turn.people:
        return True
    person = turn.person.lower()
    return bool(person) and (name.lower() == person or name.lower() == person.split()[-1])


_STATE_NOUNS = frozenset("government country ministry administration nation cabinet".split())
_FIRM_NOUNS = frozenset("firm company group bank business employer airline carrier retailer".split())


def _firm_of(turn: Turn) -> str:
    """The firm the last question asked a person of ("who runs Retail Decisions?"), when it asked of one
    firm that is no person and no country; "" otherwise."""
    firms = [d for d in turn.display if d not in turn.people and not country_of(d) and d != turn.person]
    return firms[0] if len(firms) == 1 and turn.kind == "person" and not turn.parties else ""


# "it"/"they" as the subject of a verb of change: what rose or fell is an amount, not a firm
_CHANGED = re.compile(r"\b(it|they)\s+(?:(?:has|have|had|will|would)\s+)?(?:rise|rose|risen|rising|fall|fell|fallen|falling|"
                      r"grow|grew|grown|growing|drop|dropped|jump|jumped|climb|climbed|increase|increased|decrease|"
                      r"decreased|decline|declined|slump|slumped|surge|surged|shrink|shrank|shrunk|go\s+up|go\s+down|"
                      r"went\s+up|went\s+down)\b", re.I)


def _owned_measure(turn: Turn) -> str:
    """The amount the last question asked of its subject, as it wrote it ("glaxosmithkline's profit", "toyota's
    us sales"); "" when it asked none."""
    alternatives = "|".join(sorted((re.escape(w) for w in _MEASURE_WORDS), key=len, reverse=True))
    for key in sorted(turn.entities, key=len, reverse=True):
        m = re.search(rf"(?i)(?<![\w&]){re.escape(key)}['’]s\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternatives})\b", turn.question)
        if m:
            return m.group()
    return ""


_PLURAL_THING = re.compile(r"\b(?:its|their|his|her|the)\s+((?:[a-z][\w-]*\s+){0,2}[a-z]{2,}[^s\W]s)\b(?!['’])")


def plural_thing(question: str) -> str:
    """The last plural thing a question spoke of, as "the …": "its changyu shares" -> "the changyu shares"."""
    found = [m.group(1) for m in _PLURAL_THING.finditer(question)
             if not any(w in _QUESTION_WORDS for w in m.group(1).split())]
    return f"the {found[-1]}" if found else ""


def _possessed(name: str, question: str) -> bool:
    """Whether the question wrote the name as a belonging of its subject ("its IPO", "their bank")."""
    return bool(re.search(rf"(?i)\b(?:its|their|his|her)\s+{re.escape(name)}(?![\w&])", question))


def _first_name_at(text: str, names: Sequence[str]) -> int:
    """Where the question first names a firm, a person or a country (len(text) when it names none)."""
    lower = text.lower().replace("’", "'")
    spots = [m.start() for key in names for m in [re.search(rf"(?<![\w&]){re.escape(key)}", lower)] if m]
    for party in parties_in(text):
        m = re.search(rf"(?i)\b{re.escape(party)}", text)
        if m is None:  # named in another form ("uk", "US", "Greek"): the first word (or two) naming it
            words = list(re.finditer(r"[A-Za-z][\w.'’-]*", text))
            m = next((w for w in words if party in parties_in(w.group())), None) or next(
                (w for w, after in zip(words, words[1:]) if party in parties_in(text[w.start(): after.end()])), None)
        spots.append(m.start() if m else 0)  # not found at all: taken as before any pronoun
    return min(spots, default=len(text))


def _names_subject(names: Sequence[str], turn: Turn, lexicons: Sequence[Lexicon]) -> bool:
    """Whether the question already names the last subject (then "it" is something else)."""
    return any(n in turn.entities for n in names)


def _refers_to_story(text: str, story: str) -> bool:
    """Whether a question naming nobody points back at the last answer's story: "who else …", a bare
    "that"/"there", or "the agreement" / "the judge" when the story speaks of an agreement or a judge."""
    if not story:
        return False
    if _ELSE.search(text) or _DEMONSTRATIVE.search(text) or _THING.search(text) or _PERSON.search(text):
        return True
    lower = story.lower()
    # most of what the question asks about must be in the story too: "what is the oil price?" after a
    # story that mentions oil once is a question of its own, "when was the deal signed?" is not
    if not mostly_in_story(text, story):
        return False
    for m in re.finditer(r"\b(?:the|that|this)\s+([A-Za-z]+)(?:\s+([a-z]{4,}))?", text, re.I):
        # "the deal", "the judge"; "the Korean bank" (a capitalised word describes the noun after it)
        words = [m.group(1)] + ([m.group(2)] if m.group(2) and m.group(1)[0].isupper() else [])
        for noun in (w.lower() for w in words):
            if len(noun) >= 4 and noun not in _NOT_STORY_NOUNS and re.search(rf"\b{re.escape(noun)}", lower):
                return True
    # "which chief executive resigned?": three or more of its words, together in one sentence of the story
    asked = {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _QUESTION_WORDS}
    if len(asked) >= STORY_WORDS:
        for sentence in re.split(r"(?<=[.!?])\s+", lower):
            if all(re.search(rf"\b{re.escape(w)}", sentence) for w in asked):
                return True
    return False


def mostly_in_story(text: str, story: str) -> bool:
    """Whether two thirds of what a question asks about (its words of four letters or more, save question
    words and the attribute asked: "worth", "chief") are written in the story."""
    lower = story.lower()
    content = [w for w in re.findall(r"[a-z]{4,}", text.lower())
               if w not in _QUESTION_WORDS and w not in _ATTRIBUTE_WORDS]
    found = [w for w in content if re.search(rf"\b{re.escape(w[:5])}", lower)]
    return bool(content) and len(found) * 3 >= len(content) * 2


STORY_WORDS = 3  # words of a question naming nobody that, found together in one sentence of the last story, point back to it
_AUXILIARY = re.compile(r"\b(?:did|does|do|will|would|has|have|had|is|was|are|were|can|could|might|should|may)\s+"
                        r"(?:the\s+)?$", re.I)


def written_subjects(question: str, keys: Sequence[str], shown: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The focus entities with the question's grammatical subject first ("will S&N buy": S&N, not
    United Breweries), each shown as the question wrote it, whole ("United Breweries", though the
    store's name for it is "United"), so that a later "its" names the firm that was meant."""
    lower = question.lower().replace("’", "'")
    found: list[tuple[bool, int, str, str]] = []
    for i, (key, name) in enumerate(zip(keys, shown)):
        m = re.search(rf"(?<![\w&]){re.escape(key)}(?![\w&])", lower)
        if not m:
            found.append((False, i, key, name))
            continue
        end = m.end()
        more = re.match(r"(?:\s+[A-Z][\w&.-]*(?<!'s))+", question[end:])
        written = question[m.start(): end + (more.end() if more else 0)]
        written = written if more else name
        subject = bool(_AUXILIARY.search(question[: m.start()]))
        found.append((subject, i, key, written))
    found.sort(key=lambda t: (not t[0], t[1]))
    return tuple(t[2] for t in found), tuple(t[3] for t in found)


def _is_subject(name: str, question: str) -> bool:
    """Whether the question writes the name as the subject of its verb, alone, after an auxiliary ("does
    turkey want …"; not "did Ghana and Morocco agree …", where both are, nor "did france's finance minister
    say …", where its minister is)."""
    m = re.search(rf"(?i)(?<![\w&]){re.escape(name)}(?![\w&])", question)
    return (m is not None and bool(_AUXILIARY.search(question[: m.start()]))
            and not re.match(r"(?i)\s*(?:,|and\b|&|or\b)|['’]s\b", question[m.end():]))


def _is_place(name: str) -> bool:
    """Whether a name is a country (or bloc) itself: "the UK", "south korea", "Greek"; not a firm whose name
    holds one ("Swiss Re", "Bank of Korea", "British Airways")."""
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    if country_of(bare) or country_of(bare.title()):
        return True
    return len(bare.split()) == 1 and bool(parties_in(bare) or parties_in(bare.title()))


def _takes_the(name: str) -> bool:
    """"the UK", "the EU", "the United States"; not "the Canada"."""
    return name.isupper() or name.split()[0] in ("United", "European", "Netherlands", "Philippines")


def _subject(turn: Turn) -> str:
    if turn.display:
        return turn.display[0]
    if turn.entities:
        return turn.entities[0]
    if turn.parties:
        return " and ".join(turn.parties[:2])
    return ""


def lexicons_display(key: str, lexicons: Sequence[Lexicon]) -> str:
    return next((lx.display[key] for lx in lexicons if key in lx.display), key)


# ---- "who said that?" -----------------------------------------------------------------------------

_SPEECH_VERBS = (r"said|says|say|told|tells|added|adds|stated|states|confirmed|confirms|argued|argues|warned|warns|"
                 r"explained|explains|noted|notes|insisted|insists|claimed|claims|commented|remarked|admitted|"
                 r"stressed|asked|asks|replied|according to|quoted|highlighted|mentioned|emphasised|emphasized|"
                 r"announced|urged|welcomed|pointed out")
_SPEECH = re.compile(rf"[\"“”]|\b(?:{_SPEECH_VERBS})\b", re.I)
_QUOTATION = re.compile(r"[\"“”]")
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.I)
# "he said", "said she", "the minister added", "the chief executive also told analysts"
_STAND_IN = re.compile(
    rf"\b(?:(he|she)\s+(?:also\s+)?(?:{_SPEECH_VERBS})|(?:{_SPEECH_VERBS})\s+(he|she)\b|"
    rf"the\s+((?:[a-z]+\s+){{0,2}}(?:minister|executive|chairman|chairwoman|chief|boss|president|governor|"
    rf"spokesman|spokeswoman|spokesperson|director|secretary|head|official|analyst|economist))\s+(?:also\s+)?"
    rf"(?:{_SPEECH_VERBS}))", re.I)
# "…, the Deutsche Welle radio station reported.": a body named with what kind it is, closing the sentence
_REPORTED_BY = re.compile(rf",\s+(?:the\s+)?([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)(?:\s+[a-z]+){{1,2}}\s+"
                          rf"(?:{_SPEECH_VERBS}|reported)\s*[.!]?[\"”]?\s*$")
_ACCORDING_TO_REPORTS = re.compile(r"\b(?i:according\s+to\s+(?:an?\s+)?(?:reports?|figures|data|a\s+statement|statements|"
                                  r"estimates?|surveys?)\s+(?:from|by|of)\s+(?:the\s+)?)(?:[a-z][\w-]*\s+){0,3}?([A-Z][\w&'’.-]*"
                                  r"(?:\s+[A-Z][\w&'’.-]*)*)")
_NAMED_SPEAKER = [
    # '…," said X' and "according to X" (not "claimed Mr X was …": X is then what was claimed about)
    re.compile(rf"(?:[,\"”]\s*(?:{_SPEECH_VERBS})|according to)\s+((?:[A-Z][\w&'’.-]*\s+)*[A-Z][\w&'’.-]*)"),
    re.compile(rf"((?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w'’-]+|[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)(?:\s+\([^)]{{1,20}}\))?"
               rf"(?:,[^,]{{3,80}},)?\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b"),
    _REPORTED_BY,
    # "reports from the US Treasury and the Inter-American Development Bank have said": the bodies reporting
    # "according to reports from Russian News Agency Interfax, …": the one reporting
    _ACCORDING_TO_REPORTS,
    re.compile(rf"\breports?\s+(?:from|by)\s+((?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*"
               rf"(?:\s+and\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)?)\s+(?:have\s+|has\s+)?"
               rf"(?:{_SPEECH_VERBS}|shown?|show)\b"),
]
LOOK_BACK = 6  # sentences before a "he said" searched for the person it stands for


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a stored sentence says said it: a person (with their role when known) or only a body."""

    sentence_id: str  # the sentence that reports the speech
    name: str
    role: str = ""
    person: bool = True  # False: a firm or body is named as speaking, no person
    named_in: str = ""  # another sentence naming the person ("he said" read back), or ""


def who_said(store: "StoragePort", cited: Sequence[str], lexicons: Sequence[Lexicon] = ()) -> Speaker | None:
    """The speaker of what the last answer quoted: its first sentence when that reports a person's
    speech; otherwise the first other cited sentence that is a quotation by a named person;
    otherwise the body the first sentence names as speaking (a Speaker with person=False)."""
    found = [speaker_of(store, sid, lexicons) for sid in cited]
    if found and found[0] is not None and found[0].person:
        return found[0]
    for sid, speaker in zip(cited[1:], found[1:]):
        sentence = store.sentence(sid)
        if speaker is not None and speaker.person and sentence is not None and _QUOTATION.search(sentence.text):
            return speaker
    return found[0] if found else None


def speaker_of(store: "StoragePort", sentence_id: str, lexicons: Sequence[Lexicon] = ()) -> Speaker | None:
    """Who the sentence says spoke: a person fact of the sentence, a name beside its speech verb,
    the person a "he said" / "the minister added" stands for (read back through the sentences
    before it), or a firm named as speaking. None when it reports no speech or names nobody."""
    sentence = store.sentence(sentence_id)
    if sentence is None or not (_SPEECH.search(sentence.text) or _REPORTED_BY.search(sentence.text)):
        return None
    text = sentence.text
    people = [f for f in store.facts(sentence.article_id) if f.type == "person" and not f.attrs.get("role_only")]
    here = [f for f in people if sentence_id in f.sentence_ids and _named(f.value, text)]
    speaking = [f for f in here if _speaks(f.value, text)]
    if speaking:
        verbs = [m.start() for m in _VERB.finditer(text)]

        def distance(f: Fact) -> int:
            at = _named_at(f.value, text)
            return min((abs(at - v) for v in verbs), default=at)
        best = min(speaking, key=distance)
        return Speaker(sentence_id, _whole_name(best.value, text), str(best.attrs.get("role") or ""))
    stand_in = _STAND_IN.search(text)
    if stand_in:
        wanted = (stand_in.group(3) or "").lower().split()
        back = _person_before(store, sentence, people, wanted)
        if back is not None:
            fact, sid = back
            named = store.sentence(sid)
            return Speaker(sentence_id, _whole_name(fact.value, named.text if named is not None else ""),
                           str(fact.attrs.get("role") or ""), named_in=sid)
        return None
    for pattern in _NAMED_SPEAKER:
        m = pattern.search(text)
        if not m:
            continue
        name = m.group(1).strip()
        surname = name.split()[-1]
        known = next((f for f in people if f.value.split()[-1] == surname), None)
        if known is not None:
            return Speaker(sentence_id, known.value, str(known.attrs.get("role") or ""))
        if re.match(r"(?:Mr|Mrs|Ms|Dr)\b", name):
            return Speaker(sentence_id, name)
        if find_names(name, lexicons):  # a firm or body the store knows ("Standard Chartered said")
            return Speaker(sentence_id, re.sub(r"^The\s+", "the ", name), person=False)
    return None


# "what did venezuela's prosecutor say …", "what did its spokesman tell reporters": who is asked to have spoken
_WHAT_SAID = re.compile(r"(?i)^\s*(?:and\s+)?what\s+(?:did|does|has|have|had|will)\s+(.+?)\s+(?:say|says|said|tell|"
                        r"told|add|claim|argue|warn|call|think|make of)\b")
# "why did china's environment agency say the projects had to stop?": the reasons the one asked about gave
_WHY_SAID = re.compile(r"(?i)^\s*(?:and\s+)?why\s+(?:did|does|has|have|had|would)\s+(.+?)\s+(?:say|says|said|claim|argue|"
                       r"warn)\b")
_OWNER_WORDS = frozenset("the a an its their his her our this that".split())
_SPEAKING_BODY = (r"\b(?:agency|ministry|minister|regulator|watchdog|commission|government|office|authority|authorities|"
                  r"department|court|union|council|bank|spokes(?:man|woman|person)|chief|chairman|president|governor|"
                  r"analysts?|economists?)\b")


def asked_speaker(question: str) -> tuple[str, ...]:
    """The words describing who a "what did … say" question asks about, without the owner ("venezuela's
    prosecutor": prosecutor; "its spokesman": spokesman; "the central bank chief": central, bank, chief);
    () for any other question, or when only a pronoun is left."""
    if re.search(r":\s+(?:and\s+)?(?:under|in|on|at|by|for|from|to|with)?\s*(?:which|what|who|when|where|how)\b",
                 question, re.I):
        return ()  # ("what does X say …: under which year's law …?": the narrowing asks something else)
    m = _WHAT_SAID.match(question)
    why = _WHY_SAID.match(question) if m is None else None
    if why is not None and re.search(_SPEAKING_BODY, why.group(1), re.I):
        m = why  # ("why did china's environment agency say …?": a body or a role, whose word gives the reasons)
    if not m:
        return ()
    words = [w for w in re.findall(r"[A-Za-z][\w&.-]*(?:['’]s)?", m.group(1))]
    while words and re.search(r"['’]s$", words[0]):
        words.pop(0)  # the owner: "venezuela's", "the firm's"
    words = [w.lower() for w in words if w.lower() not in _OWNER_WORDS and not re.search(r"['’]s$", w)]
    if not words or all(w in ("he", "she", "it", "they", "him", "them") for w in words):
        return ()
    return tuple(words)


def speaker_fits(speaker: Speaker, wanted: Sequence[str]) -> bool:
    """Whether a sentence's speaker is the one asked about: each asked word begins a word of their name or
    role ("prosecutor" in "state prosecutor", "spokesman" in "Riggs spokesman")."""
    said = f"{speaker.name} {speaker.role}".lower()
    if speaker.person and len(wanted) >= 2 and speaker.name.split()[-1].lower() == wanted[-1]:
        return True  # ("platon lebedev" asked: "Mr Lebedev said …")
    return all(re.search(rf"\b{re.escape(w.rstrip('s') if len(w) > 4 else w)}", said) for w in wanted)


def role_speaks(text: str, wanted: Sequence[str]) -> bool:
    """Whether a sentence has the one asked about speak by the role asked, naming no one ("France's finance
    minister has said the world faced …" for "what did france's finance minister say …?")."""
    role = r"\s+".join(re.escape(w) for w in wanted)
    return re.search(rf"(?i)\b{role}\w*\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:{_SPEECH_VERBS})\b", text) is not None


def _person_before(store: "StoragePort", sentence: "Sentence", people: Sequence[Fact],
                   wanted: Sequence[str]) -> tuple[Fact, str] | None:
    """The nearest person named in the sentences before this one (with the role asked, if any)."""
    article_id, _, number = sentence.id.rpartition(":")
    if not number.isdigit():
        return None
    role_words = [w for w in wanted if w not in ("the", "also")]
    for n in range(int(number) - 1, max(0, int(number) - 1 - LOOK_BACK), -1):
        sid = f"{article_id}:{n}"
        named = [f for f in people if sid in f.sentence_ids]
        if role_words:
            named = [f for f in named if all(w in str(f.attrs.get("role") or "").lower() for w in role_words)]
        if len(named) == 1:
            return named[0], sid
        if len(named) > 1:
            return None  # two people before it: which one spoke is not said
    return None


_SURNAME = re.compile(r"\s+([A-Z][a-z][\w'’-]*)")


def _whole_name(name: str, text: str) -> str:
    """A person's name as the sentence writes it in full, when the stored fact kept only one word of it
    ("Spokesman Alan Jones said …" filed as "Alan"): the capitalised word after it is added; a name of
    two words or more, or one the sentence does not follow with a name, is left as it is."""
    if " " in name.strip():
        return name
    m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    after = _SURNAME.match(text, m.end()) if m else None
    if after is None or after.group(1).lower() in FUNCTION_WORDS:
        return name
    return f"{name} {after.group(1)}"


def _speaks(name: str, text: str) -> bool:
    """Whether the named person is the one a speech verb of the sentence belongs to: "X said",
    "X, the chief executive, told", "said Standard Chartered chief executive X", "according to X";
    not "the report added that X is becoming impatient"."""
    at = _named_at(name, text)
    if at < 0:
        return False
    end = at + len(name) if text[at:].startswith(name) else at + len(name.split()[-1])
    for verb in _VERB.finditer(text):
        if verb.start() >= end:
            between = text[end: verb.start()]
            if len(between) <= 80 and not re.search(r"\b(?:that|which|who|because|after|when|while|and)\b|[;\"“”]",
                                                      between):
                return True  # "Mr X said", "X, role at Y, told"
        elif verb.end() <= at:
            # "…," said Y chief executive X' and "according to X"; not "claimed Mr X was …"
            inverted = verb.group().lower() == "according to" or re.search(r"[,\"”]\s*$", text[: verb.start()])
            between = text[verb.end(): at]
            if (inverted and len(between) <= 60
                    and not re.search(r"\b(?:that|which|who|because|after|when|while|and)\b|[;\"“”.,]", between)
                    and not re.match(r"\s+(?:was|is|were|are|has|had|have|would|will|could|should|might|may)\b",
                                     text[end:])):
                return True
    return False


def _named(name: str, text: str) -> bool:
    return _named_at(name, text) >= 0


def _named_at(name: str, text: str) -> int:
    """Where the text names the person: in full, or by surname ("Mr Eddington")."""
    for form in (name, name.split()[-1]):
        m = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)
        if m:
            return m.start()
    return -1
