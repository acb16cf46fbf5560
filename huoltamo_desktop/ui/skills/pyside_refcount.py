"""A guard against a reference-count bug in PySide6 6.12 on Python 3.11.

Each call from Python to a Qt method that returns nothing (``setText``,
``QPainter.fillRect`` …) releases one reference to ``None`` that it never
took. A heat map paints tens of thousands of cells a second, so ``None``'s
count soon reaches zero and the interpreter aborts ("deallocating None").
Python 3.12 made ``None`` immortal, which hides the bug; on 3.11 we give
``None`` the same margin by raising its count once, far beyond reach.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 48


def keep_none_alive() -> None:
    """Raise None's reference count so that the lost references can never bring it to zero."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    if count.value < _MARGIN:
        count.value += _MARGIN
