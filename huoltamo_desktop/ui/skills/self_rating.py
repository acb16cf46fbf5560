"""The employee's own skill rating: a compact list of their skills with a level picker.

Embedded in the employee session: each change is saved at once as a dated
self-rating (the manager's and the agreed levels are separate). The person can
add a skill to rate and mark the ones they would like to learn.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.skills import LEVELS, RatingKind
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.skills.matrix_model import LevelDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
SKILL, MINE, AGREED, ROLE, WISH = range(5)


class SelfRatingModel(QAbstractTableModel):
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, person_id: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.person_id = person_id
        # skill_id, name, category, my level, agreed level, role level, wish
        self.rows: list[list[object]] = []
        self.extra: set[int] = set()

    def reload(self) -> None:
        with self.ctx.session() as session:
            lines = svc.person_skill_lines(session, person_id=self.person_id)
            latest = svc.latest_ratings(session, person_ids=[self.person_id])
            targets = svc.targets_for(session, person_ids=[self.person_id])
            known = {line.skill_id for line in lines}
            extra = [
                s for s in svc.list_skills(session) if s.id in self.extra and s.id not in known
            ]
        self.beginResetModel()
        self.rows = []
        for line in lines:
            by_kind = latest.get((self.person_id, line.skill_id), {})
            mine = by_kind.get(RatingKind.SELF)
            agreed = by_kind.get(RatingKind.AGREED)
            target = targets.get((self.person_id, line.skill_id))
            self.rows.append(
                [
                    line.skill_id,
                    line.skill_name,
                    line.category,
                    mine[0] if mine else None,
                    agreed[0] if agreed else None,
                    line.required_level,
                    bool(target and target.wish),
                ]
            )
        for skill in extra:
            self.rows.append([skill.id, svc.skill_name(skill), "", None, None, None, False])
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            _("Skill"),
            _("My level"),
            _("Agreed level"),
            _("My role needs"),
            _("I would like to learn this"),
        ][section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == WISH:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row[6] else Qt.CheckState.Unchecked
            return None
        value = {SKILL: row[1], MINE: row[3], AGREED: row[4], ROLE: row[5]}[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == SKILL:
                return value
            if value is None:
                return _("Choose…") if col == MINE else ""
            return svc.level_text(int(value))  # type: ignore[call-overload]
        if role == Qt.ItemDataRole.EditRole and col == MINE:
            return value if value is not None else 0
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == SKILL:
                return row[2] or None
            if isinstance(value, int):
                return svc.level_descriptor(value)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == MINE:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == WISH:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid():
            return False
        row = self.rows[index.row()]
        skill_id = int(row[0])  # type: ignore[call-overload]
        try:
            if index.column() == MINE and role == Qt.ItemDataRole.EditRole:
                if not isinstance(value, int) or value not in LEVELS:
                    return False
                with self.ctx.session() as session:
                    svc.record_self_rating(
                        session,
                        person_id=self.person_id,
                        skill_id=skill_id,
                        level=value,
                        on=date.today(),
                    )
                row[3] = value
            elif index.column() == WISH and role == Qt.ItemDataRole.CheckStateRole:
                wish = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
                with self.ctx.session() as session:
                    svc.set_wish(session, person_id=self.person_id, skill_id=skill_id, wish=wish)
                row[6] = wish
            else:
                return False
        except UserError as exc:
            self.failed.emit(str(exc))
            return False
        self.dataChanged.emit(index, index)
        self.saved.emit(str(row[1]))
        return True


class _RatingView(QTableView):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text()
        if (
            text in {"0", "1", "2", "3", "4"}
            and index.isValid()
            and self.state() != QAbstractItemView.State.EditingState
        ):
            target = index.siblingAtColumn(MINE)
            saved = self.model().setData(target, int(text), Qt.ItemDataRole.EditRole)
            if saved and index.row() + 1 < self.model().rowCount():
                self.setCurrentIndex(self.model().index(index.row() + 1, MINE))
            event.accept()
            return
        super().keyPressEvent(event)


class SelfRatingWidget(QWidget):
    """The person's relevant skills (rated, targeted or needed by their role) to rate themselves."""

    changed = Signal()

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("My skills"), self)
        title.setObjectName("self_rating_title")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")  # like the other steps' titles
        layout.addWidget(title)
        intro = QLabel(
            _(
                "Rate how well you know each skill today. Type 0–4 or open the list to read what each level "
                "means. Your rating is saved at once and brought to your next conversation; your manager's "
                "view and the agreed level are kept separately."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = SelfRatingModel(ctx, person_id)
        self.view = _RatingView(self)
        self.view.setObjectName("self_rating_table")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MINE, LevelDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(SKILL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(
            _(
                "No skills are listed for you yet. Add a skill you use in your work below, or ask your manager."
            ),
            self,
        )
        self.empty.setObjectName("self_rating_empty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        add_label = QLabel(_("&Add a skill to rate:"), self)
        self.add_skill = QComboBox(self)
        self.add_skill.setObjectName("self_rating_add_skill")
        add_label.setBuddy(self.add_skill)
        self.add_button = QPushButton(_("A&dd"), self)
        self.add_button.setObjectName("self_rating_add")
        row.addWidget(add_label)
        row.addWidget(self.add_skill, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("self_rating_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model.saved.connect(self._saved)
        self.model.failed.connect(self.status.setText)
        self.add_button.clicked.connect(self._add)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        shown = {int(r[0]) for r in self.model.rows}  # type: ignore[call-overload]
        with self.ctx.session() as session:
            choices = [
                (svc.skill_name(s), s.id) for s in svc.list_skills(session) if s.id not in shown
            ]
        self.add_skill.clear()
        for name, sid in choices:
            self.add_skill.addItem(name, sid)
        self.add_skill.setEnabled(bool(choices))
        self.add_button.setEnabled(bool(choices))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.view.setVisible(self.model.rowCount() > 0)

    def _add(self) -> None:
        sid = self.add_skill.currentData()
        if isinstance(sid, int):
            self.model.extra.add(sid)
            self.refresh()
            row = next(i for i, r in enumerate(self.model.rows) if r[0] == sid)
            self.view.setCurrentIndex(self.model.index(row, MINE))
            self.view.setFocus()

    def _saved(self, skill: str) -> None:
        self.status.setText(_("Saved: {skill}").format(skill=skill))
        self.changed.emit()
