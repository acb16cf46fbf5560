"""A reusable PDF preview: pages rendered as images, zoom, and printing on a QPrinter.

PySide6-Essentials has no QtPdf module, so pages are rasterised with PDFium
(pypdfium2) for the screen and again at the printer's resolution for paper.
The widget has no texts of its own: the page that uses it adds its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def _render(page: object, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72.0, prefer_bgrx=True, fill_color=(255, 255, 255, 255))  # type: ignore[attr-defined]
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGB32,
        )
        return image.copy()  # own the pixels before PDFium frees its buffer
    finally:
        bitmap.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


class PdfView(QScrollArea):
    """Shows the pages of a PDF one below the other; Ctrl + wheel or Ctrl +/- zooms."""

    ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_view")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pdf = b""
        self._zoom_index = 3
        self._user_zoomed = False
        self._pages: list[QLabel] = []
        self._inner = QWidget(self)
        self._inner.setStyleSheet("background: #8a8f94;")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        QShortcut(
            QKeySequence.StandardKey.ZoomIn,
            self,
            self.zoom_in,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence.StandardKey.ZoomOut,
            self,
            self.zoom_out,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # --- content -------------------------------------------------------------------

    def set_pdf(self, pdf: bytes) -> None:
        self._pdf = pdf
        if not self._user_zoomed:
            self._fit_width()
        self._render_all()

    def _fit_width(self) -> None:
        """Until the user zooms, the largest zoom up to 100 % at which a whole page width shows."""
        available = self.viewport().width() - 2 * self._layout.contentsMargins().left() - 4
        if not self._pdf or available < 200:  # not laid out yet: keep the zoom as it is
            return
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(self._pdf)
        try:
            width_pt = document[0].get_width() if len(document) else 595.0
        finally:
            document.close()
        fitting = [
            i
            for i, z in enumerate(self.ZOOMS)
            if z <= 1.0 and width_pt / 72 * 96 * z + 2 <= available
        ]
        self._zoom_index = fitting[-1] if fitting else 0

    def pdf(self) -> bytes:
        return self._pdf

    def page_count(self) -> int:
        return len(self._pages)

    def page_image(self, index: int) -> QImage:
        return self._pages[index].pixmap().toImage()

    def zoom(self) -> float:
        return self.ZOOMS[self._zoom_index]

    def zoom_in(self) -> None:
        if self._zoom_index < len(self.ZOOMS) - 1:
            self._zoom_index += 1
            self._user_zoomed = True
            self._render_all()

    def zoom_out(self) -> None:
        if self._zoom_index > 0:
            self._zoom_index -= 1
            self._user_zoomed = True
            self._render_all()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    def _render_all(self) -> None:
        for label in self._pages:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._pages = []
        if not self._pdf:
            return
        import pypdfium2 as pdfium

        dpi = 96 * self.zoom() * max(1.0, self.devicePixelRatioF())
        document = pdfium.PdfDocument(self._pdf)
        try:
            for index in range(len(document)):
                pixmap = QPixmap.fromImage(_render(document[index], dpi))
                pixmap.setDevicePixelRatio(max(1.0, self.devicePixelRatioF()))
                label = QLabel(self._inner)
                label.setObjectName(f"pdf_page_{index + 1}")
                label.setPixmap(pixmap)
                label.setStyleSheet("background: white; border: 1px solid #555;")
                self._layout.addWidget(label)
                self._pages.append(label)
        finally:
            document.close()

    def sizeHint(self) -> QSize:
        return QSize(640, 800)

    # --- paper -----------------------------------------------------------------------

    def print_to(self, printer: QPrinter) -> int:
        """Print every page on ``printer`` at its resolution; returns the number of pages."""
        return print_pdf(self._pdf, printer)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer`` at its resolution; returns the number of pages.

    Raises OSError when the printer cannot be started.
    """
    import pypdfium2 as pdfium

    if not pdf:
        return 0
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError("printer")
    try:
        dpi = min(printer.resolution(), 300)
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = _render(document[index], dpi)
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            painter.setWindow(target)
        return len(document)
    finally:
        painter.end()
        document.close()
