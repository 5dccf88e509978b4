"""How a question is read (issue 11, classes read in session 18; fixtures in our own words under
tests/fixtures/s18-reading/):

- a count asked of a thing that is also a name ("how many Rivos did Kell Motors sell?") is not answered by numbers
  that count something else: "nearly three times as many cars" is a multiple, "3,200 Rivo-workers" counts workers,
  "one in five of the cars … sold … was a Rivo" is a share, "the Rivo Sport 1.4" is part of a model's name; and a
  count of the thing that says no sale ("a plant far too big for just 80,000 Rivos") does not answer how many were
  sold: the near miss is said;
- "used by millions of us every day" counts people, not the debit cards asked: the near miss is said;
- "how many fixed telephone lines …?" counts lines ("fixed telephone" only describes them): "three telephone
  licences" counts licences, so the near miss is said of the country;
- "Northern Airlines' parent Norwing posted a $290m loss" is not Kestrel Airlines' loss because both names end in
  "Airlines": the name opening the clause is read whole;
- a stored name opening with a country's name ("Japan Airways has firmly ordered 25 of the aircraft") is the
  subject of its clause, so its aircraft are not Air Velda's;
- "were barred …?" asks what happened; a forecast said of a party described after a comma ("…, the state-run energy
  company that was expected to win the auction") does not make the sentence a forecast: "one of five banks that
  were barred" answers;
- "how many new US jobs …?" counts jobs ("new" and the country only describe them);
- "how many judges sit on the panel …?" counts judges ("sit" is the verb, not part of what is counted), and "a
  three-judge panel" counts them;
- "how much lithium does Bolivia export?" asks of a thing no stored sentence writes: a sentence on Bolivia's export
  earnings does not answer it, though it carries the measure asked of the country;
- "which Veltros spokeswoman said …?" names a firm ending in s: it is no kind of things listed ("which Veltros units
  …" lists units), so no list of the story's sentences is made (checked as the reading: the fixture store answers
  either way);
- "who led the delegation …?": a lead sentence naming no person ("A delegation of European firms visited the VSC …")
  gives way to the next sentence of its story, which goes on from it and names one ("It was led by Edda Rusk …");
  the sentence it goes on from is cited next, so that "it" can be read;
- "(after) how long …?" asks a stretch of time: a sentence giving one ("for at least 18 months", "a four-month
  sentence") matches the kind asked, a sentence giving a day ("will decide on Friday") does not;
- "privatised" asked finds "privatized" stored (and the other way): a word's -ise and -ize spellings are one word;
- "how much profit did Orvo Bank's retail division make?" asks a part of the firm: the group's profit does not
  answer it, and the near miss names the part ("no retail division profit"); asked of the group, it answers;
- "apart from banks, whom has Velora Foods sued?" sets a kind of things aside: a best sentence naming that kind
  ("Orlan Bank has been barred from suing Velora Foods") gives way to one nearly as good that does not ("The company
  has also sued its former auditors, as well as the firms that gave it financial advice"); a sentence naming the
  kind as one item among others ("mortgages, credit cards, insurance …") is not set aside;
- "Apart from Halm, Osten and Tarvo, which big Sellian brewer …?": the names an opening clause sets aside are no words
  the answer must cover, so "Brauvik, the fourth big name, will have a … drink of its own …" answers rather than a
  near miss on the names set aside;
- "when do economists think the central bank will raise rates again?" asks the economists' view: no date is stated
  from a sentence in which they say nothing ("The … central bank did not rule out raising interest rates again in
  March").

Asked through `tradebrief ask --json` on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.counting import counts_any
from bot.focus import analyse_focus
from bot.lists import read_list
from bot.question import analyse
from tests.conftest import ROOT
from tests.stores import ask_json, first_quote, near_miss_said, store_fixture, store_lexicons, store_retriever

FOLDER = ROOT / "tests" / "fixtures" / "s18-reading"

store = store_fixture("s18_reading", FOLDER)


# Near misses: the question, and what the answer must say is not stored
NEAR_MISSES = [
    pytest.param("How many Rivos did Kell Motors sell worldwide last year?", "no count of rivos",
                 id="a_count_of_a_named_thing"),
    pytest.param("how many debit cards are in use in sellia, according to payline?", "no count of debit cards",
                 id="people_are_no_cards"),
    pytest.param("How many fixed telephone lines does Bolivia have at present?", "no count of fixed telephone lines",
                 id="licences_are_no_lines"),
    pytest.param("How many aircraft does Air Velda operate today?", "no count of aircraft",
                 id="a_name_opening_with_a_country"),
    pytest.param("how much did kestrel airlines lose in the fourth quarter", "no loss",
                 id="another_firm_of_the_same_last_word"),
    pytest.param("How much profit did Orvo Bank's retail division make last year?", "no retail division profit",
                 id="a_part_of_the_firm"),
]


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


RIVOS = "How many Rivos did Kell Motors sell worldwide last year?"
LINES = "How many fixed telephone lines does Bolivia have?"
# Whether a number in the text may count what the question asks
COUNTS = [
    pytest.param(RIVOS, "Last year nearly three times as many cars were built.", False, id="a_multiple"),
    pytest.param(RIVOS, "The cars were built by just 3,200 Rivo-workers.", False, id="a_compound_counts_its_last_part"),
    pytest.param(RIVOS, "Almost one in five of the cars the Kell group sold last year was a Rivo.", False,
                 id="one_in_five_is_a_share"),
    pytest.param(RIVOS, "Verdict says the Rivo Sport 1.4 holds its value best.", False, id="a_number_in_a_model_name"),
    pytest.param(RIVOS, "Last year Kell Motors sold 95,000 Rivos.", True, id="a_count_of_rivos"),
    pytest.param(RIVOS, "Kell sold 95,000 of them last year.", True, id="a_count_after_a_verb"),
    pytest.param(LINES, "Bolivia is to invite bids for three telephone licences.", False, id="licences_described"),
    pytest.param(LINES, "Bolivia has 600,000 fixed telephone lines.", True, id="the_lines_asked"),
    pytest.param(LINES, "Bolivia has 600,000 telephone lines.", True, id="the_lines_less_described"),
    pytest.param("how many times oversubscribed was the Payline share sale?",
                 "The share sale was eleven times oversubscribed.", True, id="times_asked_are_counted"),
]


@pytest.mark.parametrize("question, text, counts", COUNTS)
def test_what_a_number_counts(store: str | Path, question: str, text: str, counts: bool) -> None:
    with store_lexicons(store) as lexicons:
        focus = analyse_focus(analyse(question), lexicons)
    assert focus.count_noun, focus
    assert counts_any(text, focus) is counts, text


def test_millions_of_us_count_people(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        cards = analyse_focus(analyse("how many debit cards are in use in sellia?"), lexicons)
        people = analyse_focus(analyse("how many people use debit cards in sellia?"), lexicons)
    said = "Debit cards are used by millions of us every day."
    assert not counts_any(said, cards)
    assert counts_any(said, people)


def test_a_forecast_of_a_party_described_after_a_comma(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "How many banks were barred from lending to Ostra Gas for the Dalmet Oil auction?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "one of five banks" in answer["citations"][0]["quote"], answer["answer"]


def test_no_date_stated_from_a_sentence_without_the_view_asked(store: str | Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "when do economists now think the sellian central bank is likely to raise rates again?",
                      capsys)
    assert not answer["abstained"], answer["answer"]
    opening = answer["answer"].split("[1]")[0]
    assert "March" not in opening or "did not rule out" in opening, answer["answer"]


def test_a_count_joined_to_the_thing_counted(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "How many judges sit on the panel hearing the Orvo Bank chairman's trial?", capsys)
    assert quote.startswith("A three-judge panel"), quote


# What a "how many …?" question counts, as read (`Focus.count_noun`)
COUNTED = [
    pytest.param("How many fixed telephone lines does Bolivia have?", ("fixed", "telephone", "lines"),
                 id="a_plural_after_two_describing_words"),
    pytest.param("how many strato plant jobs will go?", ("strato", "plant"), id="no_third_word_after_a_name"),
    pytest.param("How many new US jobs had the market expected?", ("jobs",), id="a_country_describes_the_thing"),
    pytest.param("How many judges sit on the panel?", ("judges",), id="the_verb_after_the_plural"),
    pytest.param("How many Sellians per thousand own a car?", ("sellians", "per"), id="no_verb_before_a_number"),
]


@pytest.mark.parametrize("question, counted", COUNTED)
def test_what_is_counted(store: str | Path, question: str, counted: tuple[str, ...]) -> None:
    with store_lexicons(store) as lexicons:
        assert analyse_focus(analyse(question), lexicons).count_noun == counted

def test_a_measure_of_a_thing_the_store_never_writes(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "how much lithium does bolivia export a year?", capsys)
    assert answer["abstained"], answer["answer"]


def test_a_name_ending_in_s_is_no_kind(store: str | Path) -> None:
    with store_lexicons(store) as lexicons:
        def kind(question: str) -> tuple[str, ...] | None:
            ask = read_list(analyse(question), analyse_focus(analyse(question), lexicons))
            return ask.kind_words if ask is not None else None

        assert kind("Which Veltros spokeswoman said the firm believes it can sway what the court decides?") is None
        assert kind("which veltros units were sold at auction?") == ("units",)
        assert kind("which oil groups are due in court?") == ("oil", "groups")


def test_the_person_given_next(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Who led the delegation of European firms that visited the VSC in December?", capsys)
    assert not answer["abstained"], answer["answer"]
    quotes = [c["quote"] for c in answer["citations"]]
    assert quotes[0].startswith("It was led by Edda Rusk"), answer["answer"]
    assert any(q.startswith("A delegation of European firms") for q in quotes[1:]), answer["answer"]


def test_how_long_asks_a_stretch_of_time(store: str | Path) -> None:
    with store_retriever(store) as retriever:
        hits = retriever.search(analyse("After how long on Kellix did the Brightline study find the risk doubled?"))
    matched = {h.sentence.text.split()[0]: h.type_match for h in hits}
    assert matched.get("Concern") is True, matched  # "… for at least 18 months"
    assert matched.get("Sellian") is False, matched  # "… will decide on Friday …"
    with store_retriever(store) as retriever:
        hits = retriever.search(analyse("how long a jail term did the former finance chief of the kellix maker get?"))
    assert any(h.type_match and "four-month" in h.sentence.text for h in hits), [h.sentence.text for h in hits]


def test_ise_and_ize_spellings_are_one_word(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    quote = first_quote(store, "which gas firm must be privatised in time?", capsys)
    assert quote.startswith('"In time, Ostra Gas itself must be privatized,"'), quote


def test_a_measure_of_the_whole_firm(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = ask_json(store, "How much profit did Orvo Bank make last year?", capsys)
    assert whole["answer"].startswith("£170m"), whole["answer"]


@pytest.mark.parametrize("question, opening", [
    pytest.param("Apart from banks, whom has Velora Foods sued for damages?",
                 "The company has also sued its former auditors", id="the_kind_named_gives_way"),
    pytest.param("besides mortgages, what might one call-centre agent now be handling?",
                 '"Where a call centre once looked after mortgages,', id="the_kind_as_one_item_stays"),
])
def test_a_kind_set_aside(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, opening: str) -> None:
    quote = first_quote(store, question, capsys)
    assert quote.startswith(opening), quote


def test_what_an_opening_clause_sets_aside(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "Apart from Halm, Osten and Tarvo, which big Sellian brewer is about to bring out its own third-type drink?"
    assert not {"apart", "halm", "osten", "tarvo"} & set(analyse(question).terms)
    quote = first_quote(store, question, capsys)
    assert quote.startswith("Brauvik, the fourth big name"), quote

