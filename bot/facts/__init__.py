"""Offline trade fact extraction: parties, sectors, events, people, figures and dates.

Runs on every article at ingestion, so it is regex-only (stdlib, no NLP models) and works one
sentence at a time. Every fact cites the sentences it came from, which is what lets answers quote
evidence. Precision matters more than recall: an extractor that invents a party or a figure
misleads retrieval, while a missed fact only costs a little ranking signal.

One module per extractor (`parties`, `sectors`, `events`, `people`, `figures`, `dates`), shared
text and number helpers in `text`, the assembly that runs them all in `extract`, and the word
tables (data files in `data/`, read by the one loader in `tables`). Speed comes
from three habits: word lists are compiled as character tries, keyword patterns run on the
lower-cased sentence, and costly patterns only run where a cheap anchor (a title word, an event
noun, a digit) was found.

Importing this package compiles only the party patterns (questions need those); the other
extractors are compiled when `extract_facts` is first looked up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .parties import country_of, parties_in, party_kind

if TYPE_CHECKING:
    from .extract import extract_facts

__all__ = ["country_of", "extract_facts", "parties_in", "party_kind"]


def __getattr__(name: str) -> Any:
    if name == "extract_facts":
        from .extract import extract_facts

        return extract_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
