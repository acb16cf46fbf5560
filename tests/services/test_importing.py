from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.importing import (
    build_preview,
    commit_import,
    existing_name_keys,
    guess_mapping,
    read_staff_list,
    unused_columns,
)
from huoltamo_desktop.services.people import PersonInput

TODAY = date(2026, 11, 27)

CSV = (
    "Etunimi;Sukunimi;Tehtävä;Tiimi;Esihenkilö;Aloituspäivä;Syntymävuosi;Kieli\n"
    "Kaisa;Koivula;Toimitusjohtaja;Hallinto;;1.3.2007;1974;fi\n"
    "Aino;Virtanen;Hitsaaja;Tuotanto;Kaisa Koivula;15.8.2026;1999;suomi\n"
    "Björn;Åkerlund;Asentaja;Asennus;Kaisa Koivula;2015-02-01;1965;svenska\n"
    "Matti;;Koneistaja;Tuotanto;;1.1.2020;1980;fi\n"
    "Pekka;Laine;Varastotyöntekijä;Varasto;;32.13.2020;1990;fi\n"
    "Aino;Virtanen;Hitsaaja;Tuotanto;;1.1.2021;1999;fi\n"
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_semicolons_is_read_and_columns_are_guessed(tmp_path: Path) -> None:
    table = read_staff_list(_write(tmp_path, "staff.csv", CSV))
    mapping = guess_mapping(table.headers)
    assert mapping["first_name"] == 0 and mapping["last_name"] == 1 and mapping["team"] == 3
    assert (
        mapping["supervisor"] == 4
        and mapping["employment_start"] == 5
        and mapping["full_name"] is None
    )
    assert len(table.rows) == 6


def test_preview_explains_bad_rows_and_suggests_stages(tmp_path: Path) -> None:
    table = read_staff_list(_write(tmp_path, "staff.csv", CSV, "cp1252"))
    rows = build_preview(table, guess_mapping(table.headers), existing_names=set(), today=TODAY)
    assert [r.ok for r in rows] == [True, True, True, False, False, False]
    assert "last name" in rows[3].errors[0]
    assert "32.13.2020" in rows[4].errors[0]
    assert "twice" in rows[5].errors[0]
    assert rows[1].data.career_stage == "newcomer"  # type: ignore[union-attr]
    assert rows[2].data.career_stage == "late_career" and rows[2].data.language == "sv"  # type: ignore[union-attr]
    assert rows[4].line == 6


def test_nothing_is_saved_until_commit_then_teams_and_supervisors_are_linked(
    session: Session, tmp_path: Path
) -> None:
    table = read_staff_list(_write(tmp_path, "staff.csv", CSV))
    rows = build_preview(
        table, guess_mapping(table.headers), existing_names=existing_name_keys(session), today=TODAY
    )
    assert svc.list_people(session) == []
    report = commit_import(session, rows=rows)
    assert (report.added, report.updated) == (3, [])
    assert report.teams_created == ["Asennus", "Hallinto", "Tuotanto"]
    session.commit()
    people = {p.full_name: p for p in svc.list_people(session)}
    assert set(people) == {"Kaisa Koivula", "Aino Virtanen", "Björn Åkerlund"}
    assert people["Aino Virtanen"].supervisor_id == people["Kaisa Koivula"].id
    assert people["Kaisa Koivula"].is_manager
    assert sorted(t.name for t in svc.list_teams(session)) == ["Asennus", "Hallinto", "Tuotanto"]


def test_people_already_in_the_register_are_not_imported_twice(
    session: Session, tmp_path: Path
) -> None:
    svc.create_person(session, data=PersonInput(first_name="Aino", last_name="Virtanen"))
    session.commit()
    table = read_staff_list(_write(tmp_path, "staff.csv", CSV))
    rows = build_preview(
        table, guess_mapping(table.headers), existing_names=existing_name_keys(session), today=TODAY
    )
    assert "already in the register" in rows[1].errors[0]


def test_xlsx_with_full_names_and_real_dates(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Title", "Department", "Start date"])
    ws.append(["Virtanen, Aino", "Welder", "Production", date(2019, 4, 1)])
    ws.append(["Łukasz Nowak", "Driver", "Logistics", "2.5.2021"])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    table = read_staff_list(path)
    mapping = guess_mapping(table.headers)
    rows = build_preview(table, mapping, existing_names=set(), today=TODAY)
    assert [(r.data.first_name, r.data.last_name, r.data.employment_start) for r in rows] == [  # type: ignore[union-attr]
        ("Aino", "Virtanen", date(2019, 4, 1)),
        ("Łukasz", "Nowak", date(2021, 5, 2)),
    ]
    assert rows[0].team == "Production"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("staff.xlsx", b"this is not a zip file", "could not be opened as an Excel file"),
        ("staff.csv", b"", "no header row"),
        ("staff.csv", b"Nimi;Tiimi\n", "no people"),
        ("staff.pdf", b"%PDF-1.4", "CSV or an Excel"),
        ("staff.csv", b"\x00\x01\x02binary", "not a text file"),
    ],
)
def test_malformed_files_get_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        read_staff_list(path)
    assert message in str(err.value)


def test_mapping_without_a_name_column_is_refused(tmp_path: Path) -> None:
    table = read_staff_list(_write(tmp_path, "s.csv", "Tehtävä,Tiimi\nHitsaaja,Tuotanto\n"))
    with pytest.raises(UserError):
        build_preview(table, guess_mapping(table.headers), existing_names=set(), today=TODAY)


def test_the_apps_own_finnish_column_names_are_recognised() -> None:
    mapping = guess_mapping(
        ["Nimi", "Tehtävänimike", "Tiimi", "Esihenkilö", "Uravaihe", "Alkamispäivä", "Kieli"]
    )
    assert [
        mapping[k]
        for k in (
            "full_name",
            "job_title",
            "team",
            "supervisor",
            "career_stage",
            "employment_start",
            "language",
        )
    ] == [0, 1, 2, 3, 4, 5, 6]


def test_a_staff_list_naming_an_existing_nordic_team_joins_it(
    session: Session, tmp_path: Path
) -> None:
    ostra = svc.create_team(session, name="Östra")
    svc.create_person(session, data=PersonInput(first_name="Åsa", last_name="Öberg"))
    session.commit()
    csv = (
        "Etunimi;Sukunimi;Tiimi;Esihenkilö\n"
        "Anna;Ek;Östra;ÅSA ÖBERG\n"
        "Erik;Ek;ÖSTRA;\n"
        "åsa;öberg;Östra;\n"
    )
    table = read_staff_list(_write(tmp_path, "staff.csv", csv))
    rows = build_preview(
        table, guess_mapping(table.headers), existing_names=existing_name_keys(session), today=TODAY
    )
    assert "already in the register" in rows[2].errors[0]
    report = commit_import(session, rows=rows)
    assert (report.added, report.updated, report.teams_created) == (2, ["Åsa Öberg"], [])
    session.commit()
    assert [t.name for t in svc.list_teams(session)] == ["Östra"]
    people = {p.full_name: p for p in svc.list_people(session)}
    assert people["Anna Ek"].team_id == people["Erik Ek"].team_id == ostra.id
    assert people["Anna Ek"].supervisor_id == people["Åsa Öberg"].id


def test_a_staff_list_can_bring_the_swedish_and_english_job_titles(
    session: Session, tmp_path: Path
) -> None:
    text = (
        "Etunimi;Sukunimi;Tehtävänimike;Befattning på svenska;Job title in English\n"
        "Björn;Åkerlund;Hitsaaja;Svetsare;Welder\n"
        "Aino;Virtanen;Koneistaja;;\n"
    )
    table = read_staff_list(_write(tmp_path, "staff.csv", text))
    mapping = guess_mapping(table.headers)
    assert (mapping["job_title"], mapping["job_title_sv"], mapping["job_title_en"]) == (2, 3, 4)
    rows = build_preview(table, mapping, existing_names=set(), today=TODAY)
    assert commit_import(session, rows=rows).added == 2
    people = {p.full_name: p for p in svc.list_people(session)}
    assert people["Björn Åkerlund"].job_title_in("sv") == "Svetsare"
    assert people["Björn Åkerlund"].job_title_in("en") == "Welder"
    assert people["Aino Virtanen"].job_title_in("sv") == "Koneistaja"


@pytest.mark.parametrize(
    "header", ["Työsuhde alkanut", "Työsuhteen alkamispvm", "Aloittanut", "Anställd sedan", "Start"]
)
def test_common_start_date_headers_are_recognised(header: str) -> None:
    mapping = guess_mapping(["Etunimi", "Sukunimi", "Työsuhde päättynyt", header])
    assert mapping["employment_start"] == 3


def test_columns_no_field_takes_are_named() -> None:
    headers = ["Etunimi", "Sukunimi", "Puhelin", "Tiimi"]
    assert unused_columns(headers, guess_mapping(headers)) == ["Puhelin"]
