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


def test_chinese_answers_with_words_around_them_that_change_nothing_join_a_group():
    """Review 29a: 三角形, 一个三角形, 三角形的 and 是三角形 were four groups (a triangle / triangle were one)."""
    answers = ["三角形", "一个三角形。", "正方形", "三角形的", "不是三角形", "是三角形", "一百", "百", "三角形状"]
    assert sorted(group_answers(answers)) == [[0, 1, 3, 5, 8], [2], [4], [6], [7]]
    # words that change the answer stay (review 29c): 1½ hours is not ½ hour, 形状 not 形, 是不是 not 不是, 目的 not 目
    for pair in (["一个半小时", "半小时"], ["一个半", "半"], ["形状", "形"], ["是不是", "不是"], ["目的", "目"], ["为了", "为"]):
        assert sorted(group_answers(pair)) == [[0], [1]], pair
    # a negation keeps an answer out of its similar answers' group in English too (review 29e)
    plants = ["the plant needs sunlight and water to grow", "the plant needs no sunlight and water to grow",
              "the plant never needs sunlight and water to grow", "The plant needs sunlight and water to grow!"]
    assert sorted(group_answers(plants)) == [[0, 3], [1], [2]]
    assert sorted(group_answers(["这是三角形", "三角形", "这是不是三角形"])) == [[0, 1], [2]]


def test_answers_with_other_numbers_or_the_same_in_another_order_are_not_grouped():
    """Review 28c: "205, 52, 25" (wrong) was grouped with the key "25, 52, 205" and marked with it."""
    answers = ["25, 52, 205", "25,52,205", "205, 52, 25", "205,52,25", "25 52 205"]
    assert sorted(group_answers(answers)) == [[0, 1, 4], [2, 3]]
    assert sorted(group_answers(["3.5 cm", "3,5 cm", "5.3 cm"])) == [[0, 1], [2]]  # a decimal comma is a point
    assert sorted(group_answers(["二十五、五十二、二百零五", "二百零五、五十二、二十五"])) == [[0], [1]]  # review 28d
    assert sorted(group_answers(["twenty five, fifty two", "fifty two, twenty five"])) == [[0], [1]]


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


def test_points_are_suggested_from_similar_marked_answers_and_the_key(trained):
    answers = ["alpha beta", "alpha beta kappa", "zeta eta theta", "zeta eta theta iota", "alpha beta gamma delta"]
    session = MarkingSession("?", ["alpha beta gamma"], answers, trained)
    session.mark(0, 0.5)
    session.mark(2, 0.0)
    by_index = {s.index: s for s in session.suggestions()}
    assert by_index[1].score in (0.0, pytest.approx(0.5, abs=0.1)), "like the half-marked answer, or wrong"
    assert by_index[3].score == 0.0
    if by_index[4].p_right >= 0.5:
        assert by_index[4].score > 0.75, "nearest the key: (nearly) full marks"
    assert not any(s.confident for s in by_index.values() if 0.0 < s.score < 1.0), "a part mark is never given alone"


def test_a_half_mark_gives_no_points_to_answers_the_model_finds_wrong(trained):
    """Review 27d: after one half mark every answer, "I don't know" too, was suggested at half the points as confident."""
    answers = ["three sides and three corners", "three sides", "I don't know", "a circle", "a square has four sides",
               "it has three sides and three corners", "three straight sides"]
    session = MarkingSession("What is a triangle?", ["a shape with three sides and three corners"], answers, trained)
    session.mark(1, 0.5)
    for suggestion in session.suggestions():
        assert suggestion.p_right >= 0.5 or suggestion.score == 0.0, suggestion
        assert not (suggestion.confident and 0.0 < suggestion.score < 1.0), suggestion
    assert all(mark in (0.0, 1.0) for index, mark in session.accept_confident().items())


def test_after_a_part_mark_an_answer_like_the_key_can_still_be_marked_right_alone(trained):
    """Review 27e: after one half mark no right answer was confident any more (the key's twin came out at 99.5%)."""
    answers = ["a shape with three sides and three corners"] * 6 + ["three sides", "I don't know", "a circle", "a square"]
    session = MarkingSession("What is a triangle?", ["a shape with three sides and three corners"], answers, trained)
    session.mark(0, 1.0)
    session.mark(8, 0.0)
    session.mark(6, 0.5)
    twins = [s for s in session.suggestions() if s.index in range(1, 6)]
    assert all(s.score == 1.0 for s in twins), twins
    assert any(s.confident for s in twins) or not any(s.confident for s in session.suggestions())


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


class _SureOfEverything:
    """A marker that finds every answer right and is sure of it (to see what the session lets through)."""

    def judge(self, question, support, labels):
        p = np.full(len(question.answers), 0.95)
        return p, p

    def auto_threshold(self, k, has_reference=True):
        return 0.9


def test_an_answer_negated_unlike_the_key_and_the_right_marks_is_never_accepted_alone():
    """Review 29d: with the key 三角形, "Accept all confident" saved 不是三角形 and 三角形不是 as right."""
    answers = ["三角形", "不是三角形", "三角形不是", "没有三角形", "是三角形", "it is not a triangle", "a triangle"]
    session = MarkingSession("说出一个有3条直边的平面图形的名称", ["三角形"], answers, _SureOfEverything())
    session.mark(0, 1.0)
    confident = {answers[s.index] for s in session.suggestions() if s.confident}
    assert confident == {"是三角形", "a triangle"}
    suggested = {answers[s.index]: s.score for s in session.suggestions()}
    assert suggested["不是三角形"] == 0.0, "review 45: the key turned round was suggested right (72%)"
    session.mark(5, 1.0)  # the teacher says a negated answer is right: such answers may be sure again
    assert "不是三角形" in {answers[s.index] for s in session.suggestions() if s.confident}


def test_the_english_key_turned_round_is_suggested_wrong_and_never_accepted_alone():
    """Review 45b: with the key "triangle", "not a triangle" was suggested "✓ right? 85%"."""
    answers = ["triangle", "not a triangle", "It isn't a triangle.", "a triangle", "not a square"]
    session = MarkingSession("What do we call a shape with three straight sides?", ["triangle"], answers, _SureOfEverything())
    session.mark(0, 1.0)
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert suggested["not a triangle"] == suggested["It isn't a triangle."] == (0.0, False)
    assert suggested["a triangle"] == (1.0, True) and suggested["not a square"][1] is False


def test_a_chinese_answer_one_character_off_the_key_is_never_accepted_alone():
    """Review 41b: 三角型, 三角行 and 三角 were suggested right at 82-87%; a Chinese teacher marks 错别字 herself."""
    answers = ["三角形", "三角型", "三角行", "三角", "是三角形", "三角形的"]
    session = MarkingSession("说出一个有3条直边的平面图形的名称", ["三角形"], answers, _SureOfEverything())
    session.mark(0, 1.0)
    confident = {answers[s.index] for s in session.suggestions() if s.confident}
    assert confident == {"是三角形", "三角形的"}
    # review 43: the screen says why (三角行 showed as "✓ right? 80%")
    assert {answers[s.index] for s in session.suggestions() if s.one_character_off} == {"三角型", "三角行", "三角"}


def test_the_key_itself_is_right_for_sure_whatever_the_networks_say():
    """Review 41d: 三角形 and 是三角形 (the key) were grouped at 61% and not accepted with the confident ones."""
    answers = ["三角形。", "是三角形", "正方形", "三角形不是"]
    session = MarkingSession("说出一个有3条直边的平面图形的名称", ["三角形"], answers, _SureItIsWrong())
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert suggested["三角形。"] == suggested["是三角形"] == (1.0, True)
    assert suggested["三角形不是"] == (0.0, True) and suggested["正方形"] == (0.0, True), "the networks' say for the rest"


def test_a_chinese_answer_one_character_off_the_key_is_not_marked_wrong_alone_either():
    """Review 46: 三边形 (three-sided shape) for the key 三角形 was suggested "✗ wrong? 93%" and saved with "Accept all
    confident"; one character off, it is the teacher's to mark whichever way the networks lean."""
    answers = ["三边形", "四角形", "正方形"]
    session = MarkingSession("说出一个有3条直边的平面图形的名称", ["三角形"], answers, _SureItIsWrong())
    suggested = {answers[s.index]: (s.score, s.confident, s.one_character_off) for s in session.suggestions()}
    assert suggested["三边形"] == suggested["四角形"] == (0.0, False, True)
    assert suggested["正方形"] == (0.0, True, False), "two characters off: the networks' say"


def test_an_answer_that_is_no_number_is_suggested_wrong_where_only_numbers_are_right():
    """Review 46b: for the key 306, "=1+1" and "@SUM(1+1)*cmd|' /C calc'!A0" were suggested right (50-64%)."""
    answers = ["306", "=1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "%0A=1+1", "答：306", "306个"]
    session = MarkingSession("Write the number three hundred and six in digits.", ["306"], answers, _SureOfEverything())
    session.mark(0, 1.0)
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert all(suggested[a] == (0.0, False) for a in answers[1:5]), suggested
    unsure = MarkingSession("Write the number three hundred and six in digits.", ["306"], ["306", "=1+1"], _UnsureOfItsWrong())
    unsure.mark(0, 1.0)
    [wrong] = unsure.suggestions()  # review 46c: shown as "can't tell", the screen's words for a confidence under 50%
    assert (wrong.score, wrong.confident) == (0.0, False) and wrong.confidence >= 0.5
    assert suggested["答：306"][0] == suggested["306个"][0] == 1.0, "the number with 答： or a unit: the model's"


def test_a_number_other_than_every_right_number_is_wrong_for_sure():
    """Review 41a: for the key 306, "3006" was suggested right (80%), the most confident answer on the screen. Review 41c:
    not saved as wrong without a look, though ("any even number between 10 and 20" has more right answers than 14)."""
    answers = ["306.", "3006", "36", "306", "three hundred and six", "300 6", "612/2"]
    session = MarkingSession("Write the number three hundred and six in digits.", ["306"], answers, _SureOfEverything())
    session.mark(0, 1.0)
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert suggested["3006"] == suggested["36"] == (0.0, False), "wrong, but sure only where the networks say so too"
    assert suggested["306"][0] == suggested["612/2"][0] == 1.0, "the same number, however written, is left to the model"
    assert suggested["three hundred and six"][0] == 1.0, "the number in words: the model's"
    assert suggested["300 6"] == (0.0, False), "no one number (review 46b: \"=1+1\" was right? 64%): wrong, the teacher looks"
    session.mark(4, 1.0)  # a right answer in words: no longer only numbers are right, so the networks say
    assert {answers[s.index]: s.score for s in session.suggestions()}["3006"] == 1.0
    sure_wrong = MarkingSession("Write the number three hundred and six in digits.", ["306"], ["306", "3006"], _SureItIsWrong())
    sure_wrong.mark(0, 1.0)
    assert [(s.score, s.confident) for s in sure_wrong.suggestions()] == [(0.0, True)], "the networks agree: accepted alone"


class _UnsureOfItsWrong(_SureOfEverything):
    """P(right) 0.3 with a calibrated confidence of 0.4 in it: the calibrator doubts the networks."""

    def judge(self, question, support, labels):
        return np.full(len(question.answers), 0.3), np.full(len(question.answers), 0.4)


class _SureItIsWrong(_SureOfEverything):
    def judge(self, question, support, labels):
        p = np.full(len(question.answers), 0.02)
        return p, 1 - p


def test_the_screen_s_outlook_is_the_session_s_and_a_year_of_answers_is_worked_out_once_per_saying(trained):
    """Review 30b: 4,000 practice answers to one question took 10 s and 2.8 GB after every mark; from MANY_ANSWERS on,
    answers that say the same with the same mark are worked out once, and each of them gets that suggestion."""
    from engine.marking.marker import MANY_ANSWERS, outlook

    q = synthetic_question(77)
    marks = {int(np.flatnonzero(q.correct == 1)[0]): 1.0, int(np.flatnonzero(q.correct == 0)[0]): 0.0}
    session = MarkingSession(q.prompt, q.references, q.answers, trained)
    session.marks = dict(marks)
    few = outlook(q.prompt, q.references, q.answers, marks, trained)
    assert few.groups == session.groups()
    assert few.suggestions == {s.index: s for s in session.suggestions()}
    assert few.next_index == session.next_to_mark()

    copies = -(-MANY_ANSWERS // len(q.answers))
    year = [text for _ in range(copies) for text in q.answers]  # the same answers again at every turn
    many = outlook(q.prompt, q.references, year, marks, trained)
    n = len(q.answers)
    assert sorted(i for group in many.groups for i in group) == list(range(len(year)))
    assert set(many.suggestions) == set(range(len(year))) - set(marks)
    for i, suggestion in many.suggestions.items():
        same = next(j for j in range(i % n, len(year), n) if j not in marks)  # the first unmarked copy of that answer
        assert (suggestion.index, suggestion.score, suggestion.confident) == (i, many.suggestions[same].score,
                                                                                many.suggestions[same].confident)
    assert all(len(group) % copies == 0 or any(i in marks for i in group) for group in many.groups), "copies together"
    assert many.next_index is not None and many.next_index not in marks


def test_from_many_answers_on_the_answer_to_mark_next_weighs_how_many_children_wrote_it():
    """Review 30d: with identical answers worked out once, 150 children's "it turns to water" weighed as one."""
    from engine.marking.marker import MANY_ANSWERS, outlook

    class Undecided:  # as unsure of every answer: only how typical an answer is decides
        def predict(self, question, support, labels):
            return np.full(len(question.answers), 0.5)

        def auto_threshold(self, marked, has_reference):
            return 1.0

    rare = ["melts away", "it goes", "vanishes slowly", "gets smaller", "disappears", "drips", "goes soft"]
    answers = rare + ["it turns to water"] * MANY_ANSWERS
    seen = outlook("What happens to ice in the sun?", [], answers, {}, Undecided())
    assert answers[seen.next_index] == "it turns to water", "the answer most children wrote is the one to mark first"


def test_arithmetic_written_in_words_is_the_key_written_in_signs(trained):
    """Review 42: 12减9等于3 (a Chinese input method types no signs) was suggested wrong, 78-80% sure, for the key 12 − 9 = 3;
    it is the key itself, grouped with it and right for sure, while 12减3等于9 is not."""
    answers = ["12 - 9 = 3", "12减9等于3", "12 minus 9 equals 3", "12减3等于9", "9 + 3 = 12"]
    assert sorted(group_answers(answers))[0] == [0, 1, 2]
    session = MarkingSession("Write a subtraction fact from the family 3, 9, 12.", ["12 − 9 = 3"], answers, trained)
    session.mark(4, 0.0)
    by_index = {s.index: s for s in session.suggestions()}
    assert all(by_index[i].score == 1.0 and by_index[i].confident for i in (0, 1, 2))
    assert not (by_index[3].score == 1.0 and by_index[3].confident)


def test_only_the_first_key_is_right_for_sure_another_language_s_may_be_out_of_date():
    """Review 46d: the key corrected to 3:30 in Chinese stayed 4:30 in English; compared with both, a child's 4:30 was
    "right" at 99% and Accept all confident saved it."""
    answers = ["3:30", "4:30"]
    session = MarkingSession("现在是几时几分？", ["3:30", "4:30"], answers, _SureItIsWrong())
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert suggested["3:30"] == (1.0, True) and suggested["4:30"] != (1.0, True)


def test_a_time_other_than_every_right_time_is_suggested_wrong():
    """Review 49a: for the key 3:30, three children's "6:15" were "not sure" with no suggestion at all, while a wrong
    number (3006 for 306) is suggested wrong. The same time written another way is left to the rest."""
    prompt = "钟面上时针指向3，分针指向6，是几时几分？"
    answers = ["3:30", "6:15", "6点15分", "3点半", "15:30", "不知道"]
    session = MarkingSession(prompt, ["3:30"], answers, _SureOfEverything())
    suggested = {answers[s.index]: (s.score, s.confident) for s in session.suggestions()}
    assert suggested["6:15"] == suggested["6点15分"] == (0.0, False), "wrong, sure only where the networks say so too"
    assert suggested["3点半"][0] == suggested["15:30"][0] == suggested["3:30"][0] == 1.0
    sure_wrong = MarkingSession(prompt, ["3:30"], ["6:15"], _SureItIsWrong())
    assert [(s.score, s.confident) for s in sure_wrong.suggestions()] == [(0.0, True)]
