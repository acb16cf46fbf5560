"""The home page's dialogs: snooze with a reason, record a dialogue, enter figures, edit the plan."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.home import DueItem
from huoltamo_desktop.domain.home_figures import (
    SURVEY_METRICS,
    Metric,
    PeriodKind,
    metric_label,
    respondents_key,
)
from huoltamo_desktop.i18n import _, format_number
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    from_qdate,
    show_validation_error,
    to_qdate,
)

if TYPE_CHECKING:
    from huoltamo_desktop.services.home_reports import PlanDraft


def _plan_pdf(draft: PlanDraft) -> bytes:
    from huoltamo_desktop.reports.home_development_plan import build_plan_pdf  # ReportLab

    return build_plan_pdf(draft)


def _buttons(dialog: QDialog, layout: QVBoxLayout | QFormLayout) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    if isinstance(layout, QFormLayout):
        layout.addRow(buttons)
    else:
        layout.addWidget(buttons)
    return buttons


class SnoozeDialog(QDialog):
    """Put a due item aside until a day, saying why."""

    def __init__(self, ctx: AppContext, item: DueItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setWindowTitle(_("Put aside"))
        self.setObjectName("snooze_dialog")
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        title = QLabel(item.title, self)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        form.addRow(title)
        self.until = QDateEdit(self)
        self.until.setObjectName("snooze_until")
        self.until.setCalendarPopup(True)
        self.until.setDate(to_qdate(date.today() + timedelta(days=14)))
        form.addRow(_("&Until"), self.until)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("snooze_reason")
        self.reason.setPlaceholderText(_("For example: the course is booked for January"))
        form.addRow(_("&Why"), self.reason)
        self.error = error_label(self)
        form.addRow(self.error)
        _buttons(self, form)

    def accept(self) -> None:
        from huoltamo_desktop.services.home import snooze

        try:
            with self.ctx.session() as session:
                snooze(
                    session,
                    key=self.item.key,
                    until=from_qdate(self.until.date()),
                    reason=self.reason.text(),
                    person_id=self.item.person_id,
                )
        except UserError as exc:
            show_validation_error(
                self, exc, {"reason": self.reason, "until": self.until}, self.error
            )
            return
        super().accept()


class DialogueDialog(QDialog):
    """Record a co-operation dialogue held with the staff."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Record a co-operation dialogue"))
        self.setObjectName("dialogue_dialog")
        self.resize(480, 300)
        form = QFormLayout(self)
        self.held_on = QDateEdit(self)
        self.held_on.setObjectName("dialogue_held_on")
        self.held_on.setCalendarPopup(True)
        self.held_on.setDate(to_qdate(date.today()))
        form.addRow(_("&Held on"), self.held_on)
        self.topics = QPlainTextEdit(self)
        self.topics.setObjectName("dialogue_topics")
        self.topics.setPlaceholderText(
            _("What was talked about: the outlook, skill needs, well-being, the plan…")
        )
        form.addRow(_("&Topics"), self.topics)
        self.error = error_label(self)
        form.addRow(self.error)
        _buttons(self, form)

    def accept(self) -> None:
        from huoltamo_desktop.services.home import record_dialogue

        try:
            with self.ctx.session() as session:
                record_dialogue(
                    session,
                    held_on=from_qdate(self.held_on.date()),
                    topics=self.topics.toPlainText(),
                )
        except UserError as exc:
            show_validation_error(self, exc, {"held_on": self.held_on}, self.error)
            return
        super().accept()


class EntryDialog(QDialog):
    """Enter a month's or a quarter's figures: pick the period, type the numbers, Save."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Enter figures"))
        self.setObjectName("entry_dialog")
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("entry_period_kind")
        fill_combo(self.kind, [(_("Quarter"), PeriodKind.QUARTER), (_("Month"), PeriodKind.MONTH)])
        form.addRow(_("&Period"), self.kind)
        self.period = QDateEdit(self)
        self.period.setObjectName("entry_period")
        self.period.setDisplayFormat("MM / yyyy")
        self.period.setDate(to_qdate(date.today()))
        self.period_name = QLabel(self)
        self.period_name.setObjectName("entry_period_name")
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.period_name)
        form.addRow(_("&Month or a month of the quarter"), period_row)
        self.fields: dict[str, QDoubleSpinBox] = {}
        self.respondents: dict[str, QSpinBox] = {}
        for metric in Metric:
            spin = QDoubleSpinBox(self)
            spin.setObjectName(f"entry_{metric.value}")
            spin.setSpecialValueText(_("not entered"))
            if metric in SURVEY_METRICS:
                spin.setRange(0.0, 5.0)
                spin.setDecimals(2)
                spin.setSingleStep(0.1)
            else:
                spin.setRange(-1.0, 10_000_000.0)
                spin.setDecimals(0)
                spin.setMinimum(-1)
            if metric == Metric.HEALTH_COSTS:
                spin.setSuffix(" €")
            spin.setValue(spin.minimum())
            self.fields[metric.value] = spin
            form.addRow(metric_label(metric), spin)
            if metric in SURVEY_METRICS:
                people = QSpinBox(self)
                people.setObjectName(f"entry_{metric.value}_respondents")
                people.setRange(0, 10_000)
                people.setSpecialValueText("–")
                self.respondents[metric.value] = people
                form.addRow("\u2003" + _("respondents"), people)
        note = QLabel(
            _(
                "Leave a field at “not entered” to keep it empty. Survey scores are means on 1–5; "
                "one with fewer than 5 respondents is kept but not shown in the figures."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        self.error = error_label(self)
        form.addRow(self.error)
        _buttons(self, form)
        self.saving: VersionedSave[dict[str, float | int | None]] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        self.kind.currentIndexChanged.connect(lambda _i: self._load())
        self.period.dateChanged.connect(lambda _d: self._load())
        self._load()

    def _load(self) -> None:
        from huoltamo_desktop.domain.home_figures import period_start_of, quarter_label
        from huoltamo_desktop.services.home_figures import period_values

        kind = str(self.kind.currentData())
        day = from_qdate(self.period.date())
        start = period_start_of(kind, day)
        self.period_name.setText(quarter_label(start) if kind == PeriodKind.QUARTER else "")
        with self.ctx.session() as session:
            shown = period_values(session, period_kind=kind, period_start=day)
        for metric, spin in self.fields.items():
            value = shown.get(metric)
            spin.setValue(float(value) if value is not None else spin.minimum())
            if metric in self.respondents:
                people = shown.get(respondents_key(metric))
                self.respondents[metric].setValue(int(people) if people else 0)
        # The figures as they were read: another seat's entry made meanwhile is kept.
        self.saving.read(version=None, values=self.values())

    def values(self) -> dict[str, float | int | None]:
        """The figures as typed: ``metric`` and, for surveys, ``metric.respondents``."""
        values: dict[str, float | int | None] = {}
        for metric, spin in self.fields.items():
            values[metric] = None if spin.value() <= spin.minimum() else spin.value()
            people = self.respondents.get(metric)
            if people is not None:
                values[respondents_key(metric)] = people.value() or None
        return values

    def _labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for metric in Metric:
            labels[metric.value] = metric_label(metric)
            if metric in SURVEY_METRICS:
                labels[respondents_key(metric.value)] = (
                    metric_label(metric) + ": " + _("respondents")
                )
        return labels

    def _display(self, name: str, value: object) -> str:
        if value is None:
            return _("not entered")
        if isinstance(value, float) and name not in {respondents_key(m) for m in SURVEY_METRICS}:
            return format_number(value)
        return plain_display(name, value)

    def accept(self) -> None:
        from huoltamo_desktop.services.home_figures import save_period

        kind = str(self.kind.currentData())
        day = from_qdate(self.period.date())
        scope = self.ctx.scope

        def save(
            session: Session,
            data: dict[str, float | int | None],
            _version: int | None,
            base: dict[str, float | int | None] | None,
        ) -> bool:
            save_period(
                session, period_kind=kind, period_start=day, values=data, base=base, scope=scope
            )
            return True

        try:
            saved = self.saving.save_now(self.values(), op=save, changes=(Change.HOME,))
        except UserError as exc:
            show_validation_error(self, exc, {"period": self.period}, self.error)
            return
        if saved:
            super().accept()


class PlanDialog(QDialog):
    """The workplace development plan draft: each section editable, then saved or printed."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        from huoltamo_desktop.services.home_reports import plan_draft

        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.setWindowTitle(_("Workplace development plan {year}").format(year=year))
        self.setObjectName("plan_dialog")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        with ctx.session() as session:
            self.draft = plan_draft(session, year=year, scope=ctx.scope)
        self.saving: VersionedSave[dict[str, str | None]] = VersionedSave(
            self,
            ctx,
            labels=lambda: {s.key: s.title for s in self.draft.sections},
            display=self._display,
        )
        note = QLabel(self.draft.duty_note, self)
        note.setWordWrap(True)
        note.setStyleSheet("background: palette(alternate-base); padding: 6px;")
        layout.addWidget(note)
        # Sections on the left, the chosen one's text on the right: five long Finnish titles
        # would not fit side by side as tabs.
        body = QHBoxLayout()
        self.sections = QListWidget(self)
        self.sections.setObjectName("plan_sections")
        self.sections.setWordWrap(True)
        self.sections.setMaximumWidth(230)
        self.pages = QStackedWidget(self)
        self.editors: dict[str, QPlainTextEdit] = {}
        for section in self.draft.sections:
            self.sections.addItem(section.title)
            page = QWidget(self.pages)
            pl = QVBoxLayout(page)
            pl.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(f"<b>{section.title}</b>", page)
            pl.addWidget(heading)
            guide = QLabel(section.guide, page)
            guide.setWordWrap(True)
            guide.setStyleSheet("color: #555;")
            pl.addWidget(guide)
            editor = QPlainTextEdit(page)
            editor.setObjectName(f"plan_{section.key}")
            editor.setPlaceholderText(
                _("Write here; the printed plan shows the guide while this is empty.")
            )
            editor.setPlainText(section.text)
            pl.addWidget(editor, 1)
            reset = QPushButton(_("Back to the suggested text"), page)
            reset.setEnabled(bool(section.suggested) or section.edited)
            reset.clicked.connect(lambda _c=False, e=editor, s=section.suggested: e.setPlainText(s))
            pl.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
            self.editors[section.key] = editor
            self.pages.addWidget(page)
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sections.setCurrentRow(0)
        # The texts as they opened: a section another saved meanwhile is compared by value.
        self.saving.read(version=None, values=self.texts())
        body.addWidget(self.sections)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox(self)
        save = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("plan_save")
        pdf = buttons.addButton(
            _("Save and make the &PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        pdf.setObjectName("plan_pdf")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        pdf.clicked.connect(self.save_pdf)
        layout.addWidget(buttons)

    def texts(self) -> dict[str, str | None]:
        """Each section's own wording, or None where it is the suggestion as it stands."""
        texts: dict[str, str | None] = {}
        for section in self.draft.sections:
            text = self.editors[section.key].toPlainText().strip()
            texts[section.key] = None if text == section.suggested.strip() else text
        return texts

    def save_texts(self) -> bool:
        """Save now (the PDF follows at once); False when the user went back to editing."""
        from huoltamo_desktop.services.home_reports import save_plan_texts

        year, scope = self.year, self.ctx.scope

        def save(
            session: Session,
            texts: dict[str, str | None],
            _version: int | None,
            base: dict[str, str | None] | None,
        ) -> bool:
            save_plan_texts(session, year=year, texts=texts, base=base, scope=scope)
            return True

        return bool(self.saving.save_now(self.texts(), op=save, changes=(Change.HOME,)))

    def _display(self, name: str, value: object) -> str:
        if value is None:
            return _("(the suggested text)")
        return plain_display(name, value)

    def accept(self) -> None:
        if self.save_texts():
            super().accept()

    def _saved(self, path: Path) -> None:
        self.setWindowTitle(
            _("Workplace development plan {year}").format(year=self.year) + f" — {path}"
        )

    def save_pdf(self) -> None:
        """Save the texts, then the plan in a window of its own to save as PDF or print."""
        from huoltamo_desktop.services.home_reports import plan_draft
        from huoltamo_desktop.ui.widgets.pdf_output import PdfDialog

        if not self.save_texts():
            return
        year, scope = self.year, self.ctx.scope
        self.pdf_dialog = PdfDialog(
            self.ctx,
            self,
            title=_("Workplace development plan {year}").format(year=year),
            read=lambda session: plan_draft(session, year=year, scope=scope),
            build=_plan_pdf,
            file_name=_("development-plan-{year}").format(year=year) + ".pdf",
        )
        self.pdf_dialog.output.saved.connect(self._saved)
        self.pdf_dialog.open()
