"""YAML with line numbers: every value's line is kept, so problems can say where they are."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from modules.sources.problems import Problems

PathKey = tuple


@dataclass
class YamlDoc:
    path: Path
    data: object = None
    lines: dict = field(default_factory=dict)

    def line(self, *key) -> int:
        """The line of the value at ``key`` or, if it is missing, of its nearest parent."""
        key = tuple(key)
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)


def _convert(node, key: PathKey, lines: dict):
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for knode, vnode in node.value:
            name = knode.value
            lines[(*key, name)] = knode.start_mark.line + 1
            out[name] = _convert(vnode, (*key, name), lines)
            lines[(*key, name)] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*key, i), lines) for i, item in enumerate(node.value)]
    return yaml.SafeLoader(" ").construct_object(node)  # scalars: the safe loader's types


def load_yaml(path: Path, problems: Problems) -> YamlDoc | None:
    """Parse ``path`` safely; report a syntax error with its line and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.add(path, 1, "file is not UTF-8 text")
        return None
    return parse_yaml(text, path, problems)


def parse_yaml(
    text: str, path: Path, problems: Problems, *, what: str = "file", first_line: int = 1
) -> YamlDoc | None:
    """Parse YAML ``text`` read from ``path``. YAML that starts further down a file is
    padded with newlines up to ``first_line``, so every line number stays right."""
    text = "\n" * (first_line - 1) + text
    doc = YamlDoc(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.add(path, mark.line + 1 if mark else 1, f"YAML syntax: {exc.problem}")
        return None
    except yaml.YAMLError as exc:
        problems.add(path, 1, f"YAML syntax: {exc}")
        return None
    if node is None:
        problems.add(path, first_line, f"{what} is empty")
        return None
    try:
        doc.data = _convert(node, (), doc.lines)
    except yaml.YAMLError as exc:
        problems.add(path, 1, f"YAML value: {exc}")
        return None
    return doc
