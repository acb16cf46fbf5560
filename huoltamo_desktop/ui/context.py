"""What every page gets: the engine, sessions, the firm and change notifications."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huoltamo_desktop.domain.seats import OWNER, Scope
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.database import session_scope


class Change(StrEnum):
    """What changed, so that pages refresh only when it concerns them.

    A capability appends a member named after itself.
    """

    PEOPLE = "people"
    TEAMS = "teams"
    FIRM = "firm"
    SETTINGS = "settings"
    EMPLOYEE = "employee"
    SKILLS = "skills"
    CONVERSATIONS = "conversations"
    HOME = "home"
    ROTATIONS = "rotations"
    TRAINING = "training"
    SEATS = "seats"
    RESTORED = "restored"  # another database's contents replaced everything


class AppContext(QObject):
    """Shared by the pages of one window; no global state.

    ``data_changed`` carries a ``Change`` (a str) saying what changed.
    """

    data_changed = Signal(str)
    language_changed = Signal(str)

    def __init__(
        self, engine: Engine, settings: LocalSettings, db_label: str, *, demo: bool = False
    ) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.db_label = db_label
        self.demo = demo
        # Who works in this window, for the audit log: "manager", "seat:<id>" or "employee:<id>".
        self.actor = "manager"
        # What the signed-in manager may see: the whole firm, or a team lead's teams.
        self.scope: Scope = OWNER

    @property
    def database_url(self) -> str:
        """The database's URL with any password masked (enough to tell which file it is)."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one group of operations; commits on success."""
        with session_scope(self.engine, actor=self.actor) as session:
            yield session

    def notify(self, what: Change) -> None:
        self.data_changed.emit(what)
