"""What bot/ and adapters/ import is declared in pyproject.toml, and a plain `pip install .` ingests a page.

The second test is the issue's CI step: a fresh venv with the pip that ships with this Python (23.x on 3.11),
`pip install .` with no upgrade of pip first, then an HTML ingest. It takes about half a minute, so it runs
under CI=true (set by .ci/run) or TRADEBRIEF_INSTALL_TEST=1.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

OUR_PACKAGES = {"bot", "adapters", "prompts", "tests"}
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {_norm(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}


def _imported_top_level(folder: Path) -> dict[str, str]:
    """Top-level module -> first file importing it, for absolute imports anywhere in the code."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    declared = _declared()
    providers = importlib.metadata.packages_distributions()
    imported = {**_imported_top_level(ROOT / "adapters"), **_imported_top_level(ROOT / "bot")}
    third_party = {m: f for m, f in imported.items() if m not in sys.stdlib_module_names and m not in OUR_PACKAGES}
    assert "trafilatura" in third_party and "feedparser" in third_party  # the walk sees imports inside functions
    undeclared = {
        module: (where, providers.get(module))
        for module, where in third_party.items()
        if not declared & {_norm(d) for d in providers.get(module, [])}
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_modules_our_dependencies_reach_through_extras_are_declared() -> None:
    """justext asks for lxml[html_clean]; pip 23 ignores that extra's spelling, so we name the package."""
    import lxml.html.clean  # noqa: F401  (fails without lxml_html_clean on lxml >= 5.2)

    assert "lxml-html-clean" in _declared()
    assert "lxml_html_clean" in importlib.metadata.packages_distributions()


@pytest.mark.install_check  # about 30 s: selected under CI=true (.ci/run) or TRADEBRIEF_INSTALL_TEST=1 (conftest)
@pytest.mark.tinydb_only("a plain install ingests into the embedded store, the default with no database set")
def test_plain_pip_install_in_a_fresh_venv_then_an_html_ingest(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # The interpreter this suite runs on, with the pip its ensurepip bundles: no upgrade, as a user would do.
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRADEBRIEF_", "PYTHON", "VIRTUAL_ENV"))}
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True, env=env, check=True)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path,
    )
    assert install.returncode == 0, f"{pip.stdout}{install.stderr[-3000:]}"
    page = FIXTURES / "pages" / "latin1_declared.html"
    result = subprocess.run(
        [str(bindir / "tradebrief"), "--db", str(tmp_path / "store.json"), "ingest", str(page)],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 0, f"{pip.stdout}{result.stdout}{result.stderr}"
    assert result.stdout.startswith("stored"), result.stdout
    assert "Traceback" not in result.stderr
