"""Small shared helpers for employee-mode widgets: headings, wrapped labels, time of day."""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from huoltamo_desktop.i18n import _, format_time, ngettext


def heading(text: str, parent: QWidget, size: int = 15) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"font-size: {size}pt; font-weight: bold;")
    return label


def wrapped(text: str, parent: QWidget, *, object_name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def local_time(value: datetime) -> str:
    """Hours and minutes in the computer's own time zone, as the language writes them."""
    return format_time(value.astimezone(), fmt="short")


def wait_message(until: datetime, now: datetime, *, locked: bool) -> str:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    if locked:
        return _("Too many wrong attempts. Signing in is locked until {time}.").format(
            time=local_time(until)
        )
    return ngettext(
        "Wait {n} second before trying again.", "Wait {n} seconds before trying again.", seconds
    ).format(n=seconds)
