"""Every chat command once, against the core, through the push/pop chat (no platform, no rendering).

The per-platform tests (test_telegram, test_slack, test_console) check rendering and transport; this
file checks what each command does and the one error policy all of them share.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.commands import APOLOGY, COMMANDS, NOT_SUBSCRIBED, UNSUBSCRIBED, Renderer, help_text, parse, render
from bot.models import Asker
from bot.service import Tradebrief
from tests.fakes.chat import PushPopChat
from tests.fakes.web import local_site, page

CONSOLE = Asker(platform="console", user_id="local", place="console")
MEMBER = Asker(platform="telegram", user_id="42", place="42")  # not an administrator
OUTSIDER = Asker(platform="telegram", user_id="7", place="-999")  # a chat not on the allowlist

PAGE = """<html><head><title>Lake ports agree a grain corridor</title></head><body><article>
<h1>Lake ports agree a grain corridor</h1>
<p>Published 2025-05-02 by the Inland Shipping Note.</p>
<p>Three lake ports agreed on Friday to run a shared grain corridor for barley and sorghum shipments.</p>
<p>Port fees for grain barges fall by 12% from June under the corridor agreement, the harbour board said.</p>
<p>Officials expect the corridor to carry 400,000 tonnes in its first season.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Inland Shipping Note</title>
<item><title>Barge fees</title><link>http://example.invalid/a</link><description>x</description></item>
</channel></rss>"""


@pytest.fixture
def settings(tmp_path: Path, stores):  # type: ignore[no-untyped-def]
    """Local pages may be added; Telegram is limited to chat 42 (the member's)."""
    return stores.settings(tmp_path / "store.json", allow_private_urls=True, telegram_allowed_chats="42")


@pytest.fixture
def chat(service: Tradebrief) -> PushPopChat:
    return PushPopChat(service, CONSOLE)


@pytest.fixture
async def site() -> AsyncIterator[str]:
    async with local_site({"/grain.html": page(PAGE), "/feed.xml": page(FEED, "application/rss+xml")}) as base:
        yield base


async def test_help_is_generated_from_the_one_table(chat: PushPopChat) -> None:
    reply = await chat.say("/help")
    assert not reply.failed and reply.overview is not None and reply.overview.articles == 1
    for command in COMMANDS:
        if command.name != "ask":
            assert f"/{command.name}" in reply.text, command.name
    assert (await chat.say("/start")).text == reply.text  # an alias of help
    assert "/trade sources" in help_text("/trade ")


async def test_a_plain_line_is_a_question_answered_with_citations(chat: PushPopChat, service: Tradebrief) -> None:
    reply = await chat.say("which sectors were agreed?")
    assert reply.intent == "ask" and reply.answer is not None and reply.answer.citations
    for citation in reply.answer.citations:
        stored = service.store.sentence(citation.sentence_id)
        assert stored is not None and stored.text == citation.quote
    assert (await chat.say("/ask which sectors were agreed?")).answer == reply.answer


async def test_sources_article_and_facts(chat: PushPopChat, service: Tradebrief) -> None:
    sources = await chat.say("/sources")
    [article] = sources.articles
    assert article.id == service.store.articles()[0].id

    shown = await chat.say(f"/article {article.id[:8]}")
    assert shown.article == article and [s.position for s in shown.sentences][:2] == [1, 2]

    facts = await chat.say(f"/facts {article.id[:8]}")
    assert facts.facts and {f.article_id for f in facts.facts} == {article.id}

    missing = await chat.say("/article")
    assert missing.error == "user" and "/sources" in missing.text


async def test_add_is_for_administrators(service: Tradebrief, site: str) -> None:
    chat = PushPopChat(service, CONSOLE)
    refused = await chat.say(f"/add {site}/grain.html", MEMBER)
    assert refused.error == "user" and refused.text == "Only administrators can add articles."
    assert len(service.store) == 1

    added = await chat.say(f"/add {site}/grain.html")
    assert added.report is not None and len(added.report.stored) == 1
    answer = await chat.say("how much do port fees for grain barges fall?")
    assert answer.answer is not None and "12%" in answer.answer.text


async def test_feeds_list_add_and_remove(chat: PushPopChat, site: str) -> None:
    assert (await chat.say("/feeds")).feeds == ()
    added = await chat.say(f"/feeds add {site}/feed.xml")
    assert [f.url for f in added.feeds] == [f"{site}/feed.xml"] and added.text.startswith("Added")
    assert (await chat.say(f"/feeds add {site}/feed.xml")).text.startswith("Already polled")
    refused = await chat.say(f"/feeds remove {site}/feed.xml", MEMBER)
    assert refused.error == "user" and "administrators" in refused.text
    removed = await chat.say(f"/feeds remove {site}/feed.xml")
    assert removed.feeds == () and removed.text.startswith("Removed")


async def test_subscribe_digest_and_unsubscribe(chat: PushPopChat) -> None:
    subscribed = await chat.say("/subscribe 07:30 Europe/Berlin")
    assert subscribed.subscription is not None and subscribed.subscription.time == "07:30"
    digest = await chat.say("/digest")
    assert digest.digest is not None
    assert (await chat.say("/unsubscribe")).text == UNSUBSCRIBED
    assert (await chat.say("/unsubscribe")).text == NOT_SUBSCRIBED
    bad = await chat.say("/subscribe 31:00")
    assert bad.error == "user" and "\n" not in bad.text


async def test_unknown_commands_and_bad_input_get_one_line(chat: PushPopChat) -> None:
    unknown = await chat.say("/frobnicate now")
    assert unknown.error == "user" and unknown.text == "I don't know /frobnicate. /help lists what I can do."
    empty = await chat.say("/ask")
    assert empty.error == "user" and empty.text.startswith("Please type a question")


@pytest.mark.parametrize("line", ["/help", "/sources", "/article 1a2b", "/facts 1a2b", "/add https://example.org/",
                                  "/feeds", "/subscribe", "/unsubscribe", "/digest", "which sectors?", "/frobnicate"])
async def test_a_place_not_allowed_gets_the_polite_line_for_every_command(chat: PushPopChat, line: str) -> None:
    reply = await chat.say(line, OUTSIDER)
    assert reply.error == "user" and reply.text.startswith("Sorry, this bot is not available here")


class BrokenAnswerer:
    async def answer(self, question: str, filters: object = None, *, conversation: object = None) -> object:
        raise RuntimeError("the index is on fire")


async def test_a_bug_becomes_the_one_apology_and_a_log_line(
    service: Tradebrief, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Tradebrief(service.settings, service.store, answerer=BrokenAnswerer())  # type: ignore[arg-type]
    chat = PushPopChat(broken, CONSOLE)
    with caplog.at_level(logging.ERROR, logger="bot.commands"):
        reply = await chat.say("which sectors were agreed?")
    assert reply.error == "bug" and reply.text == APOLOGY
    assert "ask command from console user local in console failed: RuntimeError" in caplog.text
    assert (await chat.say("/sources")).articles  # the next command works


def test_bare_words_are_commands_only_when_the_rest_fits() -> None:
    assert parse("facts 5c3e", bare=True).name == "facts"
    assert parse("facts about steel?", bare=True).name == "ask"
    assert parse("sources", bare=True).name == "sources"
    assert parse("sources of the steel news?", bare=True).name == "ask"
    assert parse("add https://example.org/a", bare=True).name == "add"
    assert parse("add steel to the list?", bare=True).name == "ask"
    assert parse("/help", bare=False).name == "help" and parse("/Help@TradebriefBot").name == "help"
    assert parse("/help").arg == "" and parse("/article  5c3e ").arg == "5c3e"


async def test_slack_style_bare_chat_runs_the_same_commands(service: Tradebrief) -> None:
    chat = PushPopChat(service, Asker(platform="slack", user_id="U1", place="D1", team="T1"), bare=True,
                       prefix="/trade ")
    article = service.store.articles()[0]
    assert (await chat.say(f"article {article.id[:8]}")).article == article
    assert (await chat.say(f"facts {article.id[:8]}")).facts
    assert "/trade digest" in (await chat.say("help")).text
    assert (await chat.say("which sectors were agreed?")).answer is not None


class _Which:
    """A renderer that says which of its methods a reply went to."""

    def __getattr__(self, kind: str):  # type: ignore[no-untyped-def]
        if kind not in RENDERER_METHODS:
            raise AttributeError(kind)
        return lambda *args: kind


RENDERER_METHODS = sorted(n for n in vars(Renderer) if not n.startswith("_") and callable(getattr(Renderer, n)))


async def test_every_kind_of_reply_has_one_renderer_method_and_every_adapter_implements_them(
    chat: PushPopChat, service: Tradebrief, site: str
) -> None:
    from adapters.console import ConsoleText
    from adapters.slack.render import BlockKit
    from adapters.telegram.render import TelegramHTML

    article = service.store.articles()[0].id
    said = {
        "which sectors were agreed?": "answer", "/help": "help", "/sources": "sources",
        f"/article {article}": "article", f"/facts {article}": "facts", f"/add {site}/grain.html": "ingest",
        "/subscribe 07:30": "subscription", "/digest": "digest", "/feeds": "feeds", "/brief Pakistan": "brief",
        "/unsubscribe": "notice", "/frobnicate": "notice",
    }
    assert set(said.values()) == set(RENDERER_METHODS)  # the table below covers every kind there is
    renderers = (ConsoleText(), BlockKit("/trade"), TelegramHTML())
    for line, kind in said.items():
        reply = await chat.say(line)
        assert render(reply, _Which()) == kind, line
        for renderer in renderers:
            out = render(reply, renderer)
            assert out, (line, type(renderer).__name__)
