"""How a question is read (issue 11, classes read in session 34; fixtures in our own words under
tests/fixtures/s34-reading/):

- "how much did Kestrel spend in total on its stake, rather than the price per share?": a price each set against what
  is asked is not asked, so the sentence giving the total answers (it was held to give "a total, not a price each");
- "what would a bid at the price Kestrel paid per share value Orvane at?" asks the firm's whole value, and "an
  A$3.40-a-share approach" gives a price each;
- "how much did Morvant pay to take over Tesmar?": a broker's target for Morvant's share price is no price paid, so
  the store holds none (the near miss);
- "what per-share offer for Morvant did the Hartwell broker call fair?" is answered by the broker's "an offer of 410p
  a share … would be fair": a judgement asked, so its "would" is no forecast against a question in the past;
- "how much did kestrel raise from selling its property arm?": "getting A$512m from selling …" gives the proceeds;
- "from which firm did Kestrel buy its stake?": the other party of the deal is what is asked, so a sentence naming
  it ("bought the stake from Dalby Holdings") gives no other party's deal;
- "which events do hauliers fear …?": events are not names, so the sentence listing "snow, port closures or strikes"
  leads, not one listing two associations;
- "how much gas a year will Morvant take …?": a lead whose subject is another firm ("Spain's Iberga is expected to
  join the Morvant scheme, …, taking 3 million tonnes") yields to the story's sentence whose subject is Morvant and
  which gives a figure; a source ("The ministry says …") is no such other firm;
- why-questions: "… were so poor that the disaster would barely touch …" gives a cause, and so does an event that
  "saw" the asked thing climb ("A costly buying spree … saw Halvorsen Telecom's debt climb …"), which answers "what
  caused Halvorsen Telecom's debt to balloon …?" though it shares few of the question's words;
- "what like-for-like sales growth …?" asks one growth, not a list of sales (nor does "which sectors" stop being one);
- "how had tarn bonds been sold?": the sentence saying they "were sold as a safe way …" leads over one that does not
  say the deed;
- "what do Brenner Capital's analysts say …?": a lead quoting them and closed by "wrote analysts at Brenner Capital"
  goes on in the bare quotation after it ('"Moreover, such episodes usually …"'), which leads when it says more of
  what is asked; "Moreover" opening it is no other firm's name;
- "and according to the commission's spokeswoman, who settles disputes?" is a question of its own, not the last one
  narrowed;
- "which kinds of freight do the new rules cover?": a sentence of the story nearly as good saying what they "apply
  to, including …" leads;
- "at what expense does Carrow say Norland's silver decade has been reached?": the sentence of the story saying "at
  the expense of …" leads, from a little further down than most;
- "why did Ola Brand choose Tesmar's offer …?": a motive said of the doer before the deed ("wanted to keep control,
  and chose Tesmar's offer …") is a cause;
- "what share of Skyhaven's loading staff called in sick?": a lead giving no part of anything yields to the story's
  sentence giving one ("a quarter of Skyhaven's loading staff"); a lead giving a share stays;
- "what market share did Dalton Motors reach last month?" asks a share of the market as a figure: "the only home
  carmaker to win market share, with its sales up 6%" gives none (the near miss), "holds a 14% share of the home car
  market" does;
- "how many flights did Skyhaven cancel on each day of the long weekend?": a sentence giving a figure for each day
  ("about 40 flights on Friday, 95 on Saturday …") leads over the total;
- "how many shares did each of them get?" after "how many applicants got shares …?": each applicant, answered from
  the story's "… applicants got 7 shares each" (not each of the firms the last question named).

Asked through `tradebrief ask --json` on every kind of store, and the follow-up through the console adapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Turn, resolve_followup
from bot.focus import analyse_focus
from bot.question import analyse
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, ask_json, first_quote, near_miss_said, offline_answer, store_fixture, store_retriever

FOLDER = ROOT / "tests" / "fixtures" / "s34-reading"

store = store_fixture("s34_reading", FOLDER)


# The sentence an answer must cite first: the question, and the words that sentence opens with
FIRST_QUOTES = [
    pytest.param("how much did kestrel raise from selling its property arm larkhill?", "It has money to spare",
                 id="proceeds_of_a_sale"),
    pytest.param("Which events do hauliers fear might not count as exceptional circumstances under the new rules?",
                 "Hauliers fear", id="events_are_not_names"),
    pytest.param("How much gas a year will Morvant take under the Sallow-3 deal?", "Morvant is to receive",
                 id="the_firm_asked_as_subject"),
    pytest.param("What caused Halvorsen Telecom's debt to balloon earlier in the decade?", "A costly buying spree",
                 id="an_event_that_saw_it_climb"),
    pytest.param("why did investors think the floods would barely touch the region's listed firms?",
                 "Investors appeared to think", id="so_poor_that"),
    pytest.param("What like-for-like sales growth does Halvorsen Telecom expect over the coming years?",
                 "Looking to the future", id="one_growth_no_list"),
    pytest.param("What per-share offer for Morvant did the Hartwell broker call fair?", "Lena Moss, of brokers Hartwell",
                 id="a_price_called_fair"),
    pytest.param("what do brenner capital's analysts say such cancellations usually do to later bookings and prices?",
                 '"Moreover, such episodes', id="the_analysts_quote_goes_on"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert quote.startswith(words), quote


def test_a_price_each_set_against_the_total(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "How much did Kestrel spend in total on its 12.4% stake in Orvane, rather than the price per share?"
    focus = analyse_focus(analyse(question), [])
    assert not focus.per_share and focus.total
    each = analyse_focus(analyse("What did Kestrel pay per share, rather than in total?"), [])
    assert each.per_share and not each.total
    assert not analyse_focus(analyse("How much will Morvant pay in all, rather than up front?"), []).at_once
    assert analyse_focus(analyse("How much will Morvant pay up front, rather than in all?"), []).at_once
    answer = ask_json(store, question, capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["answer"].startswith("A$310m"), answer["answer"]


def test_a_firms_value_asked_by_a_price_each() -> None:
    focus = analyse_focus(analyse("What would a bid at the price Kestrel paid per share value Orvane at?"), [])
    assert not focus.per_share
    assert focus.scope_conflict("Orvane turned down Kestrel's A$3.40-a-share approach as too low.") == "a price per share"
    assert focus.scope_conflict("A bid at that level would value Orvane at A$2.2bn.") == ""
    assert analyse_focus(analyse("What would the offer value each share at?"), []).per_share


def test_the_other_party_is_what_is_asked() -> None:
    sentence = "Kestrel bought the 12.4% stake from Dalby Holdings, the family investment firm of the Dalbys, who sold …"
    asked = analyse_focus(analyse("From which firm did Kestrel buy its Orvane stake?"), [])
    assert asked.counterpart_asked
    assert asked.scope_conflict(sentence) == ""
    assert analyse_focus(analyse("who did Kestrel buy the stake from?"), []).counterpart_asked
    assert not analyse_focus(analyse("How much did Kestrel pay for its Orvane stake?"), []).counterpart_asked


def test_causes_said_by_degree_and_by_an_event_that_saw_a_change() -> None:
    from bot.causes import cause_grade

    assert cause_grade("The districts were so poor that the disaster would barely touch listed firms.") == 3
    assert cause_grade("It is so far that nobody goes.") == 0
    assert cause_grade("A costly buying spree in the late 1990s saw the firm's debt climb to 40bn euros.") == 2
    assert cause_grade("The firm saw its chance and took it.") == 0
    assert cause_grade("The drugmaker saw its profits fall 9% last year.") == 0  # (its own fall, reported)


def test_each_of_them_is_each_of_those_counted() -> None:
    turn = Turn(question="How many applicants got shares in Qadir Insurance's offer?", display=("Qadir Insurance",))
    read, kind = resolve_followup("how many shares did each of them get?", turn, [], "")
    assert read == "how many shares did each of the applicants get?" and kind == "story", (read, kind)
    other = Turn(question="What did Qadir Insurance sell?", display=("Qadir Insurance",))
    assert resolve_followup("how many shares did each of them get?", other, [], "")[0] != read


async def test_each_of_them_in_a_follow_up(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER, "How many applicants got shares in Qadir Insurance's offer?",
                                  "how many shares did each of them get?")
    assert "500,000" in opening(replies[0]), replies[0]
    assert opening(replies[1]).rstrip().endswith("7 shares"), replies[1]


def test_a_plural_describing_the_thing_asked() -> None:
    from bot.lists import read_list

    question = analyse("What like-for-like sales growth does Halvorsen Telecom expect over the coming years?")
    assert not question.wants_list
    assert read_list(question, analyse_focus(question, [])) is None
    assert analyse("which sectors were agreed?").wants_list
    assert analyse("What brands does Kestrel sell?").wants_list


def test_each_of_those_counted_read_in_its_story(store: str | Path) -> None:
    """"how many shares did each of the applicants get?" read in the story of the count: the sentence giving the count
    each ("… applicants got 7 shares each") stays first over one counting more shares, and the applicants it
    names are the asked subject, said in it ("each of" is no word the sentence must hold)."""
    from bot.answers import Answerer
    from bot.models import Citation
    from tests.stores import stored_ranked

    question = analyse("how many shares did each of the applicants get?")
    with store_retriever(store) as retriever:
        answerer = Answerer(retriever)
        focus = analyse_focus(question, retriever.lexicons)
        each = stored_ranked(retriever, "Over 500,000 applicants", 4.5)
        more = stored_ranked(retriever, "The state sold 5 million", 4.4)
        story = each.hit.article.id
        assert answerer._kind_in_story(question, focus, [each, more], story)[0] is each
        cited = Citation(1, each.hit.sentence.id, story, each.hit.sentence.text, each.hit.article.title, "", None, None)
        assert not answerer._subject_unsaid(question, cited)
        assert answerer._subject_unsaid(analyse("how many shares did each of the brokers get?"), cited)


def test_an_opening_word_is_no_other_firm() -> None:
    from bot.nearmiss import anothers_subject

    from bot.focus import Focus

    focus = Focus(entities=("brenner capital",), display=("Brenner Capital",))
    quote = '"Moreover, such episodes usually do little harm to later bookings or to prices."'
    assert anothers_subject("what do brenner capital's analysts say about bookings?", focus, quote, lambda n: True) == ""
    other = "Harwick Travel has seen its bookings rise since the cancellation."
    assert anothers_subject("what do brenner capital's analysts say?", focus, other, lambda n: True) == "Harwick Travel"


def test_a_sourced_question_after_and_is_its_own() -> None:
    turn = Turn(question="what does Clarke reckon the new rules will cost passengers each year?", display=("Clarke",))
    read, kind = resolve_followup("and according to the commission's spokeswoman, who settles disputes?", turn, [], "")
    assert not read.startswith("what does Clarke reckon"), (read, kind)
    assert "who settles disputes" in read, read


def test_a_share_price_is_no_price_paid(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = "How much did Morvant pay to take over Tesmar?"
    near_miss_said(store, question, "mention morvant and tesmar, but no price", capsys)
    from bot.answers import Answerer

    from bot.nearmiss import _fits

    with store_retriever(store) as retriever:  # (the sentence judged as the near miss judges it: about the firms' story)
        answerer = Answerer(retriever)
        query = analyse(question)
        focus = answerer._spelled(analyse_focus(query, retriever.lexicons))
        ranked, _ = answerer.evidence(query, None, focus)
        target = next(r for r in ranked if r.hit.sentence.text.startswith("The warning came"))
        assert not _fits(query, focus, target, True, 0.5, answerer._is_name)
    answer = ask_json(store, "What is the target for Morvant's share price?", capsys)
    assert not answer["abstained"] and "£32.40" in answer["answer"], answer["answer"]


def test_a_cause_said_of_the_entity_in_the_questions_words() -> None:
    """The cause that makes a why-question answerable is said of the asked event in the question's words ("debt"),
    not of an event the sentence only refers back to ("the decision …, which will result in …")."""
    from bot.answers import _cause_of_entity_said
    from bot.focus import Focus
    from tests.stores import ranked_stub

    focus = Focus(entities=("halvorsen telecom",), display=("Halvorsen Telecom",), why=True)
    debt = analyse("What caused Halvorsen Telecom's debt to balloon earlier in the decade?")
    said = ranked_stub("A costly buying spree in the late 1990s saw Halvorsen Telecom's debt climb to 40bn euros.", 3.5,
                       0.2, True)
    assert _cause_of_entity_said(debt, focus, said)
    warning = analyse("why did Halvorsen Telecom issue a profit warning?")
    referred = ranked_stub("Analysts said the decision to sell its Danish arm - which will result in fewer customers - "
                           "ended the need for a second listing of Halvorsen Telecom shares.", 3.5, 0.2, True)
    assert not _cause_of_entity_said(warning, focus, referred)


def test_a_motive_before_the_deed(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.causes import cause_grade

    assert cause_grade("But Ola Brand wanted to keep control, and chose Tesmar's offer.") == 2
    assert cause_grade("Ola Brand wanted to keep control.") == 0
    quote = first_quote(store, "why did ola brand choose tesmar's offer over iberga's back in 2001?", capsys)
    assert quote.startswith("But Ola Brand"), quote


# Ranking rules run where answers run them (`Answerer._offline`), over stored sentences ranked with the realistic
# store's scores: the question, the ranking (opening words, score) and the words the first citation must open with
ON_THE_ANSWER_PATH = [
    pytest.param("How much gas a year will Morvant take under the Sallow-3 deal?",
                 [("Spain's Iberga is expected", 4.7), ("Morvant is to receive", 3.3)], "Morvant is to receive",
                 id="the_asked_firm_as_subject"),
    pytest.param("How much gas will Morvant take under the Sallow-3 deal?",  # (asked a year, the yearly amount leads)
                 [("The Kavaran energy ministry says", 4.7), ("Morvant is to receive", 3.3)],
                 "The Kavaran energy ministry says", id="a_source_is_no_other_firm"),
    pytest.param("How much gas a year will other buyers take from Morvant under the Sallow-3 deal?",
                 [("Spain's Iberga is expected", 4.7), ("Morvant is to receive", 3.3)], "Spain's Iberga is expected",
                 id="the_firm_not_the_doer_asked"),
    pytest.param("What share of Skyhaven's loading staff called in sick?",
                 [("Sick calls at Skyhaven", 4.1), ("Bags piled up", 3.6)], "Bags piled up", id="a_share_of_a_group"),
    pytest.param("What share of Skyhaven's loading staff called in sick?",
                 [("Some 12% of Skyhaven's cabin crew", 4.1), ("Bags piled up", 3.6)], "Some 12%",
                 id="a_share_of_a_group_given_already"),
    pytest.param("What share of Skyhaven's passengers gave up and went home?",
                 [("Roughly a sixth of Skyhaven's", 4.1), ("Bags piled up", 3.6)], "Roughly a sixth",
                 id="a_share_given_in_words"),
    pytest.param("How many flights did Skyhaven cancel on each day of the long weekend?",
                 [("Over the three days", 4.6), ("Skyhaven had to cancel", 4.5)], "Skyhaven had to cancel",
                 id="a_figure_for_each_day"),
    pytest.param("How many flights did Skyhaven cancel over the long weekend?",
                 [("Over the three days", 4.6), ("Skyhaven had to cancel", 4.5)], "Over the three days",
                 id="the_total_when_no_day_is_asked"),
    pytest.param("how had tarn bonds been sold?", [("The regulator has been looking", 2.2),
                                                   ("Savers who lost money", 2.1), ("Tarn bonds were sold as", 1.5)],
                 "Tarn bonds were sold as", id="the_manner_of_a_deed"),
    pytest.param("how had tarn bonds been sold?", [("The regulator has been looking", 2.7), ("Tarn bonds were sold as", 1.5)],
                 "The regulator", id="the_manner_not_from_any_depth"),
    pytest.param("Which kinds of freight do the new road rules cover?",
                 [("Under the rules, firms must", 3.9), ("The European Commission is", 3.7), ("The new rules will apply", 3.5)],
                 "The new rules will apply", id="what_rules_cover"),
    pytest.param("Which kinds of freight do the new road rules cover?",
                 [("Under the rules, firms must", 4.2), ("The new rules will apply", 3.5)], "Under the rules",
                 id="what_rules_cover_not_from_any_depth"),
    pytest.param("How much of the cost do the new road rules cover?",
                 [("Under the rules, firms must", 3.9), ("The new rules will apply", 3.5)], "Under the rules",
                 id="an_amount_covered_is_no_makeup"),
    pytest.param("At what expense does Carrow say Norland's silver decade has been reached?",
                 [("In its yearly review", 4.1), ("Carrow expects growth", 4.0), ("But it cautioned", 2.8)],
                 "But it cautioned", id="at_the_expense_of"),
    pytest.param("Why does Carrow say Norland's silver decade may end?",
                 [("In its yearly review", 4.1), ("But it cautioned", 2.8)], "In its yearly review",
                 id="at_the_expense_of_only_when_asked"),
]


@pytest.mark.parametrize("question, ranking, first", ON_THE_ANSWER_PATH)
def test_on_the_answer_path(store: str | Path, question: str, ranking: list[tuple[str, float]], first: str) -> None:
    with store_retriever(store) as retriever:
        answer = offline_answer(retriever, question, ranking)
        assert answer.citations and answer.citations[0].quote.startswith(first), answer.text


def test_a_market_share_asked_as_a_figure(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    near_miss_said(store, "what market share did dalton motors reach last month?",
                   "mention dalton motors, but no market share", capsys)
    assert first_quote(store, "What is Vance Autos' market share?", capsys).startswith("Rival Vance Autos holds")
    assert first_quote(store, "Which carmaker was the only one to win market share last month?", capsys).startswith(
        "Dalton Motors was the only")
    assert analyse_focus(analyse("What is Vance's capacity, as opposed to its market share?"), []).measure != (
        "market share")
