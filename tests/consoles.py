"""Follow-up chains asked through the console adapter, for the reading tests: a service over one fixture
folder whose conversation memory runs on a test clock (`tests.test_followups.followup_service`)."""

from __future__ import annotations

from pathlib import Path

from adapters.console import ConsoleAdapter
from tests.stores import Stores
from tests.test_followups import Clock, followup_service


async def console_chain(tmp_path: Path, stores: Stores, folder: Path, *questions: str) -> list[str]:
    """The console adapter's replies to `questions` over the articles of `folder`, asked in turn in one
    conversation, each on one line."""
    replies = []
    async with followup_service(tmp_path, stores, folder, Clock()) as service:
        console = ConsoleAdapter(service)
        for question in questions:
            reply = await console.handle(question)
            assert reply is not None, question
            replies.append(" ".join(reply.split()))
    return replies


def opening(reply: str) -> str:
    """What a reply opens with, before its first citation mark."""
    return reply.split("[1]")[0]
