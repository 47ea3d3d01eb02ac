import gzip
import json

import pytest

from engine.adapt.datasets import read_responses, sample_class
from engine.cli import main
from engine.errors import LamplightError

from conftest import shared_dataset


def _write_log(path, students=6, answers=30):
    lines = ["student_id,item_id,skill_ids,correct,position,extra"]
    for s in range(students):
        # Written in reverse position order: the reader must sort by position.
        for t in reversed(range(answers)):
            skill = "a" if t % 2 else "b;c"
            lines.append(f"st{s},q{t % 7},{skill},{int((t + s) % 3 != 0)},{t},x")
    with gzip.open(path, "wt") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def test_read_responses_orders_by_position_and_splits_skills(tmp_path):
    log = read_responses(_write_log(tmp_path / "responses.csv.gz"))
    assert len(log) == 180
    assert log.student_ids[:2] == ["st0", "st0"] and log.item_ids[:3] == ["q0", "q1", "q2"]
    assert log.skill_ids[0] == ("b", "c") and log.skill_ids[1] == ("a",)
    assert read_responses(tmp_path).item_ids == log.item_ids  # a folder works too


def test_bad_rows_name_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("student_id,item_id,skill_ids,correct,position\ns,i,a,1,0\ns,i,a,yes,1\n")
    with pytest.raises(LamplightError, match="line 3"):
        read_responses(path)
    (tmp_path / "cols.csv").write_text("student_id,item_id\ns,i\n")
    with pytest.raises(LamplightError, match="missing column"):
        read_responses(tmp_path / "cols.csv")


def test_sample_class_is_reproducible(tmp_path):
    log = read_responses(_write_log(tmp_path / "responses.csv.gz"))
    one = sample_class(log, 3, 60, seed=1)
    assert len(one) == 60 and len(set(one.student_ids)) == 3
    assert one.item_ids == sample_class(log, 3, 60, seed=1).item_ids
    with pytest.raises(LamplightError, match="ask for fewer"):
        sample_class(log, 10, 100)


def test_cli_next_steps_and_learn_bench(tmp_path, capsys):
    _write_log(tmp_path / "responses.csv.gz", students=10, answers=40)
    assert main(["next-steps", "--data", str(tmp_path), "--student", "st1", "-k", "2", "--model", "skill"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("st1 (40 answers)") and out.count("chance of success") == 2
    target = tmp_path / "learn.json"
    assert main(["learn-bench", "--data", str(tmp_path), "--students", "8", "--answers", "240", "--model", "skill", "--json", str(target)]) == 0
    figures = json.loads(target.read_text())
    assert figures["students"] == 8 and figures["answers"] == 240 and figures["held_out_answers"] == 48


def test_cli_practice_bench_small(tmp_path, capsys):
    target = tmp_path / "practice.json"
    assert main(["practice-bench", "--students", "3", "--cap", "60", "--history", "20", "--model", "bkt", "--json", str(target)]) == 0
    report = json.loads(target.read_text())
    assert [r["policy"] for r in report["results"]] == ["engine:knowledge-tracing", "fixed", "random", "ideal"]
    assert "saving_vs_fixed" in report["results"][0]
    assert all(r["students"] == 3 for r in report["results"])
    assert "median to all" in capsys.readouterr().out


def test_simulator_fit_on_real_data_subset(tmp_path):
    folder = shared_dataset("assist2009")
    from engine.adapt.simulator import fit_from_dataset

    params = fit_from_dataset(folder, n_skills=1, max_students=80, max_length=15)
    skill = params.skills[0]
    assert skill.students == 80 and 0 < skill.guess <= 0.4 and 0 < skill.slip <= 0.4 and 0 < skill.learn < 1


def test_model_list_understands_kinds_and_paths(tmp_path):
    from engine.bench.practice import _model_list

    assert _model_list(None) is None
    assert _model_list("bkt, skill") == ["bkt", "skill"]
    saved = tmp_path / "mine"
    (tmp_path / "mine.safetensors").write_bytes(b"")
    assert _model_list(str(saved)) == ["bkt", str(saved)]


def test_simulated_world_on_the_starter_pack_graph():
    from engine.graph import find_cycle
    from engine.adapt.simulator import SimulatedStudent, build_world, load_params, skill_graph

    graph = skill_graph("starter")
    assert len(graph) >= 10 and find_cycle(graph) is None
    world = build_world(load_params(), graph, items_per_skill=4, seed=1)
    assert set(world.skill_params) == set(graph) and len(world.item_skill) == 4 * len(graph)
    student = SimulatedStudent.new(world, 7)
    # Knowledge at the start respects prerequisites.
    assert all(student.prerequisites_known(s) for s in student.known)
    item = next(i for i, s in world.item_skill.items() if not graph[s])
    assert student.answer(item) in (0.0, 1.0)
