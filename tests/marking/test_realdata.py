"""Checks on the real graded-answer datasets (skipped when ../shared/data is absent)."""
from pathlib import Path

import numpy as np
import pytest

from engine.marking import protocol
from engine.marking.data import read_datasets

SHORT_ANSWERS = Path(__file__).resolve().parents[3] / "shared" / "data" / "short-answers"
NAMES = ("semeval_beetle", "semeval_scientsbank", "mohler", "digiklausur_nn", "sas_asag_zh", "sas_le")

pytestmark = [pytest.mark.realdata,
              pytest.mark.skipif(not SHORT_ANSWERS.exists(), reason="../shared/data/short-answers is absent")]


@pytest.fixture(scope="module")
def questions():
    return read_datasets([SHORT_ANSWERS / name for name in NAMES])


def test_datasets_load_as_the_readme_describes(questions):
    counts = {name: sum(q.dataset == name for q in questions) for name in NAMES}
    assert counts == {"semeval_beetle": 56, "semeval_scientsbank": 196, "mohler": 81, "digiklausur_nn": 17,
                      "sas_asag_zh": 21, "sas_le": 100}
    assert all(not q.references for q in questions if q.dataset == "digiklausur_nn")
    assert sum(len(q.answers) for q in questions) == 5199 + 10804 + 2273 + 624 + 629 + 585


def test_translations_pair_with_their_english_question(questions):
    english = [q for q in questions if q.dataset == "mohler"]
    chinese = [q for q in questions if q.dataset == "sas_asag_zh"]
    for zh in chinese[:20]:  # the 21st lacks one answer; the others carry identical marks
        twin = next(q for q in english if q.group == zh.group)
        assert np.array_equal(twin.scores, zh.scores)
    for split in protocol.SPLITS:
        folds = dict(zip((q.dataset + q.qid for q in questions), protocol.assign_folds(questions, 0, split)))
        for zh in chinese:
            twin = next(q for q in english if q.group == zh.group)
            assert folds["sas_asag_zh" + zh.qid] == folds["mohler" + twin.qid]


def test_shipped_marking_model_marks_a_real_question(questions):
    from engine.marking.marker import MarkingSession, default_marker_path, load_default_marker
    from engine.marking import metrics

    if not default_marker_path().with_suffix(".safetensors").exists():
        pytest.skip("no shipped marking model yet")
    marker = load_default_marker()
    question = next(q for q in questions if q.qid == "mohler:1.1")
    session = MarkingSession(question.prompt, question.references, question.answers, marker)
    session.mark([0, 1, 2], 0.0)
    for i in (0, 1, 2):
        session.mark(i, float(question.scores[i] >= 0.8))
    suggestions = session.suggestions()
    truth = question.correct[[s.index for s in suggestions]]
    assert metrics.auc(truth, np.array([s.p_right for s in suggestions])) > 0.6
