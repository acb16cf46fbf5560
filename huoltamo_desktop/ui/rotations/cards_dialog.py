"""Which skills count only with a valid card: e.g. TIG welding needs the hot work card."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table


class SkillCardsDialog(QDialog):
    """Lists the card-bound skills; a skill and a card can be tied together or set free."""

    def __init__(self, parent: QWidget, *, ctx: AppContext) -> None:
        super().__init__(parent)
        self.setObjectName("skill_cards_dialog")
        self.setWindowTitle(_("Skills that need a card"))
        self.ctx = ctx
        self.changed = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "A skill tied to a card counts in the coverage only for people whose card is "
                "valid that week, e.g. hot work only with a valid hot work card."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[svc.SkillCardView] = RowsModel(
            [
                Column(N_("Skill"), lambda r: r.skill_name),
                Column(N_("Card"), lambda r: r.card_name),
            ]
        )
        self.table = read_only_table(
            self, "skill_cards_table", self.model, resize=QHeaderView.ResizeMode.Stretch
        )
        self.table.setSortingEnabled(False)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.skill = QComboBox(self)
        self.skill.setObjectName("skill_cards_skill")
        self.card = QComboBox(self)
        self.card.setObjectName("skill_cards_card")
        form.addRow(_("&Skill"), self.skill)
        form.addRow(_("&Card"), self.card)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.tie = QPushButton(_("&Tie the skill to the card"), self)
        self.tie.setObjectName("skill_cards_tie")
        self.free = QPushButton(_("&No card needed"), self)
        self.free.setObjectName("skill_cards_free")
        row.addWidget(self.tie)
        row.addWidget(self.free)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tie.clicked.connect(lambda: self._set(tie=True))
        self.free.clicked.connect(lambda: self._set(tie=False))
        self.table.clicked.connect(self._pick_row)
        self.resize(560, 460)
        self._load()

    def _load(self) -> None:
        with self.ctx.session() as session:
            rows = svc.skill_cards(session)
            skills = sorted(
                ((skills_svc.skill_name(s), s.id) for s in skills_svc.list_skills(session)),
                key=lambda item: sort_key(item[0]),
            )
            cards = sorted(
                ((skills_svc.card_name(c), c.id) for c in skills_svc.list_card_types(session)),
                key=lambda item: sort_key(item[0]),
            )
        self.model.set_rows(rows)
        fill_combo(self.skill, skills, self.skill.currentData())
        fill_combo(self.card, cards, self.card.currentData())
        self.tie.setEnabled(bool(skills) and bool(cards))

    def _pick_row(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self.skill.setCurrentIndex(max(0, self.skill.findData(row.skill_id)))
            self.card.setCurrentIndex(max(0, self.card.findData(row.card_type_id)))

    def _set(self, *, tie: bool) -> None:
        skill_id = self.skill.currentData()
        if skill_id is None:
            return
        try:
            with self.ctx.session() as session:
                svc.set_skill_card(
                    session,
                    skill_id=int(skill_id),
                    card_type_id=int(self.card.currentData()) if tie else None,
                )
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.changed = True
        self._load()
