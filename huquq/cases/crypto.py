"""Field-level encryption of personal data (AES-256-GCM) and a keyed blind index for searching names.

Keys come from the environment variable HUQUQ_FIELD_KEYS (comma-separated; the first encrypts, all
decrypt), else from var/huquq_field_keys, generated on first use. Any key string works: the AES key is
SHA-256 of it. Each ciphertext names the key that made it (`enc1:<key id>:<base64>`), so
`huquq cases rotate-keys` can re-encrypt everything under the current key after a new key is put first.
The associated data binds a ciphertext to its field ("cases.person.name"): a value copied into another
column does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "enc1:"


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@dataclass(frozen=True)
class Key:
    kid: str
    aes: AESGCM
    index_key: bytes


def _make_key(material: str) -> Key:
    raw = hashlib.sha256(material.encode("utf-8")).digest()
    kid = hashlib.sha256(b"kid:" + raw).hexdigest()[:8]
    index_key = hmac.new(raw, b"huquq blind index", hashlib.sha256).digest()
    return Key(kid=kid, aes=AESGCM(raw), index_key=index_key)


def _key_materials() -> tuple[str, ...]:
    env_value = os.environ.get("HUQUQ_FIELD_KEYS", "").strip()
    if env_value:
        return tuple(k.strip() for k in env_value.split(",") if k.strip())
    from django.conf import settings

    from huquq.config import read_or_create_secret

    stored = read_or_create_secret("HUQUQ_FIELD_KEYS", {}, settings.VAR_DIR, nbytes=32)
    return tuple(k.strip() for k in stored.split(",") if k.strip())


@lru_cache(maxsize=8)
def _keys_for(materials: tuple[str, ...]) -> tuple[Key, ...]:
    if not materials:
        raise DecryptionError("no field encryption key configured")
    return tuple(_make_key(m) for m in materials)


def keys() -> tuple[Key, ...]:
    return _keys_for(_key_materials())


def current_key() -> Key:
    return keys()[0]


def new_key_material() -> str:
    return secrets.token_urlsafe(32)


def encrypt(plaintext: str, context: str) -> str:
    key = current_key()
    nonce = os.urandom(12)
    sealed = key.aes.encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    return f"{PREFIX}{key.kid}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def key_id_of(token: str) -> str | None:
    if not token or not token.startswith(PREFIX):
        return None
    return token[len(PREFIX):].split(":", 1)[0]


def decrypt(token: str, context: str) -> str:
    if not token.startswith(PREFIX):
        raise DecryptionError("value is not encrypted")
    kid, _, body = token[len(PREFIX):].partition(":")
    for key in keys():
        if key.kid == kid:
            data = base64.urlsafe_b64decode(body.encode("ascii"))
            try:
                return key.aes.decrypt(data[:12], data[12:], context.encode("utf-8")).decode("utf-8")
            except InvalidTag as exc:
                raise DecryptionError(f"value under key {kid} failed authentication") from exc
    raise DecryptionError(f"no configured key has id {kid}; add the old key to HUQUQ_FIELD_KEYS")


def encrypt_bytes(data: bytes, context: str) -> bytes:
    key = current_key()
    nonce = os.urandom(12)
    return PREFIX.encode() + key.kid.encode() + b":" + nonce + key.aes.encrypt(nonce, data, context.encode())


def decrypt_bytes(blob: bytes, context: str) -> bytes:
    if not blob.startswith(PREFIX.encode()):
        raise DecryptionError("file is not encrypted")
    rest = blob[len(PREFIX):]
    kid, body = rest[:8].decode("ascii"), rest[9:]
    for key in keys():
        if key.kid == kid:
            try:
                return key.aes.decrypt(body[:12], body[12:], context.encode())
            except InvalidTag as exc:
                raise DecryptionError("file failed authentication") from exc
    raise DecryptionError(f"no configured key has id {kid}")


def bytes_key_id(blob: bytes) -> str | None:
    if not blob.startswith(PREFIX.encode()):
        return None
    return blob[len(PREFIX):len(PREFIX) + 8].decode("ascii")


def name_tokens(text: str) -> list[str]:
    """Normalised name words, spelling-folded so Cyrillic and Latin spellings meet (see search.fold)."""
    from .search import fold

    return [t for t in fold(text).split() if len(t) >= 2]


def blind_index(text: str) -> str:
    """Space-separated truncated HMACs of each normalised name token (searchable, not reversible)."""
    key = current_key().index_key
    out = []
    for token in sorted(set(name_tokens(text))):
        out.append(hmac.new(key, unicodedata.normalize("NFC", token).encode(), hashlib.sha256).hexdigest()[:16])
    return " ".join(out)


def blind_token(word: str) -> str | None:
    tokens = name_tokens(word)
    if not tokens:
        return None
    key = current_key().index_key
    return hmac.new(key, tokens[0].encode(), hashlib.sha256).hexdigest()[:16]
