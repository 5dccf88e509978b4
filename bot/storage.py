"""TinyDB storage that survives crashes, plus the single-writer lock.

TinyDB's stock JSONStorage truncates and rewrites its file in place, so a crash mid-write leaves
half a file. Here every write goes to a temporary file that is fsynced and then atomically renamed
over the store; the directory is fsynced too so the rename itself is durable. A reader therefore
sees either the old store or the new one, never a mixture.

Writes are buffered (`BufferedStorage`) and reach the disk only on `flush()`, so a bulk ingest costs
one rewrite per batch rather than one per document.

After each write the file is read back; only when it reads back as written does it become the last
good copy, `<db>.bak` (`tradebrief store restore` puts it back). Only a missing file is a new store:
an empty one is refused like any other damaged file, so nothing refills it unnoticed.

A format-3 store keeps its corpus in segment files (`bot.store`, `bot.segments`): the main file
written here is then the manifest and the small tables, written last in each commit, and `<db>.bak`
is its last good copy; segment files are only ever added under new names, and those the backup's
manifest names are kept, so restoring the backup restores the corpus it names. `check_store`
checks every segment file the manifest names.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from .errors import StoreError, StoreLocked

try:  # POSIX advisory locks; on other systems the lock is a no-op.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["AtomicJSONStorage", "BufferedStorage", "WriterLock", "StoreCheck", "backup_path",
           "check_store", "restore_store"]

log = logging.getLogger(__name__)


def backup_path(path: Path) -> Path:
    """`<db>.bak`: the last copy that was written and read back intact."""
    return path.with_name(path.name + ".bak")


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


_HINT = "; `tradebrief store restore` puts back the last good copy, or move it aside"


def _problem(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """(the database, "") or (None, what is wrong with `raw` in a few words)."""
    if not raw.strip():
        return None, f"is empty ({len(raw)} bytes): damaged, not a new store"
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None, "is not valid JSON"
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None, "does not hold a TinyDB database"
    return data, ""


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The database in `raw`, or StoreError saying in one line why it is not one."""
    data, problem = _problem(raw)
    if data is None:
        raise StoreError(f"store {path} {problem}{_HINT}")
    return data


class AtomicJSONStorage(Storage):
    """Reads the whole JSON file; writes a temp file, fsyncs, then renames it into place."""

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store's directory {self.path.parent}: "
                                 f"{_reason(exc)}") from None

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None  # the only new store is a missing file
        except OSError as exc:
            raise StoreError(f"cannot read store {self.path}: {_reason(exc)}") from None
        return _parse(self.path, raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_bytes(orjson.dumps(data))

    def write_bytes(self, payload: bytes) -> None:
        """Replace the store with `payload` atomically, read it back, and keep it as `<db>.bak`.
        Safe to call from a worker thread."""
        if self.readonly:
            raise StoreError(f"store {self.path} was opened read-only")
        try:
            _replace(self.path, payload)
        except OSError as exc:
            raise StoreError(
                f"cannot write store {self.path}: {_reason(exc)}; nothing was changed on disk"
            ) from None
        try:
            intact = self.path.read_bytes() == payload
        except OSError:
            intact = False
        if not intact:
            raise StoreError(f"store {self.path} does not read back as written; the last good copy "
                             f"is kept in {backup_path(self.path).name}")
        try:
            _replace(backup_path(self.path), payload)
        except OSError as exc:  # the store itself is safe; the previous backup stays as it was
            log.warning("cannot refresh the store backup %s: %s", backup_path(self.path), _reason(exc))

    def close(self) -> None:
        pass


_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file size limit reached",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
}


def _replace(path: Path, payload: bytes, *, sync_dir: bool = True) -> None:
    """Write `payload` to a temporary file beside `path`, fsync it, rename it over `path`, fsync
    the directory (unless the caller does it once for several files). On failure the temporary
    file is removed and OSError raised."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    if sync_dir:
        _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class BufferedStorage(CachingMiddleware):
    """TinyDB's caching middleware with the automatic flush turned off: we flush on commit."""

    WRITE_CACHE_SIZE = 2**62

    @property
    def dirty(self) -> bool:
        return self._cache_modified_count > 0

    def flush(self) -> None:
        if self._cache_modified_count > 0 and self.cache is not None:
            self.storage.write(self.cache)
            self._cache_modified_count = 0

    def snapshot(self) -> bytes | None:
        """The serialised state if anything changed since the last snapshot, marking it clean."""
        if self._cache_modified_count == 0 or self.cache is None:
            return None
        payload = orjson.dumps(self.cache)
        self._cache_modified_count = 0
        return payload

    def mark_dirty(self) -> None:
        self._cache_modified_count += 1

    def mark_clean(self) -> None:
        self._cache_modified_count = 0


class WriterLock:
    """An exclusive, non-blocking lock next to the store so only one process writes it."""

    def __init__(self, store_path: Path) -> None:
        self.path = store_path.with_name(store_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None or fcntl is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(
                f"cannot write to the store's directory {self.path.parent} ({_reason(exc)}); "
                "pass --db for a store in a writable place, or open it read-only"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StoreLocked(
                f"store {self.path.with_suffix('')} is being written by another process "
                f"(pid {holder}); stop it first or pass --db for another store"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None


# ---- checking and restoring ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoreCheck:
    """What `check_store` found about one file."""

    path: Path
    ok: bool
    detail: str  # "507 articles, 3.1 MB, written 2026-11-28 08:12 UTC" or the one-line problem
    articles: int = 0


_ARTICLE_FIELDS = {"id", "title", "body", "content_hash"}


def _inspect(path: Path, store: Path | None = None) -> StoreCheck:
    """Check the main file at `path` (the store, or its backup) and, for a store kept in
    segments, every segment file its manifest names (beside `store`, the store's own path)."""
    try:
        raw = path.read_bytes()
        stat = path.stat()
    except FileNotFoundError:
        return StoreCheck(path, False, "does not exist")
    except OSError as exc:
        return StoreCheck(path, False, f"cannot read it: {_reason(exc)}")
    data, problem = _problem(raw)
    if data is None:
        return StoreCheck(path, False, problem)
    size = stat.st_size
    manifest = next((d for d in (data.get("meta") or {}).values() if isinstance(d, dict) and d.get("segments")
                     is not None), None)
    if manifest is not None:
        problem, count, size = _inspect_segments(store or path, manifest, size)
        if problem:
            return StoreCheck(path, False, problem, count)
    else:
        articles = data.get("articles") or {}
        count = len(articles)
        broken = sum(1 for doc in articles.values() if not isinstance(doc, dict) or not _ARTICLE_FIELDS <= doc.keys())
        if broken:
            return StoreCheck(path, False, f"{broken} of {count} articles lack fields", count)
    written = datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
    shown = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
    return StoreCheck(path, True, f"{count} articles, {shown}, written {written}", count)


def _inspect_segments(store: Path, manifest: dict[str, Any], size: int) -> tuple[str, int, int]:
    """("", articles, bytes in all files) or (what is wrong, ...): each segment file exists, has
    the size the manifest says, parses, and holds documents with their fields (and each sealed
    segment's catalog parses and lists as many articles)."""
    from .segments import segment_dir

    directory = segment_dir(store)
    count = 0
    items = list(manifest.get("segments") or [])
    if manifest.get("open"):
        items.append(manifest["open"])
    for item in items:
        path = directory / item["file"]
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return f"names segment {path.name}, which does not exist", count, size
        except OSError as exc:
            return f"cannot read segment {path.name}: {_reason(exc)}", count, size
        size += len(raw)
        if len(raw) != item["bytes"]:
            return f"segment {path.name} has {len(raw)} bytes, not {item['bytes']}", count, size
        try:
            docs = orjson.loads(raw)["articles"].values()
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
            return f"segment {path.name} does not hold a TinyDB database", count, size
        if any(not isinstance(doc, dict) or not _ARTICLE_FIELDS <= doc.keys() for doc in docs):
            return f"segment {path.name}: articles lack fields", count, size
        if len(docs) != item["articles"]:
            return f"segment {path.name} holds {len(docs)} articles, not {item['articles']}", count, size
        if item.get("catalog"):
            try:
                catalog = (directory / item["catalog"]).read_bytes()
                listed = len(orjson.loads(catalog[:catalog.index(b"\n")])["articles"])
            except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                listed = -1
            if listed != item["articles"]:  # the store still opens (it finds the documents again)
                log.warning("segment catalog %s is missing or damaged", item["catalog"])
        count += len(docs)
    return "", count, size


def check_store(path: str | os.PathLike[str]) -> tuple[StoreCheck, StoreCheck]:
    """Check the store and its backup (read-only; no lock needed)."""
    real = Path(path).resolve()
    return _inspect(real), _inspect(backup_path(real), real)


def restore_store(path: str | os.PathLike[str], *, force: bool = False) -> tuple[StoreCheck, Path | None]:
    """Put `<db>.bak` back as the store, under the writer lock; the damaged file is kept beside it
    as `<db>.damaged-<time>`. Refuses when the backup is not intact, and (unless `force`) when
    the store reads fine. Returns the backup's check and where the old file went (None if none)."""
    real = Path(path).resolve()
    lock = WriterLock(real)
    lock.acquire()
    try:
        current, backup = _inspect(real), _inspect(backup_path(real), real)
        if not backup.ok:
            raise StoreError(f"cannot restore {real}: the backup {backup.path.name} {backup.detail}")
        if current.ok and not force:
            raise StoreError(f"store {real} reads fine ({current.detail}); pass --force to replace it "
                             f"with the backup ({backup.detail})")
        kept: Path | None = None
        try:
            if real.exists():  # copied aside first: the store is replaced only in one rename
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
                kept = real.with_name(f"{real.name}.damaged-{stamp}")
                shutil.copyfile(real, kept)
            _replace(real, backup_path(real).read_bytes())
        except OSError as exc:
            raise StoreError(f"cannot restore {real}: {_reason(exc)}") from None
        return backup, kept
    finally:
        lock.release()
