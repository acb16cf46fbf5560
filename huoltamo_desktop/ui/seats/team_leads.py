"""Team leads: managers who sign in with their own passphrase and see only their teams."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _
from huoltamo_desktop.services import seats
from huoltamo_desktop.services.people import list_people, list_teams
from huoltamo_desktop.services.seats import SeatView
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.forms import error_label, show_validation_error
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel


class TeamLeadDialog(QDialog):
    """Add a team lead: who, which teams, and a passphrase of their own."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("TeamLeadDialog")
        self.setWindowTitle(_("Add a team lead"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "A team lead signs in to the manager side with a passphrase of their own and "
                "sees only the people of the teams chosen here."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.person = QComboBox(self)
        self.person.setObjectName("lead_person")
        self.teams = ChoiceList(self, "lead_teams", ticks=True)
        self.teams.setMaximumHeight(140)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("lead_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("lead_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        for text, widget in (
            (_("&Person"), self.person),
            (_("&Teams"), self.teams),
            (_("Their pass&phrase (at least 12 characters)"), self.passphrase),
            (_("&Repeat it"), self.repeat),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {
            "person": self.person,
            "teams": self.teams,
            "passphrase": self.passphrase,
            "repeat": self.repeat,
        }
        with ctx.session() as session:
            taken = {v.person_id for v in seats.list_seats(session)}
            people = [p for p in list_people(session) if p.id not in taken]
            teams = list_teams(session)
        for p in people:
            self.person.addItem(p.full_name, p.id)
        self.teams.set_choices(Choice(t.id or 0, t.name) for t in teams)

    def chosen_teams(self) -> list[int]:
        return self.teams.ticked()

    def save(self) -> None:
        person_id = self.person.currentData()
        if person_id is None:
            self.error.setText(_("Add the person on the People page first."))
            self.error.setVisible(True)
            return
        passphrase, repeat, teams = self.passphrase.text(), self.repeat.text(), self.chosen_teams()
        scope = self.ctx.scope

        def failed(error: UserError) -> None:
            show_validation_error(self, error, self.fields, self.error)

        # Hashing the passphrase (Argon2id) takes a moment.
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: (
                seats.add_team_lead(
                    session,
                    scope=scope,
                    person_id=int(person_id),
                    team_ids=teams,
                    passphrase=passphrase,
                    repeat=repeat,
                ).id
            ),
            changes=(Change.SEATS,),
            success=lambda _id: self.accept(),
        ).failure(failed).with_busy(_("Saving…")).run_in_background()


SEAT_COLUMNS: list[Column[SeatView]] = [
    Column(N_("Name"), lambda v: v.name),
    Column(N_("Teams"), lambda v: ", ".join(v.team_names)),
]


class TeamLeadsBox(QGroupBox):
    """The list of team leads, with Add and Remove; only the owner sees it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Team leads"), parent)
        self.ctx = ctx
        self.setMaximumWidth(860)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "You sign in with the firm's manager passphrase and see the whole firm. "
                "A team lead gets a passphrase of their own and sees only their teams: "
                "they cannot erase people, export data, change teams or restore backups."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[SeatView] = RowsModel(SEAT_COLUMNS)
        self.table = QTableView(self)
        self.table.setObjectName("team_leads")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumSectionSize(160)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("&Add a team lead…"), self)
        self.add_button.setObjectName("add_team_lead")
        self.remove_button = QPushButton(_("Re&move"), self)
        self.remove_button.setObjectName("remove_team_lead")
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)

    def refresh(self) -> None:
        with self.ctx.session() as session:
            self.model.set_rows(seats.list_seats(session))
        self.table.resizeColumnsToContents()
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    def add(self) -> None:
        dialog = TeamLeadDialog(self.ctx, self)
        if dialog.exec():
            self.refresh()

    def remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        view = self.model.row_at(rows[0].row()) if rows else None
        if view is None:
            return
        answer = QMessageBox.question(
            self,
            _("Team leads"),
            _(
                "Remove {name}'s sign-in to the manager side? They stay in the firm's records."
            ).format(name=view.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.session() as session:
                seats.remove_seat(session, scope=self.ctx.scope, seat_id=view.seat_id)
        except UserError as exc:
            QMessageBox.warning(self, _("Team leads"), str(exc))
        self.refresh()
