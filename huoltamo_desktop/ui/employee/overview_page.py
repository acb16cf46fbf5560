"""Manager page "Employee self-assessments": what each person has shared, and a new PIN for one who forgot theirs.

Only frozen shared copies are shown. For a person who has shared nothing the
page says "Not shared" and nothing else: no dates, no counts, no hints.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _, format_date, format_number, ngettext
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.texts import heading, wrapped
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel

PAGE_TITLE = N_("Employee self-assessments")  # the navigation title, in the employee catalogue


def _mode(row: emp.OverviewRow) -> str:
    if row.new_secret_allowed:
        return _("May set a new PIN")
    return _("PIN set") if row.has_secret else _("Not yet used")


def _assessment(row: emp.OverviewRow) -> str:
    if row.assessment_shared_at is None:
        return _("Not shared")
    return _("Shared {date}").format(date=format_date(row.assessment_shared_at.astimezone()))


def _plan(row: emp.OverviewRow) -> str:
    if row.plan_shared_at is None:
        return _("Not shared")
    return _("Shared {date}").format(date=format_date(row.plan_shared_at.astimezone()))


def _column(title: str, text: Callable[[emp.OverviewRow], str]) -> Column[emp.OverviewRow]:
    return Column(title, text, key=text)  # the table is not sorted


class OverviewModel(RowsModel[emp.OverviewRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                _column(N_("Name"), lambda r: r.name),
                _column(N_("Team"), lambda r: r.team),
                _column(N_("Employee mode"), _mode),
                _column(N_("Self-assessment"), _assessment),
                _column(N_("Career plan"), _plan),
            ]
        )

    def row_data(self, row: emp.OverviewRow, role: int) -> Any:
        return row.person_id if role == Qt.ItemDataRole.UserRole else None


def shared_html(
    name: str, assessment: emp.SharedAssessment | None, plan: emp.SharedPlan | None
) -> str:
    """The frozen shared copies as rich text for the manager; "Not shared" where nothing is."""
    not_shared = "<p>" + escape(_("Not shared")) + "</p>"
    parts = [f"<h2>{escape(name)}</h2>", "<h3>" + escape(_("Self-assessment summary")) + "</h3>"]
    if assessment is None:
        parts.append(not_shared)
    else:
        parts.append(
            "<p>"
            + escape(
                _("Assessed on {assessed}; shared on {shared}.").format(
                    assessed=format_date(assessment.assessed_on),
                    shared=format_date(assessment.shared_at.astimezone()),
                )
            )
            + "</p>"
        )
        if assessment.strengths:
            parts.append(
                "<p><b>"
                + escape(_("Strongest areas:"))
                + "</b> "
                + escape(", ".join(emp.area_title(k) for k in assessment.strengths))
                + "</p>"
            )
        if assessment.to_develop:
            parts.append(
                "<p><b>"
                + escape(_("Areas to develop:"))
                + "</b> "
                + escape(", ".join(emp.area_title(k) for k in assessment.to_develop))
                + "</p>"
            )
        prev = assessment.previous_scores or {}
        previous_head = "<th>" + escape(_("Previous")) + "</th>" if prev else ""
        rows = [
            "<tr><th align='left'>{}</th><th>{}</th>{}</tr>".format(
                escape(_("Area")), escape(_("Score (1–5)")), previous_head
            )
        ]
        for k, v in assessment.area_scores.items():
            score = format_number(v, digits=1) if v is not None else "–"
            before = ""
            if prev:
                p = prev.get(k)
                before = "<td align='center'>{}</td>".format(
                    format_number(p, digits=1) if p is not None else "–"
                )
            rows.append(
                f"<tr><td>{escape(emp.area_title(k))}</td><td align='center'>{score}</td>{before}</tr>"
            )
        parts.append("<table cellpadding='3'>" + "".join(rows) + "</table>")
    parts.append("<h3>" + escape(_("Career plan")) + "</h3>")
    if plan is None:
        parts.append(not_shared)
    else:
        parts.append(
            "<p>"
            + escape(_("Shared on {date}.").format(date=format_date(plan.shared_at.astimezone())))
            + "</p>"
        )
        for key, text in plan.sections.items():
            parts.append(
                f"<p><b>{escape(emp.plan_section_title(key))}</b><br/>{escape(text).replace(chr(10), '<br/>')}</p>"
            )
        if plan.next_steps:
            parts.append(f"<p><b>{escape(emp.plan_section_title('next_steps'))}</b></p><ul>")
            for text, when in plan.next_steps:
                suffix = " – " + format_date(when) if when else ""
                parts.append(f"<li>{escape(text)}{escape(suffix)}</li>")
            parts.append("</ul>")
    return "".join(parts)


class EmployeeOverviewPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("EmployeeOverviewPage")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_(PAGE_TITLE), self))
        layout.addWidget(
            wrapped(
                _(
                    "Employees use employee mode on the lock screen for their own self-assessment, exercises and "
                    "career plan. You see here only what each person has chosen to share, as a copy made when "
                    "they shared it. Exercise reflections are never shown."
                ),
                self,
            )
        )
        self.empty = wrapped(
            _(
                "Nobody has been added yet. Add your staff on the People page; then they can use employee mode."
            ),
            self,
            object_name="overview_empty",
        )
        layout.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = OverviewModel()
        self.table = QTableView(split)
        self.table.setObjectName("overview_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_selected())
        self.detail = QTextBrowser(split)
        self.detail.setObjectName("overview_detail")
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.reset_button = QPushButton(_("Let the person set a &new PIN…"), self)
        self.reset_button.setObjectName("overview_new_pin")
        self.reset_button.clicked.connect(self.allow_new_pin)
        row.addWidget(self.reset_button)
        self.code_button = QPushButton(_("&First-visit code…"), self)
        self.code_button.setObjectName("overview_first_visit_code")
        self.code_button.clicked.connect(self.first_visit_code)
        row.addWidget(self.code_button)
        row.addStretch(1)
        layout.addLayout(row)
        ctx.data_changed.connect(self._changed)
        self.refresh()

    def _changed(self, what: str) -> None:
        if what in (Change.EMPLOYEE, Change.PEOPLE, Change.TEAMS):
            self.refresh()

    def refresh(self) -> None:
        keep = self.selected_person()
        with self.ctx.session() as session:
            rows = emp.manager_overview(session, scope=self.ctx.scope)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.detail.setVisible(bool(rows))
        self.reset_button.setEnabled(bool(rows))
        self.code_button.setEnabled(False)
        target = next((i for i, r in enumerate(rows) if r.person_id == keep), 0)
        if rows:
            self.table.selectRow(target)
        self._show_selected()

    def selected_person(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.data(index, Qt.ItemDataRole.UserRole))

    def select_person(self, person_id: int) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.person_id == person_id:
                self.table.selectRow(i)
                return

    def _show_selected(self) -> None:
        person_id = self.selected_person()
        if person_id is None:
            self.detail.clear()
            return
        row = next(r for r in self.model.rows() if r.person_id == person_id)
        with self.ctx.session() as session:
            assessment, plan = emp.shared_for_manager(session, person_id=person_id)
        self.detail.setHtml(shared_html(row.name, assessment, plan))
        self.reset_button.setText(_("Let {name} set a &new PIN…").format(name=row.name))
        self.reset_button.setEnabled(row.has_secret and not row.new_secret_allowed)
        self.code_button.setText(_("&First-visit code for {name}…").format(name=row.name))
        self.code_button.setEnabled(not row.has_secret)

    def allow_new_pin(self) -> None:
        person_id = self.selected_person()
        if person_id is None:
            return
        row = next(r for r in self.model.rows() if r.person_id == person_id)
        answer = QMessageBox.warning(
            self,
            _("New PIN"),
            "\n\n".join(
                (
                    _("{name} can choose a new PIN at their next visit.").format(name=row.name),
                    _(
                        "What they have written under the old PIN — self-assessments, exercise reflections and "
                        "the career-plan draft — can be opened only with the old PIN or with the recovery code "
                        "they got when they first chose a PIN. Without either, it is deleted when they choose "
                        "the new PIN, and nobody can read it any more. What they have shared with you stays."
                    ),
                    _("Let {name} choose a new PIN?").format(name=row.name),
                )
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.session() as session:
                access.allow_new_secret(session, person_id=person_id)
        except UserError as exc:
            QMessageBox.warning(self, _("New PIN"), str(exc))
            return
        self.ctx.notify(Change.EMPLOYEE)

    def first_visit_code(self) -> None:
        """A one-time code for a person who has never signed in, shown once, to hand over."""
        person_id = self.selected_person()
        if person_id is None:
            return
        row = next(r for r in self.model.rows() if r.person_id == person_id)
        try:
            with self.ctx.session() as session:
                code = access.new_first_visit_code(session, person_id=person_id)
        except UserError as exc:
            QMessageBox.warning(self, _("First-visit code"), str(exc))
            return
        box = QMessageBox(QMessageBox.Icon.Information, _("First-visit code"), "", parent=self)
        box.setObjectName("first_visit_code_box")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            "<p>"
            + escape(
                ngettext(
                    "Give this code to {name} yourself. With it they choose their own PIN at the "
                    "lock screen. It works once, within {days} day, and replaces any earlier code.",
                    "Give this code to {name} yourself. With it they choose their own PIN at the "
                    "lock screen. It works once, within {days} days, and replaces any earlier code.",
                    access.FIRST_VISIT_DAYS,
                ).format(name=row.name, days=access.FIRST_VISIT_DAYS)
            )
            + f"</p><p style='font-family: monospace; font-size: 18pt; font-weight: bold;'>"
            f"{escape(code)}</p><p>" + escape(_("The code is shown only now.")) + "</p>"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
