"""Exporting the matrix from a database, and the export-matrix command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import PersonInput, create_person, create_team
from huoltamo_desktop.services.skills_export import export_matrix_bytes, matrix_export_data

TODAY = date(2026, 11, 27)


def _firm(session: Session) -> None:
    team = create_team(session, name="Tuotanto")
    other = create_team(session, name="Hallinto")
    a = (
        create_person(
            session, data=PersonInput("Aino", "Mäkelä", job_title="Hitsaaja", team_id=team.id or 0)
        ).id
        or 0
    )
    b = (
        create_person(
            session,
            data=PersonInput("Bertil", "Öhman", job_title="Kirjanpitäjä", team_id=other.id or 0),
        ).id
        or 0
    )
    tig = svc.add_skill(session, name="TIG-hitsaus").id or 0
    books = svc.add_skill(session, name="Kirjanpito").id or 0
    svc.record_rating(session, person_id=a, skill_id=tig, kind="agreed", level=4, on=TODAY)
    svc.record_rating(session, person_id=b, skill_id=books, kind="agreed", level=3, on=TODAY)


def test_export_data_filters_by_team(session: Session) -> None:
    _firm(session)
    everyone = matrix_export_data(session, today=TODAY)
    assert [p[0] for p in everyone.people] == ["Aino Mäkelä", "Bertil Öhman"]
    team = next(t for t in svc.load_matrix(session).teams if t[1] == "Tuotanto")
    one = matrix_export_data(session, team_id=team[0], today=TODAY)
    assert [p[0] for p in one.people] == ["Aino Mäkelä"]
    assert [s[0] for s in one.skills] == ["TIG-hitsaus"]  # the office's bookkeeping is left out
    assert "Tuotanto" in one.subtitle
    wb = load_workbook(__import__("io").BytesIO(export_matrix_bytes(one, "xlsx")))
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index("TIG-hitsaus") + 1
    assert ws.cell(row=2, column=col).value == 4
    with pytest.raises(UserError):
        export_matrix_bytes(one, "docx")


def test_export_of_an_empty_firm_says_so(session: Session) -> None:
    with pytest.raises(UserError):
        export_matrix_bytes(matrix_export_data(session), "pdf")


def test_cli_export_matrix_xlsx_and_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from huoltamo_desktop.services.employee_demo import DEMO_MANAGER_PASSPHRASE

    monkeypatch.setenv("HUOLTAMO_MANAGER_PASSPHRASE", DEMO_MANAGER_PASSPHRASE)
    db = tmp_path / "demo.sqlite3"
    assert main(["--lang", "fi", "demo", "--db", str(db), "--people", "20"]) == 0
    xlsx = tmp_path / "matriisi.xlsx"
    pdf = tmp_path / "matriisi.pdf"
    assert (
        main(
            ["--lang", "fi", "export-matrix", "--db", str(db), "--format", "xlsx", "-o", str(xlsx)]
        )
        == 0
    )
    assert (
        main(["--lang", "fi", "export-matrix", "--db", str(db), "--format", "pdf", "-o", str(pdf)])
        == 0
    )
    ws = load_workbook(xlsx).worksheets[0]
    headers = [c.value for c in ws[1]]
    assert "CNC-ohjelmointi" in headers
    assert ws.cell(row=2, column=1).value
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "CNC-ohjelmointi" in text and str(ws.cell(row=2, column=1).value) in text


def test_cli_export_refuses_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "export-matrix",
            "--db",
            str(tmp_path / "none.sqlite3"),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 1
    assert "none.sqlite3" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_an_export_in_swedish_prints_the_swedish_job_title(session: Session) -> None:
    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.i18n import setup_i18n

    _firm(session)
    aino = next(p for p in svc.load_matrix(session).people if p.name == "Aino Mäkelä")
    person = session.get(Person, aino.id)
    assert person is not None
    person.job_title_sv = "Svetsare"
    session.add(person)
    session.flush()
    setup_i18n("sv")
    try:
        data = matrix_export_data(session, today=TODAY)
    finally:
        setup_i18n("en")
    titles = {name: title for name, _team, title in data.people}
    assert titles == {"Aino Mäkelä": "Svetsare", "Bertil Öhman": "Kirjanpitäjä"}
    english = {
        name: title for name, _team, title in matrix_export_data(session, today=TODAY).people
    }
    assert english["Aino Mäkelä"] == "Hitsaaja"  # no English form given: the title as written
