"""The Qt binding the app ships with must not corrupt Python's reference counts.

PySide6-Essentials 6.12.0 on Python 3.11 lost one reference to None on every
call of a method returning nothing; after enough calls the app aborted with
"deallocating None". This fails on such a binding before a user meets it.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


def test_void_qt_calls_keep_the_reference_count_of_none(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("Työurahuoltamo")
        font.setBold(True)
    assert abs(sys.getrefcount(None) - before) < 100
