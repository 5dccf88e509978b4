"""The suite reads nothing outside the repository and skips nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import _BESIDE, ROOT, SEED, folders_beside, make_guard


def test_the_folders_beside_the_repository_are_found(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    for name in ("repo", "data/corpus", "runtime/bin", "other-checkout"):
        (workspace / name).mkdir(parents=True)
    (workspace / "notes.txt").write_text("a file, not a folder")
    found = folders_beside(workspace / "repo", [workspace / "runtime" / "bin"])
    assert set(found) == {str(workspace / "data"), str(workspace / "other-checkout")}
    # A repository right in a kept folder (the temp or home directory): "beside" would be the system.
    assert folders_beside(workspace / "runtime" / "bin" / "repo", [workspace / "runtime" / "bin"]) == ()


@pytest.mark.guard_allows_this_read
def test_the_guard_refuses_reads_beside_the_repository_only(tmp_path: Path) -> None:
    seen: list[str] = []
    guard = make_guard((str(tmp_path / "data"),), seen)
    # (conftest is imported twice, as `conftest` and `tests.conftest`: match the message, not the class)
    with pytest.raises(RuntimeError, match="must not read .*tests/fixtures"):
        guard("open", (str(tmp_path / "data" / "corpus" / "any.txt"), "r", 0))
    guard("open", (str(tmp_path / "data-other" / "any.txt"), "r", 0))  # a prefix of a name is not the folder
    guard("open", (str(ROOT / "README.md"), "r", 0))
    guard("open", (3, "r", 0))  # a file descriptor
    assert seen == [str(tmp_path / "data" / "corpus" / "any.txt")]


@pytest.mark.guard_allows_this_read
def test_this_run_is_guarded() -> None:
    """The live guard covers every folder beside this repository, so a real read there fails."""
    assert _BESIDE == folders_beside(ROOT, [Path(sys.prefix), Path(sys.base_prefix),
                                            Path(tempfile.gettempdir()), Path.home()])
    for folder in _BESIDE:
        with pytest.raises(RuntimeError, match="must not read"):
            open(Path(folder) / "any-file.txt", encoding="utf-8")  # noqa: SIM115


def test_the_seed_is_a_fixture_in_the_repository() -> None:
    assert SEED.is_relative_to(ROOT / "tests" / "fixtures") and SEED.stat().st_size > 1000


def test_no_test_module_reaches_outside_the_repository_by_path() -> None:
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name in ("conftest.py", "test_hermetic.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "ROOT.parent" not in text and "parents[2]" not in text and ".parent.parent.parent" not in text, path


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
