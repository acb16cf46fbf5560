"""Role profiles: for each job title the skills and levels it needs, and the cards it requires."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.skills import LEVELS
from huoltamo_desktop.i18n import N_, NP_, _, pick
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import job_titles_in_use
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.skills.list_panel import ListPanel, save_cancel_buttons
from huoltamo_desktop.ui.skills.matrix_model import LevelCombo, LevelDelegate
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo
from huoltamo_desktop.ui.widgets.table_model import Column, EditValue, RowsModel
from huoltamo_desktop.ui.widgets.table_view import fit_columns, rows_proxy, rows_table


@dataclass(frozen=True)
class ProfileRow:
    id: int
    title: str
    people: int
    skills: str
    cards: str


PROFILE_COLUMNS: tuple[Column[ProfileRow], ...] = (
    Column(N_("Job title"), lambda r: r.title),
    Column(
        NP_("how many", "People"),
        lambda r: str(r.people),
        key=lambda r: r.people,
        number=True,
        context="how many",
    ),
    Column(N_("Skills and levels"), lambda r: r.skills, tooltip=lambda r: r.skills),
    Column(N_("Cards"), lambda r: r.cards),
)


class ProfilesPanel(ListPanel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _(
                "A role profile says which skills a job title needs and at what level. People are matched "
                "to a profile by their job title."
            ),
            parent,
        )
        layout = self.main_layout
        buttons = self.edit_buttons(_("&New profile…"), "profile")
        self.starter = QComboBox(self)
        self.starter.setObjectName("starter_profile")
        self.starter_button = QPushButton(_("Add from the &starter set"), self)
        self.starter_button.setObjectName("add_starter_profile")
        # Tab from New to the starter set, then to Edit and Delete, as before.
        QWidget.setTabOrder(self.add_button, self.starter)
        QWidget.setTabOrder(self.starter, self.starter_button)
        buttons.addWidget(self.starter)
        buttons.addWidget(self.starter_button)
        layout.addLayout(buttons)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.model: RowsModel[ProfileRow] = RowsModel(PROFILE_COLUMNS, row_id=lambda r: r.id)
        self.view = rows_table(self, "profiles_table", self.model, sort_column=None)
        self.proxy = rows_proxy(self.view)
        layout.addWidget(self.view, 1)
        fill_combo(
            self.starter, [(pick(p.title), p.key) for p in skills_content.starter_profiles()]
        )
        self.connect_edits()
        self.starter_button.clicked.connect(self.add_starter)

    def reload(self) -> None:
        with self.ctx.session() as session:
            profiles = svc.list_profiles(session, scope=self.ctx.scope)
            names = {
                s.id: svc.skill_name(s) for s in svc.list_skills(session, include_retired=True)
            }
            cards = {
                c.id: svc.card_name(c) for c in svc.list_card_types(session, include_retired=True)
            }
        self.model.set_rows(
            [
                ProfileRow(
                    id=p.id,
                    title=p.title,
                    people=p.people,
                    skills=", ".join(
                        f"{names.get(line.skill_id, '?')} {line.level}" for line in p.lines
                    ),
                    cards=", ".join(cards.get(c, "?") for c in p.card_type_ids),
                )
                for p in profiles
            ]
        )
        fit_columns(self.view, stretch=2)  # the skills the role needs

    def dialog(self, key: int | None) -> QDialog:
        return ProfileDialog(self.ctx, key, self)

    def add_starter(self) -> None:
        key = self.starter.currentData()
        if not key:
            return
        try:
            with self.ctx.session() as session:
                svc.apply_starter_profile(session, key=str(key))
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self.refresh()

    def delete_question(self) -> tuple[str, str]:
        return _("Delete the profile"), _("Delete this role profile?")

    def delete_row(self, key: int) -> None:
        with self.ctx.session() as session:
            svc.delete_profile(session, profile_id=key)


@dataclass(frozen=True)
class LineRow:
    skill_id: int
    name: str
    level: int


class ProfileLinesModel(RowsModel[LineRow]):
    """Skill | required level; the level column is edited in place with the level combo."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(N_("Skill"), lambda r: r.name),
                Column(
                    N_("Level"),
                    lambda r: svc.level_text(r.level),
                    key=lambda r: r.level,
                    tooltip=lambda r: svc.level_descriptor(r.level),
                    edit=lambda r: r.level,
                    commit=_new_level,
                ),
            ],
            row_id=lambda r: r.skill_id,
        )

    @property
    def lines(self) -> list[tuple[int, str, int]]:
        """(skill id, name, level) of each line, in the order shown."""
        return [(r.skill_id, r.name, r.level) for r in self.rows()]

    def set_lines(self, lines: list[tuple[int, str, int]]) -> None:
        ordered = sorted(lines, key=lambda x: sort_key(x[1]))
        self.set_rows([LineRow(sid, name, level) for sid, name, level in ordered])


def _new_level(row: LineRow, value: EditValue | bool) -> LineRow | None:
    # Kept in the dialog; the profile is saved with the dialog's Save.
    if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
        return None
    return replace(row, level=value)


class ProfileDialog(QDialog):
    def __init__(
        self, ctx: AppContext, profile_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        self.setWindowTitle(_("Role profile"))
        self.resize(620, 600)
        layout = QVBoxLayout(self)
        title_label = QLabel(_("&Job title:"), self)
        self.title = QLineEdit(self)
        self.title.setObjectName("profile_title")
        title_label.setBuddy(self.title)
        layout.addWidget(title_label)
        layout.addWidget(self.title)

        add_row = QHBoxLayout()
        self.skill = QComboBox(self)
        self.skill.setObjectName("profile_skill")
        self.level = LevelCombo(self)
        self.level.setObjectName("profile_level")
        self.level.set_level(2)
        self.add_line = QPushButton(_("&Add the skill"), self)
        self.add_line.setObjectName("profile_add_line")
        self.remove_line = QPushButton(_("&Remove"), self)
        self.remove_line.setObjectName("profile_remove_line")
        add_row.addWidget(self.skill, 2)
        add_row.addWidget(self.level, 1)
        add_row.addWidget(self.add_line)
        add_row.addWidget(self.remove_line)
        layout.addLayout(add_row)
        self.lines = ProfileLinesModel()
        self.table = QTableView(self)
        self.table.setObjectName("profile_lines")
        self.table.setModel(self.lines)
        self.table.setItemDelegateForColumn(1, LevelDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        # The skill's name takes the width; the level column is as wide as its longest text.
        self.lines.modelReset.connect(lambda: fit_columns(self.table, stretch=0))
        layout.addWidget(self.table, 2)
        cards_label = QLabel(_("&Cards the role requires:"), self)
        self.cards = ChoiceList(self, "profile_cards", ticks=True)
        cards_label.setBuddy(self.cards)
        layout.addWidget(cards_label)
        layout.addWidget(self.cards, 1)
        self.error = error_label(self)
        self.error.setObjectName("profile_error")
        layout.addWidget(self.error)
        layout.addWidget(save_cancel_buttons(self, "profile_save", self._save))
        self.add_line.clicked.connect(self._add_line)
        self.remove_line.clicked.connect(self._remove_line)

        with ctx.session() as session:
            skills = svc.list_skills(session)
            names = {
                s.id or 0: svc.skill_name(s) for s in svc.list_skills(session, include_retired=True)
            }
            fill_combo(self.skill, [(svc.skill_name(s), s.id) for s in skills])
            titles = job_titles_in_use(session)
            self.title.setCompleter(QCompleter(titles, self))
            current = next((p for p in svc.list_profiles(session) if p.id == profile_id), None)
            chosen = set(current.card_type_ids) if current else set()
            self._card_names = {
                card.id or 0: svc.card_name(card) for card in svc.list_card_types(session)
            }
            self.cards.set_choices(
                Choice(card_id, name, ticked=card_id in chosen)
                for card_id, name in self._card_names.items()
            )
        self._names = names
        if current is not None:
            self.title.setText(current.title)
            self.lines.set_lines(
                [
                    (line.skill_id, names.get(line.skill_id, "?"), line.level)
                    for line in current.lines
                ]
            )
        self.saving: VersionedSave[svc.ProfileInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        if current is not None:
            self.saving.read(version=current.row_version, values=self.form_input())

    def _add_line(self) -> None:
        sid = self.skill.currentData()
        level = self.level.level()
        if not isinstance(sid, int) or level is None:
            return
        lines = [line for line in self.lines.lines if line[0] != sid]
        lines.append((sid, self.skill.currentText(), level))
        self.lines.set_lines(lines)

    def _remove_line(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            lines = list(self.lines.lines)
            del lines[index.row()]
            self.lines.set_lines(lines)

    def form_input(self) -> svc.ProfileInput:
        cards = self.cards.ticked()
        return svc.ProfileInput.of(
            self.title.text(), {sid: level for sid, _name, level in self.lines.lines}, cards
        )

    def _labels(self) -> dict[str, str]:
        return {
            "title": _("Job title"),
            "lines": _("Skills and levels"),
            "card_type_ids": _("&Cards the role requires:").replace("&", "").rstrip(":"),
        }

    def _display(self, name: str, value: object) -> str:
        if name == "lines" and isinstance(value, tuple):
            return ", ".join(f"{self._names.get(sid, '?')} {level}" for sid, level in value)
        if name == "card_type_ids" and isinstance(value, tuple):
            return ", ".join(self._card_names.get(cid, "?") for cid in value)
        return plain_display(name, value)

    def _save(self) -> None:
        if self.saving.saving:
            return
        profile_id = self.profile_id

        def save(
            session: Session,
            data: svc.ProfileInput,
            version: int | None,
            base: svc.ProfileInput | None,
        ) -> None:
            svc.save_profile(
                session,
                title=data.title,
                lines=dict(data.lines),
                card_type_ids=list(data.card_type_ids),
                profile_id=profile_id,
                expected_version=version,
                base=base,
            )

        def failed(exc: UserError) -> None:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            self.title.setFocus()

        self.saving.save(
            self.form_input(),
            op=save,
            changes=(Change.SKILLS,),
            success=lambda _result: self.accept(),
            failure=failed,
        )
