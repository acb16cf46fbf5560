"""Trend charts drawn with reportlab.graphics: the same drawing goes into the PDF and, as SVG, onto
the screen, so what the owner sees is what prints.

A period whose figure is hidden (too few people) or missing has no bar and is
marked under its label, so a gap never reads as a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts

BAR_COLOUR = "#2f7d8c"
LAST_BAR_COLOUR = "#9cc7cf"  # the period still running
GRID_COLOUR = "#dddddd"


@dataclass(frozen=True)
class ChartData:
    """One figure over periods; ``values[i]`` is None when period ``i`` has no figure to show."""

    title: str
    labels: Sequence[str]
    values: Sequence[float | None]
    value_text: Callable[[float], str]
    gap_text: str = "–"  # under a period without a figure
    running_last: bool = True  # the last period is not over yet (drawn lighter)


if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def trend_chart(data: ChartData, *, width: float = 360, height: float = 170) -> Drawing:
    """A bar chart of ``data`` as a reportlab Drawing (points)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    register_fonts()
    drawing = Drawing(width, height)
    # A white ground: the screen shows the SVG on any palette, the paper is white anyway.
    ground = Rect(0, 0, width, height)
    ground.fillColor, ground.strokeColor = colors.white, None
    drawing.add(ground)
    # A long (Finnish) title wraps onto a second line instead of running past the chart.
    lines = _wrap(data.title, FONT_BOLD, 9.5, width)
    for i, line in enumerate(lines):
        drawing.add(
            String(
                0,
                height - 12 - 11 * i,
                line,
                fontName=FONT_BOLD,
                fontSize=9.5,
                fillColor=colors.black,
            )
        )
    shown = [v for v in data.values if v is not None]
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = round(width - 44), round(height - 58 - 11 * (len(lines) - 1))
    chart.data = [[v if v is not None else 0 for v in data.values]]
    chart.categoryAxis.categoryNames = [str(label) for label in data.labels]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = colors.HexColor("#888888")
    top = max(shown) if shown else 1.0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top * 1.2 if top > 0 else 1
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: data.value_text(float(v))
    chart.valueAxis.gridStrokeColor = colors.HexColor(GRID_COLOUR)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.strokeColor = colors.HexColor("#888888")
    chart.bars[0].fillColor = colors.HexColor(BAR_COLOUR)
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    last = len(data.values) - 1
    if data.running_last and last >= 0:
        chart.bars[(0, last)].fillColor = colors.HexColor(LAST_BAR_COLOUR)
    drawing.add(chart)
    # Value labels above the bars, and a mark under a period with nothing to show.
    step = chart.width / max(1, len(data.values))
    scale = chart.height / (chart.valueAxis.valueMax or 1)
    for i, value in enumerate(data.values):
        x = chart.x + step * (i + 0.5)
        if value is None:
            drawing.add(
                String(
                    x,
                    chart.y + 4,
                    data.gap_text,
                    fontName=FONT,
                    fontSize=7,
                    fillColor=colors.HexColor("#777777"),
                    textAnchor="middle",
                )
            )
        else:
            drawing.add(
                String(
                    x,
                    chart.y + value * scale + 3,
                    data.value_text(value),
                    fontName=FONT,
                    fontSize=7,
                    fillColor=colors.HexColor("#333333"),
                    textAnchor="middle",
                )
            )
    return drawing


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in at most two lines of ``width`` points; the second is cut with … if need be."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from huoltamo_desktop.reports.layout import shorten

    words = text.split()
    first: list[str] = []
    while words and stringWidth(" ".join([*first, words[0]]), font, size) <= width:
        first.append(words.pop(0))
    if not first:  # one word longer than the line
        return [shorten(text, font, size, width)]
    if not words:
        return [" ".join(first)]
    return [" ".join(first), shorten(" ".join(words), font, size, width)]


def chart_svg(data: ChartData, *, width: float = 360, height: float = 170) -> bytes:
    """The same chart as SVG bytes, for the screen."""
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(trend_chart(data, width=width, height=height))
    return svg.encode("utf-8") if isinstance(svg, str) else bytes(svg)
