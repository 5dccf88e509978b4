"""The store: atomic writes, survival under SIGKILL, one writer, batched commits."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot.errors import StoreError, StoreLocked
from bot.ingest import build_sentences, content_hash
from bot.models import Article, Fact
from bot.storage import AtomicJSONStorage
from bot.store import Store

pytestmark = pytest.mark.tinydb_only("the TinyDB store's file itself: atomic writes, SIGKILL, the writer lock, batched writes")


def stored_on_disk(path: Path) -> int:
    """How many articles another process opening the store would find."""
    with Store(path, readonly=True) as store:
        return len(store)


def _article(n: int, body: str | None = None) -> Article:
    body = body or f"Exports of product {n} rose by {n}% last year. Officials said demand was strong."
    digest = content_hash(body)
    return Article(
        id=digest[:10], title=f"Story {n}", source="Test wire", url=f"https://example.org/{n}",
        published="2025-01-02", ingested_at="2025-01-02T00:00:00+00:00", content_hash=digest,
        language="en", body=body,
    )


def test_articles_sentences_and_facts_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    article = _article(1)
    sentences = build_sentences(article.id, article.body)
    fact = Fact(f"{article.id}:f1", article.id, "figure", "1%", (sentences[0].id,), {"unit": "%"})
    with Store(path) as store:
        store.add_article(article, sentences, [fact])
        store.commit()
    with Store(path, readonly=True) as store:
        assert store.article(article.id) == article
        assert [s.text for s in store.sentences(article.id)] == [
            "Exports of product 1 rose by 1% last year.",
            "Officials said demand was strong.",
        ]
        assert store.sentence(f"{article.id}:2").start == article.body.index("Officials")
        assert store.facts(article.id) == [fact]
        assert store.find_article(url="https://example.org/1") == article.id
    [segment] = (tmp_path / "db.json.segments").glob("*.json")  # the corpus: a TinyDB segment file
    assert set(json.loads(segment.read_text())) == {"articles", "sentences", "facts"}


def test_nothing_reaches_disk_before_commit(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = Store(path)
    store.add_article(_article(1), build_sentences(_article(1).id, _article(1).body))
    assert not path.exists() and not (tmp_path / "db.json.segments").exists()
    store.commit()
    assert stored_on_disk(path) == 1
    store.close()


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"articles": {"1": {"id": "a"}}})
    before = path.read_bytes()
    # The temporary file cannot be created (a directory sits at its name): the write must fail
    # cleanly, as it would on a full or read-only disk, and leave the store as it was.
    (tmp_path / f".db.json.{os.getpid()}.tmp").mkdir()
    with pytest.raises(StoreError, match="nothing was changed on disk"):
        storage.write({"articles": {}})
    assert path.read_bytes() == before


def test_unreadable_store_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"articles": {"1": ')
    with pytest.raises(StoreError, match="not valid JSON"):
        Store(path, readonly=True)


def test_second_writer_gets_a_clear_lock_error(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    code = textwrap.dedent(
        f"""
        import sys, time
        from bot.store import Store
        s = Store({str(path)!r})
        print("locked", flush=True)
        time.sleep(30)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLocked, match=rf"another process \(pid {holder.pid}\)"):
            Store(path)
        Store(path, readonly=True).close()  # readers are never blocked
    finally:
        holder.kill()
        holder.wait()
    Store(path).close()  # the lock dies with its process


_CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from bot.store import Store
    from bot.ingest import Ingestor
    store = Store(sys.argv[1])
    def report(item):
        if item.status == "stored":
            print("OK", item.article_id, flush=True)
    ingestor = Ingestor(store, on_item=report, batch_size=1)
    asyncio.run(ingestor.ingest(sys.argv[2:]))
    store.close()
    """
)


def test_store_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    """Kill an ingesting process over and over: the store always loads with every reported article."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    filler = " ".join(f"Trade volume item {i} grew steadily." for i in range(300))
    files = []
    for n in range(400):
        f = inputs / f"{n:03}.txt"
        f.write_text(f"Brief number {n}\n\nPartner {n} signed a supply deal worth ${n}m. {filler}\n")
        files.append(str(f))
    path = tmp_path / "db.json"
    rng = random.Random(7)
    reported: set[str] = set()
    kills = 0
    for _round in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), *files], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # ingest is under way: now kill at a random moment
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        out = first + out
        kills += child.returncode == -signal.SIGKILL
        complete = out.split("\n")[:-1]  # (a kill may cut the last line short: only whole lines are reports)
        reported |= {line.split()[1] for line in complete if line.startswith("OK ")}
        with Store(path, readonly=True) as store:  # always loads
            stored = {a.id for a in store.articles()}
            missing = reported - stored
            assert not missing, f"reported but lost after kill: {sorted(missing)[:5]}"
            for article_id in stored:
                assert store.sentences(article_id), "article stored without its sentences"
    assert kills >= 8, "the child finished before it could be killed; the test proved nothing"
    assert len(reported) >= 12  # every round stored at least one article before its kill


def test_batch_writes_the_file_once_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = Store(path)
    first = _article(0)
    store.add_article(first, build_sentences(first.id, first.body))
    store.commit()
    inode = path.stat().st_ino
    with store.batch():
        for n in range(1, 300):
            a = _article(n)
            store.add_article(a, build_sentences(a.id, a.body))
        assert path.stat().st_ino == inode  # untouched while the batch is open
        assert stored_on_disk(path) == 1
    assert path.stat().st_ino != inode  # replaced atomically, once
    with Store(path, readonly=True) as reread:
        assert len(reread) == 300
    store.close()
