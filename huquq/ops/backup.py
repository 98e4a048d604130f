"""Backup and restore: one archive with a consistent copy of the database and the evidence files.

The archive is a tar file holding `manifest.json` (what is inside, row counts, checksums), the database
(`database.sqlite3`, taken with SQLite's online-backup API while the site runs, or `database.pgdump`, a
`pg_dump --format=custom` snapshot) and `media/` (the evidence files, already encrypted with the field keys).

The keys are never in the archive: the field keys (HUQUQ_FIELD_KEYS or var/huquq_field_keys) and SECRET_KEY
must be kept separately; without the field keys a restored installation cannot read personal data.
With a passphrase the whole archive is encrypted: scrypt derives a key, AES-GCM seals 1 MiB chunks, each
chunk's number and a "last chunk" flag are authenticated, so a truncated or reordered file is refused.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT = 1
MAGIC = b"HUQUQ-BACKUP-1\n"
CHUNK = 1024 * 1024
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""


def _noop(_message: str) -> None:
    pass


# --- what is kept where ------------------------------------------------------------------------------

def key_locations() -> list[str]:
    """Where this installation's keys live (told to the operator; never copied into an archive)."""
    places = []
    if os.environ.get("HUQUQ_FIELD_KEYS", "").strip():
        places.append("field keys: the HUQUQ_FIELD_KEYS environment variable")
    else:
        places.append(f"field keys: {Path(settings.VAR_DIR) / 'huquq_field_keys'}")
    if os.environ.get("SECRET_KEY", "").strip():
        places.append("SECRET_KEY: the SECRET_KEY environment variable")
    else:
        places.append(f"SECRET_KEY: {Path(settings.VAR_DIR) / 'secret_key'}")
    return places


def row_counts() -> dict[str, int]:
    """Rows per model table of Huquq's own apps and accounts (compared after a restore)."""
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in ("accounts", "rules", "registry", "cases", "reports", "channels") \
                and model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._base_manager.count()
    return dict(sorted(counts.items()))


def database_is_empty() -> bool:
    """No organisation, user or audit entry yet (a fresh `huquq migrate`, or no tables at all)."""
    from django.db.utils import DatabaseError

    from huquq.accounts.models import AuditEntry, Organisation, User

    try:
        return not (Organisation.objects.exists() or User.objects.exists() or AuditEntry.objects.exists())
    except DatabaseError:
        return True


# --- encryption ------------------------------------------------------------------------------------

def _derive(passphrase: str, salt: bytes) -> AESGCM:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return AESGCM(kdf.derive(passphrase.encode("utf-8")))


def _aad(index: int, last: bool) -> bytes:
    return index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(4)
    aead = _derive(passphrase, salt)
    size = source.stat().st_size
    with source.open("rb") as src, target.open("wb") as out:
        out.write(MAGIC + salt + prefix)
        index, done = 0, 0
        while True:
            chunk = src.read(CHUNK)
            done += len(chunk)
            last = done >= size
            sealed = aead.encrypt(prefix + index.to_bytes(8, "big"), chunk, _aad(index, last))
            out.write(len(sealed).to_bytes(4, "big") + sealed)
            index += 1
            if last:
                break


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    with source.open("rb") as src, target.open("wb") as out:
        if src.read(len(MAGIC)) != MAGIC:
            raise BackupError(f"{source} is not an encrypted Huquq backup")
        salt, prefix = src.read(16), src.read(4)
        aead = _derive(passphrase, salt)
        index = 0
        while True:
            header = src.read(4)
            if len(header) < 4:
                raise BackupError("the encrypted backup is truncated (its last part is missing)")
            sealed = src.read(int.from_bytes(header, "big"))
            nonce = prefix + index.to_bytes(8, "big")
            for last in (False, True):
                try:
                    chunk = aead.decrypt(nonce, sealed, _aad(index, last))
                    break
                except InvalidTag:
                    continue
            else:
                raise BackupError("wrong passphrase, or the backup file is damaged")
            out.write(chunk)
            index += 1
            if last:
                if src.read(1):
                    raise BackupError("the encrypted backup has data after its last part")
                return


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


# --- taking a backup --------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _dump_sqlite(target: Path, progress: Progress) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        def report(_status, remaining, total):
            if total:
                progress(f"database: {total - remaining}/{total} pages")

        connection.connection.backup(destination, pages=1024, progress=report)
    finally:
        destination.close()


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args, env = [], dict(os.environ)
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _dump_postgresql(target: Path) -> None:
    if not shutil.which("pg_dump"):
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    args, env = _pg_args(connection.settings_dict)
    result = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                             "--file", str(target), connection.settings_dict["NAME"]],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def _media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def create_backup(output: Path, *, passphrase: str | None = None, progress: Progress = _noop) -> dict:
    """Write the archive to `output` (encrypted when a passphrase is given) and return its manifest."""
    output = Path(output)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            db_name = "database.sqlite3"
            _dump_sqlite(tmp / db_name, progress)
        elif connection.vendor == "postgresql":
            db_name = "database.pgdump"
            progress("database: pg_dump …")
            _dump_postgresql(tmp / db_name)
        else:
            raise BackupError(f"backups of {connection.vendor} databases are not supported")
        files = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": db_name, "sha256": _sha256(tmp / db_name)},
            "counts": row_counts(),
            "media": {str(p.relative_to(media_root)): _sha256(p) for p in files},
            "keys": "not included: keep the field keys and SECRET_KEY separately",
        }
        plain = tmp / "backup.tar"
        with tarfile.open(plain, "w") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(tmp / db_name, arcname=db_name)
            for number, path in enumerate(files, 1):
                archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
                if number % 100 == 0 or number == len(files):
                    progress(f"evidence files: {number}/{len(files)}")
        if passphrase:
            progress("encrypting …")
            encrypt_file(plain, tmp / "backup.enc", passphrase)
            plain = tmp / "backup.enc"
        os.replace(plain, output)
        output.chmod(0o600)
    return manifest


# --- restoring ---------------------------------------------------------------------------------------

def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"the archive holds an unsafe entry: {member.name}")
    return members


def read_manifest(archive_path: Path, workdir: Path, passphrase: str | None) -> tuple[Path, dict]:
    """Decrypt (when needed) and unpack the archive into workdir; check checksums; return (dir, manifest)."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"no backup at {archive_path}")
    if is_encrypted(archive_path):
        if not passphrase:
            raise BackupError("this backup is encrypted: give its passphrase (--passphrase-file or --passphrase-env)")
        decrypt_file(archive_path, workdir / "backup.tar", passphrase)
        archive_path = workdir / "backup.tar"
    unpacked = workdir / "unpacked"
    try:
        with tarfile.open(archive_path) as archive:
            archive.extractall(unpacked, members=_safe_members(archive), filter="data")
    except tarfile.TarError as exc:
        raise BackupError(f"{archive_path} is not a Huquq backup: {exc}") from exc
    try:
        manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError("the backup has no readable manifest.json") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')} is not supported by this version")
    database = manifest["database"]
    if _sha256(unpacked / database["file"]) != database["sha256"]:
        raise BackupError("the database copy in the backup does not match its checksum")
    for name, digest in manifest["media"].items():
        if _sha256(unpacked / "media" / name) != digest:
            raise BackupError(f"the evidence file {name} does not match its checksum")
    return unpacked, manifest


def _restore_sqlite(source: Path, progress: Progress) -> None:
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        def report(_status, remaining, total):
            if total:
                progress(f"database: {total - remaining}/{total} pages")

        origin.backup(connection.connection, pages=1024, progress=report)
    finally:
        origin.close()


def _restore_postgresql(source: Path) -> None:
    if not shutil.which("pg_restore"):
        raise BackupError("pg_restore is not installed (Debian: apt-get install postgresql-client)")
    args, env = _pg_args(connection.settings_dict)
    name = connection.settings_dict["NAME"]
    connection.close()
    result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                             "--single-transaction", "--exit-on-error", *args, "--dbname", name, str(source)],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def restore_backup(archive_path: Path, *, passphrase: str | None = None, force: bool = False,
                   progress: Progress = _noop) -> dict:
    """Replace the database and the evidence files by the archive's; refuse to overwrite data unless force."""
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if not database_is_empty():
            raise BackupError("the database already holds data: restoring would replace it (use --force)")
        if _media_files(media_root):
            raise BackupError(f"{media_root} already holds files: restoring would replace them (use --force)")
    with tempfile.TemporaryDirectory() as tmp:
        unpacked, manifest = read_manifest(Path(archive_path), Path(tmp), passphrase)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(f"this is a {vendor} backup; the configured database is {connection.vendor}")
        if vendor == "sqlite":
            _restore_sqlite(unpacked / manifest["database"]["file"], progress)
        else:
            progress("database: pg_restore …")
            _restore_postgresql(unpacked / manifest["database"]["file"])
        if (media_root / "evidence").is_dir():
            shutil.rmtree(media_root / "evidence")
        names = list(manifest["media"])
        for number, name in enumerate(names, 1):
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked / "media" / name, target)
            if number % 100 == 0 or number == len(names):
                progress(f"evidence files: {number}/{len(names)}")
    counts = row_counts()
    differing = sorted(label for label, count in manifest["counts"].items() if counts.get(label) != count)
    if differing:
        raise BackupError(f"restored row counts differ from the backup's: {', '.join(differing)}")
    return manifest
