"""Backups and restoring one — the app's one way to do both — and the erasure ledger that outlives them.

Firm-wide choices live in the database (``backups.keep``, ``backups.key``);
the files live beside the database file (``storage/seats_backups.py``).
Automatic backups (at start, then daily) rotate; a backup made by hand is the
same checked, optionally encrypted file, kept in the same folder or saved to
a file of one's choosing, and never rotated away. A database server
(PostgreSQL) is backed up with its own tools (pg_dump); these functions say so.

Erasing a person for good must also hold for the copies: every erasure is
written to the ledger (a table, and a small file beside the database so it
survives even when the database itself is what is lost). A restored backup
gets every erasure in the ledger applied again before it replaces the
database, so a restore never brings an erased person back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.seats import AuditAction, ErasureRecord, Scope
from huoltamo_desktop.i18n import _
from huoltamo_desktop.security.backup_keys import BackupKey, is_encrypted, new_backup_key
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.storage.database import make_engine, session_scope, sqlite_path
from huoltamo_desktop.storage.seats_audit import note
from huoltamo_desktop.storage.seats_backups import (
    BackupFile,
    RestoreError,
    backup_folder,
    list_backups,
    prune_backups,
    replace_database,
    suggested_file_name,
    unpack_backup,
    write_backup,
)

log = logging.getLogger(__name__)

KEEP_DEFAULT = 10
KEEP_RANGE = (1, 100)
DAILY = timedelta(hours=24)


@dataclass(frozen=True)
class BackupSettings:
    keep: int
    encrypted: bool


def backup_settings(session: Session) -> BackupSettings:
    from huoltamo_desktop.services.firm import get_setting

    try:
        keep = int(get_setting(session, key="backups.keep", default=str(KEEP_DEFAULT)))
    except ValueError:
        keep = KEEP_DEFAULT
    return BackupSettings(keep=keep, encrypted=bool(get_setting(session, key="backups.key")))


def set_backup_keep(session: Session, *, keep: int, scope: Scope | None = None) -> None:
    """How many automatic backups to keep (the oldest go first)."""
    require_owner(scope)
    from huoltamo_desktop.services.firm import set_setting

    low, high = KEEP_RANGE
    if not low <= keep <= high:
        raise ValidationError(
            _("Keep between {low} and {high} backups.").format(low=low, high=high), "keep"
        )
    set_setting(session, key="backups.keep", value=str(keep))


def encrypt_backups(session: Session, *, passphrase: str, scope: Scope | None = None) -> None:
    """From now on, backups open only with the manager passphrase (checked here)."""
    require_owner(scope)
    from huoltamo_desktop.services.employee_access import (
        ManagerAccess,
        manager_access,
        verify_manager,
    )
    from huoltamo_desktop.services.firm import set_setting

    if manager_access(session) != ManagerAccess.PASSPHRASE:
        raise ValidationError(
            _("Backups are encrypted with the manager passphrase. Set the passphrase first.")
        )
    if not verify_manager(session, passphrase=passphrase).ok:
        raise ValidationError(_("That is not the manager passphrase."), "passphrase")
    set_setting(session, key="backups.key", value=new_backup_key(passphrase).to_text())


def stop_encrypting_backups(session: Session, *, scope: Scope | None = None) -> None:
    require_owner(scope)
    from huoltamo_desktop.services.firm import set_setting

    set_setting(session, key="backups.key", value="")


def _backup_key(session: Session) -> BackupKey | None:
    from huoltamo_desktop.services.firm import get_setting

    text = get_setting(session, key="backups.key")
    if not text:
        return None
    try:
        return BackupKey.from_text(text)
    except ValueError:
        return None


def database_file(session: Session) -> Path | None:
    """The SQLite file behind the session, or None on a server."""
    bind = session.get_bind()
    return sqlite_path(bind.engine.url.render_as_string(hide_password=False))


def automatic_backup(
    session: Session, *, force: bool = False, now: datetime | None = None
) -> BackupFile | None:
    """A backup when none was made in the last 24 hours (or always with ``force``, at start).

    Returns None on a server database (back it up with pg_dump) or when the
    last one is recent enough. Old automatic backups beyond the setting go.
    """
    database = database_file(session)
    if database is None or not database.exists():
        return None
    now = now or datetime.now()
    folder = backup_folder(database)
    recent = [b for b in list_backups(folder) if b.kind == "auto"]
    if not force and recent and now - recent[0].made_at < DAILY:
        return None
    settings = backup_settings(session)
    made = write_backup(database, folder=folder, key=_backup_key(session), now=now)
    prune_backups(folder, keep=settings.keep)
    return made


def _server_error() -> UserError:
    return UserError(_("Back up a database server with its own tools (for PostgreSQL: pg_dump)."))


def manual_backup(
    session: Session,
    *,
    target: Path | None = None,
    now: datetime | None = None,
    scope: Scope | None = None,
) -> BackupFile:
    """A backup made by hand: in the backups folder, or to ``target`` (a new file, e.g. on a stick).

    It is made like the automatic ones (online copy, integrity check,
    encrypted when the firm encrypts its backups) but is never rotated away.
    """
    require_owner(scope)
    database = database_file(session)
    if database is None:
        raise _server_error()
    return write_backup(database, key=_backup_key(session), kind="manual", now=now, target=target)


def backup_database(*, url: str, target: Path | None = None) -> BackupFile:
    """``manual_backup`` for the command line, given the database's address."""
    from huoltamo_desktop.storage.database import inspect_database, refuse_newer

    database = sqlite_path(url)
    if database is None:
        raise _server_error()
    if not database.exists():
        raise UserError(_("No database at {path}.").format(path=database))
    refuse_newer(inspect_database(url))
    engine = make_engine(f"sqlite:///{database}")
    try:
        with session_scope(engine) as session:
            return manual_backup(session, target=target)
    finally:
        engine.dispose()


def suggested_backup_name(session: Session, *, now: datetime | None = None) -> str:
    """A file name to offer when a backup is saved to a place of one's own choosing."""
    database = database_file(session)
    return suggested_file_name(
        database or Path("huoltamo.sqlite3"), now=now, encrypted=_backup_key(session) is not None
    )


def backups_of(database: Path) -> list[BackupFile]:
    """The backups in the folder beside ``database``, newest first."""
    return list_backups(backup_folder(database))


def needs_passphrase(path: Path) -> bool:
    """True when the backup file is encrypted (restoring it takes the manager passphrase)."""
    try:
        with path.open("rb") as fh:
            return is_encrypted(fh.read(64))
    except OSError:
        return False


# --- the erasure ledger --------------------------------------------------------------


def ledger_path(database: Path) -> Path:
    return database.with_name(database.name + ".erasures")


def _moment(value: datetime) -> str:
    """A comparable UTC text of a stored moment (SQLite returns it without a zone)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat()


def record_erasure(session: Session, *, person: Person) -> None:
    """Write the erasure of ``person`` to the ledger: a row now, the file once it is committed."""
    from sqlalchemy import event

    assert person.id is not None
    created = person.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    session.add(ErasureRecord(person_id=person.id, person_created_at=created))
    note(session, action=AuditAction.ERASE, subject_id=person.id, what="person")
    database = database_file(session)
    if database is None:
        return
    line = json.dumps(
        {"person_id": person.id, "created_at": _moment(person.created_at)}, sort_keys=True
    )

    def committed(_session: Session) -> None:
        with ledger_path(database).open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    event.listen(session, "after_commit", committed, once=True)


def read_ledger(database: Path) -> set[tuple[int, str]]:
    """Every erasure known for ``database``: its ledger table and the file beside it."""
    entries: set[tuple[int, str]] = set()
    with contextlib.suppress(OSError):
        for line in ledger_path(database).read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                raw = json.loads(line)
                entries.add((int(raw["person_id"]), str(raw["created_at"])))
    if database.exists():
        with contextlib.suppress(sqlite3.Error):
            from huoltamo_desktop.storage.database import connect_read_only

            conn = connect_read_only(database)
            try:
                for person_id, created in conn.execute(
                    "SELECT person_id, person_created_at FROM seats_erasure"
                ):
                    entries.add((int(person_id), _moment(datetime.fromisoformat(str(created)))))
            finally:
                conn.close()
    return entries


def apply_ledger(session: Session, *, entries: set[tuple[int, str]]) -> int:
    """Erase again everyone in ``entries`` still in this database; returns how many were."""
    known = {
        (r.person_id, _moment(r.person_created_at)) for r in session.exec(select(ErasureRecord))
    }
    erased = 0
    for person_id, created in sorted(entries):
        person = session.get(Person, person_id)
        if person is not None and _moment(person.created_at) == created:
            session.execute(
                update(Person)
                .where(col(Person.supervisor_id) == person_id)
                .values(supervisor_id=None)
            )
            session.execute(delete(Person).where(col(Person.id) == person_id))
            erased += 1
        if (person_id, created) not in known:
            session.add(
                ErasureRecord(
                    person_id=person_id,
                    person_created_at=datetime.fromisoformat(created).replace(tzinfo=UTC),
                )
            )
    session.flush()
    return erased


# --- restoring ---------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None  # the database as it was just before, itself a backup
    erased_again: int


def restore_backup(*, database: Path, backup: Path, passphrase: str | None = None) -> RestoreResult:
    """Replace ``database`` with ``backup`` after checking it; erasures are applied again.

    Nothing is replaced unless the backup passes SQLite's integrity check and
    is a database this version can open; the current database is first saved
    as a "before-restore" backup. The caller makes sure no app has the file open.
    """
    from huoltamo_desktop.storage.migrate import open_database

    with contextlib.suppress(OSError):
        if backup.resolve() == database.resolve():
            raise RestoreError(_("Choose another file: this is the database itself."))
    candidate = database.with_name(f".{database.name}.restoring")
    for extra in ("", "-wal", "-shm"):
        candidate.with_name(candidate.name + extra).unlink(missing_ok=True)
    try:
        unpack_backup(backup, work=candidate, passphrase=passphrase)
        ledger = read_ledger(database)
        safety: Path | None = None
        key: BackupKey | None = None
        if database.exists():
            try:
                engine = make_engine(f"sqlite:///{database}")
                try:
                    with session_scope(engine) as current:
                        key = _backup_key(current)
                finally:
                    engine.dispose()
            except (UserError, SQLAlchemyError, sqlite3.Error, OSError):
                # A database that cannot be read is still copied aside, with the default key.
                log.warning("Could not read the backup key of %s", database, exc_info=True)
            # No restore without a copy of what it replaces: a failure here stops it.
            safety = write_backup(database, key=key, kind="before-restore").path
        engine, _info = open_database(str(candidate), create=False)
        try:
            with session_scope(engine) as session:
                erased = apply_ledger(session, entries=ledger)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        for stray in candidate.parent.glob(f"{candidate.stem}.backup-before-update-*"):
            stray.unlink(missing_ok=True)
        replace_database(database, candidate)
    except RestoreError:
        raise
    except OSError as exc:
        raise RestoreError(
            _("The backup could not be restored ({error}). The database was not changed.").format(
                error=exc.strerror or exc
            )
        ) from exc
    finally:
        for extra in ("", "-wal", "-shm"):
            candidate.with_name(candidate.name + extra).unlink(missing_ok=True)
    return RestoreResult(backup, safety, erased)


__all__ = [
    "DAILY",
    "KEEP_DEFAULT",
    "KEEP_RANGE",
    "BackupFile",
    "BackupSettings",
    "RestoreError",
    "RestoreResult",
    "apply_ledger",
    "automatic_backup",
    "backup_database",
    "backup_folder",
    "backup_settings",
    "backups_of",
    "database_file",
    "encrypt_backups",
    "ledger_path",
    "manual_backup",
    "needs_passphrase",
    "read_ledger",
    "record_erasure",
    "restore_backup",
    "set_backup_keep",
    "stop_encrypting_backups",
    "suggested_backup_name",
]
