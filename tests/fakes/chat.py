"""A push/pop chat for core tests (errbot's test backend is the model): push what a person types,
pop the core's reply. It goes through `bot.commands` exactly as the console, Telegram and Slack do,
and renders nothing, so the tests read like conversations about the core's behaviour."""

from __future__ import annotations

from collections import deque

from bot.commands import Commands, Reply
from bot.models import Asker
from bot.service import Tradebrief


class PushPopChat:
    """One chat place; `push` a line as someone, `pop` the replies in order."""

    def __init__(self, service: Tradebrief, asker: Asker, *, bare: bool = False, prefix: str = "/") -> None:
        self.commands = Commands(service, prefix=prefix)
        self.asker = asker
        self.bare = bare
        self._replies: deque[Reply] = deque()

    async def push(self, text: str, asker: Asker | None = None) -> None:
        self._replies.append(await self.commands.handle(text, asker or self.asker, bare=self.bare))

    def pop(self) -> Reply:
        assert self._replies, "the bot has not replied"
        return self._replies.popleft()

    async def say(self, text: str, asker: Asker | None = None) -> Reply:
        await self.push(text, asker)
        return self.pop()
