"""The marking session the app uses: groups, teacher marks, suggestions, accepting confident ones."""
import numpy as np
import pytest
import torch

from engine.errors import LamplightError
from engine.marking.marker import MarkingSession, group_answers
from engine.marking.model import LearnedMarker
from engine.marking.training import TrainSettings
from tests.marking.helpers import synthetic_question, synthetic_questions


@pytest.fixture(scope="module")
def trained():
    torch.set_num_threads(1)
    marker = LearnedMarker(TrainSettings(learner="relation", dim=16, epochs=4, seed=0))
    marker.fit(synthetic_questions(30))
    marker.thresholds = {1: 0.8, 5: 0.8}
    return marker


def test_groups_collapse_identical_answers_and_put_largest_first():
    answers = ["Closed circuit", "open", "closed  CIRCUIT!", "something else entirely", "ＣＬＯＳＥＤ circuit",
               "open."]
    groups = group_answers(answers)
    assert groups[0] == [0, 2, 4]
    assert groups[1] == [1, 5]
    assert groups[2] == [3]
    assert group_answers(["电路闭合", "电路闭合。", "电池"])[0] == [0, 1]
    assert group_answers(["电池", "雷声先来", "雷声 先来", "雷声先来。"])[0] == [1, 2, 3]  # a space between Han characters means nothing


def test_similar_answers_join_a_group():
    answers = ["the current flows through the closed circuit", "the current flows through the closed circuits",
               "no idea"]
    assert group_answers(answers)[0] == [0, 1]


def test_suggestions_follow_the_teacher_marks(trained):
    q = synthetic_question(77)
    session = MarkingSession(q.prompt, q.references, q.answers, trained)
    right, wrong = int(np.flatnonzero(q.correct == 1)[0]), int(np.flatnonzero(q.correct == 0)[0])
    session.mark(right, 1.0)
    session.mark([wrong], 0.0)
    suggestions = session.suggestions()
    assert {s.index for s in suggestions} == set(range(len(q.answers))) - {right, wrong}
    agree = np.mean([(s.p_right >= 0.5) == bool(q.correct[s.index]) for s in suggestions])
    assert agree >= 0.8
    confident = [s for s in suggestions if s.confident]
    added = session.accept_confident()
    assert set(added) == {s.index for s in confident}
    assert all(session.marks[i] in (0.0, 1.0) for i in added)


def test_points_are_suggested_from_similar_marked_answers(trained):
    answers = ["alpha beta gamma", "alpha beta gamma delta", "zeta eta theta", "zeta eta theta iota"]
    session = MarkingSession("?", ["alpha beta gamma"], answers, trained)
    session.mark(0, 0.5)
    session.mark(2, 0.0)
    by_index = {s.index: s for s in session.suggestions()}
    assert by_index[1].score == pytest.approx(0.5, abs=0.05)
    assert by_index[3].score == pytest.approx(0.0, abs=0.05)


def test_bad_marks_are_refused(trained):
    session = MarkingSession("?", [], ["a", "b"], trained)
    with pytest.raises(LamplightError):
        session.mark(0, 1.5)
    with pytest.raises(LamplightError):
        session.mark(5, 1.0)
    assert session.marks == {}


def test_the_next_answer_to_mark_is_unsure_typical_and_not_yet_marked(trained):
    from engine.marking.choice import next_to_mark
    from engine.marking.data import Question

    answers = ["it melts", "it melts", "ice melts", "no idea", "it melts"]
    q = Question("q", "d", "en", "What happens to ice in the sun?", ["it melts"], answers, np.zeros(5, np.int64), np.zeros(5))
    assert next_to_mark(q, np.full(5, 0.5), marked=[]) in (0, 1, 4)  # all unsure: the answer most classmates wrote
    assert next_to_mark(q, np.array([0.99, 0.99, 0.5, 0.5, 0.99]), marked=[]) == 2  # sure of those: the next typical
    assert next_to_mark(q, np.full(5, 0.5), marked=[0, 1, 2, 4]) == 3
    assert next_to_mark(q, np.full(5, 0.5), marked=range(5)) is None
    session = MarkingSession(q.prompt, q.references, answers, trained)
    session.mark([0, 1, 2, 3], 1.0)
    assert session.next_to_mark() == 4
    session.mark(4, 0.0)
    assert session.next_to_mark() is None
