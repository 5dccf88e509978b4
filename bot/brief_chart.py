"""A brief's chart as a small PNG: matplotlib with the Agg canvas, imported only here.

Building a brief never imports this module's dependencies; renderers that show the picture (HTML,
Telegram, Slack) call `chart_png` when the brief has a chart. No pyplot: a `Figure` with its own Agg
canvas holds no global state, so charts can be drawn from worker threads.
"""

from __future__ import annotations

import io
from functools import lru_cache

from .brief import BriefChart

__all__ = ["chart_png", "scaled"]

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def scaled(values: list[float]) -> tuple[float, str]:
    """The divisor and suffix that make the largest value readable ("m" for millions)."""
    top = max((abs(v) for v in values), default=0.0)
    for size, suffix in _SCALES:
        if top >= size:
            return size, suffix
    return 1.0, ""


def _when_label(iso: str) -> str:
    from .brief import _when_label as label

    return label(iso)


@lru_cache(maxsize=32)
def chart_png(chart: BriefChart) -> bytes:
    """The chart's points as a line with labelled markers, oldest first, about 640x320 pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    values = [p.value for p in chart.points]
    size, suffix = scaled(values)
    xs = list(range(len(values)))
    ys = [v / size for v in values]
    figure = Figure(figsize=(6.4, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot(xs, ys, marker="o", color="#1f4e79", linewidth=2)
    for x, y, point in zip(xs, ys, chart.points, strict=True):
        axes.annotate(f"{point.label} [{point.cite}]", (x, y), textcoords="offset points", xytext=(0, 7),
                      ha="center", fontsize=8)
    axes.set_xticks(xs, [_when_label(p.when) for p in chart.points], fontsize=8)
    unit = " ".join(part for part in (chart.unit, suffix) if part)
    axes.set_ylabel(unit, fontsize=8)
    axes.set_title(chart.title, fontsize=10)
    axes.tick_params(axis="y", labelsize=8)
    low, high = min(ys), max(ys)
    pad = (high - low) * 0.2 or abs(high) * 0.2 or 1.0
    axes.set_ylim(min(0.0, low - pad), high + pad)
    axes.set_xlim(-0.5, len(xs) - 0.5)
    axes.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
