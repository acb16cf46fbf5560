"""Demo skills for Koivulan Konepaja Oy: a metal workshop's skills, ratings with history,
role profiles, future needs and work cards, with at least one clear key-person risk.

Deterministic: only ``ctx.rng`` and ``ctx.today`` are used.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session

from huoltamo_desktop.domain.people import CareerStage, PersonStatus, utcnow
from huoltamo_desktop.domain.skills import (
    PersonCard,
    RatingKind,
    SkillRating,
    SkillTarget,
    card_expiry,
    normalise_title,
)
from huoltamo_desktop.services import skills as svc

if TYPE_CHECKING:
    from huoltamo_desktop.services.demo_context import DemoContext

# Demo job title → the starter profile it is based on.
PROFILE_FOR_TITLE: dict[str, str] = {
    "Koneistaja": "machinist",
    "Hitsaaja": "welder",
    "Kokoonpanija": "assembler",
    "Huoltoasentaja": "service_technician",
    "Asentaja": "service_technician",
    "Varastotyöntekijä": "warehouse_worker",
    "Kuljettaja": "driver",
    "Myyjä": "sales_person",
    "Asiakaspalvelija": "customer_service_advisor",
    "Myyntiassistentti": "customer_service_advisor",
    "Kirjanpitäjä": "bookkeeper",
    "IT-tukihenkilö": "it_support",
    "Tuotantopäällikkö": "team_leader",
    "Asennuspäällikkö": "team_leader",
    "Logistiikkavastaava": "team_leader",
    "Myyntipäällikkö": "team_leader",
    "Talouspäällikkö": "team_leader",
}

# Profiles the starter set does not have, written for this firm: title → ([(skill, level)], [cards]).
OWN_PROFILES: dict[str, tuple[list[tuple[str, int]], list[str]]] = {
    "Laaduntarkastaja": (
        [
            ("production.measuring", 4),
            ("production.reading_drawings", 3),
            ("safety_quality.quality_control", 3),
            ("safety_quality.quality_systems", 2),
            ("working_life.documentation", 3),
        ],
        ["occupational_safety_card"],
    ),
    "Sähköasentaja": (
        [
            ("construction.electrical_installation", 3),
            ("construction.fault_finding", 3),
            ("production.reading_drawings", 2),
            ("safety_quality.occupational_safety", 2),
        ],
        ["electrical_safety", "occupational_safety_card"],
    ),
    "Ostaja": (
        [
            ("finance_admin.procurement", 3),
            ("it_digital.erp", 2),
            ("languages.negotiation", 3),
            ("customer_service.product_knowledge", 2),
            ("sustainability.responsible_sourcing", 1),
        ],
        [],
    ),
    "Palkanlaskija": (
        [
            ("finance_admin.payroll", 3),
            ("finance_admin.hr_administration", 2),
            ("it_digital.spreadsheets_advanced", 2),
            ("it_digital.data_protection", 2),
        ],
        [],
    ),
}

ROBOT_WELDING = {
    "fi": "Hitsausrobotin ohjelmointi",
    "sv": "Programmering av svetsrobot",
    "en": "Welding robot programming",
}
ROBOT_WELDING_DESCRIPTION = {
    "fi": "Opettaa hitsausrobotille radat, säätää parametrit ja suunnittelee kiinnittimet.",
    "sv": "Lär in svetsrobotens banor, ställer in parametrarna och planerar fixturerna.",
    "en": "Teaches the welding robot its paths, sets the parameters and plans the fixtures.",
}
EXTRA_SKILLS = [
    "languages.swedish",
    "languages.english",
    "it_digital.office_suite",
    "working_life.teaching_others",
    "safety_quality.first_aid",
]
KEY_SKILL = "production.cnc_programming"
# Experience moves a person's level around their role's requirement.
SENIORITY: dict[str, int] = {
    CareerStage.NEWCOMER: -1,
    CareerStage.ESTABLISHED: 0,
    CareerStage.MID_CAREER: 0,
    CareerStage.LATE_CAREER: 1,
}


def demo_skills(session: Session, *, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    active = [p for p in ctx.people if p.status == PersonStatus.ACTIVE]

    # Role profiles for every demo job title (skills and cards are picked into the firm on the way).
    for title, key in PROFILE_FOR_TITLE.items():
        svc.apply_starter_profile(session, key=key, title=title)
    for title, (lines, cards) in OWN_PROFILES.items():
        skills = svc.pick_starter_skills(session, keys=[k for k, _l in lines])
        profile_cards = svc.pick_starter_cards(session, keys=cards)
        svc.save_profile(
            session,
            title=title,
            lines={s.id or 0: level for s, (_k, level) in zip(skills, lines, strict=True)},
            card_type_ids=[c.id or 0 for c in profile_cards],
        )
    extra = svc.pick_starter_skills(session, keys=[*EXTRA_SKILLS, KEY_SKILL, "it_digital.erp"])
    production = next(c for c in svc.list_categories(session) if c.starter_key == "production")
    robot = svc.add_skill(
        session,
        name=ROBOT_WELDING["fi"],
        category_id=production.id,
        description=ROBOT_WELDING_DESCRIPTION["fi"],
        translations=ROBOT_WELDING,
    )
    robot.description_fi = ROBOT_WELDING_DESCRIPTION["fi"]
    robot.description_sv = ROBOT_WELDING_DESCRIPTION["sv"]
    robot.description_en = ROBOT_WELDING_DESCRIPTION["en"]
    session.add(robot)
    skill_by_key = {s.starter_key: s for s in svc.list_skills(session) if s.starter_key}
    profiles = svc.profiles_by_title(session)

    # The key person: the longest-serving late-career machinist (or production person) is
    # the only one who can program the CNC machines properly.
    key_skill_id = skill_by_key[KEY_SKILL].id or 0
    production_people = [p for p in active if p.job_title in ("Koneistaja", "Tuotantopäällikkö")]
    late = [
        p for p in production_people if p.career_stage == CareerStage.LATE_CAREER
    ] or production_people
    key_person = min(late, key=lambda p: (p.birth_year or 3000, p.id or 0)) if late else None
    if key_person is not None and key_person.career_stage != CareerStage.LATE_CAREER:
        key_person.career_stage = CareerStage.LATE_CAREER
        key_person.birth_year = today.year - 61
        session.add(key_person)

    ratings: list[dict[str, object]] = []
    targets: list[dict[str, object]] = []
    for person in active:
        pid = person.id or 0
        required = profiles.get(normalise_title(person.job_title), {})
        wanted = dict(required)
        for skill in rng.sample(extra, k=min(len(extra), rng.randrange(1, 4))):
            wanted.setdefault(skill.id or 0, 1)
        if person is key_person:
            wanted[key_skill_id] = 4
        seniority = SENIORITY.get(person.career_stage, 0)
        for skill_id, need in wanted.items():
            # Someone doing the job knows its skills at least a little.
            floor = 1 if skill_id in required else 0
            level = max(floor, min(4, need + seniority + rng.choice([-1, 0, 0, 0, 1])))
            if skill_id == key_skill_id:
                level = 4 if person is key_person else min(level, 2)
            ratings.extend(_history(rng, today, pid, skill_id, level))
            if level < need and rng.random() < 0.4:
                targets.append(
                    _target(pid, skill_id, need, today + timedelta(days=rng.randrange(120, 540)))
                )
    # Two machinists are learning CNC programming: they are the natural pair for the key person.
    learners = [p for p in active if p.job_title == "Koneistaja" and p is not key_person]
    learners.sort(key=lambda p: (-(p.birth_year or 0), p.id or 0))
    for learner in learners[:2]:
        targets = [
            t for t in targets if (t["person_id"], t["skill_id"]) != (learner.id, key_skill_id)
        ]
        targets.append(
            _target(
                learner.id or 0, key_skill_id, 3, today + timedelta(days=rng.randrange(300, 500))
            )
        )
    # Young welders wish to learn the coming welding robot.
    welders = [p for p in active if p.job_title == "Hitsaaja"]
    welders.sort(key=lambda p: (-(p.birth_year or 0), p.id or 0))
    for welder in welders[:3]:
        targets.append({**_target(welder.id or 0, robot.id or 0, None, None), "wish": True})
    if ratings:
        session.execute(insert(SkillRating), ratings)
    if targets:
        session.execute(insert(SkillTarget), targets)

    # What the firm will need in the coming years.
    svc.save_need(
        session,
        skill_id=key_skill_id,
        level=3,
        people_needed=2,
        by_date=today + timedelta(days=540),
        reason="Uusi viisiakselinen koneistuskeskus otetaan käyttöön; ohjelmoijia tarvitaan kahteen vuoroon.",
    )
    svc.save_need(
        session,
        skill_id=robot.id or 0,
        level=3,
        people_needed=2,
        by_date=today + timedelta(days=730),
        reason="Hitsausrobottisolu hankitaan sarjatöihin.",
    )
    svc.save_need(
        session,
        skill_id=skill_by_key["it_digital.erp"].id or 0,
        level=3,
        people_needed=3,
        by_date=today + timedelta(days=365),
        reason="Toiminnanohjausjärjestelmä vaihtuu; jokaiseen tiimiin pääkäyttäjä.",
    )
    svc.save_need(
        session,
        skill_id=skill_by_key["languages.swedish"].id or 0,
        level=3,
        people_needed=2,
        by_date=today + timedelta(days=600),
        reason="Asiakkaita Pohjanmaalla ja Ruotsissa yhä enemmän.",
    )

    # Work cards: the ones each role needs, obtained at different times, so some run out soon.
    cards_by_title: dict[str, list[int]] = {}
    for view in svc.list_profiles(session):
        cards_by_title[normalise_title(view.title)] = list(view.card_type_ids)
    card_types = {c.id: c for c in svc.list_card_types(session)}
    first_aid = svc.pick_starter_cards(session, keys=["first_aid_1"])[0]
    card_rows: list[dict[str, object]] = []
    for person in active:
        wanted_cards = list(cards_by_title.get(normalise_title(person.job_title), []))
        if first_aid.id not in wanted_cards and rng.random() < 0.25:
            wanted_cards.append(first_aid.id or 0)
        for card_id in wanted_cards:
            if rng.random() < 0.06:
                continue  # a gap the owner should notice
            card = card_types[card_id]
            span = (card.validity_years or 8) * 365
            obtained = today - timedelta(days=rng.randrange(20, span + 60))
            card_rows.append(
                {
                    "person_id": person.id,
                    "card_type_id": card_id,
                    "obtained_on": obtained,
                    "expires_on": card_expiry(obtained, card.validity_years),
                    "note": "",
                }
            )
    if card_rows:
        session.execute(insert(PersonCard), card_rows)
    session.flush()


def _history(
    rng: random.Random, today: date, person_id: int, skill_id: int, level: int
) -> list[dict[str, object]]:
    """Ratings over about two years: an earlier self- and agreed rating, then this year's."""
    now_day = today - timedelta(days=rng.randrange(10, 200))
    events: list[dict[str, object]] = []
    if rng.random() < 0.6:
        before = now_day - timedelta(days=rng.randrange(330, 400))
        old = max(0, level - rng.choice([0, 1, 1]))
        events.append(
            _rating(
                person_id,
                skill_id,
                RatingKind.SELF,
                max(0, min(4, old + rng.choice([-1, 0, 1]))),
                before,
            )
        )
        events.append(
            _rating(person_id, skill_id, RatingKind.AGREED, old, before + timedelta(days=7))
        )
    own = max(0, min(4, level + rng.choice([-1, 0, 0, 1])))
    events.append(_rating(person_id, skill_id, RatingKind.SELF, own, now_day))
    if rng.random() < 0.5:
        events.append(
            _rating(person_id, skill_id, RatingKind.MANAGER, level, now_day + timedelta(days=3))
        )
    events.append(
        _rating(person_id, skill_id, RatingKind.AGREED, level, now_day + timedelta(days=7))
    )
    return events


def _rating(person_id: int, skill_id: int, kind: str, level: int, on: date) -> dict[str, object]:
    return {
        "person_id": person_id,
        "skill_id": skill_id,
        "kind": kind,
        "level": level,
        "rated_on": on,
        "recorded_at": utcnow(),
    }


def _target(person_id: int, skill_id: int, level: int | None, by: date | None) -> dict[str, object]:
    return {
        "person_id": person_id,
        "skill_id": skill_id,
        "level": level,
        "target_date": by,
        "wish": False,
        "updated_at": utcnow(),
    }
