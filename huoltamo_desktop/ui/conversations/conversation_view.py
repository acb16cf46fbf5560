"""One conversation, step by step: Prepare → Notes → Actions → Summary.

Notes are saved as they are typed (a short pause, leaving the field, changing
topic, leaving the view, closing the app), so nothing typed during the talk is
lost. The manager's private notes sit in a clearly marked field and never
reach the printed summary.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.conversations import (
    ACTION_KIND_LABELS,
    ACTION_STATUS_LABELS,
    OWNER_LABELS,
    ActionOwner,
    action_status_label,
    owner_label,
    state_label,
)
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.i18n import _, format_date, format_number
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.conversations.models import ActionsModel
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo
from huoltamo_desktop.ui.widgets.pdf_view import PdfView
from huoltamo_desktop.ui.widgets.table_model import SORT_ROLE
from huoltamo_desktop.ui.widgets.table_view import read_only_table

AUTOSAVE_MS = 800


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _blank_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)


def _check_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#2d6a4f"))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), "✓")
    painter.end()
    return QIcon(pixmap)


def date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("d.M.yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(QDate.currentDate())
    return edit


def table_view(
    parent: QWidget, name: str, model: Any, *, sort: tuple[int, Qt.SortOrder] | None = None
) -> QTableView:
    """A read-only, sortable table over ``model``; without ``sort`` the model's own order is kept."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = read_only_table(parent, name, proxy, resize=QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(False)
    if sort is None:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        proxy.sort(-1)
    else:
        view.sortByColumn(*sort)
    return view


def selected_source_row(view: QTableView) -> int:
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        current = view.currentIndex()
        if not current.isValid():
            return -1
        indexes = [current]
    proxy = view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    return proxy.mapToSource(indexes[0]).row()


class _EditorKeys(QObject):
    """For the note fields: save when the focus leaves; Ctrl+Enter (Shift: back) changes topic.

    Handled here rather than with QShortcut so that the keys work in the text
    field itself, which would otherwise take Enter as a new line.
    """

    def __init__(self, parent: QObject, on_focus_out: Any, on_move: Any) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out
        self._on_move = on_move

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_focus_out()
        elif event.type() == QEvent.Type.KeyPress:
            key_event = event  # a QKeyEvent
            mods = key_event.modifiers()  # type: ignore[attr-defined]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (  # type: ignore[attr-defined]
                mods & Qt.KeyboardModifier.ControlModifier
            ):
                self._on_move(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
        return False


# --- Prepare ---------------------------------------------------------------------------


class PrepareStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("prepare_browser")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser)

    def load(self, detail: service.ConversationDetail) -> None:
        with self.ctx.session() as s:
            data = service.prepare(s, conversation_id=detail.id)
            template = service.template_for(s, kind=detail.kind, stage=detail.person_stage)
        self.browser.setHtml(prepare_html(detail, data, template))


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th align='left'>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='4' border='0'><tr style='background:#e6eef1'>{cells}</tr>{body}</table>"


def _h3(text: str) -> str:
    return "<h3>" + escape(text) + "</h3>"


def _p(text: str) -> str:
    return "<p>" + escape(text) + "</p>"


def _action_rows_html(actions: list[service.ActionRow]) -> str:
    rows = []
    for a in actions:
        due = format_date(a.due_on) if a.due_on else "–"
        if a.overdue:
            due = (
                "<span style='color:#b00020'><b>"
                + escape(_("{date} – late").format(date=due))
                + "</b></span>"
            )
        who = (
            a.owner_name
            if a.owner == ActionOwner.OUTSIDE and a.owner_name
            else owner_label(a.owner)
        )
        rows.append([escape(a.what), escape(who), due, escape(action_status_label(a.status))])
    return _table([_("What was agreed"), _("Who"), _("By"), _("Status")], rows)


def _level(value: int | float | None) -> str:
    return (
        "–" if value is None else format_number(value, digits=0 if float(value).is_integer() else 1)
    )


def _shared_html(name: str, shared: tuple[Any, Any]) -> list[str]:
    from huoltamo_desktop.services.employee import area_title, plan_section_title

    assessment, plan = shared
    parts = [_h3(_("What {name} has shared").format(name=name))]
    if assessment is None:
        parts.append(_p(_("Self-assessment: not shared.")))
    else:
        parts.append(
            "<p><b>"
            + escape(_("Self-assessment"))
            + "</b> "
            + escape(_("({date})").format(date=format_date(assessment.assessed_on)))
            + "</p>"
        )
        before = assessment.previous_scores
        rows = []
        for key, score in assessment.area_scores.items():
            row = [escape(area_title(key)), _level(score)]
            if before:
                row.append(_level(before.get(key)))
            rows.append(row)
        head = [_("Area"), _("Now (1–5)")] + ([_("Before")] if before else [])
        parts.append(_table(head, rows))
        if assessment.strengths:
            parts.append(
                _p(_("Strengths:") + " " + ", ".join(area_title(k) for k in assessment.strengths))
            )
        if assessment.to_develop:
            parts.append(
                _p(_("To develop:") + " " + ", ".join(area_title(k) for k in assessment.to_develop))
            )
    if plan is None:
        parts.append(_p(_("Career plan: not shared.")))
    else:
        parts.append("<p><b>" + escape(_("Career plan")) + "</b></p>")
        for key, text in plan.sections.items():
            if text.strip():
                parts.append(
                    "<p><i>"
                    + escape(plan_section_title(key))
                    + "</i><br/>"
                    + escape(text).replace("\n", "<br/>")
                    + "</p>"
                )
        if plan.next_steps:
            items = "".join(
                "<li>"
                + escape(step)
                + (" – " + escape(format_date(when)) if when else "")
                + "</li>"
                for step, when in plan.next_steps
            )
            parts.append(_p(_("Next steps in the plan:")) + "<ul>" + items + "</ul>")
    return parts


def _skills_html(name: str, lines: list[Any]) -> list[str]:
    parts = [_h3(_("Skills and gaps"))]
    if not lines:
        parts.append(_p(_("No skills rated or required for {name} yet.").format(name=name)))
        return parts
    rows = []
    for line in lines:
        below_required = line.required_level is not None and (
            line.level is None or line.level < line.required_level
        )
        below_target = line.target_level is not None and (
            line.level is None or line.level < line.target_level
        )
        skill = escape(line.skill_name)
        if below_required or below_target:
            skill = "<b style='color:#b00020'>" + skill + "</b>"
        target = _level(line.target_level)
        if line.target_date:
            target += " (" + escape(format_date(line.target_date)) + ")"
        rows.append([skill, _level(line.level), target, _level(line.required_level)])
    parts.append(_table([_("Skill"), _("Level"), _("Target"), _("Role needs")], rows))
    parts.append(_p(_("Skills in red are below the target or what the role needs.")))
    return parts


def prepare_html(
    detail: service.ConversationDetail, data: service.PrepareData, template: service.TemplateView
) -> str:
    """What the manager reads before the talk, as HTML for a QTextBrowser."""
    name = detail.subject
    parts = [
        "<h2>" + escape(template.name) + " – " + escape(name) + "</h2>",
        _p(template.description),
        _p(
            _(
                "About {minutes} minutes. Go through the topics in the Notes step; write down what you agree on."
            ).format(minutes=template.duration_minutes)
        ),
    ]
    if data.shared is not None:
        parts += _shared_html(name, data.shared)
    if data.skill_lines is not None:
        parts += _skills_html(name, data.skill_lines)
    if data.future_needs:
        parts.append(_h3(_("The firm’s future needs that touch {name}").format(name=name)))
        rows = [
            [
                escape(n.skill_name),
                _level(n.level),
                escape(_("{have} of {need}").format(have=n.people_at_level, need=n.people_needed)),
                escape(format_date(n.by_date)) if n.by_date else "–",
                escape(n.reason),
            ]
            for n in data.future_needs
        ]
        parts.append(
            _table([_("Skill"), _("Level"), _("People at the level"), _("By"), _("Why")], rows)
        )
    parts.append(_h3(_("Previous conversation")))
    if data.previous is None:
        first = (
            _("This is the first conversation with the team {name} in the app.")
            if detail.person_id is None
            else _("This is the first conversation with {name} in the app.")
        )
        parts.append(_p(first.format(name=name)))
    else:
        prev = data.previous.row
        parts.append(
            _p(
                service.kind_name(prev.kind)
                + " "
                + format_date(prev.held_on)
                + " · "
                + state_label(prev.state)
            )
        )
        if data.previous.actions:
            parts.append(_action_rows_html(data.previous.actions))
        else:
            parts.append(_p(_("No actions were agreed.")))
    older = [
        r.action
        for r in data.carried
        if data.previous is None or r.action.conversation_id != data.previous.row.id
    ]
    if older:
        parts.append(_h3(_("Still open from earlier conversations")))
        parts.append(_action_rows_html(older))
    return "\n".join(parts)


# --- Notes -----------------------------------------------------------------------------


class NotesStep(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._conversation_id = 0
        self._read_only = True
        self._topics: list[service.TopicView] = []
        self._notes: dict[str, str] = {}
        self._private = ""
        self._dirty = False
        self._loading = False
        self._current = -1

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.topic_list = QListWidget(splitter)
        self.topic_list.setObjectName("topic_list")
        self.topic_list.setMinimumWidth(200)
        self.topic_list.setWordWrap(True)
        self.topic_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QWidget(splitter)
        rl = QVBoxLayout(right)
        self.topic_title = QLabel(right)
        self.topic_title.setObjectName("topic_title")
        self.topic_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.topic_title.setWordWrap(True)
        self.guide = QLabel(right)
        self.guide.setWordWrap(True)
        self.guide.setStyleSheet("color: #444;")
        self.questions = QLabel(right)
        self.questions.setObjectName("topic_questions")
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        note_label = QLabel(_("&Notes for the summary (both sign these)"), right)
        self.note = QPlainTextEdit(right)
        self.note.setObjectName("topic_note")
        self.note.setTabChangesFocus(True)
        note_label.setBuddy(self.note)
        private_label = QLabel(_("&Private notes – only for you, never printed"), right)
        private_label.setObjectName("private_label")
        private_label.setStyleSheet("font-weight: bold; color: #7a4a00;")
        self.private = QPlainTextEdit(right)
        self.private.setObjectName("private_notes")
        self.private.setTabChangesFocus(True)
        self.private.setStyleSheet(
            "QPlainTextEdit { background: #fff6d8; border: 2px dashed #c99a2e; }"
        )
        self.private.setMaximumHeight(110)
        private_label.setBuddy(self.private)
        self.hint = QLabel(
            _(
                "Ctrl+Enter: next topic · Ctrl+Shift+Enter: previous topic · Alt+N: notes · Alt+P: private notes"
            ),
            right,
        )
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)
        self.status = QLabel(right)
        self.status.setObjectName("autosave_status")
        self.status.setStyleSheet("color: #2d6a4f;")
        for w in (self.topic_title, self.guide, self.questions, note_label):
            rl.addWidget(w)
        rl.addWidget(self.note, 3)
        rl.addWidget(private_label)
        rl.addWidget(self.private, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.status)
        rl.addLayout(bottom)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.topic_list.currentRowChanged.connect(self._show_topic)
        self.note.textChanged.connect(self._note_changed)
        self.private.textChanged.connect(self._private_changed)
        self._keys = _EditorKeys(self, self.save, self.move_topic)
        self.note.installEventFilter(self._keys)
        self.private.installEventFilter(self._keys)
        self.topic_list.installEventFilter(self._keys)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save)

    def load(self, detail: service.ConversationDetail) -> None:
        self.save()
        self._loading = True
        self._conversation_id = detail.id
        self._read_only = detail.is_final or not detail.is_current
        with self.ctx.session() as s:
            template = service.template_for(s, kind=detail.kind, stage=detail.person_stage)
        self._topics = template.topics
        self._notes = dict(detail.notes)
        self._private = detail.private_notes
        self.topic_list.clear()
        for topic in self._topics:
            self.topic_list.addItem(self._topic_item_text(topic))
            self._mark_topic(self.topic_list.count() - 1, topic)
        self.private.setPlainText(self._private)
        self.note.setReadOnly(self._read_only)
        self.private.setReadOnly(self._read_only)
        self.status.setText("")
        self._current = -1
        self._loading = False
        self.topic_list.setCurrentRow(0)

    def _topic_item_text(self, topic: service.TopicView) -> str:
        return topic.title

    def _mark_topic(self, row: int, topic: service.TopicView) -> None:
        """A check mark as the item's icon: a long title then wraps under itself, not under the mark."""
        item = self.topic_list.item(row)
        if item is None:
            return
        done = bool(self._notes.get(topic.key, "").strip())
        item.setIcon(_check_icon() if done else _blank_icon())
        item.setToolTip(_("Notes written") if done else "")

    def _show_topic(self, row: int) -> None:
        if row < 0 or row >= len(self._topics):
            return
        self._current = row
        topic = self._topics[row]
        self._loading = True
        self.topic_title.setText(f"{row + 1}/{len(self._topics)} · {topic.title}")
        self.guide.setText(topic.guide)
        self.questions.setText(
            "<ul>" + "".join(f"<li>{escape(q.text)}</li>" for q in topic.questions) + "</ul>"
        )
        self.note.setPlainText(self._notes.get(topic.key, ""))
        self._loading = False
        self.save()

    def move_topic(self, step: int) -> None:
        row = self.topic_list.currentRow() + step
        if 0 <= row < self.topic_list.count():
            self.topic_list.setCurrentRow(row)
        self.note.setFocus()

    def _note_changed(self) -> None:
        if self._loading or self._read_only or self._current < 0:
            return
        topic = self._topics[self._current]
        self._notes[topic.key] = self.note.toPlainText()
        self._mark_topic(self._current, topic)
        self._mark_dirty()

    def _private_changed(self) -> None:
        if self._loading or self._read_only:
            return
        self._private = self.private.toPlainText()
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.status.setText(_("Not saved yet…"))
        self.timer.start()

    def save(self) -> None:
        """Write what is typed to the database (autosave; safe to call at any time)."""
        self.timer.stop()
        if not self._dirty or not self._conversation_id:
            return
        try:
            with self.ctx.session() as s:
                service.save_notes(
                    s,
                    conversation_id=self._conversation_id,
                    notes=dict(self._notes),
                    private_notes=self._private,
                )
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self._dirty = False
        from datetime import datetime

        self.status.setText(_("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")))
        self.saved.emit()

    def hideEvent(self, event: Any) -> None:
        self.save()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.save()
        super().closeEvent(event)


# --- Actions ---------------------------------------------------------------------------


class ActionsStep(QWidget):
    changed = Signal()
    open_conversation = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._detail: service.ConversationDetail | None = None
        self._editing_id: int | None = None
        layout = QVBoxLayout(self)

        self.model = ActionsModel()
        self.table = table_view(self, "actions_table", self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            _(
                "No actions agreed yet. Write below what you agreed, who takes care of it and by when."
            ),
            self,
        )
        self.empty.setObjectName("actions_empty")
        self.empty.setWordWrap(True)
        own_title = QLabel("<b>" + escape(_("Agreed in this conversation")) + "</b>", self)
        own_title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(own_title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)

        self.form = QGroupBox(_("An agreed action"), self)
        grid = QGridLayout(self.form)
        self.what = QLineEdit(self.form)
        self.what.setObjectName("action_what")
        self.what.setMaxLength(500)
        self.what.setPlaceholderText(_("e.g. Welding qualification test in the spring course"))
        self.owner = QComboBox(self.form)
        self.owner.setObjectName("action_owner")
        fill_combo(self.owner, [(_(label), key) for key, label in OWNER_LABELS.items()])
        self.owner_name = QLineEdit(self.form)
        self.owner_name.setObjectName("action_owner_name")
        self.owner_name.setPlaceholderText(_("Who outside the firm"))
        self.owner_name.setMaxLength(120)
        self.due = date_edit(self.form, "action_due")
        self.no_due = QCheckBox(_("No date"), self.form)
        self.no_due.setObjectName("action_no_due")
        self.kind = QComboBox(self.form)
        self.kind.setObjectName("action_kind")
        fill_combo(self.kind, [(_(label), key) for key, label in ACTION_KIND_LABELS.items()])
        self.skill = QComboBox(self.form)
        self.skill.setObjectName("action_skill")
        self.status_combo = QComboBox(self.form)
        self.status_combo.setObjectName("action_status")
        fill_combo(
            self.status_combo, [(_(label), key) for key, label in ACTION_STATUS_LABELS.items()]
        )
        labels = []
        for text, widget in (
            (_("&What was agreed"), self.what),
            (_("W&ho takes care of it"), self.owner),
            (_("B&y"), self.due),
            (_("&Kind"), self.kind),
            (_("Sk&ill it serves"), self.skill),
            (_("S&tatus"), self.status_combo),
        ):
            label = QLabel(text, self.form)
            label.setBuddy(widget)
            labels.append(label)
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(self.what, 0, 1, 1, 3)
        grid.addWidget(labels[1], 1, 0)
        grid.addWidget(self.owner, 1, 1)
        grid.addWidget(self.owner_name, 1, 2, 1, 2)
        # Date and status share a row so that the whole step fits a small laptop screen.
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.no_due)
        grid.addWidget(labels[2], 2, 0)
        grid.addLayout(due_row, 2, 1)
        grid.addWidget(labels[5], 2, 2)
        grid.addWidget(self.status_combo, 2, 3)
        grid.addWidget(labels[3], 3, 0)
        grid.addWidget(self.kind, 3, 1)
        self.skill_label = labels[4]
        grid.addWidget(labels[4], 3, 2)
        grid.addWidget(self.skill, 3, 3)
        self.error = error_label(self.form)
        grid.addWidget(self.error, 5, 0, 1, 4)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add the actio&n"), self.form)
        self.add_button.setObjectName("add_action")
        self.add_button.setDefault(True)
        self.save_button = QPushButton(_("Save &changes"), self.form)
        self.save_button.setObjectName("save_action")
        self.remove_button = QPushButton(_("R&emove"), self.form)
        self.remove_button.setObjectName("remove_action")
        self.clear_button = QPushButton(_("Em&pty the form"), self.form)
        self.clear_button.setObjectName("clear_action")
        for b in (self.add_button, self.save_button, self.remove_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        grid.addLayout(buttons, 6, 0, 1, 4)
        layout.addWidget(self.form)

        self.carried_title = QLabel(
            "<b>" + escape(_("Open from earlier conversations")) + "</b>", self
        )
        self.carried_model = ActionsModel(with_subject=False)
        self.carried_table = table_view(self, "carried_table", self.carried_model)
        self.carried_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        carried_buttons = QHBoxLayout()
        self.carried_status = QComboBox(self)
        self.carried_status.setObjectName("carried_status")
        fill_combo(
            self.carried_status, [(_(label), key) for key, label in ACTION_STATUS_LABELS.items()]
        )
        self.carried_set = QPushButton(_("&Set the status"), self)
        self.carried_set.setObjectName("carried_set_status")
        self.carried_open = QPushButton(_("Open the conversation where it was a&greed"), self)
        self.carried_open.setObjectName("carried_open")
        carried_buttons.addWidget(self.carried_status)
        carried_buttons.addWidget(self.carried_set)
        carried_buttons.addWidget(self.carried_open)
        carried_buttons.addStretch(1)
        layout.addWidget(self.carried_title)
        layout.addWidget(self.carried_table, 1)
        layout.addLayout(carried_buttons)
        # Takes the spare room when neither table is shown, so the texts stay together at the top.
        self.filler = QWidget(self)
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        for label in (self.empty, self.carried_title):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.owner.currentIndexChanged.connect(self._owner_changed)
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        self.add_button.clicked.connect(self._add)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        self.clear_button.clicked.connect(self._clear)
        self.what.returnPressed.connect(lambda: (self._save if self._editing_id else self._add)())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.carried_set.clicked.connect(self._set_carried_status)
        self.carried_open.clicked.connect(self._open_carried)
        self._owner_changed()

    def _owner_changed(self) -> None:
        outside = self.owner.currentData() == ActionOwner.OUTSIDE
        self.owner_name.setEnabled(outside)

    def load(self, detail: service.ConversationDetail) -> None:
        self._detail = detail
        editable = not detail.is_final and detail.is_current
        owners = [(_(label), key) for key, label in OWNER_LABELS.items()]
        if detail.person_id is None:  # a group discussion: the team itself takes care of it
            owners[0] = (_(service.TEAM_LABEL), ActionOwner.EMPLOYEE)
        fill_combo(self.owner, owners)
        with self.ctx.session() as s:
            rows = service.list_actions(s, conversation_id=detail.id)
            carried = service.carried_actions(s, conversation_id=detail.id)
            skills = service.skill_choices(s)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        fill_combo(self.skill, [(_("(none)"), None), *[(name, sid) for sid, name in skills]])
        self.skill.setVisible(bool(skills))
        self.skill_label.setVisible(bool(skills))
        self.carried_model.set_rows([c.action for c in carried])
        for w in (
            self.carried_title,
            self.carried_table,
            self.carried_status,
            self.carried_set,
            self.carried_open,
        ):
            w.setVisible(bool(carried))
        self.filler.setVisible(not rows and not carried)
        self.carried_set.setEnabled(editable)
        self.carried_status.setEnabled(editable)
        # After finalising only the status can change (follow-up); the agreement itself is frozen.
        field: QWidget
        for field in (
            self.what,
            self.owner,
            self.owner_name,
            self.due,
            self.no_due,
            self.kind,
            self.skill,
            self.add_button,
            self.remove_button,
            self.clear_button,
        ):
            field.setEnabled(editable)
        self.status_combo.setEnabled(detail.is_current)
        self.save_button.setEnabled(detail.is_current)
        self.form.setTitle(_("An agreed action") if editable else _("Status of an agreed action"))
        self._owner_changed()
        self._clear()

    def _input(self) -> service.ActionInput:
        return service.ActionInput(
            what=self.what.text(),
            owner=str(self.owner.currentData()),
            owner_name=self.owner_name.text(),
            due_on=None if self.no_due.isChecked() else pydate(self.due.date()),
            kind=str(self.kind.currentData()),
            skill_id=self.skill.currentData() if self.skill.isVisible() else None,
            status=str(self.status_combo.currentData()),
        )

    def _fields(self) -> dict[str, QWidget]:
        return {
            "what": self.what,
            "owner": self.owner,
            "owner_name": self.owner_name,
            "due_on": self.due,
            "kind": self.kind,
            "status": self.status_combo,
        }

    def _show_error(self, exc: UserError) -> None:
        self.error.setText(str(exc))
        self.error.setVisible(True)
        widget = self._fields().get(getattr(exc, "field", None) or "")
        if widget is not None:
            widget.setFocus()

    def _add(self) -> None:
        if self._detail is None:
            return
        try:
            with self.ctx.session() as s:
                service.add_action(s, conversation_id=self._detail.id, data=self._input())
        except UserError as exc:
            self._show_error(exc)
            return
        self._after_change()
        self.what.setFocus()

    def _save(self) -> None:
        if self._detail is None or self._editing_id is None:
            return
        try:
            with self.ctx.session() as s:
                if self._detail.is_final:
                    service.set_action_status(
                        s, action_id=self._editing_id, status=str(self.status_combo.currentData())
                    )
                else:
                    service.update_action(s, action_id=self._editing_id, data=self._input())
        except UserError as exc:
            self._show_error(exc)
            return
        self._after_change()

    def _remove(self) -> None:
        if self._detail is None or self._editing_id is None:
            return
        try:
            with self.ctx.session() as s:
                service.delete_action(s, action_id=self._editing_id)
        except UserError as exc:
            self._show_error(exc)
            return
        self._after_change()

    def _after_change(self) -> None:
        self.ctx.notify("conversations")
        if self._detail is not None:
            self.load(self._detail)
        self.changed.emit()

    def _clear(self) -> None:
        self._editing_id = None
        self.what.clear()
        self.owner.setCurrentIndex(0)
        self.owner_name.clear()
        self.no_due.setChecked(False)
        if self._detail is not None:
            self.due.setDate(qdate(self._detail.held_on).addMonths(3))
        self.kind.setCurrentIndex(self.kind.findData("training"))
        self.skill.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.error.setVisible(False)
        self.save_button.setVisible(False)
        self.remove_button.setVisible(False)
        self.add_button.setVisible(True)
        self.table.clearSelection()

    def _selected(self) -> None:
        row = self.model.row_at(selected_source_row(self.table))
        if row is None:
            return
        self._editing_id = row.id
        self.what.setText(row.what)
        self.owner.setCurrentIndex(self.owner.findData(row.owner))
        self.owner_name.setText(row.owner_name)
        self.no_due.setChecked(row.due_on is None)
        if row.due_on:
            self.due.setDate(qdate(row.due_on))
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        index = self.skill.findData(row.skill_id)
        self.skill.setCurrentIndex(max(0, index))
        self.status_combo.setCurrentIndex(self.status_combo.findData(row.status))
        self.error.setVisible(False)
        self.add_button.setVisible(False)
        self.save_button.setVisible(True)
        self.remove_button.setVisible(True)

    def _set_carried_status(self) -> None:
        row = self.carried_model.row_at(selected_source_row(self.carried_table))
        if row is None:
            self.carried_table.setFocus()
            return
        try:
            with self.ctx.session() as s:
                service.set_action_status(
                    s, action_id=row.id, status=str(self.carried_status.currentData())
                )
        except UserError as exc:
            QMessageBox.warning(self, _("Agreed actions"), str(exc))
            return
        self._after_change()

    def _open_carried(self) -> None:
        row = self.carried_model.row_at(selected_source_row(self.carried_table))
        if row is not None:
            self.open_conversation.emit(row.conversation_id)


# --- Summary ---------------------------------------------------------------------------


class SummaryStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._detail: service.ConversationDetail | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setObjectName("print_summary")
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.save_button.setObjectName("save_summary")
        self.info = QLabel(self)
        self.info.setObjectName("summary_info")
        self.info.setWordWrap(True)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.info, 1)
        layout.addLayout(bar)
        self.view = PdfView(self)
        layout.addWidget(self.view, 1)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_pdf)

    def load(self, detail: service.ConversationDetail) -> None:
        self._detail = detail
        with self.ctx.session() as s:
            pdf = service.summary_pdf(s, conversation_id=detail.id)
        self.view.set_pdf(pdf)
        from huoltamo_desktop.i18n import LANGUAGE_NAMES

        language = LANGUAGE_NAMES.get(detail.person_language, detail.person_language)
        if detail.person_id is None:  # a team's conversation: the firm's document language
            text = _(
                "The summary is in {language}, the firm's default document language. "
                "Private notes are never printed."
            ).format(language=language)
        else:
            text = _(
                "The summary is in {language}, the document language of {name}. Private notes are never printed."
            ).format(language=language, name=detail.subject)
        if not detail.is_final:
            text += " " + _("Mark the conversation final before you print the copy to sign.")
        self.info.setText(text)

    def print_summary(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            self.view.print_to(printer)
        except OSError:
            QMessageBox.warning(
                self,
                _("Print"),
                _("The printer could not be started. Check the printer and try again."),
            )

    def save_pdf(self) -> None:
        if self._detail is None:
            return
        with self.ctx.session() as s:
            name = service.summary_file_name(s, conversation_id=self._detail.id)
        start = str(Path.home() / name)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the summary as PDF"), start, _("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            target.write_bytes(self.view.pdf())
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Save as PDF"),
                _("Could not save {path}: {error}").format(path=target, error=exc.strerror or exc),
            )
            return
        self.info.setText(_("Saved: {path}").format(path=target))


# --- the view -------------------------------------------------------------------------


class ConversationView(QWidget):
    """Header with the details and the state, and the four steps as tabs."""

    back = Signal()
    open_conversation = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: service.ConversationDetail | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page around it has its own margins

        top = QHBoxLayout()
        self.back_button = QPushButton(_("← &Back to the list"), self)
        self.back_button.setObjectName("back_to_list")
        self.title = QLabel(self)
        self.title.setObjectName("conversation_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout.addLayout(top)

        details = QHBoxLayout()
        form = QFormLayout()
        self.held_on = date_edit(self, "held_on")
        self.next_on = date_edit(self, "next_on")
        self.no_next = QCheckBox(_("Not agreed"), self)
        self.no_next.setObjectName("no_next")
        self.manager = QComboBox(self)
        self.manager.setObjectName("manager")
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_on)
        next_row.addWidget(self.no_next)
        next_label = QLabel(_("Ne&xt conversation"), self)
        next_label.setBuddy(self.next_on)
        form.addRow(_("&Date"), self.held_on)
        form.addRow(next_label, next_row)
        form.addRow(_("&Manager"), self.manager)
        details.addLayout(form)
        state_box = QVBoxLayout()
        self.state = QLabel(self)
        self.state.setObjectName("conversation_state")
        self.state.setWordWrap(True)
        buttons = QHBoxLayout()
        self.finalise_button = QPushButton(_("Mark as &final…"), self)
        self.finalise_button.setObjectName("finalise")
        self.version_button = QPushButton(_("Make a new &version"), self)
        self.version_button.setObjectName("new_version")
        self.delete_button = QPushButton(_("Delete the draft…"), self)
        self.delete_button.setObjectName("delete_draft")
        self.versions = QComboBox(self)
        self.versions.setObjectName("versions")
        for b in (self.finalise_button, self.version_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addWidget(self.versions)
        buttons.addStretch(1)
        state_box.addWidget(self.state)
        state_box.addLayout(buttons)
        details.addLayout(state_box, 1)
        layout.addLayout(details)
        self.error = error_label(self)
        layout.addWidget(self.error)

        self.steps = QTabWidget(self)
        self.steps.setObjectName("steps")
        self.prepare = PrepareStep(ctx, self.steps)
        self.notes = NotesStep(ctx, self.steps)
        self.actions_step = ActionsStep(ctx, self.steps)
        self.summary = SummaryStep(ctx, self.steps)
        self.steps.addTab(self.prepare, _("1 P&repare"))
        self.steps.addTab(self.notes, _("2 N&otes"))
        self.steps.addTab(self.actions_step, _("3 &Actions"))
        self.steps.addTab(self.summary, _("4 S&ummary"))
        layout.addWidget(self.steps, 1)

        self.back_button.clicked.connect(self._back)
        QShortcut(
            QKeySequence("Ctrl+W"),
            self,
            self._back,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.steps.currentChanged.connect(self._step_changed)
        self.finalise_button.clicked.connect(self._finalise)
        self.version_button.clicked.connect(self._new_version)
        self.delete_button.clicked.connect(self._delete)
        self.versions.activated.connect(self._pick_version)
        self.held_on.dateChanged.connect(self._details_changed)
        self.next_on.dateChanged.connect(self._details_changed)
        self.no_next.toggled.connect(self._details_changed)
        self.manager.currentIndexChanged.connect(self._details_changed)
        self.actions_step.open_conversation.connect(self.open_conversation)

    def load(self, conversation_id: int, step: int | None = None) -> None:
        self.notes.save()
        with self.ctx.session() as s:
            self.detail = service.get_conversation(s, conversation_id=conversation_id)
            from huoltamo_desktop.services.people import list_people

            people = [(p.full_name, p.id) for p in list_people(s) if p.id != self.detail.person_id]
        d = self.detail
        self._loading = True
        self.title.setText(f"{d.kind_name} – {d.subject}")
        self.held_on.setDate(qdate(d.held_on))
        self.no_next.setChecked(d.next_on is None)
        self.next_on.setDate(qdate(d.next_on) if d.next_on else qdate(d.held_on).addMonths(12))
        self.next_on.setEnabled(d.next_on is not None)
        fill_combo(self.manager, [(_("(not chosen)"), None), *people], d.manager_id)
        editable = not d.is_final and d.is_current
        for w in (self.held_on, self.next_on, self.no_next, self.manager):
            w.setEnabled(editable if w is not self.next_on else editable and d.next_on is not None)
        self.versions.clear()
        for vid, number, state in d.versions:
            self.versions.addItem(
                _("Version {number} ({state})").format(number=number, state=state_label(state)), vid
            )
        self.versions.setCurrentIndex(self.versions.findData(d.id))
        self.versions.setVisible(len(d.versions) > 1)
        if not d.is_current:
            state = _("An earlier version, kept as it was. Read-only.")
            self.state.setStyleSheet("color: #555; font-weight: bold;")
        elif d.is_final:
            state = _("Final – frozen. To change it, make a new version; this one is kept.")
            self.state.setStyleSheet("color: #1f4e5f; font-weight: bold;")
        else:
            state = _("Draft – notes are saved as you type.")
            self.state.setStyleSheet("color: #7a4a00; font-weight: bold;")
        if d.version > 1:
            state = _("Version {number}. ").format(number=d.version) + state
        self.state.setText(state)
        self.finalise_button.setVisible(editable)
        self.delete_button.setVisible(editable)
        self.version_button.setVisible(d.is_final and d.is_current)
        self.error.setVisible(False)
        self._loading = False
        self.notes.load(d)
        if step is not None:
            self.steps.setCurrentIndex(step)
        self._step_changed(self.steps.currentIndex())

    def _step_changed(self, index: int) -> None:
        if self.detail is None:
            return
        self.notes.save()
        widget = self.steps.widget(index)
        if widget is self.prepare:
            self.prepare.load(self.detail)
        elif widget is self.actions_step:
            self.actions_step.load(self.detail)
        elif widget is self.summary:
            self.summary.load(self.detail)
        elif widget is self.notes:
            self.notes.note.setFocus()

    def _details_changed(self) -> None:
        if self._loading or self.detail is None:
            return
        self.next_on.setEnabled(not self.no_next.isChecked())
        try:
            with self.ctx.session() as s:
                service.update_details(
                    s,
                    conversation_id=self.detail.id,
                    held_on=pydate(self.held_on.date()),
                    next_on=None if self.no_next.isChecked() else pydate(self.next_on.date()),
                    manager_id=self.manager.currentData(),
                )
                self.detail = service.get_conversation(s, conversation_id=self.detail.id)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self.ctx.notify("conversations")

    def _finalise(self) -> None:
        if self.detail is None:
            return
        self.notes.save()
        answer = QMessageBox.question(
            self,
            _("Mark as final"),
            _(
                "Mark the conversation with {name} as final? It is then frozen; a later change makes a new version "
                "and keeps this one."
            ).format(name=self.detail.subject),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.session() as s:
                service.finalise(s, conversation_id=self.detail.id)
        except UserError as exc:
            QMessageBox.warning(self, _("Mark as final"), str(exc))
            return
        self.ctx.notify("conversations")
        self.load(self.detail.id, step=3)

    def _new_version(self) -> None:
        if self.detail is None:
            return
        try:
            with self.ctx.session() as s:
                new = service.new_version(s, conversation_id=self.detail.id)
        except UserError as exc:
            QMessageBox.warning(self, _("Make a new version"), str(exc))
            return
        self.ctx.notify("conversations")
        self.load(new.id or 0, step=1)

    def _delete(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete the draft"),
            _("Delete this draft with its notes and actions? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.notes._dirty = False
        with self.ctx.session() as s:
            service.delete_draft(s, conversation_id=self.detail.id)
        self.detail = None
        self.ctx.notify("conversations")
        self.back.emit()

    def _pick_version(self, index: int) -> None:
        vid = self.versions.itemData(index)
        if vid and self.detail is not None and vid != self.detail.id:
            self.load(int(vid))

    def _back(self) -> None:
        self.notes.save()
        self.back.emit()
