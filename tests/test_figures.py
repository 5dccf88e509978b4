"""Figures as news sites write them: hyphenated scales ("$23-million"), currency prefixes, ranges.

Sentences written for these tests; the figures go through the whole offline extractor."""

from __future__ import annotations

import pytest

from bot.facts import extract_facts
from bot.ingest import build_sentences
from bot.models import Article


def figures(body: str) -> dict[str, dict[str, object]]:
    article = Article(id="fig1", title="t", source="s", url=None, published="2025-05-01",
                      ingested_at="2025-05-02T00:00:00", content_hash="x", language="en", body=body)
    facts = extract_facts(article, build_sentences(article.id, body))
    return {f.value: f.attrs for f in facts if f.type == "figure"}


@pytest.mark.parametrize(
    ("sentence", "value", "amount", "currency"),
    [
        ("The port expansion will cost $23-million, the authority said.", "$23-million", 23e6, "USD"),
        ("Investors put US$171-million into the smelter last year.", "US$171-million", 171e6, "USD"),
        ("The grain board sold C$4.5 billion of wheat abroad.", "C$4.5 billion", 4.5e9, "CAD"),
        ("Exports of coal reached A$300m in March.", "A$300m", 300e6, "AUD"),
        ("The terminal deal is worth HK$12bn to the operator.", "HK$12bn", 12e9, "HKD"),
        ("The ministry set aside Rs 40bn for export credit.", "Rs 40bn", 40e9, "PKR"),
        ("Imports of machinery rose to €2.1bn in the quarter.", "€2.1bn", 2.1e9, "EUR"),
        ("The retailer's sales fell to £800m last year.", "£800m", 800e6, "GBP"),
        ("Japan's trade surplus reached ¥3tn in the year.", "¥3tn", 3e12, "JPY"),
        ("The insurer took a 4bn-euro charge on the loans.", "4bn-euro", 4e9, "EUR"),
        ("A 23-million-dollar loan was agreed for the railway.", "23-million-dollar", 23e6, "USD"),
        ("Officials put the investment at 1.5 trillion yen.", "1.5 trillion yen", 1.5e12, "JPY"),
        ("The lender booked a $5 mln fee and a 2 bln euro loan.", "$5 mln", 5e6, "USD"),
        ("The lender booked a $5 mln fee and a 2 bln euro loan.", "2 bln euro", 2e9, "EUR"),
    ],
)
def test_scales_and_currency_prefixes(sentence: str, value: str, amount: float, currency: str) -> None:
    found = figures(sentence)
    assert value in found, found
    assert found[value]["amount"] == amount and found[value]["currency"] == currency
    assert not any(v != value and v in value for v in found)  # no stray "$23" beside "$23-million"


@pytest.mark.parametrize(
    ("sentence", "value", "low", "high"),
    [
        ("Analysts expect profits of between £415m and £425m this year.", "between £415m and £425m", 415e6, 425e6),
        ("Damage to the port was put at $1.3 to $1.5bn by insurers.", "$1.3 to $1.5bn", 1.3e9, 1.5e9),
        ("The refinery needs $1.2bn-$1.5bn of new investment.", "$1.2bn-$1.5bn", 1.2e9, 1.5e9),
        ("Revenue of $5-6 million was expected from the fees.", "$5-6 million", 5e6, 6e6),
        ("Growth will be between 4.7% and 4.8%, the ministry said.", "between 4.7% and 4.8%", 4.7, 4.8),
    ],
)
def test_ranges_are_one_figure_with_both_ends(sentence: str, value: str, low: float, high: float) -> None:
    found = figures(sentence)
    assert value in found, found
    assert found[value]["low"] == low and found[value]["amount"] == high
    assert len(found) == 1


def test_a_change_from_one_figure_to_another_is_not_a_range() -> None:
    found = figures("Exports rose from $2bn to $3bn, and the tariff was cut 10% to 5%.")
    assert set(found) == {"$2bn", "$3bn", "10%", "5%"}
    assert all("low" not in attrs for attrs in found.values())
