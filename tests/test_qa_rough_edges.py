"""Rough edges a new user met on main, each pinned by a test that failed before its fix."""

from __future__ import annotations

from adapters.console import format_facts
from bot.models import Fact


def test_a_fact_detail_without_a_value_is_not_printed_as_none() -> None:
    period = Fact("f1", "a1", "date", "past six months", ("a1:3",), {"iso": None, "period": True})
    line = format_facts([period])
    assert "None" not in line
    assert line == "date    past six months  (period=True)  [s3]"
