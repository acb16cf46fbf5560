"""The career plan: prompts that follow the person's career stage, next steps with dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.employee_content import content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.i18n import N_, _, format_date, pick
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.texts import heading, wrapped
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import error_label
from huoltamo_desktop.ui.widgets.table_model import Column, EditValue, RowsModel
from huoltamo_desktop.ui.widgets.table_view import ClippedTextDelegate

NEXT_STEPS = "next_steps"


def parse_day(text: str) -> date | None:
    """A date typed as 31.3.2027, 31.3.27 or 2027-03-31; empty gives None; raises ValueError."""
    t = text.strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", t)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return date(year + 2000 if year < 100 else year, month, day)
    return date.fromisoformat(t)


@dataclass(frozen=True)
class StepRow:
    """A next step as typed: what, and by when (the date is read when the plan is saved)."""

    text: str
    when: str


def _typed(field: str) -> Callable[[StepRow, EditValue | bool], StepRow | None]:
    def commit(row: StepRow, value: EditValue | bool) -> StepRow | None:
        return replace(row, **{field: value}) if isinstance(value, str) else None

    return commit


STEP_COLUMNS: tuple[Column[StepRow], ...] = (
    Column(N_("Step"), lambda r: r.text, edit=lambda r: r.text, commit=_typed("text")),
    Column(N_("By (d.m.yyyy)"), lambda r: r.when, edit=lambda r: r.when, commit=_typed("when")),
)


class PlanStep(QWidget):
    def __init__(
        self, ctx: AppContext, key: PersonKey, career_stage: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.stage = career_stage
        self.setObjectName("PlanStep")
        self.editors: dict[str, QPlainTextEdit] = {}
        self._saved: tuple[dict[str, str], list[tuple[str, date | None]]] | None = None
        self.saving: VersionedSave[dict[str, object]] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(heading(_("My career plan"), self))
        outer.addWidget(
            wrapped(
                _(
                    "Write in your own words; a few lines per question is enough and you can leave any of "
                    "them empty. The plan is saved for you only. On the last step you decide whether your "
                    "manager may see it."
                ),
                self,
            )
        )
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QVBoxLayout(body)
        for section in content().plan_sections:
            title = QLabel(f"<b>{_html(pick(section.title))}</b>", body)
            prompt = wrapped(section.prompt_for(self.stage), body)
            prompt.setStyleSheet("color: #4a4a4a;")
            form.addWidget(title)
            form.addWidget(prompt)
            if section.key == NEXT_STEPS:
                self._build_steps(body, form, title)
                continue
            editor = QPlainTextEdit(body)
            editor.setObjectName(f"plan_{section.key}")
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(76)
            title.setBuddy(editor)
            self.editors[section.key] = editor
            form.addWidget(editor)
        form.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.error = error_label(self)
        outer.addWidget(self.error)
        row = QHBoxLayout()
        self.status = wrapped("", self, object_name="plan_status")
        self.save_button = QPushButton(_("&Save the plan"), self)
        self.save_button.setObjectName("plan_save")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.refresh()

    def _build_steps(self, body: QWidget, form: QVBoxLayout, title: QLabel) -> None:
        self.steps_model: RowsModel[StepRow] = RowsModel(STEP_COLUMNS)
        self.steps = QTableView(body)
        self.steps.setObjectName("plan_next_steps")
        self.steps.setModel(self.steps_model)
        self.steps.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.steps.setItemDelegate(ClippedTextDelegate(self.steps))
        self.steps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.steps.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setMinimumHeight(140)
        self.steps.setTabKeyNavigation(False)
        title.setBuddy(self.steps)
        form.addWidget(self.steps)
        row = QHBoxLayout()
        self.add_step_button = QPushButton(_("&Add a step"), body)
        self.add_step_button.setObjectName("plan_add_step")
        self.add_step_button.clicked.connect(lambda: self.add_step())
        self.remove_step_button = QPushButton(_("&Remove the step"), body)
        self.remove_step_button.setObjectName("plan_remove_step")
        self.remove_step_button.clicked.connect(self.remove_step)
        row.addWidget(self.add_step_button)
        row.addWidget(self.remove_step_button)
        row.addStretch(1)
        form.addLayout(row)

    def add_step(self, text: str = "", when: str = "") -> None:
        self.steps_model.set_rows([*self.steps_model.rows(), StepRow(text, when)])
        index = self.steps_model.index(self.steps_model.rowCount() - 1, 0)
        self.steps.setCurrentIndex(index)
        if not text:
            self.steps.setFocus()
            self.steps.edit(index)

    def remove_step(self) -> None:
        row = self.steps.currentIndex().row()
        rows = self.steps_model.rows()
        if 0 <= row < len(rows):
            del rows[row]
            self.steps_model.set_rows(rows)

    def refresh(self) -> None:
        with self.ctx.session() as session:
            draft = emp.load_plan(session, key=self.key)
        for k, editor in self.editors.items():
            editor.setPlainText(draft.sections.get(k, ""))
        self.steps_model.set_rows(
            [StepRow(text, format_date(when) if when else "") for text, when in draft.next_steps]
        )
        self._saved = (dict(draft.sections), list(draft.next_steps))
        self.saving.read(
            version=draft.row_version, values=emp.plan_values(draft.sections, draft.next_steps)
        )
        if draft.updated_at:
            self.status.setText(
                _("Last saved {date}.").format(date=format_date(draft.updated_at.astimezone()))
            )

    def _collect(self, *, strict: bool) -> tuple[dict[str, str], list[tuple[str, date | None]]]:
        sections = {k: e.toPlainText() for k, e in self.editors.items()}
        steps: list[tuple[str, date | None]] = []
        for row, step in enumerate(self.steps_model.rows()):
            text, when_text = step.text, step.when
            try:
                when = parse_day(when_text)
            except ValueError:
                if strict:
                    self.steps.setCurrentIndex(self.steps_model.index(row, 1))
                    raise ValidationError(
                        _("Check the date of step {n}: write it as 31.3.2027.").format(n=row + 1),
                        "steps",
                    ) from None
                when = None
                text = f"{text} ({when_text})"
            if text.strip():
                steps.append((text, when))
        return sections, steps

    def is_dirty(self) -> bool:
        sections, steps = self._collect(strict=False)
        clean = {k: v.strip() for k, v in sections.items() if v.strip()}
        return self._saved is None or (clean, [(t.strip(), d) for t, d in steps]) != self._saved

    def save(self, *, strict: bool = True) -> bool:
        self.error.setVisible(False)
        key = self.key

        def op(
            session: Session,
            values: dict[str, object],
            version: int | None,
            base: dict[str, object] | None,
        ) -> emp.PlanDraft:
            sections = {k: str(v) for k, v in values.items() if k != emp.PLAN_STEPS}
            steps = list(values[emp.PLAN_STEPS])  # type: ignore[call-overload]
            return emp.save_plan(
                session,
                key=key,
                sections=sections,
                next_steps=steps,
                expected_version=version,
                base=base,
            )

        try:
            sections, steps = self._collect(strict=strict)
            draft = self.saving.save_now(
                emp.plan_values(sections, steps), op=op, changes=(Change.EMPLOYEE,)
            )
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            self.steps.setFocus()
            return False
        if draft is None:  # back to the plan: what is typed stays
            return False
        if (
            draft.sections != {k: v.strip() for k, v in sections.items() if v.strip()}
            or [(t.strip(), d) for t, d in steps if t.strip()] != draft.next_steps
        ):
            self.refresh()  # the chosen values from the other laptop are now on screen
        self._saved = (dict(draft.sections), list(draft.next_steps))
        self.saving.read(
            version=draft.row_version, values=emp.plan_values(draft.sections, draft.next_steps)
        )
        self.status.setText(_("Saved. Only you can read the plan until you share it."))
        return True

    def _labels(self) -> dict[str, str]:
        labels = {k: emp.plan_section_title(k) for k in self.editors}
        labels[emp.PLAN_STEPS] = emp.plan_section_title(NEXT_STEPS)
        return labels

    def _display(self, name: str, value: object) -> str:
        if name == emp.PLAN_STEPS and isinstance(value, tuple):
            return "; ".join(
                f"{text} ({format_date(when)})" if when else str(text) for text, when in value
            )
        return plain_display(name, value)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
