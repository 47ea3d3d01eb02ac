"""Normalisation and hashed features of answers, English and Chinese."""
import math

from engine.marking import text


def test_normalise_folds_case_width_punctuation_and_spaces():
    assert text.normalise("  The CURRENT,   flows!! ") == "the current flows"
    assert text.normalise("ＡＢＣ１２３") == "abc123"  # full-width letters and digits
    assert text.normalise("电流，流过\u3000电路。") == "电流 流过 电路"
    assert text.normalise("") == ""


def test_identical_after_normalisation_means_identical_features():
    assert text.hashed_features("Closed circuit.") == text.hashed_features("closed   CIRCUIT")
    assert text.hashed_features("Closed circuit.") != text.hashed_features("open circuit")


def test_features_are_unit_length_and_stable_buckets():
    for answer in ("the bulb is in a closed path", "因为电路是闭合的", "x"):
        vector = text.hashed_features(answer)
        assert math.isclose(math.sqrt(sum(v * v for v in vector.values())), 1.0, rel_tol=1e-9)
        assert all(0 <= b < text.BUCKETS for b in vector)
    assert text.bucket("word", "circuit") == text.bucket("word", "circuit")
    assert text.hashed_features("") == {}


def test_chinese_uses_characters_and_english_uses_stems():
    assert text.is_chinese("电路闭合 ok")
    assert not text.is_chinese("closed circuit 电")
    assert text.words("电路 ok") == ["电", "路", "ok"]
    assert text.stem("decreases") == text.stem("decreased") == "decreas"
    assert "电路闭" in text.char_ngrams("电路闭合")
