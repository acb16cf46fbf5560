"""Catalogue files without internet: read, preview, apply by stable key; export the same format.

Two formats. JSON carries everything (providers, offerings with skills and
runs, funding rules) under a format name and version; CSV carries offerings,
one a row, for editing in a spreadsheet. Reading never writes: ``read_catalogue``
checks the whole file and returns every problem by row; ``preview_import``
compares it with the database; only ``apply_import`` writes, and only when
the file had no problems at all, so a bad file changes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, delete, select

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import utcnow
from huoltamo_desktop.domain.training import (
    CATALOGUE_FORMAT,
    CATALOGUE_FORMAT_VERSION,
    FundingRule,
    OfferingFormat,
    OfferingKind,
    OfferingSkill,
    StageFit,
    TrainingOffering,
    TrainingProvider,
    TrainingRun,
    Verified,
    money_to_cents,
    split_list,
)
from huoltamo_desktop.domain.training_content import STARTER_CATALOGUE
from huoltamo_desktop.i18n import LANGUAGES, N_, _

MAX_FILE_BYTES = 20 * 1024 * 1024
LANG_FIELDS_OFFERING = ("title", "summary", "duration", "cost_note")
CSV_COLUMNS = (
    "key",
    "provider_key",
    "provider_name",
    "kind",
    *(f"{base}_{lang}" for base in LANG_FIELDS_OFFERING for lang in LANGUAGES),
    "format",
    "languages",
    "career_stage",
    "cost_eur",
    "funding",
    "card",
    "skills",
    "esco_uri",
    "opintopolku_oid",
    "url",
    "sources",
    "verified",
    "reviewed_on",
    "retired",
)
CSV_REQUIRED = ("key", "provider_key", "kind", "reviewed_on")
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")
MAX_WHOLE = 2**31 - 1  # the database's integer columns (cents, seats) hold no more


@dataclass(frozen=True)
class RowError:
    where: str  # "row 4" / "offering hygiene_passport_test"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Catalogue:
    """A catalogue file read into plain dicts, with every problem found in it."""

    providers: list[dict[str, Any]] = field(default_factory=list)
    offerings: list[dict[str, Any]] = field(default_factory=list)
    funding_rules: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# --- reading --------------------------------------------------------------------------


def read_catalogue_file(path: Path) -> Catalogue:
    """Read a .json or .csv catalogue file; a file that cannot be read at all raises UserError."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(_("Could not open {path}.").format(path=path)) from exc
    if size > MAX_FILE_BYTES:
        raise UserError(_("The file is too large for a training catalogue (over 20 MB)."))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(_("Could not open {path}.").format(path=path)) from exc
    return read_catalogue(data, csv_file=path.suffix.lower() == ".csv")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            _(
                "The file is not UTF-8 text. Save it again as UTF-8 (in Excel: CSV UTF-8) "
                "and import it again; nothing was changed."
            )
        ) from exc


def read_catalogue(data: bytes, *, csv_file: bool) -> Catalogue:
    text = _decode(data)
    return _read_csv(text) if csv_file else _read_json(text)


def _text_map(value: object, where: str, name: str, errors: list[RowError]) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"fi": value}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        errors.append(
            RowError(where, _("{field} must be text in fi, sv and en.").format(field=name))
        )
        return {}
    return {k: v.strip() for k, v in value.items() if k in LANGUAGES}


def _date(value: object, where: str, name: str, errors: list[RowError]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    errors.append(
        RowError(
            where,
            _("{field}: {value} is not a date (write 2026-03-09 or 9.3.2026).").format(
                field=name, value=value
            ),
        )
    )
    return None


def _cents(value: object, where: str, name: str, errors: list[RowError]) -> int | None:
    if value in (None, ""):
        return None
    cents: int | None = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        cents = round(value * 100)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            cents = money_to_cents(value)
    if cents is not None and cents <= MAX_WHOLE:
        return cents
    if cents is not None:
        errors.append(RowError(where, _("{field}: the amount is too large.").format(field=name)))
        return None
    errors.append(
        RowError(
            where,
            _("{field}: {value} is not an amount in euros.").format(field=name, value=value),
        )
    )
    return None


def _int(value: object, where: str, name: str, errors: list[RowError]) -> int | None:
    if value in (None, ""):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        number = value
    elif isinstance(value, str) and _digits(value.strip()):
        number = int(value.strip())
    if number is not None and number <= MAX_WHOLE:
        return number
    if number is not None:
        errors.append(RowError(where, _("{field}: the number is too large.").format(field=name)))
        return None
    errors.append(
        RowError(
            where, _("{field}: {value} is not a whole number.").format(field=name, value=value)
        )
    )
    return None


def _digits(text: str) -> bool:
    """Plain 0–9 digits, a few of them: "²" or "١٢" is no number here, nor are 5000 digits."""
    return text.isascii() and text.isdigit() and len(text) <= 12


def _key(value: object, where: str, errors: list[RowError]) -> str:
    if not isinstance(value, str) or not value.strip():
        errors.append(RowError(where, _("Every entry needs a key.")))
        return ""
    key = value.strip()
    if len(key) > 80 or any(c.isspace() for c in key):
        errors.append(
            RowError(
                where, _("The key {key} must be one word of at most 80 characters.").format(key=key)
            )
        )
    return key


def _choice(
    value: object, allowed: Iterable[str], where: str, name: str, errors: list[RowError]
) -> str:
    text = value.strip() if isinstance(value, str) else ""
    options = list(allowed)
    if text not in options:
        errors.append(
            RowError(
                where,
                _("{field}: {value} is not one of {options}.").format(
                    field=name, value=value, options=", ".join(o or '""' for o in options)
                ),
            )
        )
        return options[0]
    return text


def _list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return split_list(value)
    return []


def _read_json(text: str) -> Catalogue:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            _("The file is not valid JSON (line {line}); nothing was changed.").format(
                line=exc.lineno
            )
        ) from exc
    except (ValueError, RecursionError) as exc:
        # A number of thousands of digits, or lists nested thousands deep: no catalogue.
        raise UserError(
            _("The file is not a training catalogue the app can read; nothing was changed.")
        ) from exc
    return _read_document(doc)


def _read_document(doc: object) -> Catalogue:
    """A parsed catalogue document (the exchange format's JSON) into rows and problems."""
    if not isinstance(doc, dict) or doc.get("format") != CATALOGUE_FORMAT:
        raise UserError(_("This is not a Työurahuoltamo training catalogue file."))
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UserError(_("The catalogue file does not say its format version."))
    if version > CATALOGUE_FORMAT_VERSION:
        raise UserError(
            _(
                "The catalogue file is in format {version}, written by a newer version of the app; "
                "this version reads format {ours}. Update the app first; nothing was changed."
            ).format(version=version, ours=CATALOGUE_FORMAT_VERSION)
        )
    cat = Catalogue()
    for name in ("providers", "offerings", "funding_rules"):
        if name in doc and not isinstance(doc[name], list):
            raise UserError(_("The catalogue file's {part} is not a list.").format(part=name))
    parts = (
        ("providers", N_("provider {n}"), _provider, cat.providers),
        ("funding_rules", N_("funding rule {n}"), _funding, cat.funding_rules),
        ("offerings", N_("offering {n}"), _offering, cat.offerings),
    )
    for name, label, read, into in parts:
        for i, raw in enumerate(doc.get(name, []), start=1):
            where = _(label).format(n=i)
            if not isinstance(raw, dict):
                cat.errors.append(RowError(where, _("An entry must be an object.")))
                continue
            into.append(read(raw, where, cat.errors))
    _check_duplicates(cat)
    return cat


def _provider(raw: dict[str, Any], where: str, errors: list[RowError]) -> dict[str, Any]:
    key = _key(raw.get("key"), where, errors)
    name = str(raw.get("name") or "").strip()
    if not name:
        errors.append(RowError(where, _("The provider needs a name.")))
    trust = _text_map(raw.get("trust"), where, "trust", errors)
    item = {
        "key": key,
        "name": name[:200],
        "kind": str(raw.get("kind") or "")[:40],
        "region": str(raw.get("region") or "")[:120],
        "languages": ";".join(_list(raw.get("languages"))),
        "url": str(raw.get("url") or "")[:500],
        "contact": str(raw.get("contact") or "")[:300],
        **{f"trust_{lang}": trust.get(lang, "") for lang in LANGUAGES},
        "trust_source": str(raw.get("trust_source") or "")[:500],
        "reviewed_on": _date(raw.get("reviewed_on"), where, "reviewed_on", errors),
        "retired": bool(raw.get("retired", False)),
    }
    _fits(item, TrainingProvider, where, errors)
    return item


def _funding(raw: dict[str, Any], where: str, errors: list[RowError]) -> dict[str, Any]:
    key = _key(raw.get("key"), where, errors)
    name = _text_map(raw.get("name"), where, "name", errors)
    if not any(name.values()):
        errors.append(RowError(where, _("The funding rule needs a name.")))
    who = _text_map(raw.get("who"), where, "who", errors)
    amount = _text_map(raw.get("amount"), where, "amount", errors)
    note = _text_map(raw.get("note"), where, "note", errors)
    share = _int(raw.get("share_percent"), where, "share_percent", errors)
    if share is not None and share > 100:
        errors.append(RowError(where, _("share_percent must be from 0 to 100.")))
    valid_from = _date(raw.get("valid_from"), where, "valid_from", errors)
    valid_to = _date(raw.get("valid_to"), where, "valid_to", errors)
    if valid_from and valid_to and valid_to < valid_from:
        errors.append(RowError(where, _("The rule ends before it starts.")))
    fallback = next((v for v in name.values() if v), "")
    item = {
        "key": key,
        **{f"name_{lang}": (name.get(lang) or fallback)[:200] for lang in LANGUAGES},
        **{f"who_{lang}": who.get(lang, "") for lang in LANGUAGES},
        "share_percent": share,
        **{f"amount_{lang}": amount.get(lang, "")[:300] for lang in LANGUAGES},
        "valid_from": valid_from,
        "valid_to": valid_to,
        **{f"note_{lang}": note.get(lang, "") for lang in LANGUAGES},
        "source": str(raw.get("source") or "")[:500],
        "checked_on": _date(raw.get("checked_on"), where, "checked_on", errors),
        "retired": bool(raw.get("retired", False)),
    }
    _fits(item, FundingRule, where, errors)
    return item


def _skills(value: object, where: str, errors: list[RowError]) -> list[tuple[str, int]]:
    result: list[tuple[str, int]] = []
    items: list[tuple[object, object]] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                items.append((item.get("skill"), item.get("level")))
            else:
                items.append((item, None))
    elif isinstance(value, str):
        for part in split_list(value):
            name, _colon, level_text = part.rpartition(":")
            items.append((name, level_text) if name else (part, None))
    for skill, level in items:
        if not isinstance(skill, str) or not skill.strip():
            errors.append(RowError(where, _("A skill line needs the skill's key.")))
            continue
        lvl: object = level.strip() if isinstance(level, str) else level
        if isinstance(lvl, str) and _digits(lvl):
            lvl = int(lvl)
        if not isinstance(lvl, int) or isinstance(lvl, bool) or not 1 <= lvl <= 4:
            errors.append(
                RowError(
                    where,
                    _("{skill}: the level the training leads to must be 1–4.").format(skill=skill),
                )
            )
            continue
        skill_key = skill.strip()
        _fits({"skill_key": skill_key}, OfferingSkill, where, errors)
        result.append((skill_key, lvl))
    return result


def _offering(
    raw: dict[str, Any], where: str, errors: list[RowError], *, label_by_key: bool = True
) -> dict[str, Any]:
    key = _key(raw.get("key"), where, errors)
    if key and label_by_key:
        where = _("offering {key}").format(key=key)
    texts = {base: _text_map(raw.get(base), where, base, errors) for base in LANG_FIELDS_OFFERING}
    if not any(texts["title"].values()):
        errors.append(RowError(where, _("The training needs a title.")))
    provider = raw.get("provider")
    if not isinstance(provider, str) or not provider.strip():
        errors.append(RowError(where, _("The training needs its provider's key.")))
        provider = ""
    else:
        provider = _key(provider, where, errors)
    runs = []
    raw_runs = raw.get("runs") or []
    if not isinstance(raw_runs, list):
        errors.append(RowError(where, _("The runs of a training must be a list.")))
        raw_runs = []
    for j, run in enumerate(raw_runs, start=1):
        run_where = f"{where}, " + _("run {n}").format(n=j)
        if not isinstance(run, dict):
            errors.append(RowError(run_where, _("An entry must be an object.")))
            continue
        starts = _date(run.get("starts_on"), run_where, "starts_on", errors)
        if starts is None and "starts_on" not in run:
            errors.append(RowError(run_where, _("A run needs its start date.")))
        ends = _date(run.get("ends_on"), run_where, "ends_on", errors)
        if starts and ends and ends < starts:
            errors.append(RowError(run_where, _("The run ends before it starts.")))
        run_item = {
            "key": _key(run.get("key"), run_where, errors),
            "starts_on": starts,
            "ends_on": ends,
            "place": str(run.get("place") or "")[:200],
            "online": bool(run.get("online", False)),
            "price_cents": _cents(run.get("price_eur"), run_where, "price_eur", errors),
            "seats": _int(run.get("seats"), run_where, "seats", errors),
            "retired": bool(run.get("retired", False)),
        }
        _fits(run_item, TrainingRun, run_where, errors)
        runs.append(run_item)
    title = texts["title"]
    fallback = next((v for v in title.values() if v), "")
    result: dict[str, Any] = {
        "key": key,
        "provider": provider.strip(),
        "provider_name": str(raw.get("provider_name") or "").strip()[:200],
        "kind": _choice(raw.get("kind"), [k.value for k in OfferingKind], where, "kind", errors),
        **{f"title_{lang}": (title.get(lang) or fallback)[:300] for lang in LANGUAGES},
        **{
            f"{base}_{lang}": texts[base].get(lang, "")[: 300 if base != "summary" else 5000]
            for base in ("summary", "duration", "cost_note")
            for lang in LANGUAGES
        },
        "format": _choice(
            raw.get("format", ""), [f.value for f in OfferingFormat], where, "format", errors
        ),
        "languages": ";".join(_list(raw.get("languages"))),
        "career_stage": _choice(
            raw.get("career_stage") or StageFit.ANY,
            [s.value for s in StageFit],
            where,
            "career_stage",
            errors,
        ),
        "cost_cents": _cents(raw.get("cost_eur"), where, "cost_eur", errors),
        "funding": ";".join(_list(raw.get("funding"))),
        "card_key": str(raw.get("card") or "").strip()[:80],
        "skills": _skills(raw.get("skills"), where, errors),
        "esco_uri": str(raw.get("esco_uri") or "")[:300],
        "opintopolku_oid": str(raw.get("opintopolku_oid") or "")[:120],
        "url": str(raw.get("url") or "")[:500],
        "sources": "\n".join(_list(raw.get("sources"))),
        "verified": _choice(
            raw.get("verified") or Verified.PARTLY,
            [v.value for v in Verified],
            where,
            "verified",
            errors,
        ),
        "reviewed_on": _date(raw.get("reviewed_on"), where, "reviewed_on", errors),
        "retired": bool(raw.get("retired", False)),
        "runs": runs,
    }
    if raw.get("reviewed_on") in (None, ""):
        errors.append(RowError(where, _("Every entry needs the date it was last reviewed.")))
    _fits(result, TrainingOffering, where, errors)
    return result


def _fits(item: dict[str, Any], model: type[SQLModel], where: str, errors: list[RowError]) -> None:
    """Every text fits its column and holds no null byte (which no database column can store)."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    for name, value in item.items():
        if name not in columns or not isinstance(value, str):
            continue
        if "\x00" in value:
            errors.append(
                RowError(
                    where,
                    _("{field} holds a character that cannot be saved (a null byte).").format(
                        field=name
                    ),
                )
            )
            continue
        length = getattr(columns[name].type, "length", None)
        # A key's length has its own message (``_key``).
        if name != "key" and length is not None and len(value) > length:
            errors.append(
                RowError(
                    where,
                    _("{field} is longer than {n} characters.").format(field=name, n=length),
                )
            )


def _check_duplicates(cat: Catalogue) -> None:
    for items, what in (
        (cat.providers, _("provider")),
        (cat.offerings, _("offering")),
        (cat.funding_rules, _("funding rule")),
    ):
        seen: set[str] = set()
        for item in items:
            key = item["key"]
            if key and key in seen:
                cat.errors.append(
                    RowError(what, _("The key {key} appears more than once.").format(key=key))
                )
            seen.add(key)
    run_keys: set[str] = set()
    for offering in cat.offerings:
        for run in offering["runs"]:
            if run["key"] and run["key"] in run_keys:
                cat.errors.append(
                    RowError(
                        _("run"), _("The key {key} appears more than once.").format(key=run["key"])
                    )
                )
            run_keys.add(run["key"])


def _read_csv(text: str) -> Catalogue:
    try:
        return _read_csv_rows(text)
    except csv.Error as exc:  # a cell over the csv module's limit (128 kB), or a broken quote
        raise UserError(
            _(
                "The CSV file cannot be read: a cell is too long or its quotes do not close. "
                "Nothing was changed."
            )
        ) from exc


def _read_csv_rows(text: str) -> Catalogue:
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if not any(f"title_{lang}" in header for lang in LANGUAGES):
        missing.append("title_fi")
    if missing:
        raise UserError(
            _("The CSV file lacks the columns {columns}; nothing was changed.").format(
                columns=", ".join(missing)
            )
        )
    reader.fieldnames = header
    cat = Catalogue()
    providers: dict[str, dict[str, Any]] = {}
    for number, raw in enumerate(reader, start=2):
        where = _("row {n}").format(n=number)
        if None in raw:
            cat.errors.append(RowError(where, _("The row has more cells than the header.")))
            continue
        cells = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(cells.values()):
            continue
        formula = next((k for k, v in cells.items() if _looks_like_formula(v)), None)
        if formula is not None:
            cat.errors.append(
                RowError(
                    where,
                    _(
                        "{column} starts with {char}, as a spreadsheet formula would. "
                        "Formulas are not accepted in a catalogue file."
                    ).format(column=formula, char=cells[formula][0]),
                )
            )
            continue
        # "-" means "nothing" (as in the source data); "'=…" is a formula made harmless on export.
        cells = {k: "" if v == "-" else _unquote(v) for k, v in cells.items()}
        doc: dict[str, Any] = {
            "key": cells.get("key"),
            "provider": cells.get("provider_key"),
            "provider_name": cells.get("provider_name", ""),
            "kind": cells.get("kind"),
            **{
                base: {lang: cells.get(f"{base}_{lang}", "") for lang in LANGUAGES}
                for base in LANG_FIELDS_OFFERING
            },
            "format": cells.get("format", ""),
            "languages": cells.get("languages", ""),
            "career_stage": cells.get("career_stage", ""),
            "cost_eur": cells.get("cost_eur", ""),
            "funding": cells.get("funding", ""),
            "card": cells.get("card", ""),
            "skills": cells.get("skills", ""),
            "esco_uri": cells.get("esco_uri", ""),
            "opintopolku_oid": cells.get("opintopolku_oid", ""),
            "url": cells.get("url", ""),
            "sources": [part.strip() for part in cells.get("sources", "").split(" | ")],
            "verified": cells.get("verified", ""),
            "reviewed_on": cells.get("reviewed_on", ""),
            "retired": cells.get("retired", "").lower() in ("1", "yes", "true", "kyllä", "ja"),
        }
        # A CSV row is named by its row number in the spreadsheet, which is what the user sees.
        offering = _offering(doc, where, cat.errors, label_by_key=False)
        cat.offerings.append(offering)
        pkey = offering["provider"]
        if pkey and pkey not in providers and offering["provider_name"]:
            providers[pkey] = {"key": pkey, "name": offering["provider_name"], "partial": True}
    cat.providers = list(providers.values())
    _check_duplicates(cat)
    return cat


def _unquote(value: str) -> str:
    return value[1:] if value.startswith("'") and _looks_like_formula(value[1:]) else value


def _looks_like_formula(value: str) -> bool:
    if not value:
        return False
    if value.startswith(FORMULA_STARTS):
        return True
    return value.startswith("-") and len(value) > 1 and not (value[1].isdigit() or value[1] == " ")


# --- preview and apply ------------------------------------------------------------------


class Change:
    ADD = "add"
    UPDATE = "update"
    RETIRE = "retire"
    SAME = "same"


@dataclass(frozen=True)
class PreviewLine:
    what: str  # "provider" / "offering" / "funding"
    key: str
    title: str
    change: str


@dataclass
class ImportPreview:
    lines: list[PreviewLine]
    errors: list[RowError]

    @property
    def can_apply(self) -> bool:
        return not self.errors and any(line.change != Change.SAME for line in self.lines)

    def count(self, change: str) -> int:
        return sum(1 for line in self.lines if line.change == change)


PROVIDER_FIELDS = (
    "name",
    "kind",
    "region",
    "languages",
    "url",
    "contact",
    "trust_fi",
    "trust_sv",
    "trust_en",
    "trust_source",
    "reviewed_on",
    "retired",
)
OFFERING_FIELDS = tuple(
    k
    for k in (
        "kind",
        *(f"{b}_{lang}" for b in LANG_FIELDS_OFFERING for lang in LANGUAGES),
        "format",
        "languages",
        "career_stage",
        "cost_cents",
        "funding",
        "card_key",
        "esco_uri",
        "opintopolku_oid",
        "url",
        "sources",
        "verified",
        "reviewed_on",
        "retired",
    )
)
FUNDING_FIELDS = tuple(
    [f"{b}_{lang}" for b in ("name", "who", "amount", "note") for lang in LANGUAGES]
    + ["share_percent", "valid_from", "valid_to", "source", "checked_on", "retired"]
)


def _change(existing: object | None, item: dict[str, Any], fields: Iterable[str]) -> str:
    if existing is None:
        return Change.RETIRE if item.get("retired") else Change.ADD
    if item.get("retired") and not getattr(existing, "retired", False):
        return Change.RETIRE
    if any(getattr(existing, f) != item[f] for f in fields if f in item):
        return Change.UPDATE
    return Change.SAME


def preview_import(session: Session, *, catalogue: Catalogue) -> ImportPreview:
    """What applying the file would add, update and retire; nothing is written."""
    errors = list(catalogue.errors)
    providers = {p.key: p for p in session.exec(select(TrainingProvider))}
    offerings = {o.key: o for o in session.exec(select(TrainingOffering))}
    rules = {r.key: r for r in session.exec(select(FundingRule))}
    file_providers = {p["key"] for p in catalogue.providers}
    lines: list[PreviewLine] = []
    for p in catalogue.providers:
        if p.get("partial") and p["key"] in providers:
            continue
        fields = ("name",) if p.get("partial") else PROVIDER_FIELDS
        lines.append(
            PreviewLine(
                "provider", p["key"], p["name"], _change(providers.get(p["key"]), p, fields)
            )
        )
    for r in catalogue.funding_rules:
        lines.append(
            PreviewLine(
                "funding", r["key"], r["name_fi"], _change(rules.get(r["key"]), r, FUNDING_FIELDS)
            )
        )
    skills_now: dict[int, list[tuple[str, int]]] = {}
    for line in session.exec(select(OfferingSkill).order_by(col(OfferingSkill.id))):
        skills_now.setdefault(line.offering_id, []).append((line.skill_key, line.level))
    for o in catalogue.offerings:
        if o["provider"] and o["provider"] not in providers and o["provider"] not in file_providers:
            errors.append(
                RowError(
                    _("offering {key}").format(key=o["key"]),
                    _(
                        "No provider with the key {key}; add it to the file (in a CSV: provider_name)."
                    ).format(key=o["provider"]),
                )
            )
        existing = offerings.get(o["key"])
        change = _change(existing, o, OFFERING_FIELDS)
        if existing is not None and change == Change.SAME:
            provider = providers.get(o["provider"])
            moved = provider is None or provider.id != existing.provider_id
            skills_differ = sorted(skills_now.get(existing.id or 0, [])) != sorted(o["skills"])
            if moved or skills_differ or not _runs_same(session, existing, o):
                change = Change.UPDATE
        title = o["title_fi"] or o["title_en"] or o["title_sv"]
        lines.append(PreviewLine("offering", o["key"], title, change))
    return ImportPreview(lines, errors)


def _runs_same(session: Session, existing: TrainingOffering, item: dict[str, Any]) -> bool:
    runs = {
        r.key: r
        for r in session.exec(select(TrainingRun).where(TrainingRun.offering_id == existing.id))
    }
    for run in item["runs"]:
        old = runs.get(run["key"])
        if run["retired"]:
            if old is not None:
                return False
            continue
        if old is None or any(
            getattr(old, k) != run[k] for k in run if k not in ("key", "retired")
        ):
            return False
    return True


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    retired: int


def apply_import(session: Session, *, catalogue: Catalogue) -> ImportResult:
    """Write the file's changes by stable key. Refused (nothing written) when the file has problems."""
    from huoltamo_desktop.services.training import refresh_search_text

    preview = preview_import(session, catalogue=catalogue)
    if preview.errors:
        raise UserError(
            _("The file has {n} problems; fix them and import again. Nothing was changed.").format(
                n=len(preview.errors)
            )
        )
    now = utcnow()
    providers = {p.key: p for p in session.exec(select(TrainingProvider))}
    changed_providers: set[int] = set()
    for item in catalogue.providers:
        provider = providers.get(item["key"])
        if provider is None:
            provider = TrainingProvider(key=item["key"], name=item["name"])
            providers[item["key"]] = provider
        elif item.get("partial"):
            continue
        for f in PROVIDER_FIELDS:
            if f in item:
                setattr(provider, f, item[f])
        provider.updated_at = now
        session.add(provider)
        session.flush()
        changed_providers.add(provider.id or 0)
    rules = {r.key: r for r in session.exec(select(FundingRule))}
    for item in catalogue.funding_rules:
        rule = rules.get(item["key"]) or FundingRule(
            key=item["key"],
            name_fi=item["name_fi"],
            name_sv=item["name_sv"],
            name_en=item["name_en"],
        )
        for f in FUNDING_FIELDS:
            setattr(rule, f, item[f])
        session.add(rule)
    offerings = {o.key: o for o in session.exec(select(TrainingOffering))}
    touched: list[TrainingOffering] = []
    for item in catalogue.offerings:
        offering = offerings.get(item["key"])
        provider = providers[item["provider"]]
        if offering is None:
            offering = TrainingOffering(
                key=item["key"], provider_id=provider.id or 0, kind=item["kind"]
            )
        offering.provider_id = provider.id or 0
        for f in OFFERING_FIELDS:
            setattr(offering, f, item[f])
        offering.updated_at = now
        session.add(offering)
        session.flush()
        session.execute(delete(OfferingSkill).where(col(OfferingSkill.offering_id) == offering.id))
        for skill_key, level in item["skills"]:
            session.add(
                OfferingSkill(offering_id=offering.id or 0, skill_key=skill_key, level=level)
            )
        _apply_runs(session, offering, item["runs"])
        touched.append(offering)
    session.flush()
    touched_ids = {o.id for o in touched}
    for offering in session.exec(
        select(TrainingOffering).where(col(TrainingOffering.provider_id).in_(changed_providers))
    ):
        if offering.id not in touched_ids:
            touched.append(offering)
    from huoltamo_desktop.services.training_skills import skill_names_by_key

    names = skill_names_by_key(session)
    keys_by_offering: dict[int, list[str]] = {}
    for line in session.exec(select(OfferingSkill)):
        keys_by_offering.setdefault(line.offering_id, []).append(line.skill_key)
    for offering in touched:
        refresh_search_text(
            session,
            offering=offering,
            names=names,
            skill_keys=keys_by_offering.get(offering.id or 0, []),
        )
    session.flush()
    return ImportResult(
        preview.count(Change.ADD), preview.count(Change.UPDATE), preview.count(Change.RETIRE)
    )


def _apply_runs(session: Session, offering: TrainingOffering, runs: list[dict[str, Any]]) -> None:
    existing = {
        r.key: r
        for r in session.exec(select(TrainingRun).where(TrainingRun.offering_id == offering.id))
    }
    all_runs = (
        {
            r.key: r
            for r in session.exec(
                select(TrainingRun).where(col(TrainingRun.key).in_([x["key"] for x in runs]))
            )
        }
        if runs
        else {}
    )
    for item in runs:
        run = existing.get(item["key"]) or all_runs.get(item["key"])
        if item["retired"]:
            if run is not None:
                session.delete(run)
            continue
        if run is None:
            run = TrainingRun(
                key=item["key"], offering_id=offering.id or 0, starts_on=item["starts_on"]
            )
        run.offering_id = offering.id or 0
        for f in ("starts_on", "ends_on", "place", "online", "price_cents", "seats"):
            setattr(run, f, item[f])
        session.add(run)


def starter_catalogue() -> Catalogue:
    """The bundled starter catalogue, validated by its content model, as rows to import.

    The bundled file is in the exchange format, so it goes onto the tables
    through the same import as a firm's own file.
    """
    return _read_document(STARTER_CATALOGUE.load().model_dump(mode="json"))


def ensure_starter_catalogue(session: Session) -> bool:
    """Load the bundled starter catalogue into an empty catalogue; True when it was loaded."""
    from huoltamo_desktop.services.training import catalogue_is_empty

    if not catalogue_is_empty(session):
        return False
    apply_import(session, catalogue=starter_catalogue())
    return True


# --- export ----------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _euros(cents: int | None) -> float | int | None:
    if cents is None:
        return None
    return cents // 100 if cents % 100 == 0 else cents / 100


def export_catalogue(session: Session) -> dict[str, Any]:
    """The firm's whole catalogue in the JSON import format (retired entries marked)."""
    providers = {
        p.id: p for p in session.exec(select(TrainingProvider).order_by(col(TrainingProvider.key)))
    }
    skills: dict[int, list[dict[str, Any]]] = {}
    for line in session.exec(select(OfferingSkill).order_by(col(OfferingSkill.id))):
        skills.setdefault(line.offering_id, []).append(
            {"skill": line.skill_key, "level": line.level}
        )
    runs: dict[int, list[dict[str, Any]]] = {}
    for run in session.exec(
        select(TrainingRun).order_by(col(TrainingRun.starts_on), col(TrainingRun.key))
    ):
        runs.setdefault(run.offering_id, []).append(
            {
                "key": run.key,
                "starts_on": run.starts_on.isoformat(),
                "ends_on": _iso(run.ends_on),
                "place": run.place,
                "online": run.online,
                "price_eur": _euros(run.price_cents),
                "seats": run.seats,
            }
        )

    def texts(obj: object, base: str) -> dict[str, str]:
        return {lang: getattr(obj, f"{base}_{lang}") for lang in LANGUAGES}

    return {
        "format": CATALOGUE_FORMAT,
        "format_version": CATALOGUE_FORMAT_VERSION,
        "providers": [
            {
                "key": p.key,
                "name": p.name,
                "kind": p.kind,
                "region": p.region,
                "languages": split_list(p.languages),
                "url": p.url,
                "contact": p.contact,
                "trust": texts(p, "trust"),
                "trust_source": p.trust_source,
                "reviewed_on": _iso(p.reviewed_on),
                "retired": p.retired,
            }
            for p in providers.values()
        ],
        "funding_rules": [
            {
                "key": r.key,
                "name": texts(r, "name"),
                "who": texts(r, "who"),
                "share_percent": r.share_percent,
                "amount": texts(r, "amount"),
                "valid_from": _iso(r.valid_from),
                "valid_to": _iso(r.valid_to),
                "note": texts(r, "note"),
                "source": r.source,
                "checked_on": _iso(r.checked_on),
                "retired": r.retired,
            }
            for r in session.exec(select(FundingRule).order_by(col(FundingRule.key)))
        ],
        "offerings": [
            {
                "key": o.key,
                "provider": providers[o.provider_id].key,
                "kind": o.kind,
                **{base: texts(o, base) for base in LANG_FIELDS_OFFERING},
                "format": o.format,
                "languages": split_list(o.languages),
                "career_stage": o.career_stage,
                "cost_eur": _euros(o.cost_cents),
                "funding": split_list(o.funding),
                "card": o.card_key,
                "skills": skills.get(o.id or 0, []),
                "esco_uri": o.esco_uri,
                "opintopolku_oid": o.opintopolku_oid,
                "url": o.url,
                "sources": [s for s in o.sources.split("\n") if s],
                "verified": o.verified,
                "reviewed_on": _iso(o.reviewed_on),
                "retired": o.retired,
                "runs": runs.get(o.id or 0, []),
            }
            for o in session.exec(select(TrainingOffering).order_by(col(TrainingOffering.key)))
        ],
    }


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if _looks_like_formula(value) else value


def export_catalogue_bytes(session: Session, *, csv_file: bool) -> bytes:
    """The export as file bytes: JSON (everything) or CSV (offerings, one a row; UTF-8 with BOM)."""
    doc = export_catalogue(session)
    if not csv_file:
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    providers = {p["key"]: p["name"] for p in doc["providers"]}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for o in doc["offerings"]:
        cost = o["cost_eur"]
        row = {
            "key": o["key"],
            "provider_key": o["provider"],
            "provider_name": providers.get(o["provider"], ""),
            "kind": o["kind"],
            **{f"{b}_{lang}": o[b][lang] for b in LANG_FIELDS_OFFERING for lang in LANGUAGES},
            "format": o["format"],
            "languages": ";".join(o["languages"]),
            "career_stage": o["career_stage"],
            "cost_eur": "" if cost is None else str(cost).replace(".", ","),
            "funding": ";".join(o["funding"]),
            "card": o["card"],
            "skills": ";".join(f"{s['skill']}:{s['level']}" for s in o["skills"]),
            "esco_uri": o["esco_uri"],
            "opintopolku_oid": o["opintopolku_oid"],
            "url": o["url"],
            "sources": " | ".join(o["sources"]),
            "verified": o["verified"],
            "reviewed_on": o["reviewed_on"] or "",
            "retired": "yes" if o["retired"] else "",
        }
        writer.writerow([_csv_safe(str(row[c])) for c in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
