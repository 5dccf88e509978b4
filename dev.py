#!/usr/bin/env python3
"""Set up and run Tradebrief from a fresh clone with nothing but python3 (3.11+).

    ./dev.py run     create .venv, install, load the sample briefs if the store is empty, run the bot
    ./dev.py test    create .venv, install with test extras, run every test

Extra arguments after `run` go to `tradebrief run`; after `test`, to pytest.
The environment is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Tradebrief needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    stamp = VENV / f".installed-{extras or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing dependencies (first run takes a minute) ...", flush=True)
    target = f".[{extras}]" if extras else "."
    quiet = [] if os.environ.get("CI") else ["-q"]
    subprocess.run([str(PY), "-m", "pip", "install", *quiet, "--disable-pip-version-check",
                    "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", *quiet, "--disable-pip-version-check",
                    "-e", target], check=True, cwd=ROOT)
    stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    if action == "run":
        ensure_env("")
        return run_child([str(BIN / "tradebrief"), "run", *rest])
    ensure_env("test")
    return run_child([str(PY), "-m", "pytest", *rest])


def run_child(command: list[str]) -> int:
    """Run `command`, passing Ctrl-C and SIGTERM on to it and waiting until it has shut down."""
    child = subprocess.Popen(command, cwd=ROOT)

    def forward(signum: int, _frame: object) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
