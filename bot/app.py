"""Assemble the core from settings: open the store, wire the answerer and the optional LLM."""

from __future__ import annotations

import gc
import logging
from importlib import resources
from pathlib import Path

from .config import Settings
from .models import IngestReport
from .service import Tradebrief
from .store import Store

__all__ = ["open_service", "load_samples", "sample_paths", "settle_heap"]

log = logging.getLogger(__name__)


def sample_paths() -> list[Path]:
    """The sample briefs shipped inside the package."""
    folder = resources.files("bot") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def open_service(settings: Settings, *, readonly: bool = False, **kwargs: object) -> Tradebrief:
    """A ready `Tradebrief` on the configured store (taking the writer lock unless read-only)."""
    store = Store(settings.db, readonly=readonly)
    service = Tradebrief(settings, store, **kwargs)  # type: ignore[arg-type]
    if settings.llm_enabled:
        from .llm import attach_llm

        attach_llm(service)
    return service


async def load_samples(service: Tradebrief) -> IngestReport | None:
    """Ingest the sample briefs when the store is empty, so a fresh install can answer at once."""
    if len(service.store) or not service.settings.load_samples:
        return None
    report = await service.ingestor().ingest([str(p) for p in sample_paths()])
    log.info("store was empty: loaded %d sample briefs", len(report.stored))
    await service.retriever.refresh_async()
    return report


def settle_heap() -> None:
    """Collect once, then exempt everything loaded so far from the garbage collector.

    The libraries, the store and the search index are ~80,000 tracked objects that live as long as
    the process; a full collection walking them held the event loop for 60-110 ms on a 2-core VM
    (benchmarks/load_telegram.py). Frozen, they are skipped, and later collections only walk what
    was created since. Call it once, when start-up is done."""
    gc.collect()
    gc.freeze()
