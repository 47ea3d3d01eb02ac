"""The memory-based sequence models (engine.model.sequence) on small generated students."""
from __future__ import annotations

import numpy as np
import pytest

from engine.errors import LamplightError
from engine.model.interface import Responses
from engine.model.sequence import SEQUENCE_MODELS, NeuralSequenceModel, default_sequence_model
from engine.model.sequence_data import roc_auc

SKILLS = 4
ITEMS_PER_SKILL = 3
TINY = dict(dim=16, heads=2, layers=1, window=16, batch_tokens=400, max_epochs=5, patience=5,
            learning_rate=5e-3, device="cpu")


def bkt_students(n_students: int, length: int, seed: int, prefix: str = "s") -> Responses:
    """Students following Bayesian knowledge tracing: practice a skill, sometimes learn it.

    Each item has its own guess rate, so both the student's history (mastered or not)
    and the item matter.
    """
    rng = np.random.default_rng(seed)
    guess = np.linspace(0.1, 0.4, ITEMS_PER_SKILL)
    students, items, skills, correct = [], [], [], []
    for s in range(n_students):
        learned = rng.random(SKILLS) < 0.15
        for _ in range(length):
            skill = int(rng.integers(SKILLS))
            item = int(rng.integers(ITEMS_PER_SKILL))
            p = 0.9 if learned[skill] else guess[item]
            students.append(f"{prefix}{s}")
            items.append(f"k{skill}-i{item}")
            skills.append((f"k{skill}",))
            correct.append(float(rng.random() < p))
            if not learned[skill] and rng.random() < 0.25:
                learned[skill] = True
    return Responses(students, items, skills, np.asarray(correct, dtype=np.float32))


def scored_rows(log: Responses) -> np.ndarray:
    """Every row except each student's first (the kt protocol scores these)."""
    first = np.r_[True, np.asarray(log.student_ids[1:]) != np.asarray(log.student_ids[:-1])]
    return ~first


def subset(log: Responses, rows: np.ndarray) -> Responses:
    return Responses([log.student_ids[r] for r in rows], [log.item_ids[r] for r in rows],
                     [log.skill_ids[r] for r in rows], log.correct[rows])


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Tiny models train faster on one thread (and the test machine is shared)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def trained(one_thread) -> NeuralSequenceModel:
    model = SEQUENCE_MODELS["attn"](seed=0, **TINY)
    model.fit(bkt_students(100, 30, seed=1))
    return model


def test_attention_model_beats_constant_predictor(trained: NeuralSequenceModel) -> None:
    test = bkt_students(60, 40, seed=2, prefix="t")
    p = trained.predict_next(test)
    scored = scored_rows(test)
    y = test.correct[scored]
    base_rate = np.full(scored.sum(), trained_rate := float(y.mean()))
    assert roc_auc(y, p[scored]) > 0.7
    assert log_loss(y, p[scored]) < log_loss(y, base_rate) - 0.03, trained_rate
    assert trained.report.best_validation_auc > 0.65
    assert trained.report.epochs and trained.report.cpu_seconds > 0


def test_gru_model_beats_constant_predictor() -> None:
    model = SEQUENCE_MODELS["gru"](seed=0, **TINY)
    model.fit(bkt_students(100, 30, seed=1))
    test = bkt_students(60, 40, seed=2, prefix="t")
    scored = scored_rows(test)
    assert roc_auc(test.correct[scored], model.predict_next(test)[scored]) > 0.7


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_changing_an_answer_never_changes_earlier_predictions(trained: NeuralSequenceModel) -> None:
    # 50 answers with a window of 16: predictions come from several overlapping windows.
    student = bkt_students(1, 50, seed=3, prefix="c")
    before = trained.predict_next(student)
    for changed in (0, 7, 20, 35, 49):
        flipped = Responses(student.student_ids, student.item_ids, student.skill_ids, student.correct.copy())
        flipped.correct[changed] = 1.0 - flipped.correct[changed]
        after = trained.predict_next(flipped)
        np.testing.assert_array_equal(after[: changed + 1], before[: changed + 1])
        if changed < 49:
            assert not np.allclose(after[changed + 1:], before[changed + 1:]), "later answers should react"


def test_students_need_not_be_contiguous(trained: NeuralSequenceModel) -> None:
    log = bkt_students(3, 20, seed=4, prefix="m")
    interleaved = np.array([s * 20 + t for t in range(20) for s in range(3)])
    np.testing.assert_allclose(trained.predict_next(subset(log, interleaved)),
                               trained.predict_next(log)[interleaved], rtol=1e-6)


def test_unseen_items_and_skills_get_predictions(trained: NeuralSequenceModel) -> None:
    log = Responses(
        ["u", "u", "u", "u", "u", "u"],
        ["k0-i0", "new-item", "new-item", "other-new", "k1-i2", "k1-i2"],
        [("k0",), ("k0",), ("k0",), ("new-skill",), ("k1",), ()],
        np.array([1, 0, 1, 1, 0, 1], dtype=np.float32),
    )
    p = trained.predict_next(log)
    assert p.shape == (6,)
    assert np.all(np.isfinite(p)) and np.all((p > 0) & (p < 1))


def test_training_is_deterministic_for_a_seed() -> None:
    train = bkt_students(30, 15, seed=5)
    test = bkt_students(5, 20, seed=6, prefix="t")
    settings = {**TINY, "max_epochs": 1}
    first = SEQUENCE_MODELS["attn"](seed=3, **settings)
    second = SEQUENCE_MODELS["attn"](seed=3, **settings)
    other = SEQUENCE_MODELS["attn"](seed=4, **settings)
    for model in (first, second, other):
        model.fit(train)
    np.testing.assert_array_equal(first.predict_next(test), second.predict_next(test))
    assert not np.array_equal(first.predict_next(test), other.predict_next(test))


def test_same_figures_under_other_thread_counts_and_load() -> None:
    """Training is a function of data, seed and settings: the caller's thread count and a
    CPU-heavy process beside it change nothing (no time budget, fixed threads)."""
    import subprocess
    import sys

    import torch

    train = bkt_students(40, 25, seed=8)
    test = bkt_students(6, 30, seed=9, prefix="t")
    settings = {**TINY, "max_epochs": 3, "patience": 1}

    def train_and_predict(kind: str) -> tuple[np.ndarray, list[dict]]:
        model = SEQUENCE_MODELS[kind](seed=2, **settings)
        model.fit(train)
        return model.predict_next(test), [{k: e[k] for k in ("train_loss", "val_auc")} for e in model.report.epochs]

    for kind in ("attn", "gru"):
        torch.set_num_threads(1)
        quiet = train_and_predict(kind)
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            torch.set_num_threads(2)
            loaded = train_and_predict(kind)
        finally:
            busy.kill()
            busy.wait()
            torch.set_num_threads(1)
        np.testing.assert_array_equal(quiet[0], loaded[0])
        assert quiet[1] == loaded[1] and len(quiet[1]) >= 2


def test_time_limit_fails_the_run_instead_of_cutting_it_short() -> None:
    model = SEQUENCE_MODELS["attn"](seed=0, **{**TINY, "time_limit_seconds": 0.0})
    with pytest.raises(LamplightError, match="limit"):
        model.fit(bkt_students(20, 10, seed=1))


def test_saved_model_predicts_the_same_after_loading(trained: NeuralSequenceModel, tmp_path) -> None:
    path = tmp_path / "seq.safetensors"
    trained.save(path)
    loaded = NeuralSequenceModel.load(path, device="cpu")
    test = bkt_students(4, 25, seed=7, prefix="l")
    np.testing.assert_array_equal(loaded.predict_next(test), trained.predict_next(test))
    assert loaded.name == "attn" and loaded.config.window == trained.config.window


def test_loading_a_wrong_file_says_so(tmp_path) -> None:
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not a model")
    with pytest.raises(LamplightError, match="junk.safetensors"):
        NeuralSequenceModel.load(junk)
    from safetensors.numpy import save_file

    other = tmp_path / "other.safetensors"
    save_file({"w": np.zeros(2, dtype=np.float32)}, str(other))
    with pytest.raises(LamplightError, match="not a Lamplight sequence model"):
        NeuralSequenceModel.load(other)


def test_misuse_gives_clear_errors() -> None:
    with pytest.raises(LamplightError, match="fit"):
        default_sequence_model().predict_next(bkt_students(1, 3, seed=0))
    with pytest.raises(LamplightError, match="empty"):
        default_sequence_model(device="cpu").fit(Responses([], [], [], np.zeros(0, dtype=np.float32)))
    with pytest.raises(LamplightError, match="kind"):
        NeuralSequenceModel(kind="lstm")
    with pytest.raises(LamplightError, match="fit first"):
        default_sequence_model().save("unused.safetensors")


def test_registry_names_the_default() -> None:
    assert set(SEQUENCE_MODELS) >= {"attn", "gru"}
    model = default_sequence_model()
    assert model.name == "attn" and model.config.window == 200


def test_short_training_on_assist2015_predicts_next_answers() -> None:
    """1,500 real students and three short epochs already beat chance clearly (full runs: README)."""
    from engine.data import load_responses, subset
    from engine.evaluation.protocols import kt_split
    from tests.conftest import shared_dataset

    train, test = kt_split(load_responses(shared_dataset("assist2015")), max_students=300)
    first_train = list(dict.fromkeys(train.student_ids))[:1500]
    keep = set(first_train)
    train = subset(train, [r for r, s in enumerate(train.student_ids) if s in keep])
    model = SEQUENCE_MODELS["attn"](seed=0, dim=32, layers=1, max_epochs=3, batch_tokens=1000, device="cpu")
    model.fit(train)
    scored = scored_rows(test)
    assert roc_auc(test.correct[scored], model.predict_next(test)[scored]) > 0.68
