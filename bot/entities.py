"""The store's own names and words: which entities it mentions, in which articles, and its vocabulary.

Built from titles and sentences when the search index is built, and saved beside it
(`<db>.index/lexicon.json`), so a question's focus entities ("Time Warner", "Guidant",
"Qatargas-4") are recognised from what the store actually holds, not from a fixed list, and typos
are corrected against the store's own words.

A name is a run of capitalised words (allowing "of", "&" and "-" inside: "Bank of England",
"Johnson & Johnson") or an acronym ("BA", "J&J"), seen away from the start of a sentence, or at
the start when the same name also appears elsewhere. Words the store mostly writes in lower case
("Chief", "Shares") do not make a name on their own.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import orjson

from .facts.parties import country_of
from .facts.tables import PORTFOLIOS

__all__ = ["BODY_HEADS", "Lexicon", "collect_names", "keeps_name", "name_key", "tokens", "NAME_RE"]

log = logging.getLogger(__name__)

LEXICON_FORMAT = "tradebrief-lexicon-v1"

_CAP = r"(?:[A-Z][A-Za-z0-9]*(?:[&'’.-][A-Za-z0-9]+)*|[0-9]+[A-Z][A-Za-z0-9-]*|[a-z][A-Z][A-Za-z0-9]+)"  # ("eBay")
# The nouns a body's name is built on ("Centre for Economic Policy Research", "Kessel Relief Federation")
BODY_HEADS = ("Centre", "Center", "Institute", "Council", "Commission", "Committee", "Foundation", "Society",
              "Federation", "Association", "Alliance", "Bureau", "Office", "Department", "Organisation", "Organization")
# ("for" joins a body's name only after such a noun: "Institute for Fiscal Studies"; never "Bid for Yukos")
_FOR_BODY = "|".join(f"(?<={w})" for w in BODY_HEADS)
NAME_RE = re.compile(rf"{_CAP}(?:(?:\s+(?:of|de|du|von|van|der|la|le|&)\s+|\s+|-|(?:{_FOR_BODY})\s+for\s+){_CAP})*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")

# Capitalised words that start sentences or titles but never name anything alone.
_FUNCTION = frozenset(
    """
    a an the this that these those it its he she they we i you his her their our my your both each in
    on at for from by with as of to into over under after before during since until while when where
    which who what why how and but or nor so yet also however meanwhile overall according there here
    some many much most several other another all any such no not if then than though although because
    despite following amid among between mr mrs ms dr sir st is are was were be has have had will would
    can could may might must shall should do does did one two three four five six seven eight nine ten
    first last next new old more less said says monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november december
    nobody everybody somebody anybody everyone someone anyone nothing everything something
    """.split()
)
FUNCTION_WORDS = _FUNCTION
# Lower-case question words that are also stored names ("US"): taken as names only when capitalised.
_LOWER_NOT_NAMES = frozenset({"us", "me", "tell", "show", "give", "list", "name", "about", "who", "all", "may"})
# Two-letter words and abbreviations typed in lower case that are not a firm's initials ("bp", "gm", "ba" are)
_TWO_LETTER_WORDS = frozenset("""am an as at be by do go he hi id ie if in is it me my no of oh ok on or so to up us we
    ad tv pc pm vs ex mr ms dr st co eg uh um ye yo""".split())
_POSSESSIVE = re.compile(r"['’]s?$")


def name_key(text: str) -> str:
    """How names are compared: lower case, possessive dropped, single spaces."""
    return " ".join(_POSSESSIVE.sub("", w) for w in text.lower().replace("’", "'").split())


def tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


# Places whose name opens with "New", a word that otherwise opens sentences and titles ("New rules …")
_NEW_PLACES = frozenset("zealand york delhi jersey mexico hampshire orleans england guinea caledonia brunswick".split())


def _trim(name: str) -> str:
    """Drop leading/trailing function words ("The Bank of England" -> "Bank of England"; but "New Zealand" keeps
    its "New")."""
    words = name.split()
    while words and words[0].lower() in _FUNCTION and not (
            words[0] == "New" and len(words) > 1 and words[1].lower() in _NEW_PLACES):
        words.pop(0)
    while words and (words[-1].lower() in _FUNCTION or words[-1] in ("&", "and", "of")):
        words.pop()
    return " ".join(words)


def _names_in(text: str) -> list[tuple[str, bool]]:
    """(name, at_start) for every capitalised run in `text`."""
    found = []
    for raw, start in (run for m in NAME_RE.finditer(text) for run in _unpossessed(m.group(), m.start())):
        at_start = not text[:start].strip(" \"'“‘(")
        name = _trim(_POSSESSIVE.sub("", raw.strip(".")) if raw.endswith(("'s", "’s")) else raw.strip("."))
        if not name:
            continue
        if _ROLE_AFTER.match(text, start + len(raw)):
            # "German Economy minister Wolfgang Clement": the portfolio is part of the title, not of a name, and a
            # country's adjective left alone names no one
            words = name.split()
            while words and words[-1].lower() in _PORTFOLIO_WORDS:
                words.pop()
            if len(words) < len(name.split()):
                name = " ".join(words)
                if not name or country_of(name):
                    continue
        if name != raw.strip(".") and not raw.startswith(name):
            at_start = False  # a leading function word was dropped: the name itself is not first
        found.append((name, at_start))
        if " of " in name:  # "Kazuhiro Takahashi of Daiwa Securities": each side is a name too
            found.extend((_trim(part), at_start and i == 0) for i, part in enumerate(name.split(" of ")) if _trim(part))
        person = _after_title(name)
        if person:  # "Prime Minister Thaksin Shinawatra": the person is a name too
            found.append((person, False))
        words = name.split()
        if len(words) > 1 and _DESCRIBED.search(words[0]):
            found.append((_trim(" ".join(words[1:])), False))  # "Washington-based Economic Policy Institute"
        if len(words) > 1 and words[-1].lower().strip(".") in _LEGAL_FORMS:
            found.append((" ".join(words[:-1]), at_start))  # "RetailMetrics LLC" is called RetailMetrics too
    return found


# A possessive before a titled person: "Flight International's Mr Learmount" is the magazine and the man, no one name
_OWNER_OF_TITLED = re.compile(r"['’]s\s+(?=(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Professor)\b)")
_OWNER = re.compile(r"['’]s\s+(?=[A-Z])")  # (any possessive before a name: split only where a country owns it)


def _unpossessed(raw: str, start: int) -> list[tuple[str, int]]:
    """A capitalised run, split where it owns a titled person (`_OWNER_OF_TITLED`) or where a country owns what
    follows ("India's United Breweries" is India and United Breweries): the runs and where they start."""
    m = _OWNER_OF_TITLED.search(raw) or next((o for o in _OWNER.finditer(raw) if country_of(raw[:o.start()])), None)
    if m is None:
        return [(raw, start)]
    return [(raw[: m.start()], start), *_unpossessed(raw[m.end():], start + m.end())]



# A firm's legal form after its name ("RetailMetrics LLC", "Baoshan Iron and Steel Co."): news drops it
_LEGAL_FORMS = frozenset("llc inc ltd plc corp co sa ag nv spa bv gmbh".split())


# A capitalised word describing the name after it, not part of it: "Washington-based", "state-owned" is lower case
_DESCRIBED = re.compile(r"\w-(?:based|owned|listed|born|headquartered|backed|controlled|run)$", re.I)
_ROLE_AFTER = re.compile(r"\s+(?:minister|ministry|secretary)\b")
_PORTFOLIO_WORDS = frozenset(w.lower() for p in PORTFOLIOS for w in p.split())


# Titles written before a person's name, capitalised with it ("Treasury Secretary John Snow").
_TITLES = frozenset("""prime minister president chancellor chairman chairwoman chief executive secretary governor
    premier senator director boss founder spokesman spokeswoman commissioner ceo""".split())
_TITLES_WITHIN = frozenset({"economist", "analyst"})  # not first: "Economist Intelligence Unit" is a name


def _after_title(name: str) -> str:
    """The person named after a run's last title word, when two or more words follow it ("Thailand Prime
    Minister Thaksin Shinawatra" -> "Thaksin Shinawatra"); "" otherwise."""
    words = name.split()
    last = max((i for i, w in enumerate(words) if w.lower() in _TITLES or (i and w.lower() in _TITLES_WITHIN)),
               default=-1)
    rest = words[last + 1:]
    if last < 0 or len(rest) < 2 or rest[0].lower() in ("of", "&", "and", "de", "du", "von", "van", "der", "la", "le"):
        return ""
    return " ".join(rest)


def collect_names(sentences: Iterable[tuple[str, str]], titles: dict[str, str]) -> tuple[
        Counter[str], Counter[str], dict[str, set[str]], Counter[str], dict[str, Counter[str]]]:
    """The raw counts a lexicon is made from: word occurrences, occurrences in lower case, the
    articles each capitalised run (name key) is in, how often it is seen away from a sentence
    start, and its written forms. Counts of several groups of articles add up to the counts of
    all of them (the search index keeps them per segment, see bot.index_parts)."""
    counts: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    seen: dict[str, set[str]] = defaultdict(set)
    inner: Counter[str] = Counter()  # names seen away from the start
    forms: dict[str, Counter[str]] = defaultdict(Counter)

    def take(article_id: str, text: str) -> None:
        for word in _WORD.findall(text):
            w = word.lower().replace("’", "'")
            counts[w] += 1
            if word[0].islower() and not any(c.isupper() for c in word[1:]):  # ("eBay" is a name's form)
                lower[w] += 1
        for name, at_start in _names_in(text):
            key = name_key(name)
            seen[key].add(article_id)
            forms[key][name] += 1
            if not at_start:
                inner[key] += 1

    for article_id, title in titles.items():
        take(article_id, title)
    for sentence_id, text in sentences:
        take(sentence_id.rsplit(":", 1)[0], text)
    return counts, lower, seen, inner, forms


def keeps_name(key: str, inner: int, count: Callable[[str], int], lower: Callable[[str], int]) -> bool:
    """Whether a capitalised run is a name, from the counts of the whole store: `inner` times away
    from a sentence start; `count`/`lower` give a word's occurrences (in lower case)."""
    parts = key.split()
    if all(w in _FUNCTION for p in parts for w in p.split("-")):
        return False  # a stretch of months or days, "October-to-December", names nothing
    if not inner and len(parts) == 1 and (parts[0] in _FUNCTION or lower(key) > 0.1 * count(key)):
        return False  # only ever first in a sentence, and a common word: "Shares", "Analysts"
    if all(p in _FUNCTION or (lower(p) > 0.5 * count(p)) for p in parts if p not in ("&", "of", "and")):
        # every word is a common word the store writes in lower case: "Chief Executive"
        if len(parts) == 1 or inner < 2:
            return False
    return True


class Lexicon:
    """Entity names -> articles, and the store's word counts (for typo correction)."""

    def __init__(self, names: dict[str, list[str]], display: dict[str, str], words: dict[str, list[int]]) -> None:
        self.names = names  # name key -> article ids
        self.display = display  # name key -> the name as most often written
        self.words = words  # word -> [occurrences, occurrences in lower case]
        self.max_name_words = max((k.count(" ") + 1 for k in names), default=1)

    # ---- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, sentences: Iterable[tuple[str, str]], titles: dict[str, str]) -> Lexicon:
        """From (sentence id, text) pairs and article titles by article id."""
        counts, lower, seen, inner, forms = collect_names(sentences, titles)
        names: dict[str, list[str]] = {}
        display: dict[str, str] = {}
        for key, articles in seen.items():
            if not keeps_name(key, inner[key], counts.__getitem__, lower.__getitem__):
                continue
            names[key] = sorted(articles)
            display[key] = forms[key].most_common(1)[0][0]
        words = {w: [c, lower[w]] for w, c in counts.items()}
        return cls(names, display, words)

    # ---- persistence ----------------------------------------------------------------------------
    def save(self, path: Path, key: str) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(orjson.dumps({"format": LEXICON_FORMAT, "key": key, "names": self.names,
                                      "display": self.display, "words": self.words}))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, key: str) -> Lexicon | None:
        try:
            raw = orjson.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        if raw.get("format") != LEXICON_FORMAT or raw.get("key") != key:
            return None
        return cls(raw["names"], raw["display"], raw["words"])

    # ---- looking up -----------------------------------------------------------------------------
    def articles_of(self, key: str) -> list[str]:
        return self.names.get(key, [])

    def is_name(self, key: str) -> bool:
        return key in self.names

    def count(self, word: str) -> int:
        entry = self.words.get(word)
        return entry[0] if entry else 0

    def mostly_lower(self, word: str) -> bool:
        entry = self.words.get(word)
        return bool(entry) and written_lower(*entry)


def written_lower(count: int, lower: int) -> bool:
    """Whether a word the store writes `count` times, `lower` of them in lower case, is a word rather than
    a name: in lower case at least as often as capitalised ("century" beside "21st Century" is a word)."""
    return count > 0 and lower >= 0.5 * count


def _verb_form_of_word(key: str, lexicon: Lexicon) -> bool:
    """Whether a word ending in "-ing" or "-ed" is a form of a verb the store mostly writes in lower case ("speaking":
    "speak"; "closing": "close"; "shipped": "ship"), not a name ("Boeing", "Beijing")."""
    for ending in ("ing", "ed"):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            base = key[: -len(ending)]
            forms = {base, base + "e"} | ({base[:-1]} if len(base) > 3 and base[-1] == base[-2] else set())
            return any(lexicon.mostly_lower(form) for form in forms)
    return False


def _plural_of_word(key: str, lexicon: Lexicon) -> bool:
    """Whether a word is the plural of one the store mostly writes in lower case ("journalists", "appeals")."""
    return key.endswith("s") and len(key) > 3 and (lexicon.mostly_lower(key[:-1]) or (
        key.endswith("es") and lexicon.mostly_lower(key[:-2])))


def _singular_of_word(key: str, lexicon: Lexicon) -> bool:
    """Whether a word's plural is one the store mostly writes in lower case: "university" beside "Saudi
    universities" is a word, though the store writes "University of Delaware" more often."""
    plurals = [key[:-1] + "ies"] if key.endswith("y") and key[-2:-1] not in "aeiou" else [key + "s", key + "es"]
    return len(key) > 3 and not key.endswith("s") and any(lexicon.mostly_lower(p) for p in plurals)


# Words that make a region of a place, written in lower case as often as not: "western Europe", "southern Africa"
_REGION_WORDS = frozenset("western eastern northern southern central north south east west greater upper lower".split())


def find_names(question: str, lexicons: Sequence[Lexicon], skip: frozenset[str] = frozenset()) -> list[str]:
    """The store's names mentioned in `question`, longest first, as name keys.

    A lower-case word in the question counts as a name only when the store never writes it in
    lower case ("ryanair" yes, "time" no); capitalised words in the question are taken as written.
    """
    raw = re.findall(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9]|[A-Za-z0-9]|&", question)
    words = [_POSSESSIVE.sub("", w) for w in raw]
    keys = [w.lower().replace("’", "'") for w in words]
    longest = max((lx.max_name_words for lx in lexicons), default=1)
    found: list[str] = []
    i = 0
    while i < len(keys):
        match = None
        for n in range(min(longest, len(keys) - i), 0, -1):
            key = " ".join(keys[i : i + n])
            if key in skip or (n == 1 and key in _FUNCTION) or (n > 1 and all(w in skip for w in key.split())):
                continue  # (nor a run of words to skip, stored as a name: "Vice President" is a role)
            if not any(lx.is_name(key) for lx in lexicons):
                continue
            capitalised = any(w[:1].isupper() for w in words[i : i + n] if w.lower() not in ("of", "&", "and"))
            if n > 1 and words[i][:1].islower() and capitalised and keys[i] not in _REGION_WORDS and any(
                    lx.mostly_lower(keys[i]) for lx in lexicons):
                continue  # "the two big US airlines": "big" kept in lower case beside "US" is no part of "Big US"
            if not capitalised and n == 1 and any(lx.mostly_lower(key) or _plural_of_word(key, lx)
                                                  or _singular_of_word(key, lx) for lx in lexicons):
                continue  # ("journalists": the store's "Journalists at the paper …" names nobody)
            if n == 1 and not capitalised and key.endswith(("ing", "ed")) and "-" not in key and (max(
                    lx.count(key) for lx in lexicons) <= 1 or any(_verb_form_of_word(key, lx) for lx in lexicons)):
                continue  # "… is the state of california prosecuting …": a verb the store once wrote first in a sentence
                # (or often, as "Speaking at …", when the verb itself is a word it writes in lower case: "speak")
            if n == 1 and not capitalised and key == "us" and _country_us(keys, i):
                pass  # "what was the us unemployment rate": the country, not the pronoun
            elif n == 1 and not capitalised and (key in _LOWER_NOT_NAMES or len(key) < 2 or (
                    len(key) == 2 and (key in _TWO_LETTER_WORDS or not key.isalpha() or country_of(key.upper())))):
                continue  # ("bp", "gm": a firm's initials typed in lower case, which the store writes in capitals)
            match = (key, n)
            break
        if match is None and words[i][:1].isupper() and keys[i] not in _FUNCTION and keys[i] not in skip:
            match = _opening_name(words, keys, i, lexicons)
        if match:
            found.append(match[0])
            i += match[1]
        else:
            i += 1
    return list(dict.fromkeys(found))


# Words after which a lower-case "us" cannot be the pronoun ("what was the us trade deficit", "did us retail
# sales grow"): an article, a form of "be"/"do"/"have" or a question word. After a verb or a preposition ("tell
# us", "for us") it is the pronoun.
_BEFORE_COUNTRY_US = frozenset("""the was is did does do has have had were are what whats how much many why when
    where which""".split())


def _country_us(keys: Sequence[str], i: int) -> bool:
    """Whether the lower-case "us" at `i` is the United States: something follows it, and it opens the
    question or comes after a word that no object pronoun follows."""
    return i + 1 < len(keys) and (i == 0 or keys[i - 1] in _BEFORE_COUNTRY_US)


def _opening_name(words: Sequence[str], keys: Sequence[str], i: int,
                  lexicons: Sequence[Lexicon]) -> tuple[str, int] | None:
    """A capitalised run of the question that is the start of exactly one longer stored name ("Highfields
    Capital" for "Highfields Capital Management"): that name, and how many words of the question it takes."""
    run = i
    while run < len(words) and words[run][:1].isupper() and keys[run] not in _FUNCTION:
        run += 1
    for n in range(run - i, 0, -1):
        head = " ".join(keys[i : i + n])
        if n == 1 and (len(head) < 4 or any(lx.mostly_lower(head) for lx in lexicons)):
            continue
        longer = {k for lx in lexicons for k in _opening(lx).get(keys[i], ()) if k.startswith(head + " ")}
        if len(longer) == 1:
            return next(iter(longer)), n
        if longer:
            return None  # several names start so: none is meant more than another
    return None


def _opening(lexicon: Lexicon) -> dict[str, list[str]]:
    """The lexicon's names of two words or more by their first word (built once per lexicon)."""
    found = getattr(lexicon, "_opening_index", None)
    if found is None:
        index: dict[str, list[str]] = defaultdict(list)
        for key in lexicon.names:
            first, _, rest = key.partition(" ")
            if rest:
                index[first].append(key)
        found = dict(index)
        lexicon._opening_index = found  # type: ignore[attr-defined]
    return found
