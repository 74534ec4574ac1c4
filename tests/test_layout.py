"""The headless core stays headless: domain/, store/ and the importer work without Textual.

As in harlequin, the core is imported in a fresh interpreter with Textual
blocked, so `floortui import` and `floortui report` (and any future server)
never pay for, or depend on, the UI.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "floortui"
HEADLESS_FOLDERS = ("domain", "store")
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
    """Every module under domain/ and store/, so a new one is covered without editing here."""
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
