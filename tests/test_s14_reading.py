"""How a question is read (issue 11, classes read in session 14; fixtures in our own words under
tests/fixtures/s14-reading/):

- a lower-case "us" that opens a question or follows an article, a form of "be"/"do"/"have" or a question word
  ("what was the us unemployment rate in december?") is the United States, not the pronoun: the US story
  answers, not another country's; after a verb or a preposition ("can you tell us …") it stays the pronoun;
- "how much does X expect to save from its job cuts?" asks the savings: a sentence giving only the cuts and a
  takeover's price is no answer, and the near miss is said; a sentence saying what is saved answers;
- "how much will X spend on doing up the hotel?" asks no rise ("doing up" is work done, not a rise), and what X
  will invest in it answers a question about what it will spend;
- "… at their weakest rate in how long in January?" asks a length of time wherever "how long" stands: the month
  is never stated as the answer, the sentence is quoted;
- "who has warned that … could cost Harlow jobs?" is not answered "Ostrander" from "While Mr Ostrander has said
  …, the mayor of Harlow has voiced fears that … could cost Harlow jobs": the person named is on the other side
  of the contrast, so the sentence is quoted;
- a comparative or superlative of a word the store writes ("the likeliest buyers", stored as "the most likely
  buyers") is no name the store lacks: the question is answered, not turned away as "do not mention likeliest";
- "which Velmont worker did the agency quote as saying staff were mourning …?" asks a person (a worker is one),
  and what was said is how the sentence is found, not a head count asked;
- "in what year did Quaye spend a month at the central bank?" asks no sum spent ("spend a month" is time), so it is
  not turned away as "no price" while the story gives the year;
- "what were Carrick Systems' first-quarter sales?" is answered by "Sales rose to £310.5m" just after the sentence
  giving the three months it goes on about, though it names no quarter itself; a sentence "for the full year" after
  it is no quarter's figure;
- "how much is Harrow Group paying for its stake …?" asks a price (the stake is what is bought): "to take a 30%
  stake" states none, and the near miss is said;
- a number word opening a name ("Seven Oaks Lodges") counts nothing: "how many hotels does Corran Hotels & Inns
  manage?" is a near miss when no sentence counts them;
- "But despite a record profit in 2004 of …, Brackley is coming late …" is Brackley's profit, the subject of the
  main clause: it does not answer "what profit did Halvard make in 2004?", a near miss;
- "what is Kestrel Mobile suing Finchline for?" is answered by "launched legal proceedings against … over trademark
  infringement": suing is what the news calls proceedings or a lawsuit;
- "what is Halvard's low-malt drink called?" asks a name: the sentence giving one ("the low-malt "Amber Crown"")
  leads before one that only speaks of such drinks;
- "which stock indices swung between gains and losses on friday?" asks no loss: "gains and losses" are a market's
  moves, so a firm's reported loss does not lead;
- "what did Quill blame the rise in house prices on?" asks a cause: the sentence saying what "was responsible for
  the rise" is cited, and leads: ending ", she said." it speaks for the person the sentence before names;
- "who threw out Harrow's bid for Pennock?" finds "the bid was thrown out by …": "throw", "threw", "thrown" are
  one verb;
- "what share of Tarrow Steel's workforce will the job cuts hit?" is led by the sentence giving a share ("around 8% of
  the merged group's 25,000 employees"), not by the one giving the number of jobs cut;
- "from which rival has Orrin Electric agreed to buy …?" asks one rival ("has" is no plural "which" asks for), so
  the sentence naming it leads, not one joining two other names as if they were the list asked for;
- "when did the Selby exchange buy Tarnex?" finds "its 2002 acquisition of … Tarnex": an acquisition is a purchase;
- a name set against the one asked about (", as opposed to Tarrow Steel", ", rather than …", ", unlike …") is not
  asked about: "how many jobs is Pelham Foods cutting, as opposed to Tarrow Steel?" is Pelham Foods' 600;
- a doer named from a word the store writes ("freighters", from "freight") is no name the store lacks: "how many
  k9 freighters has daxton ordered?" is answered;
- "what will South Africa's corporate tax rate be after the budget?" is answered by "cutting corporate tax from 29%
  to 28%" (a percentage given of the tax is its rate) in a story titled "SA unveils …" (about the country, though
  the sentence does not name it);
- a lower-case word ending "-ed", "-en" or "-ing" after "had", "was" … is a verb, not a name the store lacks:
  "which Moreby analyst said Harrow Group had botched the financing?" is answered;
- "surplus" before a noun ("how much surplus wine …") is wine left over, not a trade surplus asked;
- "Brandt Engineering, of Tacoma, Washington, leads …" says where the firm is based;
- a name set aside ("which carmakers besides Tolland Motors …?", "apart from …, what else …?") is not asked about:
  the sentence naming the others leads, not the one about Tolland Motors;
- a year asked that the stories give only as the figure the next year changed from ("losses had widened to £40.3m
  in 2004 from £3.5m", asked of 2003) is told of: the question is answered, not turned away as never reported;
- a lower-case "-ing" or "-ed" word the store wrote capitalised once, at a sentence's start ("Prosecuting builders
  … has become a priority"), is a verb in a question, not a name asked about;
- "how much did Kell and Dray pay for their stake?" is not answered by "… will reject any formal £600m offer":
  a sum only offered (or raised for a bid) is no sum paid, and the near miss is said; another's sum paid in the same
  story ("Tolland Telecom paid £95m for its 12% stake") is not put in its place, though it answers for Tolland.

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.focus import analyse_focus
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import ask_json, measure_of, store_fixture, store_lexicons

FOLDER = ROOT / "tests" / "fixtures" / "s14-reading"

store = store_fixture("s14_reading", FOLDER)


@pytest.mark.parametrize("question", ["what was the us unemployment rate in december?",
                                      "us unemployment rate in december?"])
def test_a_lower_case_us_is_the_country(store: str | Path, capsys: pytest.CaptureFixture[str], question: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert "5.4%" in answer["citations"][0]["quote"], answer["answer"]


def test_us_after_a_verb_is_the_pronoun(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        assert "us" not in analyse_focus(analyse("can you tell us the unemployment rate in Brazil?"), lexicons).entities
        assert "us" in analyse_focus(analyse("did us employers add jobs in december?"), lexicons).entities


def test_savings_asked_are_not_the_cuts(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much does tarrow steel expect to save from its 2,000 job cuts?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert answer["answer"].startswith("The stored articles mention Tarrow Steel, but no savings"), answer["answer"]
    saved = ask_json(store, "how much will Pelham Foods save each year from the closures?", capsys)
    assert not saved["abstained"], saved["answer"]
    assert "£40m" in saved["citations"][0]["quote"], saved["answer"]


def test_a_sum_spent_on_doing_up_is_what_is_invested(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much will corran hotels spend on doing up the belmont?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "£30m" in answer["citations"][0]["quote"] and answer["lead"] == "£30m", answer["answer"]


def test_how_long_asked_late_in_the_question_is_no_date(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "norland's factories expanded at their weakest rate in how long in january?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead"] != "January" and answer["lead_kind"] == "quote", answer["answer"]
    assert "two and a half years" in answer["citations"][0]["quote"]


def test_a_person_on_the_other_side_of_a_contrast_is_not_named(store: str | Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "who has warned that the merger could cost harlow jobs?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["lead_kind"] == "quote", answer["answer"]
    assert "mayor of Harlow" in answer["citations"][0]["quote"]
    assert not answer["answer"].startswith("Ostrander")


def test_a_superlative_of_no_stored_word_is_unknown(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = ask_json(store, "what is the share price of zalanderest?", capsys)  # no stored word under it
    assert unknown["answer"] == "The stored articles do not mention zalanderest."


def test_time_spent_is_no_sum_spent(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert measure_of("In what year did Quaye spend a month on loan to the Bank of Sellia?") == ""
    assert measure_of("did quaye spend two years at the bank?") == ""
    assert measure_of("how much did Orrin Bank spend on new branches?") == "price"
    answer = ask_json(store, "In what year did Quaye spend a month on loan to the Bank of Sellia?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "1981" in answer["citations"][0]["quote"], answer["answer"]


def test_a_full_year_figure_after_a_quarter_is_no_quarters(store: str | Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    loss = ask_json(store, "how much did carrick systems lose in the first quarter?", capsys)
    assert loss["abstained"] and loss["near_miss"], loss["answer"]


def test_paying_for_a_stake_asks_a_price(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert measure_of("how much is Harrow Group paying for its stake in the venture?") == "price"
    answer = ask_json(store, "how much is harrow group paying for its stake in the delling joint venture?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "but no price" in answer["answer"], answer["answer"]


def test_a_number_word_in_a_name_counts_nothing(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how many hotels does corran hotels & inns manage?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    assert "no count of hotels" in answer["answer"], answer["answer"]


def test_a_measure_in_a_despite_phrase_is_the_main_subjects(store: str | Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what profit did halvard make in 2004?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    own = ask_json(store, "what profit did brackley make in 2004?", capsys)
    assert not own["abstained"] and "41.2bn" in own["citations"][0]["quote"], own["answer"]


def test_gains_and_losses_ask_no_loss(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert measure_of("which stock indices swung between gains and losses on friday?") == ""
    answer = ask_json(store, "which stock indices swung between gains and losses on friday?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "NX 40" in answer["citations"][0]["quote"], answer["answer"]


def test_what_someone_blamed_is_a_cause_asked(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert analyse_focus(analyse("what did Quill blame the rise in house prices on?"), []).why
    answer = ask_json(store, "what did quill blame the jump in harlow house prices on?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert any("was responsible for the rise" in c["quote"] for c in answer["citations"]), answer["answer"]


def test_she_said_speaks_for_the_person_named_before(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "what did quill blame the jump in house prices on?", capsys)
    assert "was responsible for the rise" in answer["citations"][0]["quote"], answer["answer"]


def test_which_rival_has_asks_one_name(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not analyse("From which rival has Orrin Electric agreed to buy display technology?").wants_list
    assert analyse("which firms has Orrin Electric bought?").wants_list
    answer = ask_json(store, "From which rival has Orrin Electric agreed to buy panel display technology?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "Kessock" in answer["citations"][0]["quote"], answer["answer"]


def test_a_verb_after_had_is_no_unknown_name(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Which Moreby analyst said Harrow Group had botched the financing?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert any("Owen Pryce" in c["quote"] for c in answer["citations"]), answer["answer"]
    unknown = ask_json(store, "has zorgle raised its prices?", capsys)  # an unknown name after "has" stays one
    assert unknown["answer"] == "The stored articles do not mention zorgle."


def test_surplus_before_a_noun_is_no_trade_surplus() -> None:
    assert measure_of("How much surplus wine does Portugal want to distil into alcohol?") != "surplus"
    assert measure_of("How big was Portugal's trade surplus in 2004?") == "surplus"
    assert measure_of("what was the surplus in january?") == "surplus"
    assert measure_of("What was Tarvane's trade surplus over the first eleven months?") == "surplus"


def test_a_name_set_aside_is_not_asked_about(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse("apart from Tolland Motors, which carmakers did Orrin Components supply?"), lexicons)
        assert focus.excluded == ("tolland motors",) and "tolland motors" not in focus.entities
    answer = ask_json(store, "which carmakers besides tolland motors were supplied with the faulty orrin components "
                             "pumps?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "were also supplied" in answer["citations"][0]["quote"], answer["answer"]


# Questions answered from the sentence that says it: (question, words of the first citation)
ANSWERED = [
    pytest.param("Which Moreby analyst rates Harrow Group and Delling as the likeliest buyers of Pennock?",
                 "Sara Quill", id="superlative"),
    pytest.param("which velmont worker did the wire quote as saying staff were mourning the company?",
                 "Ruth Adair", id="worker-quoted"),
    pytest.param("what were carrick systems' first-quarter sales?",
                 "£310.5m", id="quarter-said-before"),
    pytest.param("what is kestrel mobile suing finchline for?",
                 "trademark infringement", id="suing"),
    pytest.param("what is halvard's low-malt drink called",
                 "Amber Crown", id="name-asked"),
    pytest.param("who threw out harrow group's bid for pennock fittings?",
                 "Olga Brandt", id="threw-thrown"),
    pytest.param("what share of tarrow steel's workforce will the job cuts hit?",
                 "8%", id="share-asked"),
    pytest.param("when did the selby exchange buy tarnex?",
                 "2002 acquisition", id="acquisition"),
    pytest.param("how many jobs is pelham foods cutting, as opposed to tarrow steel?",
                 "600 jobs", id="set-against"),
    pytest.param("how many k9 freighters has daxton ordered?",
                 "12 Kessock K9", id="doer-noun"),
    pytest.param("What will South Africa's corporate tax rate be after the budget?",
                 "from 29% to 28%", id="tax-rate"),
    pytest.param("How big was Brackley's loss in 2003, before it widened?",
                 "from £3.5m", id="year-before-as-baseline"),
    pytest.param("how many builders is the state of sellia prosecuting in the bid-rigging affair?",
                 "six builders", id="ing-verb-no-name"),
    pytest.param("where is brandt engineering based?",
                 "of Tacoma, Washington", id="firm-of-place"),
]


@pytest.mark.parametrize(("question", "said"), ANSWERED)
def test_answered_from_the_sentence_that_says_it(store: str | Path, capsys: pytest.CaptureFixture[str], question: str,
                                                  said: str) -> None:
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert said in answer["citations"][0]["quote"], answer["answer"]


def test_an_ing_word_written_once_first_is_no_name(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        assert any(lx.is_name("prosecuting") for lx in lexicons)  # ("Prosecuting builders …" opens a sentence)
        focus = analyse_focus(analyse("how many builders is the state of sellia prosecuting?"), lexicons)
        assert "prosecuting" not in focus.entities and "state of sellia" in focus.entities


def test_a_sum_offered_is_no_sum_paid(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much did ruth kell and amos dray pay for their kestrel mobile stake?", capsys)
    assert answer["abstained"] and answer["near_miss"], answer["answer"]
    paid = ask_json(store, "how much did tolland telecom pay for its stake in kestrel mobile?", capsys)
    assert not paid["abstained"] and "£95m" in paid["citations"][0]["quote"], paid["answer"]
