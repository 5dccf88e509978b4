"""Why-questions open with the sentence giving the cause, on the trap fixtures, through `ask --json`.

- the cause often follows the sentence reporting the event ("… losses had widened." then "The
  country's largest tin producer blamed flooding …"): within the best story, that sentence goes first;
- "due to expire" is a date, not a cause; "fell 80% as research spending rose" gives a cause.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_traps import ask, store  # noqa: F401  (the module-scoped trap store fixture)


def test_the_cause_in_the_sentence_after_the_event_goes_first(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "why did trevane tin's losses get worse", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("The country's largest tin producer blamed flooding")


def test_due_to_expire_is_no_cause_but_a_clause_of_as_is(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "why did halvard pharma's profits slide", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Profits at generic drugmaker Halvard Pharma fell 80% as research")
