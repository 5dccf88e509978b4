"""Long polling that survives a malformed update.

python-telegram-bot parses a `getUpdates` batch as a whole; one update it cannot parse fails the
batch, the offset is never advanced past it, and the next poll returns the same update again: the
bot stops answering and polls in a tight loop (measured: ~900 `getUpdates` calls in 4 s, the update
after it never answered). Telegram should never send such an update, but a proxy, a Bot API server
of another version or a bug can, and one bad update must not take the bot down.

`TolerantUpdatesRequest` is the HTTP client for `getUpdates` only. It checks each update of a batch
on its own; one that does not parse is logged and replaced by a bare `{"update_id": n}`, which no
handler matches, so the offset moves past it and the updates after it are answered as usual.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

__all__ = ["TolerantUpdatesRequest", "checked_batch", "checked_update"]

log = logging.getLogger(__name__)


def checked_update(data: Any) -> dict[str, Any] | None:
    """`data` if it parses as an Update; a bare update with its id if not; None without an id."""
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        log.warning("telegram: dropped an update without an update_id: %.200r", data)
        return None
    try:
        Update.de_json(data, None)
    except Exception as exc:  # whatever the parser trips on, the rest of the batch goes on
        log.warning("telegram: malformed update %s ignored (%s: %s)", update_id, type(exc).__name__, exc)
        return {"update_id": update_id}
    return data  # type: ignore[no-any-return]


class TolerantUpdatesRequest(HTTPXRequest):
    """`HTTPXRequest` whose results (the `getUpdates` batches) hold only updates that parse."""

    async def post(self, *args: Any, **kwargs: Any) -> Any:
        result = await super().post(*args, **kwargs)
        if not isinstance(result, list) or not result:
            return result
        # Parsing a full batch (100 updates) takes ~15 ms: done in a worker thread, off the loop.
        return await asyncio.to_thread(checked_batch, result)


def checked_batch(updates: list[Any]) -> list[dict[str, Any]]:
    """The updates of a batch, each checked by `checked_update`, those without an id dropped."""
    return [update for update in map(checked_update, updates) if update is not None]
