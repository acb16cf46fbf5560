"""The demo firm's skills: realistic, with history, needs, cards and a clear key-person risk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.skills import RiskReason, SkillRating, key_person_risks, transfer_pairs
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.demo import build_demo

TODAY = date(2026, 11, 27)


def test_demo_has_a_late_career_sole_expert_with_a_learner(session: Session) -> None:
    build_demo(session, people=60, seed=3, today=TODAY)
    data = svc.skill_data(session, today=TODAY)
    risks = key_person_risks(data, today=TODAY)
    top = risks[0]
    assert data.skill_names[top.skill_id] in (
        "CNC-ohjelmointi",
        "CNC programming",
        "CNC-programmering",
    )
    assert len(top.holders) == 1 and RiskReason.LATE_CAREER in top.reasons
    pairs = [p for p in transfer_pairs(data, risks) if p.skill_id == top.skill_id]
    assert pairs and all(p.holder_id == top.holders[0] for p in pairs)


def test_demo_has_history_profiles_needs_and_cards(session: Session) -> None:
    build_demo(session, people=60, seed=3, today=TODAY)
    repeated = session.exec(
        select(SkillRating.person_id, SkillRating.skill_id)
        .where(SkillRating.kind == "agreed")
        .group_by(col(SkillRating.person_id), col(SkillRating.skill_id))
        .having(func.count() > 1)
    ).all()
    assert len(repeated) > 20
    titles = {p.title for p in svc.list_profiles(session)}
    assert {"Koneistaja", "Hitsaaja", "Laaduntarkastaja", "Sähköasentaja"} <= titles
    needs = svc.list_needs(session)
    assert len(needs) >= 3 and all(n.reason for n in needs)
    # A need nobody meets yet: the welding robot.
    gaps = {svc.skill_name(svc.get_skill(session, skill_id=n.skill_id), "fi"): n for n in needs}
    assert "Hitsausrobotin ohjelmointi" in gaps
    expiring = svc.expiring_cards(session, today=TODAY)
    assert any(h.state == "expiring" for h in expiring) and any(
        h.state == "expired" for h in expiring
    )
