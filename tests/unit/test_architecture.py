"""The shape of the code, as tests: no circular imports and no oversized modules. (Which
package may import which is checked by the import-linter contracts in pyproject.toml, which
.ci/run runs.)"""

from __future__ import annotations

import grimp

from ..conftest import REPO

PACKAGE = "expo_tui"
MAX_LINES = 600  # a module longer than this is doing more than one job
MAX_SCREEN_LINES = 450  # a screen keeps bindings, actions and handlers; the rest lives elsewhere


def _graph() -> grimp.ImportGraph:
    # Imports under `if TYPE_CHECKING:` never run, so they cannot make a circle at run time;
    # imports inside functions do run, and count.
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=True)


def circular_imports(graph: grimp.ImportGraph) -> list[str]:
    """Every direct import that closes a circle, as the circle ("a -> b -> a")."""
    circles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            chain = graph.find_shortest_chain(importer=imported, imported=importer)
            if chain is not None:
                circles.append(" -> ".join((importer, *chain)))
    return circles


def test_no_circular_imports() -> None:
    circles = circular_imports(_graph())
    assert not circles, "circular imports:\n" + "\n".join(circles)


def test_a_circle_is_found() -> None:
    graph = _graph()
    graph.add_import(importer="expo_tui.sanitize", imported="expo_tui.cli.common")
    assert "expo_tui.sanitize -> expo_tui.cli.common -> expo_tui.sanitize" in circular_imports(
        graph
    )
    graph = _graph()  # and one inside the explorer
    graph.add_import(importer="expo_tui.tui.keys", imported="expo_tui.tui.app")
    assert any(
        c.startswith("expo_tui.tui.keys -> expo_tui.tui.app") for c in circular_imports(graph)
    )


def test_no_module_is_over_600_lines_and_no_screen_over_450() -> None:
    source = REPO / "src" / PACKAGE
    long = {
        str(path.relative_to(source)): lines
        for path in source.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines()))
        > (MAX_SCREEN_LINES if path.parent.name == "screens" else MAX_LINES)
    }
    assert not long, f"modules over {MAX_LINES} lines (screens: {MAX_SCREEN_LINES}): {long}"
