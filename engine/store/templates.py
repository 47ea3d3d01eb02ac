"""Exercise templates: fresh variants of an exercise at a chosen difficulty (feature 2).

A template is plain data (it lives in pack JSON, see resources/packs/SCHEMA.md)::

    {"id": "add-within-20", "title": "Addition within 20", "kind": "numeric",
     "skills": ["addition-within-20"],
     "params": {"a": [[1, 5], [1, 9], [2, 9], [5, 12], [8, 15]],
                "b": [[1, 4], [1, 9], [2, 9], [5, 9], [5, 9]]},
     "let": {"total": "a + b"},
     "where": ["total <= 20"],
     "prompt": "{a} + {b} = ?",
     "answer": "{total}"}

* ``params``: for each name, five entries, one per difficulty level 1-5; an
  entry is an inclusive integer range ``[low, high]`` or a list of values to
  pick from ``{"from": [...]}``.
* ``let``: names computed in order from earlier ones (expressions).
* ``where``: conditions the values must meet (otherwise new values are drawn).
* ``prompt``, ``answer`` and each of ``choices`` (multiple choice only) are
  text with ``{expression}`` placeholders.

Expressions are evaluated by a small safe evaluator (:func:`evaluate`): numbers,
text, the names above, arithmetic, comparisons, ``and``/``or``/``not``,
``x if c else y`` and the functions ``min max abs round gcd int str``. No
Python ``eval``: a pack cannot run code.
"""
from __future__ import annotations

import ast
import math
import operator
import random
import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from engine.errors import LamplightError
from engine.number_text import is_number
from engine.store.records import EXERCISE_KINDS
from engine.store.texts import DEFAULT_LANGUAGE, fallback_order, is_local_map, languages_in, normal_language, pick

LOCAL_KEYS = ("title", "prompt", "answer", "choices", "let")
"""Template keys whose texts (or, for ``let``, expressions) may differ per language (pack version 2)."""

LEVELS = 5
MAX_TRIES = 500

_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}
_FUNCTIONS = {"min": min, "max": max, "abs": abs, "round": round, "gcd": math.gcd, "int": int, "str": lambda v: format_value(v)}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


# Bounds that keep any template, however hostile, quick and small (issue 14): a template is
# plain data from a pack file, so it must not be able to hang the app or fill its memory.
MAX_EXPRESSION_CHARS = 400  # text of one expression
MAX_EXPRESSION_NODES = 200  # parsed elements of one expression
MAX_EXPRESSION_DEPTH = 30  # nesting of one expression
MAX_NAMES = 40  # params + let
MAX_CONDITIONS = 20  # where
MAX_CHOICES = 12
MAX_PATTERN_CHARS = 2_000  # prompt, answer, each choice
MAX_CHOICE_VALUES = 1_000  # entries of one {"from": [...]} list
MAX_NUMBER = 10**15  # any whole number a template computes or draws
MAX_TEXT = 1_000  # characters of any text a template computes
MAX_STEPS = 100_000  # evaluation steps for one variant (all its expressions, all the tries together)


class _Budget:
    """Evaluation steps left for one variant: a template that needs more is refused, not left running."""

    def __init__(self, steps: int = MAX_STEPS) -> None:
        self.left = steps

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise LamplightError(f"a template needs more than {MAX_STEPS:,} steps to make one exercise")


def _depth(node: ast.AST) -> int:
    """Nesting depth of a parsed expression, without recursion (a hostile one can be very deep)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(current))
    return deepest


def parse_expression(text: str, where: str = "expression") -> ast.expr:
    """Parse and check an expression; raise LamplightError naming ``where`` if it is not allowed or too big."""
    text = str(text).strip()
    if len(text) > MAX_EXPRESSION_CHARS:
        raise LamplightError(f"{where}: the expression is {len(text):,} characters long; templates allow {MAX_EXPRESSION_CHARS}.")
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise LamplightError(f"{where}: '{text[:80]}' is not a valid expression ({exc.msg}).") from None
    except (RecursionError, MemoryError, ValueError):
        raise LamplightError(f"{where}: '{text[:80]}...' is too deeply nested to be a template expression.") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_EXPRESSION_NODES or _depth(tree) > MAX_EXPRESSION_DEPTH:
        raise LamplightError(f"{where}: '{text[:80]}' is too complex for a template expression "
                             f"(at most {MAX_EXPRESSION_NODES} elements, nested {MAX_EXPRESSION_DEPTH} deep).")
    for node in nodes:
        allowed = isinstance(node, (
            ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Name, ast.Constant, ast.IfExp, ast.Call, ast.Load,
            ast.operator, ast.unaryop, ast.boolop, ast.cmpop,
        ))
        if isinstance(node, ast.BinOp) and type(node.op) not in _BINARY:
            allowed = False
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords):
            allowed = False
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
            allowed = False
        if not allowed:
            raise LamplightError(f"{where}: '{text[:80]}' uses something templates do not allow ({type(node).__name__}).")
        if isinstance(node, ast.Constant):
            _check_value(node.value)
    return tree


def _check_value(value: Any) -> Any:
    """The value itself when it is within a template's bounds, else a LamplightError."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, (int, float, str)):
        raise LamplightError(f"a template value must be a number or a text, not {type(value).__name__}")
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        raise LamplightError(f"a template number is larger than {MAX_NUMBER:.0e}")
    if isinstance(value, float) and not math.isfinite(value):
        raise LamplightError("a template number is infinite or not a number")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise LamplightError(f"a template text is longer than {MAX_TEXT:,} characters")
    return value


def _operands_fit(op: ast.operator, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be out of bounds before computing it (it could take long)."""
    if isinstance(op, ast.Pow) and not (isinstance(left, bool) or isinstance(right, bool)):
        if isinstance(right, (int, float)) and isinstance(left, (int, float)) and (abs(right) > 12 or abs(left) > 10**6):
            raise LamplightError("a template power is too large")
    if isinstance(op, ast.Mod) and isinstance(left, str):  # review 37b: '%1900000000d' % a built 1.9 GB before the check
        raise LamplightError("a template text cannot be formatted with %")
    if isinstance(op, ast.Mult) and (isinstance(left, str) or isinstance(right, str)):
        text, count = (left, right) if isinstance(left, str) else (right, left)
        if isinstance(count, int) and abs(count) * len(str(text)) > MAX_TEXT:
            raise LamplightError("a template text repetition is too long")


def evaluate(node: ast.expr | str, names: Mapping[str, Any], budget: _Budget | None = None) -> Any:
    """Evaluate a checked expression (or its text) with the given names, within the template bounds.

    Any failure (a value out of bounds, too many steps, a type that does not
    fit the operation) is a LamplightError; ZeroDivisionError is left to the
    caller, which draws new values.
    """
    if isinstance(node, str):
        node = parse_expression(node)
    budget = budget or _Budget()
    try:
        return _check_value(_evaluate(node, names, budget))
    except (TypeError, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise LamplightError(f"a template expression cannot be computed ({type(exc).__name__}: {str(exc)[:80]})") from None


def _evaluate(node: ast.expr, names: Mapping[str, Any], budget: _Budget) -> Any:
    budget.spend()
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise LamplightError(f"unknown name '{node.id}' in a template expression")
        return names[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, names, budget), _evaluate(node.right, names, budget)
        _operands_fit(node.op, left, right)
        return _check_value(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, names, budget)
        return _check_value({ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}[type(node.op)](value))
    if isinstance(node, ast.BoolOp):
        values = (_evaluate(v, names, budget) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, names, budget)
        for op, comparator in zip(node.ops, node.comparators):
            right = _evaluate(comparator, names, budget)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        chosen = node.body if _evaluate(node.test, names, budget) else node.orelse
        return _evaluate(chosen, names, budget)
    if isinstance(node, ast.Call):
        args = [_evaluate(a, names, budget) for a in node.args]
        if node.func.id == "round" and len(args) > 1 and isinstance(args[1], int) and abs(args[1]) > 12:  # type: ignore[union-attr]
            raise LamplightError("a template rounds to too many digits")
        return _check_value(_FUNCTIONS[node.func.id](*args))  # type: ignore[union-attr]
    raise LamplightError(f"template expression element {type(node).__name__} is not allowed")


def format_value(value: Any) -> str:
    """Numbers as a teacher writes them: 7, 2.5, 0.125 (no '7.0', no float noise)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def fill(pattern: str, names: Mapping[str, Any], where: str = "pattern", budget: _Budget | None = None) -> str:
    """Replace every ``{expression}`` in a pattern by its formatted value."""
    budget = budget or _Budget()
    return _PLACEHOLDER.sub(lambda m: format_value(evaluate(parse_expression(m.group(1), where), names, budget)), pattern)


@dataclass(frozen=True)
class GeneratedExercise:
    """One variant made from a template, ready for ``Store.add_generated_exercise``."""

    template_id: str
    kind: str
    prompt: str
    answer: str
    choices: tuple[str, ...]
    skills: tuple[str, ...]
    difficulty: int
    params: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Further languages -> {"prompt", "answer", "choices"}, made from the same drawn numbers."""

    def text_in(self, language: str | None) -> dict[str, Any]:
        """Prompt, answer and choices as a teacher reading ``language`` sees them (with the usual fallback)."""
        shown: dict[str, Any] = {"prompt": self.prompt, "answer": self.answer, "choices": self.choices}
        for code in fallback_order(language):
            if code in self.texts:
                shown.update(self.texts[code])
                break
        return shown


@dataclass(frozen=True)
class Template:
    """A checked template (see the module doc); build it with :meth:`from_spec`."""

    id: str
    title: str
    kind: str
    skills: tuple[str, ...]
    params: dict[str, tuple[Any, ...]]
    prompt: str
    answer: str
    let: dict[str, str] = field(default_factory=dict)
    where: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    language: str = DEFAULT_LANGUAGE
    """The language of the texts above."""
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Further languages -> {"title", "prompt", "answer", "choices", "let"}, all resolved (with fallback)."""

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], where: str = "template", default_language: str | None = None) -> "Template":
        """Check a template's JSON object; errors name the JSON path (``where``) and the problem.

        Texts may be maps language -> text (pack version 2); plain texts are in the
        template's ``language``, else ``default_language`` (the pack's), else English.
        Every language is checked as a template of its own.
        """
        if not isinstance(spec, Mapping):
            raise LamplightError(f"{where}: a template must be a JSON object.")
        language = normal_language(spec.get("language")) or normal_language(default_language) or DEFAULT_LANGUAGE
        local_values = _local_values(spec, where)
        base = cls._from_plain(_resolve_spec(spec, language, language), where)
        texts = {}
        for other in sorted(languages_in(local_values) - {language}):
            plain = cls._from_plain(_resolve_spec(spec, other, language), f"{where} ({other})")
            texts[other] = {"title": plain.title, "prompt": plain.prompt, "answer": plain.answer, "choices": plain.choices, "let": plain.let}
        return replace(base, language=language, texts=texts)

    def in_language(self, language: str | None) -> "Template":
        """This template with its texts in ``language`` (with the usual fallback) and no further languages."""
        for code in fallback_order(language, self.language):
            if code == self.language:
                return replace(self, texts={})
            if code in self.texts:
                return replace(self, language=code, texts={}, **self.texts[code])
        return replace(self, texts={})

    def title_in(self, language: str | None) -> str:
        """The template's title in ``language``."""
        return self.in_language(language).title

    @classmethod
    def _from_plain(cls, spec: Mapping[str, Any], where: str) -> "Template":
        """Check a template whose texts are all plain (one language)."""
        for key in ("id", "kind", "prompt", "answer", "params"):
            if key not in spec:
                raise LamplightError(f"{where}: the template has no '{key}'.")
        template_id = str(spec["id"])
        kind = spec["kind"]
        if kind not in EXERCISE_KINDS:
            raise LamplightError(f"{where}.kind: unknown kind '{kind}'.")
        params: dict[str, tuple[Any, ...]] = {}
        if not isinstance(spec["params"], Mapping) or not spec["params"]:
            raise LamplightError(f"{where}.params: must be an object with at least one parameter.")
        for name, levels in spec["params"].items():
            path = f"{where}.params.{name}"
            if not str(name).isidentifier():
                raise LamplightError(f"{path}: '{name}' is not a usable name.")
            if not isinstance(levels, list) or len(levels) != LEVELS:
                raise LamplightError(f"{path}: needs exactly {LEVELS} entries, one per difficulty level.")
            for i, level in enumerate(levels):
                ok = (isinstance(level, list) and len(level) == 2 and all(isinstance(v, int) for v in level) and level[0] <= level[1]) or (
                    isinstance(level, Mapping) and isinstance(level.get("from"), list) and level["from"]
                )
                if not ok:
                    raise LamplightError(f"{path}[{i}]: must be [low, high] integers with low <= high, or {{\"from\": [values]}}.")
                _check_level(level, f"{path}[{i}]")
            params[str(name)] = tuple(levels)
        for key, expected in (("let", Mapping), ("where", list), ("choices", list), ("skills", list)):
            if spec.get(key) is not None and not isinstance(spec[key], expected):
                raise LamplightError(f"{where}.{key}: must be {'an object' if expected is Mapping else 'a list'}.")
        let = dict(spec.get("let") or {})
        if len(params) + len(let) > MAX_NAMES:
            raise LamplightError(f"{where}: a template may have at most {MAX_NAMES} params and let names together.")
        known = set(params)
        for name, expression in let.items():
            parse_expression(expression, f"{where}.let.{name}")
            known.add(name)
        conditions = tuple(spec.get("where") or ())
        if len(conditions) > MAX_CONDITIONS or len(spec.get("choices") or ()) > MAX_CHOICES:
            raise LamplightError(f"{where}: a template may have at most {MAX_CONDITIONS} conditions and {MAX_CHOICES} choices.")
        for i, condition in enumerate(conditions):
            parse_expression(condition, f"{where}.where[{i}]")
        choices = tuple(spec.get("choices") or ())
        if kind == "multiple_choice" and len(choices) < 2:
            raise LamplightError(f"{where}.choices: a multiple-choice template needs at least two choice patterns.")
        for label, pattern in [("prompt", spec["prompt"]), ("answer", spec["answer"])] + [(f"choices[{i}]", c) for i, c in enumerate(choices)]:
            if len(str(pattern)) > MAX_PATTERN_CHARS:
                raise LamplightError(f"{where}.{label}: longer than {MAX_PATTERN_CHARS:,} characters.")
            if set(_PLACEHOLDER.sub("", str(pattern))) & set("{}"):  # review 46d: "{a + {b}" gave "What is {a + 5?"
                raise LamplightError(f"{where}.{label}: a curly bracket without its partner (each value to fill in "
                                     "stands between an opening and a closing one).")
            for match in _PLACEHOLDER.finditer(str(pattern)):
                tree = parse_expression(match.group(1), f"{where}.{label}")
                missing = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in _FUNCTIONS} - known
                if missing:
                    raise LamplightError(f"{where}.{label}: unknown name(s) {', '.join(sorted(missing))}.")
        return cls(
            id=template_id, title=str(spec.get("title") or template_id), kind=kind,
            skills=tuple(str(s) for s in spec.get("skills") or ()), params=params,
            prompt=str(spec["prompt"]), answer=str(spec["answer"]), let={str(k): str(v) for k, v in let.items()},
            where=tuple(str(c) for c in conditions), choices=tuple(str(c) for c in choices),
        )

    def to_spec(self) -> dict[str, Any]:
        """The template's JSON object (round-trips through :meth:`from_spec`); texts that differ by language are maps."""
        def local(get: Any) -> Any:
            texts = {self.language: get(self)}
            texts.update({code: get(self.in_language(code)) for code in self.texts})
            return texts[self.language] if len(set(texts.values())) == 1 else texts

        spec: dict[str, Any] = {"id": self.id}
        if self.texts or self.language != DEFAULT_LANGUAGE:
            spec["language"] = self.language
        spec.update({"title": local(lambda t: t.title), "kind": self.kind, "skills": list(self.skills),
                     "params": {k: list(v) for k, v in self.params.items()}})
        if self.let:
            spec["let"] = {name: local(lambda t, n=name: t.let[n]) for name in self.let}
        if self.where:
            spec["where"] = list(self.where)
        spec["prompt"] = local(lambda t: t.prompt)
        spec["answer"] = local(lambda t: t.answer)
        if self.choices:
            spec["choices"] = [local(lambda t, i=i: t.choices[i]) for i in range(len(self.choices))]
        return spec


def _local_values(spec: Mapping[str, Any], where: str) -> list[Any]:
    """The template's texts that may be language maps, checked to be texts or maps language -> text."""
    values: list[tuple[str, Any]] = [(k, spec[k]) for k in ("title", "prompt", "answer") if k in spec]
    if isinstance(spec.get("choices"), list):
        values += [(f"choices[{i}]", c) for i, c in enumerate(spec["choices"])]
    if isinstance(spec.get("let"), Mapping):
        values += [(f"let.{k}", v) for k, v in spec["let"].items()]
    for label, value in values:
        if is_local_map(value) and (not value or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in value.items())):
            raise LamplightError(f"{where}.{label}: a text in several languages must map language codes to texts.")
    return [v for _, v in values]


def _resolve_spec(spec: Mapping[str, Any], language: str, default_language: str) -> dict[str, Any]:
    """A copy of a template spec with every language map replaced by its text for ``language``."""
    plain = dict(spec)
    for key in ("title", "prompt", "answer"):
        if key in plain:
            plain[key] = pick(plain[key], language, default_language)
    if isinstance(plain.get("choices"), list):
        plain["choices"] = [pick(c, language, default_language) for c in plain["choices"]]
    if isinstance(plain.get("let"), Mapping):
        plain["let"] = {k: pick(v, language, default_language) for k, v in plain["let"].items()}
    return plain


def _check_level(level: Any, where: str) -> None:
    """Refuse a difficulty level whose values are out of a template's bounds."""
    values = level if isinstance(level, list) else level["from"]
    if len(values) > MAX_CHOICE_VALUES:
        raise LamplightError(f"{where}: at most {MAX_CHOICE_VALUES:,} values to pick from.")
    for value in values:
        if not isinstance(value, (int, float, str)) or isinstance(value, bool):
            raise LamplightError(f"{where}: the values must be numbers or texts.")
        try:
            _check_value(value)
        except LamplightError as exc:
            raise LamplightError(f"{where}: {exc}.") from None


def check_runs(template: "Template", where: str = "template") -> None:
    """Make one variant at each difficulty (fixed seed): a pack's template that cannot, within the bounds, is refused.

    Import calls this, so a hostile template is refused when the pack comes in,
    not found later when a teacher asks for variants.
    """
    for difficulty in range(1, LEVELS + 1):
        try:
            variant = generate(template, difficulty, random.Random(difficulty))
            answers = [variant.answer, *(text["answer"] for text in variant.texts.values())]
            wrong = [a for a in answers if template.kind == "numeric" and not is_number(str(a).strip())]
            if wrong:  # review 45b: "{k}" changed to "xk}" in a pack gave every variant the key "xk}"
                raise LamplightError(f"The answer '{wrong[0]}' of a numeric template is not a number.")
        except LamplightError as exc:
            raise LamplightError(f"{where}: at difficulty {difficulty}: {exc}") from None


def _draw(level_spec: Any, rng: random.Random) -> Any:
    if isinstance(level_spec, Mapping):
        return rng.choice(list(level_spec["from"]))
    return rng.randint(level_spec[0], level_spec[1])


def generate(template: Template, difficulty: int, rng: random.Random) -> GeneratedExercise:
    """A fresh variant of ``template`` at ``difficulty`` (1-5), drawn with ``rng``, in every language it has.

    The numbers are drawn once; each further language computes its own ``let``
    names from them and fills its own patterns, so both languages ask the same
    question with the same answer (a numeric answer must be the same number).
    Choices come in the same order in every language.
    """
    if not 1 <= int(difficulty) <= LEVELS:
        raise LamplightError(f"Difficulty must be 1 to {LEVELS}, not {difficulty}.")
    level = int(difficulty) - 1
    budget = _Budget()
    others = {code: template.in_language(code) for code in template.texts}
    for _ in range(MAX_TRIES):
        drawn: dict[str, Any] = {name: _draw(levels[level], rng) for name, levels in template.params.items()}
        try:
            values = _with_let(template, drawn, budget)
            if not all(evaluate(condition, values, budget) for condition in template.where):
                continue
            answer = fill(template.answer, values, budget=budget)
            filled = [fill(c, values, budget=budget) for c in template.choices] if template.kind == "multiple_choice" else []
            kept = [i for i, text in enumerate(filled) if text not in filled[:i]]
            order: list[int] = []
            if template.kind == "multiple_choice":
                if answer not in [filled[i] for i in kept] or len(kept) < 2:
                    continue
                order = list(range(len(kept)))
                rng.shuffle(order)  # the same permutation as shuffling the choices themselves
            choices = tuple(filled[kept[i]] for i in order)
            prompt = fill(template.prompt, values, budget=budget)
            texts = {code: _variant_text(other, drawn, kept, order, budget) for code, other in others.items()}
        except ZeroDivisionError:
            continue
        if any(text is None for text in texts.values()) or not _same_answers(template, answer, choices, texts):
            continue
        return GeneratedExercise(template.id, template.kind, prompt, answer, choices, template.skills, int(difficulty),
                                 {k: v for k, v in values.items() if k in template.params}, texts)  # type: ignore[arg-type]
    raise LamplightError(f"Template '{template.id}' found no values meeting its conditions at difficulty {difficulty}.")


def _with_let(template: Template, drawn: Mapping[str, Any], budget: _Budget) -> dict[str, Any]:
    """The drawn values plus the template's ``let`` names, computed in order."""
    values = dict(drawn)
    for name, expression in template.let.items():
        values[name] = evaluate(expression, values, budget)
    return values


def _variant_text(template: Template, drawn: Mapping[str, Any], kept: list[int], order: list[int], budget: _Budget) -> dict[str, Any] | None:
    """Prompt, answer and choices of one further language for the same drawn numbers (None: its choices clash)."""
    values = _with_let(template, drawn, budget)
    text: dict[str, Any] = {"prompt": fill(template.prompt, values, budget=budget), "answer": fill(template.answer, values, budget=budget)}
    if template.kind == "multiple_choice":
        filled = [fill(c, values, budget=budget) for c in template.choices]
        choices = [filled[kept[i]] for i in order]
        if len(set(choices)) != len(choices):
            return None
        text["choices"] = choices
    return text


def _same_answers(template: Template, answer: str, choices: tuple[str, ...], texts: Mapping[str, Mapping[str, Any]]) -> bool:
    """Every language's key is the same: the same number, or the choice at the same place."""
    for code, text in texts.items():
        if template.kind == "multiple_choice":
            if text["answer"] not in text["choices"] or text["choices"].index(text["answer"]) != choices.index(answer):
                return False
        if template.kind == "numeric" and _number(text["answer"]) != _number(answer):
            raise LamplightError(f"Template '{template.id}' in {code}: the answer {text['answer']} is not the same number as {answer}.")
    return True


def _number(text: str) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return None


def generate_many(template: Template, difficulty: int, count: int, rng: random.Random) -> list[GeneratedExercise]:
    """Up to ``count`` variants with different prompts (fewer when the template has fewer)."""
    seen: dict[str, GeneratedExercise] = {}
    for _ in range(count * 20):
        if len(seen) >= count:
            break
        variant = generate(template, difficulty, rng)
        seen.setdefault(variant.prompt, variant)
    return list(seen.values())
