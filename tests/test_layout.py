"""The headless core stays headless: domain/, store/ and the importer work without Textual.

As in harlequin, the core is imported in a fresh interpreter with Textual
blocked, so `floortui import` and `floortui report` (and any future server)
never pay for, or depend on, the UI.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "floortui"
HEADLESS_FOLDERS = ("domain", "store", "queries")
REQUIRED = [
    "floortui.domain",
    "floortui.domain.figures",
    "floortui.queries.reports",
    "floortui.store",
    "floortui.store.db",
    "floortui.store.imports",
    "floortui.adapters.importer",
    "floortui.adapters.cdr",
    "floortui.adapters.recordings",
    "floortui.adapters.follow",
    "floortui.live",
    "floortui.demo.replay",
]

BLOCKED_IMPORT = """
import importlib, sys

class BlockTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"textual is blocked in this test (importing {name})")
        return None

sys.meta_path.insert(0, BlockTextual())
try:
    import textual  # noqa: F401
except ImportError:
    pass
else:
    sys.exit("the blocker did not block textual")

failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
if loaded:
    failed.append(f"textual modules loaded anyway: {loaded}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def _headless_modules() -> list[str]:
    """Every module under domain/, store/ and queries/: a new one is covered without editing."""
    names = []
    for folder in HEADLESS_FOLDERS:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_imports_with_textual_blocked() -> None:
    modules = list(dict.fromkeys(REQUIRED + _headless_modules()))
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT, *modules],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _textual_imports(source: str) -> list[str]:
    """The textual modules a source file imports, at any depth (inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [n for n in names if n == "textual" or n.startswith("textual.")]
    return found


def test_the_scanner_finds_textual_imports() -> None:
    source = (
        "import os\n"
        "def later():\n"
        "    from textual.app import App\n"
        "    import textual.widgets as w\n"
        "    importlib.import_module('textual')\n"
        "from textualize import x\n"
    )
    assert _textual_imports(source) == ["textual.app", "textual.widgets", "textual"]


def test_no_headless_module_imports_textual() -> None:
    offenders = {}
    for folder in HEADLESS_FOLDERS:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            found = _textual_imports(path.read_text(encoding="utf-8"))
            if found:
                offenders[str(path.relative_to(PACKAGE.parent))] = found
    assert offenders == {}


# -- the direction of flow, SQL only in the store, small modules --------------------------

#: What each part of floortui may import from floortui itself. The flow is
#: adapters → store → domain → screens: the store and the domain know nothing above
#: them, the queries layer is the one place that combines them for the screens and
#: the CLI, and screens never reach the store except through it.
ALLOWED: dict[str, set[str]] = {
    "vocabulary": set(),
    "heap": set(),
    "config": {"vocabulary"},
    "store": {"vocabulary", "config"},
    "domain": {"vocabulary", "config"},
    "adapters": {"store", "domain", "vocabulary", "config"},
    "queries": {"store", "domain", "vocabulary", "config"},
    "widgets": {"domain", "vocabulary", "config"},
    "screens": {"queries", "domain", "widgets", "vocabulary", "config"},
    "live": {"adapters", "store", "domain", "queries", "vocabulary", "config"},
    "demo": {"adapters", "store", "domain", "queries", "live", "vocabulary", "config"},
    "app": {"screens", "widgets", "queries", "domain", "live", "adapters", "vocabulary", "config"},
    "cli": {
        "app", "screens", "queries", "domain", "live", "adapters", "store", "demo",
        "vocabulary", "config",
    },
}  # fmt: skip
MAX_MODULE_LINES = 400
#: Words that only SQL text holds, as they start a statement or clause.
_SQL = re.compile(
    r"\b(SELECT\s.+\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)\s|DROP\s+(TABLE|INDEX|VIEW)\s|PRAGMA\s+\w+"
    r"|BEGIN(\s+IMMEDIATE|\s+DEFERRED)?\s*$|COMMIT\s*$|ROLLBACK\s*$)",
    re.IGNORECASE | re.DOTALL,
)
#: Calls that send SQL to a database, whatever the string's spelling.
_SQL_CALLS = {"execute", "executemany", "executescript"}


def _part(module: str) -> str | None:
    """The part of floortui a module belongs to: `floortui.store.db` → `store`."""
    parts = module.split(".")
    if parts[0] != "floortui" or len(parts) < 2:
        return None
    return parts[1]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """The floortui modules one module imports, at any depth (deferred imports count too)."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("floortui.")}


def _part_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        source = _part(module)
        if source is None:
            continue
        edges = graph.setdefault(source, set())
        for target in _imports(module, path):
            part = _part(target)
            if part is not None and part != source:
                edges.add(part)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in a graph of parts, as a path that returns to its start; None if none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _layer_offences(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    return {
        part: sorted(targets - ALLOWED.get(part, set()))
        for part, targets in graph.items()
        if targets - ALLOWED.get(part, set())
    }


def _sql_offences(source: str) -> list[str]:
    """SQL text and SQL calls in a module's code (docstrings are prose and do not count)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _SQL.search(node.value)
        ):
            found.append(f"line {node.lineno}: {node.value[:60]!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _SQL_CALLS
        ):
            found.append(f"line {node.lineno}: .{node.func.attr}(...)")
    return found


def test_the_parts_form_no_cycle() -> None:
    assert _cycle(_part_graph()) is None


def test_each_part_imports_only_what_lies_below_it() -> None:
    assert _layer_offences(_part_graph()) == {}


def test_every_part_is_placed_in_the_flow() -> None:
    assert set(_part_graph()) <= set(ALLOWED), "a new part of floortui needs its place in ALLOWED"


def test_no_sql_outside_the_store() -> None:
    offenders = {}
    for module, path in _modules().items():
        if _part(module) == "store":
            continue
        found = _sql_offences(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(PACKAGE.parent))] = found
    assert offenders == {}


def test_no_module_is_doing_two_jobs() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


# The checks above must be able to fail: each is shown an offence it has to catch.


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"store": {"domain"}, "domain": {"store"}, "screens": {"domain"}}
    assert _cycle(graph) == ["domain", "store", "domain"]
    assert _cycle({"screens": {"queries"}, "queries": {"store"}}) is None


def test_the_layer_check_catches_a_screen_reaching_the_store() -> None:
    offences = _layer_offences({"screens": {"store", "queries"}, "store": {"domain"}})
    assert offences == {"screens": ["store"], "store": ["domain"]}


def test_the_sql_scanner_finds_sql_and_skips_prose() -> None:
    source = (
        '"""Reads calls: SELECT them FROM the store, in prose."""\n'
        'Q = "SELECT id FROM calls WHERE queue = ?"\n'
        "def f(db):\n"
        '    """Insert into nothing."""\n'
        "    db.execute(Q)\n"
        '    db.conn.executemany("INSERT OR IGNORE INTO members (name) VALUES (?)", [])\n'
    )
    assert _sql_offences(source) == [
        "line 2: 'SELECT id FROM calls WHERE queue = ?'",
        "line 5: .execute(...)",
        "line 6: .executemany(...)",
        "line 6: 'INSERT OR IGNORE INTO members (name) VALUES (?)'",
    ]


def test_the_import_reader_resolves_relative_and_deferred_imports(tmp_path: Path) -> None:
    path = tmp_path / "calls.py"
    path.write_text(
        "from . import _loading\n"
        "def later():\n"
        "    from floortui.store import calls\n"
        "    import floortui.vocabulary\n",
        encoding="utf-8",
    )
    found = _imports("floortui.screens.calls", path)
    assert {"floortui.screens._loading", "floortui.store.calls", "floortui.vocabulary"} <= found
