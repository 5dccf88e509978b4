"""A why-question is answered by the sentence giving the cause, in the ways news writes one. A purpose
counts: "the cuts are needed to pay for new presses" says why jobs go. Asked through `tradebrief ask --json`
on tests/fixtures/causes/ (issue 11: the first citation answers the question asked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.stores import KINDS, ask_json, ingested_store

CAUSES = ROOT / "tests" / "fixtures" / "causes"


@pytest.fixture(scope="module", params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    yield from ingested_store(request, tmp_path_factory, "causes", [str(CAUSES)])


def test_a_purpose_answers_why(store: str | Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = ask_json(store, "why is the harlow gazette axing reporters", capsys)
    assert not answer["abstained"], answer["answer"]
    assert "needed to pay for" in answer["citations"][0]["quote"], answer["answer"]
