"""The skills matrix as plain data for export, and the export itself (XLSX or PDF bytes)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.skills import LEVELS, LegendLine, MatrixExport
from huoltamo_desktop.i18n import _, current_language, format_date, ngettext
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.firm import get_organisation


def matrix_export_data(
    session: Session,
    *,
    team_id: int | None = None,
    category_id: int | None = None,
    all_categories: bool = True,
    today: date | None = None,
) -> MatrixExport:
    """The matrix (optionally one team / one category) ready for a report, in the UI language."""
    today = today or date.today()
    data = svc.load_matrix(session)
    rows = [r for r, p in enumerate(data.people) if team_id is None or p.team_id == team_id]
    cols = [c for c, s in enumerate(data.skills) if all_categories or s.category_id == category_id]
    if team_id is not None:
        # One team's sheet lists only the skills that concern it: rated, targeted or required there.
        cols = [
            c
            for c in cols
            if any(
                data.current[r][c] != svc.NO_LEVEL
                or data.target[r][c] != svc.NO_LEVEL
                or data.required[r][c] != svc.NO_LEVEL
                for r in rows
            )
        ]
    org = get_organisation(session)
    firm = org.name if org else ""
    scope = []
    if team_id is not None:
        scope.append(next((name for tid, name in data.teams if tid == team_id), ""))
    if not all_categories:
        scope.append(next((name for cid, name in data.categories if cid == category_id), ""))
    subtitle = " · ".join(x for x in [firm, *scope, format_date(today)] if x)
    lang = current_language()
    # A job title in the export's language when the person has one (Befattning på svenska).
    ids = [data.people[r].id for r in rows]
    titles = {
        p.id: p.job_title_in(lang)
        for p in session.exec(select(Person).where(col(Person.id).in_(ids)))
    }
    return MatrixExport(
        title=_("Skills matrix"),
        subtitle=subtitle,
        language=lang,
        people=[
            (
                data.people[r].name,
                data.people[r].team_name,
                titles.get(data.people[r].id, data.people[r].job_title),
            )
            for r in rows
        ],
        skills=[(data.skills[c].name, data.skills[c].category) for c in cols],
        current=[[data.current[r][c] for c in cols] for r in rows],
        target=[[data.target[r][c] for c in cols] for r in rows],
        required=[[data.required[r][c] for c in cols] for r in rows],
        legend=[
            LegendLine(level, svc.level_label(level), svc.level_descriptor(level))
            for level in LEVELS
        ],
        labels={
            "name": _("Name"),
            "team": _("Team"),
            "job_title": _("Job title"),
            "current": _("Current levels"),
            "target": _("Targets"),
            "legend": _("Legend"),
            "level": _("Level"),
            "meaning": _("Meaning"),
            "descriptor": _("What it means in practice"),
            "target_mark": _("→ 3: a target level above today's level"),
            "gap_mark": _("Red underline: below the level the role needs"),
            "page": _("Page {number} of {total}"),
            "confidential": _("Confidential"),
            "skills_range": _("Skills {first}–{last} of {total}"),
            "not_rated": _("Empty: not rated"),
        },
    )


def people_by_skills(people: int, skills: int) -> str:
    """The size of a matrix in words: "1 henkilö × 1 taito", "12 people × 40 skills"."""
    return _("{people} × {skills}").format(
        people=ngettext("{n} person", "{n} people", people).format(n=people),
        skills=ngettext("{n} skill", "{n} skills", skills).format(n=skills),
    )


def export_matrix_bytes(data: MatrixExport, fmt: str) -> bytes:
    """The matrix as an XLSX workbook or a PDF document."""
    if not data.people or not data.skills:
        raise UserError(_("There is nothing to export: add people and skills first."))
    if fmt == "xlsx":
        from huoltamo_desktop.reports.skills_matrix_xlsx import build_matrix_xlsx

        return build_matrix_xlsx(data)
    if fmt == "pdf":
        from huoltamo_desktop.reports.skills_matrix import build_matrix_pdf

        return build_matrix_pdf(data)
    raise UserError(_("Unknown format {format}: choose xlsx or pdf.").format(format=fmt))
