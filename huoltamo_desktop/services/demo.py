"""A realistic, deterministic demo firm.

The same seed, size and day give the same firm. Each capability adds its own
demo data as a step in ``demo_steps()``; a step gets the session and the
DemoContext (the random generator, the day and the people made so far).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Protocol

from sqlmodel import Session

from huoltamo_desktop.domain.people import (
    LeaveReason,
    Person,
    PersonStatus,
    Sector,
    Team,
    suggest_career_stage,
)
from huoltamo_desktop.services.demo_context import DemoContext
from huoltamo_desktop.services.firm import FirmInput, save_organisation

FI_FIRST_F = [
    "Aino",
    "Anna",
    "Eeva",
    "Elina",
    "Hanna",
    "Heidi",
    "Johanna",
    "Katja",
    "Laura",
    "Leena",
    "Maria",
    "Marjo",
    "Minna",
    "Niina",
    "Outi",
    "Päivi",
    "Riikka",
    "Sanna",
    "Satu",
    "Tiina",
    "Tuula",
    "Virpi",
    "Sari",
    "Pirjo",
    "Emilia",
    "Iida",
    "Venla",
    "Krista",
    "Anu",
    "Mervi",
]
FI_FIRST_M = [
    "Antti",
    "Ari",
    "Eero",
    "Harri",
    "Heikki",
    "Janne",
    "Jari",
    "Juha",
    "Jukka",
    "Kari",
    "Lauri",
    "Markku",
    "Matti",
    "Mikko",
    "Pasi",
    "Pekka",
    "Petri",
    "Sami",
    "Timo",
    "Tuomas",
    "Ville",
    "Väinö",
    "Jyrki",
    "Esa",
    "Otto",
    "Aleksi",
    "Joonas",
    "Teemu",
    "Risto",
    "Olli",
]
FI_LAST = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Kärkkäinen",
    "Hyvönen",
]
SV_FIRST_F = [
    "Annika",
    "Ebba",
    "Linnea",
    "Maja",
    "Sofia",
    "Ulrika",
    "Camilla",
    "Pia",
    "Agneta",
    "Malin",
]
SV_FIRST_M = [
    "Anders",
    "Björn",
    "Fredrik",
    "Henrik",
    "Johan",
    "Mats",
    "Niklas",
    "Rasmus",
    "Stefan",
    "Kaj",
]
SV_LAST = [
    "Lindström",
    "Holmberg",
    "Nyström",
    "Sundqvist",
    "Wikström",
    "Öhman",
    "Åkerlund",
    "Backman",
    "Forsman",
    "Grönroos",
    "Lindholm",
    "Sjöblom",
    "Ekholm",
    "Strandberg",
]

TEAMS: list[tuple[str, list[str], str]] = [
    (
        "Tuotanto",
        ["Koneistaja", "Hitsaaja", "Kokoonpanija", "Laaduntarkastaja"],
        "Tuotantopäällikkö",
    ),
    ("Asennus ja huolto", ["Asentaja", "Huoltoasentaja", "Sähköasentaja"], "Asennuspäällikkö"),
    (
        "Varasto ja logistiikka",
        ["Varastotyöntekijä", "Kuljettaja", "Ostaja"],
        "Logistiikkavastaava",
    ),
    (
        "Myynti ja asiakaspalvelu",
        ["Myyjä", "Asiakaspalvelija", "Myyntiassistentti"],
        "Myyntipäällikkö",
    ),
    ("Hallinto", ["Kirjanpitäjä", "Palkanlaskija", "IT-tukihenkilö"], "Talouspäällikkö"),
]

# The job titles in Swedish, for the Swedish-speaking staff's documents.
SWEDISH_TITLES = {
    "Koneistaja": "Maskinarbetare",
    "Hitsaaja": "Svetsare",
    "Kokoonpanija": "Montör",
    "Laaduntarkastaja": "Kvalitetskontrollant",
    "Tuotantopäällikkö": "Produktionschef",
    "Asentaja": "Installatör",
    "Huoltoasentaja": "Servicemontör",
    "Sähköasentaja": "Elmontör",
    "Asennuspäällikkö": "Installationschef",
    "Varastotyöntekijä": "Lagerarbetare",
    "Kuljettaja": "Chaufför",
    "Ostaja": "Inköpare",
    "Logistiikkavastaava": "Logistikansvarig",
    "Myyjä": "Försäljare",
    "Asiakaspalvelija": "Kundtjänstmedarbetare",
    "Myyntiassistentti": "Försäljningsassistent",
    "Myyntipäällikkö": "Försäljningschef",
    "Kirjanpitäjä": "Bokförare",
    "Palkanlaskija": "Löneräknare",
    "IT-tukihenkilö": "IT-stödperson",
    "Talouspäällikkö": "Ekonomichef",
}


class DemoStep(Protocol):
    """One capability's demo data: ``step(session, ctx=ctx)``."""

    def __call__(self, session: Session, *, ctx: DemoContext) -> None: ...


def demo_steps() -> list[DemoStep]:
    """Every capability's demo data, in order."""
    from huoltamo_desktop.services.conversations_demo import conversations_demo
    from huoltamo_desktop.services.employee_demo import employee_demo
    from huoltamo_desktop.services.home_demo import home_demo, home_past_leavers
    from huoltamo_desktop.services.rotations_demo import rotations_demo
    from huoltamo_desktop.services.skills_demo import demo_skills
    from huoltamo_desktop.services.training_demo import training_demo

    return [
        _firm_and_people,
        home_past_leavers,
        demo_skills,
        conversations_demo,
        employee_demo,
        training_demo,
        home_demo,
        rotations_demo,
    ]


def build_demo(
    session: Session, *, people: int = 40, seed: int = 1, today: date | None = None
) -> DemoContext:
    """Fill an empty database with a demo firm of about ``people`` people."""
    if not 5 <= people <= 1000:
        raise ValueError("people must be between 5 and 1000")
    ctx = DemoContext(rng=random.Random(seed), today=today or date.today(), people_wanted=people)
    # Writing the demo firm is nobody looking at anyone's data: keep it out of the audit log.
    session.info["audit_off"] = True
    try:
        for step in demo_steps():
            step(session, ctx=ctx)
            session.flush()
    finally:
        session.info.pop("audit_off", None)
    return ctx


def _name(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.08:
        first = rng.choice(SV_FIRST_F + SV_FIRST_M)
        return first, rng.choice(SV_LAST), "sv"
    first = rng.choice(FI_FIRST_F + FI_FIRST_M)
    last = rng.choice(FI_LAST) if rng.random() < 0.95 else rng.choice(SV_LAST)
    return first, last, "fi"


def _firm_and_people(session: Session, *, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    wanted = ctx.people_wanted
    save_organisation(
        session,
        data=FirmInput(
            name="Koivulan Konepaja Oy",
            business_id="1572860-0",
            sector=Sector.MANUFACTURING,
            size=wanted,
            default_language="fi",
        ),
    )
    owner = Person(
        first_name="Kaisa",
        last_name="Koivula",
        job_title="Toimitusjohtaja",
        employment_start=date(today.year - 19, 3, 1),
        birth_year=today.year - 52,
        career_stage="mid_career",
        language="fi",
        email="kaisa.koivula@koivulankonepaja.fi",
        is_manager=True,
    )
    session.add(owner)
    session.flush()
    ctx.manager = owner
    ctx.people.append(owner)
    leads: dict[int, Person] = {}
    for team_name, _titles, lead_title in TEAMS:
        team = Team(name=team_name)
        session.add(team)
        session.flush()
        ctx.teams.append(team)
        leads[team.id or 0] = _make_person(session, ctx, team, lead_title, owner, lead=True)
    seen: set[tuple[str, str]] = {(p.first_name, p.last_name) for p in ctx.people}
    while len(ctx.people) < wanted:
        team = ctx.teams[rng.randrange(len(ctx.teams))]
        titles = next(t for name, t, _l in TEAMS if name == team.name)
        person = _make_person(
            session, ctx, team, rng.choice(titles), leads[team.id or 0], seen=seen
        )
        seen.add((person.first_name, person.last_name))
    # Some have left in the past two years: the turnover figures need them.
    leavers = [p for p in ctx.people[1 + len(TEAMS) :] if rng.random() < 0.09]
    reasons = list(LeaveReason)
    for p in leavers:
        p.status = PersonStatus.LEFT
        p.left_on = today - timedelta(days=rng.randrange(20, 700))
        if p.employment_start and p.left_on <= p.employment_start:
            p.employment_start = p.left_on - timedelta(days=rng.randrange(200, 1500))
        p.leave_reason = rng.choices(reasons, weights=[5, 2, 2, 1, 1])[0]
        if p.leave_reason == LeaveReason.RETIRED:
            p.birth_year = today.year - rng.randrange(63, 67)
        session.add(p)


def _make_person(
    session: Session,
    ctx: DemoContext,
    team: Team,
    title: str,
    supervisor: Person,
    *,
    lead: bool = False,
    seen: set[tuple[str, str]] | None = None,
) -> Person:
    rng, today = ctx.rng, ctx.today
    for _attempt in range(20):
        first, last, lang = _name(rng)
        if not seen or (first, last) not in seen:
            break
    age = (
        rng.randrange(35, 60)
        if lead
        else rng.choices(
            [
                rng.randrange(19, 30),
                rng.randrange(30, 45),
                rng.randrange(45, 56),
                rng.randrange(56, 65),
            ],
            weights=[3, 4, 4, 3],
        )[0]
    )
    max_tenure = max(0, min(age - 18, 35))
    tenure_days = (
        rng.randrange(30, 400)
        if rng.random() < 0.15
        else rng.randrange(365, max_tenure * 365 + 400)
    )
    start = today - timedelta(days=tenure_days)
    birth_year = today.year - age
    person = Person(
        first_name=first,
        last_name=last,
        job_title=title,
        job_title_sv=SWEDISH_TITLES.get(title, "") if lang == "sv" else "",
        team_id=team.id,
        supervisor_id=supervisor.id,
        employment_start=start,
        birth_year=birth_year,
        career_stage=suggest_career_stage(start, birth_year, today),
        language=lang,
        email=f"{_ascii(first)}.{_ascii(last)}@koivulankonepaja.fi",
        is_manager=lead,
    )
    session.add(person)
    session.flush()
    ctx.people.append(person)
    return person


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return text.translate(table).lower()
