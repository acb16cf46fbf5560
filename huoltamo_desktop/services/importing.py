"""Import people from a staff list (CSV or XLSX): read, map columns, preview, then save.

Nothing is written until ``commit_import`` is called with the previewed rows;
rows with errors are shown with the reason and left out.
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
    "job_title_sv": (
        N_("Job title in Swedish"),
        (
            "tehtävänimike ruotsiksi",
            "nimike ruotsiksi",
            "befattning på svenska",
            "befattning (svenska)",
            "job title in swedish",
            "job title (swedish)",
        ),
    ),
    "job_title_en": (
        N_("Job title in English"),
        (
            "tehtävänimike englanniksi",
            "nimike englanniksi",
            "befattning på engelska",
            "befattning (engelska)",
            "job title in english",
            "job title (english)",
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
    # What importing this row changes in people already in the register, in words.
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.data is not None


def field_label(key: str) -> str:
    return _(FIELDS[key][0])


# --- reading ------------------------------------------------------------------------


def read_staff_list(path: Path) -> StaffTable:
    """Read the first sheet of an XLSX file, or a CSV file with , ; or tab.

    Whatever the file holds, the result is a table or a UserError saying in the
    user's language what is wrong with the file; never a parser's own error.
    """
    if not path.exists():
        raise UserError(_("The file {name} was not found.").format(name=path.name))
    if path.is_dir():
        raise UserError(
            _("{name} is a folder, not a file. Choose the staff list file itself.").format(
                name=path.name
            )
        )
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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("{name} could not be read ({error}).").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc


def _decode(raw: bytes, name: str) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 or UTF-32 as Excel saves them, or cp1252."""
    boms = (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                break
    head = raw[:4096]
    if len(head) >= 4 and b"\x00" in head:
        # UTF-16 without a byte order mark: every other byte of plain letters is zero.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        encoding = "utf-16-le" if odd > len(head) // 4 else "utf-16-be"
        # (Letters such as Ā, U+0100, put a zero on the other side now and then.)
        if max(even, odd) > len(head) // 4 and min(even, odd) * 4 <= max(even, odd):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass  # not UTF-16 after all: the message below
        raise UserError(
            _("{name} is not a text file. Save the list as CSV or XLSX.").format(name=name)
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(_("The file's characters could not be read. Save it as UTF-8 CSV."))


def _read_csv(path: Path) -> StaffTable:
    text = _decode(_read_bytes(path), path.name)
    # One newline for all: Windows (CR LF), Unix (LF) and old Mac files (CR only).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise UserError(
            _("{name} is not a text file. Save the list as CSV or XLSX.").format(name=path.name)
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    # strict: a quote that is never closed is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        lines = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise UserError(
            _(
                "The CSV file is malformed near line {line} (for example a quote that is never "
                "closed). Save it again as CSV."
            ).format(line=reader.line_num)
        ) from exc
    lines = [row for row in lines if any(row)]
    if not lines:
        return StaffTable([], [])
    return StaffTable(lines[0], lines[1:])


def _read_xlsx(path: Path) -> StaffTable:
    import warnings
    from zipfile import BadZipFile, is_zipfile

    from openpyxl import load_workbook

    not_excel = UserError(
        _("{name} could not be opened as an Excel file. Save it again as .xlsx or CSV.").format(
            name=path.name
        )
    )
    try:
        if not is_zipfile(path):
            raise not_excel
    except OSError as exc:
        raise UserError(
            _("{name} could not be read ({error}).").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc
    lines: list[list[str]] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it skips; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise UserError(
                        _(
                            "{name} has no sheet with cells (only charts, for example). Put the "
                            "staff list on the first sheet."
                        ).format(name=path.name)
                    )
                sheet = workbook.worksheets[0]
                for values in sheet.iter_rows(values_only=True):
                    row = [_cell_text(v) for v in values]
                    if any(row):
                        lines.append(row)
                    if len(lines) > MAX_ROWS + 1:
                        break
            finally:
                workbook.close()
    except UserError:
        raise
    except (
        BadZipFile,
        OSError,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        SyntaxError,
    ) as exc:
        # A damaged archive, a missing or broken part, XML that does not parse (xml and lxml
        # parse errors are SyntaxError subclasses), or values of the wrong type.
        raise not_excel from exc
    except Exception as exc:  # openpyxl's own classes for broken workbooks; others go on
        if type(exc).__module__.startswith(("openpyxl", "lxml", "xml", "zipfile")):
            raise not_excel from exc
        raise
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
        if key not in mapping or mapping[key] is not None:
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
    existing_names: set[str],
    default_language: str = "fi",
    today: date | None = None,
    register: dict[str, bool] | None = None,
) -> list[ImportRow]:
    """Check every row; a row with errors says why and will not be imported.

    ``register`` (active people already saved: name in lower case → marked as a
    supervisor) lets the preview say which of them the import changes: a
    person named as a supervisor is marked as one. Lengths are checked here
    against the database's limits, so that saving never fails on them.
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
            job_title_sv=cell("job_title_sv"),
            job_title_en=cell("job_title_en"),
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
        if not errors and key in existing_names:
            errors.append(
                _("{name} is already in the register.").format(
                    name=f"{data.first_name} {data.last_name}"
                )
            )
        elif not errors and key in seen:
            errors.append(
                _("{name} appears twice in the file.").format(
                    name=f"{data.first_name} {data.last_name}"
                )
            )
        seen.add(key)
        team, supervisor = cell("team"), cell("supervisor")
        if len(team) > TEAM_NAME_MAX:
            errors.append(
                _("The team name is too long: at most {n} characters.").format(n=TEAM_NAME_MAX)
            )
        if any("\x00" in text for text in cells):
            errors.append(_("The row holds a character that cannot be saved (a NUL character)."))
        result.append(
            ImportRow(
                line=offset + 2,
                data=data,
                team=team,
                supervisor=supervisor,
                errors=errors,
            )
        )
    if register:
        _note_changes(result, register)
    return result


TEAM_NAME_MAX = 120  # Team.name in the database


def _supervisor_key(supervisor: str) -> tuple[str, str]:
    first, last = split_name(supervisor)
    return fold(supervisor), fold(f"{first} {last}")


def _note_changes(rows: list[ImportRow], register: dict[str, bool]) -> None:
    """Say on each row which person already in the register it marks as a supervisor."""
    for row in rows:
        if not row.ok or not row.supervisor:
            continue
        key = next((k for k in _supervisor_key(row.supervisor) if k in register), None)
        if key is None or register[key]:
            continue  # a new person, or one already marked as a supervisor
        name = row.supervisor.strip()
        row.changes.append(
            _("{name}, already in the register, will be marked as a supervisor.").format(name=name)
        )


def changed_people(rows: Sequence[ImportRow]) -> list[str]:
    """The changes to people already in the register, once each, for the preview's summary."""
    seen: list[str] = []
    for row in rows:
        for change in row.changes if row.ok else ():
            if change not in seen:
                seen.append(change)
    return seen


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the message the person sees afterwards."""

    added: int
    updated: list[str]  # people already in the register who changed (marked as supervisors)
    teams_created: list[str]


def commit_import(session: Session, *, rows: Sequence[ImportRow]) -> ImportReport:
    """Save the rows without errors: teams are created as needed, supervisors matched by name."""
    from sqlmodel import select

    from huoltamo_desktop.domain.people import Team

    teams_before = {t.name_key for t in session.exec(select(Team))}
    before = {p.id for p in people_service.list_people(session)}
    created: list[tuple[int, str]] = []
    for row in rows:
        if not row.ok or row.data is None:
            continue
        data = row.data
        if row.team:
            data.team_id = people_service.get_or_create_team(session, name=row.team).id
        person = people_service.create_person(session, data=data)
        created.append((person.id or 0, row.supervisor))
    by_name = {fold(p.full_name): p for p in people_service.list_people(session)}
    updated: list[str] = []
    for person_id, supervisor in created:
        if not supervisor:
            continue
        first, last = split_name(supervisor)
        boss = by_name.get(fold(supervisor)) or by_name.get(fold(f"{first} {last}"))
        if boss is not None and boss.id != person_id:
            member = session.get(Person, person_id)
            if member is not None:
                member.supervisor_id = boss.id
                if boss.id in before and not boss.is_manager and boss.full_name not in updated:
                    updated.append(boss.full_name)
                boss.is_manager = True
                session.add(member)
                session.add(boss)
    session.flush()
    teams = sorted(
        (t.name for t in session.exec(select(Team)) if t.name_key not in teams_before), key=fold
    )
    return ImportReport(added=len(created), updated=updated, teams_created=teams)


def register_keys(session: Session) -> dict[str, bool]:
    """Active people by case-folded name → whether they are marked as a supervisor."""
    return {fold(p.full_name): p.is_manager for p in people_service.list_people(session)}


def existing_name_keys(session: Session) -> set[str]:
    return {fold(p.full_name) for p in people_service.list_people(session, include_left=True)}
