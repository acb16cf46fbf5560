"""One employee's session: introduction → self-assessment → exercises → career plan → share; Done locks."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.employee import ShareKind, SummaryData
from huoltamo_desktop.domain.employee_content import content
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, current_language, format_date, pick, setup_i18n
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.services.people import get_person
from huoltamo_desktop.storage.database import checkpoint_wal
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.assessment_step import AssessmentStep
from huoltamo_desktop.ui.employee.exercises_step import ExercisesStep
from huoltamo_desktop.ui.employee.plan_step import PlanStep
from huoltamo_desktop.ui.employee.texts import heading, wrapped
from huoltamo_desktop.ui.skills.self_rating import SelfRatingWidget
from huoltamo_desktop.ui.widgets.forms import error_label
from huoltamo_desktop.ui.widgets.pdf_output import PdfOutput


def suggested_file_name(person_name: str) -> str:
    safe = re.sub(r"[^\w\- ]+", "", person_name).strip().replace(" ", "_") or "summary"
    return _("career_summary_{name}.pdf").format(name=safe)


def _build_summary(data: SummaryData) -> bytes:
    """The summary laid out once by ReportLab for the preview, the file and the printer."""
    return emp.summary_pdf(data)


class IntroStep(QWidget):
    def __init__(self, on_start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntroStep")
        intro = content().intro
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(pick(intro.title), body, 16))
        for paragraph in intro.paragraphs:
            layout.addWidget(wrapped(pick(paragraph), body))
        sees = QGroupBox(_("What your manager sees"), body)
        s = QVBoxLayout(sees)
        for item in intro.manager_sees:
            s.addWidget(wrapped("• " + pick(item), sees))
        never = QGroupBox(_("What your manager never sees"), body)
        n = QVBoxLayout(never)
        for item in intro.manager_never_sees:
            n.addWidget(wrapped("• " + pick(item), never))
        row = QHBoxLayout()
        row.addWidget(sees)
        row.addWidget(never)
        layout.addLayout(row)
        layout.addWidget(wrapped(pick(intro.privacy_note), body))
        self.start = QPushButton(_("&Begin"), body)
        self.start.setObjectName("intro_begin")
        self.start.clicked.connect(on_start)
        b = QHBoxLayout()
        b.addStretch(1)
        b.addWidget(self.start)
        layout.addLayout(b)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)


class ShareStep(QWidget):
    """The person decides, each time, what the manager may see; and can take their summary along."""

    def __init__(
        self,
        ctx: AppContext,
        key: PersonKey,
        person_name: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.person_name = person_name
        self.language = language
        self.setObjectName("ShareStep")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Share with your manager?"), self))
        layout.addWidget(
            wrapped(
                _(
                    "You decide. If you share, your manager sees a copy made right now; later changes are not "
                    "shown until you share again. You can take a copy back at any time. Your exercise "
                    "reflections are never shown."
                ),
                self,
            )
        )
        self.share_assessment = QCheckBox(
            _("My manager may see the summary of my &self-assessment"), self
        )
        self.share_assessment.setObjectName("share_assessment")
        self.assessment_status = wrapped("", self, object_name="share_assessment_status")
        self.share_plan = QCheckBox(_("My manager may see my &career plan"), self)
        self.share_plan.setObjectName("share_plan")
        self.plan_status = wrapped("", self, object_name="share_plan_status")
        for w in (self.share_assessment, self.assessment_status, self.share_plan, self.plan_status):
            layout.addWidget(w)
        # What the person ticked or unticked and has not saved yet; a refresh keeps it.
        self._wanted: dict[str, bool] = {}
        self.boxes = {ShareKind.ASSESSMENT: self.share_assessment, ShareKind.PLAN: self.share_plan}
        for kind, check in self.boxes.items():
            check.clicked.connect(lambda on, kind=kind: self._wanted.__setitem__(kind, on))
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.apply_button = QPushButton(_("Save my c&hoices"), self)
        self.apply_button.setObjectName("share_apply")
        self.apply_button.clicked.connect(self.apply)
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = wrapped("", self, object_name="share_result")
        layout.addWidget(self.result)
        box = QGroupBox(_("My summary"), self)
        b = QVBoxLayout(box)
        b.addWidget(
            wrapped(
                _(
                    "A summary of your self-assessment, your exercises and your career plan, to print or keep "
                    "as a PDF file. It includes your reflections only if you tick the box."
                ),
                box,
            )
        )
        self.include_reflections = QCheckBox(_("Include my exercise &reflections"), box)
        self.include_reflections.setObjectName("summary_reflections")
        self.include_reflections.toggled.connect(self.refresh_preview)
        b.addWidget(self.include_reflections)
        # The pages exactly as they are saved and printed; a child of this step, so it goes
        # with the session when the person is done or the computer locks.
        self.output = PdfOutput(
            self.ctx,
            box,
            save_label=_("Save as &PDF…"),
            print_label=_("Prin&t…"),
            save_title=_("Save my summary as PDF"),
            print_title=_("Print my summary"),
        )
        self.pdf_button = self.output.save_button
        self.pdf_button.setObjectName("summary_pdf")
        self.print_button = self.output.print_button
        self.print_button.setObjectName("summary_print")
        self.preview = self.output.view
        b.addWidget(self.output, 1)
        layout.addWidget(box, 1)

    def refresh(self) -> None:
        self._refresh_sharing()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Lay the summary out again if what it shows has changed (off the UI thread)."""
        key, language = self.key, self.language
        reflections = self.include_reflections.isChecked()

        def read(session: Session) -> SummaryData:
            return emp.summary_data(
                session, key=key, language=language, include_reflections=reflections
            )

        self.output.show_document(
            read=read, build=_build_summary, file_name=suggested_file_name(self.person_name)
        )

    def _refresh_sharing(self) -> None:
        with self.ctx.session() as session:
            status = emp.sharing_status(session, person_id=self.key.person_id)
            summary = emp.latest_summary(session, key=self.key)
            plan = emp.load_plan(session, key=self.key)
        self.share_assessment.setEnabled(summary is not None)
        self.share_plan.setEnabled(not plan.is_empty)
        for kind, check in self.boxes.items():
            check.setChecked(self._wanted.get(kind, kind in status))
        self.assessment_status.setText(
            self._status(status.get(ShareKind.ASSESSMENT), summary is not None, True)
        )
        self.plan_status.setText(self._status(status.get(ShareKind.PLAN), not plan.is_empty, False))

    @staticmethod
    def _status(shared_at: datetime | None, available: bool, assessment: bool) -> str:
        if shared_at is not None:
            return _(
                "Shared on {date}. Keeping the box ticked replaces that copy with what you have now."
            ).format(date=format_date(shared_at.astimezone()))
        if not available:
            return (
                _("Finish a self-assessment first; then you can share its summary.")
                if assessment
                else _("Your career plan is still empty; write something in it before sharing.")
            )
        return _("Not shared.")

    def pending(self) -> list[tuple[str, str]]:
        """(kind, what) for each choice not saved yet: "share", "withdraw" or "replace" an outdated copy."""
        with self.ctx.session() as session:
            status = emp.sharing_status(session, person_id=self.key.person_id)
            outdated = emp.outdated_shares(session, key=self.key)
            available = {
                ShareKind.ASSESSMENT: emp.latest_summary(session, key=self.key) is not None,
                ShareKind.PLAN: not emp.load_plan(session, key=self.key).is_empty,
            }
        result: list[tuple[str, str]] = []
        for kind in self.boxes:
            shared = kind in status
            wanted = self._wanted.get(kind, shared) and available[kind]
            if wanted and not shared:
                result.append((kind, "share"))
            elif shared and not wanted:
                result.append((kind, "withdraw"))
            elif wanted and kind in outdated:
                result.append((kind, "replace"))
        return result

    def apply(self) -> bool:
        """Save the choices on screen (a ticked box also replaces an outdated copy); False on an error."""
        self._refresh_sharing()  # which boxes can be saved at all, keeping the person's ticks
        self.error.setVisible(False)
        done: list[str] = []
        withdrawn = False
        try:
            with self.ctx.session() as session:
                status = emp.sharing_status(session, person_id=self.key.person_id)
                for kind, share in (
                    (ShareKind.ASSESSMENT, emp.share_assessment),
                    (ShareKind.PLAN, emp.share_plan),
                ):
                    if self._wanted.get(kind, kind in status) and self.boxes[kind].isEnabled():
                        share(session, key=self.key)
                        done.append(kind)
                    else:
                        withdrawn |= emp.withdraw(session, key=self.key, kind=kind)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return False
        self._wanted.clear()
        if withdrawn and not checkpoint_wal(self.ctx.engine):
            self.error.setText(
                _(
                    "Your copy was taken back, but the database's journal file could not be "
                    "cleared yet because another copy of the app has it open. It is cleared when "
                    "the last copy closes."
                )
            )
            self.error.setVisible(True)
        self.ctx.notify(Change.EMPLOYEE)
        self._refresh_sharing()  # what the manager may see does not change the summary
        if done:
            self.result.setText(_("Saved. Your manager now sees the copy you shared."))
        else:
            self.result.setText(
                _("Saved. Your manager sees nothing of your self-assessment or plan.")
            )
        return True

    def discard(self) -> None:
        """Forget the unsaved ticks: the manager keeps seeing what was saved before."""
        self._wanted.clear()


class EmployeeSession(QWidget):
    """Everything shown here belongs to one person and is destroyed when they are done."""

    def __init__(
        self,
        ctx: AppContext,
        key: PersonKey,
        *,
        on_done: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.setObjectName("EmployeeSession")
        self._on_done = on_done
        self._sharing_decided = False
        with ctx.session() as session:
            person = get_person(session, person_id=key.person_id)
            first, full, language, stage = (
                person.first_name,
                person.full_name,
                person.language,
                person.career_stage,
            )
        # The session speaks the person's language; the app's own returns with the lock screen.
        self._app_language = current_language()
        if language != self._app_language:
            setup_i18n(language)
            install_qt_translations(language)  # Qt's own buttons and calendars too
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(_("Hi, {name}").format(name=first), self, 14))
        top.addStretch(1)
        self.done_button = QPushButton(_("&Done — lock the computer"), self)
        self.done_button.setObjectName("session_done")
        self.done_button.clicked.connect(self.done)
        top.addWidget(self.done_button)
        layout.addLayout(top)
        body = QHBoxLayout()
        self.steps = QListWidget(self)
        self.steps.setObjectName("session_steps")
        self.steps.setMaximumWidth(220)
        # The same calm side panel as the manager's navigation: roomy rows, no frame.
        self.steps.setFrameShape(QListWidget.Shape.NoFrame)
        self.steps.setWordWrap(True)
        self.steps.setStyleSheet(
            "#session_steps { background: palette(alternate-base); padding-top: 4px; }"
            "#session_steps::item { padding: 7px 8px; }"
        )
        self.stack = QStackedWidget(self)
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        nav = QHBoxLayout()
        self.back_button = QPushButton(_("← &Back"), self)
        self.back_button.setObjectName("session_back")
        self.back_button.clicked.connect(lambda: self.go(self.steps.currentRow() - 1))
        self.next_button = QPushButton(_("&Next →"), self)
        self.next_button.setObjectName("session_next")
        self.next_button.clicked.connect(lambda: self.go(self.steps.currentRow() + 1))
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)

        self.intro = IntroStep(lambda: self.go(1), self)
        self.assessment = AssessmentStep(ctx, key, self)
        self.exercises = ExercisesStep(ctx, key, self)
        self.plan = PlanStep(ctx, key, stage, self)
        self.share = ShareStep(ctx, key, full, language, self)
        self.assessment.changed.connect(lambda: self.exercises.refresh(prefer_suggestion=True))
        pages: list[tuple[str, QWidget]] = [
            (_("1. Introduction"), self.intro),
            (_("2. Self-assessment"), self.assessment),
            (_("3. Exercises"), self.exercises),
            (_("4. Career plan"), self.plan),
        ]
        pages.append((_("5. My skills"), SelfRatingWidget(self.ctx, self.key.person_id)))
        pages.append((_("6. Share and summary"), self.share))
        for title, page in pages:
            self.steps.addItem(QListWidgetItem(title))
            self.stack.addWidget(page)
        self.steps.currentRowChanged.connect(self._show)
        for i in range(len(pages)):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            sc.activated.connect(lambda i=i: self.go(i))
        self.steps.setCurrentRow(0)
        self.intro.start.setFocus()

    def go(self, row: int) -> None:
        if 0 <= row < self.steps.count():
            self.steps.setCurrentRow(row)

    def _show(self, row: int) -> None:
        self._save_quietly()
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if page is self.share:
            self.share.refresh()
        elif page is self.assessment and self.assessment.stack.currentIndex() == 0:
            self.assessment.refresh()
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.steps.count() - 1)

    def _save_quietly(self) -> None:
        self.exercises.save_if_changed()
        if self.plan.is_dirty():
            self.plan.save(strict=False)

    def save_before_lock(self) -> str | None:
        """Called by the seat before this session is destroyed (Done, idle lock, closing the app).

        Sharing choices not saved yet are saved as they are on screen: the
        person ticked or kept the box, and nobody is here to ask (Done asks first).
        Returns why the last changes could not be saved (a full disk, a locked
        file), so that the seat can say so once the session is gone.
        """
        problem = None
        try:
            self._save_quietly()
            if not self._sharing_decided and self.share.pending():
                self.share.apply()
        except UserError as exc:  # locking must happen even so
            problem = str(exc)
        finally:
            if current_language() != self._app_language:
                setup_i18n(self._app_language)
                install_qt_translations(self._app_language)
        return problem

    def done(self) -> None:
        """Lock the computer; sharing choices not saved yet are saved or dropped as the person says."""
        self._save_quietly()
        pending = self.share.pending()
        if pending:
            answer = self._ask_about_sharing(pending)
            if answer == QMessageBox.StandardButton.Cancel:
                self.go(self.stack.indexOf(self.share))
                return
            if answer == QMessageBox.StandardButton.Save:
                if not self.share.apply():
                    self.go(self.stack.indexOf(self.share))
                    return
            else:
                self.share.discard()
            self._sharing_decided = True
        self._on_done()

    def _ask_about_sharing(self, pending: list[tuple[str, str]]) -> QMessageBox.StandardButton:
        texts: dict[tuple[str, str], str] = {
            (ShareKind.ASSESSMENT, "share"): _("share the summary of your self-assessment"),
            (ShareKind.ASSESSMENT, "withdraw"): _(
                "take back the summary of your self-assessment you shared earlier"
            ),
            (ShareKind.ASSESSMENT, "replace"): _(
                "replace the self-assessment summary your manager sees with your latest one"
            ),
            (ShareKind.PLAN, "share"): _("share your career plan"),
            (ShareKind.PLAN, "withdraw"): _("take back the career plan you shared earlier"),
            (ShareKind.PLAN, "replace"): _(
                "replace the career plan your manager sees with the one you have now"
            ),
        }
        box = QMessageBox(self)
        box.setObjectName("sharing_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Your sharing choices"))
        box.setText(_("Your choices about sharing are not saved yet. Save them before locking?"))
        box.setInformativeText("\n".join("• " + texts[item] for item in pending))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.button(QMessageBox.StandardButton.Save).setText(_("&Save and lock"))
        box.button(QMessageBox.StandardButton.Discard).setText(_("&Lock without saving"))
        box.button(QMessageBox.StandardButton.Cancel).setText(_("&Back to sharing"))
        return QMessageBox.StandardButton(box.exec())
