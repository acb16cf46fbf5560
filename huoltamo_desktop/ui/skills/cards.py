"""Cards and certificates: who holds which, what runs out within 90 days, what a role lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.skills import CardState, card_expiry
from huoltamo_desktop.i18n import N_, _, date_input_format, format_date, ngettext, pick
from huoltamo_desktop.services import people as people_service
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.skills.list_panel import save_cancel_buttons
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import rows_table, selected_id

STATE_COLOURS: dict[str, str] = {CardState.EXPIRED: "#f8a58f", CardState.EXPIRING: "#ffe08a"}
NO_END = 10**6  # sorts a card that never runs out after every one that does


def state_text(state: str, days_left: int | None) -> str:
    if state == CardState.EXPIRED:
        return _("Expired")
    if state == CardState.EXPIRING and days_left is not None:
        return ngettext("Expires in {n} day", "Expires in {n} days", days_left).format(n=days_left)
    if state == CardState.NO_EXPIRY:
        return _("No expiry")
    return _("Valid")


def _status(h: svc.CardHolding) -> str:
    return state_text(h.state, h.days_left)


def holdings_model(*, with_obtained: bool) -> RowsModel[svc.CardHolding]:
    """Who holds which card; the status coloured when the card has run out or soon will."""
    columns: list[Column[svc.CardHolding]] = [
        Column(N_("Person"), lambda h: h.person_name),
        Column(N_("Card"), lambda h: h.card_name),
    ]
    if with_obtained:
        columns.append(
            Column(
                N_("Obtained"),
                lambda h: format_date(h.obtained_on),
                key=lambda h: h.obtained_on or date.min,
            )
        )
    columns += [
        Column(
            N_("Expires"),
            lambda h: format_date(h.expires_on),
            key=lambda h: h.expires_on or date.max,
        ),
        Column(
            N_("Status"),
            _status,
            key=lambda h: h.days_left if h.days_left is not None else NO_END,
            background=lambda h: STATE_COLOURS.get(h.state),
        ),
    ]
    return RowsModel(columns, row_id=lambda h: h.id)


MISSING_COLUMNS: tuple[Column[svc.MissingCard], ...] = (
    Column(N_("Person"), lambda m: m.person_name),
    Column(N_("Job title"), lambda m: m.job_title),
    Column(N_("Card the role requires"), lambda m: m.card_name),
)


@dataclass(frozen=True)
class CardTypeRow:
    id: int
    name: str
    validity: str
    years: int
    about: str


CARD_TYPE_COLUMNS: tuple[Column[CardTypeRow], ...] = (
    Column(N_("Card"), lambda r: r.name),
    Column(N_("Validity"), lambda r: r.validity, key=lambda r: r.years or NO_END),
    Column(N_("About"), lambda r: r.about),
)


class CardsPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Record a card…"), self)
        self.add_button.setObjectName("add_person_card")
        self.remove_button = QPushButton(_("Re&move"), self)
        self.remove_button.setObjectName("remove_person_card")
        self.types_button = QPushButton(_("Card &types…"), self)
        self.types_button.setObjectName("card_types")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.types_button)
        layout.addLayout(buttons)
        self.tabs = QTabWidget(self)
        self.expiring_model = holdings_model(with_obtained=False)
        self.expiring_view = rows_table(
            self, "cards_expiring", self.expiring_model, sort_column=None
        )
        self.missing_model: RowsModel[svc.MissingCard] = RowsModel(MISSING_COLUMNS)
        self.missing_view = rows_table(self, "cards_missing", self.missing_model, sort_column=None)
        self.all_model = holdings_model(with_obtained=True)
        self.all_view = rows_table(self, "cards_all", self.all_model, sort_column=None)
        self.tabs.addTab(self.expiring_view, _("Expiring or expired"))
        self.tabs.addTab(self.missing_view, _("Missing for the role"))
        self.tabs.addTab(self.all_view, _("All cards"))
        layout.addWidget(self.tabs, 1)
        self.add_button.clicked.connect(self.add_card)
        self.remove_button.clicked.connect(self.remove_card)
        self.types_button.clicked.connect(self.card_types)

    def reload(self) -> None:
        today = date.today()
        with self.ctx.session() as session:
            holdings = svc.card_holdings(session, today=today, scope=self.ctx.scope)
            missing = svc.missing_role_cards(session, today=today, scope=self.ctx.scope)
        soon = svc.needs_attention(holdings)
        self.expiring_model.set_rows(soon)
        self.all_model.set_rows(holdings)
        self.missing_model.set_rows(missing)
        self.tabs.setTabText(0, _("Expiring or expired ({n})").format(n=len(soon)))
        self.tabs.setTabText(1, _("Missing for the role ({n})").format(n=len(missing)))
        self.tabs.setTabText(2, _("All cards ({n})").format(n=len(holdings)))
        for view in (self.expiring_view, self.missing_view, self.all_view):
            view.resizeColumnsToContents()

    def add_card(self) -> None:
        dialog = PersonCardDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def remove_card(self) -> None:
        view = self.tabs.currentWidget()
        assert isinstance(view, QTableView)
        key = selected_id(view) if view in (self.expiring_view, self.all_view) else None
        if not isinstance(key, int):
            return
        if (
            QMessageBox.question(self, _("Remove the card"), _("Remove this card from the person?"))
            != QMessageBox.StandardButton.Yes
        ):
            return
        with self.ctx.session() as session:
            svc.remove_person_card(session, person_card_id=key, scope=self.ctx.scope)
        self.reload()
        self.changed.emit()

    def card_types(self) -> None:
        CardTypesDialog(self.ctx, self).exec()
        self.reload()
        self.changed.emit()


class PersonCardDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Record a card"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.person = QComboBox(self)
        self.person.setObjectName("card_person")
        self.card = QComboBox(self)
        self.card.setObjectName("card_type")
        self.obtained = QDateEdit(self)
        self.obtained.setObjectName("card_obtained")
        self.obtained.setCalendarPopup(True)
        self.obtained.setDisplayFormat(date_input_format())
        today = date.today()
        self.obtained.setDate(QDate(today.year, today.month, today.day))
        self.own_expiry = QCheckBox(_("Other &expiry date:"), self)
        self.own_expiry.setObjectName("card_own_expiry")
        self.expires = QDateEdit(self)
        self.expires.setObjectName("card_expires")
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat(date_input_format())
        self.expires.setEnabled(False)
        self.expiry_note = QLabel(self)
        for text, widget in (
            (_("&Person:"), self.person),
            (_("&Card:"), self.card),
            (_("&Obtained:"), self.obtained),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.own_expiry, self.expires)
        form.addRow(self.expiry_note)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(save_cancel_buttons(self, "card_save", self._save))
        with ctx.session() as session:
            fill_combo(
                self.person,
                [(p.full_name, p.id) for p in people_service.list_people(session, scope=ctx.scope)],
            )
            self._validity = {c.id: c.validity_years for c in svc.list_card_types(session)}
            fill_combo(self.card, [(svc.card_name(c), c.id) for c in svc.list_card_types(session)])
        self.own_expiry.toggled.connect(self.expires.setEnabled)
        self.card.currentIndexChanged.connect(self._update_note)
        self.obtained.dateChanged.connect(self._update_note)
        self._update_note()

    def _obtained(self) -> date:
        qd = self.obtained.date()
        return date(qd.year(), qd.month(), qd.day())

    def _update_note(self, *_args: object) -> None:
        years = self._validity.get(self.card.currentData())
        expiry = card_expiry(self._obtained(), years)
        if expiry is None:
            self.expiry_note.setText(_("This card has no set validity."))
        else:
            self.expiry_note.setText(
                ngettext(
                    "Valid until {date} ({years} year).",
                    "Valid until {date} ({years} years).",
                    years or 0,
                ).format(date=format_date(expiry), years=years)
            )
            self.expires.setDate(QDate(expiry.year, expiry.month, expiry.day))

    def _save(self) -> None:
        person_id = self.person.currentData()
        card_id = self.card.currentData()
        if not isinstance(person_id, int) or not isinstance(card_id, int):
            self.error.setText(_("Choose the person and the card."))
            self.error.setVisible(True)
            return
        expires = None
        if self.own_expiry.isChecked():
            qd = self.expires.date()
            expires = date(qd.year(), qd.month(), qd.day())
        try:
            with self.ctx.session() as session:
                svc.add_person_card(
                    session,
                    person_id=person_id,
                    card_type_id=card_id,
                    obtained_on=self._obtained(),
                    expires_on=expires,
                    scope=self.ctx.scope,
                )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.accept()


class CardTypesDialog(QDialog):
    """The cards the firm follows: pick from the bundled Finnish cards or add your own."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Card types"))
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        self.model: RowsModel[CardTypeRow] = RowsModel(CARD_TYPE_COLUMNS, row_id=lambda r: r.id)
        self.view = rows_table(self, "card_types_table", self.model, sort_column=None)
        layout.addWidget(self.view, 1)
        starter_row = QHBoxLayout()
        self.starter = QComboBox(self)
        self.starter.setObjectName("starter_card")
        self.starter_button = QPushButton(_("Add from the &list"), self)
        self.starter_button.setObjectName("add_starter_card")
        starter_row.addWidget(self.starter, 1)
        starter_row.addWidget(self.starter_button)
        layout.addLayout(starter_row)
        own_row = QHBoxLayout()
        self.own_name = QLineEdit(self)
        self.own_name.setObjectName("own_card_name")
        self.own_name.setPlaceholderText(_("Your own card or certificate"))
        self.own_years = QSpinBox(self)
        self.own_years.setObjectName("own_card_years")
        self.own_years.setRange(0, 50)
        self.own_years.setSpecialValueText(_("no expiry"))
        self.own_years.setSuffix(_(" years"))
        self.own_button = QPushButton(_("A&dd"), self)
        self.own_button.setObjectName("add_own_card")
        own_row.addWidget(self.own_name, 2)
        own_row.addWidget(self.own_years)
        own_row.addWidget(self.own_button)
        layout.addLayout(own_row)
        self.error = error_label(self)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("&Close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.starter_button.clicked.connect(self._add_starter)
        self.own_button.clicked.connect(self._add_own)
        self._reload()

    def _reload(self) -> None:
        notes = {c.key: c for c in skills_content.starter_cards()}
        with self.ctx.session() as session:
            types = svc.list_card_types(session)
            have = {c.starter_key for c in types}
            rows: list[CardTypeRow] = []
            for c in types:
                starter = notes.get(c.starter_key or "")
                about = (
                    " ".join(x for x in (pick(starter.description), pick(starter.trust_note)) if x)
                    if starter
                    else ""
                )
                validity = (
                    ngettext("{n} year", "{n} years", c.validity_years).format(n=c.validity_years)
                    if c.validity_years
                    else _("no expiry")
                )
                rows.append(
                    CardTypeRow(c.id or 0, svc.card_name(c), validity, c.validity_years or 0, about)
                )
        self.model.set_rows(rows)
        fill_combo(
            self.starter,
            [(pick(c.name), c.key) for c in skills_content.starter_cards() if c.key not in have],
        )
        self.starter_button.setEnabled(self.starter.count() > 0)
        self.view.resizeColumnToContents(0)

    def _add_starter(self) -> None:
        key = self.starter.currentData()
        if key:
            with self.ctx.session() as session:
                svc.pick_starter_cards(session, keys=[str(key)])
            self._reload()

    def _add_own(self) -> None:
        try:
            with self.ctx.session() as session:
                svc.add_card_type(
                    session,
                    name=self.own_name.text(),
                    validity_years=self.own_years.value() or None,
                )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self.own_name.clear()
        self._reload()
