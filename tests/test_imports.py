"""The import graph of pipeline/: no cycles, and no library module imports command-line code.

Imports anywhere in a file count (also those inside functions, which run later
but still tie the modules together). A command-line module is one named
``cli`` (``pipeline.batch.cli``, ``pipeline.cli``) or ``__main__``.
"""

import ast

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"


def modules() -> dict[str, object]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = name.split(".") if is_package else name.split(".")[:-1]
                if node.level:
                    base = base[: len(base) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                targets = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                # a package's own submodules importing it (or it them) is not an edge up the tree
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def is_cli(module: str) -> bool:
    return module.rpartition(".")[2] in ("cli", "__main__")


def test_the_graph_is_read_from_every_module():
    graph = import_graph()
    assert {"pipeline.batch", "pipeline.batch.cli", "pipeline.cli", "pipeline.vi", "pipeline.events.component"} <= set(
        graph
    )
    assert "pipeline.cli.options" in graph["pipeline.batch.cli"]


def test_cycles_are_detected():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_library_code_imports_no_command_line_code():
    graph = import_graph()
    leaks = sorted(f"{m} -> {t}" for m, targets in graph.items() if not is_cli(m) for t in targets if is_cli(t))
    assert leaks == []
