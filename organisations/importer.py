"""Organisations from a CSV file (``docs/organisations.md`` describes the format).

Everything is checked before anything is written: a file with any problem imports
nothing and each problem is reported as ``line N: message``. An organisation is known by
its path (its name under its parent), so importing the same file again changes nothing:
existing organisations are updated where the file says something else, or left as they
are.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.models import Organisation
from teams.orgnumber import normalise, validate_org_number

COLUMNS = ("name", "kind", "parent", "org_number", "open_to_learners")
REQUIRED = ("name", "kind")
YES = {"", "1", "yes", "y", "true", "ja", "j", "tak"}
NO = {"0", "no", "n", "false", "nei", "nie"}
NAME_LENGTH = Organisation._meta.get_field("name").max_length


class ImportFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Row:
    line: int
    name: str
    kind: str
    parent: str
    org_number: str
    open_to_learners: bool
    path: tuple[str, ...] = ()


@dataclass
class Result:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _problem(line: int, message: str) -> tuple[int, str]:
    return line, message


def _format(problem: tuple[int, str]) -> str:
    return _("line %(line)s: %(message)s") % {"line": problem[0], "message": problem[1]}


def _decode(data: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark (as spreadsheets save it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = _("the file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        raise ImportFailed([_format((line, message))]) from exc


def _read_rows(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], [_problem(1, _("the file is empty."))]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        return [], [
            _problem(
                1,
                _("the first line must name the columns: %(columns)s.")
                % {"columns": ",".join(COLUMNS)},
            )
        ]
    kinds = {k.value for k in Organisation.Kind}
    rows, problems = [], []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            problems.append(_problem(line, _("more values than columns.")))
            continue
        cell = dict(zip(header, (v.strip() for v in values), strict=False))
        name, kind = " ".join(cell.get("name", "").split()), cell.get("kind", "").lower()
        number = normalise(cell.get("org_number", ""))
        flag = cell.get("open_to_learners", "").lower()
        before = len(problems)
        if not name:
            problems.append(_problem(line, _("the name is missing.")))
        elif len(name) > NAME_LENGTH or "/" in name:
            problems.append(
                _problem(
                    line,
                    _("a name has at most %(n)s characters and no “/”.") % {"n": NAME_LENGTH},
                )
            )
        if kind not in kinds:
            problems.append(
                _problem(
                    line,
                    _("unknown kind “%(kind)s” (use one of: %(kinds)s).")
                    % {"kind": kind, "kinds": ", ".join(sorted(kinds))},
                )
            )
        if number:
            try:
                validate_org_number(number)
            except ValidationError as exc:
                problems.extend(_problem(line, message) for message in exc.messages)
        if flag not in YES | NO:
            problems.append(
                _problem(
                    line, _("open_to_learners is “yes” or “no”, not “%(value)s”.") % {"value": flag}
                )
            )
        if len(problems) == before:
            parent = "/".join(p.strip() for p in cell.get("parent", "").split("/"))
            rows.append(Row(line, name, kind, parent.strip("/"), number, flag not in NO))
    return rows, problems


def _existing_paths() -> dict[tuple[str, ...], Organisation]:
    rows = {o.pk: o for o in Organisation.objects.all()}

    def path(org) -> tuple[str, ...]:
        names, seen = [org.name], {org.pk}
        while org.parent_id is not None and org.parent_id not in seen:
            seen.add(org.parent_id)
            org = rows[org.parent_id]
            names.insert(0, org.name)
        return tuple(names)

    return {path(o): o for o in rows.values()}


def _place(rows: list[Row], existing: dict) -> tuple[list[Row], list[tuple[int, str]]]:
    """Give each row its path, parents first: a parent may come later in the file, by its
    path ("YS/Forbund A") or by its name when only one organisation has it."""
    known = {p: None for p in existing}  # path → the row that sets it (None: from before)
    placed, pending, problems = [], list(rows), []
    while pending:
        progress, waiting = False, []
        for row in pending:
            parent = _parent_path(row, known, pending)
            if parent is None:
                waiting.append(row)
                continue
            if isinstance(parent, str):
                problems.append((row.line, parent))
                progress = True
                continue
            row.path = (*parent, row.name)
            earlier = known.get(row.path)
            if earlier is not None:
                problems.append(
                    _problem(
                        row.line,
                        _("“%(name)s” is already on line %(other)s.")
                        % {"name": "/".join(row.path), "other": earlier.line},
                    )
                )
            else:
                known[row.path] = row
                placed.append(row)
            progress = True
        pending = waiting
        if not progress:
            problems.extend(_unplaceable(pending))
            break
    return placed, problems


def _unplaceable(pending: list[Row]) -> list[tuple[int, str]]:
    """Why each row left could not be placed: a cycle, a parent that could not be placed
    itself, or a parent nobody has."""
    by_name = {r.name: r for r in pending}
    out = []
    for row in pending:
        last = row.parent.split("/")[-1]
        step, seen, cycle = by_name.get(last), set(), False
        while step is not None and id(step) not in seen:
            if step is row:
                cycle = True
                break
            seen.add(id(step))
            step = by_name.get(step.parent.split("/")[-1]) if step.parent else None
        if cycle:
            message = _(
                "“%(name)s” is placed under “%(parent)s”, which is placed under it (a cycle)."
            ) % {"name": row.name, "parent": row.parent}
        elif last in by_name:
            message = _("its parent “%(parent)s” could not be placed (line %(other)s).") % {
                "parent": row.parent,
                "other": by_name[last].line,
            }
        else:
            message = _("unknown parent “%(parent)s”.") % {"parent": row.parent}
        out.append((row.line, message))
    return out


def _parent_path(row: Row, known: dict, pending: list[Row]):
    """The parent's path; None while it may still be placed; a message if it is wrong."""
    if not row.parent:
        return ()
    if "/" in row.parent:
        path = tuple(row.parent.split("/"))
        if path in known:
            return path
        return None  # a later row may make it; if none does, it is reported unknown
    waiting = [r for r in pending if r.name == row.parent and r is not row]
    if waiting:
        return None
    found = [p for p in known if p[-1] == row.parent]
    if len(found) > 1:
        return _(
            "more than one organisation is called “%(parent)s”: write its path, like %(path)s."
        ) % {
            "parent": row.parent,
            "path": "/".join(found[0]),
        }
    return found[0] if found else None


def check(data: bytes) -> list[Row]:
    """The rows, parents first, or ``ImportFailed`` with every problem found."""
    rows, problems = _read_rows(_decode(data))
    placed, more = _place(rows, _existing_paths())
    problems += more
    if problems:
        raise ImportFailed([_format(p) for p in sorted(problems, key=lambda p: p[0])])
    return placed


@transaction.atomic
def import_organisations(data: bytes) -> Result:
    """Import the CSV ``data``: all of it, or nothing (``ImportFailed``)."""
    rows = check(data)
    existing = _existing_paths()
    result = Result()
    for row in rows:
        parent = existing[row.path[:-1]] if len(row.path) > 1 else None
        org = existing.get(row.path)
        wanted = {
            "kind": row.kind,
            "org_number": row.org_number,
            "open_to_learners": row.open_to_learners,
        }
        label = "/".join(row.path)
        if org is None:
            org = Organisation.objects.create(name=row.name, parent=parent, **wanted)
            existing[row.path] = org
            result.created.append(label)
        elif any(getattr(org, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(org, k, v)
            org.save(update_fields=list(wanted))
            result.updated.append(label)
        else:
            result.unchanged.append(label)
    return result
