"""The Prepare step: what the manager reads before the talk."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from huoltamo_desktop.domain.conversations import (
    ActionOwner,
    action_status_label,
    owner_label,
    state_label,
)
from huoltamo_desktop.i18n import _, format_date, format_number, ngettext
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.services.employee import SharedAssessment, SharedPlan
from huoltamo_desktop.services.skills import PersonSkillLine
from huoltamo_desktop.ui.context import AppContext


class PrepareStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("prepare_browser")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser)

    def load(self, detail: service.ConversationDetail) -> None:
        from huoltamo_desktop.ui.rotations.prepare_section import rotations_html

        with self.ctx.session() as s:
            data = service.prepare(s, conversation_id=detail.id, scope=self.ctx.scope)
            template = service.template_for(s, kind=detail.kind, stage=detail.person_stage)
            rotations = rotations_html(s, person_id=detail.person_id)
        self.browser.setHtml(prepare_html(detail, data, template) + rotations)


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th align='left'>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='4' border='0'><tr style='background:#e6eef1'>{cells}</tr>{body}</table>"


def _h3(text: str) -> str:
    return "<h3>" + escape(text) + "</h3>"


def _p(text: str) -> str:
    return "<p>" + escape(text) + "</p>"


def _action_rows_html(actions: list[service.ActionRow]) -> str:
    rows = []
    for a in actions:
        due = format_date(a.due_on) if a.due_on else "–"
        if a.overdue:
            due = (
                "<span style='color:#b00020'><b>"
                + escape(_("{date} – late").format(date=due))
                + "</b></span>"
            )
        who = (
            a.owner_name
            if a.owner == ActionOwner.OUTSIDE and a.owner_name
            else owner_label(a.owner)
        )
        rows.append([escape(a.what), escape(who), due, escape(action_status_label(a.status))])
    return _table([_("What was agreed"), _("Who"), _("By"), _("Status")], rows)


def _level(value: int | float | None) -> str:
    return (
        "–" if value is None else format_number(value, digits=0 if float(value).is_integer() else 1)
    )


def _shared_html(name: str, shared: tuple[SharedAssessment | None, SharedPlan | None]) -> list[str]:
    from huoltamo_desktop.services.employee import area_title, plan_section_title

    assessment, plan = shared
    parts = [_h3(_("What {name} has shared").format(name=name))]
    if assessment is None:
        parts.append(_p(_("Self-assessment: not shared.")))
    else:
        parts.append(
            "<p><b>"
            + escape(_("Self-assessment"))
            + "</b> "
            + escape(_("({date})").format(date=format_date(assessment.assessed_on)))
            + "</p>"
        )
        before = assessment.previous_scores
        rows = []
        for key, score in assessment.area_scores.items():
            row = [escape(area_title(key)), _level(score)]
            if before:
                row.append(_level(before.get(key)))
            rows.append(row)
        head = [_("Area"), _("Now (1–5)")] + ([_("Before")] if before else [])
        parts.append(_table(head, rows))
        if assessment.strengths:
            parts.append(
                _p(_("Strengths:") + " " + ", ".join(area_title(k) for k in assessment.strengths))
            )
        if assessment.to_develop:
            parts.append(
                _p(_("To develop:") + " " + ", ".join(area_title(k) for k in assessment.to_develop))
            )
    if plan is None:
        parts.append(_p(_("Career plan: not shared.")))
    else:
        parts.append("<p><b>" + escape(_("Career plan")) + "</b></p>")
        for key, text in plan.sections.items():
            if text.strip():
                parts.append(
                    "<p><i>"
                    + escape(plan_section_title(key))
                    + "</i><br/>"
                    + escape(text).replace("\n", "<br/>")
                    + "</p>"
                )
        if plan.next_steps:
            items = "".join(
                "<li>"
                + escape(step)
                + (" – " + escape(format_date(when)) if when else "")
                + "</li>"
                for step, when in plan.next_steps
            )
            parts.append(_p(_("Next steps in the plan:")) + "<ul>" + items + "</ul>")
    return parts


def _skills_html(name: str, lines: list[PersonSkillLine]) -> list[str]:
    parts = [_h3(_("Skills and gaps"))]
    if not lines:
        parts.append(_p(_("No skills rated or required for {name} yet.").format(name=name)))
        return parts
    rows = []
    for line in lines:
        below_required = line.required_level is not None and (
            line.level is None or line.level < line.required_level
        )
        below_target = line.target_level is not None and (
            line.level is None or line.level < line.target_level
        )
        skill = escape(line.skill_name)
        if below_required or below_target:
            skill = "<b style='color:#b00020'>" + skill + "</b>"
        target = _level(line.target_level)
        if line.target_date:
            target += " (" + escape(format_date(line.target_date)) + ")"
        rows.append([skill, _level(line.level), target, _level(line.required_level)])
    parts.append(_table([_("Skill"), _("Level"), _("Target"), _("Role needs")], rows))
    parts.append(_p(_("Skills in red are below the target or what the role needs.")))
    return parts


def prepare_html(
    detail: service.ConversationDetail, data: service.PrepareData, template: service.TemplateView
) -> str:
    """What the manager reads before the talk, as HTML for a QTextBrowser."""
    name = detail.subject
    parts = [
        "<h2>" + escape(template.name) + " – " + escape(name) + "</h2>",
        _p(template.description),
        _p(
            ngettext(
                "About {minutes} minute. Go through the topics in the Notes step; "
                "write down what you agree on.",
                "About {minutes} minutes. Go through the topics in the Notes step; "
                "write down what you agree on.",
                template.duration_minutes,
            ).format(minutes=template.duration_minutes)
        ),
    ]
    if data.shared is not None:
        parts += _shared_html(name, data.shared)
    if data.skill_lines is not None:
        parts += _skills_html(name, data.skill_lines)
    if data.future_needs:
        parts.append(_h3(_("The firm’s future needs that concern {name}").format(name=name)))
        rows = [
            [
                escape(n.skill_name),
                _level(n.level),
                escape(_("{have} of {need}").format(have=n.people_at_level, need=n.people_needed)),
                escape(format_date(n.by_date)) if n.by_date else "–",
                escape(n.reason),
            ]
            for n in data.future_needs
        ]
        parts.append(
            _table([_("Skill"), _("Level"), _("People at the level"), _("By"), _("Why")], rows)
        )
    parts.append(_h3(_("Previous conversation")))
    if data.previous is None:
        first = (
            _("This is the first conversation with the team {name} in the app.")
            if detail.person_id is None
            else _("This is the first conversation with {name} in the app.")
        )
        parts.append(_p(first.format(name=name)))
    else:
        prev = data.previous.row
        parts.append(
            _p(
                service.kind_name(prev.kind)
                + " "
                + format_date(prev.held_on)
                + " · "
                + state_label(prev.state)
            )
        )
        if data.previous.actions:
            parts.append(_action_rows_html(data.previous.actions))
        else:
            parts.append(_p(_("No actions were agreed.")))
    older = [
        r.action
        for r in data.carried
        if data.previous is None or r.action.conversation_id != data.previous.row.id
    ]
    if older:
        parts.append(_h3(_("Still open from earlier conversations")))
        parts.append(_action_rows_html(older))
    return "\n".join(parts)
