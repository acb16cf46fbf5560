"""The manager's main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.i18n import _
from huoltamo_desktop.paths import config_dir
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.shell.pages import PageSpec, page_specs


def window_settings() -> QSettings:
    """Window geometry and view state, in the user's settings folder."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, QWidget] = {}
        self._build()
        self._restore_geometry()
        ctx.language_changed.connect(self._retranslate)

    # --- building -------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QWidget(central)
        side.setObjectName("NavPanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 12, 8, 8)
        self.firm_label = QLabel(side)
        self.firm_label.setObjectName("FirmLabel")
        self.firm_label.setWordWrap(True)
        self.nav = QListWidget(side)
        self.nav.setObjectName("Navigation")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(230)
        # Long page names (Swedish especially) wrap instead of growing a scroll bar.
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        side_layout.addWidget(self.firm_label)
        side_layout.addWidget(self.nav, 1)
        self.stack = QStackedWidget(central)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(
            "#NavPanel { background: palette(alternate-base); }"
            "#FirmLabel { font-weight: bold; padding: 4px 6px 10px 6px; }"
            "#Navigation::item { padding: 7px 6px; }"
        )
        self.nav.currentRowChanged.connect(self._show_page)
        self._fill_pages()
        self._shortcuts()

    def _fill_pages(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        while (widget := self.stack.widget(0)) is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        for index, spec in enumerate(self.specs):
            item = QListWidgetItem(self._title(spec, index))
            if spec.icon and hasattr(QStyle.StandardPixmap, spec.icon):
                item.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            page = spec.factory(self.ctx)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
        self.nav.blockSignals(False)
        self._update_title()
        self.nav.setCurrentRow(0)
        self._show_page(0)

    def _title(self, spec: PageSpec, index: int) -> str:
        return _(spec.title)

    def _shortcuts(self) -> None:
        for index in range(min(9, len(self.specs))):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.go_to_index(i))
            self.addAction(action)

    def _update_title(self) -> None:
        from huoltamo_desktop.services.firm import get_organisation

        with self.ctx.session() as session:
            org = get_organisation(session)
            name = org.name if org else ""
        self.firm_label.setText(name)
        # Qt adds " — Työurahuoltamo" (the application's display name) itself.
        suffix = " (" + _("demo firm") + ")" if self.ctx.demo else ""
        self.setWindowTitle(f"{name}{suffix}")

    # --- navigation -------------------------------------------------------------

    def go_to(self, key: str) -> QWidget:
        """Show the page ``key`` and return it."""
        index = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.go_to_index(index)
        return self.pages[key]

    def go_to_index(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _show_page(self, index: int) -> None:
        if index < 0 or index >= len(self.specs):
            return
        page = self.pages[self.specs[index].key]
        self.stack.setCurrentWidget(page)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _retranslate(self, _language: str) -> None:
        current = self.nav.currentRow()
        self._fill_pages()
        self.go_to_index(max(0, current))

    # --- geometry ---------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = window_settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = window_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.sync()
        super().closeEvent(event)
