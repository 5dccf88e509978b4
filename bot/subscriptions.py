"""Daily-digest subscriptions: the spec people type, and the TinyDB table that keeps them.

One subscription per destination (a Telegram chat, a Slack channel or DM, the console), keyed
`"<platform>:<place>"`. People type a spec such as `07:30 Asia/Karachi Pakistan textiles
keyword:tariff empty:no`; everything in it is optional and the order does not matter:

- `HH:MM` the local time of day, `Area/City` the IANA time zone (or `UTC`);
- `country:X`, `sector:X`, `keyword:X` filters (quote or underscore multi-word values:
  `country:"South Africa"`, `country:south_africa`); a bare word is a country when it names one,
  a sector when it names one, else a keyword;
- `empty:yes|no` whether a day with no news still gets a one-line message;
- `all` drops the filters of an existing subscription (filters named again replace the old ones;
  a spec with no filters keeps them).

Filters of one kind are alternatives (any country), kinds combine (a listed country *and* a listed
sector).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


from .errors import BadRequest
from .facts import country_of
from .facts.tables import SECTORS
from .models import Asker, Subscription
from .storage_port import StoragePort as Store

__all__ = [
    "SUBSCRIPTIONS",
    "SubscriptionBook",
    "SubscriptionSpec",
    "describe",
    "parse_spec",
    "sector_forms",
    "subscription_id",
]

SUBSCRIPTIONS = "subscriptions"
MAX_SPEC_CHARS = 300
MAX_FILTERS = 10
USAGE = (
    "Usage: subscribe [HH:MM] [Area/City] [filters], e.g. "
    "“subscribe 07:30 Europe/London Pakistan textiles keyword:tariff empty:no”"
)

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_YES = {"yes", "y", "true", "on", "1"}
_NO = {"no", "n", "false", "off", "0"}


@dataclass(frozen=True, slots=True)
class SubscriptionSpec:
    """What a typed spec asked for; None means "keep the current (or default) value"."""

    time: str | None = None
    timezone: str | None = None
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    send_empty: bool | None = None
    clear_filters: bool = False  # `all`: drop the filters an existing subscription has

    @property
    def has_filters(self) -> bool:
        return bool(self.countries or self.sectors or self.keywords)


def subscription_id(platform: str, place: str) -> str:
    return f"{platform}:{place}"


# ---- vocabularies -----------------------------------------------------------------------------
@cache
def _zones() -> dict[str, str]:
    """Lower-cased IANA names to their proper spelling: people type "europe/london"."""
    zones = {z.lower(): z for z in available_timezones()}
    zones.setdefault("utc", "UTC")
    zones.setdefault("gmt", "GMT")
    return zones


def canonical_zone(name: str) -> str | None:
    """The IANA spelling of a time zone name, or None when no such zone exists."""
    spelled = _zones().get(name.strip().lower())
    if spelled is None:
        return None
    try:
        ZoneInfo(spelled)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return spelled


@cache
def _sectors() -> dict[str, str]:
    """Every sector surface form (lower case) to its canonical name, from the facts tables."""
    table: dict[str, str] = {}
    for canonical, forms in SECTORS.items():
        table[canonical.lower()] = canonical
        for form in forms:
            table.setdefault(form.lower(), canonical)
    return table


def sector_of(word: str) -> str | None:
    return _sectors().get(word.strip().lower())


@cache
def sector_forms(name: str) -> tuple[str, ...]:
    """The lower-case words that stand for a sector filter ("agriculture" -> agricultural, farming...)."""
    canonical = sector_of(name) or name.strip()
    forms = {canonical.lower(), name.strip().lower()}
    forms.update(form for form, canon in _sectors().items() if canon == canonical)
    return tuple(sorted(forms, key=len, reverse=True))


# ---- parsing ----------------------------------------------------------------------------------
def _tokens(spec: str) -> list[str]:
    try:
        return shlex.split(spec.replace("“", '"').replace("”", '"'))
    except ValueError:
        raise BadRequest("Unbalanced quotes in the subscription. " + USAGE) from None


def _value(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _add(bucket: list[str], value: str) -> None:
    if value.lower() not in (v.lower() for v in bucket):
        bucket.append(value)


def parse_spec(spec: str) -> SubscriptionSpec:
    """Read a typed subscription spec; raise BadRequest with one line saying what is wrong."""
    spec = spec.strip()
    if len(spec) > MAX_SPEC_CHARS:
        raise BadRequest(f"That subscription is {len(spec)} characters long; keep it under {MAX_SPEC_CHARS}.")
    time: str | None = None
    zone: str | None = None
    empty: bool | None = None
    countries: list[str] = []
    sectors: list[str] = []
    keywords: list[str] = []
    bare: list[str] = []
    clear = False

    def flush_bare() -> None:
        # Longest run of bare words that names a country or sector first ("United States").
        i = 0
        while i < len(bare):
            for size in range(min(4, len(bare) - i), 0, -1):
                phrase = " ".join(bare[i : i + size])
                country = country_of(phrase)
                sector = sector_of(phrase)
                if country:
                    _add(countries, country)
                elif sector:
                    _add(sectors, sector)
                elif size == 1:
                    _add(keywords, phrase.lower())
                else:
                    continue
                i += size
                break
        bare.clear()

    for token in _tokens(spec):
        key, sep, raw = token.partition(":")
        lowered = key.lower()
        if _TIME.match(token):
            hours, minutes = _TIME.match(token).groups()  # type: ignore[union-attr]
            time = f"{int(hours):02d}:{minutes}"
            flush_bare()
        elif sep and lowered in ("country", "countries", "sector", "sectors", "keyword", "keywords", "empty"):
            flush_bare()
            value = _value(raw)
            if not value:
                raise BadRequest(f"“{token}” needs a value after the colon. " + USAGE)
            if lowered.startswith("countr"):
                country = country_of(value)
                if country is None:
                    raise BadRequest(f"I don't know the country “{value[:40]}”; try its English name, e.g. country:Pakistan.")
                _add(countries, country)
            elif lowered.startswith("sector"):
                _add(sectors, sector_of(value) or value.lower())
            elif lowered.startswith("keyword"):
                _add(keywords, value.lower())
            elif value.lower() in _YES:
                empty = True
            elif value.lower() in _NO:
                empty = False
            else:
                raise BadRequest("empty: takes yes or no (send a one-line note on days with no news, or not).")
        elif sep and raw and not lowered.isdigit() and "/" not in token:
            raise BadRequest(f"Unknown filter “{key[:20]}:”; use country:, sector:, keyword: or empty:. " + USAGE)
        elif "/" in token or lowered in ("utc", "gmt"):
            flush_bare()
            zone = canonical_zone(token)
            if zone is None:
                raise BadRequest(f"Unknown time zone “{token[:40]}”; use an IANA name such as Europe/London or Asia/Karachi.")
        elif re.fullmatch(r"\d{1,2}[:.h]\d{2}", token):
            raise BadRequest(f"“{token}” is not a time of day; use HH:MM between 00:00 and 23:59.")
        elif lowered in ("all", "everything"):
            flush_bare()
            clear = True
        else:
            bare.append(_value(token))
    flush_bare()
    if clear and (countries or sectors or keywords):
        raise BadRequest("“all” means no filters; leave it out to keep the filters you named.")
    for name, bucket in (("countries", countries), ("sectors", sectors), ("keywords", keywords)):
        if len(bucket) > MAX_FILTERS:
            raise BadRequest(f"At most {MAX_FILTERS} {name} per subscription, please.")
        for value in bucket:
            if len(value) > 60:
                raise BadRequest(f"The filter “{value[:30]}…” is too long.")
    return SubscriptionSpec(time, zone, tuple(countries), tuple(sectors), tuple(keywords), empty, clear)


def describe(sub: Subscription) -> str:
    """One line saying what a subscription does, for confirmations and listings."""
    parts = [f"daily at {sub.time} {sub.timezone}"]
    filters = [*sub.countries, *sub.sectors, *(f"“{k}”" for k in sub.keywords)]
    parts.append("about " + ", ".join(filters) if filters else "all trade news")
    if not sub.send_empty:
        parts.append("nothing on quiet days")
    if not sub.active:
        parts.append("inactive")
    return "; ".join(parts)


# ---- storage ----------------------------------------------------------------------------------
def _from_doc(doc: dict[str, Any]) -> Subscription:
    return Subscription(
        id=doc["id"],
        platform=doc["platform"],
        place=doc["place"],
        user_id=doc.get("user_id", ""),
        time=doc.get("time", "08:00"),
        timezone=doc.get("timezone", "UTC"),
        countries=tuple(doc.get("countries") or ()),
        sectors=tuple(doc.get("sectors") or ()),
        keywords=tuple(doc.get("keywords") or ()),
        send_empty=bool(doc.get("send_empty", True)),
        active=bool(doc.get("active", True)),
        created_at=doc.get("created_at", ""),
        last_sent=doc.get("last_sent"),
        team=doc.get("team", ""),
    )


class SubscriptionBook:
    """The "subscriptions" table. Writes are committed at once unless `commit=False` is passed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, sub_id: str) -> Subscription | None:
        doc = self.store.subscription(sub_id)
        return _from_doc(doc) if doc else None  # type: ignore[arg-type]

    def all(self) -> list[Subscription]:
        return sorted((_from_doc(d) for d in self.store.subscriptions()), key=lambda s: s.id)

    def active(self) -> list[Subscription]:
        return [s for s in self.all() if s.active]

    def put(self, sub: Subscription, *, commit: bool = True) -> Subscription:
        self.store.put_subscription(sub.to_dict())
        if commit:
            self.store.commit()
        return sub

    def subscribe(self, asker: Asker, spec: SubscriptionSpec, *, now: datetime, default_time: str,
                  default_zone: str, commit: bool = True) -> Subscription:
        """Create or change the asker's destination's subscription; unchanged parts are kept.

        `created_at` is reset to `now` so a schedule never fires for a time before it was set.
        """
        sub_id = subscription_id(asker.platform, asker.place)
        current = self.get(sub_id)
        stamp = now.isoformat(timespec="seconds")
        if current is None:
            current = Subscription(
                id=sub_id, platform=asker.platform, place=asker.place, user_id=asker.user_id,
                time=default_time, timezone=default_zone, team=asker.team,
            )
        changed = replace(
            current,
            user_id=asker.user_id,
            team=asker.team or current.team,
            time=spec.time or current.time,
            timezone=spec.timezone or current.timezone,
            send_empty=current.send_empty if spec.send_empty is None else spec.send_empty,
            active=True,
            created_at=stamp,
        )
        if spec.has_filters or spec.clear_filters:
            changed = replace(changed, countries=spec.countries, sectors=spec.sectors, keywords=spec.keywords)
        return self.put(changed, commit=commit)

    def deactivate(self, sub_id: str, *, commit: bool = True) -> bool:
        """Stop a subscription (kept, with its last digest time, in case it comes back)."""
        current = self.get(sub_id)
        if current is None or not current.active:
            return False
        self.put(replace(current, active=False), commit=commit)
        return True

    def mark_sent(self, sub_id: str, until: datetime, *, commit: bool = True) -> None:
        """Remember what the last digest covered up to, so the next one starts there."""
        current = self.get(sub_id)
        if current is not None:
            self.put(replace(current, last_sent=until.isoformat(timespec="seconds")), commit=commit)


