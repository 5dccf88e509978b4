"""Start-up helpers of the core: the sample briefs, loading them into an empty store, settling the heap.

The object graph itself is built by the composition root, outside the core."""

from __future__ import annotations

import gc
import logging
from importlib import resources
from pathlib import Path

from .models import IngestReport
from .service import Tradebrief

__all__ = ["load_samples", "sample_paths", "settle_heap"]

log = logging.getLogger(__name__)


def sample_paths() -> list[Path]:
    """The sample briefs shipped inside the package."""
    folder = resources.files("bot") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


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
