"""What is asked of a firm outweighs a bare mention of it, on the trap fixtures, through `ask --json`.

- "what is X offering per Y share" is one value, not a list ("is" ends in "s" like a plural): the
  sentence listing the countries X mines in is not preferred for holding a list;
- a price per share is asked: the deal's total is not it (quoted at most, never stated);
- "how much is X paying Y": the sentence about the payment, not the one about Y leaving;
- a net profit is asked: the pre-tax one is another figure, and a sentence naming the year but
  holding no amount does not answer "what was …".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_traps import ask, store  # noqa: F401  (the module-scoped trap store fixture)


def test_what_is_offered_per_share_is_one_value_not_a_list(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "what is brackwell offering per ardmoor share", capsys)
    assert not answer["abstained"]
    assert "410p a share" in answer["citations"][0]["quote"]
    assert "Chile" not in answer["lead"]


def test_a_price_per_share_is_not_answered_with_the_deal_total(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "what price per share is Brackwell paying for Ardmoor?", capsys)
    assert not answer["abstained"]
    assert "£2.3bn" not in answer["lead"]
    assert any("410p a share" in c["quote"] for c in answer["citations"])


def test_how_much_is_paid_to_a_person_is_the_payment_not_her_departure(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "how much is orlen freight paying dana whitcombe", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"].startswith("Orlen Freight is to pay $2m")


def test_a_net_profit_is_not_the_pre_tax_one_nor_a_year_without_an_amount(store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    answer = ask(store, "what was kelso brewing's net profit for 2023", capsys)
    assert not answer["abstained"]
    assert answer["citations"][0]["quote"] == "Overall, net profit was up 15% to £210m."
    assert "£300m" not in answer["lead"]
