"""Logging set-up with secret redaction, escaping and quiet libraries.

Tokens end up in URLs (Telegram puts the bot token in every request path) and in exception texts,
so every record is scrubbed of every configured secret before it is written anywhere. Control
characters are escaped (a newline in a request cannot forge a log line, an escape sequence cannot
repaint the operator's terminal), and library loggers speak only at WARNING and above (their INFO
and DEBUG lines carry request bodies and payloads) unless DEBUG logging and `TRADEBRIEF_LOG_LIBRARIES`
are both asked for.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

__all__ = ["RedactingFilter", "escape_controls", "setup_logging"]

OUR_LOGGERS = ("bot", "adapters", "tradebrief", "benchmarks", "eval", "tests", "__main__")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escape_controls(text: str) -> str:
    """`text` with every control character written as a visible escape (`\\n`, `\\x1b`...)."""
    return _CONTROLS.sub(_escape, text)


# Token shapes worth hiding even when they are not ours (e.g. in a pasted URL).
_TOKEN_SHAPES = re.compile(
    r"\b(\d{6,12}:[A-Za-z0-9_-]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{16,})"
)


class RedactingFilter(logging.Filter):
    """Replaces secret values (and token-shaped strings) in log messages with '***'."""

    def __init__(self, secrets: Iterable[str] = (), *, libraries: bool = False) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self.libraries = libraries  # let library records below WARNING through

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return _TOKEN_SHAPES.sub("***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        library = record.name.split(".")[0] not in OUR_LOGGERS
        if library and not self.libraries:
            if record.levelno < logging.WARNING:
                return False
            # A library's error is one line (Socket Mode logs a traceback at every reconnect try)
            if record.exc_info and record.exc_info[1] is not None:
                record.msg = f"{record.getMessage()} ({type(record.exc_info[1]).__name__})"
                record.args = None
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = escape_controls(self.scrub(message)), None
        if record.exc_text:  # kept on several lines, each indented: none can pass for a record
            lines = self.scrub(record.exc_text).split("\n")
            record.exc_text = "\n".join("    " + escape_controls(line) for line in lines)
        return True


def setup_logging(
    level: str = "INFO", secrets: Iterable[str] = (), *, libraries: bool = False
) -> RedactingFilter:
    """Log to stderr, one line a record, every handler behind the redaction filter. Library
    records below WARNING pass only with `libraries` at DEBUG."""
    redactor = RedactingFilter(secrets, libraries=libraries and level == "DEBUG")
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
    for noisy in ("httpx", "httpcore", "telegram.ext", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if redactor.libraries else max(logging.WARNING, root.level))
    return redactor
