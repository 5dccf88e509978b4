"""`brief` end to end in each chat: console `/brief`, Telegram `/brief` (messages, then the chart as a
photo), Slack `/trade brief` (ack, response URL, chart upload only where everybody sees the brief)
and a bare `brief ...` in a Slack DM. Real adapters against the local fake servers in tests/fakes,
over a store of the own-words fixtures in tests/fixtures/briefs."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.console import ConsoleAdapter
from adapters.runner import Runner
from adapters.slack import SlackAdapter
from adapters.telegram import TelegramAdapter
from adapters.telegram.sending import RetryPolicy
from bot.models import CONSOLE_ASKER
from bot.storage_port import open_store
from bot.service import Tradebrief
from tests.fakes.slack_api import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    block_problems,
    direct_message,
    sign,
    slash_command,
    text_objects,
)
from tests.fakes.telegram_api import TOKEN, FakeTelegram, make_message_update, parse_telegram_html
from tests.stores import Stores

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "briefs"
STORIES = ("pk-by-commission", "pk-by-followup", "pk-by-trade-figures")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHAT = 7001


async def _service(stores: Stores, tmp_path: Path, **overrides: Any) -> Tradebrief:
    settings = stores.settings(tmp_path / "adapters.json", load_samples=False, rate_limit_per_minute=100,
                             **overrides)
    service = Tradebrief(settings, open_store(settings.store_location))
    report = await service.ingestor().ingest([str(FIXTURES / f"{name}.txt") for name in STORIES])
    assert len(report.stored) == len(STORIES), report
    return service


async def _close(service: Tradebrief) -> None:
    await service.aclose()
    service.store.close()


# ---- console ----------------------------------------------------------------------------------------
async def test_console_brief_and_help(tmp_path: Path, stores: Stores) -> None:
    service = await _service(stores, tmp_path)
    try:
        console = ConsoleAdapter(service, asker=CONSOLE_ASKER)
        text = await console.handle("/brief Pakistan Belarus")
        empty = await console.handle("/brief Kenya")
        blank = await console.handle("/brief")
        help_text = await console.handle("/help")
    finally:
        await _close(service)
    assert text is not None and text.startswith("Brief: Pakistan–Belarus\nBuilt from 3 articles from 3 sources")
    for heading in ("Summary", "Timeline", "Sectors and products", "Figures", "People", "Open items", "Sources"):
        assert f"\n{heading}\n" in text
    assert "- tractor production — agreed for cooperation" in text and "(also reported by Second Desk)" in text
    assert "Chart (Bilateral trade (USD);" in text and "2022: $41m [" in text
    assert empty is not None and empty.startswith("Nothing is stored about “Kenya”.\nClosest topics in the store:")
    assert blank is not None and blank.startswith("Name a topic for the brief")
    assert help_text is not None and "/brief TOPIC" in help_text


# ---- Telegram ---------------------------------------------------------------------------------------
async def test_telegram_brief_command_sends_messages_then_the_chart(tmp_path: Path, stores: Stores) -> None:
    async with FakeTelegram() as tg:
        service = await _service(stores, tmp_path, telegram_token=TOKEN, telegram_base_url=tg.base_url)
        adapter = TelegramAdapter(service, service.settings, poll_timeout=1, request_timeout=5,
                                  retry=RetryPolicy(attempts=3, max_wait=5, backoff=0.05))
        await adapter.start()
        try:
            await tg.push_update(make_message_update("/brief Pakistan Belarus", chat_id=CHAT, user_id=CHAT))
            await tg.wait_for(lambda c: c.method == "sendPhoto" and c.status == 200)
            await tg.push_update(make_message_update("/brief Atlantis", chat_id=CHAT, user_id=CHAT))
            sent = await tg.wait_sent(CHAT, count=2)
            while not any("Atlantis" in parse_telegram_html(c.text) for c in sent):
                sent = await tg.wait_sent(CHAT, count=len(sent) + 1)
        finally:
            await adapter.stop()
            await _close(service)
        assert not [c for c in tg.rejected if c.method != "getUpdates"]
        assert "brief" in {c["command"] for c in tg.commands}
    texts = [parse_telegram_html(c.text) for c in sent]
    assert texts[0].startswith("Brief: Pakistan–Belarus")
    brief_texts = [t for t in texts if "Atlantis" not in t]
    assert any("tractor production" in t for t in brief_texts) and any("Sources" in t for t in brief_texts)
    [(chat, png, caption)] = tg.photos
    assert chat == CHAT and png.startswith(PNG_MAGIC) and "2024: $73m" in caption
    photo = tg.of("sendPhoto")[0]
    assert all(photo.at >= c.at for c in sent if "Atlantis" not in parse_telegram_html(c.text))
    assert texts[-1].startswith("Brief: Atlantis\nNothing is stored about “Atlantis”.\nClosest topics in the store: ")


# ---- Slack ------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def slack_bot(tmp_path: Path, stores: Stores) -> AsyncIterator[tuple[str, FakeSlack, aiohttp.ClientSession]]:
    fake = await FakeSlack().start()
    port = _free_port()
    service = await _service(stores, tmp_path, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                             slack_base_url=fake.api_url, http_host="127.0.0.1", http_port=port)
    runner = Runner(service.settings, service, [SlackAdapter(service, service.settings)])
    await runner.start()
    http = aiohttp.ClientSession()
    yield f"http://127.0.0.1:{port}", fake, http
    await http.close()
    await runner.stop()
    await _close(service)
    await fake.close()


async def _post(base: str, http: aiohttp.ClientSession, body: str, content_type: str) -> tuple[int, str]:
    async with http.post(f"{base}/slack/events", data=body.encode(),
                         headers={"Content-Type": content_type, **sign(body)}) as response:
        return response.status, await response.text()


def _texts(blocks: Any) -> str:
    return "\n".join(obj["text"] for obj in text_objects(blocks))


async def test_slack_private_brief_goes_to_the_response_url_without_an_upload(slack_bot) -> None:  # type: ignore[no-untyped-def]
    base, fake, http = slack_bot
    url = fake.response_url()
    status, ack = await _post(base, http, slash_command("brief Pakistan Belarus", response_url=url),
                              "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(ack)["text"] == "Putting the brief together…"
    [reply] = await fake.wait_for("response", where=lambda c: c.path == url.removeprefix(fake.url))
    assert reply.body["response_type"] == "ephemeral" and reply.body["replace_original"] is True
    assert not block_problems(reply.body["blocks"])
    text = _texts(reply.body["blocks"])
    assert "*Sectors and products*" in text and "tractor production" in text
    assert "2022: $41m [" in text  # the chart's values, written out: an upload would not be private
    assert fake.files == [] and not fake.calls_to("files.getUploadURLExternal")


async def test_slack_shared_brief_is_posted_in_the_channel_with_its_chart(slack_bot) -> None:  # type: ignore[no-untyped-def]
    base, fake, http = slack_bot
    url = fake.response_url()
    status, ack = await _post(base, http, slash_command("share brief Pakistan Belarus", response_url=url),
                              "application/x-www-form-urlencoded")
    assert status == 200 and ack == ""
    [reply] = await fake.wait_for("response", where=lambda c: c.path == url.removeprefix(fake.url))
    assert reply.body["response_type"] == "in_channel"
    assert "(uploaded as a picture)" in _texts(reply.body["blocks"])
    [uploaded] = fake.files
    assert uploaded["channel"] == "C0GENERAL" and uploaded["data"].startswith(PNG_MAGIC)


async def test_slack_bare_brief_in_a_direct_message(slack_bot) -> None:  # type: ignore[no-untyped-def]
    base, fake, http = slack_bot
    await _post(base, http, direct_message("brief Pakistan Belarus", event_id="Ev0BRIEF"), "application/json")
    [posted] = await fake.wait_for("chat.postMessage")
    assert posted.body["channel"] == "D0DIRECT" and not block_problems(posted.body["blocks"])
    assert "Brief: Pakistan–Belarus" in json.dumps(posted.body["blocks"], ensure_ascii=False)
    await fake.wait_for("files.completeUploadExternal")
    [uploaded] = fake.files
    assert uploaded["channel"] == "D0DIRECT" and uploaded["data"].startswith(PNG_MAGIC)


def test_the_slack_manifest_asks_for_file_uploads() -> None:
    manifest = json.loads((Path(__file__).resolve().parent.parent / "adapters" / "slack" / "manifest.json").read_text())
    assert "files:write" in manifest["oauth_config"]["scopes"]["bot"]  # the chart upload needs it
