"""A key file's Argon2 costs are bounded before they are used (it may come with a forged backup)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("forged", [{"memory_cost": 2**32 - 1}, {"time_cost": 2**31}, {"parallelism": 0}, {"time_cost": "3"},
                                    {"memory_cost": 8.5}, {"parallelism": True},
                                    {"memory_cost": 8, "parallelism": 16}])
def test_a_key_file_asking_for_absurd_argon2_costs_is_called_damaged_at_once(forged):
    """Review 31b: a forged backup's key file asked Argon2 for 4 TiB (the "something went wrong" box), no lanes, or
    2^31 passes ("Checking the backup…" for ever, no Cancel)."""
    import time

    from engine.errors import LamplightError
    from engine.security import encryption

    cheap = {"name": "argon2id", "time_cost": 1, "memory_cost": 8, "parallelism": 1}
    wrapped = encryption.wrap_key(b"k" * 32, "pw", cheap)
    assert encryption.unwrap_key(wrapped, "pw") == b"k" * 32
    start = time.perf_counter()
    with pytest.raises(LamplightError, match="key file is damaged"):
        encryption.unwrap_key({**wrapped, "kdf": {**cheap, **forged}}, "pw")
    assert time.perf_counter() - start < 1
