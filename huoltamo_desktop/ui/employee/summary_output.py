"""Save "my summary" as a PDF file, or print it.

PySide6-Essentials has no QtPdf, so the PDF cannot be rasterised for the
printer here. Printing therefore lays out the same summary data as a rich-text
document (with the same chart, painted by Qt) and prints its pages through
QPrinter/QPrintDialog.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from huoltamo_desktop.domain.employee import SummaryData
from huoltamo_desktop.i18n import _, format_date, translator_for
from huoltamo_desktop.ui.employee.area_chart import AreaChart


def suggested_file_name(person_name: str) -> str:
    safe = re.sub(r"[^\w\- ]+", "", person_name).strip().replace(" ", "_") or "summary"
    return _("career_summary_{name}.pdf").format(name=safe)


def save_pdf(parent: QWidget, pdf: bytes, person_name: str) -> Path | None:
    path_text, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save my summary as PDF"),
        str(Path.home() / suggested_file_name(person_name)),
        _("PDF files (*.pdf)"),
    )
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            _("Save my summary as PDF"),
            _("The file could not be saved ({error}). Choose another folder.").format(
                error=exc.strerror or exc
            ),
        )
        return None
    QMessageBox.information(
        parent, _("Save my summary as PDF"), _("Saved: {path}").format(path=path)
    )
    return path


def summary_document(data: SummaryData) -> QTextDocument:
    """The summary as a rich-text document in the person's language (for printing)."""
    t = translator_for(data.language).gettext
    lang = data.language
    doc = QTextDocument()
    parts = [
        f"<h1>{escape(t('My career summary'))}</h1>",
        f"<p>{escape(data.person_name)}{' · ' + escape(data.firm_name) if data.firm_name else ''}<br/>",
        f"<small>{escape(t('Made on {date}').format(date=format_date(data.made_on, lang)))}</small></p>",
        f"<h2>{escape(t('Self-assessment of career skills'))}</h2>",
    ]
    if data.assessed_on is None:
        parts.append(f"<p>{escape(t('No self-assessment has been finished yet.'))}</p>")
    else:
        parts.append(
            f"<p>{escape(t('Assessed on {date}.').format(date=format_date(data.assessed_on, lang)))}</p>"
        )
        chart = AreaChart()
        chart.set_scores([(a.title, a.score, a.previous) for a in data.areas])
        chart.resize(QSize(640, chart.sizeHint().height()))
        image = QImage(chart.size(), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        chart.render(painter, QPoint(0, 0))
        painter.end()
        chart.deleteLater()
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://areas"), image)
        parts.append('<p><img src="chart://areas"/></p>')
        for heading, items in (
            (t("My strongest areas"), data.strengths),
            (t("Areas I want to develop"), data.to_develop),
        ):
            if items:
                parts.append(f"<h3>{escape(heading)}</h3>")
                parts.extend(f"<p><b>{escape(a)}.</b> {escape(text)}</p>" for a, text in items)
    parts.append(f"<h2>{escape(t('My exercises'))}</h2>")
    if not data.exercises:
        parts.append(f"<p>{escape(t('No exercises chosen yet.'))}</p>")
    for ex in data.exercises:
        state = t("done") if ex.done else t("in progress")
        parts.append(f"<p><b>{escape(ex.title)}</b> · {escape(ex.area)} · {escape(state)}</p>")
        if ex.reflection:
            parts.append(f"<blockquote>{escape(ex.reflection)}</blockquote>")
    parts.append(f"<h2>{escape(t('My career plan'))}</h2>")
    if not data.plan_sections and not data.next_steps:
        parts.append(f"<p>{escape(t('The career plan is still empty.'))}</p>")
    for section, text in data.plan_sections:
        parts.append(f"<h3>{escape(section)}</h3><p>{escape(text).replace(chr(10), '<br/>')}</p>")
    if data.next_steps:
        parts.append(f"<h3>{escape(t('Next steps'))}</h3><ul>")
        parts.extend(
            f"<li>{escape(text)}{' – ' + escape(format_date(when, lang)) if when else ''}</li>"
            for text, when in data.next_steps
        )
        parts.append("</ul>")
    doc.setHtml("".join(parts))
    return doc


def print_summary(parent: QWidget, data: SummaryData) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print my summary"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    summary_document(data).print_(printer)
    return True
