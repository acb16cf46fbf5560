"""The one way an edit form saves: with the version and values it read, through ``ui/ops``.

A form makes one ``VersionedSave`` and tells it what it filled itself with::

    self.saving = VersionedSave(self, ctx, labels=self.labels, display=self.display)
    ...
    self.saving.read(version=rotation.row_version, values=self.form_input())

and saves through it::

    self.saving.save(
        self.form_input(),
        op=lambda session, data, version, base: svc.save_rotation(
            session, data=data, rotation_id=rid, expected_version=version, base=base
        ),
        changes=(Change.ROTATIONS,),
        success=self._saved,
    )

The save runs off the UI thread. When someone else saved the same record in
between, the service merges what it can; fields both changed come back as a
``ConflictError`` and the per-field dialog opens here: the user's choices are
saved against the version they were shown, and *Back to editing* leaves the
form as it was, with everything typed. Two saves meeting at the database in
the same moment are simply tried again (the comparison per field follows).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QWidget
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp, show_error
from huoltamo_desktop.ui.seats.conflict_dialog import ConflictDialog

D = TypeVar("D")
T = TypeVar("T")

# A save that met another in the same moment is tried this many times in all.
ATTEMPTS = 3

SaveCall = Callable[[Session, D, int | None, D | None], T]


def plain_display(_name: str, value: object) -> str:
    """A value as a form shows it: yes/no, a date in the user's format, or the text."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def _with_choices(values: D, choices: Mapping[str, object]) -> D:
    if isinstance(values, Mapping):
        return dict(values, **choices)  # type: ignore[return-value]
    names = {f.name for f in dataclasses.fields(values)}  # type: ignore[arg-type]
    return dataclasses.replace(  # type: ignore[type-var]
        values, **{k: v for k, v in choices.items() if k in names}
    )


class VersionedSave(Generic[D]):
    """What one form read (version and values) and the save that sends them."""

    def __init__(
        self,
        form: QWidget,
        ctx: AppContext,
        *,
        labels: Mapping[str, str] | Callable[[], Mapping[str, str]],
        display: Callable[[str, object], str] = plain_display,
    ) -> None:
        self.form = form
        self.ctx = ctx
        self._labels = labels
        self._display = display
        self.version: int | None = None
        self.base: D | None = None
        self.saving = False

    def read(self, *, version: int | None, values: D | None) -> None:
        """Remember what the form shows now (after filling it, or after a save it reloaded)."""
        self.version = version
        self.base = values

    def save(
        self,
        values: D,
        *,
        op: SaveCall[D, T],
        changes: Iterable[Change],
        success: Callable[[T], object] | None = None,
        failure: Callable[[UserError], object] | None = None,
        busy: str = "",
    ) -> None:
        """Save ``values`` off the UI thread; ``success`` gets what ``op`` returned."""
        self.saving = True
        self._run(values, self.version, self.base, op, tuple(changes), success, failure, busy, 1)

    def _run(
        self,
        values: D,
        version: int | None,
        base: D | None,
        op: SaveCall[D, T],
        changes: tuple[Change, ...],
        success: Callable[[T], object] | None,
        failure: Callable[[UserError], object] | None,
        busy: str,
        attempt: int,
    ) -> None:
        def done(result: T) -> None:
            self.saving = False
            if success is not None:
                success(result)

        def failed(error: UserError) -> None:
            if isinstance(error, ConflictError) and not error.conflicts and attempt < ATTEMPTS:
                # Met another save in the same moment: compare with what it saved.
                self._run(values, version, base, op, changes, success, failure, busy, attempt + 1)
                return
            if isinstance(error, ConflictError) and error.conflicts:
                chosen = self._choose(values, error)
                if chosen is not None:
                    self._run(
                        chosen, error.current_version, None, op, changes, success, failure, busy, 1
                    )
                    return
                self.saving = False  # back to the form, with everything the user typed
                return
            self.saving = False
            if failure is not None:
                failure(error)
            else:
                show_error(self.form, error)

        ChangeOp(
            parent=self.form,
            ctx=self.ctx,
            op=lambda session: op(session, values, version, base),
            changes=changes,
            success=done,
        ).failure(failed).with_busy(busy or _("Saving…")).run_in_background()

    def save_now(
        self,
        values: D,
        *,
        op: SaveCall[D, T],
        changes: Iterable[Change],
    ) -> T | None:
        """Save at once on the UI thread, for a form that saves as the user types.

        A page that autosaves must have its text stored before its next step
        (finalising, moving away, closing the app), so it cannot wait for a
        call in the background. Clashes are handled as in ``save``; returns
        what ``op`` returned, or None when the user went back to editing. A
        ``UserError`` other than a clash is raised to the caller.
        """
        version, base, attempt = self.version, self.base, 1
        while True:
            try:
                with self.ctx.session() as session:
                    result = op(session, values, version, base)
            except ConflictError as error:
                if not error.conflicts and attempt < ATTEMPTS:
                    attempt += 1
                    continue
                if not error.conflicts:
                    raise
                chosen = self._choose(values, error)
                if chosen is None:
                    return None
                values, version, base, attempt = chosen, error.current_version, None, 1
                continue
            for what in changes:
                self.ctx.notify(what)
            return result

    def _choose(self, values: D, error: ConflictError) -> D | None:
        """The per-field dialog: the values to save with the user's choices, or None for *back*."""
        labels = self._labels() if callable(self._labels) else self._labels
        dialog = ConflictDialog(error, labels=labels, display=self._display, parent=self.form)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return _with_choices(values, dialog.choices())
