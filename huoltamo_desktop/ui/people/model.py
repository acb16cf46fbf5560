"""The people list as a Qt table model (one row a person, never a widget per row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from huoltamo_desktop.domain.people import Person, career_stage_label, leave_reason_label
from huoltamo_desktop.i18n import N_, _, format_date, language_name
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel


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
            sort_name=sort_key(f"{p.last_name} {p.first_name}"),
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


def _status(row: PersonRow) -> str:
    if row.active:
        return _("Active")
    return _("Left {date} ({reason})").format(
        date=format_date(row.left_on), reason=leave_reason_label(row.leave_reason)
    )


COLUMNS: tuple[Column[PersonRow], ...] = (
    Column(N_("Name"), lambda r: r.name, key=lambda r: r.sort_name),
    Column(N_("Job title"), lambda r: r.job_title),
    Column(N_("Team"), lambda r: r.team),
    Column(N_("Supervisor"), lambda r: r.supervisor),
    Column(N_("Career stage"), lambda r: career_stage_label(r.career_stage)),
    Column(
        N_("Started"),
        lambda r: format_date(r.employment_start),
        key=lambda r: r.employment_start.isoformat() if r.employment_start else "",
    ),
    Column(N_("Language"), lambda r: language_name(r.language)),
    Column(N_("Status"), _status),
)


class PeopleModel(RowsModel[PersonRow]):
    """People by name; those who have left in grey."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, row_id=lambda r: r.id)

    def row_data(self, row: PersonRow, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QColor("#777777"))
        return None
