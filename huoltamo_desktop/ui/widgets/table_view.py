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


def fit_columns(view: QTableView, *, stretch: int, cap: int = 320, padding: int = 12) -> None:
    """Column widths from their contents, the ``stretch`` column taking the rest of the width.

    Widths are computed from the contents and the header every time, never from
    the current width, so refreshing does not make a column grow. The stretched
    column (the one whose text matters most) is not capped: it gets the room
    the others, each capped at ``cap``, leave.
    """
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    header.setStretchLastSection(False)
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column)) + padding
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, min(content, cap))
