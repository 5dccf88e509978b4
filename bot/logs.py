"""Logging set-up with secret redaction.

Tokens end up in URLs (Telegram puts the bot token in every request path) and in exception texts,
so every record is scrubbed of every configured secret before it is written anywhere.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

__all__ = ["RedactingFilter", "setup_logging"]

# Token shapes worth hiding even when they are not ours (e.g. in a pasted URL).
_TOKEN_SHAPES = re.compile(
    r"\b(\d{6,12}:[A-Za-z0-9_-]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{16,})"
)


class RedactingFilter(logging.Filter):
    """Replaces secret values (and token-shaped strings) in log messages with '***'."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return _TOKEN_SHAPES.sub("***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        clean = self.scrub(message)
        record.msg, record.args = clean, None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


def setup_logging(level: str = "INFO", secrets: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr, one line a record, every handler behind the redaction filter."""
    redactor = RedactingFilter(secrets)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    handler.addFilter(redactor)
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries that log every request line (with tokens in the URL) stay at WARNING.
    for noisy in ("httpx", "httpcore", "telegram.ext", "slack_bolt", "slack_sdk", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return redactor
