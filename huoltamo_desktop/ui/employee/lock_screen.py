"""The lock screen: the manager signs in with the passphrase; an employee picks their name and PIN."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import cast

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.employee import SignInResult
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import N_, _, current_language
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.employee_access import (
    ManagerAccess,
    PersonAccess,
    PersonKey,
)
from huoltamo_desktop.services.people import SignInName, names_for_sign_in
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.texts import heading, wait_message, wrapped
from huoltamo_desktop.ui.ops import ChangeOp
from huoltamo_desktop.ui.seats.sign_in import SeatPicker
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo, language_items
from huoltamo_desktop.ui.widgets.page import search_field
from huoltamo_desktop.ui.widgets.table_model import ID_ROLE, Column, RowsModel, RowsProxy


def names_model() -> RowsModel[SignInName]:
    """Active people by name, for picking oneself on the lock screen."""
    return RowsModel([Column(N_("Name"), lambda r: r.name)], row_id=lambda r: r.person_id)


def wipe(field: QLineEdit) -> None:
    """Empty a field and its undo history: clear() can be undone, so Ctrl+Z would bring text back."""
    field.setText("")


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LockScreen(QWidget):
    """Nothing of anyone is shown here but the names of the active staff."""

    language_chosen = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        *,
        on_manager: Callable[[], None],
        on_employee: Callable[[int, PersonKey], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LockScreen")
        self._on_manager = on_manager
        self._on_employee = on_employee
        self.person: SignInName | None = None
        self.recovery_key: PersonKey | None = None
        # A calm, centred screen with two clear choices: my own planning, or the manager side.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#LockScreen { background: #eef3f5; }"
            "QLabel, QLineEdit, QPushButton, QListView, QCheckBox, QComboBox { font-size: 11pt; }"
            "QFrame#lock_card { background: #ffffff; border: 1px solid #cfd9de; border-radius: 10px; }"
            "#lock_card_title { font-size: 15pt; font-weight: bold; }"
            "#lock_card_subtitle { color: #4a5a62; }"
            "#lock_question { font-size: 13pt; color: #33434b; }"
            "#lock_app { color: #5b6b73; letter-spacing: 1px; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        # The language of the app, for whoever sits down; the names are in their own language.
        top = QHBoxLayout()
        top.addStretch(1)
        self.language = QComboBox(self)
        self.language.setObjectName("lock_language")
        fill_combo(self.language, language_items(), current_language())
        language_label = QLabel(_("&Language"), self)
        language_label.setBuddy(self.language)
        top.addWidget(language_label)
        top.addWidget(self.language)
        outer.addLayout(top)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(str(self.language.currentData()))
        )
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        content = QWidget(self)
        content.setMaximumWidth(980)
        content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        middle.addWidget(content, 100)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        app_label = QLabel(APP_NAME, content)
        app_label.setObjectName("lock_app")
        app_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body.addWidget(app_label)
        self.firm = heading("", content, 22)
        self.firm.setObjectName("lock_firm")
        self.firm.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body.addWidget(self.firm)
        question = wrapped(_("Who is at the computer?"), content, object_name="lock_question")
        question.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body.addWidget(question)
        body.addSpacing(8)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        body.addLayout(columns, 1)

        # --- employee mode ---
        self.employee_box = self._card(
            content,
            _("Employee"),
            _("Your own career planning: self-assessment, exercises and plan"),
        )
        emp_layout = cast(QVBoxLayout, self.employee_box.layout())
        self.employee_stack = QStackedWidget(self.employee_box)
        emp_layout.addWidget(self.employee_stack, 1)
        columns.addWidget(self.employee_box, 3)
        self._build_names()
        self._build_pin()
        self._build_new_pin()
        self._build_recovery_shown()

        # --- manager ---
        self.manager_box = self._card(
            content, _("Manager"), _("People, skills and career conversations")
        )
        man = cast(QVBoxLayout, self.manager_box.layout())
        self.manager_info = wrapped("", self.manager_box)
        man.addWidget(self.manager_info)
        form = QFormLayout()
        self.seat_picker = SeatPicker(self.manager_box, form)
        self.manager_passphrase = _password_field(self.manager_box, "lock_manager_passphrase")
        self.manager_passphrase_label = QLabel(_("P&assphrase"), self.manager_box)
        self.manager_passphrase_label.setBuddy(self.manager_passphrase)
        form.addRow(self.manager_passphrase_label, self.manager_passphrase)
        man.addLayout(form)
        self.manager_error = error_label(self.manager_box)
        man.addWidget(self.manager_error)
        self.manager_button = QPushButton(_("Open the &manager side"), self.manager_box)
        self.manager_button.setObjectName("lock_manager_open")
        self.manager_button.clicked.connect(self._manager_sign_in)
        self.manager_passphrase.returnPressed.connect(self._manager_sign_in)
        man.addWidget(self.manager_button)
        self.set_passphrase_button = QPushButton(_("Set the manager passphrase…"), self.manager_box)
        self.set_passphrase_button.setObjectName("lock_set_passphrase")
        self.set_passphrase_button.clicked.connect(self._set_passphrase)
        man.addWidget(self.set_passphrase_button)
        man.addStretch(1)
        columns.addWidget(self.manager_box, 2)
        self.reload()

    # --- building ----------------------------------------------------------------

    @staticmethod
    def _card(parent: QWidget, title: str, subtitle: str) -> QFrame:
        card = QFrame(parent)
        card.setObjectName("lock_card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 16)
        title_label = QLabel(title, card)
        title_label.setObjectName("lock_card_title")
        layout.addWidget(title_label)
        layout.addWidget(wrapped(subtitle, card, object_name="lock_card_subtitle"))
        layout.addSpacing(6)
        return card

    def _build_names(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            wrapped(
                _(
                    "Pick your name and sign in with your own PIN. What you write here is yours: "
                    "your manager sees only what you decide to share."
                ),
                page,
            )
        )
        self.search = search_field(page, "lock_search", _("Type to find your name"))
        search_label = QLabel(_("&Find your name"), page)
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        self.names = names_model()
        self.proxy = RowsProxy(self.names, self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_list = QListView(page)
        self.name_list.setObjectName("lock_names")
        self.name_list.setModel(self.proxy)
        self.name_list.setUniformItemSizes(True)
        self.name_list.setMinimumHeight(140)
        self.name_list.setMaximumHeight(320)
        self.name_list.activated.connect(lambda _i: self._pick())
        self.name_list.doubleClicked.connect(lambda _i: self._pick())
        layout.addWidget(self.name_list, 1)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick)
        self.names_empty = wrapped(
            _("Nobody has been added yet. The manager adds people on the People page."), page
        )
        layout.addWidget(self.names_empty)
        self.pick_button = QPushButton(_("&Continue"), page)
        self.pick_button.setObjectName("lock_pick")
        self.pick_button.clicked.connect(self._pick)
        layout.addWidget(self.pick_button)
        self.employee_stack.addWidget(page)

    def _build_pin(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.pin_hello = heading("", page, 13)
        layout.addWidget(self.pin_hello)
        form = QFormLayout()
        self.pin = _password_field(page, "lock_pin")
        label = QLabel(_("Your &PIN or passphrase"), page)
        label.setBuddy(self.pin)
        form.addRow(label, self.pin)
        layout.addLayout(form)
        self.pin_error = error_label(page)
        layout.addWidget(self.pin_error)
        row = QHBoxLayout()
        back = QPushButton(_("&Back"), page)
        back.setObjectName("lock_pin_back")
        back.clicked.connect(self.back_to_names)
        self.sign_in_button = QPushButton(_("&Sign in"), page)
        self.sign_in_button.setObjectName("lock_sign_in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._sign_in)
        self.pin.returnPressed.connect(self._sign_in)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        layout.addLayout(row)
        layout.addWidget(
            wrapped(_("Forgot your PIN? Ask your manager to let you set a new one."), page)
        )
        layout.addStretch(1)
        self.employee_stack.addWidget(page)

    def _build_new_pin(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.new_hello = heading("", page, 13)
        layout.addWidget(self.new_hello)
        self.new_explain = wrapped("", page)
        layout.addWidget(self.new_explain)
        form = QFormLayout()
        self.new_pin = _password_field(page, "lock_new_pin")
        self.new_pin_repeat = _password_field(page, "lock_new_pin_repeat")
        self.recovery = QLineEdit(page)
        self.recovery.setObjectName("lock_recovery_code")
        self.recovery.setPlaceholderText("ABCD-EFGH-JKLM-NPQR-STUV")
        l1 = QLabel(_("New &PIN or passphrase"), page)
        l1.setBuddy(self.new_pin)
        l2 = QLabel(_("&Repeat it"), page)
        l2.setBuddy(self.new_pin_repeat)
        self.recovery_label = QLabel(_("Recovery &code (if you have it)"), page)
        self.recovery_label.setBuddy(self.recovery)
        self.approval = _password_field(page, "lock_first_visit_approval")
        self.approval_label = QLabel(_("Manager's &approval"), page)
        self.approval_label.setBuddy(self.approval)
        self.approval.setPlaceholderText(_("manager passphrase or first-visit code"))
        form.addRow(l1, self.new_pin)
        form.addRow(l2, self.new_pin_repeat)
        form.addRow(self.recovery_label, self.recovery)
        form.addRow(self.approval_label, self.approval)
        layout.addLayout(form)
        self.new_error = error_label(page)
        layout.addWidget(self.new_error)
        row = QHBoxLayout()
        back = QPushButton(_("&Back"), page)
        back.clicked.connect(self.back_to_names)
        self.new_pin_button = QPushButton(_("&Save my PIN"), page)
        self.new_pin_button.setObjectName("lock_save_pin")
        self.new_pin_button.setDefault(True)
        self.new_pin_button.clicked.connect(self._save_new_pin)
        self.new_pin_repeat.returnPressed.connect(self._save_new_pin)
        self.approval.returnPressed.connect(self._save_new_pin)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.new_pin_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.employee_stack.addWidget(page)
        self.fields = {
            "secret": self.new_pin,
            "repeat": self.new_pin_repeat,
            "recovery": self.recovery,
            "approval": self.approval,
        }

    def _build_recovery_shown(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading(_("Your recovery code"), page, 13))
        layout.addWidget(
            wrapped(
                _(
                    "Write this code down on paper and keep it at home. If you ever forget your PIN, "
                    "your manager can let you set a new one, and with this code you keep everything "
                    "you have written. Without it, your private notes cannot be opened by anyone. "
                    "The code is shown only now."
                ),
                page,
            )
        )
        self.code_label = QLabel(page)
        self.code_label.setObjectName("lock_recovery_shown")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet(
            "font-family: monospace; font-size: 18pt; font-weight: bold; padding: 10px;"
        )
        self.code_label.setFrameShape(QFrame.Shape.Box)
        layout.addWidget(self.code_label)
        self.code_written = QCheckBox(_("I have &written the code down"), page)
        self.code_written.setObjectName("lock_code_written")
        layout.addWidget(self.code_written)
        self.code_continue = QPushButton(_("&Continue"), page)
        self.code_continue.setObjectName("lock_code_continue")
        self.code_continue.setEnabled(False)
        self.code_written.toggled.connect(self.code_continue.setEnabled)
        self.code_continue.clicked.connect(self._code_done)
        layout.addWidget(self.code_continue)
        layout.addStretch(1)
        self.employee_stack.addWidget(page)

    # --- state -------------------------------------------------------------------

    def reload(self) -> None:
        from huoltamo_desktop.services.firm import get_organisation

        with self.ctx.session() as session:
            org = get_organisation(session)
            rows = names_for_sign_in(session)
            self.manager_state = access.manager_access(session)
            self.seat_picker.reload(session, visible=self.manager_state == ManagerAccess.PASSPHRASE)
        self.firm.setText(org.name if org else APP_NAME)
        self.names.set_rows(rows)
        self.names_empty.setVisible(not rows)
        self.name_list.setVisible(bool(rows))
        if rows:
            self.name_list.setCurrentIndex(self.proxy.index(0, 0))
        state = self.manager_state
        self.manager_passphrase.setVisible(state == ManagerAccess.PASSPHRASE)
        self.manager_passphrase_label.setVisible(state == ManagerAccess.PASSPHRASE)
        self.manager_button.setVisible(state != ManagerAccess.UNSET)
        self.set_passphrase_button.setVisible(state == ManagerAccess.UNSET)
        self.manager_info.setText(
            {
                ManagerAccess.PASSPHRASE: _("The manager side needs the manager passphrase."),
                ManagerAccess.OPEN: _(
                    "This computer was set up as not shared with employees, so the manager side has no passphrase."
                ),
                ManagerAccess.UNSET: _(
                    "The manager side has no passphrase yet. The manager sets one now, before "
                    "anyone else uses this computer; the manager side opens after that."
                ),
            }[state]
        )
        self.employee_stack.setCurrentIndex(0)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.name_list.setCurrentIndex(self.proxy.index(0, 0))

    def back_to_names(self) -> None:
        for field in (self.pin, self.new_pin, self.new_pin_repeat, self.recovery, self.approval):
            wipe(field)
        for label in (self.pin_error, self.new_error):
            label.clear()
            label.setVisible(False)
        self.person = None
        self.employee_stack.setCurrentIndex(0)
        self.search.setFocus()

    def _pick(self) -> None:
        index = self.name_list.currentIndex()
        if not index.isValid():
            return
        person_id = self.proxy.data(index, ID_ROLE)
        self.person = next(r for r in self.names.rows() if r.person_id == person_id)
        with self.ctx.session() as session:
            state = access.person_access(session, person_id=person_id)
        if state == PersonAccess.READY:
            self.pin_hello.setText(_("Hi, {name}").format(name=self.person.first_name))
            self.employee_stack.setCurrentIndex(1)
            self.pin.setFocus()
            return
        self.new_hello.setText(_("Hi, {name}").format(name=self.person.first_name))
        reset = state == PersonAccess.NEW_SECRET_ALLOWED
        self.recovery.setVisible(reset)
        self.recovery_label.setVisible(reset)
        approve = not reset and self.manager_state == ManagerAccess.PASSPHRASE
        self.approval.setVisible(approve)
        self.approval_label.setVisible(approve)
        if reset:
            self.new_explain.setText(
                _(
                    "Your manager has let you choose a new PIN. If you have your recovery code, type it "
                    "too and you keep everything. Without it, what you wrote under the old PIN (your "
                    "self-assessments, exercise notes and career plan draft) cannot be opened any more "
                    "and is deleted. What you have shared with your manager stays."
                )
            )
        else:
            self.new_explain.setText(
                _(
                    "This is your first visit. Choose a PIN of at least 6 digits, or a passphrase of at "
                    "least 10 characters. Only you know it: it locks your own notes, and nobody, not "
                    "even your manager, can read them without it."
                )
                + (
                    " "
                    + _(
                        "So that nobody else can take your place, your manager approves the first "
                        "visit: they type the manager passphrase below, or give you a first-visit code."
                    )
                    if approve
                    else ""
                )
            )
        self.employee_stack.setCurrentIndex(2)
        self.new_pin.setFocus()

    def _sign_in(self) -> None:
        if self.person is None:
            return
        person_id, secret, now = self.person.person_id, self.pin.text(), utcnow()
        wipe(self.pin)
        # Checking the PIN takes a deliberate half second (Argon2): off the UI thread.
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: access.sign_in(session, person_id=person_id, secret=secret, now=now),
            changes=(),
            success=lambda outcome: self._signed_in(person_id, now, *outcome),
        ).with_busy(_("Checking the PIN…")).run_in_background()

    def _signed_in(
        self, person_id: int, now: datetime, result: SignInResult, key: PersonKey | None
    ) -> None:
        if self.person is None or self.person.person_id != person_id:
            return
        if result.ok and key is not None:
            self._on_employee(person_id, key)
            return
        if result.wait_until is not None:
            message = wait_message(result.wait_until, now, locked=result.locked)
            if result.checked:
                message = _("Wrong PIN.") + " " + message
        else:
            message = _("Wrong PIN. Try again.")
        self.pin_error.setText(message)
        self.pin_error.setVisible(True)
        self.pin.setFocus()

    def _save_new_pin(self) -> None:
        if self.person is None:
            return
        person_id = self.person.person_id
        secret, repeat = self.new_pin.text(), self.new_pin_repeat.text()
        code, approval, now = self.recovery.text(), self.approval.text(), utcnow()

        def save(session: Session) -> tuple[SignInResult | None, PersonKey | None, str | None]:
            state = access.person_access(session, person_id=person_id)
            if state == PersonAccess.NEW_SECRET_ALLOWED:
                key, recovery = access.set_new_secret(
                    session, person_id=person_id, secret=secret, repeat=repeat, recovery_code=code
                )
                return None, key, recovery
            return access.first_visit(
                session,
                person_id=person_id,
                secret=secret,
                repeat=repeat,
                approval=approval,
                now=now,
            )

        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=save,
            changes=(Change.EMPLOYEE,),
            success=lambda saved: self._new_pin_saved(person_id, now, *saved),
        ).failure(self._new_pin_refused).with_busy(
            _("Locking your notes with the PIN…")
        ).run_in_background()

    def _new_pin_refused(self, exc: UserError) -> None:
        self.new_error.setText(str(exc))
        self.new_error.setVisible(True)
        field = exc.field if isinstance(exc, ValidationError) else None
        self.fields.get(field or "", self.new_pin).setFocus()

    def _new_pin_saved(
        self,
        person_id: int,
        now: datetime,
        result: SignInResult | None,
        key: PersonKey | None,
        code: str | None,
    ) -> None:
        if self.person is None or self.person.person_id != person_id:
            return
        if key is None:  # the first visit was not approved
            wipe(self.approval)
            message = _(
                "That is not the manager passphrase or your first-visit code. Ask your manager."
            )
            if result is not None and result.wait_until is not None:
                message += " " + wait_message(result.wait_until, now, locked=result.locked)
            self.new_error.setText(message)
            self.new_error.setVisible(True)
            self.approval.setFocus()
            return
        for field in (self.new_pin, self.new_pin_repeat, self.recovery, self.approval):
            wipe(field)
        if code is None:
            self._on_employee(self.person.person_id, key)
            return
        self.recovery_key = key
        self.code_label.setText(code)
        self.code_written.setChecked(False)
        self.employee_stack.setCurrentIndex(3)
        self.code_written.setFocus()

    def _code_done(self) -> None:
        key, self.recovery_key = self.recovery_key, None
        self.code_label.clear()
        if key is not None and self.person is not None:
            self._on_employee(self.person.person_id, key)

    def _manager_sign_in(self) -> None:
        passphrase, now = self.manager_passphrase.text(), utcnow()
        wipe(self.manager_passphrase)
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=self.seat_picker.sign_in_call(passphrase=passphrase, now=now),
            changes=(),
            success=lambda checked: self._manager_checked(checked, now),
        ).with_busy(_("Checking the passphrase…")).run_in_background()

    def _manager_checked(self, checked: tuple[SignInResult, Scope | None], now: datetime) -> None:
        result, scope = checked
        if result.ok and scope is not None:
            self.ctx.scope = scope
            self._on_manager()
            return
        if result.wait_until is not None:
            message = wait_message(result.wait_until, now, locked=result.locked)
            if result.checked:
                message = _("Wrong passphrase.") + " " + message
        else:
            message = _("Wrong passphrase. Try again.")
        self.manager_error.setText(message)
        self.manager_error.setVisible(True)
        self.manager_passphrase.setFocus()

    def _set_passphrase(self) -> None:
        from huoltamo_desktop.ui.employee.passphrase import ManagerPassphraseDialog

        # Only a passphrase can be set here; whoever sets it is the manager signing in.
        dialog = ManagerPassphraseDialog(self.ctx, self, allow_not_shared=False)
        if dialog.exec():
            self.reload()
            if self.manager_state == ManagerAccess.PASSPHRASE:
                self._on_manager()
