"""What erasing a person does to the frozen summaries of conversations.

It reads and writes only the snapshot table, so the people service can call
it without depending on the rest of the conversations service.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import (
    ConversationSnapshot,
    summary_from_json,
    summary_to_json,
)
from huoltamo_desktop.domain.people import Person


def forget_in_snapshots(session: Session, *, person_id: int) -> None:
    """Take an erased person's name out of the frozen group summaries and manager lines.

    Their own conversations go with them (ON DELETE CASCADE); what is left is
    their name as a member of a group discussion or as the manager who held one.
    """
    person = session.get(Person, person_id)
    if person is None:
        return
    name = person.full_name
    for snapshot in session.exec(select(ConversationSnapshot)):
        data = summary_from_json(snapshot.summary_json)
        members = data.employee_detail.split(", ") if data.is_group else []
        if name not in members and data.manager_name != name:
            continue
        detail = (
            ", ".join(m for m in members if m != name) if data.is_group else data.employee_detail
        )
        manager = "" if data.manager_name == name else data.manager_name
        snapshot.summary_json = summary_to_json(
            replace(data, employee_detail=detail, manager_name=manager)
        )
        session.add(snapshot)
    session.flush()
