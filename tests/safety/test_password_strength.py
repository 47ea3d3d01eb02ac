"""The strength check of a password that guards encrypted data: the common families are refused, passphrases pass."""
from __future__ import annotations

import pytest

from engine.errors import LamplightError
from engine.security import passwords
from engine.security.common_passwords import COMMON_PASSWORDS
from engine.security.passwords import check_password_strength, new_recovery_key, password_weakness


@pytest.mark.parametrize("typed", [
    "password12", "Password2024!", "P@ssw0rd12", "Passw0rd!!", "qwerty12345", "iloveyou2024", "sunshine2020!",
    "monkey123456", "letmein-2024", "woaini1314520", "dragon-monkey-1",
])
def test_common_passwords_with_digits_symbols_or_look_alikes_are_refused(typed):
    assert password_weakness(typed) in (passwords.COMMON_FAMILY_REASON, passwords.COMMON_REASON), typed


@pytest.mark.parametrize("typed", [
    "teacher2024", "lamplight123", "school2025", "Sch00l2025!", "L@mpl1ght99", "Lamp-Light-2024", "Classroom1",
    "Teacher!2024", "xuexiao2024",
])
def test_the_apps_and_the_schools_words_are_refused(typed):
    assert password_weakness(typed) == passwords.GUESSABLE_REASON, typed


def test_a_class_name_of_the_folder_is_refused_only_where_that_class_exists():
    assert password_weakness("Year4Blue2025") is None
    assert password_weakness("Year4Blue2025", ["Year 4 Blue"]) == passwords.GUESSABLE_REASON
    assert password_weakness("blue-otters-2025", ["Blue Otters"]) == passwords.GUESSABLE_REASON


@pytest.mark.parametrize("typed", [
    "owl-river-lantern-7", "xiongmao-hebian-denglong-7", "owl-42-lantern", "fox-99-meadow", "elk-77-harbour", "correct horse battery staple",
    "mango-tundra-43", "Tr0ub4dor&3x", "kettle-violin-9-oak",
])
def test_strong_passphrases_pass(typed):
    assert password_weakness(typed, ["Year 4 Blue", "Reception"]) is None, typed
    check_password_strength(typed)  # raises nothing


def test_the_refusal_says_why_and_why_it_matters():
    with pytest.raises(LamplightError, match=r"too weak .*\(it is built on a word anyone at the school would guess.*"
                                             r"copies the data folder"):
        check_password_strength("teacher2024")
    with pytest.raises(LamplightError, match="common password with digits or symbols added"):
        check_password_strength("Password2024!")


def test_the_list_is_a_few_hundred_plain_lower_case_entries():
    assert 300 <= len(COMMON_PASSWORDS) <= 2000
    assert all(entry == entry.lower() and entry.isalnum() for entry in COMMON_PASSWORDS)
    assert {"password", "qwerty", "iloveyou", "sunshine", "dragon", "woaini"} <= COMMON_PASSWORDS


def test_a_new_password_of_an_encrypted_folder_is_checked_with_its_class_names(tmp_path, fast_crypto):
    pytest.importorskip("sqlcipher3", reason="encryption needs the optional sqlcipher3 package")
    from engine.security import encryption, teacher
    from engine.store import Store

    try:
        with Store.open(tmp_path) as store:
            store.create_class("Kestrels")
            teacher.set_first_password(store, "owl-river-lantern-7")
        encryption.enable(tmp_path, "owl-river-lantern-7", new_recovery_key())
        with Store.open(tmp_path) as store:
            with pytest.raises(LamplightError, match="anyone at the school would guess"):
                teacher.change_password(store, "owl-river-lantern-7", "Kestrels-2025!")
            teacher.change_password(store, "owl-river-lantern-7", "kettle-violin-9-oak")
            assert teacher.verify_password(store, "kettle-violin-9-oak")
    finally:
        encryption._KEYS.clear()
        encryption._FILE_KEYS.clear()


@pytest.mark.parametrize("weak", ["我的密码是一二三四五六", "一二三四五六七八九零", "我爱你我爱你1234", "老师的密码123456789"])
def test_chinese_passwords_of_common_words_and_numbers_are_weak(weak):
    """Review 28b: 我的密码是一二三四五六 ("my password is 123456") passed; the lists were English only."""
    assert password_weakness(weak) is not None


def test_a_chinese_password_of_unrelated_words_is_strong_enough():
    assert password_weakness("猫头鹰河流灯笼七号很好") is None
