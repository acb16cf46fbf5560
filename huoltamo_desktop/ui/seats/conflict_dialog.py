"""Someone else saved the same record: yours and theirs side by side, per field, you choose."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import _


class ConflictDialog(QDialog):
    """One row per field both changed: your value or theirs (yours is chosen at first).

    ``choices()`` gives the values to save: the merged record with the chosen
    side of every conflicting field.
    """

    def __init__(
        self,
        conflict: ConflictError,
        *,
        labels: Mapping[str, str],
        display: Callable[[str, object], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(_("Saved by someone else meanwhile"))
        self.conflict = conflict
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "While you were editing, someone else saved other values in the fields below. "
                "Their other changes are kept. Choose which value to keep in each field."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for col, text in enumerate((_("Field"), _("Yours"), _("Theirs (saved)"))):
            head = QLabel(f"<b>{text}</b>", self)
            grid.addWidget(head, 0, col)
        self._groups: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        for row, item in enumerate(conflict.conflicts, start=1):
            label = labels.get(item.field, item.field)
            grid.addWidget(QLabel(label, self), row, 0)
            mine = QRadioButton(display(item.field, item.yours) or _("(empty)"), self)
            mine.setObjectName(f"yours_{item.field}")
            theirs = QRadioButton(display(item.field, item.theirs) or _("(empty)"), self)
            theirs.setObjectName(f"theirs_{item.field}")
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            mine.setChecked(True)
            grid.addWidget(mine, row, 1)
            grid.addWidget(theirs, row, 2)
            self._groups[item.field] = (mine, theirs)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(self)
        save = buttons.addButton(_("&Save these"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("save_choices")
        back = buttons.addButton(_("&Back to editing"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("back_to_editing")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choices(self) -> dict[str, object]:
        values = dict(self.conflict.merged)
        for item in self.conflict.conflicts:
            mine, _theirs = self._groups[item.field]
            values[item.field] = item.yours if mine.isChecked() else item.theirs
        return values
