"""Settings → About and help: the version, the keys that save time, and where things are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from huoltamo_desktop import APP_NAME, __version__
from huoltamo_desktop.i18n import _
from huoltamo_desktop.paths import config_dir, data_dir


def about_text() -> str:
    """The version line and the short help, as rich text (paths escaped)."""
    from html import escape

    keys = [
        ("Ctrl+1 … Ctrl+9", _("move between the pages")),
        ("Ctrl+F", _("search on the People page")),
        ("Ctrl+N", _("add a person on the People page, a conversation on the Conversations page")),
        ("Ctrl+L", _("lock the computer: back to the lock screen")),
        ("Ctrl+W", _("back from a conversation to the list")),
    ]
    rows = "".join(
        f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in keys
    )
    return (
        f"<p><b>{escape(APP_NAME)}</b> "
        + escape(_("version {version}").format(version=__version__))
        + "</p><p>"
        + escape(
            _(
                "Career planning for small firms: people and teams, employees' own self-assessments "
                "and plans, skills, and career conversations with a printed summary. Everything stays "
                "on this computer; nothing is sent anywhere."
            )
        )
        + f"</p><table>{rows}</table><p>"
        + escape(
            _("Your data folder: {data}. Settings of this computer: {config}.").format(
                data=data_dir(), config=config_dir()
            )
        )
        + "</p>"
    )


class AboutBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("About and help"), parent)
        self.setObjectName("AboutBox")
        layout = QVBoxLayout(self)
        self.text = QLabel(about_text(), self)
        self.text.setObjectName("about_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
