"""A laptop adopts a district model only if it predicts the class's own held-out answers at least as well."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.cli import main
from engine.district.aggregate import DistrictModel
from engine.district.fileformat import write_file
from engine.district.laptop import district_folder, import_district_model
from engine.district.pack import load_shared_pack


def test_export_aggregate_import_through_the_command_line(known_class, data_dir: Path, tmp_path: Path, capsys) -> None:
    update, model = tmp_path / "school.json", tmp_path / "district.json"
    known_class.store.close()
    assert main(["district", "export", "--class", "Kestrel Room 7", "--out", str(update), "--meta-steps", "5"]) == 0
    assert main(["district", "aggregate", str(update), "--out", str(model)]) == 0
    printed = capsys.readouterr().out
    assert "district model" in printed and "| school.json | 14 |" in printed
    code = main(["district", "import", str(model), "--class", "Kestrel Room 7"])
    summary = capsys.readouterr().out
    assert "district model" in summary and "log loss" in summary
    assert code == (0 if summary.startswith("The district model is now used") else 3), (code, summary)  # review 43d


def test_a_worse_district_model_is_refused_and_nothing_changes(known_class, tmp_path: Path) -> None:
    pack = load_shared_pack()
    answered = {e.key for e in known_class.store.list_exercises() if e.key.startswith("starter-math:")}
    meta = {"beta0": -0.5, "theta0": 0.0, "tau0": 0.0, "log_prec_theta": 0.0, "log_prec_tau": 0.5, "lr_theta": 0.25,
            "lr_tau": 0.25, "log_prec_u": 0.0, "lr_u": 0.25}
    rng = np.random.default_rng(0)
    wrong = DistrictModel(pack.describe(), meta, {}, {k: (float(rng.choice([-6.0, 6.0])), 100.0) for k in sorted(answered)}, 1)
    path = write_file(tmp_path / "wrong.json", "district-model", wrong.payload())
    report = import_district_model(known_class.store, known_class.class_id, path, pack)
    assert not report.adopted and report.after.log_loss > report.before.log_loss
    assert known_class.store.active_model_snapshot(known_class.class_id) is None
    assert not (district_folder(known_class.store) / "district-model.json").exists()


def test_a_district_model_that_predicts_as_well_is_adopted_and_can_be_rolled_back(known_class, tmp_path: Path) -> None:
    from engine.data import split_holdout
    from engine.district.adopt import merge
    from engine.district.laptop import class_bank, class_model

    pack = load_shared_pack()
    bank, keys = class_bank(known_class.store)
    log = known_class.store.class_log(known_class.class_id)
    train, _ = split_holdout(log)
    current = class_model(known_class.store, known_class.class_id, train, bank)
    # the class's own calibration, written as a district model
    own = {keys[item]: float(d) for item, d in zip(current.items, current.params["delta"]) if keys.get(item) in pack.exercises}
    skills = {s: (float(current.params["beta_skill"][k]), 1.0) for s, k in current.skill_index.items() if s in pack.skills}
    twin = DistrictModel(pack.describe(), current.transferable(), skills, {k: (v, 1.0) for k, v in own.items()}, 1)
    merged = merge(twin, pack, current, keys, bank)
    shared_rows = [i for i, item in enumerate(merged.items) if keys.get(item) in own]
    assert shared_rows and np.allclose(merged.difficulties(np.array(shared_rows)) - merged.meta["beta0"],
                                       [twin.exercises[keys[merged.items[i]]][0] + _skill_part(merged, i) for i in shared_rows])
    path = write_file(tmp_path / "twin.json", "district-model", twin.payload())
    report = import_district_model(known_class.store, known_class.class_id, path, pack)
    assert report.adopted == (report.after.log_loss <= report.before.log_loss)
    snapshot = known_class.store.active_model_snapshot(known_class.class_id)
    kept = district_folder(known_class.store) / "district-model.json"
    if report.adopted:
        assert snapshot is not None and snapshot.kind == "district" and kept.exists()
        known_class.store.deactivate_models(known_class.class_id)  # "use the shipped model" goes back
        assert known_class.store.active_model_snapshot(known_class.class_id) is None
    else:
        assert snapshot is None and not kept.exists()


def _skill_part(model, row: int) -> float:
    return float((model.params["beta_skill"][model.skill_idx[row]] * model.skill_w[row]).sum())


def test_a_district_model_with_numbers_no_district_makes_is_refused(known_class, tmp_path: Path) -> None:
    """Review 35b: a forged model (its id and checksum made again) with a setting of 1e400 or 1000 crashed the import
    with an OverflowError; it is refused by name and nothing changes."""
    import pytest

    from engine.errors import LamplightError

    pack = load_shared_pack()
    meta = {"beta0": -0.5, "theta0": 0.0, "tau0": 0.0, "log_prec_theta": 0.0, "log_prec_tau": 0.5, "lr_theta": 0.25,
            "lr_tau": 0.25, "log_prec_u": 0.0, "lr_u": 0.25}
    for forged in ({**meta, "log_prec_u": 1000.0}, {**meta, "beta0": 1e300}):
        model = DistrictModel(pack.describe(), forged, {}, {}, 1)
        path = write_file(tmp_path / "forged.json", "district-model", model.payload())
        with pytest.raises(LamplightError, match="values no district model has"):
            import_district_model(known_class.store, known_class.class_id, path, pack)
        assert known_class.store.active_model_snapshot(known_class.class_id) is None
    huge = DistrictModel(pack.describe(), meta, {}, {"starter-math:times-zero": (1e300, 1.0)}, 1)
    with pytest.raises(LamplightError, match="exercises"):
        DistrictModel.from_payload(huge.payload())
