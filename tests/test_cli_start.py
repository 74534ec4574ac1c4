"""`floortui run` starts without reading what only `report` needs.

The report kinds (floortui/cli/report_*.py) are read to build their options
only when the command line may use them: the word `report`, or a help flag.
A fresh interpreter shows what a start really imports.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from floortui.cli import _parser, main


def _modules_after(argv: list[str]) -> set[str]:
    code = textwrap.dedent(f"""
        import sys
        from floortui.cli import _command, _parser
        args = _parser({argv!r}).parse_args({argv!r})
        _command(args.command)
        print(" ".join(sorted(m for m in sys.modules if m.startswith("floortui.cli"))))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "argv",
    [["run"], ["--config", "config.yaml", "run", "--at", "10:05"], ["--db", "x.db", "demo"]],
)
def test_run_and_demo_read_no_report_module(argv: list[str]) -> None:
    assert _modules_after(argv) == {"floortui.cli"}


def test_report_still_reads_every_kind() -> None:
    loaded = _modules_after(["--db", "x.db", "report", "floor", "--at", "10:00"])
    assert {
        "floortui.cli.reports",
        "floortui.cli.report_floor",
        "floortui.cli.report_lost",
    } <= loaded


def test_help_still_lists_the_report_kinds(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    listed = " ".join(out.split())  # argparse wraps the help to the terminal's width
    assert "figures and lists: breaks, evaluations, queues, agents, floor, lost, shift" in listed


def test_a_db_named_report_is_still_parsed_as_its_value() -> None:
    args = _parser(["--db", "report", "run"]).parse_args(["--db", "report", "run"])
    assert (args.command, args.db) == ("run", "report")
