"""Causes, for why-questions: how surely a sentence gives one (`cause_grade`).

News gives a cause in many ways besides "because", so the signs are kept by kind, each with the
strength it usually carries:
  3  said outright: a connective ("due to", "on the back of", "on concerns that"), an attribution
     ("blamed", "attributed the fall to", "citing"), a word naming a cause ("the main reason",
     "led to", "stems from"), a verb of causing with the cause as its subject or after "by" ("costs
     are hitting confidence", "accounting errors had forced the move", "driven down by forecasts"),
     or a purpose stated with an explicit marker ("in order to", "aimed at", "in a bid to");
  2  a clause that usually gives one ("fell 93% as research costs rose"), or a purpose of an action
     ("an initiative to combat smuggling", "to help pay for the recovery");
  1  a word that may only order events in time ("after", "following", "amid");
  0  none.
`Asked` (from `asked_event`) judges a sentence against what one why-question asks the cause of: its
grade (no purpose for a change asked, no verb of causing whose subject is the asked one), whether it
is about the asked event (the question's own words for it, or "the move", "the main reason"), and
whether it reports only the other direction (a rise, a fall asked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .caching import compiled

# "due to" as a schedule ("due to report on Monday") is no cause ("due, in part, to" is one)
_DUE_TO = (r"due(?:\s+\w+ly|\s*,\s*(?:at\s+least\s+)?in\s+(?:large\s+|small\s+)?part\s*,)?\s+to"
           r"(?!\s+(?:be|run|start|begin|open|close|end|expire|take|come|go|meet|report|announce|"
           r"publish|launch|finish|complete|hold|vote|decide|rule|sign|make|pay|return|resume|speak|attend|arrive|"
           r"visit|appear|leave|present|release|give|travel|unveil|issue|face|hear|stand)\b)")
_CONNECTIVE = (rf"because|{_DUE_TO}|owing to|thanks to|as a (?:direct )?(?:result|consequence) of|the result of|"
               r"on the back of|in the wake of|in response to|on (?:the\s+)?(?:[\w-]+\s+){0,2}grounds|for fear|"
               r"(?<!comment )(?<!commenting )(?<!commented )"  # ("Commenting on speculation of …" is no cause)
               r"(?:on|amid|over)\s+(?:(?:growing|fresh|renewed|mounting|continuing)\s+)?"
               r"(?:concerns?|fears?|worries|worry|hopes?|expectations?|speculation)\s+(?:that|over|about|of)|"
               # a motive opening the sentence: "Concerned that it would be caught up in a court battle, Gazprom …"
               r"(?:^|(?<=[.!?]\s)|(?<=\n))\W?(?:concerned|worried|fearful|afraid|anxious)\s+(?:that|about)|"
               r"(?:^|(?<=[.!?]\s)|(?<=\n))\W?fearing|"
               # a degree that brings about what follows: "some of the worst-affected areas were so under-developed
               # that the tragedy would have little impact on Asia's listed firms"
               r"so\s+(?!(?:far|that|as)\b)[a-z'’-]{3,}(?:\s+[a-z'’-]+)?\s+that\s")
# someone naming the cause: "It blamed the weather", "analysts attributed the fall to", "citing rising prices"
_ATTRIBUTION = (r"blam(?:e|ed|es|ing)|attribut(?:e|ed|es|ing)\b[^.;]{0,80}?\bto|put(?:s|ting)?\b[^.;]{0,60}?\bdown to|"
                r"cit(?:ed|ing)\b")
# a word naming the cause or the effect: "the main reason is", "led to", "stems from"
_NAMING = (r"(?<!\bno )(?<!\bany )reasons?\b|impetus\s+(?:comes?|came|coming)\s+from\b|"
           r"(?:main|primary|key|major|biggest|chief|single)\s+(?:factor|cause|driver)s?|"
           r"(?:be|is|are|was|were)\s+explained by|stem(?:s|med|ming)? from|result(?:s|ed)? (?:from|in)|"
           r"(?:led|lead|leads|leading) to|contribut(?:ed|ing|es)?\s+to|reflect(?:s|ed|ing)?|caused|offset|"
           # the gain a result came from: "reaping the benefits of its investment", "benefited from lower costs"
           r"reap(?:s|ed|ing)?\s+the\s+(?:\w+\s+)?benefits?\s+of|benefit(?:s|ed|ted|ing|ting)?\s+from|"
           # "was primarily responsible for", "the trouble is that", "may be behind the rise", "partly explain
           # the jump", "were triggered when"
           r"(?:mainly|largely|partly|primarily|chiefly|partially|directly|solely|mostly|most)\s+responsible\s+for|"
           r"responsible\s+for\s+(?:the\s+|much\s+of\s+the\s+|most\s+of\s+the\s+)?(?:[\w-]+\s+){0,2}(?:fall|rise|drop|"
           r"increase|decline|contraction|slump|jump|growth|loss|losses|slowdown|collapse|problems?|delay|shortfall)|the\s+(?:main\s+|real\s+|big\s+|biggest\s+)?(?:trouble|problem|difficulty)\s+"
           r"(?:is|was|has\s+been)|(?:be|is|are|was|were|been)\s+(?:\w+ly\s+)?behind\s+(?:the|this|that|these|its|their|"
           r"[\w-]+['’]s?)\s|(?:\w+ly\s+)?explain(?:s|ed)?\s+(?:the|this|that|these|its|their|much|some|part|why|[\w-]+['’]s?)\s|"
           r"(?:was|were|been)\s+(?:\w+ly\s+)?(?:triggered|sparked|prompted|caused)\s+(?:when|after|as)")
# ("hit a new low" is reaching one, not a cause)
_HIT = (r"hit(?!\s+(?:(?:a|an|its|their|the|new|fresh|record|all-time|[\w-]+-(?:year|month|week))\s+)*"
        r"(?:low|high|peak|record)s?\b)")
_CAUSING = (rf"{_HIT}|hurt|helped|driven|boosted|dented|prompted|triggered|fuelled|fueled|spurred|sparked|underpinned|"
            r"buoyed|lifted|damaged|undermined|knocked|battered|squeezed|propelled|forced|"
            r"catalysed|catalyzed|weighed down|held back|dragged down|pushed|affected|hampered|harmed|buffeted|"
            r"dampened|weakened")
# the cause after "by": "hit by", "driven down by forecasts", "were hurt last year by"
_BY = (rf"(?:{_CAUSING})(?:\s+(?:up|down|higher|lower|back|up\s+sharply))?(?:\s+(?:in|during|last|this|over)"
       r"(?:\s+(?:the|recent|past|last)){0,2}\s+\w+)?\s+by")  # ("hit in recent years by")
# the cause as the subject: "a weak dollar had hit profits", "costs are hitting confidence", "comments
# sparked the declines", "accounting errors had forced the move", "falls in the dollar helped carry prices"
_AS_SUBJECT = (rf"(?:has|have|had)\s+(?:\w+\s+)?(?:{_HIT}|hurt|dented|boosted|lifted|helped|damaged|weighed on|pushed|"
               r"driven|forced|prompted|sparked|triggered|fuelled|fueled|caused|spurred|convinced|persuaded)|"
               r"(?:is|are|was|were|been)\s+(?:\w+ly\s+)?(?:hitting|hurting|denting|driving|pushing|fuelling|fueling|"
               r"weighing on|dragging|forcing|prompting|squeezing|eroding)|"
               r"(?<!\bbe )(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbeen )"
               r"(?:sparked|triggered|prompted|fuelled|fueled|spurred|drove|propelled|forced)\s+(?!by\b)|"
               r"help(?:ed|s)?\s+(?:to\s+)?(?:push|lift|boost|carry|drive|keep|offset|ease|fuel|support)|"
               # "a clear-cut victory for President Bush … paved the way for a rise": what made it possible
               r"(?:paved|paves|cleared|clears|opened|opens)\s+the\s+(?:way|door)\s+(?:for|to)|"
               r"(?:set|sets|laid|lays)\s+the\s+(?:stage|scene|groundwork)\s+for|"
               # "Soaring oil sales and a budget surplus mean Russian debt is no longer a risky investment" (not "this
               # means", a consequence of what came before; nor "meant to", a purpose)
               r"(?<!\bthis )(?<!\bthat )(?<!\bwhich )(?<!\bit )(?<!\bby )(?<!\bwhat )(?<!\bdoes )(?<!\bdo )"
               r"(?:mean|meant)\s+(?:that\s+)?(?!to\b|[a-z]+ing\b|[\w'’-]+\s+to\b)[\w'’-]+\s+(?:[\w'’-]+\s+){0,3}?"
               r"(?:is|are|was|were|will|would|can|could|has|have|had)\b")
# a purpose stated with a marker: "in order to", "the cuts are needed to fund new presses", "aimed at cutting costs"
# (not "aimed at children": whom it is for, no purpose)
_PURPOSE = (r"in order to|so that|so as to|aimed\s+at\s+[a-z]+ing|intended to|designed to|in a bid to|in an (?:effort|attempt) to|"
            r"with the aim of|(?:is|are|was|were|be|been)\s+(?:needed|necessary|required)\s+to|"
            r"in a move to|to pre-?empt|"
            # ("They are hoping that by boosting colour it will make their publications more attractive")
            r"(?:is|are)\s+hoping\s+that\s+(?:[\w'’-]+\s+){0,6}?(?:will|can)\b")  # (not "had hoped that … would": a hope
            # that failed is no purpose of what was done)
# what a place offers, said of it where the act goes there: "setting up a factory in China, where costs are cheaper and
# its main customers are closer"
_WHERE_BETTER = (r",\s+where\s+(?:[\w'’-]+\s+){1,4}?(?:is|are)\s+(?:\w+ly\s+)?(?:cheaper|lower|closer|nearer|bigger|"
                 r"larger|faster|easier|better|more\s+[a-z]+)")
# the one who kept someone out: "was banned from taking part in the auction by a US court injunction"
_KEPT_OUT_BY = r"(?:banned|barred|blocked|prevented|stopped|excluded)\s+from\s+[^.;]{0,60}?\s+by"
_SAID = re.compile(rf"\b(?:{_CONNECTIVE}|{_ATTRIBUTION}|{_NAMING}|{_BY}|{_KEPT_OUT_BY}|{_PURPOSE})\b|{_WHERE_BETTER}\b")
_CAUSING_SUBJECT = re.compile(rf"\b(?:{_AS_SUBJECT})\b")
_STRONG = re.compile(rf"{_SAID.pattern}|{_CAUSING_SUBJECT.pattern}")

# 2: "fell 93% as research costs rose": a clause of "as" with a past verb
_AS_CLAUSE = (r"(?<!\bsuch )(?<!\bas well )\bas\s+(?!(?:well|expected|planned|part|much|many|long|soon|far|a result|of|"
              r"if|though|usual|before|such|known|described|reported|announced)\b)"
              r"(?:[\w'’-]+\s+){0,3}?"
              r"(?:[a-z]{3,}ed|rose|fell|grew|slid|sank|shrank|hit|cut|lost|spent|took|saw|kept|struck|became)")
# ("as it became clear that …")
# 2: the purpose of an action: "an initiative to combat the smuggling", "to help pay for the recovery"
_ACTION_PURPOSE = (r"(?:initiative|plans?|bid|effort|attempt|move|drive|campaign|scheme|measures?|steps?|strategy|"
                   r"programme|program)\s+to\s+(?!be\b)[a-z]+|"
                   r"to\s+(?:help|combat|curb|avoid|prevent|protect|counter|tackle|fund|ease|shore up|stem|head off|"
                   r"fend off|ward off|guard against|make up for|cope with|compensate|ensure|make sure)|"
                   # "the cuts are either to clear stock or …": what an act is for, said with an adverb
                   r"(?:is|are|was|were)\s+(?:either|partly|mainly|largely|probably|simply|chiefly)\s+to\s+(?!be\b)[a-z]+|"
                   # the gain an action is expected to bring, its motive: "off-loading the unit would boost its
                   # profitability", "putting the drug back on sale is likely to boost profits"
                   r"(?:would|will|could|should|(?:is|are)\s+(?:likely|expected)\s+to)\s+(?:also\s+)?(?:help\s+(?:to\s+)?)?"
                   r"(?:boost|improve|strengthen|remove|ease|enable|free\s+up|make\s+(?:[\w-]+\s+)?easier|find\s+it\s+easier)\b")
# 2: a participle of causing after a clause (", driving breweries to look elsewhere", ", causing a fall";
# not ", making it the biggest gainer", which describes), a reason argued ("arguing that margins were too
# high", "complaining that the rand was strong"), an event that "came after" another, or a consequence drawn
# ("and as a result nothing was done")
_CONSEQUENCE = (r",\s+(?:causing|driving|forcing|prompting|pushing|sending|triggering|sparking)\s|"
                r"argu(?:ed|ing|es)\s+that|complain(?:ed|ing|s)?\s+(?:that|about)|"
                r"(?:came|comes|come)\s+(?:just\s+|only\s+|shortly\s+)?(?:after|amid)\s|"
                # "That move reportedly followed a protest from the Thai government": what an act answered
                # "France can't sustain a high growth rate without an improvement in the job market": what it lacks
                r"(?:can['’]t|cannot|can\s+not|won['’]t|will\s+not|unable\s+to)\b[^.;]{0,80}?\bwithout\s|"
                r"followed\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:protest|complaint|warning|request|call|demand|ruling|"
                r"report|investigation|probe|outcry|row|dispute|campaign)s?\b|"
                r"as\s+a\s+result(?!\s+of)|"
                # an event as the subject that "saw" a change ("An ill-fated expansion drive in the late 1990s saw
                # France Telecom's debt soar"); a time may be such a subject too ("2004 saw sales rise"), so only 2;
                # not one's own ("GlaxoSmithKline saw its profits fall 9%" reports the fall)
                r"saw\s+(?!(?:its|their|his|her|our)\b)(?:[\w'’-]+\s+){1,4}?(?:soar|rise|fall|jump|climb|plunge|slump|grow|shrink|drop|surge|balloon|"
                r"double|treble|triple|tumble|collapse|sink|slide|swell)\b|"
                # "since" with a verb in the present or its perfect gives a reason ("… fails to collect on a 2003
                # incentive plan since the firm has failed to meet the targets"); with the past, it tells from when
                r"since\s+(?![\d(]|(?:then|last|early|late|mid|the\s+(?:start|end|beginning|middle))\b|(?:jan|feb|mar|apr|"
                r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s)(?:[\w'’-]+\s+){1,3}?"
                r"(?:is|are|has|have|does|do|cannot|can['’]t|lacks?|needs?)\s+(?!been\b)|"
                # the means an act would work by: "Reform could reduce poverty by aiding people with broken
                # employment records"
                r"(?:could|would|can|will|may|might)\s+(?:[a-z]+\s+){1,4}?by\s+[a-z]{3,}ing\b")
# 2: a motive said of the doer before the deed: "Gianni Agnelli … wanted to keep control, and preferred GM's offer"
# (or that others do something: "It wants them to use public transport, and is considering …")
_MOTIVE = (r"(?:(?:wanted|wants)(?:\s+(?:them|him|her|it|us|people|customers|drivers|fans|investors|firms))?|was\s+keen|"
           r"were\s+keen|is\s+keen|are\s+keen)\s+to\s+(?!be\b)[a-z]+[^.;]{0,60}?,\s+and\s+")
# the grounds given with a criticism: "Airlines have attacked the legislation saying they could be forced to …"
_GROUNDS = (r"(?:attack|criticis|criticiz|oppos|complain|object|reject|condemn|slamm|protest|blast|hit\s+out|lambast)"
            r"[a-z]*\b[^.;]{0,80}?,?\s+(?:saying|claiming|insisting|warning)\s+(?!so\b)")
_MEDIUM = re.compile(rf"\b(?:{_AS_CLAUSE}|{_ACTION_PURPOSE}|{_CONSEQUENCE}|{_MOTIVE})")
GROUNDS_GIVEN = re.compile(rf"\b{_GROUNDS}", re.I)  # (a criticism with its grounds, for `answers`)
# a why-question asking the grounds of a criticism: "why have airlines attacked the EU's new rules?"
CRITICISM_ASKED = re.compile(r"^\s*(?:and\s+)?why\b[^?]*?\b(?:attack|criticis|criticiz|oppos|complain|object|reject|"
                             r"condemn|slam|protest|blast|hit\s+out|lambast)", re.I)
# 1: words that often only order events in time ("returned to profit after losses")
_WEAK = re.compile(r"\b(?:amid|following|after)\b")

ANY_CAUSE = re.compile("|".join(f"(?:{p.pattern})" for p in (_STRONG, _MEDIUM, _WEAK)))
# (The patterns are written in lower case and matched against lower-cased text: matching without
# case is several times slower with this many alternatives.)


def cause_grade(text: str) -> int:
    """How surely a sentence gives a cause: 3, 2, 1 or 0 (see the module's notes)."""
    return _grade(text.lower())


def _grade(lower: str) -> int:
    if _STRONG.search(lower):
        return 3
    if _MEDIUM.search(lower):
        return 2
    return 1 if _WEAK.search(lower) else 0


@lru_cache(maxsize=512)
def cause_starts(text: str) -> tuple[int, ...]:
    """Where a sign of a cause starts in `text` (an article's body), in order. Kept per body: a why-question
    reads every story of its entity, and the pattern is long (half a millisecond a story)."""
    lower = text.lower()
    if len(lower) != len(text):  # (a letter whose lower case is longer: match without case instead)
        return tuple(m.start() for m in re.finditer(ANY_CAUSE.pattern, text, re.I))
    return tuple(m.start() for m in ANY_CAUSE.finditer(lower))


# ---- what a why-question asks the cause of -------------------------------------------------------
# A change ("why did profits fall?") is explained by a cause, not by a purpose: "Lenovo's move, designed
# to take it out of China" is no reason for its profits to stall. An action ("why is BT opening up its
# network?") is explained by either.
_CHANGE_VERB = re.compile(
    r"\b(?:fall|falls|fell|fallen|drop(?:s|ped)?|slid|slide|slump(?:s|ed)?|plunge[sd]?|tumble[sd]?|sink|sank|sunk|"
    r"dip(?:s|ped)?|slip(?:s|ped)?|decline[sd]?|shr[iu]nk|shrank|contract(?:s|ed)?|rise|rises|rose|risen|jump(?:s|ed)?|"
    r"soar(?:s|ed)?|surge[sd]?|climb(?:s|ed)?|grow|grew|grown|increase[sd]?|stall(?:s|ed)?|stagnate[sd]?|"
    r"rebound(?:s|ed)?|recover(?:s|ed)?|weaken(?:s|ed)?|strengthen(?:s|ed)?|worsen(?:s|ed)?|worse|wider|widen(?:s|ed)?|"
    r"narrow(?:s|ed)?|crash(?:es|ed)?|up|down|higher|lower|low|high|poor|so\s+(?:poor|weak|strong|good|bad))\b")
# ... and in the question's own words, a change going on ("what got the economy growing again?"; with an
# object it is an action: "why is it dropping the franc?")
_CHANGE_ING = re.compile(
    r"\b(?:falling|dropping|sliding|slumping|plunging|tumbling|sinking|declining|shrinking|contracting|rising|jumping|"
    r"soaring|surging|climbing|growing|increasing|stalling|rebounding|recovering|weakening|strengthening|worsening|"
    r"widening|narrowing)\b(?!\s+(?:the|its|their|a|an|his|her|our|some|more|this|that|these|those|[a-z]+s)\b)")
_PURPOSE_ANY = re.compile(rf"\b(?:{_PURPOSE}|{_ACTION_PURPOSE})\b")
# a sentence referring back to the event: "the move", "this decision", "the fall in profits", "This is because"
_EVENT_BACK = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:[\w-]+\s+)?(?:move|moves|decision|step|cuts?|falls?|drop|rise|"
    r"increase|decline|slide|slump|change|ruling|loss|losses|slowdown|downturn|dip|jump|surge|rebound|warning|"
    r"withdrawal|recall|closure|delay|shortfall|problems?|reduction|restatement)\b|"
    r"^\W*(?:this|that|it)\s+(?:is|was)\s+(?:because|due)|\bthe\s+(?:\w+\s+)?reasons?\b")
# what an event named after "the" is of, told in full: "the rise in the value of the euro", "the fall of the rouble"
_EVENT_OF = re.compile(r"\s+(?:in|of)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")
# ... of which these refer back to an action, which is no rise or fall: "The move came after France and
# Germany vowed …" gives no cause of a jump in the jobless count
_ACTION_BACK = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:[\w-]+\s+)?(?:move|moves|decision|step|ruling|withdrawal|recall|"
    r"closure|restatement)\b")
_RISE_WORDS = ("rise rises rose risen rising increase increased increases up jump jumped climb climbed gain gained "
               "higher surge surged soar soared grow grew growth boost boosted lift lifted rebound rebounded")
_FALL_WORDS = ("fall falls fell fallen falling drop dropped drops decline declined down slump slumped slide slid "
               "lose lost loss losses lower plunge plunged sink sank shrink shrank contract contracted dip dipped "
               "slip slipped weaken weakened worse weak poor cut cuts tumble tumbled crash crashed")


# A verb of causing whose object is the asked event ("the sinking dollar hit shares on Monday", "a change
# which pushed up the jobless rate", "the strong pound dented exports"): a cause of it, said outright, in
# whatever tense (`Asked`; the object must be the question's own words for the event)
_EFFECT_VERB = re.compile(
    rf"\b(?:{_HIT}|hurt|hurts|dented|dents|boosted|boosts|lifted|lifts|pushed|pushes|drove|drives|knocked|knocks|sent|"
    r"sends|weighed\s+on|weighs\s+on|dragged|drags|hampered|hampers|held\s+back|holds\s+back|fuelled|fuels|fueled|"
    r"spurred|spurs|damaged|damages|squeezed|squeezes|eroded|erodes|undermined|undermines|dampened|dampens|depressed)"
    r"(?:\s+(?:up|down|back))?\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)")
# the direction of a change going on, said in the question ("… earnings shrinking?")
_ING_WAY = {**{w: _FALL_WORDS for w in ("falling dropping sliding slumping plunging tumbling sinking declining "
                                         "shrinking contracting weakening worsening").split()},
            **{w: _RISE_WORDS for w in ("rising jumping soaring surging climbing growing increasing rebounding "
                                         "recovering strengthening").split()}}
# A sentence explaining the one before it ("This is due largely to …", "That was because …")
_GIVEN_AS_CAUSE = re.compile(r"\s*(?:and\s+|but\s+)?(?:this|that|it|these)\s+(?:is|was|are|were|has been|have been)\s+"
                             r"(?:\w+ly\s+)?(?P<cause>due\s+(?:\w+ly\s+)?to|because(?:\s+of)?|owing\s+to|"
                             r"the\s+result\s+of|a\s+result\s+of|down\s+to)\b")
_CLAUSE_START = re.compile(r"\b(?:said|says|added|adds|that|and|but|while)\b|[,;:]")


@dataclass(frozen=True, slots=True)
class Asked:
    """What a why-question asks the cause of: its own words for the event, and whether it is a change."""

    words: re.Pattern[str] | None = None  # the question's words other than names and scope, as word starts
    change: bool = False  # a rise, a fall ("why did profits fall?"), not an action
    names: re.Pattern[str] | None = None  # the names the question is about
    other_way: re.Pattern[str] | None = None  # the words of the other direction, when a rise or a fall is asked
    same_way: re.Pattern[str] | None = None  # and of the asked one
    memo: dict[str, tuple[int, bool, bool, bool, bool]] = field(default_factory=dict, compare=False, repr=False)
    # (what was found of each sentence, for this question: a sentence is judged several times in one ranking)
    acting: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)  # (`acts_on_asked`, likewise)
    premise: frozenset[str] = frozenset()  # the word starts of what the question says the event followed ("after
    # George W Bush won the election"): a cause made of them is no answer, the asker knows it

    def grade(self, text: str) -> int:
        """`cause_grade`, without a purpose when a change is asked ("designed to …" explains no fall), and
        without a verb of causing that has the asked subject as the cause of something else ("a slump at
        Mercedes has prompted a drop in profits at its parent" gives no cause of Mercedes' slump)."""
        known = self.memo.get(text)
        if known is None:
            known = self.memo[text] = self._judge(text.lower())
        return known[0]

    def premised(self, text: str) -> bool:
        """Whether the cause a sentence gives is only what the question already says the event followed ("… closed
        higher in response to George W Bush's victory in the presidential elections", asked why shares rose after
        Bush won the election)."""
        if not self.premise:
            return False
        m = _CAUSE_OPENS.search(text.lower())
        if m is None:
            return False
        words = {w[:4] for w in re.findall(r"[a-z]{3,}", m.group(1)) if w not in _LIGHT}
        return len(words & self.premise) >= 2 and len(words - self.premise) <= 2

    def linked(self, text: str) -> bool:
        """Whether a sentence is about the asked event: it uses the question's words for it, or refers back
        to an event ("the move", "This is because …")."""
        self.grade(text)
        return self.memo[text][1]

    def reports(self, text: str) -> bool:
        """Whether a sentence reports the asked event: it is about it and, when a rise or a fall is asked,
        says one ("The firm is in the spotlight after signing a deal" does not report its shares' fall)."""
        self.grade(text)
        return self.memo[text][3]

    def refers_back(self, text: str) -> bool:
        """Whether a sentence refers back to an event ("the decision", "This is because …", "the fall"),
        one the asked kind of event can be (no action for an asked rise or fall)."""
        self.grade(text)
        return self.memo[text][4]

    def acts_on_asked(self, text: str) -> bool:
        """Whether a verb of causing in the sentence has the asked event's words as its object ("Falling timber
        prices … hit shares", shares asked about): a cause of the asked event, however little else it says."""
        acts = self.acting.get(text)
        if acts is None:
            acts = self.acting[text] = self._effect_said(text.lower()) == 3
        return acts

    def against(self, text: str) -> bool:
        """Whether a sentence reports only the other direction ("drove the exchange to a record high" for
        "why did the exchange slide?"): the cause of another event."""
        self.grade(text)
        return self.memo[text][2]

    def _judge(self, lower: str) -> tuple[int, bool, bool, bool, bool]:
        given = _GIVEN_AS_CAUSE.match(lower)
        if given and self.words is not None and self.words.search(lower, given.end()) and not self.words.search(
                lower, 0, given.start("cause")):
            # "This is due largely to the faltering German economy, which shrank 0.2%": the asked event is the
            # cause given for what the sentence before reported, not an event whose cause is given
            return 0, False, False, False, False
        grade = _grade(lower)
        if grade == 3 and self.names is not None and not _SAID.search(lower):
            m = _CAUSING_SUBJECT.search(lower)
            # the causing subject: what comes before the verb, after whoever is reported as saying so
            start = max((b.end() for b in _CLAUSE_START.finditer(lower, 0, m.start())), default=0) if m else 0
            if m and self.names.search(lower, start, m.start()) and not self.names.search(lower, m.end()):
                grade = _grade(lower[: m.start()] + " " + lower[m.end():])
        if grade < 3 and self.words is not None:
            grade = max(grade, self._effect_said(lower))
        if self.change and grade >= 2 and _PURPOSE_ANY.search(lower):
            grade = min(grade, _grade(_PURPOSE_ANY.sub(" ", lower)))
        back = _EVENT_BACK.search(lower)
        if back and self.change and _ACTION_BACK.match(lower, back.start()):
            back = _EVENT_BACK.search(lower, back.end())  # (an action referred back to: no change asked)
        while back and not self.change and self.words is not None and not back.group().endswith(("because", "due")) and (
                of := _EVENT_OF.match(lower, back.end())) and not self.words.search(of.group(1)):
            back = _EVENT_BACK.search(lower, back.end())  # ("the relentless rise in the value of the euro": an event of
            # its own, told in full, not the asked one referred back to; when a change is asked, "the rise in output"
            # may well be it)
        linked = bool(back) or (self.words is not None and bool(self.words.search(lower)))
        against = (self.other_way is not None and self.same_way is not None and bool(self.other_way.search(lower))
                   and not self.same_way.search(lower))
        reports = linked and (self.same_way is None or bool(self.same_way.search(lower)))
        return grade, linked, against, reports, bool(back)


    def _effect_said(self, lower: str) -> int:
        """3 when a verb of causing has the asked event's words as its object and something other than
        the asked names as its subject ("rising oil prices hit shares", shares asked about); else 0."""
        for m in _EFFECT_VERB.finditer(lower):
            if self.words is None or not self.words.search(m.group(1)):
                continue
            start = max((b.end() for b in _CLAUSE_START.finditer(lower, 0, m.start())), default=0)
            if self.names is not None and self.names.search(lower, start, m.start()):
                continue  # the asked one does it ("Turkcell hit back"): no cause of what it suffered
            if not lower[start:m.start()].strip(" \"'“”-"):
                continue  # (no subject: "hit by", "hurt shares" opening a clause)
            return 3
        return 0


_UP_DOWN = re.compile(r"\b(?:is|are|was|were|be|been|being|go|goes|went|gone|going)\s+(?:(?:[\w'’-]+\s+){0,2}?"
                      r"([\w'’-]+)\s+)?(up|down)\b")
# (the word before it makes a verb of its own: "setting up", "shut down", "backed down")
_PHRASAL = re.compile(r"[a-z]+(?:ing|ed)|set|sets|put|puts|shut|shuts|cut|cuts|take|takes|took|make|makes|made|give|"
                      r"gives|gave|pick|picks|open|opens|step|steps|back|backs|buy|buys|bought|sell|sells|sold|turn|"
                      r"turns|come|comes|came|hold|holds|held|end|ends|break|breaks|broke|wind|winds|wound|scale|"
                      r"scales|shake|shakes|shook|slow|slows|clamp|clamps|crack|cracks|draw|draws|drew|play|plays")


# What a why-question says the event followed: "why did investors push US shares higher after George W Bush won the
# election?"
_PREMISE = re.compile(r"\b(?:after|following)\s+([^?,]+)", re.I)
# A cause opening its clause, and what it says: "… in response to George W Bush's victory …"
_CAUSE_OPENS = re.compile(r"\b(?:in\s+response\s+to|after|following|because\s+of|thanks\s+to|due\s+to|"
                          r"on\s+the\s+back\s+of)\s+([^.;]+)")
_LIGHT = frozenset("the its his her their this that with from into for and was were has have had".split())


def asked_event(terms: Sequence[str], names: Sequence[str], scope: Sequence[str] = (), question: str = "") -> Asked:
    """The event a why-question asks about, from its content words (`terms`), less the names of what
    it is about and its scope (years, months); `question`, its whole text, says whether a change is
    going on ("… growing again")."""
    named = {w for n in names for w in re.findall(r"[\w'’-]+", n.lower())}
    named |= {s.lower() for s in scope}
    words = [t for t in terms if len(t) > 2 and t not in named]
    # ("up" and "down" are no content words, but say the direction: "why was the harvest up?", "why did
    # sales go down?"; not "why is it setting up a plant?")
    text = " ".join(words + [m.group(2) for m in _UP_DOWN.finditer(question.lower())
                             if m.group(1) is None or not _PHRASAL.fullmatch(m.group(1))]).lower()
    going = _CHANGE_ING.search(question.lower())
    change = bool(_CHANGE_VERB.search(text) or going)
    found = [family for family in (_FALL_WORDS, _RISE_WORDS) if _family(family).search(text)]
    if not found and going is not None and going.group() in _ING_WAY:  # "why are its earnings shrinking?": a fall
        found = [_ING_WAY[going.group()]]
    for family in found:
        words += family.split()  # "why did profits fall?" is answered of a drop, a decline, a loss
    same = other = None
    if len(found) == 1:
        # (a word ending in -ing is left out of the other direction: "rising costs" is a cause's, not the event's)
        same = _family(found[0] + (" low lows" if found[0] == _FALL_WORDS else " high highs"))
        other = _family(" ".join(w for w in (_RISE_WORDS + " high highs" if found[0] == _FALL_WORDS
                                             else _FALL_WORDS + " low lows").split() if not w.endswith("ing")))
    starts = sorted({w[: max(4, len(w) - 2)] for w in words if len(w) > 4})
    whole = sorted({w for w in words if len(w) <= 4})
    parts = [re.escape(s) for s in starts] + [re.escape(w) + r"(?:s|es)?\b" for w in whole]  # ("debt": "debts")
    pattern = compiled(r"\b(?:" + "|".join(parts) + r")") if parts else None
    shown = sorted({n.lower() for n in names if len(n) > 1}, key=len, reverse=True)
    named_pattern = compiled(r"(?<![\w&])(?:" + "|".join(re.escape(n) for n in shown) + r")(?![\w&])") \
        if shown else None
    premise = _PREMISE.search(question)
    said = frozenset(w[:4] for w in re.findall(r"[a-z]{3,}", premise.group(1).lower()) if w not in _LIGHT) if premise \
        else frozenset()
    return Asked(pattern, change, named_pattern, other, same, premise=said)


def _family(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words.replace(' ', '|')})\b")
