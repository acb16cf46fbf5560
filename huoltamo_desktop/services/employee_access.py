"""Who may open what: the manager passphrase, personal PINs, the idle lock.

Sign-in functions never raise for a wrong secret: they return a SignInResult
after saving the attempt count, so that the count survives the caller's
transaction. Every function that depends on the time takes ``now`` so that
tests can move the clock without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import cast

from sqlalchemy import Table, delete, or_, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.employee import (
    EmployeeAssessment,
    EmployeeCredential,
    EmployeePlan,
    EmployeeReflection,
    ManagerSecret,
    SignInResult,
    check_manager_passphrase,
    personal_secret_kind,
    wait_after_failures,
)
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, utcnow
from huoltamo_desktop.i18n import _
from huoltamo_desktop.security import employee_secrets as sec

IDLE_SETTING = "employee.idle_minutes"
DEFAULT_IDLE_MINUTES = 5


@dataclass(frozen=True)
class PersonKey:
    """The open data key of a signed-in person; held only by their session's widgets."""

    person_id: int
    key: bytes = b""

    def __repr__(self) -> str:  # never print the key
        return f"PersonKey(person_id={self.person_id})"


class ManagerAccess(StrEnum):
    UNSET = "unset"  # before the firm has chosen
    PASSPHRASE = "passphrase"
    OPEN = "open"  # the firm stated that the laptop is not shared


class PersonAccess(StrEnum):
    NEW = "new"  # first visit: sets a PIN
    READY = "ready"
    NEW_SECRET_ALLOWED = "new_secret_allowed"  # the manager let the person set a new PIN


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _now(now: datetime | None) -> datetime:
    return now or utcnow()


# --- the manager ---------------------------------------------------------------


def _manager_row(session: Session) -> ManagerSecret | None:
    return session.exec(select(ManagerSecret).order_by(col(ManagerSecret.id))).first()


def manager_access(session: Session) -> ManagerAccess:
    row = _manager_row(session)
    if row is None:
        return ManagerAccess.UNSET
    if row.passphrase_hash:
        return ManagerAccess.PASSPHRASE
    return ManagerAccess.OPEN if row.laptop_not_shared else ManagerAccess.UNSET


def set_manager_passphrase(session: Session, *, passphrase: str, repeat: str | None = None) -> None:
    """Set or change the manager passphrase (stored as an Argon2id hash)."""
    check_manager_passphrase(passphrase)
    if repeat is not None and repeat != passphrase:
        raise ValidationError(_("The two passphrases differ. Type the same one twice."), "repeat")
    _store_manager_secret(session, passphrase_hash=sec.hash_secret(passphrase))


def change_manager_passphrase(
    session: Session,
    *,
    current: str,
    passphrase: str,
    repeat: str,
    now: datetime | None = None,
) -> SignInResult:
    """Change the manager passphrase after checking the current one.

    The new passphrase is checked first (a ValidationError names the field);
    then the current one is verified with the same slow-down as signing in, and
    a wrong one is returned, not raised, so that the failed attempt is kept.
    Without a passphrase yet (the laptop was declared not shared) there is
    nothing to ask and the new one is simply set.
    """
    check_manager_passphrase(passphrase)
    if repeat != passphrase:
        raise ValidationError(_("The two passphrases differ. Type the same one twice."), "repeat")
    if manager_access(session) == ManagerAccess.PASSPHRASE:
        result = verify_manager(session, passphrase=current, now=now)
        if not result.ok:
            return result
    _store_manager_secret(session, passphrase_hash=sec.hash_secret(passphrase))
    return SignInResult(ok=True)


def declare_laptop_not_shared(session: Session) -> None:
    """The firm's explicit choice: no manager passphrase because nobody else uses this computer."""
    _store_manager_secret(session, passphrase_hash=None)


def _store_manager_secret(session: Session, *, passphrase_hash: str | None) -> None:
    """A passphrase, or none (the laptop is not shared); either way earlier failures are forgotten."""
    row = _manager_row(session) or ManagerSecret()
    row.passphrase_hash = passphrase_hash
    row.laptop_not_shared = passphrase_hash is None
    row.failed_attempts = 0
    row.locked_until = None
    row.updated_at = utcnow()
    session.add(row)
    session.flush()


def _attempt(
    session: Session, row: ManagerSecret | EmployeeCredential, ok_check: bool | None, now: datetime
) -> SignInResult:
    """Apply the throttling rule to ``row``; ``ok_check`` None means: still waiting, not checked.

    The count is changed by one UPDATE in the database (``failed_attempts + 1``),
    never by writing back a number read earlier: attempts made at the same
    moment from several seats each count.
    """
    locked_until = _aware(row.locked_until)
    if ok_check is None:
        return SignInResult(
            ok=False, wait_until=locked_until, locked=row.failed_attempts >= 5, checked=False
        )
    table = cast(Table, sa_inspect(type(row)).local_table)
    where = table.c.id == row.id
    if ok_check:
        if row.failed_attempts or row.locked_until is not None:
            session.execute(update(table).where(where).values(failed_attempts=0, locked_until=None))
        set_committed_value(row, "failed_attempts", 0)
        set_committed_value(row, "locked_until", None)
        return SignInResult(ok=True)
    count = int(
        session.execute(
            update(table)
            .where(where)
            .values(failed_attempts=table.c.failed_attempts + 1)
            .returning(table.c.failed_attempts)
        ).scalar_one()
    )
    wait = wait_after_failures(count)
    until = now + wait if wait else None
    if until is not None:
        # Only ever lengthen the wait: a slower parallel attempt must not shorten it.
        session.execute(
            update(table)
            .where(where, or_(table.c.locked_until.is_(None), table.c.locked_until < until))
            .values(locked_until=until)
        )
    set_committed_value(row, "failed_attempts", count)
    set_committed_value(row, "locked_until", until)
    return SignInResult(ok=False, wait_until=until, locked=wait.total_seconds() >= 15 * 60)


def _waiting(row: ManagerSecret | EmployeeCredential, now: datetime) -> bool:
    until = _aware(row.locked_until)
    return until is not None and now < until


def verify_manager(
    session: Session, *, passphrase: str, now: datetime | None = None
) -> SignInResult:
    """Check the manager passphrase; open access when the laptop was declared not shared."""
    now = _now(now)
    row = _manager_row(session)
    if row is None or not row.passphrase_hash:
        return SignInResult(ok=bool(row and row.laptop_not_shared))
    if _waiting(row, now):
        return _attempt(session, row, None, now)
    return _attempt(session, row, sec.verify_secret(row.passphrase_hash, passphrase), now)


# --- people ---------------------------------------------------------------------


def _credential(session: Session, person_id: int) -> EmployeeCredential | None:
    return session.exec(
        select(EmployeeCredential).where(EmployeeCredential.person_id == person_id)
    ).first()


def person_access(session: Session, *, person_id: int) -> PersonAccess:
    row = _credential(session, person_id)
    if row is None:
        return PersonAccess.NEW
    return PersonAccess.NEW_SECRET_ALLOWED if row.new_secret_allowed else PersonAccess.READY


def _pin_purpose(person_id: int) -> str:
    return f"employee/wrap/{person_id}/secret"


def _recovery_purpose(person_id: int) -> str:
    return f"employee/wrap/{person_id}/recovery"


def _check_new_secret(secret: str, repeat: str | None) -> str:
    kind = personal_secret_kind(secret)
    if repeat is not None and repeat != secret:
        raise ValidationError(_("The two entries differ. Type the same PIN twice."), "repeat")
    return kind


def create_secret(
    session: Session, *, person_id: int, secret: str, repeat: str | None = None
) -> tuple[PersonKey, str]:
    """First visit: store the PIN (hash), a new data key wrapped twice; returns the key and the recovery code.

    The recovery code is returned only here: show it once and never store it.
    """
    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    if _credential(session, person_id) is not None:
        raise ValidationError(_("A PIN has already been set. Sign in with it."))
    kind = _check_new_secret(secret, repeat)
    data_key = sec.new_data_key()
    code = sec.new_recovery_code()
    salt, rsalt = sec.new_salt(), sec.new_salt()
    row = EmployeeCredential(
        person_id=person_id,
        kind=kind,
        secret_hash=sec.hash_secret(secret),
        kdf_salt=salt,
        wrapped_key=sec.seal(sec.derive_key(secret, salt), data_key, _pin_purpose(person_id)),
        recovery_salt=rsalt,
        recovery_wrapped_key=sec.seal(
            sec.derive_key(sec.normalise_recovery_code(code), rsalt),
            data_key,
            _recovery_purpose(person_id),
        ),
    )
    session.add(row)
    session.flush()
    return PersonKey(person_id, data_key), code


FIRST_VISIT_SETTING = "employee.first_visit_code/{person_id}"
FIRST_VISIT_DAYS = 7


def new_first_visit_code(session: Session, *, person_id: int, now: datetime | None = None) -> str:
    """A one-time code the manager hands to a person who has never signed in.

    With it the person sets their first PIN without the manager beside them.
    Only its Argon2 hash is kept, it works once, and for FIRST_VISIT_DAYS days.
    A new code replaces an earlier one. Show the returned code once.
    """
    from huoltamo_desktop.services.firm import set_setting

    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    if _credential(session, person_id) is not None:
        raise ValidationError(_("This person has already set a PIN."))
    now = _now(now)
    raw = sec.new_recovery_code()[:9]  # two groups of four: easy to read out and type
    expires = now + timedelta(days=FIRST_VISIT_DAYS)
    set_setting(
        session,
        key=FIRST_VISIT_SETTING.format(person_id=person_id),
        value=f"{expires.isoformat()} {sec.hash_secret(sec.normalise_recovery_code(raw))}",
    )
    return raw


def _use_first_visit_code(session: Session, person_id: int, code: str, now: datetime) -> bool:
    """True (and the code is gone) when ``code`` is the person's valid one-time code."""
    from huoltamo_desktop.domain.people import Setting

    row = session.get(Setting, FIRST_VISIT_SETTING.format(person_id=person_id))
    if row is None or not code.strip():
        return False
    expires_text, _sep, hashed = row.value.partition(" ")
    try:
        expires = datetime.fromisoformat(expires_text)
    except ValueError:
        return False
    if now > expires or not sec.verify_secret(hashed, sec.normalise_recovery_code(code)):
        return False
    session.delete(row)
    session.flush()
    return True


def first_visit(
    session: Session,
    *,
    person_id: int,
    secret: str,
    repeat: str | None = None,
    approval: str = "",
    now: datetime | None = None,
) -> tuple[SignInResult, PersonKey | None, str | None]:
    """A person's first PIN, set at the lock screen with the manager's approval.

    ``approval`` is the manager passphrase (the manager is beside the person)
    or the one-time first-visit code the manager handed over. Without it
    anyone at the laptop could claim a colleague's account. A wrong approval
    counts as a wrong manager passphrase, so guessing is throttled; like the
    sign-in functions this returns the result instead of raising, so that the
    count is saved. On a computer declared not shared there is nobody to keep
    out, and no approval is asked for.

    Returns the approval result, and on success the key and the recovery code.
    """
    now = _now(now)
    state = manager_access(session)
    if state == ManagerAccess.UNSET:
        raise ValidationError(
            _(
                "The manager has not set the manager passphrase yet. Ask your manager to set it "
                "first; then you can choose your PIN."
            )
        )
    if _credential(session, person_id) is not None:
        raise ValidationError(_("A PIN has already been set. Sign in with it."))
    _check_new_secret(secret, repeat)  # an easy PIN is refused before the approval is used
    if state == ManagerAccess.PASSPHRASE and not _use_first_visit_code(
        session, person_id, approval, now
    ):
        if not approval.strip():
            return SignInResult(ok=False), None, None
        result = verify_manager(session, passphrase=approval, now=now)
        if not result.ok:
            return result, None, None
    key, code = create_secret(session, person_id=person_id, secret=secret, repeat=repeat)
    return SignInResult(ok=True), key, code


def sign_in(
    session: Session, *, person_id: int, secret: str, now: datetime | None = None
) -> tuple[SignInResult, PersonKey | None]:
    """Check the person's PIN and open their data key; wrong attempts slow down, then lock."""
    now = _now(now)
    row = _credential(session, person_id)
    if row is None:
        return SignInResult(ok=False), None
    if _waiting(row, now):
        return _attempt(session, row, None, now), None
    ok = sec.verify_secret(row.secret_hash, secret)
    key: PersonKey | None = None
    if ok:
        try:
            key = PersonKey(
                person_id,
                sec.open_sealed(
                    sec.derive_key(secret, row.kdf_salt), row.wrapped_key, _pin_purpose(person_id)
                ),
            )
        except sec.SealError:
            ok = False
    result = _attempt(session, row, ok, now)
    if ok:
        # The person remembered the old PIN after all: the manager's permission is no longer needed.
        row.new_secret_allowed = False
    row.updated_at = now
    session.add(row)
    session.flush()
    return result, key


def change_secret(
    session: Session, *, key: PersonKey, secret: str, repeat: str | None = None
) -> None:
    """A signed-in person changes their PIN: only the wrapping of the data key changes."""
    row = _credential(session, key.person_id)
    if row is None:
        raise ValidationError(_("That person no longer exists."))
    kind = _check_new_secret(secret, repeat)
    salt = sec.new_salt()
    row.kind = kind
    row.secret_hash = sec.hash_secret(secret)
    row.kdf_salt = salt
    row.wrapped_key = sec.seal(sec.derive_key(secret, salt), key.key, _pin_purpose(key.person_id))
    row.updated_at = utcnow()
    session.add(row)
    session.flush()


def allow_new_secret(session: Session, *, person_id: int) -> None:
    """The manager lets a person who forgot their PIN set a new one at their next visit."""
    row = _credential(session, person_id)
    if row is None:
        raise ValidationError(
            _("This person has not set a PIN yet; they can set one at their first visit.")
        )
    row.new_secret_allowed = True
    row.failed_attempts = 0
    row.locked_until = None
    session.add(row)
    session.flush()


def recovery_code_works(session: Session, *, person_id: int, code: str) -> bool:
    row = _credential(session, person_id)
    if row is None or row.recovery_salt is None or row.recovery_wrapped_key is None:
        return False
    try:
        sec.open_sealed(
            sec.derive_key(sec.normalise_recovery_code(code), row.recovery_salt),
            row.recovery_wrapped_key,
            _recovery_purpose(person_id),
        )
    except sec.SealError:
        return False
    return True


def set_new_secret(
    session: Session,
    *,
    person_id: int,
    secret: str,
    repeat: str | None = None,
    recovery_code: str = "",
) -> tuple[PersonKey, str | None]:
    """Set a new PIN after the manager allowed it.

    With the recovery code the data key is kept (everything stays readable) and
    the same recovery code stays valid (None is returned for the code). Without
    it a new data key is made, everything sealed under the old one is deleted
    (it could never be opened again), and a new recovery code is returned.
    Shared copies are not affected.
    """
    row = _credential(session, person_id)
    if row is None or not row.new_secret_allowed:
        raise ValidationError(_("Ask your manager to let you set a new PIN."))
    kind = _check_new_secret(secret, repeat)
    code = recovery_code.strip()
    new_code: str | None = None
    if code:
        if row.recovery_salt is None or row.recovery_wrapped_key is None:
            raise ValidationError(
                _("The recovery code is not right. Check it, or leave it empty."), "recovery"
            )
        try:
            data_key = sec.open_sealed(
                sec.derive_key(sec.normalise_recovery_code(code), row.recovery_salt),
                row.recovery_wrapped_key,
                _recovery_purpose(person_id),
            )
        except sec.SealError as exc:
            raise ValidationError(
                _("The recovery code is not right. Check it, or leave it empty."), "recovery"
            ) from exc
    else:
        data_key = sec.new_data_key()
        new_code = sec.new_recovery_code()
        for table in (EmployeeAssessment, EmployeeReflection, EmployeePlan):
            session.execute(delete(table).where(col(table.person_id) == person_id))
        rsalt = sec.new_salt()
        row.recovery_salt = rsalt
        row.recovery_wrapped_key = sec.seal(
            sec.derive_key(sec.normalise_recovery_code(new_code), rsalt),
            data_key,
            _recovery_purpose(person_id),
        )
    salt = sec.new_salt()
    row.kind = kind
    row.secret_hash = sec.hash_secret(secret)
    row.kdf_salt = salt
    row.wrapped_key = sec.seal(sec.derive_key(secret, salt), data_key, _pin_purpose(person_id))
    row.new_secret_allowed = False
    row.failed_attempts = 0
    row.locked_until = None
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return PersonKey(person_id, data_key), new_code


# --- the idle lock -----------------------------------------------------------------


def idle_minutes(session: Session) -> int:
    from huoltamo_desktop.services.firm import get_setting

    try:
        value = int(get_setting(session, key=IDLE_SETTING, default=str(DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return value if 1 <= value <= 60 else DEFAULT_IDLE_MINUTES


def set_idle_minutes(session: Session, *, minutes: int) -> None:
    from huoltamo_desktop.services.firm import set_setting

    if not 1 <= minutes <= 60:
        raise ValidationError(_("Choose between 1 and 60 minutes."), "idle_minutes")
    set_setting(session, key=IDLE_SETTING, value=str(minutes))
