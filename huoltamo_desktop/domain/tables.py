"""Imports every table module so that SQLModel.metadata knows all tables.

Each capability adds its module here.
"""

from huoltamo_desktop.domain import people  # noqa: F401
from huoltamo_desktop.domain import skills  # noqa: F401
from huoltamo_desktop.domain import employee  # noqa: F401
from huoltamo_desktop.domain import conversations  # noqa: F401
