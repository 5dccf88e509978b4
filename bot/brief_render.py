"""A brief as Markdown, as one standalone HTML page, or as JSON (chat renderers live in adapters/).

Every string that comes from an article or a user is escaped for the format it goes into; the only
markup is what these functions write. The HTML page needs nothing from outside: its style is
inline, the chart is a `data:` image, and a Content-Security-Policy says so to the browser. It
prints on A4 or Letter with the sources kept with their quotes.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Sequence

from .brief import Brief, BriefLine, brief_to_dict
from .models import Citation

__all__ = ["also_text", "closest_line", "line_text", "to_html", "to_json", "to_markdown"]

_SAFE_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]{1,2000}", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def markers(cites: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in cites)


ALSO_SHOWN = 3  # other sources named on a line; the rest are counted


def also_text(line: BriefLine, shown: int = ALSO_SHOWN) -> str:
    """'also reported by A, B and 4 more' (plain text), or '' when only one source told it."""
    names = line.also_reported_by
    if not names:
        return ""
    if len(names) <= shown:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    else:
        listed = ", ".join(names[:shown]) + f" and {len(names) - shown} more"
    return f"also reported by {listed}"


def line_text(line: BriefLine) -> str:
    """A line as plain text: 'tractor production — agreed [1][4] (also reported by Second Desk)'."""
    text = f"{line.text} {markers(line.cites)}".rstrip()
    if line.also_reported_by:
        text += f" ({also_text(line)})"
    return text


def closest_line(brief: Brief) -> str:
    """'Closest topics in the store: Pakistan Belarus, Belarus.' or ''."""
    if not brief.closest:
        return ""
    return "Closest topics in the store: " + ", ".join(brief.closest) + "."


def _meta(c: Citation) -> str:
    return ", ".join(p for p in (c.source, c.published or "undated") if p)


# ---- Markdown ---------------------------------------------------------------------------------
def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(brief: Brief) -> str:
    out = [f"# {md_escape(brief.title)}", ""]
    if brief.empty:
        out.append(md_escape(brief.message))
        if brief.closest:
            out += ["", md_escape(closest_line(brief))]
        return "\n".join(out) + "\n"
    out += [f"*{md_escape(brief.coverage)}*", ""]
    for section in brief.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for line in section.lines:
            text = f"- {md_escape(line.text)} {markers(line.cites)}"
            if line.also_reported_by:
                text += f" *({md_escape(also_text(line))})*"
            out.append(text)
        out.append("")
    if brief.chart is not None:
        points = "; ".join(f"{p.when}: {p.label} [{p.cite}]" for p in brief.chart.points)
        out += [f"## Chart: {md_escape(brief.chart.title)}", "", md_escape(points), ""]
    out += ["## Sources", ""]
    for c in brief.sources:
        title = md_escape(c.title or "Untitled")
        if c.url and _SAFE_URL.fullmatch(c.url):
            title = f"[{title}](<{c.url}>)"
        out.append(f"{c.n}. {title} — {md_escape(_meta(c))}  ")
        out.append(f"   > {md_escape(c.quote)}")
    if brief.note:
        out += ["", f"*{md_escape(brief.note)}*"]
    return "\n".join(out) + "\n"


# ---- JSON -------------------------------------------------------------------------------------
def to_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


# ---- HTML -------------------------------------------------------------------------------------
_STYLE = """
body{font:15px/1.45 Georgia,'Times New Roman',serif;color:#1a1a1a;max-width:46em;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;border-bottom:1px solid #bbb;margin:1.4em 0 .5em}
.coverage{color:#555;font-style:italic;margin:0 0 1em}ul{padding-left:1.2em}li{margin:.2em 0}
sup a{text-decoration:none}.also{color:#555;font-style:italic}
figure{margin:1em 0;text-align:center}figure img{max-width:100%;height:auto}
figcaption{font-size:.85em;color:#555}ol.sources li{margin:.6em 0}
blockquote{margin:.25em 0 0;padding:.1em .8em;border-left:3px solid #ccc;color:#333}
.meta{color:#555;font-size:.9em}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
h2{break-after:avoid}li,figure,blockquote{break-inside:avoid}@page{margin:18mm}}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cites_html(cites: Sequence[int]) -> str:
    return "".join(f'<sup><a href="#src-{n}">[{n}]</a></sup>' for n in cites)


def _link(url: str | None, label: str) -> str:
    if url and _SAFE_URL.fullmatch(url):
        return f'<a href="{_esc(url)}">{_esc(label)}</a>'
    return _esc(label)


def to_html(brief: Brief, *, chart_png: bytes | None = None) -> str:
    """A standalone, printable page. `chart_png` defaults to drawing the brief's chart."""
    if chart_png is None and brief.chart is not None:
        from .brief_chart import chart_png as draw

        chart_png = draw(brief.chart)
    body: list[str] = [f"<h1>{_esc(brief.title)}</h1>"]
    if brief.empty:
        body.append(f"<p>{_esc(brief.message)}</p>")
        if brief.closest:
            body.append(f"<p>{_esc(closest_line(brief))}</p>")
    else:
        body.append(f'<p class="coverage">{_esc(brief.coverage)}</p>')
        for section in brief.sections:
            items = []
            for line in section.lines:
                also = f' <span class="also">({_esc(also_text(line))})</span>' if line.also_reported_by else ""
                items.append(f"<li>{_esc(line.text)} {_cites_html(line.cites)}{also}</li>")
            body.append(f'<section id="{_esc(section.key)}"><h2>{_esc(section.title)}</h2>'
                        f'<ul>{"".join(items)}</ul></section>')
            if section.key == "figures" and brief.chart is not None and chart_png:
                body.append(_figure(brief, chart_png))
        if brief.chart is not None and chart_png and brief.section("figures") is None:
            body.append(_figure(brief, chart_png))
        sources = "".join(
            f'<li id="src-{c.n}" value="{c.n}">{_link(c.url, c.title or "Untitled")} '
            f'<span class="meta">— {_esc(_meta(c))}</span><blockquote>{_esc(c.quote)}</blockquote></li>'
            for c in brief.sources
        )
        body.append(f'<section id="sources"><h2>Sources</h2><ol class="sources">{sources}</ol></section>')
        if brief.note:
            body.append(f'<p class="meta">{_esc(brief.note)}</p>')
    csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(brief.title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _figure(brief: Brief, png: bytes) -> str:
    assert brief.chart is not None
    data = base64.b64encode(png).decode("ascii")
    points = "; ".join(f"{p.when}: {p.label}" for p in brief.chart.points)
    caption = f"{brief.chart.title}, from the figures above " + _cites_html(sorted({p.cite for p in brief.chart.points}))
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(brief.chart.title)}: {_esc(points)}">'
            f"<figcaption>{caption}</figcaption></figure>")
