"""One conversation, step by step: Prepare → Notes → Actions → Summary.

Notes are saved as they are typed (a short pause, leaving the field, changing
topic, leaving the view, closing the app), so nothing typed during the talk is
lost. The manager's private notes sit in a clearly marked field and never
reach the printed summary.
"""

from __future__ import annotations

from huoltamo_desktop.ui.conversations.conversation_view.actions import ActionsStep
from huoltamo_desktop.ui.conversations.conversation_view.common import (
    AUTOSAVE_MS,
    date_edit,
)
from huoltamo_desktop.ui.conversations.conversation_view.notes import NotesStep
from huoltamo_desktop.ui.conversations.conversation_view.prepare import PrepareStep, prepare_html
from huoltamo_desktop.ui.conversations.conversation_view.summary import SummaryStep
from huoltamo_desktop.ui.conversations.conversation_view.view import ConversationView

__all__ = [
    "AUTOSAVE_MS",
    "ActionsStep",
    "ConversationView",
    "NotesStep",
    "PrepareStep",
    "SummaryStep",
    "date_edit",
    "prepare_html",
]
