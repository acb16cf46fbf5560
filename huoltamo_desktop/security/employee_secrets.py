"""Hashing of PINs and passphrases, key derivation, and sealing of private texts.

- Secrets are stored only as Argon2id hashes (argon2-cffi's PasswordHasher).
- Each person has a random 256-bit data key. It is stored only wrapped
  (AES-256-GCM) by a key derived from the PIN (Argon2id raw, own salt), and
  once more by a key derived from a recovery code shown once at PIN creation.
  Changing the PIN re-wraps the data key; nothing else is re-encrypted.
- Private texts are sealed with the data key (AES-256-GCM, random 96-bit
  nonce); the associated data binds a ciphertext to its person and purpose, so
  a sealed value cannot be moved to another person's row and opened there.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
FORMAT = b"\x01"  # leading version byte of every sealed value


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; the defaults follow RFC 9106's second recommended option (64 MiB, t=3)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 4


PARAMS = KdfParams()


class SealError(Exception):
    """A sealed value could not be opened (wrong key or tampered data)."""


def _hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=PARAMS.time_cost, memory_cost=PARAMS.memory_cost, parallelism=PARAMS.parallelism
    )


def hash_secret(secret: str) -> str:
    """An Argon2id hash string (with its own salt and parameters) for storing."""
    return _hasher().hash(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    try:
        return _hasher().verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def derive_key(secret: str, salt: bytes) -> bytes:
    """A 256-bit key from a PIN, passphrase or recovery code (Argon2id raw)."""
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=PARAMS.time_cost,
        memory_cost=PARAMS.memory_cost,
        parallelism=PARAMS.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def seal(key: bytes, plaintext: bytes, purpose: str) -> bytes:
    """Encrypt and authenticate ``plaintext``; ``purpose`` is bound as associated data."""
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, purpose.encode("utf-8"))


def open_sealed(key: bytes, sealed: bytes, purpose: str) -> bytes:
    """The plaintext of a sealed value; raises SealError on a wrong key or tampering."""
    if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != FORMAT:
        raise SealError("not a sealed value")
    nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, purpose.encode("utf-8"))
    except InvalidTag as exc:
        raise SealError("wrong key or damaged data") from exc


# Recovery codes: 20 characters from an alphabet without look-alikes (0/O, 1/I/L),
# shown in groups of four: 100 bits, far beyond guessing.
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_LENGTH = 20


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def normalise_recovery_code(code: str) -> str:
    """Upper case without spaces and dashes, as the key was derived from it."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
