"""The home page, the first page after sign-in: what is due, the figures over time, the reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.home import DueItem, Horizon, due_kind_label
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import N_, _, format_date, ngettext
from huoltamo_desktop.services.home_reports import FigureRow, YearReview
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.home.chart import ChartView
from huoltamo_desktop.ui.home.dialogs import DialogueDialog, EntryDialog, PlanDialog, SnoozeDialog
from huoltamo_desktop.ui.widgets.page import page_heading
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table

PAGE_TITLE = N_("Home")
WATCHED = ("conversations", "people", "teams", "firm", "skills", "employee", "home")


def _year_pdf(review: YearReview) -> bytes:
    from huoltamo_desktop.reports.home_year import build_year_pdf  # ReportLab, when needed

    return build_year_pdf(review)


def _when(item: DueItem) -> str:
    today = date.today()
    late = item.days_late(today)
    if late > 0:
        return ngettext("{n} day late", "{n} days late", late).format(n=late)
    if late == 0:
        return _("today")
    if late >= -31:
        return ngettext("in {n} day", "in {n} days", -late).format(n=-late)
    return format_date(item.due_on)


class DueModel(RowsModel[DueItem]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column(N_("When"), _when, key=lambda i: i.due_on),
                Column(N_("What"), lambda i: i.title),
                Column(N_("Kind"), lambda i: due_kind_label(i.kind)),
                Column(N_("Details"), lambda i: i.detail),
            ],
        )

    def row_data(self, row: DueItem, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue(date.today()):
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        return None


class DueTab(QWidget):
    def __init__(self, page: HomePage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.horizon = QComboBox(self)
        self.horizon.setObjectName("home_horizon")
        self.horizon.addItem(_("This week"), Horizon.WEEK)
        self.horizon.addItem(_("This month"), Horizon.MONTH)
        top.addWidget(QLabel(_("Due and overdue:"), self))
        top.addWidget(self.horizon)
        self.summary = QLabel(self)
        self.summary.setObjectName("home_summary")
        self.summary.setStyleSheet("font-weight: bold; padding-left: 12px;")
        top.addWidget(self.summary)
        top.addStretch(1)
        self.do_it = QPushButton(_("&Do it"), self)
        self.do_it.setObjectName("home_do_it")
        self.snooze = QPushButton(_("&Put aside…"), self)
        self.snooze.setObjectName("home_snooze")
        top.addWidget(self.do_it)
        top.addWidget(self.snooze)
        layout.addLayout(top)
        self.stack = QStackedWidget(self)
        self.model = DueModel()
        self.table = read_only_table(
            self, "home_due_table", self.model, resize=QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        self.empty = QLabel(self)
        self.empty.setObjectName("home_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 12pt; padding: 30px;")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.footer = QLabel(self)
        self.footer.setObjectName("home_footer")
        self.footer.setWordWrap(True)
        layout.addWidget(self.footer)
        snoozed_row = QHBoxLayout()
        self.snoozed = QComboBox(self)
        self.snoozed.setObjectName("home_snoozed")
        self.unsnooze = QPushButton(_("&Bring back"), self)
        self.unsnooze.setObjectName("home_unsnooze")
        self.snoozed_label = QLabel(_("Put aside:"), self)
        snoozed_row.addWidget(self.snoozed_label)
        snoozed_row.addWidget(self.snoozed, 1)
        snoozed_row.addWidget(self.unsnooze)
        layout.addLayout(snoozed_row)
        self.horizon.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.doubleClicked.connect(lambda _i: self.do_selected())
        self.table.activated.connect(lambda _i: self.do_selected())
        self.do_it.clicked.connect(self.do_selected)
        self.snooze.clicked.connect(self.snooze_selected)
        self.unsnooze.clicked.connect(self.bring_back)

    def refresh(self) -> None:
        from huoltamo_desktop.services.home import due_items

        with self.page.ctx.session() as session:
            due = due_items(
                session, horizon=str(self.horizon.currentData()), scope=self.page.ctx.scope
            )
        self.model.set_rows(due.items)
        week = self.horizon.currentData() == Horizon.WEEK
        today = date.today()
        late = sum(1 for i in due.items if i.overdue(today))
        ahead = len(due.items) - late
        counts = []
        if late:
            counts.append(ngettext("{n} overdue", "{n} overdue", late).format(n=late))
        if ahead:
            counts.append(ngettext("{n} coming up", "{n} coming up", ahead).format(n=ahead))
        self.summary.setText(" · ".join(counts))
        if due.items:
            self.stack.setCurrentWidget(self.table)
            self.table.selectRow(0)
            self.table.resizeColumnToContents(0)
            self.table.resizeColumnToContents(2)
        else:
            self.stack.setCurrentWidget(self.empty)
            self.empty.setText(
                _("You are up to date: nothing is due or overdue this week.")
                if week
                else _("You are up to date: nothing is due or overdue this month.")
            )
        parts = []
        if due.later:
            parts.append(
                ngettext(
                    "{n} more thing comes later; choose This month to see further.",
                    "{n} more things come later; choose This month to see further.",
                    due.later,
                ).format(n=due.later)
                if week
                else ngettext(
                    "{n} more thing comes after this month.",
                    "{n} more things come after this month.",
                    due.later,
                ).format(n=due.later)
            )
        self.footer.setText(" ".join(parts))
        self.footer.setVisible(bool(parts))
        self.snoozed.clear()
        for item, snooze in due.snoozed:
            self.snoozed.addItem(
                _("{title} — until {day}: {reason}").format(
                    title=item.title, day=format_date(snooze.until), reason=snooze.reason
                ),
                item.key,
            )
        for w in (self.snoozed, self.unsnooze, self.snoozed_label):
            w.setVisible(bool(due.snoozed))
        self.do_it.setEnabled(bool(due.items))
        self.snooze.setEnabled(bool(due.items))

    def selected(self) -> DueItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def do_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.page.do_item(item)

    def snooze_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if SnoozeDialog(self.page.ctx, item, self).exec() == QDialog.DialogCode.Accepted:
            self.page.ctx.notify(Change.HOME)
            self.refresh()

    def bring_back(self) -> None:
        from huoltamo_desktop.services.home import unsnooze

        key = self.snoozed.currentData()
        if key:
            with self.page.ctx.session() as session:
                unsnooze(session, key=str(key))
            self.refresh()


def _indented(row: FigureRow) -> str:
    return ("    " if row.indent else "") + row.label


def _period(index: int, label: str) -> Column[FigureRow]:
    return Column(label, lambda r: r.cells[index], key=lambda r: r.cells[index], number=True)


class FigureModel(RowsModel[FigureRow]):
    """Figures down, periods across; the definition of a figure is its tooltip."""

    def __init__(self) -> None:
        super().__init__([])

    def set_figures(self, labels: list[str], rows: list[FigureRow]) -> None:
        first = Column(N_("Figure"), _indented, tooltip=lambda r: r.definition)
        periods = [_period(i, label) for i, label in enumerate(labels)]
        self.set_rows(rows, columns=[first, *periods])

    def row_data(self, row: FigureRow, role: int) -> object:
        return row.definition if role == Qt.ItemDataRole.ToolTipRole else None


def _load_figures(
    session: Session, scope: Scope
) -> tuple[list[str], list[FigureRow], list[tuple[str, bytes]]]:
    """On a worker thread: the years' rows and the charts drawn as SVG."""
    from huoltamo_desktop.reports.home_charts import chart_svg
    from huoltamo_desktop.services.home_figures import figures
    from huoltamo_desktop.services.home_reports import figure_rows, trend_charts
    from huoltamo_desktop.ui.home.chart import HEIGHT, WIDTH

    figs = figures(session, scope=scope)
    charts = [(c.title, chart_svg(c, width=WIDTH, height=HEIGHT)) for c in trend_charts(figs)]
    return [p.label for p in figs.years], figure_rows(figs.years), charts


class FiguresTab(QWidget):
    def __init__(self, page: HomePage) -> None:
        super().__init__(page)
        self.page = page
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        intro = QLabel(
            _(
                "Whether the work pays off, year by year. Point at a figure or select it to read "
                "how it is counted. A figure about fewer than 5 people is hidden."
            ),
            self,
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        self.enter = QPushButton(_("&Enter figures…"), self)
        self.enter.setObjectName("home_enter_figures")
        top.addWidget(self.enter, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.model = FigureModel()
        self.table = QTableView(body)
        self.table.setObjectName("home_figures_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)
        self.definition = QLabel(body)
        self.definition.setObjectName("home_definition")
        self.definition.setWordWrap(True)
        self.definition.setStyleSheet(
            "background: palette(alternate-base); padding: 6px; border-radius: 3px;"
        )
        layout.addWidget(self.definition)
        self.charts_box = QWidget(body)
        self.charts = QGridLayout(self.charts_box)
        self.charts.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.charts_box)
        self.chart_views: list[ChartView] = []
        legend = QLabel(
            _(
                "The lighter bar is the period still running; “n < 5” marks a period whose figure is hidden."
            ),
            body,
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.enter.clicked.connect(self.enter_figures)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._define(current.row())
        )

    def _define(self, row: int) -> None:
        figure = self.model.row_at(row)
        if figure is not None:
            self.definition.setText(f"<b>{figure.label}</b> — {figure.definition}")

    def refresh(self) -> None:
        """Figures and charts are worked out off the UI thread; the table fills when they are ready."""
        from huoltamo_desktop.ui.ops import QueryOp

        scope = self.page.ctx.scope
        QueryOp(
            parent=self, ctx=self.page.ctx, op=lambda s: _load_figures(s, scope), success=self._show
        ).run_in_background()

    def _show(self, loaded: tuple[list[str], list[FigureRow], list[tuple[str, bytes]]]) -> None:
        labels, rows, charts = loaded
        self.model.set_figures(labels, rows)
        self.table.setWordWrap(False)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        width = self.table.verticalHeader().width() + 4
        width += sum(self.table.columnWidth(c) for c in range(self.model.columnCount()))
        self.table.setMinimumWidth(width)
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        self.table.setFixedHeight(height)
        self.table.selectRow(0)
        self._define(0)
        while len(self.chart_views) < len(charts):
            view = ChartView(self.charts_box)
            view.setObjectName(f"home_chart_{len(self.chart_views)}")
            self.charts.addWidget(view, len(self.chart_views) // 2, len(self.chart_views) % 2)
            self.chart_views.append(view)
        for view, (title, svg) in zip(self.chart_views, charts, strict=False):
            view.set_svg(title, svg)

    def enter_figures(self) -> None:
        if EntryDialog(self.page.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.page.ctx.notify(Change.HOME)
            self.refresh()


class ReportsTab(QWidget):
    def __init__(self, page: HomePage) -> None:
        super().__init__(page)
        self.page = page
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        year_label = QLabel(_("&Year:"), self)
        row.addWidget(year_label)
        self.year = QSpinBox(self)
        self.year.setObjectName("home_report_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        year_label.setBuddy(self.year)
        row.addWidget(self.year)
        row.addStretch(1)
        layout.addLayout(row)
        self.year_pdf = QPushButton(_("The &year in review (PDF)…"), self)
        self.year_pdf.setObjectName("home_year_pdf")
        self.plan = QPushButton(_("Workplace &development plan…"), self)
        self.plan.setObjectName("home_plan")
        self.calendar = QPushButton(_("Export the &calendar (.ics)…"), self)
        self.calendar.setObjectName("home_calendar")
        texts = [
            (
                self.year_pdf,
                _("The year's figures beside the years before, the trends, and what was done."),
            ),
            (
                self.plan,
                _(
                    "A draft of the työyhteisön kehittämissuunnitelma from your future needs, gaps, "
                    "trainings and rotations: edit each section, then print it."
                ),
            ),
            (
                self.calendar,
                _(
                    "Planned conversations and card expiries for Outlook or Google Calendar. Import "
                    "the file again after changes: events are updated, not doubled."
                ),
            ),
        ]
        grid = QGridLayout()
        for i, (button, text) in enumerate(texts):
            grid.addWidget(button, i, 0)
            label = QLabel(text, self)
            label.setWordWrap(True)
            grid.addWidget(label, i, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(page_heading(_("Co-operation dialogue"), self))
        self.duty = QLabel(self)
        self.duty.setObjectName("home_duty")
        self.duty.setWordWrap(True)
        layout.addWidget(self.duty)
        dl = QHBoxLayout()
        self.record = QPushButton(_("&Record a dialogue…"), self)
        self.record.setObjectName("home_record_dialogue")
        dl.addWidget(self.record)
        dl.addSpacing(20)
        rhythm_label = QLabel(_("Your &rhythm:"), self)
        self.rhythm = QSpinBox(self)
        self.rhythm.setObjectName("home_dialogue_rhythm")
        self.rhythm.setRange(0, 12)
        # TRANSLATORS: the dialogue rhythm left at what the firm's size calls for
        self.rhythm.setSpecialValueText(_("as the size calls for"))
        self.rhythm.setSuffix(" " + _("months"))
        rhythm_label.setBuddy(self.rhythm)
        dl.addWidget(rhythm_label)
        dl.addWidget(self.rhythm)
        dl.addStretch(1)
        layout.addLayout(dl)
        layout.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("home_reports_status")
        layout.addWidget(self.status)
        self.year_pdf.clicked.connect(self.save_year)
        self.plan.clicked.connect(self.open_plan)
        self.calendar.clicked.connect(self.save_calendar)
        self.record.clicked.connect(self.page.record_dialogue)
        self.rhythm.valueChanged.connect(self._save_rhythm)

    def _save_rhythm(self, months: int) -> None:
        from huoltamo_desktop.services.home import set_dialogue_months

        with self.page.ctx.session() as session:
            set_dialogue_months(session, months=months or None)
        self.refresh()
        self.page.ctx.notify(Change.HOME)

    def refresh(self) -> None:
        from huoltamo_desktop.domain.home import DialogueDuty, dialogue_duty_text
        from huoltamo_desktop.services.home import dialogue_status, get_dialogue_months

        with self.page.ctx.session() as session:
            status = dialogue_status(session)
            own = get_dialogue_months(session)
        self.rhythm.blockSignals(True)
        self.rhythm.setValue(own or 0)
        self.rhythm.blockSignals(False)
        self.rhythm.setEnabled(status.duty != DialogueDuty.NONE)
        size = ngettext(
            "Your firm has {n} employee at work (the owner not counted).",
            "Your firm has {n} employees at work (the owner not counted).",
            status.headcount,
        ).format(n=status.headcount)
        when = []
        if status.last_on:
            when.append(
                _("The last dialogue was on {day}.").format(day=format_date(status.last_on))
            )
        if status.next_on:
            when.append(_("The next one is due on {day}.").format(day=format_date(status.next_on)))
        paragraphs = [f"{size} {dialogue_duty_text(status.duty)}", " ".join(when)]
        paragraphs.append(
            _("This is general information, not legal advice: check the act at finlex.fi.")
        )
        self.duty.setText("\n\n".join(p for p in paragraphs if p))

    def save_year(self) -> None:
        """The year in review in a window of its own: the pages, then "Save as PDF…" or "Print…"."""
        from huoltamo_desktop.services.home_reports import year_review
        from huoltamo_desktop.ui.widgets.pdf_output import PdfDialog

        year = self.year.value()
        scope = self.page.ctx.scope
        self.pdf_dialog = PdfDialog(
            self.page.ctx,
            self,
            title=_("The year {year} in review").format(year=year),
            read=lambda session: year_review(session, year=year, scope=scope),
            build=_year_pdf,
            file_name=_("year-in-review-{year}").format(year=year) + ".pdf",
        )
        self.pdf_dialog.output.saved.connect(self._saved)
        self.pdf_dialog.open()

    def _saved(self, path: Path) -> None:
        self.status.setText(_("Saved {path}.").format(path=path))

    def open_plan(self) -> None:
        PlanDialog(self.page.ctx, self.year.value(), self).exec()

    def save_calendar(self) -> None:
        from huoltamo_desktop.services.home_calendar import export_ics
        from huoltamo_desktop.ui.widgets.saving import FileKind, save_file

        # A change: the export remembers each event's version so the next one can update it.
        save_file(
            self,
            ctx=self.page.ctx,
            title=_("Save"),
            file_name=_("career-calendar") + ".ics",
            kinds=(FileKind(".ics", _("Calendar (*.ics)")),),
            build=lambda session, _kind: export_ics(session),
            saved=self._saved,
            changes=(),
        )


class HomePage(QWidget):
    """A manager page (see ui/shell/pages.py): the first one after sign-in."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("home_page")
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(_("What needs doing"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("home_tabs")
        self.due_tab = DueTab(self)
        self.figures_tab = FiguresTab(self)
        self.reports_tab = ReportsTab(self)
        self.tabs.addTab(self.due_tab, _("D&ue"))
        self.tabs.addTab(self.figures_tab, _("&Figures over time"))
        self.tabs.addTab(self.reports_tab, _("&Reports and dialogue"))
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        ctx.data_changed.connect(self._data_changed)
        QShortcut(
            QKeySequence("Ctrl+E"),
            self,
            self._enter_figures,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    def _data_changed(self, what: str) -> None:
        if what in WATCHED and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        # The firm's figures, reports and dialogue are the owner's; a team lead sees what is
        # due for the people of their teams.
        owner = self.ctx.scope.sees_all
        for owners_tab in (self.figures_tab, self.reports_tab):
            self.tabs.setTabVisible(self.tabs.indexOf(owners_tab), owner)
        if not owner and self.tabs.currentWidget() is not self.due_tab:
            self.tabs.setCurrentWidget(self.due_tab)
            return  # currentChanged refreshes the due list
        tab = self.tabs.currentWidget()
        refresh = getattr(tab, "refresh", None)
        if callable(refresh):
            refresh()

    def _enter_figures(self) -> None:
        if self.ctx.scope.sees_all:
            self.figures_tab.enter_figures()

    def record_dialogue(self) -> None:
        if DialogueDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.ctx.notify(Change.HOME)
            self.refresh()

    # --- doing a due item -------------------------------------------------------------------

    def do_item(self, item: DueItem) -> None:
        """One click from the item to doing it: open the page and the thing it is about."""
        target = item.target
        if target.page == "home":
            if target.action == "dialogue":
                self.record_dialogue()
            return
        window = self.window()
        go_to = getattr(window, "go_to", None)
        if not callable(go_to):
            return
        try:
            page = go_to(target.page)
        except StopIteration:
            QMessageBox.information(self, _("Home"), _("That page is not available."))
            return
        if target.page == "conversations":
            if target.action == "open" and target.ids:
                page.open(target.ids[0])
            elif target.action == "new" and target.ids:
                page.new_conversation(person_id=target.ids[0], kind=target.text or None)
        elif target.page == "skills" and target.action == "cards":
            tabs = getattr(page, "tabs", None)
            cards = getattr(page, "cards", None)
            if tabs is not None and cards is not None:
                tabs.setCurrentWidget(cards)
        elif target.page == "rotations" and target.ids:
            select = getattr(page, "select_rotation", None)
            if callable(select):
                select(target.ids[0])
        elif target.page == "training" and target.ids:
            show = getattr(page, "show_plan_item", None)
            if callable(show):
                show(target.ids[0])
        elif target.page == "employee" and target.ids:
            select = getattr(page, "select_person", None)
            if callable(select):
                select(target.ids[0])
