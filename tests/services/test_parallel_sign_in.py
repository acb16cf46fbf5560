"""Wrong PINs typed at the same moment on several seats each count."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huoltamo_desktop.domain.employee import EmployeeCredential, ManagerSecret
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as acc
from huoltamo_desktop.storage.database import session_scope

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SEATS = 8


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def _at_once(engine: Engine, attempt: object) -> None:
    """Run ``attempt(session)`` on SEATS threads, each with its own session, released together."""
    barrier = threading.Barrier(SEATS)
    errors: list[BaseException] = []
    real_verify = sec.verify_secret

    def slow_verify(hashed: str, secret: str) -> bool:
        # Every seat has read the row before any of them writes: the worst case for a lost update.
        result = real_verify(hashed, secret)
        barrier.wait(timeout=30)
        return result

    def seat() -> None:
        try:
            with session_scope(engine) as session:
                attempt(session)  # type: ignore[operator]
        except BaseException as exc:
            errors.append(exc)

    sec.verify_secret = slow_verify  # type: ignore[assignment]
    try:
        threads = [threading.Thread(target=seat) for _ in range(SEATS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        sec.verify_secret = real_verify  # type: ignore[assignment]
    assert not errors, errors


def test_eight_wrong_pins_at_once_count_eight(engine: Engine) -> None:
    with session_scope(engine) as session:
        person = Person(first_name="Aino", last_name="Mäkelä")
        session.add(person)
        session.flush()
        pid = person.id or 0
        acc.create_secret(session, person_id=pid, secret="135790")

    _at_once(engine, lambda s: acc.sign_in(s, person_id=pid, secret="000000", now=T0))

    with Session(engine) as session:
        row = session.exec(select(EmployeeCredential)).one()
        assert row.failed_attempts == SEATS
        assert row.locked_until is not None


def test_eight_wrong_manager_passphrases_at_once_count_eight(engine: Engine) -> None:
    with session_scope(engine) as session:
        acc.set_manager_passphrase(session, passphrase="kolme iloista sanaa")

    _at_once(engine, lambda s: acc.verify_manager(s, passphrase="väärä arvaus", now=T0))

    with Session(engine) as session:
        assert session.exec(select(ManagerSecret)).one().failed_attempts == SEATS
