"""A figure is stated only as the asked firm's own (issue 11, item 2: a lead only when it answers).

Two wrong assertions of the eighth blind set (final8, session 10), each a class:

- "how many jobs is deutsche bank cutting in germany?" was answered "300 jobs" from a sentence
  whose first clause gives Deutsche Bank's cut (1,920) and whose second, after "while", the 300 jobs
  going at another bank. A figure in a clause about another firm is not the asked firm's.
- "How much profit did Time Warner's film division make in the fourth quarter?" was answered with
  the whole group's quarterly profit. A figure asked of a part of a firm (a division, unit, arm or
  subsidiary) is stated only from a sentence that names that part; otherwise the sentence is quoted.

Asked through `tradebrief ask --json` on tests/fixtures/whose-figure/ (our own words), on every kind
of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.composer import _anothers, _part_unsaid
from bot.focus import Focus
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

WHOSE = ROOT / "tests" / "fixtures" / "whose-figure"

store = store_fixture("whose_figure", WHOSE)


def test_another_firms_cut_in_the_same_sentence_is_not_stated(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many jobs is halvard bank cutting in denmark?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead_kind"] == "quote" or "410" not in answer["lead"], answer["answer"]
    assert "2,340" in answer["lead"], answer["answer"]  # (quoted, or stated as its own)
    assert "Halvard Bank said last week" in answer["citations"][0]["quote"]


def test_the_other_firms_cut_is_still_its_own(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many jobs are going at merrow securities?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "2,340" not in answer["lead"] or answer["lead_kind"] == "quote", answer["answer"]


def test_a_divisions_profit_is_not_the_groups(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much profit did Corvana's film division make in the fourth quarter?", capsys)
    assert answer["lead_kind"] != "synthesised", answer["answer"]


def test_the_groups_profit_is_still_stated(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much profit did Corvana make in the fourth quarter?", capsys)
    assert answer["lead_kind"] == "synthesised", answer["answer"]
    assert "$2.2bn" in answer["lead"], answer["answer"]


def _firm(name: str) -> Focus:
    return Focus(entities=(name.lower(),), display=(name,))


@pytest.mark.parametrize(("value", "text", "anothers"), [
    ("410", "Halvard Bank would shrink its workforce by 2,340, while about 410 jobs are to go at Merrow Securities.", True),
    ("2,340", "Halvard Bank would shrink its workforce by 2,340, while about 410 jobs are to go at Merrow Securities.", False),
    ("410", "Halvard Bank will cut 410 jobs at its Copenhagen office.", False),  # one clause: its own
    ("410", "Halvard Bank will cut 2,340 posts, and it will move 410 jobs to Oslo.", False),  # no other firm
])
def test_whose_clause_a_figure_is_in(value: str, text: str, anothers: bool) -> None:
    assert _anothers(_firm("Halvard Bank"), text, value) is anothers


@pytest.mark.parametrize(("question", "text", "unsaid"), [
    ("How much did Corvana's film division earn?", "Corvana's profits rose 40% to $2.2bn.", True),
    ("How much did Corvana's film division earn?", "Its film studios earned $310m, Corvana said.", False),
    ("What did Corvana's cable unit make?", "The cable business made $900m for Corvana.", False),
    ("How much did Corvana earn?", "Corvana's profits rose 40% to $2.2bn.", False),  # no part asked
])
def test_a_part_of_the_firm_asked(question: str, text: str, unsaid: bool) -> None:
    assert _part_unsaid(analyse(question), _firm("Corvana"), text) is unsaid
