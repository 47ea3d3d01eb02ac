import numpy as np

from engine.model.skill_model import SkillAbilityModel

from .conftest import make_bank, make_class


def _model(**settings):
    model = SkillAbilityModel(**settings)
    model.calibrate(make_class(students=12, answers=40), make_bank())
    return model


def test_predictions_follow_the_students_answers():
    model = _model()
    strong = model.adapt(["addition-0", "addition-1", "addition-2", "addition-3"], [1, 1, 1, 1])
    weak = model.adapt(["addition-0", "addition-1", "addition-2", "addition-3"], [0, 0, 0, 0])
    p_strong, p_weak = model.predict(strong, ["addition-5"])[0], model.predict(weak, ["addition-5"])[0]
    assert 0 < p_weak < p_strong < 1


def test_band_narrows_with_more_answers_and_contains_the_estimate():
    model = _model()
    few = model.adapt(["counting-0", "counting-1"], [1, 1])
    many = model.adapt([f"counting-{i % 6}" for i in range(20)], [1] * 20)
    est_few, low_few, high_few = model.skill_mastery(few, ["counting"])
    est_many, low_many, high_many = model.skill_mastery(many, ["counting"])
    assert low_few[0] <= est_few[0] <= high_few[0]
    assert (high_many - low_many)[0] < (high_few - low_few)[0]
    assert est_many[0] > est_few[0]


def test_recent_answers_weigh_more():
    model = _model(half_life=3.0)
    items = [f"counting-{i % 6}" for i in range(12)]
    learned = model.adapt(items, [0] * 6 + [1] * 6)
    forgot = model.adapt(items, [1] * 6 + [0] * 6)
    assert model.skill_mastery(learned, ["counting"])[0][0] > model.skill_mastery(forgot, ["counting"])[0][0]


def test_unseen_exercise_and_unknown_skill_get_typical_values():
    model = _model()
    state = model.adapt([], [])
    p = model.predict(state, ["never-seen", "counting-0"])
    assert p.shape == (2,) and np.all((p > 0) & (p < 1))
    est, low, high = model.skill_mastery(state, ["geometry"])
    assert low[0] < est[0] < high[0]


def test_harder_exercises_get_lower_predictions():
    model = _model()
    model.difficulty["counting-0"], model.difficulty["counting-1"] = -1.0, 1.0
    p = model.predict(model.adapt([], []), ["counting-0", "counting-1"])
    assert p[0] > p[1]
