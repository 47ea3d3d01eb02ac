"""The district file format: one JSON object, checksummed and optionally signed with a district key.

Never pickle: a file is plain JSON text, so reading one cannot run code. The
envelope is ``{"format", "format_version", "kind", "payload", "sha256",
"hmac"}``; ``sha256`` is taken over the canonical JSON (sorted keys, no
spaces, ASCII) of the other four fields, and ``hmac`` (HMAC-SHA256 with a key
the district hands out, or null) over the same bytes. A file that is not
ours, of another format version or kind, changed after it was written, or not
signed with the expected key is refused with a :class:`LamplightError` that
says which and names the file. See ``docs/district-format.md``.

Version 2 added the secure-aggregation kinds (a school's key file, the
district's roster, a school's masked update); version-1 files of the two
original kinds are still read, as their payloads did not change.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import stat
from pathlib import Path
from typing import Any, Mapping

from engine import files
from engine.errors import LamplightError
from engine.store.jsonfiles import finite_float, refuse_constant

FORMAT = "lamplight-district"
FORMAT_VERSION = 2
KINDS = {"school-update": "a school's update file", "district-model": "a district model",
         "school-key": "a school's key file", "roster": "a district roster",
         "masked-update": "a school's masked update file"}
_WHICH_FILE = {("school-update", "district-model"): " The district combines the schools' update files into a district model: "
                                                     "use the district model file here."}
"""(kind found, kind wanted) -> a hint for a file picked by mistake."""
READABLE = {1: {"school-update", "district-model"}, 2: set(KINDS)}  # format version -> kinds it can hold
MAX_BYTES = 32 * 1024 * 1024
"""A district file holds sums per exercise and skill (a few hundred KB for a pack of thousands of exercises); reading
one costs about 13 times its size in memory, so a 256 MB cap let a file fill a school laptop (review 31b)."""
KEY_ENV = "LAMPLIGHT_DISTRICT_KEY"


def canonical(value: Any) -> bytes:
    """The bytes that are hashed and signed: sorted keys, no spaces, ASCII, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")


class KeyNeeded(LamplightError):
    """A district file is signed with a district key and none was given: the reader needs the key file to check it."""


class KeyMismatch(LamplightError):
    """A district file does not carry the signature of the key given (another district's key, or unsigned)."""


MAX_KEY_BYTES = 64 * 1024
"""A district key file is one line of text; anything bigger was picked by mistake."""


KEY_FILE_SETTING = "district_key_file"
"""The store setting that remembers where this data folder's district key file is (its path, never the key)."""
NOISE_SECRET_SETTING = "district/noise-secret"
"""The store setting holding this laptop's secret for privacy noise and class tokens (engine.district.laptop)."""
KEY_FINGERPRINT_SETTING = "district_key_fingerprint"
"""A hash of the hash of the district key chosen (never the key): a key file whose key was changed since is refused."""
LAPTOP_SETTINGS = (KEY_FILE_SETTING, KEY_FINGERPRINT_SETTING, NOISE_SECRET_SETTING)
"""Settings of this laptop rather than of its data: a restore keeps this laptop's (see ``Store.after_restore``)."""


def read_key(path: str | os.PathLike[str] | None) -> bytes | None:
    """The district key from a key file (or ``$LAMPLIGHT_DISTRICT_KEY``); None when neither is given.

    A Lamplight district file (an update or a model picked by mistake) is
    refused as a key: its text would "work" as a key and sign everything
    with the wrong one.
    """
    if path is None:
        text = os.environ.get(KEY_ENV)
        return None if not text else hashlib.sha256(text.strip().encode("utf-8")).digest()
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):  # /dev/zero "holds" 0 bytes and never ends (review 30b)
            raise LamplightError(f"{path} is not a file, so it is not a district key file.")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_BYTES + 1)
        if len(raw) > MAX_KEY_BYTES:
            raise LamplightError(f"{path} is too big to be a district key file (a key file holds one line of text).")
        text = raw.decode("utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is not a text file"
        raise LamplightError(f"Cannot read the district key file {path} ({reason}).") from exc
    if not text:
        raise LamplightError(f"The district key file {path} is empty.")
    if text.startswith("{") and f'"{FORMAT}"' in text[:4096]:
        raise LamplightError(f"{path} is a district file, not the district's key file. The key file is the small text "
                             "file the district handed out with its key.")
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines > 1:  # review 26: a class list was taken as the key, and everything signed with it
        raise LamplightError(f"{path} has {lines} lines, so it is not a district key file (a key file holds one line of "
                             "text). Choose the file the district handed out with its key.")
    return hashlib.sha256(text.encode("utf-8")).digest()


def _signature(body: bytes, key: bytes | None) -> str | None:
    return None if key is None else hmac.new(key, body, hashlib.sha256).hexdigest()


def encode(kind: str, payload: Mapping[str, Any], key: bytes | None = None) -> bytes:
    """The whole file's bytes for a payload."""
    body = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": kind, "payload": dict(payload)}
    digest = hashlib.sha256(canonical(body)).hexdigest()
    envelope = {**body, "sha256": digest, "hmac": _signature(canonical(body), key)}
    return json.dumps(envelope, sort_keys=True, indent=None, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii") + b"\n"


def write_file(path: str | os.PathLike[str], kind: str, payload: Mapping[str, Any], key: bytes | None = None,
               ours: bool = False) -> Path:
    """Write a district file whole or not at all (:func:`engine.files.write_file`: a half-written file never replaces
    a good one). A file the teacher names never goes over the data folder's own files; ``ours``: the laptop's own
    district files, which live there."""
    return files.write_file(path, encode(kind, payload, key), "saving the district file", make_folder=True, ours=ours)


def decode(data: bytes, kind: str, key: bytes | None = None, where: str = "file") -> dict[str, Any]:
    """The checked payload of a district file's bytes (see the module doc for what is refused)."""
    try:
        return _decode(data, kind, key, where)
    except RecursionError:  # review 29b: 100,000 nested brackets showed the app's bug message
        raise LamplightError(f"{where}: not accepted: its lists and objects are nested too deeply.") from None


def _decode(data: bytes, kind: str, key: bytes | None, where: str) -> dict[str, Any]:
    wanted = KINDS[kind]
    try:
        envelope = json.loads(data.decode("utf-8"), parse_constant=refuse_constant, parse_float=finite_float)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise LamplightError(f"{where} is not {wanted} from Lamplight (the file is empty or is not a JSON file).") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise LamplightError(f"{where} is not {wanted} from Lamplight (it is a JSON file, but not one Lamplight wrote for a district).")
    version = envelope.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > max(READABLE):
        raise LamplightError(f"{where} was made by a newer Lamplight (district format version {version}; this Lamplight "
                             f"reads versions up to {max(READABLE)}). Update Lamplight on this laptop, then use the file again.")
    if not isinstance(version, int) or isinstance(version, bool) or version not in READABLE:
        raise LamplightError(f"{where} was made by another version of Lamplight (district format version {version!r}; this "
                             f"Lamplight reads versions {', '.join(str(v) for v in READABLE)}). Use the same Lamplight version at "
                             "the school and the district.")
    if isinstance(envelope.get("kind"), str) and envelope["kind"] in KINDS and envelope["kind"] not in READABLE[version]:
        raise LamplightError(f"{where} says it is {KINDS[envelope['kind']]} of district format version {version}, but that "
                             "version had no such files; it is refused.")
    if envelope.get("kind") != kind:
        found = KINDS.get(str(envelope.get("kind")), repr(envelope.get("kind")))
        raise LamplightError(f"Wrong file: {where} is {found}, not {wanted}." + _WHICH_FILE.get((str(envelope.get("kind")), kind), ""))
    body = {name: envelope.get(name) for name in ("format", "format_version", "kind", "payload")}
    if not isinstance(body["payload"], dict):
        raise LamplightError(f"{where} is incomplete: it has no content.")
    signed = canonical(body)
    if not isinstance(envelope.get("sha256"), str) or not hmac.compare_digest(envelope["sha256"], hashlib.sha256(signed).hexdigest()):
        raise LamplightError(f"{where} was changed after it was written (its checksum does not match); it is refused. "
                             "Copy it again from the computer that wrote it.")
    signature = envelope.get("hmac")
    if key is not None:
        if not isinstance(signature, str):
            raise KeyMismatch(f"{where} is not signed with the district key; it is refused.")
        if not hmac.compare_digest(signature, _signature(signed, key) or ""):
            raise KeyMismatch(f"{where} was signed with another district key (or changed); it is refused.")
    elif signature is not None:
        raise KeyNeeded(f"{where} is signed with a district key, so it can only be used with that key: give the key "
                        "file (--key-file) to check it.")
    return body["payload"]


def read_file(path: str | os.PathLike[str], kind: str, key: bytes | None = None) -> dict[str, Any]:
    """Read and check a district file (see :func:`decode`)."""
    source = Path(path)
    try:
        if not stat.S_ISREG(source.stat().st_mode):  # /dev/zero or a pipe never ends (review 31b)
            raise LamplightError(f"{source} is not a file, so it is not {KINDS[kind]}.")
        with open(source, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise LamplightError(f"{source} is over {MAX_BYTES // 1024 // 1024} MB, too big to be {KINDS[kind]}.")
    except OSError as exc:
        raise LamplightError(f"{source}: cannot read the file ({exc.strerror or exc}).") from exc
    return decode(data, kind, key, str(source))


def rounded(value: float, digits: int = 6) -> float:
    """A float cut to ``digits`` significant digits (files stay small; JSON has no NaN)."""
    value = float(value)
    if not math.isfinite(value):
        raise LamplightError("a district file cannot hold NaN or infinite values")
    return float(f"{value:.{digits}g}")
