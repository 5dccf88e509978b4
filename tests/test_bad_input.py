"""Malformed updates, unknown callbacks and huge messages: ignored with a log line, never a crash.

Already covered elsewhere (not repeated here): a message without a sender, a sticker, an edited
message, a 4,095-character message, expired, unknown and missing callback data, a webhook body that
is not JSON or has the wrong secret (test_telegram.py); a Slack body that is neither JSON nor a form,
bad signatures and stale timestamps, bot and edited messages (test_slack.py).

Added here: updates python-telegram-bot cannot parse, in polling mode (they used to stall the bot)
and in webhook mode; webhook bodies that are JSON but not updates; a button press on a message the
bot cannot see; a maximal message in UTF-16 terms; a Slack interaction the app has no listener for,
an event it does not handle, a mention without a user, and a body over the size limit.
"""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from adapters.telegram.handlers import STALE_BUTTON
from tests.fakes.running import slack_bot, telegram_bot
from tests.fakes.slack_api import FakeSlack, app_mention_payload, slash_command
from tests.fakes.telegram_api import FakeTelegram, make_callback_update, make_message_update, parse_telegram_html
from tests.stores import Stores

USER = 5001
MALFORMED = [
    {"message": "not an object"},
    {"message": {"message_id": "seven", "chat": 5}},  # no date, a chat that is not an object
    {"callback_query": {"id": 5}},  # no sender, no chat_instance
    {"edited_channel_post": {"message_id": 1, "date": "yesterday", "chat": {"id": -1}}},
]


@pytest.fixture
async def tg() -> Any:
    async with FakeTelegram() as fake:
        yield fake


async def test_updates_that_cannot_be_parsed_are_skipped_while_polling(
    tg: FakeTelegram, tmp_path: Path, seed_path: Path, caplog: pytest.LogCaptureFixture, stores: Stores
) -> None:
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path]) as bot:
        with caplog.at_level(logging.WARNING):
            bad_ids = [await tg.push_update(update) for update in MALFORMED]
            await bot.say("/help")
            [reply] = await tg.wait_sent(USER)
    assert "How to ask" in parse_telegram_html(reply.text)
    for update_id in bad_ids:
        assert f"malformed update {update_id} ignored" in caplog.text
    assert len(tg.of("getUpdates")) < 10  # polled on as usual, not in a tight loop on the bad batch


async def test_webhook_bodies_that_are_not_updates_are_refused_and_bad_updates_skipped(
    tg: FakeTelegram, tmp_path: Path, seed_path: Path, caplog: pytest.LogCaptureFixture, stores: Stores
) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/telegram/webhook"
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path], telegram_webhook_url=url,
                            telegram_webhook_secret="webhook-secret-1") as bot:
        app = web.Application()
        app.add_routes(bot.adapter.routes())
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        headers = {"X-Telegram-Bot-Api-Secret-Token": "webhook-secret-1", "Content-Type": "application/json"}
        try:
            async with aiohttp.ClientSession() as http:

                async def post(body: Any) -> int:
                    async with http.post(url, data=json.dumps(body), headers=headers) as response:
                        return response.status

                with caplog.at_level(logging.WARNING):
                    assert await post([1, 2, 3]) == 400
                    assert await post({"message": {"text": "no update id"}}) == 400
                    assert await post({"update_id": "12", "message": {}}) == 400
                    for n, update in enumerate(MALFORMED, start=900):
                        assert await post({"update_id": n, **update}) == 200  # or Telegram resends it for ever
                assert await tg.post_to_webhook(make_message_update("/help")) == 200
                [reply] = await tg.wait_sent(USER)
        finally:
            await runner.cleanup()
            sock.close()
    assert "How to ask" in parse_telegram_html(reply.text)
    assert caplog.text.count("not an update (no update_id)") == 3
    assert all(f"malformed update {n} ignored" in caplog.text for n in range(900, 900 + len(MALFORMED)))


async def test_a_button_on_a_message_the_bot_cannot_see_is_answered_and_logged(
    tg: FakeTelegram, tmp_path: Path, seed_path: Path, caplog: pytest.LogCaptureFixture, stores: Stores
) -> None:
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path]) as bot:
        press = make_callback_update("src:AAAAAAAA", {"message_id": 1})
        query = press["callback_query"]
        del query["message"]
        query["inline_message_id"] = "inline-1"  # a button under an inline message: no chat, no message
        with caplog.at_level(logging.WARNING):
            await tg.push_update(press)
            [answer] = await tg.wait_for(lambda c: c.method == "answerCallbackQuery")
        assert answer.params.get("text") == STALE_BUTTON
        assert "without an accessible message; ignored" in caplog.text
        assert not tg.sent() and bot.adapter.running


async def test_the_longest_message_telegram_allows_gets_one_line(
    tg: FakeTelegram, tmp_path: Path, seed_path: Path, stores: Stores
) -> None:
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path]) as bot:
        await bot.say("🚢" * 2048)  # 4,096 UTF-16 units: as long as Telegram lets a message be
        await bot.say("/ask " + "tariffs on steel? " * 227)  # 4,091 characters through a command
        replies = await tg.wait_sent(USER, count=2)
    for reply in replies:
        text = parse_telegram_html(reply.text)
        assert "characters long" in text and "\n" not in text


# ---- Slack --------------------------------------------------------------------------------------

def _block_action(action_id: str) -> str:
    payload = {
        "type": "block_actions", "team": {"id": "T0TEAM", "domain": "fake-team"},
        "user": {"id": "U0ASKER", "team_id": "T0TEAM"}, "api_app_id": "A0APP", "token": "legacy",
        "trigger_id": "1.2.3", "channel": {"id": "C0GENERAL", "name": "general"},
        "container": {"type": "message", "message_ts": "1712750000.000200", "channel_id": "C0GENERAL"},
        "actions": [{"action_id": action_id, "block_id": "b1", "type": "button", "value": "x" * 2000,
                     "action_ts": "1712750001.000100"}],
        "response_url": "http://127.0.0.1:9/never",
    }
    return "payload=" + json.dumps(payload)


async def test_slack_inputs_the_app_does_not_handle_are_ignored_with_a_log_line(
    tmp_path: Path, seed_path: Path, caplog: pytest.LogCaptureFixture, stores: Stores
) -> None:
    fake = await FakeSlack().start()
    try:
        async with slack_bot(fake, stores.location(tmp_path / "s.json"), [seed_path]) as bot:
            form, json_type = "application/x-www-form-urlencoded", "application/json"
            with caplog.at_level(logging.INFO):
                # A button the app never sent (no listener): refused by Bolt, logged, nothing posted.
                status, _ = await bot.post(_block_action("delete_everything"), form)
                assert status == 404
                # An event type the app does not handle, and a mention without a user.
                reaction = app_mention_payload("x")
                reaction["event"] = {"type": "reaction_added", "user": "U0ASKER", "reaction": "thumbsup",
                                     "item": {"type": "message", "channel": "C0GENERAL", "ts": "1.2"}}
                assert (await bot.post(json.dumps(reaction), json_type))[0] == 404
                anonymous = app_mention_payload("which sectors were agreed?")
                del anonymous["event"]["user"]
                assert (await bot.post(json.dumps(anonymous), json_type))[0] == 200
                # A body over the HTTP server's 1 MB limit.
                huge = slash_command("tariffs " * 200_000, response_url=fake.response_url())
                assert (await bot.post(huge, form))[0] == 413
            # Still serving: a normal command is answered.
            url = fake.response_url()
            assert (await bot.post(slash_command("which sectors were agreed?", response_url=url), form))[0] == 200
            await fake.wait_for("response")
            async with bot.http.get(bot.base + "/healthz") as health:
                assert health.status == 200
    finally:
        await fake.close()
    assert not fake.calls_to("chat.postMessage") and not fake.calls_to("chat.postEphemeral")
    assert "ignored a mention without channel, user or ts" in caplog.text
    assert "Unhandled request" in caplog.text  # Bolt's own line for the button and the reaction
