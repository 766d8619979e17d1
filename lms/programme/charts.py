"""Horizontal bar charts as plain numbers for an inline SVG (no JavaScript, no inline styles).

Pure: no Flask. The template macro `_macros/charts.html` draws the model; every chart is
followed by a table with the same numbers, so nothing is only in the picture.

Layout (SVG user units; the SVG is 100% wide with this viewBox, so it scales to a 360 px
phone): a legend (one line per series), then for each row its label on one line and one bar per series
below it, with the number just after the bar. Labels sit above the bars, so long labels
never squeeze them; labels longer than LABEL_CHARS are shortened with an ellipsis (the
table below the chart keeps the full label).
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
BAR_WIDTH = 250  # room after the longest bar for a number such as "30"
BAR_HEIGHT = 14
BAR_GAP = 4
LABEL_HEIGHT = 20
ROW_GAP = 12
LEGEND_LINE = 22
LABEL_CHARS = 36


@dataclass(frozen=True)
class ChartRow:
    """One thing measured (a course, a track): its label, one value per series, and the most possible."""

    label: str
    values: tuple[int, ...]
    maximum: int


@dataclass(frozen=True)
class Bar:
    series: int
    value: int
    y: float
    width: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class DrawnRow:
    label: str
    short_label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class LegendItem:
    series: int
    name: str
    y: float  # the top of its colour square
    text_y: float


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    width: int
    height: float
    bar_width: int
    bar_height: int
    legend: tuple[LegendItem, ...]
    legend_text_x: float
    rows: tuple[DrawnRow, ...]


def bar_length(value: int, maximum: int, full: float = BAR_WIDTH) -> float:
    """Return the bar's length: proportional to value/maximum, never negative nor beyond full."""
    if maximum <= 0 or value <= 0:
        return 0.0
    return round(full * min(value, maximum) / maximum, 2)


def shorten(label: str, limit: int = LABEL_CHARS) -> str:
    """Return the label, cut to `limit` characters with an ellipsis when longer."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(chart_id: str, series: Sequence[str], rows: Sequence[ChartRow]) -> BarChart:
    """Lay out a horizontal bar chart: one group of bars per row, one bar per series."""
    legend = [
        LegendItem(index, name, index * LEGEND_LINE, index * LEGEND_LINE + BAR_HEIGHT - 2)
        for index, name in enumerate(series)
    ]
    y = float(len(series) * LEGEND_LINE + ROW_GAP)
    drawn = []
    for row in rows:
        label_y = y + LABEL_HEIGHT - 5  # the text baseline
        y += LABEL_HEIGHT
        bars = []
        for index, value in enumerate(row.values):
            width = bar_length(value, row.maximum)
            bars.append(Bar(index, value, y, width, width + 6, y + BAR_HEIGHT - 2))
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
        drawn.append(DrawnRow(row.label, shorten(row.label), label_y, tuple(bars)))
    return BarChart(
        chart_id=chart_id,
        width=WIDTH,
        height=y,
        bar_width=BAR_WIDTH,
        bar_height=BAR_HEIGHT,
        legend=tuple(legend),
        legend_text_x=BAR_HEIGHT + 6,
        rows=tuple(drawn),
    )


def leader(rows: Sequence[ChartRow], series: int = 0) -> ChartRow | None:
    """Return the row with the highest value in one series (the first on a tie), or None if all are 0."""
    best = None
    for row in rows:
        if row.values[series] > 0 and (best is None or row.values[series] > best.values[series]):
            best = row
    return best
