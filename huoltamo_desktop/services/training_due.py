"""Training on the home page: trainings coming up, and the feedback a done training still waits for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlmodel import Session

from huoltamo_desktop.domain.home import CalendarEvent, DueItem, DueKind, Target
from huoltamo_desktop.domain.training import APPLIED_CHECK_DAYS, DONE_STATUSES, PlanStatus
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.services.training_plan import plan_rows

RATING_WITHIN_DAYS = 7  # the quick rating is asked for within a week of the training


def training_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    """A planned training on its date; the quick rating a week after; "applied at work?" at three months."""
    for row in plan_rows(session):
        target = Target("training", "plan", (row.id,))
        title = f"{row.title}: {row.person_name}"
        if row.status in (PlanStatus.PLANNED, PlanStatus.BOOKED) and row.planned_on <= until:
            yield DueItem(
                key=f"training:{row.id}:{row.planned_on.isoformat()}",
                kind=DueKind.TRAINING,
                title=title,
                detail=_("Planned for {day}; mark it passed or not completed afterwards.").format(
                    day=format_date(row.planned_on)
                ),
                due_on=row.planned_on,
                target=target,
                person_id=row.person_id,
            )
        elif row.status in DONE_STATUSES and row.completed_on is not None:
            if row.rating is None:
                due = row.completed_on + timedelta(days=RATING_WITHIN_DAYS)
                detail = _("Done on {day}: give it a quick rating.").format(
                    day=format_date(row.completed_on)
                )
                key = f"training-rating:{row.id}"
            elif row.applied is None:
                due = row.completed_on + timedelta(days=APPLIED_CHECK_DAYS)
                detail = _("Done on {day}: has it been applied at work?").format(
                    day=format_date(row.completed_on)
                )
                key = f"training-applied:{row.id}"
            else:
                continue
            if due <= until:
                yield DueItem(
                    key=key,
                    kind=DueKind.TRAINING,
                    title=title,
                    detail=detail,
                    due_on=due,
                    target=target,
                    person_id=row.person_id,
                )


def training_events(session: Session, *, today: date) -> Iterable[CalendarEvent]:
    """Planned and booked trainings from today on, for the calendar export."""
    for row in plan_rows(session):
        if row.status in (PlanStatus.PLANNED, PlanStatus.BOOKED) and row.planned_on >= today:
            yield CalendarEvent(
                f"training-{row.id}",
                row.planned_on,
                _("Training: {title} – {person}").format(title=row.title, person=row.person_name),
                row.provider,
            )
