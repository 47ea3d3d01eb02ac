"""engine.data: reading the shared dataset format."""
from __future__ import annotations

import gzip

import numpy as np
import pytest

from engine.data import load_responses, load_skill_names
from engine.errors import LamplightError


def write(path, text: str) -> None:
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_rows_grouped_by_student_then_position_with_file_order_breaking_ties(tmp_path):
    write(tmp_path / "responses.csv.gz",
          "student_id,item_id,skill_ids,correct,position,notes\n"
          "b,i1,k1;k2,1,2,x\n"
          "a,i2,,0,1,y\n"
          "b,i3,k1,0,0,z\n"
          "a,i4,k3,1,0,\n"
          "b,i5,k2,1,2,\n"
          "a,i6,k3,1,1,\n")
    log = load_responses(tmp_path)
    assert log.student_ids == ["b", "b", "b", "a", "a", "a"]
    assert log.item_ids == ["i3", "i1", "i5", "i4", "i2", "i6"]
    assert log.skill_ids == [("k1",), ("k1", "k2"), ("k2",), ("k3",), (), ("k3",)]
    assert log.correct.dtype == np.float32
    assert log.correct.tolist() == [0, 1, 1, 1, 0, 1]
    assert log.extra["position"] == [0, 2, 2, 0, 1, 1]
    assert "notes" not in log.extra


def test_split_and_fold_are_kept_and_plain_csv_is_read(tmp_path):
    write(tmp_path / "responses.csv",
          "student_id,item_id,skill_ids,correct,position,split,fold\n"
          "s1,i1,k,1,1,test,2\n"
          "s1,i2,k,0,0,test,2\n")
    log = load_responses(tmp_path / "responses.csv")
    assert log.item_ids == ["i2", "i1"]
    assert log.extra["split"] == ["test", "test"]
    assert log.extra["fold"] == ["2", "2"]


@pytest.mark.parametrize("body, message", [
    ("s,i,k,1,0\ns,i,k,yes,1\n", "line 3: correct is 'yes'"),
    ("s,i,k,1,0\ns,i,k,2,1\n", "line 3: correct is '2'"),
    ("s,i,k,1,0\ns,i,k,1,first\n", "line 3: position is 'first'"),
    ("s,i,k,1,0\ns,i,k,1\n", "line 3: 4 fields, expected 5"),
])
def test_malformed_rows_are_reported_with_their_line(tmp_path, body, message):
    write(tmp_path / "responses.csv.gz", "student_id,item_id,skill_ids,correct,position\n" + body)
    with pytest.raises(LamplightError, match=message):
        load_responses(tmp_path)


def test_missing_column_and_missing_file_are_clear_errors(tmp_path):
    write(tmp_path / "responses.csv", "student_id,item_id,correct,position\ns,i,1,0\n")
    with pytest.raises(LamplightError, match="missing column.*skill_ids"):
        load_responses(tmp_path)
    with pytest.raises(LamplightError, match="nowhere does not exist"):
        load_responses(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LamplightError, match="No responses.csv.gz"):
        load_responses(tmp_path / "empty")


def test_skill_names(tmp_path):
    (tmp_path / "skills.csv").write_text("skill_id,name\n1,Fractions\n2,Angles\n", encoding="utf-8")
    assert load_skill_names(tmp_path) == {"1": "Fractions", "2": "Angles"}
    assert load_skill_names(tmp_path / "none") == {}
