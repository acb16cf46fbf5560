"""Every kind of record a form edits: another seat's change is merged or asked about, never lost.

Each case reads the record twice (two seats' forms), lets the other seat save,
then saves from the first form: a change to the same field clashes, a change
to another field merges with theirs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import ConversationAction
from huoltamo_desktop.domain.rotations import Rotation, RotationKind
from huoltamo_desktop.domain.training import PlanStatus, TrainingOffering, TrainingPlanItem
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services import people as people_svc
from huoltamo_desktop.services import rotations as rs
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services import training_plan as plan
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope


def _person(s: Session, first: str) -> int:
    return people_svc.create_person(s, PersonInput(first, "Testinen")).id or 0


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Session], int]
    read: Callable[[Session, int], tuple[Any, int]]  # the form's values and version
    save: Callable[[Session, int, Any, int | None, Any], None]
    theirs: dict[str, Any]  # what the other seat changes
    same: dict[str, Any]  # the same field, changed differently here
    other: dict[str, Any]  # another field, changed here


# --- people ---------------------------------------------------------------------------------


def _make_person(s: Session) -> int:
    return people_svc.create_person(s, PersonInput("Aino", "Laine", job_title="Hitsaaja")).id or 0


def _read_person(s: Session, pid: int) -> tuple[Any, int]:
    person = people_svc.require_person(s, scope=None, person_id=pid)
    return PersonInput(**people_svc.person_values(person)), person.row_version  # type: ignore[arg-type]


def _save_person(s: Session, pid: int, data: Any, version: int | None, base: Any) -> None:
    people_svc.update_person(s, pid, data, expected_version=version, base=base)


# --- rotations ------------------------------------------------------------------------------


def _make_rotation(s: Session) -> int:
    aino, bertta = _person(s, "Aino"), _person(s, "Bertta")
    data = rs.RotationInput(
        kind=RotationKind.SHADOWING,
        person_id=aino,
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 26),
        share_percent=20,
        host_id=bertta,
        destination="Kokoonpano",
    )
    return rs.save_rotation(s, data=data, accept_warnings=True).id or 0


def _read_rotation(s: Session, rid: int) -> tuple[Any, int]:
    rotation = s.get(Rotation, rid)
    assert rotation is not None
    return rs.input_of(s, rotation_id=rid), rotation.row_version


def _save_rotation(s: Session, rid: int, data: Any, version: int | None, base: Any) -> None:
    rs.save_rotation(
        s, data=data, rotation_id=rid, accept_warnings=True, expected_version=version, base=base
    )


# --- agreed actions of a conversation -------------------------------------------------------


def _make_action(s: Session) -> int:
    aino = _person(s, "Aino")
    c = cs.create_conversation(s, kind="career", held_on=date(2026, 11, 20), person_id=aino)
    action = cs.add_action(
        s,
        conversation_id=c.id or 0,
        data=cs.ActionInput(what="Tulityökortti", due_on=date(2027, 2, 1)),
    )
    return action.id or 0


def _read_action(s: Session, aid: int) -> tuple[Any, int]:
    action = s.get(ConversationAction, aid)
    assert action is not None
    return cs.action_input(action), action.row_version


def _save_action(s: Session, aid: int, data: Any, version: int | None, base: Any) -> None:
    cs.update_action(s, action_id=aid, data=data, expected_version=version, base=base)


# --- training feedback ----------------------------------------------------------------------


def _make_item(s: Session) -> int:
    exchange.ensure_starter_catalogue(s)
    offering = s.exec(select(TrainingOffering).order_by(TrainingOffering.id)).first()  # type: ignore[arg-type]
    assert offering is not None
    (item,) = plan.plan_training(
        s,
        person_ids=[_person(s, "Aino")],
        offering_id=offering.id or 0,
        planned_on=date(2026, 6, 1),
    )
    plan.set_status(s, item_id=item.id or 0, status=PlanStatus.PASSED, on=date(2026, 6, 1))
    return item.id or 0


def _read_item(s: Session, iid: int) -> tuple[Any, int]:
    item = s.get(TrainingPlanItem, iid)
    assert item is not None
    return plan.FeedbackInput(item.rating, item.applied), item.row_version


def _save_item(s: Session, iid: int, data: Any, version: int | None, base: Any) -> None:
    plan.save_feedback(s, item_id=iid, data=data, expected_version=version, base=base)


KINDS = [
    Kind(
        "person",
        _make_person,
        _read_person,
        _save_person,
        theirs={"job_title": "Työnjohtaja"},
        same={"job_title": "Laatuvastaava"},
        other={"email": "aino@konepaja.fi"},
    ),
    Kind(
        "rotation",
        _make_rotation,
        _read_rotation,
        _save_rotation,
        theirs={"share_percent": 40},
        same={"share_percent": 60},
        other={"destination": "Laaduntarkastus"},
    ),
    Kind(
        "agreed action",
        _make_action,
        _read_action,
        _save_action,
        theirs={"due_on": date(2027, 3, 1)},
        same={"due_on": date(2027, 4, 1)},
        other={"what": "Tulityökortti ja ensiapu"},
    ),
    Kind(
        "training feedback",
        _make_item,
        _read_item,
        _save_item,
        theirs={"rating": 4},
        same={"rating": 2},
        other={"applied": "partly"},
    ),
]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_a_clash_is_asked_and_other_fields_merge(engine: Engine, kind: Kind) -> None:
    with session_scope(engine) as s:
        record = kind.make(s)
    with session_scope(engine) as s:
        mine, my_version = kind.read(s, record)
    with session_scope(engine) as s:
        theirs, their_version = kind.read(s, record)
    with session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(theirs, **kind.theirs), their_version, theirs)

    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(mine, **kind.same, **kind.other), my_version, mine)
    clash = caught.value
    (field,) = kind.same
    assert [(c.field, c.yours, c.theirs) for c in clash.conflicts] == [
        (field, kind.same[field], kind.theirs[field])
    ]
    with session_scope(engine) as s:
        stored, _v = kind.read(s, record)
    assert dataclasses.replace(stored, **kind.theirs) == stored, "nothing was saved over theirs"

    # A change to another field alone merges with theirs, and both stay.
    with session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(mine, **kind.other), my_version, mine)
    with session_scope(engine) as s:
        stored, _v = kind.read(s, record)
    assert stored == dataclasses.replace(mine, **kind.theirs, **kind.other)
