"""Manager passphrase, personal PINs, throttling of wrong attempts, new PIN after a reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from huoltamo_desktop.domain.employee import EmployeeCredential, ManagerSecret
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as acc

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def _person(session: Session, first: str = "Łukasz", last: str = "Ääpälä") -> int:
    p = Person(first_name=first, last_name=last)
    session.add(p)
    session.flush()
    assert p.id is not None
    return p.id


def test_manager_passphrase_is_stored_as_argon2id_and_checked(session: Session) -> None:
    assert acc.manager_access(session) == acc.ManagerAccess.UNSET
    with pytest.raises(ValidationError):
        acc.set_manager_passphrase(session, passphrase="lyhyt")
    with pytest.raises(ValidationError):
        acc.set_manager_passphrase(
            session, passphrase="koivu kuusi mänty", repeat="koivu kuusi manty"
        )
    acc.set_manager_passphrase(session, passphrase="koivu kuusi mänty", repeat="koivu kuusi mänty")
    assert acc.manager_access(session) == acc.ManagerAccess.PASSPHRASE
    row = session.get(ManagerSecret, 1)
    assert row is not None and row.passphrase_hash and row.passphrase_hash.startswith("$argon2id$")
    assert "mänty" not in row.passphrase_hash
    assert acc.verify_manager(session, passphrase="koivu kuusi mänty", now=T0).ok
    assert not acc.verify_manager(session, passphrase="koivu kuusi", now=T0).ok


def test_laptop_not_shared_opens_without_passphrase(session: Session) -> None:
    acc.declare_laptop_not_shared(session)
    assert acc.manager_access(session) == acc.ManagerAccess.OPEN
    assert acc.verify_manager(session, passphrase="", now=T0).ok


def test_manager_wrong_attempts_are_throttled(session: Session) -> None:
    acc.set_manager_passphrase(session, passphrase="koivu kuusi mänty")
    t = T0
    for _ in range(5):
        result = acc.verify_manager(session, passphrase="wrong one", now=t)
        t = result.wait_until or t
    assert result.locked and result.wait_until == t
    later = acc.verify_manager(
        session, passphrase="koivu kuusi mänty", now=t - timedelta(minutes=1)
    )
    assert not later.ok and not later.checked and later.locked
    assert acc.verify_manager(session, passphrase="koivu kuusi mänty", now=t).ok


def test_first_visit_sets_a_pin_and_returns_a_recovery_code(session: Session) -> None:
    pid = _person(session)
    assert acc.person_access(session, person_id=pid) == acc.PersonAccess.NEW
    with pytest.raises(ValidationError):
        acc.create_secret(session, person_id=pid, secret="246810", repeat="246801")
    key, code = acc.create_secret(session, person_id=pid, secret="246810", repeat="246810")
    assert len(key.key) == 32 and len(code) == 24
    row = session.get(EmployeeCredential, 1)
    assert row is not None and row.secret_hash.startswith("$argon2id$")
    assert acc.person_access(session, person_id=pid) == acc.PersonAccess.READY
    result, again = acc.sign_in(session, person_id=pid, secret="246810", now=T0)
    assert result.ok and again is not None and again.key == key.key
    with pytest.raises(ValidationError):
        acc.create_secret(session, person_id=pid, secret="135790")


def test_wrong_pins_slow_down_then_lock_the_person(session: Session) -> None:
    pid = _person(session)
    other = _person(session, "Анна", "Иванова")
    acc.create_secret(session, person_id=pid, secret="246810")
    acc.create_secret(session, person_id=other, secret="135790")
    assert acc.sign_in(session, person_id=pid, secret="000001", now=T0)[0].wait_until is None
    assert acc.sign_in(session, person_id=pid, secret="000002", now=T0)[0].wait_until is None
    third = acc.sign_in(session, person_id=pid, secret="000003", now=T0)[0]
    assert third.wait_until == T0 + timedelta(seconds=30) and not third.locked
    # While waiting even the right PIN is not checked.
    waiting = acc.sign_in(session, person_id=pid, secret="246810", now=T0 + timedelta(seconds=10))[
        0
    ]
    assert not waiting.ok and not waiting.checked
    t = T0 + timedelta(seconds=31)
    fourth = acc.sign_in(session, person_id=pid, secret="000004", now=t)[0]
    assert fourth.wait_until == t + timedelta(seconds=60)
    t += timedelta(seconds=61)
    fifth = acc.sign_in(session, person_id=pid, secret="000005", now=t)[0]
    assert fifth.locked and fifth.wait_until == t + timedelta(minutes=15)
    # Someone else at the laptop is not affected.
    assert acc.sign_in(session, person_id=other, secret="135790", now=t)[0].ok
    assert not acc.sign_in(session, person_id=pid, secret="246810", now=t + timedelta(minutes=14))[
        0
    ].ok
    result, key = acc.sign_in(
        session, person_id=pid, secret="246810", now=t + timedelta(minutes=15, seconds=1)
    )
    assert result.ok and key is not None
    # Success clears the count.
    assert (
        acc.sign_in(session, person_id=pid, secret="000006", now=t + timedelta(minutes=16))[
            0
        ].wait_until
        is None
    )


def test_attempt_count_is_kept_in_the_database(session: Session) -> None:
    pid = _person(session)
    acc.create_secret(session, person_id=pid, secret="246810")
    for _ in range(3):
        acc.sign_in(session, person_id=pid, secret="999999", now=T0)
    session.commit()
    session.expire_all()
    row = session.get(EmployeeCredential, 1)
    assert row is not None and row.failed_attempts == 3 and row.locked_until is not None


def test_changing_the_pin_keeps_private_texts_readable(session: Session) -> None:
    pid = _person(session)
    key, _code = acc.create_secret(session, person_id=pid, secret="246810")
    emp.save_reflection(
        session, key=key, exercise_key="self_knowledge.energy_map", text="Oma ajatus", done=True
    )
    acc.change_secret(session, key=key, secret="975318", repeat="975318")
    assert not acc.sign_in(session, person_id=pid, secret="246810", now=T0)[0].ok
    result, key2 = acc.sign_in(session, person_id=pid, secret="975318", now=T0)
    assert result.ok and key2 is not None
    assert emp.reflections(session, key=key2)["self_knowledge.energy_map"].text == "Oma ajatus"


def test_new_pin_with_recovery_code_keeps_everything(session: Session) -> None:
    pid = _person(session)
    key, code = acc.create_secret(session, person_id=pid, secret="246810")
    emp.save_reflection(
        session, key=key, exercise_key="self_knowledge.energy_map", text="Oma ajatus", done=False
    )
    with pytest.raises(ValidationError):
        acc.set_new_secret(session, person_id=pid, secret="975318")  # not allowed yet
    acc.allow_new_secret(session, person_id=pid)
    assert acc.person_access(session, person_id=pid) == acc.PersonAccess.NEW_SECRET_ALLOWED
    assert not acc.recovery_code_works(session, person_id=pid, code="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert acc.recovery_code_works(session, person_id=pid, code=code.lower())
    with pytest.raises(ValidationError):
        acc.set_new_secret(session, person_id=pid, secret="975318", recovery_code="AAAA-BBBB")
    new_key, new_code = acc.set_new_secret(
        session, person_id=pid, secret="975318", recovery_code=code
    )
    assert new_code is None and new_key.key == key.key
    assert emp.reflections(session, key=new_key)["self_knowledge.energy_map"].text == "Oma ajatus"


def test_new_pin_without_recovery_code_deletes_unreadable_texts_but_keeps_shared_copies(
    session: Session,
) -> None:
    pid = _person(session)
    key, code = acc.create_secret(session, person_id=pid, secret="246810")
    emp.save_reflection(
        session, key=key, exercise_key="self_knowledge.energy_map", text="Oma ajatus", done=False
    )
    emp.save_plan(session, key=key, sections={"now": "Jaettu suunnitelma"}, next_steps=[])
    emp.share_plan(session, key=key, now=T0)
    acc.allow_new_secret(session, person_id=pid)
    new_key, new_code = acc.set_new_secret(session, person_id=pid, secret="975318")
    assert new_code and new_code != code and new_key.key != key.key
    assert emp.reflections(session, key=new_key) == {}
    assert emp.load_plan(session, key=new_key).is_empty
    _a, plan = emp.shared_for_manager(session, person_id=pid)
    assert plan is not None and plan.sections == {"now": "Jaettu suunnitelma"}
    assert not acc.recovery_code_works(session, person_id=pid, code=code)
    assert acc.recovery_code_works(session, person_id=pid, code=new_code)


def test_remembering_the_old_pin_cancels_the_reset(session: Session) -> None:
    pid = _person(session)
    acc.create_secret(session, person_id=pid, secret="246810")
    acc.allow_new_secret(session, person_id=pid)
    assert acc.sign_in(session, person_id=pid, secret="246810", now=T0)[0].ok
    assert acc.person_access(session, person_id=pid) == acc.PersonAccess.READY


def test_allowing_a_new_pin_needs_an_existing_one(session: Session) -> None:
    pid = _person(session)
    with pytest.raises(ValidationError):
        acc.allow_new_secret(session, person_id=pid)


def test_idle_minutes_setting(session: Session) -> None:
    assert acc.idle_minutes(session) == 5
    acc.set_idle_minutes(session, minutes=12)
    assert acc.idle_minutes(session) == 12
    with pytest.raises(ValidationError):
        acc.set_idle_minutes(session, minutes=0)


def test_changing_the_manager_passphrase_needs_the_current_one(session: Session) -> None:
    old, new = "koivu kuusi mänty", "pihlaja vaahtera tammi"
    acc.set_manager_passphrase(session, passphrase=old)
    with pytest.raises(ValidationError) as short:
        acc.change_manager_passphrase(
            session, current=old, passphrase="lyhyt", repeat="lyhyt", now=T0
        )
    assert short.value.field == "passphrase"
    wrong = acc.change_manager_passphrase(
        session, current="arvaus", passphrase=new, repeat=new, now=T0
    )
    assert not wrong.ok and wrong.checked
    assert acc.verify_manager(session, passphrase=old, now=T0 + timedelta(minutes=1)).ok
    # A wrong current passphrase counts like a wrong sign-in.
    t = T0
    for _ in range(3):
        result = acc.change_manager_passphrase(
            session, current="arvaus", passphrase=new, repeat=new, now=t
        )
        t = result.wait_until or t
    assert result.wait_until is not None
    right_too_soon = acc.change_manager_passphrase(
        session, current=old, passphrase=new, repeat=new, now=t - timedelta(seconds=1)
    )
    assert not right_too_soon.ok and not right_too_soon.checked
    assert acc.change_manager_passphrase(session, current=old, passphrase=new, repeat=new, now=t).ok
    assert acc.verify_manager(session, passphrase=new, now=t).ok
    assert not acc.verify_manager(session, passphrase=old, now=t + timedelta(hours=1)).ok


def test_a_firm_without_a_passphrase_sets_one_without_being_asked(session: Session) -> None:
    acc.declare_laptop_not_shared(session)
    new = "pihlaja vaahtera tammi"
    assert acc.change_manager_passphrase(session, current="", passphrase=new, repeat=new).ok
    assert acc.manager_access(session) == acc.ManagerAccess.PASSPHRASE
