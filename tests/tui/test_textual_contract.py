"""What the explorer relies on in Textual beyond its public API - one list, checked.

`src/` may name a private Textual attribute only if it is listed in ALLOWED below, with the
reason; each listed one is checked to still exist and to play the part the code relies on, so
a Textual upgrade that changes it fails here, naming it, instead of slowing the explorer down
or breaking it quietly.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import textual
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from expo_tui.tui.screens.explorer import ExplorerScreen

SRC = Path(__file__).resolve().parents[2] / "src" / "expo_tui"

# name -> where and why (see tui/frames.py, FrameHold._paint_now)
ALLOWED = {
    "_check_refresh": "frames.py: a pane reports its repaint now, not on its next idle",
    "_on_timer_update": "frames.py: the screen paints once it has the reports, not on its timer",
}


def _textual_private_names() -> set[str]:
    """Every private name Textual's own source defines or assigns (methods, attributes)."""
    names: set[str] = set()
    pattern = re.compile(r"(?:def |self\.|cls\.|^\s+)(_[a-z][a-z0-9_]*)\b", re.M)
    for path in Path(textual.__file__).parent.rglob("*.py"):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def _uses(tree: ast.AST) -> set[tuple[str, str]]:
    """(kind, name) of private names the module uses: attributes of objects other than the
    module's own `self`, methods it defines, and getattr() strings."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            owner = node.value
            own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            found.add(("self" if own else "other", node.attr))
        elif (
            isinstance(node, ast.FunctionDef)
            and node.name.startswith("_")
            and not node.name.startswith("__")
        ):
            found.add(("def", node.name))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and str(node.args[1].value).startswith("_")
        ):
            found.add(("other", str(node.args[1].value)))
    return found


def _own_names(trees: list[ast.AST]) -> set[str]:
    """Private names the project defines itself (assigned on self, or defined as methods)."""
    own: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                own.add(node.target.id)
    return own


def _textual_bases() -> dict[str, set[str]]:
    """For each project class that extends a Textual class: the private names the Textual
    classes in its MRO define or assign (which a subclass must not reuse)."""
    import importlib
    import pkgutil

    import expo_tui.tui

    result: dict[str, set[str]] = {}
    for module_info in pkgutil.walk_packages(expo_tui.tui.__path__, "expo_tui.tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            textual_classes = [c for c in cls.__mro__ if c.__module__.startswith("textual.")]
            if not textual_classes:
                continue
            names: set[str] = set()
            pattern = re.compile(r"(?:def |self\.)(_[a-z][a-z0-9_]*)\b")
            for base in textual_classes:
                try:
                    names.update(pattern.findall(inspect.getsource(base)))
                except (OSError, TypeError):
                    continue
            result[f"{module.__name__}.{cls.__qualname__}"] = names
    return result


def test_src_names_no_private_textual_attribute_but_the_listed_ones() -> None:
    textual_names = _textual_private_names()
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")}
    own = _own_names(list(trees.values()))
    bases = _textual_bases()
    found: dict[str, set[str]] = {}
    for path, tree in trees.items():
        relative = str(path.relative_to(SRC))
        for kind, name in _uses(tree):
            if name in ALLOWED:
                continue
            if kind == "other" and name in textual_names and name not in own:
                found.setdefault(relative, set()).add(name)
        # a subclass of a Textual class reusing one of its base classes' private names
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            module = "expo_tui." + relative.removesuffix(".py").replace("/", ".")
            inherited = bases.get(f"{module}.{node.name}", set())
            for inner in ast.walk(node):
                name = None
                if isinstance(inner, ast.FunctionDef):
                    name = inner.name
                elif (
                    isinstance(inner, ast.Attribute)
                    and isinstance(inner.value, ast.Name)
                    and inner.value.id == "self"
                ):
                    name = inner.attr
                private = name and name.startswith("_") and not name.startswith("__")
                if private and name in inherited and name not in ALLOWED:
                    found.setdefault(relative, set()).add(name)
    assert not found, f"private Textual names used outside ALLOWED: {found}"


def test_the_listed_private_names_still_do_what_the_explorer_relies_on() -> None:
    # A widget reports a pending repaint to its screen from its idle handler.
    assert callable(getattr(Widget, "_check_refresh", None)), "Widget._check_refresh is gone"
    assert "_check_refresh" in inspect.getsource(Widget._on_idle), "idle no longer reports"
    # The screen paints (lays out if needed, renders what is dirty) from its update timer.
    assert callable(getattr(Screen, "_on_timer_update", None)), "Screen._on_timer_update gone"
    timer = inspect.getsource(Screen).split("def _update_timer", 1)[1][:600]
    assert "_on_timer_update" in timer, "the screen's update timer calls something else"


def test_the_explorer_screen_does_not_repaint_on_focus_changes() -> None:
    # Screen.focused is a repainting reactive (a full-screen repaint per focus change); the
    # explorer overrides it because nothing on it draws from it.
    base = Screen.__dict__["focused"]
    assert isinstance(base, Reactive), "Screen.focused is no longer a reactive"
    override = ExplorerScreen.__dict__["focused"]
    assert isinstance(override, Reactive) and not override._repaint
