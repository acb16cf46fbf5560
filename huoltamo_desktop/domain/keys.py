"""Case-insensitive key columns kept in step with the text they stand for.

A key column holds ``fold(text)`` (see ``i18n.collation``); a unique index on
it makes "Östra" and "östra" one name on SQLite and PostgreSQL alike, and
searches compare folded text with folded text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper

from huoltamo_desktop.i18n.collation import fold

M = TypeVar("M")


def keep_key(model: type[M], key: str, text: Callable[[M], str]) -> None:
    """Set ``model.<key>`` to the folded ``text(row)`` whenever a row is inserted or updated."""

    def set_key(_mapper: Mapper[M], _connection: Connection, row: M) -> None:
        setattr(row, key, fold(text(row)))

    event.listen(model, "before_insert", set_key)
    event.listen(model, "before_update", set_key)
