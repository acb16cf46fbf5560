"""Future needs: what competence the firm needs, how many people, by when and why — against today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.skills import FutureNeed, NeedGap, need_gaps
from huoltamo_desktop.i18n import N_, _, date_input_format, format_date
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.skills.list_panel import ListPanel, save_cancel_buttons
from huoltamo_desktop.ui.skills.matrix_model import LevelCombo
from huoltamo_desktop.ui.widgets.forms import error_label
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import fit_columns, rows_table


@dataclass(frozen=True)
class NeedRow:
    gap: NeedGap
    skill: str


def _count(title: str, value: Callable[[NeedGap], int]) -> Column[NeedRow]:
    return Column(title, lambda r: str(value(r.gap)), key=lambda r: value(r.gap), number=True)


NEED_COLUMNS: tuple[Column[NeedRow], ...] = (
    Column(N_("Skill"), lambda r: r.skill),
    Column(N_("Level"), lambda r: svc.level_text(r.gap.level), key=lambda r: r.gap.level),
    _count(N_("People needed"), lambda g: g.people_needed),
    Column(
        N_("By"),
        lambda r: format_date(r.gap.by_date) if r.gap.by_date else "",
        key=lambda r: r.gap.by_date or date.max,
    ),
    _count(N_("At the level now"), lambda g: g.have_now),
    _count(N_("By the date"), lambda g: g.have_by_date),
    Column(
        N_("Still missing"),
        lambda r: str(r.gap.gap_by_date),
        key=lambda r: r.gap.gap_by_date,
        number=True,
        background=lambda r: "#f8c9bd" if r.gap.gap_by_date else None,
    ),
    Column(N_("Why"), lambda r: r.gap.reason, tooltip=lambda r: r.gap.reason),
)


class NeedsPanel(ListPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _(
                "State the competence your firm will need in the coming years: a skill (also one nobody "
                "has yet), the level, how many people, by when and why. The table compares it with today "
                "and with the targets people have set."
            ),
            parent,
        )
        layout = self.main_layout
        layout.addLayout(self.edit_buttons(_("&New need…"), "need"))
        self.model: RowsModel[NeedRow] = RowsModel(NEED_COLUMNS, row_id=lambda r: r.gap.need_id)
        self.view = rows_table(self, "needs_table", self.model, sort_column=None)
        layout.addWidget(self.view, 1)
        self.connect_edits()
        # The firm's future needs are the owner's to state; a team lead sees them counted
        # over their own people.
        self.owner = ctx.scope.sees_all
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(self.owner)
        if not self.owner:
            note = QLabel(
                _(
                    "The owner states the firm's future needs; here you see them against the people of your teams."
                ),
                self,
            )
            note.setObjectName("needs_owner_note")
            note.setWordWrap(True)
            layout.insertWidget(1, note)

    def edit(self, key: int | None) -> None:
        if self.owner:
            super().edit(key)

    def reload(self) -> None:
        today = date.today()
        with self.ctx.session() as session:
            data = svc.skill_data(session, today=today, scope=self.ctx.scope)
            gaps = need_gaps(data, today=today)
        self.model.set_rows([NeedRow(g, data.skill_names.get(g.skill_id, "")) for g in gaps])
        fit_columns(self.view, stretch=7)  # why the firm needs it

    def dialog(self, key: int | None) -> QDialog:
        return NeedDialog(self.ctx, key, self)

    def delete_question(self) -> tuple[str, str]:
        return _("Delete the need"), _("Delete this future need?")

    def delete_row(self, key: int) -> None:
        with self.ctx.session() as session:
            svc.delete_need(session, need_id=key, scope=self.ctx.scope)


class NeedDialog(QDialog):
    """A future need. The skill can be typed: a skill nobody has yet is added to the catalogue."""

    def __init__(self, ctx: AppContext, need_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.need_id = need_id
        self.setWindowTitle(_("Future need") if need_id is None else _("Edit the future need"))
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.skill = QComboBox(self)
        self.skill.setObjectName("need_skill")
        self.skill.setEditable(True)
        self.skill.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.level = LevelCombo(self)
        self.level.setObjectName("need_level")
        self.people = QSpinBox(self)
        self.people.setObjectName("need_people")
        self.people.setRange(1, 1000)
        self.has_date = QCheckBox(_("&By:"), self)
        self.has_date.setObjectName("need_has_date")
        self.by_date = QDateEdit(self)
        self.by_date.setObjectName("need_date")
        self.by_date.setCalendarPopup(True)
        self.by_date.setDisplayFormat(date_input_format())
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("need_reason")
        self.reason.setPlaceholderText(_("e.g. A welding robot cell arrives next spring."))
        for label_text, widget in (
            (_("S&kill:"), self.skill),
            (_("&Level:"), self.level),
            (_("&People needed:"), self.people),
        ):
            label = QLabel(label_text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.has_date, self.by_date)
        reason_label = QLabel(_("&Why:"), self)
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        layout.addLayout(form)
        self.error = error_label(self)
        self.error.setObjectName("need_error")
        layout.addWidget(self.error)
        layout.addWidget(save_cancel_buttons(self, "need_save", self._save))
        self.has_date.toggled.connect(self.by_date.setEnabled)

        need: FutureNeed | None = None
        with ctx.session() as session:
            for s in svc.list_skills(session):
                self.skill.addItem(svc.skill_name(s), s.id)
            if need_id is not None:
                need = svc.get_need(session, need_id=need_id)
        self.skill.setCurrentIndex(-1)
        self.skill.setEditText("")
        default_day = date(date.today().year + 2, 1, 1)
        if need is not None:
            self.skill.setCurrentIndex(self.skill.findData(need.skill_id))
            self.level.set_level(need.level)
            self.people.setValue(need.people_needed)
            self.reason.setPlainText(need.reason)
            default_day = need.by_date or default_day
            self.has_date.setChecked(need.by_date is not None)
        else:
            self.level.set_level(3)
            self.has_date.setChecked(True)
        self.by_date.setEnabled(self.has_date.isChecked())
        self.by_date.setDate(QDate(default_day.year, default_day.month, default_day.day))
        self.saving: VersionedSave[svc.NeedInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        if need is not None:
            self.saving.read(version=need.row_version, values=self.form_input())

    def form_input(self) -> svc.NeedInput:
        """The form's values; a typed skill nobody has yet is skill 0 until the save adds it."""
        index = self.skill.findText(self.skill.currentText().strip())
        level = self.level.level()
        when = None
        if self.has_date.isChecked():
            qd = self.by_date.date()
            when = date(qd.year(), qd.month(), qd.day())
        return svc.NeedInput(
            skill_id=int(self.skill.itemData(index)) if index >= 0 else 0,
            level=level if level is not None else 0,
            people_needed=self.people.value(),
            by_date=when,
            reason=self.reason.toPlainText(),
        )

    def _labels(self) -> dict[str, str]:
        labels = {
            "skill_id": _("S&kill:"),
            "level": _("&Level:"),
            "people_needed": _("&People needed:"),
            "by_date": _("&By:"),
            "reason": _("&Why:"),
        }
        return {name: text.replace("&", "").rstrip(":") for name, text in labels.items()}

    def _display(self, name: str, value: object) -> str:
        if name == "skill_id":
            index = self.skill.findData(value)
            return self.skill.itemText(index) if index >= 0 else self.skill.currentText()
        if name == "level" and isinstance(value, int):
            return f"{value} – {svc.level_label(value)}"
        return plain_display(name, value)

    def _save(self) -> None:
        text = self.skill.currentText().strip()
        if not text:
            self.error.setText(_("Choose a skill or type the name of a new one."))
            self.error.setVisible(True)
            return
        if self.saving.saving:
            return
        need_id, scope = self.need_id, self.ctx.scope

        def save(
            session: Session, data: svc.NeedInput, version: int | None, base: svc.NeedInput | None
        ) -> None:
            skill_id = data.skill_id or svc.add_skill(session, name=text).id or 0
            svc.save_need(
                session,
                skill_id=skill_id,
                level=data.level,
                people_needed=data.people_needed,
                by_date=data.by_date,
                reason=data.reason,
                need_id=need_id,
                scope=scope,
                expected_version=version,
                base=base,
            )

        def failed(exc: UserError) -> None:
            self.error.setText(str(exc))
            self.error.setVisible(True)

        self.saving.save(
            self.form_input(),
            op=save,
            changes=(Change.SKILLS,),
            success=lambda _result: self.accept(),
            failure=failed,
        )
