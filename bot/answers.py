"""From ranked evidence to an answer: judge whether the store answers, then say it with citations.

The offline (extractive) answer is built from facts and sentences only, so every word it claims
comes with a `[n]` pointing at a sentence quoted verbatim from the store. Its first statement (the
lead) is a synthesised claim (a figure, a name, a count, a list) only when the fact behind it is
about the question's focus entity, carries the wanted attribute and fits the question's scope
(`bot.focus`); otherwise the answer opens with the best sentence, quoted. Evidence is grouped by
story: a list is never merged across stories, and other stories are named, not mixed in.

Before that, the question is read: typos are corrected against the store's vocabulary
(`bot.spelling`), a follow-up is resolved against the conversation's last turn
(`bot.conversation`), and a question in another language gets a one-line reply.

The parts live beside this module: ranking by focus in `bot.ranking`, the near-miss gate (does a
sentence about the entity carry the asked fact?) in `bot.nearmiss`, and the writing of the lead and
citations in `bot.composer`. This module reads the question, judges, and puts them together.

An LLM, when configured, rewrites the answer from the same evidence and is verified by `bot.llm`;
any failure falls back here.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .caching import compiled
from .courtesy import plain_question
from .conversation import (_ELSE, _MONTH, _SPEECH_VERBS, _THING, Memory, Turn, _named, _named_at, asked_speaker, job_of, role_speaks, lexicons_display, mostly_in_story,
                           plural_thing, resolve_followup, speaker_fits, speaker_of, who_said, written_subjects)
from .entities import _POSSESSIVE, FUNCTION_WORDS, Lexicon, find_names
from .focus import (_FALL, _FORECAST, _RISE, ANOTHER_YEAR, PART_OF_YEAR, ROLE_WORDS, _IRREGULAR_FORMS, _QUARTER, _TITLES, _YEAR, FIRM_KIND_WORDS, FIRM_SUBJECT, MEASURES, SOURCE_HEAD, STORY_YEAR, TITLE_WEIGHT, WHICH_PERSON, Focus,
                    afterthought, analyse_focus, does_deed, is_acronym, main_clause, mentions_any, opening_sentence,
                    spelled_out, thing_in, words_set_against)
from .lists import as_ranked
from .models import Answer, Article, Citation, Fact, Filters, Sentence
from .question import CONTRASTED, HOW_COMPARED as _HOW_COMPARED, NAME_ASKED, PEOPLE_NAMED, QUESTION_WORDS, SET_AGAINST_ASIDE, SET_ASIDE, Query, analyse, view_said
from .retrieval import _FORMS, ANAPHOR, Hit, Retriever, stems
from .storage_port import StoragePort
from .facts import country_of, parties_in, party_kind
from .spelling import QUESTION_VOCABULARY as ENGLISH_QUESTION_WORDS
from .spelling import HELD_AT, SUBJECT, Speller, english_counts, looks_foreign
from .causes import CRITICISM_ASKED, GROUNDS_GIVEN, cause_grade, cause_starts
from .counting import SPAN, counts_any
from .composer import (_CALENDAR, Composer, _main_parties, _per_share_figure, asks_each_place, date_as_said, make_citation,
                       subject_anothers)
from .nearmiss import (asked_detail, asked_part, anothers_subject, carries_plan, detail_share, holds_amount, numbered_names, owner_of_measure,
                       planned_action, thing_unmeasured, time_unsaid, title_phrases, titled_names)
from .nearmiss import HOW_MUCH_THING as _HOW_MUCH_THING, RATING_ASKED, _qualified, earlier_change_asked, STOOD_AT, placed_in, _DURATION, measured_thing, _MEASURE_WORDS, _MONEY_TEXT, _NO_SUBJECT, _SCALED, _clauses, _direction_in, _noun_in, _PRONOUN_SUBJECT, _asked_thing, _firms, _fits, _loosely_has, _only_compared, _owned_by_other, _region_name, _subject_name
from .ranking import (_names_every, KIND_STEP, PLACE_AT, Parallel, Ranked, _QUOTE_OPENS, _nearly_as_good_first, _figure_in, _story_sentence_first, _ROUTE_ASKED, _SHARE_ASKED, _SHARE_GIVEN, _SHARE_SAID, _has_figure, asked_countries, counts_run, elsewhere_only, introduced_as, introduces_kind, led_by, names_nobody, phrase_in, _reported_by_another, _AGE, _HOW_OLD, _PAST, _asked, _count_nouns, _join, _names_focus,
                      _cause_first, _parallel, _story_first, _why_asked, figure_kinds, rank)

__all__ = [
    "Answerer",
    "Evidence",
    "LLMAnswerer",
    "LLMUnavailable",
    "ClaimsRejected",
    "Judgement",
    "judge",
    "make_citation",
    "NO_ANSWER",
    "NEEDS_WHICH",
    "ENGLISH_ONLY",
]

log = logging.getLogger(__name__)

NO_ANSWER = "I found nothing in the stored articles that answers this."
ENGLISH_ONLY = "Questions and articles are in English only; please ask in English."
ENGLISH_READ = "Questions and articles are in English only; your question was read in English."
NEEDS_CONTEXT = "That needs an earlier question to refer to; please ask it in full."
NEEDS_WHOSE = "That asks about “its” or “their” without saying whose; please name the firm or country."
NEEDS_WHO = "That asks about “he” or “she” without saying who; please name the person."
NEEDS_WHICH = "That asks about “the {}” without saying which; please name it."
# "the retailer's chief executive": an owner named only by its kind
# the kinds of firm a question or a sentence may name one by ("the retailer", "the club")
_FIRM_KINDS = (r"firm|company|group|retailer|bank|airline|carrier|carmaker|maker|club|exchange|insurer|brewer|chain|"
               r"business|operator|lender|supermarket|manufacturer|producer|giant|network|broadcaster|miner")
_GENERIC_OWNER = re.compile(rf"\bthe\s+((?:car\s+|retail\s+)?(?:{_FIRM_KINDS}))['’]s?\s", re.I)
# A body or a firm owning what is asked, named by its kind: "the watchdog's investigation team", "the firm's chief"
_BODY_KINDS = (rf"{_FIRM_KINDS}|watchdog|regulator|agency|authority|ministry|government|commission|union|body|"
               r"department|board|council|fund")
_BODY_OWNER = re.compile(rf"\bthe\s+(?:{_BODY_KINDS})['’]s?\s", re.I)
_NO_ONE = re.compile(r"\b(?:he|she|his|him)\b", re.I)  # a person the question does not name ("her" may be a country's)
_WHOSE = re.compile(r"\b(?:its|their)\s+[a-z]", re.I)


def _names_no_owner(text: str) -> bool:
    """Whether "its"/"their" in `text` has no word before it that could be its owner: "who is its chief
    executive?", "how much did the firm raise its dividend?" (the one word left is the verb), but not
    "why did next lower its profit expectations?" (a name the reader did not capitalise)."""
    m = _WHOSE.search(text)
    if m is None:
        return False
    counted = _COUNTED_OWNER.match(text)
    if counted and counted.end() <= m.start() and m.group().lower().startswith("their"):
        return False  # the things counted own it: "how many government agencies would have their budgets reduced?"
    later = _LATER_OWNER.search(text, m.end())
    if later and any(w not in _NO_SUBJECT and w.rstrip("s") not in _NO_SUBJECT
                     for w in (later.group(1) or later.group(2)).lower().split()):
        return False  # the owner comes later: "what share of their income do the richest countries give?"
    words = re.findall(r"[A-Za-z][\w'’&-]*", text[: m.start()])
    return len([w for w in words if w.lower() not in _NO_SUBJECT]) <= 1


# The things a "how many" question counts, which a later "their" may stand for
_COUNTED_OWNER = re.compile(r"\s*(?:and\s+)?how\s+many\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s\b", re.I)
# The subject of the question's verb, named after a possessive that stands for it: "… do the richest countries …"
_LATER_OWNER = re.compile(r"\b(?:do|does|did|are|is|were|was|have|has|had|will|would|can|could|should)\s+(?:the\s+"
                          r"((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*s)|(?:that|this|these|those)\s+([a-z][\w-]*))\b(?=\s+[a-z])",
                          re.I)  # (or one pointed at: "how much of its value did that currency lose?")


def _person_named(facts: Sequence[Fact], cited: Citation) -> str:
    """The one person the answering sentence names ("Judge Letitia Clark will start …"): a person
    fact of the sentence, or a person of its story the sentence names in full or by surname ("The
    trial of Emilio Botin, the chairman …", where the facts file him under later sentences); ""
    when it names none or several."""
    people = [f for f in facts if f.type == "person" and not f.attrs.get("role_only")]
    named = {f.value for f in people if cited.sentence_id in f.sentence_ids}
    if not named:
        named = {f.value for f in people if _named(f.value, cited.quote)}
    return named.pop() if len(named) == 1 else ""


STORY_COVERAGE = 0.3  # (`_carried_in_story`) how much of a follow-up bound to its story the sentence must cover


def _carried_in_story(focus: Focus, ranked: Sequence[Ranked], story: str) -> Judgement | None:
    """A follow-up bound to the last answer's story ("how many factory jobs went in that quarter?") is
    answered by the story's leading sentence when that carries the typed attribute asked (a count of
    workers, a role, a measure) without conflict, though it shares fewer of the question's words than a
    question of its own would need ("104,000 workers axed during the last quarter")."""
    if not ranked or not (focus.role or focus.measure or focus.count_noun):
        return None
    top = ranked[0]
    if top.hit.article.id != story or not top.attribute or top.conflict or top.hit.coverage < STORY_COVERAGE:
        return None
    return Judgement(True, "the attribute asked, in the last story", top.hit.article)


def _spelled_out_thing(name: str, body: str) -> bool:
    """Whether a story writes an all-capitals `name` out as a thing in lower case, its initials in brackets after it
    ("its much anticipated initial public offer (IPO)"): a word for a thing, not a firm."""
    if not (name.isupper() and 2 <= len(name) <= 5):
        return False
    m = re.search(rf"((?:\b[a-z][a-z-]*\s+){{{len(name)}}})\(\s*{re.escape(name)}s?\s*\)", body)
    return m is not None and "".join(w[0] for w in m.group(1).split()).upper() == name


PERSON_DEPTH = 5  # (the person-figure check in `answer`) how far down the ranking a sentence naming the person may be
# A pronoun standing for a person already named: "She was fined …", "… his pay …"
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _of_person(name: str, text: str) -> bool:
    """Whether a sentence may speak of a person: it names them (in full or by surname) or says "he" or "she"."""
    return bool(_named(name, text) or _PERSONAL_PRONOUN.search(text))


AGE_WINDOW = 6  # (`_age_given_first`) how far down its story a sentence giving an age may be


def _age_given_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How old is the internet stock picker convicted with the ex-FBI agent?": a best sentence giving no age ("A
    former FBI agent and an internet stock picker have been found guilty …") yields to the sentence of its story that
    gives one ("… former FBI man Jeffrey Royer, 41, fed damaging information to Anthony Elgindy, 36")."""
    if not ranked or not _HOW_OLD.search(query.text):
        return ranked
    named = _HOW_OLD_NAMED.match(query.text)
    if named is not None and _AGE.search(ranked[0].hit.sentence.text):
        # ("How old is Scott Sullivan, … giving evidence against Bernie Ebbers?": "Mr Ebbers, 63, directed Mr Sullivan
        # …" gives another man's age; a sentence giving his own, "Mr Sullivan, 42, …", leads, whichever story has it)
        surname = re.escape(named.group(1).split()[-1])
        own = compiled(rf"\b{surname},\s+(?:aged\s+)?\d{{1,3}}\b|"
                       rf"\b\d{{1,3}}-year-old\s+(?:[\w'’-]+\s+){{0,4}}?{surname}\b")
        if not own.search(ranked[0].hit.sentence.text):
            return led_by(next((r for r in ranked if not r.conflict and own.search(r.hit.sentence.text)), None), ranked)
    return _said_in_story_first(ranked, _AGE.search, AGE_WINDOW, None)


# "how old is Scott Sullivan …?": the person whose age is asked, named
_HOW_OLD_NAMED = re.compile(r"\s*(?i:and\s+)?(?i:how\s+old\s+(?:is|was)\s+)(?:(?:Mr|Mrs|Ms|Dr|Sir)\s+)?"
                            r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")


def _age_unstored(query: Query, focus: Focus, ranked: Sequence[Ranked], read_as: str) -> Answer | None:
    """"how old is he?" read as "how old is Ulrich Bez?": when none of the evidence gives an age ("Mr Bez, 61,",
    "aged 61", "a 61-year-old"), the store has the person but not the age, and says so, rather than quoting a
    sentence about him that does not answer."""
    if not _HOW_OLD.search(query.text) or not focus.display or not ranked:
        return None
    if any(_AGE.search(r.hit.sentence.text) for r in ranked[:EVIDENCE_SIZE]):
        return None
    return near_miss(query, focus, ranked[0], read_as, attribute="age")


CLEARLY_BETTER = 0.4  # (`_clearly_elsewhere`) how much more of the question another story's sentence must cover


def _clearly_elsewhere(ranked: list[Ranked], story: str) -> None:
    """A question of its own searched in the last answer's story first (its names are there) is still
    answered from another story when that one's sentence is clearly better: it covers far more of the
    question (CLEARLY_BETTER), scores higher and carries what is asked ("how many WorldCom executives were
    indicted?" after a story naming WorldCom that speaks only of "five executives who participated")."""
    if not ranked or ranked[0].hit.article.id != story:
        return
    top = ranked[0]
    better = next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id != story and r.score > top.score
                   and r.attribute >= top.attribute and not r.conflict
                   and r.hit.coverage >= top.hit.coverage + CLEARLY_BETTER), None)
    if better is not None:
        ranked.remove(better)
        ranked.insert(0, better)


NEW_COVERAGE = 0.8  # (`_something_new`) how much of the top sentence's coverage another must have to replace it


def _something_new(ranked: list[Ranked], turn: Turn | None) -> None:
    """A question of its own asked in the last answer's story ("what had Wall Street expected?" after
    "how many jobs did the US economy add?") is not answered with the very sentence just quoted when another
    of the story, among the best few, covers the question nearly as well and carries as much of what is
    asked: the asker has that sentence already."""
    if turn is None or not ranked or ranked[0].hit.sentence.id != turn.sentence_id:
        return
    top = ranked[0]
    other = next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id == turn.article_id and not r.conflict
                  and r.attribute >= top.attribute and r.hit.coverage >= NEW_COVERAGE * top.hit.coverage), None)
    if other is not None:
        ranked.remove(other)
        ranked.insert(0, other)


def _new_part_first(ranked: list[Ranked], turn: Turn, raw: str) -> None:
    """An elliptical follow-up putting something new in place of part of the last question ("and at the stores
    hit by new openings nearby?" after one about like-for-like sales at existing stores) is not answered by the
    sentence just quoted, nor by another that says none of the new words ("and back in september?" after the
    dollar's level on Friday): a sentence of the last answer's story among the best few that says them, and
    carries as much of what is asked, answers instead."""
    if not ranked or turn.article_id is None:
        return
    before = set(stems(turn.question))
    new = {w for w in stems(" ".join(t for t in re.findall(r"[\w'’-]+", raw.lower()) if len(t) > 2 and (
        _MONTH.fullmatch(t) or (t not in FUNCTION_WORDS and t not in QUESTION_WORDS)))) if w not in before}
    top = ranked[0]
    if not new or new & set(stems(top.hit.sentence.text)):
        return
    other = next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id == turn.article_id and not r.conflict
                  and r.attribute >= top.attribute and bool(new & set(stems(r.hit.sentence.text)))),
                 None)
    if other is not None:
        ranked.remove(other)
        ranked.insert(0, other)


# "how much will that save?", "what did this cost?": "that" is what the last answer said, not a noun's determiner
_THAT_ASKED = re.compile(r"(?i)\b(?:will|would|could|did|does|do|might|may|should)\s+(?:that|this)\s+"
                         r"(?!(?:be|have)\b)([a-z]{3,})(?=\s*[?.!]*\s*$|\s+(?:in|on|for|by|to|up|out|over|them|it|us|"
                         r"the|a|an|each|every|overall|annually|a\s+year)\b)")  # ("did that deal cost": a noun)


def _that_said(ranked: list[Ranked], turn: Turn, question: str) -> None:
    """A follow-up asking what "that" (the last answer) does ("how much will that save?" after "halving its
    dividend …, a move which should enable it to save $360m") is answered by the sentence just quoted when it
    holds the asked verb: the asker asks about what it said, not about another saving in the story."""
    asked = _THAT_ASKED.search(question)
    if asked is None or not turn.sentence_id or not ranked or ranked[0].hit.sentence.id == turn.sentence_id:
        return
    said = next((r for r in ranked[:EVIDENCE_SIZE * 2] if r.hit.sentence.id == turn.sentence_id), None)
    if said is None or said.conflict:
        return
    verb = stems(asked.group(1))
    if verb and re.search(rf"(?i)\b{re.escape(verb[0])}", said.hit.sentence.text):
        ranked.remove(said)
        ranked.insert(0, said)


# "and a year earlier?", "what about the year before?": the last answer's figure, asked of the period before it
_EARLIER_ASKED = re.compile(r"^\s*(?:and|what\s+about|how\s+about)?\s*(?:(?:in|for)\s+)?(?:the\s+)?(?:(?:a|one)\s+year\s+"
                            r"(?:earlier|before|ago)|(?:year|quarter|month)\s+before|previous\s+(?:year|quarter|month)|"
                            r"same\s+(?:period|quarter|time)\s+(?:a\s+year\s+(?:earlier|ago|before)|last\s+year)|"
                            r"last\s+year)\s*[?.!]*\s*$", re.I)
# a figure with its baseline after it: "rose to $935.8m from $648.4m", "… 3.1bn, compared with 2.2bn"
_BASELINE_GIVEN = re.compile(r"\d(?:[\d,.]*\d)?\s?(?:%|bn|m|billion|million|trillion)?(?:\s*\([^)]{0,20}\))?[^.;]{0,30}?"
                             r"\b(?:from|compared\s+(?:with|to)|against|versus)\s+(?:a\s+|an\s+)?(?:[a-z]+\s+of\s+)?"
                             r"(?:[$£€¥]|[A-Z]{1,3}\$)?\d", re.I)


def _each_in_story(ranked: list[Ranked], story: str) -> list[Ranked]:
    """A price each asked after a question on a story ("at what price per share?" after what Paion hopes to
    raise): the story's sentence giving one ("… for 11-14 euros a share") answers, though it shares few of the
    fragment's words, before another story's price a share ("a 530 pence-per-share offer for LSE")."""
    best = next((r for r in ranked if r.hit.article.id == story and not r.conflict and any(
        f.type == "figure" and _per_share_figure(f.value, r.hit.sentence.text) for f in r.hit.facts)), None)
    return led_by(best, ranked)


def _baseline_first(ranked: list[Ranked], turn: Turn, question: str) -> Ranked | None:
    """"and a year earlier?" after a figure quoted from "… net revenue for the quarter rose to $935.8m from $648.4m":
    the sentence just quoted gives the figure before the change, so it answers again and leads, over another
    sentence of the story that says "a year earlier" of another measure. None when the question asks no period
    before the last or that sentence gives no baseline."""
    if not _EARLIER_ASKED.match(question) or not turn.sentence_id or not ranked:
        return None
    said = next((r for r in ranked[:EVIDENCE_SIZE * 2] if r.hit.sentence.id == turn.sentence_id), None)
    if said is None or said.conflict or not _BASELINE_GIVEN.search(said.hit.sentence.text):
        return None
    ranked.remove(said)
    ranked.insert(0, said)
    return said


SPEAKER_COVERAGE = 0.3  # (`_role_holder_found`) how little of the question the sentence itself may hold
SPEAKER_STORY = 0.5  # and how much of it its story must hold


def _role_holder_found(query: Query, focus: Focus, top: Ranked) -> bool:
    """"Which Eaton Vance economist said …?": the leading sentence names the firm asked about, the role and
    someone the question does not name ("… said Robert MacIntosh, chief economist with Eaton Vance"), in a
    story holding most of the question: the person is the answer, though what was said is worded otherwise."""
    if not WHICH_PERSON.search(query.text) or not focus.entities or top.entity < 1.0:
        return False
    if top.hit.coverage < SPEAKER_COVERAGE or top.hit.story < SPEAKER_STORY or top.conflict:
        return False
    asked = _asked(query, focus)
    return asked.kind == "named" and asked.strength(focus, top) >= 3


# "which newspaper reported that …?": the source of a report is asked, which a sentence gives by name ("…, the South
# China Morning Post reported")
_OUTLET_ASKED = re.compile(r"\bwhich\s+(?:[\w-]+\s+){0,2}?(?:newspaper|paper|agency|magazine|journal|broadcaster|channel|"
                           r"website|daily|weekly)\s+(?:first\s+)?(?:reported|said|quoted|revealed|wrote|carried)\b", re.I)
_OUTLET_SAID = re.compile(r"(?:^|,\s+|\breport\s+(?:in|by)\s+)(?:the\s+)?(?:[\w-]+-(?:published|based|owned|run)\s+)?"
                          r"((?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*)\s+(?:has\s+)?(?:reported|said|revealed|wrote)\b")
# (or "a report in the China-published Economic Observer said …")


def _words(text: str) -> set[str]:
    """A text's words, lower case (whether a name found is one the question already has)."""
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def _source_given(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
    """(A question asking which newspaper or agency reported something) one of the best sentences, naming every
    entity asked about, in a story holding much of the question, that gives a reporting source the question does
    not name: "The pair both worked at Bank of China in … Harbin, the South China Morning Post reported." """
    if not _OUTLET_ASKED.search(query.text) or not focus.entities:
        return None
    asked = _words(query.text)
    for r in ranked[:SOURCE_DEPTH]:
        if r.entity < 1.0 or r.conflict or r.hit.coverage < SPEAKER_COVERAGE or r.hit.story < SPEAKER_STORY:
            continue
        if _names_new_outlet(r.hit.sentence.text, asked):
            return r
    return None


def _names_new_outlet(text: str, asked: set[str]) -> bool:
    """Whether a sentence gives a reporting source (`_OUTLET_SAID`) whose words the question (`asked`) does not hold."""
    return any(not _words(m.group(1)) <= asked for m in _OUTLET_SAID.finditer(text))


SOURCE_DEPTH = 3  # (`_source_given`) how far down the ranking the sentence giving a source may be
# Reports cited without naming them: "…, reports claim.", "according to press reports", "it has been reported"
_UNNAMED_REPORTS = re.compile(r"\b(?:(?:press|media|newspaper)\s+)?reports\s+(?:claim|say|said|suggest|suggested)\b|"
                              r"\baccording\s+to\s+(?:press\s+|media\s+|newspaper\s+)?reports\b|"
                              r"\bit\s+(?:has\s+been|was)\s+reported\b", re.I)

# "when was that total last so low?": the time since which it is a record, which a sentence gives as "the lowest …
# since February 2003"
_LAST_SO = re.compile(r"^\s*(?:and\s+)?when\s+(?:was|were|did|had|has)\b.*\blast\s+(?:so|this|that|as)\s+(?:low|high|weak|"
                      r"strong|cheap|dear|big|small|bad|good|fast|slow)\b", re.I)
_RECORD_SINCE = re.compile(r"\b(?:lowest|highest|weakest|strongest|worst|best|biggest|smallest|cheapest|fastest|slowest)\b"
                           r"[^.;]*?\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b", re.I)
# "who currently owns Korea First Bank?", "who controls the channel?": the owner is asked, which a sentence saying
# who owns, holds or controls it gives ("The South Korean government owns 51.4% of KFB, while …")
_OWNER_ASKED = re.compile(r"^\s*(?:and\s+)?who\s+(?:currently\s+|now\s+|still\s+)?(?:owns|controls|holds)\b|"
                          r"^\s*(?:and\s+)?who\s+(?:is|are)\s+(?:the\s+)?(?:main\s+|biggest\s+|largest\s+)?owners?\b", re.I)
_OWNER_SAID = re.compile(r"\b(?:owns|owned\s+by|controls|controlled\s+by|holds\s+(?:a\s+)?\d|stake|shareholding|"
                         r"shareholder|in\s+the\s+hands\s+of)\b", re.I)


TELLS_DETAIL = 0.5  # (`_story_tells`) how much of what is asked besides its names a sentence of the story must say


# "how long does the Davos conference last?": a length of time asked of a thing the question names
_HOW_LONG_LASTS = re.compile(r"^\s*(?:and\s+)?how\s+long\s+(?:does|do|did|will|would|is|was)\s+(?:the\s+)?"
                             r"(?:[\w'’-]+\s+){0,5}?([a-z]{4,})\s+(?:last|run|go\s+on|take|be\s+held)\b", re.I)
_DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]"
                       r"(?:day|week|month|year|hour)s?\b", re.I)
DURATION_ENTITY = 0.5  # (`_duration_said`) how surely the sentence must be about what the question names


def _duration_said(query: Query, top: Ranked) -> bool:
    """Whether the leading sentence gives a length of time for the thing a "how long does … last?" question names
    ("… at the five-day conference", for "how long does the Davos World Economic Forum conference last?"), in a
    story about what it names, though it words the rest otherwise."""
    m = _HOW_LONG_LASTS.match(query.text)
    if m is None or top.conflict or top.entity < DURATION_ENTITY:
        return False
    thing = m.group(1).lower()
    return bool(compiled(rf"{_DURATION.pattern}\s+{re.escape(thing)}", re.I).search(top.hit.sentence.text))


# "how long would a trip from Heathrow to the City take on the new line?": the time a thing takes
_HOW_LONG_TAKES = re.compile(r"^\s*(?:and\s+)?how\s+long\s+(?:does|do|did|will|would|could|should|might)\b[^?]*?\btake\b",
                             re.I)
# A time taken: "… would take 40 minutes", "takes about three hours"
_TAKES_TIME = re.compile(r"\btak(?:e|es|ing|en)\s+(?:about\s+|around\s+|roughly\s+|just\s+|only\s+|up\s+to\s+|"
                         r"(?:less|more)\s+than\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
                         r"thirty|forty|fifty)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)
TAKES_WINDOW = 3  # (`_time_taken`) how far down the leading story's sentences the one giving the time may be


def _time_taken(query: Query, ranked: Sequence[Ranked]) -> Ranked | None:
    """The sentence of the leading story, among the first few, giving the time a thing takes ("Heathrow to the City
    would take 40 minutes"), for a "how long would … take?" question, though it words the journey otherwise; None
    when there is none."""
    if not ranked or not _HOW_LONG_TAKES.match(query.text):
        return None
    story = ranked[0].hit.article.id
    return next((r for r in ranked[:TAKES_WINDOW] if r.hit.article.id == story and not r.conflict
                 and r.entity >= DURATION_ENTITY and _TAKES_TIME.search(r.hit.sentence.text)), None)


def _story_tells(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
    """The sentence of the leading story (about the entity asked) that says most of what is asked of it though
    it does not name the entity ("Seibu Railways has been delisted …" in the story of Mr Tsutsumi, for "which of
    Tsutsumi's companies has been delisted?"); the story's sentences naming the entity say too little. None
    when no sentence of the story says at least half of it, and for a question asking a kind of answer (a
    person, a date, sectors) whose own rules judge it; a figure asked needs a figure ("In 2001, the company set up
    a fund …" gives no sum put into it), and a share asked a part of a whole."""
    if not ranked or ranked[0].entity < TITLE_WEIGHT or ranked[0].conflict or query.kind not in ("general", "figure"):
        return None
    top = ranked[0]
    return next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id == top.hit.article.id and r.entity >= 0.5
                 and not r.conflict and (query.kind != "figure" or _has_figure(r.hit.sentence.text, query))
                 and (not _SHARE_ASKED.search(query.text) or _SHARE_GIVEN.search(r.hit.sentence.text))
                 and r.hit.coverage >= MIN_COVERAGE and r.hit.detail >= TELLS_DETAIL
                 and r.hit.detail > top.hit.detail and r.hit.coverage > top.hit.coverage), None)


# A time said of a deed: a year, a month, "two years ago", "last spring", "in the third quarter"
_DATED_SAID = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|june|july|august|september|october|"
                         r"november|december)\b|\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few)"
                         r"\s+(?:years?|months?|weeks?|days?|decades?)\s+ago\b|\b(?:last|this|next|earlier\s+this|later\s+this)\s+"
                         r"(?:year|month|week|spring|summer|autumn|winter|quarter)\b|\b(?:first|second|third|fourth|final)\s+"
                         r"quarter\b", re.I)
# words that only place a deed in a series ("when had they last tried to merge?"): the deed is the rest
_SERIES_WORDS = frozenset(stems("last first next ever again previously previous recently once"))


def _dated_in_story(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
    """(A time asked of a deed of the entity, and too little of the question said with one) the sentence of the
    leading story that says the deed in every word the question uses for it and a time: "The two companies … tried
    to merge two years ago" for "when had Federated and May last tried to merge?". None when the lead already
    says both, or no such sentence is in the first `EVIDENCE_SIZE`."""
    if query.kind != "date" or not ranked or ranked[0].entity < TITLE_WEIGHT or _DATED_SAID.search(query.text):
        return None  # (a time the question gives, "… guidance for the first quarter of 2005", is scope, not the answer)
    named = {st for e in focus.entities for st in stems(e)} | {st for n in query.names for st in stems(n)}
    deed = {st for st in stems(" ".join(query.terms)) if len(st) > 2} - named - _SERIES_WORDS
    if not deed:
        return None

    def dated(text: str) -> bool:  # (the deed in any form: "bought" says "buy")
        said = set(stems(text))
        return all(st in said or _FORMS.get(st, frozenset()) & said for st in deed) and _DATED_SAID.search(
            text) is not None

    story = ranked[0].hit.article.id
    if dated(ranked[0].hit.sentence.text):
        return None
    return next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id == story and not r.conflict
                 and dated(r.hit.sentence.text)), None)


# A kind of firm asked ("which luxury goods group …?"), and one of that kind named ("… luxury goods firm LVMH")
_FIRM_KIND_ASKED = re.compile(rf"^\s*(?:and\s+)?(?:which|what)\s+((?:[a-z-]+\s+){{1,3}}?)(?:{_FIRM_KINDS})s?\b", re.I)


def _firm_of_kind_named(query: Query, text: str) -> bool:
    """Whether a sentence names a firm of the kind a "which … group" question asks, by the question's own words for
    it: "Which luxury goods group beat Pernod Ricard to Glenmorangie?" and "… but lost out to luxury goods firm LVMH"
    (the words saying who won are the question's least; the firm named by its kind is the answer)."""
    m = _FIRM_KIND_ASKED.match(query.text)
    words = m.group(1).split() if m else []
    if not words or words[0].lower() in QUESTION_WORDS:
        return False
    kind = r"\s+".join(re.escape(w) for w in words)
    return compiled(rf"\b{kind}\s+(?:{_FIRM_KINDS})s?\s+[A-Z]", re.I).search(text) is not None


# "what share of all passengers flying to Jamaica …?": the whole a share is asked of
_SHARE_OF_WHOLE = re.compile(r"\bwhat\s+(?:share|proportion|percentage|fraction)\s+of\s+(?:all\s+|the\s+)?([a-z]{4,})\b",
                             re.I)
SHARE_ENTITY = 0.8  # (`_share_of_whole_said`) how surely the sentence must be about the entity (named, or in its story)


def _share_of_whole_said(query: Query, top: Ranked) -> bool:
    """Whether the leading sentence, about the entity asked, gives the asked share of the whole the question names
    ("The 35-year-old airline transports about 55% of all passengers to the island", asked what share of all
    passengers flying to Jamaica Air Jamaica carries), though it words the rest otherwise."""
    m = _SHARE_OF_WHOLE.search(query.text)
    if m is None or top.conflict or top.entity < SHARE_ENTITY:
        return False
    whole = re.escape(m.group(1).lower()[:-1] if m.group(1).lower().endswith("s") else m.group(1).lower())
    return re.search(rf"\d\s*(?:%|per\s?cent)\s+of\s+(?:all\s+|the\s+|its\s+)?(?:[a-z-]+\s+)?{whole}",
                     top.hit.sentence.text, re.I) is not None


# A party the answer must name, by the part it plays in the question: who gives ("how much money has Norway pledged
# towards …?"), what a stake is held in ("what stake does ONGC hold in the Sakhalin-1 oil field?") and who is paid
_PARTY_ASKED = (
    re.compile(r"^\s*(?:and\s+)?how\s+much\s+(?:money\s+|aid\s+|cash\s+)?(?:has|have|had|did|does|do|will|would)\s+"
               r"(?P<party>.+?)\s+(?:pledged?|give|given|gave|donated?|offered?|contributed?|promised?|lent|lend)\b", re.I),
    re.compile(r"^\s*(?:and\s+)?(?:what|how\s+big\s+a|how\s+large\s+a)\s+(?:size\s+of\s+)?stake\s+(?:does|did|do|has|have|will)"
               r"\s+.+?\s+(?:hold|have|own|take|buy|acquire|sell)\s+in\s+(?P<party>.+?)\s*\??\s*$", re.I),
    # and who is paid ("how much did Disney pay Air Shamrock, the airline owned by former directors?")
    re.compile(r"^\s*(?:and\s+)?how\s+much\s+(?:money\s+)?(?:has|have|had|did|does|do|will|would)\s+.+?\s+pay\s+"
               r"(?P<party>(?-i:[A-Z])[^,?]*?)\s*(?:,|\bfor\b|\bto\b|\?|$)", re.I),
)


def _party_unsaid(query: Query, focus: Focus, answer: Answer, store: StoragePort) -> bool:
    """Whether a quoted answer leaves out the named party the question asks of in a part it plays: "Sri Lanka's
    president has launched a reconstruction drive worth $3.5bn" is no pledge of Norway's, and "ONGC was looking to buy
    15% of Yukos' former … unit" no stake in Sakhalin-1. The party counts as named by its surname ("Mr Gates"), or in
    the title or the opening sentence of the quoted story, which is then about it ("United Bank has some foreign
    investors, including …" in the story opening "Nigerian banks United Bank of Africa and …")."""
    if answer.lead_kind != "quote" or not answer.citations:
        return False
    m = next((m for m in (asked.match(query.text) for asked in _PARTY_ASKED) if m is not None), None)
    if m is None:
        return False  # (the quoted story is read only for a question asking of a party in such a part)
    parties = [i for i in range(len(focus.entities)) if mentions_any(m.group("party").lower(), focus.names_of(i))]
    if not parties:
        return False
    cited = answer.citations[0]
    article = store.article(cited.article_id)
    opening = opening_sentence(article.body) if article is not None else ""
    said = f"{cited.quote}\n{cited.title}\n{opening}".lower()
    return not any(mentions_any(said, [*focus.names_of(i), *_surnames(focus.display[i])]) for i in parties)


def _surnames(name: str) -> list[str]:
    """The last word of a name of two or more words, as a story goes on to call a person ("Gates" of "Bill Gates")."""
    words = name.split()
    return [words[-1].lower()] if len(words) >= 2 and len(words[-1]) >= 4 else []


def _owner_said(query: Query, top: Ranked) -> bool:
    """Whether an owner asked of the entity is what the leading sentence, naming it, says: who owns, holds or
    controls it, though it shares few of the question's words."""
    return bool(_OWNER_ASKED.match(query.text) and top.entity >= 1.0 and not top.conflict
                and _OWNER_SAID.search(top.hit.sentence.text))


def _named_in_story(query: Query, ranked: Sequence[Ranked], story: str) -> Judgement | None:
    """A follow-up bound to the last answer's story asking which thing, or its name ("what's the name of the
    shipyard they most want back?"), is answered by the story's leading sentence when that names one ("The
    shipyard, Skarvik, is …"), though it shares few of the question's other words."""
    named = _naming(query.text)
    if named is None or not ranked:
        return None
    top = ranked[0]
    if top.hit.article.id != story or top.conflict or top.hit.coverage < STORY_COVERAGE or not named.search(
            top.hit.sentence.text):
        return None
    return Judgement(True, "the thing asked, named in the last story", top.hit.article)


def _answered_person(facts: Sequence[Fact], cited: Citation, question: str) -> str:
    """The person a "who" question's quoted answer gives: of the people its sentence names, the one the
    question does not ("who is the star witness against Ebbers?" quoted from "… witness, Scott Sullivan,
    has said that Mr Ebbers …": Scott Sullivan), so that a later "he" or "her" is that person; "" when
    none or several are left."""
    asked = question.lower()
    people = {f.value for f in facts if f.type == "person" and not f.attrs.get("role_only")
              and (cited.sentence_id in f.sentence_ids or _named(f.value, cited.quote))}
    left = {p for p in people if not re.search(rf"\b{re.escape(p.split()[-1].lower())}\b", asked)}
    return left.pop() if len(left) == 1 else ""


_OWN_SUBJECT = re.compile(r"(?:It|Its|The (?:firm|company|group|bank)(?:'s)?)\s")  # a sentence about its story's subject
# A sentence opening with its story's own subject ("The bank also blamed …", "It said …")
_FIRM_NOUN = (r"(?:firm|company|group|bank|airline|carrier|retailer|maker|carmaker|giant|business|chain|insurer|operator|"
              r"network|broadcaster|lender|brewer|producer|manufacturer)")
_STORY_SUBJECT = re.compile(rf"(?:[A-Z][^,;]{{0,40}},\s+)?(?:[Ii]ts?\b|[Tt]he {_FIRM_NOUN}\b|"
                            rf"(?:[A-Z][\w'’-]*\s+)(?:[\w-]+\s+){{0,3}}?{_FIRM_NOUN}\s+(?![A-Z]))")
# (after an opening phrase too: "For the year as a whole, its operating profits fell 46%"; or a firm described,
# not named: "France's second largest carmaker enjoyed …")
# A count or amount asked of a subject: "how many jobs is <the post office> cutting (in …)?", "what stake does <X> hold?"
_ASKED_OF = re.compile(r"^\s*(?:and\s+)?(?:how (?:many|much|big|large|high)|what|which)\s+(?:[\w'’-]+\s+){0,4}?(?:is|are|was|were|does|do|did|has|have|"
                       r"had|will|would|could|can)\s+(.+?)\s+[a-z]+\b(?:\s+(?:in|on|at|for|by|from|to|last|this|since|"
                       r"after|over|during|a|per|each|up)\b.*)?\s*\??\s*$", re.I)
# A verb's past participle opening what `_ASKED_OF` reads as the subject: the question is passive
_PARTICIPLE = re.compile(r"[a-z]+ed|given|seen|known|held|made|said|thought|taken|shown|told|named|cited|put|set|"
                         r"chosen|expected|forecast|hit|cut|sold|bought|paid|built|done", re.I)
NOTHING_TO_REFER = "The last question was not answered from a stored sentence, so there is nothing to refer to; please ask in full."


def _fragment_asks(focus: Focus, fragment: str, lexicons: Sequence[Lexicon | None]) -> Focus:
    """"at what price each?" after "how many shares does Reliance plan to buy back?": the follow-up asks a
    measure of its own, which is what its answer must give (the subject and scope stay the last question's)."""
    own = analyse_focus(analyse(fragment), lexicons)
    if not own.measure or own.measure == focus.measure:
        return focus
    return replace(focus, measure=own.measure, count_noun=own.count_noun, per_share=own.per_share, each=own.each,
                   total=own.total, priced=own.priced, noun=own.noun, rate_of=own.rate_of)


_CONTEXT_ONLY = re.compile(
    r"^\s*(?:and\s+)?(?:who\s+(?:said|says|told)\s+(?:that|this|it|so)|when(?:\s+(?:was|is|did)\s+(?:that|this|it)"
    r"(?:\s+\w+)?)?|why|how much|what about (?:that|it|this))\s*\??\s*$", re.I)
EVIDENCE_SIZE = 12
CANDIDATES = 30
APART_MIN = 3  # (a word written as two) the shortest half ("black outs": "black", "outs")
APART_SENTENCES = 20  # how many of the best sentences for both halves are read for them side by side
ELSEWHERE = 1.0  # a follow-up whose "it" stands for a firm: the cost of a story that never names that firm
_WHICH_THING = re.compile(r"(?i):\s+(?:and\s+)?(?:which|what)\s+([a-z]+)\s*\?*$")  # "…: which court?" (narrowed)
_CONTRACTION = re.compile(r"n['’]t$|['’](?:ll|re|ve|d|m)$")
PEOPLE_STORIES = 3  # stories read for a person fact giving a question's name (is it a person's?)
_OWN_PROPERTY = frozenset({"age"})  # kinds of answer that belong to the subject, whichever story says them
def _naming(question: str) -> re.Pattern[str] | None:
    """For a question asking which thing, or its name ("…: which court?", "what's the name of the steel mill
    …?"): a pattern finding a sentence that names one ("the Lisbon criminal court", "The mill, Krivorizhstal,");
    None for any other question."""
    which = _WHICH_THING.search(question) or _NAME_OF.search(question)
    if which is None:
        return None
    noun = re.escape(which.group(1))
    return re.compile(rf"(?<![.!?]\s)(?<!^)\b[A-Z][\w&'’-]*(?:\s+[a-z-]+){{0,2}}\s+{noun}|"
                      rf"\b[Tt]he\s+(?:[a-z-]+\s+)?{noun},\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*,", re.M)


# "which family owns …?", "which court will hear …?": a question opening on the kind of body whose name is asked
_WHICH_KIND_OPENING = re.compile(r"(?i)^\s*(?:which|what)\s+(family|court|bank|agency|union|airline|"
                                 r"carrier|exchange|magazine|newspaper|ministry|regulator|watchdog|fund|consortium|"
                                 r"brand|lender|insurer|broker|retailer)\s+(?:[a-z]+(?:s|ed)|is|was|are|were|will|has|"
                                 r"had|did|does|do|can|could|would)\b")


# "…, leaving aside Eon Labs?": a part of a deal set aside, whose sum the deal's total may hold
_LEFT_ASIDE = re.compile(r",\s*(?:leaving\s+aside|setting\s+aside|excluding)\b", re.I)


def _named_kind_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Which family owns Skis Rossignol?": when the leading sentence names no family, the sentence of its story
    that does ("The owners of Rossignol, the Boix-Vives family, …") leads, as "…: which court?" does after a
    question on a story."""
    which = _WHICH_KIND_OPENING.match(query.text)
    if which is None or not ranked:
        return ranked
    noun = which.group(1).lower()
    # (a name before the kind, "the Duvall family", "Kelvin Bank", not a sentence's opening word nor "central
    # banks"; or the kind, then its name: "the family, the Duvalls,")
    named = compiled(rf"(?<![.!?]\s)(?<!^)(?<![\"“'‘])\b(?!(?:The|A|An|This|That|Its|Their)\b)[A-Z][\w&'’-]*"
                     rf"(?:\s+[a-z-]+){{0,2}}\s+(?i:{noun})\b(?!-)|\b[Tt]he\s+(?:[a-z-]+\s+)?{noun},\s+[A-Z][\w&'’-]*"
                     rf"(?:\s+[A-Z][\w&'’-]*)*,")
    return _said_in_story_first(ranked, named.search, len(ranked), None)


_NAME_OF = re.compile(r"(?i)\bname\s+of\s+(?:the|that|this|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?=\s+(?:that|which|"
                      r"who|they|it|he|she|we|you|[a-z]+ed|is|was|are|were)\b|\s*[?!.]*\s*$)")  # "the name of the steel mill …"
_KIND_WORDS = frozenset("old age aged date year years".split())  # words that only ask the kind of answer ("how old")
# "who said …", "which analyst warned …": a speaker is asked for
_WHO_SAID = re.compile(r"\s*(?:and\s+)?(?:who(?:\s+(?:in|at|from|of|among)\s+(?:[\w&'’.-]+\s+){1,4}?)?|"
                       r"which\s+(?:[\w&'’.-]+\s+){0,5}?)(?:said|says|told|warned|argued|claimed|"
                       r"predicted|described|called|insisted|added|remarked|commented)\b", re.I)
# '"…," he said.': a quotation whose speaker is named before it
_HE_SAID = re.compile(r"[\"”]\s*,?\s*(?:he|she)\s+(?:also\s+)?(?:said|says|added|told\s+\w+)\b|"
                      r"[\"”]\s*,?\s*said\s+(?:he|she)\b", re.I)
_VERB_SAID = re.compile(r"\b(?:said|says|told|added|warned|argued)\b", re.I)


def _speaker_sentence_first(sentence: Sentence, ranked: list[Ranked], store: StoragePort) -> None:
    """Put the stored sentence naming the speaker of the lead's words first, ranked as the lead is."""
    first = ranked[0]
    facts = [f for f in store.facts(first.hit.article.id) if sentence.id in f.sentence_ids]
    ranked.insert(0, replace(first, hit=replace(first.hit, sentence=sentence, facts=facts, previous=None)))


def _asked_doer_words(question: str, lexicons: Sequence[Lexicon]) -> tuple[str, ...]:
    """The words of "which … said" that describe the one asked for, without names the store knows ("Which Wipro
    vice-chairman said …" -> "vice-chairman")."""
    m = re.match(r"\s*(?:and\s+)?which\s+((?:[\w&'’.-]+\s+){1,5}?)(?:said|says|told|warned|argued|claimed)\b", question,
                 re.I)
    if m is None:
        return ()
    words = m.group(1).split()
    names = {w for n in find_names(m.group(1), lexicons) for w in n.lower().split()}
    described = tuple(w.lower() for w in words if w.lower() not in FUNCTION_WORDS)
    # (all of them a stored name, the name is the description: "which Republican Senator said …", which the store
    # writes capitalised as "a Republican Senator")
    return tuple(w for w in described if w not in names) or described


_BARE_QUOTE = re.compile(r"\s*[\"“][^\"“”]+[\"”]\s*")  # a sentence that is all quotation, no speaker
_QUOTE_MARK = re.compile(r"[\"“”]")
SPEAKING_DEPTH = 4  # (`_person_speaking_first`) the best sentences read for one in which a person speaks …
SPEAKING_SLACK = 0.2  # … and how much lower than the lead it may score
SPEAKER_DEPTH = 12  # the best sentences read for one in which the speaker a "what did X say" question asks about speaks
MAX_ENTITY_ARTICLES = 40  # beyond this, a name is too common to scan its articles
SPELLED_STORIES = 12  # how many of an acronym's stories are read for the name it stands for
TITLE_CASE_SHARE = 0.6  # (`_unstored_titles`) above this share of capitalised words a question is in title case
PHRASE_DEPTH = 40  # (`_written`) the best matches of a phrase's words read for the phrase itself
PLAN_ENTITY = 0.75  # (`_plan_or_time_unsaid`) how surely a sentence carrying the asked plan is about its entity
_PAYING = re.compile(r"\b(?:pay|pays|paying|paid|compensation)\b", re.I)  # (a sum paid asked)
PAID_STORY = 0.5  # (`_in_the_asked_story`) the share of the best story's hold on a price question a story must have
LEVEL_FIRM = 0.8  # (`_detail_missing`) how surely a sentence stating an asked level must be about the firm
UNTYPED_DETAIL = 0.25  # (`_detail_missing`) share of what is asked of a firm one of its articles' sentences must carry
# A lower-case word the store never uses (nor any word of its stem) names something it lacks when it is
# rare English at most ("iphone", a word for a scheme or a dish the news never wrote about), or when it
# owns something ("openai's chief executive") and is not common English.
NO_ENGLISH = 500_000
RARE_ENGLISH = 5_000_000
UNKNOWN_MIN = 5  # letters: shorter unknown words may be slips the speller leaves alone ("whle")
COMMON_WORD = 30_000_000  # English frequency above which a capitalised word is a word, not a name
# Words before an owner that make it a common noun: "the firm's profit", "its parent's shares"
_DETERMINERS = frozenset("the a an its their this that these those his her our your my each every any some no "
                         "whose which what".split())


@dataclass(frozen=True, slots=True)
class Evidence:
    """A numbered sentence handed to an answer writer, with its article and facts."""

    n: int
    sentence: Sentence
    article: Article
    facts: tuple[Fact, ...] = ()


class LLMUnavailable(Exception):
    """The LLM could not produce a usable answer; the message is the reason for the log."""

    note = "The language model was unavailable, so this is the offline answer."  # shown to the user


class ClaimsRejected(LLMUnavailable):
    """Every claim the LLM made failed verification against its cited sentences."""

    note = "The language model's statements could not be checked against the sources, so this is the offline answer."


class LLMAnswerer(Protocol):
    async def answer(self, question: str, evidence: Sequence[Evidence]) -> Answer: ...


@dataclass(frozen=True, slots=True)
class Judgement:
    answerable: bool
    reason: str
    closest: Article | None = None


# "which US firm …", "what Japanese carmaker …": a country's word describing the kind of answer asked
_QUALIFIED_KIND = re.compile(r"\s*(?:and\s+)?(?:which|what)\s+((?:[A-Z][\w'’.-]*\s+){1,2}?)(?:[a-z][\w-]*\s+){0,2}?"
                             r"(?:firms?|compan(?:y|ies)|banks?|carmakers?|groups?|businesses|airlines?|makers?|"
                             r"retailers?|insurers?|lenders?|investors?|bidders?|brands?)\b")


# Thresholds tuned on eval/questions.jsonl (see eval/run.py).
MIN_COVERAGE = 0.4
MIN_COVERAGE_UNTYPED = 0.6


def judge(query: Query, hits: Sequence[Hit]) -> Judgement:
    """Decide whether the evidence answers the question at all.

    Among the best few hits, one must be about every party the question names and cover enough
    of its content words (IDF-weighted); a typed question (how much, who, when, which sectors)
    may cover less when the sentence holds a fact of the wanted type.
    """
    if not hits:
        return Judgement(False, "no matching sentence")
    closest = hits[0].article if hits[0].coverage > 0 else None
    typed = query.kind in ("sector", "figure", "person", "date", "party")
    reasons = []
    each = asks_each_place(query)
    # ("which US firm …?": the country describes the answer, which a sentence naming the firm need not say)
    qualifying = _QUALIFIED_KIND.match(query.text)
    qualifiers = len(parties_in(qualifying.group(1))) if qualifying else 0
    needed_parties = (len(query.parties) - qualifiers) / len(query.parties) if query.parties else 1.0
    for hit in hits[:3]:
        if query.parties and hit.party_match < needed_parties - 1e-9 and not (each and hit.party_match > 0):
            # ("… in the UK and in the eurozone?" asks each of its places: a story may hold one of them)
            reasons.append("the parties asked about are not in the evidence")
            continue
        needed = MIN_COVERAGE if (not typed or hit.type_match) else MIN_COVERAGE_UNTYPED
        if hit.coverage >= needed:
            return Judgement(True, "ok", hit.article)
        reasons.append(f"evidence covers {hit.coverage:.0%} of the question")
    return Judgement(False, reasons[0], closest)


# What news writes after a place or firm to make one word of it: "Sheffield-based", "state-owned"
_NAME_COMPOUNDS = ("based", "born", "listed", "owned", "made", "registered", "headquartered", "led", "controlled")


AGED_AS_ENTITY = 0.8  # (`_kind_in_story`) how surely a sentence giving an age by what one is must be its story's
# An age said of a firm or a person by what they are: "The 35-year-old airline …", "the 76-year-old owner"
_AGED_AS = re.compile(r"\b(?:the|its|their)\s+\d{1,3}-year-old\s+(?:[a-z-]+\s+)?(?:airline|carrier|company|firm|group|"
                      r"bank|business|brand|chain|retailer|maker|exchange|club|newspaper|agency|institution|owner|"
                      r"chairman|chief|boss|founder|tycoon|billionaire|executive|entrepreneur|businessman|investor)\b",
                      re.I)


CAUSE_OF_ENTITY = 2  # (`_cause_of_entity_said`) how surely the sentence must give a cause


_THEIR_OPENING = re.compile(r"^(?:However|But|Yet|Still|And),?\s+(?:their|its)\s+[a-z]|^(?:Their|Its)\s+[a-z]")


def _cause_of_entity_said(query: Query, focus: Focus, top: Ranked, store: StoragePort | None = None) -> bool:
    """(A why-question the evidence covers too little of by its words) "What caused France Telecom's debt to balloon
    …?" is answered by a sentence naming the firm that reports the asked event in words of its own and gives a cause
    of it: "An ill-fated expansion drive in the late 1990s saw France Telecom's debt soar to 72bn euros by 2002"."""
    # (or "their" opening it, after a sentence naming them: "Zurich Financial, Allianz and Axa also suffered a decline
    # in value. However, their losses were much smaller, reflecting the market's view that …")
    previous = _stored_beside(top, store, -1) if store is not None and _THEIR_OPENING.match(top.hit.sentence.text) else None
    theirs = previous is not None and _names_every(focus, previous.text)
    if top.conflict or not theirs and (top.entity < 1.0 or not _names_focus(focus, top.hit.sentence.text)):
        return False
    asked = _why_asked(query, focus)
    text = top.hit.sentence.text
    # (in the question's own words for the event, not a sentence referring back to some event: "the decision …")
    return asked.grade(text) >= CAUSE_OF_ENTITY and asked.reports(text) and not asked.against(text) and (
        asked.words is not None and asked.words.search(text.lower()) is not None)


def _one_date_run(dates: Sequence[str], text: str) -> str:
    """The words of `text` saying `dates` when they stand side by side there as one date ("August" and "last year" in
    "from August last year"), else ""."""
    spans = []
    for value in dates:
        m = re.search(rf"\b{re.escape(value)}\b", text, re.I)
        if m is None:
            return ""
        spans.append(m.span())
    spans.sort()
    if any(not re.fullmatch(r"[\s,]*(?:of\s+)?", text[a_end:b_start]) for (_, a_end), (b_start, _) in zip(spans, spans[1:])):
        return ""
    return text[spans[0][0]:max(end for _, end in spans)]


def _title_names(title: str) -> list[str]:
    """The capitalised words of a title after its first word: the names it gives ("Weak end-of-year
    sales hit Next" -> ["Next"])."""
    return re.findall(r"(?<=\s)[A-Z][\w'’&-]*", title)


NARROWING_TERMS = 2  # (a question narrowed by a fragment, "to what total?") how many words a fragment only narrowing it has
_HOW_LONG = re.compile(r"\s*(?:and\s+)?(?:(?:roughly|approximately|about|exactly|so)\s+)?how\s+long\b", re.I)
SPAN_DETAIL = 0.3  # (`_span_said`) how much of what is asked besides its names the sentence must say
SPAN_ENTITY = 0.75  # … and how surely it is about the entities asked (one named, the other its story's)


def _span_said(r: Ranked) -> bool:
    """(A "how long …?" question) whether the best sentence, about the entity asked and saying some of what is
    asked of it, gives a stretch of time: "There is currently an 18 months waiting list for the DB9"."""
    return (r.entity >= SPAN_ENTITY and not r.conflict and r.hit.detail >= SPAN_DETAIL
            and _DURATION.search(r.hit.sentence.text) is not None)


def abstain(query: Query, judgement: Judgement, note: str = "", read_as: str = "") -> Answer:
    text = NO_ANSWER
    if judgement.closest is not None:
        a = judgement.closest
        when = f", {a.published}" if a.published else ""
        text += f" The closest stored topic is “{a.title}” ({a.source}{when})."
    if read_as:
        text = f"Showing results for: {read_as}\n{text}"
    return Answer(question=query.text, text=text, citations=(), mode="extractive", abstained=True, note=note,
                  read_as=read_as)


def near_miss(query: Query, focus: Focus, closest: Ranked | None, read_as: str,
              names_shown: Sequence[str] = (), attribute: str = "") -> Answer:
    """The focus entity is stored but the asked fact is not: say exactly that."""
    names = _join(list(names_shown or focus.display))
    wanted = attribute or focus.attribute
    text = (f"The stored articles mention {names}, but no {wanted}." if wanted else
            f"The stored articles mention {names}, but nothing that answers this.")
    other = _other_way(focus, closest) if (wanted and focus.direction and closest is not None) else ""
    if other:  # a rise asked where the store reports a fall: said, not left to the reader
        text = text[:-1] + f"; the closest reports a {other}."
    citations: tuple[Citation, ...] = ()
    if closest is not None:
        text += f" Closest: {closest.hit.sentence.text} [1]"
        citations = (make_citation(1, closest.hit.sentence, closest.hit.article),)
    if read_as:
        text = f"Showing results for: {read_as}\n{text}"
    return Answer(question=query.text, text=text, citations=citations, mode="extractive", abstained=True,
                  read_as=read_as, near_miss=True)


def _other_way(focus: Focus, r: Ranked) -> str:
    """The other direction ("rise", "fall") when a sentence naming the focus entity reports the asked
    measure moving the other way, else ""."""
    figures = [f for f in r.hit.facts if f.type == "figure"]
    for piece in _clauses(r.hit.sentence.text):  # in one clause: the firm, its measure, the change
        if _names_focus(focus, piece) and focus.measure and focus.measure_in(piece):
            found = _direction_in(focus, piece, figures, False)
            if found and found != focus.direction:
                return found
    return ""


def _attribute_words(focus: Focus) -> set[str]:
    if focus.role:
        return {w for w in focus.role if len(w) > 2} | ({"chief", "ceo", "boss", "head", "chairman"}
                                                         if {"ceo", "boss", "head"} & set(focus.role) else set())
    if focus.count_noun:  # the counted thing and the words news uses for it ("vehicles": cars)
        return {w.rstrip("s") for w in focus.count_noun if len(w) > 2} | _count_nouns(focus)
    if focus.noun:
        head = focus.noun.split()[-1]
        return {head[:-1] if head.endswith("s") and len(head) > 4 else head}
    if focus.measure:
        return set(MEASURES.get(focus.measure, frozenset({focus.measure}))) - {"for", "net"}
    if focus.why:
        return {"because", "due to", "blamed", "hit by", "hurt by", "helped by", "thanks to", "driven by",
                "caused", "aimed at", "reflect", "after", "amid", "following", "offset"}
    return set()


def _swapped(before: str, after: str) -> tuple[str, str]:
    """The words that differ between two readings of one question: (new phrase, old phrase); the
    words both share at the start and at the end are left out."""
    a = before.rstrip(" ?!.").split()
    b = after.rstrip(" ?!.").split()
    head = 0
    while head < min(len(a), len(b)) and a[head].lower() == b[head].lower():
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail].lower() == b[-1 - tail].lower():
        tail += 1
    return " ".join(b[head: len(b) - tail]), " ".join(a[head: len(a) - tail])


ROLE_REACH = 3  # (`_role_holders`) words between a role and the name of the body it is held at
_HELD_AT = frozenset("at of for the in with from".split())


def _role_holders(query: Query, focus: Focus, firms: list[str]) -> list[str]:
    """For a role asked of one of several names ("the SG Securities energy economist quoted on the Riyadh
    attacks"), the names the role is held at: those right before or after the role's words ("SG
    Securities"); the others only say what the question is about. All of them when none is, or not a role."""
    if not focus.role or len(firms) < 2:
        return firms
    words = [w.lower().strip("'’") for w in re.findall(r"[\w'’&.-]+", query.text)]
    roles = [i for i, w in enumerate(words) if w in focus.role]
    if not roles:
        return firms
    near = []
    for shown in firms:
        parts = [re.sub(r"['’]s?$", "", w) for w in shown.lower().split()]
        for i in range(len(words) - len(parts) + 1):
            if [re.sub(r"['’]s?$", "", w) for w in words[i:i + len(parts)]] != parts:
                continue
            end = i + len(parts) - 1
            before = any(0 < r - end <= ROLE_REACH and all(w in focus.role for w in words[end + 1:r]) for r in roles)
            after = any(0 < i - r <= ROLE_REACH and all(w in _HELD_AT for w in words[r + 1:i]) for r in roles)
            if before or after:  # ("the UBS chief strategist", "chief strategist at UBS")
                near.append(shown)
                break
    return near or firms


# A promise asked ("what did Metrovias promise about jobs?"): what was promised is said of the future ("no jobs would
# be lost"), so it is no forecast standing in for what happened
_PROMISE_ASKED = re.compile(r"\b(?:promis|pledg|vow|guarantee|undert(?:ake|ook|aken))\w*", re.I)


def _asks_past(query: Query) -> bool:
    """Whether a question asks what happened (so a forecast does not answer it), not what was expected
    ("how many shoppers was the centre expecting?": an expectation is what is asked) or promised."""
    return bool(_PAST.search(query.text)) and not _FORECAST.search(query.text) and not _PROMISE_ASKED.search(
        query.text) and not _SAYING_ASKED.search(query.text)


# "what risks did the economist say French growth remained vulnerable to?": what was said, which may well be a
# view of what is to come ("a growth that will remain fragile and vulnerable to risks like …")
_SAYING_ASKED = re.compile(r"\b(?:did|does|do|has|have)\s+(?:[\w&'’.-]+\s+){1,5}?(?:say|warn|think|believe|argue|"
                           r"tell|suggest)\s+(?!(?:about|of|on)\b)[\w'’-]+\s+[\w'’-]+", re.I)


def _cause_said(query: Query, focus: Focus, lead: Ranked) -> bool:
    """A why-question in the asker's own words ("why did Mercedes earn less?"), whose best sentence is about
    the entity and says a cause of the asked event outright ("The carmaker blamed the fall in profits on
    …"): answered with that sentence, though it shares few of the question's words."""
    asked = _why_asked(query, focus)
    text = lead.hit.sentence.text
    return (lead.entity >= 0.8 and not lead.conflict and asked.grade(text) == 3 and asked.linked(text)
            and not asked.against(text))


CAUSE_STORY = 0.7  # (`_cause_in_story`) how much of a why-question the leading story must hold
CAUSE_STORY_ENTITY = 0.8  # and how surely its leading sentence is about the asked name
CAUSE_STORY_DEPTH = 12  # the best sentences among which the story's report of the event is looked for
CAUSE_STORY_NAMED = 0.9  # how much of it the story must hold when its leading sentence does not name the entity


def _cause_in_story(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> bool:
    """A why-question whose answer shares few of its words ("Rebuilding costs are likely to be cheaper …"
    for "why do analysts expect the exposure to be smaller?"): answered when the leading story holds most
    of the question (its title and body: `Hit.story`), its leading sentence is about the asked name and
    bears on the asked event (not only on the other direction), and that sentence either gives a cause
    of the event or sits beside the story's own report of it (a sentence of the story among the best
    covering the question as the judge wants). The story is what the judge could not see in one sentence."""
    if not ranked:
        return False
    top = ranked[0]
    if top.conflict or top.hit.story < CAUSE_STORY:
        return False
    asked = _why_asked(query, focus)
    text = top.hit.sentence.text
    if asked.against(text) or not asked.linked(text):
        return False
    if focus.entities and top.entity < CAUSE_STORY_ENTITY:
        # a sentence of the entity's story not naming it may give the cause outright ("… is toothless because
        # this slice of the budget is too small"), when the story names the entity among its best sentences
        return (top.hit.story >= CAUSE_STORY_NAMED and asked.grade(text) == 3 and top.entity >= 0.5 and any(
            r.hit.article.id == top.hit.article.id and r.entity >= CAUSE_STORY_ENTITY and not r.conflict
            for r in ranked[1:CAUSE_STORY_DEPTH]))
    if asked.grade(text) >= 2:
        return True
    story = top.hit.article.id
    return asked.reports(text) and any(
        r.hit.article.id == story and r.hit.coverage >= MIN_COVERAGE and not r.conflict
        for r in ranked[:CAUSE_STORY_DEPTH])


def _event_unsaid(query: Query, focus: Focus, lead: Ranked) -> bool:
    """A why-question led by a story that never speaks of the asked event: none of the question's words
    but the names (nor a word of the asked direction: "higher" for "why was the harvest up?") is in its
    title or body. "Why did Jet Airways' revenues slip?" led by a story naming the airline that never
    speaks of its revenues: its sentences explain something else."""
    if lead.hit.story_asks:
        return False
    asked = _why_asked(query, focus)
    article = lead.hit.article
    return asked.same_way is None or not asked.same_way.search(f"{article.title}\n{article.body}".lower())


# A level asked by name: "what was X's growth rate", "what reading did the index reach"
_LEVEL_ASKED = re.compile(r"\b(?:rate|level|reading|percentage|market share)\b|\bshare\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
                          r"market\b", re.I)


_CONDITION = re.compile(r"\b(?:if|unless|in\s+order\s+to|so\s+that)\b", re.I)  # (a question's condition, after its ask)
COUNTRY_DEPTH = 5  # the best sentences in which a country's asked measure is looked for


def _baseline_after(year: int, text: str) -> bool:
    """Whether `text` gives a figure for `year` with the one it changed from ("… to £51.6m in 2004 from £1.2m")."""
    return bool(re.search(rf"\b{year}\b[^.]{{0,30}}\bfrom\s+(?:[$£€¥]\s?)?\d|\bfrom\s+(?:[$£€¥]\s?)?\d[^.]{{0,30}}\b{year}\b|"
                          # ("lift its 2004 dividend payment to 70 euro cents (£0.48) from 55 euro cents a year earlier")
                          rf"\b{year}\b(?:[^.]|\.(?=\d)){{0,80}}\bfrom\s+(?:[$£€¥]\s?)?\d[^.]{{0,30}}\b(?:a|one)\s+year\s+(?:earlier|before)\b",
                          text))


_TRADE_WIDE = re.compile(r"\b(?:across|throughout)\s+the\s+(?:whole\s+|entire\s+)?(?:industry|sector|market|trade)\b|"
                         r"\bindustry-wide\b|\bthe\s+(?:industry|sector|market)\s+as\s+a\s+whole\b", re.I)


def _unplaced(query: Query, firms: list[str]) -> list[str]:
    """The firms asked about, less a name written as where a market moved ("how far did Nippon Steel shares fall in
    Tokyo?": Tokyo is the market, not a firm whose shares are asked; kept when no other is left) or only in a
    trailing clause dating the question ("…, before Greenspan's speech pushed it up?")."""
    main = main_clause(query.text).lower()
    text = query.text.lower()
    firms = [d for d in firms if _starts_word(d.lower(), main)
             or not _starts_word(d.lower(), text)]  # (a subject carried from the last question)
    places = [text[m.end():] for m in _MOVED_IN.finditer(text)]
    kept = [d for d in firms if not any(after.startswith(d.lower()) and not after[len(d):len(d) + 1].isalnum()
                                        for after in places)]
    return kept or firms


# Who holds what a sentence says is held: "Mr Glazer and his family hold a 28.1% stake", "Irishmen X and Y, who own …"
_HOLDER = re.compile(r"([A-Z][\w'’&.-]*(?:\s+(?:and\s+)?[A-Z][\w'’&.-]*)*)(?:\s+and\s+(?:his|her|its|their)\s+\w+)?"
                     r",?\s+(?:who\s+)?(?:already\s+)?(?:hold|holds|held|own|owns|owned)\b")


def _held_by_another(focus: Focus, text: str) -> bool:
    """Whether a sentence speaks of someone else's holding: it names a person (by title) or a holder who is none of
    the question's entities."""
    named = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.split()}
    if any(p.lower() not in named for p in _TITLED_PERSON.findall(text)):
        return True  # ("Mr Glazer took revenge by using his hefty stake …", asked of a supporters' group)
    m = _HOLDER.search(text)
    if m is None:
        return False
    holder = {w for w in re.findall(r"[a-z][\w&'’-]+", m.group(1).lower()) if w not in _HONORIFICS and w != "and"}
    return bool(holder) and not holder & named  # ("Mr Vesk" holds Roland Vesk's stake)


_TITLED_PERSON = re.compile(rf"\b(?:{_TITLES})\.?\s+([A-Z][\w'’-]+)")
_HONORIFICS = frozenset(t.lower() for t in _TITLES.split("|")) | {"prince", "princess"}


def _starts_word(name: str, text: str) -> bool:
    """Whether `name` (lower case) is written in `text` (lower case) starting a word."""
    at = text.find(name)
    while at != -1:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        at = text.find(name, at + 1)
    return False


# Where a market moved: "… fall in Tokyo", "closed on the Nasdaq" (not "invest in Laura Ashley": a firm)
_MARKET_MOVES = (r"(?:fall|fell|fallen|rise|rose|risen|close|closed|closing|trade|traded|trading|end|ended|open|opened|"
                 r"slip|slipped|jump|jumped|gain|gained|drop|dropped|climb|climbed|sink|sank|slide|slid)")
_MOVED_IN = re.compile(rf"\b{_MARKET_MOVES}\s+(?:in|on)\s+(?:the\s+)?")


def _country_lacks(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> bool:
    """A measure a country or a region owns asked ("what is Russia's unemployment rate?", "how fast did Latin
    America's imports grow?", no firm named) where none
    of the best sentences about the country (naming it, or in a story whose title does) carries the
    measure: the evidence is about other countries or other measures ("Turkey's GDP", "Russia's
    sovereign debt"), and quoting it would answer another question."""
    if not (focus.measure or focus.noun) or _firms(focus) or not focus.display:
        return False
    # (the country owning the measure, not someone else: "the Maldives' chief government spokesman" owns no cost)
    words = MEASURES.get(focus.measure, frozenset({focus.measure})) | set(focus.noun.lower().split())
    # (or the country doing what is measured: "how much oil does Algeria produce a day?")
    does = compiled(rf"^\s*how\s+(?:much|many)\b.*\b(?:does|did|do|will|would)\s+{re.escape(focus.display[0])}\s+"
                    rf"({_COUNTRY_DOES})\b", re.I).search(query.text) if focus.measure and len(focus.display) == 1 else None
    owned = [d for d in focus.display if does or any(
        words & {w.lower() for w in re.findall(r"[\w-]+", query.text[m.end():])[:4]}
        for m in compiled(rf"(?<!\w){re.escape(d)}['’]s?(?!\w)", re.I).finditer(query.text))]
    countries = {country_of(d) for d in owned if country_of(d)}
    regions = [d.lower() for d in owned if not country_of(d) and _region_name(d)]  # ("Latin America's imports")
    if not countries and not regions:
        return False
    amount = (query.kind == "figure" and not query.wants_list) or bool(_LEVEL_ASKED.search(query.text))
    for r in ranked[:COUNTRY_DEPTH]:
        text, title = r.hit.sentence.text, r.hit.article.title
        if not (countries <= set(parties_in(text)) | set(parties_in(title)) and all(
                d in text.lower() or d in title.lower() for d in regions)) and r.entity < TITLE_WEIGHT:
            continue  # (a story titled with the country's short name, "SA unveils … budget", is about it)
        figures = [f for f in r.hit.facts if f.type == "figure"]
        if not focus.forecast and _FORECAST_FIGURE.search(text):
            continue  # "Analysts had been forecasting a 0.1% rise in … output": what was foreseen, not the figure
        if focus.months and focus.scope_conflict(text, r.hit.article, r.hit.before):
            continue  # ("output fell 1.6% in October", asked of November)
        if r.conflict == STORY_YEAR:
            continue  # ("Exports for the year rose by 14%" in a story of 2004, asked of 2003)
        if (focus.measure_in(text, figures) if focus.measure else _noun_in(focus, text)) or (
                does and stems(does[1])[0] in stems(text)):  # ("… producer of feta - producing about 30,000 tonnes")
            if not amount or holds_amount(text):
                return False  # (an amount asked: a sentence stating none answers something else)
    return True


# What a country does that a measure of it counts: "how much oil does Algeria produce?" asks Algeria's output
_COUNTRY_DOES = r"(?:produce|export|import|spend|earn|sell|buy|consume|pump|mine|borrow|owe)"
# A figure that is the thing foreseen: "had been forecasting a 0.1% rise", "expected growth of 2%"
_FORECAST_FIGURE = re.compile(r"\b(?:forecast(?:ing)?|expect(?:ed|ing)|predict(?:ed|ing)|anticipat(?:ed|ing))\s+"
                              r"(?:an?\s+|growth\s+of\s+)?(?:[$£€]\s?)?\d[\d.,]*(?:%|\s?(?:bn|m|per\s?cent))", re.I)


# "what criteria …", "which conditions …": the kind of thing asked, the noun after the question word
_AUXILIARY = r"(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could|should|must|might|may)"
_ASKED_NOUN = re.compile(rf"\s*(?:and\s+)?(?:what|which)\s+(?:other\s+|further\s+|new\s+)?"
                         rf"(?!(?:{_AUXILIARY}|else|kinds?|sorts?|types?)\b)([a-z]{{4,}})\s+{_AUXILIARY}\b", re.I)


def _kind_named_first(query: Query, text: str) -> bool:
    """Whether `text` introduces items as the kind of thing the question asks for ("what criteria will … use?":
    "criteria including the speed of implementation, tariff rates, …")."""
    m = _ASKED_NOUN.match(query.text)
    return m is not None and introduced_as(m.group(1), text)


_PICKS = re.compile(r"\bwhich\b|\b(?:called|named|dubbed|known as)\W*$", re.I)


_HOW_MANY = re.compile(r"\s*(?:and\s+)?how\s+many\b", re.I)
# "who has replaced / succeeded X …?", "who is X's successor?": someone other than X is asked
_REPLACED = re.compile(r"\s*(?:and\s+)?who\s+(?:has\s+|have\s+|will\s+|is\s+to\s+|is\s+going\s+to\s+)?"
                       r"(?:replace[sd]?|succeed(?:s|ed)?)\b|\s*(?:and\s+)?who\s+is\s+\S+\s+successor\b", re.I)
_HOW_MUCH = re.compile(r"\s*(?:and\s+)?(?:by\s+)?how\s+(?:much\b|(?:big|large)\s+an?\s)", re.I)  # ("how big a giveaway …?")
def _inflected(word: str) -> set[str]:
    """A lower-case word with its ending swapped for another of a verb's or a noun's ("repositioned":
    "repositioning", "reposition", "repositions")."""
    bases = {word}
    for ending in ("ions", "ion", "ing", "ed", "es", "s"):  # (and a verb's noun: "interceptions", "intercepted")
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            bases.add(word[: -len(ending)])
    return {base + ending for base in bases for ending in ("", "s", "ed", "ing")}


# A figure over many countries or the world ("employs 109,000 people in more than 120 countries")
_WORLDWIDE = re.compile(r"\bin\s+(?:more\s+than\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+)?"
                        r"[\d,]+\s+countries\b|\bworldwide\b|\bglobally\b|\b(?:around|across)\s+the\s+(?:world|globe)\b",
                        re.I)
_IN_WHERE = re.compile(r"\b(?:in|across|within)\s+(?:the\s+)?([A-Za-z][\w.]*(?:\s+[A-Z][\w.]*)*)")


def _worldwide_for_country(question: str, quote: str) -> bool:
    """A question asking a figure in one country ("how many people does Exel employ in the UK?") and a
    sentence giving it over many countries or the world: another scope, whatever else it says of the UK."""
    if not _WORLDWIDE.search(quote):
        return False
    asked = {country_of(m.group(1).rstrip(".")) for m in _IN_WHERE.finditer(question)} - {None}
    # (a place closing the sentence is read without its full stop: "… and by 24% in China.")
    return bool(asked) and not asked & {country_of(m.group(1).rstrip(".")) for m in _IN_WHERE.finditer(quote)}


# "where did Cairn's shares close?": the level they closed at, not how far they moved
_WHERE_CLOSED = re.compile(r"\s*(?:and\s+)?where\s+(?:did|do|does|will|would)\s+[^?]*?\b(?:close|end|finish|settle)\b",
                           re.I)
_CLOSED_AT = re.compile(r"\b(?:closed|ended|finished|settled|closing)\b(?:[^.;]|\.\d){0,40}?\b(?:at|to)\s+[£$€]?\d", re.I)
_BACK_TO_SHARES = re.compile(r"(?:The|Its|Their)\s+shares\b|(?:It|They)\b")  # (the subject, referred back to)
LEVEL_SLACK = 2.0  # (`_close_level_first`) how much lower the sentence giving the level may score


YEAR_AGAINST_WINDOW = 4  # (`_year_set_against_last`) how far down the ranking the sentence of the asked year may be
YEAR_AGAINST_SLACK = 0.6  # … and how much lower it may score


def _year_set_against_last(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A year asked, another set against it: "what would Turkey's contribution reach by 2020, as against 2014?") a lead
    naming only the year set against ("… almost 6bn euros … by 2014") yields to a sentence of its story about as good
    that names the asked one ("… from less than 5bn euros in 2014 to almost 9bn euros by 2020")."""
    contrast = CONTRASTED.search(query.text)
    if not ranked or contrast is None:
        return ranked
    asked = set(_YEAR.findall(query.text[: contrast.start()]))  # (the years as the focus reads them)
    against = set(_YEAR.findall(query.text[contrast.start():])) - asked
    text = ranked[0].hit.sentence.text
    if not asked or not against or not against & set(_YEAR.findall(text)) or asked & set(_YEAR.findall(text)):
        return ranked
    return _story_sentence_first(ranked, lambda t: bool(asked & set(_YEAR.findall(t))), YEAR_AGAINST_SLACK,
                                 YEAR_AGAINST_WINDOW)


EXPECTED_WINDOW = 4  # (`_expected_first`) how far down the ranking the sentence giving what was expected may be
EXPECTED_SLACK = 0.6  # … and how much lower it may score
_OUTCOME = "the outcome, not what was expected"  # (the scope conflict of an outcome when an expectation is asked)
_EXPECTED_SAID = re.compile(r"\b(?:had\s+been|was|were|been|is|are)\s+(?:forecast|expected|predicted|projected|estimated)\b|"
                            r"\b(?:forecasts?|expectations?|estimates?|predictions?)\s+(?:of|had|were|was)\b", re.I)


def _expected_first(ranked: list[Ranked]) -> list[Ranked]:
    """(What was expected asked: "what quarterly net income had Wipro been forecast to make, rather than what it
    actually reported?") a lead giving the outcome ("Net income in the last quarter was 4.3bn rupees") yields to a
    sentence of its story about as good giving the forecast ("Profit had been forecast to be 4.1bn rupees.")."""
    if not ranked or ranked[0].conflict != _OUTCOME:
        return ranked
    top = ranked[0]
    return led_by(next((r for r in ranked[1:EXPECTED_WINDOW] if r.hit.article.id == top.hit.article.id and not r.conflict
                        and r.score >= top.score - EXPECTED_SLACK and _EXPECTED_SAID.search(r.hit.sentence.text)
                        and _figure_in(r.hit.sentence.text)), None), ranked)


# A range, no level: "between 10% to 15% lower"
_RANGE_SAID = re.compile(r"\bbetween\s+[$£€]?\d[\d.,]*%?\s+(?:and|to)\s+[$£€]?\d", re.I)


def _level_said(text: str) -> bool:
    """Whether a sentence gives a level reached: what something closed at ("closed down 247p, or 18%, at 1115 pence")
    or rose or fell to ("They added an extra 6.4% to $27.24 in electronic trading …")."""
    return bool(_CLOSED_AT.search(text) or _TO_FIGURE.search(text) and not _RANGE_SAID.search(text))


def _close_level_first(query: Query, ranked: list[Ranked]) -> None:
    """"And where did they close after the update?" asks a closing level: the best sentence of the leading
    story saying what it closed at ("The shares closed down 247p, or 18%, at 1115 pence"), or went to ("… an extra
    6.4% to $27.24 in electronic trading"), leads one giving only the move ("have closed down 18%")."""
    if not ranked or not _WHERE_CLOSED.match(query.text) or _level_said(ranked[0].hit.sentence.text):
        return
    top = ranked[0]
    level = next((r for r in ranked[1:EVIDENCE_SIZE] if r.hit.article.id == top.hit.article.id and not r.conflict
                  and (r.entity >= top.entity or _BACK_TO_SHARES.match(r.hit.sentence.text))
                  and r.score >= top.score - LEVEL_SLACK
                  and _level_said(r.hit.sentence.text)), None)
    if level is not None:
        ranked.remove(level)
        ranked.insert(0, level)


# "did the Halifax say", "according to the Halifax": whose word the figure must be
_SOURCE_ASKED = re.compile(r"\b(?:did|does|do|has|have|had)\s+((?:the\s+)?[\w&'’.-]+(?:\s+[\w&'’.-]+){0,3}?)\s+"
                           r"(?:say|said|report|reported|estimate|estimated)\b|\baccording\s+to\s+((?:the\s+)?"
                           r"[\w&'’.-]+(?:\s+[A-Z][\w&'’.-]+){0,3})", re.I)
SOURCE_WINDOW = 5  # (`_source_first`) how far down the ranking the asked source's own sentence may be
SOURCE_SLACK = 0.6  # (`_source_first`) how much lower it may score than another's word leading


# the firm a story is about, not named: "for the firm based in Beaverton, Oregon" in a story titled with it
_THE_FIRM = re.compile(rf"\b(?:the|its)\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)?(?:[A-Z][\w'’-]*-based\s+)?"
                       rf"(?:{_FIRM_KINDS})\b", re.I)  # ("The Jacksonville, Florida-based firm")


# a firm named by its kind ("the club's", "the company"), standing for the subject carried from the last question
_STANDS_FOR = re.compile(rf"\bthe\s+({_BODY_KINDS})\b", re.I)


# a head count asked ("how many people does LG Card employ?"): said of staff, workers, jobs or with "employ"
_EMPLOY_ASKED = re.compile(r"\bhow\s+many\s+[^?]{0,60}?\bemploy\b", re.I)
_STAFF_SAID = re.compile(r"\b(?:employ\w*|staff\w*|workers?|workforce|jobs?|payroll|head\s*count)\b", re.I)
# what a buyer paid asked ("what did BSkyB pay for its stake?", "how much did Pernod pay for …?"): a sum of money
_PAID_ASKED = re.compile(r"\s*(?:and\s+)?(?:what(?:\s+(?:fee|sum|price|amount))?|how\s+much)\s+(?:did|does|will|has|have|"
                         r"had|is|are|was|were)\s+[^?]{1,60}?\bpa(?:y|id|ying|ys)\b", re.I)
# a sum of money ("$230m", "9 euro cents", "247p")
_MONEY = re.compile(r"[£$€¥]\s?\d|\d[\d.,]*\s*(?:m|bn|million|billion|trillion)?\s*(?:euros?|dollars?|pounds?|yen|yuan|"
                    r"rupees?|roubles?|francs?|pence|p|cents?|won|riyals?|rand)\b", re.I)
# a sum of money asked: "how much money has Cameroon recovered …?", "how much will GM charge Fiat …?"
_MONEY_ASKED = re.compile(r"\s*(?:and\s+)?how\s+much\s+(?:money|cash)\b|\s*(?:and\s+)?how\s+much\s+(?:will|would|did|does|"
                          r"do|has|have|had)\s+[^?]{1,40}?\b(?:charge[sd]?|cost|earn|fetch|recover(?:ed)?)\b|"
                          r"\s*(?:and\s+)?(?:what|how\s+much)\s+(?:is|was|are|were|will\s+be)\s+the\s+(?:[a-z-]+\s+)?"
                          r"(?:fees?|fares?|tolls?)\b", re.I)  # (or "what is the hourly fee for …?")
SUM_WINDOW = 3  # (`_sum_unsaid`) how many of the best sentences are read for a sum of money
# the acts of a sum asked that a sentence giving it says in some form ("charged", "recovery")
_ACT_PRICED = re.compile(r"\b(charg|recover)\w*", re.I)


def _sum_unsaid(query: Query, ranked: Sequence[Ranked]) -> bool:
    """"How much will GM charge Fiat for each six-cylinder engine?": when a sum of money is asked and none of the
    best sentences gives one ("… source six-cylinder engines from General Motors"), or the best gives none and those
    giving one never say the act asked ("How much money has Chad recovered …?": "Fraud … drains 2bn CFA francs"),
    the store holds the names but not what is asked, which is said instead of quoting a sentence that cannot answer."""
    if _MONEY_ASKED.match(query.text) is None or not ranked:
        return False
    summed = [r for r in ranked[:SUM_WINDOW] if _MONEY.search(r.hit.sentence.text)]
    act = _ACT_PRICED.search(query.text)
    return not summed or (act is not None and ranked[0] not in summed and not any(
        compiled(rf"\b{act.group(1)}", re.I).search(r.hit.sentence.text) for r in summed))


# a sum said as paid: "purchased … for about $230m", "paid £40m", "at a cost of $2bn"
_SUM_PAID = re.compile(r"\b(?:for|paid|paying|pays|cost\s+of|price\s+of)\s+(?:about|around|some|roughly|nearly|almost|"
                       r"more\s+than|over|just\s+over|just\s+under|less\s+than|up\s+to)?\s*(?:" + _MONEY.pattern + ")",
                       re.I)
# a sum named as a deal's value ("a $47bn merger", "its £7.4bn takeover of Allied"), which is what was paid
_DEAL_SUM = re.compile(r"(?:" + _MONEY.pattern + r")\S*\s+(?:\([^)]*\)\s+)?(?:[\w-]+\s+){0,2}?(?:deal|purchase|acquisition|"
                       r"takeover|merger|buyout|buy-out)\b(?!\s+(?:offer|bid|approach|proposal))", re.I)
# a sum only offered, bid or raised for a bid ("any formal £800m offer", "raise £1.4bn to fund a bid"): not paid
_SUM_OFFERED = re.compile(r"(?:" + _MONEY.pattern + r")\S*\s+(?:\([^)]*\)\s+)?(?:[\w-]+\s+){0,2}?(?:offer|bid|approach)\b|"
                          r"\braise\s+(?:about\s+)?(?:" + _MONEY.pattern + r")", re.I)


def _states_sum_paid(text: str) -> bool:
    """Whether a sentence states a sum that may be what was paid: any sum of money, unless it is only offered, bid
    or raised for a bid ("any formal £800m offer", "raise £1.4bn to fund a bid")."""
    return bool(_MONEY.search(text)) and not (
        _SUM_OFFERED.search(text) and not _SUM_PAID.search(text) and not _DEAL_SUM.search(text))


PAID_DEPTH = 6  # (`_paid_sum_first`) how far down the leading story's sentence stating the sum paid may be
# a price for one share asked ("how much per share has Quiksilver offered?", "what price per share …?")
_PRICE_EACH_ASKED = re.compile(r"\b(?:how\s+much|what\s+price)\s+(?:per|a)\s+share\b", re.I)
_WHERE_IN = re.compile(r"\s*(?:and\s+)?where\s+in\s+(?:the\s+)?[A-Za-z]", re.I)


def _place_already_asked(question: str, quote: str) -> bool:
    """"Where in China …?" asks a place within China: a sentence whose every place ("… a factory in China")
    is one the question names gives nothing new."""
    if not _WHERE_IN.match(question):
        return False
    places = [m.group(1) for m in PLACE_AT.finditer(quote)]
    return all(p.lower() in question.lower() for p in places)


_AFTER_OWNER = re.compile(r"[A-Za-z]['’]s\s+$")  # right after a possessive: "… arabia's |neom project"


# "how many stores will be closed …?": a count of things an act is done to, which the answer must say is done
_COUNT_DONE = re.compile(r"^\s*(?:and\s+)?how\s+many\s+(?:[\w'’-]+\s+){1,9}?(?:will|would|are|is|were|was|have|has|had)\s+"
                         r"(?:already\s+|now\s+|since\s+)?(?:be\s+|been\s+)?(?P<verb>closed|shut|opened|built)\b", re.I)
_DONE_SAID = {"closed": r"\b(?:clos|shut)", "shut": r"\b(?:clos|shut)", "opened": r"\b(?:open|new)\b",
              "built": r"\b(?:buil|construct)"}


def _quote_lacks_asked(query: Query, focus: Focus, answer: Answer) -> bool:
    """Whether an answer about a stored entity quotes sentences that cannot hold what is asked, so the near miss
    is said instead: a figure for the whole world asked of one country ("employs 109,000 people in more than
    120 countries"); no place but the one asked within ("where in China …?": "… a factory in China"); no head
    count ("how many people does LG Card employ?": "seven million people use LG Card's plastic"); no price for
    one share ("how much per share …?": "shares jumped 15%"); nothing counted ("how many subscribers …?") or
    no figure at all ("how much feta …?")."""
    quotes = [c.quote for c in answer.citations]
    if not focus.why and _worldwide_for_country(query.text, quotes[0]):  # (a cause may be worldwide)
        return True
    if answer.lead_kind != "quote":
        return False
    if _place_already_asked(query.text, quotes[0]):
        return True
    if _EMPLOY_ASKED.search(query.text) and not _STAFF_SAID.search(quotes[0]):
        return True
    if _PRICE_EACH_ASKED.search(query.text) and not any(focus.price_each_in(q) for q in quotes):
        return True
    if _owned_part_unnamed(query, focus, quotes[0]):
        return True  # "how many visitors did EuroDisney's Walt Disney Studios attract?": EuroDisney's figure is no answer
    models = [re.sub(r"(?<=\d)s$", "", m) for m in _MODEL_CODE.findall(query.text) if len(m) >= 3]  # ("A380s")
    if models and not any(re.search(rf"(?<![\w-]){re.escape(m)}(?:s|'s|’s)?(?![\w-])", q, re.I) for m in models
                          for q in quotes) and any(len(m) >= 3 for m in _MODEL_CODE.findall(quotes[0])):
        # "what is the list price of a Boeing 777-200LR?": a deal for 7E7 planes is about another model (a quote
        # naming none may speak of the one asked: "30 of the aircraft, at $120m each")
        return True
    if focus.why:
        return False
    if focus.count_noun and _HOW_MANY.match(query.text) and not any(counts_any(q, focus) or counts_run(q, focus)
                                                                     for q in quotes):
        return True  # (a rank counts: "the fifth billion-dollar telecoms deal since October")
    if (done := _COUNT_DONE.match(query.text)) and not any(
            re.search(_DONE_SAID[done.group("verb").lower()], q, re.I) for q in quotes):
        return True  # "how many stores will be closed …?": "The combined firm will operate about 1,000 stores" closes none
    if focus.measure in _RATE_MEASURES and _WHAT_IS.match(query.text) and not any(_A_RATE.search(q) for q in quotes):
        return True  # "what is the unemployment rate among women?": "… is measured in the six main areas" gives none
    if focus.measure in _SUM_MEASURES and _WHAT_IS.match(query.text) and not _PART_OF.search(query.text) and not any(
            _MONEY_TEXT.search(q) for q in quotes):  # (not "… as a share of GDP", a percentage)
        return True  # "what were Eli Lilly's Prozac sales?": "adverts in a dozen major newspapers" gives no sum
    if focus.measure in _PAID_MEASURES and _SUM_PAID_ASKED.match(query.text) and not any(_MONEY_TEXT.search(q) for q in quotes):
        return True  # "what severance did Nortel pay Frank Dunn?": "… were fired in January last year" gives no sum
    if thing_unmeasured(query, quotes):
        return True
    if set(focus.role) & _POSTS and query.kind == "person" and not (_role_said(focus, quotes[0]) and _qualified(
            focus, quotes[0])):
        return True  # "who is Citigroup's chief financial officer?": "Robert Benmosche, Metlife's chairman and chief
        # executive, said …" names no finance chief
    if query.kind == "figure" and _another_country_leads(focus, quotes[0]):
        return True  # "how much does Sri Lanka owe the Paris Club?": "Indonesia, which …, owes the Paris Club $48bn"
    if (asked := _SHARE_ASKED.search(query.text)) and asked.group().split()[1].lower() != "part" and not any(
            _share_in(q) for q in quotes):  # (not "what part of their braking system …?", a component)
        return True  # "what share of India's mobile market does Bharti hold?": "… dominated by four companies" gives none
    if (got := _RECEIVER_ASKED.match(query.text)) and any(
            d.lower() in got.group("who").lower() and d.lower() not in quotes[0].lower() and not country_of(d)
            for d in focus.display):  # (a country's part may be said of "the government")
        return True  # "how much of the settlement will the University of California receive?": a lead not naming it
    if focus.measure and _AMOUNT_ASKED.match(query.text) and not _TIME_ASKED.search(query.text) and all(
            map(_figures_only_times, quotes)):
        return True  # "what is the daily circulation of Dainik Jagran?": "… in circulation for 62 years" gives a time
    if (against := _RATE_AGAINST.search(query.text)) and (other := _RATE_AGAINST.search(quotes[0])) and (
            other.group("currency").lower() != against.group("currency").lower()) and not re.search(
            rf"\b{against.group('currency')}", quotes[0], re.I):
        return True  # "what was the kolar worth against the euro?": "… at 1,420 to the US dollar" is another rate
    if _WORTH_ASKED.match(query.text) and not any(re.search(r"\d", _YEAR.sub(" ", q)) for q in quotes):
        return True  # "what was the ariary worth against the euro …?": "… lost almost half its value" gives no worth
    if _SUM_SPENT_ASKED.match(query.text) and not any(_MONEY_TEXT.search(q) for q in quotes):
        return True  # "how much will Chinese firms invest in new refineries?": "… allow China to invest in …" says no sum
    if _BECAME_ASKED.match(query.text) and not _BECAME_SAID.search(quotes[0]):
        return True  # "when did Abdullatif Sener become deputy prime minister?": "…, said Deputy Prime Minister Abdullatif
        # Sener earlier this month" dates what he said, not when he took the post
    return bool(_HOW_MUCH.match(query.text)) and not any(holds_amount(q) for q in quotes)


# When someone took a post, asked ("when did X become chairman?", "when was she appointed?"), and a sentence saying it
_BECAME_ASKED = re.compile(r"^\s*(?:and\s+)?(?:when|(?:in\s+)?(?:what|which)\s+year)\s+(?:did|was|were|had|has)\s+[^?]{1,60}?\b"
                           r"(?:(?:become|take\s+over\s+as|join\s+[^?]{1,40}?\bas)\s+[^?]{0,40}?\b(?:" + "|".join(sorted(ROLE_WORDS))
                           + r")|take\s+office|appointed|elected|promoted)\b", re.I)
_BECAME_SAID = re.compile(r"\b(?:bec[oa]m(?:e|es|ing)|appoint(?:ed|ment)|named|t(?:ake|akes|aking|ook|aken)\s+(?:over|up|office)|"
                          r"elected|election|promoted|promotion|join(?:ed|s|ing)|since|sworn|succeed(?:ed|s)?|replac(?:e|ed|es|ing)|"
                          r"step(?:ped)?\s+(?:in|up|into)|hired|installed|arrived?)\b", re.I)


def _role_said(focus: Focus, text: str) -> bool:
    """Whether a sentence speaks of the asked role at all: its head word ("officer", "chairman"), or the short form
    ("CFO") or another word for it ("finance director", "boss")."""
    lower = text.lower()
    return any(w in lower for w in focus.role if w in ROLE_WORDS) or bool(_ROLE_SAID_ALSO.search(text))


_POSTS = frozenset({"officer", "executive", "chairman", "chairwoman", "director", "minister", "secretary"})  # (a post
# held, not "owner" or "founder", which a sentence says in other words: "majority-owned by", "founded by")
_ROLE_SAID_ALSO = re.compile(r"\b(?:CFO|CEO|COO|boss|head|chief|director|finance\s+chief)\b", re.I)


def _another_country_leads(focus: Focus, quote: str) -> bool:
    """Whether a quote opens with a country other than every one asked of, and names none of those: its figure is
    that country's ("Indonesia, which originally accepted the offer, owes the Paris Club about $48bn", asked of Sri
    Lanka)."""
    asked = {country_of(d) for d in focus.display if country_of(d)}
    m = _LEADING_NAME_RUN.match(quote)
    if not asked or m is None:
        return False
    words = m.group(1).split()
    # (the country's own name as the subject: not "Australian miner BHP …", nor "Norway's negotiator …", whose
    # words are no country's name as written)
    opening = next((name for n in range(len(words), 0, -1) if country_of(name := " ".join(words[:n])) == name), None)
    return opening is not None and opening not in asked and not asked & set(parties_in(quote))


# a percentage that is a rate of change, not a part of a whole ("grow by about 40% a year", "rose 5%")
_CHANGE_PERCENT = re.compile(r"\b(?:by|up|down|rose|fell|grew|grow|rise|fall|jumped|climbed|dropped|gained|lost)\s+(?:about\s+|"
                             r"around\s+|some\s+|nearly\s+|almost\s+|just\s+)?(?:\d[\d.]*\s?(?:%|per\s?cent)|"
                             r"(?:a|one)\s+(?:half|third|quarter|fifth|tenth)\b(?!\s+of\b))|"
                             r"\d[\d.]*\s?(?:%|per\s?cent)\s+(?:a|per|each)\s+(?:year|quarter|month)\b", re.I)


def _share_in(text: str) -> bool:
    """Whether a sentence may give a part of a whole: a share said as one ("a 30% stake", "half of"), or a
    percentage that is no rate of change ("India's mobile market is likely to grow by about 40% a year" is none)."""
    plain = _CHANGE_PERCENT.sub(" ", text)
    return bool(_SHARE_SAID.search(plain) or _SHARE_GIVEN.search(plain) or _ONE_IN.search(text))


_ONE_IN = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|"
                     r"seven|eight|nine|ten|twenty|a\s+hundred|\d+)\b(?!\s*(?:years?|months?|weeks?|days?)\b)", re.I)  # ("one in five")


# what one party is to get of a sum ("how much of the settlement will the University of California receive?")
_RECEIVER_ASKED = re.compile(r"\s*(?:and\s+)?how\s+much\s+of\b.*?\b(?:will|would|did|does|do|is|are|was|were|could|can|should)\s+"
                             r"(?P<who>(?:[\w&'’.-]+\s+){1,6}?)(?:receive|get|collect|be\s+paid|be\s+awarded|be\s+given|"
                             r"take\s+home|pocket)\b", re.I)


# a sum of money asked as what is put in, paid out or raised ("how much will Chinese firms invest …?")
# An amount asked: "what is the daily circulation of …?", "how much …?" (not "which director …?")
_AMOUNT_ASKED = re.compile(r"\s*(?:and\s+)?(?:what\s+(?:is|was|are|were)\s+(?:the|its|their)\b|how\s+(?:much|many|big|large)\b)", re.I)
# A time asked: "how long …?", "for how many years …?", "over what period …?", "what jail sentence …?"
_TIME_ASKED = re.compile(r"\bhow\s+long\b|\b(?:years?|months?|weeks?|days?|hours?|decades?|period|time|sentences?|terms?)\b", re.I)
# An exchange rate against a currency: "against the euro", "to the US dollar", "per dollar"
_RATE_AGAINST = re.compile(r"\b(?:against|to|versus|per)\s+(?:the\s+)?(?:US\s+|American\s+|Japanese\s+|British\s+|single\s+"
                           r"European\s+)?(?P<currency>euro|dollar|pound|sterling|yen|yuan|renminbi|rupee|rouble|ruble|"
                           r"franc|peso|won|real)s?\b", re.I)
def _figures_only_times(text: str) -> bool:
    """Whether every figure of a sentence, its years aside, is a length of time ("in circulation for 62 years")."""
    undated = _YEAR.sub(" ", text)
    return bool(re.search(r"\d", undated)) and not re.search(r"\d", _DURATION.sub(" ", undated))


# What something is worth asked: "what was the ariary worth against the euro?", "how much is the deal worth?"
_WORTH_ASKED = re.compile(r"\s*(?:and\s+)?(?:what|how\s+much)\s+(?:is|was|are|were|will|would)\s+[^?]{2,80}?\s+(?:be\s+)?worth\b",
                          re.I)
_SUM_SPENT_ASKED = re.compile(r"\s*(?:and\s+)?how\s+much\s+(?:money\s+)?(?:will|would|did|does|do|is|are|was|were|has|have|"
                              r"had|could|can|should|must)\s+(?:[\w&'’.-]+\s+){1,5}?(?:invest|spend|pay|lend|borrow|raise|"
                              r"cost|earn|inject|put\s+in(?:to)?)\b", re.I)


def _owned_part_unnamed(query: Query, focus: Focus, quote: str) -> bool:
    """Whether the question asks of a named part of another focus entity ("EuroDisney's Walt Disney Studios") and
    the quote never names the part: it speaks of the owner as a whole."""
    for i, part in enumerate(focus.display):
        if " " not in part or country_of(part):
            continue  # (one word may be a product's or a place's name: "Boeing's 7E7", "ExxonMobil's Qatar gas deal")
        for j, owner in enumerate(focus.display):
            if i != j and not country_of(owner) and compiled(
                    rf"(?i)\b{re.escape(owner)}['’]s?\s+{re.escape(part)}\s+(?:{_PART_DOES})\b").search(query.text):
                return not mentions_any(quote.lower(), focus.names_of(i))
    return False


# What a part of a firm is asked to have done, right after its name ("… Walt Disney Studios attract …"): not a noun
# it only describes ("AstraZeneca's Iressa failure")
_PART_DOES = (r"attract|attracted|draw|drew|drawn|make|made|earn|earned|sell|sold|have|has|had|get|got|see|saw|post|"
              r"posted|report|reported|lose|lost|employ|employs|produce|produced|cost|pay|paid")


# A product's model code, letters and digits in one word ("777-200LR", "A380", "7E7"), not an amount ("1bn", "5m"),
# an ordinal ("4th") or a year
_MODEL_CODE = re.compile(r"(?<![\w$£€-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])(?![\d.,]+(?:bn|m|k|p|s|th|st|nd|rd|pc)\b)"
                         r"[A-Za-z\d]+(?:-[A-Za-z\d]+)*(?![\w-])")


# "what is / was / were …?" asking a measure's level: a rate must be a percentage, a sum of money an amount of money
_WHAT_IS = re.compile(r"\s*(?:and\s+)?what\s+(?:is|was|were|are|has\s+been)\b", re.I)
_RATE_MEASURES = frozenset({"unemployment", "inflation"})
_PART_OF = re.compile(r"\b(?:share|proportion|percentage|per\s?cent|part|fraction|ratio)\b|%", re.I)
_SUM_MEASURES = frozenset({"sales", "profit", "loss", "deficit", "surplus", "debt", "dividend"})
_PAID_MEASURES = frozenset({"bonus", "fine"})  # sums paid out, asked "what severance …?", "what fine …?"
_SUM_PAID_ASKED = re.compile(r"\s*(?:and\s+)?what\s+(?:severance|pay-?offs?|fines?)\s+(?:did|does|do|will|has|have|had)\b",
                         re.I)  # (not "what bonus rate …?", "what penalty could they face?": a sum is not all it may be)
_A_RATE = re.compile(r"\d\s?(?:%|per\s?cent\b)|\bper\s?cent\b", re.I)


def _place_asked_alone(query: Query, focus: Focus) -> str:
    """The one country a figure is asked of, with no firm, person or body beside it ("what is the interest rate in
    Pakistan?", "how fast did Canada's economy grow in 2004?"); "" for any other question."""
    if _firms(focus) or focus.why or _picks(query) or query.kind == "date" or not (
            focus.measure or query.kind == "figure" or _WHAT_IS.match(query.text)):
        return ""  # (a date asked is no figure of the country's: "when does parliament vote on the Turkish firm's stake?")
    places = asked_countries(focus)
    return next(iter(places)) if len(places) == 1 else ""


# The kinds of a country's deficit, surplus or rate ("trade deficit", "interest rate", "rate of inflation"): one
# kind is no other ("a current account deficit of $10.7bn" gives no trade deficit)
_KINDS_OF = {"deficit": ("trade", "budget", "current account", "current-account", "fiscal", "public"),
             "surplus": ("trade", "budget", "current account", "current-account", "fiscal", "public"),
             "rate": ("interest", "unemployment", "jobless", "inflation", "exchange", "growth", "tax", "mortgage",
                      "savings", "lending", "base")}
_KIND_OF = {head: re.compile(rf"\b({'|'.join(kinds)})\s+{head}s?\b|\b{head}s?\s+of\s+({'|'.join(kinds)})\b", re.I)
            for head, kinds in _KINDS_OF.items()}
_SAME_KIND = {"jobless": "unemployment", "fiscal": "budget", "public": "budget", "current-account": "current account"}


def _other_kind_of(question: str, text: str) -> bool:
    """Whether the question asks one kind of deficit, surplus or rate ("Turkey's trade deficit", "the interest rate
    in Spain") and the sentence gives only other kinds ("its current account deficit has swelled to $10.7bn",
    "the UK's jobless rate rose to 4.7%"), never naming the kind asked."""
    for head, kind_of in _KIND_OF.items():
        asked = {_SAME_KIND.get(k, k) for m in kind_of.finditer(question.lower()) for k in m.groups() if k}
        if not asked:
            continue
        said = {_SAME_KIND.get(k, k) for m in kind_of.finditer(text.lower()) for k in m.groups() if k}
        if said and not said & asked and not any(re.search(rf"\b{re.escape(k)}\b", text, re.I) for k in asked):
            return True
    return False


_OPENING = re.compile(r".{0,40}\S*(?:\s+\S+)?", re.S)  # a sentence's first forty characters or so, whole words
PLACE_DEPTH = 8  # (`_place_asked_alone`) the best sentences read for one giving the asked country's figure


# "when was Enron founded?", "when was the venture set up?": the deed a date is asked of
_DEED_DATED = re.compile(r"^\s*(?:and\s+)?(?:when|(?:in\s+)?(?:what|which)\s+year)\s+(?:was|were|did|had|has|have)\s+"
                         r"(?:[\w&'’.-]+\s+){1,6}?(founded|set\s+up|established|formed|created|launched|listed|floated|privatised|privatized|"
                         r"nationalised|nationalized|bought|sold|taken\s+over|merged|incorporated)\s*\??\s*$", re.I)


def _deed_dated(query: Query, focus: Focus) -> str:
    """The deed whose date a question asks of a firm ("founded" of "when was Enron founded?"), or ""."""
    m = _DEED_DATED.match(query.text)
    return m.group(1).lower() if m and _firms(focus) else ""


_YEAR_SAID = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WHICH_YEAR = re.compile(r"\b(?:what|which)\s+year\b", re.I)


# the last name before a founding word ("Its rival Crane Snacks, founded in 1921, …")
_NAME_BEFORE_FOUNDING = re.compile(r"((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*),?\s+(?:which\s+|that\s+)?(?:was\s+|were\s+|"
                                   r"had\s+been\s+|has\s+been\s+)?(?:first\s+)?(?:founded|set\s+up|established|formed|"
                                   r"created|incorporated)\b")


def _deed_of_another(focus: Focus, text: str) -> bool:
    """Whether the founding a sentence says is another firm's: the name right before the founding word is not
    the asked one ("Its rival Crane Snacks, founded in 1921, has since bought the Halvard brands")."""
    m = _NAME_BEFORE_FOUNDING.search(text)
    return m is not None and m.group(1) not in ("It", "The", "This") and not _names_focus(focus, m.group(1))


def _does(deed: str, text: str) -> bool:
    """Whether a sentence says the deed, in any form ("founded", "founding", "set up", "sells" of "sold")."""
    asked = set(stems(deed))
    if deed.split()[0] in _FOUNDING_DEEDS:
        return _FOUNDING_SAID.search(text) is not None
    return bool(asked) and asked <= set(stems(text))


# a firm's founding, in any of its words ("the PBGC was founded in 1974" dates "when was it set up?"); a thing
# found is none ("found guilty")
_FOUNDED_ASKED = re.compile(r"\bfound(?:ed|ing|ers?)\b", re.I)  # (a founding asked, not a thing found)
_FOUNDING_DEEDS = frozenset({"founded", "set", "established", "formed", "created", "incorporated"})
_FOUNDING_SAID = re.compile(r"\b(?:found(?:ed|ing|ers?)|set\s+up|establish(?:ed|ing|ment)|formed|creat(?:ed|ion)|"
                            r"incorporated)\b", re.I)


def _picks(query: Query) -> bool:
    """A question whose answer is a name of its own ("who …", "which airlines …", a list): another name than
    the one asked about is what it wants, and what it asks of that one may be said in any words."""
    return query.kind == "person" or query.wants_list or bool(_PICKS.search(query.text))


# "Where is X based?", "where is X headquartered?": the firm's place is asked
_WHERE_BASED = re.compile(r"^\s*where\b.*\b(?:based|headquartered|located|registered)\b|^\s*where\b.*\bheadquarters\b",
                          re.I)
_PLACED = re.compile(r"\b[A-Z][\w'’-]*-based\b|\b(?:based|headquartered|located|registered)\s+(?:in|at)\s+(?:the\s+)?"
                     r"[A-Z]|\bheadquarters\s+(?:in|at)\s+[A-Z]|"
                     # "Contrack International, of Arlington, Virginia, heads …"
                     r"\b[A-Z][\w&.'’-]*,\s+of\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:,\s+[A-Z][\w'’-]+)?,")


# "But there are also pressing economic reasons for Egypt's decision …": a sentence announcing reasons it does not give
_REASONS_ANNOUNCED = re.compile(r"\b(?:there\s+(?:are|were|is|was)\s+(?:also\s+)?(?:\w+\s+){0,2}reasons?|"
                                r"(?:for|has|had|have)\s+(?:several|many|two|three|a\s+number\s+of|other)\s+"
                                r"(?:\w+\s+)?reasons?|"
                                # ("One leading Karachi broker said the real reasons may be political.": a kind of
                                # reason, no reason given)
                                r"the\s+(?:real|true|underlying)\s+reasons?\s+(?:may|might|could)\s+be\s+"
                                r"(?:\w+ly\s+)?[a-z]+(?=\s*[.!]?\s*$))\b[^,;:]*[.!]?\s*$", re.I)


def _reasons_given_next(focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A why-question) a lead sentence that only announces reasons ("there are also pressing economic reasons for
    Egypt's decision") is followed in its story by the sentence giving them ("It will give a huge boost to
    Egyptian textile exports …"): that one leads, the announcing one after it."""
    if not focus.why or not ranked or not _REASONS_ANNOUNCED.search(ranked[0].hit.sentence.text):
        return ranked
    return led_by(_following(ranked), ranked)


def _cause_given_next(query: Query, focus: Focus, ranked: list[Ranked],
                      store: StoragePort | None = None) -> list[Ranked]:
    """(A why-question) a lead sentence telling what was done, with no cause ("In April 2004, officials ordered a halt
    to work on the river …"), is followed in its story by one that goes on from it with a cause ("That move reportedly
    followed a protest from …"), or with the doer's view when the grounds are asked ("It believes the prospectus for
    a bond issue was unclear …"): that one leads, the act after it."""
    if not focus.why or not ranked or cause_grade(ranked[0].hit.sentence.text):
        return ranked
    grounds = bool(_GROUNDS_ASKED.search(query.text) or _STANCE_WHY.match(query.text))
    led = _goes_on_with(ranked, lambda r: cause_grade(r.hit.sentence.text) >= 2 or (
        grounds and _VIEW_OPENS.match(r.hit.sentence.text) is not None))
    if led is not ranked or store is None:
        return led
    # (or one retrieval left out that opens by referring back to the act: "By doing so, he said, the firm had intended
    # to reinforce its US presence", after "… Yukos had claimed it had transferred $27m into two Texas bank accounts")
    following = _stored_beside(ranked[0], store, 1)
    if following is None or not _DOING_SO.match(following.text) or cause_grade(following.text) < 2:
        return ranked
    return _led_by_stored(following, ranked, store)


PLACE_WINDOW = 4  # (`_asked_place_first`) how far down the ranking a sentence about the asked country may be
PLACE_SLACK = 0.5  # … and how much lower it may score


def _asked_place_first(focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A body's figure for a country asked) a lead sentence speaking only of somewhere else ("… the 12-member eurozone bloc, with growth forecasts slipping
    to 1.8% …", asked the OECD's forecast for Japan) yields to one nearly as good about the country asked ("Forecasts
    for Japanese growth were also scaled back to …")."""
    countries = asked_countries(focus)
    bodies = [d for d in focus.display if not country_of(d) or party_kind(country_of(d)) == "organisation"]
    if not ranked or not countries or not bodies or not elsewhere_only(
            ranked[0].hit.sentence.text, countries, places_only=True):
        return ranked  # (only a body's word about a country: "what does the OECD forecast for Japan?")
    least = ranked[0].score - PLACE_SLACK
    return led_by(next((r for r in ranked[1:PLACE_WINDOW] if not r.conflict and r.score >= least
                        and countries & set(parties_in(r.hit.sentence.text))), None), ranked)


# "where did lakshmi mittal tell investors …?": the place of what someone said
_SPEECH_PLACE_ASKED = re.compile(r"\s*(?:and\s+)?where\s+(?:did|does|has|had|was|is|will)\s+[^?]*?\b(?:tell|told|say|said|"
                                 r"speak|spoke|speaking|announce|announced|warn|warned)\b", re.I)
_SAID_AT = re.compile(r"\b(?:told|said|says|speaking|spoke|addressing|addressed|announced|warned)\b[^.;]*?"
                      r"\b(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?[A-Z]\w+")
SPEECH_PLACE_WINDOW = 6  # (`_speech_place_first`) how far down the ranking the sentence placing the speech may be
SPEECH_PLACE_SLACK = 1.5  # … and how much lower it may score


def _speech_place_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(The place of a speech asked: "where did lakshmi mittal tell investors … would have to shed thousands of
    jobs?") a lead saying what was said but no place yields to a sentence of its story placing the speaker ('…," Mr
    Mittal told the conference in Chicago.'): it answers where."""
    if not ranked or not _SPEECH_PLACE_ASKED.match(query.text) or PLACE_AT.search(ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, _SAID_AT.search, SPEECH_PLACE_SLACK, SPEECH_PLACE_WINDOW)


PICK_WINDOW = 4  # (`_pick_said_first`) how far down the ranking the sentence saying what picks the one asked may be
PICK_SLACK = 0.6  # … and how much lower it may score
# "Of the two big US names running ads …, which one took out more than 100 adverts?": the setting, then what is asked
_PICK_OF = re.compile(r"^\s*(?:and\s+)?(?:of|among)\s+(?:the|these|those)\s+(?:two|three|four|five|both)\b[^?]*?,\s*"
                      r"(?:which|who|what)\b(?P<asked>[^?]*)", re.I)


def _pick_said_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"Of the two …, which one …?": the setting is what every sentence of the story says ("Two big US names have
    launched advertising campaigns …"); the sentence nearly as good saying more of what picks the one asked ("… Wal-Mart
    took out more than 100 full page adverts …") leads."""
    m = _PICK_OF.match(query.text)
    if m is None or not ranked:
        return ranked
    names = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in stems(n)}
    asked = {w for w in stems(m.group("asked")) if len(w) > 2 and w not in names and w not in _PICK_PLAIN}

    def said(r: Ranked) -> int:
        return len(asked & set(stems(r.hit.sentence.text.replace("-", " "))))

    least, held = ranked[0].score - PICK_SLACK, said(ranked[0])
    better = [r for r in ranked[1:PICK_WINDOW] if not r.conflict and r.score >= least and said(r) > max(held, 1)]
    return led_by(max(better, key=said) if better else None, ranked)


_PICK_PLAIN = frozenset(stems("one ones the and did does has have had was were is are more than"))


DETAIL_WINDOW = 8  # (`_detail_first`) how far down the ranking a sentence saying all that is asked may be
DETAIL_SLACK = 0.6  # … how much lower it may score
DETAIL_FULL = 0.9  # … and how much of what is asked besides the names it must say
DETAIL_ENTITY = 0.8  # … about the entity asked, as surely as this


def _detail_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A list question) a lead sentence saying nothing of what is asked besides its names ("Federal Reserve chairman
    Alan Greenspan has warned …", asked which presidents he has served under) yields to one about the entity, nearly
    as good, that says all of it ("He has served under Presidents George W Bush, Bill Clinton, …")."""
    if not query.wants_list or focus.why or not ranked or not focus.entities or ranked[0].hit.detail > 0:
        return ranked
    least = ranked[0].score - DETAIL_SLACK
    return led_by(next((r for r in ranked[1:DETAIL_WINDOW] if r.hit.detail >= DETAIL_FULL and r.entity >= DETAIL_ENTITY
                        and not r.conflict and r.score >= least), None), ranked)


RESTATED_DETAIL = 0.9  # (`_restated_then_told`) how much of what is asked the lead must say to only restate it
RESTATED_SHARE = 0.5  # … and how much of what it says must be the question's words
RESTATED_WINDOW = 3  # … how far down the ranking a sentence restating it may be, under a lead saying little of it
RESTATED_SLACK = 0.3  # … how much lower it may score
RESTATED_NEAR_DETAIL = 0.8  # … and how much of what is asked it must say
# Words by which a sentence may tell why without a cause word: "… quit when …", "… fell 5.5% as investors …"
_MAY_EXPLAIN = re.compile(r"\b(?:when|as|means?|meant|after|since|because|due|amid|following|thanks|while|so|given|if|"
                          r"until|unless)\b", re.I)


def _restated_then_told(query: Query, focus: Focus, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(A why-question) a lead sentence saying all that is asked and no cause ("Unlike previous years, protests
    against the WEF are expected to be muted.") only restates the question; the sentence right after it in its story
    ("Anti-globalisation campaigners have called off a demonstration planned for the weekend.", "Not only does it
    boost US exports, but …") is where the story goes on to say why: that one leads, the restating one after it."""
    if not focus.why or not ranked:
        return ranked
    top = ranked[0]
    # (or the next one, about as good and saying far more of what is asked than a lead saying little of it: "Many
    # newspapers are investing in new printing machinery that enables them to print more colour pages.")
    top = next((r for r in ranked[1:RESTATED_WINDOW] if r.score >= top.score - RESTATED_SLACK and not r.conflict
                and r.hit.detail >= RESTATED_NEAR_DETAIL and r.hit.detail >= 2 * top.hit.detail), top)
    text = top.hit.sentence.text
    least = RESTATED_DETAIL if top is ranked[0] else RESTATED_NEAR_DETAIL
    if top.hit.detail < least or top.conflict or cause_grade(text) or _MAY_EXPLAIN.search(text):
        return ranked
    said = set(stems(text if top is ranked[0] else text.split(",")[0]))  # (below the lead: its first clause)
    if len(said & set(stems(query.text))) < RESTATED_SHARE * len(said):
        return ranked  # (it says more than the question: "… quit last year when Mr Glazer went ahead …" may be why)
    following = _stored_beside(top, store, 1)
    if following is None or _QUOTE_OPENS.match(following.text):
        return ranked
    if top is not ranked[0] and not (cause_grade(following.text) and ANAPHOR.match(following.text)):
        return ranked  # (over a lead giving a cause, only a sentence going on about the restated thing and giving one
        # itself: "They are hoping that by …"; not "Margins were helped by cheaper steel …")
    return _led_by_stored(following, ranked, store)


# Where what a speaker reports begins: "The IMF said that …"
_REPORTED = re.compile(r"\b(?:said|says|say|reported|reports|noted|added|estimated)\s+(?:that\s+)?", re.I)


# An opening referring back to the act the sentence before told: "By doing so", "In doing this"
_DOING_SO = re.compile(r"[\"“‘']?(?:By|In)\s+doing\s+(?:so|this|that)\b")


# "on what grounds has the AMF filed complaints …?": the doer's reasons, which it may give as its view
_GROUNDS_ASKED = re.compile(r"\bon\s+what\s+(?:grounds?|basis)\b", re.I)
_VIEW_OPENS = re.compile(r"(?:It|He|She|They)\s+(?:believes|believed|says|said|argues|argued|claims|claimed|alleges|"
                         r"alleged|thinks|thought|contends|contended|maintains|maintained|considers|considered|"
                         r"feels|felt)\b")
# "why had leftist parties opposed the reform?": a stance taken, whose grounds the ones taking it give as their view
_STANCE_WHY = re.compile(r"^\s*(?:and\s+)?why\s+(?:had|has|have|did|do|does|is|are|was|were|would)\b.*?\b(?:oppos|reject|"
                         r"resist|object|refus|block|veto|condemn|criticis|criticiz)\w*", re.I)


# "why does B&B think the fundamentals remain strong?": a view asked the grounds of
_VIEW_WHY = re.compile(r"^\s*(?:and\s+)?why\s+(?:does|do|did|would)\b.*?\b(?:think|thinks|believe|believes|say|says|"
                       r"expect|expects|argue|argues|feel|feels|see|sees)\b", re.I)


def _view_explained_next(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A why-question of a view) a lead sentence quoting the view, with no cause ('Overall, B&B said that "housing
    market fundamentals remain strong".'), is followed in its story by a bare quotation going on with the speaker's
    grounds ('"Interest rates and unemployment are both likely to remain … low …"'): that one leads, the view after."""
    if not focus.why or not ranked or not _VIEW_WHY.match(query.text) or cause_grade(ranked[0].hit.sentence.text):
        return ranked
    top = ranked[0].hit.sentence.text
    if "\"" not in top and "“" not in top:
        return ranked
    return led_by(_quote_after(ranked), ranked)


# "why does the European Commission think …?": the one whose view it is (its last word, "Commission")
_VIEW_HOLDER = re.compile(r"^\s*(?:and\s+)?why\s+(?:does|do|did|would)\s+(?:the\s+)?((?:[\w&'’.-]+\s+){0,4}?"
                          r"[\w&'’.-]+)\s+(?:think|believe|feel|consider)\b", re.I)
_HOLDS_VIEW = r"\s+(?:also\s+)?(?:believes|believed|thinks|thought|argues|argued|considers|considered|contends|feels)\b"


def _view_held_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A why-question of a view) a lead sentence with no cause ('"The Commission aims to ensure that European
    consumers are not overcharged …"') is led by a sentence of its story nearly as good in which the one asked
    of holds a view ("The Commission believes these wholesale prices are too high …"): that view is its grounds."""
    m = _VIEW_HOLDER.match(query.text)
    if not focus.why or not ranked or m is None or cause_grade(ranked[0].hit.sentence.text) == 3:
        return ranked  # (a purpose, "aims to ensure …", is no ground of a view)
    holder = m.group(1).split()[-1]
    holds = compiled(rf"\b{re.escape(holder)}{_HOLDS_VIEW}", re.I)
    return _said_in_story_first(ranked, holds.search, EVIDENCE_SIZE, HELD_VIEW_SLACK)


HELD_VIEW_SLACK = 1.0  # (`_view_held_first`) how much lower the sentence holding the view may score


def _quote_after(ranked: list[Ranked]) -> Ranked | None:
    """The sentence right after the lead's in its story (`_following`), when it is a bare quotation going on with
    the words of the speaker the lead named; else None."""
    following = _following(ranked)
    return following if following is not None and _QUOTE_OPENS.match(following.hit.sentence.text) else None


# "what has helped revive the Nasdaq's fortunes?": the doer of a deed is asked (its verb, then the word after it)
_DOER_ASKED = re.compile(r"^\s*(?:and\s+)?what\s+(?:has\s+|have\s+|had\s+)?([a-z]+ed|put|hit|cut|led|brought|kept|set)\s+"
                         r"(?:(?:the|a|an|its|their)\s+)?"
                         r"([a-z]{3,})\b", re.I)
DOER_SLACK = 0.5  # (`_doer_first`) how much lower the sentence naming the doer may score
DEED_SLACK = 1.1  # … when it says the deed in the question's words ("have put a strain on the economy")
DOER_WINDOW = 4  # … and how far down the ranking it may be


def _doer_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"What has helped revive the Nasdaq's fortunes?": a sentence of the best story nearly as good that says the
    deed after its doer ("A recovery in the fortunes of tech giants such as Intel … has helped revive its fortunes")
    leads over one that does not say the deed ("It was the most potent symbol of the boom, nose-diving after the
    bubble burst")."""
    m = _DOER_ASKED.match(query.text)
    if m is None or not ranked:
        return ranked
    verb, thing = re.escape(m.group(1).lower()), re.escape(m.group(2).lower())
    deed = compiled(rf"\S\s+{verb}\s+(?:[\w'’-]+\s+){{0,2}}?{thing[:5]}", re.I)
    whole = compiled(rf"\S\s+{verb}\s+(?:(?:the|a|an|its|their)\s+)?{thing}\b", re.I)
    return _said_in_story_first(_said_in_story_first(ranked, whole.search, DOER_WINDOW, DEED_SLACK), deed.search,
                                DOER_WINDOW, DOER_SLACK)


# Questions asked in a phrase the answering sentence writes in its own form, and how far down the ranking (and how much
# lower) that sentence of the lead's story may be: "how had those trusts been marketed?" is answered by "Splits were
# marketed as a low-risk way …"; "at what expense … has the growth been achieved?" by "… achieved at the expense of
# creating major 'imbalances'"
_MANNER_ASKED = re.compile(r"^\s*(?:and\s+)?how\s+(?:had|has|have|was|were|is|are)\s+(?:[\w'’-]+\s+){1,5}?(?:been\s+)?"
                           r"([a-z]{3,})\s*\??\s*$", re.I)
_AT_WHAT_COST = re.compile(r"^\s*(?:and\s+)?at\s+what\s+(cost|expense)\b", re.I)
AT_COST_WINDOW = 6  # how far down the ranking the sentence saying what it came at the cost of may be
AT_COST_SLACK = 1.5  # … and how much lower it may score (the question's own phrase: "at the expense of")


def _phrase_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """A lead that does not write the question's phrase (`_MANNER_ASKED`: "The FSA has been investigating whether
    investors were misled …"; `_AT_WHAT_COST`: "Deloitte said the UK economy had enjoyed a 'golden period' …") yields
    to the sentence of its story, nearly as good, that does ("Splits were marketed as …", "… at the expense of …")."""
    if not ranked:
        return ranked
    m = _MANNER_ASKED.match(query.text)
    if m is not None and (m.group(1).lower().endswith("ed") or m.group(1).lower() in _IRREGULAR_FORMS):
        done = compiled(rf"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?{re.escape(m.group(1).lower())}\b", re.I)
        return _said_in_story_first(ranked, done.search, DOER_WINDOW, DEED_SLACK)
    m = _AT_WHAT_COST.match(query.text)
    if m is not None:
        said = compiled(rf"\bat\s+(?:the|a|an)\s+(?:[a-z-]+\s+)?{m.group(1).lower()}\s+of\b", re.I)
        return _said_in_story_first(ranked, said.search, AT_COST_WINDOW, AT_COST_SLACK)
    return ranked


# "how many flights did US Airways cancel on each day of the weekend?": a figure for each of several days (or months,
# years) asked; a sentence giving figures day by day ("65 flights on Thursday, 180 on Friday, 140 on Saturday …")
_EACH_PERIOD_ASKED = re.compile(r"\b(?:on|in|for|during)\s+each\s+(?:day|month|year|week|quarter)\b", re.I)
_FIGURE_ON_DAY = re.compile(r"\d[\d,.]*%?\s+(?:[a-z]+\s+)?(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                            r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
                            r"December|(?:19|20)\d\d)\b")
EACH_PERIOD_WINDOW = 4  # (`_each_period_first`) how far down the ranking the sentence giving them may be
EACH_PERIOD_SLACK = 1.0  # … and how much lower it may score


def _each_period_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How many flights did US Airways cancel on each day of the Christmas holiday weekend?": a lead giving one total
    ("Altogether, some 1,100 flights were cancelled over the holiday long weekend") yields to a sentence of its story
    nearly as good giving a figure for each day ("… cancel approximately 65 flights on Thursday, 180 on Friday, …")."""
    if not ranked or not _EACH_PERIOD_ASKED.search(query.text):
        return ranked

    def day_by_day(text: str) -> bool:
        return len(_FIGURE_ON_DAY.findall(text)) >= 2

    return _nearly_as_good_first(ranked, day_by_day, EACH_PERIOD_WINDOW, EACH_PERIOD_SLACK, entity_slack=1.0)


NAMED_DOER_WINDOW = 6  # (`_named_doer_first`) how far down the ranking the sentence naming the doer may be
NAMED_DOER_SLACK = 0.8  # … and how much lower it may score
# "what would the costs of Turkish EU membership include?": what a thing takes in, asked by its verb
_MAKEUP_ASKED = re.compile(r"\b(?:include|includes|included|involve|involves|comprise|comprises|cover|covers|consist\s+of)"
                           r"\s*\??\s*$", re.I)
_MAKEUP_SAID = re.compile(r"\b(?:include|includes|included|including|involve|involves|involved|comprise|comprises|"
                          r"comprised|cover|covers|covered|consists?\s+of|consisted\s+of)\b", re.I)


def _makeup_given_next(query: Query, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(What a thing includes, asked) a lead naming the thing but not what it includes ("Costs are projected to be vast
    during the early years of Turkey's membership …") is followed in its story by a sentence going on from it that
    does ("This would include vast agricultural subsidies and regional aid …"): that one leads."""
    if not ranked or not _MAKEUP_ASKED.search(query.text) or _MAKEUP_SAID.search(ranked[0].hit.sentence.text):
        return ranked
    following = _stored_beside(ranked[0], store, 1)
    if following is None or not ANAPHOR.match(following.text) or not _MAKEUP_SAID.search(following.text):
        # (or a sentence of its story nearly as good saying what the thing covers: "The new rules will apply to all
        # scheduled and charter flights, including budget airlines", asked which kinds of flights the rules cover; not
        # for an amount, "how much of the settlement will their insurers cover?")
        if query.kind == "figure" or _HOW_MUCH.match(query.text) or _HOW_MANY.match(query.text):
            return ranked
        return _said_in_story_first(ranked, _COVERED_SAID.search, MAKEUP_WINDOW, MAKEUP_SLACK)
    return _led_by_stored(following, ranked, store)


MAKEUP_WINDOW = 5  # (`_makeup_given_next`) how far down the ranking a sentence of the story saying what is covered may be
MAKEUP_SLACK = 0.5  # … and how much lower it may score
_COVERED_SAID = re.compile(rf"{_MAKEUP_SAID.pattern}|\bappl(?:y|ies|ied)\s+to\b", re.I)


# "whose shares in Cegetel was Vivendi weighing up buying?": the owner of a thing asked
_WHOSE_ASKED = re.compile(r"^\s*(?:and\s+)?whose\s+([a-z]{3,})\b", re.I)
WHOSE_WINDOW = 4  # (`_owner_named_first`) how far down the ranking the sentence naming the owner may be
WHOSE_SLACK = 0.6  # … and how much lower it may score


def _owner_named_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Whose shares in Cegetel was Vivendi reportedly weighing up buying …?": a lead speaking of the thing without its
    owner ("the decision to buy the Cegetel shares …") yields to a sentence of its story about as good that names
    whose it is ("… its right to buy British Telecom's shares in Cegetel")."""
    m = _WHOSE_ASKED.match(query.text)
    if m is None or not ranked:
        return ranked
    thing = re.escape(m.group(1).lower()[:5])
    owned = compiled(rf"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?i:{thing})")
    if owned.search(ranked[0].hit.sentence.text):
        return ranked
    return _said_in_story_first(ranked, owned.search, WHOSE_WINDOW, WHOSE_SLACK)


# "which carmaker has led the US hybrid market so far?": a doer of a kind asked, by its deed
_WHICH_DOER_ASKED = re.compile(r"^\s*(?:and\s+)?which\s+[a-z]+\s+(?:has|have|had)\s+([a-z]{3,})\s+(?:the\s+|its\s+|their\s+)?"
                               r"((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)


def _named_doer_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Which carmaker has led the US hybrid market so far?": a sentence of the best story nearly as good in which a
    name does the deed to its thing ("Toyota has led the market to date with the Prius") leads over one naming no doer
    ("Carmakers are starting to build hybrid sports utility vehicles …"): it names the one asked for."""
    m = _WHICH_DOER_ASKED.match(query.text)
    if m is None or not ranked:
        return ranked
    things = [w.lower()[:5] for w in m.group(2).split() if len(w) >= 4 and w.islower()]
    if not things:
        return ranked
    deed = compiled(rf"\b[A-Z][\w&'’-]*\s+(?:has\s+|have\s+|had\s+)?{re.escape(m.group(1).lower())}\s+"
                    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{'|'.join(map(re.escape, things))})")
    if deed.search(ranked[0].hit.sentence.text):
        return ranked
    return _said_in_story_first(ranked, deed.search, NAMED_DOER_WINDOW, NAMED_DOER_SLACK)


# "by how much did ThyssenKrupp's shares drop …?", "how far did Nortel's shares fall?": the size of a change asked
_CHANGE_SIZE_ASKED = re.compile(r"\bby\s+how\s+much\b|\bhow\s+(?:much|far)\s+(?:did|have|has|had|do|does|will|would)\b", re.I)
MOVE_WINDOW = 4  # (`_own_move_first`) how far down the ranking the sentence of the story giving the move may be
MOVE_SLACK = 1.0  # … and how much lower it may score


def _own_move_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"By how much did ThyssenKrupp's shares drop after the iron ore price deal?": a lead naming the fall with no
    figure of its own ("Shares in ThyssenKrupp, Corus and Arcelor fell while … agreed to pay 72% more …") yields to a
    sentence of its story nearly as good giving the named one's move with its size ("… with ThyssenKrupp dropping 1.7%
    to 16.87 euros")."""
    if not ranked or not focus.direction or focus.measure != "shares" or len(focus.display) != 1 or country_of(
            focus.display[0]) or not _CHANGE_SIZE_ASKED.search(query.text):
        return ranked  # (a move of a firm's shares: "UK house prices increased by 1.1%" is no move of "UK exports")
    verbs = (_FALL if focus.direction == "fall" else _RISE).pattern
    moved = compiled(rf"(?<![\w-]){re.escape(focus.display[0])}(?:['’]s)?(?:\s+shares?)?\s+(?:[\w-]+\s+){{0,2}}?"
                     rf"(?:{verbs})\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?[$£€]?\d", re.I)
    top = ranked[0]
    if moved.search(top.hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, moved.search, MOVE_SLACK, MOVE_WINDOW)


# What is new asked: "how much new investment has BMW announced …?", "what has it just announced?"
_NEW_ASKED = re.compile(r"\b(?:new|fresh|latest|announced|announces|announcing)\b", re.I)
# A sentence giving the state before the news: "Before Wednesday's announcement, BMW had invested some £280m …"
_BEFORE_THE_NEWS = re.compile(r"^\s*(?:before|prior\s+to|until)\b[^,]{0,60},", re.I)
# … and one giving the news: "… has announced £100m of new investment"
_NEWS_SAID = re.compile(r"\b(?:new|fresh|announced|announces|unveiled|unveils)\b", re.I)
NEWS_WINDOW = 3  # (`_news_first`) how far down the ranking the sentence of the story giving the news may be
NEWS_SLACK = 1.0  # … and how much lower it may score


def _news_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"How much new investment has BMW announced for Mini production in Oxford?": a lead giving the state before the
    news ("Before Wednesday's announcement, BMW had invested some £280m in Mini production") yields to the sentence of
    its story giving the news with its amount ("… BMW has announced £100m of new investment")."""
    if not ranked or not focus.measure or not _NEW_ASKED.search(main_clause(query.text)) or not _BEFORE_THE_NEWS.match(
            ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: bool(_NEWS_SAID.search(text) and _figure_in(text)
                                                           and not _BEFORE_THE_NEWS.match(text)), NEWS_SLACK, NEWS_WINDOW)


ROLE_SAID_WINDOW = 3  # (`_role_said_first`) how far down the ranking the sentence giving the role asked may be
ROLE_SAID_SLACK = 0.5  # … and how much lower it may score


def _role_said_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"Who is the finance chief at Qantas?": a lead giving no such role ("… quoted Qantas chief executive Geoff Dixon
    as saying") yields to a sentence nearly as good that gives it ("… said chief financial officer Peter Gregg")."""
    if not ranked or query.kind != "person" or not focus.role or ranked[0].attribute or ranked[0].conflict:
        return ranked
    top = ranked[0]
    return led_by(next((r for r in ranked[1:ROLE_SAID_WINDOW] if r.attribute and not r.conflict and r.entity >= 0.8
                        and r.score >= top.score - ROLE_SAID_SLACK), None), ranked)


ROLE_HOLDER_WINDOW = 10  # (`_role_holder_named_first`) how far down the ranking the sentence naming the holder may be
# A role asked in several words ("which Marsh senior vice president …?"): the lower-case words of the role
_ROLE_ASKED = re.compile(r"^\s*(?i:and\s+)?(?i:which)\s+(?:[\w'’&.-]+\s+){0,2}?((?:[a-z-]+\s+){1,2}(?:president|"
                         r"director|officer|manager|executive|partner|adviser|advisor|editor|counsel))\b(?!['’])")


# Someone named in full or by title, not as the owner of something ("Jim Cantalupo", "Mr Bell"; not "Mr Spitzer's
# office")
_SOMEONE_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\"“])\b[A-Z][a-z]+\s+[A-Z][a-z-]+\b(?!['’])")


def _role_holder_named_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Which Marsh senior vice president admitted …?": when the leading sentence names nobody ("the Marsh executive
    admitted he instructed …"), the sentence of its story naming the holder of the very role asked
    ("… said senior vice president Robert Stearns had pleaded guilty") leads."""
    m = _ROLE_ASKED.match(query.text)
    if m is None or not ranked or _SOMEONE_NAMED.search(ranked[0].hit.sentence.text):
        return ranked  # (a lead naming someone may well name the holder: "… predecessor, Jim Cantalupo, …")
    role = r"\s+".join(map(re.escape, m.group(1).split()))
    holder = compiled(rf"\b{role}\s+(?:[A-Z][\w'’.-]*\s+){{0,2}}[A-Z][\w'’-]+|[A-Z][\w'’-]+,\s+(?:the\s+)?"
                      rf"(?:[\w&'’-]+\s+){{0,3}}?{role}\b")
    return _said_in_story_first(ranked, holder.search, ROLE_HOLDER_WINDOW, None)


# "when did BSkyB buy its stake …?": the named doer, then the deed whose time is asked
_DEED_ASKED = r"^\s*(?:and\s+)?when\s+(?:did|does|do|has|have|had|will|would|is|was)\s+(?:the\s+)?"


def _deed_after_doer_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"When did BSkyB buy its stake in Sunderland?": a sentence of the best story nearly as good that says the deed
    after the doer asked, with a date ("BSkyB bought its stake in Sunderland in 1999"), leads over one where the doer
    is only the one the deed is done to ("Mr Murray agreed to buy BSkyB's 4.76% holding")."""
    done = _deed_of_doer(query, focus, _DEED_ASKED) if ranked else None
    if done is None:
        return ranked
    return _said_in_story_first(ranked, lambda text: _CALENDAR.search(text) is not None and done(text), DOER_WINDOW,
                                DOER_SLACK)


def _deed_forms(verb: str, *, any_verb: bool = False) -> frozenset[str]:
    """The stems of a verb's forms ("name": "named", "names" …), to find the deed a question asks in a sentence;
    empty for a word with no stem, or (unless `any_verb`) for one that asks no deed ("has", "is", "says")."""
    stem = stems(verb)
    if not stem or (stem[0] in _NOT_DEEDS and not any_verb):
        return frozenset()
    return frozenset({stem[0]}) | _FORMS.get(stem[0], frozenset())


def _deed_of_doer(query: Query, focus: Focus, opening: str) -> Callable[[str], bool] | None:
    """Whether a sentence says the deed the question asks of its first entity, after that entity ("BSkyB bought …",
    asked "when did BSkyB buy …?" with `opening` the words before the name); None when the question asks no deed so."""
    if not focus.entities:
        return None
    for name in sorted(set(focus.names_of(0)), key=len, reverse=True):
        m = compiled(rf"{opening}{re.escape(name)}\s+([a-z]{{3,}})\b(?!['’])", re.I).match(query.text) if name else None
        if m is not None:
            break
    else:
        return None
    deeds = _deed_forms(m.group(1))
    if not deeds or m.group(1).lower() in FUNCTION_WORDS:
        return None  # ("why did the EU and US …": no deed after "EU"; "the MCI shareholder's lawsuit": a noun)
    after = compiled(rf"(?<![\w&]){re.escape(name)}\s+((?:[a-z]+\s+){{0,2}}?[a-z]+)", re.I)
    return lambda text: any(set(stems(a.group(1))) & deeds for a in after.finditer(text))


# "how many executives did Scott Sullivan name as …?": a count of what the doer's act took in
_COUNT_DEED = re.compile(r"^\s*(?i:(?:and\s+)?how\s+many\s+(?:[\w'’-]+\s+){0,2}?(?P<counted>[\w'’-]+)\s+"
                         rf"(?:did|does|do|has|have|had|will|would)\s+(?:(?:the|{_TITLES})\.?\s+)?)"
                         r"(?:[A-Z][\w'’&.-]*\s+){0,3}(?P<doer>[A-Z][\w'’&.-]*)\s+(?P<verb>[a-z]{3,})\b")


def _counted_deed_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How many executives did Scott Sullivan name as taking part in the fraud?": a sentence of the best story nearly
    as good saying the doer did the act ("Mr Sullivan named Mr Ebbers as one of five executives who participated …")
    leads over one saying neither ("Mr Sullivan, one of six WorldCom executives indicted …")."""
    m = _COUNT_DEED.match(query.text)
    if not ranked or m is None or m.group("verb") in FUNCTION_WORDS:
        return ranked
    deeds = _deed_forms(m.group("verb"))
    if not deeds:
        return ranked
    after = compiled(rf"(?<![\w&]){re.escape(m.group('doer'))}\s+((?:[a-z]+\s+){{0,2}}?[a-z]+)")
    counted = compiled(rf"\b{re.escape(m.group('counted'))}\b", re.I)

    def done(text: str) -> bool:
        return any(set(stems(a.group(1))) & deeds for a in after.finditer(text))

    if done(ranked[0].hit.sentence.text):
        return ranked
    # (of any story, however surely about the names: another report of the same event, a trial's second day)
    return _nearly_as_good_first(ranked, lambda text: done(text) and counted.search(text), DOER_WINDOW, DOER_SLACK,
                                 entity_slack=1.0)


# "why is the sale seen as significant?": how a thing is seen, asked; "what makes the plant different from …?": how
# it differs, asked; each with what a sentence says it by ("is seen as evidence of …", "… instead of …")
_SEEN_AS_ASKED = re.compile(r"\b(?:seen|regarded|viewed|considered)\s+as\b", re.I)
_SEEN_AS_SAID = re.compile(r"\b(?:is|are|was|were|being|been)\s+(?:\w+ly\s+)?(?:seen|regarded|viewed)\s+as\b", re.I)
_DIFFERENCE_ASKED = re.compile(r"\b(?:makes?|made)\s+(?:[\w'’-]+\s+){1,4}?(?:different|distinct|unusual|unique)\b|"
                               r"\bhow\s+(?:does|do|did|is|are)\s+(?:[\w'’-]+\s+){1,4}?(?:differ|different)\b", re.I)
_DIFFERENCE_SAID = re.compile(r"\b(?:instead\s+of|rather\s+than|unlike|whereas|differs?\s+from|different\s+from)\b",
                              re.I)
SAID_SO_SLACK = 1.1  # (`_said_so_first`) how much lower the sentence saying it so may score


def _said_so_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Why is the sale of the Bank of Alexandria seen as significant?": a sentence of the best story saying how the
    thing is seen ("The move is seen as evidence of a new commitment …") leads over one telling of the sale; "what
    makes the hoodia plant different from …?": one setting it against others ("… curbs appetite instead of …")."""
    if not ranked:
        return ranked
    for asked, said in ((_SEEN_AS_ASKED, _SEEN_AS_SAID), (_DIFFERENCE_ASKED, _DIFFERENCE_SAID)):
        if asked.search(query.text):
            return _said_in_story_first(ranked, said.search, DOER_WINDOW + 1, SAID_SO_SLACK)
    return ranked


# "whom does Lufthansa not plan to pursue …?": a deed asked in the negative (the verb after the "not")
_NOT_ASKED = re.compile(r"\b(?:not|never|n['’]t)\s+(?:(?:yet|also|even)\s+)?([a-z]{3,})\b", re.I)


def _negative_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Whom does Lufthansa not plan to pursue …?": a sentence of the best story nearly as good saying the deed in the
    negative too ("… the company did not plan to pursue Germany's air traffic controllers …") leads over one saying
    what it may do ("Lufthansa may sue federal agencies …")."""
    m = _NOT_ASKED.search(query.text)
    if not ranked or m is None or m.group(1).lower() in FUNCTION_WORDS:
        return ranked
    deeds = _deed_forms(m.group(1), any_verb=True)
    if not deeds:
        return ranked
    said = compiled(r"\b(?:not|never|n['’]t)\s+(?:(?:yet|also|even|be|been|have|to)\s+)*([a-z]{3,})\b", re.I)
    return _said_in_story_first(ranked, lambda text: any(set(stems(n.group(1))) & deeds for n in said.finditer(text)),
                                DOER_WINDOW, DOER_SLACK)


# "why did Lord Browne reject calls for …?", "on what grounds did …": the doer, then the act whose reasons are asked
_ACT_WHY = (r"^\s*(?:and\s+)?(?:why|on\s+what\s+(?:grounds?|basis))\s+(?:did|does|do|has|have|had|would)\s+"
            rf"(?:(?:the|{_TITLES})\.?\s+)?")
# the reason given with the act: "…, saying that in the North Sea it paid more tax …"
_REASON_GIVEN = re.compile(r",\s*(?:saying|arguing|claiming|insisting|explaining)\b", re.I)


def _act_with_reason_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"On what grounds did Lord Browne reject calls for a windfall tax?": a sentence of the best story nearly as good
    that says the act after its doer with the reason given ("Lord Browne rejected calls for a windfall tax …, saying
    that …") leads over one that says neither ("Lord Browne pointed out that BP was reaping the benefits …")."""
    done = _deed_of_doer(query, focus, _ACT_WHY) if ranked and focus.why else None
    if done is None or done(ranked[0].hit.sentence.text):
        return ranked
    return _said_in_story_first(ranked, lambda text: bool(_REASON_GIVEN.search(text) or cause_grade(text) >= 2)
                                and done(text), DOER_WINDOW, DOER_SLACK)


_NOT_DEEDS = frozenset(stems("be have do get say"))  # (a doer "has", "is", "says": no deed to find)


# "until then, how can foreigners trade in Gazprom?": the means of doing something asked
_MEANS_ASKED = re.compile(r"^\s*(?:(?:and|but|so)\s+)?(?:[^,?]{1,30},\s*)?how\s+(?:can|could|do|does|did|will|would|may|"
                          r"might|is|are|was|were)\s+(?!(?:it|that|this)\s+(?:compare|work)\b)", re.I)
_MEANS_SAID = re.compile(r"(?<=\w\s)(?:via|by\s+means\s+of|by\s+(?!far\b)[a-z]+ing|using|through\s+(?:a|an|the|its|"
                         r"their))\b", re.I)  # (after the deed: an opening "By opening up trading …" is another's means)
MEANS_SLACK = 0.5  # (`_means_given_first`) how much lower the sentence giving a means may score
MEANS_WINDOW = 5  # … and how far down the ranking it may be


def _means_given_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How can foreigners trade in Gazprom?": among the best story's sentences saying about as much, one giving a
    means ("… can only trade in Gazprom via a small issue of London-listed proxy shares") leads over one that gives
    none ("The state wanted to control Gazprom before allowing foreigners to trade")."""
    if not ranked or not _MEANS_ASKED.match(query.text) or _HOW_COMPARED.match(query.text):
        return ranked
    top = ranked[0]
    if _MEANS_SAID.search(top.hit.sentence.text):
        return ranked
    return led_by(next((r for r in ranked[1:MEANS_WINDOW] if r.hit.article.id == top.hit.article.id and not r.conflict
                        and r.hit.coverage >= top.hit.coverage and r.hit.detail >= top.hit.detail
                        and r.score >= top.score - MEANS_SLACK and _MEANS_SAID.search(r.hit.sentence.text)), None), ranked)


# "can Brazil's government challenge the award?": whether someone can do a thing, asked yes or no
_CAN_ASKED = re.compile(r"^\s*(?:and\s+)?(?:can|could|may|might)\s+\S", re.I)
_MODAL_DEED = re.compile(r"\b(?:can|could|may|might)\s+(?:(?:still|also|not|now|yet)\s+)?([a-z]{3,})\b", re.I)
CAN_WINDOW = 6  # (`_can_said_first`) how far down the ranking the sentence saying what can be done may be
CAN_SLACK = 1.5  # … and how much lower it may score


def _can_said_first(query: Query, ranked: list[Ranked], retriever: Retriever) -> list[Ranked]:
    """"Can Brazil's government challenge the court award to Varig?": a sentence of the best story saying who can do
    the thing asked, in its words or retrieval's alternatives for them ("But the government can appeal the
    decision"), leads over the one telling of the award."""
    if not ranked or not _CAN_ASKED.match(query.text):
        return ranked  # (retrieval's alternatives are read only for such a question)
    deeds = set(stems(" ".join(query.terms))) | {w for found in retriever.query_words(query)[1].values() for w in found}
    deeds -= set(stems(" ".join(query.names)))

    def says(text: str) -> bool:
        return any(set(stems(m.group(1))) & deeds for m in _MODAL_DEED.finditer(text))

    return _said_in_story_first(ranked, says, CAN_WINDOW, CAN_SLACK)


# "what was Anthony Elgindy doing in the market before …?": what someone was busy with
_DOING_ASKED = re.compile(r"^\s*(?:and\s+)?what\s+(?:was|were|is|are|had)\s+.+?\s+(?:been\s+)?doing\b", re.I)


def _doing_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"What was Anthony Elgindy doing in the market before the attacks?": a sentence of the best story saying what
    he was busy with ("Mr Elgindy had been trying to sell stock prior to the attack") leads over one saying what others
    claimed of him."""
    if not ranked or not focus.entities or not _DOING_ASKED.match(query.text):
        return ranked
    surnames = {n.split()[-1] for n in focus.names_of(0) if n}
    busy = compiled(r"(?<![\w&])(?:" + "|".join(sorted(map(re.escape, surnames))) + r")\s+(?:had\s+been|has\s+been|was|"
                    r"were)\s+[a-z]+ing\b", re.I)
    return _said_in_story_first(ranked, busy.search, DOER_WINDOW, None)  # (what he was doing, in his story: any score)


def _said_in_story_first(ranked: list[Ranked], gives: Callable[[str], object], window: int,
                         slack: float | None) -> list[Ranked]:
    """The ranking led by a sentence of the best story that `gives` what is asked (among the first `window`, scoring
    at most `slack` lower when a slack is given), when the leading sentence does not; else as it was."""
    if gives(ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, gives, math.inf if slack is None else slack, window)


# A route said: "from the Bulgarian port of Varna, across Macedonia, to the Albanian port of Durres"
_ROUTE_SAID = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?[A-Z][\w'’-]+[^.;]{0,120}?\bto\s+(?:the\s+)?"
                         r"(?:[\w-]+\s+){0,4}?[A-Z][\w'’-]+")
# "how long will the pipeline be?", "how long is the bridge?": a length is asked, not a time
_LENGTH_ASKED = re.compile(r"^\s*(?:and\s+)?how\s+long\s+(?:is|was|will|would)\b(?:.*\bbe\s*\??\s*$|(?!.*\b(?:take|last|"
                           r"stay|remain|been|be\s+\w+ing)\b).*$)", re.I)
_LENGTH_SAID = re.compile(r"\d[\d,.]*[\s-]?(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\b", re.I)


# "how quickly was the share offer sold?", "how soon will …": the time something took is asked …
_SPEED_ASKED = re.compile(r"^\s*(?:and\s+)?how\s+(?:quickly|soon)\b", re.I)
# … and a sentence gives one: "fully sold within 10 minutes", "in just two days", "in under an hour"
_SPEED_SAID = re.compile(r"\b(?:within|in(?:\s+(?:just|only|under|less\s+than))?)\s+(?:\d+|a|an|one|two|three|four|five|"
                         r"six|seven|eight|nine|ten|a\s+few|several)\s+(?:seconds?|minutes?|hours?|days?|weeks?)\b", re.I)


def _speed_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How quickly was Jet Airways' share offer fully sold?": a sentence of the best story saying how long it took
    ("… was fully sold within 10 minutes of opening") leads over one saying only that it sold."""
    if not ranked or not _SPEED_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, _SPEED_SAID.search, EVIDENCE_SIZE, None)


# A thing's own name given (`NAME_ASKED` asks it): "GW Pharma's Sativex mouth spray", "a drug called Zelnorm"
_NAME_GIVEN = re.compile(r"(?:['’]s|\bcalled|\bnamed|\bknown\s+as|\bbrand(?:ed)?)\s+([A-Z][\w-]+)")


def _name_given_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"What is the name of GW Pharma's cannabis drug?": a best sentence naming nothing new ("… the first time a
    cannabis-based drug has been approved …") yields to the sentence of its story that gives a name the question
    does not ("Now, GW Pharma's Sativex mouth spray could be …")."""
    if not ranked or not NAME_ASKED.search(query.text):
        return ranked
    asked = {w.lower() for w in re.findall(r"[\w-]+", query.text)}

    def gives(text: str) -> bool:
        return any(m.group(1).lower() not in asked for m in _NAME_GIVEN.finditer(text))

    return _said_in_story_first(ranked, gives, EVIDENCE_SIZE, None)


# "what was the manager trying to achieve by paying the official?", "what is the aim of …": a purpose is asked …
_PURPOSE_ASKED = re.compile(r"\b(?:trying|tried|try|tries|hoping|hoped|hope|hopes|seeking|sought|aiming|aimed|want(?:s|ed)?)\s+"
                            r"to\s+(?:achieve|gain|accomplish|get\s+out\s+of)\b|\bwhat\s+(?:is|was|were|are)\s+(?:the|its|their|his|"
                            r"her)\s+(?:aim|purpose|goal|object|objective)\s+(?:of|in|behind)\b|\bfor\s+what\s+purpose\b", re.I)
# … and a sentence gives one: "paid the official … in a bid to avoid environmental impact studies"
_PURPOSE_SAID = re.compile(r"\bin\s+(?:a\s+bid|an\s+(?:attempt|effort)|order)\s+to\b|\bso\s+as\s+to\b|\bwith\s+the\s+aim\s+of\b|"
                           r"\bin\s+the\s+hope\s+of\b|\baimed\s+at\s+\w+ing\b|\bdesigned\s+to\b", re.I)


def _purpose_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"What was the Monsanto manager trying to achieve by paying the Indonesian official?": a best sentence saying
    only what was done ("… agreed to pay a $1.5m fine for bribing an Indonesian official") yields to the sentence of its
    story giving the purpose ("… paid the senior official … in a bid to avoid environmental impact studies …")."""
    if not ranked or not _PURPOSE_ASKED.search(query.text):
        return ranked
    return _said_in_story_first(ranked, _PURPOSE_SAID.search, EVIDENCE_SIZE, None)


# "where does US Airways rank among American carriers?", "what rank …": a place in an order is asked
_RANK_ASKED = re.compile(r"\b(?:where|how\s+high|how\s+low)\s+(?:does|did|do|is|was)\b[^?]*\brank(?:s|ed)?\b|"
                         r"\bwhat\s+(?:rank|position|place)\b", re.I)
# … and a place given: "the seventh-largest US airline", "ranked third", "the 2nd biggest"
_RANK_SAID = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[\s-]"
                        r"(?:largest|biggest|smallest|busiest|richest|most|best|worst)\b|\branked\s+(?:\w+\s+)?(?:\d+"
                        r"(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)
RANK_WINDOW = 6  # (`_rank_given_first`) how far down the ranking a sentence giving the place may be
RANK_SLACK = 0.3  # … and how much lower it may score


def _rank_given_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Where does US Airways rank among American carriers?": a lead about the firm that gives no place in an order
    yields to a sentence about it as surely, nearly as good, that gives one ("… US Airways, the seventh-largest US
    airline")."""
    if not ranked or not _RANK_ASKED.search(query.text):
        return ranked
    return _nearly_as_good_first(ranked, _RANK_SAID.search, RANK_WINDOW, RANK_SLACK)


def _length_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How long will the Balkan oil pipeline … be?": a sentence of the best story giving a length ("The 912km
    pipeline will run from …") leads over one giving none ("… has given the go ahead for the construction of a
    $1.2bn oil pipeline")."""
    if not ranked or not _LENGTH_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, _LENGTH_SAID.search, EVIDENCE_SIZE, None)


SPAN_WINDOW = 6  # (`_span_first`) how far down the ranking the sentence giving a stretch of time may be
SPAN_SLACK = 1.0  # … and how much lower it may score


# "over what period did Pipa conduct the poll?": the dates something ran between are asked
_PERIOD_ASKED = re.compile(r"\b(?:over|during|in|for|across)\s+what\s+(?:period|dates|span|stretch)\b|"
                           r"\bbetween\s+(?:which|what)\s+dates\b", re.I)
_WHEN_WORD = (r"(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|"
              r"December)\b|(?:19|20)\d\d\b")
# … and two dates given as its ends: "from 15 November 2004 to 3 January 2005", "between May and July"
_PERIOD_SAID = re.compile(rf"\b(?:from|between)\s+(?:{_WHEN_WORD})[^.;]{{0,30}}?\b(?:to|and|until|till)\s+"
                          rf"(?:{_WHEN_WORD})")
PERIOD_WINDOW = 4  # (`_period_first`) how far down the ranking the sentence giving the dates may be
PERIOD_SLACK = 0.5  # … and how much lower it may score


def _period_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Over what period did Pipa conduct the poll?": a sentence of the best story giving the dates it ran between
    ("Pipa conducted the poll from 15 November 2004 to 3 January 2005 …") leads over one giving none."""
    if not ranked or not _PERIOD_ASKED.search(query.text):
        return ranked
    return _said_in_story_first(ranked, _PERIOD_SAID.search, PERIOD_WINDOW, PERIOD_SLACK)


# "what does the government name as its main economic problems?": the things asked, by the word the question gives
_NAMED_AS = re.compile(r"\b(?:name|names|named|see|sees|cite|cites|list|lists|give|gives|identify|identifies|regard|"
                       r"regards|describe|describes)\s+as\s+(?:its|their|his|her|the)\s+(?:[a-z-]+\s+){0,3}"
                       r"([a-z]{4,}s)\s*\?*\s*$", re.I)
NAMED_AS_WINDOW = 4  # (`_named_as_first`) how far down the ranking the sentence saying the word may be
NAMED_AS_SLACK = 0.3  # … how much lower it may score
NAMED_AS_ENTITY = 0.25  # … and how much less surely it may be about the question's names ("The government's …")


def _named_as_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"What does the South Korean government name as its main economic problems?": a lead never saying problems ("The
    South Korean government owns 51.4% of KFB …") yields to a sentence nearly as good that does ("The government's
    main problems are "slumping consumption and …""): the question says what kind of thing it asks for."""
    m = _NAMED_AS.search(query.text) if ranked else None
    if m is None:
        return ranked
    said = re.compile(rf"\b{re.escape(m.group(1)[:-1])}s?\b", re.I)  # ("problems", "problem")
    return _nearly_as_good_first(ranked, said.search, NAMED_AS_WINDOW, NAMED_AS_SLACK, NAMED_AS_ENTITY)


# "since when has Mitsubishi been making cars for Nissan?": the start of something still going on is asked
_SINCE_ASKED = re.compile(r"\s*(?:and\s+)?since\s+when\b", re.I)
# … and a start given: "since 2003", "since last April", "since early 2004"
_SINCE_SAID = re.compile(rf"\bsince\s+(?:(?:early|late|mid-?|last)\s*)?(?:{_WHEN_WORD})", re.I)
# … or a clause saying what began, and when: "since he first showed interest in the club in September 2003"
_SINCE_CLAUSE = re.compile(rf"{_SINCE_SAID.pattern}|\bsince\s+(?:[\w'’-]+\s+){{1,8}}?(?:in|on)\s+(?:{_WHEN_WORD})", re.I)
SINCE_WINDOW = 4  # (`_since_said_first`) how far down the ranking the sentence giving the start may be
SINCE_SLACK = 0.5  # … how much lower it may score
SINCE_ENTITY = 0.25  # … and how much less surely it may be about the question's names ("It has been making …")
SINCE_DEEP_WINDOW = 10  # (… or, saying two of the question's words besides its names, this far down)
SINCE_DEEP_SLACK = 1.2  # (… scoring this much lower)


def _since_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Since when has Mitsubishi Motors been making cars for Nissan?": a lead giving no start ("… speculation that
    Mitsubishi could end up building cars for … Nissan") yields to a sentence nearly as good that gives one ("It has
    been making cars for Nissan since 2003"), though it names the firm only as "it"."""
    if not ranked or not _SINCE_ASKED.match(query.text):
        return ranked
    near = _nearly_as_good_first(ranked, _SINCE_SAID.search, SINCE_WINDOW, SINCE_SLACK, SINCE_ENTITY)
    if near is not ranked or _SINCE_SAID.search(ranked[0].hit.sentence.text):
        return near
    # (further down, one giving a start to what the question says, in two of its words: "They have vehemently opposed
    # any proposed takeover by Glazer since he first showed interest in the club in September 2003")
    names = {st for n in query.names for st in stems(n)}
    asked = {st for st in stems(" ".join(query.terms)) if len(st) > 3} - names
    return _nearly_as_good_first(ranked, lambda text: _SINCE_CLAUSE.search(text) and len(asked & set(stems(text))) >= 2,
                                 SINCE_DEEP_WINDOW, SINCE_DEEP_SLACK, SINCE_ENTITY)


# "… against which other planemaker's aircraft?", "which other club …?": a firm other than the question's is asked
# "which bidder for MCI was thought to have offered more than Verizon?": a firm asked, set against one named
_COMPARED_FIRM_ASKED = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+(?:[\w'’-]+\s+){0,3}?(?:bidders?|firms?|"
                                  r"compan(?:y|ies)|"
                                  r"rivals?|suitors?|buyers?|banks?|groups?|airlines?|carriers?|makers?)\b.*"
                                  r"\b(?:more|higher|bigger|larger|better|less|lower|smaller)\s+(?:[a-z]+\s+)?than\s+", re.I)
_COMPARATIVE = re.compile(r"\b(?:more|higher|bigger|larger|better|less|lower|smaller|rival)\b", re.I)
_OTHER_FIRM_ASKED = re.compile(rf"\bwhich\s+other\s+(?:[a-z-]+\s+){{0,2}}?(?:{_FIRM_KINDS}|planemakers?|club|firms|"
                               r"companies|rivals?|bidders?|suitors?)\b", re.I)
OTHER_WINDOW = 6  # (`_other_named_first`) how far down the ranking the sentence naming another firm may be
OTHER_SLACK = 0.6  # … and how much lower it may score


def _span_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How long could the EU's investigation into Alitalia take?": a sentence of the best story giving a stretch of
    time ("The investigation could take up to 18 months") leads over the story's opening, which gives none."""
    if not ranked or not _HOW_LONG.match(query.text) or _LENGTH_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, SPAN.search, SPAN_WINDOW, SPAN_SLACK)


OWNER_SLACK = 1.0  # (`_owner_first`) how much lower the sentence giving the asked owner's measure may score


def _owner_first(focus: Focus, query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"How did AOL's underlying profit do in Time Warner's fourth quarter?": a lead sentence giving the measure as
    the other name's ("Time Warner's fourth quarter profits were …") gives way to one nearly as good giving it as the
    name's the question says ("… AOL's underlying profit before exceptional items rose 8%")."""
    if not ranked or len(focus.entities) < 2 or not focus.measure:
        return ranked
    asked = owner_of_measure(focus, query.text).lower()
    said = owner_of_measure(focus, ranked[0].hit.sentence.text).lower()
    if not asked or not said or asked in said or said in asked:
        return ranked
    top = ranked[0]
    return led_by(next((r for r in ranked[1:EVIDENCE_SIZE] if not r.conflict and r.score >= top.score - OWNER_SLACK
                        and asked in owner_of_measure(focus, r.hit.sentence.text).lower()), None), ranked)


def _cause_given_before(focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A why-question) a lead sentence telling the result of what the one before it said ("As a result, the 2.5
    billion people … face food insecurity") is led by that one, which gives the cause ("Trade barriers and
    subsidies severely distort the market …"), when it is among the candidates (`_story_causes` makes it one)."""
    if not focus.why or not ranked or not _AS_A_RESULT.match(ranked[0].hit.sentence.text):
        return ranked
    top = ranked[0].hit.sentence
    before = next((r for r in ranked[1:] if r.hit.sentence.article_id == top.article_id
                   and r.hit.sentence.position == top.position - 1 and not r.conflict), None)
    return led_by(before, ranked)


# A sentence opening with the result of the one before it
_AS_A_RESULT = re.compile(r"\s*(?:As\s+a\s+(?:result|consequence)|Consequently|Because\s+of\s+(?:this|that)|"
                          r"That\s+(?:means|has\s+meant)|This\s+(?:means|has\s+meant)|Thus|Hence|"
                          # "This has earned him the disapproval of …": what the one before said brought it about
                          r"(?:This|That)\s+(?:has\s+|had\s+)?(?:earned|cost|won|prompted|provoked|angered|sparked|"
                          r"triggered|caused|led|drawn|brought)\b)")


def _goes_on_with(ranked: list[Ranked], gives: Callable[[Ranked], bool], depth: int = EVIDENCE_SIZE) -> list[Ranked]:
    """The ranking led by the sentence right after the lead's, when it goes on from the lead ("It", "That move")
    and `gives` what the lead lacks (a date, a person, a cause); else as it was."""
    following = _following(ranked, depth)
    return led_by(following if following is not None and ANAPHOR.match(following.hit.sentence.text)
                  and gives(following) else None, ranked)


def _following(ranked: list[Ranked], depth: int = EVIDENCE_SIZE) -> Ranked | None:
    """The sentence right after the lead's in its story, when it is among the first `depth` and in scope."""
    top = ranked[0].hit.sentence
    return next((r for r in ranked[1:depth] if r.hit.sentence.article_id == top.article_id
                 and r.hit.sentence.position == top.position + 1 and not r.conflict), None)


def _date_given_next(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A when-question) a lead sentence giving no date ("But Ford declined to provide guidance for the first
    quarter.") is followed in its story by one that goes on from it and gives one ("It will do so at a
    presentation in New York on 26 January."): that one leads."""
    if query.kind != "date" or not ranked or _HOW_LONG.search(query.text) or _dated(ranked[0], query.text):
        return ranked
    return _goes_on_with(ranked, lambda r: _dated(r, query.text), DATE_WINDOW)


DATE_WINDOW = 8  # (`_date_given_next`) how far down the ranking the sentence giving the date may be


def _calendar_date_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A when-question about an entity) a lead sentence dating the event only from its own day ("… was arrested a
    year ago") yields to one about the entity as much, scoring up to `DATE_SLACK` less, that says the asked act
    and dates it on the calendar ("… following his arrest in October 2003")."""
    if query.kind != "date" or not focus.entities or not ranked or _HOW_LONG.search(query.text):
        return ranked
    top = ranked[0]
    if _dated(top, query.text, calendar=True):
        return ranked
    acts = {st for t in query.terms for st in stems(t) if st not in QUESTION_WORDS} - {
        st for i in range(len(focus.entities)) for n in focus.names_of(i) for st in stems(n)}
    if not acts:
        return ranked
    better = next((r for r in ranked[1:DATE_WINDOW] if r.score >= top.score - DATE_SLACK and r.entity >= top.entity
                   and not r.conflict and _dated(r, query.text, calendar=True)
                   and acts <= set(stems(r.hit.sentence.text))), None)
    return led_by(better, ranked)


DATE_SLACK = 0.6  # (`_calendar_date_first`) how much less a sentence dated on the calendar may score and lead


def _dated(r: Ranked, question: str, calendar: bool = False) -> bool:
    """Whether a sentence gives a date the question does not (not "the first quarter of 2005" it asks about); with
    `calendar`, one on the calendar (a month, a year: not "a year ago")."""
    return any(f.type == "date" and not f.attrs.get("period") and f.value.lower() not in question.lower()
               and (not calendar or _CALENDAR.search(f.value)) for f in r.hit.facts)


def _person_given_next(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A who-question) a lead sentence naming no person ("A delegation of European firms visited the SEC in
    December …") is followed in its story by one that goes on from it and names one ("It was led by Digby Jones
    …"): that one leads."""
    if query.kind != "person" or not ranked or ranked[0].attribute:
        return ranked
    return _goes_on_with(ranked, lambda r: r.attribute)


# "which Argentine leader … said …?": a person asked by a word for a leader, beside the roles `WHICH_PERSON` reads
_WHICH_LEADER = re.compile(r"^\s*(?:and\s+)?which\s+(?:[\w'’&.-]+\s+){0,3}?(?:leader|president|premier|boss|chief|head|"
                           r"tycoon|billionaire|businessman|businesswoman|entrepreneur|politician)s?\b", re.I)
# a sentence whose subject is the person the sentence before named: "But he added that his government …"
_HE_OPENS = re.compile(r"^(?:(?:But|And|However|Yet|Still)\s*,?\s+)?(?:he|she)\s+(?:also\s+)?[a-z]+(?:ed|s)\b")
# a person's name in a sentence: two or three capitalised words, possibly possessive ("Stephanie Villalba's")
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)*"  # ("Jean-Marie", "O'Neill")
_FULL_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?:['’]s)?\b")
# … opening a sentence as its speaker: how a story names the holder of a role it has just described ("Pranab
# Mukherjee said such companies could …" after "India's defence minister has opened …")
_SPEAKER_OPENS = re.compile(rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\s+(?:has\s+)?(?:said|says|told|added|announced|"
                            r"argued|warned|stressed|explained|insisted)\b")
# what, before a name, says it is someone else's role ("Boeing's chief Jim Smith", "analyst Jo Lee")
_OTHER_ROLE = re.compile(r"(?:chief|chairman|chairwoman|president|minister|analyst|economist|spokesman|spokeswoman|"
                         r"director|boss|head|manager|official|secretary|governor|founder|executive|adviser|advisor)\s*,?\s*$",
                         re.I)


# a title that is a role of its own, before a name: "President Lula", "Chairman Louis Schweitzer"
_HELD_TITLE = re.compile(r"President|Chancellor|Premier|Governor|Senator|Judge|Chairman|Chairwoman|Minister|Prince|King|"
                         r"Queen|General|Commissioner|Secretary|Director|Mayor|Sheikh|Emir")
# … or after it: "said Hans Goetti, a Singapore-based fund manager"
_APPOSED_ROLE = re.compile(r"\s*,\s+(?:a|an|the)\s")
# what between "which" and the role asked says the role is not the thing asked: "which currencies weakened as
# analysts warned …?" asks currencies
_NOT_THE_ASKED = re.compile(r"\b(?:as|that|who|when|while|after|before|because|if|[a-z]+ed)\b", re.I)


def _holder_named_beside(query: Query, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(A question asking which official, minister, leader … did something) a lead sentence giving the doer only by a
    role ("India's defence minister has opened the … air show", "A former executive … has lost her … case") is
    followed in its story by one naming a person ("Pranab Mukherjee said …", "… dismissed Stephanie Villalba's
    allegations"), or one saying it of "he" or "she" ("But he added that his government …") follows one naming a
    person ("Argentina's President, Nestor Kirchner, said …"): the sentence naming the person leads, the lead after
    it. Only a name the story holds as a person's, not the question's own, and not given another role."""
    which = WHICH_PERSON.search(query.text)
    if which is not None and _NOT_THE_ASKED.search(query.text, which.start() + len("which"), which.start(1)):
        which = None
    if not ranked or ranked[0].conflict or not (which or query.kind == "person" or _WHICH_LEADER.match(query.text)):
        return ranked
    top = ranked[0]
    text = top.hit.sentence.text
    facts = store.facts(top.hit.article.id)
    if any(f.type == "person" and not f.attrs.get("role_only") for f in top.hit.facts) or any(
            _a_person(m.group(1), facts) for m in _FULL_NAME.finditer(text)):
        return ranked  # (the lead names someone itself: "NUJ official Barry Fitzpatrick said …")
    asked = _words(query.text)
    beside: Sentence | None = None
    if _HE_OPENS.match(text) and top.hit.sentence.position > 1:
        before = _stored_beside(top, store, -1)
        people = {f.value for f in facts if f.type == "person" and not f.attrs.get("role_only")
                  and before is not None and before.id in f.sentence_ids}
        if len(people) == 1 and not _words(next(iter(people))) & asked:
            beside = before
    elif which is not None and re.search(rf"\b{re.escape(which.group(1).lower())}s?\b", text, re.I) and not (
            _role_beside_name(which.group(1), text)):
        following = _stored_beside(top, store, 1)
        named = _person_introduced(following.text, facts) if following is not None else ""
        if named and not _words(named) & asked:
            beside = following
    return ranked if beside is None else _led_by_stored(beside, ranked, store, facts)


def _stored_beside(r: Ranked, store: StoragePort, step: int) -> Sentence | None:
    """The sentence `step` places after (or before) a ranked one in its story, as stored: retrieval may have left it
    out."""
    return store.sentence(f"{r.hit.article.id}:{r.hit.sentence.position + step}")


ITEMS_AFTER_COLON = 6  # (`_items_after_colon`) how many listed items after an introducing sentence are read
# An item of a list, set out on its own line: "- call centre operations are part of their business …"
_LISTED_ITEM = re.compile(r"\s*[-•*–]\s+\S")


def _items_after_colon(ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """A lead introducing a list ("They give three key reasons for not making the move:") says none of it: the items
    its story sets out after it ("- call centre operations are part of their business "core function",", …) lead, in
    their order, and the introduction follows them."""
    if not ranked or not ranked[0].hit.sentence.text.rstrip().endswith(":"):
        return ranked
    top = ranked[0]
    items = []
    for step in range(1, ITEMS_AFTER_COLON + 1):
        item = _stored_beside(top, store, step)
        if item is None or not _LISTED_ITEM.match(item.text):
            break
        items.append(item)
    facts = store.facts(top.hit.article.id) if items else []
    for item in reversed(items):
        ranked = _led_by_stored(item, ranked, store, facts, like=top)
    return ranked


def _led_by_stored(sentence: Sentence, ranked: list[Ranked], store: StoragePort,
                   facts: Sequence[Fact] | None = None, like: Ranked | None = None) -> list[Ranked]:
    """The ranking led by a sentence of the leading story (or of `like`'s): as ranked when retrieval found it, else
    ranked as that story's ranked sentence is (`as_ranked`)."""
    known = next((r for r in ranked if r.hit.sentence.id == sentence.id), None)
    top = like or ranked[0]
    return led_by(known or as_ranked(sentence, top, store.facts(top.hit.article.id) if facts is None else facts), ranked)


# "how big a stake did alfa-eco hold …?": the size of a holding asked
_STAKE_SIZE_ASKED = re.compile(r"\bhow\s+(?:big|large|sizeable|much\s+of)\s+an?\s+(?:stake|share|holding|slice)\b", re.I)
STAKE_SLACK = 1.5  # (`_stake_size_first`) how much lower the sentence giving the size may score
STAKE_WINDOW = 4  # … and, of another story, how far down the ranking it may be
# Any part of a whole, in figures or words: "46%", "roughly one third of", "a sixth of all callers", "the majority"
_ANY_PART = re.compile(r"\d\s*%|\bper\s?cent\b|\bhalf\b|\b(?:a|one|two|three|four|five)[\s-](?:third|quarter|fifth|sixth|"
                       r"seventh|eighth|ninth|tenth)s?\b|\b(?:majority|minority)\b", re.I)


def _stake_size_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(The size of a holding asked: "how big a stake did alfa-eco hold in sun interbrew?") a lead naming the stake
    but not its size ("Inbev has agreed to buy Alfa-Eco's stake in Sun Interbrew … for up to 259.7m euros") yields
    to a sentence of its story giving it ("… has a one-fifth stake in Sun Interbrew"). So does a lead giving no part
    of anything at all, asked what share of a group did something ("Staff calling in sick at US Airways … left 30,000
    passengers stranded"), to one giving it ("… when a third of US Airways' baggage handling staff called in sick")."""
    if not ranked:
        return ranked
    text = ranked[0].hit.sentence.text
    if (_STAKE_SIZE_ASKED.search(query.text) and not _SHARE_SAID.search(text)) or (
            _SHARE_ASKED.search(query.text) and not _ANY_PART.search(text)):
        moved = _story_sentence_first(ranked, _SHARE_SAID.search, STAKE_SLACK)
        if moved[0] is ranked[0] and _STAKE_SIZE_ASKED.search(query.text) and not _SHARE_GIVEN.search(text):
            # (or, none in its story and the lead giving no part at all, a sentence of another story about the
            # question's names at least as surely: "… Clearnet, in which Euronext has a quarter stake" after "Euronext
            # is due to hold talks with LSE …")
            moved = _nearly_as_good_first(ranked, _SHARE_SAID.search, STAKE_WINDOW, STAKE_SLACK)
        return moved
    return ranked


# "which newspaper reported the back-tax demand …?": a publication asked for by its kind
_PUBLICATION_ASKED = re.compile(r"\s*(?:and\s+)?(?:which|what)\s+(?:(?:\w+\s+)?newspapers?|papers?|dailies|daily|"
                                r"magazines?|publications?|(?:news\s+)?agency|agencies|journals?|broadcasters?)\b", re.I)
# A publication named: "Vedomosti newspaper", "the report in the Sunday Express", "…, the South China Morning Post
# reported", "told the Financial Times"
_PUBLICATION_NAMED = re.compile(
    r"\b(?!(?:The|A|An|This|That|Its|Their|Our|One|Another|Each|Every)\s)[A-Z][\w'’-]+\s+(?:newspaper|daily|weekly|"
    r"magazine|news\s+agency)\b|"
    r"\b(?:in|by|to|told|from|according\s+to|the)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,4}?(?:Times|Express|Journal|"
    r"Post|Telegraph|Guardian|Mail|Herald|Gazette|Standard|Observer|Independent|Mirror|Tribune|Chronicle|Economist|"
    r"Daily\s+[A-Z]\w+)\b|\b(?:FT|WSJ|Reuters|Bloomberg|Kommersant|Vedomosti|Handelsblatt|Xinhua|Interfax|Dow\s+Jones)\b")
PUBLICATION_STORIES = 3  # (`_publication_first`) how far down the ranking the stories searched for the publication go
PUBLICATION_SLACK = 0.75  # … and how much lower than the lead their sentence may score
_REPORT_WORD = re.compile(r"\b(?:report(?:s|ed|ing)?|said|says|told|according|quoted|claimed|wrote)\b", re.I)


def _publication_first(query: Query, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(A publication asked: "which newspaper reported the back-tax demand on gazprom's nuclear unit?") a lead saying
    only that something was reported ("… is reportedly facing a 1bn rouble back-tax claim") yields to the sentence of
    its story naming the publication that reported it ("Vedomosti newspaper reported that …", "… the report in the
    Sunday Express"), which retrieval may have ranked low or left out: it names what is asked."""
    if not ranked or not _PUBLICATION_ASKED.match(query.text) or _PUBLICATION_NAMED.search(ranked[0].hit.sentence.text):
        return ranked
    top = ranked[0]
    asked = set(stems(" ".join(query.terms)))
    stories: dict[str, Ranked] = {}
    for r in ranked[:PUBLICATION_STORIES]:
        if r.score >= top.score - PUBLICATION_SLACK and not r.conflict:
            stories.setdefault(r.hit.article.id, r)
    for story, best in stories.items():  # (the leading story first; then another report of it about as good)
        naming = [s for s in store.sentences(story) if _PUBLICATION_NAMED.search(s.text) and _REPORT_WORD.search(s.text)]
        # (the one saying most of what the question says was reported)
        named = max(naming, key=lambda s: len(asked & set(stems(s.text))), default=None)
        if named is not None:
            return _led_by_stored(named, ranked, store, like=best)
    return ranked


# What a business made from a thing ("what did Dr Reddy's make from selling drug ingredients?"): an amount
_MADE_FROM = re.compile(r"\s*(?:and\s+)?(?:what|how\s+much)\s+(?:did|does|do|will|would)\s+[^?]*?\b(?:make|earn|get|raise|"
                        r"bring\s+in)\s+(?:from|on|by)\b", re.I)
# A sentence going on with the amount of the thing the one before named: "Sales were down … to 1.4bn rupees"
_AMOUNT_GOES_ON = re.compile(r"(?:Sales|Revenues?|Turnover|Profits?|Earnings|Income|It|They|That|This|These)\b")


def _figure_given_next(query: Query, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(An amount asked) a lead sentence naming the thing asked but giving no figure ("Another staple of the firm's
    business, the sale of ingredients for drugs, also performed poorly.") is followed in its story by one going on with
    its amount ("Sales were down more than 25% … to 1.4bn rupees"): that one leads."""
    if not ranked or not (query.kind == "figure" or _MADE_FROM.match(query.text)):
        return ranked
    top = ranked[0]
    if re.search(r"\d", top.hit.sentence.text):
        return ranked
    following = _stored_beside(top, store, 1)
    if following is None or not _AMOUNT_GOES_ON.match(following.text) or not (
            _MONEY_TEXT.search(following.text) or _SCALED.search(following.text)):
        return ranked
    return _led_by_stored(following, ranked, store)


AMOUNT_SLACK = 0.3  # (`_amount_close_first`) how much lower a sentence of the lead's story giving an amount may score
AMOUNT_WINDOW = 3  # … and how far down the ranking it may be
# "each of the applicants": the question's own subject, a group of the story's (not its firm)
_EACH_OF_GROUP = re.compile(r"\beach\s+of\s+the\s+[a-z-]+s\b", re.I)
_EACH_GIVEN = re.compile(r"\d[\d,.]*\s+(?:[a-z-]+\s+){0,2}(?:each|apiece)\b", re.I)  # ("got 9 shares each")


def _own_country_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"How many tonnes of feta does Greece make a year?": a lead whose subject is another country, the one asked
    named only after it ("Denmark is … the second largest producer of feta after Greece - producing about 30,000
    tonnes"), gives that country's figure; a sentence of its story opening on the country asked and giving a
    figure ("Greece makes 115,000 tonnes …") leads instead (`_own_subject_first` does this for firms)."""
    if not ranked or not (_HOW_MUCH.match(query.text) or _HOW_MANY.match(query.text)):
        return ranked
    countries = [n.lower() for i in range(len(focus.entities)) for n in focus.names_of(i) if country_of(n)]
    top = ranked[0]
    if not countries or not subject_anothers(focus, top.hit.sentence.text):
        return ranked
    for r in ranked[1:OWN_SUBJECT_WINDOW]:
        other = r.hit.sentence.text
        opening = _LEADING_NAME_RUN.match(other)
        if (r.hit.article.id == top.hit.article.id and not r.conflict and opening is not None
                and mentions_any(opening.group(1).lower(), countries) and _has_figure(other, query)):
            return led_by(r, ranked)
    return ranked


OWN_SUBJECT_WINDOW = 5  # (`_own_subject_first`) how far down the ranking the asked firm's own figure may be
# The doer a "how much/many …" question asks about, right after its verb's auxiliary: "… will ExxonMobil take …?"
_ASKED_DOER = re.compile(r"^\s*(?:and\s+)?how\s+(?:much|many)\s+(?:[\w'’-]+\s+){0,4}?(?:did|does|do|will|would|could|can|"
                         r"has|have|had|is|are|was|were)\s+((?:[\w'’&.-]+\s+){0,3}[\w'’&.-]+)", re.I)
# A lead's subject speaking ("The ONS says GDP rose …", "The Kavaran energy ministry says …"): a source, not another firm
_SPEAKS_AFTER = re.compile(rf"(?:\s+[a-z]+){{0,3}}?\s+(?:{_SPEECH_VERBS}|announces|reports|reported|estimates|estimated|"
                           r"believes|expects)\b")
# A sentence opening with a country's possessive ("France's Total …") and the run of capitalised words it opens with
_COUNTRY_OWNER = re.compile(r"^([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+")
_LEADING_NAME_RUN = re.compile(r"^(?:[Tt]he\s+)?([A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|&)){0,3})")
# "how much …?" alone (not `_HOW_MUCH`'s "how big a stake …?", which a share in words answers: "a one-fifth stake")
_HOW_MUCH_ONLY = re.compile(r"^\s*(?:and\s+)?how\s+much\b", re.I)


# a time of day asked ("at what time exactly did plastic overtake cash?"), and one given ("at 10.38am", "by 9pm")
_CLOCK_ASKED = re.compile(r"\b(?:at\s+)?what\s+time\b(?!\s+(?:of\s+(?:the\s+)?year|frame|scale))", re.I)
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b(?:[01]\d|2[0-3]):[0-5]\d\b|"
                    r"\b(?:noon|midnight)\b", re.I)
CLOCK_WINDOW = 5  # (`_clock_time_first`) how far down the ranking the sentence giving the time may be


def _clock_time_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A time of day asked) a lead giving none ("Spending on cards has overtaken cash … for the first time") yields to
    the next sentence of its story, among the next few, that gives one ("… happened at 10.38am on Wednesday")."""
    if not ranked or not _CLOCK_ASKED.search(query.text) or _CLOCK.search(ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, _CLOCK.search, float("inf"), CLOCK_WINDOW)


# the size of a thing asked ("what is the overall size of the 2006 budget …?", "how big is the rescue package?")
_SIZE_ASKED = re.compile(r"\b(?:size|value|scale)\s+of\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+){0,2}?(?P<thing>budget|deal|"
                         r"fund|package|bill|deficit|loan|bail-?out|rescue|programme|program|plan|order|contract|offer|bid|"
                         r"settlement|merger|takeover)\b|\bhow\s+(?:big|large)\s+(?:is|was|will)\s+(?:the|its|their)\s+"
                         r"(?:[\w-]+\s+){0,2}?(?P<thing2>budget|deal|fund|package|bill|loan|bail-?out|rescue|programme|"
                         r"program|plan|order|contract|offer|bid|settlement)\b", re.I)
SIZE_WINDOW = 6  # (`_size_said_first`) how far down the ranking the sentence giving the size may be
SIZE_SLACK = 1.0  # … and how much lower it may score


def _size_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(The size of a thing asked) a lead giving no sum for it ("President Bush is to send his toughest budget
    proposals …") yields to a sentence a few places down that puts a sum on the very thing ("The $2.58 trillion
    (£1.38 trillion) budget submitted to Congress …"), of whichever story."""
    m = _SIZE_ASKED.search(main_clause(query.text)) if ranked else None  # (not "…, as opposed to the value of the deal?")
    if m is None:
        return ranked
    thing = (m.group("thing") or m.group("thing2")).lower()
    sized = compiled(rf"(?:{_MONEY.pattern})\S*(?:\s+(?:million|billion|trillion))?\s+(?:\([^)]*\)\s+)?(?:[\w-]+\s+){{0,2}}?"
                       rf"{re.escape(thing)}|"
                       rf"\b{re.escape(thing)}\s+(?:is\s+|was\s+)?(?:worth|of|totalling|totaling|valued\s+at)\s+"
                       rf"(?:about\s+|some\s+|nearly\s+|almost\s+)?(?:{_MONEY.pattern})", re.I)
    if sized.search(ranked[0].hit.sentence.text):
        return ranked
    least = ranked[0].score - SIZE_SLACK
    return led_by(next((r for r in ranked[1:SIZE_WINDOW] if not r.conflict and r.score >= least and sized.search(
        r.hit.sentence.text)), None), ranked)


def _amount_close_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(An amount asked) a lead sentence giving no figure at all ("Cubans living in the US … can only send money to
    their immediate relatives") yields to the next sentence of its story, about as good, that gives a sum ("This money,
    known as remittances, can amount to as much as $1bn a year")."""
    if not ranked or query.kind != "figure" or not _HOW_MUCH_ONLY.match(query.text) or re.search(
            r"\d", ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, _MONEY_TEXT.search, AMOUNT_SLACK, AMOUNT_WINDOW)


# "what did the US unemployment rate fall to (after …)?", "to what level did it rise?": the level reached is asked
_TO_LEVEL_ASKED = re.compile(r"\b(?:fall|fell|fallen|drop|dropped|rise|rose|risen|climb|climbed|jump|jumped|slip|slipped|"
                             r"sink|sank|edge|edged|go|went|come|came)\s+(?:up\s+|down\s+|back\s+)?to\s*(?:\?|$|,|"
                             r"(?:after|following|in|on|by|last|this)\b)|\bto\s+what\s+(?:level|rate|figure)\b", re.I)
# … and a level reached, in figures: "to 5.2%", "to $1.90"
_TO_FIGURE = re.compile(r"\bto\s+(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+(?:over|under)\s+)?[$£€¥]?\d", re.I)
LEVEL_REACH = 4  # (`_level_given_later`) how many sentences on in its story the level may be given


def _level_given_later(query: Query, focus: Focus, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(A level reached asked: "what did the US unemployment rate fall to after January's jobs figures?") a lead saying
    where the measure went in words only ("pushed the unemployment rate to its lowest level in three years") yields to
    the sentence a few on in its story giving the level in figures ("… to push down the unemployment rate to 5.2%"),
    which retrieval may have left out."""
    if not ranked or not focus.measure or not _TO_LEVEL_ASKED.search(query.text) or re.search(
            r"\d", ranked[0].hit.sentence.text):
        return ranked
    top = ranked[0]
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    if not words & set(re.findall(r"[a-z]+", top.hit.sentence.text.lower())):
        return ranked
    for step in range(1, LEVEL_REACH + 1):
        later = _stored_beside(top, store, step)
        if later is None:
            break
        if _TO_FIGURE.search(later.text) and words & set(re.findall(r"[a-z]+", later.text.lower())):
            return _led_by_stored(later, ranked, store)
    return ranked


# The present asked: "how large is France Telecom's debt now?", "what is the rate currently?"
_NOW_ASKED = re.compile(r"\b(?:now|currently|at\s+present|these\s+days)\b", re.I)
# A sentence giving the present level: "this has now been reduced to 43.9bn euros", "… currently stands at 5%"
_NOW_SAID = re.compile(r"\b(?:now|currently|at\s+present)\b", re.I)
# A sentence going on about what the one before it measured: "However, this has now …", "It now stands at …"
_GOES_ON_ABOUT = re.compile(r"^\s*(?:(?:but|however|and|since\s+then|today),?\s+)?(?:this|that|it|the\s+figure)\b", re.I)
NOW_REACH = 2  # (`_now_level_next`) how many sentences on in its story the present level may be given


def _now_level_next(query: Query, focus: Focus, ranked: list[Ranked], store: StoragePort) -> list[Ranked]:
    """(The present level asked: "how large is France Telecom's debt now, after the reductions?") a lead giving the
    measure at a past date ("… saw France Telecom's debt soar to 72bn euros by 2002") yields to the sentence just after
    it in its story giving where it stands now ("However, this has now been reduced to 43.9bn euros"), which goes on
    about the same measure or names it."""
    if not ranked or not focus.measure or not _NOW_ASKED.search(main_clause(query.text)):
        return ranked
    top = ranked[0]
    text = top.hit.sentence.text
    if _NOW_SAID.search(text) or not _YEAR.search(text) or not re.search(r"\d", _YEAR.sub(" ", text)):
        return ranked  # (the lead gives the present, or no figure dated to a past year)
    words = MEASURES.get(focus.measure, frozenset({focus.measure}))
    for step in range(1, NOW_REACH + 1):
        later = _stored_beside(top, store, step)
        if later is None:
            break
        if _NOW_SAID.search(later.text) and re.search(r"\d", later.text) and (
                _GOES_ON_ABOUT.match(later.text) or words & set(re.findall(r"[a-z]+", later.text.lower()))):
            return _led_by_stored(later, ranked, store)
    return ranked


def _role_beside_name(role: str, text: str) -> bool:
    """Whether a sentence gives the role beside a full name, naming its holder though the facts may not have filed
    the name as a person's ("…, said Julio Hegedus, chief economist with Lopes Filho", "economist Jo Lee")."""
    role = re.escape(role)
    return re.search(rf"{_NAME_WORD}\s+{_NAME_WORD},\s+(?:[\w&'’-]+\s+){{0,3}}?(?i:{role})|"
                     rf"\b(?i:{role})\s+{_NAME_WORD}\s+{_NAME_WORD}", text) is not None


def _person_introduced(text: str, facts: Sequence[Fact]) -> str:
    """The first person a sentence names by full name ("Pranab Mukherjee said …", "… dismissed Stephanie Villalba's
    allegations"), when the story holds the name as a person's and no other role is put before it ("Boeing's chief
    Jim Smith"); "" when none."""
    for m in _FULL_NAME.finditer(text):
        name = m.group(1)
        words = name.split()
        if words[0].lower() in FUNCTION_WORDS:
            name = " ".join(words[1:])  # ("But Stephanie Villalba …")
        elif _HELD_TITLE.fullmatch(words[0]):
            continue  # ("President Lula": a role of his own)
        if _OTHER_ROLE.search(text[:m.start()]) or _APPOSED_ROLE.match(text, m.end()):
            continue
        if _a_person(name, facts):
            return name
    return ""


def _speaker_opening(text: str, facts: Sequence[Fact]) -> str:
    """The person a sentence opens with as its speaker ("Pranab Mukherjee said …"), when the story holds that name
    as a person's though the facts did not file it under this sentence; "" otherwise."""
    named = _SPEAKER_OPENS.match(text)
    return named.group(1) if named is not None and _a_person(named.group(1), facts) else ""


def _a_person(name: str, facts: Sequence[Fact]) -> bool:
    """Whether the story holds `name` as a person: by the whole name, or by its surname as it goes on to call
    him or her ("Mr Mukerjee", one letter off "Pranab Mukherjee" as reporters sometimes spell it), which a firm's
    name ("Deutsche Bank said …") never is."""
    from rapidfuzz.distance import OSA  # (imported when first needed, as the speller does)

    surname = name.split()[-1].lower()
    return any(f.type == "person" and not f.attrs.get("role_only") and (
        f.value == name or (held := f.value.split()[-1].lower()) == surname
        or (len(surname) > 4 and OSA.distance(held, surname) <= 1)) for f in facts)


# "apart from banks, whom has Parmalat sued?": a kind of things set aside
_KIND_SET_ASIDE = re.compile(rf"\b(?:{SET_ASIDE})\s+([a-z]{{3,}}s)\b", re.I)
ASIDE_WINDOW = 4  # (`_set_aside_kind_last`) how far down the ranking a sentence not naming the kind may be
ASIDE_SLACK = 0.5  # … and how much lower it may score


def _set_aside_kind_last(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Apart from banks, whom has Parmalat sued?": a best sentence naming the kind set aside ("Bank of America has
    been banned from suing Parmalat") gives way to one nearly as good that does not ("… has also sued former
    auditors and financial advisors")."""
    m = _KIND_SET_ASIDE.search(query.text)
    if m is None or not ranked:
        return ranked
    kind = re.escape(m.group(1).lower().rstrip("s"))
    # (named, but not as one item of a list beside others: "mortgages, credit cards, insurance …" names the others)
    said = re.compile(rf"(?<!,\s)(?<!\band\s)\b{kind}s?\b(?!\s*,|\s+and\b|\s+or\b)", re.I)
    top = ranked[0]
    if not said.search(top.hit.sentence.text):
        return ranked
    other = next((r for r in ranked[1:ASIDE_WINDOW] if not r.conflict and r.score >= top.score - ASIDE_SLACK
                  and not re.search(rf"\b{kind}s?\b", r.hit.sentence.text, re.I)), None)
    return led_by(other, ranked)


# A figure the question sets aside: "…, beyond the $30m from the firm itself?", "apart from its 5% stake, …"
_FIGURE_SET_ASIDE = re.compile(rf"(?:^|,)\s*(?:beyond|{SET_ASIDE}|not\s+counting|excluding)\s+[^,?]*?"
                               r"(?P<figure>[$£€]?\d[\d.,]*(?:\s*(?:m|bn|%)\b)?)", re.I)


def _set_aside_figure_last(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Which company is providing the rest of the payment, beyond the $30m from the firm itself?": a best sentence
    giving the figure set aside ("… said it would be paying $30m out of its own resources") gives way to one of its
    story nearly as good that does not ("The rest would come from its parent company, …")."""
    m = _FIGURE_SET_ASIDE.search(query.text)
    if m is None or not ranked:
        return ranked
    figure = m.group("figure").strip()
    said = compiled(rf"(?<![\d.,]){re.escape(figure)}(?![\d])")
    if not said.search(ranked[0].hit.sentence.text):
        return ranked
    return _story_sentence_first(ranked, lambda text: not said.search(text), ASIDE_SLACK, ASIDE_WINDOW)


# A yearly rate asked ("how many jobs a year …?"), set against a total over several years ("…, rather than the total
# over five years?")
_PER_YEAR = re.compile(r"\b(?:a|per|each|every)\s+year\b|\b(?:annually|yearly)\b|\bannual\s+(?!report|results?|"
                       r"meeting|general)\w+", re.I)
_OVER_YEARS = re.compile(r"\b(?:over|in|during|within)\s+(?:the\s+)?(?:next|past|last|coming|following)?\s*"
                         r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years\b", re.I)
PER_YEAR_WINDOW = 5  # (`_per_year_first`) how far down the ranking the sentence giving the yearly rate may be
PER_YEAR_SLACK = 1.0  # … and how much lower it may score
YEARLY_SLACK = 1.5  # … or, no total over years asked, how much lower a sentence giving a yearly amount may score
_HOW_MUCH_OR_MANY = re.compile(r"\s*(?:and\s+)?how\s+(?:much|many)\b", re.I)
# An amount given for each year: "7.5 million tonnes of LPG annually", "$2bn a year"
_YEARLY_AMOUNT = re.compile(r"\d[\d.,]*(?:bn|m|%)?\s+(?:[\w'’-]+\s+){0,8}?"
                            r"(?:(?:a|per|each|every)\s+year\b|annually\b|yearly\b)", re.I)


def _per_year_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"How many jobs a year does Mittal Steel aim to shed, rather than the total over five years?": a best sentence
    giving the total over the years ("could cut up to 45,000 jobs over the next five years") yields to one of its
    story nearly as good giving a yearly figure ("… reduce its workforce by between 7,000 and 8,000 annually")."""
    if not ranked or not _PER_YEAR.search(main_clause(query.text)):
        return ranked
    top = ranked[0].hit.sentence.text
    if not _OVER_YEARS.search(query.text):
        if _PER_YEAR.search(top) or not _HOW_MUCH_OR_MANY.match(query.text):
            return ranked
        # ("how much liquefied natural gas will Iran supply India each year?": "a $40bn deal to import millions of
        # tonnes" gives no yearly amount; "… 7.5 million tonnes of LPG annually …" of its story does)
        # (not another's yearly amount: "Denmark is … producer of feta after Greece - producing about 30,000 tonnes a
        # year", asked how much Greece makes)
        return _story_sentence_first(ranked, lambda text: bool(_YEARLY_AMOUNT.search(text)) and not subject_anothers(
            focus, text), YEARLY_SLACK, PER_YEAR_WINDOW)
    if _PER_YEAR.search(top) or not _OVER_YEARS.search(top):
        return ranked
    words = MEASURES.get(focus.measure, frozenset()) | set(focus.count_noun)
    if not words:
        return ranked
    measured = compiled(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b", re.I)
    return _story_sentence_first(ranked, lambda text: bool(_PER_YEAR.search(text) and re.search(r"\d", text)
                                                           and measured.search(text)), PER_YEAR_SLACK, PER_YEAR_WINDOW)


VIEW_WINDOW = 4  # (`_speakers_view_first`) how far down the ranking the sentence giving their view may be
VIEW_SLACK = 0.5  # … and how much lower it may score
VIEW_SOURCE_SLACK = 1.0  # … when the question opens by naming whose view it asks ("According to correspondents, …")


def _speakers_view_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """"Why did analysts think Fannie Mae's executives could not stay?": a sentence of the best story, nearly as
    good, in which analysts give their view ("Analysts said the SEC's criticism made it impossible …") leads over
    the story's own account ("… resigned after accounting irregularities were uncovered")."""
    said = view_said(query.text)
    if said is None or not ranked:
        return ranked
    # (asked outright whose view it is, "According to correspondents, why …?", their sentence may score lower)
    slack = VIEW_SOURCE_SLACK if SOURCE_HEAD.match(query.text) else VIEW_SLACK
    return _said_in_story_first(ranked, said.search, VIEW_WINDOW, slack)


# "what does EMI Music's chief executive say is happening to …?", "what does Douglas-Westwood expect … to be?": what
# someone says, thinks or expects is asked
_SAYS_ASKED = re.compile(r"^\s*(?:and\s+)?what\s+(?:does|did|do|has|have)\s+.{2,80}?\s+(?:say|said|think|believe|expect|"
                         r"predict|forecast|see)\b", re.I)


# A quotation closed by who said it: '"…," said chief executive Sir Anthony O'Reilly.', '"…," wrote analysts from …'
_SPEAKER_CLOSES = re.compile(r"[\"”]\s*,?\s*(?:said|says|added|adds|wrote|writes)\s+[^\"“”]+$")


def _quote_goes_on(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A question asking what someone says or expects) a lead sentence giving the speaker and a view ("Alain Levy, …
    described the performance as "disappointing", but added …") is followed in its story by a bare quotation going on
    with his words ('"The physical music market is showing signs of stabilisation …"'): that one leads when it says
    more of what is asked, or names the asked year the lead does not ('"By 2020, production may only be at half …"')."""
    if not ranked or not (_SAYS_ASKED.match(query.text) or SOURCE_HEAD.match(query.text)) or (_QUOTE_OPENS.match(
            ranked[0].hit.sentence.text) and not _SPEAKER_CLOSES.search(ranked[0].hit.sentence.text)):
        return ranked  # (or whose view is asked in an opening clause: "according to a Lille lecturer, why …?"; a lead
        # quoting him goes on too when it names him at its end: '"2004 has proven …," said … Sir Anthony O'Reilly.')
    top = ranked[0]
    following = _quote_after(ranked)
    if following is None:
        return ranked
    text = following.hit.sentence.text
    year_said = bool(focus.years) and any(y in text for y in focus.years) and not any(
        y in top.hit.sentence.text for y in focus.years)
    return led_by(following if following.hit.detail > top.hit.detail or year_said else None, ranked)


# "Apart from better returns for investors, why does Qwest think …?": what the opening clause sets aside
_ASIDE_OPENING = re.compile(rf"^\s*(?:{SET_ASIDE})\s+([^?]*?),\s+(?=(?:which|what|who|whom|where|when|how|why)\b)", re.I)
# a sentence going on beyond the thing set aside: "As well as trying to lure investors with … better returns, Qwest also
# reckons …"
_BEYOND = re.compile(r"\b(?:also|as\s+well\s+as|besides|in\s+addition\s+to)\b", re.I)
ASIDE_WINDOW_BEYOND = 4  # (`_beyond_aside_first`) how far down the ranking the sentence going beyond may be
ASIDE_SLACK_BEYOND = 0.5  # … and how much lower it may score


def _beyond_aside_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A question setting a thing aside in its opening clause) a sentence of the best story nearly as good that names
    the thing set aside and goes beyond it ("As well as trying to lure investors with the promise of better returns,
    Qwest also reckons that its offer will face less regulatory scrutiny") leads over one that does neither."""
    m = _ASIDE_OPENING.match(query.text)
    if m is None or not ranked or _BEYOND.search(ranked[0].hit.sentence.text):
        return ranked
    aside = {w for w in stems(m.group(1)) if len(w) > 3}
    if not aside:
        return ranked
    return _said_in_story_first(ranked, lambda text: _BEYOND.search(text) and aside & set(stems(text)),
                                ASIDE_WINDOW_BEYOND, ASIDE_SLACK_BEYOND)


# A thing set aside anywhere in a question ("apart from tourism, …", "…, besides Orange?"), and a sentence going beyond
# what it sets aside ("the damage covers fishing, farming and businesses too", "… should also help, they say")
_ASIDE_PHRASE = re.compile(rf"\b(?:{SET_ASIDE})\s+([^,?;]+)", re.I)
_GOES_BEYOND = re.compile(r"\b(?:also|too|as\s+well(?!\s+as)|in\s+addition(?!\s+to))\b", re.I)
PAST_ASIDE_WINDOW = 6  # (`_past_aside_first`) how far down the ranking the sentence naming the thing set aside may be
PAST_ASIDE_AFTER = 4  # … and how many sentences after it in its story the one going beyond may come


def _past_aside_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A thing set aside: "apart from tourism, which parts of the economy did the waves damage?") when a sentence
    near the top names the thing set aside ("Tourism is a vital part of the economies …"), the sentence of its story
    that goes beyond it ("But the damage covers fishing, farming and businesses too") and shares a word asked
    leads: what is set aside is already known to the asker, what else is said of it is the answer."""
    m = _ASIDE_PHRASE.search(query.text)
    if m is None or not ranked:
        return ranked
    aside = {w for w in stems(m.group(1)) if len(w) > 3}
    asked = {w for w in stems(" ".join(query.terms)) if len(w) > 3} - aside
    if not aside or not asked:
        return ranked

    thing = re.escape(m.group(1).strip())
    listed = compiled(rf"(?:,|\band|\bor|\bsuch\s+as|\blike|\bincluding)\s+(?:the\s+)?{thing}(?=\s*[,.;)]|\s*$)|"
                        rf"\b{thing}(?:\s+(?:and|or)\b|\s*,\s*(?!which\b|who\b|whose\b)[\w'’-]+(?:\s+[\w'’-]+){{0,3}}?\s*"
                        rf"(?:,|\band\b|\bor\b))", re.I)  # (another item after it, not a clause: "Deutsche Bank, which …")

    def names_aside(text: str) -> bool:
        return aside <= set(stems(text))

    def beyond(text: str) -> bool:
        return bool(_GOES_BEYOND.search(text)) and not names_aside(text) and bool(asked & set(stems(text)))

    if beyond(ranked[0].hit.sentence.text):
        return ranked
    named = next((r for r in ranked[:PAST_ASIDE_WINDOW] if names_aside(r.hit.sentence.text)), None)
    if named is None and re.search(r"\balso\b", query.text, re.I):
        # ("apart from Deutsche Bank, whom has Yukos also accused …?": the question says "also" itself, so the leading
        # story's sentence naming the bank, however low, or else the lead, is what is gone beyond)
        named = next((r for r in ranked if r.hit.article.id == ranked[0].hit.article.id and names_aside(
            r.hit.sentence.text)), ranked[0])
    if named is None or listed.search(named.hit.sentence.text):
        return ranked  # (a list holding the thing set aside among others is the answer: "such as Lesotho, Sri Lanka, …")
    story, after = named.hit.article.id, named.hit.sentence.position
    names = [e for e in focus.entities if not set(stems(e)) <= aside]  # (the names asked, besides the one set aside)
    return led_by(next((r for r in ranked if r.hit.article.id == story and 0 < r.hit.sentence.position - after
                        <= PAST_ASIDE_AFTER and beyond(r.hit.sentence.text) and (
                            not names or mentions_any(r.hit.sentence.text.lower(), names) or r.entity >= 0.8)), None),
                  ranked)


# a span the question counts within: "how many times in five months had rates gone up?"
_SPAN_ASKED = re.compile(r"\b(?:in|within|over)\s+(?:the\s+(?:last|past)\s+)?(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|"
                         r"eleven|twelve)\s+(?P<unit>days?|weeks?|months?|years?)\b", re.I)
COUNT_SPAN_WINDOW = 4  # (`_span_said_first`) how far down the ranking the sentence saying the span may be
COUNT_SPAN_SLACK = 0.5  # … and how much lower it may score


def _span_said_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A count asked within a span: "how many times in five months had US interest rates gone up …?") a sentence
    nearly as good that says the same span ("… to rise for the fourth time in five months") leads over one counting
    over another ("… increase interest rates five times since June")."""
    m = _SPAN_ASKED.search(query.text) if _HOW_MANY.match(query.text) else None
    if m is None or not ranked:
        return ranked
    span = compiled(rf"\b(?:in|within|over)\s+(?:the\s+(?:last|past)\s+)?{re.escape(m.group('n'))}\s+{re.escape(m.group('unit'))}",
                    re.I)
    return _nearly_as_good_first(ranked, span.search, COUNT_SPAN_WINDOW, COUNT_SPAN_SLACK)


# a firm's last deal asked ("what was Pernod Ricard's last big acquisition?") and said ("Pernod's last major purchase …")
_LAST_DEAL = r"\blast\s+(?:(?:big|major|large|significant|big-money)\s+)?(?:acquisition|purchase|deal|takeover|buy)s?\b"
_LAST_DEAL_SAID = re.compile(_LAST_DEAL, re.I)
_LAST_DEAL_ASKED = re.compile(rf"^\s*(?:and\s+)?(?:what|which)\b[^?]*{_LAST_DEAL}", re.I)
LAST_DEAL_WINDOW = 8  # (`_last_deal_first`) how far down the ranking the sentence saying it may be


def _last_deal_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A firm's last deal asked: "what was Pernod Ricard's last big acquisition?") the sentence of the best story
    that says its last deal, in any of the words for one ("Pernod's last major purchase was a third of US giant
    Seagram in 2000"), leads over the story's opening about the deal in the news."""
    if not ranked or not _LAST_DEAL_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, _LAST_DEAL_SAID.search, LAST_DEAL_WINDOW, None)


GROUNDS_WINDOW = 6  # (`_grounds_first`) how far down the ranking the criticism with its grounds may be
GROUNDS_SLACK = 1.0  # … and how much lower it may score


def _grounds_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(Why someone criticised a thing, asked: "why have airlines attacked the EU's new compensation legislation?") a
    sentence of the best story nearly as good that states the criticism with its grounds ("Airlines have attacked the
    legislation saying they could be forced to push prices higher") leads over one giving why the thing criticised
    was done ("The EU decided to increase passenger compensation in a bid to deter airlines …")."""
    if not ranked or not CRITICISM_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, GROUNDS_GIVEN.search, GROUNDS_WINDOW, GROUNDS_SLACK)


# "what did CML lending come to in November?": a total asked, said as the sum a thing came, fell or rose to
_TOTAL_ASKED = re.compile(r"\s*(?:and\s+)?what\s+(?:did|does|do|will|would)\s+[^?]*?\b(?:come|amount)\s+to\b", re.I)
_TOTAL_SAID = re.compile(r"\b(?:to|at|of)\s+(?:just\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+)?(?:over\s+|under\s+)?"
                         r"[$£€¥]\s?\d", re.I)
TOTAL_SLACK = 0.5  # (`_total_first`) how much lower the sentence giving the total may score


def _total_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A total asked: "what did CML lending come to in November?") a sentence of the best story nearly as good that
    gives a sum it came to ("lending fell to just over £25bn in November") leads over one giving only how far it moved
    ("gross lending fell by 4% in November")."""
    if not ranked or not _TOTAL_ASKED.match(query.text):
        return ranked
    return _said_in_story_first(ranked, _TOTAL_SAID.search, EVIDENCE_SIZE, TOTAL_SLACK)


WHOLE_WINDOW = 4  # (`_whole_said_first`) how far down the ranking the sentence giving the total may be
WHOLE_SLACK = 1.0  # … and how much lower it may score


def _whole_said_first(focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A total asked: "how much did the UK import in total in November?") a lead giving a part of the measure ("the UK
    exported £16.9bn worth of goods, but imported £21.5bn") yields to the sentence of its story nearly as good that
    calls its figure the total ("total imports rose again to a new record of £27.9bn")."""
    if not ranked or not focus.total or not focus.measure:
        return ranked
    measured = MEASURES.get(focus.measure, frozenset({focus.measure}))
    words = "|".join(sorted(map(re.escape, measured), key=len, reverse=True))
    whole = compiled(rf"\b(?:total|overall|combined)\s+(?:[a-z-]+\s+){{0,2}}?(?:{words})\b|"
                     rf"\b(?:{words})\b[^,.;]{{0,30}}\b(?:in\s+total|altogether|overall)\b", re.I)
    return _said_in_story_first(ranked, lambda text: whole.search(text) and re.search(r"\d", text), WHOLE_WINDOW,
                                WHOLE_SLACK)


_NOT_COUNTING = re.compile(r",\s*(?:not\s+counting|excluding|leaving\s+aside|setting\s+aside)\b", re.I)
SET_ASIDE_WINDOW = 6  # (`_set_aside_count_last`) how far down the ranking the sentence counting the thing asked may be
SET_ASIDE_SLACK = 1.0  # … and how much lower it may score


def _set_aside_count_last(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """(A count asked, with what it does not count set aside: "how many staff does Qantas have altogether, not counting
    the jobs that might go offshore?") a lead sentence speaking of the thing set aside ("… 7,000 jobs could shift
    overseas") yields to a sentence of its story nearly as good that counts the asked thing and speaks of nothing set
    aside ("… where most of its 35,000 staff are employed")."""
    if not ranked or not _NOT_COUNTING.match(afterthought(query.text)) or not focus.count_noun:
        return ranked  # (a thing set against, "as against Longbridge's output in 1999", is often in the answer too)
    against = {st for st in words_set_against(query.text) if len(st) > 3}
    if not against & set(stems(ranked[0].hit.sentence.text)):
        return ranked
    counted = re.compile(rf"\d[\d,.]*\s+(?:[a-z-]+\s+){{0,2}}?(?:{'|'.join(map(re.escape, focus.count_noun))})\b", re.I)
    return _story_sentence_first(ranked, lambda text: counted.search(text) and not against & set(stems(text)),
                                 SET_ASIDE_SLACK, SET_ASIDE_WINDOW)


# "what else does Rossignol make?": the verb asked of "else"
_ELSE_DONE = re.compile(r"\bwhat\s+else\s+(?:does|did|do|has|have|had|will|would|can)\s+[^?]*?\b([a-z]{3,})\s*\??\s*$", re.I)


def _also_done_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(What else a firm does asked) a sentence of the best story nearly as good saying it "also" does it ("Rossignol,
    which also makes golf equipment, snowboards and sports clothing") leads over one about something else."""
    m = _ELSE_DONE.search(query.text)
    if not ranked:
        return ranked
    if m is None:
        # "Apart from putting creditors first, what does the new law make harder?": what else it does, too ("The law
        # also makes it more difficult for a company to declare bankruptcy")
        head = _APART_FROM_HEAD.match(query.text)
        asked = set(stems(query.text[head.end():])) - set(stems(" ".join(query.names))) if head else set()
        if not asked:
            return ranked
        return _said_in_story_first(ranked, lambda text: any(
            set(stems(a.group(1))) & asked for a in _ALSO_DOES.finditer(text)), ASIDE_WINDOW_BEYOND, ALSO_SLACK)
    verb = stems(m.group(1))
    if not verb:
        return ranked
    also = re.compile(rf"\balso\s+(?:[a-z]+\s+)?{re.escape(verb[0])}", re.I)
    return _said_in_story_first(ranked, also.search, ASIDE_WINDOW_BEYOND, ASIDE_SLACK_BEYOND)


ALSO_SLACK = 1.0  # (`_also_done_first`) how much lower what else is done, after "apart from …", may score
_APART_FROM_HEAD = re.compile(rf"^\s*(?:{SET_ASIDE})\s+[^,?]+,\s*(?=(?:in\s+|on\s+|for\s+)?(?:what|which)\s+(?:[a-z]+\s+)?"
                             r"(?:does|did|do|will|would|has|have|can)\b)", re.I)  # ("…, in which metals does it …?")
_ALSO_DOES = re.compile(r"\balso\s+(?:[a-z]+\s+)?([a-z]{3,})", re.I)


# "what position will Shiro Tsuda take once …?", "what role will she have?", "what will Mr Tsuda become?": the post
# the named person moves to
_OWN_POST_ASKED = re.compile(r"^\s*(?:and\s+)?what\s+(?:(?:new\s+)?(?:position|post|role|job|title)\s+)(?:will|would|is|does)\s+"
                             r"(?P<who>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,2}?)\s+(?:take|hold|have|get|fill|assume|"
                             r"be\s+given|be\s+taking|move\s+to)\b|^\s*(?:and\s+)?what\s+(?:will|would|is)\s+(?P<who2>"
                             r"[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,2}?)\s+(?:become|be\s+becoming)\b", re.I)
_NOT_NAMES = {t.lower() for t in _TITLES.split("|")} | {"he", "she", "they"}  # (before a name, or for one)


def _own_post_first(query: Query, ranked: list[Ranked]) -> list[Ranked]:
    """(A person's own next post asked) a sentence of the best story saying the person "will become" something ("Mr
    Tsuda, who will become chairman") leads over one where they are only the one succeeded ("Mr Morrow will succeed
    Shiro Tsuda as president": that post is the successor's)."""
    m = _OWN_POST_ASKED.match(query.text)
    if m is None or not ranked:
        return ranked
    words = [w for w in (m.group("who") or m.group("who2")).split() if w.lower().strip(".") not in _NOT_NAMES]
    if not words:
        return ranked
    moves = re.compile(rf"\b{re.escape(words[-1])}(?:['’]s)?\b(?:\s*,\s*who)?\s+(?:will|is\s+to|is\s+set\s+to|is\s+due\s+to|"
                       rf"would|to)\s+(?:become|be\s+named|be\s+appointed|take\s+(?:on\s+|up\s+)?(?:the\s+)?"
                       rf"(?:role|post|job|position)|move\s+to)\b|\b{re.escape(words[-1])}\b\s+(?:becomes|moves\s+to)\b",
                       re.I)
    return _said_in_story_first(ranked, moves.search, ASIDE_WINDOW_BEYOND, None)


COUNT_WINDOW = 4  # (`_count_first`) how far down the ranking a sentence counting the asked thing may be
COUNT_SLACK = 1.0  # … and how much lower it may score
COUNT_ENTITY = 0.3  # … and how much less surely about the entity


_RUN_ASKED = re.compile(r"\b(?:in\s+a\s+row|consecutive|straight|successive|running)\b", re.I)


def _count_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"How many staff does US Airways have?": a best sentence whose numbers count other things ("left 30,000
    passengers stranded") gives way to one nearly as good, about the entity as surely, whose number counts the
    asked thing ("its 28,000 staff")."""
    if not ranked or not focus.count_noun or not _HOW_MANY.match(query.text):
        return ranked
    top = ranked[0]
    if _RUN_ASKED.search(query.text) and counts_run(top.hit.sentence.text, focus):
        return ranked  # ("… does mark a sixth straight quarter of expansion": the run's rank is its count)
    if _RUN_ASKED.search(query.text):
        # "how many expansions in a row …?": the story's sentence giving the run's rank ("the 14th consecutive
        # expansion") leads over one naming the entity with other figures ("the index rose to 57.1")
        run = next((r for r in ranked[1:COUNT_WINDOW] if r.hit.article.id == top.hit.article.id and not r.conflict
                    and counts_run(r.hit.sentence.text, focus)), None)
        if run is not None:
            return led_by(run, ranked)
    if counts_any(top.hit.sentence.text, focus):
        return ranked
    counting = next((r for r in ranked[1:COUNT_WINDOW] if not r.conflict and r.attribute and r.score >= top.score - COUNT_SLACK
                     and r.entity >= top.entity - COUNT_ENTITY and counts_any(r.hit.sentence.text, focus)), None)
    return led_by(counting, ranked)


# The seat of the firm a story is about, which it does not name there: "take the Virginia-based firm private"
_THE_FIRM_SEAT = re.compile(rf"\bthe\s+[A-Z][\w'’-]*-based\s+(?:{_FIRM_KINDS})\b")
# A seat written before a name: "Boston-based private investment firm Highfields Capital Management"
_SEAT_BEFORE_NAME = re.compile(r"\b[A-Z][\w'’-]*-based\s+(?:[a-z][\w-]*\s+){0,4}"
                               r"([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)")


def _seat_of_others(focus: Focus, text: str) -> bool:
    """Whether every seat a sentence names is written before the name of a firm other than the one asked about ("the
    bid has come from Boston-based … Highfields Capital", asked where Circuit City is based)."""
    names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
    seats = list(_SEAT_BEFORE_NAME.finditer(text))
    return bool(names) and len(seats) == len(_PLACED.findall(text)) > 0 and not any(
        mentions_any(m.group(1).lower(), names) for m in seats)


def _seat_first(query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
    """"Where is Continental Airlines based?": the best sentence naming the firm's seat ("Houston-based
    Continental …"), about the entity as surely as the best one, leads over one that names no seat, or only
    another firm's ("Boston-based … Highfields Capital" asked of Circuit City, which "the Virginia-based firm" is)."""
    if not ranked or not _WHERE_BASED.search(query.text):
        return ranked
    top = ranked[0]
    if _PLACED.search(top.hit.sentence.text) and not _seat_of_others(focus, top.hit.sentence.text):
        return ranked
    seat = next((r for r in ranked[1:EVIDENCE_SIZE] if _PLACED.search(r.hit.sentence.text) and not r.conflict
                 and (r.entity >= top.entity or r.hit.article.id == top.hit.article.id and _THE_FIRM_SEAT.search(
                     r.hit.sentence.text)) and not _seat_of_others(focus, r.hit.sentence.text)), None)
    return led_by(seat, ranked)


def _gives_place(text: str) -> bool:
    """Whether a sentence says where something is: a country, or a place named as a seat ("London-based",
    "based in Dublin", "headquarters in Osaka"). "is based on questionnaires of 166 call centres" is none."""
    return bool(parties_in(text)) or bool(_PLACED.search(text))


def _part_of(name: str, focus: Focus, story: str) -> bool:
    """Whether another name is a part of a focus entity or its short form: inside its name ("Chrysler" of
    DaimlerChrysler), or given in brackets after a phrase naming it ("the Karachi Stock Exchange (KSE)")."""
    key = name.lower()
    names = [n for i in range(len(focus.entities)) for n in focus.names_of(i) if n]
    if any(key in n or n in key for n in names):
        return True
    if re.search(rf"\(\s*{re.escape(key)}", story.lower()) is None:
        return False  # (no brackets hold it: the costly search below would find nothing)
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)[^.()]{{0,50}}\(\s*{re.escape(name)}\s*\)", story, re.I)
               for n in names)


_SAID_BY = r"\b(?:according to|says?|said)\s+(?:the\s+)?"  # (before the name of a fact's source)
_SAID_BY_RE = re.compile(_SAID_BY, re.I)


def _sourced(query: Query, focus: Focus) -> bool:
    """Whether a question names its entities only as its source ("… according to JD Power"): they say
    the fact, it is not theirs."""
    names = [n for i in range(len(focus.entities)) for n in focus.names_of(i) if n]
    return bool(names) and _SAID_BY_RE.search(query.text) is not None and all(
        re.search(rf"{_SAID_BY}{re.escape(n)}\b", query.text, re.I) for n in names)


def _source_only(query: Query, name: str) -> bool:
    """Whether the question names `name` only as where its fact comes from: "according to X" (as
    `_sourced`), or "in the latest X report", "X figures show …"."""
    if name.lower() not in query.text.lower():
        return False
    n = re.escape(name)
    return compiled(rf"{_SAID_BY}{n}\b|\b{n}(?:['’]s)?\s+(?:report|figures|data|survey|poll|statistics|"
                    rf"estimates?|study)\b", re.I).search(query.text) is not None


def _word_starts(body: str, words: Sequence[str]) -> list[int]:
    """Where words (lower case) begin a word of `body`, in order: plain substring searches, which are
    many times faster than a case-insensitive regular expression over every article of a firm."""
    lower = body.lower()
    if len(lower) != len(body):  # a letter whose lower case is longer: offsets would shift
        return [m.start() for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, words)) + r")", body, re.I)]
    found = []
    for word in words:
        at = lower.find(word)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                found.append(at)
            at = lower.find(word, at + 1)
    return sorted(found)


_AUXILIARIES = frozenset("had has have having was were been being is are be am did does do will would could should might "
                         "may must can shall".split())


def _graded_bases(word: str) -> list[str]:
    """The words a comparative or superlative may be made from: "likeliest" -> "likely", "cheapest" -> "cheap",
    "biggest" -> "big", "safer" -> "safe"; and the word a doer is named from ("freighters" -> "freight")."""
    if word.endswith("ers") and len(word) > 6:
        return _graded_bases(word[:-1])
    for ending in ("iest", "ier"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return [word[: -len(ending)] + "y"]
    for ending in ("est", "er"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            bases = [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.append(stem[:-1])  # "biggest" -> "big"
            return bases
    return []


# People named in a row or set off by a comma: ", Alan Pike and Rita Moss," (a person read without a role)
_PEOPLE_LISTED = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+(?:\s*,|\s+and\s+[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?"
                            r"[A-Z][a-z'’-]+)")


# "which US oil giant …?", "which bank …?": a firm asked for by its kind (the kind is the last word)
_WHICH_FIRM = re.compile(r"^\s*(?:and\s+)?which\s+(?:[\w'’-]+\s+){0,3}?(giant|firm|company|bank|group|carrier|airline|"
                         r"retailer|insurer|lender|carmaker|maker|producer|operator|brewer|chain|supermarket)\b", re.I)


def _firm_answered(question: str, quote: str, lexicons: Sequence[Lexicon]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The firm a "which … giant/firm/bank …?" question was answered with, as a stored name (its key and display),
    when the answering sentence writes it after the kind ("US oil giant Exxon said …"); else None."""
    m = _WHICH_FIRM.match(question)
    if m is None:
        return None
    named = re.search(rf"\b(?i:{m.group(1)})\s+([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)", quote)
    keys = find_names(named.group(1), lexicons) if named else []
    if not keys:
        return None
    return (keys[0],), (lexicons_display(keys[0], lexicons),)


# Words a name's acronym leaves out: "Food and Agriculture Organisation" is the FAO
_NOT_INITIALS = frozenset({"of", "and", "&", "the", "for", "de"})


_OBJECT_NEXT = re.compile(r"\s+(?:the|a|an|its|their|his|her|this|that|these|those)\b", re.I)


def _adverb_bases(word: str) -> list[str]:
    """The words an adverb in -ly may be made from: "fluently" from "fluent", "heavily" from "heavy"."""
    if len(word) < 6 or not word.endswith("ly"):
        return []
    return [word[:-2]] + ([word[:-3] + "y"] if word.endswith("ily") else [])


class Answerer:
    """Reading the question, retrieval, judgement and composition; an optional LLM writes the prose."""

    def __init__(self, retriever: Retriever, llm: LLMAnswerer | None = None, *,
                 memory: Memory | None = None) -> None:
        self.retriever = retriever
        self.llm = llm
        self.memory = memory if memory is not None else Memory()
        self.composer = Composer(retriever.store.facts, retriever.store.sentences, self._stored_name)
        self._speller: tuple[tuple[int, ...], Speller] | None = None
        self._parts: tuple[tuple[int, ...], tuple[frozenset[str], frozenset[str]]] | None = None

    def _stored_name(self, word: str) -> bool:
        """Whether the store knows `word` (lower case) as a name it does not mostly write in lower case."""
        lexicons = self.retriever.lexicons
        return any(lx.is_name(word) for lx in lexicons) and not any(lx.mostly_lower(word) for lx in lexicons)

    def _stored_stems(self, word: str) -> bool:
        """Whether the store holds every stem of `word` (in any of its forms), or of the word an adverb is made
        from ("fluently" where the store writes "fluent")."""
        return any((found := stems(form)) and all(self.retriever.stem_df(st) for st in found)
                   for form in (word, *_adverb_bases(word)))

    def speller(self) -> Speller:
        lexicons = self.retriever.lexicons
        key = tuple(id(lx) for lx in lexicons)
        if self._speller is None or self._speller[0] != key:
            self._speller = (key, Speller(lexicons, context=self.retriever.context_scores,
                                          stored_stem=self._stored_stems))
        return self._speller[1]

    # ---- reading the question -----------------------------------------------------------------
    def read(self, question: str, conversation: str | None) -> tuple[str, str, Turn | None, str]:
        """(text to answer, read_as for the user, last turn, special follow-up kind)."""
        text = plain_question(" ".join(question.split()))  # ("hi, can you tell me …, please?")
        lexicons = self.retriever.lexicons
        speller = self.speller()
        corrected = speller.correct(text, find_names(text, lexicons))
        turn = self.memory.get(conversation)
        resolved, special = (corrected.text, "")
        if turn is not None:
            resolved, special = resolve_followup(corrected.text, turn, lexicons, self._story_text(turn))
        if turn is not None and turn.person:
            resolved = job_of(resolved, (turn.person,))
        read_as = resolved if (corrected.changed or resolved != corrected.text) else ""
        return resolved, read_as, turn if (special or resolved != corrected.text) else None, special

    def _story_text(self, turn: Turn) -> str:
        article = self.retriever.store.article(turn.article_id) if turn.article_id else None
        return f"{article.title}\n{article.body}" if article is not None else ""

    def _story_sentences(self, query: Query, article_id: str) -> list[str]:
        """The last answer's story's sentences that share a content word with a follow-up question (or an
        alternative retrieval takes for one, or a longer form of one: "work" in "workers", "chairman" in
        "chairmanship")."""
        words = set(stems(" ".join(t for t in query.terms if len(t) > 2)))
        if not words:
            return []
        # (and the words retrieval takes for them: "accused" is said as "allegations")
        words |= {w for alternatives in self.retriever.query_words(query)[1].values() for w in alternatives
                  if len(w) > 2}
        longer = re.compile(r"\b(?:" + "|".join(sorted(re.escape(w) for w in words if len(w) >= 4)) + r")\w", re.I) \
            if any(len(w) >= 4 for w in words) else None
        store = self.retriever.store
        return [s.id for s in store.sentences(article_id)
                if words & set(stems(s.text)) or (longer is not None and longer.search(s.text))]

    def _remember(self, conversation: str | None, text: str, query: Query, focus: Focus, answer: Answer,
                  turn: Turn | None) -> None:
        """Keep this question for the next one. A question naming nobody keeps the last subject (so
        "it" still means Qantas two questions on); an abstention keeps the subject but no story."""
        if conversation is None:
            return
        entities, display = written_subjects(text, focus.entities, focus.display)
        if not entities and not query.parties and turn is not None:
            entities, display = turn.entities, turn.display
        first = None if answer.abstained else answer.citations[0]
        if not entities and not query.parties and first is not None:
            # "what profit does next expect?" answered from "Weak end-of-year sales hit Next": the name the
            # question wrote in lower case is the story's subject, so "the retailer's" next stands for it
            article = self.retriever.store.article(first.article_id)
            words = set(re.findall(r"[a-z][\w'’&-]*", text.lower()))
            named = [w for w in _title_names(article.title) if w.lower() in words] if article else []
            if len(named) == 1:
                entities, display = (named[0].lower(),), (named[0],)
        firm = _firm_answered(text, first.quote, self.retriever.lexicons) if first is not None else None
        if firm is not None:  # "which US oil giant …?" answered "US oil giant Exxon …": "it" is Exxon next
            entities, display = firm
        story_facts = self.retriever.store.facts(first.article_id) if first is not None else []
        person = ""
        if query.kind == "person" and answer.lead_kind == "synthesised":
            person = re.sub(r"\s*\(.*$", "", answer.lead).strip()
        elif first is not None:
            # the one person the answering sentence names ("Judge Letitia Clark will start …")
            person = _person_named(story_facts, first) or _speaker_opening(first.quote, story_facts) or (
                _answered_person(story_facts, first, text) if query.kind == "person" else "")
        if not person and turn is not None and (not focus.entities or (turn.person and _named(turn.person, text))):
            person = turn.person  # still the one spoken of ("since when has Vidal been chairman?" read from "he")
        things = plural_thing(text) or (turn.things if turn is not None and entities[:1] == turn.entities[:1] else "")
        if first is None:  # abstained
            # a near miss keeps the story of its closest sentence ("the deal" may be asked next),
            # but no sentence: there is no answer to attribute or date
            story = answer.citations[0].article_id if (answer.near_miss and answer.citations) else None
            if story is None and turn is not None:
                # a follow-up the story did not answer leaves the conversation in that story ("and what
                # savings should the cuts bring?" after one it could not answer is still about it)
                story = turn.article_id
            if entities:
                self.memory.put(conversation, Turn(question=text, kind=query.kind, entities=entities, display=display,
                                                   attribute=focus.attribute, parties=query.parties,
                                                   article_id=story, things=things,
                                                   people=self._people_among(entities, display)))
            return
        self.memory.put(conversation, Turn(
            question=text, kind=query.kind, entities=entities, display=display, attribute=focus.attribute,
            article_id=first.article_id, sentence_id=first.sentence_id, parties=query.parties,
            story_parties=_main_parties(story_facts), person=person,
            cited=tuple(c.sentence_id for c in answer.citations), things=things,
            people=self._people_among(entities, display),
        ))

    def _people_among(self, keys: Sequence[str], shown: Sequence[str]) -> tuple[str, ...]:
        """Which of a question's names are people: those a person fact of one of the first few stories
        naming them gives in full ("Gordon Brown"), so a later "it" is not read as one of them."""
        store, lexicons = self.retriever.store, self.retriever.lexicons
        people = []
        for key, name in zip(keys, shown):
            if " " not in name.strip():
                continue  # one word: a surname is too weak a sign ("Brown", "Next")
            stories = list(dict.fromkeys(a for lx in lexicons for a in lx.articles_of(key)))[:PEOPLE_STORIES]
            if any(f.type == "person" and f.value.lower() == name.lower() for a in stories for f in store.facts(a)):
                people.append(name)
        return tuple(people)

    # ---- evidence -----------------------------------------------------------------------------
    def _entity_sentences(self, query: Query, focus: Focus, filters: Filters | None) -> list[str]:
        """Sentences of the focus entity's articles that carry the wanted attribute's words (or,
        when no attribute is typed, what else the question asks: "who are Exel's customers")."""
        if not focus.entities or len(focus.entity_articles) > MAX_ENTITY_ARTICLES:
            return []
        words = _attribute_words(focus)
        if not words and not focus.why:
            named = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in stems(n)}
            words = {w for w in self.retriever.query_words(query)[0] if w not in named and len(w) > 2}
        if not words:
            return []
        cause = focus.why and not (focus.role or focus.count_noun or focus.noun or focus.measure)
        lowered = sorted({w.lower() for w in words})
        store = self.retriever.store
        ids = []
        for article_id in sorted(focus.entity_articles):
            article = store.article(article_id)
            if article is None:
                continue
            # one pass over the body (most articles have none of the words), then the sentences holding a match;
            # a cause in every way the ranking knows ("had hit", "as costs rose")
            found = (cause_starts(article.body) if cause
                     else _word_starts(article.body, lowered))
            if found:
                ids.extend(s.id for s in store.sentences(article_id)
                           if (i := bisect_left(found, s.start)) < len(found) and found[i] < s.end)
        return ids

    def _age_sentences(self, focus: Focus) -> list[str]:
        """For "how old is X?": the sentences of X's stories giving an age beside X's surname ("Dr Greenspan,
        79, …"), which share no other word with the question and would not be retrieved among X's many
        mentions; in the stories naming X, or naming X's surname alone. Only for a person's name (two words
        or more) in few enough stories."""
        if not focus.entities or len(focus.entity_articles) > MAX_ENTITY_ARTICLES:
            return []
        surnames = {d.split()[-1] for d in focus.display if len(d.split()) >= 2}
        store = self.retriever.store
        # (an age is said by what one is: "The 35-year-old airline transports …", in its story)
        ids = [s.id for article_id in sorted(focus.entity_articles) for s in store.sentences(article_id)
               if _AGED_AS.search(s.text)]
        if not surnames:
            return ids
        near = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(surnames)))}),\s+\d{{2}},|\b(?:"
                          rf"{'|'.join(map(re.escape, sorted(surnames)))})\b[^.]{{0,40}}\baged\s+\d{{2}}\b")
        lexicons = self.retriever.lexicons
        stories = set(focus.entity_articles)
        for surname in surnames:  # ("Mr Greve, 58, …" in a story that never writes his first name)
            found = {a for lx in lexicons for a in lx.articles_of(surname.lower())}
            if len(found) <= MAX_ENTITY_ARTICLES:
                stories |= found
        for article_id in sorted(stories):
            article = store.article(article_id)
            if article is not None and near.search(article.body):
                ids.extend(s.id for s in store.sentences(article_id) if near.search(s.text))
        return ids

    def _story_causes(self, ranked: Sequence[Ranked], hits: Sequence[Hit]) -> list[str]:
        """For a why-question: the sentences of the leading story saying a cause outright that retrieval
        left out ("The main reason is probably that the domestic economy is still weak" shares no word
        with "why did business confidence fall?"), and the one before any of its first sentences that tells what
        that brought about ("This has earned him the disapproval of rural farm workers": the one before says what)."""
        present = {h.sentence.id for h in hits}
        story = ranked[0].hit.article.id
        before = {r.hit.sentence.position - 1 for r in ranked[:EVIDENCE_SIZE]
                  if r.hit.article.id == story and _AS_A_RESULT.match(r.hit.sentence.text)}
        return [s.id for s in self.retriever.store.sentences(story)
                if s.id not in present and (cause_grade(s.text) == 3 or s.position in before)]

    def evidence(self, query: Query, filters: Filters | None = None, focus: Focus | None = None,
                 prefer: str | None = None, *, carried: bool = False,
                 parallel: Parallel | None = None, pronoun: tuple[int, ...] = (),
                 within: frozenset[str] = frozenset()) -> tuple[list[Ranked], Judgement]:
        """Ranked evidence. `prefer`: the last answer's story (a follow-up). `carried`: the focus
        entity comes from the last question, not from the asker's words. `parallel`: the last
        question again about another name or country ("and Carlsberg?"). `pronoun`: the focus
        entities that the asker's "it" stood for ("what stake is it buying?"), by index. `within`: the
        stories a follow-up naming nobody may be answered from (the last one and others on its subject)."""
        focus = focus or Focus()
        extra = self._entity_sentences(query, focus, filters) + (self._story_sentences(query, prefer) if prefer else [])
        for story in sorted(within - {prefer}):
            extra += self._story_sentences(query, story)
        if parallel is not None and parallel.story:
            extra += self._naming_sentences(focus, parallel)
        if _HOW_OLD.search(query.text):
            extra += self._age_sentences(focus)
        # names, and the scope (handled by the scope rules): what is left is what is asked of them
        names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        names += [*focus.years, *focus.months, *focus.counterpart]
        hits = self.retriever.search(query, filters, k=CANDIDATES, extra=extra, names=names)
        hits = self._with_list_items(query, hits, filters)
        self._read_before(hits, focus)
        ranked = rank(query, focus, hits, prefer)
        if focus.why and ranked and parallel is None:
            causes = self._story_causes(ranked, hits)
            if causes:  # the leading story's cause sentences that share no word with the question
                hits = self.retriever.search(query, filters, k=CANDIDATES, extra=extra + causes, names=names)
                hits = self._with_list_items(query, hits, filters)
                self._read_before(hits, focus)
                ranked = rank(query, focus, hits, prefer)
        if carried:
            # A subject the asker did not name is asserted only from sentences that name it: in
            # Shell's story, "ExxonMobil signed a $12.8bn deal" is no answer to "the deal" of Shell.
            for r in ranked:
                if r.entity > 0.6 and not _names_focus(focus, r.hit.sentence.text):
                    r.score -= 1.5 * (r.entity - 0.6)
                    r.entity = 0.6
            ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
        if pronoun and any(i < len(focus.entities) for i in pronoun):
            # "what tax does India want it to pay?" with "it" read as Cairn: a story that never names Cairn
            # answers something else (India's gas deal), however well it matches the asker's words
            lexicons = self.retriever.lexicons
            about = [{a for lx in lexicons for a in lx.articles_of(focus.entities[i])} for i in pronoun
                     if i < len(focus.entities)]
            if all(about):
                for r in ranked:
                    if any(r.hit.article.id not in where for where in about):
                        r.score -= ELSEWHERE
                ranked.sort(key=lambda r: (-r.score, r.hit.sentence.id))
        if within:
            # a follow-up naming nobody stays in the conversation's story (or another on its subject)
            # (none there: nothing is said, rather than another story's figure as if it were the story's)
            ranked = [r for r in ranked if r.hit.article.id in within]
            if (focus.role or focus.measure or focus.count_noun) and ranked and not ranked[0].attribute:
                # what is asked ("how many people work …": a count of workers), said there, before what only
                # shares its words ("Administrators of the ranch …")
                carrier = next((r for r in ranked if r.attribute and not r.conflict and r.hit.article.id == prefer),
                               None) or next((r for r in ranked if r.attribute and not r.conflict), None)
                if carrier is not None:
                    ranked.remove(carrier)
                    ranked.insert(0, carrier)
        judged = None
        if parallel is not None:
            # whether the store answers at all is judged on the question's own ranking too: a
            # preference for what was swapped in must not turn an answerable question away
            judged = judge(query, [r.hit for r in ranked[:EVIDENCE_SIZE]])
            ranked = _parallel(ranked, focus, parallel)
            ranked = self._kind_in_story(query, focus, ranked, None)  # "and ebbers?" after an age: his age
        if prefer:
            named: frozenset[str] = frozenset()
            if pronoun and (focus.role or focus.measure or focus.count_noun):
                named = frozenset(r.hit.sentence.id for r in ranked if r.hit.article.id == prefer and (
                    _names_focus(focus, r.hit.sentence.text, pronoun) or _OWN_SUBJECT.match(r.hit.sentence.text)))
            ranked = _story_first(ranked, prefer, query.text, named)
            if focus.per_share and focus.measure == "price":
                ranked = _each_in_story(ranked, prefer)
            asked = _why_asked(query, focus) if focus.why and ranked else None
            if asked is not None and asked.grade(ranked[0].hit.sentence.text) == 0:
                # (a story sentence giving no cause at all, "It said it was 'dismayed' at the situation", yields to
                # the story's one giving it: "The FER blames this on a 2004 law")
                ranked = _cause_first(ranked, asked)
            ranked = self._kind_in_story(query, focus, ranked, prefer)
        elif parallel is None and _HOW_OLD.search(query.text):
            ranked = self._kind_in_story(query, focus, ranked, None)  # "how old is X?": X's age, any story
        judgement = judge(query, [r.hit for r in ranked[:EVIDENCE_SIZE] if r.entity > 0 or not focus.entities]
                          or [r.hit for r in ranked[:1]])
        if judged is not None and judged.answerable and not judgement.answerable:
            judgement = judged
        if not judgement.answerable and prefer and within:
            judgement = _carried_in_story(focus, ranked, prefer) or _named_in_story(query, ranked, prefer) or judgement
        return ranked, judgement

    def _kind_in_story(self, query: Query, focus: Focus, ranked: list[Ranked], story: str | None) -> list[Ranked]:
        """A follow-up about the last answer's story asking a kind of answer ("since when has he been
        chairman?": a date; "how old is he?": an age): when the leading sentence does not give it, the
        story's sentence that does and speaks of what is asked leads ("Since taking over the
        chairmanship in 1986, he …"), though it names the subject only as "he". An age is the subject's
        own, whichever story gives it: with no such sentence in the story (or no story: `None`, for "and
        ebbers?" after an age), one elsewhere naming the subject leads."""
        named = _naming(query.text)
        if named is not None and ranked and story:
            # "which court?": the story's sentence naming one ("the Lisbon criminal court"), not one merely
            # speaking of a court ("Arriving at court, …"); "what's the name of the steel mill …?": one naming
            # the mill after it too ("The mill, Krivorizhstal, is …")
            found = next((r for r in ranked if r.hit.article.id == story and named.search(r.hit.sentence.text)), None)
            if found is not None and not named.search(ranked[0].hit.sentence.text):
                return [found] + [r for r in ranked if r is not found]
            return ranked
        asked = _asked(query, focus)
        if not asked.kind or not ranked:
            return ranked
        if _EACH_OF_GROUP.search(query.text) and _EACH_GIVEN.search(ranked[0].hit.sentence.text):
            return ranked  # "how many shares did each of the applicants get?": "… applicants got 9 shares each"
        least = asked.strength(focus, ranked[0])
        names = {w for i in range(len(focus.entities)) for n in focus.names_of(i) for w in n.lower().split()}
        words = [w for w in stems(" ".join(t for t in query.terms if len(t) > 2 and t not in _KIND_WORDS))
                 if w not in names]
        # (and the words retrieval takes for them: "tried out" is said as "trialled")
        others = sorted({w for alternatives in self.retriever.query_words(query)[1].values() for w in alternatives
                         if len(w) >= 4} - set(words)) if words else []

        def told(r: Ranked) -> int:  # how many of the words asked (or their longer forms) the sentence says
            low = r.hit.sentence.text.lower()
            return sum(re.search(rf"\b{re.escape(w)}", low) is not None for w in [*words, *others] if len(w) >= 4)

        def speaks_of(r: Ranked) -> bool:
            text = r.hit.sentence.text
            if not words:  # "how old is Alan Greenspan?": a sentence naming him, in full or by surname
                return _names_focus(focus, text) or any(_named(shown, text) for shown in focus.display)
            return told(r) > 0 or bool(set(words) & set(stems(text)))

        # (of the story's sentences giving the kind, the one speaking of most of what is asked, the first on a tie:
        # "since new measurement rules were introduced in 2001", not "falling … since April 2004", asked since when
        # the rules have held)
        giving = [r for r in ranked if r.hit.article.id == story and not r.conflict
                  and asked.strength(focus, r) >= least + KIND_STEP and speaks_of(r)] if story else []
        found = max(giving, key=told) if giving else None
        if found is None and asked.kind in _OWN_PROPERTY and focus.display:
            # "how old is he?": an age belongs to the person, not to a story; another story giving it
            # of the one asked about (named in full or by surname: "Mr Sullivan, 42, …") answers
            found = next((r for r in ranked if not r.conflict and asked.strength(focus, r) >= least + KIND_STEP
                          and (_names_focus(focus, r.hit.sentence.text)
                               or any(_named(shown, r.hit.sentence.text) for shown in focus.display))), None)
        if found is None and asked.kind == "age" and focus.entities:
            # (an age, in the story, said by what one is: "The 35-year-old airline …")
            found = next((r for r in ranked if not r.conflict and r.entity >= AGED_AS_ENTITY
                          and _AGED_AS.search(r.hit.sentence.text)), None)
        if found is None or found is ranked[0]:
            return ranked
        return [found] + [r for r in ranked if r is not found]

    def _naming_sentences(self, focus: Focus, parallel: Parallel) -> list[str]:
        """The last answer's story's sentences that name what an "and X?" follow-up swapped in:
        "Carlsberg saw annual pre-tax profits fall to …" shares no other word with the question."""
        ids = []
        for sentence in self.retriever.store.sentences(parallel.story):
            text = sentence.text
            if any(mentions_any(text.lower(), focus.names_of(i)) for i in parallel.names) or any(
                    p in parties_in(text) for p in parallel.parties) or any(
                    phrase_in(p, text) for p in parallel.phrases):
                ids.append(sentence.id)
        return ids

    def _parallel_of(self, query: Query, focus: Focus, turn: Turn) -> Parallel | None:
        """For an "and X?" follow-up: what was swapped in, and the figures the last answer gave."""
        names = tuple(i for i, key in enumerate(focus.entities) if key not in turn.entities)
        parties = tuple(p for p in query.parties if p not in turn.parties and not any(
            country_of(d) == p for d in turn.display))
        phrases: tuple[str, ...] = ()
        swapped_out: tuple[str, ...] = ()
        if not names and not parties:
            # "and in IT?" read as the last question with a phrase swapped: that phrase is what is new
            new, old = _swapped(turn.question, query.text)
            if not new or not any(w.isupper() or w.lower() not in FUNCTION_WORDS or _MONTH.fullmatch(w)
                                  for w in new.split()):
                return None  # (a month swapped in is a phrase too: "and in october?" is asked of October)
            phrases, swapped_out = (new,), ((old.lower(),) if old else ())
        units: frozenset[str] = frozenset()
        forecast = False
        if turn.article_id and turn.sentence_id:
            units = figure_kinds([f for f in self.retriever.store.facts(turn.article_id)
                                  if turn.sentence_id in f.sentence_ids])
            answered = self.retriever.store.sentence(turn.sentence_id)
            forecast = answered is not None and bool(_FORECAST.search(answered.text))
        old_parties = tuple(dict.fromkeys(list(turn.parties) + [c for d in turn.display if (c := country_of(d))]))
        old_names = tuple(dict.fromkeys(n.lower() for n in turn.entities + turn.display if n.lower() not in focus.entities))
        return Parallel(names, parties, units, turn.article_id, turn.sentence_id, old_names + swapped_out,
                        tuple(p for p in old_parties if p not in query.parties), forecast, phrases)

    def _with_list_items(self, query: Query, hits: list[Hit], filters: Filters | None) -> list[Hit]:
        """For list questions, bring in the top articles' other sentences holding the wanted facts."""
        if not hits or not query.wants_list:
            return hits
        wanted = {"sector": "sector", "party": "party"}.get(query.kind)
        if wanted is None:
            return hits
        present = {h.sentence.id: h for h in hits}
        extra = []
        store = self.retriever.store
        tops = list(dict.fromkeys(h.article.id for h in hits[:5]))[:3]
        for top in (next(h for h in hits if h.article.id == a) for a in tops):
            facts = store.facts(top.article.id)
            listed = [f for f in facts if f.type == wanted]
            # A story that lists several of the wanted facts is a better answer to a list question.
            weight = min(len({f.value for f in listed}), 5) * 0.06
            for fact in listed:
                for sid in fact.sentence_ids:
                    if sid in present:
                        hit = present[sid]
                        if hit.article.id == top.article.id:
                            hit.score = max(hit.score, top.score * 0.8) + weight
                            hit.type_match = True
                        continue
                    sentence = store.sentence(sid)
                    if sentence is None:
                        continue
                    hit = Hit(sentence, top.article, 0.0, top.score * 0.8 + weight, top.coverage * 0.6,
                              top.party_match, True, [f for f in facts if sid in f.sentence_ids])
                    present[sid] = hit
                    extra.append(hit)
        return hits + extra

    # ---- answering ----------------------------------------------------------------------------
    async def answer(self, question: str, filters: Filters | None = None, *,
                     conversation: str | None = None) -> Answer:
        """Answer `question`; `conversation` keys the follow-up memory (None: one-shot)."""
        raw = " ".join(question.split())
        if looks_foreign(raw, self.speller()):
            return await self._foreign(raw, filters, conversation)
        text, read_as, turn, special = self.read(raw, conversation)
        query = analyse(text)
        if special == "story":  # "who else was in the running?": "else" points back, it is not a word to find
            query = replace(analyse(_ELSE.sub(" ", text)), text=text)
        # "and what about forestry?" read as the last question, then ": what about forestry?": the fragment asked
        opening = turn.question.rstrip(" ?!.") + ": " if special == "topic" and turn is not None else ""
        narrowed = bool(opening) and text.startswith(opening)
        fragment = text[len(opening):] if narrowed else ""
        if narrowed:
            # "and what about forestry?": the new words lead, in the last answer's story first
            query = replace(analyse(fragment), text=text)
            said = [st for t in query.terms for st in stems(t)][:63]
            if not said or (turn.article_id and len(query.terms) <= NARROWING_TERMS
                            and not any(self.retriever.article_words([turn.article_id], said).values())):
                # "to what total?" after "by how much was the budget raised?": the story never says "total", so
                # the new words are no topic of their own; the question read whole finds the figure in it (as it
                # does for a fragment with no words to find at all: "to what?")
                query = analyse(text)
        elif special == "topic" and turn is not None:
            # "what are its dog tracks worth?" read as "… Wembley's …": the subject is the focus (and
            # the last story is searched first), but the words to find are the asker's own
            typed = set(stems(raw))
            carried_words = {w for name in turn.display + turn.entities for w in stems(name)} - typed
            own = tuple(t for t in query.terms if not set(stems(t)) <= carried_words)
            if own and len(own) < len(query.terms):
                query = replace(query, terms=own)
        if turn is None and _CONTEXT_ONLY.match(text):
            return Answer(question=text, text=NEEDS_CONTEXT, citations=(), mode="extractive", abstained=True)
        if special in ("who_said", "when") and turn is not None:
            return self._about_last(special, query, turn, read_as, conversation)
        focus = self._spelled(analyse_focus(query, self.retriever.lexicons))
        if narrowed:
            focus = _fragment_asks(focus, fragment, self.retriever.lexicons)
        own_focus, own_read_as = focus, read_as
        carried = False
        pronoun: tuple[int, ...] = ()
        subject = self._carried_subject(turn, text) if special == "story" and turn is not None and turn.display else ""
        if (subject and not focus.entities and not query.parties
                and not _ELSE.search(text) and not _THING.search(text) and not _EACH_OF_GROUP.search(text)):
            # not for "who else …" (others than the last subject), nor an "it" left unread on purpose, nor a group
            # the question names as its subject ("how many shares did each of the applicants get?")
            # "how much is the deal worth?" after a question about Shell: Shell's deal, and said so
            focus = self._spelled(analyse_focus(query, self.retriever.lexicons, text=f"{query.text} {subject}"))
            if focus.entities:
                read_as = f"{text.rstrip()} (about {subject})"
                carried = True
                standing = {m.group(1).lower() for m in _STANDS_FOR.finditer(text)}
                if standing and len(standing) < len(query.terms):
                    # "the club's biggest investor" about Borussia Dortmund: "club" stands for the name, which
                    # the sentence that answers writes instead; it is not a word to find
                    query = replace(query, terms=tuple(t for t in query.terms if t not in standing))
        if special == "topic" and turn is not None and focus.entities and not narrowed:
            # "what stake is it buying?": the subject "it" stands for is carried, not named by the asker
            pronoun = tuple(i for i in range(len(focus.entities)) if not mentions_any(raw.lower(), focus.names_of(i)))
        if not focus.entities and not query.parties and _NO_ONE.search(text) and not find_names(text, self.retriever.lexicons):
            # "how old is he?" with no one the conversation spoke of: a sentence about "the old board" would answer
            return Answer(question=query.text, text=NEEDS_WHO, citations=(), mode="extractive", abstained=True,
                          read_as=read_as)
        owner = _GENERIC_OWNER.search(main_clause(text))  # (not one set against what is asked: "…, as opposed to the
        # group's circulation revenues?")
        if owner and not focus.entities and not query.parties and (focus.role or focus.measure or focus.count_noun):
            # "who is the retailer's chief executive?" with no retailer named before: any firm's would do
            return Answer(question=query.text, text=NEEDS_WHICH.format(owner.group(1).lower()), citations=(),
                          mode="extractive", abstained=True, read_as=read_as)
        if not focus.entities and not query.parties and _names_no_owner(text):
            # "who is its chief executive?" with nothing "its" can stand for: another firm's answer
            # would look like this one's, so the asker is asked whose
            return Answer(question=query.text, text=NEEDS_WHOSE, citations=(), mode="extractive", abstained=True,
                          read_as=read_as)
        unknown = self._unknown_names(query, focus)
        if unknown:
            return Answer(question=query.text, text=f"The stored articles do not mention {_join(unknown)}.",
                          citations=(), mode="extractive", abstained=True, read_as=read_as)
        prefer = turn.article_id if (turn is not None and special in ("topic", "story")) else None
        still = None
        if prefer is None and not special:
            prefer = still = self._still_in_story(raw, conversation)
        parallel = self._parallel_of(query, focus, turn) if (turn is not None and special == "entity") else None
        within = self._story_bound(raw, turn) if (turn is not None and special == "story") else frozenset()
        ranked, judgement = self.evidence(query, filters, focus, prefer, carried=carried, parallel=parallel,
                                          pronoun=pronoun, within=within)
        self._speaker_first(query, focus, ranked)
        self._quoter_first(query, ranked)
        self._source_first(query, focus, ranked)
        _close_level_first(query, ranked)
        if turn is None:
            ranked = _named_kind_first(query, ranked)
        if turn is not None and special in ("topic", "story"):
            _that_said(ranked, turn, raw)
            baseline = _baseline_first(ranked, turn, raw)
            if baseline is not None and not judgement.answerable:
                judgement = Judgement(True, "the last answer's figure before the change", baseline.hit.article)
        if turn is not None and special == "entity":
            _new_part_first(ranked, turn, raw)
        if still:
            _clearly_elsewhere(ranked, still)
            _something_new(ranked, self.memory.get(conversation))
        if judgement.answerable and turn is None and not self._confirmed(raw, text, query, ranked):
            judgement = Judgement(False, "only a respelt name matches", None)
        # a subject carried from the last question: the other names that question spoke of are no strangers there
        spoken = tuple(turn.display[1:]) if carried and turn is not None else ()
        answer = _age_unstored(query, focus, ranked, read_as) or self._offline(query, focus, ranked, judgement, read_as,
                                                                            spoken=spoken)
        if carried and answer.abstained:
            ranked_own = self.evidence(query, filters, own_focus, prefer, within=within)
            uncarried = self._offline(query, own_focus, *ranked_own, own_read_as)
            if not uncarried.abstained:
                # the subject was our guess ("who is the leader in the market?" asks no role of the firm
                # asked about before): the question as the asker wrote it, in the last story first, answers
                answer, focus, ranked, read_as = uncarried, own_focus, ranked_own[0], own_read_as
        last = turn
        if last is None and answer.citations and not answer.abstained:
            # a question of its own answered from the last answer's story ("who will buy the new stock?" after
            # EuroDisney's share sale) keeps the conversation's subject: "its finances" next is EuroDisney's
            before = self.memory.get(conversation)
            last = before if before is not None and before.article_id == answer.citations[0].article_id else None
        self._remember(conversation, text, query, focus, answer, last)
        if answer.abstained or self.llm is None:
            return answer
        evidence = [
            Evidence(n, r.hit.sentence, r.hit.article, tuple(r.hit.facts))
            for n, r in enumerate(ranked[:EVIDENCE_SIZE], start=1)
        ]
        try:
            written = await self.llm.answer(query.text, evidence)
        except LLMUnavailable as exc:
            log.warning("LLM answer failed, answering offline: %s", exc)
            return replace(answer, note=exc.note)
        lead = re.split(r"\s*\[\d+\]", written.text, maxsplit=1)[0].strip() if not written.abstained else ""
        if read_as and not written.abstained:
            written = replace(written, text=f"Showing results for: {read_as}\n{written.text}")
        return replace(written, read_as=read_as, lead=lead, lead_kind="synthesised" if lead else "none")

    def _other_named_first(self, query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
        """"Air Deccan weighed ATR against which other planemaker's aircraft?": a lead naming no stored firm but the
        question's own ("In a statement, ATR has said deliveries … will begin in 2005") yields to a sentence of its
        story nearly as good naming another ("… an evaluation of both ATR and Bombardier aircraft")."""
        if not ranked or not _OTHER_FIRM_ASKED.search(query.text):
            return ranked
        lexicons = self.retriever.lexicons
        own = set(focus.entities) | {n for i in range(len(focus.entities)) for n in focus.names_of(i)}

        def names_another(text: str) -> bool:
            # another stored name set beside one of the question's ("both ATR and Bombardier aircraft"), not a name
            # the sentence only mentions (the spelt-out name of an acronym asked, a chief executive, a city)
            keys = find_names(text, lexicons)
            mine = [re.escape(k) for k in keys if k in own]
            others = [re.escape(k) for k in keys if k not in own]
            if not mine or not others:
                return False
            a, b = "|".join(mine), "|".join(others)
            return re.search(rf"(?i)\b(?:{a})\s+(?:and|or|against|than|over|versus|vs\.?)\s+(?:{b})\b|"
                             rf"\b(?:{b})\s+(?:and|or)\s+(?:{a})\b", text) is not None
        return _said_in_story_first(ranked, names_another, OTHER_WINDOW, OTHER_SLACK)

    def _other_than_compared_first(self, query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
        """"Which bidder for MCI was thought to have offered more than Verizon?": a lead naming only the question's
        firms ("Verizon's offer is made up of cash …") yields to a sentence nearly as good setting another stored firm
        above or below them ("… rejecting a higher offer from Qwest"): another firm is the answer."""
        if not ranked or not _COMPARED_FIRM_ASKED.match(query.text):
            return ranked
        lexicons = self.retriever.lexicons
        own = set(focus.entities) | {n for i in range(len(focus.entities)) for n in focus.names_of(i)}

        def sets_another(text: str) -> bool:
            return _COMPARATIVE.search(text) is not None and any(k not in own for k in find_names(text, lexicons))

        return _nearly_as_good_first(ranked, sets_another, OTHER_WINDOW, OTHER_SLACK, entity_slack=1.0)

    def _own_subject_first(self, query: Query, focus: Focus, ranked: list[Ranked]) -> list[Ranked]:
        """"How much LNG a year will ExxonMobil take under the Qatargas-2 deal?": a lead whose subject is another
        stored firm ("France's Total is expected to join the ExxonMobil scheme, …, taking 5 million tonnes") gives
        that firm's figure, whatever else it names; a sentence of its story whose subject is the firm asked about and
        which gives a figure ("ExxonMobil will be taking some 15 million tonnes each year …") leads instead."""
        if not ranked or not focus.entities or not (_HOW_MUCH.match(query.text) or _HOW_MANY.match(query.text)):
            return ranked
        # (firms and bodies: a country or a measure named is the scope, "The UK economy grew …" no subject of that kind)
        names = [n.lower() for i in range(len(focus.entities)) for n in focus.names_of(i)
                 if not country_of(n) and n.lower() not in _MEASURE_WORDS]
        doer = _ASKED_DOER.match(query.text)
        if doer is None or not mentions_any(doer.group(1).lower(), names):
            return ranked  # (only a figure of the firm as the doer asked: "how many investment firms agreed the
            # payout with the HMA?" asks no figure of the HMA's)

        def subject(text: str) -> tuple[str, bool]:
            """The run of capitalised words a sentence opens with, past a country's possessive ("France's"), and
            whether there was one (what a country's possessive opens with is a name, stored or not)."""
            owner = _COUNTRY_OWNER.match(text)
            owned = owner is not None and bool(country_of(owner.group(1)))
            m = _LEADING_NAME_RUN.match(text[owner.end():] if owner is not None and owned else text)
            return (m.group(1) if m is not None else ""), owned

        top = ranked[0]
        text = top.hit.sentence.text
        lead, owned = subject(text)
        if not names or not lead or _SPEAKS_AFTER.match(text, text.find(lead) + len(lead)) or mentions_any(lead.lower(), names) or not mentions_any(text.lower(), names) or not (
                (owned or self._is_name(lead)) and not country_of(lead) and not parties_in(lead)):
            return ranked
        for r in ranked[1:OWN_SUBJECT_WINDOW]:
            other = r.hit.sentence.text
            if r.hit.article.id == top.hit.article.id and not r.conflict and mentions_any(subject(other)[0].lower(), names) \
                    and _has_figure(other, query):
                return led_by(r, ranked)
        return ranked

    def _speaker_first(self, query: Query, focus: Focus, ranked: list[Ranked]) -> None:
        """"What did venezuela's prosecutor say …?": the best sentence in which the one asked about speaks
        ("…," state prosecutor Alexis Ortiz told Reuters) leads, when the leading one is someone else's
        words (or no one's, for a speaker asked by a role), and it is about the question's subject. Only
        the best few are read."""
        wanted = asked_speaker(query.text)
        if not wanted or not ranked:
            return
        store, lexicons = self.retriever.store, self.retriever.lexicons

        def fits(r: Ranked) -> bool:
            speaker = speaker_of(store, r.hit.sentence.id, lexicons)
            return speaker is not None and speaker_fits(speaker, wanted)

        if fits(ranked[0]) or role_speaks(ranked[0].hit.sentence.text, wanted):
            return  # (the role asked speaking, unnamed: "France's finance minister has said …")
        person = len(wanted) >= 2 and any(f.type == "person" and f.value.split()[-1].lower() == wanted[-1]
                                          for r in ranked[:SPEAKER_DEPTH] for f in r.hit.facts)
        if find_names(" ".join(wanted), self.retriever.lexicons) and not person and speaker_of(
                store, ranked[0].hit.sentence.id, lexicons) is None:
            return  # a firm asked about speaks through its people: a sentence giving no speaker may be its word
        best = next((r for r in ranked[1:SPEAKER_DEPTH] if (not focus.entities or r.entity >= 0.5) and fits(r)), None)
        if best is not None:
            ranked.remove(best)
            ranked.insert(0, best)

    def _quoter_first(self, query: Query, ranked: list[Ranked]) -> None:
        """"Which Merrill Lynch analyst said nothing fundamental had changed?": when the best sentence is a
        bare quotation ('"Nothing fundamental has changed."') going on from the one before, which says who
        is speaking ('"…," said Jason Daw at Merrill Lynch.'), that one leads: it answers who."""
        if not ranked or not _WHO_SAID.match(SET_AGAINST_ASIDE.sub("", query.text)):
            return
        first = ranked[0]
        store, lexicons = self.retriever.store, self.retriever.lexicons
        if not _BARE_QUOTE.fullmatch(first.hit.sentence.text):
            self._speaker_named_beside(SET_AGAINST_ASIDE.sub("", query.text), ranked)
            if ranked[0] is first:
                self._person_speaking_first(ranked)
            return
        before = _stored_beside(first, store, -1)
        if before is None or not _QUOTE_MARK.search(before.text):
            return
        if speaker_of(store, before.id, lexicons) is None:
            return  # (a person or a body: "which bank said …" is answered by its name as well)
        _speaker_sentence_first(before, ranked, store)

    def _person_speaking_first(self, ranked: list[Ranked]) -> None:
        """"Who in the Bush administration described the budget as the tightest so far?": a lead in which nobody
        speaks ("But the budget is still the tightest yet under Mr Bush's presidency.") yields to a sentence nearly as
        good, among the next few, in which a person speaks ("Vice-President Dick Cheney said the budget was the
        "tightest" so far."): it answers who."""
        first = ranked[0]
        store, lexicons = self.retriever.store, self.retriever.lexicons
        if _VERB_SAID.search(first.hit.sentence.text) or speaker_of(store, first.hit.sentence.id, lexicons) is not None:
            return

        def speaks(r: Ranked) -> bool:
            who = speaker_of(store, r.hit.sentence.id, lexicons)
            return who is not None and who.person and _VERB_SAID.search(r.hit.sentence.text) is not None

        best = next((r for r in ranked[1:SPEAKING_DEPTH] if r.score >= first.score - SPEAKING_SLACK and speaks(r)), None)
        if best is not None:
            ranked.remove(best)
            ranked.insert(0, best)

    def _speaker_named_beside(self, question: str, ranked: list[Ranked]) -> None:
        """"Which Telegraph executive said journalists are the lifeblood of any newspaper?": a leading quotation
        said by "he" ('"…," he said.') yields to the sentence before it naming him ("Telegraph executive Murdoch
        MacLennan said …"); a lead naming no speaker ("One problem identified by Wipro was the high turnover of its
        staff.") to a quotation of the next two sentences said by one fitting the words asked ('"We have to get that
        under control," said vice-chairman Vivek Paul.'): either answers who."""
        first = ranked[0]
        store, lexicons = self.retriever.store, self.retriever.lexicons
        text = first.hit.sentence.text
        wanted = _asked_doer_words(question, lexicons)
        if not wanted:
            return
        if _HE_SAID.search(text):
            # (the sentence just before, if it has one fitting the words asked speak: "he" is not read back any
            # further, past others named on the way)
            before = _stored_beside(first, store, -1)
            named = before if before is not None and _VERB_SAID.search(before.text) and all(
                re.search(rf"(?i)\b{re.escape(w)}", before.text) for w in wanted) else None
        elif speaker_of(store, first.hit.sentence.id, lexicons) is None:
            named = next((s for step in (1, 2) for s in [_stored_beside(first, store, step)]
                          if s is not None and _QUOTE_MARK.search(s.text)
                          for who in [speaker_of(store, s.id, lexicons)]
                          if who is not None and who.person and speaker_fits(who, wanted)), None)
        else:
            return
        if named is not None:
            _speaker_sentence_first(named, ranked, store)

    def _source_first(self, query: Query, focus: Focus, ranked: list[Ranked]) -> None:
        """"By how much did the Halifax say prices fell?": a leading sentence in which another body speaks
        ("the Nationwide said that prices fell 0.2%") gives way to the best of the next few that is not
        another's word, about as good (`SOURCE_SLACK`)."""
        asked = _SOURCE_ASKED.search(query.text)
        if not ranked or asked is None or not focus.entities:
            return
        phrase = next(g for g in asked.groups() if g)
        sources = [i for i in range(len(focus.entities)) if mentions_any(phrase.lower(), focus.names_of(i))]
        if not sources:
            return
        store, lexicons = self.retriever.store, self.retriever.lexicons
        role = asked_speaker(query.text)  # (the body of the source asked, described: "environment agency")

        def anothers(r: Ranked) -> bool:
            speaker = speaker_of(store, r.hit.sentence.id, lexicons)
            if speaker is None or speaker.person or _names_focus(focus, speaker.name, sources):
                return False
            if role and speaker_fits(speaker, role):
                return False  # ("China's environment agency": "The State Environmental Protection Agency said …")
            # (a body reporting the asked source's own word is no other word: "The IMF said that the Sri Lankan
            # authorities' initial estimates have put the physical damage at …")
            told = _REPORTED.search(r.hit.sentence.text)
            if told is None:
                return True
            reported = r.hit.sentence.text[told.end():]
            countries = {country_of(focus.display[i]) for i in sources if i < len(focus.display)} - {None}
            return not _names_focus(focus, reported, sources) and not countries & set(parties_in(reported))

        if not anothers(ranked[0]):
            return
        own = next((r for r in ranked[1:SOURCE_WINDOW] if r.score >= ranked[0].score - SOURCE_SLACK
                    and r.hit.article.id == ranked[0].hit.article.id and not r.conflict and not anothers(r)), None)
        if own is not None:
            ranked.remove(own)
            ranked.insert(0, own)

    def _still_in_story(self, raw: str, conversation: str | None) -> str | None:
        """The last answer's story, for a question of its own asked in the same conversation that names
        something and whose every name is in that story ("what had Wall Street expected?" after a jobs
        figure from a story that cites Wall Street's forecast), or that names nothing and whose words are
        mostly there: it is searched first, as for a follow-up; the ranking still lets another story
        answer when the last one holds no sentence carrying what is asked."""
        turn = self.memory.get(conversation)
        if turn is None or not turn.article_id:
            return None
        story = self._story_text(turn)
        lexicons = self.retriever.lexicons
        names = [lexicons_display(n, lexicons) for n in find_names(raw, lexicons)] + parties_in(raw)
        if names and all(_named(n, story) or n.lower() in story.lower() for n in names):
            return turn.article_id
        if not names and mostly_in_story(raw, story):
            return turn.article_id  # "what did internet fraud come to in 2003?" after a story on card fraud
        return None

    def _subject_stories(self, turn: Turn) -> frozenset[str]:
        """The stories naming every name the last question was about (none when it named none, or a
        name too common to say what the conversation is about)."""
        lexicons = self.retriever.lexicons
        common: set[str] | None = None
        for key in turn.entities:
            found = {a for lx in lexicons for a in lx.articles_of(key)}
            common = found if common is None else common & found
        return frozenset(common) if common and len(common) <= MAX_ENTITY_ARTICLES else frozenset()

    def _carried_subject(self, turn: Turn, text: str) -> str:
        """The last question's subject, which a question naming nobody is about; for a body named by its kind ("the
        watchdog's investigation team") after a question about a person, the body the person speaks or works for, as
        the story gives the role ("Rob McIvor, FSA spokesman": the FSA), or nobody."""
        subject = turn.display[0]
        if subject not in turn.people or not _BODY_OWNER.search(text):
            return subject
        lexicons = self.retriever.lexicons
        for fact in self.retriever.store.facts(turn.article_id or ""):
            role = str(fact.attrs.get("role") or "")
            if fact.type == "person" and fact.value == subject and (names := find_names(role, lexicons)):
                return lexicons_display(names[0], lexicons)
        return ""

    def _story_bound(self, raw: str, turn: Turn) -> frozenset[str]:
        """Where a follow-up naming no firm, person or country is answered: the last answer's story and
        the other stories on its subject; nothing (no bound) when the asker named something."""
        lexicons = self.retriever.lexicons
        if not turn.article_id or find_names(raw, lexicons) or parties_in(raw) or parties_in(raw.title()):
            return frozenset()
        return self._subject_stories(turn) | {turn.article_id}

    def _confirmed(self, raw: str, text: str, query: Query, ranked: Sequence[Ranked]) -> bool:
        """False when typo correction turned a word into a stored name and the best evidence shares
        nothing else with the question: the guess is unconfirmed ("when will the tiktok us sale
        close?" read with "viktor" is not answered by a sentence about Viktor Yushchenko)."""
        typed = set(stems(raw))
        respelt = {w for w in re.findall(r"[a-z][\w'’-]*", text.lower()) if w not in raw.lower()}
        lexicons = self.retriever.lexicons
        guessed = {st for w in respelt if any(lx.is_name(w) or (lx.count(w) and not lx.mostly_lower(w)) for lx in lexicons)
                   for st in stems(w)}  # a word the store writes capitalised: a name
        if not guessed:
            return True
        content = {st for st in stems(" ".join(query.terms)) if len(st) > 2} - guessed
        if not (content & typed):
            return True
        lead = ranked[0].hit if ranked else None  # the sentence the answer would open with
        return lead is None or bool(content & set(stems(f"{lead.sentence.text} {lead.article.title}")))

    def _written_apart(self, word: str) -> bool:
        """Whether the store writes a lower-case word as two words ("black outs" for "blackouts", "short fall"):
        some stored sentence holds both halves (of three letters or more) side by side."""
        retriever = self.retriever
        for i in range(APART_MIN, len(word) - APART_MIN + 1):
            head, tail = word[:i], word[i:]
            heads, tails = stems(head), stems(tail)
            if not (heads and tails and all(retriever.stem_df(st) for st in (*heads, *tails))):
                continue
            apart = re.compile(rf"\b{re.escape(head)}[\s-]+{re.escape(tail)}\b", re.I)
            store = retriever.store
            for sentence_id, _score in retriever.candidates([*heads, *tails])[:APART_SENTENCES]:
                sentence = store.sentence(sentence_id)
                if sentence is not None and apart.search(sentence.text):
                    return True
        return False

    def _unknown_names(self, query: Query, focus: Focus) -> list[str]:
        """Words of the question that name something the store never mentions (a firm it knows
        nothing of): capitalised words it never uses, and lower-case words typed as names ("what's
        the price of an iphone", "who is openai's chief executive"): unused by the store, left alone
        by the speller (no stored word is near), and hardly English (see NO_ENGLISH). A word the
        question is about (the owner of the asked thing, "zoom's annual revenue", or the subject of its
        verb, "how many subscribers does netflix have") is a name the store lacks whenever neither it
        nor any word of its stem is stored, however common in English: another firm's figures for the
        same attribute are not its figures."""
        lexicons = self.retriever.lexicons
        english = english_counts()

        def stored(word: str) -> bool:  # (or written only as the head of a compound: "Sheffield-based")
            return any(lx.count(word) or lx.count(word + "'s") or lx.is_name(word)
                       or any(lx.count(f"{word}-{tail}") for tail in _NAME_COMPOUNDS) for lx in lexicons)

        def verb_stored(word: str) -> bool:  # "interceptions", which the store writes "intercepted"
            return word.endswith(("ion", "ions")) and any(stored(form) for form in _inflected(word) if form != word)

        def unused(word: str) -> bool:  # nor any word of its stem ("tourists": "tourism")
            if stored(word) or any(lx.count(f"{form[:i]}-{form[i:]}") for form in _inflected(word) for lx in lexicons
                                   for i in range(2, len(form) - 1)):
                return False  # (nor written with a hyphen: "buyback" as "buy-back", "repositioned" as "re-positioning")
            if any(lx.mostly_lower(base) for base in _graded_bases(word) for lx in lexicons):
                return False  # a comparison of a word the store writes: "likeliest", "cheapest"
            if self._written_apart(word):
                return False  # "blackouts", which the store writes "black outs"
            if verb_stored(word):
                return False  # a verb's noun the store writes as the verb: "interceptions", "intercepted"
            return not any(self.retriever.stem_df(st) or any(self.retriever.stem_df(o) for o in _FORMS.get(st, ()))
                           for form in (word, *_adverb_bases(word)) for st in stems(form))  # (or another form of a verb:
            # "overtake" written only as "overtaken")

        def written(word: str) -> bool:
            """Whether the store writes the word itself (or its plural or singular), not only others of its
            stem: a firm called "sky" is not the "skies" planes take to."""
            forms = {word, word + "s", word + "es"} | ({word[:-1]} if word.endswith("s") else set())
            if any(stored(f) for f in forms) or verb_stored(word):  # (or a verb's noun, written as the verb)
                return True
            return word in self._name_parts()[1]  # (or as the head of a compound: "worst" of "worst-hit")

        subjects = {m.start(1) for m in SUBJECT.finditer(query.text)}
        unknown = []
        for m in re.finditer(r"(?<![\w'’-])[a-z][a-z'’]*(?![\w-])", query.text):
            typed = m.group()
            bare = _POSSESSIVE.sub("", typed)
            if bare in QUESTION_WORDS or bare in ENGLISH_QUESTION_WORDS or bare in FUNCTION_WORDS or len(bare) < 3:
                continue
            if _CONTRACTION.search(bare):
                continue  # "won't", "they'll": English, whether or not the store writes it
            country = country_of(bare.title())
            if country and stored(country.lower()):
                continue  # "the ghanaian government": a stored country's adjective, unwritten as such
            before = re.findall(r"[A-Za-z]+", query.text[: m.start()])[-1:]
            if before and before[0].lower() in _AUXILIARIES and re.search(r"(?:ed|en|ing)$", bare) and bare == typed:
                continue  # "said Gazprom had botched the financing": a verb, not a name
            # what the question is about: the owner of the asked thing ("zoom's annual revenue", not "the
            # firm's"), or the subject of its verb ("how many subscribers does netflix have")
            owner = (bare != typed and not (before and before[0].lower() in _DETERMINERS)) or bool(
                HELD_AT.search(query.text[: m.start()]))  # ("the chief executive of uber")
            # (not a verb after "what could …", followed by its object: "what could defray the cost …?")
            subject = m.start() in subjects and english.get(bare, 0) < COMMON_WORD and not _OBJECT_NEXT.match(
                query.text, m.end())
            if owner or subject:
                if unused(bare) or not written(bare):
                    unknown.append(bare)
                continue
            if bare == typed and any(english.get(base, 0) for base in _adverb_bases(bare)):
                continue  # an adverb of an English word ("jokingly", of "joking"): how something was done, no name
            if len(bare) < UNKNOWN_MIN:
                if not english.get(bare, 0) and _AFTER_OWNER.search(query.text[: m.start()]) and unused(bare):
                    unknown.append(bare)  # a short name after an owner, in no dictionary: "saudi arabia's neom project"
                continue
            if english.get(bare, 0) >= (RARE_ENGLISH if bare != typed else NO_ENGLISH):
                continue  # a word ("hopping"), unless owning something as a name does
            if unused(bare):  # (a plural of a stored word is known: "broadsheets")
                unknown.append(bare)
        known_parts = {w for key in focus.entities for w in key.split()}
        subjects |= {m.start(1) for m in re.finditer(SUBJECT.pattern, query.text, re.I)}  # ("did Zoom earn")
        for name in query.names:
            word = _POSSESSIVE.sub("", name.lower().replace("’", "'"))
            if word in known_parts or not word.isalpha() or len(word) < 3 or parties_in(name):
                continue
            if _POSSESSIVE.sub("", name).isupper() and (word in self._name_parts()[0] or self._spelled_in_evidence(
                    query, word)):
                continue  # "the EIU's analyst": the Economist Intelligence Unit, which the store writes out
            at = query.text.find(name)
            if at > 0 and word not in ENGLISH_QUESTION_WORDS and (
                    HELD_AT.search(query.text[:at]) or at in subjects or query.text.startswith(("'s", "’s"), at + len(word))):
                # written as a name where the question's owner stands ("the chief executive of Zoom"), it
                # is one, however common the word: a name the store lacks unless it writes the word itself
                if unused(word) or not written(word):
                    unknown.append(name)
                continue
            if stored(word) or word in ENGLISH_QUESTION_WORDS or english.get(word, 0) >= COMMON_WORD:
                continue  # "January", "Christmas": words, not names of firms the store lacks
            unknown.append(name)
        found = unknown + [n for n in self._unstored_titles(query) if n not in unknown]
        # one name once: not "Wexxcome and Wexxcome Rovers"
        return [n for n in found if not any(n != m and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", m, re.I)
                                            for m in found)]

    def _spelled_in_evidence(self, query: Query, acronym: str) -> bool:
        """Whether a story the question retrieves writes out the acronym it asks by, as a run of capitalised words
        the name index did not keep ("CEPR": "the Centre for Economic Policy Research"). Searched only when the
        acronym would otherwise be reported unknown."""
        letters = acronym.lower()
        run = compiled(r"(?:[A-Z][\w'’-]*(?:\s+(?:of|and|&|the|for|de))*\s+){1,6}[A-Z][\w'’-]*")
        for hit in self.retriever.search(query, k=EVIDENCE_SIZE):
            for m in run.finditer(hit.article.body):
                words = [w for w in m.group().split() if w.lower() not in _NOT_INITIALS]
                if "".join(w[0] for w in words).lower() == letters:
                    return True
        return False

    def _name_parts(self) -> tuple[frozenset[str], frozenset[str]]:
        """Read once per set of lexicons: the acronyms of the store's names of two or more words ("eiu" for
        "Economist Intelligence Unit", "of", "and" and "the" left out), and the words it writes only at the head of
        a hyphenated compound ("worst" of "worst-hit")."""
        lexicons = self.retriever.lexicons
        key = tuple(id(lx) for lx in lexicons)
        if self._parts is None or self._parts[0] != key:
            initials = {"".join(w[0] for w in words) for lx in lexicons for name in lx.names
                        if len(words := [w for w in name.split() if w not in _NOT_INITIALS and w[:1].isalpha()]) >= 2}
            heads = {word.split("-", 1)[0] for lx in lexicons for word in lx.words if "-" in word}
            self._parts = (key, (frozenset(initials), frozenset(heads)))
        return self._parts[1]

    def _unstored_titles(self, query: Query) -> list[str]:
        """Names the store never writes, though each of their words may be stored: a name with a number
        whose letters it never uses ("Covid-19"), and a title of two or more capitalised words it never
        writes, in any case ("the US Inflation Reduction Act"), once the stored names and countries in it
        are set aside. A question written in title case throughout names nothing this way."""
        retriever = self.retriever
        lexicons = retriever.lexicons
        found = [name for name, letters in numbered_names(query.text)
                 if not any(lx.count(letters) or lx.is_name(letters) for lx in lexicons)
                 and not any(retriever.stem_df(st) for st in stems(letters))]
        words = re.findall(r"[A-Za-z][\w'’&-]*", query.text)
        if sum(w[:1].isupper() for w in words[1:]) > TITLE_CASE_SHARE * max(len(words) - 1, 1):
            return found
        for phrase in titled_names(query.text):  # ("the Paris Agreement": a place and a kind of title)
            if not any(f in phrase or phrase in f for f in found) and not self._written(phrase):
                found.append(phrase)
        for phrase in title_phrases(query.text, lambda w: bool(country_of(w) or parties_in(w))):
            if any(phrase in f for f in found):
                continue
            if self._written(phrase):
                continue
            # (a word naming the kind of firm, stored as a name of its own, is no known part: "Signature Bank")
            known = {w for key in find_names(phrase, lexicons) for w in key.split()} - FIRM_KIND_WORDS
            runs: list[list[str]] = [[]]
            for w in phrase.split():
                if w.lower() in known:
                    runs.append([])
                else:
                    runs[-1].append(w)
            for run in runs:
                if sum(1 for w in run if w[:1].isupper()) >= 2 and (run == phrase.split() or not self._written(" ".join(run))):
                    found.append(" ".join(run))
        return found

    def _written(self, phrase: str) -> bool:
        """Whether the store writes `phrase` (any case, a hyphen for a space) in a sentence: among the best
        BM25 matches of its words, or as a stored name."""
        key = " ".join(phrase.lower().split())
        retriever = self.retriever
        *head, last = key.split()
        # (its last word in the plural or the singular: "Premium Bond" is written where the store says "Premium Bonds")
        singular = {last[:-1]} if last.endswith("s") and len(last) > 3 else set()
        lasts = sorted({last, last + "s", last + "es"} | singular)
        if any(lx.is_name(" ".join([*head, form])) for lx in retriever.lexicons for form in lasts):
            return True
        words = list(dict.fromkeys(stems(phrase)))
        if not words or any(not retriever.stem_df(w) for w in words):
            return False
        pattern = re.compile(r"(?<!\w)" + "".join(re.escape(w) + r"[\s-]+" for w in head)
                             + "(?:" + "|".join(map(re.escape, lasts)) + r")(?!\w)", re.I)
        best = sorted(retriever.candidates(words), key=lambda c: -c[1])[:PHRASE_DEPTH]
        store = retriever.store
        return any((s := store.sentence(sentence_id)) is not None and pattern.search(s.text)
                   for sentence_id, _ in best)

    def _unwritten_thing(self, query: Query) -> bool:
        """Whether the thing a "how much X does …?" question measures is a word no stored sentence writes, in any
        form ("how much lithium does Chile export?")."""
        m = _HOW_MUCH_THING.match(query.text)
        return m is not None and not any(self.retriever.stem_df(st) for st in stems(m.group(1)))

    def _offline(self, query: Query, focus: Focus, ranked: list[Ranked], judgement: Judgement,
                 read_as: str, *, spoken: Sequence[str] = ()) -> Answer:
        typed = bool(focus.role or focus.measure or focus.count_noun)
        near = self._near_miss(query, focus, ranked, read_as) or self._detail_missing(query, focus, ranked, read_as)
        if near is not None:
            return near
        if not judgement.answerable and typed and focus.entities and not (
                focus.measure and not focus.role and not focus.count_noun and self._unwritten_thing(query)):
            # the question's own entity, with the attribute asked about, in scope: that answers it (unless the
            # question asks of a thing the store never writes: "how much lithium does Chile export?")
            # (a share asked needs a part of a whole: "production began to fall from a peak of about 400,000 tonnes"
            # gives no share of the world's cocoa)
            share = _SHARE_ASKED.search(query.text) is not None
            fits = next((r for r in ranked[:3] if r.attribute and not r.conflict and (
                r.entity >= 0.8 or self._carries(query, focus, r)) and not (
                share and not _SHARE_GIVEN.search(r.hit.sentence.text))), None)
            if fits is not None:
                judgement = Judgement(True, "focus", fits.hit.article)
        if not judgement.answerable and ranked and _duration_said(query, ranked[0]):
            judgement = Judgement(True, "the length of what is asked, said", ranked[0].hit.article)
        if (taken := _time_taken(query, ranked)) is not None:
            if not judgement.answerable:
                judgement = Judgement(True, "the time it takes, said", taken.hit.article)
            ranked = led_by(taken, ranked)
        if not judgement.answerable and focus.why and focus.entities and ranked and _cause_said(query, focus, ranked[0]):
            judgement = Judgement(True, "a cause said of the entity", ranked[0].hit.article)
        if not judgement.answerable and focus.why and _cause_in_story(query, focus, ranked):
            judgement = Judgement(True, "the story holds the asked event and its cause", ranked[0].hit.article)
        if judgement.answerable and focus.why and ranked and _event_unsaid(query, focus, ranked[0]):
            judgement = Judgement(False, "the leading story never speaks of what is asked", ranked[0].hit.article)
        if not judgement.answerable and query.kind == "sector" and query.parties and ranked:
            # "which sectors did Pakistan and Belarus pick?": their story with its sector facts answers
            fits = next((r for r in ranked[:3] if r.hit.type_match and r.hit.party_match == 1.0), None)
            if fits is not None:
                judgement = Judgement(True, "parties' sectors", fits.hit.article)
        if not judgement.answerable and query.kind == "sector" and ranked and ranked[0].entity >= TITLE_WEIGHT and (
                introduces_kind(query, ranked[0].hit.sentence.text)):
            # "which farm products does the FAO say are hit hard …?": "… the trade of products such as cotton and
            # rice", about the body asked, names items of the very kind asked
            judgement = Judgement(True, "the asked kind introduced", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and ranked[0].entity >= TITLE_WEIGHT and (
                _kind_named_first(query, ranked[0].hit.sentence.text)):
            # "what criteria will Iraq's ministry use …?": "… base its selection on criteria including the speed of
            # implementation, …", in the story of the entity asked, gives items of the kind asked
            judgement = Judgement(True, "items of the asked kind, introduced", ranked[0].hit.article)
        if not judgement.answerable and query.kind == "sector" and focus.entities and not query.parties and ranked and (
                ranked[0].entity >= TITLE_WEIGHT and ranked[0].hit.detail > 0
                and sum(f.type == "sector" for f in ranked[0].hit.facts) >= 2):
            # "which two sectors did well on the Karachi exchange?": "Energy and telecommunication stocks performed
            # particularly well", in the exchange's story, lists sectors and says what was asked of them
            judgement = Judgement(True, "sectors listed in the entity's story", ranked[0].hit.article)
        if judgement.answerable and self._other_way_only(query, focus, ranked):
            judgement = Judgement(False, "the store reports only the other direction", ranked[0].hit.article)
        if judgement.answerable and focus.entities and _sum_unsaid(query, ranked):
            judgement = Judgement(False, "a sum of money asked, none given", ranked[0].hit.article)
        if judgement.answerable and _country_lacks(query, focus, ranked):
            judgement = Judgement(False, "no sentence about the country carries the measure", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and _HOW_LONG.match(query.text) and _span_said(ranked[0]):
            judgement = Judgement(True, "a stretch of time said of the entity", ranked[0].hit.article)
        if not judgement.answerable and ranked and _role_holder_found(query, focus, ranked[0]):
            judgement = Judgement(True, "the asked role at the entity, with the person holding it", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and ranked[0].entity >= TITLE_WEIGHT and (
                _LAST_SO.search(query.text) and _RECORD_SINCE.search(ranked[0].hit.sentence.text)):
            # "when was that total last so low?": "… the lowest total seen since February 2003" says when
            judgement = Judgement(True, "the last time so low or high, said", ranked[0].hit.article)
        if not judgement.answerable and focus.why and focus.entities and ranked and _cause_of_entity_said(
                query, focus, ranked[0], self.retriever.store):
            judgement = Judgement(True, "a cause of the asked event, said of the entity", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and _owner_said(query, ranked[0]):
            judgement = Judgement(True, "the entity's owner, said", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and _share_of_whole_said(query, ranked[0]):
            judgement = Judgement(True, "the asked share of the whole, said of the entity", ranked[0].hit.article)
        if not judgement.answerable and focus.entities and ranked and ranked[0].entity >= 1.0 and _firm_of_kind_named(
                query, ranked[0].hit.sentence.text):
            judgement = Judgement(True, "a firm of the asked kind, named beside the entity", ranked[0].hit.article)
        told = _story_tells(query, focus, ranked) if not judgement.answerable and focus.entities else None
        told = told or (_dated_in_story(query, focus, ranked) if not judgement.answerable and focus.entities else None)
        if told is not None and _MONEY_ASKED.match(query.text) and not _MONEY.search(told.hit.sentence.text):
            told = None  # (a sum asked is not told by a sentence giving none: "… taking extra money for themselves")
        if told is not None:
            judgement = Judgement(True, "a sentence of the entity's story says what is asked", told.hit.article)
            ranked = led_by(told, ranked)
        source = _source_given(query, focus, ranked) or self._source_in_story(query, focus, ranked)
        if source is not None:  # (it leads, too: "which newspaper reported …?" is answered by the one naming it)
            if not judgement.answerable:
                judgement = Judgement(True, "the report's source, named", source.hit.article)
            ranked = led_by(source, ranked)
        if not judgement.answerable:
            if focus.entities:
                # the entity is stored (countries and products too), the asked fact is not: said so
                return self._stored_not_asked(query, focus, ranked, read_as)
            return abstain(query, judgement, read_as=read_as)
        ranked = _detail_first(query, focus, ranked)
        ranked = _pick_said_first(query, focus, ranked)
        ranked = _asked_place_first(focus, ranked)
        ranked = _speech_place_first(query, ranked)
        ranked = _seat_first(query, focus, ranked)
        ranked = _count_first(query, focus, ranked)
        ranked = _speakers_view_first(query, ranked)
        ranked = _quote_goes_on(query, focus, ranked)
        ranked = _beyond_aside_first(query, ranked)
        ranked = _past_aside_first(query, focus, ranked)
        ranked = _grounds_first(query, ranked)
        ranked = _span_said_first(query, ranked)
        ranked = _last_deal_first(query, ranked)
        ranked = _also_done_first(query, ranked)
        ranked = _own_post_first(query, ranked)
        ranked = _year_set_against_last(query, ranked)
        ranked = _expected_first(ranked)
        ranked = _total_first(query, ranked)
        ranked = _publication_first(query, ranked, self.retriever.store)
        ranked = _stake_size_first(query, ranked)
        ranked = _set_aside_count_last(query, focus, ranked)
        ranked = _reasons_given_next(focus, ranked)
        ranked = _cause_given_next(query, focus, ranked, self.retriever.store)
        ranked = _restated_then_told(query, focus, ranked, self.retriever.store)
        ranked = _items_after_colon(ranked, self.retriever.store)
        ranked = _view_explained_next(query, focus, ranked)
        ranked = _view_held_first(query, focus, ranked)
        ranked = _doer_first(query, ranked)
        ranked = _phrase_said_first(query, ranked)
        ranked = _each_period_first(query, ranked)
        ranked = _named_doer_first(query, ranked)
        ranked = _role_holder_named_first(query, ranked)
        ranked = _role_said_first(query, focus, ranked)
        ranked = _own_move_first(query, focus, ranked)
        ranked = _news_first(query, focus, ranked)
        ranked = _owner_named_first(query, ranked)
        ranked = _makeup_given_next(query, ranked, self.retriever.store)
        ranked = _deed_after_doer_first(query, focus, ranked)
        ranked = _act_with_reason_first(query, focus, ranked)
        ranked = _counted_deed_first(query, ranked)
        ranked = _said_so_first(query, ranked)
        ranked = _negative_said_first(query, ranked)
        ranked = _means_given_first(query, ranked)
        ranked = _doing_first(query, focus, ranked)
        ranked = _can_said_first(query, ranked, self.retriever)
        ranked = _length_first(query, ranked)
        ranked = _speed_first(query, ranked)
        ranked = _name_given_first(query, ranked)
        ranked = _rank_given_first(query, ranked)
        ranked = _span_first(query, ranked)
        ranked = _period_first(query, ranked)
        ranked = _since_said_first(query, ranked)
        ranked = _named_as_first(query, ranked)
        ranked = _whole_said_first(focus, ranked)
        ranked = self._other_named_first(query, focus, ranked)
        ranked = self._other_than_compared_first(query, focus, ranked)
        ranked = self._own_subject_first(query, focus, ranked)
        ranked = _own_country_first(query, focus, ranked)
        ranked = _owner_first(focus, query, ranked)
        ranked = _cause_given_before(focus, ranked)
        ranked = _person_given_next(query, ranked)
        ranked = _holder_named_beside(query, ranked, self.retriever.store)
        ranked = _figure_given_next(query, ranked, self.retriever.store)
        ranked = _amount_close_first(query, ranked)
        ranked = _level_given_later(query, focus, ranked, self.retriever.store)
        ranked = _now_level_next(query, focus, ranked, self.retriever.store)
        ranked = _date_given_next(query, ranked)
        ranked = _calendar_date_first(query, focus, ranked)
        ranked = _clock_time_first(query, ranked)
        ranked = _size_said_first(query, ranked)
        ranked = _set_aside_kind_last(query, ranked)
        ranked = _set_aside_figure_last(query, ranked)
        ranked = _per_year_first(query, focus, ranked)
        ranked = _age_given_first(query, ranked)
        ranked = led_by(_dated_in_story(query, focus, ranked), ranked)
        ranked = _purpose_first(query, ranked)
        answer = self.composer.compose(query, focus, ranked, read_as)
        if self._leads_with_another(query, focus, answer, spoken):
            own = self._own_carrier(query, focus, ranked)
            if own is None:
                return self._stored_not_asked(query, focus, ranked, read_as)
            # the best sentence about the firm asked about that carries what is asked leads instead
            answer = self.composer.compose(query, focus, led_by(own, ranked), read_as)
            if self._leads_with_another(query, focus, answer):
                return self._stored_not_asked(query, focus, ranked, read_as)
        if (focus.years and focus.measure and not answer.abstained and answer.lead_kind == "quote" and ranked
                and ranked[0].conflict == ANOTHER_YEAR and answer.citations[0].sentence_id == ranked[0].hit.sentence.id
                and not any(y in answer.citations[0].quote for y in focus.years)):
            # "what was US trade with the 25 EU countries worth in 2004?": "… was worth $155.2bn in 2003", not naming
            # the year asked, is the closest, not the answer
            return self._stored_not_asked(query, focus, ranked, read_as)
        if (person := self._person_asked(query, focus)) and not answer.abstained and answer.citations and not _of_person(
                person, answer.citations[0].quote) and not self._introduces(person, answer.citations[0]):
            # "how large a fine was Darleen Druyun given?": "An ex-chief financial officer at Boeing has received … a
            # fine of $250,000" in her story is another's; one of the next few naming her with the measure answers
            own = next((r for r in ranked[:PERSON_DEPTH] if r.hit.article.id in focus.entity_articles and _of_person(
                person, r.hit.sentence.text) and focus.measure_in(r.hit.sentence.text, r.hit.facts)), None)
            if own is None:
                return self._stored_not_asked(query, focus, ranked, read_as)
            answer = self.composer.compose(query, focus, led_by(own, ranked), read_as)
        if (deed := _deed_dated(query, focus)) and not answer.abstained and answer.citations and not (
                _does(deed, answer.citations[0].quote)):
            # "when was Enron founded?": "Enron went bankrupt in 2001" dates another deed; a sentence about the firm
            # doing the deed asked, among the next few, and dated, answers instead
            own = self._deed_done(query, deed, focus, ranked)
            if own is None:
                return self._stored_not_asked(query, focus, ranked, read_as)
            answer = self.composer.compose(query, focus, led_by(own, ranked), read_as)
        if (place := _place_asked_alone(query, focus)) and answer.citations and not answer.abstained and (
                not self._of_place(place, names := [d for d in focus.display if country_of(d) == place] or [place],
                                   answer.citations[0].quote, answer.citations[0].article_id)
                or _other_kind_of(query.text, answer.citations[0].quote)):
            # "what is the interest rate in Pakistan?": "Eurozone interest rates are at 2%" is another place's
            asked = {t for t in stems(" ".join(query.terms)) if t not in stems(" ".join(names + [place]))}

            def carries(r: Ranked) -> bool:  # (the measure asked, or else every word asked: "population")
                text = r.hit.sentence.text
                return focus.measure_in(text, r.hit.facts) if focus.measure else asked <= set(stems(text))

            own = next((r for r in ranked[:PLACE_DEPTH] if place in parties_in(r.hit.sentence.text) and _figure_in(
                r.hit.sentence.text) and carries(r) and not _other_kind_of(query.text, r.hit.sentence.text)), None)
            # (the place named, with a figure of the kind asked)
            if own is None:
                return self._stored_not_asked(query, focus, ranked, read_as)
            answer = self.composer.compose(query, focus, led_by(own, ranked), read_as)
        if answer.citations and focus.entities:
            answer = self._paid_sum_first(query, focus, ranked, answer, read_as)
            if answer.abstained or _quote_lacks_asked(query, focus, answer) or self._no_successor(
                    query, focus, ranked, answer) or self._names_unsaid(query, answer) or _party_unsaid(
                    query, focus, answer, self.retriever.store):
                return answer if answer.abstained else self._stored_not_asked(query, focus, ranked, read_as)
        elif answer.citations and query.parties and not answer.abstained and _quote_lacks_asked(query, focus, answer):
            # "how much orimulsion will the Venezuela-China venture turn out?", of countries only: a quote with no
            # amount answers nothing
            return abstain(query, Judgement(False, "the quoted sentences hold nothing of what is asked",
                                            ranked[0].hit.article if ranked else None), read_as=read_as)
        unsaid = self._plan_or_time_unsaid(query, focus, ranked, answer, read_as) or self._year_unsaid(
            query, focus, ranked, answer, read_as)
        if unsaid is not None:
            return unsaid
        if answer.lead_kind == "synthesised" and not focus.entities and not query.parties and answer.citations:
            if self._subject_unsaid(query, answer.citations[0]):
                return abstain(query, Judgement(False, "the figure is not said of the asked subject",
                                                ranked[0].hit.article if ranked else None), read_as=read_as)
        return answer

    def _deed_done(self, query: Query, deed: str, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
        """The sentence saying the asked firm did the deed a date is asked of, dated: among the next few ranked,
        else in the leading story ("The PBGC was founded in 1974 …", which retrieval misses when the question
        says "set up"), or None."""
        def done(text: str, article_id: str) -> bool:  # (not another firm's: "Its rival Crane, founded in 1921, …")
            return _does(deed, text) and _names_focus(focus, text) and not _deed_of_another(focus, text) and not (
                self._anothers(query, focus, text, article_id))

        own = next((r for r in ranked[:PLACE_DEPTH] if done(r.hit.sentence.text, r.hit.article.id) and any(
            f.type == "date" for f in r.hit.facts)), None)
        if own is not None or not ranked:
            return own
        store = self.retriever.store
        lead = ranked[0]
        sentence = next((s for s in store.sentences(lead.hit.article.id) if _YEAR_SAID.search(s.text) and done(
            s.text, lead.hit.article.id)), None)
        return None if sentence is None else as_ranked(sentence, lead, store.facts(lead.hit.article.id))

    def _source_in_story(self, query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
        """(A "which newspaper reported …?" question whose best sentence cites reports unnamed: "…, reports claim.")
        the sentence of its story naming the outlet ("…, the Sunday Telegraph reported."), or None."""
        if not ranked or not _OUTLET_ASKED.search(query.text) or not focus.entities or ranked[0].entity < 1.0 \
                or not _UNNAMED_REPORTS.search(ranked[0].hit.sentence.text):
            return None
        asked = _words(query.text)
        lead = ranked[0]
        for sentence in self.retriever.store.sentences(lead.hit.article.id):
            if _names_new_outlet(sentence.text, asked):
                known = next((r for r in ranked if r.hit.sentence.id == sentence.id), None)
                return known or as_ranked(sentence, lead, self.retriever.store.facts(lead.hit.article.id))
        return None

    def _paid_sum_first(self, query: Query, focus: Focus, ranked: list[Ranked], answer: Answer,
                        read_as: str) -> Answer:
        """"What did BSkyB pay for its stake?" is not answered by a quoted "BSkyB bought its stake in 1999": no
        sum is said. The story's next sentence stating one as paid leads instead ("… purchased … for about
        $230m"), unless it names another firm or person ("Tolland Telecom paid £95m …" is Tolland's); with none,
        the near miss."""
        if answer.lead_kind != "quote" or not _PAID_ASKED.match(query.text) or _states_sum_paid(answer.citations[0].quote) or (
                _PURPOSE_ASKED.search(query.text)):  # ("what was he trying to achieve by paying …?" asks no sum)
            return answer
        story = answer.citations[0].article_id
        paid = next((r for r in ranked[1:PAID_DEPTH] if r.hit.article.id == story and not r.conflict
                     and not self._anothers_payment(focus, r.hit.sentence.text) and _SUM_PAID.search(r.hit.sentence.text)),
                    None)
        if paid is None:
            return self._stored_not_asked(query, focus, ranked, read_as)
        return self.composer.compose(query, focus, [paid] + [r for r in ranked if r is not paid], read_as)

    def _names_unsaid(self, query: Query, answer: Answer) -> bool:
        """Whether people asked by name ("what are the names of the two officials who vanished?") go unnamed in
        every quoted sentence: none holds a person the store read ("The pair both worked at Bank of China …"), so
        the near miss is said."""
        if answer.lead_kind != "quote" or not PEOPLE_NAMED.search(query.text):
            return False
        asked = _words(query.text)
        if any(not _words(m.group()) <= asked for c in answer.citations for m in _PEOPLE_LISTED.finditer(c.quote)):
            return False  # "Two managers at Dunmore Freight, Alan Pike and Rita Moss, have resigned" (not the firm asked)
        store = self.retriever.store
        cited = {c.sentence_id for c in answer.citations}
        return not any(f.type == "person" and not f.attrs.get("role_only") and cited & set(f.sentence_ids)
                       for article in {c.article_id for c in answer.citations} for f in store.facts(article))

    def _anothers_payment(self, focus: Focus, text: str) -> bool:
        """Whether a sentence opens with another stored name than those asked about, as the one paying: "Tolland
        Telecom paid £95m for its 12% stake" is not what Kell and Dray paid."""
        subject = _subject_name(text, self._is_name)
        names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        return bool(subject) and not mentions_any(" ".join(subject).lower(), names)

    def _no_successor(self, query: Query, focus: Focus, ranked: Sequence[Ranked], answer: Answer) -> bool:
        """"Who has replaced Gerd Niebaum as chief executive?" is not answered by a quoted "Gerd Niebaum stepped
        down": the sentence names no one else."""
        return (answer.lead_kind == "quote" and focus.successor and bool(focus.role) and bool(_REPLACED.match(query.text))
                and not self._new_person(focus, ranked, answer.citations[0].sentence_id))

    @staticmethod
    def _new_person(focus: Focus, ranked: Sequence[Ranked], sentence_id: str) -> bool:
        """Whether the sentence names a person the question does not: the one who replaces the named one."""
        r = next((r for r in ranked if r.hit.sentence.id == sentence_id), None)
        if r is None:
            return True
        asked = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        return any(not mentions_any(f.value.lower(), asked) for f in r.hit.facts if f.type == "person")

    def _plan_or_time_unsaid(self, query: Query, focus: Focus, ranked: Sequence[Ranked], answer: Answer,
                             read_as: str) -> Answer | None:
        """The near miss of a question about a stored entity that asks a time ("when will Brazil complete the
        switch …?") or a plan ("is Hanover Re planning to raise its premiums?") where the quoted sentence
        says no time at all, or not the planned action (its verb, and a word of its object): it answers
        something else. For a plan, the best sentence about the entity that carries the action leads
        instead, when there is one. None when the answer stands."""
        if answer.abstained or not answer.citations:
            return None
        cited = answer.citations[0]
        closest = next((r for r in ranked if r.hit.sentence.id == cited.sentence_id), None)
        if answer.lead_kind == "quote" and time_unsaid(query.text, cited.quote):
            timed = self._timed_carrier(query, focus, ranked)
            if timed is not None:  # ("Share trading will begin on 15 December", in the story asked about)
                return self.composer.compose(query, focus, [timed] + [r for r in ranked if r is not timed], read_as)
            if not focus.entities:  # ("when will the euro replace the pound?": no one stored is asked about)
                return abstain(query, Judgement(False, "the sentence says no time", closest.hit.article if closest
                                                else None), read_as=read_as)
            return near_miss(query, focus, closest, read_as, attribute="date for this")
        if not focus.entities:
            return None
        names = [n for i in range(len(focus.entities)) for n in focus.names_of(i)]
        action = planned_action(query.text, names)
        if action is None:
            return None
        retriever = self.retriever
        if carries_plan(action, retriever.stems_of(cited.sentence_id, cited.quote)):
            return None
        own = next((r for r in ranked[:EVIDENCE_SIZE] if r.entity >= PLAN_ENTITY and carries_plan(
            action, retriever.stems_of(r.hit.sentence.id, r.hit.sentence.text))), None)
        if own is not None:
            return self.composer.compose(query, focus, led_by(own, ranked), read_as)
        return near_miss(query, focus, closest, read_as, attribute=f"plan to {action[2]}")

    def _year_unsaid(self, query: Query, focus: Focus, ranked: Sequence[Ranked], answer: Answer,
                     read_as: str) -> Answer | None:
        """The near miss of a question asking about a year ("how fast did French GDP grow in 1998?") answered
        from a story that neither mentions that year (nor the one before or after it, which results are
        reported against) nor was published in it or the year after: the story is about another year."""
        years = [int(y) for y in focus.years if y.isdigit()]
        if answer.abstained or not answer.citations or not years:
            return None
        cited = answer.citations[0]
        article = self.retriever.store.article(cited.article_id)
        if article is None:
            return None
        published = str(article.published or "")[:4]
        text = f"{article.title}\n{article.body}"
        if any(str(y + d) in text for y in years for d in (-1, 0, 1)) or any(
                published in (str(y), str(y + 1)) for y in years):
            return None
        if not focus.entities or not focus.entity_articles:
            return None
        around = [str(y + d) for y in years for d in (-1, 0, 1)]
        if any(self.retriever.article_words(sorted(focus.entity_articles), around).values()):
            return None  # (a story about the entity tells of that year: the ranking may have missed it)
        closest = next((r for r in ranked if r.hit.sentence.id == cited.sentence_id), None)
        return near_miss(query, focus, closest, read_as)

    def _timed_carrier(self, query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
        """For a "when" question, the best sentence about its entity (named, or in a story whose title names
        it) among the best few that says a time and carries some of what is asked."""
        if not focus.entities:
            return None
        retriever = self.retriever
        wanted, alternatives = asked_detail(query, focus, retriever.query_words, retriever.idf)
        countries = asked_countries(focus)
        for r in ranked[:EVIDENCE_SIZE]:
            sentence = r.hit.sentence
            if r.entity < PLAN_ENTITY or r.conflict or time_unsaid(query.text, sentence.text):
                continue
            if r.entity < 1.0 and elsewhere_only(sentence.text, countries, places_only=True):
                continue  # ("when will Iraq join the WTO?": Russia's date is not Iraq's)
            if detail_share(wanted, alternatives, retriever.stems_of(sentence.id, sentence.text),
                            sentence.text.lower()) >= UNTYPED_DETAIL:
                return r
        return None

    def _subject_unsaid(self, query: Query, cited: Citation) -> bool:
        """Whether a count or amount question's subject ("how many jobs is the post office cutting")
        goes unsaid in the story the figure would come from: the figure is then someone else's ("SBC
        said it expects to cut 12,800 jobs"); "the ferry firm" is said by a story about ferries."""
        m = _ASKED_OF.match(query.text)
        if m is None:
            return False
        # (its words that say what it is: "each of the applicants" is said by "… applicants got 9 shares each")
        subject = [w for w in re.findall(r"[\w'’&-]+", m.group(1)) if w.lower() not in _DETERMINERS
                   and w.lower() not in ("each", "of")]
        if not subject or _PARTICIPLE.fullmatch(subject[0]):
            return False  # ("which countries are given as examples of …?": a passive, with no subject to say)
        article = self.retriever.store.article(cited.article_id)
        said = set(stems(f"{article.title}\n{article.body}" if article is not None else cited.quote))
        if any(not set(stems(w)) & said for w in subject):
            return True
        if article is not None and _STORY_SUBJECT.match(cited.quote) and {w.lower() for w in subject} & {
                n.lower() for n in _title_names(article.title)}:
            return False  # "what profit does next expect?": "The High Street retailer said …" in a story titled "… Next"
        # Said in the story, but not in the sentence, and not a firm ("the union" of a story on a carmaker's
        # job cuts): the sentence's figure is the firm's, and the asked party only reacts to it in the story.
        in_sentence = set(stems(cited.quote))
        return (any(not set(stems(w)) & in_sentence for w in subject)
                and not re.fullmatch(rf"(?:[\w'’&-]+\s+)*{_FIRM_NOUN}s?", " ".join(subject).lower()))

    def _introduces(self, person: str, cited: Citation) -> bool:
        """Whether a sentence not naming a person describes them for the next one to name: "An ex-chief financial
        officer at Boeing has received … a fine of $250,000 …" is Michael Sears's when the sentence after it opens on
        him ("Michael Sears admitted …"); the first person that one names is the one described."""
        store = self.retriever.store
        sentence = store.sentence(cited.sentence_id)
        after = store.sentence(f"{cited.article_id}:{sentence.position + 1}") if sentence is not None else None
        if after is None:
            return False
        people = [f.value for f in store.facts(cited.article_id) if f.type == "person" and not f.attrs.get("role_only")]
        at = {p: _named_at(p, after.text) for p in people}
        first = min((p for p in people if at[p] >= 0), key=lambda p: at[p], default="")
        return bool(first) and _named(first, person)

    def _person_asked(self, query: Query, focus: Focus) -> str:
        """The person a figure question asks about by full name, whom the store's facts hold as a person, in full or
        by surname, and a story of theirs calls by title ("Darleen Druyun", filed and called "Ms Druyun"): "" when the
        question asks no amount, or names no person or more than one entity."""
        if not focus.measure or focus.why or len(focus.display) != 1 or len(focus.display[0].split()) < 2 or not (
                query.kind == "figure" or _AMOUNT_ASKED.match(query.text)):
            return ""
        name = focus.display[0]
        store = self.retriever.store
        titled = compiled(rf"\b(?:Mr|Ms|Mrs|Miss|Dr|Sir|Lady|Lord)\.?\s+{re.escape(name.split()[-1])}\b")
        for article_id in sorted(focus.entity_articles)[:MAX_ENTITY_ARTICLES]:
            article = store.article(article_id)
            if article is not None and titled.search(article.body) and any(
                    f.type == "person" and f.value.lower() in (name.lower(), name.split()[-1].lower())
                    for f in store.facts(article_id)):
                return name  # (a person the story calls "Ms Druyun": "jet fuel trader Petrel Fuel" is a firm)
        return ""

    @staticmethod
    def _stored_not_asked(query: Query, focus: Focus, ranked: Sequence[Ranked], read_as: str) -> Answer:
        """The near miss of a question whose entities are stored but whose fact is not. A name that is
        a measure itself ("GDP") says what is asked, not whose: "The stored articles mention
        Kazakhstan, but no GDP growth", and the closest sentence names the owner, not only GDP."""
        owners = [i for i, d in enumerate(focus.display) if d.lower() not in _MEASURE_WORDS] or list(
            range(len(focus.entities)))
        measured = [d for i, d in enumerate(focus.display) if i not in owners]
        names = [n for i in owners for n in focus.names_of(i)]
        naming = [r for r in ranked if _names_focus(focus, r.hit.sentence.text, owners)
                  and not _only_compared(r.hit.sentence.text.lower(), names)]
        firms = [i for i in owners if not country_of(focus.display[i])]
        # the closest names every owner, else a firm asked about ("Tesco", not only "China"), else any
        closest = next((r for r in naming if all(_names_focus(focus, r.hit.sentence.text, [i]) for i in owners)),
                       next((r for r in naming if _names_focus(focus, r.hit.sentence.text, firms)),
                            None if firms else next(iter(naming), None)))
        wanted = _asked_thing(query, focus)
        if measured and wanted:
            wanted = f"{' '.join(measured)} {wanted}"
        for head, kind_of in _KIND_OF.items():  # ("no trade deficit": a current account deficit may well be stored)
            m = kind_of.search(query.text) if wanted.split()[-1:] == [head] else None
            kind = (m.group(1) or m.group(2)).lower() if m else ""
            if kind and kind not in wanted:
                wanted = f"{wanted[:-len(head)]}{kind} {head}".strip()
        shown = [focus.display[i] for i in owners if i < len(focus.display)]
        return near_miss(query, focus, closest, read_as, names_shown=shown, attribute=wanted)

    @staticmethod
    def _other_way_only(query: Query, focus: Focus, ranked: Sequence[Ranked]) -> bool:
        """A rise asked where the best evidence, carrying the asked measure, reports a fall (or the other way
        round) and none of the next best reports the asked direction. (For a firm the near-miss check
        judges this sentence by sentence; this is for questions naming no firm: a country, or a name
        the store's name index does not know.)"""
        if not ranked or not focus.direction or not (focus.measure or focus.noun):
            return False
        if any(not (country_of(d) or parties_in(d)) for d in focus.display):
            return False
        lead = ranked[0]
        if not lead.attribute or not lead.direction or lead.direction == focus.direction:
            return False
        # (or gives the asked change before the one it reports, in its story: "Retail sales dropped by 1% … in
        # December, after a 0.6% rise in November", asked the UK's rise in November)
        return not any(r.attribute and not r.conflict and (
            r.direction == focus.direction and (not focus.entities or r.entity >= 0.8)
            or r.entity >= 0.5 and earlier_change_asked(query, focus, r.hit.sentence.text)) for r in ranked[:5])

    def _near_miss(self, query: Query, focus: Focus, ranked: list[Ranked], read_as: str) -> Answer | None:
        """The near-miss answer when the focus entity is stored but no sentence about it carries
        the asked fact (attribute, scope, direction; a figure when a figure is asked); else None.

        Judged for firms, people and bodies the store names (not countries), on a measure, a role,
        a possessed thing ("ICBC's bad loans") or a counted thing with a direction. For an entity
        named in many articles only sentences naming it are judged, and only when one of them
        carries the attribute at all (the evidence may not hold all its articles)."""
        firms = _unplaced(query, _firms(focus))
        if not firms or not (focus.role or focus.measure or focus.noun or focus.count_noun or STOOD_AT.search(query.text)
                             or RATING_ASKED.search(query.text)):
            return None  # (a level asked, "what did the index stand at?", is judged too: only a figure gives it)
        common = len(set().union(*self._firms_articles(focus, firms))) > MAX_ENTITY_ARTICLES
        firms = _role_holders(query, focus, firms)
        firm_of = self._firm_scorer(focus, firms)
        scored = [(firm_of(r), r) for r in ranked]
        about = [r for f, r in scored if f >= 1.0 or (not common and (
            f >= 0.8 or (f >= 0.5 and (_PRONOUN_SUBJECT.match(r.hit.sentence.text) or (focus.role and (
                r.attribute or focus.titled_after(r.hit.sentence, r.hit.article, firms)))))))]
        if common and not any(_loosely_has(focus, r) for r in about):
            return None
        past = _asks_past(query)
        # Any sentence of an article naming the firm may hold a measure of it (unless plainly
        # another's); a role or a count must be the firm's own: judged on sentences about it.
        if common:
            pool = [(f, r) for f, r in scored if f >= 1.0]
        elif (focus.measure or focus.noun or focus.count_noun) and not focus.role:
            pool = [(f, r) for f, r in scored if f >= 0.5]
        else:
            pool = [(f, r) for f, r in scored if r in about]
        # (a sentence of its story not naming the firm that speaks of the whole trade is no figure of the firm's:
        # "sales across the industry also fell to 1.25 million vehicles")
        pool = [(f, r) for f, r in pool if f >= 1.0 or not _TRADE_WIDE.search(r.hit.sentence.text)]
        # (nor one whose subject is another stored firm: "Overall, Daimler saw vehicle sales rise 8% to 4.7 million
        # in 2004" in a story naming BMW gives no count of BMW's cars)
        pool = [(f, r) for f, r in pool if f >= 1.0 or not self._anothers(query, focus, r.hit.sentence.text,
                                                                           r.hit.article.id)]
        if focus.measure == "stake":  # (a stake is its holder's: "Mr Glazer and his family hold a 28.1% stake" is no
            # stake of the supporters' group the story also names)
            pool = [(f, r) for f, r in pool if f >= 1.0 or not _held_by_another(focus, r.hit.sentence.text)]
        if focus.measure in ("market share", "wages"):  # (a market share is its holder's, as a stake is: "Pellow Bank, the
            # biggest lender, has a market share of about 12%" in a story quoting Corven Bank's economist is Pellow's;
            # and pay is its employer's: "Ground crews at US Airways … face a pay cut" in a story naming Delta)
            pool = [(f, r) for f, r in pool if f >= 1.0 or _PRONOUN_SUBJECT.match(r.hit.sentence.text)]
        if focus.measure == "price" and not common and _PAYING.search(query.text):
            pool = self._in_the_asked_story(query, focus, pool)
        if focus.measure == "price" and _LEFT_ASIDE.search(query.text):
            # "how much did Novartis pay for Hexal on its own, leaving aside Eon Labs?": a sum in a sentence not
            # naming both ("5.65bn euros of purchases") may well take in what is set aside
            pool = [(f, r) for f, r in pool if _names_every(focus, r.hit.sentence.text)]
        is_name = self._is_name
        if any(_fits(query, focus, r, past, f, is_name) for f, r in pool) and not self._year_unreported(focus):
            return None
        if (query.kind == "date" or _WHICH_YEAR.search(query.text)) and focus.measure and any(
                f >= 1.0 and _YEAR_SAID.search(r.hit.sentence.text)
                and re.search(rf"\b{re.escape(focus.measure)}", r.hit.sentence.text, re.I) for f, r in pool):
            return None  # "by which year does the CBO think the US could return to surplus?": a year, not a figure, is
            # asked of the measure ("… returning to the surpluses seen in the late 1990s by 2012")
        named = [r for r in about if firm_of(r) >= 0.8 and not _owned_by_other(focus, r.hit.sentence.text, is_name)]
        closest = next((r for r in named if focus.priced and thing_in(focus.priced, r.hit.sentence.text)), None)
        closest = closest or next((r for r in named if _loosely_has(focus, r)), None)
        closest = closest or next(iter(named), None)
        part = asked_part(query) if focus.measure else ""
        attribute = f"{part} {focus.attribute}" if part else ""
        thing = measured_thing(query)
        if thing and not focus.measure and not attribute:
            attribute = f"amount of {thing}"  # ("no amount of gas", not "no new find")
        if focus.forecast and focus.measure:
            attribute = f"{' or '.join(focus.years)} {attribute or focus.attribute} forecast"  # ("no 2005 profit forecast")
        if RATING_ASKED.search(query.text):
            attribute = "rating"  # ("… mention Moody's, but no rating", not "no debt": the debt is what is rated)
        place = placed_in(query, focus)
        if place and (attribute or focus.attribute):
            attribute = f"{attribute or focus.attribute} {place}"  # ("no jobs in the United States")
        if focus.measure == "wages" and query.kind == "figure" and not attribute:
            attribute = f"figure for a {focus.attribute}"  # ("no figure for a pay cut": the cut itself may be told)
        if closest is not None and closest.conflict == PART_OF_YEAR and focus.years and (attribute or focus.attribute):
            # ("no sales for the whole of 2004", the closest giving a quarter's)
            attribute = f"{attribute or focus.attribute} for the whole of {' or '.join(focus.years)}"
        return near_miss(query, focus, closest, read_as, firms, attribute=attribute)

    def _spelled(self, focus: Focus) -> Focus:
        """The focus with the name each acronym asked about stands for as one more of its names: "the SEC"
        asked, a sentence naming the Securities and Exchange Commission is about it. The name is read from
        the acronym's own stories (the first `SPELLED_STORIES`)."""
        aliases = list(focus.aliases) + [()] * (len(focus.entities) - len(focus.aliases))
        store = self.retriever.store
        found = False
        for i, shown in enumerate(focus.display[:len(focus.entities)]):
            if not is_acronym(shown):
                continue
            stories = list(dict.fromkeys(a for lx in self.retriever.lexicons
                                         for a in lx.articles_of(focus.entities[i])))[:SPELLED_STORIES]
            bodies = [article.body for a in stories if (article := store.article(a)) is not None]
            name = spelled_out(shown, bodies).lower()
            if name and name not in aliases[i]:
                aliases[i] = tuple(aliases[i]) + (name,)
                found = True
        return replace(focus, aliases=tuple(aliases)) if found else focus

    def _firms_articles(self, focus: Focus, firms: Sequence[str]) -> list[set[str]]:
        """Each asked firm's articles by the store's name index, not a country's named beside it: "what share
        of ABN Amro's profit came from the US?" names a bank in a few stories, however many name the US (a
        common name is one whose own articles are too many to scan)."""
        lexicons = self.retriever.lexicons
        return [{a for lx in lexicons for a in lx.articles_of(focus.entities[i])}
                for i, shown in enumerate(focus.display) if shown in firms and i < len(focus.entities)]

    def _in_the_asked_story(self, query: Query, focus: Focus,
                            pool: list[tuple[float, Ranked]]) -> list[tuple[float, Ranked]]:
        """A sum paid is the one of the deal asked about: of the firm's stories, only those holding at least
        `PAID_STORY` of what the best of them holds of the question's other words ("how much compensation is
        the bank paying the customers whose details were on the lost tapes?" is not answered by the same bank's
        settlement of a trading inquiry, in a story saying nothing of tapes or customers)."""
        wanted, alternatives = self._asked_beyond_names(query, focus)
        if not wanted:
            return pool
        shares: dict[str, float] = {}
        for _, r in pool:
            article = r.hit.article
            if article.id not in shares:
                text = f"{article.title}\n{article.body}"
                shares[article.id] = detail_share(wanted, alternatives, frozenset(stems(text)), text.lower())
        best = max(shares.values(), default=0.0)
        return [(f, r) for f, r in pool if shares[r.hit.article.id] >= PAID_STORY * best]

    def _detail_missing(self, query: Query, focus: Focus, ranked: Sequence[Ranked], read_as: str) -> Answer | None:
        """The near miss of a question that asks something no typed attribute names ("who owns X?", "when is
        X expected to open?"): no sentence of the articles naming its firms carries what it asks of them (the
        question's words besides their names, IDF-weighted), so whatever shares the name answers something
        else. Only for firms whose every article was searched for those words (not a common name), and not
        for lists or causes, which are judged their own way."""
        firms = _firms(focus)
        if (not firms or focus.role or focus.measure or focus.noun or focus.count_noun or focus.why
                or query.wants_list or _PICKS.search(query.text) or not focus.entity_articles):
            return None
        retriever = self.retriever
        # each firm's articles (a country named beside a firm, "Gerrard … on UK growth", widens nothing)
        each = self._firms_articles(focus, firms)
        if len(set().union(*each) or focus.entity_articles) > MAX_ENTITY_ARTICLES:
            return None
        wanted, alternatives = self._asked_beyond_names(query, focus)
        if not wanted:
            return None
        if (deed := _deed_dated(query, focus)) and self._deed_done(query, deed, focus, ranked) is not None:
            return None  # "when was the NDPB set up?": "The NDPB was founded in 1981 …" says it in other words
        located = bool(_WHERE_BASED.search(query.text))  # "where is X based?": a place must be said too
        route = bool(_ROUTE_ASKED.search(query.text))  # "where does the pipeline start and end?": from a place to one
        # the articles naming every firm asked about (or, when none does, any of them)
        common = set.intersection(*each) if each else set()
        where = common or focus.entity_articles
        named = [focus.names_of(i) for i, shown in enumerate(focus.display) if shown in firms]
        store = retriever.store
        naming: dict[str, bool] = {}

        def names_all(article_id: str) -> bool:  # (the story's own words, where the name index misses one)
            if article_id not in naming:
                article = store.article(article_id)
                text = f"{article.title}\n{article.body}".lower() if article is not None else ""
                naming[article_id] = all(mentions_any(text, names) for names in named)
            return naming[article_id]

        level = bool(_LEVEL_ASKED.search(_CONDITION.split(query.text, maxsplit=1)[0])) and not _HOW_COMPARED.match(query.text)
        # (a rate in the condition is not asked: "what should the bank focus on if it is to cut the interest rate?")
        # ("how did September's reading compare with earlier years?" asks how it stood against them, in any words)
        # (a level asked is the firm's own, unless the question names it only as the level's source:
        # "to what level did jobless claims jump in the latest labor department report?")
        owners = [f for f in firms if not _source_only(query, f)]
        firm_of = self._firm_scorer(focus, owners) if level and owners else None
        for r in ranked:
            sentence = r.hit.sentence
            lower = sentence.text.lower()
            if not (r.hit.article.id in where or all(mentions_any(lower, names) for names in named)
                    or (r.hit.article.id in focus.entity_articles and names_all(r.hit.article.id))):
                continue  # (a sentence naming them is read too: "a US government claim" where the name index has none;
                # and a story naming them in lower case: "the latest labor department report")
            if self._anothers(query, focus, sentence.text, r.hit.article.id):
                continue  # another's: "Elsewhere, the Delby Link is expected to open …" in a story on Harwell
            if focus.deed and not does_deed(focus.deed, sentence.text):
                continue  # "who owns Gerrard?" is not answered by "… consistent with our own thinking"
            words = retriever.stems_of(sentence.id, sentence.text)
            seat = located and bool(_PLACED.search(sentence.text))  # "Contrack International, of Arlington, Virginia,"
            seat = seat or (route and bool(_ROUTE_SAID.search(sentence.text)))  # ("… will run from the port of X … to Y")
            if (detail_share(wanted, alternatives, words, sentence.text.lower()) >= UNTYPED_DETAIL or seat) and (
                    not located or (_gives_place(sentence.text) and (any(mentions_any(lower, names) for names in named) or any(
                        focus.short_named(i, sentence.text, r.hit.article) or focus.misspelt(i, sentence.text, r.hit.article)
                        for i, shown in enumerate(focus.display) if shown in firms) or (
                        _THE_FIRM.search(sentence.text) and any(mentions_any(r.hit.article.title.lower(), names)
                                                                 for names in named))))):
                if level and not (holds_amount(sentence.text) and (firm_of is None or firm_of(r) >= LEVEL_FIRM)):
                    continue  # a level asked: a sentence about the firm stating an amount
                return None  # (where a firm is: a place said in a sentence naming it)
            if query.kind == "figure" and len(firms) > 1 and r.hit.type_match and all(
                    _names_focus(focus, sentence.text, [i]) for i, shown in enumerate(focus.display) if shown in firms):
                return None  # an amount between the firms asked about: what it is may be said in other words
        return self._stored_not_asked(query, focus, ranked, read_as)

    def _of_place(self, place: str, names: Sequence[str], text: str, article_id: str) -> bool:
        """Whether a sentence may give a fact of the country asked: it names it (or its people: "Turkish"); or it
        opens with no other country, and its story names the asked one somewhere (a country named further on is
        often a comparison or a market: "three times the size of Hong Kong's", "products shipped to the US")."""
        written = compiled(rf"\b(?:{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})\b")

        def names_it(words: str) -> bool:  # (as the question writes it, too: the "US" of "the US Federal Reserve")
            return place in parties_in(words) or written.search(words) is not None

        if names_it(text):
            return True
        opening = _OPENING.match(text)
        if opening is not None and any(party_kind(p) in ("country", "territory") for p in parties_in(opening.group())):
            return False  # ("The US population is aging", "By 2007, Japan's population …": another country's)
        article = self.retriever.store.article(article_id)
        if article is None or not names_it(f"{article.title}\n{article.body}"):
            return False
        if names_it(article.title):
            return True
        # (a story about another country that names the asked one in passing speaks of its own country: "The
        # country has a population of more than a billion", in a story on India naming Ireland once)
        counts = Counter(p for s in self.retriever.store.sentences(article_id) for p in parties_in(s.text)
                         if party_kind(p) in ("country", "territory"))
        return counts[place] >= max(counts.values(), default=0)

    def _leads_with_another(self, query: Query, focus: Focus, answer: Answer, spoken: Sequence[str] = ()) -> bool:
        """Whether an answer about a stored firm would lead with a sentence about another one ("The Siemens
        plant … employs 2,000 staff" for the staff of Huisman Itrec): a quote or figure of someone else's is
        no answer. Not for a "who" question or a list, whose answer may well be another name."""
        if answer.abstained or not answer.citations or _picks(query) or focus.why or not _firms(focus) or _sourced(
                query, focus):
            return False
        cited = answer.citations[0]
        return self._anothers(query, focus, cited.quote, cited.article_id, spoken)

    def _asked_beyond_names(self, query: Query, focus: Focus) -> tuple[dict[str, float], dict[str, set[str]]]:
        """What the question asks of its firms (`asked_detail`) beyond the words naming them (`_beyond_name`),
        with the alternatives retrieval accepts for each word."""
        retriever = self.retriever
        wanted, alternatives = asked_detail(query, focus, retriever.query_words, retriever.idf)
        founded = _FOUNDED_ASKED.search(query.text)
        if founded and "found" in wanted:  # ("when was Enron founded?": "found guilty" founds nothing; the stems meet)
            wanted = {(founded.group().lower() if w == "found" else w): weight for w, weight in wanted.items()}
            alternatives = {(founded.group().lower() if w == "found" else w): alt for w, alt in alternatives.items()}
        return self._beyond_name(query, focus, wanted), alternatives

    def _beyond_name(self, query: Query, focus: Focus, wanted: dict[str, float]) -> dict[str, float]:
        """What is asked of the firms, without the words that only say what a firm is called (`_name_words`),
        unless those are most of it: in "what did the BDO optimism index stand at?" the index is what is asked."""
        called = self._name_words(query, focus) & set(wanted)
        rest = {w: weight for w, weight in wanted.items() if w not in called}
        return rest if sum(rest.values()) >= sum(wanted[w] for w in called) else wanted

    def _name_words(self, query: Query, focus: Focus) -> set[str]:
        """The stems of the words after a firm's name in the question that the store writes after it too: what
        the firm is called, not what is asked of it ("the Harwell tram line", "Shell's Qatargas-4 project")."""
        found: set[str] = set()
        store = self.retriever.store
        bodies = None
        for i in range(len(focus.entities)):
            for name in focus.names_of(i):
                if not name or name.lower() not in query.text.lower():
                    continue
                m = compiled(rf"(?<!\w){re.escape(name)}(?:['’]s)?((?:\s+[a-z][a-z-]+){{1,2}})", re.I).search(query.text)
                if m is None:
                    continue
                if bodies is None:  # (lower-cased once: a search without case is several times slower; a name in
                    # many stories is written as it is in the first few of them)
                    bodies = [f"{a.title}\n{a.body}".lower() for a in map(
                        store.article, sorted(focus.entity_articles)[:MAX_ENTITY_ARTICLES]) if a]
                after = m.group(1).lower().split()
                named = [body for body in bodies if name.lower() in body]  # (only these can hold the phrase)
                for n in range(len(after), 0, -1):
                    if not named:
                        break
                    words = r"\s+".join(map(re.escape, after[:n]))
                    phrase = compiled(rf"(?<!\w){re.escape(name.lower())}\s+{words}(?!\w)")
                    if any(phrase.search(body) for body in named):
                        found |= set(stems(" ".join(after[:n])))
                        break
        return found

    def _own_carrier(self, query: Query, focus: Focus, ranked: Sequence[Ranked]) -> Ranked | None:
        """Among the best sentences, the first about the firms asked about (named, or in their story) that
        carries the asked attribute (not in another scope) and is no other firm's: "Ardmoor chairman … said
        the 410p a share offer …"
        for the price per share Brackwell is paying for Ardmoor, where "Medwell will pay $48 for each Corlan
        share" led."""
        untyped = not (focus.role or focus.measure or focus.noun or focus.count_noun)
        retriever = self.retriever
        if untyped:  # (what is asked, in the question's words: no typed attribute says it)
            wanted, alternatives = self._asked_beyond_names(query, focus)
        for r in ranked[:EVIDENCE_SIZE]:
            sentence = r.hit.sentence
            if not r.attribute or r.conflict or r.entity < 0.8 or self._anothers(query, focus, sentence.text,
                                                                                 r.hit.article.id):
                continue
            if untyped and detail_share(wanted, alternatives, retriever.stems_of(sentence.id, sentence.text),
                                        sentence.text.lower()) < UNTYPED_DETAIL:
                continue
            return r
        return None

    def _anothers(self, query: Query, focus: Focus, text: str, article_id: str, spoken: Sequence[str] = ()) -> bool:
        """Whether a sentence is about another stored firm than the question's (`anothers_subject`), that
        firm being no person (the firm's own people, as often as not: "Richard Scrushy … the company he
        founded") and no part or short form of the one asked about ("Chrysler", "the KSE")."""
        name = anothers_subject(query.text, focus, text, self._is_name)
        if not name or any(name.lower() in s.lower() or s.lower() in name.lower() for s in spoken):
            return False  # (a name the conversation's last question spoke of, beside the subject carried from it)
        store = self.retriever.store
        people = {f.value.lower() for f in store.facts(article_id) if f.type == "person"}
        if any(name.lower() in p or p in name.lower() for p in people):
            return False
        article = store.article(article_id)
        if article is not None and any(focus.short_named(i, text, article) for i in range(len(focus.entities))):
            return False  # it names one asked about by the short form ("United Bank" of United Bank of Africa)
        if article is not None and _spelled_out_thing(name, article.body):
            return False  # "The IPO for 17.3 million shares …", its story saying "initial public offer (IPO)": no firm
        return not (article is not None and _part_of(name, focus, f"{article.title}\n{article.body}"))

    def _year_unreported(self, focus: Focus) -> bool:
        """Whether no stored article naming the firm mentions the asked year, nor the year before it (a
        year's results are reported against the last one's), nor the year after it with the figure it rose or fell
        from ("losses had deepened to £51.6m in 2004 from £1.2m" gives 2003's): "what did Time Warner earn in
        1998?" against stories of 2004 asks for something the store does not hold, however well a figure fits. With
        a measure asked, the year must be said in a sentence carrying the measure or an amount, or in the one before
        it (or be the story's own)."""
        years = [int(y) for y in focus.years if y.isdigit()]
        if not years or not focus.entity_articles or len(focus.entity_articles) > MAX_ENTITY_ARTICLES:
            return False
        store = self.retriever.store

        def dated(text: str) -> bool:
            return any(str(y) in text or str(y - 1) in text or _baseline_after(y + 1, text) for y in years)

        for article_id in focus.entity_articles:
            article = store.article(article_id)
            if article is None:
                return False
            if not dated(f"{article.title} {article.published or ''} {article.body}"):
                continue
            if not focus.measure or article.published and any(article.published.startswith(str(y)) for y in years):
                return False
            # (the year said beside the measure asked or an amount: "has not lost a deal this size since 1998" in a
            # story on 2004 profits reports no 1998 profit; or in the sentence before: "… the 2000 election." then
            # "The Dow lost 5% of its value in the three weeks after that election")
            sentences = store.sentences(article_id)
            for before, s in zip([None, *sentences], sentences):
                if dated(s.text if before is None else f"{before.text} {s.text}") and (
                        focus.measure_in(s.text) or holds_amount(s.text)):
                    return False
        return True

    def _carries(self, query: Query, focus: Focus, r: Ranked) -> bool:
        """Whether a sentence carries the asked fact of a firm it names, by the near-miss gate's own
        test (`_fits`): "its partner Castellan Labs shed 38%" answers how far Castellan's shares fell,
        though it shares few of the question's words ("after the Velora suspension")."""
        firms = _firms(focus)
        if not firms:
            return False
        firm = self._firm_scorer(focus, firms)(r)
        return firm >= 0.5 and _fits(query, focus, r, _asks_past(query), firm, self._is_name)

    def _is_name(self, word: str) -> bool:
        """Whether a capitalised word opening a clause is a stored name (not a country, not a word)."""
        key = word.lower().strip(".'’")
        lexicons = self.retriever.lexicons
        return (bool(key) and not country_of(word) and key not in FUNCTION_WORDS
                and any(lx.is_name(key) for lx in lexicons) and not any(lx.mostly_lower(key) for lx in lexicons))

    def _read_before(self, hits: Sequence[Hit], focus: Focus) -> None:
        """The sentence before a hit, where it may say what the hit goes on about: (a quarter asked) the quarter
        ("… profit in the three months to 31 December was 120.7m euros. Sales climbed to 364.4m euros"); (a figure
        or count of a named firm asked, for a hit naming nobody) the firm whose figure it gives ("… Mahindra has
        reported a 52% rise in net profit … Profit was 1.33bn rupees …", `ranking._reported_by_another`)."""
        firm_figure = bool(focus.entities and (focus.measure or focus.count_noun))
        if not (focus.quarter or firm_figure):
            return
        store = self.retriever.store
        for hit in hits:  # (only where the hit names no quarter itself: elsewhere the sentence before is not read)
            if not focus.quarter and not names_nobody(focus, hit.sentence.text):
                continue
            if not hit.before and hit.sentence.position > 1 and not _QUARTER.search(hit.sentence.text):
                before = store.sentence(f"{hit.sentence.article_id}:{hit.sentence.position - 1}")
                hit.before = before.text if before is not None else ""

    def _firm_scorer(self, focus: Focus, firms: Sequence[str]):  # type: ignore[no-untyped-def]
        """How surely a hit is about every firm asked about (the least of them): 1 named in the
        sentence (or "the firm" in an article whose title names it), 0.8 its title names it,
        0.5 the store's name index says its article names it, else 0."""
        lexicons = self.retriever.lexicons
        wanted = [i for i, shown in enumerate(focus.display) if shown in firms]
        articles = [{a for lx in lexicons for a in lx.articles_of(focus.entities[i])} for i in wanted]

        told: dict[tuple[int, str], bool] = {}

        def in_story(i: int, where: set[str], article: Article) -> bool:
            """Whether the article names entity `i`: by the name index, or in its own words where the index
            cannot see them, in lower case ("in a US court", "the latest labor department report")."""
            if article.id in where:
                return True
            if (i, article.id) not in told:
                shown = focus.display[i]
                told[i, article.id] = any(m.group() != shown for m in compiled(
                    rf"(?<![\w-]){re.escape(shown)}(?![\w-])", re.I).finditer(article.body))
            return told[i, article.id]

        def score(r: Ranked) -> float:
            text, title = r.hit.sentence.text.lower(), r.hit.article.title.lower()
            least = 1.0
            for i, where in zip(wanted, articles):
                names = focus.names_of(i)
                if not mentions_any(text, names) and focus.short_named(i, r.hit.sentence.text, r.hit.article):
                    continue  # "Aston's chief executive" in a report on Aston Martin
                if mentions_any(text, names):
                    if not _only_compared(text, names):
                        continue
                    least = 0.0  # named only as a yardstick: "more optimistic than Heineken" is about another
                    continue
                if mentions_any(title, names):
                    least = min(least, 1.0 if FIRM_SUBJECT.search(r.hit.sentence.text) else 0.8)
                elif in_story(i, where, r.hit.article) and _STORY_SUBJECT.match(r.hit.sentence.text) and not named_before(
                        r.hit.sentence, names) and not any(mentions_any(title, focus.names_of(j)) for j in wanted):
                    # (but in a story whose title names another firm asked about, "The company said …" is that
                    # firm's, and the story only names the others asked with it: "Air Force One" beside Lufthansa)
                    least = 0.0  # "The bank also blamed …" in a story about another bank that names it in passing
                else:
                    least = min(least, 0.5 if in_story(i, where, r.hit.article) else 0.0)
            if least < 1.0 and _reported_by_another(focus, r.hit):
                least = 0.0  # "Profit was 1.33bn rupees …" right after "… Mahindra has reported …": Mahindra's
            return least

        def named_before(sentence: Sentence, names: Sequence[str]) -> bool:
            """Whether "It" or "the bank" may stand for the firm: the story's first sentence (its own
            subject) or the sentence before names it."""
            for n in {1, sentence.position - 1}:
                before = self.retriever.store.sentence(f"{sentence.article_id}:{n}") if n > 0 else None
                if before is not None and mentions_any(before.text.lower(), names):
                    return True
            return False

        return score

    def _about_last(self, special: str, query: Query, turn: Turn, read_as: str, conversation: str | None) -> Answer:
        """"who said that?" and "when?" about the sentence that answered the last question."""
        store = self.retriever.store
        sentence = store.sentence(turn.sentence_id) if turn.sentence_id else None
        article = store.article(turn.article_id) if turn.article_id else None
        if sentence is None or article is None:
            return Answer(question=query.text, text=NOTHING_TO_REFER, citations=(), mode="extractive",
                          abstained=True, read_as=read_as)
        facts = [f for f in store.facts(article.id) if sentence.id in f.sentence_ids]
        citation = (make_citation(1, sentence, article),)
        lead = ""
        if special == "who_said":
            speaker = who_said(store, turn.cited or (sentence.id,), self.retriever.lexicons)
            if speaker is not None and speaker.person:
                said = store.sentence(speaker.sentence_id) or sentence
                named = store.sentence(speaker.named_in) if speaker.named_in else None
                citation = tuple(make_citation(n, s, article) for n, s in enumerate(
                    [said] + ([named] if named is not None else []), start=1))
                lead = f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name
                markers = "[1][2]" if named is not None else "[1]"
                text = f"{lead} {markers}.\n" + "\n".join(f"{c.quote} [{c.n}]" for c in citation)
                self.memory.put(conversation, replace(turn, person=speaker.name))  # "what else did he say?"
            elif speaker is not None:
                # "Standard Chartered said …": a firm speaks; no person is named, so none is made up
                said = store.sentence(speaker.sentence_id) or sentence
                citation = (make_citation(1, said, article),)
                sentence = said
                text = f"The stored sentence names no person, only {speaker.name}: {said.text} [1]"
            else:
                text = f"The stored sentence does not say who said it: {sentence.text} [1]"
        else:
            dates = [f.value for f in facts if f.type == "date" and not f.attrs.get("period")]
            if len(dates) > 1 and (run := _one_date_run(dates, sentence.text)):
                dates = [run]  # "trialled from August last year": one date said in two parts
            if len(dates) == 1:
                lead = date_as_said(sentence.text, dates[0])  # ("in May last year": May, of last year)
                if article.published and not re.search(r"\b(?:19|20)\d\d\b", lead):
                    lead = f"{lead}, in a report dated {article.published}"  # "this year", "on Tuesday"
                text = f"{lead} [1]."
            elif article.published:
                lead = f"Reported on {article.published}"
                text = f"{lead} [1]."
            elif dates:
                text = f"The stored sentence gives more than one date: {sentence.text} [1]"
            else:
                text = f"The stored article gives no date for this: {sentence.text} [1]"
        return Answer(question=query.text, text=(f"Showing results for: {read_as}\n" if read_as else "") + text,
                      citations=citation, mode="extractive", abstained=False, read_as=read_as,
                      lead=lead or sentence.text, lead_kind="synthesised" if lead else "quote")

    async def _foreign(self, question: str, filters: Filters | None, conversation: str | None) -> Answer:
        """One line saying questions and articles are English only; with an LLM, the question is
        also read in English and answered from the store, verified like any other answer."""
        translate = getattr(self.llm, "in_english", None)
        if translate is not None:
            try:
                english = await translate(question)
            except LLMUnavailable as exc:
                log.info("LLM could not read the question in English: %s", exc)
            else:
                if not looks_foreign(english, self.speller()):
                    answer = await self.answer(english, filters, conversation=conversation)
                    shown = answer.text if answer.read_as else f"Showing results for: {english}\n{answer.text}"
                    return replace(answer, question=question, text=f"{ENGLISH_READ}\n{shown}",
                                   read_as=answer.read_as or english)
        return Answer(question=question, text=ENGLISH_ONLY, citations=(), mode="extractive", abstained=True)
