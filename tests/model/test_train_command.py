"""`python -m engine train`: writes a loadable model, reports CPU seconds, Ctrl-C leaves no file."""
from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from engine.cli import main
from engine.model.registry import load_model
from engine.model.synthetic import make_class


def write_dataset(folder: Path, students: int = 40, seed: int = 0) -> Path:
    truth, log = make_class(students=students, items=40, answers_per_student=25, skills=4, seed=seed)
    folder.mkdir(parents=True)
    with gzip.open(folder / "responses.csv.gz", "wt", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "item_id", "skill_ids", "correct", "position"])
        position: dict[str, int] = {}
        for student, item, skills, y in zip(log.student_ids, log.item_ids, log.skill_ids, log.correct):
            writer.writerow([student, item, ";".join(skills), int(y), position.setdefault(student, 0)])
            position[student] += 1
    return folder


def test_train_writes_a_model_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_dataset(tmp_path / "toy")
    out = tmp_path / "models" / "toy"
    assert main(["train", "--data", str(data), "--algorithm", "fomaml", "--out", str(out), "--epochs", "3", "--device", "cpu"]) == 0
    printed = capsys.readouterr()
    assert "CPU s" in printed.out and "step 3/3" in printed.err
    model = load_model(out)
    assert model.settings.algorithm == "fomaml" and model.n_items > 0
    assert "item1" in model.items or any(i.startswith("item") for i in model.items)


def test_two_datasets_train_one_portable_model(tmp_path: Path) -> None:
    first, second = write_dataset(tmp_path / "a"), write_dataset(tmp_path / "b", seed=1)
    out = tmp_path / "both"
    assert main(["train", "--data", str(first), str(second), "--out", str(out), "--epochs", "2", "--portable"]) == 0
    model = load_model(out)
    assert model.n_items == 0 and model.settings.outer_steps == 100  # a new class re-calibrates its own bank


def test_ctrl_c_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import engine.model.training as training

    data = write_dataset(tmp_path / "toy")

    def interrupted(*args, progress=None, **kwargs):
        progress(0.5, "half way")
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "meta_train", interrupted)
    out = tmp_path / "never"
    assert main(["train", "--data", str(data), "--out", str(out)]) == 130
    assert "nothing written" in capsys.readouterr().err
    assert list(tmp_path.glob("never*")) == []


def test_missing_dataset_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--data", str(tmp_path / "absent"), "--out", str(tmp_path / "m")]) == 1
    error = capsys.readouterr().err.lower()
    assert "absent" in error and "responses" in error
