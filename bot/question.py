"""What a question asks for: its kind, the parties it names and its content words.

Retrieval uses this to prefer evidence of the right type (a figure for "how much", a person for
"who", a sector fact for "which sectors") about the right parties, and to abstain when the store
does not cover the question's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .entities import BODY_HEADS
from .facts import parties_in
from .facts.tables import STOP_WORDS

__all__ = ["Query", "analyse", "QUESTION_WORDS"]

Kind = Literal["sector", "figure", "person", "date", "party", "event", "general"]

# Words that shape the question but say nothing about its subject: the stop words and the
# words people ask with.
QUESTION_WORDS = STOP_WORDS | frozenset(
    """
    tell please give list show name named kind type sort happen happened going get got make made
    took take taken place latest recent recently actually exactly precisely
    """.split()
)

_SECTOR = re.compile(
    r"\b(sectors?|areas?|industr(?:y|ies)|fields?|domains?|cooperation|collaborat\w*|products?|goods)\b", re.I
)
_WHICH = re.compile(r"\b(which|what)\b", re.I)
_AMOUNT = re.compile(r"\b(what share|which share|what percentage|what proportion|how much|how many|what price|what value)\b", re.I)
_FIGURE = re.compile(
    r"\b(how (?:much|many|big|large|high|low|far)|by how much|what (?:was|is|were|are) the "
    r"(?:value|amount|figure|size|price|cost|total|rate|level|number|share|percentage)|"
    r"(?:what|which) percentage|(?:what|which) share|how many|worth|per ?cent|percentage|"
    r"how\s+(?:fast|quickly)\s+(?:did|has|have|had|is|was|were|will|does|do)\s+[^?]{2,80}?\b(?:grow|grew|grown|rise|rose|"
    r"risen|expand|expanded|increase|increased|fall|fell|fallen|shrink|shrank|shrunk)\b|"  # ("how fast did it grow?")
    r"what\s+(?:size\s+of\s+)?(?:rise|fall|drop|increase|decline|cut|jump|gain)\s+in|"
    r"what (?:(?!(?:do|does|did|will|would|can|could)\b)\w+ ){0,2}"  # ("what risk do debt holidays carry?": no debt)
    r"(?:profits?|income|loss|losses|revenues?|sales|price|stake|deficit|surplus|growth|rate|dividend|"
    r"debts?|turnover|earnings|value|valuation|bonus|salary|fine|tariff|figure|amount))\b|"
    # ("what did INSEE's flash estimate put French growth at for the last three months?": a figure, at the end)
    r"^\s*(?:and\s+)?what\s+(?:did|does|do|will|would|has|have)\s+[^?]*?\bput\s+"
    r"(?:[\w'’-]+\s+){1,5}?at(?=\s+(?:for|in|by|over|during)\b|\s*\?|\s*$)",
    re.I,
)
# "what are the names of the two Bank of China officials …?": people asked by name (a person question)
_PEOPLE = (r"\bnames?\s+of\s+(?:the\s+)?(?:[\w&'’.-]+\s+){0,5}?(?:officials?|executives?|people|persons?|men|women|"
           r"bosses|directors?|managers?|analysts?|economists?|ministers?|traders?|founders?|leaders?)\b")
PEOPLE_NAMED = re.compile(_PEOPLE, re.I)
_PERSON = re.compile(r"^\s*(who|whom)\b|\bwho\s+(?:is|was|are|were|said|leads|heads|runs)\b|"
                     rf"\bwhich (?:minister|official|person|people|executive)\b|{_PEOPLE}", re.I)
# "which deutsche bank telecoms analyst doubted it would be worth …?": the person is asked, whatever figure the
# rest of the question speaks of
_WHICH_PERSON = re.compile(r"^\s*(?:and\s+)?which\s+(?:[\w&'’.-]+\s+){0,4}?(?:analyst|economist|minister|official|"
                           r"executive|chairman|chairwoman|spokesman|spokeswoman|director|president|governor|strategist|"
                           r"trader|dealer|banker|lawyer|boss|secretary|commissioner|founder|leader|person)\b"
                           r"(?!['’]s)(?!\s+(?:of|in|at|for|from)\b)", re.I)
_DATE = re.compile(r"^\s*(?:(?:and\s+)?(?:from|until|till|by)\s+)?when\b|\bwhat (?:date|year|month|day)\b|\bhow long\b|\bbetween\s+which\s+years\b", re.I)
# (not "what do countries wanting to join … have to do?": the countries act, what they do is asked)
_PARTY = re.compile(r"\b(which|what) (?:(?!(?:do|does|did|are|were|have|has|had|will|would|can|could|should|must|might|"
                    r"may)\b)[a-z][\w-]*\s+)?(?:countries|country|nations?|parties|partners?)\b", re.I)
_EVENT = re.compile(r"\b(agree\w*|sign\w*|deals?|mou|memorand\w*|talks|meetings?|sessions?|visits?|disputes?)\b", re.I)
# "which banks", "which Indian companies", "which of its drugs", "list …": several things are wanted
# (not "what is …", "what was …": a single value; "is" and "was" end in "s" too)
_LIST = re.compile(
    r"\b(?:which|what)\s+(?!(?:is|was|are|were|its|this|us|plus|as)\b)(?:of\s+(?:the\s+)?[\w'’-]+\s+)?"
    r"(?:[a-z][a-z-]*\s+)?[a-z]+[^s\W]s\b|\blist\b|^\s*(?:please\s+)?name\s+(?:the|all|any|some)\b|"  # ("name the six …")
    r"\b(?:which|what)\s+(?-i:US|UK|EU)\s+[a-z]+[^s\W]s\b", re.I)  # ("which US presidents …?": the country, no pronoun)
# (`_listing`) a name going on after a capitalised plural, then the thing asked: "… Securities SMBC analyst"
_NAME_WORD_AFTER = re.compile(r"(?:\s+[A-Z][\w&'’.-]*)*\s+[a-z]+(?<!s)\b")
# Words ending in a single "s" that are no plurals ("which news agency", "what bonus")
SINGULAR_S = frozenset("news series means species economics politics physics gas bus bonus status census virus campus "
                       "consensus analysis crisis basis thesis lens focus".split())


# (`_listing`) the noun a plural describes: "sales growth", "exports target", "earnings forecast"
HEAD_AFTER = re.compile(r"\s+(?:growth|target|rate|figure|forecast|volume|level|margin|ratio|total|tax|bill|"
                        r"deficit|surplus)\b", re.I)


def _listing(text: str) -> bool:
    """Whether a "which/what …s" wording asks for several things; "which rival has …" asks one ("has" is no
    plural)."""
    for m in _LIST.finditer(text):
        raw = m.group().split()
        words = [w.lower() for w in raw]
        if words[-1] in SINGULAR_S:
            continue  # "which news agency …": one agency
        if words[0] in ("which", "what") and len(raw) > 1 and raw[-1][:1].isupper() and raw[1][:1].isupper() \
                and _NAME_WORD_AFTER.match(text, m.end()):
            continue  # "which Daiwa Securities SMBC analyst …": the plural is a word of a name, the thing asked one
        if HEAD_AFTER.match(text, m.end()):
            continue  # "what like-for-like sales growth …": the plural describes the one thing asked, a growth
        if words[0] == "which" and words[-1] in ("has", "does"):
            if len(words) > 2 and words[-2].endswith("s") and not words[-2].endswith("ss"):
                return True  # "which firms has it bought?"
            continue
        return True
    return False


# "what are big companies' biggest worries?", "what are Rank's three core divisions?": things (not a
# figure: "what were BP's profits?" is read as one)
_WHAT_ARE = re.compile(r"\s*(?:and\s+)?what\s+(?:are|were)\s+(?:[\w&'’.-]+\s+){0,4}?(?!(?:profits|losses|revenues|"
                       r"sales|earnings|debts|gains|prices|rates|costs|assets|results|figures|numbers|shares|exports|"
                       r"imports)\b)[a-z]+[^s\W]s(?:\s+(?:according|in|of|for|at|to|that|which)\b.*)?\s*\??\s*$", re.I)
_HOW_OLD = re.compile(r"\bhow\s+old\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|(?<![A-Za-z\d])\d+s\b|\d+(?:[.,]\d+)*")  # ("the over-65s", "the 1990s": a decade or an age group, one word)


# What is set against the one asked ("…, as opposed to Dresdner Kleinwort?", "…, as opposed to the US population as a
# whole?"): its words are no part of what the answer must say
# (", not to be confused with the French one?", ", not just the fourth quarter?"; " - not Ebbers himself?": a name after
# a dash)
_CONTRAST = (r"(?:\s[-–]\s*not(?=\s+(?-i:[A-Z]))|,\s*(?:as\s+opposed\s+to|as\s+against|as\s+distinct\s+from|"
             r"rather\s+than|unlike|beyond|not\s+to\s+be\s+confused\s+with|in\s+contrast\s+to|"
             r"not\s+(?:just|only|merely)\s+(?:in\s+|for\s+)?the))\b")
CONTRASTED = re.compile(_CONTRAST, re.I)  # "…, as opposed to Deutsche Boerse's boss?": what follows is set against
CONTRASTED_TAIL = re.compile(rf"{_CONTRAST}.*$", re.I | re.S)  # what is set against, to the end
# … or set off by commas in the middle, the question going on after it: "Which minister, rather than the vice
# president, told Reuters …?" (only the aside goes; not when a relative clause goes on about the one set against:
# "…, as opposed to Euronext, which declined to comment?")
SET_AGAINST_ASIDE = re.compile(rf"{_CONTRAST}\s+[^,?]{{1,60}},(?=\s+(?!(?:which|who|whose|whom|that)\b)[a-z])", re.I)
# … or in an opening clause: "Rather than the quarter's output growth, how much …?", "Setting the profit figure aside,
# how much …?" (what it names is set against the question, not asked)
CONTRAST_HEAD = re.compile(r"^\s*(?:(?:as\s+opposed\s+to|as\s+against|as\s+distinct\s+from|rather\s+than|unlike|instead\s+of)\s+[^,?]{1,80}|"
                           r"(?:setting|leaving|putting)\s+(?:aside\s+[^,?]{1,60}|[^,?]{1,60}?\s+aside)),\s+"
                           r"(?=(?:which|what|who|whom|where|when|how|why)\b)", re.I)
# The words that set a thing aside ("besides Lockheed", "apart from the Iraq war", "other than banks")
SET_ASIDE = r"apart\s+from|aside\s+from|besides|other\s+than|except(?:\s+for)?"
_ASIDE_WORDS = frozenset({"apart", "aside", "from", "besides", "other", "than", "except", "for", "and", "the"})
# What an opening clause sets aside ("Apart from Asahi, Sapporo and Suntory, which … brewer …?"): not what is asked
_SET_ASIDE_HEAD = re.compile(rf"^\s*(?:{SET_ASIDE})\s+[^?]*?,\s+(?=(?:which|what|who|whom|where|when|how|why)\b)", re.I)


# "how did September's reading compare with earlier years?": how a thing stood against another is asked, in any words
HOW_COMPARED = re.compile(r"\s*(?:and\s+)?how\s+(?:did|does|do|has|have|had|is|are|was|were|will|would)\b[^?]*"
                          r"\bcompare[sd]?\b", re.I)
# "how did salaries compare with a year earlier?": the yardstick of a change asked, which a sentence gives in its own
# way ("grew 1.9% in December 2004 from December 2003"), so its words are not what the evidence must cover
_AGAINST_A_YEAR_EARLIER = re.compile(r"\bcompare[sd]?\s+(?:with|to)\s+(?:a\s+year\s+(?:earlier|before|ago)|(?:the\s+)?"
                                     r"(?:previous|prior|same)\s+(?:year|period|quarter|month)(?:\s+(?:a\s+year\s+"
                                     r"(?:earlier|before)|last\s+year))?|last\s+year)\b", re.I)
# A trailing clause setting the time by what the subject does meanwhile: "… plan to concentrate on once it scales back
# its PFI division?" (its words find the sentence about that, not the answer)
_SETTING_TAIL = re.compile(r"(?<=\w)\s*,?\s+(?:(?:once|as\s+soon\s+as)\s+(?:it|they|he|she)\s+[a-z]+|"
                           r"(?:despite|in\s+spite\s+of)\s+(?:(?:the|a|an|its|their|his|her)\s+)?[a-z]+).*$", re.I | re.S)
# (or one conceding what stood against it: "what lifted Carlsberg's sales despite the sluggish European market?")
# An opening clause saying what is known before the question proper: "Now that Yukos has dropped five banks from its
# legal threat, which bank …?"
_CONTEXT_HEAD = re.compile(r"^\s*(?:now\s+that|given\s+that|seeing\s+that)\s+[^?]*?,\s+"
                           r"(?=(?:which|what|who|whom|where|when|how|why)\b)", re.I)


# A name asked for a thing ("what is the name of X's newsletter?", "what is Kraft's new label for its products
# called?"): one name, not a list of sectors
NAME_ASKED = re.compile(r"\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:names?|titles?)\s+of\b|\bcalled\s*\?*\s*$",
                        re.I)


def _sector_asked(text: str) -> bool:
    """Whether the question speaks of sectors, areas, products …, not only in a name: "Reliance Industries",
    "Gold Fields" are firms (a capitalised word after the first is part of a name). What the question sets
    against what it asks is not asked: "…, rather than in its worst-hit areas?" asks for no areas."""
    text = CONTRASTED_TAIL.sub("", text)
    return any((m.start() == 0 or not m.group()[0].isupper() or text[:m.start()].rstrip().endswith(("?", ".", ":")))
               and not (m.group().lower().startswith("field") and _RESOURCE_FIELD.search(text))
               for m in _SECTOR.finditer(text))


# "which UN body … put the value of Cuba's tourist industry at $3bn?": a body is asked; the industry is what it valued
_BODY_ASKED = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:body|bodies|agency|agencies|"
                         r"organi[sz]ations?|institutions?|watchdogs?|regulators?|commissions?|ministry|ministries)\b", re.I)


# "which field has Exxon agreed to develop?", "which gas fields …": a field of oil or gas, one named place, no sector
_RESOURCE_FIELD = re.compile(r"\b(?:oil|gas|oilfields?|gasfields?|develop\w*|drill\w*|explor\w*|reserves?|wells?|"
                             r"barrels?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    kind: Kind
    parties: tuple[str, ...]
    terms: tuple[str, ...]  # lower-cased content words, in order, deduplicated
    wants_list: bool
    names: tuple[str, ...] = field(default=())  # capitalised words other than the first


def analyse(question: str) -> Query:
    """Classify `question` and pull out the words that carry its subject."""
    text = " ".join(question.split())
    listed = _LIST.search(text)
    # "which brewers have invested in China's beer industry?" asks for firms: the sector word is not what is listed
    others = bool(listed) and listed.group().lower() != "list" and not _SECTOR.search(listed.group())
    named = bool(NAME_ASKED.search(text))  # ("what is Kraft's new label for its products called?": one name)
    figure, sector = _FIGURE.search(text), _SECTOR.search(text)
    # ("what resolution rate does the call-centre industry aim for?" asks a rate; the industry is whose)
    rated = bool(figure and sector and figure.start() < sector.start())
    if _sector_asked(text) and _WHICH.search(text) and not _AMOUNT.search(text) and not others and not named \
            and not rated and not _BODY_ASKED.match(text) and not _WHICH_PERSON.match(text):
        # (not "which minister announced the aid for the wine industry?": a person is asked)
        kind: Kind = "sector"
    elif figure and not _WHICH_PERSON.match(text):
        kind = "figure"
    elif _PARTY.search(text):
        kind = "party"
    elif _PERSON.search(text):
        kind = "person"
    elif _DATE.search(text):
        kind = "date"
    elif _EVENT.search(text):
        kind = "event"
    else:
        kind = "general"
    words = _WORD.findall(text)
    seen: dict[str, None] = {}
    # ("which bank compared …, as opposed to Dresdner Kleinwort?": what is set against, and the words setting it
    # against, are not what the evidence must cover)
    kept = _SETTING_TAIL.sub("", CONTRASTED_TAIL.sub("", SET_AGAINST_ASIDE.sub("", CONTRAST_HEAD.sub("", text))))
    if HOW_COMPARED.match(kept):
        kept = _AGAINST_A_YEAR_EARLIER.sub(" ", kept)  # (not in "and compared with a year earlier?": all it asks)
    head = _SET_ASIDE_HEAD.match(kept)
    if head is not None:
        # an opening "apart from …," clause: the names it sets aside are not asked; a kind it names ("besides
        # mortgages") still finds the sentence that lists the others beside it
        named_kind = [w for w in _WORD.findall(head.group()) if not w[:1].isupper() and w.lower() not in _ASIDE_WORDS]
        kept = " ".join([*named_kind, kept[head.end():]])
    context = _CONTEXT_HEAD.match(kept)
    if context is not None:
        # an opening "now that …," clause says what is known already: of it only the names are kept (the question
        # may go on with "it"), not its other words, which match the sentence saying what is known
        kept = " ".join([*(w for w in _WORD.findall(context.group()) if w[:1].isupper() and w.lower() != "now"),
                         kept[context.end():]])
    for word in _WORD.findall(kept):
        lower = re.sub(r"['’]s$", "", word.lower()).strip("'’-")
        if len(lower) < 2 or lower in QUESTION_WORDS:
            continue
        seen.setdefault(lower, None)
    if _HOW_OLD.search(text):
        seen.pop("old", None)  # "how old is he?" asks an age, as "how many" asks a count: no word to find
    names = tuple(
        dict.fromkeys(w for i, w in enumerate(words) if i > 0 and w[:1].isupper() and w.lower() not in QUESTION_WORDS)
    )
    wants_list = kind in ("sector", "party") or _listing(text) or (
        kind == "general" and bool(_WHAT_ARE.match(text)))
    return Query(
        text=text,
        kind=kind,
        parties=tuple(parties_in(text)),
        terms=tuple(seen),
        wants_list=wants_list,
        names=names,
    )


# "why / when / what do analysts think …?": the view those named give is asked, not the story's own account
_VIEW_ASKED = re.compile(r"^\s*(?:and\s+)?(?:why|when|what|where|how\s+\w+)\s+(?:did|do|does|had)\s+"
                         r"(?:the\s+|some\s+|many\s+|most\s+)?(?P<who>[a-z]+s)\s+(?:now\s+|still\s+)?"
                         r"(?:think|believe|say|expect|argue|fear|suggest|feel|predict|forecast)\b", re.I)


# "According to correspondents, why might …?": the view of people of a kind, asked in an opening clause
_SOURCE_VIEW_ASKED = re.compile(r"^\s*(?:and\s+)?according\s+to\s+(?:the\s+|some\s+|many\s+|most\s+)?(?P<who>[a-z]+s)\s*,",
                                re.I)


_SAYING = r"said|says|insisted|insists|argued|argues|added|told|warned|stressed|claimed|believes|thinks"
# A sentence going on with what the person the one before named said: "However, he added, …", "He insisted …"
_SPOKEN_AS_HE = rf"^\s*(?:However,\s+|But\s+)?(?:he|she)\s+(?:also\s+)?(?:{_SAYING})\b"
# "…, according to Cairn's chief executive?": a person at the firm, by title, is the source asked
_ROLE_VIEW_ASKED = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:[\w&.'’-]+['’]s\s+)?(chief\s+executive|boss|chairman|"
                              r"chairwoman|president|chief|finance\s+director|managing\s+director)\b", re.I)


# "when does the Royal Bank of Scotland's Ross Walker expect …?": a named person's view is asked (not a body's:
# "what does the Kessel Relief Federation see as …?", whose last word ends a body's name)
_BODY_ENDS = "|".join((*BODY_HEADS, "Cross", "Bank", "Group", "Agency", "Fund", "Union", "Ministry", "Trust", "Board",
                       "Authority"))
_PERSON_VIEW_ASKED = re.compile(r"^\s*(?i:and\s+)?(?i:why|when|what|where|how\s+\w+)\s+(?i:did|do|does)\s+(?:[\w&.'’-]+\s+){0,6}?"
                                rf"[A-Z][\w'’-]+\s+(?P<surname>(?!(?:{_BODY_ENDS})\b)[A-Z][a-z]+)\s+(?:now\s+|still\s+)?"
                                r"(?:think|believe|expect|predict|forecast|see)\b")


def view_said(question: str) -> re.Pattern[str] | None:
    """For a question asking the view of people of a kind ("when do economists think …?"), the pattern of a
    sentence in which they give it ("…, economists said"); None for any other question."""
    m = _VIEW_ASKED.match(question)
    role = _ROLE_VIEW_ASKED.search(question)
    person = _PERSON_VIEW_ASKED.match(question)
    if m is None and role is None and person is not None:
        # "when does … Ross Walker expect any rate rise to come?": he gives his view by name or, after a sentence
        # naming him, as "he" ("However, he added, any rate increase is not likely …")
        surname = re.escape(person.group("surname"))
        return re.compile(rf"{_SPOKEN_AS_HE}|\b{surname}\s+(?:also\s+)?(?:{_SAYING}|expects?|predicts?)\b|"
                          rf"\b(?:{_SAYING})\s+(?:[A-Z][\w'’-]+\s+)?{surname}\b")
    if m is None and role is not None:
        # "…, according to Cairn's chief executive?": the boss speaking, by name after the firm's sentence
        # ("He insisted that the contract made it clear …") or by title
        title = re.escape(role.group(1))
        return re.compile(rf"{_SPOKEN_AS_HE}|\b{title}\b[^.;]{{0,60}}?\b(?:{_SAYING})\b", re.I)
    source = _SOURCE_VIEW_ASKED.match(question) if m is None else None
    if m is None and source is None:
        return None
    who = re.escape((m or source).group("who")[:-1])
    # ("According to correspondents, why might …?": they give it by name, or as "They say …" after a sentence
    # naming them)
    they = r"^\W*They\s+(?:also\s+)?(?:say|said|believe|think|suggest|argue)\b|" if source is not None else ""
    return re.compile(rf"{they}\b{who}s?\s+(?:[a-z]+\s+)?(?:said|say|says|think|thought|believe|believed|argued|argue|"
                      rf"warned|fear|feared|expect|expected|suggested|felt|predict|predicted)\b|"
                      rf"\b(?:said|according\s+to)\s+(?:[a-z]+\s+){{0,2}}{who}s?\b", re.I)
