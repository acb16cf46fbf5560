"""Settings → Backups: where backing up and restoring are done (one place, the Data and backups page)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from huoltamo_desktop.i18n import _
from huoltamo_desktop.ui.context import AppContext


class BackupBox(QGroupBox):
    """A line on what backups there are and a button to the page that makes and restores them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self.ctx = ctx
        self.setObjectName("BackupBox")
        layout = QVBoxLayout(self)
        explain = QLabel(
            _(
                "The app backs up its data every time it starts and once a day. You make a "
                "backup of your own, save one to a USB stick, restore one and choose how many "
                "are kept on the Data and backups page."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.open_button = QPushButton(_("&Open Data and backups"), self)
        self.open_button.setObjectName("open_backups")
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.open_button.clicked.connect(self.open_backups)

    def open_backups(self) -> None:
        # The main window that holds this page (itself inside the seat's window).
        widget = self.parentWidget()
        while widget is not None:
            go_to = getattr(widget, "go_to", None)
            if callable(go_to):
                go_to("seats")
                return
            widget = widget.parentWidget()
