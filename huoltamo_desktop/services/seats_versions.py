"""Saving a form over a record that someone else may have saved since the form read it.

Every edit form keeps two things from the moment it filled itself: the
record's ``row_version`` and the values it showed (the *base*, the same kind
of dataclass it saves). Its service passes both here together with what the
user typed (*yours*) and what is saved now (*theirs*)::

    data = merge_edit(
        current_version=rotation.row_version,
        expected_version=expected_version,
        base=base,
        yours=data,
        theirs=input_of(session, rotation_id=rotation_id),
    )

When nobody saved in between, yours is saved as it is. Otherwise fields only
one side changed are merged without asking, and fields both changed
differently raise ``ConflictError`` carrying a ``FieldConflict`` for each
(nothing is saved); the form shows them side by side and sends the user's
choices with ``current_version`` from the error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from huoltamo_desktop.domain.versioning import ConflictError, check_version, merge_fields

D = TypeVar("D")


def edit_values(data: object, *, skip: Iterable[str] = ()) -> dict[str, object]:
    """A form's values by field name: a dataclass's fields, or a mapping as it is."""
    left_out = set(skip)
    if isinstance(data, Mapping):
        return {str(k): v for k, v in data.items() if k not in left_out}
    if not dataclasses.is_dataclass(data) or isinstance(data, type):
        raise TypeError(f"{type(data).__name__} is neither a dataclass nor a mapping")
    return {
        f.name: getattr(data, f.name) for f in dataclasses.fields(data) if f.name not in left_out
    }


def merge_edit(
    *,
    current_version: int,
    expected_version: int | None,
    base: D | None,
    yours: D,
    theirs: D,
    skip: Iterable[str] = (),
) -> D:
    """What to save: ``yours``, merged with ``theirs`` when the record changed since it was read.

    ``expected_version`` is the version the form read (None: a record made and
    changed in one go, nothing to compare); ``base`` the values it showed
    (None after the user has chosen per field: every remaining difference is
    then a question). Fields named in ``skip`` are saved as yours without
    comparing. Raises ``ConflictError`` when both sides changed a field
    differently.
    """
    left_out = tuple(skip)
    values = check_version(
        current_version=current_version,
        expected_version=expected_version,
        base=edit_values(base, skip=left_out) if base is not None else None,
        yours=edit_values(yours, skip=left_out),
        theirs=edit_values(theirs, skip=left_out),
    )
    if isinstance(yours, Mapping):
        merged: dict[str, Any] = dict(yours)
        merged.update(values)
        return merged  # type: ignore[return-value]
    return dataclasses.replace(yours, **values)  # type: ignore[type-var]


def merge_values(
    *,
    base: Mapping[str, object] | None,
    yours: Mapping[str, object],
    theirs: Mapping[str, object],
) -> dict[str, object]:
    """A three-way merge for values kept in rows of their own (one a language or a
    section, made and removed as they are edited), which have no single version to
    compare.

    Without ``base`` (the user has chosen per field) yours is saved. Raises
    ``ConflictError`` without a version: the choices are then saved as they are.
    """
    if base is None:
        return dict(yours)
    merged, conflicts = merge_fields(base=base, yours=yours, theirs=theirs)
    if conflicts:
        raise ConflictError(conflicts=conflicts, merged=merged)
    return merged


def merge_texts(
    *,
    base: Mapping[str, str] | None,
    yours: Mapping[str, str],
    theirs: Mapping[str, str],
) -> dict[str, str]:
    """``merge_values`` for texts."""
    merged = merge_values(base=base, yours=yours, theirs=theirs)
    return {name: str(value) for name, value in merged.items()}
