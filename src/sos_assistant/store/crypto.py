"""Passphrase protection: a key from scrypt, AES-GCM for everything a person wrote.

The key is derived with :func:`hashlib.scrypt` from the passphrase and a random per-store salt.
It is split in two: 32 bytes for AES-GCM and 32 bytes for an HMAC that turns a session name into
a lookup key (so a name can be found without being stored in plain text). A short known text is
encrypted with the key and kept as the *verifier*: if it does not decrypt, the passphrase is
wrong, and nothing else is touched.

Each encrypted value is ``b"\\x01" + nonce (12 bytes) + ciphertext and tag``, with associated data
that says what the value is (``b"event:3:17"``), so values cannot be swapped between places.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

FORMAT = b"\x01"
NONCE_BYTES = 12
VERIFIER_TEXT = b"sos-assistant passphrase check"

DEFAULT_KDF: dict[str, int] = {"n": 2**15, "r": 8, "p": 1}
"""scrypt cost: about 32 MB of memory and a tenth of a second on a laptop."""


class WrongPassphrase(ValueError):
    """The passphrase does not open this store."""


def normalise_passphrase(passphrase: str) -> bytes:
    """The same passphrase typed on different systems gives the same bytes (NFC)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int
    r: int
    p: int

    def to_json(self) -> str:
        return json.dumps({"salt": self.salt.hex(), "n": self.n, "r": self.r, "p": self.p})

    @classmethod
    def from_json(cls, text: str | bytes) -> KdfParams:
        data: dict[str, Any] = json.loads(text)
        return cls(bytes.fromhex(data["salt"]), int(data["n"]), int(data["r"]), int(data["p"]))

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(os.urandom(16), **DEFAULT_KDF)


class Cipher:
    """Encrypts and decrypts store values with a key derived from a passphrase."""

    def __init__(self, passphrase: str, params: KdfParams) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key = hashlib.scrypt(
            normalise_passphrase(passphrase),
            salt=params.salt,
            n=params.n,
            r=params.r,
            p=params.p,
            maxmem=256 * params.n * params.r + (1 << 20),
            dklen=64,
        )
        self.params = params
        self._aead = AESGCM(key[:32])
        self._index_key = key[32:]

    def encrypt(self, plain: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plain, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if not blob.startswith(FORMAT):
            raise WrongPassphrase("an encrypted value has an unknown format")
        nonce = blob[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES :], aad)
        except InvalidTag:
            raise WrongPassphrase("the value does not decrypt with this passphrase") from None

    def lookup(self, name: str) -> str:
        """A stable, keyed fingerprint of a session name, used to find it."""
        return hmac.new(self._index_key, name.encode("utf-8"), hashlib.sha256).hexdigest()

    def verifier(self) -> bytes:
        return self.encrypt(VERIFIER_TEXT, b"verifier")

    def check(self, verifier: bytes) -> None:
        """Raise :class:`WrongPassphrase` unless ``verifier`` was made with this key."""
        if self.decrypt(verifier, b"verifier") != VERIFIER_TEXT:
            raise WrongPassphrase("the passphrase check did not match")
