"""Meta-training under torchrun with 2 processes (gloo on CPU) gives the same model as one process."""
from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.model.persistence import load_saved_model
from engine.model.synthetic import make_class

ROOT = Path(__file__).resolve().parents[2]


def _write_dataset(folder: Path, students: int = 24, answers: int = 24) -> Path:
    _, log = make_class(students=students, items=60 if students > 24 else 40, answers_per_student=answers, skills=4, seed=3)
    folder.mkdir()
    position: dict[str, int] = {}
    with open(folder / "responses.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["student_id", "item_id", "skill_ids", "correct", "position"])
        for student, item, skills, correct in zip(log.student_ids, log.item_ids, log.skill_ids, log.correct):
            position[student] = position.get(student, 0) + 1
            out.writerow([student, item, ";".join(skills), int(correct), position[student]])
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _train(data: Path, out: Path, processes: int) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAMPLIGHT_THREADS": "1", "OMP_NUM_THREADS": "1"}
    train = ["-m", "engine", "train", "--data", str(data), "--out", str(out), "--epochs", "12", "--device", "cpu", "--seed", "5"]
    if processes == 1:
        command = [sys.executable, *train]
    else:
        command = [sys.executable, "-m", "torch.distributed.run", "--nnodes", "1", "--nproc_per_node", str(processes),
                   "--master_addr", "127.0.0.1", "--master_port", str(_free_port()), *train]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def test_two_processes_train_the_same_model_as_one(tmp_path: Path) -> None:
    data = _write_dataset(tmp_path / "tiny")
    _train(data, tmp_path / "one", 1)
    assert "data-parallel on 2 processes" in _train(data, tmp_path / "two", 2)
    one, two = load_saved_model(tmp_path / "one"), load_saved_model(tmp_path / "two")
    assert one.items == two.items and one.skills == two.skills
    assert one.info["calibration"]["steps"] == 12
    for name in ("beta_skill", "delta", "tau0", "lr_tau"):
        np.testing.assert_allclose(one.params[name], two.params[name], rtol=1e-4, atol=1e-5, err_msg=name)
    for name, value in one.meta.items():
        assert abs(value - two.meta[name]) < 1e-5, name
    moved = np.abs(one.params["delta"]).max()
    assert moved > 0.05  # training did something, so agreeing is not trivial


@pytest.mark.slow
def test_district_simulation_under_torchrun_gives_the_figures_of_one_process(tmp_path: Path) -> None:
    data = _write_dataset(tmp_path / "tiny", students=120, answers=30)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAMPLIGHT_THREADS": "1", "OMP_NUM_THREADS": "1"}
    simulate = ["-m", "engine", "district", "simulate", "--data", str(data), "--schools", "4", "--rounds", "2",
                "--epsilons", "8", "--meta-steps", "5", "--secure"]
    outputs = []
    for launcher in ([sys.executable], [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2",
                                        "--master_addr", "127.0.0.1", "--master_port", str(_free_port())]):
        out = tmp_path / f"{len(outputs)}.json"
        done = subprocess.run([*launcher, *simulate, "--json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        outputs.append(json.loads(out.read_text(encoding="utf-8")))
    one, two = outputs
    assert (one["processes"], two["processes"]) == (1, 2)
    assert {"federated", "secure", "dp-eps8"} <= {r["setting"] for r in one["results"]}
    assert [r["auc"] for r in one["results"]] == pytest.approx([r["auc"] for r in two["results"]], abs=1e-6)
