"""Every malformed staff list gets the app's own message; the preview finds what saving would refuse."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.importing import (
    build_preview,
    changed_people,
    commit_import,
    guess_mapping,
    read_staff_list,
    register_keys,
)
from huoltamo_desktop.services.people import PersonInput

TODAY = date(2026, 11, 27)
HEADER = ["Etunimi", "Sukunimi", "Tehtävä", "Tiimi", "Esihenkilö"]


def _xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(list(row))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _broken_xml_xlsx() -> bytes:
    good = zipfile.ZipFile(BytesIO(_xlsx_bytes([HEADER, ["Aino", "Virtanen"]])))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for item in good.infolist():
            data = good.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off in the middle of a tag
            broken.writestr(item, data)
    return out.getvalue()


def _chart_only_xlsx() -> bytes:
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    data = wb.worksheets[0]
    data.append([1, 2, 3])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, max_col=3, min_row=1))
    wb.create_chartsheet("Kaavio").add_chart(chart)
    wb.remove(data)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip_that_is_not_a_workbook() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("staff.xlsx", b"PK\x03\x04 truncated zip", "could not be opened as an Excel file"),
        ("staff.xlsx", _zip_that_is_not_a_workbook(), "could not be opened as an Excel file"),
        ("staff.xlsx", _broken_xml_xlsx(), "could not be opened as an Excel file"),
        ("staff.xlsx", _chart_only_xlsx(), "no sheet with cells"),
        ("staff.csv", b'Nimi;Tiimi\n"Aino Virtanen;Tuotanto\n', "malformed near line"),
    ],
    ids=["corrupt-zip", "zip-not-workbook", "bad-xml", "chart-only", "open-quote"],
)
def test_malformed_files_get_the_apps_own_message_in_the_users_language(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        read_staff_list(path)
    assert message in str(err.value)
    setup_i18n("fi")
    try:
        with pytest.raises(UserError) as fi_err:
            read_staff_list(path)
        assert str(fi_err.value) != str(err.value), "the message is translated"
    finally:
        setup_i18n("en")


def test_a_folder_named_like_a_csv_file(tmp_path: Path) -> None:
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(UserError) as err:
        read_staff_list(tmp_path / "x.csv")
    assert "is a folder" in str(err.value)


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-16", "\r\n"),  # Excel's "Unicode text": UTF-16 with a byte order mark
        ("utf-16-le", "\n"),  # without one
        ("utf-8", "\r"),  # an old Mac file: CR only
        ("utf-8-sig", "\r\n"),
    ],
)
def test_utf16_and_cr_only_csv_files_are_read(tmp_path: Path, encoding: str, newline: str) -> None:
    text = newline.join(["Etunimi;Sukunimi;Tiimi", "Åsa;Öhman;Tuotanto", "Łukasz;Nowak;Varasto"])
    path = tmp_path / "staff.csv"
    path.write_bytes(text.encode(encoding))
    table = read_staff_list(path)
    assert table.headers == ["Etunimi", "Sukunimi", "Tiimi"]
    assert table.rows == [["Åsa", "Öhman", "Tuotanto"], ["Łukasz", "Nowak", "Varasto"]]


def test_lengths_the_database_refuses_are_found_in_the_preview(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(
        _xlsx_bytes(
            [HEADER, ["Aino", "Virtanen", "H" * 121, "T"], ["Eino", "Laine", "", "T" * 121]]
        )
    )
    table = read_staff_list(path)
    rows = build_preview(table, guess_mapping(table.headers), existing_names=set(), today=TODAY)
    assert [r.ok for r in rows] == [False, False]
    assert "at most 120" in rows[0].errors[0] and "at most 120" in rows[1].errors[0]


def test_an_import_that_marks_an_existing_person_as_supervisor_says_so(
    tmp_path: Path, session: Session
) -> None:
    svc.create_person(session, data=PersonInput("Kaisa", "Koivula"))
    path = tmp_path / "staff.xlsx"
    path.write_bytes(_xlsx_bytes([HEADER, ["Aino", "Virtanen", "", "", "Kaisa Koivula"]]))
    table = read_staff_list(path)
    rows = build_preview(
        table,
        guess_mapping(table.headers),
        existing_names=set(),
        today=TODAY,
        register=register_keys(session),
    )
    assert changed_people(rows) == [
        "Kaisa Koivula, already in the register, will be marked as a supervisor."
    ]
    commit_import(session, rows=rows)
    kaisa = next(p for p in svc.list_people(session) if p.first_name == "Kaisa")
    assert kaisa.is_manager, "the preview told the truth"


# --- property: any workbook is a table or a clear message, and what the preview accepts saves ---

CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
        max_size=140,
    ),
    st.sampled_from(["=1+1", "+358", "-", "@x", "ÅÄÖ åäö", "  ", "Virtanen, Aino"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=0, max_size=8))
def test_any_workbook_is_read_or_refused_clearly_and_previewed_rows_save(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine, rows: list[list[object]]
) -> None:
    path = tmp_path_factory.mktemp("xlsx") / "staff.xlsx"
    path.write_bytes(_xlsx_bytes([HEADER, *rows]))
    try:
        table = read_staff_list(path)
    except UserError:
        return
    assert table.headers[: len(HEADER)] == HEADER
    preview = build_preview(table, guess_mapping(table.headers), existing_names=set(), today=TODAY)
    with Session(engine) as session:
        commit_import(session, rows=preview)  # never refused by the database after a clean preview
        session.rollback()


CSV_CELL = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=';,\t"\x85'
    ),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CSV_CELL, min_size=5, max_size=5), min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
@example(rows=[["", "", "", "", "Ā"]], encoding="utf-16-le", newline="\n")  # a zero on both sides
def test_any_csv_in_the_encodings_excel_writes_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], encoding: str, newline: str
) -> None:
    path = tmp_path_factory.mktemp("csv") / "staff.csv"
    path.write_bytes(newline.join(";".join(r) for r in [HEADER, *rows]).encode(encoding))
    expected = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    try:
        table = read_staff_list(path)
    except UserError:
        assert not expected, "only a list without people is refused"
        return
    assert table.headers == HEADER
    assert table.rows == expected
