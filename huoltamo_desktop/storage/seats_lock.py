"""Only one app at a time on a SQLite file: a small lock file beside it.

SQLite itself would let two copies of the app write the same file on a
network share or a shared laptop; each would keep its own screens and the
last save would quietly win. So the app that opens the file writes
``<file>.in-use`` (who, which computer, since when) and refreshes it every
minute while it runs. A second app is told who has the file. A lock whose
holder is gone (the process no longer runs on this computer, or nothing has
refreshed the lock for a few minutes, e.g. after a power cut) may be taken
over; a live one may not.

PostgreSQL needs none of this: the server keeps several seats consistent
(row versions catch two saves of the same record).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.storage.database import DatabaseError

HEARTBEAT_SECONDS = 60
STALE_AFTER = timedelta(minutes=3)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".in-use")


def current_user_name() -> str:
    """The signed-in user's full name where the system knows it, else the login name."""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (ImportError, KeyError, AttributeError):
        pass  # no pwd module (Windows) or no entry for the user: the login name below
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return _("an unknown user")


@dataclass(frozen=True)
class LockHolder:
    name: str
    host: str
    pid: int
    since: datetime
    refreshed: datetime
    token: str

    def is_stale(self, *, now: datetime | None = None) -> bool:
        """True when nobody is using the file any more (safe to take over)."""
        now = now or datetime.now(UTC)
        if now - self.refreshed > STALE_AFTER:
            return True
        return self.host == socket.gethostname() and not _process_alive(self.pid)

    def describe(self) -> str:
        local = self.since.astimezone()
        return _("in use by {name} on {host} since {time}").format(
            name=self.name,
            host=self.host,
            time=f"{format_date(local)} {local:%H:%M}",
        )


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    except OSError:
        return False
    return True


class DatabaseInUseError(DatabaseError):
    """Another app holds the file; ``holder.is_stale()`` says whether it may be taken over."""

    def __init__(self, holder: LockHolder, database: Path) -> None:
        self.holder = holder
        self.database = database
        self.stale = holder.is_stale()
        if self.stale:
            text = _(
                "The database {path} was {holder}, but that app is no longer running. "
                "You can take it over; nothing saved is lost."
            )
        else:
            text = _(
                "The database {path} is {holder}. Close the app there first, "
                "or open it again in a moment."
            )
        super().__init__(text.format(path=database.name, holder=holder.describe()))


def read_holder(path: Path) -> LockHolder | None:
    """The app holding the lock file, or None when there is none (or it is unreadable)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        refreshed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        return LockHolder(
            name=str(raw["name"]),
            host=str(raw["host"]),
            pid=int(raw["pid"]),
            since=datetime.fromisoformat(str(raw["since"])),
            refreshed=refreshed,
            token=str(raw["token"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Half-written by an app that died while writing it: nobody holds it.
        epoch = datetime.fromtimestamp(0, UTC)
        return LockHolder(_("an unknown user"), "?", 0, epoch, epoch, "")


class SeatLock:
    """This app's hold on a SQLite file. Use ``acquire``; call ``refresh`` every minute."""

    def __init__(self, database: Path, *, name: str | None = None) -> None:
        self.database = database
        self.path = lock_path(database)
        self.name = name or current_user_name()
        self.token = secrets.token_hex(8)
        self.held = False

    def _payload(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
                "token": self.token,
            },
            ensure_ascii=False,
        )

    def acquire(self, *, take_over: bool = False) -> SeatLock:
        """Hold the file, or raise DatabaseInUseError naming who holds it.

        ``take_over`` replaces a stale lock only; a live holder is never pushed out.
        """
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            holder = read_holder(self.path)
            if holder is None:  # released in between
                return self.acquire(take_over=take_over)
            if not (take_over and holder.is_stale()):
                raise DatabaseInUseError(holder, self.database) from None
            tmp = self.path.with_name(self.path.name + f".{self.token}")
            tmp.write_text(self._payload(), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot mark {path} as in use: {error}").format(
                    path=self.database.name, error=exc.strerror
                )
            ) from exc
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self._payload())
        self.held = self.is_ours()
        if not self.held:  # two apps took over at once; the other one won
            holder = read_holder(self.path)
            assert holder is not None
            raise DatabaseInUseError(holder, self.database)
        return self

    def is_ours(self) -> bool:
        holder = read_holder(self.path)
        return holder is not None and holder.token == self.token

    def refresh(self) -> bool:
        """Show that this app still runs; False when the lock was taken from it."""
        if not self.held or not self.is_ours():
            self.held = False
            return False
        with contextlib.suppress(OSError):
            os.utime(self.path)
        return True

    def release(self) -> None:
        if self.held and self.is_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False
