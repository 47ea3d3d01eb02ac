"""The teacher password and its recovery key, kept only as Argon2 hashes.

Why Argon2id: a stolen laptop gives an attacker the data file and unlimited
offline guesses; Argon2id makes each guess cost real memory and time. The
parameters are RFC 9106's "low memory" profile (64 MiB, 3 passes), about a
quarter of a second on a school laptop: fine once per unlock, slow for a
guesser.

The recovery key is shown once, when the password is first set, for the
teacher to print or write down. It can reset a forgotten password without
anybody reading the data, because only its hash is stored; using it rotates it
(the old key stops working and a new one is shown).

:class:`Credentials` reads and writes two settings through a pair of plain
functions, so it works over any store (``engine.store``, the desktop's
interim store, a dict in a test).
"""
from __future__ import annotations

import base64
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

import argon2
from argon2 import profiles

from engine.errors import LamplightError, WrongPasswordError

PASSWORD_SETTING = "teacher_password_hash"
RECOVERY_SETTING = "recovery_key_hash"
MIN_PASSWORD_LENGTH = 4
MIN_ENCRYPTION_PASSWORD_LENGTH = 10  # with encryption on, the password alone guards the data key against offline guessing
MIN_DISTINCT_CHARACTERS = 5
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, written as 8 groups of 4

DEFAULT_HASHER = argon2.PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
ARGON2_BOUNDS = {"time_cost": (1, 10), "memory_cost": (8, 262144), "parallelism": (1, 16)}
"""The Argon2 costs a stored hash or a key file may ask for: what Lamplight writes (3 passes, 64 MiB, 4 lanes), with
room, and never hours or gigabytes (review 31b: a forged backup's key file asked for 2^31 passes or 4 TiB; review
43b: its password hash asked for a million passes, and the first password typed froze the app for hours)."""


def costs_bounded(time_cost: object, memory_cost: object, parallelism: object) -> bool:
    """Whether these Argon2 costs are within :data:`ARGON2_BOUNDS` (and Argon2's own rule, 8 KiB per lane)."""
    costs = (time_cost, memory_cost, parallelism)
    return (all(type(value) is int and low <= value <= high for value, (low, high) in zip(costs, ARGON2_BOUNDS.values()))
            and memory_cost >= 8 * parallelism)  # type: ignore[operator]


def is_lamplight_hash(value: object) -> bool:
    """Whether ``value`` is a password hash as Lamplight stores one: Argon2id in PHC form, its costs bounded.

    >>> is_lamplight_hash(hash_secret("a password")), is_lamplight_hash("$argon2id$v=19$m=65536,t=1000000,p=4$c2FsdHNhbHQ$aGFzaA")
    (True, False)
    """
    if not isinstance(value, str) or not value.startswith("$argon2id$"):
        return False
    try:
        found = argon2.extract_parameters(value)
    except (argon2.exceptions.InvalidHashError, ValueError):
        return False
    return costs_bounded(found.time_cost, found.memory_cost, found.parallelism)

# Characters a person may misread or mistype in a printed key, mapped to the base32 ones.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def hash_secret(text: str, hasher: argon2.PasswordHasher | None = None) -> str:
    """The Argon2id hash of ``text`` in PHC string form (salt and parameters included)."""
    return (hasher or DEFAULT_HASHER).hash(text)


def verify_secret(stored_hash: str | None, text: str, hasher: argon2.PasswordHasher | None = None) -> bool:
    """True when ``text`` matches ``stored_hash``; False for a wrong text or an unreadable hash."""
    if not is_lamplight_hash(stored_hash):
        return False  # unreadable, or costs that would keep the window frozen for hours
    try:
        return (hasher or DEFAULT_HASHER).verify(stored_hash, text)
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def new_recovery_key() -> str:
    """A fresh random recovery key, e.g. ``"K7QD-M2XA-...`` (8 groups of 4 base32 characters)."""
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    """The key as stored: upper case, no spaces or dashes, look-alike digits mapped to letters."""
    kept = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum())  # full-width typing too
    return kept.translate(_LOOKALIKES)


ENCRYPTION_STRENGTH_WHY = (
    "With encryption on, this password is what protects the encryption key: someone who copies the data folder can "
    "try passwords on their own computer as fast as it allows, with no waits (all 4-digit numbers take under half an "
    "hour). Choose at least {n} characters that are not all digits and not a common password, for example three "
    "unrelated words with a number (owl-river-lantern-7)."
)


COMMON_REASON = "it is a common password"
COMMON_FAMILY_REASON = "it is a common password with digits or symbols added"
GUESSABLE_REASON = "it is built on a word anyone at the school would guess (lamplight, school, teacher, a class's name)"
SCHOOL_WORDS = frozenset({"lamplight", "lamp", "light", "lantern", "school", "teacher", "classroom", "class", "student",
                          "pupil", "lesson", "homework", "laoshi", "xuexiao", "xuesheng", "banji", "jiaoshi"})

# Look-alike characters read as the letters they stand for ("P@ssw0rd" is "password"); 1 is tried as i and as l.
_LEET = [str.maketrans({"0": "o", "@": "a", "4": "a", "3": "e", "$": "s", "5": "s", "7": "t", "!": "i", "1": one,
                        "|": "l", "+": "t", "8": "b", "9": "g"}) for one in ("i", "l")]
_SEPARATORS = str.maketrans("", "", " -_.,;:/\\'\"")
_MIN_PIECE = 3  # a piece of a split password: "art"+"music" counts, "he"+"llo" does not


def _folded_forms(text: str) -> set[str]:
    """``text`` as a guesser tries it: lower case; look-alikes as letters; digits and symbols at the ends removed.

    Both orders matter: ends stripped first keeps "school2025" from reading as
    "schoolzozs"; look-alikes first keeps "p@ssw0rd" whole.
    """
    lowered = text.strip().lower()
    forms = {lowered, lowered.translate(_SEPARATORS)}
    for form in list(forms):
        stripped = _strip_ends(form)
        forms.add(stripped)
        for table in _LEET:
            forms.add(stripped.translate(table))
            forms.add(_strip_ends(form.translate(table)))
    return {form for form in forms if form}


def _strip_ends(text: str) -> str:
    """``text`` without the digits and symbols at its start and end ("!!teacher2024!" -> "teacher")."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    return text[start:end]


def _made_of(text: str, words: frozenset[str] | set[str], most: int = 2) -> bool:
    """True when ``text`` is at most ``most`` of ``words`` run together ("iloveschool": "ilove"? no; "sunshineflower": yes)."""
    if not text:
        return False
    if text in words:
        return True
    if most <= 1:
        return False
    return any(text[:cut] in words and _made_of(text[cut:], words, most - 1)
               for cut in range(_MIN_PIECE, len(text) - _MIN_PIECE + 1))


def guessable_words(names: Iterable[str]) -> set[str]:
    """The words of names anyone at the school knows (class names): each word of 3+ letters, and the name run together."""
    words: set[str] = set()
    for name in names:
        folded = str(name).lower()
        words.update(word for word in re.findall(r"[^\W\d_]+", folded) if len(word) >= _MIN_PIECE)
        joined = folded.translate(_SEPARATORS)
        if len(joined) >= _MIN_PIECE:
            words.add(joined)
    return words


def password_weakness(text: str, guessable: Iterable[str] = ()) -> str | None:
    """Why ``text`` is too weak to protect the encryption key, or None when it is strong enough.

    ``guessable``: names anyone at the school knows (the classes' names), refused
    like the app's and the school's words. A password is common when, folded
    (:func:`_folded_forms`), it is a common password or a school word, or two of
    them run together: "teacher2024", "P@ssw0rd1" and "qwerty12345" are refused;
    "owl-river-lantern-7" (three unrelated words) is not.
    """
    from engine.security.common_passwords import COMMON_PASSWORDS

    folded = text.strip().lower()
    if len(text) < MIN_ENCRYPTION_PASSWORD_LENGTH:
        return f"it has {len(text)} characters"
    if folded.translate(CHINESE_NUMERALS).isdigit():
        return "it is only digits"
    if len(set(folded)) < MIN_DISTINCT_CHARACTERS:
        return "it repeats too few different characters"
    if folded in COMMON_PASSWORDS or any(folded == word * (len(folded) // len(word)) for word in ("ab", "abc", "123", "qwe")):
        return COMMON_REASON
    school = SCHOOL_WORDS | guessable_words(guessable)
    forms = _folded_forms(text)
    if any(_made_of(form, school | COMMON_PASSWORDS) and any(word in form for word in school) for form in forms):
        return GUESSABLE_REASON
    if any(_made_of(form, COMMON_PASSWORDS) or _is_repeated(form) for form in forms) or _chinese_common_only(folded):
        return COMMON_FAMILY_REASON
    return None


CHINESE_NUMERALS = str.maketrans("零〇一二三四五六七八九", "00123456789")
CHINESE_COMMON = ("管理员", "我爱你", "我的", "密码", "口令", "老师", "学校", "学生", "班级", "教室", "你好", "中国", "欢迎",
                  "登录", "是", "我", "的", "爱", "十", "百", "千", "万")
"""Words a Chinese password is commonly made of ("我的密码是一二三四五六": my password is 123456), and number words."""


def _chinese_common_only(text: str) -> bool:
    """True when ``text`` has Chinese in it and is only common Chinese words, numbers and symbols (review 28b)."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in text):
        return False
    rest = text.translate(CHINESE_NUMERALS)
    for word in CHINESE_COMMON:  # longest first
        rest = rest.replace(word, "")
    return sum(ch.isalpha() for ch in rest) <= 1


def _is_repeated(text: str) -> bool:
    """True for a short piece said again and again ("abcabcabc", "qweqweqwe")."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size) and len(text) > size
               for size in range(1, len(text) // 2 + 1))


def check_new_password(text: str, encrypted: bool = False, guessable: Iterable[str] = ()) -> None:
    """Refuse a password that is too short to guard anything, or (``encrypted``) too weak to guard the key."""
    if len(text) < MIN_PASSWORD_LENGTH:
        raise LamplightError(f"The teacher password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if encrypted:
        check_password_strength(text, guessable)


def check_password_strength(text: str, guessable: Iterable[str] = ()) -> None:
    """Raise LamplightError (saying why it matters) when ``text`` is too weak to protect the encryption key."""
    weakness = password_weakness(text, guessable)
    if weakness:
        raise LamplightError(f"That password is too weak to protect encrypted data ({weakness}). "
                             + ENCRYPTION_STRENGTH_WHY.format(n=MIN_ENCRYPTION_PASSWORD_LENGTH))


@dataclass
class Credentials:
    """The teacher password and recovery key of one data folder.

    ``get_setting(key)`` returns the stored text or None; ``set_setting(key, value)``
    stores it. Both hashes are written through these and nowhere else.
    """

    get_setting: Callable[[str], str | None]
    set_setting: Callable[[str, str], None]
    hasher: argon2.PasswordHasher | None = None  # None: DEFAULT_HASHER

    def is_set(self) -> bool:
        """True once a teacher password exists, whatever its stored value (an unreadable one locks), and when only
        the recovery key is stored: :meth:`setup` writes the password first, so that is never left by a crash, and a
        deleted password setting must not open the screens (review 38a); the recovery key then sets a new one."""
        return bool(self.get_setting(PASSWORD_SETTING)) or bool(self.get_setting(RECOVERY_SETTING))

    def has_recovery_key(self) -> bool:
        """True when a recovery key exists (a password set before recovery keys existed has none)."""
        return bool(self.get_setting(RECOVERY_SETTING))

    def setup(self, password: str, recovery_key: str | None = None) -> str:
        """Set the first password; returns the recovery key, to show the teacher once.

        ``recovery_key``: one the caller made (and showed) already. Refuses when
        a password already exists (use :meth:`change` or :meth:`reset`).
        """
        if self.is_set():
            raise LamplightError("A teacher password is already set; change it with the current password or the recovery key.")
        check_new_password(password)
        recovery_key = recovery_key or new_recovery_key()
        # Password first: a crash in between leaves a password without a recovery key (one can be made with it).
        self.set_setting(PASSWORD_SETTING, hash_secret(password, self.hasher))
        self.set_setting(RECOVERY_SETTING, hash_secret(normalise_recovery_key(recovery_key), self.hasher))
        return recovery_key

    def verify(self, password: str) -> bool:
        """True when ``password`` is the teacher password (none set: always False)."""
        stored = self.get_setting(PASSWORD_SETTING)
        if not verify_secret(stored, password, self.hasher):
            return False
        if (self.hasher or DEFAULT_HASHER).check_needs_rehash(stored):  # stronger parameters since it was set
            self.set_setting(PASSWORD_SETTING, hash_secret(password, self.hasher))
        return True

    def verify_recovery_key(self, recovery_key: str) -> bool:
        """True when ``recovery_key`` is the current recovery key (spacing, case, dashes ignored)."""
        return verify_secret(self.get_setting(RECOVERY_SETTING), normalise_recovery_key(recovery_key), self.hasher)

    def change(self, old_password: str, new_password: str) -> None:
        """Replace the password, given the current one; a wrong one changes nothing."""
        check_new_password(new_password)
        if not self.verify(old_password):
            raise WrongPasswordError("That is not the current teacher password; nothing was changed.")
        self.set_setting(PASSWORD_SETTING, hash_secret(new_password, self.hasher))

    def reset(self, recovery_key: str, new_password: str, fresh_key: str | None = None) -> str:
        """Set a new password with the recovery key; returns the NEW recovery key (the old one stops working).

        ``fresh_key`` is the new recovery key when the caller made it already (to wrap an encryption key first).
        """
        check_new_password(new_password)
        if not self.verify_recovery_key(recovery_key):
            raise WrongPasswordError("That recovery key is not right; nothing was changed. "
                                 "Type it as printed when the password was set (dashes and case do not matter).")
        fresh_key = fresh_key or new_recovery_key()
        # Password first: a crash in between leaves the new password and the old (still valid) key.
        self.set_setting(PASSWORD_SETTING, hash_secret(new_password, self.hasher))
        self.set_setting(RECOVERY_SETTING, hash_secret(normalise_recovery_key(fresh_key), self.hasher))
        return fresh_key

    def new_recovery_key(self, password: str, fresh_key: str | None = None) -> str:
        """Replace a lost (or missing) recovery key, given the password; returns the new key (``fresh_key`` if given)."""
        if not self.verify(password):
            raise WrongPasswordError("That is not the current teacher password; nothing was changed.")
        fresh_key = fresh_key or new_recovery_key()
        self.set_setting(RECOVERY_SETTING, hash_secret(normalise_recovery_key(fresh_key), self.hasher))
        return fresh_key
