"""Demo rotations for Koivulan Konepaja Oy: a finished swap whose outcome is in the ratings,
a running project, a planned rotation that trains a second holder of the late-career CNC
expert's skill, one planned despite a coverage warning, summer holidays, and TIG welding
that counts only with a valid hot work card.

Deterministic: only ``ctx.rng`` and ``ctx.today`` are used, and it runs after the other steps.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import ActionStatus, Conversation, ConversationAction
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.rotations import RotationKind, RotationStatus, holders
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.services import skills as skills_svc

if TYPE_CHECKING:
    from huoltamo_desktop.services.demo_context import DemoContext

CNC = "production.cnc_programming"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def rotations_demo(session: Session, *, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    active = [p for p in ctx.people if p.status == PersonStatus.ACTIVE and not p.is_manager]
    if len(active) < 6:
        return
    skills = {s.starter_key: s.id or 0 for s in skills_svc.list_skills(session) if s.starter_key}
    levels = skills_svc.current_levels(session)
    by_id = {p.id or 0: p for p in active}
    busy: set[int] = set()
    swapped: set[int] = set()
    this_week = _monday(today)

    # TIG welding may be done only with a valid hot work card.
    hot_work = [c for c in skills_svc.list_card_types(session) if c.starter_key == "hot_work_card"]
    if hot_work and "production.welding_tig" in skills:
        svc.set_skill_card(
            session, skill_id=skills["production.welding_tig"], card_type_id=hot_work[0].id
        )

    def pick(title: str, *, exclude: set[int]) -> Person | None:
        people = [p for p in active if p.job_title == title and (p.id or 0) not in exclude]
        people.sort(key=lambda p: p.id or 0)
        return people[0] if people else None

    # 1. The planned rotation that trains a second CNC holder beside the late-career expert.
    cnc = skills.get(CNC)
    expert = None
    if cnc is not None:
        experts = [pid for (pid, sid), lvl in levels.items() if sid == cnc and lvl >= 4]
        expert = by_id.get(min(experts)) if experts else None
    if expert is not None and cnc is not None:
        # The learner: a machinist with CNC programming as a target, else anyone with that
        # target, else someone who already knows a little of it, else the expert's teammate.
        targets = skills_svc.targets_for(session)
        others = [p for p in active if p is not expert]

        def rank(p: Person) -> tuple[int, int, int]:
            has_target = (p.id or 0, cnc) in targets
            return (
                0 if has_target and p.job_title == "Koneistaja" else 1 if has_target else 2,
                -levels.get((p.id or 0, cnc), 0),
                -(p.birth_year or 0),
            )

        candidates = [
            p
            for p in others
            if (p.id or 0, cnc) in targets
            or levels.get((p.id or 0, cnc), 0) > 0
            or p.team_id == expert.team_id
        ]
        learner = min(candidates, key=rank) if candidates else None
        if learner is not None:
            start = this_week + timedelta(weeks=3)
            cover = pick("Koneistaja", exclude={expert.id or 0, learner.id or 0})
            _save(
                session,
                svc.RotationInput(
                    kind=RotationKind.SHADOWING,
                    person_id=learner.id or 0,
                    starts_on=start,
                    ends_on=start + timedelta(weeks=12, days=-3),
                    share_percent=40,
                    host_id=expert.id,
                    cover_id=cover.id if cover else None,
                    destination="CNC-ohjelmointi viisiakseliselle koneistuskeskukselle",
                    goals=((cnc, 3),),
                ),
            )
            busy |= {learner.id or 0, expert.id or 0, cover.id or 0 if cover else 0}

    # 2. A finished swap between two people of the same service process; its outcome is rated.
    a = pick("Huoltoasentaja", exclude=busy) or pick("Asentaja", exclude=busy)
    b = pick("Asiakaspalvelija", exclude=busy) or pick("Myyjä", exclude=busy)
    if a is not None and b is not None:
        start = this_week - timedelta(weeks=30)
        goal_skill = skills.get("customer_service.customer_encounters") or skills.get(
            "customer_service.product_knowledge"
        )
        goals: tuple[tuple[int, int], ...] = ((goal_skill, 3),) if goal_skill else ()
        rotation = _save(
            session,
            svc.RotationInput(
                kind=RotationKind.SWAP,
                person_id=a.id or 0,
                partner_id=b.id,
                starts_on=start,
                ends_on=start + timedelta(weeks=8, days=-3),
                share_percent=100,
                destination="Huoltopyyntöjen vastaanotto ja kenttähuolto",
                goals=goals,
                status=RotationStatus.RUNNING,
            ),
        )
        svc.record_outcome(
            session,
            rotation_id=rotation,
            person_text=(
                "Näin, miltä huoltopyyntö näyttää asiakkaan päästä. Kirjaan nyt tiedot niin, "
                "että puhelimessa ei tarvitse kysyä samaa kahdesti."
            ),
            host_text="Hoiti itsenäisesti jo kolmannella viikolla tavalliset huoltopyynnöt.",
            proposed={goal_skill: 3} if goal_skill else {},
        )
        svc.confirm_outcome(session, rotation_id=rotation, on=start + timedelta(weeks=8, days=-3))
        busy |= {a.id or 0, b.id or 0}
        swapped = {a.id or 0, b.id or 0}

    # 3. A running project assignment: the new ERP system, part-time.
    erp = skills.get("it_digital.erp")
    lead = next(
        (p for p in active if p.job_title == "Logistiikkavastaava" and (p.id or 0) not in busy),
        None,
    ) or pick("Varastotyöntekijä", exclude=busy)
    it = pick("IT-tukihenkilö", exclude=busy)
    if lead is not None:
        start = this_week - timedelta(weeks=3)
        _save(
            session,
            svc.RotationInput(
                kind=RotationKind.PROJECT,
                person_id=lead.id or 0,
                starts_on=start,
                ends_on=start + timedelta(weeks=10, days=-3),
                share_percent=30,
                host_id=it.id if it else None,
                destination="Toiminnanohjausjärjestelmän vaihto",
                goals=((erp, 3),) if erp else (),
                status=RotationStatus.RUNNING,
            ),
        )
        busy |= {lead.id or 0, it.id or 0 if it else 0}

    # 4. A rotation planned despite a warning: the only one at level 3 in a needed skill
    #    moves to another team for six weeks.
    plan = svc.plan_data(session, today=today)
    sole = sorted(
        (sid, next(iter(who)))
        for sid, who in holders(plan).items()
        if len(who) == 1 and next(iter(who)) not in busy and next(iter(who)) in by_id
    )
    if sole:
        _skill, pid = sole[rng.randrange(len(sole))]
        person = by_id[pid]
        start = this_week + timedelta(weeks=8)
        _save(
            session,
            svc.RotationInput(
                kind=RotationKind.ROTATION,
                person_id=pid,
                starts_on=start,
                ends_on=start + timedelta(weeks=6, days=-3),
                share_percent=100,
                destination="Kokoonpanon tuotannonsuunnittelu",
                goals=(),
            ),
        )
        busy.add(person.id or 0)

    # 5. A rotation that carries out an action agreed in a career conversation (the swap
    #    is over, so its two people are free for it).
    for action_id, person_id, what in _open_rotation_actions(session):
        if (person_id in busy and person_id not in swapped) or person_id not in by_id:
            continue
        host = pick("Laaduntarkastaja", exclude=busy | {person_id})
        start = this_week + timedelta(weeks=10)
        rotation_id = _save(
            session,
            svc.RotationInput(
                kind=RotationKind.ROTATION,
                person_id=person_id,
                starts_on=start,
                ends_on=start + timedelta(weeks=2, days=-3),
                share_percent=40,
                host_id=host.id if host else None,
                destination="Laaduntarkastus" if "laadun" in what.casefold() else what[:200],
            ),
        )
        svc.link_action(session, rotation_id=rotation_id, action_id=action_id)
        busy.add(person_id)
        break

    # Summer holidays: most people take three or four weeks in July.
    year = today.year if today.month < 8 else today.year + 1
    for person in active:
        if (person.id or 0) in busy or rng.random() < 0.35:
            continue
        start = _monday(date(year, 7, 1)) + timedelta(weeks=rng.randrange(0, 3))
        svc.add_absence(
            session,
            person_id=person.id or 0,
            starts_on=start,
            ends_on=start + timedelta(weeks=rng.choice([3, 4]), days=-3),
            note="Kesäloma",
        )
    session.flush()


def _open_rotation_actions(session: Session) -> list[tuple[int, int, str]]:
    """Open agreed actions that speak of a rotation: (action id, person id, what)."""
    rows = session.exec(
        select(ConversationAction, Conversation)
        .join(Conversation, col(Conversation.id) == ConversationAction.conversation_id)
        .where(
            col(ConversationAction.status).in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
            col(Conversation.person_id).is_not(None),
        )
        .order_by(col(ConversationAction.id))
    )
    return [
        (a.id or 0, c.person_id or 0, a.what)
        for a, c in rows
        if "kierto" in a.what.casefold() or "rotation" in a.what.casefold()
    ]


def _save(session: Session, data: svc.RotationInput) -> int:
    """Save as the manager would: warnings, if any, are accepted and recorded."""
    rotation = svc.save_rotation(session, data=data, accept_warnings=True)
    return rotation.id or 0
