"""Import people from a staff list (CSV or XLSX): read, map columns, preview, then save.

Nothing is written until ``commit_import`` is called with the previewed rows;
rows with errors are shown with the reason and left out. A person who is
already in the register (same name) is updated with what the file says about
them; what the file leaves empty stays as it was.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import CareerStage, Person, suggest_career_stage
from huoltamo_desktop.i18n import N_, _
from huoltamo_desktop.i18n.collation import fold
from huoltamo_desktop.services import people as people_service
from huoltamo_desktop.services.people import PersonInput, validate_person

MAX_ROWS = 5000

# field key → label (marked), synonyms in lower case (fi, sv, en)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "full_name": (N_("Full name"), ("nimi", "koko nimi", "namn", "name", "full name", "henkilö")),
    "first_name": (
        N_("First name"),
        ("etunimi", "etunimet", "förnamn", "first name", "firstname", "given name"),
    ),
    "last_name": (
        N_("Last name"),
        ("sukunimi", "efternamn", "last name", "lastname", "surname", "family name"),
    ),
    "job_title": (
        N_("Job title"),
        (
            "tehtävä",
            "tehtävänimike",
            "titteli",
            "ammattinimike",
            "nimike",
            "befattning",
            "titel",
            "job title",
            "title",
            "position",
            "role",
        ),
    ),
    "team": (N_("Team"), ("tiimi", "osasto", "yksikkö", "team", "avdelning", "department", "unit")),
    "supervisor": (
        N_("Supervisor"),
        (
            "esihenkilö",
            "esimies",
            "lähiesihenkilö",
            "chef",
            "förman",
            "närmaste chef",
            "supervisor",
            "manager",
        ),
    ),
    "employment_start": (
        N_("Employment started"),
        (
            "aloituspäivä",
            "alkamispäivä",
            "työsuhteen alkamispäivä",
            "työsuhteen alku",
            "alkupäivä",
            "aloitus",
            "anställd",
            "startdatum",
            "start date",
            "employment start",
            "started",
            "hired",
        ),
    ),
    "birth_year": (
        N_("Year of birth"),
        ("syntymävuosi", "födelseår", "birth year", "year of birth"),
    ),
    "career_stage": (N_("Career stage"), ("uravaihe", "karriärskede", "career stage", "stage")),
    "language": (N_("Language"), ("kieli", "asiointikieli", "språk", "language")),
    "email": (N_("Email"), ("sähköposti", "email", "e-mail", "e-post", "epost", "sposti")),
}

# Parts of words that mark a field in longer headers ("Työsuhde alkanut", "Anställd sedan"),
# tried only when no header is exactly one of the names above.
_STEMS: dict[str, tuple[str, ...]] = {
    "employment_start": (
        "alkan",
        "alkam",
        "alku",
        "aloit",
        "anställ",
        "startdat",
        "start",
        "hired",
        "joined",
    ),
    "birth_year": ("syntym", "födel", "birth", "born"),
    "first_name": ("etunim", "förnamn", "first"),
    "last_name": ("sukunim", "efternamn", "surname", "last name"),
    "job_title": ("tehtävä", "nimike", "ammatti", "befattning", "title", "position"),
    "team": ("tiimi", "osasto", "yksikkö", "avdelning", "department"),
    "supervisor": ("esihenkil", "esimies", "chef", "förman", "supervisor", "manager"),
    "career_stage": ("uravaihe", "karriärsked", "career stage"),
    "language": ("kieli", "språk", "language"),
    "email": ("sähköposti", "e-post", "email", "e-mail"),
}
# Headers about an end are never a start ("Työsuhde päättynyt", "End date").
_NOT_A_START = ("päätt", "loppu", "slut", "end", "left")

_STAGE_WORDS = {
    CareerStage.NEWCOMER: ("newcomer", "uusi", "tulokas", "perehdytys", "ny", "nyanställd", "new"),
    CareerStage.ESTABLISHED: ("established", "vakiintunut", "etablerad"),
    CareerStage.MID_CAREER: (
        "mid_career",
        "mid-career",
        "mid career",
        "keskivaihe",
        "ura keskivaiheessa",
        "mitt i karriären",
        "mitt",
    ),
    CareerStage.LATE_CAREER: (
        "late_career",
        "late career",
        "late",
        "loppuvaihe",
        "myöhäinen",
        "uran loppuvaihe",
        "sen",
        "senare skede",
    ),
}
_LANGUAGE_WORDS = {
    "fi": ("fi", "suomi", "finska", "finnish", "fin"),
    "sv": ("sv", "ruotsi", "svenska", "swedish", "swe", "se"),
    "en": ("en", "englanti", "engelska", "english", "eng"),
}


@dataclass
class StaffTable:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class ImportRow:
    line: int  # line number in the file, counting the header as line 1
    data: PersonInput | None
    team: str = ""
    supervisor: str = ""
    errors: list[str] = field(default_factory=list)
    person_id: int | None = None  # already in the register: this person is updated
    given: frozenset[str] = frozenset()  # the fields this row has a value for

    @property
    def ok(self) -> bool:
        return not self.errors and self.data is not None


def field_label(key: str) -> str:
    return _(FIELDS[key][0])


# --- reading ------------------------------------------------------------------------


def read_staff_list(path: Path) -> StaffTable:
    """Read the first sheet of an XLSX file, or a CSV file with , ; or tab."""
    if not path.exists():
        raise UserError(_("The file {name} was not found.").format(name=path.name))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(path)
    else:
        raise UserError(_("Choose a CSV or an Excel (.xlsx) file."))
    if not table.headers or not any(h.strip() for h in table.headers):
        raise UserError(_("The file has no header row. Put the column names on the first row."))
    if not table.rows:
        raise UserError(_("The file has column names but no people."))
    if len(table.rows) > MAX_ROWS:
        raise UserError(
            _("The file has more than {n} rows; split it into smaller files.").format(n=MAX_ROWS)
        )
    return table


def _read_csv(path: Path) -> StaffTable:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise UserError(
            _("{name} is not a text file. Save the list as CSV or XLSX.").format(name=path.name)
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise UserError(_("The file's characters could not be read. Save it as UTF-8 CSV."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise UserError(_("The CSV file is malformed: {error}").format(error=exc)) from exc
    lines = [row for row in lines if any(row)]
    if not lines:
        return StaffTable([], [])
    return StaffTable(lines[0], lines[1:])


def _read_xlsx(path: Path) -> StaffTable:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UserError(
            _("{name} could not be opened as an Excel file. Save it again as .xlsx or CSV.").format(
                name=path.name
            )
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        lines: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            row = [_cell_text(v) for v in values]
            if any(row):
                lines.append(row)
            if len(lines) > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    if not lines:
        return StaffTable([], [])
    width = max(len(r) for r in lines)
    lines = [r + [""] * (width - len(r)) for r in lines]
    return StaffTable(lines[0], lines[1:])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- mapping ------------------------------------------------------------------------


def guess_mapping(headers: Sequence[str]) -> dict[str, int | None]:
    """Which column holds which field, guessed from the header names (fi, sv, en).

    An exact name wins; then a header that contains a telling part of a word
    ("Työsuhde alkanut" → the start date). Each column is used once.
    """
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    normal = [re.sub(r"\s+", " ", h.strip().lower()) for h in headers]
    for key, (_label, words) in FIELDS.items():
        for i, header in enumerate(normal):
            if header in words and i not in mapping.values():
                mapping[key] = i
                break
    for key, stems in _STEMS.items():
        if mapping[key] is not None:
            continue
        for i, header in enumerate(normal):
            if i in mapping.values() or not any(stem in header for stem in stems):
                continue
            if key == "employment_start" and any(word in header for word in _NOT_A_START):
                continue
            mapping[key] = i
            break
    if mapping["first_name"] is not None and mapping["last_name"] is not None:
        mapping["full_name"] = None
    return mapping


def unused_columns(headers: Sequence[str], mapping: Mapping[str, int | None]) -> list[str]:
    """The headers of the columns that no field takes, so that nothing is dropped unseen."""
    used = {index for index in mapping.values() if index is not None}
    return [h or f"#{i + 1}" for i, h in enumerate(headers) if i not in used]


# --- parsing values -----------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """d.m.yyyy, yyyy-mm-dd or d/m/yyyy; None for an empty cell; ValueError otherwise."""
    value = text.strip()
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_stage(text: str) -> str | None:
    value = text.strip().lower()
    if not value:
        return None
    for stage, words in _STAGE_WORDS.items():
        if value in words:
            return stage
    raise ValueError(value)


def parse_language(text: str) -> str | None:
    value = text.strip().lower()
    if not value:
        return None
    for code, words in _LANGUAGE_WORDS.items():
        if value in words:
            return code
    raise ValueError(value)


def split_name(full: str) -> tuple[str, str]:
    """'Virtanen, Anna' or 'Anna Virtanen' → ('Anna', 'Virtanen')."""
    text = full.strip()
    if "," in text:
        last, first = (part.strip() for part in text.split(",", 1))
        return first, last
    parts = text.split()
    if len(parts) < 2:
        return text, ""
    return " ".join(parts[:-1]), parts[-1]


def build_preview(
    table: StaffTable,
    mapping: dict[str, int | None],
    *,
    existing: Mapping[str, int],
    default_language: str = "fi",
    today: date | None = None,
) -> list[ImportRow]:
    """Check every row; a row with errors says why and will not be imported.

    ``existing`` maps folded full names (``existing_people``) to the people
    already in the register: their rows update them.
    """
    today = today or date.today()
    has_names = mapping.get("full_name") is not None or (
        mapping.get("first_name") is not None and mapping.get("last_name") is not None
    )
    if not has_names:
        raise UserError(_("Choose the column for the name (full name, or first and last name)."))
    seen: set[str] = set()
    result: list[ImportRow] = []
    for offset, cells in enumerate(table.rows):

        def cell(key: str, cells: list[str] = cells) -> str:
            index = mapping.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        errors: list[str] = []
        if mapping.get("first_name") is not None and mapping.get("last_name") is not None:
            first, last = cell("first_name"), cell("last_name")
        else:
            first, last = split_name(cell("full_name"))
        start = birth_year = stage = language = None
        try:
            start = parse_date(cell("employment_start"))
        except ValueError:
            errors.append(
                _("The start date “{value}” is not a date (use 31.12.2024).").format(
                    value=cell("employment_start")
                )
            )
        if cell("birth_year"):
            try:
                birth_year = int(cell("birth_year"))
            except ValueError:
                errors.append(
                    _("The year of birth “{value}” is not a year.").format(value=cell("birth_year"))
                )
        try:
            stage = parse_stage(cell("career_stage"))
        except ValueError:
            errors.append(_("Unknown career stage “{value}”.").format(value=cell("career_stage")))
        try:
            language = parse_language(cell("language"))
        except ValueError:
            errors.append(
                _("Unknown language “{value}” (use fi, sv or en).").format(value=cell("language"))
            )
        data = PersonInput(
            first_name=first,
            last_name=last,
            job_title=cell("job_title"),
            employment_start=start,
            birth_year=birth_year,
            career_stage=stage or suggest_career_stage(start, birth_year, today),
            language=language or default_language,
            email=cell("email"),
        )
        if not errors:
            try:
                data = validate_person(data, today=today)
            except ValidationError as exc:
                errors.append(str(exc))
        key = fold(f"{data.first_name} {data.last_name}")
        if not errors and key in seen:
            errors.append(
                _("{name} appears twice in the file.").format(
                    name=f"{data.first_name} {data.last_name}"
                )
            )
        seen.add(key)
        result.append(
            ImportRow(
                line=offset + 2,
                data=data,
                team=cell("team"),
                supervisor=cell("supervisor"),
                errors=errors,
                person_id=existing.get(key),
                given=frozenset(k for k in FIELDS if cell(k)),
            )
        )
    return result


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the message the person sees afterwards."""

    added: int
    updated: int
    teams_created: list[str]


_UPDATED_FIELDS = (
    "job_title",
    "employment_start",
    "birth_year",
    "career_stage",
    "language",
    "email",
)


def commit_import(session: Session, rows: Sequence[ImportRow]) -> ImportReport:
    """Save the rows without errors: new people added, people in the register updated.

    Teams are created as needed and supervisors matched by name. For a person
    already in the register only the fields the file gives a value for change.
    """
    from sqlmodel import select

    from huoltamo_desktop.domain.people import Team

    teams_before = {t.name_key for t in session.exec(select(Team))}
    touched: list[tuple[int, str]] = []
    added = updated = 0
    for row in rows:
        if not row.ok or row.data is None:
            continue
        data = row.data
        team_id = people_service.get_or_create_team(session, row.team).id if row.team else None
        if row.person_id is None:
            data.team_id = team_id
            person = people_service.create_person(session, data)
            added += 1
        else:
            existing = session.get(Person, row.person_id)
            if existing is None:  # erased since the preview: add the row as a new person
                data.team_id = team_id
                person = people_service.create_person(session, data)
                added += 1
                touched.append((person.id or 0, row.supervisor))
                continue
            current = people_service.person_input(existing)
            for name in _UPDATED_FIELDS:
                if name in row.given:
                    setattr(current, name, getattr(data, name))
            if team_id is not None:
                current.team_id = team_id
            person = people_service.update_person(session, row.person_id, current)
            updated += 1
        touched.append((person.id or 0, row.supervisor))
    by_name = {fold(p.full_name): p for p in people_service.list_people(session)}
    for person_id, supervisor in touched:
        if not supervisor:
            continue
        first, last = split_name(supervisor)
        boss = by_name.get(fold(supervisor)) or by_name.get(fold(f"{first} {last}"))
        if boss is not None and boss.id != person_id:
            member = session.get(Person, person_id)
            if member is not None:
                member.supervisor_id = boss.id
                boss.is_manager = True
                session.add(member)
                session.add(boss)
    session.flush()
    created = sorted(
        (t.name for t in session.exec(select(Team)) if t.name_key not in teams_before),
        key=fold,
    )
    return ImportReport(added=added, updated=updated, teams_created=created)


def existing_people(session: Session) -> dict[str, int]:
    """Folded full name → id of everyone in the register (leavers too), to match import rows."""
    return {
        fold(p.full_name): p.id
        for p in people_service.list_people(session, include_left=True)
        if p.id is not None
    }
