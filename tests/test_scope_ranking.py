"""Ranking when every candidate is outside the asked scope, on the trap fixtures (see tests/test_traps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_traps import ask, store  # noqa: F401  (the module-scoped trap store fixture)


def test_a_year_no_story_covers_for_a_question_naming_nobody(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Every candidate is out of the asked scope (2019, stored: 2023): no crash, no figure from another year."""
    answer = ask(store, "How big was the trade deficit in 2019?", capsys)
    assert answer["lead_kind"] != "synthesised"
    assert "48.2" not in answer["lead"]
