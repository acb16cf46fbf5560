"""The Rotations page: the timeline, coverage over the weeks, key people, suggestions, absences."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.rotations import PlanData, RotationStatus
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import N_, _, date_input_format, format_date, ngettext
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import QueryOp
from huoltamo_desktop.ui.rotations.dialogs import (
    AbsenceDialog,
    OutcomeDialog,
    RotationDialog,
    confirm_warnings,
)
from huoltamo_desktop.ui.rotations.models import CoverageModel
from huoltamo_desktop.ui.rotations.timeline import TimelineBar, TimelineRow, TimelineView
from huoltamo_desktop.ui.widgets.forms import fill_combo, from_qdate, to_qdate
from huoltamo_desktop.ui.widgets.page import page_heading
from huoltamo_desktop.ui.widgets.pdf_output import PdfDialog, safe_file_name
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table, rows_table, selected_row

if TYPE_CHECKING:
    from huoltamo_desktop.reports.rotations_plan import PlanReport

PAGE_TITLE = N_("Rotations")
WATCHED = ("rotations", "skills", "people", "teams", "firm")


def _plan_pdf(report: PlanReport) -> bytes:
    from huoltamo_desktop.reports.rotations_plan import build_plan_pdf  # ReportLab, when needed

    return build_plan_pdf(report)


def _period(a: date | None, b: date | None) -> str:
    if a is None or b is None:
        return "–"
    return f"{format_date(a)} – {format_date(b)}"


class RotationsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = True
        self._plan: PlanData | None = None
        self._views: dict[int, svc.RotationView] = {}
        self._inputs: dict[int, svc.RotationInput] = {}
        self._versions: dict[int, int] = {}
        self._select_after_load = 0
        self.pdf_dialog: PdfDialog | None = None
        layout = QVBoxLayout(self)
        heading = page_heading(_(PAGE_TITLE), self)
        layout.addWidget(heading)
        intro = QLabel(
            _(
                "Rotation is how people grow in a small firm: a swap, a spell in another role, a "
                "project or shadowing a colleague, each with goals to learn. The plan keeps the "
                "work covered and shows what it does to the firm's key-person risk."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.new_button = QPushButton(_("&New rotation…"), self)
        self.new_button.setObjectName("rotation_new")
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.setObjectName("rotation_edit")
        self.outcome_button = QPushButton(_("Ou&tcome…"), self)
        self.outcome_button.setObjectName("rotation_outcome")
        self.pdf_button = QPushButton(_("The firm's plan as &PDF…"), self)
        self.pdf_button.setObjectName("rotation_pdf")
        self.person_pdf_button = QPushButton(_("The person's plan as P&DF…"), self)
        self.person_pdf_button.setObjectName("rotation_person_pdf")
        for button in (
            self.new_button,
            self.edit_button,
            self.outcome_button,
            self.pdf_button,
            self.person_pdf_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        period = QHBoxLayout()
        self.start = QDateEdit(self)
        self.start.setObjectName("plan_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(date_input_format())
        self.start.setDate(to_qdate(date.today()))
        self.length = QComboBox(self)
        self.length.setObjectName("plan_length")
        fill_combo(
            self.length,
            [(ngettext("{n} week", "{n} weeks", n).format(n=n), n) for n in svc.PLAN_LENGTHS],
            svc.DEFAULT_PLAN_WEEKS,
        )
        self.minimum = QSpinBox(self)
        self.minimum.setObjectName("plan_minimum")
        self.minimum.setRange(1, 20)
        start_label = QLabel(_("Plan &from"), self)
        start_label.setBuddy(self.start)
        length_label = QLabel(_("for"), self)
        minimum_label = QLabel(_("&Minimum at level 3+ per skill and week"), self)
        minimum_label.setBuddy(self.minimum)
        for widget in (
            start_label,
            self.start,
            length_label,
            self.length,
            minimum_label,
            self.minimum,
        ):
            period.addWidget(widget)
        period.addStretch(1)
        layout.addLayout(period)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rotation_tabs")
        layout.addWidget(self.tabs, 1)
        self._build_timeline_tab()
        self._build_coverage_tab()
        self._build_key_people_tab()
        self._build_suggestions_tab()
        self._build_absences_tab()

        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self._edit_current)
        self.outcome_button.clicked.connect(self._outcome_current)
        self.pdf_button.clicked.connect(lambda: self._export(person=False))
        self.person_pdf_button.clicked.connect(lambda: self._export(person=True))
        self.start.dateChanged.connect(self._mark_and_refresh)
        self.length.currentIndexChanged.connect(self._mark_and_refresh)
        self.minimum.valueChanged.connect(self._minimum_changed)
        QShortcut(
            QKeySequence("Ctrl+N"),
            self,
            lambda: self.open_editor(None),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()
        # The plan moves people between teams and counts the whole firm: it is the owner's.
        self.owner = ctx.scope.sees_all
        if not self.owner:
            for child in self.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if child is not heading:
                    child.hide()
            note = QLabel(
                _(
                    "The rotation plan moves people between teams and counts the whole firm, so "
                    "it is the owner's. Sign in with the firm's manager passphrase to see it."
                ),
                self,
            )
            note.setObjectName("owner_only")
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)

    # --- tabs -------------------------------------------------------------------------------

    def _build_timeline_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.grouping = QComboBox(tab)
        self.grouping.setObjectName("timeline_grouping")
        fill_combo(self.grouping, [(_("By person"), "person"), (_("By team"), "team")])
        self.zoom = QComboBox(tab)
        self.zoom.setObjectName("timeline_zoom")
        fill_combo(self.zoom, [(_("Month"), "month"), (_("Quarter"), "quarter")])
        show = QLabel(_("&Show"), tab)
        show.setBuddy(self.grouping)
        zoom = QLabel(_("&Zoom"), tab)
        zoom.setBuddy(self.zoom)
        for widget in (show, self.grouping, zoom, self.zoom):
            row.addWidget(widget)
        row.addStretch(1)
        legend = QLabel(
            _(
                "Drag a bar to move it, its edge to change a date. Keys: ↑ ↓ pick, ← → move a day "
                "(Shift: a week), Alt+← → change the end, Enter save, Esc undo."
            ),
            tab,
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addLayout(row)
        layout.addWidget(legend)
        self.timeline = TimelineView(tab)
        layout.addWidget(self.timeline, 1)
        self.live_check = QLabel(tab)
        self.live_check.setObjectName("timeline_check")
        self.live_check.setWordWrap(True)
        layout.addWidget(self.live_check)
        self.empty_timeline = QLabel(
            _("No rotations yet. Start with New rotation, or pick one from the Suggestions tab."),
            tab,
        )
        self.empty_timeline.setObjectName("timeline_empty")
        self.empty_timeline.setWordWrap(True)
        self.empty_timeline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_timeline.setVisible(False)  # until the plan has been read
        layout.addWidget(self.empty_timeline)
        self.tabs.addTab(tab, _("&Timeline"))
        self.timeline.moved.connect(self._moved)
        self.timeline.activated.connect(self.open_editor)
        self.timeline.selected.connect(lambda _rid: self._update_buttons())
        self.timeline.checked.connect(self._show_live_check)
        self.grouping.currentIndexChanged.connect(self._fill_timeline)
        self.zoom.currentIndexChanged.connect(
            lambda: self.timeline.set_zoom(str(self.zoom.currentData()))
        )

    def _build_coverage_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.coverage_summary = QLabel(tab)
        self.coverage_summary.setObjectName("coverage_summary")
        self.coverage_summary.setWordWrap(True)
        layout.addWidget(self.coverage_summary)
        split = QSplitter(Qt.Orientation.Horizontal, tab)
        self.coverage_model = CoverageModel()
        self.coverage_view = QTableView(split)
        self.coverage_view.setObjectName("coverage_table")
        self.coverage_view.setModel(self.coverage_model)
        self.coverage_view.horizontalHeader().setDefaultSectionSize(46)
        self.coverage_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.coverage_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.coverage_view.verticalHeader().setDefaultSectionSize(24)
        self.coverage_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        side = QWidget(split)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.candidates_title = QLabel(_("Select a red cell to see who could cover."), side)
        self.candidates_title.setObjectName("candidates_title")
        self.candidates_title.setWordWrap(True)
        side_layout.addWidget(self.candidates_title)
        self.candidates_model: RowsModel[svc.CandidateView] = RowsModel(
            [
                Column(N_("Who"), lambda c: c.name),
                Column(N_("Level"), lambda c: str(c.level), key=lambda c: c.level, number=True),
                Column(N_("Why"), lambda c: c.why, tooltip=lambda c: c.why),
            ],
        )
        self.candidates = read_only_table(
            side,
            "candidates_table",
            self.candidates_model,
            resize=QHeaderView.ResizeMode.ResizeToContents,
        )
        self.candidates.setSortingEnabled(False)
        side_layout.addWidget(self.candidates, 1)
        split.addWidget(self.coverage_view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        legend = QLabel(
            _(
                "Each cell: people at level 3 or above available that week (rotations, absences, "
                "leaving dates and card validity counted). Red: under the need; yellow: just "
                "enough; green: room to spare."
            ),
            tab,
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)
        cards_row = QHBoxLayout()
        self.cards_button = QPushButton(_("Skills that need a &card…"), tab)
        self.cards_button.setObjectName("coverage_cards")
        cards_row.addWidget(self.cards_button)
        cards_row.addStretch(1)
        layout.addLayout(cards_row)
        self.cards_button.clicked.connect(self._skill_cards)
        self.tabs.addTab(tab, _("&Coverage"))
        self.coverage_view.selectionModel().currentChanged.connect(self._coverage_cell)

    def _build_key_people_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.bus_label = QLabel(tab)
        self.bus_label.setObjectName("bus_factor")
        self.bus_label.setWordWrap(True)
        self.bus_label.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.bus_label)
        explain = QLabel(
            _(
                "The bus factor is how many people would have to leave before more than half of the "
                "skills the firm needs at level 3 or above had nobody left who holds them. The "
                "table lists the skills with fewer than two holders, now and once the planned "
                "rotations have reached their goals."
            ),
            tab,
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555;")
        layout.addWidget(explain)
        self.effects_model: RowsModel[svc.EffectView] = RowsModel(
            [
                Column(N_("Skill"), lambda e: e.skill_name),
                Column(N_("Level"), lambda e: f"{e.level}+", key=lambda e: e.level, number=True),
                Column(
                    N_("Holders now → after"),
                    lambda e: f"{e.now} → {e.after}",
                    key=lambda e: (e.now, e.after),
                    number=True,
                ),
                Column(N_("New holders"), lambda e: e.new_holders or "–"),
            ]
        )
        self.effects = read_only_table(
            tab, "effects_table", self.effects_model, resize=QHeaderView.ResizeMode.ResizeToContents
        )
        # The service's order (what the plan changes first, then the most fragile) is the point.
        self.effects.setSortingEnabled(False)
        layout.addWidget(self.effects, 1)
        self.tabs.addTab(tab, _("&Key people"))

    def _build_suggestions_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        explain = QLabel(
            _(
                "Who could rotate to whom, most useful first: wishes and targets from career plans, "
                "how well the person already fits the host's role, and key-person risk. Each "
                "suggestion starts in the first week that keeps every needed skill covered."
            ),
            tab,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.suggestions_model: RowsModel[svc.SuggestionView] = RowsModel(
            [
                Column(N_("Learner"), lambda s: s.learner_name),
                Column(N_("Skill"), lambda s: f"{s.skill_name} → {s.target_level}"),
                Column(N_("Host"), lambda s: s.host_name),
                Column(
                    N_("When"),
                    lambda s: _period(s.starts_on, s.ends_on) if s.starts_on else s.breaks,
                    key=lambda s: s.starts_on or date.max,
                ),
                Column(N_("Why"), lambda s: s.why, tooltip=lambda s: s.why),
            ],
        )
        self.suggestions = read_only_table(
            tab,
            "suggestions_table",
            self.suggestions_model,
            resize=QHeaderView.ResizeMode.ResizeToContents,
        )
        self.suggestions.setSortingEnabled(False)
        self.suggestions.setWordWrap(False)
        layout.addWidget(self.suggestions, 1)
        row = QHBoxLayout()
        self.plan_suggestion = QPushButton(_("&Plan this rotation…"), tab)
        self.plan_suggestion.setObjectName("plan_suggestion")
        row.addWidget(self.plan_suggestion)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(tab, _("&Suggestions"))
        self.plan_suggestion.clicked.connect(self._plan_suggestion)
        self.suggestions.doubleClicked.connect(lambda _i: self._plan_suggestion())

    def _build_absences_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.absences_model: RowsModel[svc.AbsenceView] = RowsModel(
            [
                Column(N_("Who"), lambda a: a.person_name),
                Column(
                    N_("Period"),
                    lambda a: _period(a.starts_on, a.ends_on),
                    key=lambda a: a.starts_on,
                ),
                Column(N_("Note"), lambda a: a.note),
            ],
            row_id=lambda a: a.id,
        )
        self.absences = rows_table(
            tab,
            "absences_table",
            self.absences_model,
            resize=QHeaderView.ResizeMode.ResizeToContents,
            sort_column=1,  # the soonest first
        )
        layout.addWidget(self.absences, 1)
        row = QHBoxLayout()
        self.add_absence = QPushButton(_("&Add an absence…"), tab)
        self.add_absence.setObjectName("absence_add")
        self.remove_absence = QPushButton(_("&Remove"), tab)
        self.remove_absence.setObjectName("absence_remove")
        row.addWidget(self.add_absence)
        row.addWidget(self.remove_absence)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(tab, _("&Absences"))
        self.add_absence.clicked.connect(self._add_absence)
        self.remove_absence.clicked.connect(self._remove_absence)

    # --- loading ---------------------------------------------------------------------------------

    def _on_data_changed(self, what: str) -> None:
        if what in WATCHED:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def _mark_and_refresh(self) -> None:
        self._dirty = True
        self.refresh()

    def refresh(self) -> None:
        if not self._dirty or not self.owner:
            return
        self._dirty = False
        start = from_qdate(self.start.date())
        weeks = int(self.length.currentData() or svc.DEFAULT_PLAN_WEEKS)
        QueryOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: svc.page_data(
                session, start=start, weeks=weeks, scope=self.ctx.scope
            ),
            success=self._show,
        ).with_busy(_("Working out the plan…")).run_in_background()

    def _show(self, data: svc.PageData) -> None:
        plan, views, inputs = data.plan, list(data.rotations), data.inputs
        coverage, key, suggestions = data.coverage, data.key_people, list(data.suggestions)
        absences, skills = list(data.absences), list(data.skills)
        self._plan = plan
        self._skills = skills
        self._views = {v.id: v for v in views}
        self._inputs = inputs
        self._versions = data.versions
        self.minimum.blockSignals(True)
        self.minimum.setValue(plan.minimum)
        self.minimum.blockSignals(False)
        self._fill_timeline()
        if self._select_after_load:
            self.timeline.select_rotation(self._select_after_load)
            self._select_after_load = 0
        self.coverage_model.set_view(coverage)
        nothing_needed = _(
            "No skill is asked for at level 3 or above yet. Add role profiles or future needs "
            "on the Skills page, and the coverage and key people show here."
        )
        self.coverage_summary.setText(
            nothing_needed
            if not coverage.skill_names
            else _("Every needed skill is covered in every week of the plan.")
            if coverage.short_count == 0
            else ngettext(
                "{n} skill-week is under its need. Select a red cell to see who could cover.",
                "{n} skill-weeks are under their need. Select a red cell to see who could cover.",
                coverage.short_count,
            ).format(n=coverage.short_count)
        )
        self.candidates_model.set_rows([])
        self.effects_model.set_rows(list(key.effects))
        self.bus_label.setText(
            _("Bus factor: {before} now → {after} after the plan ({skills} needed skills)").format(
                before=key.bus_before, after=key.bus_after, skills=key.needed_skills
            )
            if key.needed_skills
            else nothing_needed
        )
        self.suggestions_model.set_rows(suggestions)
        self.absences_model.set_rows(absences)
        self._update_buttons()

    def _fill_timeline(self) -> None:
        plan = self._plan
        if plan is None:
            return
        views = list(self._views.values())
        involved: set[int] = set()
        for v in views:
            involved.add(v.person_id)
            if v.partner_id is not None:
                involved.add(v.partner_id)
        names = {v.person_id: v.person_name for v in views} | {
            v.partner_id: v.partner_name for v in views if v.partner_id is not None
        }
        teams = {v.person_id: v.team_name for v in views}
        for pid in involved:
            if pid in plan.people and pid not in teams:
                teams[pid] = next(
                    (v.team_name for v in views if v.team_id == plan.people[pid].team_id), ""
                )
        rows: list[TimelineRow] = []
        people = sorted(involved, key=lambda p: sort_key(names.get(p, "")))
        if self.grouping.currentData() == "team":
            by_team: dict[str, list[int]] = {}
            for pid in people:
                team_id = plan.people[pid].team_id if pid in plan.people else None
                label = next((v.team_name for v in views if v.team_id == team_id and team_id), "")
                by_team.setdefault(label or _("No team"), []).append(pid)
            for team in sorted(by_team, key=sort_key):
                rows.append(TimelineRow(team, None, bold=True))
                rows.extend(TimelineRow(names.get(p, ""), p) for p in by_team[team])
        else:
            rows = [TimelineRow(names.get(p, ""), p) for p in people]
        bars = []
        for v in views:
            tip = "\n".join(
                line
                for line in (
                    f"{v.kind_name} · {v.status_name}",
                    v.person_name + (f" ⇄ {v.partner_name}" if v.partner_name else ""),
                    _period(v.starts_on, v.ends_on) + f" · {v.share_percent} %",
                    _("Host: {name}").format(name=v.host_name) if v.host_name else "",
                    _("Cover: {name}").format(name=v.cover_name) if v.cover_name else "",
                    ", ".join(f"{g.skill_name} → {g.target_level}" for g in v.goals),
                )
                if line
            )
            label = v.destination or ", ".join(g.skill_name for g in v.goals) or v.kind_name
            live = v.status in (RotationStatus.PLANNED, RotationStatus.RUNNING)
            warnings = self._live_check(v.id, v.starts_on, v.ends_on) if live else []
            if warnings:
                tip += "\n" + "\n".join("⚠ " + w for w in warnings)
            for row_person in (v.person_id, v.partner_id):
                if row_person is None:
                    continue
                bars.append(
                    TimelineBar(
                        v.id,
                        row_person,
                        v.kind,
                        v.status,
                        f"{v.kind_name}: {label}",
                        v.starts_on,
                        v.ends_on,
                        tip,
                        bool(warnings),
                    )
                )
        start = from_qdate(self.start.date())
        weeks = int(self.length.currentData() or svc.DEFAULT_PLAN_WEEKS)
        first = min(
            [start - timedelta(weeks=4)] + [v.starts_on - timedelta(days=14) for v in views]
        )
        last = max(
            [start + timedelta(weeks=weeks + 4)] + [v.ends_on + timedelta(days=14) for v in views]
        )
        self.timeline.set_plan(rows, bars, start=first, end=last, checker=self._live_check)
        self.timeline.scroll_to(start)
        self.timeline.setVisible(bool(views))
        self.empty_timeline.setVisible(not views)

    def _live_check(self, rotation_id: int, start: date, end: date) -> list[str]:
        data = self._inputs.get(rotation_id)
        if data is None or self._plan is None:
            return []
        moved = svc.RotationInput(**{**data.__dict__, "starts_on": start, "ends_on": end})
        return [i.text for i in svc.check_in_plan(self._plan, data=moved, rotation_id=rotation_id)]

    def _show_live_check(self, text: str) -> None:
        self.live_check.setText(text)
        self.live_check.setStyleSheet(
            "color: #8a4b00;"
            if text and not text.endswith(_("no conflicts"))
            else "color: #2e6b30;"
        )

    # --- actions -------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        current = self._views.get(self.timeline.current_rotation())
        self.edit_button.setEnabled(current is not None)
        self.outcome_button.setEnabled(
            current is not None and current.status != RotationStatus.CANCELLED
        )
        self.person_pdf_button.setEnabled(current is not None)

    def select_rotation(self, rotation_id: int) -> None:
        """Show one rotation on the timeline (from the home page), once the plan is read."""
        if not self.owner:
            return
        self.tabs.setCurrentIndex(0)
        self._select_after_load = rotation_id
        if rotation_id in self._views:
            self.timeline.select_rotation(rotation_id)

    def _edit_current(self) -> None:
        rid = self.timeline.current_rotation()
        if rid:
            self.open_editor(rid)

    def open_editor(
        self, rotation_id: int | None, initial: svc.RotationInput | None = None
    ) -> None:
        """Open the editor on a saved rotation, or on a new one (optionally filled in)."""
        if not self.owner:
            return
        if self._plan is None:
            self.refresh()
        if self._plan is None:
            return
        if rotation_id is not None and rotation_id not in self._inputs:
            return
        dialog = RotationDialog(
            self,
            plan=self._plan,
            skills=self._skills,
            initial=self._inputs.get(rotation_id or 0, initial),
            rotation_id=rotation_id,
            actions_for=self._actions_for,
            follows_action=(
                self._views[rotation_id].follows_action_id if rotation_id in self._views else None
            ),
            ctx=self.ctx,
            version=self._versions.get(rotation_id or 0),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._changed(select=dialog.saved_id)

    def _actions_for(self, person_id: int) -> list[tuple[int, str]]:
        with self.ctx.session() as session:
            return svc.open_actions_for_person(session, person_id=person_id)

    def _changed(self, *, select: int = 0) -> None:
        self._dirty = True
        self.ctx.notify(Change.ROTATIONS)
        self.refresh()
        if select:
            self.timeline.select_rotation(select)

    def _moved(self, rotation_id: int, start: date, end: date) -> None:
        """A bar was dropped on new dates: save them, asking first if the checks found something.

        The save carries the version and dates the timeline showed, so a move made at
        another seat meanwhile is never moved over: the timeline then shows theirs.
        """
        view = self._views.get(rotation_id)
        version = self._versions.get(rotation_id)
        shown = (view.starts_on, view.ends_on) if view is not None else None
        try:
            with self.ctx.session() as session:
                svc.move_rotation(
                    session,
                    rotation_id=rotation_id,
                    starts_on=start,
                    ends_on=end,
                    expected_version=version,
                    shown=shown,
                )
        except ConflictError:
            self._moved_elsewhere(rotation_id, start, end)
            return
        except svc.RotationWarnings as warnings:
            if not confirm_warnings(self, warnings):
                self.timeline.revert_current()
                return
            try:
                with self.ctx.session() as session:
                    svc.move_rotation(
                        session,
                        rotation_id=rotation_id,
                        starts_on=start,
                        ends_on=end,
                        accept_warnings=True,
                        expected_version=version,
                        shown=shown,
                    )
            except ConflictError:
                self._moved_elsewhere(rotation_id, start, end)
                return
            except UserError as exc:
                QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
                self.timeline.revert_current()
                return
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            self.timeline.revert_current()
            return
        self.live_check.setText(_("Saved: {dates}").format(dates=_period(start, end)))
        self._changed(select=rotation_id)

    def _moved_elsewhere(self, rotation_id: int, start: date, end: date) -> None:
        """Another seat saved this rotation after the timeline was read: show theirs, keep nothing
        of the drop (it is one gesture to repeat), and say so."""
        self.timeline.revert_current()
        self._changed(select=rotation_id)
        now = self._views.get(rotation_id)
        QMessageBox.information(
            self,
            _(PAGE_TITLE),
            _(
                "Someone else changed this rotation while you were moving it. Your move to "
                "{yours} was not saved; the timeline now shows what they saved ({theirs}). "
                "Drag it again if your dates are the right ones."
            ).format(
                yours=_period(start, end),
                theirs=_period(now.starts_on, now.ends_on) if now is not None else "—",
            ),
        )

    def _outcome_current(self) -> None:
        view = self._views.get(self.timeline.current_rotation())
        if view is None:
            return
        dialog = OutcomeDialog(
            self, rotation=view, ctx=self.ctx, version=self._versions.get(view.id)
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        count = dialog.count
        if dialog.confirm:
            self.live_check.setText(
                ngettext(
                    "The rotation is done; {n} skill rating was recorded.",
                    "The rotation is done; {n} skill ratings were recorded.",
                    count,
                ).format(n=count)
            )
            self.ctx.notify(Change.SKILLS)
        self._changed(select=view.id)

    def _coverage_cell(self, index: QModelIndex) -> None:
        if not index.isValid() or self._plan is None:
            return
        skill_id, name = self.coverage_model.skill_at(index.row())
        week = self.coverage_model.week_at(index.column())
        if not self.coverage_model.is_short(index.row(), index.column()):
            self.candidates_title.setText(
                _("{skill}, week of {day}: covered.").format(
                    skill=name, day=format_date(week.start)
                )
            )
            self.candidates_model.set_rows([])
            return
        with self.ctx.session() as session:
            rows = svc.candidates_view(
                session,
                skill_id=skill_id,
                week_start=week.start,
                plan=self._plan,
                scope=self.ctx.scope,
            )
        self.candidates_title.setText(
            _("Who could cover {skill} in the week of {day}, most able first:").format(
                skill=name, day=format_date(week.start)
            )
            if rows
            else _("Nobody available could cover {skill} in the week of {day}.").format(
                skill=name, day=format_date(week.start)
            )
        )
        self.candidates_model.set_rows(rows)

    def _plan_suggestion(self) -> None:
        index = self.suggestions.currentIndex()
        suggestion = self.suggestions_model.row_at(index.row()) if index.isValid() else None
        if suggestion is None:
            return
        self.open_editor(None, svc.suggestion_input(suggestion))

    def _minimum_changed(self, value: int) -> None:
        try:
            with self.ctx.session() as session:
                svc.set_minimum(session, value=value)
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            return
        self._changed()

    def _skill_cards(self) -> None:
        from huoltamo_desktop.ui.rotations.cards_dialog import SkillCardsDialog

        dialog = SkillCardsDialog(self, ctx=self.ctx)
        dialog.exec()
        if dialog.changed:
            self._changed()

    def _add_absence(self) -> None:
        if self._plan is None:
            return
        people = sorted(
            ((p.name, p.id) for p in self._plan.people.values()), key=lambda p: sort_key(p[0])
        )
        dialog = AbsenceDialog(self, people=people)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        person, starts, ends, note = dialog.values()
        try:
            with self.ctx.session() as session:
                svc.add_absence(
                    session, person_id=person, starts_on=starts, ends_on=ends, note=note
                )
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            return
        self._changed()

    def _remove_absence(self) -> None:
        absence: svc.AbsenceView | None = selected_row(self.absences)
        if absence is None:
            return
        with self.ctx.session() as session:
            svc.remove_absence(session, absence_id=absence.id)
        self._changed()

    def _export(self, *, person: bool) -> None:
        """The plan in a window of its own: the pages, then "Save as PDF…" or "Print…"."""
        view = self._views.get(self.timeline.current_rotation()) if person else None
        if person and view is None:
            return
        name = (
            _("Rotation plan {name}.pdf").format(name=view.person_name)
            if view is not None
            else _("Rotation plan {date}.pdf").format(date=date.today().isoformat())
        )
        start = from_qdate(self.start.date())
        weeks = int(self.length.currentData() or svc.DEFAULT_PLAN_WEEKS)
        person_id = view.person_id if view is not None else None
        scope = self.ctx.scope
        self.pdf_dialog = PdfDialog(
            self.ctx,
            self,
            title=_("The rotation plan"),
            read=lambda session: svc.plan_report(
                session, person_id=person_id, start=start, weeks=weeks, scope=scope
            ),
            build=_plan_pdf,
            file_name=safe_file_name(name),
        )
        self.pdf_dialog.output.saved.connect(
            lambda path: self.live_check.setText(
                _("Rotation plan written: {path}").format(path=path)
            )
        )
        self.pdf_dialog.open()
