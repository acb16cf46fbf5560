"""Työurahuoltamo desktop: career planning for small firms."""

__version__ = "0.1.0"
APP_NAME = "Työurahuoltamo"
APP_ID = "huoltamo-desktop"
