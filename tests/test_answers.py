"""Offline answers through the service: cited, verbatim, typed, filtered, or an honest abstention."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import AccessDenied, BadRequest, RateLimited
from bot.models import Asker, Filters
from bot.storage_port import open_store
from bot.service import Tradebrief
from tests.conftest import SEED_FORESTRY_QUOTE, SEED_SECTORS, SEED_SECTORS_QUOTE
from tests.stores import Stores

ME = Asker("cli", "tester", "cli")

BRIEFS = {
    "chile-korea.txt": (
        "Chile and South Korea widen their trade pact\nSource: Andes Trade Wire\ndate 2024-09-12\n\n"
        "Chile and South Korea agreed on Thursday to modernise their free trade agreement.\n\n"
        "The update covers the digital economy, critical minerals and clean hydrogen.\n\n"
        "Chilean exports of copper to South Korea reached $4.2bn last year, officials said.\n\n"
        "Trade Minister Alberto van Klaveren said the talks would conclude by March."
    ),
    "ghana-morocco.txt": (
        "Ghana and Morocco sign fertiliser memorandum\nSource: West Africa Ledger\ndate 2025-02-20\n\n"
        "Ghana and Morocco signed a memorandum of understanding on fertiliser supply in Accra.\n\n"
        "Morocco will ship 200,000 tonnes of phosphate fertiliser a year to Ghana under the accord.\n\n"
        "Cocoa and maize farmers are expected to benefit first, the agriculture ministry said."
    ),
}


@pytest.fixture
async def briefs(service: Tradebrief, tmp_path: Path) -> Tradebrief:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = await service.ingestor().ingest([str(folder)])
    assert len(report.stored) == 2
    service.retriever.refresh()
    return service


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def assert_grounded(service: Tradebrief, answer) -> None:  # type: ignore[no-untyped-def]
    assert markers(answer.text) == {c.n for c in answer.citations}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert len(answer.citations) <= 5
    for c in answer.citations:
        sentence = service.store.sentence(c.sentence_id)
        article = service.store.article(c.article_id)
        assert sentence is not None and article is not None
        assert c.quote == sentence.text == article.body[sentence.start:sentence.end]
        assert (c.title, c.source, c.published) == (article.title, article.source, article.published)


async def test_seed_sectors_answer(service: Tradebrief) -> None:
    answer = await service.ask("which sectors were agreed?", ME)
    assert not answer.abstained and answer.mode == "extractive"
    assert_grounded(service, answer)
    first_line = answer.text.splitlines()[0]
    for sector in SEED_SECTORS:
        assert sector in first_line
    assert "forestry" in first_line
    assert SEED_SECTORS_QUOTE in answer.citations[0].quote
    assert SEED_FORESTRY_QUOTE in answer.citations[1].quote


async def test_figure_person_and_list_questions(briefs: Tradebrief) -> None:
    figure = await briefs.ask("How much copper did Chile export to South Korea?", ME)
    assert not figure.abstained and figure.text.startswith("$4.2bn")
    assert_grounded(briefs, figure)
    person = await briefs.ask("Who is the trade minister in the Chile talks?", ME)
    assert "Alberto van Klaveren" in person.text.splitlines()[0]
    volume = await briefs.ask("How much fertiliser will Morocco ship to Ghana?", ME)
    assert "200,000 tonnes" in volume.text.splitlines()[0]
    assert_grounded(briefs, volume)


async def test_abstains_on_other_parties_and_off_topic(briefs: Tradebrief) -> None:
    for question in (
        "What did Brazil and Japan agree on steel?",
        "Which sectors did Kenya and Vietnam agree on?",
        "What is the best recipe for banana bread?",
        "How much copper did Peru export to China?",
    ):
        answer = await briefs.ask(question, ME)
        assert answer.abstained, question
        assert answer.citations == () and not markers(answer.text)
        assert "nothing in the stored articles" in answer.text


async def test_filters_narrow_the_evidence(briefs: Tradebrief) -> None:
    answer = await briefs.ask("what was agreed?", ME, Filters(countries=("Ghana",)))
    assert not answer.abstained
    assert {c.source for c in answer.citations} == {"West Africa Ledger"}
    old = await briefs.ask("what was agreed?", ME, Filters(since="2025-01-01", sources=("Andes",)))
    assert old.abstained  # the Andes brief is from 2024


async def test_input_checks_rate_limit_and_access(briefs: Tradebrief) -> None:
    with pytest.raises(BadRequest, match="type a question"):
        await briefs.ask("   ", ME)
    with pytest.raises(BadRequest, match="under 500"):
        await briefs.ask("tariffs " * 100, ME)
    hasty = Asker("telegram", "42", "42")
    for _ in range(briefs.settings.rate_limit_per_minute):
        await briefs.ask("what was agreed?", hasty)
    with pytest.raises(RateLimited, match="please wait"):
        await briefs.ask("what was agreed?", hasty)
    await briefs.ask("what was agreed?", Asker("telegram", "43", "43"))  # others are not slowed


async def test_allowlists_and_admin_rules(tmp_path: Path, seed_path: Path, stores: Stores) -> None:

    settings = stores.settings(tmp_path / "s.json", telegram_allowed_chats=("100",), telegram_admin_ids=("7",))
    store = open_store(settings.store_location)
    service = Tradebrief(settings, store)
    with pytest.raises(AccessDenied, match="not available here"):
        await service.ask("what was agreed?", Asker("telegram", "7", "999"))
    with pytest.raises(AccessDenied, match="Only administrators"):
        await service.add("https://example.org/x", Asker("telegram", "8", "100"))
    with pytest.raises(AccessDenied):
        service.overview(Asker("web", "x", "y"))  # an unknown platform is never allowed
    assert service.is_admin(Asker("telegram", "7", "100"))
    assert not service.is_admin(Asker("telegram", "7", "999"))  # an admin outside allowed chats
    await service.aclose()
    store.close()


def test_rate_limiter_forgets_people_who_stopped_asking() -> None:
    from bot.service import RateLimiter

    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    for n in range(10_001):
        limiter.check(f"user{n}")
    assert len(limiter._hits) == 10_001
    now[0] = 61.0
    limiter.check("newcomer")
    assert set(limiter._hits) == {"newcomer"}
    limiter.check("newcomer")
    with pytest.raises(RateLimited):
        limiter.check("newcomer")


async def test_new_articles_are_indexed_off_the_loop_and_then_answered(service: Tradebrief, tmp_path: Path) -> None:
    service.retriever.warm()
    brief = tmp_path / "salmon.txt"
    brief.write_text(
        "Norway ships more salmon to Vietnam\nSource: Nordic Seafood Wire\ndate 2025-06-01\n\n"
        "Norway agreed to ship 40,000 tonnes of farmed salmon a year to Vietnam from July.\n",
        encoding="utf-8",
    )
    await service.ingestor().ingest([str(brief)])
    assert service.retriever._seen_revision != service.store.revision
    await service.retriever.refresh_async()
    assert service.retriever._seen_revision == service.store.revision  # caught up, in a thread
    after = await service.ask("How much salmon will Norway ship to Vietnam?", ME)
    assert not after.abstained and "40,000 tonnes" in after.text
    assert after.citations[0].source == "Nordic Seafood Wire"
