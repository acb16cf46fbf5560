"""The read-only list table every page shows: whole rows, one at a time, sortable by its headers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


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
    return view


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
