"""The district key file a data folder remembers: chosen once (in the app or here), used to sign updates and check models.

Only the key file's place is stored (the store's settings); the key never enters an update file, a district model
or the store. A signed file without the key, a wrong key and a key file that is gone are refused with a message,
and nothing is adopted.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from engine.cli import main
from engine.district.fileformat import KeyMismatch, KeyNeeded, read_file, read_key
from engine.district.laptop import (KEY_FILE_SETTING, KeyFileUnreadable, district_folder, export_class_update,
                                    import_district_model, key_file_in_use, laptop_key, stop_using_key_file, use_key_file)
from engine.district.pack import load_shared_pack
from engine.district.update import UpdateSettings
from engine.errors import LamplightError
from tests.district.schools import a_district_that_knows_the_exercises

DISTRICT_KEY = "hillside-district-2026-key-7Qx93mLw"


def key_file(folder: Path, text: str = DISTRICT_KEY, name: str = "district.key") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_the_data_folder_remembers_where_the_key_file_is_and_signs_with_it(known_class, tmp_path: Path) -> None:
    store = known_class.store
    assert key_file_in_use(store) is None and laptop_key(store) is None
    path = key_file(tmp_path / "stick")
    key = use_key_file(store, path)
    assert key == hashlib.sha256(DISTRICT_KEY.encode()).digest()
    assert key_file_in_use(store) == str(path.resolve()) and laptop_key(store) == key
    assert store.get_setting(KEY_FILE_SETTING) == str(path.resolve())  # the place, not the key
    assert DISTRICT_KEY not in repr(store.all_settings())

    out = tmp_path / "school.json"
    export_class_update(store, known_class.class_id, out, load_shared_pack(), UpdateSettings(meta_steps=0), key=laptop_key(store))
    data = out.read_bytes()
    for secret in (DISTRICT_KEY.encode(), key, key.hex().encode(), str(path).encode(), b"district.key"):
        assert secret not in data
    assert read_file(out, "school-update", key)["counts"]["students"] == 14
    with pytest.raises(KeyNeeded, match="is signed with a district key"):
        read_file(out, "school-update")

    fingerprint = store.get_setting("district_key_fingerprint")
    assert fingerprint and fingerprint not in (key.hex(), DISTRICT_KEY) and key.hex() not in repr(store.all_settings())
    path.write_text("a-key-someone-put-in-its-place-42\n", encoding="utf-8")  # review 51f: a swapped key, used unsaid
    with pytest.raises(KeyFileUnreadable, match="holds another key than the one chosen"):
        laptop_key(store)
    assert use_key_file(store, path) == laptop_key(store), "chosen again: used"

    stop_using_key_file(store)
    assert key_file_in_use(store) is None and KEY_FILE_SETTING not in store.all_settings()
    assert "district_key_fingerprint" not in store.all_settings()


def test_a_signed_model_is_refused_without_the_key_and_with_another_key_and_adopted_with_the_right_one(tmp_path):
    key = read_key(key_file(tmp_path))
    store, class_id, model = a_district_that_knows_the_exercises(tmp_path / "schools", key)
    pack = load_shared_pack()
    assert use_key_file(store, key_file(tmp_path)) == key
    other = use_key_file(store, key_file(tmp_path, "another-district", "other.key"))
    for given, refusal in ((None, KeyNeeded), (other, KeyMismatch)):
        with pytest.raises(refusal):
            import_district_model(store, class_id, model, pack, given)
        assert store.active_model_snapshot(class_id) is None
        assert not (district_folder(store) / "district-model.json").exists()
    report = import_district_model(store, class_id, model, pack, key)
    assert report.adopted
    kept = (district_folder(store) / "district-model.json").read_bytes()
    assert DISTRICT_KEY.encode() not in kept and key.hex().encode() not in kept
    store.close()


def test_a_key_file_that_is_gone_empty_or_a_district_file_is_refused_with_a_message(known_class, tmp_path: Path) -> None:
    store = known_class.store
    path = key_file(tmp_path / "stick")
    use_key_file(store, path)
    path.unlink()  # the stick was taken out
    with pytest.raises(LamplightError, match=r"district key file .*district.key is not there .*choose the district key "
                                             "file again"):
        laptop_key(store)
    empty = key_file(tmp_path, "", "empty.key")
    with pytest.raises(LamplightError, match="is empty"):
        use_key_file(store, empty)
    update = tmp_path / "school.json"
    export_class_update(store, known_class.class_id, update, load_shared_pack(), UpdateSettings(meta_steps=0))
    with pytest.raises(LamplightError, match="is a district file, not the district's key file"):
        use_key_file(store, update)
    assert key_file_in_use(store) == str(path.resolve())  # a refused choice leaves the one before


def test_the_command_line_signs_and_checks_with_the_key_file_the_data_folder_remembers(known_class, tmp_path, capsys):
    use_key_file(known_class.store, key_file(tmp_path))
    key = laptop_key(known_class.store)
    known_class.store.close()
    update, model = tmp_path / "school.json", tmp_path / "district.json"
    assert main(["district", "export", "--class", "Kestrel Room 7", "--out", str(update), "--meta-steps", "0"]) == 0
    assert "signed with the district key" in capsys.readouterr().out
    assert read_file(update, "school-update", key)
    assert main(["district", "aggregate", str(update), "--out", str(model), "--key-file", str(tmp_path / "district.key")]) == 0
    capsys.readouterr()
    code = main(["district", "import", str(model), "--class", "Kestrel Room 7"])  # checked with the remembered key
    summary = capsys.readouterr().out
    assert "district model" in summary and code == (0 if summary.startswith("The district model is now used") else 3)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_key_file_that_is_a_device_is_refused_at_once(known_class) -> None:
    """Review 30b: a restored backup named /dev/zero as the key file; reading it "to its end" filled the memory."""
    known_class.store.set_setting(KEY_FILE_SETTING, "/dev/zero")
    with pytest.raises(LamplightError, match="is not a file"):
        laptop_key(known_class.store)


def test_a_key_file_too_big_is_refused_without_reading_it_whole(known_class, tmp_path: Path) -> None:
    from engine.district.fileformat import MAX_KEY_BYTES

    big = tmp_path / "big.key"
    big.write_bytes(b"k" * (MAX_KEY_BYTES + 1))
    known_class.store.set_setting(KEY_FILE_SETTING, str(big))
    with pytest.raises(LamplightError, match="too big"):
        laptop_key(known_class.store)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_district_file_that_is_a_device_or_too_big_is_refused_at_once(tmp_path) -> None:
    """Review 31b: district files were read whole: /dev/zero filled the memory, and 256 MB of floats needed 3.4 GB."""
    from engine.district import fileformat

    with pytest.raises(LamplightError, match="is not a file"):
        fileformat.read_file("/dev/zero", "district-model")
    big = tmp_path / "model.json"
    with open(big, "wb") as handle:
        handle.truncate(fileformat.MAX_BYTES + 1)
    with pytest.raises(LamplightError, match="too big to be"):
        fileformat.read_file(big, "district-model")
