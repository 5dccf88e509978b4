"""Send each subscription its digest at its local time of day, at most once per day.

Local times are turned into instants per date with `zoneinfo`, so 08:00 in London is 08:00 on both
sides of a daylight-saving change. Each (subscription, local date) gets a row in the
"digests_sent" table that is committed as "sending" *before* the adapter is called and set to
"sent" after, so neither a restart nor a crash between sending and recording can send a digest
twice: a row left at "sending" is reported at start-up and never retried. A digest missed while
the process was down is sent once at start-up when its time is less than the grace window ago.

Transient delivery failures are retried with bounded exponential backoff (and in a later round
while the grace window lasts); a permanent one (bot blocked, chat or channel gone) deactivates the
subscription with a log line. The clock and the sleep are injectable so tests run on fake time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

from .digest import StorySummarizer, build_digest, parse_when, window_start
from .errors import DeliveryFailed
from .feedpoll import pause
from .models import Asker, Digest, Subscription
from .subscriptions import SubscriptionBook

if TYPE_CHECKING:
    from .config import Settings
    from .storage_port import StoragePort as Store

__all__ = ["Deliverer", "DigestSource", "Scheduler", "SendResult", "SentLog"]

log = logging.getLogger(__name__)

SENT = "digests_sent"
MIN_WINDOW = timedelta(minutes=5)  # a digest a little late (a slow loop) is never "missed"
ROUND_RETRY = timedelta(minutes=10)  # a digest that failed every attempt is tried again after this
RETRY_ROUNDS = 3
KEEP_RECORDS = timedelta(days=30)

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[Any]]


class DigestSource(Protocol):
    """What the scheduler needs of the core (`Tradebrief` is one): the store, the clock, the
    optional summariser, the digest settings, and whether a place may still receive digests."""

    @property
    def settings(self) -> Settings: ...

    @property
    def store(self) -> Store: ...

    @property
    def llm(self) -> StorySummarizer | None: ...

    def clock(self) -> datetime: ...

    def allowed(self, asker: Asker) -> bool: ...


@runtime_checkable
class Deliverer(Protocol):
    """What the scheduler needs of an adapter: its platform name and a way to post a digest."""

    name: str

    async def deliver(self, place: str, digest: Digest) -> None: ...


@dataclass(frozen=True, slots=True)
class SendResult:
    """What happened to one subscription's digest.

    status: sent, skipped (nothing new, empty digests off), failed (transient; retried later),
    undeliverable (permanent; subscription deactivated), refused (place no longer allowed),
    no-adapter (its platform is not running here), already-sent (this local date is done).
    """

    subscription_id: str
    day: str
    status: str
    items: int = 0
    error: str = ""


class SentLog:
    """The "digests_sent" table: one row per (subscription, local date)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @staticmethod
    def key(sub_id: str, day: date) -> str:
        return f"{sub_id}|{day.isoformat()}"

    def get(self, sub_id: str, day: date) -> dict[str, Any] | None:
        return self.store.sent_record(self.key(sub_id, day))

    def _put(self, sub_id: str, day: date, **fields: Any) -> None:
        key = self.key(sub_id, day)
        current = self.store.sent_record(key) or {}
        doc = {**current, "key": key, "subscription_id": sub_id, "date": day.isoformat(), **fields}
        self.store.put_sent_record(doc)

    async def begin(self, sub_id: str, day: date, now: datetime, until: datetime, *, force: bool = False) -> bool:
        """Claim the digest as "sending" and commit it (the write off the event loop): after this
        it is never sent again. False when it is already claimed (another worker sharing the
        database got there first): the claim is the key's unique constraint, not a look-up."""
        current = self.get(sub_id, day) or {}
        key = self.key(sub_id, day)
        doc = {**current, "key": key, "subscription_id": sub_id, "date": day.isoformat(), "status": "sending",
               "started_at": _stamp(now), "until": _stamp(until),
               "attempts": int(current.get("attempts", 0)) + 1, "error": ""}
        if force:
            self.store.put_sent_record(doc)
            claimed = True
        else:
            claimed = self.store.claim_sent_record(doc, ("failed",))
        await self.store.commit_async()
        return claimed

    def finish(self, sub_id: str, day: date, status: str, now: datetime, *, items: int = 0,
               error: str = "", retry_at: datetime | None = None, count_attempt: bool = False,
               pending: tuple[str, ...] = ()) -> None:
        """Record an outcome; the caller commits (the next `begin` or the end of the round does).
        `pending`: the parts of a digest that failed part-way not yet delivered (the retry sends
        only these)."""
        extra: dict[str, Any] = {"pending_parts": list(pending)}
        if count_attempt:
            extra["attempts"] = int((self.get(sub_id, day) or {}).get("attempts", 0)) + 1
        self._put(
            sub_id, day, status=status, finished_at=_stamp(now), items=items, error=error[:300],
            retry_at=_stamp(retry_at) if retry_at else None, **extra,
        )

    def records(self, status: str | None = None) -> list[dict[str, Any]]:
        return self.store.sent_records(status)

    def prune(self, before: date) -> int:
        return self.store.prune_sent_records(before.isoformat())


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


class Scheduler:
    """Fires digests on time through the adapters; one instance per process."""

    def __init__(
        self,
        service: DigestSource,
        deliverers: Iterable[Deliverer],
        *,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
        grace_hours: float | None = None,
        attempts: int = 4,
        backoff: float = 2.0,
        backoff_cap: float = 60.0,
        max_pause: float = 60.0,
        before_send: Callable[[], Awaitable[Any]] | None = None,
    ) -> None:
        self.service = service
        self.deliverers = {d.name: d for d in deliverers}
        self.clock = clock or service.clock
        self.sleep = sleep
        hours = service.settings.digest_grace_hours if grace_hours is None else grace_hours
        self.window = max(timedelta(hours=hours), MIN_WINDOW)
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.backoff_cap = backoff_cap
        self.max_pause = max_pause
        self.before_send = before_send
        self.book = SubscriptionBook(service.store)
        self.sent = SentLog(service.store)
        self._unflushed = False
        self._held: set[tuple[str, date]] = set()  # no adapter / not allowed: logged once a day

    # ---- when ---------------------------------------------------------------------------------
    @staticmethod
    def zone(sub: Subscription) -> ZoneInfo | None:
        try:
            return ZoneInfo(sub.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("subscription %s has an unknown time zone %r; it is not sent", sub.id, sub.timezone)
            return None

    @staticmethod
    def fire_time(sub: Subscription, day: date, zone: ZoneInfo) -> datetime:
        """The instant (UTC) of `sub`'s local time on local date `day`."""
        hours, minutes = (int(p) for p in sub.time.split(":", 1))
        return datetime.combine(day, time(hours, minutes), tzinfo=zone).astimezone(UTC)

    def _retryable(self, record: dict[str, Any], now: datetime) -> bool:
        if record.get("status") != "failed" or int(record.get("attempts", 0)) >= RETRY_ROUNDS:
            return False
        retry_at = parse_when(record.get("retry_at"))
        return retry_at is None or retry_at <= now

    def due(self, now: datetime) -> list[tuple[Subscription, date]]:
        """Subscriptions whose digest for a local date is due now and not yet handled."""
        found: list[tuple[Subscription, date]] = []
        for sub in self.book.active():
            zone = self.zone(sub)
            if zone is None:
                continue
            created = parse_when(sub.created_at)
            today = now.astimezone(zone).date()
            for day in (today - timedelta(days=1), today):
                at = self.fire_time(sub, day, zone)
                if at > now or (created is not None and at < created) or (sub.id, day) in self._held:
                    continue
                record = self.sent.get(sub.id, day)
                if record is not None and not self._retryable(record, now):
                    continue
                if now - at > self.window:
                    if record is None:
                        log.info("digest for %s on %s was missed while stopped (due %s, outside the %s grace "
                                 "window); the next one covers its news", sub.id, day, _stamp(at), self.window)
                        self.sent.finish(sub.id, day, "missed", now)
                        self._unflushed = True
                    continue
                found.append((sub, day))
        return found

    def next_wake(self, now: datetime) -> datetime:
        """The next instant something may be due: a digest time or a retry, at most `max_pause` away."""
        wake = now + timedelta(seconds=self.max_pause)
        for sub in self.book.active():
            zone = self.zone(sub)
            if zone is None:
                continue
            today = now.astimezone(zone).date()
            for day in (today, today + timedelta(days=1)):
                at = self.fire_time(sub, day, zone)
                if at > now:
                    wake = min(wake, at)
                    break
        for record in self.sent.records("failed"):
            retry_at = parse_when(record.get("retry_at"))
            if retry_at and retry_at > now and int(record.get("attempts", 0)) < RETRY_ROUNDS:
                wake = min(wake, retry_at)
        return wake

    # ---- sending ------------------------------------------------------------------------------
    async def run_due(self, stop: asyncio.Event | None = None) -> list[SendResult]:
        """Send every digest due now (after refreshing the feeds once); return what happened."""
        results: list[SendResult] = []
        try:
            due = self.due(self.clock())
            if not due:
                return results
            if self.before_send is not None:
                try:
                    await self.before_send()
                except Exception:  # feeds are a bonus: digests go out regardless
                    log.exception("refreshing feeds before the digests failed")
            await self._settle(stop)
            for sub, day in due:
                if stop is not None and stop.is_set():
                    break
                results.append(await self.send(sub, day, stop=stop))
            return results
        finally:
            await self._flush()

    async def send_all_now(self, *, force: bool = False) -> list[SendResult]:
        """Every active subscription's digest for its local today, now (`tradebrief digest --send`)."""
        results: list[SendResult] = []
        await self._settle(None)
        try:
            for sub in self.book.active():
                zone = self.zone(sub)
                if zone is None:
                    results.append(SendResult(sub.id, "", "failed", error=f"unknown time zone {sub.timezone}"))
                    continue
                day = self.clock().astimezone(zone).date()
                results.append(await self.send(sub, day, force=force))
            return results
        finally:
            await self._flush()

    async def send(self, sub: Subscription, day: date, *, force: bool = False,
                   stop: asyncio.Event | None = None) -> SendResult:
        """Build and deliver one digest, recording it so it is never sent twice for `day`."""
        now = self.clock()
        label = day.isoformat()
        record = self.sent.get(sub.id, day)
        if record is not None and not force and not self._retryable(record, now):
            return SendResult(sub.id, label, "already-sent", error=str(record.get("status", "")))
        asker = Asker(platform=sub.platform, user_id=sub.user_id, place=sub.place, is_private=False, team=sub.team)
        if not self.service.allowed(asker):
            self._hold(sub, day, "refused", "its place is no longer on the allowlist")
            return SendResult(sub.id, label, "refused", error="not allowed")
        deliverer = self.deliverers.get(sub.platform)
        if deliverer is None:
            self._hold(sub, day, "no-adapter", f"no {sub.platform} adapter is running")
            return SendResult(sub.id, label, "no-adapter", error=f"no {sub.platform} adapter")
        pending = tuple(record.get("pending_parts") or ()) if record is not None and not force else ()
        if pending and hasattr(deliverer, "resume"):  # a digest that failed part-way: the rest only
            return await self._resume(deliverer, sub, day, now, pending, int(record.get("items", 0)), stop)  # type: ignore[union-attr]
        try:
            digest = await build_digest(
                self.service.store, sub, since=window_start(sub, now), until=now, llm=self.service.llm
            )
        except Exception as exc:  # a bug in one digest must not stop the others
            log.exception("building the digest for %s failed", sub.id)
            return self._failed(sub, day, now, f"digest could not be built: {type(exc).__name__}")
        if digest.empty and not sub.send_empty:
            self.sent.finish(sub.id, day, "skipped", now)
            self.book.mark_sent(sub.id, now, commit=False)
            self._unflushed = True
            log.info("no new trade news for %s; nothing sent (empty digests are off)", sub.id)
            return SendResult(sub.id, label, "skipped")
        if not await self.sent.begin(sub.id, day, now, now, force=force):
            log.info("digest for %s on %s is already claimed (another worker); not sent here", sub.id, label)
            return SendResult(sub.id, label, "already-sent", error="claimed elsewhere")
        self._unflushed = False
        try:
            await self._deliver(deliverer, sub.place, digest, stop)
        except DeliveryFailed as exc:
            if exc.permanent:
                self.book.deactivate(sub.id, commit=False)
                self.sent.finish(sub.id, day, "undeliverable", self.clock(), error=str(exc))
                self._unflushed = True
                log.warning("digest for %s cannot be delivered (%s); subscription deactivated", sub.id, exc)
                return SendResult(sub.id, label, "undeliverable", error=str(exc))
            return self._failed(sub, day, now, str(exc), pending=exc.pending, items=len(digest.items))
        self.sent.finish(sub.id, day, "sent", self.clock(), items=len(digest.items))
        self.book.mark_sent(sub.id, now, commit=False)
        self._unflushed = True
        log.info("digest for %s sent (%d items%s)", sub.id, len(digest.items),
                 f", {digest.more} more" if digest.more else "")
        return SendResult(sub.id, label, "sent", items=len(digest.items))

    async def _settle(self, stop: asyncio.Event | None) -> None:
        """Wait for the next whole second. Articles are stamped to the second and a digest covers
        up to (not including) the second it is built in, so this puts what was just ingested (the
        feeds refreshed before sending) into this digest rather than the next."""
        now = self.clock()
        await self._pause(stop, 1.0 - now.microsecond / 1e6 + 0.005)

    def _hold(self, sub: Subscription, day: date, status: str, reason: str) -> None:
        if (sub.id, day) not in self._held:
            log.warning("digest for %s not sent: %s", sub.id, reason)
        self._held.add((sub.id, day))

    async def _resume(self, deliverer: Deliverer, sub: Subscription, day: date, now: datetime,
                      pending: tuple[str, ...], items: int, stop: asyncio.Event | None) -> SendResult:
        """Deliver the parts of a digest that failed part-way which have not arrived yet."""
        label = day.isoformat()
        await self.sent.begin(sub.id, day, now, now)
        self._unflushed = False
        try:
            await self._deliver(deliverer, sub.place, None, stop, pending=pending)
        except DeliveryFailed as exc:
            if exc.permanent:
                self.book.deactivate(sub.id, commit=False)
                self.sent.finish(sub.id, day, "undeliverable", self.clock(), error=str(exc), items=items)
                self._unflushed = True
                return SendResult(sub.id, label, "undeliverable", error=str(exc))
            return self._failed(sub, day, now, str(exc), pending=exc.pending or pending, items=items)
        self.sent.finish(sub.id, day, "sent", self.clock(), items=items)
        self.book.mark_sent(sub.id, now, commit=False)
        self._unflushed = True
        log.info("digest for %s completed (%d remaining parts sent)", sub.id, len(pending))
        return SendResult(sub.id, label, "sent", items=items)

    def _failed(self, sub: Subscription, day: date, now: datetime, error: str, *,
                pending: tuple[str, ...] = (), items: int = 0) -> SendResult:
        record = self.sent.get(sub.id, day) or {}
        begun = record.get("status") == "sending"  # `begin` counted this attempt already
        self.sent.finish(sub.id, day, "failed", self.clock(), error=error, retry_at=now + ROUND_RETRY,
                         count_attempt=not begun, pending=pending, items=items)
        rounds_left = RETRY_ROUNDS - int((self.sent.get(sub.id, day) or {}).get("attempts", 0))
        self._unflushed = True
        later = f"tried again in {ROUND_RETRY}" if rounds_left > 0 else "not tried again today"
        log.warning("digest for %s failed (%s); %s", sub.id, error, later)
        return SendResult(sub.id, day.isoformat(), "failed", error=error)

    async def _deliver(self, deliverer: Deliverer, place: str, digest: Digest | None,
                       stop: asyncio.Event | None, *, pending: tuple[str, ...] = ()) -> None:
        """Deliver with bounded exponential backoff (tenacity); a permanent failure is raised at
        once, and shutting down ends the retries (a later run sends what is left). When a delivery
        fails part-way (`DeliveryFailed.pending`) and the adapter can `resume`, the next attempt
        sends only the parts still pending; the error raised at the end carries them."""
        last: list[DeliveryFailed] = []
        still = [pending]  # the parts still to go, across attempts

        def transient(failure: BaseException) -> bool:
            return isinstance(failure, DeliveryFailed) and not failure.permanent

        def stopping(_retry: RetryCallState) -> bool:
            return stop is not None and stop.is_set()

        def before_sleep(retry: RetryCallState) -> None:
            log.info("digest delivery to %s:%s failed (%s); attempt %d of %d in %.0f s", deliverer.name, place,
                     last[-1], retry.attempt_number + 1, self.attempts, retry.upcoming_sleep)

        retrying = AsyncRetrying(
            sleep=lambda seconds: self._pause(stop, seconds),
            stop=stop_after_attempt(self.attempts) | stopping,
            wait=wait_exponential(multiplier=self.backoff, max=self.backoff_cap),
            retry=retry_if_exception(transient),
            before_sleep=before_sleep,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                if last and stop is not None and stop.is_set():  # woken from the pause to shut down
                    raise last[-1]
                try:
                    if still[0] and hasattr(deliverer, "resume"):
                        await deliverer.resume(place, still[0])
                    else:
                        assert digest is not None
                        await deliverer.deliver(place, digest)
                except DeliveryFailed as exc:
                    still[0] = exc.pending = exc.pending or still[0]
                    last.append(exc)
                    raise
                except Exception as exc:  # an adapter bug: treated like a transient failure, logged in full
                    log.warning("%s adapter raised while delivering a digest", deliverer.name, exc_info=True)
                    last.append(DeliveryFailed(f"{type(exc).__name__}: {exc}", pending=still[0]))
                    raise last[-1] from None

    async def _flush(self) -> None:
        if self._unflushed:
            self._unflushed = False  # a change made while the file is written is flushed next time
            try:
                await self.service.store.commit_async()
            except BaseException:
                self._unflushed = True
                raise

    # ---- the loop -----------------------------------------------------------------------------
    async def recover(self) -> list[dict[str, Any]]:
        """At start-up: report digests a previous run began but never finished; never resend them."""
        now = self.clock()
        stale = self.sent.records("sending")
        for record in stale:
            log.warning("digest for %s on %s was being sent when the last run stopped; it may not have "
                        "arrived and is not sent again", record.get("subscription_id"), record.get("date"))
            self.sent.finish(record["subscription_id"], date.fromisoformat(record["date"]), "interrupted",
                             now, error="interrupted while sending")
        pruned = self.sent.prune((now - KEEP_RECORDS).date())
        if stale or pruned:
            await self.service.store.commit_async()
        return stale

    async def _pause(self, stop: asyncio.Event | None, seconds: float) -> None:
        await pause(self.sleep, stop, seconds)

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: send what is due, then sleep until the next digest time."""
        await self.recover()
        while not stop.is_set():
            try:
                await self.run_due(stop)
            except Exception:  # the loop must outlive any one bad round
                log.exception("digest round failed")
            now = self.clock()
            pause = (self.next_wake(now) - now).total_seconds()
            await self._pause(stop, max(pause, 0.01))
