"""The scheduler lock: one worker at a time runs the digests and feeds; a dead holder hands over."""

from __future__ import annotations

import asyncio

import psycopg

from bot.pg.leader import Leader


class CountingSleep:
    """A short real sleep that counts how often a leader waited (its lock tries)."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, seconds: float) -> None:
        self.calls += 1
        await asyncio.sleep(min(seconds, 0.02))


async def _until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def _holder_pids(url: str) -> list[int]:
    with psycopg.connect(url, autocommit=True) as conn:
        return [r[0] for r in conn.execute("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")]


async def test_one_worker_leads_and_a_dead_holder_hands_the_jobs_over(pg_url: str) -> None:
    log: list[str] = []

    def job(name: str):  # type: ignore[no-untyped-def]
        async def run(stop: asyncio.Event) -> None:
            log.append(f"{name} started")
            await stop.wait()
            log.append(f"{name} stopped")
        return run

    sleeps = {"a": CountingSleep(), "b": CountingSleep()}
    first = Leader(pg_url, [job("a")], poll=0.02, sleep=sleeps["a"])
    second = Leader(pg_url, [job("b")], poll=0.02, sleep=sleeps["b"])
    stop_first, stop_second = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(first.run(stop_first))]
    await asyncio.wait_for(first.leading.wait(), 10)
    tasks.append(asyncio.create_task(second.run(stop_second)))
    await _until(lambda: sleeps["b"].calls >= 5)  # the second worker has tried the lock several times
    assert not second.leading.is_set() and log == ["a started"]
    [holder] = _holder_pids(pg_url)

    with psycopg.connect(pg_url, autocommit=True) as conn:  # the holder's session dies (a killed process)
        conn.execute("SELECT pg_terminate_backend(%s)", (holder,))
    await asyncio.wait_for(second.leading.wait(), 10)
    await _until(lambda: "a stopped" in log)
    assert log[:1] == ["a started"] and "b started" in log and not first.leading.is_set()
    assert len(_holder_pids(pg_url)) == 1

    stop_first.set()
    stop_second.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert log.count("b stopped") == 1 and _holder_pids(pg_url) == []
