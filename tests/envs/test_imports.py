"""The core's import graph: no Inspect or SkyRL, and no cycles between its modules."""

import ast
from pathlib import Path

import latentgym.envs

ROOT = Path(latentgym.envs.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules imported anywhere in ``path`` (top level or inside functions), resolved."""
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


GRAPH = {_module(p): _imports(p) for p in ROOT.rglob("*.py")}


def test_the_core_imports_neither_inspect_nor_skyrl():
    for module, imports in GRAPH.items():
        assert not any(i.split(".")[0] in {"inspect_ai", "skyrl", "skyrl_gym", "skyrl_train"} for i in imports), module


def test_no_import_cycles_between_core_modules():
    edges = {m: {i for i in imports if i in GRAPH and i != m} for m, imports in GRAPH.items()}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in edges[module]:
            if nxt.startswith(module + "."):  # a package importing its own submodules
                continue
            assert state.get(nxt) != 1, " -> ".join([*path, module, nxt])
            if nxt not in state:
                visit(nxt, [*path, module])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
