"""The employee's own work, sharing by choice, and privacy at rest."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huoltamo_desktop.domain.employee_content import CANT_SAY, content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as acc
from huoltamo_desktop.services.people import erase_person

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SECRET_REFLECTION = "Pelkään, että työni katoaa automaation myötä"
SECRET_DRAFT = "Haaveilen siirtymisestä kilpailijalle Tampereelle"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def _signed_in(session: Session) -> acc.PersonKey:
    p = Person(first_name="Łukasz", last_name="Ääpälä")
    session.add(p)
    session.flush()
    assert p.id is not None
    key, _code = acc.create_secret(session, person_id=p.id or 0, secret="246810")
    return key


def _answers(value_of: dict[str, int], default: int = 3) -> dict[str, int]:
    return {s.key: value_of.get(s.area, default) for s in content().statements}


def test_stop_half_way_and_continue_later(session: Session) -> None:
    key = _signed_in(session)
    first = emp.start_assessment(session, key=key)
    half = {s.key: 4 for s in content().statements[:10]}
    emp.save_answers(
        session, key=key, assessment_id=first.id or 0, answers=half, today=date(2026, 1, 5)
    )
    again = emp.start_assessment(session, key=key)
    assert again.id == first.id and again.answers == half and again.completed_on is None
    done = emp.save_answers(
        session, key=key, assessment_id=first.id or 0, answers=_answers({}), today=date(2026, 1, 6)
    )
    assert done.completed_on == date(2026, 1, 6)
    assert emp.unfinished_assessment(session, key=key) is None


def test_answers_outside_the_scale_are_ignored(session: Session) -> None:
    key = _signed_in(session)
    rec = emp.start_assessment(session, key=key)
    stmt = content().statements[0].key
    saved = emp.save_answers(
        session,
        key=key,
        assessment_id=rec.id or 0,
        answers={stmt: 9, "nonsense": 3},
        today=date(2026, 1, 1),
    )
    assert saved.answers == {}


def test_summary_compares_with_the_previous_assessment(session: Session) -> None:
    key = _signed_in(session)
    old = emp.start_assessment(session, key=key)
    emp.save_answers(
        session,
        key=key,
        assessment_id=old.id or 0,
        answers=_answers({"cooperation": 2}),
        today=date(2025, 1, 10),
    )
    new = emp.start_assessment(session, key=key)
    assert new.id != old.id
    emp.save_answers(
        session,
        key=key,
        assessment_id=new.id or 0,
        answers=_answers({"cooperation": 5, "future_of_environment": 1}),
        today=date(2026, 1, 12),
    )
    summary = emp.latest_summary(session, key=key)
    assert summary is not None
    assert summary.assessed_on == date(2026, 1, 12) and summary.previous_on == date(2025, 1, 10)
    assert summary.scores["cooperation"] == 5.0
    assert summary.previous_scores is not None and summary.previous_scores["cooperation"] == 2.0
    assert summary.strengths == ["cooperation"]
    assert summary.to_develop[0] == "future_of_environment"


def test_sharing_freezes_a_copy_and_withdrawing_removes_it(session: Session) -> None:
    key = _signed_in(session)
    assert emp.shared_for_manager(session, person_id=key.person_id) == (None, None)
    with pytest.raises(ValidationError):
        emp.share_assessment(session, key=key)
    with pytest.raises(ValidationError):
        emp.share_plan(session, key=key)
    rec = emp.start_assessment(session, key=key)
    emp.save_answers(
        session, key=key, assessment_id=rec.id or 0, answers=_answers({}), today=date(2026, 2, 1)
    )
    emp.save_plan(
        session,
        key=key,
        sections={"now": "Asentajana kolme vuotta", "learn": "Sähköasennukset"},
        next_steps=[("Selvitä kurssi", date(2026, 3, 1)), ("  ", None)],
    )
    emp.share_assessment(session, key=key, now=T0)
    emp.share_plan(session, key=key, now=T0)
    # Later edits do not change what the manager sees until shared again.
    emp.save_plan(session, key=key, sections={"now": SECRET_DRAFT}, next_steps=[])
    a, p = emp.shared_for_manager(session, person_id=key.person_id)
    assert a is not None and a.assessed_on == date(2026, 2, 1) and a.shared_at == T0
    assert a.area_scores["cooperation"] == 3.0 and a.previous_scores is None
    assert p is not None and p.sections["now"] == "Asentajana kolme vuotta"
    assert p.next_steps == [("Selvitä kurssi", date(2026, 3, 1))]
    assert SECRET_DRAFT not in repr(p)
    emp.withdraw(session, key=key, kind="plan")
    a, p = emp.shared_for_manager(session, person_id=key.person_id)
    assert a is not None and p is None
    assert emp.sharing_status(session, person_id=key.person_id) == {"assessment": T0}


def test_manager_overview_shows_only_what_is_shared(session: Session) -> None:
    key = _signed_in(session)
    emp.save_reflection(
        session, key=key, exercise_key=content().exercises[0].key, text=SECRET_REFLECTION, done=True
    )
    emp.save_plan(session, key=key, sections={"now": SECRET_DRAFT}, next_steps=[])
    rows = emp.manager_overview(session)
    row = next(r for r in rows if r.person_id == key.person_id)
    assert row.has_secret and row.assessment_shared_at is None and row.plan_shared_at is None
    assert SECRET_DRAFT not in repr(rows) and SECRET_REFLECTION not in repr(rows)
    assert emp.shared_for_manager(session, person_id=key.person_id) == (None, None)


def test_area_title_in_each_language() -> None:
    assert emp.area_title("self_knowledge", "fi") == "Itsetuntemus"
    assert emp.area_title("self_knowledge", "sv") == "Självkännedom"
    assert emp.area_title("self_knowledge", "en") == "Self-knowledge"
    assert emp.area_title("unknown") == "unknown"


def test_another_persons_key_cannot_open_the_texts(session: Session) -> None:
    key = _signed_in(session)
    exercise = content().exercises[0].key
    emp.save_reflection(session, key=key, exercise_key=exercise, text=SECRET_REFLECTION, done=False)
    stranger = acc.PersonKey(key.person_id, sec.new_data_key())
    with pytest.raises(sec.SealError):
        emp.reflections(session, key=stranger)


def test_raw_database_file_holds_no_private_text(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session:
        key = _signed_in(session)
        exercise = content().exercises[0].key
        emp.save_reflection(
            session, key=key, exercise_key=exercise, text=SECRET_REFLECTION, done=True
        )
        emp.save_plan(
            session,
            key=key,
            sections={"now": SECRET_DRAFT},
            next_steps=[("Kysy Tampereelta", None)],
        )
        rec = emp.start_assessment(session, key=key)
        emp.save_answers(
            session,
            key=key,
            assessment_id=rec.id or 0,
            answers={content().statements[0].key: CANT_SAY},
            today=date(2026, 1, 1),
        )
        session.commit()
        # Readable back with the key: the test would pass vacuously if nothing was written.
        assert emp.reflections(session, key=key)[exercise].text == SECRET_REFLECTION
    path = Path(sqlite_engine.url.database or "")
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert "Ääpälä".encode() in raw
    for secret in (SECRET_REFLECTION, SECRET_DRAFT, "automaation", "Tampere"):
        assert secret.encode("utf-8") not in raw
        assert secret.encode("utf-16-le") not in raw


def test_erasing_the_person_removes_all_their_employee_data(session: Session) -> None:
    from sqlmodel import func, select

    from huoltamo_desktop.domain.employee import (
        EmployeeCredential,
        EmployeeReflection,
        EmployeeShare,
    )

    key = _signed_in(session)
    emp.save_reflection(
        session, key=key, exercise_key=content().exercises[0].key, text="x", done=False
    )
    emp.save_plan(session, key=key, sections={"now": "x"}, next_steps=[])
    emp.share_plan(session, key=key, now=T0)
    session.commit()
    erase_person(session, person_id=key.person_id)
    session.commit()
    for table in (EmployeeCredential, EmployeeReflection, EmployeeShare):
        assert session.exec(select(func.count()).select_from(table)).one() == 0


def test_a_new_assessment_or_plan_edit_makes_the_shared_copy_outdated(session: Session) -> None:
    key = _signed_in(session)
    assert emp.outdated_shares(session, key=key) == set()
    rec = emp.start_assessment(session, key=key)
    emp.save_answers(
        session, key=key, assessment_id=rec.id, answers=_answers({}), today=date(2026, 2, 1)
    )
    emp.save_plan(session, key=key, sections={"now": "Asentajana"}, next_steps=[])
    emp.share_assessment(session, key=key, now=T0)
    emp.share_plan(session, key=key, now=T0)
    assert emp.outdated_shares(session, key=key) == set()
    # Saving the same plan again changes nothing the manager would see.
    emp.save_plan(session, key=key, sections={"now": "Asentajana"}, next_steps=[])
    assert emp.outdated_shares(session, key=key) == set()
    again = emp.start_assessment(session, key=key)
    emp.save_answers(
        session,
        key=key,
        assessment_id=again.id,
        answers=_answers({"cooperation": 5}),
        today=date(2027, 2, 1),
    )
    assert emp.outdated_shares(session, key=key) == {"assessment"}
    emp.save_plan(session, key=key, sections={"now": "Työnjohtajana"}, next_steps=[])
    assert emp.outdated_shares(session, key=key) == {"assessment", "plan"}
    emp.share_assessment(session, key=key)
    assert emp.outdated_shares(session, key=key) == {"plan"}
    emp.withdraw(session, key=key, kind="plan")
    assert emp.outdated_shares(session, key=key) == set()  # not shared: nothing to replace


def test_the_plan_written_on_two_laptops_keeps_both_and_asks_about_the_same_section(
    session: Session,
) -> None:
    """The same person signed in at two seats: sealed as it is, still merged per section."""
    from datetime import date

    from huoltamo_desktop.domain.versioning import ConflictError

    key = _signed_in(session)
    emp.save_plan(session, key=key, sections={"now": "Sorvari"}, next_steps=[])
    read = emp.load_plan(session, key=key)
    base = emp.plan_values(read.sections, read.next_steps)
    emp.save_plan(  # the other laptop adds a next step
        session,
        key=key,
        sections=read.sections,
        next_steps=[("Kysy hitsauskurssista", date(2027, 3, 31))],
        expected_version=read.row_version,
        base=base,
    )
    merged = emp.save_plan(  # this one changes a section, from the older read
        session,
        key=key,
        sections={"now": "Sorvari, kiinnostunut hitsauksesta"},
        next_steps=[],
        expected_version=read.row_version,
        base=base,
    )
    assert merged.sections == {"now": "Sorvari, kiinnostunut hitsauksesta"}
    assert merged.next_steps == [("Kysy hitsauskurssista", date(2027, 3, 31))]
    with pytest.raises(ConflictError) as caught:
        emp.save_plan(
            session,
            key=key,
            sections={"now": "Hitsari"},
            next_steps=[],
            expected_version=read.row_version,
            base=base,
        )
    assert [c.field for c in caught.value.conflicts] == ["now"]
