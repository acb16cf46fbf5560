"""The Conversations page: the list, follow-up of agreed actions, who is due, and templates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.conversations import ACTION_STATUS_LABELS, STATE_LABELS
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _, ngettext
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.conversations.conversation_view import (
    ConversationView,
)
from huoltamo_desktop.ui.conversations.models import ActionsModel, ConversationsModel, DueModel
from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog
from huoltamo_desktop.ui.conversations.templates_panel import TemplatesPanel
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.page import page_heading, search_field
from huoltamo_desktop.ui.widgets.table_model import RowsModel
from huoltamo_desktop.ui.widgets.table_view import fit_columns, rows_proxy, rows_table, selected_row


def _table(
    parent: QWidget,
    name: str,
    model: RowsModel[Any],
    sort_column: int | None,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> QTableView:
    """A read-only table sized to its contents; without ``sort_column`` the model's order is kept."""
    return rows_table(
        parent,
        name,
        model,
        resize=QHeaderView.ResizeMode.ResizeToContents,
        sort_column=sort_column,
        order=order,
    )


def _empty_label(parent: QWidget, name: str, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setStyleSheet("color: #444; padding: 16px; font-size: 11pt;")
    return label


class ListTab(QWidget):
    def __init__(self, page: ConversationsPage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        self.search = search_field(self, "conversation_search", _("Search by person or team"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("conversation_kind_filter")
        fill_combo(
            self.kind,
            [(_("All kinds"), None), *[(service.kind_name(k), k) for k in service.kind_keys()]],
        )
        self.state = QComboBox(self)
        self.state.setObjectName("conversation_state_filter")
        fill_combo(
            self.state,
            [
                (_("Drafts and final"), None),
                *[(_(label), key) for key, label in STATE_LABELS.items()],
            ],
        )
        self.history = QCheckBox(_("Show earlier &versions"), self)
        self.history.setObjectName("conversation_history")
        tools.addWidget(self.search, 2)
        tools.addWidget(self.kind, 1)
        tools.addWidget(self.state, 1)
        tools.addWidget(self.history)
        layout.addLayout(tools)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("&New conversation…"), self)
        self.new_button.setObjectName("new_conversation")
        self.open_button = QPushButton(_("&Open"), self)
        self.open_button.setObjectName("open_conversation")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.count = QLabel(self)
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.model = ConversationsModel()
        self.table = _table(
            self, "conversations_table", self.model, 0, Qt.SortOrder.DescendingOrder
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = _empty_label(
            self,
            "conversations_empty",
            _(
                "No conversations yet. Choose “New conversation”, pick the person and the kind of conversation, "
                "and the app guides you: prepare, write notes during the talk, agree on actions and print a "
                "summary that you both sign."
            ),
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.search.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.state.currentIndexChanged.connect(self.refresh)
        self.history.toggled.connect(self.refresh)
        self.new_button.clicked.connect(lambda: page.new_conversation())
        self.open_button.clicked.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)

    def refresh(self) -> None:
        with self.page.ctx.session() as s:
            rows = service.list_conversations(
                s,
                search=self.search.text(),
                kind=self.kind.currentData(),
                state=self.state.currentData(),
                include_history=self.history.isChecked(),
                scope=self.page.ctx.scope,
            )
            any_at_all = bool(rows) or bool(
                service.list_conversations(s, include_history=True, scope=self.page.ctx.scope)
            )
        self.model.set_rows(rows)
        self.table.setVisible(any_at_all)
        self.empty.setVisible(not any_at_all)
        self.count.setText(
            ngettext("{n} conversation", "{n} conversations", len(rows)).format(n=len(rows))
        )
        self.open_button.setEnabled(bool(rows))

    def _open(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.page.open(row.id)


class FollowUpTab(QWidget):
    def __init__(self, page: ConversationsPage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("What was agreed in conversations across the firm. Late ones are in red at the top."),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        tools = QHBoxLayout()
        self.search = search_field(
            self, "followup_search", _("Filter by person, action or who takes care of it")
        )
        self.all = QCheckBox(_("Show &done and dropped too"), self)
        self.all.setObjectName("followup_all")
        tools.addWidget(self.search, 1)
        tools.addWidget(self.all)
        layout.addLayout(tools)
        self.model = ActionsModel(with_subject=True)
        self.table = _table(self, "followup_table", self.model, None)
        proxy = rows_proxy(self.table)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.setFilterKeyColumn(-1)
        self.empty = _empty_label(
            self,
            "followup_empty",
            _(
                "No open agreed actions. Actions you agree on in conversations (training, mentoring, rotation, "
                "work arrangements…) are followed up here until they are done."
            ),
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        row = QHBoxLayout()
        self.status = QComboBox(self)
        self.status.setObjectName("followup_status")
        fill_combo(
            self.status, [(_(label), key) for key, label in ACTION_STATUS_LABELS.items()], "done"
        )
        status_label = QLabel(_("New s&tatus"), self)
        status_label.setBuddy(self.status)
        self.set_button = QPushButton(_("&Set the status"), self)
        self.set_button.setObjectName("followup_set_status")
        self.open_button = QPushButton(_("&Open the conversation"), self)
        self.open_button.setObjectName("followup_open")
        self.count = QLabel(self)
        for w in (status_label, self.status, self.set_button, self.open_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.count)
        layout.addLayout(row)
        self.search.textChanged.connect(proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self._count())
        self.all.toggled.connect(self.refresh)
        self.set_button.clicked.connect(self._set_status)
        self.open_button.clicked.connect(self._open)
        self.table.doubleClicked.connect(self._open)

    def refresh(self) -> None:
        with self.page.ctx.session() as s:
            rows = service.followup(s, open_only=not self.all.isChecked())
        self.model.set_rows(rows)
        # "What was agreed" is what one reads first: it takes the room the others leave.
        fit_columns(self.table, stretch=1)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._count()

    def _count(self) -> None:
        """How many actions there are and how many are late, of those the filter shows."""
        rows = self.model.rows()
        proxy = self.table.model()
        shown = proxy.rowCount() if proxy is not None else len(rows)
        late = sum(1 for r in rows if r.overdue)
        text = ngettext("{n} action", "{n} actions", len(rows)).format(n=len(rows))
        if shown != len(rows):
            text = ngettext(
                "{shown} shown of {n} action", "{shown} shown of {n} actions", len(rows)
            ).format(shown=shown, n=len(rows))
        if late:
            text += " · " + ngettext("{n} late", "{n} late", late).format(n=late)
        self.count.setText(text)

    def _set_status(self) -> None:
        row = selected_row(self.table)
        if row is None:
            self.table.setFocus()
            return
        try:
            with self.page.ctx.session() as s:
                service.set_action_status(
                    s, action_id=row.id, status=str(self.status.currentData())
                )
        except UserError as exc:
            QMessageBox.warning(self, _("Follow-up"), str(exc))
            return
        self.page.ctx.notify(Change.CONVERSATIONS)
        self.refresh()

    def _open(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.page.open(row.conversation_id, step=2)


class DueTab(QWidget):
    def __init__(self, page: ConversationsPage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = DueModel()
        self.table = _table(self, "due_table", self.model, 4)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = _empty_label(self, "due_empty", "")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        row = QHBoxLayout()
        self.start_button = QPushButton(_("&Start or open this conversation…"), self)
        self.start_button.setObjectName("due_start")
        row.addWidget(self.start_button)
        row.addStretch(1)
        self.count = QLabel(self)
        row.addWidget(self.count)
        layout.addLayout(row)
        self.start_button.clicked.connect(self._start)
        self.table.doubleClicked.connect(self._start)

    def refresh(self) -> None:
        with self.page.ctx.session() as s:
            rows = service.due_list(s, today=date.today())
            rhythm = service.get_rhythm(s)
        parts = [
            ngettext("{kind} every month", "{kind} every {months} months", m).format(
                kind=service.kind_name(k), months=m
            )
            for k, m in rhythm.items()
            if m
        ]
        if parts:
            self.intro.setText(
                _(
                    "Conversations due in the next 30 days or overdue, by your rhythm: {rhythm}. "
                    "Change the rhythm under “Rhythm and templates”."
                ).format(rhythm="; ".join(parts))
            )
            self.empty.setText(_("Nobody is due a conversation in the next 30 days."))
        else:
            self.intro.setText("")
            self.empty.setText(
                _(
                    "No rhythm is set. Set how often to hold each kind of conversation under “Rhythm and "
                    "templates”, and this list tells you who is due."
                )
            )
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.start_button.setEnabled(bool(rows))
        late = sum(1 for r in rows if r.overdue)
        self.count.setText(
            ngettext("{n} overdue", "{n} overdue", late).format(n=late) if late else ""
        )

    def _start(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        if row.planned_id is not None:  # already planned: open that draft rather than make another
            self.page.open(row.planned_id)
        else:
            self.page.new_conversation(person_id=row.person_id, kind=row.kind)


class ConversationsPage(QWidget):
    """A manager page (see ui/shell/pages.py)."""

    TITLE = N_("Conversations")  # the navigation entry; translated by the shell when shown

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("conversations_page")
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        home = QWidget(self.stack)
        hl = QVBoxLayout(home)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(page_heading(_(self.TITLE), home))
        self.tabs = QTabWidget(home)
        self.tabs.setObjectName("conversation_tabs")
        self.list_tab = ListTab(self)
        self.followup_tab = FollowUpTab(self)
        self.due_tab = DueTab(self)
        self.templates_tab = TemplatesPanel(ctx, self)
        self.tabs.addTab(self.list_tab, _("&Conversations"))
        self.tabs.addTab(self.followup_tab, _("&Follow-up"))
        self.tabs.addTab(self.due_tab, _("D&ue"))
        self.tabs.addTab(self.templates_tab, _("&Rhythm and templates"))
        hl.addWidget(self.tabs)
        self.stack.addWidget(home)
        self.view = ConversationView(ctx, self.stack)
        self.stack.addWidget(self.view)
        self.view.back.connect(self.show_list)
        self.view.open_conversation.connect(self.open)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        QShortcut(
            QKeySequence("Ctrl+N"),
            self,
            lambda: self.new_conversation(),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        ctx.data_changed.connect(self._data_changed)

    def _data_changed(self, what: str) -> None:
        relevant = what in (
            Change.CONVERSATIONS,
            Change.PEOPLE,
            Change.TEAMS,
            Change.FIRM,
            Change.SKILLS,
            Change.EMPLOYEE,
        )
        if relevant and self.isVisible() and self.stack.currentWidget() is not self.view:
            self.refresh()

    def refresh(self) -> None:
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        tab = self.tabs.currentWidget()
        refresh = getattr(tab, "refresh", None)
        if refresh is not None:
            refresh()

    def new_conversation(self, *, person_id: int | None = None, kind: str | None = None) -> None:
        dialog = NewConversationDialog(self.ctx, self, person_id=person_id, kind=kind)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.conversation_id:
            self.ctx.notify(Change.CONVERSATIONS)
            self.open(dialog.conversation_id, step=0)

    def open(self, conversation_id: int, step: int | None = 0) -> None:
        try:
            self.view.load(conversation_id, step=step)
        except UserError as exc:
            QMessageBox.warning(self, _("Conversations"), str(exc))
            self.refresh()
            return
        self.stack.setCurrentWidget(self.view)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.list_tab.table.setFocus()
