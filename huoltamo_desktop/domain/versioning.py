"""A version on every editable record, so that a save never silently overwrites another's.

Put ``Versioned`` first among the bases of a table::

    class Team(Versioned, SQLModel, table=True):
        ...

The table gets a ``row_version`` column that SQLAlchemy uses as its
``version_id_col``: every UPDATE says ``WHERE id = … AND row_version = <read>``
and bumps the number, so of two seats saving the same row at the same moment
only one succeeds and the other gets a ``StaleDataError`` instead of
overwriting. (The name is ``row_version`` because "version" already means the
version of a conversation document.)

Between reading a record into a form and saving it, a whole person's lunch
break may pass: the form keeps the version it read and the field values it
showed (the *base*); on save, ``merge_fields`` compares base, yours and
theirs. Fields only one side changed are merged without asking; fields both
changed differently come back as ``FieldConflict`` for the user to choose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _


class Versioned(SQLModel):
    """Mixin: a ``row_version`` column used for optimistic locking."""

    row_version: int = Field(default=1, sa_column_kwargs={"nullable": False, "server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed to different values."""

    field: str
    base: object
    yours: object
    theirs: object


class ConflictError(UserError):
    """Someone else saved the record after it was read; nothing of either was lost.

    ``conflicts`` is empty when the clash was caught at the database (the two
    saves met within the same moment): read again and save once more, and the
    comparison per field follows. ``current_version`` is the version to send
    with the choices.
    """

    def __init__(
        self,
        *,
        conflicts: tuple[FieldConflict, ...] = (),
        current_version: int | None = None,
        merged: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(
            _(
                "Someone else saved this while you were editing it. "
                "Nothing was overwritten: choose which value to keep for each field."
            )
            if conflicts
            else _(
                "Someone else saved this at the same moment, so your change was not saved and "
                "nothing was overwritten. Open it again to see what they saved."
            )
        )
        self.conflicts = conflicts
        self.current_version = current_version
        self.merged = dict(merged or {})


def merge_fields(
    *,
    base: Mapping[str, object],
    yours: Mapping[str, object],
    theirs: Mapping[str, object],
) -> tuple[dict[str, object], tuple[FieldConflict, ...]]:
    """A three-way merge of one record's fields.

    Returns the merged values (yours where only you changed a field, theirs
    where only they did) and the fields where both changed it differently;
    for those the merged value is theirs until the user chooses.
    """
    merged: dict[str, object] = {}
    conflicts: list[FieldConflict] = []
    for name, mine in yours.items():
        original = base.get(name, mine)
        current = theirs.get(name, original)
        if mine in (current, original):
            merged[name] = current
        elif current == original:
            merged[name] = mine
        else:
            merged[name] = current
            conflicts.append(FieldConflict(name, original, mine, current))
    return merged, tuple(conflicts)


def check_version(
    *,
    current_version: int,
    expected_version: int | None,
    base: Mapping[str, object] | None,
    yours: Mapping[str, object],
    theirs: Mapping[str, object],
) -> dict[str, object]:
    """The values to save: yours when nobody saved in between, else a merge.

    Raises ``ConflictError`` (with the fields to choose) when both changed the
    same field differently. ``expected_version`` None skips the check (a record
    created and changed in one go).
    """
    if expected_version is None or expected_version == current_version:
        return dict(yours)
    if base is None:
        # Without the values the form showed, every differing field is a question.
        conflicts = tuple(
            FieldConflict(name, theirs.get(name), value, theirs.get(name))
            for name, value in yours.items()
            if theirs.get(name) != value
        )
        if conflicts:
            raise ConflictError(
                conflicts=conflicts, current_version=current_version, merged=dict(theirs)
            )
        return dict(yours)
    merged, conflicts = merge_fields(base=base, yours=yours, theirs=theirs)
    if conflicts:
        raise ConflictError(conflicts=conflicts, current_version=current_version, merged=merged)
    return merged
