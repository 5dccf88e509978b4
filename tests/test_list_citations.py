"""A list answer shows which sentence each item rests on: the product's own example, on the sample briefs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adapters.cli import main
from tests.conftest import ROOT
from tests.stores import Stores


def test_each_listed_group_carries_the_marker_of_its_own_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], stores: Stores) -> None:
    db = tmp_path / "store.json"
    assert main(["--env-file", "/nonexistent/.env", "--db", str(db), "ingest",
                 *map(str, sorted((ROOT / "bot" / "samples").glob("*.txt")))]) == 0
    capsys.readouterr()
    assert main(["--env-file", "/nonexistent/.env", "--db", str(db), "ask", "--json", "which sectors were agreed?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    first_line = answer["answer"].splitlines()[0]
    quotes = {c["n"]: c["quote"].lower() for c in answer["citations"]}
    # "…, manned dumper manufacturing and agricultural technology [1]; forestry (an interest) [2]."
    groups = re.findall(r"([^;:\[\]]+?)\s*\[(\d+)\]", first_line)
    assert len(groups) >= 2, first_line
    for text, n in groups:
        quote = quotes[int(n)]
        words = [w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in ("production", "interest")]
        assert any(w[:5] in quote for w in words), (text, n, quote)
    bus = next(n for text, n in groups if "bus" in text)
    forestry = next(n for text, n in groups if "forestry" in text)
    assert bus != forestry
    assert "[1][2]" not in answer["answer"]
