"""The word tables: one loader reads the data files for the extractors, questions and subscriptions."""

from __future__ import annotations

import pytest

from bot.facts import tables
from bot.question import QUESTION_WORDS
from bot.subscriptions import sector_forms, sector_of


def test_every_table_loads_with_entries() -> None:
    for table in (tables.COUNTRIES, tables.TERRITORIES, tables.BLOCS, tables.BLOCKERS, tables.SECTORS,
                  tables.ADJECTIVE_OF, tables.AND_COMPOUNDS, tables.NUMBER_WORDS, tables.MONTHS,
                  tables.PORTFOLIOS, tables.NAME_STOPWORDS, tables.STOP_WORDS):
        assert len(table) > 5
    assert not any(line.startswith("#") for line in tables.load_lines("sectors"))


def test_records_and_mappings_are_split_into_fields() -> None:
    belarus = next(row for row in tables.COUNTRIES if row[0] == "Belarus")
    assert "Belarusian" in belarus[1] and "Byelorussia" in belarus[2]
    assert tables.MONTHS["Sept"] == 9 and tables.NUMBER_WORDS["a couple of"] == 2
    assert "Jordan" in tables.FIRST_NAME_LIKE and "Turkey" in tables.AMBIGUOUS - tables.FIRST_NAME_LIKE
    assert {"uk", "g-20"} <= tables.LOWERCASE_ACRONYMS and "us" not in tables.LOWERCASE_ACRONYMS
    assert "polish" in tables.LOWERCASE_WORDS and "Neighbouring" in tables.FUNCTION_CAPITALS


def test_a_continued_line_belongs_to_its_entry_everywhere() -> None:
    # "automotive: ..., motor vehicle,\n    vehicle manufacturing, auto parts": subscriptions once
    # parsed the sector table itself and lost the continued line.
    assert "auto parts" in tables.SECTORS["automotive"]
    assert sector_of("auto parts") == "automotive"
    assert "vehicle manufacturing" in sector_forms("automotive")
    opec = next(row for row in tables.BLOCS if row[0] == "OPEC")
    assert "Organization of Petroleum Exporting Countries" in opec[2]


def test_a_missing_table_fails_loudly() -> None:
    with pytest.raises(FileNotFoundError):
        tables.load_lines("no-such-table")


def test_one_stop_word_list_under_the_question_words() -> None:
    assert tables.STOP_WORDS <= QUESTION_WORDS
    assert {"the", "said", "whose"} <= tables.STOP_WORDS
    assert "tariffs" not in QUESTION_WORDS and "pakistan" not in tables.STOP_WORDS
