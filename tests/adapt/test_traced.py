import numpy as np

from engine.model.bkt import KnowledgeTracingModel
from engine.adapt.mastery import MASTERED, MasteryRule, answer_counts, student_mastery
from engine.adapt.service import ClassData, ClassService
from engine.model.traced import TracedModel

from .conftest import PREREQUISITES, TinySkillModel, make_bank, make_class


def _traced(bank) -> TracedModel:
    model = TracedModel(TinySkillModel())
    model.calibrate(make_class(students=12, answers=40), bank)
    return model


def test_predictions_are_the_response_models_and_mastery_the_tracers(bank):
    model = _traced(bank)
    items = ["counting-0", "counting-1", "addition-2", "counting-3"]
    scores = [1.0, 0.0, 1.0, 1.0]
    state = model.adapt(items, scores)
    exercises = sorted(bank)
    base_state = model.response.adapt(items, scores)
    assert np.allclose(model.predict(state, exercises), model.response.predict(base_state, exercises))
    assert model.next_item(state, exercises) == model.response.next_item(base_state, exercises)
    skills = ["counting", "addition", "fractions"]
    for ours, tracers in zip(model.skill_mastery(state, skills), model.tracer.skill_mastery(model.tracer.adapt(items, scores), skills)):
        assert np.allclose(ours, tracers)


def test_update_equals_adapting_on_every_answer(bank):
    model = _traced(bank)
    items = ["counting-0", "addition-1", "addition-2", "counting-4", "addition-3"]
    scores = [1.0, 0.0, 1.0, 1.0, 0.0]
    stepwise = model.adapt(items[:2], scores[:2])
    for item, score in zip(items[2:], scores[2:]):
        stepwise = model.update(stepwise, [item], [score])
    whole = model.adapt(items, scores)
    assert stepwise.item_ids == items
    assert np.allclose(model.predict(stepwise, sorted(bank)), model.predict(whole, sorted(bank)))
    assert stepwise.known == whole.known


def test_a_skill_learned_late_counts_as_mastered_once_the_student_gets_it(bank):
    # 20 wrong answers, then 8 right: the child has learned counting. A static model still
    # averages in the early mistakes; knowledge tracing follows the change.
    model = _traced(bank)
    items = [f"counting-{i % 6}" for i in range(28)]
    scores = [0.0] * 20 + [1.0] * 8
    counts = answer_counts(items, scores, bank)
    static = student_mastery(model.response, model.response.adapt(items, scores), ["counting"], counts, MasteryRule())
    traced = student_mastery(model, model.adapt(items, scores), ["counting"], counts, MasteryRule())
    assert static["counting"].status != MASTERED
    assert traced["counting"].status == MASTERED


def test_the_service_traces_mastery_for_static_models_only(bank):
    data = ClassData("4B", {"s0": "Ana"}, bank, PREREQUISITES, responses=make_class())
    static = ClassService(data, TinySkillModel())
    assert isinstance(static.student_model(), TracedModel)
    assert static.student_model().response is static.model()
    tracing = ClassService(data, KnowledgeTracingModel())
    assert tracing.student_model() is tracing.model()


class _CountingAdapts(TinySkillModel):
    """The tiny response model, counting its adapt calls."""

    adapts = 0

    def adapt(self, item_ids, correct):
        type(self).adapts += 1
        return super().adapt(item_ids, correct)


def test_mastery_does_not_adapt_the_response_model_and_predictions_adapt_it_once(bank):
    model = TracedModel(_CountingAdapts())
    model.calibrate(make_class(students=12, answers=40), bank)
    items = ["counting-0", "counting-1", "addition-2", "counting-3"]
    scores = [1.0, 0.0, 1.0, 1.0]
    before = _CountingAdapts.adapts
    state = model.update(model.adapt(items[:2], scores[:2]), items[2:], scores[2:])
    student_mastery(model, state, ["counting", "addition"], answer_counts(items, scores, bank))
    assert _CountingAdapts.adapts == before  # the dashboard's figures need only the tracer
    exercises = sorted(bank)
    expected = model.response.predict(TinySkillModel.adapt(model.response, items, scores), exercises)
    assert np.array_equal(model.predict(state, exercises), expected)  # the same answers, the same model: the same figures
    model.next_item(state, exercises)
    assert _CountingAdapts.adapts == before + 1  # worked out once, then kept with the state
