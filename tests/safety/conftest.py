"""Fixtures for the safety tests: a cheap Argon2 hasher so tests stay fast."""
from __future__ import annotations

import argon2
import pytest


@pytest.fixture
def cheap_hasher() -> argon2.PasswordHasher:
    """Argon2id with tiny costs: same code paths, milliseconds instead of a quarter second."""
    return argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def settings_dict() -> dict[str, str]:
    return {}


@pytest.fixture
def fast_crypto(monkeypatch: pytest.MonkeyPatch, cheap_hasher: argon2.PasswordHasher) -> None:
    """Cheap Argon2 costs for password hashes and key wrapping (the real costs are tested once)."""
    from engine.security import encryption, passwords

    monkeypatch.setattr(passwords, "DEFAULT_HASHER", cheap_hasher)
    monkeypatch.setattr(encryption, "KDF", {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1})
