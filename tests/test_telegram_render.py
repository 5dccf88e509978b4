"""Telegram HTML rendering and splitting, proven against the fake server's strict parser.

Property-based (hypothesis): whatever an article or a question contains, the rendered HTML parses
as Telegram's subset and every message fits the 4,096-character limit. Plus the fake's own
strictness, since the end-to-end tests rely on it to catch bad HTML.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.telegram.render import esc, link, render_answer, render_article, render_digest, render_facts
from adapters.telegram.shelf import SourcesShelf, parse_sources_key
from adapters.telegram.split import TELEGRAM_LIMIT, split_html
from bot.models import Answer, Article, Citation, Digest, DigestItem, Fact, Sentence
from tests.fakes.telegram_api import HTMLRejected, parse_telegram_html, utf16_len

# Text that is hard to escape: markup characters, entities, quotes, emoji, controls, any Unicode.
_chars = st.sampled_from(list("<>&;\"'#/=ab \n\t\r😀")) | st.characters(exclude_categories=("Cs",))
_tokens = st.lists(st.sampled_from(["&amp;", "&lt;", "<b>", "</i>", '<a href="x">', "&#x27;", "\n\n"]), max_size=4)
nasty_text = st.tuples(st.text(_chars, max_size=80), _tokens, st.text(_chars, max_size=40)).map(
    lambda t: t[0] + "".join(t[1]) + t[2]
)
long_text = st.builds(lambda t, n: t * n, nasty_text, st.integers(1, 8))
urls = st.one_of(
    st.none(),
    nasty_text,
    st.from_regex(r"https?://[a-z0-9.-]{1,30}/[A-Za-z0-9_\-./?=&%#\"'<>]{0,80}", fullmatch=True),
)
dates = st.one_of(st.none(), st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True))


@st.composite
def citations(draw: st.DrawFn, n: int) -> Citation:
    return Citation(
        n=n, sentence_id=f"a:{n}", article_id="a", quote=draw(long_text), title=draw(nasty_text),
        source=draw(nasty_text), url=draw(urls), published=draw(dates),
    )


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    count = draw(st.integers(0, 5))
    question = draw(nasty_text)
    return Answer(
        question=question,
        text=draw(long_text) + f" “{question}” [1]",
        citations=tuple(draw(citations(n)) for n in range(1, count + 1)),
        mode="extractive",
        abstained=count == 0,
        note=draw(st.one_of(st.just(""), nasty_text)),
    )


def assert_sendable(html_text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    parts = split_html(html_text, limit)
    for part in parts:
        assert utf16_len(part) <= limit
        parse_telegram_html(part)  # raises HTMLRejected if Telegram would refuse it
    return parts


def visible(html_text: str) -> str:
    return re.sub(r"\s+", "", parse_telegram_html(html_text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_any_answer_renders_to_html_telegram_accepts(answer: Answer) -> None:
    rendered = render_answer(answer)
    for html_text in (rendered.full, rendered.teaser, rendered.body):
        parts = assert_sendable(html_text)
        # Nothing is lost in the cutting: the visible text is the whole text.
        assert "".join(visible(p) for p in parts) == visible(html_text)
    for citation in answer.citations:
        assert re.sub(r"\s+", "", citation.quote) in visible(rendered.full)
    assert rendered.collapsed == (
        bool(answer.citations) and (len(answer.citations) > 2 or len(rendered.body) + len(rendered.sources) > 1500)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(), st.integers(min_value=30, max_value=600))
def test_splitting_at_any_limit_keeps_every_part_valid(answer: Answer, limit: int) -> None:
    html_text = render_answer(answer).full
    parts = assert_sendable(html_text, limit)
    assert "".join(visible(p) for p in parts) == visible(html_text)


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    items = tuple(
        DigestItem(
            headline=draw(nasty_text), article_id="a", url=draw(urls), source=draw(nasty_text),
            published=draw(dates), key_facts=draw(nasty_text), summary=draw(long_text),
            citations=tuple(draw(citations(n)) for n in range(1, draw(st.integers(0, 3)) + 1)),
            also_reported_by=tuple(draw(st.lists(nasty_text, max_size=3))),
        )
        for _ in range(draw(st.integers(0, 8)))
    )
    return Digest("telegram:1", draw(nasty_text), "2025-11-27T08:00:00+00:00", items,
                  more=draw(st.integers(0, 20)), empty=not items)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests())
def test_any_digest_renders_to_sendable_messages(digest: Digest) -> None:
    html_text = render_digest(digest)
    parts = assert_sendable(html_text)
    assert parts
    assert "".join(visible(p) for p in parts) == visible(html_text)


@settings(max_examples=50, deadline=None)
@given(nasty_text, nasty_text, urls, st.lists(long_text, max_size=8))
def test_any_article_and_its_facts_render_to_sendable_messages(
    title: str, source: str, url: str | None, bodies: list[str]
) -> None:
    article = Article("a1", title, source, url, "2025-01-01", "2025-01-01T00:00:00+00:00", "h", "en", "")
    sentences = [Sentence(f"a1:{i}", "a1", i, text, 0, 0) for i, text in enumerate(bodies, start=1)]
    assert_sendable(render_article(article, sentences))
    facts = [Fact(f"f{i}", "a1", "party", text[:50], (f"a1:{i}",)) for i, text in enumerate(bodies)]
    assert_sendable(render_facts(facts))


# ---- the splitter, case by case -------------------------------------------------------------------


def test_short_text_is_one_message_and_blank_text_none() -> None:
    assert split_html("<b>hello</b>") == ["<b>hello</b>"]
    assert split_html("  \n\n <i> </i> ") == []


def test_splits_prefer_paragraphs_then_lines() -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} " + "x" * 60 for n in range(10))
    parts = split_html(paragraphs, limit=200)
    assert all(p.startswith("Paragraph") for p in parts)
    assert all(p.endswith("x") for p in parts)
    lines = "\n".join(f"line {n} " + "y" * 30 for n in range(20))
    parts = split_html(lines, limit=120)
    assert all(p.startswith("line") and p.endswith("y") for p in parts)


def test_tags_open_at_a_cut_are_closed_and_reopened() -> None:
    quote = "<blockquote><b>" + " ".join(f"word{n}" for n in range(200)) + "</b></blockquote>"
    parts = split_html(quote, limit=150)
    assert len(parts) > 5
    for part in parts:
        assert part.startswith("<blockquote><b>") and part.endswith("</b></blockquote>")
        parse_telegram_html(part)


def test_entities_are_never_cut_and_emoji_count_twice() -> None:
    text = esc("&<>" * 500)
    parts = assert_sendable(text, limit=100)
    assert "".join(parse_telegram_html(p) for p in parts) == "&<>" * 500
    emoji = "😀" * 3000  # 6,000 UTF-16 units
    parts = split_html(emoji)
    assert len(parts) == 2 and all(utf16_len(p) <= TELEGRAM_LIMIT for p in parts)


def test_a_link_longer_than_a_message_is_shown_without_markup() -> None:
    url = "https://example.org/" + "a" * 300
    parts = assert_sendable(link(url, "the title") + " and more", limit=120)
    assert "".join(parse_telegram_html(p) for p in parts).replace(" ", "") == "thetitleandmore"


def test_links_only_for_plain_web_addresses() -> None:
    assert link("https://example.org/a?b=1&c=2", "T<1>") == '<a href="https://example.org/a?b=1&amp;c=2">T&lt;1&gt;</a>'
    assert link("javascript:alert(1)", "x") == "x"
    assert link('https://example.org/"onclick', "x") == "x"
    assert link(None, "a & b") == "a &amp; b"


# ---- the sources shelf -----------------------------------------------------------------------------


def test_shelf_is_bounded_and_keys_fit_callback_data() -> None:
    shelf = SourcesShelf(capacity=2)
    first = shelf.put(1, "body", "sources")
    second = shelf.put(1, "body", "sources")
    third = shelf.put(1, "body", "sources")
    assert len(shelf) == 2
    assert all(len(data.encode()) <= 64 for data in (first, second, third))
    assert shelf.get(parse_sources_key(first) or "", 1) is None
    assert shelf.get(parse_sources_key(third) or "", 1) is not None
    assert shelf.get(parse_sources_key(third) or "", 2) is None  # another chat's key is no key
    assert parse_sources_key("src:../../etc") is None and parse_sources_key(None) is None


# ---- the fake is as strict as Telegram -------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "a < b", "a & b", "a > b", "&nbsp;", "&amp", "<p>x</p>", "<b>x", "x</b>", "<b><i>x</b></i>",
        "<a>x</a>", '<a href="javascript:alert(1)">x</a>', '<b class="x">y</b>', "<br/>", "<!-- c -->",
        '<a href="https://a.org"><a href="https://b.org">x</a></a>', "<code><b>x</b></code>",
    ],
)
def test_the_fake_rejects_what_telegram_rejects(bad: str) -> None:
    with pytest.raises(HTMLRejected):
        parse_telegram_html(bad)


def test_the_fake_accepts_telegram_html() -> None:
    good = (
        '<b>b</b> <i>i</i> <a href="https://example.org/?a=1&amp;b=2">l</a> <code>c</code> '
        '<pre><code class="language-python">p</code></pre> <blockquote>q</blockquote> &lt;&gt;&amp;&quot;&#39;&#x1F600;'
    )
    assert parse_telegram_html(good) == "b i l c p q <>&\"'😀"
