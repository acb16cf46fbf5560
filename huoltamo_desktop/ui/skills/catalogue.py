"""The skills catalogue: pick from the starter set, add the firm's own, rename, merge, retire."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _, format_number, ngettext, pgettext, pick
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo
from huoltamo_desktop.ui.widgets.page import search_field
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import rows_proxy, rows_table, selected_id

NEW_CATEGORY = "__new__"


@dataclass(frozen=True)
class SkillRow:
    id: int
    name: str
    category: str
    rated: int
    retired: bool
    description: str


SKILL_COLUMNS: tuple[Column[SkillRow], ...] = (
    Column(N_("Skill"), lambda r: r.name),
    Column(N_("Category"), lambda r: r.category),
    Column(
        N_("Rated people"), lambda r: format_number(r.rated), key=lambda r: r.rated, number=True
    ),
    Column(N_("Status"), lambda r: pgettext("skill", "Retired") if r.retired else _("In use")),
    Column(N_("Description"), lambda r: r.description, tooltip=lambda r: r.description),
)


class CataloguePanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saving: VersionedSave[svc.SkillText] = VersionedSave(
            self, ctx, labels=self._text_labels
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        add_row = QHBoxLayout()
        name_label = QLabel(_("Ne&w skill:"), self)
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("new_skill_name")
        self.new_name.setPlaceholderText(_("e.g. Press brake bending"))
        name_label.setBuddy(self.new_name)
        self.new_category = QComboBox(self)
        self.new_category.setObjectName("new_skill_category")
        self.add_button = QPushButton(_("&Add"), self)
        self.add_button.setObjectName("add_skill")
        self.starter_button = QPushButton(_("Pick from the &starter set…"), self)
        self.starter_button.setObjectName("pick_starter")
        add_row.addWidget(name_label)
        add_row.addWidget(self.new_name, 2)
        add_row.addWidget(self.new_category, 1)
        add_row.addWidget(self.add_button)
        add_row.addSpacing(12)
        add_row.addWidget(self.starter_button)
        layout.addLayout(add_row)
        self.error = error_label(self)
        self.error.setObjectName("catalogue_error")
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.rename_button = QPushButton(_("&Rename…"), self)
        self.rename_button.setObjectName("rename_skill")
        self.describe_button = QPushButton(_("&Describe…"), self)
        self.describe_button.setObjectName("describe_skill")
        self.merge_button = QPushButton(_("Merge &into…"), self)
        self.merge_button.setObjectName("merge_skill")
        self.retire_button = QPushButton(_("Re&tire"), self)
        self.retire_button.setObjectName("retire_skill")
        self.restore_button = QPushButton(_("Bring &back"), self)
        self.restore_button.setObjectName("restore_skill")
        self.show_retired = QCheckBox(_("Show retired s&kills"), self)
        self.show_retired.setObjectName("show_retired")
        for b in (
            self.rename_button,
            self.describe_button,
            self.merge_button,
            self.retire_button,
            self.restore_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_retired)
        layout.addLayout(buttons)

        self.model: RowsModel[SkillRow] = RowsModel(SKILL_COLUMNS, row_id=lambda r: r.id)
        self.view = rows_table(self, "catalogue_table", self.model, sort_column=None)
        self.proxy = rows_proxy(self.view)
        layout.addWidget(self.view, 1)

        self.add_button.clicked.connect(self.add_skill)
        self.new_name.returnPressed.connect(self.add_skill)
        self.starter_button.clicked.connect(self.pick_starter)
        self.rename_button.clicked.connect(self.rename)
        self.describe_button.clicked.connect(self.describe)
        self.merge_button.clicked.connect(self.merge)
        self.retire_button.clicked.connect(self.retire)
        self.restore_button.clicked.connect(self.restore)
        self.show_retired.toggled.connect(lambda _on: self.reload())
        self.view.doubleClicked.connect(lambda _i: self.rename())

    def reload(self) -> None:
        with self.ctx.session() as session:
            categories = svc.list_categories(session)
            skills = svc.list_skills(session, include_retired=self.show_retired.isChecked())
            rated = _rated_counts(session)
            cat_by_id = {c.id: c for c in categories}
            self.model.set_rows(
                [
                    SkillRow(
                        id=s.id or 0,
                        name=svc.skill_name(s),
                        category=svc.category_name(cat_by_id.get(s.category_id)),
                        rated=rated.get(s.id or 0, 0),
                        retired=s.retired,
                        description=svc.skill_description(s),
                    )
                    for s in skills
                ]
            )
            current = self.new_category.currentData()
            fill_combo(
                self.new_category,
                [(svc.category_name(c), c.id) for c in categories]
                + [(svc.category_name(None), None), (_("New category…"), NEW_CATEGORY)],
                current,
            )
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 320))

    def _selected(self) -> int | None:
        key = selected_id(self.view)
        return key if isinstance(key, int) else None

    def _done(self) -> None:
        self.error.setVisible(False)
        self.reload()
        self.changed.emit()

    def _fail(self, exc: UserError) -> None:
        self.error.setText(str(exc))
        self.error.setVisible(True)

    def add_skill(self) -> None:
        category = self.new_category.currentData()
        try:
            with self.ctx.session() as session:
                category_id = None
                if category == NEW_CATEGORY:
                    name, ok = QInputDialog.getText(
                        self, _("New category"), _("Name of the new category:")
                    )
                    if not ok:
                        return
                    category_id = svc.get_or_create_category(session, name=name).id
                elif isinstance(category, int):
                    category_id = category
                svc.add_skill(session, name=self.new_name.text(), category_id=category_id)
        except UserError as exc:
            self._fail(exc)
            self.new_name.setFocus()
            return
        self.new_name.clear()
        self._done()

    def pick_starter(self) -> None:
        dialog = StarterPickerDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done()

    def _edit_text(self, field: str, ask: Callable[[svc.SkillText], str | None]) -> None:
        """Rename or describe the chosen skill, against what the question showed."""
        skill_id = self._selected()
        if skill_id is None or self.saving.saving:
            return
        with self.ctx.session() as session:
            skill = svc.get_skill(session, skill_id=skill_id)
            shown, version = svc.skill_text(skill), skill.row_version
        self.saving.read(version=version, values=shown)
        answer = ask(shown)
        if answer is None:
            return

        def save(
            session: Session, data: svc.SkillText, version: int | None, base: svc.SkillText | None
        ) -> None:
            if field == "name":
                svc.rename_skill(
                    session, skill_id=skill_id, name=data.name, expected_version=version, base=base
                )
            else:
                svc.set_skill_description(
                    session,
                    skill_id=skill_id,
                    description=data.description,
                    expected_version=version,
                    base=base,
                )

        self.saving.save(
            replace(shown, **{field: answer}),
            op=save,
            changes=(Change.SKILLS,),
            success=lambda _result: self._done(),
            failure=self._fail,
        )

    def rename(self) -> None:
        def ask(shown: svc.SkillText) -> str | None:
            name, ok = QInputDialog.getText(
                self, _("Rename the skill"), _("New name:"), text=shown.name
            )
            return name if ok else None

        self._edit_text("name", ask)

    def describe(self) -> None:
        def ask(shown: svc.SkillText) -> str | None:
            text, ok = QInputDialog.getMultiLineText(
                self,
                _("Describe the skill"),
                _("What does {skill} mean in your work?").format(skill=shown.name),
                shown.description,
            )
            return text if ok else None

        self._edit_text("description", ask)

    def _text_labels(self) -> dict[str, str]:
        return {
            "name": _("New name:").rstrip(":"),
            "description": _("Description"),
        }

    def merge(self) -> None:
        skill_id = self._selected()
        if skill_id is None:
            return
        with self.ctx.session() as session:
            source = svc.skill_name(svc.get_skill(session, skill_id=skill_id))
            others = [
                (svc.skill_name(s), s.id) for s in svc.list_skills(session) if s.id != skill_id
            ]
        if not others:
            return
        dialog = MergeDialog(source, others, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target_id = dialog.target.currentData()
        try:
            with self.ctx.session() as session:
                svc.merge_skills(session, source_id=skill_id, target_id=int(target_id))
        except UserError as exc:
            self._fail(exc)
            return
        self._done()

    def retire(self) -> None:
        skill_id = self._selected()
        if skill_id is None:
            return
        with self.ctx.session() as session:
            svc.retire_skill(session, skill_id=skill_id)
        self._done()

    def restore(self) -> None:
        skill_id = self._selected()
        if skill_id is None:
            return
        with self.ctx.session() as session:
            svc.restore_skill(session, skill_id=skill_id)
        self._done()


def _rated_counts(session: Session) -> dict[int, int]:
    counts: dict[int, int] = {}
    for _pid, sid in svc.current_levels(session):
        counts[sid] = counts.get(sid, 0) + 1
    return counts


class MergeDialog(QDialog):
    def __init__(
        self, source: str, others: list[tuple[str, int | None]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge skills"))
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "Merge {skill} into another skill. Its ratings, targets, role profile lines and future needs "
                "move over; where a person has both, the higher level stays. {skill} is then removed."
            ).format(skill=source),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QLabel(_("Merge &into:"), self)
        self.target = QComboBox(self)
        self.target.setObjectName("merge_target")
        fill_combo(self.target, others)
        label.setBuddy(self.target)
        layout.addWidget(label)
        layout.addWidget(self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class StarterPickerDialog(QDialog):
    """Tick the starter skills that fit the firm; the ones already picked are ticked and greyed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Pick skills from the starter set"))
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Tick the skills your firm needs. You can rename them later and add your own at any time."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = search_field(self, "starter_search", _("Search"))
        layout.addWidget(self.search)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView(self)
        self.tree.setObjectName("starter_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.proxy)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.tree, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Add the ticked skills"))
        self.ok.setObjectName("starter_ok")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        with ctx.session() as session:
            have = {
                s.starter_key
                for s in svc.list_skills(session, include_retired=False)
                if s.starter_key
            }
        for category in skills_content.starter_categories():
            parent_item = QStandardItem(pick(category.name))
            parent_item.setSelectable(False)
            for skill in category.skills:
                item = QStandardItem(pick(skill.name))
                item.setToolTip(pick(skill.description))
                item.setData(skill.key, Qt.ItemDataRole.UserRole)
                item.setCheckable(True)
                if skill.key in have:
                    item.setCheckState(Qt.CheckState.Checked)
                    item.setEnabled(False)
                parent_item.appendRow(item)
            self.model.appendRow(parent_item)
        self.tree.expandAll()
        self.search.textChanged.connect(self._filter)
        self.model.itemChanged.connect(self._update_count)
        self._update_count()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def ticked_keys(self) -> list[str]:
        keys = []
        for r in range(self.model.rowCount()):
            parent_item = self.model.item(r)
            for c in range(parent_item.rowCount()):
                item = parent_item.child(c)
                if item.isEnabled() and item.checkState() == Qt.CheckState.Checked:
                    keys.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return keys

    def _update_count(self, *_args: object) -> None:
        n = len(self.ticked_keys())
        self.count.setText(ngettext("{n} skill ticked", "{n} skills ticked", n).format(n=n))
        self.ok.setEnabled(n > 0)

    def _accept(self) -> None:
        keys = self.ticked_keys()
        try:
            with self.ctx.session() as session:
                svc.pick_starter_skills(session, keys=keys)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()
