"""The store file under attack and accident: symlinks, empty files, damage and its repair, a full
disk (a file-size limit in a child process), a read-only directory. Articles are written here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import StoreError, StoreLocked
from bot.ingest import Ingestor
from bot.store import Store
from tests.conftest import ROOT

pytestmark = pytest.mark.tinydb_only("the TinyDB store file: symlinks, empty and damaged files, check and restore, a full disk")

COBALT = (
    "Zambia agrees cobalt sales to Japan\nSource: Lusaka Metals Desk\ndate 2025-05-02\n\n"
    "Zambia agreed to sell 8,000 tonnes of cobalt a year to Japanese battery makers.\n\n"
    "The contract runs for five years and starts in January.\n"
)
TEA = (
    "Kenya and Egypt cut tea tariffs\nSource: Nairobi Trade Wire\ndate 2025-06-11\n\n"
    "Kenya and Egypt agreed to cut tariffs on black tea to zero from July.\n\n"
    "Egypt buys about a fifth of Kenya's tea exports, officials said.\n"
)
RICE = (
    "Vietnam signs rice deal with the Philippines\nSource: Hanoi Commodity Notes\ndate 2025-07-20\n\n"
    "Vietnam will supply 1.5 million tonnes of rice a year to the Philippines under a five-year accord.\n\n"
    "Prices will be reviewed every six months, the trade ministry said.\n"
)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def tb(*args: str, db: Path, user: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRADEBRIEF_", "OPENAI_", "TELEGRAM_", "SLACK_"))}
    env["HOME"] = str(db.parent)
    return subprocess.run([sys.executable, "-m", "adapters.cli", "--db", str(db), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, user=user)


# ---- symlinks and empty files ----------------------------------------------------------------------
async def test_a_symlinked_store_is_locked_and_written_at_its_real_path(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = Store(link)
    report = await Ingestor(store).ingest([str(write(tmp_path, "cobalt.txt", COBALT))])
    assert [i.status for i in report.items] == ["stored"]
    assert link.is_symlink() and link.resolve() == real  # the link was not replaced by a file
    with Store(real, readonly=True) as reader:
        assert len(reader) == 1
    assert list((real.parent / "real.json.segments").glob("*.json"))  # the corpus beside the real file
    with pytest.raises(StoreLocked):  # a second writer through the real name is stopped
        Store(real)
    store.close()
    Store(real).close()  # and the lock is released where it was taken


@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_an_empty_store_file_is_refused_like_a_damaged_one(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "store.json"
    db.write_bytes(content)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="is empty .* store restore"):
            Store(db, readonly=readonly)
    result = tb("ingest", str(write(tmp_path, "tea.txt", TEA)), db=db)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "is empty" in result.stderr
    assert db.read_bytes() == content  # nothing refilled it
    Store(tmp_path / "missing.json").close()  # a missing file is still a new store


# ---- the backup, check and restore -------------------------------------------------------------------
def test_store_check_and_restore_bring_back_the_last_good_copy(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    assert tb("ingest", str(write(tmp_path, "tea.txt", TEA)), db=db).returncode == 0
    backup = tmp_path / "store.json.bak"
    assert backup.read_bytes() == db.read_bytes()  # written, read back, kept

    checked = tb("store", "check", db=db)
    assert checked.returncode == 0 and checked.stdout.startswith(f"ok      {db}: 1 articles")
    refused = tb("store", "restore", db=db)
    assert refused.returncode == 2 and "reads fine" in refused.stderr and "--force" in refused.stderr

    db.write_bytes(db.read_bytes()[:40])  # damage: half a file
    assert tb("articles", db=db).returncode == 2
    checked = tb("store", "check", db=db)
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[0].startswith(f"damaged {db}: is not valid JSON")
    assert checked.stdout.splitlines()[1].startswith(f"ok      {backup}: 1 articles")
    assert "store restore" in checked.stdout

    restored = tb("store", "restore", db=db)
    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout and "1 articles" in restored.stdout
    [kept] = tmp_path.glob("store.json.damaged-*")
    assert len(kept.read_bytes()) == 40  # the damaged file is kept for a post-mortem
    listed = tb("articles", db=db)
    assert listed.returncode == 0 and "Kenya and Egypt cut tea tariffs" in listed.stdout


def test_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    db.write_text("{")
    (tmp_path / "store.json.bak").write_bytes(b"")
    result = tb("store", "restore", db=db)
    assert result.returncode == 2 and "backup store.json.bak is empty" in result.stderr
    assert db.read_text() == "{"


# ---- a full disk: the report, the backup, the index cache -----------------------------------------------
_FULL_DISK = textwrap.dedent(
    """
    import contextlib, io, json, os, resource, signal, sys
    from pathlib import Path
    from adapters.cli import main
    from bot.ingest import Ingestor
    from bot.store import Store

    db, tea, cobalt, cobalt_copy, rice = sys.argv[1:6]
    assert main(["--db", db, "ingest", tea]) == 0
    size = os.path.getsize(db)
    backup_before = Path(db + ".bak").read_bytes()
    # From here on the disk is "full": no file may grow past the current store size.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
    out = io.StringIO()
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--db", db, "ingest", cobalt, cobalt_copy])
    backup_kept = Path(db + ".bak").read_bytes() == backup_before

    # The disk frees up while a later batch is ingested: the earlier batch reaches the disk with it.
    store = Store(db)
    def free_the_disk(item):
        if item.status == "failed":
            resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    report = asyncio_run = __import__("asyncio").run(
        Ingestor(store, batch_size=1, on_item=free_the_disk).ingest([cobalt, rice]))
    store.close()
    print(json.dumps({"status": status, "stderr": err.getvalue(), "summary": out.getvalue().strip().splitlines()[-1],
                      "backup_kept": backup_kept, "later": [i.status for i in report.items]}))
    """
)


def test_after_a_failed_commit_only_what_reached_the_disk_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    files = [write(tmp_path, name, text) for name, text in
             (("tea.txt", TEA), ("cobalt.txt", COBALT), ("cobalt-copy.txt", COBALT), ("rice.txt", RICE))]
    result = subprocess.run([sys.executable, "-c", _FULL_DISK, str(db), *map(str, files)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] == 2, report  # a store error: the closing commit failed too
    lines = report["stderr"].splitlines()
    assert [line.split()[0] for line in lines] == ["failed", "failed", "tradebrief:"]
    # the copy is not "already known": its original never reached the disk; the count is the disk's
    assert report["summary"] == "0 stored, 0 already known, 2 failed; the store holds 1 article."
    assert report["backup_kept"]  # the failed commit did not touch the last good copy
    # cobalt's batch failed, then rice's commit wrote both: both are on disk and reported stored
    assert report["later"] == ["stored", "stored"]
    with Store(db, readonly=True) as store:
        titles = sorted(a.title for a in store.articles())
    assert titles == ["Kenya and Egypt cut tea tariffs", "Vietnam signs rice deal with the Philippines",
                      "Zambia agrees cobalt sales to Japan"]


_INDEX_SAVE = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from bot.retrieval import Retriever
    from bot.store import Store

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, resource.RLIM_INFINITY))  # the disk fills up
    store = Store(sys.argv[1], readonly=True)
    Retriever(store).warm()  # builds the index and fails to save it: a warning, not an error
    print(sorted(p.name for p in Path(sys.argv[1]).parent.iterdir()))
    """
)


def test_a_failed_index_save_leaves_no_temporary_directory(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    assert tb("ingest", str(write(tmp_path, "tea.txt", TEA)), str(write(tmp_path, "rice.txt", RICE)),
              db=db).returncode == 0
    shutil.rmtree(tmp_path / "store.json.index", ignore_errors=True)
    result = subprocess.run([sys.executable, "-c", _INDEX_SAVE, str(db)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "cannot save the search index" in result.stderr
    listing = result.stdout.strip()
    assert "store.json.index.tmp" not in listing and "store.json.index'" not in listing


# ---- a read-only directory --------------------------------------------------------------------------------
@pytest.fixture
def read_only_dir() -> Iterator[tuple[Path, int | None]]:
    """A directory nobody may write to; as root, the command runs as `nobody` (root writes anyway)."""
    base = Path(tempfile.mkdtemp(prefix="tradebrief-ro-"))
    base.chmod(0o755)
    locked = base / "data"
    locked.mkdir()
    user = None
    if os.geteuid() == 0:
        user = 65534
    try:
        yield locked, user
    finally:
        locked.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_read_only_store_directory_is_one_clear_line_and_exit_2(read_only_dir: tuple[Path, int | None]) -> None:
    locked, user = read_only_dir
    article = write(locked.parent, "tea.txt", TEA)
    article.chmod(0o644)
    for existing in (False, True):
        if existing:
            locked.chmod(0o755)
            assert tb("ingest", str(write(locked.parent, "rice.txt", RICE)), db=locked / "store.json").returncode == 0
            for path in locked.iterdir():
                path.chmod(0o644)
        locked.chmod(0o555)
        result = tb("ingest", str(article), db=locked / "store.json", user=user)
        assert result.returncode == 2, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "unexpected error" not in line and ("permission denied" in line or "read-only" in line), line
