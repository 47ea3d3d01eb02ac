"""Secure aggregation: masks cancel exactly, one masked file reveals nothing, bad sets of files are refused,
and the district's secure result equals the plain aggregation of the district-released sums."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from engine.district.aggregate import DistrictModel, aggregate, starting_model
from engine.district.fileformat import canonical, decode, encode, write_file
from engine.district.laptop import (aggregate_files, aggregate_masked_files, export_masked_update, roster_from_files,
                                    school_key_file)
from engine.district.masked import aggregate_masked, masked_update, school_values
from engine.district.pack import SharedPack, load_shared_pack
from engine.district.secure import FRACTION_BITS, Release, from_fixed, make_roster, mask, new_key, to_fixed, unmask_sum
from engine.district.update import UpdateSettings, school_update
from engine.errors import LamplightError
from engine.model.interface import Responses
from engine.model.synthetic import make_class


def _roster(keys, pack: SharedPack, district, release=None, min_students: int = 10):
    base = {"kind": "district", "id": district.id, "round": district.round}
    return make_roster([(k.school, k.public_hex) for k in keys], pack.describe(), base, min_students, release)


def test_masks_cancel_exactly_and_hide_each_schools_values() -> None:
    pack = SharedPack("p", {"a": ("s",), "b": ("s",)})
    keys = [new_key(f"school {n}") for n in range(5)]
    roster = _roster(keys, pack, starting_model(pack))
    rng = np.random.default_rng(3)
    values = [rng.normal(0, 1000, 257) for _ in keys]
    masked = [mask(to_fixed(v), k, roster) for v, k in zip(values, keys)]
    total = unmask_sum(masked)
    exact = unmask_sum([to_fixed(v) for v in values])
    assert np.array_equal(total, exact)  # modulo 2^64, bit for bit
    assert np.max(np.abs(from_fixed(total) - np.sum(values, axis=0))) <= len(keys) * 2.0 ** -FRACTION_BITS
    for value, file in zip(values, masked):
        seen = from_fixed(file)
        assert np.mean(np.abs(seen - value) < 1e6) < 0.01  # the masked numbers are nowhere near the school's own
    assert np.array_equal(mask(to_fixed(values[0]), keys[0], roster), masked[0])  # the same roster: the same masks
    other = _roster(keys, pack, starting_model(pack))  # a new roster (new session) draws new masks
    assert other.id != roster.id and not np.array_equal(mask(to_fixed(values[0]), keys[0], other), masked[0])
    missing = unmask_sum(masked[:-1])
    assert np.mean(np.abs(from_fixed(missing) - np.sum(values[:-1], axis=0)) < 1e6) < 0.01  # a missing school: no cancelling


def test_a_roster_needs_three_distinct_schools() -> None:
    pack = SharedPack("p", {"a": ("s",)})
    district = starting_model(pack)
    keys = [new_key("A"), new_key("B")]
    with pytest.raises(LamplightError, match="at least 3 schools"):
        _roster(keys, pack, district)
    twin = new_key("A")
    with pytest.raises(LamplightError, match="share a school name"):
        _roster(keys + [twin], pack, district)


def _classes(pack_size: int = 60, schools: int = 4):
    truth, _ = make_class(students=1, items=pack_size, answers_per_student=1, skills=6, seed=1)
    pack = SharedPack("synthetic", {k: tuple(v) for k, v in truth.items.items()})
    logs = []
    for n in range(schools):
        _, log = make_class(students=(3, 5, 7, 12)[n], items=pack_size, answers_per_student=30, skills=6, seed=10 + n)
        logs.append(Responses(log.student_ids, log.item_ids, [tuple(truth.items.get(i, ())) for i in log.item_ids], log.correct))
    return pack, logs


def test_secure_rounds_equal_the_plain_aggregation_of_the_district_released_sums() -> None:
    """Counting round, then one learning round: the same model as plain files restricted to the district's release list."""
    pack, logs = _classes()
    keys = [new_key(f"school {n}") for n in range(len(logs))]
    settings = [UpdateSettings(meta_steps=3, seed=100 + n) for n in range(len(logs))]
    district = starting_model(pack)
    counting = _roster(keys, pack, district)
    base = district.response_model(pack)
    files = [(f"f{n}", masked_update(base, log, pack, counting, key, s)) for n, (log, key, s) in enumerate(zip(logs, keys, settings))]
    counted = aggregate_masked(files, counting, pack, district)
    assert counted.id == district.id and counted.release is not None  # a counting round changes nothing but the release list
    release = Release.from_payload(counted.release)
    per_school = np.array([school_values(base, log, pack, counting, s)["exercise_students"] for log, s in zip(logs, settings)])
    summed_alone = {k for k, n in zip(pack.exercises, per_school.max(0)) if n >= 10}
    assert 0 < len(release.exercises) < len(pack.exercises)
    assert set(release.exercises) == {k for k, n in zip(pack.exercises, per_school.sum(0)) if n >= 10}
    assert len(set(release.exercises) - summed_alone) > 10  # exercises no school could share alone
    roster = _roster(keys, pack, counted, release)
    assert roster.release == release
    files = [(f"f{n}", masked_update(base, log, pack, roster, key, s)) for n, (log, key, s) in enumerate(zip(logs, keys, settings))]
    secure = aggregate_masked(files, roster, pack, counted)

    plain = []
    for n, (log, s) in enumerate(zip(logs, settings)):
        payload = school_update(base, log, pack, UpdateSettings(min_students=1, meta_steps=3, seed=s.seed), {"id": district.id})
        for table, kept in (("exercises", set(release.exercises)), ("skills", set(release.skills))):
            columns = payload[table]
            chosen = [i for i, k in enumerate(columns["keys"]) if k in kept]
            payload[table] = {name: [values[i] for i in chosen] for name, values in columns.items()}
        if payload["counts"]["students"] < 10:
            payload["meta"] = None  # the minimum-students rule for the meta change holds per school in both
        plain.append((f"p{n}", payload))
    reference = aggregate(plain, pack, district)
    assert secure.round == reference.round == 1
    assert set(secure.exercises) == set(reference.exercises) == set(release.exercises)
    for key, (value, precision) in reference.exercises.items():
        assert abs(secure.exercises[key][0] - value) < 1e-4 and abs(secure.exercises[key][1] - precision) < 1e-4 * max(1, precision)
    for skill, (value, _) in reference.skills.items():
        assert abs(secure.skills[skill][0] - value) < 1e-4
    assert secure.meta != district.meta  # the 12-student school's meta change was used
    for name, value in reference.meta.items():
        assert abs(secure.meta[name] - value) < 1e-5, name


def test_mixed_incomplete_duplicate_and_tampered_masked_files_are_refused() -> None:
    pack, logs = _classes(schools=3)
    keys = [new_key(f"school {n}") for n in range(3)]
    district = starting_model(pack)
    roster = _roster(keys, pack, district)
    other = _roster(keys, pack, district)
    base = district.response_model(pack)
    settings = UpdateSettings(meta_steps=0)
    files = [(f"f{n}", masked_update(base, log, pack, roster, key, settings)) for n, (log, key) in enumerate(zip(logs, keys))]
    stray = ("stray", masked_update(base, logs[2], pack, other, keys[2], settings))
    with pytest.raises(LamplightError, match="different rosters"):
        aggregate_masked(files[:2] + [stray], roster, pack, district)
    with pytest.raises(LamplightError, match="No file from school 2.*new roster without it"):
        aggregate_masked(files[:2], roster, pack, district)
    with pytest.raises(LamplightError, match="both from 'school 1'"):
        aggregate_masked(files + [files[1]], roster, pack, district)
    data = encode("masked-update", files[0][1])
    envelope = json.loads(data)
    raw = bytearray(base64.b64decode(envelope["payload"]["values"]))
    raw[5] ^= 1
    envelope["payload"]["values"] = base64.b64encode(bytes(raw)).decode("ascii")
    with pytest.raises(LamplightError, match="changed after it was written"):
        decode(json.dumps(envelope).encode("ascii"), "masked-update")
    with pytest.raises(LamplightError, match="is a school's masked update file, not a school's update file"):
        decode(data, "school-update")
    short = dict(files[0][1], values=base64.b64encode(raw[:-8]).decode("ascii"))
    with pytest.raises(LamplightError, match="holds"):
        aggregate_masked([("short", short)] + files[1:], roster, pack, district)
    with pytest.raises(LamplightError, match="give that model as --base"):
        aggregate_masked(files, roster, pack, DistrictModel(district.pack, {**district.meta, "beta0": 0.1}))


def test_old_version_files_are_read_and_new_kinds_need_version_2() -> None:
    payload = {"hello": 1}
    data = json.loads(encode("district-model", payload))
    for version, kind, readable in ((1, "district-model", True), (1, "roster", False), (3, "district-model", False)):
        body = {"format": data["format"], "format_version": version, "kind": kind, "payload": payload}
        old = {**body, "sha256": hashlib.sha256(canonical(body)).hexdigest(), "hmac": None}
        text = json.dumps(old).encode("ascii")
        if readable:
            assert decode(text, kind) == payload
        else:
            with pytest.raises(LamplightError, match="version"):
                decode(text, kind)


def test_laptop_keys_roster_export_and_aggregate_with_no_names_in_any_file(known_class, tmp_path: Path) -> None:
    """The whole USB round on a real store: key file, roster, masked export (every byte checked), aggregation."""
    pack = load_shared_pack()
    key_file = tmp_path / "key-kestrel.json"
    mine = school_key_file(known_class.store, "Hillside Primary", key_file)
    assert school_key_file(known_class.store, "Hillside Primary", tmp_path / "again.json").public_hex == mine.public_hex
    peers = [new_key(f"Peer {n}") for n in range(2)]
    for peer in peers:
        write_file(tmp_path / f"key-{peer.school}.json", "school-key", peer.public_payload())
    key_files = [key_file] + [tmp_path / f"key-{p.school}.json" for p in peers]
    roster = roster_from_files(key_files, pack, tmp_path / "roster.json")
    assert roster.release is None  # the first round counts
    out = tmp_path / "masked.json"
    payload = export_masked_update(known_class.store, known_class.class_id, out, pack, tmp_path / "roster.json",
                                   UpdateSettings(meta_steps=2))
    data = out.read_bytes()
    for secret in list(known_class.names) + list(known_class.external_ids) + known_class.answers + ["Kestrel", "Quixby", "typed-", "EXT-7"]:
        assert secret.encode("utf-8") not in data, secret
    for when in known_class.times:
        assert when[:10].encode() not in data and when[11:19].encode() not in data
    assert b"starter-math:" not in data  # no exercise key, not even which exercises the class answered: one masked vector over the whole pack
    own = school_values(starting_model(pack).response_model(pack), _keyed(known_class, pack), pack, roster, UpdateSettings(meta_steps=0))
    seen = from_fixed(np.frombuffer(base64.b64decode(payload["values"]), dtype="<u8"))
    counts = seen[:len(pack.exercises)]
    assert own["exercise_students"].max() >= 10 and not np.any(np.abs(counts - own["exercise_students"]) < 1.0)
    assert export_masked_update(known_class.store, known_class.class_id, tmp_path / "again.json", pack,
                                tmp_path / "roster.json") == payload  # again for the same roster: the same file
    other_class = known_class.store.create_class("Other Room")
    with pytest.raises(LamplightError, match="already exported another class"):
        export_masked_update(known_class.store, other_class, tmp_path / "x.json", pack, tmp_path / "roster.json")
    district = starting_model(pack)
    peer_files = []
    for n, peer in enumerate(peers):
        peer_payload = masked_update(district.response_model(pack), _keyed(known_class, pack), pack, roster, peer, UpdateSettings(meta_steps=0))
        peer_files.append(write_file(tmp_path / f"peer-{n}.json", "masked-update", peer_payload))
    model = aggregate_masked_files([out] + peer_files, pack, tmp_path / "roster.json", tmp_path / "district.json")
    # the rare exercise has 5 students in each school: no school could share it, the district's 15 can be summed
    assert known_class.rare_key in model.release["exercises"]
    assert model.schools[-1]["students"] == 3 * 14 and model.round == 0
    with pytest.raises(LamplightError, match="No file from"):
        aggregate_masked_files([out] + peer_files[:1], pack, tmp_path / "roster.json", tmp_path / "district.json")
    with pytest.raises(LamplightError, match="masked update file, not a school's update file"):
        aggregate_files([out], pack, tmp_path / "plain.json")


def _keyed(known, pack):
    from engine.district.laptop import class_bank
    from engine.district.pack import keyed_log

    _, keys = class_bank(known.store)
    return keyed_log(known.store.class_log(known.class_id), keys, pack)


def test_secure_loadings_step_equals_the_same_step_on_all_students_in_one_place() -> None:
    """The masked sums of the alternating loadings fit add up to what one school holding every student would send."""
    from engine.district.masked import LOADING_DIMS, loading_sums
    from engine.district.update import on_pack, shared_first_attempts
    from engine.model.interface import Responses as R

    pack, logs = _classes()
    keys = [new_key(f"school {n}") for n in range(len(logs))]
    district = starting_model(pack)
    counting = _roster(keys, pack, district, min_students=3)
    base = district.response_model(pack)
    files = [(f"f{n}", masked_update(base, log, pack, counting, key, UpdateSettings(meta_steps=0)))
             for n, (log, key) in enumerate(zip(logs, keys))]
    counted = aggregate_masked(files, counting, pack, district)
    assert counted.release["loadings"] is False  # 30 answers per student over 60 exercises: too few answers per exercise
    release = Release(tuple(counted.release["exercises"]), tuple(counted.release["skills"]), 3, counting.fingerprint, True)
    start = {k: (0.3, -0.2) for k in release.exercises}
    seeded = DistrictModel(district.pack, dict(district.meta), loadings=start)
    roster = _roster(keys, pack, seeded, release, min_students=3)
    base = seeded.response_model(pack)
    files = [(f"f{n}", masked_update(base, log, pack, roster, key, UpdateSettings(meta_steps=0)))
             for n, (log, key) in enumerate(zip(logs, keys))]
    secure = aggregate_masked(files, roster, pack, seeded)
    everyone = R([f"{n}:{s}" for n, log in enumerate(logs) for s in log.student_ids], [i for log in logs for i in log.item_ids],
                 [k for log in logs for k in log.skill_ids], np.concatenate([log.correct for log in logs]))
    model = on_pack(base, pack)
    g, h = loading_sums(model, shared_first_attempts(everyone, pack), release.exercises)
    g, h = g.reshape(-1, LOADING_DIMS), h.reshape(-1, LOADING_DIMS, LOADING_DIMS)
    prior = base.settings.loading_prior
    moved = 0
    for n, key in enumerate(release.exercises):
        expected = np.linalg.solve(h[n] + prior * np.eye(LOADING_DIMS), h[n] @ np.array(start[key]) + g[n])
        assert np.allclose(secure.loadings[key], expected, atol=1e-6)
        moved += not np.allclose(expected, start[key], atol=1e-3)
    assert moved > len(release.exercises) // 2
    tuned = secure.response_model(pack)
    assert np.allclose(tuned.params["loading"][tuned.item_index[release.exercises[0]]], secure.loadings[release.exercises[0]])
    assert DistrictModel.from_payload(json.loads(json.dumps(secure.payload()))).id == secure.id


def test_two_secure_rounds_through_the_command_line(known_class, data_dir: Path, tmp_path: Path, capsys) -> None:
    """keys, roster, export --roster and aggregate --roster as a teacher and the district type them; then import."""
    from engine.cli import main
    from engine.district.laptop import load_district_model, load_roster

    pack = load_shared_pack()
    log = _keyed(known_class, pack)
    known_class.store.close()
    peers = [new_key(f"Peer {n}") for n in range(2)]
    for peer in peers:
        write_file(tmp_path / f"key-{peer.school}.json", "school-key", peer.public_payload())
    assert main(["district", "keys", "--school", "Hillside Primary", "--out", str(tmp_path / "key-hillside.json")]) == 0
    keys = [str(p) for p in sorted(tmp_path.glob("key-*.json"))]
    base: list[str] = []
    for name in ("r1", "r2"):
        roster = tmp_path / f"roster-{name}.json"
        assert main(["district", "roster", *keys, "--out", str(roster), *base]) == 0
        assert main(["district", "export", "--class", "Kestrel Room 7", "--roster", str(roster), "--meta-steps", "2",
                     "--out", str(tmp_path / f"hillside-{name}.json"), *base]) == 0
        printed = capsys.readouterr().out
        assert ("counting round" in printed) == (name == "r1") and "Hillside Primary" in printed
        start = load_district_model(base[1], pack) if base else None
        model = (start or _round_zero(pack)).response_model(pack)
        files = [str(tmp_path / f"hillside-{name}.json")]
        for n, peer in enumerate(peers):
            payload = masked_update(model, log, pack, load_roster(roster, pack), peer, UpdateSettings(meta_steps=0))
            files.append(str(write_file(tmp_path / f"peer{n}-{name}.json", "masked-update", payload)))
        out = tmp_path / f"district-{name}.json"
        assert main(["district", "aggregate", *files, "--roster", str(roster), "--out", str(out), *base]) == 0
        printed = capsys.readouterr().out
        assert "| hillside-" in printed and "| masked |" in printed and f"| (all files) | all schools | {3 * 14} |" in printed
        base = ["--base", str(out)]
    final = load_district_model(tmp_path / "district-r2.json", pack)
    assert final.round == 1 and final.exercises and known_class.rare_key in final.exercises  # 3 x 5 students on it
    code = main(["district", "import", str(tmp_path / "district-r2.json"), "--class", "Kestrel Room 7"])
    summary = capsys.readouterr().out
    assert "log loss" in summary and code == (0 if summary.startswith("The district model is now used") else 3)


def _round_zero(pack):
    from engine.district.laptop import _shipped_meta

    return starting_model(pack, _shipped_meta())
