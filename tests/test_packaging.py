"""A plain `pip install .` ships the prompts, the sample briefs and the Slack manifest."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_carries_data_files_and_they_load_outside_the_repo(tmp_path: Path) -> None:
    out = tmp_path / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    # every shipped folder is declared: no page of setuptools warnings on a first install
    assert "absent from setuptools' `packages` configuration" not in built.stdout + built.stderr
    wheel = next(out.glob("tradebrief-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    prompt_files = {Path(n).name for n in names if n.startswith("prompts/") and n.endswith(".txt")}
    repo_prompts = {p.name for p in (ROOT / "prompts").glob("*.txt")}
    assert repo_prompts and prompt_files == repo_prompts
    samples = {Path(n).name for n in names if n.startswith("bot/samples/") and n.endswith(".txt")}
    assert samples == {p.name for p in (ROOT / "bot" / "samples").glob("*.txt")}
    assert any(n.startswith("adapters/slack/manifest") for n in names)
    tables = {Path(n).name for n in names if n.startswith("bot/facts/data/") and n.endswith(".txt")}
    assert tables == {p.name for p in (ROOT / "bot" / "facts" / "data").glob("*.txt")}
    shipped = {Path(n).name for n in names if n.startswith("bot/pg/migrations/") and n.endswith(".sql")}
    assert shipped and shipped == {p.name for p in (ROOT / "bot" / "pg" / "migrations").glob("*.sql")}

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import prompts, bot.app;"
        "print(bot.app.__file__);"
        "print(len(bot.app.sample_paths()));"
        f"print(len(prompts.load({sorted(repo_prompts)[0][:-4]!r})) > 0);"
        "from bot.facts import parties_in, tables;"
        "print(parties_in('Belarusian and Pakistani firms') == ['Belarus', 'Pakistan'] and len(tables.SECTORS) > 50"
        " and len(__import__('bot.pg', fromlist=['migrations']).migrations()) >= 1)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    where, count, loaded, words = result.stdout.split()
    assert where.startswith(str(site))  # the installed copy, not the repository
    assert [count, loaded, words] == [str(len(samples)), "True", "True"]
