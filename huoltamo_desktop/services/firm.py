"""Setting up the firm and its firm-wide settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from huoltamo_desktop.domain.business_id import is_valid_business_id, normalise_business_id
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Organisation, Sector, Setting
from huoltamo_desktop.i18n import LANGUAGES, _
from huoltamo_desktop.services.seats_versions import merge_edit


@dataclass
class FirmInput:
    name: str
    business_id: str = ""
    sector: str = Sector.OTHER
    size: int | None = None
    default_language: str = "fi"


def get_organisation(session: Session) -> Organisation | None:
    """The firm, or None before first-run set-up."""
    return session.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]


def validate_firm(data: FirmInput) -> FirmInput:
    name = data.name.strip()
    if not name:
        raise ValidationError(_("Give the firm's name."), "name")
    bid = normalise_business_id(data.business_id) if data.business_id.strip() else ""
    if bid and not is_valid_business_id(bid):
        raise ValidationError(
            _("The business ID {value} is not valid. Check the digits (format 1234567-8).").format(
                value=data.business_id.strip()
            ),
            "business_id",
        )
    if data.size is not None and not 1 <= data.size <= 100000:
        raise ValidationError(_("The number of staff must be a positive whole number."), "size")
    if data.default_language not in LANGUAGES:
        raise ValidationError(_("Choose a language."), "default_language")
    return FirmInput(name, bid, data.sector, data.size, data.default_language)


def firm_input(org: Organisation) -> FirmInput:
    """The firm's saved details as the settings form shows them."""
    return FirmInput(org.name, org.business_id or "", org.sector, org.size, org.default_language)


def save_organisation(
    session: Session,
    *,
    data: FirmInput,
    expected_version: int | None = None,
    base: FirmInput | None = None,
) -> Organisation:
    """Create the firm or update it.

    ``expected_version`` and ``base`` are what the settings form read: another
    manager's change meanwhile is merged, or raises ``ConflictError`` where
    both changed the same detail.
    """
    clean = validate_firm(data)
    existing = get_organisation(session)
    if existing is not None:
        clean = merge_edit(
            current_version=existing.row_version,
            expected_version=expected_version,
            base=validate_firm(base) if base is not None else None,
            yours=clean,
            theirs=firm_input(existing),
        )
    org = existing or Organisation(name=clean.name)
    org.name = clean.name
    org.business_id = clean.business_id or None
    org.sector = clean.sector
    org.size = clean.size
    org.default_language = clean.default_language
    session.add(org)
    session.flush()
    return org


def get_setting(session: Session, *, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def set_setting(session: Session, *, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)
    session.flush()
