"""The demo firm's employee-mode data: documented PIN and passphrase, history, shared and private work."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from huoltamo_desktop.domain.employee import EmployeeCredential
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.services.employee_demo import DEMO_MANAGER_PASSPHRASE, DEMO_PIN

TODAY = date(2026, 11, 27)


def test_demo_people_sign_in_and_have_two_years_of_work(session: Session) -> None:
    build_demo(session, people=40, seed=1, today=TODAY)
    assert access.verify_manager(session, passphrase=DEMO_MANAGER_PASSPHRASE).ok
    creds = session.exec(select(EmployeeCredential)).all()
    assert len(creds) >= 10
    two_rounds = shared = private_plans = reflections = 0
    for cred in creds:
        result, key = access.sign_in(session, person_id=cred.person_id, secret=DEMO_PIN)
        assert result.ok and key is not None
        done = emp.completed_assessments(session, key=key)
        assert all(r.completed_on and (TODAY - r.completed_on).days <= 750 for r in done)
        two_rounds += len(done) == 2
        reflections += len(emp.reflections(session, key=key))
        a, p = emp.shared_for_manager(session, person_id=cred.person_id)
        shared += a is not None or p is not None
        private_plans += p is None and not emp.load_plan(session, key=key).is_empty
    assert two_rounds and reflections and shared and private_plans
