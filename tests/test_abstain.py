"""Issue 11 (items 2, 5, 7): a synthesised lead only when it answers, near misses said as such, and
typo correction that never turns a name or a number into a different one. The questions go through
`tradebrief ask --json` on the short articles in tests/fixtures/traps/ and near-misses/; one scope
rule is checked on `Focus` itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.focus import analyse_focus
from bot.question import analyse

from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store

TRAPS = ROOT / "tests" / "fixtures" / "traps"
# Near misses and the answerable questions beside them (kept out of the traps folder, whose ranking
# tests have narrow margins), asked of a store holding the traps too
NEAR_MISSES = ROOT / "tests" / "fixtures" / "near-misses"


@pytest.fixture(scope="module", params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """The traps and the near misses ingested once per store (a TinyDB file, or a PostgreSQL database): its location."""
    yield from ingested_store(request, tmp_path_factory, "abstain", [str(TRAPS), str(NEAR_MISSES)])


def ask(db: str | Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return ask_json(db, question, capsys)


# ---- typos: names are read as whole stored names, or left alone ---------------------------------


def test_a_misspelt_two_word_name_is_read_as_the_whole_stored_name(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Charter" is a stored name of its own, one letter from "Charterd"; the run "Kestrel Charterd"
    # is one letter from the stored "Kestrel Chartered", and "Kestrel Charter" names nothing.
    answer = ask(store, "who is the chief executive of Kestrel Charterd?", capsys)
    assert answer["read_as"] == "who is the chief executive of Kestrel Chartered?"
    assert "Priya Anand" in answer["lead"]
    lower = ask(store, "who is the chief executve of kestrel charterd?", capsys)
    assert lower["read_as"] == "who is the chief executive of Kestrel Chartered?"


def test_a_name_with_an_ampersand_and_inner_capitals(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "who is the chairman of Hollis & McCredy?", capsys)
    assert answer["read_as"] == "who is the chairman of Hollis & McCready?"
    assert "Tomas Berg" in answer["lead"]


def test_a_misspelt_month_is_read_as_the_month(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Norland's trade deficit narrow in Marhc?", capsys)
    assert answer["read_as"] == "How much did Norland's trade deficit narrow in March?"
    assert "do not mention" not in answer["answer"]


def test_hyphenated_words_and_identifiers_are_not_split_and_respelt(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "pre" alone is no stored word, but "pre-tax" is one word; "Q3" and "A-380s" hold digits.
    for question in ("What was Skyway Air's pre-tax profit?", "Did Skyway Air order A-380s in Q3?"):
        assert ask(store, question, capsys)["read_as"] == ""


def test_a_short_or_unknown_name_is_left_alone(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Corla" is four letters of five from "Corlan" but a name of five letters or more may only slip
    # by one: it is; "Zorbex" is near no stored name: said so, not guessed.
    near = ask(store, "How much did Medwell pay for Corlam?", capsys)
    assert near["read_as"] == "How much did Medwell pay for Corlan?"
    far = ask(store, "Who is the chief executive of Zorbex?", capsys)
    assert far["read_as"] == "" and far["answer"] == "The stored articles do not mention Zorbex."


def test_a_name_with_a_letter_dropped_keeps_its_first_letter(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Brida" is one slip from two stored names: "Brinda" (a letter left out) and "Crida" (another
    # first letter). A slip rarely changes the first letter, and the question's "Lutemark" and
    # "stake" are found beside Brinda: read as Brinda, said so.
    answer = ask(store, "How much did Brida pay for its stake in Lutemark?", capsys)
    assert answer["read_as"] == "How much did Brinda pay for its stake in Lutemark?"
    assert "Crida" not in answer["answer"]
    assert any("$71m" in c["quote"] for c in answer["citations"])


def test_a_misspelt_word_is_read_as_the_word_the_question_goes_with(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "revize" is one letter from "revive" (the commoner word in the store) and from "revise";
    # "s" sits beside "z" on the keyboard, and Torvik's profit forecast is revised, not revived.
    answer = ask(store, "What did Torvik revize its profit forecast down to?", capsys)
    assert answer["read_as"] == "What did Torvik revise its profit forecast down to?"
    assert "40m euros" in answer["citations"][0]["quote"]


# ---- near misses: the firm is stored, the asked fact is not -------------------------------------


def test_a_rise_asked_where_the_firm_reports_a_fall_beside_a_market_rise(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the article's rise is in sales of printers across Europe, not in Inkpress's sales
    answer = ask(store, "How much did Inkpress's sales rise?", capsys)
    assert answer["abstained"] and answer["near_miss"] and answer["lead_kind"] == "none"
    assert answer["answer"].startswith("The stored articles mention Inkpress, but no sales rise; the closest reports a fall. Closest: ")
    assert "fell 4%" in answer["citations"][0]["quote"]
    fall = ask(store, "How much did Inkpress's sales fall?", capsys)
    assert not fall["abstained"] and "4%" in fall["lead"]


def test_a_common_word_written_as_the_owner_is_a_name_the_store_lacks(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Zoom", "Orange": English words, but written where the question's owner stands they name a firm;
    # the store knows no such firm, so another firm's chief executive is no answer
    for question in ("Who is the chief executive of Orange?", "What did Orange earn last year?"):
        answer = ask(store, question, capsys)
        assert answer["abstained"] and answer["lead_kind"] == "none", answer["answer"]
        assert "Orange" in answer["answer"], answer["answer"]
    known = ask(store, "Who is the chief executive of Harbor Lines?", capsys)
    assert not known["abstained"], known["answer"]


def test_a_year_no_stored_article_on_the_firm_mentions_is_a_near_miss(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Harlow Mills' story reports last year's profit against 2003's: 1998 is asked of nothing stored
    answer = ask(store, "What net profit did Harlow Mills make in 1998?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith("The stored articles mention Harlow Mills, but no "), answer["answer"]
    assert "£48m" not in answer["lead"]
    reported = ask(store, "What net profit did Harlow Mills make in 2004?", capsys)
    assert not reported["abstained"] and "£48m" in reported["lead"], reported["answer"]


def test_an_investment_never_given_is_not_answered_with_the_plant_output(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much is Pellam Motors investing in its new plant?", capsys)
    assert answer["abstained"] and answer["near_miss"]
    assert answer["answer"].startswith("The stored articles mention Pellam Motors, but no investment.")
    assert "90,000" not in answer["lead"]
    vans = ask(store, "How many vehicles a year will Pellam Motors' new plant make?", capsys)
    assert not vans["abstained"] and "90,000" in vans["lead"]


def test_a_thing_no_measure_names_is_judged_too(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "bad loans" is no measure of ours; the store says they were written off, and unpaid loans fell
    answer = ask(store, "How much did Corven Bank's bad loans rise?", capsys)
    assert answer["abstained"] and answer["near_miss"]
    assert "but no bad loans rise" in answer["answer"] and "15%" not in answer["answer"].split("Closest")[0]
    profits = ask(store, "How much did Corven Bank's profits rise?", capsys)
    assert not profits["abstained"] and "15%" in profits["lead"]


def test_a_deputy_is_not_the_chief_executive(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Who is the chief executive of Orrin Telecom?", capsys)
    assert answer["abstained"] and answer["near_miss"] and "Lena Voss" not in answer["lead"]
    deputy = ask(store, "Who is the deputy chief executive of Orrin Telecom?", capsys)
    assert deputy["lead"].startswith("Lena Voss")


# ---- synthesised leads only when they answer ----------------------------------------------------


def test_reports_that_disagree_on_a_figure_are_quoted_not_summed_up(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How large were Dunmore Steel's debts?", capsys)
    assert not answer["abstained"] and answer["lead_kind"] == "quote"
    assert answer["lead"] in {c["quote"] for c in answer["citations"]}


def test_an_unresolved_pronoun_gets_no_synthesised_lead(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "who is its chief executive?", capsys)  # one-shot: "its" stands for nothing
    assert answer["lead_kind"] != "synthesised"


def test_a_firm_with_a_country_in_its_name_is_a_firm(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Ghana Coastal Airways' sales fall in 2023?", capsys)
    assert answer["abstained"] and answer["near_miss"]
    assert answer["answer"].startswith("The stored articles mention Ghana Coastal Airways, but no sales fall; the closest reports a rise.")
    boss = ask(store, "Who is the chief executive of Ghana Coastal Airways?", capsys)
    assert "Kofi Mensah" in boss["lead"]  # a word of the firm's own name is never its chief executive
    assert not boss["lead"].startswith(("Coastal", "Airways", "Ghana"))


def test_a_figure_in_the_firms_story_about_another_firm_is_quoted_not_claimed(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report on Tarnby's deal says a rival signed a $9.4bn deal: that is never stated as Tarnby's."""
    answer = ask(store, "How much is Tarnby Energy's deal with Marovia worth?", capsys)
    assert answer["lead_kind"] != "synthesised" or "9.4bn" not in answer["lead"], answer


# ---- near misses: the entity is stored, but no sentence about it carries the asked fact ----------


def test_a_firm_named_only_as_a_yardstick_is_not_what_the_sentence_is_about(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "more confident than Tessin Beer … projects profits … to rise by 12%": Marlowe's forecast, not Tessin's
    answer = ask(store, "By how much did Tessin Beer's profits rise in 2023?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    assert answer["answer"].startswith("The stored articles mention Tessin Beer, but no profit rise; the closest reports a fall.")
    assert "12%" not in answer["answer"].split("Closest")[0]


def test_another_firm_opening_the_clause_owns_the_measure(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Marlowe lifted its dividend …" in a report that also names Tessin Beer
    answer = ask(store, "What dividend is Tessin Beer paying?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    assert "55 euro cents" not in answer["answer"]
    marlow = ask(store, "What dividend is Marlowe paying?", capsys)
    assert not marlow["abstained"] and "55 euro cents" in marlow["answer"]


def test_how_much_paid_wants_a_sum_of_money_not_a_count(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the story tells of talks, and of two brands bought years before: no price for the designer
    answer = ask(store, "How much did Orlen Holdings pay for Ada Veron?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    assert "but no price" in answer["answer"]


def test_an_amount_asked_is_not_answered_by_a_percentage_or_a_quarter(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a 60% fall is no profit figure, and three months are not the full year
    answer = ask(store, "What was Sendra Pharma's profit for the full year?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    quarter = ask(store, "What was Sendra Pharma's profit for the three months to December?", capsys)
    assert not quarter["abstained"] and "30m rupees" in quarter["answer"]


def test_a_count_asked_without_a_direction_is_judged_too(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How many passengers does Brisa Air carry a year?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    assert answer["answer"].startswith("The stored articles mention Brisa Air, but no count of passengers.")


def test_spending_asked_is_a_sum_the_story_must_give(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much is Ravel Foods spending on its advertising?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer


# ---- answerable questions the near-miss gate must let through ------------------------------------


def test_a_clause_that_leaves_the_measure_to_its_parallel_clause_answers(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "shares in Norvik Bio lost 55% while its partner Castellan Labs shed 38%"
    # (the sentence shares few of the question's words: the gate's own test of the clause answers;
    # and "far", common English the small store lacks, is not respelt "for")
    answer = ask(store, "How far did Castellan Labs' shares fall after the Velora suspension?", capsys)
    assert answer["read_as"] == "", answer["read_as"]
    assert not answer["abstained"], answer
    assert any("shed 38%" in c["quote"] for c in answer["citations"])


def test_a_forecast_in_the_clause_giving_the_cause_does_not_make_the_fact_a_forecast(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "closed down 21% …, after it said its partner was set to pull out"
    answer = ask(store, "How much did Quenby shares drop when its partner pulled out?", capsys)
    assert not answer["abstained"], answer
    assert "21%" in answer["citations"][0]["quote"]


def test_its_after_an_uncapitalised_name_is_not_asked_whose(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "more" is an English word as well as the chain's name: the "its" is the chain's
    answer = ask(store, "why did more lower its profit expectations", capsys)
    assert not answer["abstained"], answer
    assert "new-year sale" in answer["citations"][0]["quote"]
    alone = ask(store, "how much did the firm raise its dividend?", capsys)
    assert alone["abstained"] and "without saying whose" in alone["answer"]


def test_a_country_in_the_store_without_the_asked_fact_is_a_near_miss(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "Which fishing quotas did Chile set for 2025?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer
    assert answer["answer"].startswith("The stored articles mention Chile, but no fishing quotas.")
    unknown = ask(store, "Which fishing quotas did the council set for 2025?", capsys)
    assert unknown["abstained"] and not unknown["near_miss"]


def test_a_cut_in_costs_said_as_a_reduction_answers(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much does Corvel Airlines need to cut from its wage costs?", capsys)
    assert not answer["abstained"], answer
    assert "$400m" in answer["citations"][0]["quote"]


def test_a_stake_said_to_be_purchased_gives_its_price(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Pardo Games pay for its Telemark Media stake?", capsys)
    assert not answer["abstained"], answer
    assert any("$90m" in c["quote"] for c in answer["citations"])


def test_production_moved_to_a_country_is_no_counterpart_of_the_output(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "moving truck production to Sweden" names a place, not a trading partner
    answer = ask(store, "What is the Lindqvist plant's annual output?", capsys)
    assert not answer["abstained"], answer
    assert "40,000" in answer["citations"][0]["quote"]


def test_a_word_respelt_into_a_name_must_be_confirmed_by_the_evidence(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "dravok" is read as the stored name "Dravik", but the only stored sentences with that name
    # share no other word with the question: no answer, rather than one about the minister
    answer = ask(store, "when will the dravok deal close", capsys)
    assert "dravik" in answer["read_as"].lower(), answer
    assert answer["abstained"] and answer["lead_kind"] == "none", answer
    budget = ask(store, "what did dravok say about the budget", capsys)
    assert not budget["abstained"] and "balanced" in budget["citations"][0]["quote"]


def test_a_sum_the_figure_reader_missed_still_counts_as_money(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "9 cents a share" beside a percentage the figure reader did read
    answer = ask(store, "What dividend is Lorne Foods paying?", capsys)
    assert not answer["abstained"], answer
    assert "9 cents" in answer["citations"][0]["quote"]


def test_a_rise_asked_of_a_country_whose_report_is_a_fall_is_not_answered(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask(store, "How much did Portugal's cork exports rise in 2023?", capsys)
    assert answer["abstained"] and answer["lead_kind"] == "none", answer
    fall = ask(store, "How much did Portugal's cork exports fall in 2023?", capsys)
    assert not fall["abstained"] and "6%" in fall["answer"]


def test_a_change_word_far_from_the_measure_still_gives_the_clause_its_direction(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "profit … was $80m (£63m; 74m euros), barely 2% up": the only change in the clause is a rise
    answer = ask(store, "How much did Brightwater Telecom's profits rise?", capsys)
    assert not answer["abstained"], answer
    assert "2% up" in answer["citations"][0]["quote"]
    fall = ask(store, "How much did Brightwater Telecom's profits fall?", capsys)
    assert fall["abstained"] and fall["near_miss"]


# ---- names the store lacks, typed in lower case ----------------------------------------------------


def test_a_lower_case_name_the_store_lacks_is_said_to_be_missing(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "openai's" owns something, so it is a name: never respelt into a stored word ("opened's")
    owner = ask(store, "who is openai's chief executive", capsys)
    assert owner["read_as"] == "", owner["read_as"]
    assert owner["abstained"] and owner["answer"] == "The stored articles do not mention openai.", owner["answer"]
    # a word that is no English and that the store never uses names something it lacks
    unknown = ask(store, "how many subscribers does quintrel have", capsys)
    assert unknown["abstained"] and unknown["answer"] == "The stored articles do not mention quintrel.", unknown
    # a real English word the store lacks is not taken for a name
    word = ask(store, "how many subscribers is Orrin Telecom hopping to add", capsys)
    assert "do not mention" not in word["answer"], word["answer"]


def test_an_amount_each_is_out_of_scope_for_a_firms_total() -> None:
    # "a profit share worth on average £45 each" is what each member gets, not the society's profit;
    # a dividend, paid by the share, is still answered by one
    profit = analyse_focus(analyse("what annual profit did Kelby Building Society report"), [])
    each = "More than 600,000 Kelby Building Society members will receive a profit share worth on average £45 each."
    assert profit.scope_conflict(each) == "an amount each, not the total"
    assert profit.scope_conflict("Kelby Building Society made a profit of £30m.") == ""
    dividend = analyse_focus(analyse("what dividend is Marlowe paying"), [])
    assert dividend.scope_conflict("Marlowe lifted its dividend by 10% to 55 euro cents a share.") == ""


def test_a_figure_about_another_country_is_not_stated_as_the_answer(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the story is about Corran's Moroccan blocks; its £9.5m is the price of a Tunisian stake
    # (quoting the sentence is honest; stating "£9.5m" as the answer is not)
    answer = ask(store, "how much did corran petroleum pay for the moroccan blocks", capsys)
    assert answer["lead_kind"] != "synthesised", answer["answer"]


def test_a_short_word_of_a_name_is_respelt_only_for_two_letters_swapped_beside_a_known_word(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    swapped = ask(store, "how many jobs is KVB Mroa cutting", capsys)
    assert swapped["read_as"] == "how many jobs is KVB Mora cutting", swapped["read_as"]
    assert "1,200 jobs" in swapped["citations"][0]["quote"]
    other = ask(store, "how many jobs is KVB Mira cutting", capsys)  # another letter: maybe another name
    assert other["read_as"] == "", other["read_as"]


def test_a_rise_asked_with_a_cut_in_its_cause_clause_still_asks_a_rise(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "after the fare cuts" says what the rise followed: the question asks about a rise, and the
    # store reports only a fall for the firm (named in a list whose verb is "falling")
    rise = ask(store, "how much did harwick airways' shares rise after the fare cuts", capsys)
    assert rise["abstained"] and rise["near_miss"], rise["answer"]
    assert rise["answer"].startswith("The stored articles mention Harwick Airways, but no shares rise; the closest reports a fall."), rise["answer"]
    fall = ask(store, "how much did harwick airways' shares fall after the fare cuts", capsys)
    assert not fall["abstained"] and "more than 6%" in fall["citations"][0]["quote"], fall["answer"]


def test_a_price_asked_for_one_countrys_deal_is_a_near_miss_when_the_story_prices_another(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Corran's story prices only its Tunisian deal: the Moroccan blocks have no price in the store
    moroccan = ask(store, "how much did corran petroleum pay for the moroccan blocks", capsys)
    assert moroccan["abstained"] and moroccan["near_miss"], moroccan["answer"]
    assert moroccan["answer"].startswith(
        "The stored articles mention Corran Petroleum, but no price for the blocks."), moroccan
    tunisian = ask(store, "how much did corran petroleum pay for the tunisian stake", capsys)
    assert not tunisian["abstained"] and "£9.5m" in tunisian["answer"], tunisian["answer"]
    # the firm's own country ("Dutch dredger Vanmeer Marine") does not place the deal elsewhere
    own = ask(store, "how much did vanmeer marine pay for the ghanaian port contract", capsys)
    assert not own["abstained"] and "40m euros" in own["answer"], own["answer"]


def test_a_measure_word_naming_another_thing_does_not_carry_the_measure(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the "profit share scheme" has paid out £210m: a payout to members, not the society's profit
    profit = ask(store, "what annual profit did aldwick building society report", capsys)
    assert profit["abstained"] and profit["near_miss"], profit["answer"]
    assert profit["answer"].startswith("The stored articles mention Aldwick Building Society, but no profit."), profit
    scheme = ask(store, "how much has aldwick's profit share scheme paid out", capsys)
    assert not scheme["abstained"] and "£210m" in scheme["answer"], scheme["answer"]


def test_a_common_word_owning_or_doing_what_is_asked_names_something_the_store_lacks(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "lantern" and "falcon" are English words, but the store never uses them, and the question is
    # about them: the subject of its verb, the owner of the asked thing. Another firm's figures beside
    # the same words ("subscribers", "annual revenue") are not theirs.
    subject = ask(store, "how many subscribers does lantern have", capsys)
    assert subject["abstained"] and subject["answer"] == "The stored articles do not mention lantern.", subject
    owner = ask(store, "what is falcon's annual revenue", capsys)
    assert owner["abstained"] and owner["answer"] == "The stored articles do not mention falcon.", owner
    known = ask(store, "how many subscribers does velmar telecom have", capsys)
    assert not known["abstained"] and "3.4 million" in known["citations"][0]["quote"], known["answer"]
    revenue = ask(store, "what is velmar telecom's annual revenue", capsys)
    assert not revenue["abstained"] and "£880m" in revenue["answer"], revenue["answer"]


def test_an_english_word_is_not_respelt_at_its_first_letter(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "iphone" is in the English word list and one letter from the stored "phone": a name the store
    # lacks, not a slip, so the price of Velmar's phone plan is not its price
    answer = ask(store, "what's the price of an iphone 15", capsys)
    assert answer["read_as"] == "", answer["read_as"]
    assert answer["abstained"] and answer["answer"] == "The stored articles do not mention iphone.", answer["answer"]


def test_a_firms_short_name_is_its_alias_when_the_other_names_starting_with_it_are_its_own(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Tarnby's SX40" is stored as a name starting with "Tarnby", but only where Tarnby Marine is
    # named: its boat, not another Tarnby, so "Tarnby's chief executive" is Tarnby Marine's
    answer = ask(store, "who is the chief executive of Tarnby Marine", capsys)
    assert not answer["abstained"] and "Ruth Amsel" in answer["lead"], answer["answer"]
    # "Kessel" starts two firms' names, each in its own story: Kessel Steel's chief is not Kessel Bank's
    other = ask(store, "who is the chief executive of Kessel Bank", capsys)
    assert "Olof Brand" not in other["lead"], other["answer"]


def test_an_english_word_as_the_subject_of_the_verb_is_not_respelt(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "brando" is in the English word list and one letter from the stored "brand"; as the subject of
    # "does … have" it is what the question is about, a name, not a slip
    answer = ask(store, "how many shops does brando have", capsys)
    assert answer["read_as"] == "", answer["read_as"]
    assert answer["abstained"] and answer["answer"] == "The stored articles do not mention brando.", answer["answer"]


def test_a_number_word_joined_to_a_noun_is_no_count(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "one-day discount sales at stores such as Pellham Retail": no count of Pellham's stores
    answer = ask(store, "how many stores does pellham retail plan to close", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]


def test_a_countrys_measure_is_a_near_miss_when_no_sentence_about_it_carries_the_measure(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the store rates Peru's debt and gives Uruguay's unemployment: Peru's unemployment is in neither
    peru = ask(store, "what is peru's unemployment rate", capsys)
    assert peru["abstained"] and peru["near_miss"], peru["answer"]
    assert peru["answer"].startswith("The stored articles mention Peru, but no unemployment."), peru["answer"]
    uruguay = ask(store, "what is uruguay's unemployment rate", capsys)
    assert not uruguay["abstained"] and "6.8%" in uruguay["answer"], uruguay["answer"]


def test_a_figure_given_only_as_the_yardstick_of_another_year_is_not_stated(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "production slid from a peak of about 190,000 tonnes a year in 1998": a past peak, not what
    # Togo produces; the sentence may be quoted, its figure is not stated as the answer
    answer = ask(store, "how much cotton does togo produce", capsys)
    assert answer["lead_kind"] != "synthesised", answer["answer"]
    asked = ask(store, "how much cotton did togo produce in 1998", capsys)  # the year asked: that figure
    assert "190,000 tonnes" in asked["answer"], asked["answer"]
