"""The matrix tab: filters, current/target/gap, the heat map, and the chosen cell's history and target."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.skills import (
    GAP_COLOURS,
    LEVEL_COLOURS,
    LEVELS,
    RATING_KIND_LABELS,
    RatingKind,
)
from huoltamo_desktop.i18n import _, date_input_format, format_date
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.skills_export import people_by_skills
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.skills.matrix_model import (
    LevelCombo,
    MatrixMode,
    SkillMatrixModel,
    SkillMatrixView,
)
from huoltamo_desktop.ui.widgets.forms import fill_combo, from_qdate, to_qdate
from huoltamo_desktop.ui.widgets.saving import FileKind, save_file

ALL = "__all__"


class MatrixPanel(QWidget):
    """People × skills. Type 0–4 on a cell to record a level; F2 opens the level list."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        tools = QHBoxLayout()
        team_label = QLabel(_("&Team:"), self)
        self.team_filter = QComboBox(self)
        self.team_filter.setObjectName("matrix_team")
        team_label.setBuddy(self.team_filter)
        category_label = QLabel(_("&Category:"), self)
        self.category_filter = QComboBox(self)
        self.category_filter.setObjectName("matrix_category")
        category_label.setBuddy(self.category_filter)
        tools.addWidget(team_label)
        tools.addWidget(self.team_filter, 1)
        tools.addWidget(category_label)
        tools.addWidget(self.category_filter, 1)
        tools.addSpacing(12)
        self.mode_current = QRadioButton(_("C&urrent level"), self)
        self.mode_current.setObjectName("mode_current")
        self.mode_target = QRadioButton(_("Tar&get"), self)
        self.mode_target.setObjectName("mode_target")
        self.mode_gap = QRadioButton(_("Gap to the &role"), self)
        self.mode_gap.setObjectName("mode_gap")
        self.mode_current.setChecked(True)
        self.modes = QButtonGroup(self)
        for button in (self.mode_current, self.mode_target, self.mode_gap):
            self.modes.addButton(button)
            tools.addWidget(button)
        layout.addLayout(tools)

        tools2 = QHBoxLayout()
        record_label = QLabel(_("A typed level is saved &as:"), self)
        self.record_as = QComboBox(self)
        self.record_as.setObjectName("record_as")
        record_label.setBuddy(self.record_as)
        fill_combo(
            self.record_as,
            [
                (_(RATING_KIND_LABELS[RatingKind.AGREED]), RatingKind.AGREED),
                (_(RATING_KIND_LABELS[RatingKind.MANAGER]), RatingKind.MANAGER),
            ],
        )
        tools2.addWidget(record_label)
        tools2.addWidget(self.record_as)
        tools2.addSpacing(12)
        tools2.addWidget(self._legend())
        tools2.addStretch(1)
        self.export_xlsx = QPushButton(_("Export to E&xcel…"), self)
        self.export_xlsx.setObjectName("export_xlsx")
        self.export_pdf = QPushButton(_("Export to &PDF…"), self)
        self.export_pdf.setObjectName("export_pdf")
        tools2.addWidget(self.export_xlsx)
        tools2.addWidget(self.export_pdf)
        layout.addLayout(tools2)

        self.model = SkillMatrixModel(self._write)
        self.view = SkillMatrixView(self)
        self.view.setModel(self.model)
        self.status = QLabel(self)
        self.status.setObjectName("matrix_status")
        self.status.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        self.details = CellDetails(ctx, self)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        hint = QLabel(
            _(
                "Move with the arrow keys and type 0–4 to set a level; F2 or Enter opens the list of levels "
                "with what each one means. A triangle marks a target above today's level, a red line a level "
                "below what the role needs."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.status)
        layout.addWidget(hint)

        self.team_filter.currentIndexChanged.connect(self._filter)
        self.category_filter.currentIndexChanged.connect(self._filter)
        self.modes.buttonClicked.connect(self._mode)
        self.model.edit_failed.connect(self._show_error)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.details.saved.connect(self._target_saved)
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))

    def _legend(self) -> QWidget:
        """The colours' meaning: levels for current and target, distance to the role for gaps."""
        self.legend = QStackedWidget(self)
        self.legend.setObjectName("matrix_legend")
        levels = QWidget(self.legend)
        row = QHBoxLayout(levels)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for level in LEVELS:
            chip = QLabel(f" {level} ", levels)
            chip.setStyleSheet(
                f"background: {LEVEL_COLOURS[level]}; color: #1b1b1b; border: 1px solid #999;"
            )
            chip.setToolTip(f"{level} – {svc.level_label(level)}: {svc.level_descriptor(level)}")
            row.addWidget(chip)
        gaps = QWidget(self.legend)
        gap_row = QHBoxLayout(gaps)
        gap_row.setContentsMargins(0, 0, 0, 0)
        gap_row.setSpacing(4)
        gap_row.addWidget(QLabel(_("Below the role by:"), gaps))
        for gap, text, tip in (
            (0, "✓", _("meets the role")),
            (1, "−1", _("one level below")),
            (2, "−2", _("two levels below")),
            (3, "−3", _("three levels below")),
            (4, "−4", _("four levels below")),
        ):
            chip = QLabel(f" {text} ", gaps)
            chip.setObjectName(f"gap_legend_{gap}")
            chip.setStyleSheet(
                f"background: {GAP_COLOURS[gap]}; color: #1b1b1b; border: 1px solid #999;"
            )
            chip.setToolTip(tip)
            gap_row.addWidget(chip)
        blank = QLabel(_("blank: the role does not need it"), gaps)
        blank.setStyleSheet("color: #5f6b73;")
        gap_row.addWidget(blank)
        self.legend.addWidget(levels)
        self.legend.addWidget(gaps)
        return self.legend

    # --- loading -------------------------------------------------------------------

    def load(self, data: svc.MatrixData) -> None:
        team = self.team_filter.currentData()
        category = self.category_filter.currentData()
        fill_combo(
            self.team_filter,
            [(_("All teams"), ALL), *[(name, tid) for tid, name in data.teams]],
            team or ALL,
        )
        fill_combo(
            self.category_filter,
            [(_("All categories"), ALL), *[(name, cid) for cid, name in data.categories]],
            category if category is not None else ALL,
        )
        self.model.set_matrix(data)
        self._filter()

    def _filter(self, *_args: object) -> None:
        team = self.team_filter.currentData()
        category = self.category_filter.currentData()
        self.model.set_filter(
            team_id=None if team == ALL else team,
            category_id=None if category == ALL else category,
            all_categories=category == ALL,
        )
        self.view.fit_names()
        self.status.setText(people_by_skills(self.model.rowCount(), self.model.columnCount()))
        self.details.clear()

    def _mode(self, *_args: object) -> None:
        if self.mode_target.isChecked():
            self.model.set_mode(MatrixMode.TARGET)
        elif self.mode_gap.isChecked():
            self.model.set_mode(MatrixMode.GAP)
        else:
            self.model.set_mode(MatrixMode.CURRENT)
        self.legend.setCurrentIndex(1 if self.mode_gap.isChecked() else 0)
        self.view.viewport().update()

    # --- editing -------------------------------------------------------------------

    def _write(self, person_id: int, skill_id: int, level: int, mode: str) -> tuple[int, int]:
        with self.ctx.session() as session:
            if mode == MatrixMode.TARGET:
                existing = svc.targets_for(session, person_ids=[person_id]).get(
                    (person_id, skill_id)
                )
                svc.set_target(
                    session,
                    person_id=person_id,
                    skill_id=skill_id,
                    level=level,
                    target_date=existing.target_date if existing else None,
                )
            else:
                svc.record_rating(
                    session,
                    person_id=person_id,
                    skill_id=skill_id,
                    kind=str(self.record_as.currentData()),
                    level=level,
                    on=date.today(),
                )
            current = svc.current_levels(session, person_ids=[person_id]).get(
                (person_id, skill_id), svc.NO_LEVEL
            )
            target_row = svc.targets_for(session, person_ids=[person_id]).get((person_id, skill_id))
            target = (
                target_row.level if target_row and target_row.level is not None else svc.NO_LEVEL
            )
        self.status.setText(_("Saved."))
        self.changed.emit()
        self._selected()
        return current, target

    def _show_error(self, message: str) -> None:
        self.status.setText(message)

    def _selected(self, *_args: object) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        person_id, person_name = self.model.person_at(index.row())
        skill_id, skill_name = self.model.skill_at(index.column())
        self.details.show_cell(person_id, person_name, skill_id, skill_name, index)

    def _target_saved(self, index: QModelIndex, current: int, target: int, when: object) -> None:
        if index.isValid():
            d = self.model.matrix
            r, c = self.model._rows[index.row()], self.model._cols[index.column()]
            d.current[r][c] = current
            d.target[r][c] = target
            self.model.set_target_date(index.row(), index.column(), when)
            self.model.dataChanged.emit(index, index)
        self.changed.emit()

    # --- export ----------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        if self.model.rowCount() == 0 or self.model.columnCount() == 0:
            QMessageBox.information(
                self, _("Export"), _("There is nothing to export with these filters.")
            )
            return
        from huoltamo_desktop.services.skills_export import export_matrix_bytes, matrix_export_data

        kind = (
            FileKind(".xlsx", _("Excel workbook (*.xlsx)"))
            if fmt == "xlsx"
            else FileKind(".pdf", _("PDF document (*.pdf)"))
        )
        team = self.team_filter.currentData()
        category = self.category_filter.currentData()

        def make(session: Session, _kind: FileKind) -> bytes:
            """The file off the UI thread: a large matrix PDF takes seconds."""
            data = matrix_export_data(
                session,
                team_id=None if team == ALL else team,
                category_id=None if category == ALL else category,
                all_categories=category == ALL,
            )
            return export_matrix_bytes(data, fmt)

        save_file(
            self,
            ctx=self.ctx,
            title=_("Export the skills matrix"),
            file_name=_("skills-matrix") + kind.suffix,
            kinds=(kind,),
            build=make,
            saved=lambda path: self.status.setText(_("Saved {path}.").format(path=path)),
            busy=_("Writing the export…"),
        )


class CellDetails(QGroupBox):
    """The chosen person's rating history for the chosen skill, and their target."""

    saved = Signal(QModelIndex, int, int, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Chosen cell"), parent)
        self.ctx = ctx
        self._person_id: int | None = None
        self._skill_id: int | None = None
        self._index = QModelIndex()
        layout = QVBoxLayout(self)
        self.heading = QLabel(_("Choose a cell to see its history and set a target."), self)
        self.heading.setObjectName("cell_title")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.history = QLabel(self)
        self.history.setObjectName("cell_history")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.history)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        form = QFormLayout()
        self.target_level = LevelCombo(self, with_none=_("No target"))
        self.target_level.setObjectName("target_level")
        self.has_date = QCheckBox(_("Target &date:"), self)
        self.has_date.setObjectName("target_has_date")
        self.target_date = QDateEdit(self)
        self.target_date.setObjectName("target_date")
        self.target_date.setCalendarPopup(True)
        self.target_date.setDisplayFormat(date_input_format())
        self.target_date.setSpecialValueText("–")  # shown while no cell is chosen
        self.wish = QCheckBox(_("The person &wishes to learn this"), self)
        self.wish.setObjectName("target_wish")
        target_label = QLabel(_("Target &level:"), self)
        target_label.setBuddy(self.target_level)
        form.addRow(target_label, self.target_level)
        form.addRow(self.has_date, self.target_date)
        form.addRow(self.wish)
        layout.addLayout(form)
        self.save = QPushButton(_("&Save the target"), self)
        self.save.setObjectName("save_target")
        layout.addWidget(self.save)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.has_date.toggled.connect(self.target_date.setEnabled)
        self.save.clicked.connect(self._save)
        # The target is saved with the values and version it was read with, so a target
        # another manager set meanwhile is never overwritten unasked.
        self.saving: VersionedSave[svc.TargetInput] = VersionedSave(
            self, ctx, labels=self._target_labels, display=self._target_display
        )
        self.clear()

    def clear(self) -> None:
        self._person_id = self._skill_id = None
        self.heading.setText(_("Choose a cell to see its history and set a target."))
        self.history.clear()
        self.message.clear()
        self.target_date.setDate(self.target_date.minimumDate())
        for w in (self.target_level, self.has_date, self.target_date, self.wish, self.save):
            w.setEnabled(False)

    def show_cell(
        self, person_id: int, person_name: str, skill_id: int, skill_name: str, index: QModelIndex
    ) -> None:
        self._person_id, self._skill_id, self._index = person_id, skill_id, QModelIndex(index)
        self.heading.setText(f"<b>{_esc(person_name)}</b><br/>{_esc(skill_name)}")
        with self.ctx.session() as session:
            events = svc.rating_history(session, person_id=person_id, skill_id=skill_id)
            target, version = svc.target_of(session, person_id=person_id, skill_id=skill_id)
        self.saving.read(version=version, values=target)
        if events:
            rows = "".join(
                f"<tr><td>{format_date(e.rated_on)}</td><td>{_esc(_(RATING_KIND_LABELS[e.kind]))}</td>"
                f"<td><b>{e.level}</b> {_esc(svc.level_label(e.level))}</td></tr>"
                for e in events[:12]
            )
            self.history.setText(f"<table cellspacing='4'>{rows}</table>")
        else:
            self.history.setText(_("No ratings yet."))
        for w in (self.target_level, self.has_date, self.wish, self.save):
            w.setEnabled(True)
        self.target_level.set_level(target.level)
        when = target.target_date
        self.has_date.setChecked(when is not None)
        self.target_date.setEnabled(when is not None)
        start = when or date(date.today().year + 1, date.today().month, 1)
        self.target_date.setDate(QDate(start.year, start.month, start.day))
        self.wish.setChecked(target.wish)
        self.message.clear()

    def _target_labels(self) -> dict[str, str]:
        return {
            "level": _("Target level"),
            "target_date": _("Target date"),
            "wish": _("Wishes to learn this"),
        }

    def _target_display(self, name: str, value: object) -> str:
        if name == "level":
            return f"{value} {svc.level_label(value)}" if isinstance(value, int) else "–"
        return plain_display(name, value)

    def _save(self) -> None:
        if self._person_id is None or self._skill_id is None or self.saving.saving:
            return
        person_id, skill_id = self._person_id, self._skill_id
        level = self.target_level.level()
        when = None
        if self.has_date.isChecked() and level is not None:
            when = from_qdate(self.target_date.date())
        index = QModelIndex(self._index)

        def save(
            session: Session,
            data: svc.TargetInput,
            version: int | None,
            base: svc.TargetInput | None,
        ) -> tuple[svc.TargetInput, int, int]:
            svc.set_target(
                session,
                person_id=person_id,
                skill_id=skill_id,
                level=data.level,
                target_date=data.target_date,
                wish=data.wish,
                expected_version=version,
                base=base,
            )
            saved, saved_version = svc.target_of(session, person_id=person_id, skill_id=skill_id)
            current = svc.current_levels(session, person_ids=[person_id]).get(
                (person_id, skill_id), svc.NO_LEVEL
            )
            return saved, saved_version, current

        def done(result: tuple[svc.TargetInput, int, int]) -> None:
            saved, saved_version, current = result
            if (self._person_id, self._skill_id) == (person_id, skill_id):
                self.saving.read(version=saved_version, values=saved)
                self.target_level.set_level(saved.level)
                self.has_date.setChecked(saved.target_date is not None)
                if saved.target_date is not None:
                    self.target_date.setDate(to_qdate(saved.target_date))
                self.wish.setChecked(saved.wish)
                self.message.setText(_("Target saved."))
            self.saved.emit(
                index,
                current,
                saved.level if saved.level is not None else svc.NO_LEVEL,
                saved.target_date if saved.level is not None else None,
            )

        self.saving.save(
            svc.TargetInput(level, when, self.wish.isChecked()),
            op=save,
            changes=(),
            success=done,
            failure=lambda exc: self.message.setText(str(exc)),
        )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["MatrixPanel", "QItemSelection"]
