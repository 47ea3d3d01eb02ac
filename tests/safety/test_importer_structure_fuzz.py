"""The importer fuzzers of engine.bench.importer_fuzz at a small size (the stress harness runs them large).

Each generated input imports or is refused with a LamplightError, a refusal
changes nothing, and every injected structural fault (unclosed quote, stray
cell, missing cell, NUL byte; for packs a cut-off file, template bomb, deep
nesting, long number, lone surrogate) is refused, naming its line where the
file has one, and every valid file is imported.
"""
from __future__ import annotations

import os

import pytest

from engine.bench.importer_fuzz import FUZZERS

EXAMPLES = int(os.environ.get("LAMPLIGHT_FUZZ_EXAMPLES", "120"))


@pytest.mark.parametrize("name", sorted(FUZZERS))
def test_importer_fuzz_finds_no_crash_change_or_silent_acceptance(name):
    result = FUZZERS[name](EXAMPLES, 14)
    assert result.tried == EXAMPLES
    assert result.faults_injected > EXAMPLES // 10 and result.imported > 0 and result.refused > 0  # it reaches both ways
    assert result.valid > EXAMPLES // 10  # valid files, which must be imported
    assert result.crashes == []
    assert result.lost == []  # no refusal changed the store, no import removed stored rows
    assert result.silent_acceptances == []
    assert result.refused_valid == []
