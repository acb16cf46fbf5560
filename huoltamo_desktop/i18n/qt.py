"""Qt's own strings (dialog buttons, context menus) in the app's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def install_qt_translations(language: str) -> None:
    """Load qtbase_<lang>.qm so that Qt's own buttons follow the chosen language."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(
        QLocale({"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}.get(language, "fi_FI"))
    )
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", path):
        app.installTranslator(translator)
        _installed.append(translator)
