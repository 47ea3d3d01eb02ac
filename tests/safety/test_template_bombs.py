"""Hostile exercise templates are refused at import with a message, quickly and in little memory (issue 14, item 6).

A template is plain data in a pack file; before the bounds, a 967-byte pack
whose ``let`` names doubled a text or squared a number hung variant
generation for minutes and used gigabytes. The bomb imports run in a child
process with a deadline, so a regression fails the test instead of hanging it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.errors import LamplightError
from engine.store import Store
from engine.store.importers import import_pack
from engine.store.templates import Template, evaluate, generate, parse_expression

REPO = Path(__file__).resolve().parents[2]


def bomb_pack(let: dict[str, str], answer: str = "{a}") -> dict:
    return {"format": "lamplight-pack", "version": 1, "id": "bomb", "skills": [{"id": "s", "name": "S"}],
            "templates": [{"id": "t", "kind": "numeric", "skills": ["s"], "params": {"a": [[1, 9]] * 5},
                           "let": let, "prompt": "{a} = ?", "answer": answer}]}


def doublings(expression: str, count: int) -> dict[str, str]:
    """let: n1 = <expression of a>, n2 = <the same of n1>, ... (each step doubles or squares)."""
    let, previous = {}, "a"
    for i in range(1, count + 1):
        let[f"n{i}"] = expression.replace("X", previous)
        previous = f"n{i}"
    return let


BOMBS = {
    "text doubling": bomb_pack(doublings("str(X) + str(X)", 30), answer="{n30}"),
    "number squaring": bomb_pack(doublings("X * X", 30), answer="{n30}"),
    "power tower": bomb_pack(doublings("X ** 12 if X < 1000000 else X * X", 30), answer="{n30}"),
    "text formatting": bomb_pack({"n1": "('%1900000000d' % a) == 'x'"}),  # review 37b: 1.9 GB before the length check
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_template_bomb_pack_is_refused_at_import_in_a_child_with_a_deadline(tmp_path, name):
    path = tmp_path / "bomb.json"
    path.write_text(json.dumps(BOMBS[name]), encoding="utf-8")
    assert path.stat().st_size < 2_000
    done = subprocess.run([sys.executable, "-m", "engine", "--data-dir", str(tmp_path / "data"), "import-pack", str(path)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "$.templates[0]" in done.stderr and ("larger than" in done.stderr or "longer than" in done.stderr
                                                  or "power is too large" in done.stderr
                                                  or "formatted with %" in done.stderr), done.stderr
    with Store.open(tmp_path / "data") as store:
        assert store.counts()["skills"] == 0 and store.list_templates() == []


@pytest.mark.parametrize("text, message", [
    ("1" + "+1" * 100_000, "characters long"),
    ("(" * 100_000 + "1" + ")" * 100_000, "characters long"),
    ("-" * 300 + "1", "too complex"),
    ("abs(" * 40 + "1" + ")" * 40, "too complex|too deeply nested"),
    ("1 + " * 99 + "1", "too complex"),
])
def test_huge_expressions_get_a_message_not_a_traceback(text, message):
    with pytest.raises(LamplightError, match=message):
        parse_expression(text, "let.x")


def test_a_huge_expression_in_a_pack_is_refused_by_the_cli_with_a_message(tmp_path, capsys):
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(bomb_pack({"b": "1" + "+1" * 100_000})), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "import-pack", str(path)]) == 1
    err = capsys.readouterr().err
    assert "$.templates[0].let.b" in err and "characters long" in err


@pytest.mark.parametrize("expression, names, message", [
    ("'a' < 1", {}, "cannot be computed"),
    ("gcd(1.5, 2)", {}, "cannot be computed"),
    ("int('9' * 999)", {}, "larger than"),
    ("(-8) ** 0.5", {}, "number or a text"),
    ("a * a * a", {"a": 10**6}, "larger than"),
    ("round(a, 10 ** 9)", {"a": 1.5}, "power is too large|too many digits"),
    ("min()", {}, "cannot be computed"),
])
def test_evaluation_failures_are_messages(expression, names, message):
    with pytest.raises(LamplightError, match=message):
        evaluate(expression, names)


def test_a_template_that_needs_too_many_steps_stops(tmp_path):
    let = {f"n{i}": " + ".join(["a"] * 8) for i in range(38)}
    template = Template.from_spec({"id": "t", "kind": "numeric", "params": {"a": [[1, 9]] * 5}, "let": let,
                                   "where": ["a > 100"], "prompt": "{a}", "answer": "{a}"})
    with pytest.raises(LamplightError, match="more than 100,000 steps"):
        generate(template, 1, __import__("random").Random(0))


@pytest.mark.parametrize("spec_change, message", [
    ({"params": {"a": [[1, 10**16]] * 5}}, "larger than"),
    ({"params": {"a": [{"from": list(range(1001))}] * 5}}, "at most 1,000 values"),
    ({"params": {"a": [{"from": ["x" * 1001]}] * 5}}, "longer than"),
    ({"prompt": "{a}" * 1000}, "longer than 2,000 characters"),
    ({"where": ["a > 0"] * 21}, "at most 20 conditions"),
    ({"let": {f"n{i}": "a" for i in range(40)}}, "at most 40 params and let names"),
])
def test_template_specs_out_of_bounds_are_refused(spec_change, message):
    spec = {"id": "t", "kind": "numeric", "params": {"a": [[1, 9]] * 5}, "prompt": "{a} = ?", "answer": "{a}", **spec_change}
    with pytest.raises(LamplightError, match=message):
        Template.from_spec(spec)


def test_an_ordinary_pack_still_imports(data_dir):
    with Store.open(data_dir) as store:
        report = import_pack(store, pack=bomb_pack({"b": "a + 1", "c": "b * 2"}, answer="{c}"))
        assert report.templates == 1
