from pathlib import Path

import polib
import pytest
from django.conf import settings


def catalogue(language: str) -> polib.POFile:
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", ["nb", "pl"])
def test_catalogue_is_complete(language):
    """Every interface text has its bokmål and Polish translation (run makemessages after
    adding one)."""
    po = catalogue(language)
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert not missing, missing
    for entry in po.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for text in translations:
            for placeholder in ("%(", "{"):
                assert entry.msgid.count(placeholder) == text.count(placeholder), entry.msgid


def test_polish_has_every_text_bokmal_has():
    """The bokmål catalogue is kept complete; Polish must translate the same texts."""
    ids = {(e.msgctxt, e.msgid) for e in catalogue("nb") if not e.obsolete}
    polish = {(e.msgctxt, e.msgid) for e in catalogue("pl") if not e.obsolete}
    assert not ids - polish, sorted(ids - polish)


def test_polish_plurals_have_all_four_forms():
    po = catalogue("pl")
    assert po.metadata["Plural-Forms"].startswith("nplurals=4;")
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1, 2, 3], entry.msgid


@pytest.mark.parametrize("language", ["nb", "en", "pl"])
def test_no_message_is_translated_twice(language):
    """Branches merge .po files by union (.gitattributes): a message two branches both
    added must be kept once, or the catalogue says two things for one text."""
    seen, twice = set(), []
    for entry in catalogue(language):
        key = (entry.msgctxt, entry.msgid)
        if key in seen and not entry.obsolete:
            twice.append(entry.msgid)
        seen.add(key)
    assert not twice, twice
