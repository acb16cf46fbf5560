"""The one table model: roles, sorting in the user's alphabet, edits, and a reload that keeps the choice.

No window is shown: a model, its sorting proxy and a selection model are enough.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from huoltamo_desktop.i18n import N_, setup_i18n
from huoltamo_desktop.ui.widgets.table_model import (
    ID_ROLE,
    NUMBER_ALIGNMENT,
    Column,
    EditValue,
    RowsModel,
    RowsProxy,
    keep_selection,
    tick_column,
)
from huoltamo_desktop.ui.widgets.table_view import rows_table

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Holder:
    id: int
    name: str
    level: int
    since: date | None
    wish: bool = False


def holders() -> list[Holder]:
    return [
        Holder(1, "Zetterlund", 3, date(2021, 5, 1)),
        Holder(2, "Öberg", 12, None),
        Holder(3, "Åkerman", 2, date(2019, 1, 1)),
        Holder(4, "Ahonen", 4, date(2020, 3, 1)),
        Holder(5, "Ärling", 1, date(2022, 8, 1)),
    ]


@pytest.fixture
def saved() -> list[tuple[int, EditValue | bool]]:
    return []


@pytest.fixture
def model(qapp: object, saved: list[tuple[int, EditValue | bool]]) -> RowsModel[Holder]:
    def save_level(row: Holder, value: EditValue | bool) -> Holder | None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
            return None
        saved.append((row.id, value))
        return replace(row, level=value)

    def save_wish(row: Holder, value: EditValue | bool) -> Holder | None:
        saved.append((row.id, value))
        return replace(row, wish=bool(value))

    m: RowsModel[Holder] = RowsModel(
        [
            Column(N_("Name"), lambda r: r.name, tooltip=lambda r: f"#{r.id}"),
            Column(
                N_("Level"),
                lambda r: str(r.level),
                key=lambda r: r.level,
                number=True,
                edit=lambda r: r.level,
                commit=save_level,
                background=lambda r: "#f8a58f" if r.level < 2 else None,
            ),
            Column(
                N_("Since"),
                lambda r: r.since.isoformat() if r.since else "–",
                key=lambda r: r.since or date.max,
            ),
            tick_column(N_("Wish"), lambda r: r.wish, save_wish),
        ],
        row_id=lambda r: r.id,
    )
    m.set_rows(holders())
    return m


@pytest.fixture
def finnish() -> Iterator[None]:
    setup_i18n("fi")
    yield
    setup_i18n("en")


def names(proxy: RowsProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_names_sort_with_the_nordic_letters_after_z_in_finnish(
    model: RowsModel[Holder], finnish: None
) -> None:
    model.set_rows(holders())  # keys are made for the language in use
    proxy = RowsProxy(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Ahonen", "Zetterlund", "Åkerman", "Ärling", "Öberg"]


def test_names_sort_with_a_and_o_in_english(model: RowsModel[Holder]) -> None:
    setup_i18n("en")
    model.set_rows(holders())
    proxy = RowsProxy(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Ahonen", "Åkerman", "Ärling", "Öberg", "Zetterlund"]


def test_numbers_and_dates_sort_by_value_not_by_text(model: RowsModel[Holder]) -> None:
    proxy = RowsProxy(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Ärling", "Åkerman", "Zetterlund", "Ahonen", "Öberg"]  # 12 last
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert names(proxy)[0] == "Öberg"  # no date: after every date


def test_roles_a_view_reads(model: RowsModel[Holder]) -> None:
    setup_i18n("fi")
    try:
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Nimi"
    finally:
        setup_i18n("en")
    first = model.index(0, 0)
    level = model.index(0, 1)
    assert first.data(ID_ROLE) == 1
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "#1"
    assert level.data(Qt.ItemDataRole.TextAlignmentRole) == NUMBER_ALIGNMENT
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == (
        NUMBER_ALIGNMENT
    )
    assert first.data(Qt.ItemDataRole.TextAlignmentRole) is None  # text stays left
    assert level.data(Qt.ItemDataRole.EditRole) == 3
    assert model.index(3, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    low = model.index(4, 1)  # level 1: a warning colour, with dark text on it
    assert low.data(Qt.ItemDataRole.BackgroundRole).name() == "#f8a58f"
    assert low.data(Qt.ItemDataRole.ForegroundRole).name() == "#1b1b1b"
    assert level.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_only_columns_that_save_are_editable(model: RowsModel[Holder]) -> None:
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(model.index(0, 0), "Other")
    assert model.index(0, 0).data() == "Zetterlund"


def test_an_edit_saves_and_shows_the_new_value(
    model: RowsModel[Holder], saved: list[tuple[int, EditValue | bool]]
) -> None:
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    assert model.setData(model.index(0, 1), 4, Qt.ItemDataRole.EditRole)
    assert model.index(0, 1).data() == "4"
    assert not model.setData(model.index(0, 1), 9, Qt.ItemDataRole.EditRole)  # refused
    assert model.index(0, 1).data() == "4"
    assert model.setData(model.index(1, 3), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(1, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert saved == [(1, 4), (2, True)]
    assert changed == [0, 1]


def test_a_reload_keeps_the_chosen_row_chosen_even_when_it_moves(
    model: RowsModel[Holder],
) -> None:
    proxy = RowsProxy(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    selection = QItemSelectionModel(proxy)
    keep_selection(selection)
    chosen = proxy.row_of(2)  # Öberg
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection.setCurrentIndex(proxy.index(chosen, 0), flags)
    current: list[object] = []
    selection.currentChanged.connect(lambda now, _before: current.append(now.data(ID_ROLE)))

    model.set_rows([Holder(6, "Aalto", 3, None), *holders()])  # a new row sorts before it

    rows = selection.selectedRows()
    assert [i.data(ID_ROLE) for i in rows] == [2]
    assert selection.currentIndex().data(ID_ROLE) == 2
    assert proxy.row_of(2) == chosen + 1
    assert current == [2]  # the detail beside the list is told which row it shows


def test_a_reload_without_the_chosen_row_leaves_nothing_chosen(model: RowsModel[Holder]) -> None:
    proxy = RowsProxy(model)
    selection = QItemSelectionModel(proxy)
    keep_selection(selection)
    selection.select(
        proxy.index(proxy.row_of(2), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    model.set_rows([h for h in holders() if h.id != 2])
    assert selection.selectedRows() == []


def test_a_number_column_without_a_key_is_refused() -> None:
    with pytest.raises(ValueError):
        Column(N_("Level"), lambda r: str(r), number=True)


def test_clipped_text_shows_whole_as_tooltip(model: RowsModel[Holder], qtbot: QtBot) -> None:
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QToolTip, QWidget

    model.set_rows([Holder(1, "Ylitarkastaja-apulaisosastopäällikkö Zetterlund", 3, None)])
    parent = QWidget()
    qtbot.addWidget(parent)
    view = rows_table(parent, "holders", model, resize=QHeaderView.ResizeMode.Interactive)
    view.resize(600, 200)
    parent.show()
    qtbot.waitExposed(parent)

    def tip_for(column: int) -> str:
        QToolTip.hideText()
        index = view.model().index(0, column)
        rect = view.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = rect
        event = QHelpEvent(
            QHelpEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center())
        )
        view.itemDelegate().helpEvent(event, view, option, index)
        return QToolTip.text() if QToolTip.isVisible() else ""

    view.setColumnWidth(2, 40)
    assert tip_for(2) == ""  # "–" fits
    view.setColumnWidth(0, 60)
    assert tip_for(0) == "#1"  # a tooltip of its own wins
    model.set_rows([Holder(1, "Zetterlund", 3, date(2021, 5, 1))])
    view.setColumnWidth(2, 30)
    assert tip_for(2) == "2021-05-01"  # clipped: the whole text


def test_a_line_wider_than_its_list_shows_whole_as_tooltip(qapp: object, qtbot: QtBot) -> None:
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

    from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList

    long = "Katja Kinnunen: Hitsauksen pätevyyskoe kevään koulutukseen ennen uutta solua"
    view = ChoiceList(None, "actions", ticks=False, choices=[Choice(1, long), Choice(2, "Aino")])
    qtbot.addWidget(view)
    view.resize(200, 120)
    view.show()
    qtbot.waitExposed(view)

    def tip_for(row: int) -> str:
        QToolTip.hideText()
        index = view.model().index(row, 0)
        rect = view.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = rect
        at = rect.center()
        at.setX(min(at.x(), 100))
        event = QHelpEvent(QHelpEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
        view.itemDelegate().helpEvent(event, view, option, index)
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert tip_for(1) == ""  # "Aino" fits
    assert tip_for(0) == long


def test_a_header_click_keeps_the_chosen_row_chosen(model: RowsModel[Holder]) -> None:
    proxy = RowsProxy(model)
    selection = QItemSelectionModel(proxy)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection.setCurrentIndex(proxy.index(proxy.row_of(2), 0), flags)  # Öberg
    for column, order in ((1, Qt.SortOrder.DescendingOrder), (0, Qt.SortOrder.AscendingOrder)):
        proxy.sort(column, order)
        assert [i.data(ID_ROLE) for i in selection.selectedRows()] == [2]
        assert selection.currentIndex().data(ID_ROLE) == 2
    proxy.sort(-1)  # back to the order the rows were given in
    assert names(proxy) == [h.name for h in holders()]


def test_a_column_keyed_by_a_tuple_sorts_by_its_parts(qapp: object) -> None:
    # A conversation's state, then its version: Qt alone cannot compare such keys.
    m: RowsModel[tuple[str, int]] = RowsModel(
        [Column(N_("State"), lambda r: f"{r[0]} {r[1]}", key=lambda r: r)]
    )
    m.set_rows([("final", 2), ("draft", 1), ("final", 1), ("draft", 10)])
    proxy = RowsProxy(m)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["draft 1", "draft 10", "final 1", "final 2"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["final 2", "final 1", "draft 10", "draft 1"]
