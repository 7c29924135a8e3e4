"""The small-number rule: primary suppression below 5, and secondary suppression so that
a hidden figure can't be worked out by subtracting the visible ones from a total."""

import itertools
import random

from reporting.suppress import THRESHOLD, dependent, grid_groups, protect
from reporting.tables import SECONDARY, SMALL


def test_figures_below_five_are_hidden_zero_included():
    hidden = protect({"a": 0, "b": 4, "c": 5, "d": 120})
    assert hidden == {"a": SMALL, "b": SMALL}


def test_a_single_hidden_part_takes_the_smallest_visible_part_with_it():
    values = {"a": 3, "b": 9, "c": 7, "total": 19}
    hidden = protect(values, [(["a", "b", "c"], "total")])
    assert hidden == {"a": SMALL, "c": SECONDARY}


def test_a_hidden_total_needs_no_partner():
    values = {"a": 3, "b": 1, "total": 4}
    assert protect(values, [(["a", "b"], "total")]) == {"a": SMALL, "b": SMALL, "total": SMALL}


def test_zero_hidden_with_a_secondary_of_exactly_five_is_not_enough():
    # 0 and 5 hidden, total 9 with 4 visible: the hidden pair sums to 5, and an "x" is at
    # least 5, so the "< 5" must be 0. A third cell has to go.
    values = {"a": 0, "b": 5, "c": 6, "total": 11}
    hidden = protect(values, [(["a", "b", "c"], "total")])
    assert hidden == {"a": SMALL, "b": SECONDARY, "c": SECONDARY}


def test_two_fours_in_a_row_of_eight_expose_each_other_so_the_total_goes_too():
    values = {"a": 4, "b": 4, "total": 8, "grand": 30, "other": 22}
    groups = [(["a", "b"], "total"), (["total", "other"], "grand")]
    hidden = protect(values, groups)
    assert hidden["a"] == hidden["b"] == SMALL
    assert "total" in hidden and "other" in hidden  # and then the grand total's group


def test_means_follow_their_counts():
    hidden = dependent({"x": SECONDARY}, {"x": 10, "y": 3, "z": 12, "w": None})
    assert hidden == {"x": SECONDARY, "y": SMALL, "w": SMALL}


def possible_values(parts, total, values, hidden, totals):
    """Every value a reader could give each hidden SMALL part (and hidden part that is a
    total elsewhere), knowing the visible cells, the total and what the marks mean ("< 5":
    0..4, "x": 5 or more)."""
    hidden_parts = [p for p in parts if p in hidden]
    s = values[total] - sum(values[p] for p in parts if p not in hidden)
    ranges = [
        range(0, THRESHOLD) if hidden[p] == SMALL else range(THRESHOLD, max(s, THRESHOLD) + 1)
        for p in hidden_parts
    ]
    seen = {p: set() for p in hidden_parts}
    for combo in itertools.product(*ranges):
        if sum(combo) == s:
            for p, v in zip(hidden_parts, combo, strict=True):
                seen[p].add(v)
    return {p: seen[p] for p in hidden_parts if hidden[p] == SMALL or p in totals}


def test_no_hidden_figure_can_be_worked_out_from_a_row_or_column_total():
    """Random tables with row and column totals: in every group whose total is shown,
    each "< 5" cell could still be at least two different numbers."""
    rng = random.Random(20261130)
    for _ in range(300):
        n_rows, n_cols = rng.randint(1, 4), rng.randint(2, 4)
        rows, cols = [f"r{i}" for i in range(n_rows)], [f"c{j}" for j in range(n_cols)]
        values = {(r, c): rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for r in rows for c in cols}
        for r in rows:
            values[(r, "T")] = sum(values[(r, c)] for c in cols)
        for c in [*cols, "T"]:
            values[("T", c)] = sum(values[(r, c)] for r in rows)
        groups = grid_groups(rows, cols, total_row="T", total_col="T")
        hidden = protect(values, groups)
        for pos, v in values.items():
            if v < THRESHOLD:
                assert pos in hidden
        totals = {total for _parts, total in groups}
        for parts, total in groups:
            if total in hidden:
                continue
            for part, options in possible_values(parts, total, values, hidden, totals).items():
                assert values[part] in options
                assert len(options) >= 2, (values, hidden, parts, part)
