"""The people list as a Qt table model (one row a person, never a widget per row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from huoltamo_desktop.domain.people import Person, career_stage_label, leave_reason_label
from huoltamo_desktop.i18n import LANGUAGE_NAMES, N_, _, format_date

COLUMNS = (
    N_("Name"),
    N_("Job title"),
    N_("Team"),
    N_("Supervisor"),
    N_("Career stage"),
    N_("Started"),
    N_("Language"),
    N_("Status"),
)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    sort_name: str
    job_title: str
    team: str
    supervisor: str
    career_stage: str
    employment_start: date | None
    language: str
    active: bool
    left_on: date | None
    leave_reason: str | None

    @classmethod
    def from_person(cls, p: Person, teams: dict[int, str], names: dict[int, str]) -> PersonRow:
        return cls(
            id=p.id or 0,
            name=p.full_name,
            sort_name=f"{p.last_name} {p.first_name}".lower(),
            job_title=p.job_title,
            team=teams.get(p.team_id or 0, ""),
            supervisor=names.get(p.supervisor_id or 0, ""),
            career_stage=p.career_stage,
            employment_start=p.employment_start,
            language=p.language,
            active=p.is_active,
            left_on=p.left_on,
            leave_reason=p.leave_reason,
        )


class PeopleModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.UserRole + 1:  # sort key
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QColor("#777777"))
        return None

    def _text(self, row: PersonRow, col: int) -> str:
        if col == 0:
            return row.name
        if col == 1:
            return row.job_title
        if col == 2:
            return row.team
        if col == 3:
            return row.supervisor
        if col == 4:
            return career_stage_label(row.career_stage)
        if col == 5:
            return format_date(row.employment_start)
        if col == 6:
            return LANGUAGE_NAMES.get(row.language, row.language)
        if row.active:
            return _("Active")
        return _("Left {date} ({reason})").format(
            date=format_date(row.left_on), reason=leave_reason_label(row.leave_reason)
        )

    def _sort_key(self, row: PersonRow, col: int) -> Any:
        if col == 0:
            return row.sort_name
        if col == 5:
            return row.employment_start.isoformat() if row.employment_start else ""
        return self._text(row, col).lower()

    def row_for(self, person_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == person_id), -1)
