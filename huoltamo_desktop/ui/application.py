"""Start the Qt application: open the database, first-run set-up, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from huoltamo_desktop import APP_ID, APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.migrate import open_database
from huoltamo_desktop.ui.context import AppContext


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Tyourahuoltamo")
    return app


def start_window(ctx: AppContext) -> QWidget:
    """The first window: set-up on a new database, else the main window."""
    from huoltamo_desktop.services.firm import get_organisation
    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    with ctx.session() as session:
        has_firm = get_organisation(session) is not None
    if has_firm:
        window: QWidget = MainWindow(ctx)
        window.show()
        return window
    dialog = FirstRunDialog(ctx)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def finished(result: int) -> None:
        if result:
            main = MainWindow(ctx)
            main.show()
            ctx.setProperty("main_window", main)
            dialog.deleteLater()
        else:
            QApplication.quit()

    dialog.finished.connect(finished)
    dialog.show()
    return dialog


def run(*, url: str, label: str, settings: LocalSettings, demo: bool = False) -> int:
    app = make_application()
    install_qt_translations(settings.language)
    try:
        engine, _info = open_database(url)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    except Exception as exc:  # a server or driver error: say it plainly, no traceback
        QMessageBox.critical(
            None, APP_NAME, _("The database could not be opened: {error}").format(error=exc)
        )
        return 1
    ctx = AppContext(engine, settings, label, demo=demo)
    window = start_window(ctx)
    code = app.exec()
    del window
    engine.dispose()
    return int(code)
