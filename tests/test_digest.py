"""Digests: subscriptions and their specs, filters, merging one story from several sources,
citations, ranking, the ten-item cap, the LLM summary hook, and the CLI's digest commands."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.answers import Evidence, make_citation
from adapters.cli import main
from bot.digest import MAX_ITEMS, build_digest, digest_to_dict
from bot.errors import AccessDenied, BadRequest
from bot.llm import LLMClient, OpenAIAnswerer
from bot.models import CONSOLE_ASKER, Asker, Citation, Digest, Subscription
from bot.storage_port import open_store
from bot.service import Tradebrief
from bot.subscriptions import SubscriptionBook, parse_spec
from tests.fakes.digests import FakeClock
from tests.fakes.openai_api import FakeOpenAI, Received, Step, evidence_in, json_reply
from tests.stores import Stores

# Hand-written reports. a1 and a2 tell one story in different words; a3 is another story about the
# same two countries; a4 is about others. Text includes &, < and > on purpose.
TEXTS = {
    "a1": """date 2025-03-04
Source: Harbour Gazette
URL: https://harbour.example/pk-cn-textiles
Pakistan and China sign textile trade agreement worth $2bn

Pakistan and China signed a trade agreement on Tuesday that cuts tariffs on textiles and cotton yarn, a deal worth $2bn a year.

The agreement was signed in Beijing by the commerce ministers of both countries.

Mill owners said lower duties on yarn & fabric would help exporters whose margins were < 5% last year.
""",
    "a2": """date 2025-03-04
Source: Eastern Wire
URL: https://eastern.example/china-pakistan-deal
China, Pakistan agree textile trade deal to cut tariffs

China and Pakistan signed an agreement on Tuesday cutting tariffs on textiles and cotton yarn traded between the two countries.

Officials in Beijing said the pact could be worth $2bn a year to Pakistani mills.
""",
    "a3": """date 2025-03-04
Source: Harbour Gazette
URL: https://harbour.example/pk-cn-rail
Pakistan and China discuss financing for rail upgrade

Officials from Pakistan and China met in Islamabad to discuss financing for the upgrade of the main railway line.

No agreement was reached and the talks will continue next month, a spokesman said.
""",
    "a4": """date 2025-03-05
Source: Rift Valley Times
URL: https://rift.example/kenya-tea
Kenya tea exports to Britain rise 12% in first quarter

Kenya's tea exports to the United Kingdom rose by 12% in the first quarter, the tea board said.

Growers credited higher prices at the Mombasa auction and a weaker shilling (> 3% down).
""",
}

START = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def _asker(place: str, platform: str = "telegram", user: str = "42") -> Asker:
    return Asker(platform=platform, user_id=user, place=place, is_private=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def svc(tmp_path: Path, clock: FakeClock, stores: Stores):  # type: ignore[no-untyped-def]
    settings = stores.settings(tmp_path / "store.json", timezone="Europe/London")
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store, clock=clock)
    yield service
    await service.aclose()
    store.close()


async def put(service: Tradebrief, folder: Path, *keys: str, texts: dict[str, str] = TEXTS) -> None:
    paths = []
    for key in keys:
        path = folder / f"{key}.txt"
        path.write_text(texts[key], encoding="utf-8")
        paths.append(str(path))
    report = await service.ingestor().ingest(paths)
    assert len(report.stored) == len(keys), report


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


# ---- merging, citations, ranking ------------------------------------------------------------------
async def test_one_story_from_two_sources_is_one_item(svc: Tradebrief, tmp_path: Path, clock: FakeClock,
                                                    seed_path: Path) -> None:
    await put(svc, tmp_path, "a1", "a2", "a3", "a4")
    await svc.ingestor().ingest([str(seed_path)])
    clock.advance(timedelta(hours=1))
    digest = await svc.digest_now(CONSOLE_ASKER)

    assert not digest.empty and digest.more == 0
    assert len(digest.items) == 4  # five reports, four stories
    top = digest.items[0]  # two sources outrank one
    assert "textile" in top.headline.lower()
    assert top.source == "Harbour Gazette" and top.url == "https://harbour.example/pk-cn-textiles"
    assert top.also_reported_by == ("Eastern Wire",)
    assert top.also_urls == ("https://eastern.example/china-pakistan-deal",)
    rail = [i for i in digest.items if "rail" in i.headline.lower()]
    assert len(rail) == 1 and rail[0].also_reported_by == ()  # same parties, another story


async def test_every_marker_is_a_cited_verbatim_sentence(svc: Tradebrief, tmp_path: Path, clock: FakeClock,
                                                       seed_path: Path) -> None:
    await put(svc, tmp_path, "a1", "a2", "a3", "a4")
    await svc.ingestor().ingest([str(seed_path)])
    clock.advance(timedelta(minutes=5))
    digest = await svc.digest_now(CONSOLE_ASKER)
    for item in digest.items:
        numbers = [c.n for c in item.citations]
        assert numbers == list(range(1, len(numbers) + 1))
        assert _markers(item.key_facts + " " + item.summary) == set(numbers)  # all used, none dangling
        for citation in item.citations:
            sentence = svc.store.sentence(citation.sentence_id)
            article = svc.store.article(citation.article_id)
            assert sentence is not None and article is not None
            assert citation.quote == sentence.text
            assert article.body[sentence.start : sentence.end] == citation.quote
            assert citation.url == article.url and citation.source == article.source
        assert item.summary  # one or two sentences
        assert len(re.findall(r"\[\d+\]", item.summary)) <= 2


async def test_key_facts_name_parties_sectors_and_figures(svc: Tradebrief, tmp_path: Path, clock: FakeClock) -> None:
    await put(svc, tmp_path, "a1", "a4")
    clock.advance(timedelta(minutes=5))
    digest = await svc.digest_now(CONSOLE_ASKER)
    textiles = next(i for i in digest.items if "textile" in i.headline.lower())
    for expected in ("Parties: Pakistan, China", "textiles", "$2bn"):
        assert expected in textiles.key_facts
    tea = next(i for i in digest.items if "tea" in i.headline.lower())
    assert "Kenya" in tea.key_facts and "12%" in tea.key_facts


async def test_at_most_ten_items_then_how_many_more(svc: Tradebrief, tmp_path: Path, clock: FakeClock) -> None:
    pairs = [("Chile", "Peru", "copper"), ("Ghana", "Togo", "cocoa"), ("Norway", "Iceland", "salmon"),
             ("Vietnam", "Laos", "rice"), ("Egypt", "Sudan", "cotton"), ("Brazil", "Uruguay", "beef"),
             ("Japan", "Mongolia", "coal"), ("Morocco", "Senegal", "phosphate"), ("Canada", "Mexico", "steel"),
             ("Oman", "Yemen", "fish"), ("Poland", "Latvia", "timber"), ("Nepal", "Bhutan", "hydropower"),
             ("Argentina", "Paraguay", "soybeans")]
    texts = {
        f"s{n}": (f"Source: Desk {n}\nURL: https://desk{n}.example/story\n{a} and {b} agree to cut duties on {c}\n\n"
                  f"{a} and {b} agreed on Monday to cut import duties on {c} by half from next year. "
                  f"Traders in {a} said shipments of {c} to {b} could double.\n")
        for n, (a, b, c) in enumerate(pairs)
    }
    await put(svc, tmp_path, *texts, texts=texts)
    clock.advance(timedelta(minutes=1))
    digest = await svc.digest_now(CONSOLE_ASKER)
    assert len(digest.items) == MAX_ITEMS == 10
    assert digest.more == 3
    assert len({i.article_id for i in digest.items}) == 10


async def test_nothing_new_is_an_empty_digest(svc: Tradebrief, tmp_path: Path, clock: FakeClock) -> None:
    await put(svc, tmp_path, "a1")
    clock.advance(timedelta(hours=25))  # a first digest covers the last 24 hours only
    digest = await svc.digest_now(CONSOLE_ASKER)
    assert digest.empty and digest.items == () and digest.more == 0
    assert digest.title == "Trade briefing for Saturday 28 November 2026"


async def test_a_digest_starts_where_the_last_one_ended(svc: Tradebrief, tmp_path: Path, clock: FakeClock) -> None:
    sub = await svc.subscribe(CONSOLE_ASKER, "")
    await put(svc, tmp_path, "a1")
    clock.advance(timedelta(hours=2))
    SubscriptionBook(svc.store).mark_sent(sub.id, clock())  # as the scheduler does after sending
    clock.advance(timedelta(hours=1))
    await put(svc, tmp_path, "a4")
    clock.advance(timedelta(hours=1))
    digest = await svc.digest_now(CONSOLE_ASKER)
    assert [i.headline for i in digest.items] == ["Kenya tea exports to Britain rise 12% in first quarter"]
    assert digest.since == (START + timedelta(hours=2)).isoformat(timespec="seconds")


async def test_an_article_stored_in_the_digest_second_goes_into_the_next_one(
    svc: Tradebrief, tmp_path: Path, clock: FakeClock
) -> None:
    sub = Subscription(id="x", platform="console", place="console", user_id="u")
    clock.set(START.replace(microsecond=400_000))
    await put(svc, tmp_path, "a4")
    first = await build_digest(svc.store, sub, since=START - timedelta(hours=1), until=clock())
    assert first.empty  # stamped in the second the digest is built: not yet
    second = await build_digest(svc.store, sub, since=START, until=START + timedelta(hours=1))
    assert len(second.items) == 1


# ---- filters ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Kenya", {"tea"}),
        ("country:Pakistan sector:textiles", {"textile"}),
        ("keyword:railway", {"rail"}),
        ("Pakistan", {"textile", "rail", "belarus"}),
        ("sector:tea", {"tea"}),
        ("country:Pakistan keyword:tea", set()),
    ],
)
async def test_filters(svc: Tradebrief, tmp_path: Path, clock: FakeClock, seed_path: Path,
                       spec: str, expected: set[str]) -> None:
    await put(svc, tmp_path, "a1", "a2", "a3", "a4")
    await svc.ingestor().ingest([str(seed_path)])
    clock.advance(timedelta(minutes=5))
    asker = _asker("-100123")
    await svc.subscribe(asker, spec)
    digest = await svc.digest_now(asker)
    words = {"tea", "textile", "rail", "belarus"}
    found = {w for item in digest.items for w in words if w in item.headline.lower()}
    assert found == expected
    assert digest.empty == (not expected)


# ---- the LLM summary hook ------------------------------------------------------------------------
class StubSummarizer:
    """Our stand-in for `service.llm.summarize_story`: answers from the evidence it is given."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.calls = 0

    async def summarize_story(self, evidence: Sequence[Evidence]) -> tuple[str, tuple[Citation, ...]] | None:
        self.calls += 1
        if self.mode == "down":
            raise TimeoutError("the model did not answer")
        if self.mode == "none":
            return None
        last = evidence[-1]
        cited = make_citation(1, last.sentence, last.article)
        if self.mode == "stray":  # a sentence it was never shown
            cited = Citation(1, "nope:1", "nope", "made up", "t", "s", None, None)
        return "A short verified summary [1].", (cited,)


@pytest.mark.parametrize("mode", ["ok", "stray", "down", "none"])
async def test_llm_summary_is_used_when_it_fits_else_the_extractive_one(
    svc: Tradebrief, tmp_path: Path, clock: FakeClock, mode: str
) -> None:
    await put(svc, tmp_path, "a1", "a2")
    clock.advance(timedelta(minutes=5))
    plain = await svc.digest_now(CONSOLE_ASKER)
    stub = StubSummarizer(mode)
    summarising = Tradebrief(svc.settings, svc.store, llm=stub, clock=clock)  # type: ignore[arg-type]
    digest = await summarising.digest_now(_asker("console2", platform="console"))
    item = digest.items[0]
    assert stub.calls == 1
    if mode == "ok":
        assert digest.mode == "llm"
        n = max(c.n for c in item.citations)
        assert item.summary == f"A short verified summary [{n}]."  # renumbered into the item's citations
        assert _markers(item.key_facts + item.summary) == {c.n for c in item.citations}
        assert item.key_facts == plain.items[0].key_facts
    else:
        assert digest.mode == "extractive"
        assert item.summary == plain.items[0].summary


async def test_llm_summary_through_the_llm_module_and_a_fake_openai_server(tmp_path: Path, clock: FakeClock, stores: Stores) -> None:
    fake = FakeOpenAI()

    def cite(needle: str, text: str) -> Step:
        def step(received: Received) -> httpx.Response:
            evidence = evidence_in(received)
            n = next(n for n, e in evidence.items() if needle in e["text"])
            reply = json_reply({"answerable": True, "claims": [{"text": text, "evidence": [n]}]})(received)
            assert isinstance(reply, httpx.Response)
            return reply

        return step

    settings = stores.settings(tmp_path / "llm.json", openai_api_key="sk-test-digest-0123456789abcdef",
                             openai_base_url=fake.base_url)
    store = open_store(settings.store_location)
    http = fake.client()
    llm = OpenAIAnswerer(LLMClient(settings, http_client=http, clock=clock))
    service = Tradebrief(settings, store, llm=llm, clock=clock)  # offline facts only: the fake answers summaries
    try:
        await put(service, tmp_path, "a1", "a2")
        fake.then(cite("signed in Beijing", "The agreement was signed in Beijing by the commerce ministers."))
        digest = await service.digest_now(CONSOLE_ASKER)
    finally:
        await service.aclose()
        store.close()
        await http.aclose()
    item = digest.items[0]
    assert digest.mode == "llm" and len(fake.chat_requests) == 1
    beijing = next(c for c in item.citations if "signed in Beijing" in c.quote)
    assert item.summary == f"The agreement was signed in Beijing by the commerce ministers [{beijing.n}]."
    assert _markers(item.key_facts + item.summary) == {c.n for c in item.citations}


# ---- subscriptions ---------------------------------------------------------------------------------
def test_spec_parsing() -> None:
    spec = parse_spec("07:30 europe/london Pakistan textiles keyword:tariff empty:no")
    assert (spec.time, spec.timezone, spec.countries, spec.sectors, spec.keywords, spec.send_empty) == (
        "07:30", "Europe/London", ("Pakistan",), ("textiles",), ("tariff",), False
    )
    spec = parse_spec('8:05 South Africa country:"United States" sector:Agricultural UTC steel dumping')
    assert spec.time == "08:05" and spec.timezone == "UTC"
    assert spec.countries == ("South Africa", "United States")
    assert spec.sectors == ("agriculture", "steel")
    assert spec.keywords == ("dumping",)
    assert parse_spec("").time is None and not parse_spec("").has_filters
    assert parse_spec("all").clear_filters


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("25:00", "not a time of day"),
        ("Mars/Olympus", "Unknown time zone"),
        ("colour:red", "Unknown filter"),
        ("country:Atlantis", "don't know the country"),
        ("empty:maybe", "yes or no"),
        ('keyword:"tariff', "Unbalanced quotes"),
        ("x" * 400, "keep it under"),
        ("country:", "needs a value"),
        ("all Pakistan", "no filters"),
    ],
)
def test_bad_specs_get_one_line(spec: str, message: str) -> None:
    with pytest.raises(BadRequest) as info:
        parse_spec(spec)
    assert message in str(info.value) and "\n" not in str(info.value)


async def test_subscribe_update_unsubscribe(svc: Tradebrief, clock: FakeClock, stores: Stores) -> None:
    asker = _asker("-1001")
    sub = await svc.subscribe(asker, "")
    assert (sub.id, sub.time, sub.timezone, sub.active) == ("telegram:-1001", "08:00", "Europe/London", True)
    sub = await svc.subscribe(asker, "07:15 Asia/Karachi Pakistan empty:no")
    assert (sub.time, sub.timezone, sub.countries, sub.send_empty) == ("07:15", "Asia/Karachi", ("Pakistan",), False)
    sub = await svc.subscribe(asker, "09:00")  # no filters named: the old ones stay
    assert sub.countries == ("Pakistan",) and sub.time == "09:00" and sub.timezone == "Asia/Karachi"
    sub = await svc.subscribe(asker, "all")
    assert sub.countries == ()
    assert await svc.unsubscribe(asker) is True
    assert await svc.unsubscribe(asker) is False
    assert [s.active for s in svc.subscriptions()] == [False]
    # Persisted: a fresh handle on the store (and, on TinyDB, the table in the file) sees the same.
    with stores.open(svc.settings.db, readonly=True) as fresh:
        assert [(d["id"], d["active"]) for d in fresh.subscriptions()] == [("telegram:-1001", False)]
    if stores.kind == "tinydb":
        raw = json.loads(Path(svc.store.path).read_text())
        assert [d["id"] for d in raw["subscriptions"].values()] == ["telegram:-1001"]


async def test_access_rules_hold_for_digests(tmp_path: Path, clock: FakeClock, stores: Stores) -> None:
    settings = stores.settings(tmp_path / "s.json", telegram_allowed_chats="-5", telegram_admin_ids="7")
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store, clock=clock)
    try:
        outsider = _asker("-6")
        for call in (lambda: service.subscribe(outsider, ""), lambda: service.unsubscribe(outsider)):
            with pytest.raises(AccessDenied):
                await call()
        with pytest.raises(AccessDenied):
            await service.digest_now(outsider)
        await service.subscribe(_asker("-5", user="1"), "")
        await service.subscribe(Asker("console", "local", "console"), "")
        assert [s.id for s in service.subscriptions(_asker("-5", user="1"))] == ["telegram:-5"]
        assert len(service.subscriptions(_asker("-5", user="7"))) == 2  # an admin sees all
    finally:
        await service.aclose()
        store.close()


# ---- CLI -----------------------------------------------------------------------------------------
@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], stores: Stores):  # type: ignore[no-untyped-def]
    """Run `tradebrief ...` in this process on the temporary store named `db` (on the store under
    test); returns (status, stdout, stderr)."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)

    (tmp_path / "no.env").write_text("")  # an empty settings file: nothing read from the working directory

    def run(db: Path, *args: str) -> tuple[int, str, str]:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in stores.env(db).items():
                patch.setenv(name, value)
            status = main(["--env-file", str(tmp_path / "no.env"), "--db", str(db), *args])
        out = capsys.readouterr()
        return status, out.out, out.err

    yield run
    root.handlers[:] = saved[0]  # main() sets up its own logging; give pytest its handlers back
    root.setLevel(saved[1])


async def _seed_cli_store(stores: Stores, db: Path, folder: Path) -> None:
    settings = stores.settings(db)
    store = stores.open(db)
    service = Tradebrief(settings, store)
    try:
        await put(service, folder, "a1", "a2", "a4")
        await service.subscribe(_asker("-77"), "Kenya 06:45 Africa/Nairobi")
    finally:
        await service.aclose()
        store.close()


def test_cli_digest_json_and_subscriptions(tmp_path: Path, cli, stores: Stores) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "cli.json"
    asyncio.run(_seed_cli_store(stores, db, tmp_path))

    status, out, err = cli(db, "digest", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert set(data) == {"subscription_id", "title", "since", "items", "more", "empty", "mode"}
    assert data["empty"] is False and data["more"] == 0 and len(data["items"]) == 2
    item = data["items"][0]
    assert set(item) >= {"headline", "url", "source", "key_facts", "summary", "citations", "also_reported_by"}
    assert item["also_reported_by"] == ["Eastern Wire"]
    assert {"n", "quote", "title", "source", "url", "published"} <= set(item["citations"][0])

    status, out, _ = cli(db, "digest", "--json", "--subscription", "telegram:-77")
    assert [i["headline"] for i in json.loads(out)["items"]] == [
        "Kenya tea exports to Britain rise 12% in first quarter"
    ]
    status, out, _ = cli(db, "digest", "--since", "2000-01-01")
    assert status == 0 and "Also reported by Eastern Wire" in " ".join(out.split())

    status, out, _ = cli(db, "subscriptions", "--json")
    assert [(s["id"], s["time"], s["timezone"], s["countries"], s["active"]) for s in json.loads(out)] == [
        ("telegram:-77", "06:45", "Africa/Nairobi", ["Kenya"], True)
    ]
    status, out, _ = cli(db, "subscriptions")
    assert "telegram:-77" in out and "daily at 06:45 Africa/Nairobi" in out

    status, _, err = cli(db, "digest", "--subscription", "telegram:nope")
    assert status == 2 and err.count("\n") == 1 and "no subscription" in err


def test_cli_digest_send_is_once_a_day_unless_forced(tmp_path: Path, cli, stores: Stores) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "send.json"
    asyncio.run(_seed_cli_store(stores, db, tmp_path))
    with stores.open(db) as store:  # a console subscription too, delivered by printing
        service = Tradebrief(stores.settings(db), store)
        asyncio.run(service.subscribe(CONSOLE_ASKER, ""))
        asyncio.run(service.aclose())

    status, out, err = cli(db, "digest", "--send")
    # No Telegram token here: that subscription waits for an adapter; the console one is printed.
    assert status == 1
    assert "Trade briefing for" in out and "Also reported by Eastern Wire" in " ".join(out.split())
    lines = [line for line in out.splitlines() if line.startswith(("sent", "no-adapter"))]
    assert lines[0].startswith("sent          console:console")
    assert lines[1].startswith("no-adapter    telegram:-77")
    assert "no telegram adapter is running" in err

    status, out, _ = cli(db, "digest", "--send")
    assert "already-sent  console:console" in out and "Trade briefing" not in out
    status, out, _ = cli(db, "digest", "--send", "--force")
    assert "sent          console:console" in out and "Trade briefing" in out
    status, _, err = cli(db, "digest", "--send", "--since", "2025-01-01")
    assert status == 2 and "--since is for previews" in err


def test_digest_dict_round_trips_through_json() -> None:
    digest = Digest(subscription_id="s", title="t", since="2026-01-01T00:00:00+00:00", items=(), empty=True)
    assert json.loads(json.dumps(digest_to_dict(digest)))["empty"] is True
