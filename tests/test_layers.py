"""The house reads bottom-up, and the fixture generator is not part of it.

``delib.base`` imports nothing of the project; ``delib.models`` only the base; ``delib.extract`` the
base and the models; ``delib.warehouse`` those and the extractor; the CLI and the batch job
(``delib``) sit on top.  No module imports another that imports it back (imports under
``TYPE_CHECKING`` aside: they never run).  ``delib.corpus`` is a distribution of its own
(corpus/pyproject.toml): no library module imports it, and the ``delib`` wheel, built without the
corpus/ folder at all, holds neither its code nor its dependencies.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# folder -> installed package (pyproject.toml's package-dir)
FOLDERS = {
    "delib": "delib",
    "models": "delib.models",
    "extract": "delib.extract",
    "warehouse": "delib.warehouse",
    "corpus": "delib.corpus",
}
# what each layer may import of the project
ALLOWED = {
    "delib.base": {"delib.base"},
    "delib.models": {"delib.base", "delib.models"},
    "delib.extract": {"delib.base", "delib.models", "delib.extract"},
    "delib.warehouse": {"delib.base", "delib.models", "delib.extract", "delib.warehouse"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            if rel.parts[0].startswith("samples"):
                continue
            parts = [p for p in rel.parts if p != "__init__"]
            out[".".join([package, *parts])] = path
    return out


def _type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports when it runs (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skip = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking(node)
        for n in node.body
    }
    skip |= {id(d) for s in list(skip) for node in ast.walk(tree) if id(node) == s for d in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # ``from package import module`` imports the module; the package's own __init__ only runs
            # as every submodule's parent does, which is not an edge of the graph
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = _modules()
    return {name: _imports(name, path, set(mods)) for name, path in mods.items()}


def _layer(module: str) -> str | None:
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def test_each_layer_imports_only_the_layers_below(graph: dict[str, set[str]]) -> None:
    assert "delib.extract.votes" in graph and "delib.base.errors" in graph  # the walk found the tree
    wrong = []
    for module, deps in graph.items():
        layer = _layer(module)
        if layer is None:
            continue
        for dep in deps:
            if not any(dep == a or dep.startswith(a + ".") for a in ALLOWED[layer]):
                wrong.append(f"{module} -> {dep}")
    assert wrong == []


def test_no_library_module_imports_the_fixture_generator(graph: dict[str, set[str]]) -> None:
    library = {m: d for m, d in graph.items() if not m.startswith("delib.corpus")}
    assert any(d for d in library.values())
    assert [m for m, deps in library.items() if any(d.startswith("delib.corpus") for d in deps)] == []


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    # Tarjan's strongly connected components: a component of more than one module is a cycle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_delib_wheel_builds_without_the_corpus_and_holds_none_of_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("delib", "models", "extract", "warehouse"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "wheel"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = out.glob("delib-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        metadata = next(z.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert "delib/extract/votes.py" in names and "delib/warehouse/001_initial.sql" in names
    assert [n for n in names if n.startswith("delib/corpus")] == []
    requires = [
        line.split(":", 1)[1].strip().casefold()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    assert any(r.startswith("pdfplumber") for r in requires)
    assert [r for r in requires if r.startswith(("reportlab", "openpyxl", "pikepdf"))] == []


def test_delib_and_its_generator_import_side_by_side_from_anywhere(tmp_path: Path) -> None:
    # delib and delib-corpus are two distributions sharing the namespace package ``delib`` (no
    # delib/__init__.py): outside the source tree, the console script, ``python -m delib`` and the
    # generator all import (a regular ``delib`` package would be shadowed by the generator's half)
    script = Path(sys.executable).with_name("delib")
    for cmd in ([str(script), "--version"], [sys.executable, "-m", "delib", "--version"]):
        run = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0 and run.stdout.startswith("delib, version"), run.stderr[-1000:]
    probe = "import delib.cli, delib.corpus.render, delib.extract, delib.warehouse; print('ok')"
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr[-1000:]
