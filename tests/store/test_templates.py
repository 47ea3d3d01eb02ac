"""Exercise templates: safe expressions, fresh variants, difficulty ranges respected."""
from __future__ import annotations

import random

import pytest

from engine.errors import LamplightError
from engine.store.templates import Template, check_runs, evaluate, format_value, generate, generate_many, parse_expression

ADDITION = {
    "id": "add", "title": "Addition", "kind": "numeric", "skills": ["addition"],
    "params": {"a": [[1, 5], [3, 9], [10, 20], [20, 50], [100, 500]], "b": [[1, 5], [3, 9], [10, 20], [20, 50], [100, 500]]},
    "let": {"total": "a + b"}, "where": ["a != b"],
    "prompt": "{a} + {b} = ?", "answer": "{total}",
}


def test_variants_differ_and_respect_difficulty():
    template = Template.from_spec(ADDITION)
    rng = random.Random(3)
    for level, (low, high) in enumerate([(1, 5), (3, 9), (10, 20), (20, 50), (100, 500)], start=1):
        variants = generate_many(template, level, 8, rng)
        assert len({v.prompt for v in variants}) == len(variants) >= 5
        for v in variants:
            a, b = v.params["a"], v.params["b"]
            assert low <= a <= high and low <= b <= high and a != b
            assert v.prompt == f"{a} + {b} = ?" and v.answer == str(a + b)
            assert v.difficulty == level and v.skills == ("addition",)


def test_same_seed_same_variant_and_multiple_choice_contains_answer():
    spec = dict(ADDITION, id="add-mc", kind="multiple_choice", choices=["{total}", "{total + 1}", "{a * b}", "{total - 1}"])
    template = Template.from_spec(spec)
    first = generate(template, 2, random.Random(11))
    assert first == generate(template, 2, random.Random(11))
    assert first.answer in first.choices and len(set(first.choices)) == len(first.choices) >= 2


def test_expressions_are_evaluated_without_python_eval():
    assert evaluate("gcd(12, 18) + max(1, 2) * 3 if 2 > 1 else 0", {}) == 12
    assert format_value(evaluate("7 / 2", {})) == "3.5" and format_value(0.1 + 0.2) == "0.3" and format_value(6.0) == "6"
    for unsafe in ("__import__('os').system('echo hi')", "a.__class__", "[1, 2]", "(lambda: 1)()", "open('x')"):
        with pytest.raises(LamplightError, match="not allow|not a valid"):
            parse_expression(unsafe)
    with pytest.raises(LamplightError, match="too large"):
        evaluate("9 ** 99", {})


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "essay"}, r"template.kind: unknown kind"),
        ({"params": {"a": [[1, 5]]}}, r"template.params.a: needs exactly 5 entries"),
        ({"params": {"a": [[5, 1]] * 5}}, r"template.params.a\[0\]"),
        ({"answer": "{c}"}, r"template.answer: unknown name\(s\) c"),
        ({"where": ["a.real > 0"]}, r"template.where\[0\]"),
        ({"kind": "multiple_choice"}, r"needs at least two choice patterns"),
    ],
)
def test_bad_templates_are_refused_naming_the_place(change, message):
    with pytest.raises(LamplightError, match=message):
        Template.from_spec({**ADDITION, **change})


def test_impossible_conditions_give_a_clear_error_and_spec_round_trips():
    template = Template.from_spec({**ADDITION, "where": ["a > 1000"]})
    with pytest.raises(LamplightError, match="found no values"):
        generate(template, 1, random.Random(0))
    with pytest.raises(LamplightError, match="Difficulty must be 1 to 5"):
        generate(template, 6, random.Random(0))
    assert Template.from_spec(template.to_spec()) == template


@pytest.mark.parametrize("answer", ["x{total}", "total"])
def test_a_numeric_templates_answer_that_is_no_number_is_refused_when_the_pack_comes_in(answer):
    """Review 45b: a pack whose template answer "{k}" was changed to "xk}" came in, and every variant's key was "xk}"."""
    check_runs(Template.from_spec(ADDITION))
    with pytest.raises(LamplightError, match=r"pack: at difficulty 1: The answer '.*' of a numeric template is not a number"):
        check_runs(Template.from_spec({**ADDITION, "answer": answer}), "pack")


@pytest.mark.parametrize("field, pattern", [("answer", "{total}}"), ("prompt", "What is {a + {b}?"), ("prompt", "{a} + {b = ?")])
def test_a_brace_without_its_partner_is_refused_when_the_pack_comes_in(field, pattern):
    """Review 46d: "{a + {b}" came in and gave "What is {a + 5?"; a short-text answer is no number for the check above."""
    for kind in ("numeric", "short_text"):
        with pytest.raises(LamplightError, match=rf"pack\.{field}: a curly bracket without its partner"):
            Template.from_spec({**ADDITION, "kind": kind, field: pattern}, "pack")
