"""Bounded caches drop their oldest entries, not everything at once."""

from __future__ import annotations

import threading

from bot.caching import BoundedCache


def test_a_full_cache_evicts_the_oldest_entry_only() -> None:
    cache: BoundedCache[str, int] = BoundedCache(3)
    for n, key in enumerate("abc"):
        cache[key] = n
    cache["d"] = 3
    assert len(cache) == 3 and cache.maxsize == 3
    assert "a" not in cache and cache.get("a") is None
    assert [cache.get(k) for k in "bcd"] == [1, 2, 3]
    cache["b"] = 10  # a replaced value counts as new
    cache["e"] = 4
    assert "c" not in cache and [cache.get(k) for k in "bde"] == [10, 3, 4]
    assert cache.pop("d") == 3 and cache.pop("d") is None and len(cache) == 2
    cache.clear()
    assert len(cache) == 0


def test_threads_sharing_a_cache_keep_it_bounded_and_consistent() -> None:
    cache: BoundedCache[int, int] = BoundedCache(50)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(5_000):
                key = (i * 7 + offset) % 200
                value = cache.get(key)
                assert value is None or value == key * 2
                cache[key] = key * 2
                if i % 97 == 0:
                    cache.pop(key)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(cache) <= 50


def test_the_store_and_the_retriever_use_bounded_caches(service, store_kind: str) -> None:  # type: ignore[no-untyped-def]
    store, retriever = service.store, service.retriever
    [article] = store.articles()
    assert store.sentences(article.id) and store.facts(article.id)
    spans, facts = ("_span_cache", "_fact_cache") if store_kind == "tinydb" else ("_spans", "_facts")
    assert isinstance(getattr(store, spans), BoundedCache) and article.id in getattr(store, spans)
    assert isinstance(getattr(store, facts), BoundedCache) and article.id in getattr(store, facts)
    assert isinstance(retriever._stem_cache, BoundedCache) and isinstance(retriever._profiles, BoundedCache)


def test_compiled_keeps_a_pattern_per_text_and_flags() -> None:
    import re

    from bot.caching import compiled

    first = compiled(r"(?<!\w)Norrhavn(?!\w)", re.I)
    assert compiled(r"(?<!\w)Norrhavn(?!\w)", re.I) is first  # kept, not compiled again
    assert first.search("NORRHAVN Freight") is not None
    plain = compiled(r"(?<!\w)Norrhavn(?!\w)")
    assert plain is not first and plain.search("NORRHAVN Freight") is None  # the flags are part of the key
