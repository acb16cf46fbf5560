"""Errors a user can cause; their message is already in the user's language."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; ``str(error)`` is a translated, readable message."""


class ValidationError(UserError):
    """Input that does not pass the rules; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
