"""The person's rotations in a conversation's Prepare step: planned, running and done."""

from __future__ import annotations

from html import escape

from sqlmodel import Session

from huoltamo_desktop.domain.rotations import RotationStatus
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.services import rotations as svc


def rotations_html(session: Session, *, person_id: int | None) -> str:
    """A heading and a table of the person's rotations, or nothing when they have none."""
    if person_id is None:
        return ""
    views = svc.list_rotations(session, person_id=person_id, include_cancelled=False)
    if not views:
        return ""
    rows = []
    for v in views:
        what = escape(v.kind_name) + (": " + escape(v.destination) if v.destination else "")
        if v.partner_id is not None:
            other = v.partner_name if v.person_id == person_id else v.person_name
            what += "<br/>" + escape(_("swap with {name}").format(name=other))
        goals = ", ".join(
            escape(f"{g.skill_name} {g.proposed_level} ✓")
            if g.rated
            else escape(f"{g.skill_name} {g.level_now} → {g.target_level}")
            for g in v.goals
        )
        if v.follows_action:
            goals += ("<br/>" if goals else "") + escape(
                _("follows up: {action}").format(action=v.follows_action)
            )
        outcome = ""
        if v.status == RotationStatus.DONE and v.outcome_person:
            outcome = "<br/><i>" + escape(v.outcome_person) + "</i>"
        rows.append(
            "<tr>"
            + f"<td>{what}</td>"
            + f"<td>{escape(format_date(v.starts_on))} – {escape(format_date(v.ends_on))}</td>"
            + f"<td>{escape(v.host_name or '–')}</td>"
            + f"<td>{goals or '–'}{outcome}</td>"
            + f"<td>{escape(v.status_name)}</td>"
            + "</tr>"
        )
    head = "".join(
        f"<th align='left'>{escape(h)}</th>"
        for h in (_("Rotation"), _("Period"), _("Host"), _("Learning goals"), _("Status"))
    )
    return (
        "<h3>" + escape(_("Rotations")) + "</h3>"
        "<table cellspacing='0' cellpadding='4' border='0'>"
        f"<tr style='background:#e6eef1'>{head}</tr>{''.join(rows)}</table>"
        "<p>" + escape(_("✓ marks a level already confirmed as a skill rating.")) + "</p>"
    )
