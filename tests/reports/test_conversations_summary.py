"""The printed summary: content, language of the person, private notes never printed."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader
from sqlmodel import Session, select

from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.i18n import format_date, setup_i18n
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.firm import FirmInput, save_organisation

PRIVATE = "Palkkatoive käsitellään erikseen"


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _conversation(session: Session, language: str) -> int:
    save_organisation(session, data=FirmInput(name="Koivulan Konepaja Oy"))
    boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True)
    session.add(boss)
    session.flush()
    person = Person(
        first_name="Björn" if language == "sv" else "Aino",
        last_name="Sjöblom",
        language=language,
        career_stage="mid_career",
        job_title="Koneistaja",
        supervisor_id=boss.id or 0,
    )
    session.add(person)
    session.flush()
    c = cs.create_conversation(
        session,
        kind="career",
        held_on=date(2026, 11, 20),
        person_id=person.id or 0,
        manager_id=boss.id or 0,
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
    assert "Olemme lukeneet yhteenvedon ja hyväksymme sen." in final


def test_same_content_gives_the_same_bytes(session: Session) -> None:
    cid = _conversation(session, "fi")
    first = cs.summary_pdf(session, conversation_id=cid)
    assert cs.summary_pdf(session, conversation_id=cid) == first
    other = _conversation(session, "sv")
    assert cs.summary_pdf(session, conversation_id=other) != first, "the bytes follow the content"


def _group(session: Session) -> tuple[int, Person]:
    save_organisation(session, data=FirmInput(name="Koivulan Konepaja Oy"))
    team = Team(name="Tuotanto")
    session.add(team)
    session.flush()
    boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True, team_id=team.id or 0)
    member = Person(first_name="Oona", last_name="Salo", team_id=team.id or 0)
    session.add_all([boss, member])
    session.flush()
    c = cs.create_conversation(
        session,
        kind="group",
        held_on=date(2026, 8, 16),
        team_id=team.id or 0,
        manager_id=boss.id or 0,
    )
    cs.save_notes(
        session,
        conversation_id=c.id or 0,
        notes={"group.where_we_are": "Kiireinen syksy."},
        private_notes="",
    )
    return c.id or 0, boss


def test_a_final_summary_reprints_the_same_after_everything_it_shows_has_changed(
    session: Session,
) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "fi")
    cs.finalise(session, conversation_id=cid)
    signed = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Koneistaja" in signed and "Kaisa Koivula" in signed

    save_organisation(session, data=FirmInput(name="Koivula Group Oyj"))
    person = session.exec(select(Person).where(Person.first_name == "Aino")).one()
    person.job_title = "Tuotantopäällikkö"
    boss = session.exec(select(Person).where(Person.first_name == "Kaisa")).one()
    boss.last_name = "Virtanen"
    session.add_all([person, boss])
    cs.set_template_text(
        session,
        key="career.strengths",
        part="title",
        texts={"fi": "Mitä osaat", "sv": "", "en": ""},
    )
    session.flush()

    reprint = _text(cs.summary_pdf(session, conversation_id=cid))
    assert reprint == signed
    assert "Koivula Group Oyj" not in reprint and "Tuotantopäällikkö" not in reprint
    assert "Mitä osaat" not in reprint and "Kaisa Virtanen" not in reprint


def test_a_group_summary_keeps_its_members_when_someone_joins_the_team(session: Session) -> None:
    setup_i18n("fi")
    cid, boss = _group(session)
    cs.finalise(session, conversation_id=cid)
    signed = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Oona Salo" in signed
    session.add(Person(first_name="Uusi", last_name="Tulokas", team_id=boss.team_id))
    session.flush()
    assert _text(cs.summary_pdf(session, conversation_id=cid)) == signed
    assert "Tulokas" not in signed


def test_the_final_version_shows_its_date_and_a_later_one_what_it_replaces(
    session: Session,
) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "fi")
    cs.finalise(session, conversation_id=cid)
    today = format_date(date.today(), "fi")
    first = _text(cs.summary_pdf(session, conversation_id=cid))
    assert f"Lopullinen {today} lähtien" in first and "Korvaa" not in first
    second = cs.new_version(session, conversation_id=cid)
    draft = _text(cs.summary_pdf(session, conversation_id=second.id or 0))
    assert f"Korvaa version 1 ({today})." in draft and "Versio 2" in draft
    cs.finalise(session, conversation_id=second.id or 0)
    final = _text(cs.summary_pdf(session, conversation_id=second.id or 0))
    assert f"Korvaa version 1 ({today})." in final and "Versio 2 (lopullinen)" in final
    # The first version is still the paper it was.
    assert _text(cs.summary_pdf(session, conversation_id=cid)) == first


def test_every_page_footer_attributes_the_paper(session: Session) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "fi")
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Aino Sjöblom · Urakeskustelu · 20.11.2026 · Versio 1 (luonnos)" in text
    assert "Sivu 1/1" in text and "Luottamuksellinen" in text


def test_the_group_signature_block_has_room_for_the_printed_names(session: Session) -> None:
    setup_i18n("fi")
    cid, _boss = _group(session)
    cs.finalise(session, conversation_id=cid)
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Tiimin puolesta" in text and text.count("Nimen selvennys") == 2


def test_the_agreed_next_steps_are_printed_under_one_heading(session: Session) -> None:
    setup_i18n("fi")
    cid = _conversation(session, "fi")
    cs.save_notes(
        session,
        conversation_id=cid,
        notes={"career.next_steps": "Palataan asiaan keväällä."},
        private_notes="",
    )
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Sovitut jatkotoimet" not in text  # the topic title would repeat the heading
    assert text.index("Mitä sovimme") < text.index("Palataan asiaan keväällä.")


def test_a_swedish_summary_prints_the_swedish_job_title(session: Session) -> None:
    cid = _conversation(session, "sv")
    person = session.exec(select(Person).where(Person.first_name == "Björn")).one()
    person.job_title_sv = "Maskinarbetare"
    session.add(person)
    session.flush()
    text = _text(cs.summary_pdf(session, conversation_id=cid))
    assert "Maskinarbetare" in text and "Koneistaja" not in text


def test_erasing_a_member_takes_their_name_out_of_the_frozen_group_summary(
    session: Session,
) -> None:
    from huoltamo_desktop.services.people import erase_person

    setup_i18n("fi")
    cid, _boss = _group(session)
    cs.finalise(session, conversation_id=cid)
    member = session.exec(select(Person).where(Person.first_name == "Oona")).one()
    erase_person(session, person_id=member.id or 0)
    assert "Oona" not in _text(cs.summary_pdf(session, conversation_id=cid))


def test_a_version_marked_final_before_snapshots_existed_is_frozen_at_its_first_print(
    session: Session,
) -> None:
    from sqlmodel import delete

    from huoltamo_desktop.domain.conversations import ConversationSnapshot

    setup_i18n("fi")
    cid = _conversation(session, "fi")
    cs.finalise(session, conversation_id=cid)
    session.execute(delete(ConversationSnapshot))  # as in a database from before the snapshot
    session.flush()
    first = _text(cs.summary_pdf(session, conversation_id=cid))
    save_organisation(session, data=FirmInput(name="Koivula Group Oyj"))
    session.flush()
    assert _text(cs.summary_pdf(session, conversation_id=cid)) == first
