"""Text for a terminal: what came from articles or users must not drive it.

An article (or a question) can carry escape sequences: `ESC[2J` clears the screen, OSC sequences
set the window title or write to the clipboard, a carriage return overwrites a line, bidi
overrides reorder what is shown. Everything the CLI and the console print passes `safe()`: control
characters other than newline and tab are dropped (an escape sequence's printable rest stays
visible and inert).
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["SafeStream", "safe"]

# C0 (but \t and \n), DEL, C1, line/paragraph separators, bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    return _UNSAFE.sub("", text)


_UNSAFE_BUT_CR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class SafeStream:
    """A text stream that writes `safe(text)` to the stream it wraps (`keep_cr`: carriage returns
    pass, for the progress bar on stderr)."""

    def __init__(self, stream: TextIO, *, keep_cr: bool = False) -> None:
        self.stream = stream
        self._pattern = _UNSAFE_BUT_CR if keep_cr else _UNSAFE

    def write(self, text: str) -> int:
        self.stream.write(self._pattern.sub("", text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)
