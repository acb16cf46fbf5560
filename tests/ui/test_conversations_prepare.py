"""The Prepare step shows what the employee shared, skills and gaps, and future needs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.employee import SharedAssessment, SharedPlan
from huoltamo_desktop.storage.database import session_scope

pytestmark = pytest.mark.gui


def _conversation(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        person = Person(
            first_name="Aino", last_name="Laine", job_title="Koneistaja", career_stage="mid_career"
        )
        s.add(person)
        s.flush()
        c = cs.create_conversation(
            s, kind="career", held_on=date(2026, 11, 20), person_id=person.id or 0
        )
        return c.id or 0, person.id or 0


def _html(engine: Engine, cid: int, data: cs.PrepareData | None = None) -> str:
    from PySide6.QtGui import QTextDocument

    from huoltamo_desktop.ui.conversations.conversation_view import prepare_html

    with session_scope(engine) as s:
        detail = cs.get_conversation(s, conversation_id=cid)
        data = data or cs.prepare(s, conversation_id=cid)
        template = cs.template_for(s, kind="career", stage="mid_career")
    doc = QTextDocument()
    doc.setHtml(prepare_html(detail, data, template))
    return doc.toPlainText()


def test_what_the_employee_shared_is_shown(sqlite_engine: Engine, qapp) -> None:  # type: ignore[no-untyped-def]
    cid, _pid = _conversation(sqlite_engine)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    assessment = SharedAssessment(
        shared_at=now,
        assessed_on=date(2026, 10, 30),
        area_scores={"self_knowledge": 4.2, "cooperation": 2.5},
        strengths=["self_knowledge"],
        to_develop=["cooperation"],
        previous_scores=None,
    )
    plan = SharedPlan(
        shared_at=now,
        sections={"goal_1y": "Haluan oppia <robotiikkaa> & ohjelmointia", "keep": ""},
        next_steps=[("CNC-kurssi", date(2027, 3, 1))],
    )
    text = _html(sqlite_engine, cid, cs.PrepareData(shared=(assessment, plan), skill_lines=[]))
    assert "What Aino Laine has shared" in text
    assert "Self-knowledge" in text and "4.2" in text
    assert "Strengths: Self-knowledge" in text and "To develop: Cooperation" in text
    assert "Haluan oppia <robotiikkaa> & ohjelmointia" in text  # user text shown as written
    assert "CNC-kurssi – 01/03/2027" in text
    assert "not shared" not in text
    nothing = _html(sqlite_engine, cid, cs.PrepareData(shared=(None, None), skill_lines=[]))
    assert "Self-assessment: not shared." in nothing and "Career plan: not shared." in nothing


def test_skills_gaps_and_future_needs_are_shown(sqlite_engine: Engine, qapp) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.services import skills

    cid, pid = _conversation(sqlite_engine)
    with session_scope(sqlite_engine) as s:
        robot = skills.add_skill(s, name="Robottisolun käyttö")
        skills.record_rating(
            s, person_id=pid, skill_id=robot.id or 0, kind="agreed", level=1, on=date(2026, 9, 1)
        )
        skills.set_target(
            s, person_id=pid, skill_id=robot.id or 0, level=3, target_date=date(2027, 6, 1)
        )
        skills.save_need(
            s,
            skill_id=robot.id or 0,
            level=3,
            people_needed=2,
            by_date=date(2027, 12, 31),
            reason="Uusi robottisolu",
        )
    text = _html(sqlite_engine, cid)
    assert "Skills and gaps" in text and "Robottisolun käyttö" in text
    assert "3 (01/06/2027)" in text
    assert "The firm’s future needs that concern Aino Laine" in text and "Uusi robottisolu" in text
    assert "0 of 2" in text
