"""A role asked with a clause about its holder (issue 11, item 7: a near miss only when the fact is missing).

"who is the crossrail spokesman who couldn't confirm the treasury money?" was turned away as "no spokesman
treasury": the words of the clause after "who" were read as the role's qualifier, as if a Treasury
spokesman were asked, though the story names Crossrail's spokesman in the sentence that answers (final9
w-t02, read after its blind run). The role's qualifiers stop where a clause about its holder begins.
Asked through `tradebrief ask --json` on tests/fixtures/role-clauses/ (our own words), on every kind of
store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.focus import analyse_focus
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

ROLE_CLAUSES = ROOT / "tests" / "fixtures" / "role-clauses"

store = store_fixture("role_clauses", ROLE_CLAUSES)


def test_the_holders_clause_is_no_qualifier_of_the_role(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who is the northline rail spokeswoman who couldn't confirm the treasury money?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Tamsin Reyes" in answer["citations"][0]["quote"], answer["answer"]


@pytest.mark.parametrize(("question", "role"), [
    ("who is the rail spokeswoman who couldn't confirm the treasury money?", ("rail", "spokeswoman")),
    ("who is the treasury spokeswoman?", ("treasury", "spokeswoman")),
])
def test_what_the_role_is(question: str, role: tuple[str, ...]) -> None:
    assert tuple(analyse_focus(analyse(question), []).role) == role
