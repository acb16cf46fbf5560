"""Encrypting backup files so that only the manager passphrase opens them.

Backups are made when the app starts, before anyone has signed in, so the
passphrase is not at hand when a backup is written. A key pair solves that:
the firm's public key (X25519) is kept in the database and encrypts every
backup; its private key is stored only wrapped (AES-256-GCM) with a key
derived from the manager passphrase (Argon2id). The wrapped private key also
travels in each backup's header, so a backup opens with the passphrase even
when the database it came from is lost.

File layout: ``MAGIC | salt (16) | wrapped private key (61) | ephemeral
public key (32) | nonce (12) | AES-256-GCM ciphertext of the SQLite file``.
The content key is HKDF-SHA256 over the X25519 shared secret.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from huoltamo_desktop.security.employee_secrets import (
    NONCE_BYTES,
    SALT_BYTES,
    SealError,
    derive_key,
    new_salt,
    open_sealed,
    seal,
)

MAGIC = b"HUOLTAMO-BACKUP\x01"
_PURPOSE = "backup-private-key"
_WRAPPED_BYTES = 1 + NONCE_BYTES + 32 + 16
_HEADER = len(MAGIC) + SALT_BYTES + _WRAPPED_BYTES + 32 + NONCE_BYTES


@dataclass(frozen=True)
class BackupKey:
    """The firm's backup key: the public half and the passphrase-wrapped private half."""

    public: bytes
    salt: bytes
    wrapped_private: bytes

    def to_text(self) -> str:
        return ":".join(part.hex() for part in (self.public, self.salt, self.wrapped_private))

    @classmethod
    def from_text(cls, text: str) -> BackupKey:
        public, salt, wrapped = (bytes.fromhex(part) for part in text.split(":"))
        return cls(public, salt, wrapped)


def new_backup_key(passphrase: str) -> BackupKey:
    """A fresh key pair; the private key is kept only wrapped by the passphrase."""
    private = X25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    salt = new_salt()
    wrapped = seal(derive_key(passphrase, salt), raw_private, _PURPOSE)
    return BackupKey(public, salt, wrapped)


def _content_key(shared: bytes, ephemeral_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=b"huoltamo backup"
    ).derive(shared)


def is_encrypted(header: bytes) -> bool:
    return header.startswith(MAGIC)


def encrypt_backup(key: BackupKey, plaintext: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(key.public))
    nonce = os.urandom(NONCE_BYTES)
    head = MAGIC + key.salt + key.wrapped_private + ephemeral_public + nonce
    body = AESGCM(_content_key(shared, ephemeral_public)).encrypt(nonce, plaintext, head)
    return head + body


def decrypt_backup(data: bytes, passphrase: str) -> bytes:
    """The SQLite file inside an encrypted backup; SealError on a wrong passphrase or damage."""
    if not is_encrypted(data) or len(data) < _HEADER + 16:
        raise SealError("not an encrypted backup")
    at = len(MAGIC)
    salt = data[at : at + SALT_BYTES]
    at += SALT_BYTES
    wrapped = data[at : at + _WRAPPED_BYTES]
    at += _WRAPPED_BYTES
    ephemeral_public = data[at : at + 32]
    at += 32
    nonce = data[at : at + NONCE_BYTES]
    at += NONCE_BYTES
    raw_private = open_sealed(derive_key(passphrase, salt), wrapped, _PURPOSE)
    private = X25519PrivateKey.from_private_bytes(raw_private)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        return AESGCM(_content_key(shared, ephemeral_public)).decrypt(nonce, data[at:], data[:at])
    except InvalidTag as exc:
        raise SealError("damaged backup") from exc
