"""On a shared server too, what an employee keeps private reaches the database only sealed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope

DRAFT = "Haluaisin siirtyä Tampereelle hitsaamaan"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def test_private_texts_are_sealed_before_they_reach_the_server(engine: Engine) -> None:
    with session_scope(engine) as s:
        person = svc.create_person(s, data=PersonInput(first_name="Aino", last_name="Virtanen"))
        key, _code = access.create_secret(s, person_id=int(person.id or 0), secret="246810")
        emp.save_plan(s, key=key, sections={"now": DRAFT}, next_steps=[])
    with engine.connect() as conn:
        dump = b"".join(
            bytes(cell) if isinstance(cell, bytes | memoryview) else str(cell).encode()
            for table in ("employee_plan", "employee_credential", "seats_audit")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
            for cell in row
            if cell is not None
        )
    assert DRAFT.encode() not in dump and b"Tampere" not in dump
    with session_scope(engine) as s:
        assert emp.load_plan(s, key=key).sections["now"] == DRAFT, "the person reads it back"
