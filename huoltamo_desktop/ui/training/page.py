"""The Training page: the curated catalogue, suggestions for gaps, the year's plan, funding rules."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.training import FundingState
from huoltamo_desktop.i18n import N_, _, format_date
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services.training import FundingView
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.training.catalogue_panel import CataloguePanel
from huoltamo_desktop.ui.training.common import funding_html
from huoltamo_desktop.ui.training.dialogs import PlanDialog
from huoltamo_desktop.ui.training.import_dialog import CatalogueImportDialog
from huoltamo_desktop.ui.training.plan_panel import PlanPanel
from huoltamo_desktop.ui.training.suggestions_panel import SuggestionsPanel
from huoltamo_desktop.ui.widgets.page import page_heading
from huoltamo_desktop.ui.widgets.saving import FileKind, save_file
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table

PAGE_TITLE = N_("Training")
WATCHED = ("people", "teams", "skills", "conversations", "firm")


class FundingModel(RowsModel[FundingView]):
    def row_data(self, row: FundingView, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.state == FundingState.ENDED:
            return QColor("#b00020")
        return None


class FundingPanel(QWidget):
    """Every funding rule with its dates said plainly; ended rules stay listed, marked as ended."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            _(
                "Public funding changes: each rule is valid between dates and names the page it was "
                "checked on. A rule that has ended is never offered when you plan a training."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = FundingModel(
            [
                Column(N_("Funding"), lambda r: r.name),
                Column(N_("Valid"), lambda r: r.state_text(), key=lambda r: r.state),
                Column(
                    N_("Checked"),
                    lambda r: format_date(r.checked_on),
                    key=lambda r: r.checked_on or date.min,
                ),
            ]
        )
        self.view = read_only_table(
            splitter, "funding_rules", self.model, resize=QHeaderView.ResizeMode.Interactive
        )
        self.view.setSortingEnabled(False)
        self.detail = QTextBrowser(splitter)
        self.detail.setObjectName("funding_detail")
        self.detail.setOpenExternalLinks(True)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )

    def reload(self) -> None:
        with self.ctx.session() as session:
            rules = svc.list_funding_rules(session)
        self.model.set_rows(rules)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 380))
        if rules:
            self.view.selectRow(0)

    def _show(self, row: int) -> None:
        rule = self.model.row_at(row)
        self.detail.setHtml(f"<p>{funding_html(rule)}</p>" if rule else "")


class TrainingPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = True
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(_(PAGE_TITLE), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("training_tabs")
        self.catalogue = CataloguePanel(ctx, self)
        self.suggestions = SuggestionsPanel(ctx, self)
        self.plan = PlanPanel(ctx, self)
        self.funding = FundingPanel(ctx, self)
        self.tabs.addTab(self.catalogue, _("Course &catalogue"))
        self.tabs.addTab(self.suggestions, _("&Suggestions"))
        self.tabs.addTab(self.plan, _("&Plan and budget"))
        self.tabs.addTab(self.funding, _("&Funding"))
        layout.addWidget(self.tabs, 1)
        self.catalogue.plan_requested.connect(lambda oid: self.plan_offering(oid, []))
        self.suggestions.plan_requested.connect(self.plan_offering)
        self.catalogue.import_requested.connect(self.import_catalogue)
        self.catalogue.export_requested.connect(self.export_catalogue)
        self.plan.changed.connect(self._plan_changed)
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        ctx.data_changed.connect(self._data_changed)

    def _data_changed(self, what: str) -> None:
        if what in WATCHED:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        with self.ctx.session() as session:
            exchange.ensure_starter_catalogue(session)
        self.catalogue.load_choices()
        self.suggestions.load_subjects()
        self.plan.load_teams()
        self._loaded: set[int] = set()
        self._load_current()

    def _load_current(self) -> None:
        index = self.tabs.currentIndex()
        if index in getattr(self, "_loaded", set()):
            return
        widget = self.tabs.widget(index)
        if widget is self.catalogue:
            self.catalogue.reload()
        elif widget is self.suggestions:
            self.suggestions.reload()
        elif widget is self.plan:
            self.plan.reload()
        elif widget is self.funding:
            self.funding.reload()
        self._loaded.add(index)

    def show_plan_item(self, item_id: int) -> None:
        """Open the plan at a training (from the home page), in its year."""
        from huoltamo_desktop.services.training_plan import planned_year

        with self.ctx.session() as session:
            year = planned_year(session, item_id=item_id)
        if year is None:
            return
        self.refresh()
        self.tabs.setCurrentWidget(self.plan)
        self.plan.team.setCurrentIndex(0)
        self.plan.year.setValue(year)
        self._load_current()
        self.plan.reload()
        self.plan.select_item(item_id)

    def _plan_changed(self) -> None:
        self.ctx.notify(Change.TRAINING)

    def plan_offering(self, offering_id: int, person_ids: list[int]) -> None:
        dialog = PlanDialog(self.ctx, offering_id, self, person_ids=person_ids)
        if dialog.exec():
            self._loaded = set()
            self.tabs.setCurrentWidget(self.plan)
            self.plan.reload()
            self._plan_changed()

    def import_catalogue(self) -> None:
        if CatalogueImportDialog(self.ctx, self).exec():
            self._loaded = set()
            self.catalogue.load_choices()
            self._load_current()

    def export_catalogue(self) -> None:
        json_kind = FileKind(".json", _("Catalogue, all of it (*.json)"))
        csv_kind = FileKind(".csv", _("Trainings for a spreadsheet (*.csv)"))
        save_file(
            self,
            ctx=self.ctx,
            title=_("Export the training catalogue"),
            file_name="training-catalogue.json",
            kinds=(json_kind, csv_kind),
            build=lambda session, kind: exchange.export_catalogue_bytes(
                session, csv_file=kind == csv_kind
            ),
            busy=_("Writing the catalogue…"),
        )
