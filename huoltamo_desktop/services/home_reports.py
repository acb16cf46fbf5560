"""The figures as rows and charts, the year in review and the workplace development plan draft.

Rows and charts are made here once, in the requested language, and used by the
home page and by both PDFs, so the screen and the paper always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from gettext import NullTranslations

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home import HomePlanText
from huoltamo_desktop.domain.home_figures import (
    DEFINITIONS,
    LEAVER_GROUP_LABELS,
    METRIC_LABELS,
    MIN_GROUP,
    Metric,
    PeriodFigures,
    Shown,
)
from huoltamo_desktop.domain.people import utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import (
    N_,
    current_language,
    format_date,
    format_number,
    translator_for,
)
from huoltamo_desktop.reports.home_charts import ChartData
from huoltamo_desktop.services.home_figures import Figures
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.services.seats_versions import merge_values

HIDDEN = N_("hidden (< 5)")
NONE_YET = "–"


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    cells: list[str]  # one per period, already formatted
    definition: str
    indent: bool = False


class _Fmt:
    """Formatting in one language (the report's, which need not be the app's)."""

    def __init__(self, language: str) -> None:
        self.lang = language
        self.tr: NullTranslations = translator_for(language)

    def t(self, message: str) -> str:
        return self.tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.tr.ngettext(singular, plural, n)

    def num(self, value: float, digits: int = 0) -> str:
        return format_number(value, self.lang, digits=digits)

    def pct(self, value: float) -> str:
        return self.num(value * 100, 1 if value * 100 < 10 else 0) + "\u00a0%"

    def hidden(self) -> str:
        # "(< 5)" stays on one line when a narrow table cell wraps.
        return self.t(HIDDEN).replace("< ", "<\u00a0")

    def signed(self, value: float, digits: int = 2) -> str:
        text = self.num(abs(value), digits)
        return ("+" if value > 0 else "−" if value < 0 else "±") + text


def figure_rows(figs: list[PeriodFigures], language: str | None = None) -> list[FigureRow]:
    """Every figure as a row over ``figs``' periods, with its count beside every percentage."""
    f = _Fmt(language or current_language())
    t = f.t
    rows: list[FigureRow] = []

    def add(
        key: str, label: str, cells: list[str], *, indent: bool = False, define: str = ""
    ) -> None:
        rows.append(FigureRow(key, label, cells, t(DEFINITIONS.get(define or key, "")), indent))

    add("headcount", t(N_("Headcount at the end")), [str(p.headcount_end) for p in figs])
    add(
        "average_headcount",
        t(N_("Average headcount")),
        [f.num(p.average_headcount, 1) for p in figs],
    )
    add("leavers", t(N_("Leavers")), [str(p.leavers_total) for p in figs])
    for group, label in LEAVER_GROUP_LABELS.items():
        add(
            f"leavers_{group}",
            t(label),
            [f.hidden() if group in p.leavers_hidden else str(p.leavers[group]) for p in figs],
            indent=True,
            define="leavers",
        )

    def turnover(p: PeriodFigures) -> str:
        shown = p.turnover
        if not shown.visible or shown.value is None:
            return f.hidden()
        return (
            f"{f.pct(shown.value)} ({p.leavers_total}\u00a0/\u00a0{f.num(p.average_headcount, 1)})"
        )

    add("turnover", t(N_("Turnover")), [turnover(p) for p in figs])
    add("moves", t(N_("Internal moves")), [str(p.moves) for p in figs])

    def coverage(p: PeriodFigures) -> str:
        shown = p.coverage
        if not shown.visible or shown.value is None:
            return f.hidden()
        return f"{f.pct(shown.value)} ({p.covered}\u00a0/\u00a0{p.covered_of})"

    add("coverage", t(N_("Career conversation in the last 12 months")), [coverage(p) for p in figs])

    def growth(p: PeriodFigures) -> str:
        shown = p.growth.change
        if not shown.visible or shown.value is None:
            return f.hidden() if shown.n else NONE_YET
        return t(N_("{change} (n = {n})")).format(change=f.signed(shown.value), n=shown.n)

    add("skill_growth", t(N_("Skill growth on needed skills, levels")), [growth(p) for p in figs])
    add(
        "gaps_closed",
        t(N_("Gaps closed")),
        [f"{p.growth.gaps_closed} / {p.growth.gaps_at_start}" for p in figs],
        indent=True,
        define="skill_growth",
    )

    def assessment(p: PeriodFigures) -> str:
        shown = p.self_assessment
        if not shown.visible or shown.value is None:
            return f.hidden() if shown.n else NONE_YET
        return t(N_("{change} (n = {n})")).format(change=f.signed(shown.value), n=shown.n)

    add(
        "self_assessment",
        t(N_("Self-assessment of career management skills, change")),
        [assessment(p) for p in figs],
    )

    def entered(p: PeriodFigures, metric: str) -> str:
        e = p.entered[metric]
        if e.value is None:
            return NONE_YET
        if metric in (Metric.SICK_LEAVE_DAYS, Metric.HEALTH_COSTS) and (
            p.average_headcount < MIN_GROUP
        ):
            return f.hidden()  # in a firm of a few people a total points at someone
        if metric == Metric.SICK_LEAVE_DAYS:
            return f.num(e.value)
        if metric == Metric.HEALTH_COSTS:
            return f.num(round(e.value)) + "\u00a0€"
        return t(N_("{score} (n = {n})")).format(score=f.num(e.value, 2), n=e.respondents)

    def per_person(p: PeriodFigures) -> str:
        if p.entered[Metric.SICK_LEAVE_DAYS].value is None:
            return NONE_YET
        per = p.sick_days_per_person()
        return f.num(per.value, 1) if per.visible and per.value is not None else f.hidden()

    for metric in Metric:
        add(metric.value, t(METRIC_LABELS[metric]), [entered(p, metric) for p in figs])
        if metric == Metric.SICK_LEAVE_DAYS:
            add(
                "sick_days_per_person",
                t(N_("per person")),
                [per_person(p) for p in figs],
                indent=True,
                define=Metric.SICK_LEAVE_DAYS,
            )
    return rows


def _values(figs: list[PeriodFigures], get: object) -> list[float | None]:
    assert callable(get)
    result: list[float | None] = []
    for p in figs:
        value = get(p)
        if isinstance(value, Shown):
            result.append(value.value if value.visible else None)
        else:
            result.append(value)
    return result


def trend_charts(figures: Figures, language: str | None = None) -> list[ChartData]:
    """The charts the home page and the year in review show: years, and quarters where it helps."""
    f = _Fmt(language or current_language())
    t = f.t
    years = figures.years
    quarters = figures.quarters
    labels_y = [p.label for p in years]
    # Quarters: "Q1" with the year under it on each year's first quarter shown.
    labels_q = []
    for i, p in enumerate(quarters):
        year, quarter = p.label.split(" ")
        labels_q.append(f"{quarter}\n{year}" if i == 0 or quarter == "Q1" else quarter)
    gap = t(N_("n < 5"))
    return [
        ChartData(
            t(N_("Turnover, % a year")),
            labels_y,
            [v * 100 if v is not None else None for v in _values(years, lambda p: p.turnover)],
            lambda v: f.num(v, 1),
            gap,
        ),
        ChartData(
            t(N_("Career conversation in the last 12 months, %")),
            labels_y,
            [v * 100 if v is not None else None for v in _values(years, lambda p: p.coverage)],
            lambda v: f.num(v, 0),
            gap,
        ),
        ChartData(
            t(N_("Sick-leave days per person, by quarter")),
            labels_q,
            _values(quarters, lambda p: p.sick_days_per_person()),
            lambda v: f.num(v, 1),
            NONE_YET,
        ),
        ChartData(
            t(N_("Job satisfaction (1–5), by quarter")),
            labels_q,
            [p.entered[Metric.SATISFACTION].value for p in quarters],
            lambda v: f.num(v, 1),
            NONE_YET,
        ),
        ChartData(
            t(N_("Internal moves a year")),
            labels_y,
            [float(p.moves) for p in years],
            lambda v: f.num(v, 0),
            gap,
        ),
        ChartData(
            t(N_("Skill growth on needed skills, levels a year")),
            labels_y,
            _values(years, lambda p: p.growth.change),
            lambda v: f.num(v, 1),
            gap,
        ),
    ]


# --- the workplace development plan ----------------------------------------------------------------

PLAN_SECTIONS: list[tuple[str, str, str]] = [
    (
        "outlook",
        N_("Outlook and changes ahead"),
        N_(
            "The firm's outlook and the changes expected in work and in the staff's competence needs."
        ),
    ),
    (
        "competence",
        N_("Competence needs and how we meet them"),
        N_(
            "Which skills the coming years need, where the gaps are, and the training and rotations planned."
        ),
    ),
    (
        "wellbeing",
        N_("Well-being at work and work ability"),
        N_("How well-being and work ability are kept up, in every career stage."),
    ),
    (
        "goals",
        N_("Goals and measures"),
        N_("What we aim at in the coming year and what we do to get there, who does it and when."),
    ),
    (
        "followup",
        N_("Follow-up"),
        N_("How and when the plan is followed up together with the staff."),
    ),
]


@dataclass
class PlanSection:
    key: str
    title: str
    guide: str
    text: str
    suggested: str
    edited: bool


@dataclass
class PlanDraft:
    year: int
    firm_name: str
    language: str
    headcount: int
    duty_note: str
    sections: list[PlanSection] = field(default_factory=list)


def _suggested_texts(session: Session, *, year: int, today: date, f: _Fmt) -> dict[str, str]:
    """Starting texts from what the app knows: future needs, gaps, actions, figures, dialogues."""
    from huoltamo_desktop.domain.conversations import ActionKind
    from huoltamo_desktop.domain.skills import need_gaps
    from huoltamo_desktop.services.conversations import followup
    from huoltamo_desktop.services.home import dialogue_status, list_dialogues
    from huoltamo_desktop.services.skills import skill_data

    t = f.t
    data = skill_data(session, today=today)
    gaps = need_gaps(data, today=today)
    need_lines = []
    for g in gaps:
        name = data.skill_names.get(g.skill_id, "")
        when = format_date(g.by_date, f.lang) if g.by_date else t(N_("no date set"))
        need_lines.append(
            "• "
            + t(N_("{skill}: {needed} people at level {level} by {when}; {have} now")).format(
                skill=name, needed=g.people_needed, level=g.level, when=when, have=g.have_now
            )
        )
    actions = followup(session, today=today)
    trainings = [a for a in actions if a.kind == ActionKind.TRAINING]
    rotations = [a for a in actions if a.kind == ActionKind.ROTATION]
    mentoring = [a for a in actions if a.kind == ActionKind.MENTORING]
    arrangements = [a for a in actions if a.kind == ActionKind.WORK_ARRANGEMENT]

    competence = []
    if need_lines:
        competence.append(t(N_("Future needs the firm has listed:")))
        competence += need_lines
    else:
        competence.append(t(N_("No future skill needs are listed yet.")))
    n = len(trainings)
    competence.append(
        f.ngettext("{n} agreed training is open.", "{n} agreed trainings are open.", n).format(n=n)
    )
    n = len(rotations)
    competence.append(
        f.ngettext("{n} job rotation is agreed.", "{n} job rotations are agreed.", n).format(n=n)
    )
    n = len(mentoring)
    competence.append(
        f.ngettext(
            "{n} mentoring arrangement is agreed.", "{n} mentoring arrangements are agreed.", n
        ).format(n=n)
    )
    wellbeing = [
        t(
            N_(
                "Work ability is talked about early and lightly in the career conversations; "
                "health details are not recorded."
            )
        ),
        f.ngettext(
            "{n} agreed work arrangement is open.",
            "{n} agreed work arrangements are open.",
            len(arrangements),
        ).format(n=len(arrangements)),
    ]
    status = dialogue_status(session, today=today)
    held = list_dialogues(session, since=date(year - 1, 1, 1))
    follow = [t(N_("The plan is gone through with the staff in the co-operation dialogue."))]
    if status.months:
        follow.append(
            f.ngettext(
                "Dialogue every {n} month.", "Dialogue every {n} months.", status.months
            ).format(n=status.months)
        )
    if held:
        follow.append(
            t(N_("Dialogues held: {days}.")).format(
                days=", ".join(format_date(d.held_on, f.lang) for d in held)
            )
        )
    follow.append(
        t(
            N_(
                "The figures followed: turnover, sick-leave days, occupational-health costs, "
                "job satisfaction, internal moves and the share of people with a career conversation."
            )
        )
    )
    return {
        "outlook": "",
        "competence": "\n".join(competence),
        "wellbeing": "\n".join(wellbeing),
        "goals": "",
        "followup": "\n".join(follow),
    }


def plan_draft(
    session: Session,
    *,
    year: int,
    today: date | None = None,
    language: str | None = None,
    scope: Scope | None = None,
) -> PlanDraft:
    """The year's plan: the owner's own text per section where written, else the suggestion.

    The plan counts the whole firm, so it is the owner's (a team lead's ``scope`` is refused).
    """
    require_owner(scope)
    from huoltamo_desktop.services.firm import get_organisation
    from huoltamo_desktop.services.home import active_headcount

    today = today or date.today()
    f = _Fmt(language or current_language())
    org = get_organisation(session)
    saved = {
        row.section: row.text
        for row in session.exec(select(HomePlanText).where(HomePlanText.year == year))
    }
    suggested = _suggested_texts(session, year=year, today=today, f=f)
    count = active_headcount(session)
    draft = PlanDraft(
        year=year,
        firm_name=org.name if org else "",
        language=f.lang,
        headcount=count,
        duty_note=_duty_note(count, f),
    )
    for key, title, guide in PLAN_SECTIONS:
        edited = key in saved
        draft.sections.append(
            PlanSection(
                key,
                f.t(title),
                f.t(guide),
                saved[key] if edited else suggested[key],
                suggested[key],
                edited,
            )
        )
    return draft


def _duty_note(count: int, f: _Fmt) -> str:
    from huoltamo_desktop.domain.home import dialogue_duty

    # dialogue_duty_text uses the app's language; the plan may be in another one.
    texts = {
        "full": N_(
            "With 50 or more employees the whole Co-operation Act applies: regular dialogue with the "
            "staff representative, at least once a quarter unless you agree otherwise, and a workplace "
            "development plan that is drawn up together and followed up."
        ),
        "light": N_(
            "With 20–49 employees the act asks for less since 1 July 2025: set up regular dialogue "
            "with the staff in a way that suits your workplace. You choose the topics and how often; "
            "a written development plan is not required of you, but a draft helps the talk."
        ),
        "none": N_(
            "With fewer than 20 employees the Co-operation Act does not apply. Talking with the staff "
            "about the outlook, skills and well-being is still good practice."
        ),
    }
    return f.t(texts[dialogue_duty(count)])


def save_plan_text(
    session: Session, *, year: int, section: str, text: str | None, scope: Scope | None = None
) -> None:
    """Keep the owner's wording of a section (None goes back to the suggestion)."""
    require_owner(scope)
    if section not in {key for key, _t, _g in PLAN_SECTIONS}:
        raise ValidationError("unknown section", "section")
    if not 2000 <= year <= 2100:
        raise ValidationError("year", "year")
    row = session.exec(
        select(HomePlanText).where(HomePlanText.year == year, HomePlanText.section == section)
    ).first()
    if text is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    row = row or HomePlanText(year=year, section=section)
    row.text, row.updated_at = text.strip()[:20000], utcnow()
    session.add(row)
    session.flush()


def stored_plan_texts(session: Session, *, year: int) -> dict[str, str | None]:
    """The owner's own wording per section as saved (None: the suggestion is used)."""
    texts: dict[str, str | None] = {key: None for key, _t, _g in PLAN_SECTIONS}
    for row in session.exec(select(HomePlanText).where(HomePlanText.year == year)):
        texts[row.section] = row.text
    return texts


def save_plan_texts(
    session: Session,
    *,
    year: int,
    texts: dict[str, str | None],
    base: dict[str, str | None] | None = None,
    scope: Scope | None = None,
) -> None:
    """Save every section of the plan editor at once.

    ``base`` is what the editor showed (``stored_plan_texts`` when it opened): a
    section another owner's seat changed meanwhile keeps their text, one both
    changed raises ``ConflictError`` with both.
    """
    clean = {k: (v.strip()[:20000] if v is not None else None) for k, v in texts.items()}
    merged = merge_values(base=base, yours=clean, theirs=stored_plan_texts(session, year=year))
    for section, text in merged.items():
        save_plan_text(
            session,
            year=year,
            section=section,
            text=text if isinstance(text, str) else None,
            scope=scope,
        )


def plan_pdf(
    session: Session, *, year: int, today: date | None = None, scope: Scope | None = None
) -> bytes:
    from huoltamo_desktop.reports.home_development_plan import build_plan_pdf

    return build_plan_pdf(plan_draft(session, year=year, today=today, scope=scope))


# --- the year in review ---------------------------------------------------------------------------------


@dataclass
class YearReview:
    year: int
    firm_name: str
    language: str
    made_on: date
    labels: list[str]
    rows: list[FigureRow]
    charts: list[ChartData]
    done: list[tuple[str, str]]  # (what, how many) already in the language
    duty_note: str


def year_review(
    session: Session,
    *,
    year: int | None = None,
    today: date | None = None,
    language: str | None = None,
    scope: Scope | None = None,
) -> YearReview:
    """The year's figures beside the years before, the charts, and what was done in the year.

    The review counts the whole firm, so it is the owner's (a team lead's ``scope`` is refused).
    """
    require_owner(scope)
    from huoltamo_desktop.domain.conversations import ActionStatus, Conversation
    from huoltamo_desktop.domain.home import HomeDialogue
    from huoltamo_desktop.services.firm import get_organisation
    from huoltamo_desktop.services.home import active_headcount
    from huoltamo_desktop.services.home_figures import figures

    today = today or date.today()
    year = year or today.year
    f = _Fmt(language or current_language())
    t = f.t
    reference = min(today, date(year, 12, 31))
    figs = figures(session, today=reference)
    org = get_organisation(session)
    first, last = date(year, 1, 1), date(year, 12, 31)
    held = len(
        list(
            session.exec(
                select(col(Conversation.id)).where(
                    col(Conversation.is_current).is_(True),
                    col(Conversation.held_on) >= first,
                    col(Conversation.held_on) <= min(last, today),
                )
            )
        )
    )
    from huoltamo_desktop.domain.conversations import ConversationAction

    done_actions = len(
        list(
            session.exec(
                select(col(ConversationAction.id)).where(
                    ConversationAction.status == ActionStatus.DONE,
                    col(ConversationAction.status_on) >= first,
                    col(ConversationAction.status_on) <= last,
                )
            )
        )
    )
    dialogues = len(
        list(
            session.exec(
                select(col(HomeDialogue.id)).where(
                    col(HomeDialogue.held_on) >= first, col(HomeDialogue.held_on) <= last
                )
            )
        )
    )
    return YearReview(
        year=year,
        firm_name=org.name if org else "",
        language=f.lang,
        made_on=today,
        labels=[p.label for p in figs.years],
        rows=figure_rows(figs.years, f.lang),
        charts=trend_charts(figs, f.lang),
        done=[
            (t(N_("Conversations held")), str(held)),
            (t(N_("Agreed actions done")), str(done_actions)),
            (t(N_("Co-operation dialogues held")), str(dialogues)),
        ],
        duty_note=_duty_note(active_headcount(session), f),
    )


def year_review_pdf(
    session: Session,
    *,
    year: int | None = None,
    today: date | None = None,
    scope: Scope | None = None,
) -> bytes:
    from huoltamo_desktop.reports.home_year import build_year_pdf

    return build_year_pdf(year_review(session, year=year, today=today, scope=scope))
