"""The storage port: every implementation keeps the same promises (run once per store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ingest import build_sentences, content_hash
from bot.models import Article, Fact
from bot.storage_port import StoragePort, open_store
from bot.store import Store


def _article(n: int) -> Article:
    body = f"Harbour {n} shipped {n * 3} crates of tea. The port authority called it a record week."
    digest = content_hash(body)
    return Article(id=digest[:10], title=f"Harbour {n}", source="Port wire", url=f"https://example.net/h/{n}",
                   published=f"2025-03-{n:02d}", ingested_at="2025-03-30T00:00:00+00:00",
                   content_hash=digest, language="en", body=body)


@pytest.fixture
def reopen(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    """A function (readonly=False) -> a fresh handle on the same store (the store under test, on
    an empty database from template0 for PostgreSQL: the migrations run); closed at the end."""
    opened: list[StoragePort] = []
    location: str | Path = tmp_path / "db.json"
    if store_kind == "postgresql":
        location = request.getfixturevalue("pg_url")

    def _open(readonly: bool = False) -> StoragePort:
        for store in opened:
            if not store.readonly:
                store.close()
        store = open_store(location, readonly=readonly)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.mark.tinydb_only("the PostgreSQL store's own check is in tests/test_pg_store.py")
def test_the_tinydb_store_implements_the_port(tmp_path: Path) -> None:
    with Store(tmp_path / "db.json") as store:
        assert isinstance(store, StoragePort)


def test_corpus_round_trip_through_the_port(reopen) -> None:  # type: ignore[no-untyped-def]
    store = reopen()
    first, second = _article(1), _article(2)
    sentences = build_sentences(first.id, first.body)
    fact = Fact(f"{first.id}:f1", first.id, "figure", "3 crates", (sentences[0].id,), {"unit": "crates"})
    store.add_article(first, sentences, [fact])
    store.add_article(second, build_sentences(second.id, second.body))
    assert not store.on_disk(first.id)
    store.commit()
    assert store.on_disk(first.id) and store.persisted_count == 2
    store = reopen(readonly=True)
    assert len(store) == 2
    assert [a.id for a in store.articles()] == [second.id, first.id]  # newest first
    assert store.article(first.id) == first
    assert store.find_article(url=second.url) == second.id
    assert store.find_article(content_hash=first.content_hash) == first.id
    assert store.resolve_article_id(first.id[:6]) == first.id
    text = store.sentence(f"{first.id}:2").text  # type: ignore[union-attr]
    assert text == "The port authority called it a record week." and text in first.body
    assert store.sentence_counts() == {first.id: 2, second.id: 2} and store.sentence_count() == 4
    assert store.sentence_texts([f"{second.id}:1"]) == [f"Harbour 2 shipped 6 crates of tea."]
    assert store.facts(first.id) == [fact] and store.facts() == [fact] and store.fact_count() == 1
    assert '"value":"3 crates"' in "".join(store.fact_json(first.id))
    assert store.overview().articles == 2 and store.overview().sources == ("Port wire",)


def test_small_tables_are_written_on_commit_and_read_back(reopen) -> None:  # type: ignore[no-untyped-def]
    store = reopen()
    store.put_feed({"url": "https://example.net/feed.xml", "added_at": "2025-01-01T00:00:00+00:00"})
    store.put_feed({"url": "https://example.net/other.xml", "added_at": "2025-01-02T00:00:00+00:00"})
    store.put_feed({"url": "https://example.net/feed.xml", "added_at": "2025-01-01T00:00:00+00:00",
                    "etag": "x1"})  # an upsert, not a second row
    assert store.remove_feed("https://example.net/other.xml") and not store.remove_feed("https://nowhere.example")
    store.put_subscription({"id": "telegram:-5", "platform": "telegram", "active": True})
    for day, status in (("2025-01-01", "sent"), ("2025-01-02", "sending"), ("2025-01-03", "sent")):
        store.put_sent_record({"key": f"telegram:-5|{day}", "subscription_id": "telegram:-5", "date": day,
                               "status": status})
    assert store.bump_counter("llm_calls|2025-01-03") == 1
    assert store.bump_counter("llm_calls|2025-01-03", 4) == 5
    store.commit()

    store = reopen()
    assert store.feeds() == [{"url": "https://example.net/feed.xml", "added_at": "2025-01-01T00:00:00+00:00",
                              "etag": "x1"}]
    assert store.feed("https://example.net/feed.xml")["etag"] == "x1"  # type: ignore[index]
    assert store.feed("https://example.net/other.xml") is None
    assert store.subscription("telegram:-5")["active"] is True  # type: ignore[index]
    assert [s["id"] for s in store.subscriptions()] == ["telegram:-5"]
    assert store.sent_record("telegram:-5|2025-01-02")["status"] == "sending"  # type: ignore[index]
    assert sorted(r["date"] for r in store.sent_records("sent")) == ["2025-01-01", "2025-01-03"]
    assert store.counter("llm_calls|2025-01-03") == 5 and store.counter("llm_calls|2025-01-04") == 0
    assert store.prune_sent_records("2025-01-03") == 2
    store.commit()
    assert [r["date"] for r in reopen(readonly=True).sent_records()] == ["2025-01-03"]


def test_a_sent_record_is_claimed_once_unless_it_failed(reopen) -> None:  # type: ignore[no-untyped-def]
    store = reopen()
    doc = {"key": "slack:C9|2025-02-01", "subscription_id": "slack:C9", "date": "2025-02-01", "status": "sending"}
    assert store.claim_sent_record(doc) is True
    assert store.claim_sent_record({**doc, "attempts": 2}) is False
    store.commit()
    store = reopen()
    assert store.sent_record(doc["key"]) == doc
    store.put_sent_record({**doc, "status": "failed"})
    assert store.claim_sent_record({**doc, "attempts": 2}) is True  # a failed digest may be tried again
    assert not store.claim_sent_record(doc, retry_from=())
    store.commit()
    assert reopen(readonly=True).sent_record(doc["key"])["attempts"] == 2  # type: ignore[index]
