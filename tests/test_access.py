"""Access on every path: allowlists and admin-only hold for every way a request can arrive.

Already covered elsewhere (not repeated here):
- Telegram: `/ask` in a chat not allowed, a "Show sources" press there, group chatter there
  (test_telegram.py::test_a_chat_not_allowed_gets_exactly_one_polite_line); `/add` by a non-admin
  (test_telegram.py::test_add_is_for_admins_only);
- Slack: a slash command and a mention in a channel not allowed, a slash command from a workspace
  not allowed (test_slack.py::test_disallowed_channel_gets_the_polite_line,
  test_disallowed_workspace_gets_the_polite_line);
- the core: subscribe, unsubscribe and digest_now refused, admins see every subscription
  (test_digest.py::test_access_rules_hold_for_digests); a Telegram chat removed from the allowlist
  gets no digest (test_scheduler.py::test_places_no_longer_allowed_and_missing_adapters_get_nothing).

Added here: every Telegram command, plain text, unknown commands, non-text messages, mentions and
replies in groups, an admin in a chat not allowed; Slack's other subcommands, direct messages (by
channel and by workspace); Slack digests to a channel or workspace removed from the allowlist.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.models import Asker
from bot.scheduler import Scheduler
from bot.service import DENIED_MESSAGE, Tradebrief
from bot.subscriptions import SubscriptionBook
from tests.fakes.digests import FakeClock, RecordingAdapter
from tests.fakes.running import telegram_bot, slack_bot
from tests.fakes.slack_api import FakeSlack, direct_message, slash_command
from tests.fakes.telegram_api import BOT_ID, BOT_USERNAME, FakeTelegram, parse_telegram_html
from tests.stores import Stores

ALLOWED, OUTSIDER, ADMIN = 777, 6001, 4242
STICKER = {"sticker": {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1,
                       "is_animated": False, "is_video": False, "type": "regular"}}


@pytest.fixture
async def tg() -> Any:
    async with FakeTelegram() as fake:
        yield fake


async def test_every_telegram_path_is_refused_outside_the_allowlist(
    tg: FakeTelegram, tmp_path: Path, seed_path: Path, stores: Stores
) -> None:
    async with telegram_bot(tg, stores.location(tmp_path / "s.json"), [seed_path], telegram_allowed_chats=str(ALLOWED),
                            telegram_admin_ids=str(ADMIN)) as bot:
        article = bot.service.store.articles()[0].id
        private = dict(chat_id=OUTSIDER, user_id=OUTSIDER)
        commands = ["/start", "/help", "/ask which sectors were agreed?", "/sources", f"/article {article}",
                    f"/facts {article}", "/subscribe 08:00 Europe/London", "/unsubscribe", "/digest",
                    "/add https://example.org/news", "/frobnicate", "which sectors were agreed?"]
        for text in commands:
            await bot.say(text, **private)
        await bot.say(None, extra=STICKER, **private)
        # An administrator is still refused in a chat that is not allowed.
        await bot.say("/add https://example.org/news", chat_id=OUTSIDER + 1, user_id=ADMIN)
        # In a group not allowed: a mention, a reply to the bot, and /ask are refused; chatter is ignored.
        group = dict(chat_id=-555, chat_type="supergroup", user_id=OUTSIDER)
        bots_message = {"message_id": 1, "date": int(time.time()), "chat": {"id": -555, "type": "supergroup", "title": "x"},
                        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Tradebrief", "username": BOT_USERNAME},
                        "text": "an earlier answer"}
        await bot.say(f"@{BOT_USERNAME} which sectors were agreed?", **group)
        await bot.say("and which sectors were agreed?", reply_to=bots_message, **group)
        await bot.say("/ask which sectors were agreed?", **group)
        await bot.say("which sectors were agreed?", **group)

        refused = await tg.wait_sent(OUTSIDER, count=len(commands) + 1)
        [admin] = await tg.wait_sent(OUTSIDER + 1)
        in_group = await tg.wait_sent(-555, count=3)
        await bot.say("/help", chat_id=ALLOWED, user_id=OUTSIDER)  # the allowed chat still works
        [welcome] = await tg.wait_sent(ALLOWED)
        await asyncio.sleep(0.2)  # nothing more arrives in the refused chats
        assert len(tg.sent(OUTSIDER)) == len(commands) + 1 and len(tg.sent(-555)) == 3
        for reply in [*refused, admin, *in_group]:
            assert parse_telegram_html(reply.text) == DENIED_MESSAGE
        assert "How to ask" in parse_telegram_html(welcome.text)
        assert not tg.of("sendChatAction")  # refused before any typing indicator
        assert SubscriptionBook(bot.service.store).all() == [] and len(bot.service.store) == 1


async def test_every_slack_path_is_refused_outside_the_allowlist(tmp_path: Path, seed_path: Path, stores: Stores) -> None:
    fake = await FakeSlack().start()
    try:
        async with slack_bot(fake, stores.location(tmp_path / "s.json"), [seed_path], slack_allowed_channels="C0ALLOWED") as bot:
            form = "application/x-www-form-urlencoded"
            for text in ("sources", "subscribe 08:00 Europe/London", "unsubscribe", "digest",
                         "share which sectors were agreed?", "private which sectors were agreed?"):
                status, ack = await bot.post(slash_command(text, response_url=fake.response_url()), form)
                assert status == 200 and DENIED_MESSAGE in ack, (text, ack)
            # A DM is a channel too: with a channel allowlist, an unlisted DM is refused (in the DM).
            await bot.post(direct_message("which sectors were agreed?", event_id="Ev0DMX"), "application/json")
            [dm] = await fake.wait_for("chat.postMessage")
            assert dm.body["channel"] == "D0DIRECT" and dm.body["text"] == DENIED_MESSAGE
            assert SubscriptionBook(bot.service.store).all() == []
            assert not fake.calls_to("response")  # nothing was answered through a response URL

        async with slack_bot(fake, stores.location(tmp_path / "t.json"), [seed_path], slack_allowed_teams="T0OTHER") as bot:
            await bot.post(direct_message("help", event_id="Ev0DMY"), "application/json")
            replies = await fake.wait_for("chat.postMessage", count=2)
            assert replies[1].body["text"] == DENIED_MESSAGE  # a DM from a workspace not allowed
    finally:
        await fake.close()


async def test_slack_digests_stop_when_the_channel_or_workspace_leaves_the_allowlist(tmp_path: Path, stores: Stores) -> None:
    clock = FakeClock(datetime(2025, 6, 9, 12, 0, tzinfo=UTC))
    db = tmp_path / "s.json"
    with stores.open(db) as store:
        service = Tradebrief(stores.settings(db), store, clock=clock)
        for channel, team in (("C1", "T1"), ("C2", "T1"), ("C3", "T2")):
            await service.subscribe(Asker("slack", "U1", channel, is_private=False, team=team), "08:00 UTC")
        await service.aclose()

    clock.set(datetime(2025, 6, 10, 8, 0, tzinfo=UTC))
    slack = RecordingAdapter("slack", clock=clock)
    for policy, sent in (({"slack_allowed_channels": "C1,C3"}, {"C1", "C3"}), ({"slack_allowed_teams": "T2"}, {"C3"})):
        with stores.open(db) as store:
            service = Tradebrief(stores.settings(db, **policy), store, clock=clock)
            results = await Scheduler(service, [slack], clock=clock, sleep=clock.sleep).send_all_now(force=True)
            await service.aclose()
        delivered = {slack.pop().place for _ in range(len(slack.delivered))}
        assert delivered == sent, policy
        assert {r.subscription_id for r in results if r.status == "refused"} == {f"slack:{c}" for c in {"C1", "C2", "C3"} - sent}
