"""Backup copies of a SQLite database, and putting one back: the app's one way to do both.

Every backup — the automatic ones at start and daily, one made by hand into
the same folder, or one saved by hand to a file of the user's choosing (a
memory stick) — is made the same way: SQLite's online backup API, so it is
consistent even while the app writes; SQLite's integrity check on the copy;
encrypted when the firm encrypts its backups; written to a temporary name,
flushed to disk and only then renamed, so a power cut leaves either a whole
backup or none. Only the automatic ones rotate.

A restore reads the backup into a temporary file beside the database, checks
it (SQLite's integrity check, references, and that it is a Työurahuoltamo
database this version can open) and only then replaces the database file.
Any earlier backup restores the same way, also a plain copy saved by hand
under a name of its own.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from huoltamo_desktop.i18n import _
from huoltamo_desktop.security.backup_keys import (
    BackupKey,
    decrypt_backup,
    encrypt_backup,
    is_encrypted,
)
from huoltamo_desktop.security.employee_secrets import SealError
from huoltamo_desktop.storage.database import (
    SQLITE_MAGIC,
    DatabaseError,
    SchemaState,
    connect_read_only,
    inspect_sqlite_file,
)

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<kind>auto|manual|before-restore)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3(?P<enc>\.enc)?$"
)


class RestoreError(DatabaseError):
    """The backup cannot be restored; the database was not touched."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str  # "auto", "manual" or "before-restore"
    made_at: datetime
    encrypted: bool
    size: int


def backup_folder(database: Path) -> Path:
    """Where the rotating backups of ``database`` live: a folder beside it."""
    return database.with_name(f"{database.stem}-backups")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_durably(target: Path, data: bytes | None, source: Path | None = None) -> None:
    """``data`` (or the file ``source``) to ``target``: temp file, fsync, rename, fsync folder."""
    temp = target.with_name(f".{target.name}.part")
    try:
        if source is not None:
            os.replace(source, temp)
        else:
            assert data is not None
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        os.chmod(temp, 0o600)  # people's data: readable by the user only, like the database
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _sqlite_copy(source: Path, target: Path) -> None:
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _check_copy(copy: Path) -> None:
    """SQLite's integrity check on a fresh copy: a copy the disk garbled is not a backup."""
    conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    finally:
        conn.close()
    if problems:
        raise sqlite3.DatabaseError(problems[0])


def suggested_file_name(database: Path, *, now: datetime | None = None, encrypted: bool) -> str:
    """A name for a backup saved to a file of one's own choosing (listed as made by hand)."""
    suffix = ".sqlite3.enc" if encrypted else ".sqlite3"
    return f"{database.stem}-manual-{(now or datetime.now()):%Y%m%d-%H%M%S}{suffix}"


def write_backup(
    database: Path,
    *,
    folder: Path | None = None,
    key: BackupKey | None = None,
    kind: str = "auto",
    now: datetime | None = None,
    target: Path | None = None,
) -> BackupFile:
    """A new backup of ``database`` in ``folder``; encrypted when ``key`` is given.

    With ``target`` the backup goes to that file instead (a new one: an
    existing file is never overwritten), made and checked the same way.
    """
    folder = folder or backup_folder(database)
    now = now or datetime.now()
    if target is not None:
        target = target.expanduser()
        if target.exists():
            raise DatabaseError(
                _("{path} already exists. Give a new file name for the backup.").format(path=target)
            )
        if target.resolve() == database.resolve():
            raise DatabaseError(_("Choose another file: this is the database itself."))
        if not target.parent.is_dir():
            raise DatabaseError(
                _(
                    "The folder {folder} does not exist. Choose another place for the backup."
                ).format(folder=target.parent)
            )
    chosen = target is not None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if target is None:
            base = f"{database.stem}-{kind}-{now:%Y%m%d-%H%M%S}"
            suffix = ".sqlite3.enc" if key else ".sqlite3"
            target = folder / f"{base}{suffix}"
            n = 1
            while target.exists():
                target = folder / f"{base}-{n}{suffix}"
                n += 1
        else:
            kind = "manual"
        # The plain copy is made on the database's own disk, never half-written onto a stick.
        plain = folder / f".{target.name}.copy"
        try:
            _sqlite_copy(database, plain)
            _check_copy(plain)
            if key is None and not chosen:
                _write_durably(target, None, source=plain)
            elif key is None:
                _write_durably(target, plain.read_bytes())
            else:
                _write_durably(target, encrypt_backup(key, plain.read_bytes()))
        finally:
            plain.unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(
            _("The backup could not be written ({error}). The database was not changed.").format(
                error=getattr(exc, "strerror", None) or exc
            )
        ) from exc
    return BackupFile(
        target, kind, now.replace(microsecond=0), key is not None, target.stat().st_size
    )


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first."""
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if not m:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        made = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
        found.append(BackupFile(path, m.group("kind"), made, bool(m.group("enc")), size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    """Remove the oldest automatic backups beyond the newest ``keep``; returns what went."""
    automatic = [b for b in list_backups(folder) if b.kind == "auto"]
    removed = []
    for old in automatic[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def check_database_file(path: Path, *, shown: str | None = None) -> None:
    """Raise RestoreError unless ``path`` is a sound database this version can open.

    The messages name the file as ``shown`` (the backup the person chose, not a work copy).
    """
    shown = shown or path.name
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise RestoreError(
            _("Cannot read {path}: {error}").format(path=shown, error=exc.strerror)
        ) from exc
    if header != SQLITE_MAGIC:
        raise RestoreError(_("{path} is not a Työurahuoltamo backup.").format(path=shown))
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [r[0] for r in conn.execute("PRAGMA foreign_key_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(
            _("The backup {path} is damaged; nothing was restored.").format(path=shown)
        ) from exc
    if problems:
        raise RestoreError(
            _("The backup {path} is damaged; nothing was restored.").format(path=shown)
        )
    try:
        info = inspect_sqlite_file(path)
    except DatabaseError as exc:
        raise RestoreError(_("{path} is not a Työurahuoltamo backup.").format(path=shown)) from exc
    if info.state == SchemaState.NEWER:
        raise RestoreError(
            _(
                "The backup {path} was made by a newer version of the app. "
                "Update the app to restore it; nothing was changed."
            ).format(path=shown)
        )
    if info.state == SchemaState.EMPTY:
        raise RestoreError(_("The backup {path} holds no firm.").format(path=shown))


def unpack_backup(backup: Path, *, work: Path, passphrase: str | None) -> Path:
    """The backup as a checked SQLite file at ``work`` (decrypted when it is encrypted)."""
    try:
        data = backup.read_bytes()
    except OSError as exc:
        raise RestoreError(
            _("Cannot read {path}: {error}").format(path=backup.name, error=exc.strerror)
        ) from exc
    if is_encrypted(data[:64]):
        if not passphrase:
            raise RestoreError(
                _("This backup is encrypted. Give the manager passphrase to restore it.")
            )
        try:
            data = decrypt_backup(data, passphrase)
        except SealError as exc:
            raise RestoreError(
                _("The passphrase does not open this backup (or the file is damaged).")
            ) from exc
    elif not data.startswith(SQLITE_MAGIC):
        raise RestoreError(_("{path} is not a Työurahuoltamo backup.").format(path=backup.name))
    work.unlink(missing_ok=True)
    work.write_bytes(data)
    check_database_file(work, shown=backup.name)
    return work


def replace_database(database: Path, candidate: Path) -> None:
    """Put ``candidate`` in place of ``database`` so that a crash leaves one or the other.

    The old database's write-ahead log is folded in and removed first: a stale
    -wal beside the new file would otherwise be replayed into it.
    """
    if database.exists():
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(database)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
    for extra in ("-wal", "-shm"):
        database.with_name(database.name + extra).unlink(missing_ok=True)
    _write_durably(database, None, source=candidate)
