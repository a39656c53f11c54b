"""The package reads top-down: no import cycle between krnews modules, counting imports inside
functions too; every import inside a function says on its line (or the line above its block) why it
is there (an optional dependency, or a measured start-up cost); every declared dependency is imported,
and none through a module put in sys.modules under another name."""
from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

PACKAGES = ("krnews", "krnews.models", "krnews.scrapers", "krnews.data")


def _modules() -> dict[str, Path]:
    """Module name -> source file, for every module of the installed package (without importing it)."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        root = Path(importlib.util.find_spec(package).submodule_search_locations[0])
        for path in sorted(root.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([package, *parts])
            if any(name.startswith(other + ".") or name == other for other in PACKAGES if other != package and other.startswith(package)):
                continue  # a folder that another package maps (never the case today, but cheap to guard)
            modules.setdefault(name, path)
    return modules


def _imported(module: str, node: ast.AST, is_package: bool, modules) -> set[str]:
    """The krnews modules a statement imports: `from .a import b` imports a.b when that is a module,
    else (b is a name in it) a."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & set(modules)
    base = module if is_package else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    prefix = ".".join(part for part in (base if node.level else "", node.module or "") if part)
    return {f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix for alias in node.names} & set(modules)


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """Imports under `if TYPE_CHECKING:`, which never run."""
    return {node for block in ast.walk(tree) if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
            for statement in block.body for node in ast.walk(statement)}


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node not in skipped:
                graph[name] |= _imported(name, node, path.name == "__init__.py", modules) - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_whole_package():
    modules = _modules()
    assert {"krnews.api", "krnews.extraction", "krnews.runner", "krnews.models.records", "krnews.scrapers.http"} <= set(modules)
    graph = _graph(modules)
    assert "krnews.extraction" in graph["krnews.runner"]  # an import inside a function counts


def test_no_import_cycle():
    assert _cycles(_graph(_modules())) == []


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_inside_a_function_says_why():
    unexplained = []
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        inside = {node.lineno for function in ast.walk(tree) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))}
        for number in sorted(inside):
            first = number
            while first - 1 in inside:  # a block of imports: one reason covers it
                first -= 1
            block = lines[first - 1 : number]
            if not any("#" in line for line in block) and not lines[first - 2].strip().startswith("#"):
                unexplained.append(f"{name}:{number}: {lines[number - 1].strip()}")
    assert unexplained == []


def _imported_top_levels() -> set[str]:
    names = set()
    for path in _modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.partition(".")[0])
    return names


def test_every_declared_dependency_is_imported():
    required = [re.match(r"[A-Za-z0-9_.-]+", line).group() for line in importlib.metadata.requires("krnews")
                if "extra ==" not in line]
    providers = importlib.metadata.packages_distributions()  # import name -> distributions
    used = {dist.lower().replace("_", "-") for name in _imported_top_levels() for dist in providers.get(name, ())}
    unused = [name for name in required if name.lower().replace("_", "-") not in used]
    assert required and unused == []


def test_no_module_is_substituted_in_sys_modules():
    substituting = [name for name, path in _modules().items()
                    if re.search(r"sys\.modules(\[[^]]*\]\s*=|\.setdefault|\.update)", path.read_text(encoding="utf-8"))]
    assert substituting == []


def test_the_command_line_starts_without_the_nlp_stage():
    """The reason runner.py and commands/bench.py import the NLP stage inside functions: spaCy takes
    about 1.5 s to import, which `krnews status`, `export` or `--help` do not need."""
    code = ("import sys, krnews; from krnews.cli import build_parser; build_parser(); krnews.read_records; "
            "print(sorted(m for m in ('spacy', 'krnews.extraction') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
