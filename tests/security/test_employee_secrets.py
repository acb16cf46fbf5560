"""Hashing, key derivation and sealing of private texts."""

from __future__ import annotations

import pytest

from huoltamo_desktop.security import employee_secrets as sec


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def test_hash_is_argon2id_and_verifies_only_the_right_secret() -> None:
    stored = sec.hash_secret("246810")
    assert stored.startswith("$argon2id$")
    assert "246810" not in stored
    assert sec.verify_secret(stored, "246810")
    assert not sec.verify_secret(stored, "246811")
    assert not sec.verify_secret("not a hash", "246810")


def test_derived_key_depends_on_secret_and_salt() -> None:
    salt = sec.new_salt()
    key = sec.derive_key("246810", salt)
    assert len(key) == 32
    assert sec.derive_key("246810", salt) == key
    assert sec.derive_key("246811", salt) != key
    assert sec.derive_key("246810", sec.new_salt()) != key


def test_sealed_text_opens_only_with_its_key_and_purpose() -> None:
    key = sec.new_data_key()
    sealed = sec.seal(key, b"Haluan oppia hitsausta", "employee/reflection/1")
    assert b"hitsaus" not in sealed
    assert (
        sec.open_sealed(key, sealed, "employee/reflection/1").decode() == "Haluan oppia hitsausta"
    )
    with pytest.raises(sec.SealError):
        sec.open_sealed(sec.new_data_key(), sealed, "employee/reflection/1")
    with pytest.raises(sec.SealError):
        sec.open_sealed(key, sealed, "employee/reflection/2")  # moved to another person
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(sec.SealError):
        sec.open_sealed(key, tampered, "employee/reflection/1")
    with pytest.raises(sec.SealError):
        sec.open_sealed(key, b"junk", "employee/reflection/1")


def test_recovery_codes_are_long_and_forgiving_to_type() -> None:
    code = sec.new_recovery_code()
    assert len(sec.normalise_recovery_code(code)) == 20
    assert code.count("-") == 4
    assert sec.normalise_recovery_code(code.lower().replace("-", " ")) == code.replace("-", "")
    assert sec.new_recovery_code() != code
