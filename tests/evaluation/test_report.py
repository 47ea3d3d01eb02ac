"""The evaluate command: JSON in the documented format, the table, model lookup and errors."""
from __future__ import annotations

import json

import pytest
from conftest import shared_dataset

from engine.cli import main
from engine.errors import LamplightError
from engine.evaluation.models import resolve_model

from .helpers import simulate_irt, write_dataset

RESULT_KEYS = {"policy", "n", "auc", "acc", "logloss", "ece", "students", "responses", "adapt_ms_median"}


@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path / "tinyset", simulate_irt(students=60, items=40, per_student=25, seed=8)).parent


def test_coldstart_json_has_the_documented_format(dataset, tmp_path, capsys):
    out = tmp_path / "irt.json"
    assert main(["evaluate", "--data", str(dataset), "--model", "irt", "--ns", "1,3", "--policy", "random,adaptive",
                 "--seed", "0", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert set(report) == {"protocol", "dataset", "seed", "model", "history_cpu_s", "results"}
    assert (report["protocol"], report["dataset"], report["seed"], report["model"]) == ("coldstart", "tinyset", 0, "irt")
    assert report["history_cpu_s"] >= 0
    assert [(r["policy"], r["n"]) for r in report["results"]] == [("random", 1), ("random", 3), ("adaptive", 1), ("adaptive", 3)]
    assert all(set(r) == RESULT_KEYS for r in report["results"])
    table = capsys.readouterr().out
    assert "coldstart on tinyset, seed 0" in table
    first = report["results"][0]
    assert f"{first['auc']:.4f}" in table and table.count("\nirt ") == 4


def test_several_models_share_one_table_and_one_json_list(dataset, tmp_path, capsys):
    out = tmp_path / "all.json"
    assert main(["evaluate", "--data", str(dataset), "--model", "irt,elo,difficulty", "--ns", "5",
                 "--policy", "random", "--json", str(out), "--max-students", "5"]) == 0
    reports = json.loads(out.read_text())
    assert [r["model"] for r in reports] == ["irt", "elo", "difficulty"]
    assert all(r["results"][0]["students"] == 5 for r in reports)
    assert len(capsys.readouterr().out.strip().splitlines()) == 3 + 3  # title, header, rule, one row per model


def test_kt_json_has_no_policy_or_n(dataset, tmp_path):
    out = tmp_path / "kt.json"
    assert main(["evaluate", "--data", str(dataset), "--protocol", "kt", "--model", "elo", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    [result] = report["results"]
    assert report["protocol"] == "kt" and "policy" not in result and "n" not in result
    assert result["responses"] == 18 * 24  # 18 test students, each first response unscored


def test_unknown_model_and_wrong_protocol_are_clear_errors(dataset, capsys):
    assert main(["evaluate", "--data", str(dataset), "--model", "nonsense"]) == 1
    assert "Unknown coldstart model 'nonsense'" in capsys.readouterr().err
    with pytest.raises(LamplightError, match="'dkt' is a kt model"):
        resolve_model("dkt", "coldstart")


def test_every_name_of_the_one_registry_makes_a_model():
    from engine.model import registry

    for protocol in ("coldstart", "kt"):
        for name in registry.names(protocol):
            if name != "default":
                assert resolve_model(name, protocol) is not None, name
    assert resolve_model("irt", "coldstart").name == "irt"  # once an ImportError behind `practice-bench --model irt`


def test_irt_on_real_assist2009_subset(tmp_path):
    folder = shared_dataset("assist2009")
    out = tmp_path / "real.json"
    assert main(["evaluate", "--data", str(folder), "--model", "irt", "--ns", "1,10", "--policy", "random",
                 "--max-students", "60", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["dataset"] == "assist2009"
    auc = {r["n"]: r["auc"] for r in report["results"]}
    assert 0.6 < auc[1] < 0.85 and 0.6 < auc[10] < 0.85
