"""Self-assessment: one statement at a time (keys 1–5 and 0), results in words and a chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.employee import assessment_is_due, next_assessment_due, progress
from huoltamo_desktop.domain.employee_content import CANT_SAY, SCALE_VALUES, content
from huoltamo_desktop.i18n import _, format_date, ngettext, pick
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.employee.area_chart import AreaChart
from huoltamo_desktop.ui.employee.texts import heading, wrapped


class AssessmentStep(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, key: PersonKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.setObjectName("AssessmentStep")
        self.record: emp.AssessmentRecord | None = None
        self.answers: dict[str, int] = {}
        self.position = 0
        self.statements = content().statements
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self._build_overview()
        self._build_questions()
        self.refresh()

    # --- overview and results ----------------------------------------------------

    def _build_overview(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        page = QWidget()
        self.overview = QVBoxLayout(page)
        self.overview_title = heading(_("Self-assessment of career management skills"), page)
        self.overview.addWidget(self.overview_title)
        self.overview_text = wrapped("", page, object_name="assessment_status")
        self.overview.addWidget(self.overview_text)
        self.start_button = QPushButton(page)
        self.start_button.setObjectName("assessment_start")
        self.start_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        self.overview.addLayout(row)
        self.results = QWidget(page)
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.setContentsMargins(0, 8, 0, 0)
        self.results_title = heading("", self.results, 13)
        self.results_layout.addWidget(self.results_title)
        self.words = wrapped("", self.results, object_name="assessment_words")
        self.words.setTextFormat(Qt.TextFormat.RichText)
        self.results_layout.addWidget(self.words)
        self.chart = AreaChart(self.results)
        self.results_layout.addWidget(self.chart)
        self.overview.addWidget(self.results)
        self.overview.addStretch(1)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)

    def refresh(self) -> None:
        with self.ctx.session() as session:
            records = emp.assessments(session, key=self.key)
        summary = emp.summary_of(records)
        unfinished = next((r for r in records if r.completed_on is None), None)
        done_count, total = progress(unfinished.answers if unfinished else {}, content())
        last_done = summary.assessed_on if summary else None
        today = date.today()
        if unfinished is not None and done_count:
            status = ngettext(
                "You have answered {done} of {total} statement. "
                "You can continue where you left off.",
                "You have answered {done} of {total} statements. "
                "You can continue where you left off.",
                total,
            ).format(done=done_count, total=total)
            self.start_button.setText(_("&Continue the self-assessment"))
        elif summary is None:
            status = ngettext(
                "Read each statement and choose how well it describes you now. There is {total} "
                "statement in six areas; it takes about 10 minutes. You can stop at any time and "
                "continue later. Choose “Can't say” when a statement does not fit you.",
                "Read each statement and choose how well it describes you now. There are {total} "
                "statements in six areas; it takes about 10 minutes. You can stop at any time and "
                "continue later. Choose “Can't say” when a statement does not fit you.",
                total,
            ).format(total=total)
            self.start_button.setText(_("&Start the self-assessment"))
        elif assessment_is_due(last_done, today):
            status = _(
                "It is about a year since your last self-assessment: a good time for a new one."
            )
            self.start_button.setText(_("&Start a new self-assessment"))
        else:
            due = next_assessment_due(last_done)
            status = _(
                "Your next self-assessment is due on {date}. You can also do one earlier."
            ).format(date=format_date(due))
            self.start_button.setText(_("&Start a new self-assessment"))
        self.overview_text.setText(status)
        self.results.setVisible(summary is not None)
        if summary is not None:
            self._show_summary(summary)

    def _show_summary(self, summary: emp.AssessmentSummary) -> None:
        c = content()
        self.results_title.setText(
            _("Your self-assessment of {date}").format(date=format_date(summary.assessed_on))
        )
        parts: list[str] = []
        if summary.strengths:
            parts.append("<h3>" + _esc(_("Your strongest areas")) + "</h3>")
            for k in summary.strengths:
                area = c.area(k)
                parts.append(f"<p><b>{_esc(pick(area.title))}.</b> {_esc(pick(area.strength))}</p>")
        else:
            parts.append(
                "<p>"
                + _esc(
                    _(
                        "No area stands out as a clear strength this time. That is common; "
                        "the exercises help you see your strengths."
                    )
                )
                + "</p>"
            )
        if summary.to_develop:
            parts.append("<h3>" + _esc(_("Areas to develop")) + "</h3>")
            for k in summary.to_develop:
                area = c.area(k)
                parts.append(f"<p><b>{_esc(pick(area.title))}.</b> {_esc(pick(area.develop))}</p>")
        else:
            parts.append(
                "<p>"
                + _esc(_("Every area looks strong. Pick an exercise that interests you."))
                + "</p>"
            )
        if summary.previous_on is not None:
            previous = _("The lighter bars show your previous self-assessment of {date}.").format(
                date=format_date(summary.previous_on)
            )
            parts.append("<p>" + _esc(previous) + "</p>")
        self.words.setText("".join(parts))
        prev = summary.previous_scores or {}
        self.chart.set_scores(
            [(pick(a.title), summary.scores.get(a.key), prev.get(a.key)) for a in c.areas]
        )

    # --- the questions ------------------------------------------------------------

    def _build_questions(self) -> None:
        page = QWidget()
        page.setObjectName("assessment_questions")
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(page)
        self.progress_label = QLabel(page)
        self.progress_label.setObjectName("assessment_progress_label")
        self.progress = QProgressBar(page)
        self.progress.setObjectName("assessment_progress")
        self.progress.setRange(0, len(self.statements))
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        self.area_title = heading("", page, 13)
        self.area_title.setObjectName("assessment_area")
        self.area_text = wrapped("", page)
        self.area_text.setStyleSheet("color: #4a4a4a;")
        layout.addWidget(self.area_title)
        layout.addWidget(self.area_text)
        self.statement = wrapped("", page, object_name="assessment_statement")
        self.statement.setStyleSheet("font-size: 14pt; padding: 12px 0;")
        layout.addWidget(self.statement)
        self.choice = QButtonGroup(page)
        self.choice.setExclusive(True)
        self.radios: dict[int, QRadioButton] = {}
        for value in (*SCALE_VALUES, CANT_SAY):
            radio = QRadioButton(page)
            radio.setObjectName(f"answer_{value}")
            self.radios[value] = radio
            self.choice.addButton(radio, value)
            layout.addWidget(radio)
        self.choice.idClicked.connect(self.answer)
        layout.addWidget(wrapped(_("Tip: press 1–5 to answer, 0 for “Can't say”."), page))
        layout.addStretch(1)
        row = QHBoxLayout()
        self.prev_button = QPushButton(_("&Previous statement"), page)
        self.prev_button.setObjectName("assessment_previous")
        self.prev_button.clicked.connect(lambda: self.go(self.position - 1))
        self.next_button = QPushButton(_("S&kip for now"), page)
        self.next_button.setObjectName("assessment_skip")
        self.next_button.clicked.connect(lambda: self.go(self.position + 1))
        self.pause_button = QPushButton(_("Stop &here and continue later"), page)
        self.pause_button.setObjectName("assessment_pause")
        self.pause_button.clicked.connect(self.pause)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.pause_button)
        layout.addLayout(row)
        for value in (*SCALE_VALUES, CANT_SAY):
            shortcut = QShortcut(QKeySequence(str(value)), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda v=value: self.answer(v))
        self.questions = page
        self.stack.addWidget(page)

    def start(self) -> None:
        with self.ctx.session() as session:
            self.record = emp.start_assessment(session, key=self.key)
        self.answers = dict(self.record.answers)
        first_open = next(
            (i for i, s in enumerate(self.statements) if s.key not in self.answers), 0
        )
        self.stack.setCurrentIndex(1)
        self.go(first_open)
        self.questions.setFocus()

    def go(self, position: int) -> None:
        if not self.statements:
            return
        self.position = max(0, min(position, len(self.statements) - 1))
        statement = self.statements[self.position]
        area = content().area(statement.area)
        self.area_title.setText(pick(area.title))
        self.area_text.setText(pick(area.description))
        self.statement.setText(pick(statement.text))
        for value, radio in self.radios.items():
            label = content().scale_label(value)
            radio.setText(f"&{value}  {label}")
        self.choice.setExclusive(False)
        for radio in self.radios.values():
            radio.setChecked(False)
        self.choice.setExclusive(True)
        current = self.answers.get(statement.key)
        if current is not None:
            self.radios[current].setChecked(True)
        done, total = progress(self.answers, content())
        self.progress.setValue(done)
        self.progress_label.setText(
            _("Statement {n} of {total} · {done} answered").format(
                n=self.position + 1, total=total, done=done
            )
        )
        self.prev_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(self.statements) - 1)

    def answer(self, value: int) -> None:
        if self.record is None or self.stack.currentIndex() != 1:
            return
        statement = self.statements[self.position]
        self.answers[statement.key] = value
        with self.ctx.session() as session:
            self.record = emp.save_answers(
                session,
                key=self.key,
                assessment_id=self.record.id,
                answers=self.answers,
                today=date.today(),
            )
        if self.record.completed_on is not None:
            self.record = None
            self.answers = {}
            self.stack.setCurrentIndex(0)
            self.refresh()
            self.changed.emit()
            self.start_button.setFocus()
            return
        following = next(
            (
                i
                for i in range(self.position + 1, len(self.statements))
                if self.statements[i].key not in self.answers
            ),
            None,
        )
        if following is None:
            following = next(i for i, s in enumerate(self.statements) if s.key not in self.answers)
        self.go(following)

    def pause(self) -> None:
        self.record = None
        self.answers = {}
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.start_button.setFocus()


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
