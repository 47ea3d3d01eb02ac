"""The command line: evaluate --protocol marking, marking-train and bench --scenario marking."""
import json

from engine.cli import main
from tests.marking.helpers import synthetic_questions, write_folder


def test_evaluate_marking_writes_rows_for_every_dataset(tmp_path, capsys):
    write_folder(tmp_path / "english", synthetic_questions(10))
    write_folder(tmp_path / "chinese", synthetic_questions(8, seed=4, chinese=True))
    out = tmp_path / "report.json"
    assert main(["evaluate", "--protocol", "marking", "--data", str(tmp_path / "english"), str(tmp_path / "chinese"),
                 "--ks", "1,3", "--seed", "0", "--model", "exact,refsim,nearest", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["protocol"] == "marking" and report["ks"] == [1, 3]
    assert {(r["dataset"], r["model"], r["k"]) for r in report["results"]} == {
        (d, m, k) for d in ("english", "chinese") for m in ("exact", "refsim", "nearest") for k in (1, 3)}
    # both folders reuse the question ids syn:0.. : each dataset's questions still count separately
    assert {r["dataset"]: r["questions"] for r in report["results"]} == {"english": 10, "chinese": 8}
    assert "mF1" in capsys.readouterr().out


def test_other_protocols_still_take_one_folder(tmp_path, capsys):
    assert main(["evaluate", "--data", str(tmp_path), str(tmp_path), "--protocol", "kt"]) == 1
    assert "one --data folder" in capsys.readouterr().err


def test_train_then_bench_a_marking_model(tmp_path, capsys):
    write_folder(tmp_path / "english", synthetic_questions(15))
    model = tmp_path / "marking"
    assert main(["marking-train", "--data", str(tmp_path / "english"), "--out", str(model), "--epochs", "2"]) == 0
    assert (tmp_path / "marking.safetensors").exists() and (tmp_path / "marking.json").exists()
    figures = tmp_path / "bench.json"
    assert main(["bench", "--scenario", "marking", "--model", str(model), "--json", str(figures)]) == 0
    measured = json.loads(figures.read_text())
    assert measured["marking_suggest_60_after_mark_ms_median"] > 0
