"""How a question is read (issue 11, classes read in session 27; fixtures in our own words under
tests/fixtures/s27-reading/):

- "which Brazilian minister opened the Campo Expo 2005 farm fair?": the sentence saying so gives the minister only
  by the role ("Brazil's agriculture minister has opened …"); the next one opens with his name as its speaker
  ("Roberto Valente said …"), which the story goes on to call "Mr Valenti", so it leads and names him, and a later
  "he" is him. A firm opening the next sentence ("Andes Copper said …") names no minister. Likewise "A labour court
  rejected Katrin Vogelsang's complaints …" names the former trader a lead gives only by her job;
- "which Peruvian leader … said the country was close to the cleanest debt deal …?": "But he added that …" says it,
  and the sentence before names him ("Peru's President, Alejandro Rivas, said …"), so that one leads;
- "how much did Lumen get for selling the Starlight cinema chain?": what a seller gets for selling a thing is its
  price, and no sentence gives one, so the near miss is said;
- "which PWU official said …?": a lead naming her after her role ("PWU official Moira Dunn said …", whom the
  story calls "Ms Dunn") names the holder itself, so the quote after it does not lead;
- "how much money has Australia pledged towards Fiji's cyclone rebuilding?": "Fiji's prime minister has launched a
  rebuilding drive worth $300m" leaves out the giver asked, so the near miss is said ("Japan has pledged $20m …"
  answers it asked of Japan); so does "Dhruva Oil was looking to buy 20% of a Kazakh oil production unit", asked
  what stake it holds in the Tengri-2 oil field; the party is named by surname ("Mr Mehta pledged $300m …") or by
  the quoted story's opening ("Harambee Bank has some foreign shareholders …" in a story opening with the full name);
- "New Zealand" is a name of its own, not "Zealand" after a word opening sentences ("New rules …");
- "how many stores will be closed after Tasman Foods' takeover of Pinecrest Markets?": "The combined firm will run
  about 310 stores" closes none, so the near miss is said ("Ardent said 40 stores would be closed …" answers);
- "which Asian currencies weakened as analysts warned …?" asks currencies, not an analyst, so the person named after
  the lead does not lead;
- "why have Danish consumers been holding on to their money?": "the steady rise in the krone's value", told in
  full, is an event of its own, not the asked one referred back to, so its cause does not lead ("This is because of
  …" still refers back); nor does another story's "The move was aimed at …", saying nothing asked but the names;
- "how much does Petrel Fuel plan to pay its creditors straight away?": "$40m now, … with a further $50m spread over
  six years" says what is paid at once;
- "what share of all visitors flying to Fiji does Coral Air carry?": "The 30-year-old airline transports about 48% of
  all visitors …", in its story, gives the share of the whole asked, though it words the rest otherwise;
- "what does Lyra Records' chief executive say is happening to the physical market …?": the sentence naming him
  gives another view; the bare quotation after it goes on with his words on the market, so it leads;
- "what did Vantor blame for the drop in its net income?" and "what is said to be part of the impetus behind Peru's
  soaring exports?" ask a cause; "Part of the impetus comes from …" and "The rise is due, in part, to …" give one;
- "how much gas does Latvia buy from Russia each year, in cubic metres?": "$2 per 1,000 cubic metres" is a price per
  unit, no amount of gas;
- "what steps are Pacific governments expected to take …?": a sentence nearly as good introducing the steps ("… take
  steps, such as cutting port fees …") leads over one listing none;
- "According to correspondents, why might Maria Lund be keeping …?": the opening clause names whose view is asked,
  which they give as "They say Ms Lund may be trying to calm …" after a sentence naming them; asked of one source
  ("according to a Lyon lecturer, why …?"), the quote going on after the sentence naming her says it;
- "Apart from better returns for investors, why does Tarrow think …?": a sentence nearly as good that names the thing
  set aside and goes beyond it ("As well as luring investors with better returns, Tarrow also reckons …") leads;
- "where is Anton Weiss going back to …?": a place one goes back to is said after "to" ("return full-time to the Holt
  group");
- "and a year earlier?" after net sales quoted from "Net sales for the year rose to 14.2bn kroner from 13.1bn
  kroner": the sentence just quoted gives the year before's figure, so it leads again, over the story's sentence
  saying "a year earlier" of its net profit.

Asked through `tradebrief ask --json` on every kind of store, and the follow-up through the console adapter.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.causes import Asked, asked_event
from bot.question import analyse
from tests.consoles import console_chain, opening
from tests.conftest import ROOT
from tests.stores import Stores, first_quote, near_miss_said, store_fixture

FOLDER = ROOT / "tests" / "fixtures" / "s27-reading"

store = store_fixture("s27_reading", FOLDER)


# The sentence an answer must cite first: the question, and words of that sentence
FIRST_QUOTES = [
    pytest.param("Which Brazilian minister opened the Campo Expo 2005 farm fair?", "Roberto Valente said",
                 id="a_role_s_holder_named_next"),
    pytest.param("Which Chilean minister opened the copper forum in Santiago?", "Chile's mining minister has opened",
                 id="a_firm_opening_the_next_sentence_is_no_holder"),
    pytest.param("Which former Halden Securities trader lost her equal pay case against the broker?",
                 "rejected Katrin Vogelsang's complaints", id="a_role_s_holder_named_in_the_next_sentence"),
    pytest.param("Which PWU official said Harland Print had ignored the 45-day consultation period?",
                 "PWU official Moira Dunn said", id="a_lead_naming_the_holder_stays"),
    pytest.param("Why have Danish consumers been holding on to their money?", "as joblessness of more than 180,000",
                 id="the_rise_of_another_thing_is_no_reference_back"),
    pytest.param("How much does Petrel Fuel plan to pay its creditors straight away?", "hand over $40m now",
                 id="an_amount_now_is_paid_at_once"),
    pytest.param("What share of all visitors flying to Fiji does Coral Air carry?", "about 48% of all visitors",
                 id="a_share_of_the_whole_asked"),
    pytest.param("What does Lyra Records' chief executive say is happening to the physical market for recorded music?",
                 "The physical market for recorded music is showing signs", id="the_quote_going_on_says_it"),
    pytest.param("How much money has Japan pledged towards Fiji's rebuilding?", "Japan has pledged $20m",
                 id="the_giver_asked_named"),
    pytest.param("How many stores will be closed after Ardent Retail's takeover of Milford Stores?",
                 "40 stores would be closed", id="a_count_of_things_closed_said"),
    pytest.param("how much did arjun mehta pledge to the vaccination campaign", "Mr Mehta pledged $300m",
                 id="the_giver_named_by_surname"),
    pytest.param("how big a stake does banca lupa hold in harambee bank of africa", "Harambee Bank has some foreign",
                 id="the_holding_named_in_its_story_s_opening"),
    pytest.param("According to correspondents, why might Maria Lund be keeping most of Brightline's engineers?",
                 "They say Ms Lund may be trying", id="they_say_after_the_sources_asked"),
    pytest.param("Which Asian currencies weakened as analysts warned the storm could slow growth?",
                 "Currencies including the Thai baht", id="a_role_in_a_clause_is_not_asked"),
    pytest.param("Which Peruvian leader, rather than the finance minister, said the country was close to the cleanest "
                 "debt deal in its history?", "Alejandro Rivas, said on Friday", id="he_named_in_the_sentence_before"),
]


NEAR_MISSES = [
    pytest.param("How much did Lumen get for selling the Starlight cinema chain?", "no price",
                 id="got_for_selling_is_a_price"),
    pytest.param("How much money has Australia pledged towards Fiji's cyclone rebuilding?", "nothing that answers this",
                 id="the_giver_asked_goes_unnamed"),
    pytest.param("How much money has New Zealand pledged towards Fiji's cyclone rebuilding?", "mention new zealand and fiji",
                 id="a_place_named_new_keeps_its_new"),
    pytest.param("What stake does Dhruva Oil hold in the Tengri-2 oil field?", "no stake",
                 id="the_holding_asked_goes_unnamed"),
    pytest.param("How many stores will be closed after Tasman Foods' takeover of Pinecrest Markets?", "no count of stores",
                 id="a_count_of_things_closed"),
]


@pytest.mark.parametrize("question, words", FIRST_QUOTES)
def test_first_quotes(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, words: str) -> None:
    quote = first_quote(store, question, capsys)
    assert words in quote, quote


@pytest.mark.parametrize("question, unsaid", NEAR_MISSES)
def test_near_misses(store: str | Path, capsys: pytest.CaptureFixture[str], question: str, unsaid: str) -> None:
    near_miss_said(store, question, unsaid, capsys)


async def test_the_holder_named_next_is_he(tmp_path: Path, stores: Stores) -> None:
    """"what did he say …?" after the minister's question is asked of the person named next, so his own sentence
    answers."""
    replies = await console_chain(tmp_path, stores, FOLDER, "Which Brazilian minister opened the Campo Expo 2005 farm fair?",
                                  "what did he say foreign machinery makers could make use of in Brazil?")
    assert "Roberto Valente" in opening(replies[0]), replies[0]
    assert "cheap land" in opening(replies[1]), replies[1]


async def test_a_year_earlier_is_the_last_figure_s_baseline(tmp_path: Path, stores: Stores) -> None:
    replies = await console_chain(tmp_path, stores, FOLDER, "What were Norland Foods' net sales for the year?",
                                  "and a year earlier?")
    assert "Net sales for the year rose to 14.2bn kroner from 13.1bn kroner" in opening(replies[0]), replies[0]
    assert "from 13.1bn kroner" in opening(replies[1]), replies[1]


def test_a_person_by_surname_one_letter_off() -> None:
    from bot.answers import _a_person
    from bot.models import Fact

    facts = [Fact(id="f1", article_id="a", type="person", value="Valenti", sentence_ids=("a:5",), attrs={"title": "Mr"})]
    assert _a_person("Roberto Valente", facts)
    assert not _a_person("Andes Copper", facts)
    assert not _a_person("Roberto Vela", facts)


def test_a_name_given_another_role_is_not_introduced() -> None:
    from bot.answers import _person_introduced
    from bot.models import Fact

    facts = [Fact(id="f1", article_id="a", type="person", value="Lindqvist", sentence_ids=("a:4",), attrs={"title": "Mr"})]
    assert _person_introduced("A court rejected Anna Lindqvist's claims.", facts) == "Anna Lindqvist"
    assert _person_introduced("But Anna Lindqvist said she would appeal.", facts) == "Anna Lindqvist"
    assert _person_introduced("Boeing's chief Anna Lindqvist said sales were strong.", facts) == ""
    assert _person_introduced("Deutsche Bank said it would appeal.", facts) == ""
    assert _person_introduced('"It came too late," said Anna Lindqvist, a fund manager.', facts) == ""


def _why_ranked(sid: str, text: str, score: float, entity: float, coverage: float, detail: float,
                story: str = "a", held: float = 1.0) -> SimpleNamespace:
    article_id, position = sid.split(":")
    sentence = SimpleNamespace(id=sid, text=text, position=int(position), article_id=article_id)
    hit = SimpleNamespace(sentence=sentence, article=SimpleNamespace(id=story), coverage=coverage, detail=detail,
                          story=held)
    return SimpleNamespace(hit=hit, score=score, entity=entity, conflict="", attribute=True)


def _fiji_asked() -> Asked:
    """What "why does the IMF fear the cyclone could damage Fiji's balance of payments?" asks the cause of, the IMF
    and Fiji read as the names they are in a store holding them."""
    query = analyse("Why does the IMF fear the cyclone could damage Fiji's balance of payments?")
    return asked_event(query.terms, ["IMF", "Fiji"], (), query.text)


def test_another_story_s_move_is_not_the_asked_event() -> None:
    """Another story's "The move was aimed at helping the island governments …" refers back to its own story's event:
    saying nothing asked but the names, it is no report of the asked one giving its cause."""
    asked = _fiji_asked()
    from bot.ranking import _cause_first

    top = _why_ranked("a:4", "Sugar exports have held up, but the IMF expects rebuilding to need more imports, which "
                             "could damage Fiji's balance of payments.", 3.55, 0.9, 0.64, 0.6)
    move = _why_ranked("b:2", "The move was aimed at helping the island governments find money to rebuild their coasts.",
                       3.42, 0.75, 0.37, 0.0, story="b")
    assert _cause_first([top, move], asked)[0] is top
    move.hit.detail = 0.2
    assert _cause_first([top, move], asked)[0] is move


def test_an_event_told_in_full_is_no_reference_back() -> None:
    query = analyse("Why have Danish consumers been holding on to their money?")
    asked = asked_event(query.terms, ["Denmark"], (), query.text)
    assert not asked.refers_back("But the steady rise in the krone's value has also hurt Danish goods abroad.")
    assert asked.refers_back("This is because of planned cuts to benefits.")
    assert asked.refers_back("The rise has worried retailers.")


def test_now_after_an_amount_is_at_once() -> None:
    from bot.focus import AT_ONCE

    assert AT_ONCE.search("It wants to hand over $40m now, the firm said, with a further $50m spread over six years.")
    assert AT_ONCE.search("Of the immediate payment, $10m will come from its own cash.")
    assert not AT_ONCE.search("The firm now expects to pay $90m over six years.")


def test_a_role_beside_a_name_names_its_holder() -> None:
    from bot.answers import _role_beside_name

    assert _role_beside_name("economist", '"Jobs may rise," said Marta Quiroga, chief economist with Andes Capital.')
    assert _role_beside_name("economist", "Andes Capital economist Marta Quiroga said jobs may rise.")
    assert not _role_beside_name("minister", "Brazil's agriculture minister has opened the country's Campo Expo fair.")


def test_a_title_of_office_is_a_role_of_its_own() -> None:
    from bot.answers import _person_introduced
    from bot.models import Fact

    facts = [Fact(id="f1", article_id="a", type="person", value="Alvear", sentence_ids=("a:4",), attrs={"title": "Mr"})]
    assert _person_introduced("Despite his socialist past, President Alvear has followed a cautious policy.", facts) == ""
    assert _person_introduced("Jorge Alvear has followed a cautious policy.", facts) == "Jorge Alvear"


def test_what_was_blamed_for_asks_a_cause() -> None:
    from bot.focus import analyse_focus

    assert analyse_focus(analyse("What did Vantor blame for the drop in its net income in 2004?"), []).why
    assert not analyse_focus(analyse("What did Vantor earn in 2004?"), []).why


def test_the_impetus_behind_is_a_cause() -> None:
    from bot.causes import cause_grade
    from bot.focus import analyse_focus

    assert analyse_focus(analyse("What is said to be part of the impetus behind Peru's soaring exports?"), []).why
    assert cause_grade("Part of the impetus comes from the relative cheapness of the sol.") == 3
    assert cause_grade("The rise is due, in part, to an increase in public spending.") == 3
    assert cause_grade("Traders might read the jump as an impetus for the Fed to move faster.") == 0
    assert cause_grade("The board is due to report on Monday.") == 0


def test_steps_introduced_as_such_lead_a_list_of_steps() -> None:
    """"What steps are Pacific governments expected to take …?": a sentence of another report nearly as good that
    introduces the steps ("… take steps, such as cutting port fees …") leads over one saying more of the question's
    other words and listing none."""
    from bot.ranking import _means_introduced_first

    query = analyse("what steps are pacific governments expected to take to help a recovery after the cyclone?")
    top = _why_ranked("a:5", "The move was aimed at helping Pacific governments find money to rebuild.", 3.14, 1.0, 0.49, 0.27)
    steps = _why_ranked("b:9", "Governments are expected to take steps, such as cutting port fees and raising spending, to "
                               "speed a recovery.", 2.89, 0.5, 0.52, 0.63, story="b")
    assert _means_introduced_first(query, [top, steps])[0] is steps
    steps.score = 2.5
    assert _means_introduced_first(query, [top, steps])[0] is top


def test_a_unit_priced_per_is_no_amount_of_the_thing() -> None:
    from bot.nearmiss import thing_unmeasured

    query = analyse("How much gas does Latvia buy from Russia each year, in cubic metres?")
    assert thing_unmeasured(query, ["Russia agreed to cut the price by $2 per 1,000 cubic metres, bringing it to $58."])
    assert not thing_unmeasured(query, ["Latvia buys about 1.5bn cubic metres from Russia a year."])


def test_a_first_line_without_a_full_stop_is_the_opening() -> None:
    from bot.focus import opening_sentence

    assert opening_sentence("From our Geneva correspondent\n\nSoftware billionaire Arjun Mehta spoke. More.") == (
        "From our Geneva correspondent")
    assert opening_sentence("Kenyan lenders agreed to merge. The bank said.") == "Kenyan lenders agreed to merge."
    assert opening_sentence("") == ""


def test_whose_view_is_asked_in_an_opening_clause() -> None:
    """"According to correspondents, why might Maria Lund be keeping …?" asks a cause (the opening clause names whose
    view), and their sentence ("They say Ms Lund may be trying to calm …") leads though it scores well below the
    company's own quote."""
    from bot.answers import _speakers_view_first
    from bot.focus import analyse_focus

    question = "According to correspondents, why might Maria Lund be keeping most of Brightline's engineers?"
    query = analyse(question)
    assert analyse_focus(query, []).why
    quote = _why_ranked("a:3", '"By keeping most of Brightline’s engineers, Solvik will keep its promises," the company '
                               "said.", 3.52, 1.0, 0.74, 0.49)
    they = _why_ranked("a:5", "They say Ms Lund may be trying to calm Brightline customers.", 2.85, 1.0, 0.39, 0.0)
    assert _speakers_view_first(query, [quote, they])[0] is they
    plain = analyse("Why might correspondents think Maria Lund is keeping most of Brightline's engineers?")
    assert _speakers_view_first(plain, [quote, they])[0] is quote


def test_a_sentence_going_beyond_the_thing_set_aside_leads() -> None:
    from bot.answers import _beyond_aside_first

    query = analyse("Apart from better returns for investors, why does Tarrow think its offer beats Kelvin's?")
    top = _why_ranked("a:2", "Tarrow's chairman sent a letter to the board saying it plans to table a new offer.", 3.39,
                      1.0, 0.37, 0.13)
    beyond = _why_ranked("a:6", "As well as luring investors with better returns, Tarrow also reckons its offer will face "
                                "less scrutiny from regulators.", 3.36, 1.0, 0.70, 0.59)
    assert _beyond_aside_first(query, [top, beyond])[0] is beyond
    other = _why_ranked("a:7", "Tarrow also said it would keep the Kelvin name.", 3.36, 1.0, 0.70, 0.59)
    assert _beyond_aside_first(query, [top, other])[0] is top


def test_a_source_s_quote_going_on_answers_a_why() -> None:
    """"According to a Lyon lecturer, why are the region's workers wary of Europe?": the sentence naming the lecturer
    ("That is one reason why …, says Anne Morel, a lecturer …") gives way to his quote going on after it, saying much
    more of what is asked."""
    from bot.answers import _quote_goes_on
    from bot.focus import analyse_focus

    query = analyse("according to a lyon lecturer, why are the region's workers wary of europe?")
    focus = analyse_focus(query, [])
    named = _why_ranked("a:14", "That is one reason why people here are not fans of the EU, says Anne Morel, a lecturer "
                                "in Lyon.", 3.56, 0.75, 0.36, 0.25)
    quote = _why_ranked("a:15", '"Jobs are scarce. Workers do not see what Europe does for them," she says.', 3.29, 0.75,
                        0.82, 0.75)
    assert _quote_goes_on(query, focus, [named, quote])[0] is quote
    plain = analyse("why are the region's workers wary of europe?")
    assert _quote_goes_on(plain, analyse_focus(plain, []), [named, quote])[0] is named


def test_where_one_goes_back_to_is_after_to() -> None:
    from bot.ranking import _PLACE, _places_asked

    placed = _places_asked("Where is Anton Weiss going back to full-time after leaving Norvik?", _PLACE)
    assert placed.search("Mr Weiss said he would return full-time to the Holt group.")
    assert not placed.search("The co-head of Norvik, Anton Weiss, is to leave his post.")
