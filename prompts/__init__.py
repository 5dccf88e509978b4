"""Prompt templates, kept as plain text files so wording can change without touching code.

Templates use `$name` placeholders (`string.Template`); a literal dollar sign is written `$$`.
Files are read on every call, so an edited prompt takes effect on the next question.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

__all__ = ["PromptError", "load", "render"]

_NAME = re.compile(r"[a-z][a-z0-9_]*")


class PromptError(ValueError):
    """A prompt is missing, misnamed or lacks a value for one of its placeholders."""


def load(name: str, directory: Path | None = None) -> str:
    """The text of prompt `name` (e.g. "answer_system"), from `directory` or the shipped package."""
    stem = name.removesuffix(".txt")
    if not _NAME.fullmatch(stem):
        raise PromptError(f"bad prompt name {name!r}: use lower-case letters, digits and _")
    try:
        if directory is not None:
            return (Path(directory) / f"{stem}.txt").read_text(encoding="utf-8")
        return (resources.files(__name__) / f"{stem}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no prompt named {stem!r}") from None


def render(name: str, directory: Path | None = None, /, **values: object) -> str:
    """Prompt `name` with its `$placeholders` filled; a missing value is a `PromptError`."""
    template = Template(load(name, directory))
    try:
        return template.substitute({k: str(v) for k, v in values.items()})
    except KeyError as exc:
        raise PromptError(f"prompt {name!r} needs a value for ${exc.args[0]}") from None
    except ValueError as exc:  # a stray "$" in the file
        raise PromptError(f"prompt {name!r} has a malformed placeholder: {exc}") from None
