"""A local fake of Slack's Web API, response URLs and Socket Mode, for tests of the real Bolt stack.

The adapter's `AsyncWebClient` talks to `FakeSlack.api_url` exactly as it would to
https://slack.com/api/. Like Slack, the fake checks what it is sent: a bearer token it does not know
is `invalid_auth`; more than 50 blocks, an empty text or a text object over 3,000 characters is
`invalid_blocks`. It records every request (parsed JSON or form body) so a test can read what the
bot said, and it can be told to answer 429 with Retry-After, 500, or an error for one channel.

Socket Mode: `apps.connections.open` hands out a WebSocket URL on the same server; a test pushes an
envelope with `send_envelope` and reads the bot's acknowledgement from the recorded calls.

Helpers that build what Slack sends to an app live here too: `sign` (the `v0` HMAC-SHA256 signature
over `v0:timestamp:body`), and the payloads of a slash command, an app mention and a direct message,
with the user's text escaped the way Slack escapes it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import WSMsgType, web

__all__ = [
    "APP_TOKEN",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "SIGNING_SECRET",
    "TEAM_ID",
    "Call",
    "FakeSlack",
    "block_problems",
    "text_objects",
    "sign",
    "slack_escape",
    "slash_command",
    "app_mention",
    "direct_message",
]

BOT_TOKEN = "xoxb-1111-2222-faketokenfortests"
APP_TOKEN = "xapp-1-A0APP-3333-fakeapptokenfortests"
SIGNING_SECRET = "8f2e0c1d-fake-signing-secret"
TEAM_ID = "T0TEAM"
BOT_USER_ID = "U0BOT"
TEXT_LIMIT = 3000
MAX_BLOCKS = 50
HEADER_LIMIT = 150
BLOCK_TYPES = {"section", "context", "divider", "header", "actions", "rich_text", "image"}


@dataclass
class Call:
    """One request the fake received: `method` is the API method, "response" or "socket.ack"."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    status: int = 200
    answer: Any = None
    path: str = ""


# ---- Block Kit checks, as Slack applies them --------------------------------------------------
def text_objects(blocks: Any) -> list[dict[str, Any]]:
    """Every text object (`mrkdwn` or `plain_text`) anywhere in `blocks`."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return found


def block_problems(blocks: Any) -> list[str]:
    """Why Slack would reject these blocks (`invalid_blocks`); empty when it would accept them."""
    if blocks is None:
        return []
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks (at most {MAX_BLOCKS})")
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            problems.append(f"block {i}: unknown type {kind!r}")
            continue
        if kind == "section" and "text" not in block and "fields" not in block:
            problems.append(f"block {i}: a section needs text or fields")
        if kind == "context" and not 1 <= len(block.get("elements", [])) <= 10:
            problems.append(f"block {i}: a context needs 1 to 10 elements")
        if kind == "header" and len(block.get("text", {}).get("text", "")) > HEADER_LIMIT:
            problems.append(f"block {i}: header text over {HEADER_LIMIT} characters")
    for obj in text_objects(blocks):
        text = obj.get("text")
        if not isinstance(text, str) or not text:
            problems.append("a text object is empty")
        elif len(text) > TEXT_LIMIT:
            problems.append(f"a text object has {len(text)} characters (at most {TEXT_LIMIT})")
    return problems


# ---- the server -------------------------------------------------------------------------------
class FakeSlack:
    """Slack's Web API under `/api/`, response URLs under `/response/<id>`, Socket Mode at `/socket`."""

    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        team_id: str = TEAM_ID,
        bot_user_id: str = BOT_USER_ID,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.calls: list[Call] = []
        self.channel_errors: dict[str, str] = {}
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> filename, length, data (once sent)
        self.files: list[dict[str, Any]] = []  # completed uploads: id, title, data, channel, comment
        self._rate_limits: dict[str, list[int]] = {}
        self._server_errors: dict[str, int] = {}
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- control ----------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What to give `AsyncWebClient(base_url=...)` (SLACK_API_BASE_URL)."""
        return f"{self.url}/api/"

    def response_url(self, name: str | None = None) -> str:
        """A fresh response URL, as Slack puts in each slash command."""
        return f"{self.url}/response/{name or uuid.uuid4().hex[:12]}"

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next `times` calls of `method` ("response" for response URLs) with 429."""
        self._rate_limits[method] = [retry_after, times]

    def server_error(self, method: str, *, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with 500."""
        self._server_errors[method] = times

    def fail_channel(self, channel: str, error: str = "channel_not_found") -> None:
        """Refuse every post to `channel` with Slack's `{"ok": false, "error": ...}`."""
        self.channel_errors[channel] = error

    # ---- reading what happened ----------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        where: Callable[[Call], bool] = lambda _c: True,
        timeout: float = 5.0,
    ) -> list[Call]:
        """Wait (bounded) until `count` matching calls arrived; return them."""

        def matching() -> list[Call]:
            return [c for c in self.calls_to(method) if where(c)]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
        return matching()

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # ---- Web API ------------------------------------------------------------------------------
    @staticmethod
    async def _body(request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.content_type == "application/json":
            body: dict[str, Any] = json.loads(raw or "{}")
        else:
            body = dict(parse_qsl(raw, keep_blank_values=True))
            for key in ("blocks", "attachments"):
                if isinstance(body.get(key), str):
                    body[key] = json.loads(body[key])
        return {**dict(request.query), **body}

    def _throttled(self, method: str) -> web.Response | None:
        limit = self._rate_limits.get(method)
        if limit and limit[1] > 0:
            limit[1] -= 1
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(limit[0])}
            )
        if self._server_errors.get(method, 0) > 0:
            self._server_errors[method] -= 1
            return web.Response(status=500, text="internal error")
        return None

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        call = Call(method, body, dict(request.headers), time.monotonic(), path=request.path)
        response = self._throttled(method) or self._answer(method, body, request)
        call.status = response.status
        call.answer = (
            json.loads(response.text) if response.content_type == "application/json" else response.text
        )
        await self._record(call)
        return response

    def _answer(self, method: str, body: dict[str, Any], request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else body.get("token", "")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "apps.connections.open": self._connections_open,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }.get(method)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(handler(body))

    def _auth_test(self, _body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://fake-team.slack.com/",
            "team": "Fake Trade Team",
            "user": "tradebrief",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": "B0BOT",
            "is_enterprise_install": False,
        }

    def _message_error(self, body: dict[str, Any]) -> str | None:
        channel = body.get("channel")
        if not channel:
            return "channel_not_found"
        if channel in self.channel_errors:
            return self.channel_errors[channel]
        if not body.get("text") and not body.get("blocks"):
            return "no_text"
        if block_problems(body.get("blocks")):
            return "invalid_blocks"
        return None

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        error = self._message_error(body)
        if error:
            return {"ok": False, "error": error}
        ts = self._next_ts()
        message = {"type": "message", "user": self.bot_user_id, "text": body.get("text", ""), "ts": ts}
        if body.get("thread_ts"):
            message["thread_ts"] = body["thread_ts"]
        return {"ok": True, "channel": body["channel"], "ts": ts, "message": message}

    def _post_ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        error = self._message_error(body) or (None if body.get("user") else "user_not_found")
        if error:
            return {"ok": False, "error": error}
        return {"ok": True, "message_ts": self._next_ts()}

    # ---- file uploads (files_upload_v2: get a URL, send the bytes there, complete) ------------
    def _upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        filename, length = str(body.get("filename") or ""), str(body.get("length") or "")
        if not filename:
            return {"ok": False, "error": "invalid_arguments"}
        if not length.isdigit() or int(length) <= 0:
            return {"ok": False, "error": "invalid_length"}
        file_id = f"F{uuid.uuid4().hex[:10].upper()}"
        self.uploads[file_id] = {"filename": filename, "length": int(length), "data": None}
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        call = Call("upload", {"file_id": file_id, "bytes": len(data)}, dict(request.headers), time.monotonic(),
                    path=request.path)
        pending = self.uploads.get(file_id)
        if pending is None:
            response = web.Response(status=404, text="no such upload")
        elif len(data) != pending["length"]:
            response = web.Response(status=400, text="length mismatch")
        else:
            pending["data"] = data
            response = web.Response(text=f"OK - {len(data)}")
        call.status, call.answer = response.status, response.text
        await self._record(call)
        return response

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            files = json.loads(body.get("files") or "[]")
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        channel = body.get("channel_id") or ""
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        done = []
        for item in files if isinstance(files, list) else []:
            pending = self.uploads.get(str(item.get("id")))
            if pending is None or pending["data"] is None:
                return {"ok": False, "error": "file_not_found"}
            record = {"id": item["id"], "title": item.get("title") or pending["filename"], "name": pending["filename"],
                      "data": pending["data"], "channel": channel, "initial_comment": body.get("initial_comment"),
                      "thread_ts": body.get("thread_ts")}
            self.files.append(record)
            done.append({"id": item["id"], "title": record["title"], "name": record["name"]})
        if not done:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "files": done}

    def _connections_open(self, _body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    # ---- response URLs ------------------------------------------------------------------------
    async def _response_url(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        call = Call("response", body, dict(request.headers), time.monotonic(), path=request.path)
        response = self._throttled("response")
        if response is None:
            bad = block_problems(body.get("blocks"))
            if bad or not (body.get("text") or body.get("blocks")):
                response = web.Response(status=400, text="invalid_blocks" if bad else "no_text")
            else:
                response = web.Response(text="ok")
        call.status, call.answer = response.status, response.text
        await self._record(call)
        return response

    # ---- Socket Mode --------------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await self._record(Call("socket.connect", {}, dict(request.headers), time.monotonic()))
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._record(Call("socket.ack", json.loads(msg.data), {}, time.monotonic()))
        finally:
            self._sockets.remove(ws)
        return ws

    async def send_envelope(self, kind: str, payload: dict[str, Any]) -> str:
        """Push a Socket Mode envelope ("slash_commands", "events_api") to the connected app."""
        envelope_id = uuid.uuid4().hex
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection")
        await self._sockets[-1].send_json(
            {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": True}
        )
        return envelope_id


# ---- what Slack sends to an app ---------------------------------------------------------------
def slack_escape(text: str) -> str:
    """Slack escapes these three in what users type before sending it to apps."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sign(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack signs a request with: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def slash_command_fields(
    text: str,
    *,
    response_url: str,
    command: str = "/trade",
    user: str = "U0ASKER",
    channel: str = "C0GENERAL",
    channel_name: str = "general",
    team: str = TEAM_ID,
) -> dict[str, str]:
    """The fields of a slash command invocation (form-encoded over HTTP, JSON in Socket Mode)."""
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "fake-team",
        "channel_id": channel,
        "channel_name": channel_name,
        "user_id": user,
        "user_name": "asker",
        "command": command,
        "text": slack_escape(text),
        "api_app_id": "A0APP",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{int(time.time())}.1.{uuid.uuid4().hex[:8]}",
    }


def slash_command(text: str, **kwargs: Any) -> str:
    """A slash command request body, form-encoded as Slack posts it."""
    return urlencode(slash_command_fields(text, **kwargs))


def _event_callback(event: dict[str, Any], team: str, event_id: str | None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "api_app_id": "A0APP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def app_mention_payload(
    text: str,
    *,
    user: str = "U0ASKER",
    channel: str = "C0GENERAL",
    team: str = TEAM_ID,
    ts: str = "1712750000.000200",
    thread_ts: str | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {slack_escape(text)}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "team": team,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return _event_callback(event, team, event_id)


def app_mention(text: str, **kwargs: Any) -> str:
    """An `app_mention` event callback (JSON), the text starting with the bot's mention."""
    return json.dumps(app_mention_payload(text, **kwargs))


def direct_message_payload(
    text: str,
    *,
    user: str = "U0ASKER",
    channel: str = "D0DIRECT",
    team: str = TEAM_ID,
    ts: str = "1712750000.000300",
    subtype: str | None = None,
    bot_id: str | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": slack_escape(text),
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "team": team,
    }
    if subtype:
        event["subtype"] = subtype
    if bot_id:
        event["bot_id"] = bot_id
    return _event_callback(event, team, event_id)


def direct_message(text: str, **kwargs: Any) -> str:
    """A `message.im` event callback (JSON): someone wrote to the bot directly."""
    return json.dumps(direct_message_payload(text, **kwargs))
