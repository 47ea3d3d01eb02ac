"""An import's scratch file (engine.store.answer_staging) is private, encrypted when the store is, and deleted
after the import (issue 14, items 9 and 10)."""
from __future__ import annotations

import os
import stat
import sys

import pytest

from engine.paths import STORE_FILE
from engine.security.passwords import new_recovery_key
from engine.store import Store
from engine.store import answer_staging
from engine.store.answer_staging import scratch_files
from engine.store.importers import import_responses

ANSWER = "ZEBRA-CROSSING-4417"


@pytest.fixture(autouse=True)
def small_page_cache(monkeypatch):
    """A page cache of a few pages, so the scratch tables are written to their file during the import."""
    monkeypatch.setattr(answer_staging, "CACHE_KIB", 32)


def _import_and_look_at_the_scratch_file(folder, log) -> bytes:
    """Import ``log`` (out of order: it goes through the scratch file) and return the scratch file's bytes
    as they are while the answers are being stored."""
    seen: list[bytes] = []
    def progress(fraction: float, text: str) -> None:
        if "storing" in text and not seen:
            [scratch] = scratch_files(folder / STORE_FILE)
            if sys.platform != "win32":
                assert stat.S_IMODE(os.stat(scratch).st_mode) == 0o600
            seen.append(scratch.read_bytes())

    with Store.open(folder) as store:
        report = import_responses(store, log, class_name="4B", progress=progress)
        assert report.responses == 3000
        assert store.db.execute("SELECT count(*) FROM responses WHERE answer = ?", [ANSWER]).fetchone()[0] == 3000
    assert seen and scratch_files(folder / STORE_FILE) == []
    return seen[0]


def _log(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("student_id,item_id,skill_ids,correct,position,answer\n"
                   + "".join(f"s{i % 3},q{i % 7},a,1,{3000 - i},{ANSWER}\n" for i in range(3000)), encoding="utf-8")
    return log


def test_the_scratch_file_of_a_plain_store_holds_the_answers_until_deleted(tmp_path):
    """Control: the check below would see plaintext answers."""
    content = _import_and_look_at_the_scratch_file(tmp_path / "data", _log(tmp_path))
    assert len(content) > 64 * 1024 and ANSWER.encode() in content


def test_the_scratch_file_of_an_encrypted_store_is_encrypted(tmp_path, fast_crypto):
    pytest.importorskip("sqlcipher3")
    from engine.security import encryption
    from engine.security.passwords import Credentials

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        Credentials(store.get_setting, store.set_setting).setup("owl-river-lantern-7")
    try:
        encryption.enable(folder, "owl-river-lantern-7", new_recovery_key())
        content = _import_and_look_at_the_scratch_file(folder, _log(tmp_path))
        assert len(content) > 64 * 1024 and ANSWER.encode() not in content
    finally:
        encryption._KEYS.clear()
