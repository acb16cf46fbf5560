"""Suggestions: training matched to the gaps of a person, a team, a role or a future need."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.i18n import N_, _, format_number
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_match as match
from huoltamo_desktop.services.training_match import SubjectKind, SuggestionView
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table

SUBJECT_LABELS = {
    SubjectKind.PERSON: N_("A person"),
    SubjectKind.TEAM: N_("A team"),
    SubjectKind.ROLE: N_("A role"),
    SubjectKind.NEED: N_("A future need"),
    SubjectKind.CARDS: N_("Cards to renew"),
}


class SuggestionsPanel(QWidget):
    plan_requested = Signal(int, list)  # offering id, the people it is for

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._subjects: dict[str, list[tuple[str, int | str]]] = {}
        self._people: list[int] = []
        self._renew_people: dict[str, list[int]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            _(
                "Training that closes the gaps found in skill mapping, best first: the deeper the gap "
                "and the further the training takes you, the higher it ranks; a published trust signal, "
                "your firm's own ratings and a lower cost lift it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Suggest for:"), self))
        self.kind = QComboBox(self)
        self.kind.setObjectName("subject_kind")
        fill_combo(self.kind, [(_(label), key) for key, label in SUBJECT_LABELS.items()])
        self.subject = QComboBox(self)
        self.subject.setObjectName("subject")
        self.subject.setMinimumWidth(260)
        row.addWidget(self.kind)
        row.addWidget(self.subject, 1)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model: RowsModel[SuggestionView] = RowsModel(
            [
                Column(N_("Training"), lambda s: s.row.title),
                Column(N_("Provider"), lambda s: s.row.provider),
                Column(
                    N_("Fit"),
                    lambda s: format_number(round(s.score, 1)),
                    key=lambda s: s.score,
                    number=True,
                ),
                Column(
                    N_("Cost"),
                    lambda s: svc.money_text(s.row.cost_cents),
                    key=lambda s: s.row.cost_cents or 0,
                    number=True,
                ),
            ],
            row_id=lambda s: s.row.id,
        )
        self.view = read_only_table(
            splitter, "suggestions", self.model, resize=QHeaderView.ResizeMode.Interactive
        )
        self.view.setSortingEnabled(False)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.why = QTextBrowser(right)
        self.why.setObjectName("suggestion_why")
        right_layout.addWidget(self.why, 1)
        self.plan_button = QPushButton(_("&Plan this training…"), right)
        self.plan_button.setObjectName("plan_suggestion")
        self.plan_button.setEnabled(False)
        right_layout.addWidget(self.plan_button)
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("suggestions_empty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.subject.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.plan_button.clicked.connect(self._plan)

    def load_subjects(self) -> None:
        with self.ctx.session() as session:
            self._subjects = match.subjects(session, scope=self.ctx.scope)
        self._kind_changed()

    def show_for(self, kind: str, subject_id: int | str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.subject.setCurrentIndex(max(0, self.subject.findData(subject_id)))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        fill_combo(self.subject, list(self._subjects.get(kind, [])))
        self.subject.setEnabled(kind != SubjectKind.CARDS)
        self.reload()

    def reload(self) -> None:
        kind, subject = self.kind.currentData(), self.subject.currentData()
        if subject is None:
            self.model.set_rows([])
            self.empty.setText(
                _(
                    "Nothing to choose here yet: add people, teams, role profiles or future needs first."
                )
            )
            self._selected(QItemSelection(), QItemSelection())
            return
        with self.ctx.session() as session:
            scope = self.ctx.scope
            found = match.suggestions(session, kind=kind, subject_id=subject, scope=scope)
            gaps = match.gaps_for(session, kind=kind, subject_id=subject, scope=scope)
        self._people = gaps.people if kind == SubjectKind.PERSON else []
        self._renew_people = gaps.renew_people
        self.model.set_rows(found)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 340))
        if found:
            self.empty.setText("")
            self.view.selectRow(0)
        else:
            self.empty.setText(
                _(
                    "No gaps to close here: the role profile, targets and future needs are met, "
                    "or the catalogue has no training for them yet."
                )
            )
            self._selected(QItemSelection(), QItemSelection())
        self.empty.setVisible(not found)

    def _current(self) -> SuggestionView | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        current = self._current()
        self.plan_button.setEnabled(current is not None)
        if current is None:
            self.why.setHtml("")
            return
        lines = "".join(f"<li>{escape(w)}</li>" for w in current.why)
        why = _("Why this was suggested")
        self.why.setHtml(
            f"<h3>{escape(current.row.title)}</h3><p>{escape(current.row.provider)}</p>"
            f"<p><b>{escape(why)}:</b></p><ul>{lines}</ul>"
        )

    def _plan(self) -> None:
        current = self._current()
        if current is not None:
            # For cards that run out, the plan starts with the people whose card it is.
            people = self._people or self._renew_people.get(current.row.card_key, [])
            self.plan_requested.emit(current.row.id, list(people))
