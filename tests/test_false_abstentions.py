"""Answerable questions are not turned away as near misses (issue 11, item 7, the other side of it).

The near-miss check says "The stored articles mention X, but no <measure>" when no sentence about X
carries the asked fact. Read on the false abstentions of the tuning sets (final4 … final8, session 10),
each of these is a class of question the check turned away although a stored sentence answers it:

- A country named beside a firm made the firm look "common" (named in too many stories to scan), so only
  sentences naming the firm itself were judged: "what share of Ostmark Bank's profit came from Germany?"
  is answered in its story by "Posts will also go in Germany - which provided 38% of profit …", which
  does not repeat the bank's name. Commonness is now the firm's own stories', not the country's.
- A name the question itself says is not "someone else's" measure: "how much did X raise by selling
  stakes in firms such as Vistral Mobile?" is answered by "Selling stakes in a number of firms, among them
  … Vistral Mobile, raised 1.4bn euros".
- A part of the world named like a firm ("South East Asia") is where the fact is asked, not whose it is.
- "who runs (heads) X?" is answered by whoever the story names at its top, by any title: "director of
  X's unit", "X chief Oren Vasko".
- A change word inside a hyphenated compound ("cut-price") asks no fall.
- Plural measure names ("bonuses") name the measure, not the "pay" of "pay back".
- A capitalised function word after a figure ("dipped by 4.2% In the US …") is a full stop the text
  lost: the clauses are judged apart.

- A measure word before another noun names that thing, not the measure: in "what did the 2003 stake sale
  value Corso Motors at?" the sale is asked about, and "That sale valued Corso Motors … at 1.9bn euros"
  answers.
- "how much did X make?" asks what X earned: "In 2004 it earned profits of £12.4m …", and a reporting
  clause after "and" ("… and bankers suggest its move could tempt a buyer") is a clause of its own.

- "their" standing for the subject the question names after it ("what share of their national income do the
  wealthiest nations want to give?") is no "their" without an owner.

And the near misses stay near misses: another firm's count in the firm's story ("Barrow Cars, which has
sold 4,000 of its first hybrid …") does not answer how many Zephyrs Kanto Motors sold.

Asked through `tradebrief ask --json` on tests/fixtures/false-abstentions/ (our own words) plus short
generated stories naming Germany (enough of them to make the country a common name), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.focus import Focus, analyse_focus
from bot.nearmiss import _clauses, _firms
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store

FIXTURES = ROOT / "tests" / "fixtures" / "false-abstentions"
COMMON = 42  # stories naming Germany: more than the near-miss check scans for one name (MAX_ENTITY_ARTICLES)
_PORTS = ("Kiel", "Emden", "Rostock", "Bremen", "Lubeck", "Wismar", "Stade", "Cuxhaven")
_GOODS = ("grain", "timber", "coal", "steel", "cars", "fruit")


def _port_stories(folder: Path) -> None:
    """Short stories of our own, each naming Germany, each different (so none is a duplicate)."""
    for i in range(COMMON):
        port, good = _PORTS[i % len(_PORTS)], _GOODS[i % len(_GOODS)]
        (folder / f"port-{i:02d}.txt").write_text(
            f"Germany ships more {good} through {port} ({i})\nSource: Quay Bulletin\n"
            f"date 2005-{1 + i % 12:02d}-{1 + i % 27:02d}\n\n"
            f"Exporters in Germany sent {1000 + 37 * i} tonnes of {good} through {port} in week {i + 1}, "
            f"port officials said.\n\nThe {port} harbour master expects about {i + 3}% more traffic next month.\n",
            encoding="utf-8")


@pytest.fixture(scope="module", params=KINDS)
def store(request: Any, tmp_path_factory: Any) -> Any:
    ports = tmp_path_factory.mktemp("port-stories")
    _port_stories(ports)
    yield from ingested_store(request, tmp_path_factory, "false_abstentions", [str(FIXTURES), str(ports)])


def _answered(answer: dict[str, Any], *quoted: str) -> None:
    assert not answer["abstained"] and not answer.get("near_miss"), answer["answer"]
    assert all(q in answer["citations"][0]["quote"] for q in quoted), answer["answer"]


def test_a_country_beside_the_firm_does_not_make_it_common(store: str | Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What share of Ostmark Bank's profit came from Germany in the first half of 2005?", capsys)
    _answered(answer, "38% of profit")


def test_a_name_the_question_says_is_no_other_owner(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much did Hollmark Telecom raise by selling stakes in firms such as Vistral Mobile?",
                      capsys)
    _answered(answer, "raised 1.4bn euros")


def test_a_region_is_where_not_whose(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "According to the CTC, how many jobs does tourism provide in South East Asia?", capsys)
    _answered(answer, "14 million")


@pytest.mark.parametrize(("question", "quoted"), [
    ("Who runs the Harland Institute's housing research unit?", "Mara Quill, director of the Harland Institute"),
    ("Who heads the National Office of Tallies?", "National Office of Tallies chief Oren Vasko"),
])
def test_who_runs_is_answered_by_any_title_at_the_top(store: str | Path, capsys: pytest.CaptureFixture[str],
                                                      question: str, quoted: str) -> None:
    _answered(ask_json(store, question, capsys), quoted)


def test_a_hyphenated_cut_asks_no_fall(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many orders has Telvia's cut-price Saver broadband service received?", capsys)
    _answered(answer, "310,000 orders")


def test_bonuses_are_the_measure_not_the_pay(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much in 2004 bonuses have Ferrow's senior managers agreed to pay back?", capsys)
    _answered(answer, "$5.2m")


def test_a_lost_full_stop_parts_the_clauses(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How much did Brontel's frozen dessert sales fall last year?", capsys)
    _answered(answer, "dipped by 4.2%")


def test_a_measure_word_before_a_noun_is_no_measure(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "What did the 2003 stake sale to Brennick Bank value Corso Motors at?", capsys)
    assert not answer["abstained"] and not answer.get("near_miss"), answer["answer"]
    assert any("1.9bn euros" in c["quote"] for c in answer["citations"]), answer["answer"]


def test_how_much_a_business_made_is_its_profit(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much did harrow's velvet media business make in 2004?", capsys)
    _answered(answer, "profits of £12.4m")


def test_a_reporting_clause_after_and_stands_apart() -> None:
    pieces = _clauses("In 2004 it earned profits of £12.4m on sales of £240m and bankers suggest its move into "
                      "online video could tempt a buyout firm.")
    assert pieces[0] == "In 2004 it earned profits of £12.4m on sales of £240m"
    assert _clauses("Sales rose 4% and profits fell.") == ["Sales rose 4% and profits fell."]


def test_their_owner_may_come_later(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what share of their national income do the wealthiest nations want to give in aid?",
                      capsys)
    _answered(answer, "0.6% of their national income")


def test_their_with_no_owner_still_asks_whose(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much of their cash do the banks hold?", capsys)
    assert answer["abstained"] and "whose" in answer["answer"], answer["answer"]


def test_another_firms_count_in_the_story_is_still_no_answer(store: str | Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many Zephyr hybrids did Kanto Motors sell in Germany last year?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "4,000" not in answer["answer"].split("Closest:")[0], answer["answer"]


def _named(*names: str) -> Focus:
    return Focus(entities=tuple(n.lower() for n in names), display=names)


@pytest.mark.parametrize(("names", "firms"), [
    (("WTTC", "South East Asia"), ["WTTC"]),
    (("Latin America", "Petrobras"), ["Petrobras"]),
    (("Southwest",), ["Southwest"]),  # (an airline's name, maybe: one compass word is no region)
    (("Latin American",), ["Latin American"]),
    (("Third-quarter", "Ford"), ["Ford"]),
    (("October-to-December",), []),
    (("Marks", "First Data"), ["Marks", "First Data"]),
])
def test_regions_and_periods_are_no_firms(names: tuple[str, ...], firms: list[str]) -> None:
    assert _firms(_named(*names)) == firms


def test_the_question_reads_no_fall_in_a_compound() -> None:
    focus = analyse_focus(analyse("How many orders has Telvia's cut-price service received?"), [])
    assert focus.direction == ""
    assert analyse_focus(analyse("How far did Telvia's orders fall?"), []).direction == "fall"
