"""Imports every table module so that SQLModel.metadata knows all tables.

Each capability adds its module here.
"""

from huoltamo_desktop.domain import (
    conversations,  # noqa: F401
    employee,  # noqa: F401
    home,  # noqa: F401
    home_figures,  # noqa: F401
    people,  # noqa: F401
    rotations,  # noqa: F401
    seats,  # noqa: F401
    skills,  # noqa: F401
    training,  # noqa: F401
)
