"""config.yaml is parsed by libyaml for a faster start, with PyYAML's own messages kept.

The fast parser must read every file exactly as the pure-Python one does
(dates left as text, a key given twice refused), and a file it refuses must
still get the pure-Python parser's message, line and column
(tests/test_config.py checks each message word for word).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from floortui.config import ConfigError, load_config, yaml_text

ROOT = Path(__file__).parents[1]
BAD = ROOT / "tests" / "data" / "bad_config"

needs_libyaml = pytest.mark.skipif(
    yaml_text._FastLoader is None, reason="PyYAML built without libyaml"
)


class _Refused(yaml.SafeLoader):
    def get_single_data(self):
        raise AssertionError("the pure-Python parser was used on a file libyaml reads")


@needs_libyaml
def test_a_good_config_is_read_by_libyaml_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_text, "_Loader", _Refused)
    config = load_config(ROOT / "config.yaml")
    assert len(config.agents) == 40 and config.users


@needs_libyaml
@pytest.mark.parametrize(
    "path",
    [ROOT / "config.yaml", *sorted(BAD.glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_both_parsers_read_the_same_data(path: Path) -> None:
    text = path.read_text("utf-8")
    try:
        slow = yaml.load(text, Loader=yaml_text._Loader)
    except (yaml.YAMLError, ValueError):
        with pytest.raises((yaml.YAMLError, ValueError)):
            yaml.load(text, Loader=yaml_text._FastLoader)
        return
    assert yaml.load(text, Loader=yaml_text._FastLoader) == slow


@needs_libyaml
def test_libyaml_leaves_dates_as_text_and_refuses_a_key_given_twice() -> None:
    data = yaml.load("agents:\n  - hire_date: 2025-13-45\n", Loader=yaml_text._FastLoader)
    assert data == {"agents": [{"hire_date": "2025-13-45"}]}
    with pytest.raises(yaml.constructor.ConstructorError, match="given twice"):
        yaml.load("agents: []\nqueues: {}\nagents: []\n", Loader=yaml_text._FastLoader)


def test_a_file_libyaml_refuses_gets_the_pure_python_message(tmp_path: Path) -> None:
    bad = tmp_path / "config.yaml"
    bad.write_text("queues:\n\tsales: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    assert str(caught.value) == (
        f"{bad}: not valid YAML at line 2, column 1: a tab character; indent with spaces, not tabs"
    )
