"""No export is written over the files a data folder keeps for itself, whether or not this process opened it."""
from __future__ import annotations

import sqlite3

import pytest

from engine.errors import LamplightError
from engine.paths import is_own_file, refuse_own_file


@pytest.fixture
def folder(tmp_path):
    """A data folder this process never opened (review 32c: `district roster --out DATA/lamplight.sqlite3` opens no
    store and wrote over it)."""
    sqlite3.connect(tmp_path / "lamplight.sqlite3").close()
    return tmp_path


@pytest.mark.parametrize("name", ["lamplight.sqlite3", "lamplight.sqlite3-wal", "Lamplight.SQLite3", "lamplight.keys.json",
                                  "backups/x.csv", "Backups/x.csv", "district/secure-key.json", "models/a.json", "desktop.ini", "."])
def test_the_folder_s_own_files_are_refused(folder, name):
    assert is_own_file(folder / name)
    with pytest.raises(LamplightError, match="is part of Lamplight's own data"):
        refuse_own_file(folder / name)


@pytest.mark.parametrize("name", ["roster.csv", "lamplight.csv", "lamplight report.pdf", "exports/backups.csv"])
def test_the_teacher_s_own_names_in_the_folder_are_hers(folder, name):
    assert not is_own_file(folder / name)


def test_a_folder_without_a_store_or_key_file_is_anybody_s(tmp_path):
    assert not is_own_file(tmp_path / "lamplight.sqlite3")
    assert not is_own_file(tmp_path / "backups" / "x.csv")


def test_a_district_file_the_teacher_names_is_refused_over_the_data_but_the_laptop_s_own_are_written(folder):
    """Review 32c: `district roster --out DATA/lamplight.sqlite3` (no store opened) wrote a roster over the data."""
    from engine.district.fileformat import write_file

    before = (folder / "lamplight.sqlite3").read_bytes()
    with pytest.raises(LamplightError, match="is part of Lamplight's own data"):
        write_file(folder / "lamplight.sqlite3", "roster", {"schools": []})
    assert (folder / "lamplight.sqlite3").read_bytes() == before
    assert write_file(folder / "district" / "district-model.json", "roster", {"schools": []}, ours=True).is_file()
