"""The core stays a core: nothing under bot/ imports an adapter or a chat SDK (the layering rule of
the project guide, checked on the source so a lazy import inside a function is caught too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
FORBIDDEN = ("adapters", "telegram", "slack_bolt", "slack_sdk")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def forbidden_imports(path: Path) -> list[str]:
    return [
        f"{path.relative_to(BOT.parent)}:{line} imports {name}"
        for line, name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]


def test_nothing_under_bot_imports_an_adapter_or_a_chat_sdk() -> None:
    files = sorted(BOT.rglob("*.py"))
    assert len(files) > 20  # the walk found the package
    offenders = [hit for path in files for hit in forbidden_imports(path)]
    assert offenders == []


@pytest.mark.parametrize("line", [
    "from adapters.console import ConsoleAdapter",
    "import slack_sdk.web",
    "from telegram import Bot",
    "import slack_bolt",
])
def test_the_check_sees_each_kind_of_import(tmp_path: Path, line: str) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(f"def later():\n    {line}\n", encoding="utf-8")
    names = [name for _, name in imported_modules(probe)]
    assert names and names[0].split(".")[0] in FORBIDDEN
