"""What the editable skills lists and their dialogs share: intro, buttons, edit, delete, Save/Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.i18n import _
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.widgets.table_view import selected_id


class ListPanel(QWidget):
    """A list whose rows open in a dialog and can be deleted after a question.

    Subclasses build ``self.view`` (rows_table() over rows with an id), and say
    how to reload, which dialog edits a row and how a row is deleted.
    """

    changed = Signal()
    view: QTableView

    def __init__(self, ctx: AppContext, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.main_layout = QVBoxLayout(self)
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.main_layout.addWidget(label)

    def edit_buttons(self, new_text: str, name: str) -> QHBoxLayout:
        """The New/Edit/Delete row, with object names add_<name>, edit_<name>, delete_<name>."""
        buttons = QHBoxLayout()
        self.add_button = QPushButton(new_text, self)
        self.add_button.setObjectName(f"add_{name}")
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.setObjectName(f"edit_{name}")
        self.delete_button = QPushButton(_("&Delete"), self)
        self.delete_button.setObjectName(f"delete_{name}")
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        return buttons

    def connect_edits(self) -> None:
        """Wire the buttons and a double click; call once ``self.view`` exists."""
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self.delete)
        self.view.doubleClicked.connect(lambda _i: self._edit_selected())

    # Hooks each subclass fills in (QWidget's metaclass rules out abc.ABC here).

    def reload(self) -> None:
        """Read the rows again into the view's model."""
        raise NotImplementedError

    def dialog(self, key: int | None) -> QDialog:
        """The dialog that edits row ``key`` (None: a new row)."""
        raise NotImplementedError

    def delete_row(self, key: int) -> None:
        """Delete row ``key`` from the database."""
        raise NotImplementedError

    def delete_question(self) -> tuple[str, str]:
        """The (title, question) asked before a row is deleted."""
        raise NotImplementedError

    def _edit_selected(self) -> None:
        key = selected_id(self.view)
        if isinstance(key, int):
            self.edit(key)

    def edit(self, key: int | None) -> None:
        if self.dialog(key).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def refresh(self) -> None:
        self.reload()
        self.changed.emit()

    def delete(self) -> None:
        key = selected_id(self.view)
        if not isinstance(key, int):
            return
        title, question = self.delete_question()
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return
        self.delete_row(key)
        self.refresh()


def save_cancel_buttons(
    dialog: QDialog, save_name: str, on_save: Callable[[], None]
) -> QDialogButtonBox:
    """Save and Cancel in the user's language; Save runs ``on_save``, which accepts when all is well."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(_("&Save"))
    save.setObjectName(save_name)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons
