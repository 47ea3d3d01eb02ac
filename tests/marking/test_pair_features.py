"""The pairwise answer features: question demoting and words taken from the question, English and Chinese."""
import numpy as np

from engine.marking.data import PAIR_FEATURES, pair_features

WORD, WORD_NEW = PAIR_FEATURES.index("tfidf_word"), PAIR_FEATURES.index("tfidf_word_new")
COVERS_S_NEW, FROM_QUESTION = PAIR_FEATURES.index("covers_s_new"), PAIR_FEATURES.index("from_question")


def test_words_of_the_question_do_not_count_as_saying_what_the_key_says():
    prompt = "Why does the bulb light?"
    key, echo, answer = "the bulb lights because the circuit is closed", "the bulb lights", "a closed circuit"
    pairs = pair_features([key, echo, answer], prompt)
    assert pairs[1, 0, WORD] > 0, "repeating the question shares words with the key"
    assert pairs[1, 0, WORD_NEW] == 0 and pairs[1, 0, COVERS_S_NEW] == 0, "but none the question did not already give"
    assert pairs[2, 0, WORD_NEW] > 0 and pairs[2, 0, COVERS_S_NEW] > 0.4  # circuit and closed, of because, circuit, is, closed
    assert pairs[1, 0, FROM_QUESTION] > 0 > pairs[2, 0, FROM_QUESTION]
    assert np.allclose(pairs[..., FROM_QUESTION], -pairs[..., FROM_QUESTION].T)


def test_chinese_question_characters_are_left_out_too():
    pairs = pair_features(["因为电路是闭合的", "灯泡亮了", "电路闭合"], "灯泡为什么亮了？")
    assert pairs[1, 0, WORD_NEW] == 0 < pairs[2, 0, WORD_NEW]
    assert pairs[1, 2, FROM_QUESTION] == 1.0


def test_without_a_question_the_new_features_equal_the_plain_ones():
    items = ["the circuit is closed", "closed path", "the bulb is off"]
    pairs = pair_features(items)
    assert np.allclose(pairs[..., WORD], pairs[..., WORD_NEW])
    assert np.allclose(pairs[..., PAIR_FEATURES.index("covers_s")], pairs[..., COVERS_S_NEW])
    assert not pairs[..., FROM_QUESTION].any()
