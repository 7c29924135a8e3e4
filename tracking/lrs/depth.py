"""Walks over parsed JSON, with a list rather than recursion: how deep it nests, and
where a NUL character hides (PostgreSQL can store it neither in text nor in jsonb)."""

# Deeper than any statement needs (extensions are free-form JSON; 32 levels is plenty).
MAX_DEPTH = 32


def too_deep(value, limit: int = MAX_DEPTH) -> str | None:
    """The JSON path of the first place nested deeper than ``limit``, or None. Walks
    with a list, not recursion, so no depth of input can exhaust the stack."""
    stack = [(value, "$", 1)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, dict):
            items = ((f"{path}.{key}", child) for key, child in node.items())
        elif isinstance(node, list):
            items = ((f"{path}[{i}]", child) for i, child in enumerate(node))
        else:
            continue
        if depth > limit:
            return path
        for child_path, child in items:
            if isinstance(child, dict | list):
                stack.append((child, child_path, depth + 1))
    return None


def first_nul(value) -> str | None:
    """The JSON path of the first key or string holding U+0000, or None."""
    stack = [(value, "$")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                return path
        elif isinstance(node, dict):
            for key, child in node.items():
                if "\x00" in key:
                    return f"{path}.{key!r}"
                stack.append((child, f"{path}.{key}"))
        elif isinstance(node, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(node))
    return None
