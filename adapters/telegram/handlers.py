"""Telegram updates to core commands, and the core's replies back to Telegram messages.

Nothing here decides who may do what, what a command does or what the answer is: every command and
its error policy live in `bot.commands` (one table for every platform). What is here is Telegram's
side of the conversation: which messages are addressed to the bot, the typing indicator, the "Show
sources" button, and the error handler for failures of Telegram itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.commands import APOLOGY, COMMANDS, Commands, Intent, Reply, render
from bot.errors import AccessDenied
from bot.models import Asker
from bot.service import Tradebrief

from .render import TelegramHTML, esc, render_answer
from .brief import send_brief
from .sending import Sender
from .shelf import SourcesShelf, parse_sources_key
from .split import TELEGRAM_LIMIT, split_html, utf16_len

__all__ = ["APOLOGY", "BOT_MENU", "EXPIRED", "Handlers", "asker_of"]

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

EXPIRED = "This answer has expired; ask again."
STALE_BUTTON = "This button no longer works."
TYPING_EVERY = 4.5  # Telegram shows "typing…" for about five seconds per action

# The bot's command menu, from the core's one table.
BOT_MENU: tuple[tuple[str, str], ...] = tuple(
    (c.name, f"{c.summary[0].upper()}{c.summary[1:]}" + (f": /{c.name} {c.args}" if c.args else ""))
    for c in COMMANDS
) + (("start", "Start here"),)


def asker_of(update: Update) -> Asker | None:
    """Who is asking and where, or None for updates without a user and a chat."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    return Asker(
        platform="telegram",
        user_id=str(user.id),
        place=str(chat.id),
        is_private=chat.type == ChatType.PRIVATE,
    )


def _reply_to(update: Update) -> int | None:
    """In groups the bot answers as a reply to the message that asked; in private chats it need not."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or chat.type == ChatType.PRIVATE:
        return None
    return message.message_id


def _command_name(message: Message) -> str:
    """The command word without its slash and bot name (`/Facts@Bot` -> `facts`)."""
    word = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    return word.lstrip("/").split("@", 1)[0].lower()


def _argument(message: Message) -> str:
    """The text after the command (`/ask@Bot which sectors?` -> `which sectors?`)."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            return text[len(message.parse_entity(entity)) :].strip()
    return text.partition(" ")[2].strip()


class Handlers:
    """The adapter's conversation: one method per command, plus questions, buttons and errors."""

    def __init__(self, service: Tradebrief, sender: Sender, shelf: SourcesShelf) -> None:
        self.service = service
        self.commands = Commands(service)
        self.sender = sender
        self.shelf = shelf

    # ---- wiring ---------------------------------------------------------------------------------
    def register(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        message_only = filters.UpdateType.MESSAGE
        names = [name for c in COMMANDS for name in (c.name, *c.aliases)]
        application.add_handler(CommandHandler(names, self.on_command, filters=message_only))
        application.add_handler(MessageHandler(message_only & filters.TEXT & ~filters.COMMAND, self.on_text))
        application.add_handler(MessageHandler(message_only & filters.COMMAND, self.on_unknown_command))
        application.add_handler(
            MessageHandler(message_only & ~filters.TEXT & filters.ChatType.PRIVATE, self.on_not_text)
        )
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_error_handler(self.on_error)

    @staticmethod
    def bot_commands() -> list[BotCommand]:
        return [BotCommand(name, description[:256]) for name, description in BOT_MENU]

    # ---- one way in for every command -------------------------------------------------------------
    async def run(self, update: Update, intent: Intent) -> None:
        """Check access first (a refused chat gets the polite line and nothing else), run the
        intent in the core (typing while it takes time), then render and send the reply."""
        asker = asker_of(update)
        chat = update.effective_chat
        if asker is None or chat is None or update.effective_message is None:
            log.info("ignored telegram update %s without a user, chat or message", update.update_id)
            return
        refused = self.commands.refusal(asker)
        if refused is not None:
            await self.reply(update, esc(refused.text))
            return
        slow = intent.name in ("ask", "digest", "brief") or (intent.name == "add" and self.service.is_admin(asker))
        if slow:
            async with self.typing(chat.id):
                reply = await self.commands.run(intent, asker)
        else:
            reply = await self.commands.run(intent, asker)
        await self.send(update, reply)

    async def send(self, update: Update, reply: Reply) -> None:
        if reply.brief is not None and not reply.failed and update.effective_chat is not None:
            # Cut at section borders, then the chart as a photo.
            await send_brief(self.sender, update.effective_chat.id, reply.brief, reply_to=_reply_to(update))
            return
        if reply.failed or reply.answer is None:
            await self.reply(update, self.render(reply))
            return
        await self.send_answer(update, reply)

    @staticmethod
    def render(reply: Reply) -> str:
        """A reply as Telegram HTML (answers go through `send_answer` for the sources button)."""
        return render(reply, TelegramHTML())

    async def reply(self, update: Update, html_text: str, **kwargs: Any) -> list[Message]:
        """Send to the update's chat; in groups, as a reply to the message that asked."""
        chat = update.effective_chat
        if chat is None:
            return []
        return await self.sender.send(chat.id, html_text, reply_to=_reply_to(update), **kwargs)

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" now and every few seconds until the block ends."""

        async def keep() -> None:
            while True:
                await asyncio.sleep(TYPING_EVERY)
                await self._typing_once(chat_id)

        await self._typing_once(chat_id)
        task = asyncio.create_task(keep())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _typing_once(self, chat_id: int) -> None:
        try:
            await self.sender.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:  # a missing indicator must never cost the answer
            log.debug("typing indicator for chat %s failed: %s", chat_id, exc)

    # ---- answers ----------------------------------------------------------------------------------
    async def send_answer(self, update: Update, reply: Reply) -> None:
        chat = update.effective_chat
        assert chat is not None and reply.answer is not None
        rendered = render_answer(reply.answer)
        if not rendered.collapsed:
            await self.reply(update, rendered.full)
            return
        # The body first; the button sits on its last part, which the button later expands.
        parts = split_html(rendered.body)
        head, base = parts[:-1], (parts[-1] if parts else "")
        noun = "source" if rendered.count == 1 else "sources"
        hint = f"<i>{rendered.count} {noun}: tap “Show sources”.</i>"
        if utf16_len(f"{base}\n\n{hint}") > TELEGRAM_LIMIT:
            head, base = parts, ""
        data = self.shelf.put(chat.id, base, rendered.sources)
        button = InlineKeyboardMarkup([[InlineKeyboardButton("Show sources", callback_data=data)]])
        last = f"{base}\n\n{hint}" if base else hint
        await self.sender.send_parts(chat.id, [*head, last], reply_markup=button, reply_to=_reply_to(update))

    async def on_command(self, update: Update, context: Context) -> None:
        """Any command of the core's table (`/name@Bot arg` too)."""
        message = update.effective_message
        if message is None:
            return
        intent = self.commands.parse(f"/{_command_name(message)} {_argument(message)}")
        await self.run(update, intent)

    async def on_text(self, update: Update, context: Context) -> None:
        """Plain text: a question in private chats; in groups only when addressed to the bot."""
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or message.text is None:
            return
        if chat.type != ChatType.PRIVATE:
            question = self._addressed(message, context)
            if question is None:
                return  # group chatter not meant for the bot
        else:
            question = message.text
        await self.run(update, Intent("ask", question))

    def _addressed(self, message: Message, context: Context) -> str | None:
        """The question in a group message meant for the bot (a mention or a reply), else None."""
        bot = context.bot
        username = (bot.username or "").lower()
        text = message.text or ""
        mentioned = False
        kinds = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        for entity, value in message.parse_entities(kinds).items():
            if entity.type == MessageEntity.MENTION and username and value.lower() == f"@{username}":
                mentioned = True
            elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
                mentioned = True
        replied = message.reply_to_message
        to_bot = bool(replied and replied.from_user and replied.from_user.id == bot.id)
        if not (mentioned or to_bot):
            return None
        if username:
            text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
        return text.strip(" ,:;\n\t")

    # ---- everything else --------------------------------------------------------------------------
    async def on_unknown_command(self, update: Update, context: Context) -> None:
        """Unknown commands get a hint in private chats; in groups they may be another bot's."""
        chat, message = update.effective_chat, update.effective_message
        if chat is None or message is None or chat.type != ChatType.PRIVATE:
            return
        await self.run(update, self.commands.parse((message.text or "/?").split(maxsplit=1)[0]))

    async def on_not_text(self, update: Update, context: Context) -> None:
        """Stickers, photos, voice... in a private chat: say what works instead."""
        log.info("ignored a non-text message in update %s", update.update_id)
        asker = asker_of(update)
        if asker is None:
            return
        refused = self.commands.refusal(asker)
        await self.reply(update, esc(refused.text if refused else "I can only read text. Type a question, or /help."))

    async def on_button(self, update: Update, context: Context) -> None:
        """A press on "Show sources": check access, then expand the message in place."""
        query = update.callback_query
        if query is None:
            return
        asker = asker_of(update)
        message = query.message
        if asker is None or message is None or not isinstance(message, Message):
            log.warning("callback in update %s without an accessible message; ignored", update.update_id)
            await self._answer_query(update, STALE_BUTTON)
            return
        try:
            self.service.check_access(asker)
        except AccessDenied as exc:
            await self._answer_query(update, str(exc))
            return
        key = parse_sources_key(query.data)
        if key is None:
            data = (query.data or "")[:80]
            log.warning("unknown callback data %r in update %s; ignored", data, update.update_id)
            await self._answer_query(update, STALE_BUTTON)
            return
        entry = self.shelf.get(key, message.chat.id)
        if entry is None:
            await self._answer_query(update, EXPIRED)
            return
        await self._answer_query(update, None)
        await self.sender.replace(message.chat.id, message.message_id, entry.expanded)
        self.shelf.discard(key)

    async def _answer_query(self, update: Update, text: str | None) -> None:
        query = update.callback_query
        if query is None:
            return

        async def answer() -> bool:
            return await query.answer(text=text[:200] if text else None)

        await self.sender.call(answer, "answerCallbackQuery")

    async def on_error(self, update: object, context: Context) -> None:
        """The one error handler: a log line with the update id and an apology, never silence."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        log.error(
            "telegram update %s failed: %s: %s", update_id, type(error).__name__, error,
            exc_info=error if not isinstance(error, TelegramError) else None,
        )
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if isinstance(error, Forbidden):
            return  # the bot may not write there at all
        try:
            if update.callback_query is not None:
                try:
                    await self._answer_query(update, APOLOGY)
                    return
                except TelegramError:  # already answered or too old: say it in the chat instead
                    pass
            await self.reply(update, esc(APOLOGY))
        except Exception as exc:  # the apology failing must not raise from the error handler
            log.warning("could not send the apology for update %s: %s", update_id, exc)
