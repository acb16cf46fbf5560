"""Someone else saved the same record: yours and theirs side by side, per field, you choose."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
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
        self.setMinimumWidth(600)
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
            label = QLabel(labels.get(item.field, item.field), self)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            pair = []
            for col, (side, value) in enumerate(
                (("yours", item.yours), ("theirs", item.theirs)), start=1
            ):
                cell, button = self._choice(f"{side}_{item.field}", display(item.field, value))
                group.addButton(button)
                grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
                pair.append(button)
            pair[0].setChecked(True)
            self._groups[item.field] = (pair[0], pair[1])
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(self)
        save = buttons.addButton(_("&Save these"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("save_choices")
        back = buttons.addButton(_("&Back to editing"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("back_to_editing")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped values decide the height: the window never cuts them off.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _choice(self, name: str, text: str) -> tuple[QWidget, QRadioButton]:
        """A round button with the value beside it, wrapped: a long note or name is read whole."""
        cell = QWidget(self)
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        button = QRadioButton(cell)
        button.setObjectName(name)
        value = _ValueLabel(text or _("(empty)"), button, cell)
        value.setObjectName(f"{name}_text")
        button.setAccessibleName(value.text())
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(value, 1)
        return cell, button

    def choices(self) -> dict[str, object]:
        values = dict(self.conflict.merged)
        for item in self.conflict.conflicts:
            mine, _theirs = self._groups[item.field]
            values[item.field] = item.yours if mine.isChecked() else item.theirs
        return values


class _ValueLabel(QLabel):
    """A value beside its round button; a click on the text chooses it too."""

    def __init__(self, text: str, button: QRadioButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(180)
        self.setMaximumWidth(340)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._button.setChecked(True)
        self._button.setFocus()
        super().mousePressEvent(event)
