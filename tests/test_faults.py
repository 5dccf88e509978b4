"""Faults the store must survive: a full disk mid-commit leaves the file intact and the bot answering."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.store import Store
from tests.conftest import ROOT

_CHILD = textwrap.dedent(
    """
    import asyncio, json, os, resource, signal, sys
    from bot.config import load_settings
    from bot.models import Asker
    from bot.service import Tradebrief
    from bot.store import Store

    db, seed, extra = sys.argv[1], sys.argv[2], sys.argv[3]
    settings = load_settings(None, db=db)
    service = Tradebrief(settings, Store(db))
    me = Asker("cli", "t", "cli")

    async def main():
        first = await service.ingestor().ingest([seed])
        size = os.path.getsize(db)
        # From here on the disk is "full": no file may grow past the current store size.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        second = await service.ingestor().ingest([extra])
        service.retriever.refresh()
        answer = await service.ask("how much cobalt will Zambia sell to Japan?", me)
        print(json.dumps({
            "first": [i.status for i in first.items],
            "second": [[i.status, i.error] for i in second.items],
            "answer": answer.text, "abstained": answer.abstained,
        }))
        await service.aclose()

    asyncio.run(main())
    """
)


@pytest.mark.tinydb_only("a file size limit on the TinyDB store's files is the full disk")
def test_full_disk_keeps_the_store_intact_and_the_bot_answering(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "store.json"
    extra = tmp_path / "cobalt.txt"
    extra.write_text(
        "Zambia agrees cobalt sales to Japan\nSource: Lusaka Metals Desk\ndate 2025-05-02\n\n"
        "Zambia agreed to sell 8,000 tonnes of cobalt a year to Japanese battery makers.\n\n"
        "The contract runs for five years and starts in January.\n"
    )
    result = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(seed_path), str(extra)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["first"] == ["stored"]
    [[status, error]] = report["second"]
    assert status == "failed"
    assert error.startswith("cannot write store") and "file size limit reached" in error
    assert "nothing was changed on disk" in error and "\n" not in error
    # still answering, from memory, about the article the disk could not take
    assert not report["abstained"] and "8,000 tonnes" in report["answer"]
    # the files on disk are the last good store: it loads and holds the first article only
    with Store(db, readonly=True) as store:
        assert len(store) == 1
    assert not list(tmp_path.rglob(".*.tmp"))  # the partial temporary file was removed
