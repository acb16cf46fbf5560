"""The Skills page: matrix, analyses, catalogue, role profiles, future needs and cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.i18n import N_, _
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.seats import scope_team_names
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.skills.analyses import AnalysesPanel
from huoltamo_desktop.ui.skills.cards import CardsPanel
from huoltamo_desktop.ui.skills.catalogue import CataloguePanel, StarterPickerDialog
from huoltamo_desktop.ui.skills.matrix_panel import MatrixPanel
from huoltamo_desktop.ui.skills.needs import NeedsPanel
from huoltamo_desktop.ui.skills.profiles import ProfilesPanel
from huoltamo_desktop.ui.widgets.page import page_heading

WATCHED = ("skills", "people", "teams", "firm", "employee")
PAGE_TITLE = N_("Skills")  # the navigation entry; translated when shown


class SkillsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = True
        self._own_change = False
        self._loaded: set[int] = set()
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(_(PAGE_TITLE), self))
        # A team lead's matrix and analyses count only the people of their teams; say so once
        # for every tab.
        self.scope_note = QLabel(self)
        self.scope_note.setObjectName("skills_scope_note")
        self.scope_note.setWordWrap(True)
        self.scope_note.setVisible(False)
        layout.addWidget(self.scope_note)

        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)

        self.empty = QWidget(self)
        self.empty.setObjectName("skills_empty")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_text = QLabel(
            _(
                "Your firm has no skills listed yet. Start by picking the skills your work needs from the "
                "starter set (you can add your own at any time), or add a ready role profile for a job title "
                "on the Role profiles tab."
            ),
            self.empty,
        )
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setStyleSheet("font-size: 12pt;")
        empty_layout.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.empty_pick = QPushButton(_("&Pick skills for your firm…"), self.empty)
        self.empty_pick.setObjectName("empty_pick_skills")
        self.empty_catalogue = QPushButton(_("&Open the catalogue"), self.empty)
        self.empty_catalogue.setObjectName("empty_open_catalogue")
        row.addWidget(self.empty_pick)
        row.addWidget(self.empty_catalogue)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(2)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("skills_tabs")
        self.matrix = MatrixPanel(ctx, self)
        self.analyses = AnalysesPanel(ctx, self)
        self.catalogue = CataloguePanel(ctx, self)
        self.profiles = ProfilesPanel(ctx, self)
        self.needs = NeedsPanel(ctx, self)
        self.cards = CardsPanel(ctx, self)
        self.tabs.addTab(self.matrix, _("&Matrix"))
        self.tabs.addTab(self.analyses, _("A&nalyses"))
        self.tabs.addTab(self.catalogue, _("&Catalogue"))
        self.tabs.addTab(self.profiles, _("Role &profiles"))
        self.tabs.addTab(self.needs, _("&Future needs"))
        self.tabs.addTab(self.cards, _("Cards and c&ertificates"))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)

        self.empty_pick.clicked.connect(self._pick_from_empty)
        self.empty_catalogue.clicked.connect(self._open_catalogue)
        for panel in (self.matrix, self.catalogue, self.profiles, self.needs, self.cards):
            panel.changed.connect(self._changed_here)
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        ctx.data_changed.connect(self._data_changed)

    # --- loading -------------------------------------------------------------------

    def _data_changed(self, what: str) -> None:
        if self._own_change or what not in WATCHED:
            return
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _changed_here(self) -> None:
        """A tab saved something: the other tabs reload when shown, and other pages hear of it."""
        self._own_change = True
        try:
            self.ctx.notify(Change.SKILLS)
        finally:
            self._own_change = False
        self._loaded = {self.tabs.currentIndex()}
        self._update_stack()

    def refresh(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self._loaded = set()
        self._update_stack()
        self._load_current()

    def _update_stack(self) -> None:
        with self.ctx.session() as session:
            has_skills = bool(svc.list_skills(session))
            teams = scope_team_names(session, scope=self.ctx.scope)
        if teams is not None:
            self.scope_note.setText(
                _("Counted over your teams: {teams}").format(teams=", ".join(teams))
            )
        self.scope_note.setVisible(teams is not None)
        showing_tabs = self.stack.currentWidget() is self.tabs
        if has_skills or (showing_tabs and self.tabs.currentWidget() is not self.matrix):
            self.stack.setCurrentWidget(self.tabs)
        else:
            self.stack.setCurrentWidget(self.empty)

    def _load_current(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._loaded:
            return
        widget = self.tabs.widget(index)
        if widget is self.matrix:
            with self.ctx.session() as session:
                data = svc.load_matrix(session, scope=self.ctx.scope)
            self.matrix.load(data)
        elif widget is not None and hasattr(widget, "reload"):
            widget.reload()
        self._loaded.add(index)

    # --- the empty state --------------------------------------------------------------

    def _pick_from_empty(self) -> None:
        dialog = StarterPickerDialog(self.ctx, self)
        if dialog.exec():
            self._changed_here()
            self._loaded = set()
            self.tabs.setCurrentWidget(self.matrix)
            self._load_current()

    def _open_catalogue(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.catalogue)
        self._load_current()
