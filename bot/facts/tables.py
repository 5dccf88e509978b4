"""The word tables, read from the text files in `bot/facts/data/` (shipped in the package).

This is the one place that parses them: the extractors, the question reader and subscriptions
all take the tables from here. File format: `#` starts a comment line, blank lines are ignored, and
a line ending in a comma continues on the next one. Per table, a line is either a bare entry, a
`key: value, value` mapping or `field ; field ; field` record (see the comment at the top of each
file).
"""

from __future__ import annotations

from importlib.resources import files

__all__ = [
    "ADJECTIVE_OF",
    "AMBIGUOUS",
    "AND_COMPOUNDS",
    "BLOCKERS",
    "BLOCS",
    "COUNTRIES",
    "FIRST_NAME_LIKE",
    "FUNCTION_CAPITALS",
    "LOWERCASE_ACRONYMS",
    "LOWERCASE_WORDS",
    "MONTHS",
    "NAME_STOPWORDS",
    "NUMBER_WORDS",
    "PORTFOLIOS",
    "SECTORS",
    "STOP_WORDS",
    "TERRITORIES",
    "load_lines",
]

_DATA = files(__package__) / "data"


def load_lines(name: str) -> list[str]:
    """Entries of `data/<name>.txt`: comments and blank lines dropped, continued lines joined.

    A missing or unreadable table raises: the extractor must not run silently without its words.
    """
    out: list[str] = []
    for raw in (_DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if out and out[-1].endswith(","):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _split(field: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(sep) if part.strip())


def _mapping(name: str) -> dict[str, tuple[str, ...]]:
    """`key: a, b, c` lines as {key: (a, b, c)}, in file order; a bare `key` maps to ()."""
    table: dict[str, tuple[str, ...]] = {}
    for line in load_lines(name):
        key, _colon, values = line.partition(":")
        table[key.strip()] = _split(values)
    return table


def _records(name: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """`name ; a, b ; c, d` lines as (name, (a, b), (c, d)); missing fields are empty."""
    out = []
    for line in load_lines(name):
        first, second, third = ([f.strip() for f in line.split(";")] + ["", ""])[:3]
        out.append((first, _split(second), _split(third)))
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in load_lines(name) for word in line.split())


# Parties. Countries and territories: (name, demonyms, other names); blocs: (name, (kind,), other names).
COUNTRIES = _records("countries")
TERRITORIES = _records("territories")
BLOCS = _records("blocs")
BLOCKERS: tuple[str, ...] = tuple(load_lines("blockers"))
LOWERCASE_ACRONYMS = _words("lowercase_acronyms")
LOWERCASE_WORDS = _words("lowercase_words")
FUNCTION_CAPITALS = _words("function_capitals")
_AMBIGUOUS = _mapping("ambiguous")
AMBIGUOUS = frozenset(_AMBIGUOUS)
FIRST_NAME_LIKE = frozenset(name for name, notes in _AMBIGUOUS.items() if "first name" in notes)

# Sectors: canonical name -> surface forms as written (acronyms in capitals), in file order.
SECTORS = _mapping("sectors")
ADJECTIVE_OF = {noun: forms[0] for noun, forms in _mapping("adjectives").items()}
AND_COMPOUNDS: tuple[str, ...] = tuple(load_lines("and_compounds"))

# Numbers, dates, people.
NUMBER_WORDS = {word: int(value[0]) for word, value in _mapping("number_words").items()}
MONTHS = {month: int(value[0]) for month, value in _mapping("months").items()}
PORTFOLIOS: tuple[str, ...] = tuple(load_lines("portfolios"))
NAME_STOPWORDS = _words("name_stopwords")

# English stop words (lower case), shared by the question reader, verification and digests.
STOP_WORDS = _words("stopwords")
