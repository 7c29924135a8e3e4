from pathlib import Path

import polib
from django.conf import settings


def test_bokmal_catalogue_is_complete():
    """Every interface text has its bokmål translation (run makemessages after adding one)."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert not missing, missing
    for entry in po.translated_entries():
        for placeholder in ("%(", "{"):
            assert entry.msgid.count(placeholder) == (entry.msgstr or entry.msgstr_plural[0]).count(
                placeholder
            ), entry.msgid
