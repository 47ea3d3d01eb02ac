"""Secure aggregation over USB: the district learns only sums over all schools (pairwise masks, Bonawitz et al. 2017).

Each school's laptop makes an X25519 key pair once; its public key travels to
the district in a *key file*, the private key never leaves the laptop. The
district hands every school a *roster*: every member's public key, the
district model the round starts from, a fresh random session and which
exercises and skills may be summed this round. A school turns its sums into
fixed-point integers modulo 2^64 (:data:`FRACTION_BITS` fractional bits) and
adds, for every other member, a mask drawn from the Diffie-Hellman secret it
shares with that member: ``+mask`` towards members after it on the roster,
``-mask`` towards those before. Every mask appears once with each sign, so
the district's sum of all files is exactly the sum of the schools' values,
while one file alone is indistinguishable from random numbers.

Masks are derived per roster (its random session is part of the seed), so a
new round, or a new roster after a school drops out, never reuses a mask. A
school that drops out after the roster was made leaves masks that do not
cancel: the district makes a new roster without it and the others export
again (the aggregator refuses incomplete or mixed sets of files).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from engine.district.fileformat import canonical
from engine.errors import LamplightError
from engine.files import write_text

FRACTION_BITS = 32  # fixed point: a value v travels as round(v * 2^32) mod 2^64
LIMIT = 2.0 ** (63 - FRACTION_BITS)  # |a school's value| and |the district's sum| must stay below 2^31
MASK_DOMAIN = b"lamplight-district-mask-v1"
ALGORITHM = "X25519"
MIN_MEMBERS = 3  # with two schools, each could subtract its own sums from the district's and see the other's


@dataclass
class SchoolKey:
    """A laptop's key pair for secure aggregation; only the public half is ever written to a shared file."""

    school: str
    private: X25519PrivateKey

    @property
    def public_hex(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return raw.hex()

    def public_payload(self) -> dict[str, Any]:
        """What the key file holds: the school's label and its public key."""
        return {"school": self.school, "algorithm": ALGORITHM, "public_key": self.public_hex}


def new_key(school: str) -> SchoolKey:
    """A fresh key pair for ``school`` (a label the district recognises, e.g. "Hillside Primary")."""
    label = school.strip()
    if not label:
        raise LamplightError("Give the school a name for the district's roster (e.g. --school \"Hillside Primary\").")
    return SchoolKey(label, X25519PrivateKey.generate())


def save_private_key(key: SchoolKey, path: str | os.PathLike[str]) -> Path:
    """Keep the private key on the laptop, readable by its owner only."""
    raw = key.private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    text = json.dumps({"format": "lamplight-district-private-key", "school": key.school, "algorithm": ALGORITHM,
                       "private_key": raw.hex()})
    # whole or not at all (review 33c: written in place, a full disk left an empty key that never loaded again)
    return write_text(path, text, "ascii", "saving the school's key", make_folder=True, ours=True, private=True)


def load_private_key(path: str | os.PathLike[str]) -> SchoolKey:
    """The laptop's key pair kept by :func:`save_private_key`."""
    try:
        content = json.loads(Path(path).read_text(encoding="ascii"))
        if content.get("format") != "lamplight-district-private-key" or content.get("algorithm") != ALGORITHM:
            raise ValueError("not a private key file")
        return SchoolKey(str(content["school"]), X25519PrivateKey.from_private_bytes(bytes.fromhex(content["private_key"])))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LamplightError(f"Cannot read this laptop's district key {path} ({exc}). Make a new one with "
                             "`district keys` and send its key file to the district.") from None


@dataclass(frozen=True)
class Release:
    """Which exercises and skills may be summed: those at least ``min_students`` students answered across the members."""

    exercises: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    min_students: int = 10
    members: str = ""  # fingerprint of the member set whose counts decided it
    loadings: bool = False  # the district has enough answers per exercise to fit exercise loadings

    def payload(self) -> dict[str, Any]:
        return {"exercises": list(self.exercises), "skills": list(self.skills), "min_students": self.min_students,
                "members": self.members, "loadings": self.loadings}

    @classmethod
    def from_payload(cls, value: Mapping[str, Any] | None) -> "Release | None":
        if value is None:
            return None
        try:
            return cls(tuple(str(k) for k in value["exercises"]), tuple(str(s) for s in value["skills"]),
                       int(value["min_students"]), str(value["members"]), bool(value.get("loadings", False)))
        except (KeyError, TypeError, ValueError) as exc:
            raise LamplightError(f"the release list is malformed ({exc})") from None


@dataclass(frozen=True)
class Roster:
    """One round's members (label, public key), the model it starts from, and what may be summed."""

    members: tuple[tuple[str, str], ...]
    pack: Mapping[str, Any]
    base: Mapping[str, Any]
    min_students: int
    session: str
    release: Release | None = None

    def content(self) -> dict[str, Any]:
        return {"members": [{"school": s, "public_key": k} for s, k in self.members], "pack": dict(self.pack),
                "base": dict(self.base), "min_students": self.min_students, "session": self.session,
                "release": None if self.release is None else self.release.payload(), "algorithm": ALGORITHM,
                "fixed_point": {"fraction_bits": FRACTION_BITS, "modulus": "2^64"}}

    @property
    def id(self) -> str:
        return hashlib.sha256(canonical(self.content())).hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """The member set (their public keys), whatever the round."""
        return members_fingerprint(k for _, k in self.members)

    def payload(self) -> dict[str, Any]:
        return {**self.content(), "id": self.id}

    def index_of(self, public_hex: str) -> int:
        for n, (_, key) in enumerate(self.members):
            if key == public_hex:
                return n
        raise LamplightError("This laptop's district key is not on the roster: send its key file (`district keys`) to the "
                             "district and use the roster made with it.")

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], where: str = "roster") -> "Roster":
        try:
            members = tuple((str(m["school"]), str(m["public_key"])) for m in payload["members"])
            roster = cls(members, dict(payload["pack"]), dict(payload["base"]), int(payload["min_students"]),
                         str(payload["session"]), Release.from_payload(payload.get("release")))
        except (KeyError, TypeError, ValueError) as exc:
            raise LamplightError(f"{where} is malformed ({exc}).") from None
        if payload.get("id") != roster.id or payload.get("algorithm") != ALGORITHM:
            raise LamplightError(f"{where}: its content does not match its id; it is refused.")
        _check_members(members, where)
        return roster


def members_fingerprint(public_keys: Any) -> str:
    return hashlib.sha256(",".join(sorted(public_keys)).encode("ascii")).hexdigest()[:16]


def _check_members(members: Sequence[tuple[str, str]], where: str) -> None:
    labels = [s for s, _ in members]
    keys = [k for _, k in members]
    if len(set(labels)) != len(labels) or len(set(keys)) != len(keys):
        raise LamplightError(f"{where}: two members share a school name or a key; every school needs its own.")
    if len(members) < MIN_MEMBERS:
        raise LamplightError(f"{where}: secure aggregation needs at least {MIN_MEMBERS} schools (with fewer, a school could "
                             "work out another's sums from the district model).")
    for key in keys:
        _public(key, where)


def _public(public_hex: str, where: str) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    except (ValueError, TypeError):
        raise LamplightError(f"{where}: {public_hex[:16]!r}... is not an {ALGORITHM} public key.") from None


def check_key_payload(payload: Mapping[str, Any], where: str) -> tuple[str, str]:
    """(school, public key) of a key file's payload."""
    school, key = payload.get("school"), payload.get("public_key")
    if payload.get("algorithm") != ALGORITHM or not isinstance(school, str) or not school or not isinstance(key, str):
        raise LamplightError(f"{where} is not a school's {ALGORITHM} key file.")
    _public(key, where)
    return school, key


def make_roster(keys: Sequence[tuple[str, str]], pack: Mapping[str, Any], base: Mapping[str, Any], min_students: int = 10,
                release: Release | None = None, session: str | None = None) -> Roster:
    """A roster for these (school, public key) members; ``release`` is kept only if it was counted on the same members."""
    members = tuple(sorted(keys))
    _check_members(members, "the roster")
    fingerprint = members_fingerprint(k for _, k in members)
    if release is not None and (release.members != fingerprint or release.min_students != min_students):
        release = None  # counted on other schools: this round counts again
    return Roster(members, dict(pack), dict(base), int(min_students), session or secrets.token_hex(16), release)


def to_fixed(values: np.ndarray, where: str = "an update") -> np.ndarray:
    """Values as fixed-point integers modulo 2^64 (two's complement)."""
    values = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(values)) or np.any(np.abs(values) >= LIMIT):
        raise LamplightError(f"{where}: a value is too large for the fixed-point encoding (|v| < 2^{63 - FRACTION_BITS}).")
    return np.round(values * 2.0 ** FRACTION_BITS).astype(np.int64).view(np.uint64)


def from_fixed(values: np.ndarray) -> np.ndarray:
    """Fixed-point integers modulo 2^64 back to floats."""
    return np.asarray(values, dtype=np.uint64).view(np.int64).astype(np.float64) / 2.0 ** FRACTION_BITS


def pair_mask(own: SchoolKey, peer_public: str, roster: Roster, own_label: str, peer_label: str, length: int) -> np.ndarray:
    """The mask ``own`` shares with one peer for this roster: SHAKE-256 of an HMAC of their X25519 secret."""
    try:
        secret = own.private.exchange(_public(peer_public, "the roster"))
    except ValueError:
        raise LamplightError(f"the roster's key for {peer_label!r} is not usable (a degenerate key); it is refused.") from None
    pair = "\n".join(sorted((own_label, peer_label)))
    seed = hmac.new(secret, MASK_DOMAIN + roster.id.encode("ascii") + roster.session.encode("ascii") + pair.encode("utf-8"),
                    hashlib.sha256).digest()
    return np.frombuffer(hashlib.shake_256(seed).digest(8 * length), dtype="<u8").astype(np.uint64)


def mask(values: np.ndarray, own: SchoolKey, roster: Roster) -> np.ndarray:
    """``values`` (fixed point) plus this school's pairwise masks for the roster, modulo 2^64."""
    me = roster.index_of(own.public_hex)
    own_label = roster.members[me][0]
    out = np.asarray(values, dtype=np.uint64).copy()
    with np.errstate(over="ignore"):
        for n, (label, key) in enumerate(roster.members):
            if n == me:
                continue
            shared = pair_mask(own, key, roster, own_label, label, len(out))
            out = out + shared if n > me else out - shared  # uint64 arithmetic wraps: modulo 2^64
    return out


def unmask_sum(vectors: Sequence[np.ndarray]) -> np.ndarray:
    """The sum of every member's masked vector modulo 2^64: the masks cancel, the values' sum remains."""
    total = np.zeros(len(vectors[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for vector in vectors:
            total = total + np.asarray(vector, dtype=np.uint64)
    return total
