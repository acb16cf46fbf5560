"""The printed summary: content, language of the person, private notes never printed."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader
from sqlmodel import Session

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.firm import FirmInput, save_organisation

PRIVATE = "Palkkatoive käsitellään erikseen"


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _conversation(session: Session, language: str) -> int:
    save_organisation(session, FirmInput(name="Koivulan Konepaja Oy"))
    boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True)
    session.add(boss)
    session.flush()
    person = Person(
        first_name="Björn" if language == "sv" else "Aino",
        last_name="Sjöblom",
        language=language,
        career_stage="mid_career",
        job_title="Koneistaja",
        supervisor_id=boss.id,
    )
    session.add(person)
    session.flush()
    c = cs.create_conversation(
        session, kind="career", held_on=date(2026, 11, 20), person_id=person.id, manager_id=boss.id
    )
    cs.save_notes(
        session,
        conversation_id=c.id or 0,
        notes={
            "career.strengths": "Tarkka & rauhallinen <kiireessä>",
            "career.learning": "Oppii tekemällä.",
        },
        private_notes=PRIVATE,
    )
    cs.add_action(
        session,
        conversation_id=c.id or 0,
        data=cs.ActionInput(
            what="CNC-ohjelmoinnin kurssi",
            owner="outside",
            owner_name="Ammattiopisto",
            due_on=date(2027, 3, 31),
            kind="training",
        ),
    )
    return c.id or 0


def test_summary_has_the_agreed_content_and_never_the_private_notes(session: Session) -> None:
    cid = _conversation(session, "fi")
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Koivulan Konepaja Oy" in text
    assert "Urakeskustelu" in text and "20.11.2026" in text
    assert "Kaisa Koivula" in text and "Aino Sjöblom" in text
    assert "Tarkka & rauhallinen <kiireessä>" in text  # user text escaped, printed as written
    assert "CNC-ohjelmoinnin kurssi" in text and "Ammattiopisto" in text and "31.3.2027" in text
    assert "20.11.2027" in text  # next conversation by the yearly rhythm
    assert "Mitä sovimme" in text
    assert PRIVATE not in text and "Palkkatoive" not in text
    detail = cs.get_conversation(session, conversation_id=cid)
    assert detail.private_notes == PRIVATE


def test_the_pdf_language_follows_the_person_not_the_user(session: Session) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "sv")
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Karriärsamtal" in text
    assert "Vad vi kom överens om" in text and "Nästa samtal" in text
    assert "Styrkor och kompetens" in text  # the topic title in Swedish
    assert "Utbildning" in text
    assert "Mitä sovimme" not in text and "Urakeskustelu" not in text


def test_a_draft_cannot_pass_for_the_signed_paper(session: Session) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "fi")
    draft = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "LUONNOS" in draft  # the watermark across the page
    assert "Tämä on luonnos, eikä sitä allekirjoiteta." in draft
    assert "allekirjoitus" not in draft.lower() and "Nimen selvennys" not in draft
    cs.finalise(session, conversation_id=cid)
    final = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "LUONNOS" not in final and "luonnos" not in final.lower()
    assert "Päiväys ja allekirjoitus" in final and "Nimen selvennys" in final
    assert "Olemme lukeneet yhteenvedon ja olemme siitä samaa mieltä." in final


def test_same_content_gives_the_same_bytes(session: Session) -> None:
    cid = _conversation(session, "fi")
    assert cs.summary_pdf(session, conversation_id=cid) == cs.summary_pdf(
        session, conversation_id=cid
    )
