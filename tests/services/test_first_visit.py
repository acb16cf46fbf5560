"""A first PIN needs the manager: the passphrase, or a one-time code that expires."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain.employee import EmployeeCredential, ManagerSecret
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as acc

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PASSPHRASE = "kolme iloista sanaa"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def _person(session: Session) -> int:
    p = Person(first_name="Aino", last_name="Mäkelä")
    session.add(p)
    session.flush()
    return p.id or 0


def test_no_first_visit_before_the_manager_has_a_passphrase(session: Session) -> None:
    pid = _person(session)
    with pytest.raises(ValidationError):
        acc.first_visit(session, person_id=pid, secret="246810", approval="")
    assert session.exec(select(EmployeeCredential)).first() is None


def test_the_manager_passphrase_approves_and_a_wrong_one_counts(session: Session) -> None:
    pid = _person(session)
    acc.set_manager_passphrase(session, passphrase=PASSPHRASE)
    result, key, _code = acc.first_visit(
        session, person_id=pid, secret="246810", approval="arvaus", now=T0
    )
    assert not result.ok and key is None
    assert session.exec(select(ManagerSecret)).one().failed_attempts == 1
    result, key, code = acc.first_visit(
        session, person_id=pid, secret="246810", approval=PASSPHRASE, now=T0
    )
    assert result.ok and key is not None and code


def test_a_first_visit_code_works_once_and_expires(session: Session) -> None:
    acc.set_manager_passphrase(session, passphrase=PASSPHRASE)
    late, once = _person(session), _person(session)
    old = acc.new_first_visit_code(session, person_id=late, now=T0)
    _result, key, _ = acc.first_visit(
        session,
        person_id=late,
        secret="246810",
        approval=old,
        now=T0 + timedelta(days=acc.FIRST_VISIT_DAYS, minutes=1),
    )
    assert key is None, "an expired code does not work"
    code = acc.new_first_visit_code(session, person_id=once, now=T0)
    assert acc.first_visit(session, person_id=once, secret="246810", approval=code, now=T0)[1]
    with pytest.raises(ValidationError):
        acc.new_first_visit_code(session, person_id=once, now=T0)


def test_a_laptop_declared_not_shared_asks_for_no_approval(session: Session) -> None:
    pid = _person(session)
    acc.declare_laptop_not_shared(session)
    assert acc.first_visit(session, person_id=pid, secret="246810")[1] is not None
