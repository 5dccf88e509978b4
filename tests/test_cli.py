"""The `tradebrief` command line, run as a real process on a temporary store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_SECTORS, SEED_SECTORS_QUOTE, SEED_SOURCE
from tests.stores import child_env


def tb(*args: str, db: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = child_env(env)  # on the store under test
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", "--db", str(db), *args],
        capture_output=True, text=True, cwd=cwd or ROOT, env=environment, timeout=120,
    )


@pytest.fixture
def seeded(seeded_db: Path) -> Path:
    return seeded_db


def test_seed_question_end_to_end(seeded: Path) -> None:
    result = tb("ask", "which sectors were agreed?", db=seeded)
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # the console wraps long lines
    answer, _, sources = out.partition("Sources:")
    for sector in SEED_SECTORS:
        assert sector in answer
    assert "forestry" in answer
    assert "[1]" in answer and "[2]" in answer
    assert SEED_SECTORS_QUOTE in sources
    assert "forestry resources" in sources
    assert f"{SEED_SOURCE}, 2025-04-10" in sources


def test_ask_json_is_one_object_whose_markers_are_citations(seeded: Path) -> None:
    result = tb("ask", "--json", "which sectors were agreed?", db=seeded)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # exactly one JSON object, nothing else on stdout
    assert set(data) >= {"question", "answer", "abstained", "mode", "citations"}
    assert data["mode"] == "extractive" and data["abstained"] is False
    numbers = {c["n"] for c in data["citations"]}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])} <= numbers
    assert numbers == set(range(1, len(numbers) + 1))
    shown = tb("show", "--json", data["citations"][0]["article_id"], db=seeded)
    article = json.loads(shown.stdout)
    for c in data["citations"]:
        assert set(c) == {"n", "sentence_id", "article_id", "quote", "title", "source", "url", "published"}
        assert c["quote"] in article["body"]  # verbatim
        assert any(s["id"] == c["sentence_id"] and s["text"] == c["quote"] for s in article["sentences"])


def test_unanswerable_question_abstains_without_sources(seeded: Path) -> None:
    result = tb("ask", "--json", "What did Brazil and Japan agree on steel?", db=seeded)
    data = json.loads(result.stdout)
    assert data["abstained"] is True and data["citations"] == []
    assert "nothing in the stored articles" in data["answer"]
    off_topic = json.loads(tb("ask", "--json", "how do I bake sourdough bread?", db=seeded).stdout)
    assert off_topic["abstained"] is True and off_topic["citations"] == []


def test_listing_show_and_facts(seeded: Path) -> None:
    listing = json.loads(tb("articles", "--json", db=seeded).stdout)
    assert len(listing) == 1 and listing[0]["published"] == "2025-04-10"
    article_id = listing[0]["id"]
    text = tb("articles", db=seeded).stdout
    assert article_id in text and SEED_SOURCE[:12] in text  # the column is cut to fit
    shown = tb("show", article_id[:6], db=seeded)  # a unique prefix is enough
    assert shown.returncode == 0
    assert "  1. Minister for Commerce Jam Kamal Khan" in shown.stdout
    facts = json.loads(tb("facts", article_id, "--json", db=seeded).stdout)
    assert {"party", "sector", "person", "event"} <= {f["type"] for f in facts}
    assert all(f["sentence_ids"] and f["sentence_ids"][0].startswith(article_id) for f in facts)
    missing = tb("show", "nosuchid", db=seeded)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "No article" in missing.stderr


def test_ingest_reports_failures_and_exits_non_zero(tmp_path: Path, seed_path: Path, stores) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = tb("ingest", str(seed_path), str(empty), str(tmp_path / "absent.txt"), db=tmp_path / "db.json")
    assert result.returncode == 1
    assert result.stdout.startswith("stored ")
    assert "1 stored" in result.stdout and "2 failed" in result.stdout
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failures) == 2 and "empty file" in failures[0] and "no such file" in failures[1]
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    result = tb("articles", db=tmp_path / "db.json", env={"TRADEBRIEF_RATE_LIMIT": "lots"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TRADEBRIEF_RATE_LIMIT" in result.stderr
    tz = tb("articles", db=tmp_path / "db.json", env={"TRADEBRIEF_TIMEZONE": "Mars/Olympus"})
    assert "TRADEBRIEF_TIMEZONE" in tz.stderr and "IANA" in tz.stderr


def test_env_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_ADMIN_IDS=12,abc\n")
    result = tb("articles", db=tmp_path / "db.json", cwd=tmp_path)
    assert result.returncode == 2 and "TELEGRAM_ADMIN_IDS" in result.stderr and "'abc'" in result.stderr


@pytest.mark.tinydb_only("TRADEBRIEF_DB names the TinyDB file")
def test_db_defaults_to_env_variable(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "from-env.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEBRIEF_")}
    env["TRADEBRIEF_DB"] = str(db)
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "ingest", str(seed_path)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert db.exists()


@pytest.mark.parametrize("args, says", [
    (("ask",), "the following arguments are required: question"),
    (("articles", "--limit", "x"), "expected a whole number of 1 or more, got 'x'"),
    (("frobnicate",), "invalid choice: 'frobnicate'"),
])
def test_usage_errors_are_one_line_pointing_at_help(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    result = tb(*args, db=tmp_path / "tb.json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0] and "--help`)" in lines[0] and lines[0].startswith("tradebrief")
