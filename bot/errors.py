"""Errors the core raises on purpose. Their message is one line meant for a person."""

from __future__ import annotations


class TradebriefError(Exception):
    """Base class: `str(error)` is a one-line message safe to show to a user."""


class ConfigError(TradebriefError):
    """A setting is missing or malformed; the message names the variable."""


class StoreError(TradebriefError):
    """The store cannot be opened, locked or written."""


class StoreLocked(StoreError):
    """Another process holds the writer lock."""


class IngestError(TradebriefError):
    """One input could not be ingested (empty, binary, unreachable...)."""


class UserError(TradebriefError):
    """A request a user made cannot be served as asked (bad input, not allowed, too fast)."""


class AccessDenied(UserError):
    pass


class RateLimited(UserError):
    pass


class BadRequest(UserError):
    pass


class UnknownArticle(BadRequest):
    """No stored article has that id (or the prefix fits several); callers add where to look ids up."""


class DeliveryFailed(TradebriefError):
    """An adapter could not deliver a message. `permanent` means: stop trying this destination
    (bot blocked, chat or channel not found); otherwise the caller may retry later."""

    def __init__(self, message: str, *, permanent: bool = False, pending: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.permanent = permanent
        # A message sent in parts that failed part-way: the parts not yet delivered, in the
        # adapter's own format, for its `resume` (the delivered ones are never sent again).
        self.pending = pending
