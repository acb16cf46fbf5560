"""What went wrong underneath, told by the driver's error codes, not by the wording of its message.

SQLite reports a result code (``sqlite3.Error.sqlite_errorcode``), PostgreSQL
an SQLSTATE (``psycopg.Error.sqlstate``) and the operating system an errno.
Each is mapped to a Fault the user can act on, with its own message in the
user's language. Matching codes rather than English message text keeps the
classification right whatever language or version the driver speaks.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum

from huoltamo_desktop.i18n import _

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class Fault(StrEnum):
    DISK_FULL = "disk_full"
    LOCKED = "locked"  # another program holds the file (or a row) and did not let go in time
    READ_ONLY = "read_only"  # file, folder or whole file system cannot be written
    SERVER_GONE = "server_gone"  # the database server cannot be reached or went away
    CANNOT_OPEN = "cannot_open"  # the file or its folder cannot be opened at all
    IO = "io"  # the disk failed to read or write
    DAMAGED = "damaged"  # the file's content is not a sound SQLite database


_SQLITE = {
    SQLITE_BUSY: Fault.LOCKED,
    SQLITE_LOCKED: Fault.LOCKED,
    SQLITE_READONLY: Fault.READ_ONLY,
    SQLITE_IOERR: Fault.IO,
    SQLITE_CORRUPT: Fault.DAMAGED,
    SQLITE_FULL: Fault.DISK_FULL,
    SQLITE_CANTOPEN: Fault.CANNOT_OPEN,
    SQLITE_NOTADB: Fault.DAMAGED,
}

_ERRNO = {
    errno.ENOSPC: Fault.DISK_FULL,
    errno.EDQUOT: Fault.DISK_FULL,
    errno.EROFS: Fault.READ_ONLY,
    errno.EACCES: Fault.READ_ONLY,
    errno.EPERM: Fault.READ_ONLY,
    errno.EIO: Fault.IO,
}


def _postgres_fault(sqlstate: str | None, *, operational: bool) -> Fault | None:
    if sqlstate is None:
        # psycopg raises OperationalError without a state when the connection itself is lost.
        return Fault.SERVER_GONE if operational else None
    if sqlstate == "53100":  # disk_full
        return Fault.DISK_FULL
    if sqlstate in ("55P03", "40P01", "55006"):  # lock_not_available, deadlock, object_in_use
        return Fault.LOCKED
    if sqlstate == "25006":  # read_only_sql_transaction (a standby, or a read-only database)
        return Fault.READ_ONLY
    if sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03"):
        return Fault.SERVER_GONE  # connection exceptions, server shutting down or starting
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """The error, the driver error SQLAlchemy wraps, and what caused them."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return seen


def classify(exc: BaseException) -> Fault | None:
    """The fault behind ``exc``, or None when it is not one the user can act on."""
    for item in _chain(exc):
        if isinstance(item, sqlite3.Error):
            code = getattr(item, "sqlite_errorcode", None)
            if isinstance(code, int):
                fault = _SQLITE.get(code & 0xFF)
                if fault is not None:
                    return fault
            continue
        sqlstate = getattr(item, "sqlstate", "missing")
        if sqlstate != "missing" and type(item).__module__.startswith("psycopg"):
            fault = _postgres_fault(sqlstate, operational=type(item).__name__ == "OperationalError")
            if fault is not None:
                return fault
            continue
        if isinstance(item, OSError) and item.errno in _ERRNO:
            return _ERRNO[item.errno]
    return None


def fault_message(fault: Fault) -> str:
    """What happened and what to do, in the user's language; what was typed is never lost."""
    return {
        Fault.DISK_FULL: _(
            "The disk is full, so nothing was saved. Free some space and try again; "
            "what you entered is still here."
        ),
        Fault.LOCKED: _(
            "The database is in use by another program or another copy of the app. "
            "Close it, or try again in a moment; nothing was lost."
        ),
        Fault.READ_ONLY: _(
            "The database cannot be written: the file, its folder or the whole drive is "
            "read-only. Check the permissions or choose another folder; nothing was changed."
        ),
        Fault.SERVER_GONE: _(
            "The database server cannot be reached. Check the connection and try again; "
            "nothing was lost."
        ),
        Fault.CANNOT_OPEN: _(
            "The database file cannot be opened. Check that its folder exists and that you "
            "may write there."
        ),
        Fault.IO: _(
            "The disk failed to read or write the database. Check the drive, and make a copy "
            "of the file before you try again."
        ),
        Fault.DAMAGED: _(
            "The database file is damaged or is not a database. Use a backup copy; "
            "the file was not changed."
        ),
    }[fault]


def storage_error_message(exc: BaseException) -> str | None:
    """A plain message for a storage failure the user can act on, else None."""
    fault = classify(exc)
    return None if fault is None else fault_message(fault)
