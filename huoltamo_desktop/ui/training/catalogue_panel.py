"""The catalogue tab: search as you type, filters, the list, and the chosen offering in full."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.training import (
    FORMAT_LABELS,
    OFFERING_KIND_LABELS,
    STAGE_FIT_LABELS,
    OfferingFormat,
)
from huoltamo_desktop.i18n import LANGUAGE_NAMES, N_, _, format_date, ngettext
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_plan as plan_service
from huoltamo_desktop.services.training import OfferingFilter, OfferingRow
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.training.common import offering_html
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.page import search_field
from huoltamo_desktop.ui.widgets.table_model import ID_ROLE, Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import rows_proxy, rows_table

COST_CHOICES: list[tuple[str, int | None]] = [
    (N_("Any cost"), None),
    (N_("Free"), 0),
    (N_("Up to €100"), 10000),
    (N_("Up to €500"), 50000),
    (N_("Up to €1,000"), 100000),
]
DATE_CHOICES: list[tuple[str, int | None]] = [
    (N_("Any time"), None),
    (N_("Runs in the next 3 months"), 91),
    (N_("Runs in the next 12 months"), 365),
]

COLUMNS: list[Column[OfferingRow]] = [
    Column(N_("Training"), lambda r: r.title, tooltip=lambda r: r.title),
    Column(N_("Provider"), lambda r: r.provider),
    Column(N_("Kind"), lambda r: svc.kind_label(r.kind)),
    Column(N_("Format"), lambda r: svc.format_label(r.format)),
    Column(
        N_("Cost"),
        lambda r: svc.money_text(r.cost_cents) or "–",
        key=lambda r: -1 if r.cost_cents is None else r.cost_cents,
        number=True,
    ),
    Column(N_("Next run"), lambda r: format_date(r.next_run), key=lambda r: r.next_run or date.max),
    Column(
        N_("Reviewed"),
        lambda r: format_date(r.reviewed_on),
        key=lambda r: r.reviewed_on or date.min,
    ),
]


class CataloguePanel(QWidget):
    """Search and browse the catalogue; ``plan_requested(offering_id)`` opens the plan dialog."""

    plan_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._current: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.search = search_field(
            self, "training_search", _("Search training by name, skill or provider (e.g. kortti)")
        )
        top.addWidget(self.search, 1)
        self.import_button = QPushButton(_("&Import catalogue…"), self)
        self.import_button.setObjectName("import_catalogue")
        self.export_button = QPushButton(_("E&xport…"), self)
        self.export_button.setObjectName("export_catalogue")
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("filter_kind")
        fill_combo(
            self.kind,
            [(_("All kinds"), "")]
            + [(_(label), key) for key, label in OFFERING_KIND_LABELS.items()],
        )
        self.format = QComboBox(self)
        self.format.setObjectName("filter_format")
        fill_combo(
            self.format,
            [(_("Any format"), "")]
            + [
                (_(FORMAT_LABELS[f]), f.value)
                for f in OfferingFormat
                if f != OfferingFormat.UNKNOWN
            ],
        )
        self.language = QComboBox(self)
        self.language.setObjectName("filter_language")
        fill_combo(
            self.language,
            [(_("Any language"), "")] + [(name, code) for code, name in LANGUAGE_NAMES.items()],
        )
        self.cost = QComboBox(self)
        self.cost.setObjectName("filter_cost")
        fill_combo(self.cost, [(_(label), value) for label, value in COST_CHOICES])
        self.stage = QComboBox(self)
        self.stage.setObjectName("filter_stage")
        fill_combo(
            self.stage,
            [(_("Any career stage"), "")]
            + [(_(label), key) for key, label in STAGE_FIT_LABELS.items() if key != "any"],
        )
        self.skill = QComboBox(self)
        self.skill.setObjectName("filter_skill")
        self.region = QComboBox(self)
        self.region.setObjectName("filter_region")
        self.when = QComboBox(self)
        self.when.setObjectName("filter_date")
        fill_combo(self.when, [(_(label), value) for label, value in DATE_CHOICES])
        self.funded = QCheckBox(_("Public &funding in force"), self)
        self.funded.setObjectName("filter_funded")
        combos = (
            self.kind,
            self.format,
            self.language,
            self.cost,
            self.stage,
            self.skill,
            self.region,
            self.when,
        )
        more = QHBoxLayout()
        for i, w in enumerate(combos):
            (filters if i < 5 else more).addWidget(w)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            w.currentIndexChanged.connect(self._schedule)
        more.addWidget(self.funded)
        filters.addStretch(1)
        more.addStretch(1)
        layout.addLayout(filters)
        layout.addLayout(more)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model: RowsModel[OfferingRow] = RowsModel(COLUMNS, row_id=lambda r: r.id)
        self.view = rows_table(left, "training_offerings", self.model)
        self.proxy = rows_proxy(self.view)
        left_layout.addWidget(self.view, 1)
        self.count = QLabel(left)
        self.count.setObjectName("training_count")
        left_layout.addWidget(self.count)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(right)
        self.detail.setObjectName("training_detail")
        self.detail.setOpenExternalLinks(True)
        right_layout.addWidget(self.detail, 1)
        self.plan_button = QPushButton(_("&Plan this training for people…"), right)
        self.plan_button.setObjectName("plan_offering")
        self.plan_button.setEnabled(False)
        right_layout.addWidget(self.plan_button)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 520])
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._schedule)
        self.funded.toggled.connect(self._schedule)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.doubleClicked.connect(lambda _i: self._plan())
        self.plan_button.clicked.connect(self._plan)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.export_button.clicked.connect(self.export_requested.emit)

    def load_choices(self) -> None:
        """The skill and region filters follow the firm's skills and the providers' regions."""
        from huoltamo_desktop.services import skills as skills_service

        with self.ctx.session() as session:
            skills = [
                (skills_service.skill_name(s), s.starter_key or s.name.casefold())
                for s in skills_service.list_skills(session)
            ]
            regions = svc.regions(session)
        skills.sort(key=lambda pair: sort_key(pair[0]))
        fill_combo(self.skill, [(_("Any skill"), ""), *skills], self.skill.currentData())
        fill_combo(
            self.region,
            [(_("Anywhere"), "")] + [(r, r) for r in regions],
            self.region.currentData(),
        )

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def filters(self) -> OfferingFilter:
        days = self.when.currentData()
        today = date.today()
        return OfferingFilter(
            kind=self.kind.currentData() or "",
            format=self.format.currentData() or "",
            language=self.language.currentData() or "",
            skill_key=self.skill.currentData() or "",
            max_cost_cents=self.cost.currentData(),
            funded=self.funded.isChecked(),
            career_stage=self.stage.currentData() or "",
            region=self.region.currentData() or "",
            runs_from=today if days else None,
            runs_to=date.fromordinal(today.toordinal() + days) if days else None,
        )

    def reload(self) -> None:
        self._timer.stop()
        with self.ctx.session() as session:
            rows = svc.search_offerings(session, query=self.search.text(), filters=self.filters())
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for column, widest in ((0, 320), (1, 180), (2, 150)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), widest))
        if rows:
            self.count.setText(
                ngettext("{n} training", "{n} trainings", len(rows)).format(n=len(rows))
            )
        else:
            self.count.setText(
                _("Nothing matches the search and filters. Try a shorter word or fewer filters.")
            )
        ids = [r.id for r in rows]
        if self._current in ids:
            self.select(self._current)
        elif rows:
            self.view.selectRow(0)
        else:
            self._show(None)

    def select(self, offering_id: int) -> None:
        row = self.proxy.row_of(offering_id)
        if row >= 0:
            self.view.selectRow(row)

    def current_id(self) -> int | None:
        return self._current

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.view.currentIndex()
        self._show(index.data(ID_ROLE) if index.isValid() else None)

    def _show(self, offering_id: int | None) -> None:
        self._current = offering_id
        self.plan_button.setEnabled(offering_id is not None)
        if offering_id is None:
            self.detail.setHtml(
                "<p>"
                + _(
                    "Choose a training to see what it teaches, who gives it and why it is a safe choice."
                )
                + "</p>"
            )
            return
        with self.ctx.session() as session:
            detail = svc.offering_detail(session, offering_id=offering_id)
            trust = plan_service.provider_trust(session).get(detail.row.provider_id)
        rating = (trust.ratings, trust.average) if trust is not None and trust.ratings else None
        self.detail.setHtml(offering_html(detail, rating))

    def _plan(self) -> None:
        if self._current is not None:
            self.plan_requested.emit(self._current)
