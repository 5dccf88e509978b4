"""A local fake of the Telegram Bot API, for tests that run the real python-telegram-bot stack.

The adapter talks HTTP to it exactly as it would to api.telegram.org (point `base_url` at
`FakeTelegram.base_url`). Like the real server it checks what it is sent: text over 4,096
characters is "message is too long", HTML outside Telegram's subset is "can't parse entities".
It records every call so a test can read what the bot said, and it can be told to answer with
flood control (429), "bot was blocked" (403) or "chat not found" (400) to exercise error paths.

Payload builders for incoming updates (`make_message_update`, `make_callback_update`) live here
too, so tests describe conversations, not JSON.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import ClientSession, web

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "TOKEN",
    "FakeTelegram",
    "Call",
    "HTMLRejected",
    "parse_telegram_html",
    "utf16_len",
    "make_message_update",
    "make_callback_update",
]

TOKEN = "123456789:FAKE-token-for-tests-only_abcdefghij"
BOT_ID = 123456789
BOT_USERNAME = "TradebriefTestBot"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Telegram's HTML subset, strictly
# ---------------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tag -> allowed attributes (None: any value; a set: allowed values)
_TAGS: dict[str, dict[str, set[str] | None]] = {
    "b": {}, "strong": {}, "i": {}, "em": {}, "u": {}, "ins": {}, "s": {}, "strike": {}, "del": {},
    "tg-spoiler": {}, "span": {"class": {"tg-spoiler"}}, "a": {"href": None},
    "code": {"class": None}, "pre": {}, "blockquote": {"expandable": None},
}
_LINK = re.compile(r"(https?|tg)://\S+", re.IGNORECASE)


class HTMLRejected(ValueError):
    """The text is not valid Telegram HTML; the message is the server's description tail."""


class _StrictParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []

    def _fail(self, why: str) -> None:
        line, col = self.getpos()
        raise HTMLRejected(f"{why} at byte offset {col} of line {line}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = _TAGS.get(tag)
        if allowed is None:
            self._fail(f"unsupported start tag \"{tag}\"")
            return
        names = [name for name, _ in attrs]
        if len(set(names)) != len(names):
            self._fail(f"duplicate attribute in tag \"{tag}\"")
        for name, value in attrs:
            if name not in allowed:
                self._fail(f"unsupported attribute \"{name}\" in tag \"{tag}\"")
            values = allowed[name]
            if values is not None and value not in values:
                self._fail(f"unsupported value of attribute \"{name}\" in tag \"{tag}\"")
        if tag == "a":
            href = dict(attrs).get("href")
            if not href or not _LINK.fullmatch(href):
                self._fail("wrong href in tag \"a\"")
            if "a" in self.stack:
                self._fail("nested links are not allowed")
        if tag == "span" and dict(attrs).get("class") != "tg-spoiler":
            self._fail("span needs class=\"tg-spoiler\"")
        inside = self.stack[-1] if self.stack else ""
        if inside in ("code", "pre") and not (tag == "code" and inside == "pre"):
            self._fail(f"tag \"{tag}\" can't be inside \"{self.stack[-1]}\"")
        if tag == "blockquote" and "blockquote" in self.stack:
            self._fail("nested blockquotes are not allowed")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fail(f"unsupported self-closing tag \"{tag}\"")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            self._fail(f"unexpected end tag \"{tag}\"")
        if self.stack[-1] != tag:
            self._fail(f"can't find end tag corresponding to start tag \"{self.stack[-1]}\"")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for bad in ("<", ">", "&"):
            if bad in data:
                self._fail(f"unescaped \"{bad}\" in text")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _NAMED:
            self._fail(f"unsupported entity \"&{name};\"")
        self.text.append(_NAMED[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        if not 0 < code <= 0x10FFFF:
            self._fail("invalid character reference")
        self.text.append(chr(code))

    def handle_comment(self, data: str) -> None:
        self._fail("comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self._fail("declarations are not supported")

    def unknown_decl(self, data: str) -> None:
        self._fail("declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self._fail("processing instructions are not supported")


def parse_telegram_html(text: str) -> str:
    """The plain text Telegram would show for `text` in HTML parse mode; raise `HTMLRejected`."""
    # Every "&" must start one of the entities Telegram knows, with its semicolon.
    for match in re.finditer("&", text):
        if not _ENTITY.match(text, match.start()):
            raise HTMLRejected(f"unsupported entity at byte offset {match.start()}")
    parser = _StrictParser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise HTMLRejected(f"can't find end tag corresponding to start tag \"{parser.stack[-1]}\"")
    return "".join(parser.text)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------------
# Payload builders
# ---------------------------------------------------------------------------------------------

_ids = itertools.count(1000)


def _user(user_id: int, first_name: str = "Ayesha", username: str | None = "ayesha") -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    return user


def _chat(chat_id: int, chat_type: str, user: dict[str, Any]) -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": user["first_name"]}
    return {"id": chat_id, "type": chat_type, "title": "Trade desk"}


def _entities(text: str) -> list[dict[str, Any]]:
    """What Telegram's client would mark up: a leading /command and @mentions (UTF-16 offsets)."""
    found = []
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for mention in re.finditer(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}", text):
        if command and mention.start() < command.end():
            continue
        found.append({
            "type": "mention",
            "offset": utf16_len(text[: mention.start()]),
            "length": utf16_len(mention.group()),
        })
    return found


def make_message_update(
    text: str | None,
    *,
    chat_id: int = 5001,
    user_id: int = 5001,
    chat_type: str = "private",
    first_name: str = "Ayesha",
    username: str | None = "ayesha",
    reply_to: dict[str, Any] | None = None,
    message_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An update carrying a user's message; `reply_to` is a message dict (e.g. one the bot sent)."""
    user = _user(user_id, first_name, username)
    message: dict[str, Any] = {
        "message_id": message_id or next(_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id, chat_type, user),
        "from": user,
    }
    if text is not None:
        message["text"] = text
        entities = _entities(text)
        if entities:
            message["entities"] = entities
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    if extra:
        message.update(extra)
    return {"message": message}


def make_callback_update(
    data: str | None,
    message: dict[str, Any],
    *,
    user_id: int = 5001,
    first_name: str = "Ayesha",
    username: str | None = "ayesha",
) -> dict[str, Any]:
    """An update for a press on an inline button of `message` (a message dict the bot sent)."""
    query: dict[str, Any] = {
        "id": str(next(_ids)),
        "from": _user(user_id, first_name, username),
        "chat_instance": "ci-1",
        "message": message,
    }
    if data is not None:
        query["data"] = data
    return {"callback_query": query}


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


@dataclass
class Call:
    """One request the bot made: the method name and its decoded parameters."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    status: int = 200
    result: Any = None  # what the fake answered (e.g. the sent message)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))


@dataclass
class _Fault:
    method: str | None
    chat_id: int | None
    status: int
    description: str
    retry_after: float | None
    times: int  # -1: for ever
    after: int = 0  # matching calls let through before the fault starts


_JSON_FIELDS = {
    "reply_markup", "commands", "allowed_updates", "entities", "reply_parameters",
    "link_preview_options", "scope",
}


class FakeTelegram:
    """A Bot API server on 127.0.0.1:<ephemeral>; use as `async with FakeTelegram() as tg`."""

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME, bot_id: int = BOT_ID) -> None:
        self.token = token
        self.me = {
            "id": bot_id, "is_bot": True, "first_name": "Tradebrief", "username": username,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.rejected: list[Call] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.photos: list[tuple[int, bytes, str]] = []  # (chat id, image bytes, caption as shown)
        self.commands: list[dict[str, str]] = []
        self.webhook: dict[str, Any] = {"url": "", "secret_token": ""}
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._next_message = 1
        self._chats: dict[int, dict[str, Any]] = {}
        self._faults: list[_Fault] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- lifecycle ----------------------------------------------------------------------------
    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("POST", "/bot{token}/{method}", self._dispatch)
        app.router.add_route("GET", "/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.05)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The value for python-telegram-bot's `base_url` (it appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- what tests do ------------------------------------------------------------------------
    async def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = dict(update)
        update.setdefault("update_id", self._next_update)
        self._next_update = max(self._next_update, update["update_id"]) + 1
        self._remember_chat(update)
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return int(update["update_id"])

    async def post_to_webhook(self, update: dict[str, Any], *, secret: str | None = None) -> int:
        """Deliver an update the way Telegram does in webhook mode; returns the HTTP status."""
        update = dict(update)
        update.setdefault("update_id", self._next_update)
        self._next_update = max(self._next_update, update["update_id"]) + 1
        self._remember_chat(update)
        headers = {}
        token = self.webhook.get("secret_token") if secret is None else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with ClientSession() as session:
            async with session.post(self.webhook["url"], json=update, headers=headers) as response:
                return response.status

    def fail(
        self,
        method: str | None = None,
        *,
        chat_id: int | None = None,
        status: int = 429,
        description: str | None = None,
        retry_after: float | None = None,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer the next `times` matching calls with an error (times=-1: every call), after
        letting `after` matching calls through."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after or 1}",
                403: "Forbidden: bot was blocked by the user",
                400: "Bad Request: chat not found",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(status, "Error")
        if status == 429 and retry_after is None:
            retry_after = 1
        self._faults.append(_Fault(method, chat_id, status, description, retry_after, times, after))

    def block(self, chat_id: int) -> None:
        """The user behind `chat_id` blocked the bot: every send there is 403 from now on."""
        self.fail(None, chat_id=chat_id, status=403, times=-1)

    def forget_chat(self, chat_id: int) -> None:
        """`chat_id` no longer exists for the bot: every send there is 400 "chat not found"."""
        self.fail(None, chat_id=chat_id, status=400, times=-1)

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Call]:
        """Successful calls that put text in a chat (sendMessage and editMessageText by default)."""
        methods = {method} if method else {"sendMessage", "editMessageText"}
        return [
            c for c in self.calls
            if c.status == 200 and c.method in methods and (chat_id is None or c.chat_id == chat_id)
        ]

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(
        self, predicate: Callable[[Call], bool], *, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """The first `count` recorded calls matching `predicate`, waiting (bounded) until they exist."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                found = [c for c in self.calls if predicate(c)]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.status, c.text[:80]) for c in self.calls]
                    raise AssertionError(f"expected {count} matching call(s); calls so far: {seen}")
                try:
                    await asyncio.wait_for(self._changed.wait(), timeout=left)
                except TimeoutError:
                    pass

    async def wait_sent(self, chat_id: int, *, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The first `count` messages sent to `chat_id` (successful sendMessage calls)."""
        return await self.wait_for(
            lambda c: c.method == "sendMessage" and c.status == 200 and c.chat_id == chat_id,
            count=count, timeout=timeout,
        )

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The message as Telegram holds it now (after edits), as the bot API would return it."""
        return self.messages[(chat_id, message_id)]

    # ---- HTTP ---------------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        try:
            params = await _read_params(request)
        except _ApiError as exc:
            self.rejected.append(Call(method, {}, status=exc.status))
            return _error(exc.status, exc.description)
        call = Call(method, params)
        handler = getattr(self, f"_m_{method}", None)
        fault = self._take_fault(method, call.chat_id) if method not in ("getUpdates", "getMe") else None
        if fault is not None:
            call.status = fault.status
            response = _error(fault.status, fault.description, fault.retry_after)
        elif handler is None:
            call.status = 404
            response = _error(404, "Not Found: method not found")
        else:
            try:
                result = await handler(params)
            except _ApiError as exc:
                call.status = exc.status
                response = _error(exc.status, exc.description)
            else:
                call.result = result
                response = web.json_response({"ok": True, "result": result})
        async with self._changed:
            self.calls.append(call)
            if call.status != 200:
                self.rejected.append(call)
            self._changed.notify_all()
        return response

    def _take_fault(self, method: str, chat_id: int | None) -> _Fault | None:
        for fault in self._faults:
            if fault.method not in (None, method):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            if fault.after > 0:
                fault.after -= 1
                continue
            if fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    self._faults.remove(fault)
            return fault
        return None

    def _remember_chat(self, update: dict[str, Any]) -> None:
        message = update.get("message") or (update.get("callback_query") or {}).get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            chat = message["chat"]
            if "id" in chat:
                self._chats[int(chat["id"])] = chat

    # ---- methods ------------------------------------------------------------------------------
    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.me

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise _ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        async with self._changed:
            if offset:
                # Like Telegram: an offset confirms every update before it.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(self._changed.wait(), timeout=left)
                except TimeoutError:
                    break
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            return self._updates[:limit]

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": "", "secret_token": ""}
        if _truthy(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        secret = str(params.get("secret_token") or "")
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        if url and not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
            raise _ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": secret}
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook["url"], "has_custom_certificate": False, "pending_update_count": 0}

    async def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _ApiError(400, "Bad Request: commands must be a list of at most 100 items")
        for item in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(item.get("command", ""))):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(item.get("description", ""))) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = commands
        return True

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands = []
        return True

    async def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._chat_of(params)
        if params.get("action") not in {"typing", "upload_document", "upload_photo", "find_location"}:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if not params.get("callback_query_id"):
            raise _ApiError(
                400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text") or "")) > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    async def _m_logOut(self, params: dict[str, Any]) -> bool:
        return True

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_of(params)
        text = self._checked_text(params)
        _check_markup(params.get("reply_markup"))
        message = {
            "message_id": self._next_message,
            "date": int(time.time()),
            "chat": chat,
            "from": {k: self.me[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": text,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._next_message += 1
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_of(params)
        key = (chat["id"], int(params.get("message_id") or 0))
        if key not in self.messages:
            raise _ApiError(400, "Bad Request: message to edit not found")
        text = self._checked_text(params)
        _check_markup(params.get("reply_markup"))
        old = self.messages[key]
        markup = params.get("reply_markup")
        if old["text"] == text and old.get("reply_markup") == markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        new = dict(old, text=text, edit_date=int(time.time()))
        new.pop("reply_markup", None)
        if markup:
            new["reply_markup"] = markup
        self.messages[key] = new
        return new

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        """An uploaded PNG or JPEG (as multipart bytes) with an optional caption of at most 1,024."""
        chat = self._chat_of(params)
        photo = params.get("photo")
        if not isinstance(photo, bytes):
            raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if not photo.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        if len(photo) > MAX_PHOTO_BYTES:
            raise _ApiError(400, "Bad Request: file is too big")
        caption = ""
        if params.get("caption"):
            caption = self._checked_text({"text": params["caption"], "parse_mode": params.get("parse_mode")})
            if utf16_len(caption) > MAX_CAPTION:
                raise _ApiError(400, "Bad Request: message caption is too long")
        message_id = self._next_message
        self._next_message += 1
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": {k: self.me[k] for k in ("id", "is_bot", "first_name", "username")},
            "photo": [{"file_id": f"photo-{message_id}", "file_unique_id": f"u{message_id}",
                       "width": 640, "height": 320, "file_size": len(photo)}],
        }
        if caption:
            message["caption"] = caption
        self.messages[(chat["id"], message_id)] = message
        self.photos.append((chat["id"], photo, caption))
        return message

    def _chat_of(self, params: dict[str, Any]) -> dict[str, Any]:
        raw = params.get("chat_id")
        if raw is None or not re.fullmatch(r"-?\d+", str(raw)):
            raise _ApiError(400, "Bad Request: chat not found")
        chat_id = int(raw)
        return self._chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "User"}

    def _checked_text(self, params: dict[str, Any]) -> str:
        raw = str(params.get("text") or "")
        if params.get("parse_mode") == "HTML":
            try:
                text = parse_telegram_html(raw)
            except HTMLRejected as exc:
                raise _ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif params.get("parse_mode") not in (None, ""):
            raise _ApiError(400, "Bad Request: unsupported parse_mode")
        else:
            text = raw
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise _ApiError(400, "Bad Request: message is too long")
        return text


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _check_markup(markup: Any) -> None:
    if not markup:
        return
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise _ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")


def _truthy(value: Any) -> bool:
    return value in (True, "true", "True", "1", 1)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Bot API parameters from a form, multipart or JSON body (or the query string)."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            params.update(body)
        return params
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = value.file.read()  # an uploaded file (sendPhoto): its bytes
            else:
                params[key] = value if isinstance(value, str) else str(value)
    for key in _JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                raise _ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    return params


def _error(status: int, description: str, retry_after: float | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)
