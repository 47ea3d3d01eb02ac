"""The district workflow on a laptop's store: export an update, combine files, import a district model.

Exercises are matched to the shared pack by their stable key (``Exercise.key``,
the pack's exercise id); students never leave this module except as sums.
The district model a class adopted is kept as ``district/district-model.json``
beside the store, so the next update is made against it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from engine import paths
from engine.district.adopt import AdoptReport, check_and_adopt, shared_answers
from engine.district.aggregate import DistrictModel, aggregate, starting_model
from engine.district.fileformat import (KEY_FILE_SETTING, KEY_FINGERPRINT_SETTING, NOISE_SECRET_SETTING, read_file, read_key,
                                       write_file)
from engine.district.masked import aggregate_masked, masked_update
from engine.district.pack import SharedPack, keyed_log
from engine.district.secure import (Release, Roster, SchoolKey, check_key_payload, load_private_key, make_roster, new_key,
                                    save_private_key)
from engine.district.update import UpdateSettings, school_update, students_needed
from engine.errors import LamplightError
from engine.model.interface import Responses

ProgressFn = Callable[[float, str], None]
"""This laptop's secret the privacy noise of its update files is drawn from (see ``UpdateSettings.noise_key``)."""
BEFORE_DISTRICT = "before the district model was used"
"""The note of the snapshot kept when a district model replaces the shipped model (the teacher can go back to it)."""


def district_folder(store: Any) -> Path:
    return Path(store.path).parent / paths.DISTRICT_FOLDER


def key_file_in_use(store: Any) -> str | None:
    """The district key file this data folder signs and checks district files with, or None (files unsigned)."""
    path = store.get_setting(KEY_FILE_SETTING)
    return str(path) if path else None


def use_key_file(store: Any, path: str | os.PathLike[str]) -> bytes:
    """Check that ``path`` is a readable district key file and remember where it is; returns the key.

    Only the file's place is kept (in the store's settings), so the key stays
    on the stick or in the folder the district's key was put in.
    """
    key = read_key(path)
    store.set_setting(KEY_FILE_SETTING, str(Path(path).resolve()))
    store.set_setting(KEY_FINGERPRINT_SETTING, _fingerprint(key))  # type: ignore[arg-type]
    return key  # type: ignore[return-value]  # read_key returns bytes for a path


def _fingerprint(key: bytes) -> str:
    """What tells a key from another without telling it: a hash of its hash."""
    return hashlib.sha256(hashlib.sha256(key).digest()).hexdigest()[:32]


def stop_using_key_file(store: Any) -> None:
    """Forget the district key file: files are written unsigned, and signed files are refused until a key is chosen."""
    store.set_setting(KEY_FILE_SETTING, None)
    store.set_setting(KEY_FINGERPRINT_SETTING, None)


class KeyFileUnreadable(LamplightError):
    """The key file this data folder uses cannot be read now (gone with its USB stick, emptied, unreadable)."""


def laptop_key(store: Any) -> bytes | None:
    """The district key of this data folder, read from its key file now; None when no key file is in use."""
    path = key_file_in_use(store)
    if path is None:
        return None
    if not Path(path).exists():
        raise KeyFileUnreadable(f"The district key file {path} is not there (on a USB stick that is not plugged in?). Plug "
                                "the stick in, or choose the district key file again.")
    try:
        key = read_key(path)
    except LamplightError as exc:
        raise KeyFileUnreadable(str(exc)) from None
    known = store.get_setting(KEY_FINGERPRINT_SETTING)
    if known is None:  # chosen before fingerprints were kept: this key is the one from now on
        store.set_setting(KEY_FINGERPRINT_SETTING, _fingerprint(key))  # type: ignore[arg-type]
    elif known != _fingerprint(key):  # type: ignore[arg-type]  # review 51f: a swapped key signed a forged model
        raise KeyFileUnreadable(f"The district key file {path} holds another key than the one chosen for this laptop: it "
                                "was changed since. Choose the district key file again, from your district, to use it.")
    return key  # type: ignore[return-value]


def _shipped_meta() -> dict[str, float] | None:
    try:
        from engine.model.registry import load_model

        return load_model(None).transferable()
    except LamplightError:
        return None


def load_district_model(path: str | os.PathLike[str], pack: SharedPack, key: bytes | None = None) -> DistrictModel:
    """A district model file, checked, and refused when made for another pack edition."""
    model = DistrictModel.from_payload(read_file(path, "district-model", key), str(path))
    pack.require_edition(model.pack, str(path))
    return model


def current_district_model(store: Any, pack: SharedPack, base: str | os.PathLike[str] | None = None,
                           key: bytes | None = None) -> DistrictModel:
    """The district model updates are made against: ``base``, else the one this laptop adopted, else round 0."""
    if base is not None:
        return load_district_model(base, pack, key)
    kept = district_folder(store) / "district-model.json"
    if kept.exists():
        return load_district_model(kept, pack)  # kept unsigned: it was checked when it was imported
    return starting_model(pack, _shipped_meta())


def class_bank(store: Any) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(exercise id -> skills, exercise id -> stable key) for the whole bank."""
    exercises = store.list_exercises()
    return {str(e.id): tuple(e.skills) for e in exercises}, {str(e.id): e.key for e in exercises}


def export_class_update(store: Any, class_id: int, out: str | os.PathLike[str], pack: SharedPack,
                        settings: UpdateSettings | None = None, base: str | os.PathLike[str] | None = None,
                        key: bytes | None = None, progress: ProgressFn | None = None) -> dict[str, Any]:
    """Write the class's update file; returns its payload."""
    settings = settings or UpdateSettings()
    if settings.epsilon is not None and settings.noise_key is None and not settings.seeded_noise:
        settings = dataclasses.replace(settings, noise_key=noise_secret(store))
    district = current_district_model(store, pack, base, key)
    _, keys = class_bank(store)
    log = keyed_log(shared_answers(store.class_log(class_id)), keys, pack)
    if not len(log):
        raise _no_shared_answers()
    payload = school_update(district.response_model(pack), log, pack, settings,
                            {"kind": "district", "id": district.id, "round": district.round}, progress)
    if not payload["counts"]["exercises_released"] and not payload["counts"]["skills_released"]:
        raise _nothing_to_share(log, settings, payload)
    payload["class"] = class_token(store, class_id, payload["base"])
    write_file(out, "school-update", payload, key)
    return payload


def class_token(store: Any, class_id: int, base: Mapping[str, Any]) -> str:
    """What tells two update files of one class taken at the same district model apart from two classes' files (review
    45c: a class that shared twice counted twice): an HMAC of the class and the model under this laptop's secret. It
    names neither, and the same class gets another token at the next district model, so rounds cannot be linked."""
    message = json.dumps(["class", int(class_id), base.get("id"), base.get("round")]).encode()
    return hmac.new(noise_secret(store), message, hashlib.sha256).hexdigest()[:32]


def noise_secret(store: Any) -> bytes:
    """This laptop's secret for privacy noise and class tokens (:func:`class_token`), made the first time a class shares."""
    value = store.get_setting(NOISE_SECRET_SETTING)
    if not (isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value)):
        value = secrets.token_hex(32)
        store.set_setting(NOISE_SECRET_SETTING, value)
    return bytes.fromhex(value)


def _no_shared_answers() -> LamplightError:
    return LamplightError("This class has not answered any of the exercises shared with the district yet: nothing to "
                          "share.")  # (not the pack's id: a teacher reads it, review 43d)


def students_per_exercise(log: Responses) -> dict[str, int]:
    """How many different students answered each exercise of ``log``."""
    students: dict[str, set[str]] = {}
    for student, item in zip(log.student_ids, log.item_ids):
        students.setdefault(item, set()).add(student)
    return {item: len(who) for item, who in students.items()}


class NothingToShare(LamplightError):
    """An update would hold nothing, so none is written; says how close the class is.

    ``most``: students on the class's most-answered shared exercise;
    ``plain_minimum``: the students an exercise needs without privacy noise
    (so the app can tell whether unticking the noise would help).
    """

    def __init__(self, message: str, most: int, plain_minimum: int) -> None:
        super().__init__(message)
        self.most = most
        self.plain_minimum = plain_minimum


def _nothing_to_share(log: Responses, settings: UpdateSettings, payload: Mapping[str, Any]) -> NothingToShare:
    """Why an update would hold nothing (too few students on every exercise and skill), with how close the class is.

    Such a file would be useless to the district, so none is written.
    """
    needed = settings.min_students
    counts = students_per_exercise(log)
    most = max(counts.values(), default=0)
    if payload["privacy"].get("mechanism", "none") != "none":
        noisy = students_needed(settings)
        if most < noisy:
            return NothingToShare(f"Nothing can be shared yet: with privacy noise, an exercise needs answers from at least "
                                  f"about {noisy} students (instead of {needed}), and none of this class's exercises has "
                                  f"that many yet. The most-answered exercise has answers from {most} students.", most, needed)
        return NothingToShare("Nothing can be shared yet: with privacy noise, the class's totals do not stand out from the "
                              "noise on any exercise. Sharing again gives the same answer until the class has more answers "
                              "(the same answers always get the same noise, so trying again gives nothing away).", most,
                              needed)
    if most >= needed:  # enough students, but their answers say next to nothing
        return NothingToShare("Nothing can be shared yet: the class's answers do not say enough about any exercise.", most,
                              needed)
    text = (f"Nothing can be shared yet: each exercise needs answers from at least {needed} students of the class, "
            "and none has that many yet.")
    low = max(1, (needed + 1) // 2)
    close = sum(1 for n in counts.values() if n >= low)
    if close:
        text += f" Exercises close to it: {close} (answered by {low} to {needed - 1} students)."
    else:
        text += f" The most-answered exercise has answers from {most} students."
    return NothingToShare(text, most, needed)


def aggregate_files(files: Sequence[str | os.PathLike[str]], pack: SharedPack, out: str | os.PathLike[str],
                    base: str | os.PathLike[str] | None = None, meta_step: float = 1.0, key: bytes | None = None) -> DistrictModel:
    """Combine school update files into a district model file (refusing the lot if one file is refused)."""
    previous = load_district_model(base, pack, key) if base else starting_model(pack, _shipped_meta())
    updates = [(Path(f).name, read_file(f, "school-update", key)) for f in files]
    seen: dict[str, int] = {}
    for n, (path, (_, payload)) in enumerate(zip(files, updates)):  # review 43d: a copy counted one class twice
        first = seen.setdefault(json.dumps(payload, sort_keys=True), n)
        if first != n:
            raise LamplightError(f"{path} is the same update as {files[first]} (a copy, or the file named twice?): each "
                                 "class counts once. Leave one of them out; nothing was written.")
    classes: dict[str, int] = {}
    for n, (path, (_, payload)) in enumerate(zip(files, updates)):  # review 45c: a class that shared twice counted twice
        token = payload.get("class")
        first = classes.setdefault(token, n) if isinstance(token, str) else n
        if first != n:
            raise LamplightError(f"{path} and {files[first]} are two updates of the same class, taken at the same district "
                                 "model (the class shared twice?): each class counts once. Leave one of them out (the one "
                                 "written later holds more answers); nothing was written.")
    model = aggregate(updates, pack, previous, meta_step)
    write_file(out, "district-model", model.payload(), key)
    return model


def class_model(store: Any, class_id: int, responses: Responses, bank: Mapping[str, tuple[str, ...]]) -> Any:
    """The model the class uses now: its active snapshot, else the shipped model calibrated on the class."""
    from engine.classroom.models import model_files
    from engine.model.registry import load_model
    from engine.model.response import ResponseModel

    snapshot = store.active_model_snapshot(class_id)
    files = model_files(store, snapshot) if snapshot is not None else None
    if files is not None:
        return load_model(files)
    try:
        model = load_model(None)
    except LamplightError:
        model = ResponseModel()
    model.calibrate(responses, dict(bank))
    return model


def import_district_model(store: Any, class_id: int, path: str | os.PathLike[str], pack: SharedPack,
                          key: bytes | None = None) -> AdoptReport:
    """Check a district model on the class's held-out answers; adopt it (keeping a snapshot to go back to) if not worse."""
    from engine.model.persistence import save_model
    from engine.model.response import ResponseModel

    district = load_district_model(path, pack, key)
    stamp = f"class-{class_id}-district-{district.id}"
    active = store.active_model_snapshot(class_id)
    from engine.classroom.models import model_files

    if active is not None and active.kind == "district" and Path(active.path).name.startswith((stamp + ".", stamp + "-")) \
            and model_files(store, active) is not None:  # its files gone (restored elsewhere): check and adopt it again
        # review 28: the same file again said the class improved again, listed a second copy and overwrote the first
        from engine.adapt.learning import FitScore

        unchecked = FitScore(0.0, 0.0, 0)
        return AdoptReport(False, unchecked, unchecked, None, "This district model is already used for this class. Nothing was "
                           "changed.", already_in_use=True)
    if district.round == 0:  # review 43e: a counting round's file was checked and could be adopted
        raise LamplightError("This district model has learned nothing yet (it is from the district's counting round): "
                             "use the file of the next round.")
    in_use = _district_round_in_use(store, class_id)
    if in_use is not None and district.round < in_use:  # review 43d: round 1 silently took round 2's place
        raise LamplightError(f"This district model is from round {district.round}, older than the round {in_use} model "
                             "this class uses: use the district's newest file.")
    kept = district_folder(store) / "district-model.json"
    newest = load_district_model(kept, pack) if kept.exists() else None
    bank, keys = class_bank(store)
    responses = store.class_log(class_id)
    current = class_model(store, class_id, responses, bank)
    if not isinstance(current, ResponseModel):
        raise LamplightError("This class's model is not a meta-learned response model; a district model cannot replace it.")
    report = check_and_adopt(district, pack, current, responses, keys, bank)
    if report.adopted:
        if store.active_model_snapshot(class_id) is None:  # keep the model used until now, to go back to
            from engine.classroom.models import save_class_model

            save_class_model(store, class_id, current, BEFORE_DISTRICT, snapshot=True)
        folder = Path(store.path).parent / paths.MODEL_FOLDER
        weights, _ = save_model(report.model, folder / f"{stamp}-{datetime.now():%Y%m%d-%H%M%S-%f}")  # one file per adoption
        note = f"{report.summary} (district model round {district.round})"  # review 43d: adoptions told apart by round
        store.save_model_snapshot("district", path=str(weights), class_id=class_id, note=note,
                                  metrics={"held_out_log_loss": report.after.log_loss}, activate=True)
        if newest is None or district.round >= newest.round:  # the laptop's shares go on against the newest round
            write_file(kept, "district-model", district.payload(), None, ours=True)
    return report


def district_round(note: str) -> int | None:
    """The round of the district model an adoption's snapshot note names (None for another note, or one written before
    rounds were noted).

    >>> district_round("The district model is now used for this class: … (district model round 2)"), district_round("x")
    (2, None)
    """
    found = re.search(r"\(district model round (\d+)\)$", note)
    return int(found[1]) if found else None


def _district_round_in_use(store: Any, class_id: int) -> int | None:
    """The round of the district model the class uses now (None: it uses another model, or one adopted before rounds
    were noted)."""
    active = store.active_model_snapshot(class_id)
    return district_round(active.note) if active is not None and active.kind == "district" else None


# ---------------------------------------------------------------------------- secure aggregation (engine.district.secure)
def private_key_path(store: Any) -> Path:
    return district_folder(store) / "secure-key.json"


def school_key_file(store: Any, school: str, out: str | os.PathLike[str], replace: bool = False) -> SchoolKey:
    """Write this laptop's key file (its public key) for the district; the private key stays beside the store.

    The laptop keeps one key pair; asking again with the same school name writes the same public key. Another name
    makes a new pair only with ``replace`` (review 43d: it replaced the key at once, and the roster of the round then
    no longer held this laptop: every school had to export again).
    """
    kept = private_key_path(store)
    key = load_private_key(kept) if kept.exists() else None
    if key is not None and key.school != school.strip() and not replace:
        raise LamplightError(f"This laptop's district key is for {key.school!r}. A key for {school.strip()!r} would replace it, "
                             "and the district's roster would then need this laptop's new key file (every school exports "
                             "again). Give the same school name to write the key file again, or add --force to make a new key.")
    if key is None or key.school != school.strip():
        key = new_key(school)
        save_private_key(key, kept)
    write_file(out, "school-key", key.public_payload())
    return key


def roster_from_files(key_files: Sequence[str | os.PathLike[str]], pack: SharedPack, out: str | os.PathLike[str],
                      base: str | os.PathLike[str] | None = None, min_students: int = 10, key: bytes | None = None) -> Roster:
    """The district's roster for one secure round: every school's public key and the model the round starts from.

    The release list (what may be summed) comes from ``base``'s last secure
    round when it was counted on the same schools; otherwise the round counts.
    """
    previous = load_district_model(base, pack, key) if base else starting_model(pack, _shipped_meta())
    members = [check_key_payload(read_file(f, "school-key", key), str(f)) for f in key_files]
    try:
        release = Release.from_payload(previous.release)
    except LamplightError as exc:
        raise LamplightError(f"{base}: {exc}") from None
    roster = make_roster(members, pack.describe(), {"kind": "district", "id": previous.id, "round": previous.round},
                         min_students, release)
    write_file(out, "roster", roster.payload(), key)
    return roster


def load_roster(path: str | os.PathLike[str], pack: SharedPack, key: bytes | None = None) -> Roster:
    roster = Roster.from_payload(read_file(path, "roster", key), str(path))
    pack.require_edition(roster.pack, str(path))
    return roster


def export_masked_update(store: Any, class_id: int, out: str | os.PathLike[str], pack: SharedPack,
                         roster_path: str | os.PathLike[str], settings: UpdateSettings | None = None,
                         base: str | os.PathLike[str] | None = None, key: bytes | None = None) -> dict[str, Any]:
    """Write the class's masked update for a roster; returns its payload.

    One file per laptop and roster: exporting again for the same roster
    writes the same file (a second, different file with the same masks would
    let the district subtract the two), and another class is refused.
    """
    roster = load_roster(roster_path, pack, key)
    kept = private_key_path(store)
    if not kept.exists():
        raise LamplightError("This laptop has no district key yet: make one with `district keys` and send its key file to the district.")
    school = load_private_key(kept)
    roster.index_of(school.public_hex)
    cache = district_folder(store) / "secure-exports" / f"{roster.id}.json"
    if cache.exists():
        payload = read_file(cache, "masked-update")
        if payload.get("class") != class_id:
            raise LamplightError(f"This laptop already exported another class for roster {roster.id}; one file per school and "
                                 "roster. Ask the district for a new roster to share another class.")
        payload.pop("class")
        write_file(out, "masked-update", payload, key)
        return payload
    district = current_district_model(store, pack, base, key)
    if district.id != roster.base.get("id"):
        raise LamplightError(f"The roster starts from district model {roster.base.get('id')!r} (round {roster.base.get('round')}); "
                             f"this laptop's is {district.id!r}. Give that model file with --base.")
    _, keys = class_bank(store)
    log = keyed_log(shared_answers(store.class_log(class_id)), keys, pack)
    if not len(log):
        raise _no_shared_answers()
    payload = masked_update(district.response_model(pack), log, pack, roster, school, settings)
    write_file(cache, "masked-update", {**payload, "class": class_id}, ours=True)
    write_file(out, "masked-update", payload, key)
    return payload


def aggregate_masked_files(files: Sequence[str | os.PathLike[str]], pack: SharedPack, roster_path: str | os.PathLike[str],
                           out: str | os.PathLike[str], base: str | os.PathLike[str] | None = None, meta_step: float = 1.0,
                           key: bytes | None = None) -> DistrictModel:
    """Combine every roster member's masked update into a district model file (all or nothing)."""
    roster = load_roster(roster_path, pack, key)
    previous = load_district_model(base, pack, key) if base else starting_model(pack, _shipped_meta())
    updates = [(Path(f).name, read_file(f, "masked-update", key)) for f in files]
    model = aggregate_masked(updates, roster, pack, previous, meta_step)
    write_file(out, "district-model", model.payload(), key)
    return model
