"""Field-level encryption of personal data (AES-256-GCM) and a keyed blind index for searching names.

Keys come from the environment variable HUQUQ_FIELD_KEYS (comma-separated; the first encrypts, all
decrypt), else from var/huquq_field_keys, read once per process. The file is generated (atomically, 0600)
only while no encrypted data exists: when data exists and no key is found, every use raises MissingFieldKey
(and the WSGI application refuses to start) with what to restore, never a new key. Any key string works:
the AES key is SHA-256 of it. Each ciphertext names the key that made it (`enc1:<key id>:<base64>`), so
`huquq cases rotate-keys` can re-encrypt everything under the current key after a new key is put first.
Ciphertext is bound to its place by the AEAD associated data. `enc1:` (the first format) binds only the
field ("cases.person.name"); `enc2:` binds the field, the table and the row's primary key
("cases.person.name|cases_person:42"), so a value copied into another column *or another row* does not
decrypt. Fields write enc2 whenever the row has a primary key (a new row: right after its INSERT, see
fields.py); enc1 values still read, and `huquq keys rewrap` (or `cases rotate-keys`) turns every one into enc2. Blind-index keys are derived per organisation with HKDF, so equal names in two
organisations give unrelated index tokens.
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
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "enc1:"  # bound to the field only (older rows)
PREFIX2 = "enc2:"  # bound to the field, the table and the row's primary key
PREFIXES = (PREFIX, PREFIX2)


def is_token(value) -> bool:
    """Is this stored text one of our ciphertexts (either format)?"""
    return isinstance(value, str) and value.startswith(PREFIXES)


def row_context(context: str, table: str, pk) -> str:
    """The associated data of an enc2 value: field context, table and primary key."""
    return f"{context}|{table}:{pk}"


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


class MissingFieldKey(DecryptionError):
    """Encrypted data exists but no key is configured: making a new key would orphan that data."""


@dataclass(frozen=True)
class Key:
    kid: str
    aes: AESGCM
    raw: bytes

    @lru_cache(maxsize=256)  # noqa: B019 - keys live for the process; one derived key per organisation
    def index_key(self, organisation_id) -> bytes:
        """The blind-index key of one organisation: HKDF-SHA-256 of the field key."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"huquq blind index",
                    info=f"organisation:{organisation_id}".encode()).derive(self.raw)

    @lru_cache(maxsize=16)  # noqa: B019 - keys live for the process; one derived key per purpose
    def lookup_key(self, purpose: str) -> bytes:
        """A keyed-hash key for one purpose outside any organisation (e.g. finding a Telegram chat)."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"huquq blind index",
                    info=f"purpose:{purpose}".encode()).derive(self.raw)


def _make_key(material: str) -> Key:
    raw = hashlib.sha256(material.encode("utf-8")).digest()
    kid = hashlib.sha256(b"kid:" + raw).hexdigest()[:8]
    return Key(kid=kid, aes=AESGCM(raw), raw=raw)


_file_materials: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=16)  # read on every decryption (a scorecard decrypts tens of thousands of answers)
def _split(value: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in value.split(",") if k.strip())


def encrypted_data_exists() -> bool:
    from django.apps import apps

    from .models import EvidenceFile, Person

    if Person.objects.exists() or EvidenceFile.objects.exists():
        return True
    if apps.is_installed("huquq.monitoring"):
        Submission = apps.get_model("monitoring", "Submission")  # noqa: N806 - answers are encrypted too
        return Submission.objects.exists()
    return False


def _key_materials() -> tuple[str, ...]:
    env_value = os.environ.get("HUQUQ_FIELD_KEYS", "").strip()
    if env_value:
        return _split(env_value)
    from django.conf import settings

    var_dir = str(settings.VAR_DIR)
    if var_dir not in _file_materials:
        from huquq.config import read_or_create_secret, read_secret

        stored = read_secret("HUQUQ_FIELD_KEYS", {}, Path(var_dir))
        if not stored:
            if encrypted_data_exists():
                raise MissingFieldKey(
                    "Personal data in the database is encrypted, but no field key was found: set "
                    f"HUQUQ_FIELD_KEYS or restore {Path(var_dir) / 'huquq_field_keys'} from your backup. "
                    "Huquq will not create a new key, because the existing data could never be read with it."
                )
            stored = read_or_create_secret("HUQUQ_FIELD_KEYS", {}, Path(var_dir), nbytes=32)
        _file_materials[var_dir] = _split(stored)
    return _file_materials[var_dir]


def forget_loaded_keys() -> None:
    """Drop the keys read from var/ (tests; a process re-reads them only after this)."""
    _file_materials.clear()


def check_keys() -> None:
    """Fail now, with MissingFieldKey's message, rather than on the first page that shows a name."""
    keys()


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


def encrypt(plaintext: str, context: str, row: str | None = None) -> str:
    """enc2 bound to `row` ("table:pk") when given, else enc1 bound to the field context only."""
    key = current_key()
    nonce = os.urandom(12)
    prefix, aad = (PREFIX2, f"{context}|{row}") if row is not None else (PREFIX, context)
    sealed = key.aes.encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8"))
    return f"{prefix}{key.kid}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def key_id_of(token: str) -> str | None:
    if not is_token(token):
        return None
    return token[len(PREFIX):].split(":", 1)[0]


def needs_rewrap(token: str, current_kid: str) -> bool:
    """Not yet enc2 under the current key (what `keys rewrap` and `cases rotate-keys` re-encrypt)."""
    return bool(token) and (not token.startswith(PREFIX2) or key_id_of(token) != current_kid)


def decrypt(token: str, context: str, row: str | None = None) -> str:
    """Plain text of an enc1 value (bound to `context`) or an enc2 value (bound to `context` and `row`)."""
    if not is_token(token):
        raise DecryptionError("value is not encrypted")
    if token.startswith(PREFIX2):
        if row is None:
            raise DecryptionError("an enc2 value needs its row to be decrypted")
        aad = f"{context}|{row}"
    else:
        aad = context
    kid, _, body = token[len(PREFIX):].partition(":")
    for key in keys():
        if key.kid == kid:
            data = base64.urlsafe_b64decode(body.encode("ascii"))
            try:
                return key.aes.decrypt(data[:12], data[12:], aad.encode("utf-8")).decode("utf-8")
            except InvalidTag as exc:
                raise DecryptionError(f"value under key {kid} failed authentication (not of this field and "
                                      "row?)") from exc
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
    """Normalised name words, spelling-folded so Cyrillic and Latin spellings meet (search.fold, the skeleton of
    huquq.text.translit); a change to the fold needs `huquq cases reindex`."""
    from .search import fold

    return [t for t in fold(text).split() if len(t) >= 2]


def _token(index_key: bytes, word: str) -> str:
    return hmac.new(index_key, unicodedata.normalize("NFC", word).encode(), hashlib.sha256).hexdigest()[:16]


def blind_index(text: str, organisation_id) -> str:
    """Space-separated truncated HMACs of each normalised name token under the organisation's index key
    (searchable, not reversible, and unrelated between organisations)."""
    key = current_key().index_key(organisation_id)
    return " ".join(_token(key, token) for token in sorted(set(name_tokens(text))))


def blind_tokens(word: str, organisation_id) -> list[str]:
    """The word's index token under every configured key, current first: while `rotate-keys` is rebuilding
    the index, cases still indexed under the old key are found too."""
    tokens = name_tokens(word)
    if not tokens:
        return []
    return [_token(key.index_key(organisation_id), tokens[0]) for key in keys()]
