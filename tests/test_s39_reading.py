"""How a question is read (issue 11, classes read in session 38's blind set; fixtures in our own words under
tests/fixtures/s39-reading/).

Leads that used to claim another's figure or another's post:
- "Who heads exploration at Kestrel Oil, as opposed to its chief executive?": "heads exploration" asks the head of
  a department, not the firm's chief, so the chief executive is no answer;
- "at what price each?" after "how many shares will Marlow Mills buy back?": the follow-up asks a price of its own,
  answered with the sum for each share and the conversions its sentence gives ("340 rupees (£4.10; $7.60)"), not the
  number of shares;
- "2bn CFA francs ($4m; £2m)": the dollars are a conversion of the sum, not the sum;
- "how many tonnes of brown cheese does Norway make?": "Sweden, which ranks second … behind Norway, turns out some
  12,000 tonnes" gives Sweden's; the sentence of its story about Norway leads (and with none, the sentence is quoted);
- a sum the question writes itself ("… is Marlow's 340 rupees a share?") is not its answer.

Near misses once quoted as if they answered: a sum of money asked where the best sentences give none ("how much will
Harko charge Velta for each engine?", "how much money has Chad recovered …?").

Asked through `tradebrief ask --json`, follow-ups through the console adapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, near_miss_said, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s39-reading"

store = store_fixture("s39_reading", FOLDER)


# Questions the store cannot answer, and what the near miss must say is missing
NEAR_MISSES = [
    pytest.param("How much will Harko charge Velta for each diesel engine?", "nothing that answers this",
                 id="a_charge_asked_no_sum_given"),
    pytest.param("How much money has Chad recovered from the customs officers?", "the stored articles mention chad",
                 id="money_asked_extra_money_is_no_sum"),
    pytest.param("How much money has Chad recovered from the accused officers in the customs fraud so far?",
                 "the stored articles mention chad", id="money_asked_no_sum_in_the_sentence_about_them"),
]


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


# Questions the store answers, a word the answer's first line must hold and one it must not
ANSWERS = [
    pytest.param("Who heads exploration at Kestrel Oil, as opposed to its chief executive?", "Pereira", "Brandt",
                 id="a_department_head_is_no_chief_executive"),
    pytest.param("How much does Chad say customs fraud costs it each month?", "2bn", "$4m [",
                 id="a_conversion_is_not_the_sum"),
    pytest.param("how many tonnes of brown cheese does Norway make a year?", "40,000", "12,000",
                 id="the_subject_is_another_country"),
    pytest.param("How many tonnes of Dutch tulip bulbs did Germany buy last year?", "9,000", "about 9,000 tonnes [",
                 id="another_country_figure_quoted_not_claimed"),
    pytest.param("How far over where they trade now is Marlow's 340 rupees a share?", "8%", "$7.60) [",
                 id="a_sum_the_question_writes_is_no_answer"),
]


@pytest.mark.parametrize("question, words, not_words", ANSWERS)
def test_answers(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str,
                 not_words: str) -> None:
    answer = ask_json(store, question, capsys)
    first = answer["answer"].split("\n")[0]
    assert not answer["abstained"] and words in first and not_words not in first, answer["answer"]


async def test_a_price_each_asked_after_a_count(tmp_path: Path, stores: Stores) -> None:
    """"at what price each?" after the number of shares: the sum for each share, with its conversions."""
    replies = await console_chain(tmp_path, stores, FOLDER, "How many shares will Marlow Mills buy back?",
                                  "at what price each?")
    assert "12 million" in opening(replies[0]), replies[0]
    assert opening(replies[1]).rstrip().endswith("340 rupees (£4.10; $7.60)"), replies[1]  # (the sum itself leads)


def test_the_subject_of_a_figure() -> None:
    """A sentence opening on another country, the one asked named only after a preposition, gives that country's
    figures; a sentence naming the one asked as a subject, or opening on no country, may answer."""
    from dataclasses import replace

    from bot.composer import subject_anothers
    from bot.focus import Focus

    norway = replace(Focus(), entities=("norway",), display=("Norway",), aliases=((),))
    assert subject_anothers(norway, "Sweden, which ranks second behind Norway, turns out some 12,000 tonnes a year.")
    assert not subject_anothers(norway, "Norway makes 40,000 tonnes, most of it eaten at home.")
    assert not subject_anothers(norway, "Sweden and Norway make 52,000 tonnes between them.")
    assert not subject_anothers(norway, "Exports from Norway rose 4% last year.")


def test_a_department_headed() -> None:
    """"Who heads exploration at …?" asks the head of a department; "who heads that unit?" names none."""
    from bot.focus import analyse_focus
    from bot.question import analyse

    assert "exploration" in analyse_focus(analyse("Who heads exploration at Kestrel Oil?"), []).role
    assert "that" not in analyse_focus(analyse("Who heads that unit at Kestrel Oil?"), []).role
