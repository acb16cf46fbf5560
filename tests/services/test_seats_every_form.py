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

from huoltamo_desktop.domain.conversations import Conversation, ConversationAction
from huoltamo_desktop.domain.rotations import Rotation, RotationKind
from huoltamo_desktop.domain.skills import FutureNeed
from huoltamo_desktop.domain.training import PlanStatus, TrainingOffering, TrainingPlanItem
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services import firm
from huoltamo_desktop.services import people as people_svc
from huoltamo_desktop.services import rotations as rs
from huoltamo_desktop.services import seats as seats_svc
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services import training_plan as plan
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope


def _person(s: Session, first: str) -> int:
    return people_svc.create_person(s, data=PersonInput(first, "Testinen")).id or 0


Change = dict[str, Any] | Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Session], int]
    read: Callable[[Session, int], tuple[Any, int]]  # the form's values and version
    save: Callable[[Session, int, Any, int | None, Any], None]
    theirs: Change  # what the other seat changes
    same: Change  # the same field, changed differently here
    other: Change  # another field, changed here


def _resolved(change: Change) -> dict[str, Any]:
    return change() if callable(change) else change


# --- people ---------------------------------------------------------------------------------


def _make_person(s: Session) -> int:
    return (
        people_svc.create_person(s, data=PersonInput("Aino", "Laine", job_title="Hitsaaja")).id or 0
    )


def _read_person(s: Session, pid: int) -> tuple[Any, int]:
    person = seats_svc.require_person(s, scope=None, person_id=pid)
    return PersonInput(**people_svc.person_values(person)), person.row_version  # type: ignore[arg-type]


def _save_person(s: Session, pid: int, data: Any, version: int | None, base: Any) -> None:
    people_svc.update_person(s, person_id=pid, data=data, expected_version=version, base=base)


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


def _read_outcome(s: Session, rid: int) -> tuple[Any, int]:
    rotation = s.get(Rotation, rid)
    assert rotation is not None
    return rs.outcome_input(s, rotation_id=rid), rotation.row_version


def _save_outcome(s: Session, rid: int, data: Any, version: int | None, base: Any) -> None:
    rs.record_outcome(
        s,
        rotation_id=rid,
        person_text=data.person_text,
        host_text=data.host_text,
        proposed=dict(data.proposed),
        expected_version=version,
        base=base,
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


# --- a conversation's details -------------------------------------------------------------


def _make_conversation(s: Session) -> int:
    aino = _person(s, "Aino")
    c = cs.create_conversation(s, kind="career", held_on=date(2026, 11, 20), person_id=aino)
    return c.id or 0


def _read_details(s: Session, cid: int) -> tuple[Any, int]:
    c = s.get(Conversation, cid)
    assert c is not None
    return cs.DetailsInput(c.held_on, c.next_on, c.manager_id), c.row_version


def _save_details(s: Session, cid: int, data: Any, version: int | None, base: Any) -> None:
    cs.update_details(
        s,
        conversation_id=cid,
        held_on=data.held_on,
        next_on=data.next_on,
        manager_id=data.manager_id,
        expected_version=version,
        base=base,
    )


# --- future needs --------------------------------------------------------------------------


def _make_need(s: Session) -> int:
    weld = skills_svc.add_skill(s, name="Robottihitsaus").id or 0
    need = skills_svc.save_need(
        s, skill_id=weld, level=3, people_needed=2, by_date=date(2027, 6, 1), reason="Solu"
    )
    return need.id or 0


def _read_need(s: Session, nid: int) -> tuple[Any, int]:
    need = s.get(FutureNeed, nid)
    assert need is not None
    return skills_svc.need_input(need), need.row_version


def _save_need(s: Session, nid: int, data: Any, version: int | None, base: Any) -> None:
    skills_svc.save_need(
        s,
        skill_id=data.skill_id,
        level=data.level,
        people_needed=data.people_needed,
        by_date=data.by_date,
        reason=data.reason,
        need_id=nid,
        expected_version=version,
        base=base,
    )


# --- role profiles -------------------------------------------------------------------------

WELD: dict[str, int] = {}


def _make_profile(s: Session) -> int:
    WELD["id"] = skills_svc.add_skill(s, name="TIG-hitsaus").id or 0
    return skills_svc.save_profile(s, title="Hitsaaja", lines={WELD["id"]: 2}).id or 0


def _read_profile(s: Session, pid: int) -> tuple[Any, int]:
    (view,) = [v for v in skills_svc.list_profiles(s) if v.id == pid]
    return skills_svc.profile_input(view), view.row_version


def _save_profile(s: Session, pid: int, data: Any, version: int | None, base: Any) -> None:
    skills_svc.save_profile(
        s,
        title=data.title,
        lines=dict(data.lines),
        card_type_ids=list(data.card_type_ids),
        profile_id=pid,
        expected_version=version,
        base=base,
    )


def _lines(level: int) -> Callable[[], dict[str, Any]]:
    """A change to the profile's skills, made once the test's skill exists."""
    return lambda: {"lines": ((WELD["id"], level),)}


# --- the firm's details (Settings) ----------------------------------------------------------


def _make_firm(s: Session) -> int:
    return firm.save_organisation(s, data=firm.FirmInput("Koivulan Konepaja Oy", size=30)).id or 0


def _read_firm(s: Session, _id: int) -> tuple[Any, int]:
    org = firm.get_organisation(s)
    assert org is not None
    return firm.firm_input(org), org.row_version


def _save_firm(s: Session, _id: int, data: Any, version: int | None, base: Any) -> None:
    firm.save_organisation(s, data=data, expected_version=version, base=base)


# --- a skill's name and description -------------------------------------------------------


def _make_skill(s: Session) -> int:
    return skills_svc.add_skill(s, name="Särmäys").id or 0


def _read_skill(s: Session, sid: int) -> tuple[Any, int]:
    skill = skills_svc.get_skill(s, skill_id=sid)
    return skills_svc.skill_text(skill), skill.row_version


def _save_skill(s: Session, sid: int, data: Any, version: int | None, base: Any) -> None:
    # The catalogue saves one of the two at a time; here both, as two quick edits would.
    skills_svc.rename_skill(s, skill_id=sid, name=data.name, expected_version=version, base=base)
    skills_svc.set_skill_description(
        s, skill_id=sid, description=data.description, expected_version=version, base=base
    )


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
        "rotation outcome",
        _make_rotation,
        _read_outcome,
        _save_outcome,
        theirs={"host_text": "Oppi nopeasti"},
        same={"host_text": "Tarvitsee vielä tukea"},
        other={"person_text": "Opin kokoonpanon vaiheet"},
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
        "conversation details",
        _make_conversation,
        _read_details,
        _save_details,
        theirs={"next_on": date(2027, 11, 1)},
        same={"next_on": date(2027, 10, 1)},
        other={"held_on": date(2026, 11, 21)},
    ),
    Kind(
        "future need",
        _make_need,
        _read_need,
        _save_need,
        theirs={"people_needed": 3},
        same={"people_needed": 4},
        other={"reason": "Robottisolu tulee keväällä"},
    ),
    Kind(
        "role profile",
        _make_profile,
        _read_profile,
        _save_profile,
        theirs=_lines(3),
        same=_lines(4),
        other={"title": "TIG-hitsaaja"},
    ),
    Kind(
        "firm settings",
        _make_firm,
        _read_firm,
        _save_firm,
        theirs={"size": 40},
        same={"size": 45},
        other={"business_id": "1572860-0"},
    ),
    Kind(
        "skill",
        _make_skill,
        _read_skill,
        _save_skill,
        theirs={"name": "Särmäys ja taivutus"},
        same={"name": "Levyn särmäys"},
        other={"description": "Särmäyspuristimen käyttö"},
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
    their_change, same, other = _resolved(kind.theirs), _resolved(kind.same), _resolved(kind.other)
    with session_scope(engine) as s:
        mine, my_version = kind.read(s, record)
    with session_scope(engine) as s:
        theirs, their_version = kind.read(s, record)
    with session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(theirs, **their_change), their_version, theirs)

    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(mine, **same, **other), my_version, mine)
    clash = caught.value
    (field,) = same
    assert [(c.field, c.yours, c.theirs) for c in clash.conflicts] == [
        (field, same[field], their_change[field])
    ]
    with session_scope(engine) as s:
        stored, _v = kind.read(s, record)
    assert dataclasses.replace(stored, **their_change) == stored, "nothing was saved over theirs"

    # A change to another field alone merges with theirs, and both stay.
    with session_scope(engine) as s:
        kind.save(s, record, dataclasses.replace(mine, **other), my_version, mine)
    with session_scope(engine) as s:
        stored, _v = kind.read(s, record)
    assert stored == dataclasses.replace(mine, **their_change, **other)


def test_two_renames_of_one_team_are_a_question(engine: Engine) -> None:
    with session_scope(engine) as s:
        team = people_svc.create_team(s, name="Tuotanto")
        team_id, version = team.id or 0, team.row_version
    read = people_svc.TeamInput("Tuotanto")
    with session_scope(engine) as s:
        people_svc.rename_team(
            s, team_id=team_id, name="Valmistus", expected_version=version, base=read
        )
    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        people_svc.rename_team(
            s, team_id=team_id, name="Konepaja", expected_version=version, base=read
        )
    assert [(c.yours, c.theirs) for c in caught.value.conflicts] == [("Konepaja", "Valmistus")]
    with session_scope(engine) as s:  # the user keeps theirs: saving what is there changes nothing
        people_svc.rename_team(
            s, team_id=team_id, name="Valmistus", expected_version=caught.value.current_version
        )
        assert [t.name for t in people_svc.list_teams(s)] == ["Valmistus"]


def test_a_budget_another_set_meanwhile_is_a_question_even_when_none_was_set(
    engine: Engine,
) -> None:
    with session_scope(engine) as s:
        team = people_svc.create_team(s, name="Tuotanto")
        (read,) = [b for b in plan.year_budget(s, year=2027) if b.team_id == team.id]
    assert read.budget_cents is None and read.row_version == 0
    with session_scope(engine) as s:  # another manager sets it first
        plan.set_budget(s, year=2027, team_id=team.id, amount_cents=500_000)
    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        plan.set_budget(
            s,
            year=2027,
            team_id=team.id,
            amount_cents=300_000,
            expected_version=read.row_version,
            base=plan.BudgetInput(0),
        )
    assert [(c.yours, c.theirs) for c in caught.value.conflicts] == [(300_000, 500_000)]
    with session_scope(engine) as s:
        (now,) = [b for b in plan.year_budget(s, year=2027) if b.team_id == team.id]
    assert now.budget_cents == 500_000


def test_two_managers_rewording_a_template_question(engine: Engine) -> None:
    """Texts in rows of their own: compared by value, a language each keeps, the same one asks."""
    with session_scope(engine) as s:
        template = cs.template_for(s, kind="career", stage=None)
    question = template.topics[0].questions[0]
    read = {lang: question.texts.get(lang, "").strip() for lang in ("fi", "sv", "en")}
    with session_scope(engine) as s:
        cs.set_template_text(
            s, key=question.key, part="text", texts=dict(read, sv="Vad gick bra i år?"), base=read
        )
    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        cs.set_template_text(
            s,
            key=question.key,
            part="text",
            texts=dict(read, sv="Vad lyckades du med?", fi="Mikä onnistui tänä vuonna?"),
            base=read,
        )
    assert [(c.field, c.theirs) for c in caught.value.conflicts] == [("sv", "Vad gick bra i år?")]
    with session_scope(engine) as s:  # the Finnish alone merges with their Swedish
        cs.set_template_text(
            s, key=question.key, part="text", texts=dict(read, fi="Mikä onnistui?"), base=read
        )
        now = cs.template_texts(s, key=question.key, part="text")
    assert (now["fi"], now["sv"]) == ("Mikä onnistui?", "Vad gick bra i år?")


def test_two_managers_editing_the_firms_own_question(engine: Engine) -> None:
    with session_scope(engine) as s:
        template = cs.template_for(s, kind="career", stage=None)
        topic = template.topics[0].key
        row = cs.add_custom_question(s, topic_key=topic, texts={"fi": "Mikä jäi mieleen?"})
        qid, version = row.id or 0, row.row_version
    read = {"fi": "Mikä jäi mieleen?", "sv": "", "en": "", "stages": "all"}
    with session_scope(engine) as s:
        cs.update_custom_question(
            s,
            question_id=qid,
            texts={"fi": "Mikä asiakaspalaute jäi mieleen?"},
            expected_version=version,
            base=read,
        )
    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        cs.update_custom_question(
            s,
            question_id=qid,
            texts={"fi": "Mikä palaute jäi mieleen?", "en": "What feedback stayed with you?"},
            expected_version=version,
            base=read,
        )
    assert [c.field for c in caught.value.conflicts] == ["fi"]
    assert caught.value.merged["en"] == "What feedback stayed with you?"


def test_two_owners_seats_editing_the_development_plan(engine: Engine) -> None:
    """Sections are rows of their own: each seat's section is kept, the same one asks."""
    from huoltamo_desktop.services import home_reports

    with session_scope(engine) as s:
        read = home_reports.stored_plan_texts(s, year=2027)
    keys = list(read)
    with session_scope(engine) as s:
        home_reports.save_plan_texts(
            s, year=2027, texts=dict(read, **{keys[0]: "Robottisolu keväällä"}), base=read
        )
    with pytest.raises(ConflictError) as caught, session_scope(engine) as s:
        home_reports.save_plan_texts(
            s,
            year=2027,
            texts=dict(read, **{keys[0]: "Uusi linja syksyllä", keys[1]: "Koulutusta kaikille"}),
            base=read,
        )
    assert [(c.field, c.theirs) for c in caught.value.conflicts] == [
        (keys[0], "Robottisolu keväällä")
    ]
    with session_scope(engine) as s:
        home_reports.save_plan_texts(
            s, year=2027, texts=dict(read, **{keys[1]: "Koulutusta kaikille"}), base=read
        )
        now = home_reports.stored_plan_texts(s, year=2027)
    assert (now[keys[0]], now[keys[1]]) == ("Robottisolu keväällä", "Koulutusta kaikille")
