"""Who said a quotation that runs on into a sentence of its own (issue 11, item 2: the first citation answers).

'"…," said Ola Brink at Kestrel Capital. "Nothing has really changed."': asked "Which Kestrel Capital
analyst said nothing had really changed?", the best match is the bare second quotation, which names
nobody; the sentence before it says who is speaking, and that one leads. Asked through `tradebrief ask
--json` on tests/fixtures/quoted-speakers/ (our own words), on every kind of store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import ask_json, store_fixture

QUOTED = ROOT / "tests" / "fixtures" / "quoted-speakers"

store = store_fixture("quoted_speakers", QUOTED)


def test_the_sentence_naming_the_speaker_leads(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "Which Kestrel Capital analyst said nothing had really changed for the krona?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "said Ola Brink at Kestrel Capital" in answer["citations"][0]["quote"], answer["answer"]
    assert any(c["quote"] == '"Nothing has really changed."' for c in answer["citations"]), answer["answer"]


def test_a_question_that_asks_no_speaker_keeps_the_quotation_first(
        store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "has anything really changed for the krona?", capsys)
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["quote"] == '"Nothing has really changed."', answer["answer"]
