"""Which further sentences an offline answer cites beside its lead (issue 11, item 9: no padding, but the
evidence that answers is cited). Built from ranked evidence directly, so each threshold is pinned exactly."""

from __future__ import annotations

from bot.composer import Composer
from bot.focus import Focus
from bot.models import Article, Sentence
from bot.question import analyse
from bot.ranking import Ranked
from bot.retrieval import Hit


def _ranked(article_id: str, text: str, score: float, *, entity: float = 1.0, coverage: float = 0.6) -> Ranked:
    body = text
    article = Article(article_id, f"Report {article_id}", "Quarry Street Journal", None, "2005-02-11",
                      "2026-01-01T00:00:00+00:00", article_id * 8, "en", body)
    sentence = Sentence(f"{article_id}:1", article_id, 1, text, 0, len(text))
    hit = Hit(sentence, article, bm25=score, score=score, coverage=coverage)
    return Ranked(hit, score, entity, True, "", "")


FOCUS = Focus(entities=("tarrant steel",), display=("Tarrant Steel",), measure="stake")
QUERY = analyse("how much of vesna chemicals does tarrant steel own")


def _cited(*ranked: Ranked) -> list[str]:
    answer = Composer(lambda _article_id: []).compose(QUERY, FOCUS, list(ranked), "")
    return [c.quote for c in answer.citations]


def test_another_report_on_the_asked_firm_with_the_asked_measure_is_cited() -> None:
    lead = _ranked("a1", "Tarrant Steel bought the state's 26% stake in Vesna Chemicals in 2002.", 4.0)
    other = _ranked("b2", "Vesna Chemicals is 46%-owned by Tarrant Steel.", 3.1, entity=0.75)
    assert _cited(lead, other) == [lead.hit.sentence.text, other.hit.sentence.text]


def test_a_much_weaker_report_is_not_cited() -> None:
    lead = _ranked("a1", "Tarrant Steel bought the state's 26% stake in Vesna Chemicals in 2002.", 4.0)
    weak = _ranked("b2", "Vesna Chemicals is 46%-owned by Tarrant Steel.", 2.8, entity=0.75)
    loose = _ranked("c3", "Tarrant Steel holds a stake in a Polish mill.", 3.6, entity=0.5)
    assert _cited(lead, weak, loose) == [lead.hit.sentence.text]
