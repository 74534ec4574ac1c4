"""Reading config.yaml's text: safe YAML, dates left as text, no key given twice.

The file is parsed with libyaml (PyYAML's C parser) when PyYAML was built with
it: on a config of a few hundred members that is about 10 ms less before the
floor first shows. The messages a supervisor reads stay PyYAML's own, word for
word: a file libyaml refuses is parsed again by the pure-Python parser, whose
error (with its line and column) is the one raised.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Checks:
    """What both parsers add to PyYAML's safe loading.

    Dates stay text so the models check them and a bad one (2025-13-45) is
    reported with its key instead of failing inside the YAML parser; a
    repeated key (a second `agents:` block) would otherwise silently replace
    the first.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key_node.value!r} is given twice (first at line "
                    f"{seen[key].start_mark.line + 1}); the second would replace the first",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _Loader(_Checks, yaml.SafeLoader):
    """The pure-Python parser: the one whose messages the user sees."""


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(_Checks, yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser with the same checks; used first, for speed."""


def parse_yaml(text: str) -> Any:
    """The data in `text`; raises PyYAML's own error (yaml.YAMLError, or ValueError for a
    tag it cannot build) from the pure-Python parser, so messages never depend on libyaml.
    """
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLoader)  # a SafeLoader (CSafeLoader)
        except (yaml.YAMLError, ValueError):
            pass  # parse again below for PyYAML's own message
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
