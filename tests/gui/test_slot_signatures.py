"""No button or menu slot takes an optional parameter that the signal would fill.

PySide6 passes a signal's arguments to a slot that can take them: ``clicked``,
``triggered`` and ``toggled`` carry ``checked`` (a bool), so a slot
``restore(self, confirm=True)`` connected to ``clicked`` runs as
``restore(False)`` and silently skips its confirmation. This test reads the
desktop sources (no GUI needed) and fails on any such connection.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOOL_SIGNALS = {"clicked", "triggered", "toggled"}


@dataclass(frozen=True)
class Connection:
    where: str
    signal: str
    slot: str


def _optional_positional(args: ast.arguments, skip_self: bool) -> list[str]:
    """Names of parameters a signal argument could land in and that have a default (so a call without them works)."""
    positional = [*args.posonlyargs, *args.args][1 if skip_self else 0:]
    with_default = positional[len(positional) - len(args.defaults):] if args.defaults else []
    names = [a.arg for a in with_default]
    if args.vararg is not None:
        names.append("*" + args.vararg.arg)
    return names


def _functions(tree: ast.Module) -> dict[str, list[ast.FunctionDef]]:
    """Every function and method of a module by name."""
    found: dict[str, list[ast.FunctionDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(node)
    return found


def _methods_by_class(tree: ast.Module) -> dict[str, dict[str, ast.FunctionDef]]:
    classes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {f.name: f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return classes


def bad_connections(sources: dict[str, str]) -> list[Connection]:
    """Connections of clicked/triggered/toggled to a slot with an optional positional parameter.

    ``sources`` maps a file name to its text. A slot ``self.name`` is looked up
    in the enclosing class (then in any class of the sources that defines it);
    ``other.name`` in every class defining it; lambdas are checked directly.
    Slots defined outside the sources (Qt's own, like ``close``) are skipped.
    """
    trees = {name: ast.parse(text) for name, text in sources.items()}
    every_function: dict[str, list[ast.FunctionDef]] = {}
    for tree in trees.values():
        for name, defs in _functions(tree).items():
            every_function.setdefault(name, []).extend(defs)
    bad = []
    for file_name, tree in trees.items():
        classes = _methods_by_class(tree)
        seen: set[int] = set()  # a call inside a class is checked with that class only
        for class_node in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            own = classes.get(getattr(class_node, "name", ""), {})
            for call in ast.walk(class_node):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "connect"):
                    continue
                if id(call) in seen:
                    continue
                seen.add(id(call))
                signal = call.func.value
                if not (isinstance(signal, ast.Attribute) and signal.attr in BOOL_SIGNALS) or not call.args:
                    continue
                slot = call.args[0]
                where = f"{file_name}:{call.lineno}"
                if isinstance(slot, ast.Lambda):
                    if _optional_positional(slot.args, skip_self=False):
                        bad.append(Connection(where, signal.attr, "lambda"))
                    continue
                if not isinstance(slot, ast.Attribute):
                    continue
                is_self = isinstance(slot.value, ast.Name) and slot.value.id == "self"
                candidates = [own[slot.attr]] if is_self and slot.attr in own else every_function.get(slot.attr, [])
                for definition in candidates:
                    if _optional_positional(definition.args, skip_self=True):
                        bad.append(Connection(where, signal.attr, slot.attr))
                        break
    return sorted(bad, key=lambda c: c.where)


def desktop_sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "desktop").rglob("*.py"))}


def test_no_button_or_menu_slot_has_an_optional_parameter_the_signal_would_fill():
    bad = bad_connections(desktop_sources())
    assert not bad, "connect these through a lambda (or drop the default):\n" + "\n".join(
        f"{c.where}: {c.signal} -> {c.slot}" for c in bad
    )


def test_the_check_finds_the_kinds_of_mistake_it_is_for():
    sample = '''
class Page:
    def __init__(self, window):
        self.restore_button.clicked.connect(self.restore)
        self.leave_button.clicked.connect(self.leave)
        self.box.toggled.connect(self.refresh)
        self.ok.clicked.connect(lambda: self.restore())
        self.bad_lambda.clicked.connect(lambda checked=False: self.restore(checked))
        self.menu_action.triggered.connect(window.show_about)
        self.other.triggered.connect(window.close)
        self.field.textChanged.connect(self.restore)

    def restore(self, confirm: bool = True): ...
    def leave(self, password=None): ...
    def refresh(self): ...

class Window:
    def show_about(self, *args): ...
'''
    found = [(c.signal, c.slot) for c in bad_connections({"sample.py": sample})]
    assert sorted(found) == sorted([("clicked", "restore"), ("clicked", "leave"), ("clicked", "lambda"), ("triggered", "show_about")])


def test_pyside_really_passes_checked_into_a_slot_with_a_default(qapp):
    """The premise of the check above, on this PySide6: a default parameter receives ``checked=False``."""
    from PySide6.QtWidgets import QPushButton

    received = []

    class Holder:
        def slot(self, confirm: bool = True) -> None:
            received.append(confirm)

    holder = Holder()
    button = QPushButton("x")
    button.clicked.connect(holder.slot)
    button.click()
    assert received == [False]
