"""The suite reads nothing outside the repository and skips nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED


@pytest.mark.guard_allows_this_read
def test_opening_a_file_in_the_shared_folder_is_refused() -> None:
    # (conftest is imported twice, as `conftest` and `tests.conftest`: match the message, not the class)
    with pytest.raises(RuntimeError, match="must not read .*tests/fixtures"):
        open(ROOT.parent / "shared" / "seeds" / "any.txt", encoding="utf-8")  # noqa: SIM115
    with pytest.raises(RuntimeError, match="must not read"):
        (ROOT.parent / "shared" / "corpus" / "README.md").read_text()


def test_the_seed_is_a_fixture_in_the_repository() -> None:
    assert SEED.is_relative_to(ROOT / "tests" / "fixtures") and SEED.stat().st_size > 1000


def test_no_test_module_mentions_the_shared_folder() -> None:
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name in ("conftest.py", "test_hermetic.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert '"shared"' not in text and "/shared/" not in text, path


def test_a_skip_fails_the_run(tmp_path: Path) -> None:
    """The conftest hook turns a skip (a missing fixture, a missing module) into a failure."""
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_runtest_makereport  # noqa: F401\n")
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n"
        "def test_passes():\n    pass\n\n"
        "def test_skips():\n    pytest.skip('fixture not found')\n\n"
        "def test_imports_what_is_missing():\n    pytest.importorskip('no_such_module_here')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 failed, 1 passed" in result.stdout and "skipped" in result.stdout
    assert "allows no skips" in result.stdout
