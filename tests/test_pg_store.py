"""The PostgreSQL store beyond the port's conformance tests: migrations, workers sharing one
database (each sees the others' commits, counters and digest claims are atomic), clear errors."""

from __future__ import annotations

import threading

import psycopg
import pytest

from bot.errors import StoreError
from bot.ingest import build_sentences, content_hash
from bot.models import Article
from bot.pg import migrations
from bot.pg.store import PgStore
from bot.storage_port import StoragePort, open_store


def _article(n: int) -> Article:
    body = f"Depot {n} loaded {n * 7} pallets of rice. Inspectors cleared the shipment on day {n}."
    digest = content_hash(body)
    return Article(id=digest[:10], title=f"Depot {n}", source="Rail desk", url=f"https://example.org/d/{n}",
                   published=f"2025-05-{n:02d}", ingested_at="2025-05-30T00:00:00+00:00",
                   content_hash=digest, language="en", body=body)


def test_open_store_takes_a_url_and_migrates_once(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PgStore) and isinstance(store, StoragePort)
    with PgStore(pg_url):  # a second start applies nothing again
        pass
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert rows == [(v, name) for v, name, _ in migrations()]
    assert {"articles", "sentences", "fact_sets", "feeds", "subscriptions", "digests_sent", "counters"} <= tables


def test_a_read_only_handle_needs_a_migrated_database(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    url = pg_cluster.database()
    with pytest.raises(StoreError, match="no current Tradebrief schema"):
        PgStore(url, readonly=True)
    PgStore(url).close()
    with PgStore(url, readonly=True) as reader, pytest.raises(StoreError, match="read-only"):
        reader.put_feed({"url": "https://example.org/feed"})


def test_an_unreachable_server_is_one_clear_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError) as info:
        PgStore(f"postgresql://nobody@/tradebrief?host={tmp_path}&connect_timeout=1", pool_size=2)
    message = str(info.value)
    assert message.startswith("cannot connect to the database postgresql://nobody@/tradebrief")
    assert "\n" not in message.strip()


def test_the_password_never_appears_in_errors() -> None:
    with pytest.raises(StoreError) as info:
        PgStore("postgresql://bot:hunter22@127.0.0.1:1/tradebrief?connect_timeout=1", pool_size=2)
    assert "hunter22" not in str(info.value)


def test_workers_see_each_others_commits(pg_url: str) -> None:
    first, second = PgStore(pg_url), PgStore(pg_url)
    try:
        before = second.revision
        article = _article(1)
        first.add_article(article, build_sentences(article.id, article.body))
        assert first.article(article.id) == article and second.article(article.id) is None  # staged, not shared
        first.commit()
        assert second._db_version(fresh=True) and second.revision > before
        assert second.article(article.id) == article and second.on_disk(article.id)
        assert second.sentence_texts([f"{article.id}:2"]) == [f"Inspectors cleared the shipment on day 1."]
        with pytest.raises(StoreError, match="already stored"):
            second.add_article(article, build_sentences(article.id, article.body))
    finally:
        first.close()
        second.close()


def test_the_same_article_committed_by_two_workers_is_stored_once(pg_url: str) -> None:
    first, second = PgStore(pg_url), PgStore(pg_url)
    try:
        article = _article(2)
        for store in (first, second):
            store.add_article(article, build_sentences(article.id, article.body))
        first.commit()
        second.commit()  # the other worker got there first: no error, no second copy
        assert second.sentence_counts() == {article.id: 2} and len(second) == 1
    finally:
        first.close()
        second.close()


def test_counters_are_atomic_across_workers(pg_url: str) -> None:
    stores = [PgStore(pg_url) for _ in range(2)]
    try:
        def bump(store: PgStore) -> None:
            for _ in range(50):
                store.bump_counter("llm_calls|2025-05-30")

        threads = [threading.Thread(target=bump, args=(store,)) for store in stores for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert stores[0].counter("llm_calls|2025-05-30") == 200
    finally:
        for store in stores:
            store.close()


def test_a_digest_is_claimed_by_exactly_one_worker(pg_url: str) -> None:
    stores = [PgStore(pg_url) for _ in range(4)]
    won: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def claim(store: PgStore) -> None:
        barrier.wait()
        won.append(store.claim_sent_record({"key": "slack:C1|2025-05-30", "date": "2025-05-30", "status": "sending"}))

    try:
        threads = [threading.Thread(target=claim, args=(store,)) for store in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(won) == [False, False, False, True]
        stores[0].put_sent_record({"key": "slack:C1|2025-05-30", "date": "2025-05-30", "status": "failed"})
        assert stores[1].claim_sent_record({"key": "slack:C1|2025-05-30", "date": "2025-05-30", "status": "sending"})
        assert not stores[2].claim_sent_record({"key": "slack:C1|2025-05-30", "date": "2025-05-30",
                                                "status": "sending"})
    finally:
        for store in stores:
            store.close()


def test_workers_share_the_question_rate_limit(pg_url: str) -> None:
    from bot.errors import RateLimited
    from bot.service import SharedRateLimiter

    minute = 29_000_000 * 60.0 + 5  # a fixed clock: one minute's window
    stores = [PgStore(pg_url) for _ in range(2)]
    try:
        limiters = [SharedRateLimiter(store, 3, clock=lambda: minute) for store in stores]
        limiters[0].check("telegram:42")
        limiters[1].check("telegram:42")
        limiters[0].check("telegram:42")
        with pytest.raises(RateLimited, match="3 questions a minute; please wait 56 s"):
            limiters[1].check("telegram:42")  # the fourth, on the other worker
        limiters[1].check("telegram:43")  # another asker has a limit of its own
        later = SharedRateLimiter(stores[1], 3, clock=lambda: minute + 60)
        later.check("telegram:42")  # the next minute starts afresh
    finally:
        for store in stores:
            store.close()


def test_a_service_on_postgresql_counts_questions_in_the_database(pg_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.config import load_settings
    from bot.service import RateLimiter, SharedRateLimiter, Tradebrief

    with PgStore(pg_url) as store:
        shared = Tradebrief(load_settings(None, database_url=pg_url, db=tmp_path / "x.json"), store)
        alone = Tradebrief(load_settings(None, db=tmp_path / "x.json"), store)
        assert isinstance(shared.rate, SharedRateLimiter) and type(alone.rate) is RateLimiter
