"""The read-only list table every page shows: whole rows, one at a time, sortable by its headers."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from huoltamo_desktop.ui.widgets.table_model import (
    ID_ROLE,
    RowsModel,
    RowsProxy,
    keep_selection,
)


class ClippedTextDelegate(QStyledItemDelegate):
    """Shows a cell's whole text as its tooltip when the column is too narrow to show it.

    A cell with a tooltip of its own keeps that tooltip.
    """

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if (
            event is not None
            and event.type() == QEvent.Type.ToolTip
            and index.isValid()
            and index.data(Qt.ItemDataRole.ToolTipRole) is None
        ):
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text and is_clipped(view, option, index, self):
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


def is_clipped(
    view: QWidget,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    delegate: QStyledItemDelegate,
) -> bool:
    """Whether the cell's text is wider than the room the cell (and the visible part of it) gives."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    style = view.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
    if isinstance(view, QAbstractItemView):  # a line wider than the list is cut by its edge
        text_rect = text_rect.intersected(view.viewport().rect())
    room = text_rect.width()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return opt.fontMetrics.horizontalAdvance(opt.text) > room - 2 * margin


def read_only_table(
    parent: QWidget, name: str, model: QAbstractItemModel, *, resize: QHeaderView.ResizeMode
) -> QTableView:
    """A sortable table over ``model`` (a sorting proxy) that selects one whole row and never edits."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(resize)
    view.horizontalHeader().setStretchLastSection(True)
    view.setItemDelegate(ClippedTextDelegate(view))
    return view


def rows_table(
    parent: QWidget,
    name: str,
    model: RowsModel[Any] | RowsProxy,
    *,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
    sort_column: int | None = 0,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> QTableView:
    """A sortable, read-only table over a ``RowsModel`` (or a filtering ``RowsProxy`` over one).

    It starts sorted by ``sort_column`` in ``order``; with None the rows keep
    the order they were given in (a ranking) until a header is clicked. Rows chosen before a
    reload are chosen again after it.
    """
    proxy = model if isinstance(model, RowsProxy) else RowsProxy(model, parent)
    view = read_only_table(parent, name, proxy, resize=resize)
    if sort_column is None:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        proxy.sort(-1)
    else:
        view.sortByColumn(sort_column, order)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.resizeColumnsToContents()  # an empty table still shows its whole column titles
    keep_selection(view.selectionModel())
    return view


def rows_proxy(view: QTableView) -> RowsProxy:
    """The sorting proxy of a view made by ``rows_table``."""
    proxy = view.model()
    assert isinstance(proxy, RowsProxy)
    return proxy


def selected_id(view: QTableView) -> Hashable:
    """The id (``ID_ROLE``) of the row chosen in ``view``; None when none is."""
    index = view.currentIndex()
    return index.data(ID_ROLE) if index.isValid() else None


def selected_row(view: QTableView) -> Any:
    """The row (of the ``RowsModel``) chosen in a view made by ``rows_table``; None when none is."""
    index = view.currentIndex()
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    if rows:
        index = rows[0]
    if not index.isValid():
        return None
    proxy = rows_proxy(view)
    return proxy.rows_model().row_at(proxy.mapToSource(index).row())


def fit_columns(
    view: QTableView, *, stretch: int, cap: int = 320, padding: int = 12, key_min: int = 280
) -> None:
    """Column widths from their contents, the ``stretch`` column taking the rest of the width.

    Widths are computed from the contents and the header every time, never from
    the current width, so refreshing does not make a column grow. The other
    columns are capped at ``cap``; the key column (the one whose text matters
    most) gets the room they leave, and never less than ``key_min`` (or its
    contents, when shorter): in a narrow window the table then scrolls sideways
    rather than cutting the key text to a few letters.
    """
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    header.setStretchLastSection(False)
    others = 0
    for column in range(model.columnCount()):
        if view.isColumnHidden(column) or column == stretch:
            continue
        content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column)) + padding
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, min(content, cap))
        others += view.columnWidth(column)
    if not 0 <= stretch < model.columnCount():
        return
    key = max(view.sizeHintForColumn(stretch), header.sectionSizeHint(stretch)) + padding
    wanted = min(key, key_min)
    if view.viewport().width() - others >= wanted:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(stretch, max(wanted, min(key, 2 * cap)))
