"""The employee's own skill rating: a compact list of their skills with a level picker.

Embedded in the employee session: each change is saved at once as a dated
self-rating (the manager's and the agreed levels are separate). The person can
add a skill to rate and mark the ones they would like to learn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt, Signal
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
from huoltamo_desktop.i18n import N_, _
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.skills.matrix_model import LevelDelegate
from huoltamo_desktop.ui.widgets.table_model import (
    Column,
    EditValue,
    RowsModel,
    tick_column,
)

SKILL, MINE, AGREED, ROLE, WISH = range(5)


@dataclass(frozen=True)
class RatingRow:
    skill_id: int
    name: str
    category: str
    mine: int | None
    agreed: int | None
    role: int | None
    wish: bool


def _level(value: int | None) -> str:
    return svc.level_text(value) if value is not None else ""


def _descriptor(value: int | None) -> str | None:
    return svc.level_descriptor(value) if value is not None else None


class SelfRatingModel(RowsModel[RatingRow]):
    """The person's skills; their own level is edited in place and saved at once, as is a wish."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, person_id: int) -> None:
        super().__init__(
            [
                Column(N_("Skill"), lambda r: r.name, tooltip=lambda r: r.category or None),
                Column(
                    N_("My level"),
                    lambda r: svc.level_text(r.mine) if r.mine is not None else _("Choose…"),
                    key=lambda r: -1 if r.mine is None else r.mine,
                    tooltip=lambda r: _descriptor(r.mine),
                    edit=lambda r: r.mine if r.mine is not None else 0,
                    commit=self._save_level,
                ),
                Column(
                    N_("Agreed level"),
                    lambda r: _level(r.agreed),
                    key=lambda r: -1 if r.agreed is None else r.agreed,
                    tooltip=lambda r: _descriptor(r.agreed),
                ),
                Column(
                    N_("My role needs"),
                    lambda r: _level(r.role),
                    key=lambda r: -1 if r.role is None else r.role,
                    tooltip=lambda r: _descriptor(r.role),
                ),
                tick_column(N_("I would like to learn this"), lambda r: r.wish, self._save_wish),
            ],
            row_id=lambda r: r.skill_id,
        )
        self.ctx = ctx
        self.person_id = person_id
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
        rows: list[RatingRow] = []
        for line in lines:
            by_kind = latest.get((self.person_id, line.skill_id), {})
            mine = by_kind.get(RatingKind.SELF)
            agreed = by_kind.get(RatingKind.AGREED)
            target = targets.get((self.person_id, line.skill_id))
            rows.append(
                RatingRow(
                    skill_id=line.skill_id,
                    name=line.skill_name,
                    category=line.category,
                    mine=mine[0] if mine else None,
                    agreed=agreed[0] if agreed else None,
                    role=line.required_level,
                    wish=bool(target and target.wish),
                )
            )
        for skill in extra:
            rows.append(
                RatingRow(skill.id or 0, svc.skill_name(skill), "", None, None, None, False)
            )
        self.set_rows(rows)

    def _save_level(self, row: RatingRow, value: EditValue | bool) -> RatingRow | None:
        if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
            return None
        try:
            with self.ctx.session() as session:
                svc.record_self_rating(
                    session,
                    person_id=self.person_id,
                    skill_id=row.skill_id,
                    level=value,
                    on=date.today(),
                )
        except UserError as exc:
            self.failed.emit(str(exc))
            return None
        self.saved.emit(row.name)
        return replace(row, mine=value)

    def _save_wish(self, row: RatingRow, value: EditValue | bool) -> RatingRow | None:
        wish = bool(value)
        try:
            with self.ctx.session() as session:
                svc.set_wish(session, person_id=self.person_id, skill_id=row.skill_id, wish=wish)
        except UserError as exc:
            self.failed.emit(str(exc))
            return None
        self.saved.emit(row.name)
        return replace(row, wish=wish)


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
        shown = {r.skill_id for r in self.model.rows()}
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
            row = self.model.row_of(sid)
            self.view.setCurrentIndex(self.model.index(row, MINE))
            self.view.setFocus()

    def _saved(self, skill: str) -> None:
        self.status.setText(_("Saved: {skill}").format(skill=skill))
        self.changed.emit()
