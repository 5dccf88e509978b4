"""Tradebrief's core: store, ingestion, facts, retrieval, answers, digests and scheduling.

Nothing in this package imports a chat SDK; adapters in `adapters/` translate to and from it.
"""

__version__ = "0.1.0"
