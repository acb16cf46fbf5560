"""The pages of the manager's main window, in navigation order.

Each capability adds one PageSpec here. A page is a QWidget built by
``factory(context)``; if it has a ``refresh()`` method the window calls it when
the page is shown. Only capabilities that exist are listed: no placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from huoltamo_desktop.i18n import N_
from huoltamo_desktop.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # marked with N_(), translated when shown
    factory: Callable[[AppContext], QWidget]
    order: int
    icon: str = ""  # a QStyle standard pixmap name, e.g. "SP_DirIcon"


def page_specs() -> list[PageSpec]:
    from huoltamo_desktop.ui.conversations.page import ConversationsPage
    from huoltamo_desktop.ui.employee.overview_page import PAGE_TITLE as EMPLOYEE_TITLE
    from huoltamo_desktop.ui.employee.overview_page import EmployeeOverviewPage
    from huoltamo_desktop.ui.home.page import PAGE_TITLE as HOME_TITLE
    from huoltamo_desktop.ui.home.page import HomePage
    from huoltamo_desktop.ui.people.page import PeoplePage
    from huoltamo_desktop.ui.rotations.page import PAGE_TITLE as ROTATIONS_TITLE
    from huoltamo_desktop.ui.rotations.page import RotationsPage
    from huoltamo_desktop.ui.seats.page import SeatsPage
    from huoltamo_desktop.ui.settings.page import SettingsPage
    from huoltamo_desktop.ui.skills.page import PAGE_TITLE as SKILLS_TITLE
    from huoltamo_desktop.ui.skills.page import SkillsPage
    from huoltamo_desktop.ui.training.page import PAGE_TITLE as TRAINING_TITLE
    from huoltamo_desktop.ui.training.page import TrainingPage

    specs = [
        # The first page after sign-in: what is due this week.
        PageSpec("home", HOME_TITLE, HomePage, 1, "SP_DirHomeIcon"),
        PageSpec("people", N_("People"), PeoplePage, 10, "SP_FileDialogDetailedView"),
        PageSpec("employee", EMPLOYEE_TITLE, EmployeeOverviewPage, 40, "SP_FileDialogContentsView"),
        PageSpec(
            "conversations",
            ConversationsPage.TITLE,
            ConversationsPage,
            50,
            "SP_MessageBoxInformation",
        ),
        PageSpec("skills", SKILLS_TITLE, SkillsPage, 30, "SP_FileDialogListView"),
        PageSpec("rotations", ROTATIONS_TITLE, RotationsPage, 60, "SP_BrowserReload"),
        PageSpec("training", TRAINING_TITLE, TrainingPage, 70, "SP_DialogApplyButton"),
        PageSpec("settings", N_("Settings"), SettingsPage, 90, "SP_FileDialogInfoView"),
        PageSpec("seats", SeatsPage.TITLE, SeatsPage, 85, "SP_DriveHDIcon"),
    ]
    return sorted(specs, key=lambda s: s.order)
