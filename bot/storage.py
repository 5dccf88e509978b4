"""TinyDB storage that survives crashes, plus the single-writer lock.

TinyDB's stock JSONStorage truncates and rewrites its file in place, so a crash mid-write leaves
half a file. Here every write goes to a temporary file that is fsynced and then atomically renamed
over the store; the directory is fsynced too so the rename itself is durable. A reader therefore
sees either the old store or the new one, never a mixture.

Writes are buffered (`BufferedStorage`) and reach the disk only on `flush()`, so a bulk ingest costs
one rewrite per batch rather than one per document.
"""

from __future__ import annotations

import errno
import os
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


class AtomicJSONStorage(Storage):
    """Reads the whole JSON file; writes a temp file, fsyncs, then renames it into place."""

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read store {self.path}: {exc.strerror or exc}") from None
        if not raw.strip():
            return None
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise StoreError(
                f"store {self.path} is not valid JSON; restore it from a backup or move it aside"
            ) from None
        if not isinstance(data, dict):
            raise StoreError(f"store {self.path} does not hold a TinyDB database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_bytes(orjson.dumps(data))

    def write_bytes(self, payload: bytes) -> None:
        """Replace the store with `payload` atomically. Safe to call from a worker thread."""
        if self.readonly:
            raise StoreError(f"store {self.path} was opened read-only")
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
        except OSError as exc:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
            raise StoreError(
                f"cannot write store {self.path}: {reason}; nothing was changed on disk"
            ) from None

    def close(self) -> None:
        pass


_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file size limit reached",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
}


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


class WriterLock:
    """An exclusive, non-blocking lock next to the store so only one process writes it."""

    def __init__(self, store_path: Path) -> None:
        self.path = store_path.with_name(store_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None or fcntl is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
