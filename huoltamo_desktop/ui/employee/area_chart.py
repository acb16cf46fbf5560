"""A horizontal bar chart of the six area scores, with the previous assessment beside them."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from huoltamo_desktop.i18n import _, format_number

CURRENT = QColor("#2f6f8f")
PREVIOUS = QColor("#b9cfdb")


class AreaChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AreaChart")
        self.rows: list[tuple[str, float | None, float | None]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(900)  # bars stretched over a wide screen are hard to compare

    def set_scores(self, rows: list[tuple[str, float | None, float | None]]) -> None:
        """(area title, current mean, previous mean) per area."""
        self.rows = rows
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 58 + 38 * max(1, len(self.rows)))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        label_w = min(
            int(self.width() * 0.42),
            max((fm.horizontalAdvance(t) for t, _c, _p in self.rows), default=80) + 12,
        )
        left = label_w + 4
        right = self.width() - 110
        span = max(10, right - left)
        has_previous = any(prev is not None for _t, _c, prev in self.rows)
        # A faint scale 0–5 behind the bars, so that a bar's length can be read.
        bottom = 6 + 38 * len(self.rows) - 6
        grid = QColor(self.palette().color(self.foregroundRole()))
        grid.setAlpha(40)
        for step in range(6):
            x = left + span * step / 5
            p.setPen(grid)
            p.drawLine(int(x), 4, int(x), int(bottom))
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(
                QRectF(x - 20, bottom + 1, 40, 16),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                str(step),
            )
        y = 6
        for title, current, previous in self.rows:
            p.setPen(self.palette().color(self.foregroundRole()))
            text_rect = QRectF(0, y, label_w, 20)
            p.drawText(
                text_rect,
                int(
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignVCenter
                    | Qt.TextFlag.TextWordWrap
                ),
                title,
            )
            for value, color, top, height in (
                (current, CURRENT, y + 2, 16),
                (previous, PREVIOUS, y + 19, 9),
            ):
                if value is None:
                    continue
                width = span * (value - 0) / 5
                p.fillRect(QRectF(left, top, width, height), color)
            label = format_number(current, digits=1) if current is not None else _("no score")
            p.drawText(
                QRectF(right + 10, y, 100, 20),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            y += 38
        y += 14  # below the scale
        # legend
        p.fillRect(QRectF(left, y + 6, 14, 10), CURRENT)
        p.drawText(
            QRectF(left + 18, y, 200, 22), int(Qt.AlignmentFlag.AlignVCenter), _("This time")
        )
        if has_previous:
            p.fillRect(QRectF(left + 140, y + 6, 14, 10), PREVIOUS)
            p.drawText(
                QRectF(left + 158, y, 220, 22),
                int(Qt.AlignmentFlag.AlignVCenter),
                _("Previous assessment"),
            )
        p.end()
