"""The raw multi-row INSERT (docs/decisions/0006) names its columns by hand: it must name
every column of the Statement model but the auto-incremented key."""

from tracking.lrs.store import _COLUMNS
from tracking.models import Statement


def test_the_insert_names_every_column_of_the_model():
    columns = {
        field.column
        for field in Statement._meta.concrete_fields
        if field.column != Statement._meta.pk.column
    }
    assert set(_COLUMNS) == columns
    assert len(_COLUMNS) == len(set(_COLUMNS))
