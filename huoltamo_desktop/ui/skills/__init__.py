"""Skill mapping: the matrix, analyses, catalogue, role profiles, future needs and cards."""

from huoltamo_desktop.ui.skills.pyside_refcount import keep_none_alive

keep_none_alive()
