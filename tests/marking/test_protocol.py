"""The marking protocol's rules: support draws, folds, metrics, baselines and thresholds."""
import numpy as np
import pytest

from engine.marking import metrics, protocol
from engine.marking.baselines import ExactMatch, NearestMarked, ReferenceSimilarity
from engine.marking.data import Question, read_questions
from tests.marking.helpers import synthetic_question, synthetic_questions, write_folder


def test_support_draw_is_the_documented_rng():
    import random

    q = synthetic_question(0)
    drawn = protocol.draw_support(q, 3, seed=0, repeat=2)
    expected = sorted(random.Random(f"0:{q.qid}:3:2").sample(range(len(q.answers)), 3))
    assert drawn.tolist() == expected
    assert protocol.draw_support(q, 3, 0, 2).tolist() == drawn.tolist()


def test_chosen_support_marks_what_the_model_points_at_each_time():
    from engine.marking.choice import next_to_mark

    q = synthetic_question(0)
    marker = ReferenceSimilarity()
    marker.fit(synthetic_questions(8, seed=1))
    chosen = protocol.choose_support(marker, q, 4)
    assert len(set(chosen.tolist())) == 4
    marked: list[int] = []
    for _ in range(4):  # replay: each pick is the one the marker points at given the marks before it
        support = np.array(sorted(marked), dtype=np.int64)
        marked.append(next_to_mark(q, marker.judge(q, support, q.correct[support])[0], marked))
    assert marked == chosen.tolist()  # in the order picked
    report = protocol.evaluate(synthetic_questions(10) + [q], ["refsim"], [1, 3], support_by="chosen")
    assert report["support"] == "chosen" and {row["k"] for row in report["results"]} == {1, 3}
    with pytest.raises(ValueError):
        protocol.evaluate([q], ["refsim"], [1], support_by="best")


def test_translations_stay_in_one_fold(tmp_path):
    english = synthetic_questions(6)
    chinese = synthetic_questions(6, chinese=True)
    write_folder(tmp_path / "mohler", english)
    write_folder(tmp_path / "sas_asag_zh", chinese)
    write_folder(tmp_path / "other", synthetic_questions(6, seed=1))
    loaded = [q for name in ("mohler", "sas_asag_zh", "other") for q in read_questions(tmp_path / name)]
    for split in protocol.SPLITS:
        folds = dict(zip((q.qid + q.dataset for q in loaded), protocol.assign_folds(loaded, 0, split)))
        for i in range(6):
            assert folds[f"syn:{i}mohler"] == folds[f"syn:{i}sas_asag_zh"]
    by_dataset = protocol.assign_folds(loaded, 0, "datasets")
    assert len(set(by_dataset)) == 2


def test_macro_f1_and_accuracy():
    y = np.array([1, 1, 0, 0])
    assert metrics.macro_f1(y, np.array([1, 1, 0, 0])) == 1.0
    assert metrics.macro_f1(y, np.array([1, 1, 1, 1])) == pytest.approx((2 / 3 + 0) / 2)
    assert metrics.macro_f1(np.array([1, 1]), np.array([1, 1])) == 1.0
    assert metrics.accuracy(y, np.array([0.9, 0.4, 0.2, 0.6])) == 0.5


def test_precision_threshold_finds_the_lowest_safe_confidence():
    confidence = np.r_[np.full(50, 0.99), np.full(50, 0.7)]
    right = np.r_[np.ones(50), np.r_[np.ones(25), np.zeros(25)]]
    assert metrics.precision_threshold(confidence, right) == 0.99
    assert metrics.precision_threshold(confidence, np.zeros(100)) == float("inf")


def test_exact_match_uses_the_key_and_the_teacher_marks():
    q = Question("q", "d", "en", "?", ["Closed circuit"], ["closed circuit!", "open", "OPEN ", "other"],
                 np.array([1, 0, 0, 0]), np.array([1.0, 0, 0, 0]))
    p = ExactMatch().predict(q, np.array([1]), np.array([0]))
    assert p.tolist() == [1.0, 0.0, 0.0, 0.0]
    p = ExactMatch().predict(q, np.array([3]), np.array([1]))
    assert p.tolist() == [1.0, 0.0, 0.0, 1.0]


def test_baselines_separate_synthetic_right_and_wrong():
    train, test = synthetic_questions(20), synthetic_questions(5, seed=9)
    refsim = ReferenceSimilarity()
    refsim.fit(train)
    for marker in (refsim, NearestMarked()):
        aucs = [metrics.auc(q.correct, marker.predict(q, np.array([0]), q.correct[:1])) for q in test]
        assert np.nanmean(aucs) > 0.8, marker.name


def test_reference_similarity_does_not_apply_without_a_reference():
    q = synthetic_question(0)
    q.references = []
    assert ReferenceSimilarity().predict(q, np.array([0]), np.array([1])) is None


def test_evaluate_reports_every_model_and_k(tmp_path):
    questions = synthetic_questions(12)
    report = protocol.evaluate(questions, ["exact", "nearest"], [1, 3], seed=0)
    rows = {(r["model"], r["k"]): r for r in report["results"]}
    assert set(rows) == {("exact", 1), ("exact", 3), ("nearest", 1), ("nearest", 3)}
    assert all(r["questions"] == 12 for r in rows.values())
    assert rows[("nearest", 3)]["macro_f1"] > rows[("exact", 3)]["macro_f1"]
    for row in rows.values():
        assert {"acc", "macro_f1", "auc", "auto_share", "auto_precision"} <= set(row)
