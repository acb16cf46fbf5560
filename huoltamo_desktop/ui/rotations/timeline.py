"""The rotation timeline: a Gantt-like view, one row a person, one bar a rotation.

A QGraphicsScene holds the bars; the names on the left and the months and
week numbers at the top are painted in the foreground, pinned to the view, so
they stay in place while the plan is panned. Dragging a bar moves it,
dragging an edge changes a date; the checks run on every step and the bar's
outline turns red while the new dates would raise a warning. From the
keyboard: Up and Down (or Tab) pick a bar, Left and Right move it a day
(Shift: a week), Alt with Left and Right changes its end, Enter saves the new
dates (or opens the rotation when nothing moved), Escape puts it back.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from huoltamo_desktop.domain.rotations import KIND_COLOURS, RotationStatus
from huoltamo_desktop.i18n import _, current_language, format_date

ROW_HEIGHT = 28
HEADER_HEIGHT = 40
LABEL_WIDTH = 190
EDGE = 6  # pixels at either end of a bar that resize instead of move
ZOOM_PX_PER_DAY = {"month": 7.0, "quarter": 2.4}

Checker = Callable[[int, date, date], list[str]]


@dataclass(frozen=True)
class TimelineRow:
    label: str
    person_id: int | None  # None: a team's heading row
    bold: bool = False


@dataclass(frozen=True)
class TimelineBar:
    rotation_id: int
    person_id: int
    kind: str
    status: str
    label: str
    starts_on: date
    ends_on: date
    tooltip: str = ""
    warning: bool = False  # the checks find something in the saved dates


class _Drag(Enum):
    MOVE = "move"
    START = "start"
    END = "end"


class BarItem:
    """One rotation in one person's row (a swap has a bar in both rows).

    Bars are painted by the view itself, row by row, rather than being scene items: a
    scene of hundreds of Python-subclassed items spends most of each frame calling
    back into Python for their geometry, and the timeline must pan without lag.
    """

    def __init__(self, bar: TimelineBar, row: int, rect: QRectF) -> None:
        self.bar = bar
        self.row = row
        self._rect = rect
        self.pending: tuple[date, date] | None = None
        self.warning = bar.warning
        self.selected = False
        colour = QColor(KIND_COLOURS.get(bar.kind, "#888888"))
        if bar.status == RotationStatus.CANCELLED:
            colour = QColor("#b8b8b8")
        elif bar.status == RotationStatus.PLANNED:
            colour = colour.lighter(135)
        self._fill = colour
        self._pattern = bar.status == RotationStatus.DONE
        self._text_colour = QColor("#111111") if colour.lightness() > 120 else QColor("white")
        self._elided: tuple[int, str] | None = None

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def setRect(self, rect: QRectF) -> None:
        self._rect = rect

    def paint(self, painter: QPainter, text_from: float = 0.0) -> None:
        """Paint the bar; its label starts at ``text_from`` at the earliest (the left edge of
        the plan in view), so a bar that began earlier still says what it is."""
        rect = self._rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(QBrush(self._fill))
        if self.warning:
            pen = QPen(QColor("#c62828"), 3)
        elif self.selected:
            pen = QPen(QColor("#10303c"), 2)
        else:
            pen = QPen(self._fill.darker(150), 1)
        if self.bar.status == RotationStatus.PLANNED and not self.warning:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(rect)
        if self._pattern:  # done: a light hatching over the colour
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(255, 255, 255, 90), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        if rect.width() > 24 and rect.right() - max(rect.left(), text_from) > 24:
            painter.setPen(self._text_colour)
            text_rect = rect.adjusted(5, 0, -3, 0)
            if text_from > text_rect.left():
                text_rect.setLeft(min(text_from + 5, text_rect.right()))
            width = int(text_rect.width())
            if self._elided is None or self._elided[0] != width:
                # Eliding is the dearest part of painting a bar: once per width, not per frame.
                text = painter.fontMetrics().elidedText(
                    self.bar.label, Qt.TextElideMode.ElideRight, width
                )
                self._elided = (width, text)
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), self._elided[1])
            if self.bar.status == RotationStatus.CANCELLED:
                y = rect.center().y()
                painter.drawLine(QPointF(rect.left() + 3, y), QPointF(rect.right() - 3, y))


class TimelineView(QGraphicsView):
    """The plan over time. ``moved`` carries (rotation id, start, end) when a drag or a
    keyboard move is dropped; ``activated`` a rotation to open."""

    moved = Signal(int, object, object)
    activated = Signal(int)
    selected = Signal(int)  # 0: none
    checked = Signal(str)  # the live check result while moving (empty: nothing found)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotation_timeline")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self._labels: dict[int, str] = {}
        self._by_row: dict[int, list[BarItem]] = {}
        self._months: list[tuple[float, str]] = []
        self._mondays: list[tuple[float, int]] = []
        self._weekends: list[float] = []
        self._month_xs: list[float] = []
        self._monday_xs: list[float] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewportMargins(0, 0, 0, 0)
        self._rows: list[TimelineRow] = []
        self._bars: list[BarItem] = []
        self._origin = date.today()
        self._days = 180
        self._ppd = ZOOM_PX_PER_DAY["month"]
        self._zoom = "month"
        self._checker: Checker | None = None
        self._drag: tuple[BarItem, _Drag, float, date, date] | None = None
        self._current: BarItem | None = None
        self._today = date.today()
        self.setAccessibleName(_("Rotation timeline"))

    # --- content --------------------------------------------------------------------------

    def set_plan(
        self,
        rows: Sequence[TimelineRow],
        bars: Sequence[TimelineBar],
        *,
        start: date,
        end: date,
        checker: Checker | None = None,
        today: date | None = None,
    ) -> None:
        """Show ``bars`` in ``rows`` for the days from ``start`` to ``end``."""
        keep = self._current.bar.rotation_id if self._current is not None else 0
        self._rows = list(rows)
        self._origin = start - timedelta(days=start.weekday())
        self._days = max(7, (end - self._origin).days + 1)
        self._checker = checker
        self._today = today or date.today()
        self._bar_data = list(bars)
        self._rebuild()
        if keep:
            self.select_rotation(keep)

    def set_zoom(self, zoom: str) -> None:
        """ "month" (a day is wide enough to drag by) or "quarter" (half a year in view)."""
        if zoom not in ZOOM_PX_PER_DAY or zoom == self._zoom:
            return
        centre_day = self._day_at(self.mapToScene(self.viewport().rect().center()).x())
        self._zoom = zoom
        self._ppd = ZOOM_PX_PER_DAY[zoom]
        keep = self._current.bar.rotation_id if self._current is not None else 0
        self._rebuild()
        if keep:
            self.select_rotation(keep, scroll=False)
        self.centerOn(self._x_of(centre_day), self.mapToScene(self.viewport().rect().center()).y())

    def zoom(self) -> str:
        return self._zoom

    def scroll_to(self, day: date) -> None:
        """Bring ``day`` to the left edge of the plan area (a week before it, for context)."""
        x = self._x_of(day - timedelta(days=7)) - LABEL_WIDTH
        self.horizontalScrollBar().setValue(max(0, int(x)))

    def _calendar(self) -> None:
        """Where the months and weeks start, in scene x, computed once per plan and zoom."""
        language = current_language()
        months: list[tuple[float, str]] = []
        mondays: list[tuple[float, int]] = []
        weekends: list[float] = []
        for d in range(self._days + 1):
            day = self._origin + timedelta(days=d)
            x = LABEL_WIDTH + d * self._ppd
            if day.day == 1 or d == 0:
                months.append((x, _month_name(day, language)))
            if day.weekday() == 0:
                mondays.append((x, day.isocalendar()[1]))
            elif day.weekday() == 5:
                weekends.append(x)
        self._months = months
        self._mondays = mondays
        self._weekends = weekends
        self._month_xs = [x for x, _name in months]
        self._monday_xs = [x for x, _week in mondays]

    def _rebuild(self) -> None:
        self._calendar()
        self._labels = {}
        self._bars = []
        self._current = None
        row_of = {r.person_id: i for i, r in enumerate(self._rows) if r.person_id is not None}
        width = LABEL_WIDTH + self._days * self._ppd + 40
        height = HEADER_HEIGHT + len(self._rows) * ROW_HEIGHT + 10
        self._scene.setSceneRect(0, 0, width, height)
        self._by_row = {}
        for bar in getattr(self, "_bar_data", []):
            row = row_of.get(bar.person_id)
            if row is None:
                continue
            item = BarItem(bar, row, self._rect_for(row, bar.starts_on, bar.ends_on))
            self._bars.append(item)
            self._by_row.setdefault(row, []).append(item)
        self._bars.sort(key=lambda b: (b.row, b.bar.starts_on, b.bar.rotation_id))
        self.viewport().update()

    def _x_of(self, day: date) -> float:
        return LABEL_WIDTH + (day - self._origin).days * self._ppd

    def _day_at(self, x: float) -> date:
        return self._origin + timedelta(days=int((x - LABEL_WIDTH) // self._ppd))

    def _rect_for(self, row: int, start: date, end: date) -> QRectF:
        x = self._x_of(start)
        w = max(self._ppd, ((end - start).days + 1) * self._ppd)
        return QRectF(x, HEADER_HEIGHT + row * ROW_HEIGHT + 4, w, ROW_HEIGHT - 8)

    # --- selection ------------------------------------------------------------------------------

    def _bar_at(self, pos: QPointF) -> BarItem | None:
        row = int((pos.y() - HEADER_HEIGHT) // ROW_HEIGHT)
        if pos.y() < HEADER_HEIGHT:
            return None
        for item in reversed(self._by_row.get(row, [])):
            if item.rect().contains(pos):
                return item
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self._bar_at(self.mapToScene(event.pos()))
            if item is not None and item.bar.tooltip:
                QToolTip.showText(event.globalPos(), item.bar.tooltip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def bars(self) -> list[BarItem]:
        return list(self._bars)

    def bar_for(self, rotation_id: int) -> BarItem | None:
        return next((b for b in self._bars if b.bar.rotation_id == rotation_id), None)

    def current_rotation(self) -> int:
        return self._current.bar.rotation_id if self._current is not None else 0

    def select_rotation(self, rotation_id: int, *, scroll: bool = True) -> None:
        item = self.bar_for(rotation_id)
        self._select(item, scroll=scroll)

    def _select(self, item: BarItem | None, *, scroll: bool = True) -> None:
        if self._current is not None and self._current is not item:
            self._revert(self._current)
        if self._current is not None:
            self._current.selected = False
        self._current = item
        if item is not None:
            item.selected = True
            if scroll:
                self.ensureVisible(item.rect(), 60, 30)
        self.viewport().update()
        self.selected.emit(item.bar.rotation_id if item is not None else 0)

    # --- moving -----------------------------------------------------------------------------------

    def _preview(self, item: BarItem, start: date, end: date) -> None:
        item.pending = (
            (start, end) if (start, end) != (item.bar.starts_on, item.bar.ends_on) else None
        )
        item.setRect(self._rect_for(item.row, start, end))
        warnings = self._checker(item.bar.rotation_id, start, end) if self._checker else []
        for twin in self._bars:  # a swap's bar in the partner's row moves along
            if twin is not item and twin.bar.rotation_id == item.bar.rotation_id:
                twin.setRect(self._rect_for(twin.row, start, end))
                twin.warning = bool(warnings)
        item.warning = bool(warnings)
        self.viewport().update()
        dates = f"{format_date(start)} – {format_date(end)}"
        self.checked.emit(
            dates + (": " + " ".join(warnings) if warnings else ": " + _("no conflicts"))
            if item.pending
            else ""
        )

    def _revert(self, item: BarItem) -> None:
        if item.pending is None and not item.warning:
            return
        item.pending = None
        self._preview(item, item.bar.starts_on, item.bar.ends_on)
        item.pending = None
        self.checked.emit("")

    def _commit(self, item: BarItem) -> None:
        if item.pending is None:
            return
        start, end = item.pending
        self.moved.emit(item.bar.rotation_id, start, end)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = self.mapToScene(event.position().toPoint())
        item = self._bar_at(pos)
        if item is None:
            self._select(None)
            super().mousePressEvent(event)
            return
        self._select(item, scroll=False)
        rect = item.rect()
        mode = _Drag.MOVE
        if pos.x() - rect.left() <= EDGE and rect.width() > 3 * EDGE:
            mode = _Drag.START
        elif rect.right() - pos.x() <= EDGE and rect.width() > 3 * EDGE:
            mode = _Drag.END
        start, end = item.pending or (item.bar.starts_on, item.bar.ends_on)
        self._drag = (item, mode, pos.x(), start, end)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            pos = self.mapToScene(event.position().toPoint())
            item = self._bar_at(pos)
            if item is not None:
                rect = item.rect()
                near_edge = min(pos.x() - rect.left(), rect.right() - pos.x()) <= EDGE
                self.viewport().setCursor(
                    Qt.CursorShape.SizeHorCursor if near_edge else Qt.CursorShape.OpenHandCursor
                )
            else:
                self.viewport().unsetCursor()
            super().mouseMoveEvent(event)
            return
        item, mode, x0, start, end = self._drag
        days = round((self.mapToScene(event.position().toPoint()).x() - x0) / self._ppd)
        delta = timedelta(days=days)
        if mode == _Drag.MOVE:
            new = (start + delta, end + delta)
        elif mode == _Drag.START:
            new = (min(start + delta, end), end)
        else:
            new = (start, max(end + delta, start))
        if new != (item.pending or (item.bar.starts_on, item.bar.ends_on)):
            self._preview(item, *new)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        item = self._drag[0]
        self._drag = None
        self._commit(item)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._bar_at(self.mapToScene(event.position().toPoint()))
        if item is not None:
            self.activated.emit(item.bar.rotation_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the bars; at the last one it leaves the timeline as usual.
        if not self._bars:
            return super().focusNextPrevChild(next)
        index = self._bars.index(self._current) if self._current in self._bars else -1
        target = index + (1 if next else -1)
        if 0 <= target < len(self._bars) and self.hasFocus():
            self._select(self._bars[target])
            return True
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._current is None and self._bars:
            self._select(self._bars[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        item = self._current
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._bars:
            index = self._bars.index(item) if item in self._bars else -1
            step = -1 if key == Qt.Key.Key_Up else 1
            self._select(self._bars[max(0, min(len(self._bars) - 1, index + step))])
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.set_zoom("month" if key == Qt.Key.Key_Plus else "quarter")
            return
        if item is None:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            days = 7 if mods & Qt.KeyboardModifier.ShiftModifier else 1
            delta = timedelta(days=days if key == Qt.Key.Key_Right else -days)
            start, end = item.pending or (item.bar.starts_on, item.bar.ends_on)
            if mods & Qt.KeyboardModifier.AltModifier:
                self._preview(item, start, max(start, end + delta))
            else:
                self._preview(item, start + delta, end + delta)
            self.ensureVisible(item.rect(), 60, 30)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if item.pending is not None:
                self._commit(item)
            else:
                self.activated.emit(item.bar.rotation_id)
            return
        if key == Qt.Key.Key_Escape and item.pending is not None:
            self._revert(item)
            return
        super().keyPressEvent(event)

    def revert_current(self) -> None:
        """Put the bar being moved back where it was saved (the move was not saved)."""
        if self._current is not None:
            self._revert(self._current)

    # --- painting -------------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, area: QRectF | QRect) -> None:
        rect = QRectF(area)
        painter.fillRect(rect, QColor("white"))
        top = max(rect.top(), HEADER_HEIGHT)
        height = rect.bottom() - top
        if self._ppd >= 4:
            weekend = QColor("#f4f6f7")
            lo = bisect_left(self._weekends, rect.left() - 2 * self._ppd)
            hi = bisect_right(self._weekends, rect.right())
            for x in self._weekends[lo:hi]:
                painter.fillRect(QRectF(x, top, 2 * self._ppd, height), weekend)
            painter.setPen(QPen(QColor("#e6eaec"), 1))
            lo = bisect_left(self._monday_xs, rect.left())
            hi = bisect_right(self._monday_xs, rect.right())
            for x in self._monday_xs[lo:hi]:
                painter.drawLine(QPointF(x, top), QPointF(x, rect.bottom()))
        painter.setPen(QPen(QColor("#c9d3d8"), 1))
        lo = bisect_left(self._month_xs, rect.left())
        hi = bisect_right(self._month_xs, rect.right())
        for x in self._month_xs[lo:hi]:
            painter.drawLine(QPointF(x, top), QPointF(x, rect.bottom()))
        painter.setPen(QPen(QColor("#eef1f2"), 1))
        first_row = max(0, int((rect.top() - HEADER_HEIGHT) // ROW_HEIGHT))
        last_row = min(len(self._rows), int((rect.bottom() - HEADER_HEIGHT) // ROW_HEIGHT) + 1)
        for r in range(first_row, last_row + 1):
            y = HEADER_HEIGHT + r * ROW_HEIGHT
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self._origin <= self._today <= self._origin + timedelta(days=self._days):
            x = self._x_of(self._today) + self._ppd / 2
            painter.setPen(QPen(QColor("#d32f2f"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top), QPointF(x, rect.bottom()))
        # The bars of the rows in view, the selected one last so its outline shows whole.
        text_from = self.mapToScene(0, 0).x() + LABEL_WIDTH
        for r in range(first_row, last_row + 1):
            for item in self._by_row.get(r, ()):
                if item.rect().intersects(rect) and item is not self._current:
                    item.paint(painter, text_from)
        if self._current is not None and self._current.rect().intersects(rect):
            self._current.paint(painter, text_from)

    def drawForeground(self, painter: QPainter, area: QRectF | QRect) -> None:
        # The names and the calendar stay pinned at the left and the top of the view.
        rect = QRectF(area)
        origin = self.mapToScene(0, 0)
        view_left, view_top = origin.x(), origin.y()
        painter.save()
        painter.fillRect(
            QRectF(rect.left(), view_top, rect.width(), HEADER_HEIGHT), QColor("#f7f9fa")
        )
        painter.setPen(QPen(QColor("#c9d3d8"), 1))
        painter.drawLine(
            QPointF(rect.left(), view_top + HEADER_HEIGHT),
            QPointF(rect.right(), view_top + HEADER_HEIGHT),
        )
        font = painter.font()
        painter.setPen(QColor("#333333"))
        lo = max(0, bisect_right(self._month_xs, view_left + LABEL_WIDTH) - 1)
        hi = bisect_right(self._month_xs, rect.right())
        visible = self._months[lo:hi]
        fm = painter.fontMetrics()
        for i, (x, name) in enumerate(visible):
            left = max(x, view_left + LABEL_WIDTH)
            following = visible[i + 1][0] if i + 1 < len(visible) else None
            if following is not None and following - left < fm.horizontalAdvance(name) + 8:
                continue  # the month pinned at the left edge gives way to the next one
            painter.drawText(QPointF(left + 3, view_top + 16), name)
        if self._ppd * 7 >= 22:
            painter.setPen(QColor("#777777"))
            lo = bisect_left(self._monday_xs, rect.left())
            hi = bisect_right(self._monday_xs, rect.right())
            for x, week in self._mondays[lo:hi]:
                painter.drawText(QPointF(x + 2, view_top + 33), str(week))
        painter.fillRect(
            QRectF(view_left, rect.top(), LABEL_WIDTH, rect.height()), QColor("#fbfcfc")
        )
        painter.setPen(QPen(QColor("#c9d3d8"), 1))
        painter.drawLine(
            QPointF(view_left + LABEL_WIDTH, rect.top()),
            QPointF(view_left + LABEL_WIDTH, rect.bottom()),
        )
        metrics = painter.fontMetrics()
        first_row = max(0, int((rect.top() - HEADER_HEIGHT) // ROW_HEIGHT))
        last_row = min(len(self._rows) - 1, int((rect.bottom() - HEADER_HEIGHT) // ROW_HEIGHT) + 1)
        bold = QFont(font)
        bold.setBold(True)
        for r in range(first_row, last_row + 1):
            row = self._rows[r]
            y = HEADER_HEIGHT + r * ROW_HEIGHT
            if y + ROW_HEIGHT <= view_top + HEADER_HEIGHT:
                continue
            painter.setFont(bold if row.bold else font)
            painter.setPen(QColor("#1f4e5f") if row.bold else QColor("#222222"))
            painter.drawText(
                QRectF(view_left + 8, y, LABEL_WIDTH - 12, ROW_HEIGHT),
                int(Qt.AlignmentFlag.AlignVCenter),
                self._row_label(r, metrics),
            )
        painter.setFont(font)
        painter.fillRect(QRectF(view_left, view_top, LABEL_WIDTH, HEADER_HEIGHT), QColor("#f7f9fa"))
        painter.setPen(QColor("#555555"))
        painter.drawText(
            QRectF(view_left + 8, view_top, LABEL_WIDTH - 12, HEADER_HEIGHT),
            int(Qt.AlignmentFlag.AlignVCenter),
            _("Month / week"),
        )
        painter.restore()

    def _row_label(self, row: int, metrics: QFontMetrics) -> str:
        label = self._labels.get(row)
        if label is None:
            label = metrics.elidedText(
                self._rows[row].label, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 14
            )
            self._labels[row] = label
        return label

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # The pinned parts move with the view, not with the scene: paint them afresh.
        self.viewport().update()


def _month_name(day: date, language: str) -> str:
    from babel.dates import format_date as babel_format_date

    from huoltamo_desktop.i18n import BABEL_LOCALES

    return babel_format_date(day, "LLLL yyyy", locale=BABEL_LOCALES.get(language, "fi_FI"))
