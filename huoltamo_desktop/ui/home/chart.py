"""A chart on the screen: the report's reportlab drawing, shown as SVG by QtSvg."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

from huoltamo_desktop.reports.home_charts import ChartData, chart_svg

WIDTH, HEIGHT = 360, 170


class ChartView(QSvgWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(QSize(round(WIDTH * 1.15), round(HEIGHT * 1.15)))
        self.title = ""

    def set_chart(self, data: ChartData) -> None:
        self.set_svg(data.title, chart_svg(data, width=WIDTH, height=HEIGHT))

    def set_svg(self, title: str, svg: bytes) -> None:
        """Show a chart already drawn (on a worker thread) as SVG."""
        self.title = title
        self.setAccessibleName(title)
        self.load(svg)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, HEIGHT)
