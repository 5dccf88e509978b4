"""The offline fact extractor, on sentences written for these tests and on the seed article."""

from __future__ import annotations

import re
from pathlib import Path

from bot.facts import country_of, extract_facts, parties_in
from bot.ingest import build_sentences
from bot.models import Article, Fact, Sentence


def _article(body: str, published: str | None = "2025-04-10", article_id: str = "art1") -> Article:
    return Article(
        id=article_id,
        title="test",
        source="test",
        url=None,
        published=published,
        ingested_at="2025-04-11T00:00:00",
        content_hash="x",
        language="en",
        body=body,
    )


def _sentences(article: Article) -> list[Sentence]:
    """Split on line breaks and ". " (good enough for these texts; no dependency on the splitter)."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", article.body):
        start = line.start()
        for piece in re.split(r"(?<=\.) ", line.group()):
            if piece.strip():
                begin = article.body.index(piece, start)
                n = len(out)
                out.append(Sentence(f"{article.id}:{n}", article.id, n, piece, begin, begin + len(piece)))
                start = begin + len(piece)
    return out


def _facts(body: str, published: str | None = "2025-04-10") -> list[Fact]:
    article = _article(body, published)
    return extract_facts(article, _sentences(article))


def _of(facts: list[Fact], type_: str) -> dict[str, Fact]:
    return {f.value: f for f in facts if f.type == type_}


# ---- facts in general ----------------------------------------------------------------------


def test_ids_citations_and_merging() -> None:
    body = "Kenyan tea exports rose 4% last year. Kenya also sold more coffee to Japan."
    article = _article(body)
    sentences = _sentences(article)
    facts = extract_facts(article, sentences)
    assert [f.id for f in facts] == [f"art1:f{k}" for k in range(1, len(facts) + 1)]
    ids = {s.id for s in sentences}
    for fact in facts:
        assert fact.article_id == "art1" and fact.extractor == "offline"
        assert fact.sentence_ids and set(fact.sentence_ids) <= ids
    kenya = [f for f in facts if f.type == "party" and f.value == "Kenya"]
    assert len(kenya) == 1  # "Kenyan" and "Kenya" are one party, cited twice
    assert kenya[0].sentence_ids == ("art1:0", "art1:1")
    assert kenya[0].attrs["mentions"] == ["Kenyan", "Kenya"]


def test_empty_article_gives_no_facts() -> None:
    assert _facts("") == []


# ---- parties -------------------------------------------------------------------------------


def test_parties_from_names_demonyms_and_aliases() -> None:
    facts = _facts(
        "Pakistani exporters met Belarusian buyers while U.S. and British officials watched. "
        "The EU, Opec and the World Trade Organisation issued statements."
    )
    parties = _of(facts, "party")
    assert set(parties) == {
        "Pakistan", "Belarus", "United States", "United Kingdom", "European Union", "OPEC",
        "World Trade Organization",
    }
    assert parties["United States"].attrs == {"kind": "country", "mentions": ["U.S."]}
    assert parties["European Union"].attrs["kind"] == "bloc"
    assert parties["OPEC"].attrs["kind"] == "organisation"


def test_words_that_only_look_like_parties() -> None:
    facts = _facts(
        "She packed the china plates and a roast turkey for us. "
        "Jordan said he would leave the team. "
        "Michael Jordan and Chad Hurley were at the launch in Atlanta, Georgia. "
        "Latin American markets and New Mexico were calm."
    )
    assert _of(facts, "party") == {}


def test_ambiguous_country_names_in_context() -> None:
    parties = _of(_facts("Turkey and Jordan signed a customs pact with Georgia."), "party")
    assert set(parties) == {"Turkey", "Jordan", "Georgia"}


def test_country_of() -> None:
    assert country_of("Pakistani") == "Pakistan"
    assert country_of("belarusian") == "Belarus"
    assert country_of("U.S.") == "United States"
    assert country_of("US") == "United States"
    assert country_of("us") is None
    assert country_of("Britain's") == "United Kingdom"
    assert country_of("Opec") == "OPEC"
    assert country_of("Narnia") is None


def test_parties_in_questions() -> None:
    assert parties_in("what did pakistan and belarus agree?") == ["Pakistan", "Belarus"]
    assert parties_in("Any news on US and uk tariffs?") == ["United States", "United Kingdom"]
    assert parties_in("can you tell us about it") == []
    assert parties_in("chinese steel and the eu") == ["China", "European Union"]


# ---- sectors -------------------------------------------------------------------------------


def test_enumeration_shares_the_head_noun() -> None:
    sectors = _of(
        _facts(
            "The two sides listed key areas for cooperation including lorry, coach, and trailer "
            "manufacturing, as well as the manufacturing of fishing boats and technological "
            "advancement in agriculture."
        ),
        "sector",
    )
    assert {"lorry manufacturing", "coach manufacturing", "trailer manufacturing"} <= set(sectors)
    assert sectors["fishing boats"].attrs["phrase"] == "manufacturing of fishing boats"
    assert sectors["agricultural technology"].attrs["phrase"] == "technological advancement in agriculture"
    assert all(f.attrs["status"] == "identified" for f in sectors.values())
    assert "manufacturing" not in sectors and "lorry" not in sectors


def test_sectors_such_as_without_oxford_comma() -> None:
    sectors = _of(_facts("Investors were drawn to sectors such as textiles, tourism and IT."), "sector")
    assert set(sectors) == {"textiles", "tourism", "information technology"}


def test_interest_names_who_is_interested() -> None:
    sectors = _of(_facts("Kenya is keen on importing Indian pharmaceuticals and dairy machinery."), "sector")
    assert set(sectors) == {"pharmaceuticals", "dairy machinery"}
    for fact in sectors.values():
        assert fact.attrs["interest"] is True
        assert fact.attrs["status"] == "interest"
        assert fact.attrs["by"] == "Kenya"


def test_agreed_sector_and_sector_nouns_in_context() -> None:
    sectors = _of(_facts("The deal signed on Monday covers cooperation in shipbuilding."), "sector")
    assert sectors["shipping"].attrs["status"] == "agreed"
    sectors = _of(_facts("Profits in the steel industry fell as exports of cotton slowed."), "sector")
    assert set(sectors) == {"steel", "cotton"}


def test_no_sectors_from_verbs_or_everyday_words() -> None:
    facts = _facts(
        "Interest rates rose again. We are focusing on sectors that can create jobs, teach new "
        "skills, and ensure growth. He ate some food and drank oil-free dressing."
    )
    assert _of(facts, "sector") == {}


# ---- events --------------------------------------------------------------------------------


def test_event_counts_names_and_stages() -> None:
    events = _of(
        _facts(
            "Officials recalled the hosting of two Joint Trade Committee (JTC) sessions and four "
            "consecutive business-to-business (B2B) engagements. "
            "The ministers signed three memoranda of understanding. "
            "A ministerial summit is planned for June."
        ),
        "event",
    )
    jtc = events["Joint Trade Committee (JTC) sessions"]
    assert jtc.attrs == {
        "kind": "session", "stage": "held", "count": 2, "name": "Joint Trade Committee", "acronym": "JTC",
    }
    b2b = events["business-to-business (B2B) engagements"]
    assert b2b.attrs["count"] == 4 and b2b.attrs["kind"] == "b2b"
    mou = events["memoranda of understanding"]
    assert mou.attrs["kind"] == "mou" and mou.attrs["count"] == 3 and mou.attrs["stage"] == "signed"
    assert events["ministerial summit"].attrs["stage"] == "planned"


def test_event_words_used_as_verbs_are_not_events() -> None:
    facts = _facts(
        "He talks to reporters every day. The firm is meeting targets. "
        "We plan to visit the factory. The bank will deal with the losses."
    )
    assert _of(facts, "event") == {}


def test_visit_keeps_its_destination() -> None:
    events = _of(_facts("The state visit to Kazakhstan is expected next month."), "event")
    visit = events["state visit to Kazakhstan"]
    assert visit.attrs["to"] == "Kazakhstan" and visit.attrs["stage"] == "planned"


# ---- people --------------------------------------------------------------------------------


def test_roles_before_and_after_names() -> None:
    people = _of(
        _facts(
            "Minister for Trade Amina Diallo opened the fair. "
            "The merger was backed by chairman and chief executive Tomas Brandt. "
            "Lucia Ferrer, the central bank governor, said rates would hold. "
            "Mr Brandt said the price was fair."
        ),
        "person",
    )
    assert people["Amina Diallo"].attrs["role"] == "Minister for Trade"
    assert people["Tomas Brandt"].attrs["role"] == "chairman and chief executive"
    assert people["Tomas Brandt"].sentence_ids == ("art1:1", "art1:3")  # "Mr Brandt" is the same man
    assert people["Lucia Ferrer"].attrs["role"] == "central bank governor"
    assert "Brandt" not in people


def test_role_without_a_name() -> None:
    people = _of(_facts("The President of Kenya will travel to Ghana."), "person")
    assert people == {
        "President of Kenya": people["President of Kenya"],
    }
    assert people["President of Kenya"].attrs == {
        "role": "President of Kenya", "role_only": True, "party": "Kenya",
    }


def test_honorific_alone_and_no_people_from_plain_capitals() -> None:
    people = _of(_facts("Mr Okafor rejected the offer. Jordan said no. Time Warner said yes."), "person")
    assert set(people) == {"Okafor"}
    assert people["Okafor"].attrs == {"title": "Mr"}


# ---- figures -------------------------------------------------------------------------------


def test_money_percentages_and_measures() -> None:
    figures = _of(
        _facts(
            "Quarterly profits at the brewer jumped 12% to $2.4bn (£1.3bn). "
            "Exports fell 3.5 per cent to €3bn."
        ),
        "figure",
    )
    pct = figures["12%"].attrs
    assert pct["unit"] == "%" and pct["amount"] == 12.0 and pct["currency"] is None
    assert pct["measure"] == "quarterly profits" and pct["change"] == "rise"
    usd = figures["$2.4bn"].attrs
    assert usd["amount"] == 2.4e9 and usd["currency"] == "USD" and usd["measure"] == "quarterly profits"
    gbp = figures["£1.3bn"].attrs
    assert gbp["amount"] == 1.3e9 and gbp["currency"] == "GBP" and gbp["measure"] == "quarterly profits"
    assert figures["3.5 per cent"].attrs["measure"] == "exports"
    assert figures["3.5 per cent"].attrs["change"] == "fall"
    assert figures["€3bn"].attrs["currency"] == "EUR" and figures["€3bn"].attrs["amount"] == 3e9


def test_rupees_volumes_and_subscribers() -> None:
    figures = _of(
        _facts(
            "Pakistan set aside Rs 50 billion for farm credit. "
            "The mill shipped 1.2 million tonnes of sugar and lost 464,000 subscribers."
        ),
        "figure",
    )
    assert figures["Rs 50 billion"].attrs["currency"] == "PKR"
    assert figures["Rs 50 billion"].attrs["amount"] == 5e10
    assert figures["1.2 million tonnes"].attrs["unit"] == "tonnes"
    assert figures["1.2 million tonnes"].attrs["amount"] == 1.2e6
    assert figures["464,000 subscribers"].attrs["amount"] == 464000.0
    assert figures["464,000 subscribers"].attrs["change"] == "fall"


def test_bare_numbers_are_not_figures() -> None:
    facts = _facts("The 2004 report had 12 chapters and 300 pages, said the 3 authors.")
    assert _of(facts, "figure") == {}


# ---- dates ---------------------------------------------------------------------------------


def test_dates_resolved_against_publication() -> None:
    dates = _of(
        _facts(
            "Talks held this February built on a deal from April 10, 2025. "
            "Output fell last year and in the fourth quarter. "
            "Exports peaked in December, during the last six months, and on Thursday."
        ),
        "date",
    )
    assert dates["this February"].attrs["iso"] == "2025-02"
    assert dates["April 10, 2025"].attrs["iso"] == "2025-04-10"
    assert dates["last year"].attrs["iso"] == "2024"
    assert dates["fourth quarter"].attrs["quarter"] == 4
    assert dates["December"].attrs["iso"] == "2024-12"  # the latest December before April 2025
    assert dates["last six months"].attrs["period"] is True
    assert not any("Thursday" in value for value in dates)


def test_dates_without_publication_date() -> None:
    dates = _of(_facts("Sales rose in 2005 and this year.", published=None), "date")
    assert dates["2005"].attrs["iso"] == "2005"
    assert dates["this year"].attrs["iso"] is None


# ---- the seed article ----------------------------------------------------------------------


def test_seed_article(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    article = _article(text, "2025-04-10", article_id="seed")
    sentences = _sentences(article)
    facts = extract_facts(article, sentences)
    by_id = {s.id: s.text for s in sentences}
    for fact in facts:  # every fact rests on sentences of this article
        assert fact.sentence_ids and all(sid in by_id for sid in fact.sentence_ids)

    sectors = _of(facts, "sector")
    seed_sectors = ("bus production", "truck production", "tractor production", "manned dumpers")
    for value in (*seed_sectors, "agricultural technology"):
        assert value in sectors, value
        assert sectors[value].attrs["status"] == "identified"
    assert sectors["agricultural technology"].attrs["phrase"] == "technological advancement in agriculture"
    forestry = sectors["forestry"].attrs
    assert forestry["interest"] is True and forestry["by"] == "Pakistan" and forestry["status"] == "interest"

    events = _of(facts, "event")
    jmc = events["Joint Ministerial Commission (JMC) sessions"]
    assert jmc.attrs["count"] == 2 and jmc.attrs["stage"] == "held"
    assert "Joint Ministerial Commission (JMC) sessions" in by_id[jmc.sentence_ids[0]]
    b2b = events["business-to-business (B2B) engagements"]
    assert b2b.attrs["count"] == 3 and b2b.attrs["kind"] == "b2b"

    people = _of(facts, "person")
    assert people["Jam Kamal Khan"].attrs["role"] == "Minister for Commerce"

    assert {"Pakistan", "Belarus"} <= set(_of(facts, "party"))
    assert _of(facts, "date")["this February"].attrs["iso"] == "2025-02"


def test_bare_items_take_the_head_of_the_next_compound_item() -> None:
    text = "The two sides chose sectors such as bus, truck and tractor production, dumper manufacturing and farm technology."
    article = Article("x1", "t", "s", None, "2025-01-01", "2025-01-01T00:00:00", "h", "en", text)
    values = [f.value for f in extract_facts(article, build_sentences("x1", text)) if f.type == "sector"]
    assert values[:4] == ["bus production", "truck production", "tractor production", "dumper manufacturing"]


# ---- second release: appositive names, counted rounds, lists before their cue -------------------


def test_title_then_name_between_commas() -> None:
    people = _of(
        _facts(
            "Kenya's Minister for Trade, Amani Wekesa, opened the fair on Monday. "
            "The bank's chief economist, Clara Voss, expects rates to hold. "
            "The minister, for his part, stayed silent."
        ),
        "person",
    )
    assert people["Amani Wekesa"].attrs["role"] == "Kenya's Minister for Trade"
    assert people["Clara Voss"].attrs["role"] == "bank's chief economist"
    assert set(people) == {"Amani Wekesa", "Clara Voss"}


def test_title_at_a_body_then_name_between_commas() -> None:
    # what the holder works at or for stands between the title and the name; a lawyer is a title too
    people = _of(
        _facts(
            "An analyst at Vardo Securities, Mirela Kost, called the bid cheap. "
            "A lawyer for the growers, Tomas Orrin, said the case would go on. "
            "On Friday defence lawyer Peter Quill asked for more time. "
            "A spokesman for the firm, which makes paint, said nothing."
        ),
        "person",
    )
    assert people["Mirela Kost"].attrs["role"] == "analyst at Vardo Securities"
    assert people["Tomas Orrin"].attrs["role"] == "lawyer for the growers"
    assert people["Peter Quill"].attrs["role"] == "defence lawyer"
    assert set(people) == {"Mirela Kost", "Tomas Orrin", "Peter Quill"}  # (not "which makes paint")


def test_what_a_firm_earned_is_its_profit() -> None:
    # the figure after "earned" measures a profit, not the sales named after it
    figures = [f for f in _facts("For 2004 as a whole, the firm earned $41.2m on sales of $310m.") if f.type == "figure"]
    assert [(f.value, f.attrs["measure"]) for f in figures] == [("$41.2m", "profit"), ("$310m", "sales")]


def test_name_after_said_with_or_without_a_role() -> None:
    people = _of(
        _facts(
            '"Prices will climb," said Tobias Renner. '
            "Costs rose, said Ilse Marsh, an analyst at Northgate Capital. "
            "Demand is weak, says Professor Odile Brun. "
            "Margins fell, said Meridian Brothers."
        ),
        "person",
    )
    assert set(people) == {"Tobias Renner", "Ilse Marsh", "Odile Brun"}
    assert people["Tobias Renner"].attrs == {}
    assert people["Ilse Marsh"].attrs == {"role": "analyst at Northgate Capital"}
    assert people["Odile Brun"].attrs == {"title": "Professor"}


def test_counted_rounds_of_talks() -> None:
    events = _of(
        _facts(
            "Firms from both countries have met in four rounds of business-to-business talks this year. "
            "Two rounds of trade talks are planned for the spring."
        ),
        "event",
    )
    b2b = events["business-to-business talks"].attrs
    assert b2b == {"kind": "b2b", "stage": "held", "count": 4}
    trade = events["trade talks"].attrs
    assert trade["kind"] == "talks" and trade["count"] == 2 and trade["stage"] == "planned"


def test_sectors_listed_before_their_cue() -> None:
    sectors = _of(
        _facts(
            "The delegations identified ceramics, boat building and solar pumps as priority areas for "
            "cooperation."
        ),
        "sector",
    )
    assert set(sectors) == {"ceramics", "boat building", "solar pumps"}
    assert all(f.attrs["status"] == "identified" for f in sectors.values())
    assert _of(_facts("Analysts identified the rise in prices as a risk for the year."), "sector") == {}


def test_plural_items_in_an_agreed_list_of_cooperation() -> None:
    sectors = _of(
        _facts("The ministers agreed on cooperation in harvesters, rail wagons and manned dumpers."), "sector"
    )
    assert set(sectors) == {"harvesters", "rail wagons", "manned dumpers"}
    assert all(f.attrs["status"] == "agreed" for f in sectors.values())
    facts = _facts(
        "The finance ministers agreed closer cooperation on exchange rates and trade barriers. "
        "The firms may cooperate on tractors."
    )
    assert _of(facts, "sector") == {}


def test_sector_words_share_the_head_noun_of_their_list() -> None:
    sectors = _of(_facts("Orders for steel, glass and cement production fell in May."), "sector")
    assert set(sectors) == {"steel", "glass production", "cement"}
    assert sectors["glass production"].attrs == {"status": "mentioned", "phrase": "glass production"}
    assert set(_of(_facts("Shares in steel and its production fell."), "sector")) == {"steel"}


def test_sample_brief_names_the_minister_and_counts_the_b2b_rounds() -> None:
    samples = Path(__file__).resolve().parents[1] / "bot" / "samples"
    text = (samples / "pakistan-belarus-industrial-cooperation.txt").read_text(encoding="utf-8")
    article = _article(text)
    facts = extract_facts(article, build_sentences(article.id, text))
    assert _of(facts, "person")["Jam Kamal Khan"].attrs["role"] == "Pakistan's Minister for Commerce"
    b2b = [f for f in _of(facts, "event").values() if f.attrs["kind"] == "b2b"]
    assert [f.attrs["count"] for f in b2b] == [3]
    sectors = _of(facts, "sector")
    assert {"bus production", "tractor production", "manned dumper manufacturing"} <= set(sectors)
