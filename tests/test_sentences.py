"""Sentence splitting on the hard parts of news text (cases written for these tests)."""

from __future__ import annotations

import pytest

from bot.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr Okafor met Dr. Lindqvist in Oslo. They discussed fish quotas.",
            ["Mr Okafor met Dr. Lindqvist in Oslo.", "They discussed fish quotas."],
        ),
        (
            "Shipments rose 3.5% to $155.2bn in the year. Imports fell to £4.1bn.",
            ["Shipments rose 3.5% to $155.2bn in the year.", "Imports fell to £4.1bn."],
        ),
        (
            "The U.S. trade gap narrowed. Analysts had expected the opposite.",
            ["The U.S. trade gap narrowed.", "Analysts had expected the opposite."],
        ),
        (
            "Talks moved to the U.S. The next round is in Geneva.",
            ["Talks moved to the U.S.", "The next round is in Geneva."],
        ),
        (
            "The deal was signed on Apr. 10 at No. 10 Downing Street. It takes effect in May.",
            ["The deal was signed on Apr. 10 at No. 10 Downing Street.", "It takes effect in May."],
        ),
        (
            "Steel is sold by Acme Corp. and its rivals. Prices are flat.",
            ["Steel is sold by Acme Corp. and its rivals.", "Prices are flat."],
        ),
        (
            "The firm was bought by Zenith Ltd. The price was not disclosed.",
            ["The firm was bought by Zenith Ltd.", "The price was not disclosed."],
        ),
        (
            "J. R. Mwangi chairs the board. He took over in 2021.",
            ["J. R. Mwangi chairs the board.", "He took over in 2021."],
        ),
        (
            "“Orders are up. Margins are not,” the chief executive said. Shares fell.",
            ["“Orders are up. Margins are not,” the chief executive said.", "Shares fell."],
        ),
        (
            '"Is the quota fair?" he asked. Nobody answered.',
            ['"Is the quota fair?" he asked.', "Nobody answered."],
        ),
        (
            "Exports hit a record!\u00a0Officials celebrated.",
            ["Exports hit a record!", "Officials celebrated."],
        ),
        (
            "Growth was 2.1 per cent, e.g. in services. Manufacturing shrank.",
            ["Growth was 2.1 per cent, e.g. in services.", "Manufacturing shrank."],
        ),
    ],
)
def test_tricky_boundaries(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_headings_and_bylines_are_their_own_sentences() -> None:
    text = "Trade ministers meet in Nairobi\nBy Amina Yusuf\nThe meeting opens on Monday. It lasts two days."
    assert split_sentences(text) == [
        "Trade ministers meet in Nairobi",
        "By Amina Yusuf",
        "The meeting opens on Monday.",
        "It lasts two days.",
    ]


def test_spans_are_offsets_into_the_text() -> None:
    text = "  First line here.  Second one.\n\n  Third after a gap.  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First line here.", "Second one.", "Third after a gap."]


def test_an_unclosed_or_very_long_quotation_does_not_swallow_the_line() -> None:
    assert split_sentences("He said “prices will rise. They did.") == ["He said “prices will rise.", "They did."]
    long_quote = "“" + " ".join(f"Clause {i} ends here." for i in range(60)) + "” she said."
    assert len(split_sentences(long_quote)) > 1


def test_lines_without_letters_or_digits_are_dropped() -> None:
    assert split_sentences("***\n---\nReal text.") == ["Real text."]
