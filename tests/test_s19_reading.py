"""How a question is read (issue 11, classes read in session 19; fixtures in our own words under
tests/fixtures/s19-reading/):

- "what resolution rate does the help-desk industry aim for …?" asks a rate: the industry is whose rate it is, so
  the question is no request for a list of sectors;
- "…, as against the roughly 48% it achieves first time?": a figure the question quotes in the clause setting
  something against what is asked is not the answer, so a sentence whose only figure it is ("resolution rates …
  stand at roughly 48%") gives way to the one holding the target ("… the industry's target of an 80% resolution
  rate").

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import first_quote, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s19-reading"

store = store_fixture("s19_reading", FOLDER)


def test_a_rate_asked_of_an_industry_is_no_sector_list() -> None:
    assert analyse("What resolution rate does the help-desk industry aim for?").kind == "figure"
    assert analyse("Which industries does the survey cover?").kind == "sector"


def test_a_figure_set_against_the_one_asked(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "What resolution rate does the help-desk industry aim for, as against the roughly "
                               "48% it achieves first time?", capsys)
    assert "80%" in quote, quote
