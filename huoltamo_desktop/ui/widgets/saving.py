"""The one way a page saves a file it made: PDF, workbook, CSV, JSON, calendar.

The person picks the place in the app's own file dialog; the name gets the
suffix of the chosen type when it has none; the bytes are made off the UI
thread and written through ``storage.files.write_export`` (a temporary file
and a rename, never over the database); a failure is said in a message box
and nothing is half-written::

    save_file(
        self,
        ctx=self.ctx,
        title=_("Export the skills matrix"),
        file_name=_("skills-matrix") + ".xlsx",
        kinds=(FileKind(".xlsx", _("Excel workbook (*.xlsx)")),),
        build=lambda session, kind: export_matrix_bytes(matrix_export_data(session), "xlsx"),
        saved=lambda path: self.status.setText(_("Saved {path}.").format(path=path)),
    )

``PdfOutput`` saves the bytes of its preview with ``ask_save_path`` and
``write_file``, the same two steps without the worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.files import write_export
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp, QueryOp
from huoltamo_desktop.ui.widgets.files import save_file_choice


@dataclass(frozen=True)
class FileKind:
    """One type of file the save dialog offers: its suffix and the filter line it shows."""

    suffix: str  # ".pdf"
    filter: str  # "PDF files (*.pdf)", translated by the page that offers it


def ask_save_path(
    parent: QWidget, *, title: str, file_name: str, kinds: Sequence[FileKind]
) -> tuple[Path, FileKind] | None:
    """Where to save and as what; None when the person cancelled.

    The type picked in the dialog wins; a name without its suffix gets it
    ("plan" becomes "plan.pdf", "plan.v2" "plan.v2.pdf", and "list.json"
    saved as CSV "list.csv").
    """
    start = Path(file_name)
    if not start.is_absolute():
        start = Path.home() / start
    path_text, chosen = save_file_choice(
        parent, caption=title, start=str(start), filter=";;".join(k.filter for k in kinds)
    )
    if not path_text:
        return None
    path = Path(path_text)
    by_filter = next((k for k in kinds if k.filter == chosen), None)
    by_name = next((k for k in kinds if k.suffix == path.suffix.lower()), None)
    kind = by_filter or by_name or kinds[0]
    if by_name is None:
        path = path.with_name(path.name + kind.suffix)
    elif by_name != kind:  # "catalogue.json" saved as a spreadsheet: "catalogue.csv"
        path = path.with_suffix(kind.suffix)
    return path, kind


def _write(path: Path, data: bytes, database_url: str | None) -> Path:
    # The file dialog has already asked whether to replace an existing file;
    # the database itself is refused whatever the dialog said.
    write_export(path, data, database_url=database_url, force=True)
    return path


def write_file(parent: QWidget, *, ctx: AppContext, path: Path, data: bytes, title: str) -> bool:
    """Write bytes already in hand (a preview's); False, after saying why, if it failed."""
    try:
        _write(path, data, ctx.database_url)
    except UserError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    return True


def save_file(
    parent: QWidget,
    *,
    ctx: AppContext,
    title: str,
    file_name: str,
    kinds: Sequence[FileKind],
    build: Callable[[Session, FileKind], bytes],
    saved: Callable[[Path], None] | None = None,
    busy: str | None = None,
    changes: Iterable[Change] | None = None,
) -> None:
    """Ask where, then make the file with ``build`` and write it, both off the UI thread.

    ``changes`` makes it a change (an export that records what it exported):
    the pages are told after the file is written.
    """
    chosen = ask_save_path(parent, title=title, file_name=file_name, kinds=kinds)
    if chosen is None:
        return
    path, kind = chosen
    database_url = ctx.database_url

    def make(session: Session) -> Path:
        return _write(path, build(session, kind), database_url)

    def failed(error: UserError) -> None:
        QMessageBox.warning(parent, title, str(error))

    op: QueryOp[Path] | ChangeOp[Path]
    if changes is None:
        op = QueryOp(parent=parent, ctx=ctx, op=make, success=saved)
    else:
        op = ChangeOp(parent=parent, ctx=ctx, op=make, changes=changes, success=saved)
    op.failure(failed).with_busy(busy or _("Saving the file…")).run_in_background()
