"""The small-number rule, in one place: any figure from fewer than 5 people is hidden
("< 5"), and so many other cells besides that a hidden one can't be worked out by
subtracting the visible cells from a total (secondary suppression).

The report selectors call ``protect`` on their raw counts before any figure leaves them;
nothing else decides what is hidden. The method is described in
``docs/decisions/0012-report-small-numbers.md``:

1. Primary: every count below ``THRESHOLD`` (0 included: "nobody" is a figure about
   fewer than 5 people too) is hidden as SMALL.
2. Secondary: a *group* is a set of cells that add up (or nearly: a person may be in two
   organisations) to a visible total cell, a row of parts and the row's total, or a
   column of parts and the column's total. A reader knows the hidden cells of a group
   sum to ``S = total − visible parts``, that a "< 5" cell lies in 0..4 and that an "x"
   cell is 5 or more. For each "< 5" cell (and each hidden cell that is itself the total
   of another group) we compute the range those facts leave it; if the range is a single
   value, the cell is exposed, and the group's smallest visible
   part is hidden as well (SECONDARY; the total itself when no part is left). This
   repeats until no group changes, since hiding a cell in a row can expose a column.
3. Means and shares (``dependent``) are hidden when the count of people behind them is.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence

from reporting.tables import SECONDARY, SMALL

THRESHOLD = 5

Position = Hashable


def is_small(count: int | None) -> bool:
    return count is not None and count < THRESHOLD


def _exposed(hidden_parts, hidden, s, totals) -> bool:
    """Whether a reader who knows the hidden parts sum to ``s`` can tell exactly the value
    of a SMALL part, or of a hidden part that is itself the total of another group (it
    would let them subtract there)."""
    bounds = {}
    for p in hidden_parts:
        if hidden[p] == SMALL:
            bounds[p] = (0, THRESHOLD - 1)
        else:
            bounds[p] = (THRESHOLD, max(s, THRESHOLD))
    for p in hidden_parts:
        if hidden[p] != SMALL and p not in totals:
            continue
        others = [bounds[q] for q in hidden_parts if q != p]
        low = max(bounds[p][0], s - sum(hi for _lo, hi in others))
        high = min(bounds[p][1], s - sum(lo for lo, _hi in others))
        if low >= high:
            return True
    return False


def protect(
    values: Mapping[Position, int],
    groups: Iterable[tuple[Sequence[Position], Position]] = (),
) -> dict[Position, str]:
    """Which cells to hide, and why (SMALL or SECONDARY), given the raw counts by position
    and the groups of (parts, total) whose totals are shown."""
    groups = [(list(parts), total) for parts, total in groups]
    hidden: dict[Position, str] = {pos: SMALL for pos, v in values.items() if is_small(v)}
    totals = {total for _parts, total in groups}
    changed = True
    while changed:
        changed = False
        for parts, total in groups:
            if total in hidden:
                continue
            hidden_parts = [p for p in parts if p in hidden]
            if not hidden_parts:
                continue
            visible = [p for p in parts if p not in hidden]
            s = values[total] - sum(values[p] for p in visible)
            if not _exposed(hidden_parts, hidden, s, totals):
                continue
            if visible:
                smallest = min(visible, key=lambda p: (values[p], str(p)))
                hidden[smallest] = SECONDARY
            else:
                hidden[total] = SECONDARY
            changed = True
    return hidden


def dependent(hidden: Mapping[Position, str], people: Mapping[Position, int | None]):
    """For figures that are not counts (a mean, a share): hidden as SMALL when fewer than
    5 people are behind them, or as the count they depend on is hidden."""
    out = {}
    for pos, n in people.items():
        if n is None or is_small(n):
            out[pos] = SMALL
        elif pos in hidden:
            out[pos] = hidden[pos]
    return out


def grid_groups(row_keys, col_keys, total_row=None, total_col=None, sections=None):
    """The groups of a table whose rows (in ``sections``, each a list of row keys, or all
    of ``row_keys``) add up to ``total_row`` and whose columns add up to ``total_col``."""
    groups = []
    if total_row is not None:
        for section in sections or [list(row_keys)]:
            for c in [*col_keys, *([total_col] if total_col is not None else [])]:
                groups.append(([(r, c) for r in section], (total_row, c)))
    if total_col is not None:
        for r in [*row_keys, *([total_row] if total_row is not None else [])]:
            groups.append(([(r, c) for c in col_keys], (r, total_col)))
    return groups
