"""The raw multi-row INSERT (docs/decisions/0007) names its columns by hand. A column it
leaves out gets NULL from the database, so it may leave out only a nullable column whose
model default is None; any other new field must be added to ``_COLUMNS``."""

from django.db.models import NOT_PROVIDED

from tracking.lrs.store import _COLUMNS
from tracking.models import Statement


def test_every_column_left_out_of_the_insert_defaults_to_null():
    fields = [f for f in Statement._meta.concrete_fields if not f.primary_key]
    left_out = [f for f in fields if f.column not in _COLUMNS]
    wrong = [f.name for f in left_out if not f.null or f.default not in (NOT_PROVIDED, None)]
    assert not wrong, f"add these fields to _COLUMNS and prepare_rows(): {wrong}"
    assert {f.name for f in left_out} == {"forward_after", "forward_claim"}


def test_the_insert_names_only_columns_of_the_model_once():
    columns = {f.column for f in Statement._meta.concrete_fields}
    assert set(_COLUMNS) <= columns
    assert len(_COLUMNS) == len(set(_COLUMNS))
