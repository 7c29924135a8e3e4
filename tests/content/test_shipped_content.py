"""The shipped ``modules/content/`` must be valid (the other files in this folder check
what it must hold; only ``tests/content/`` reads it).

Code tests use the frozen trees under ``tests/``, so a writer adding a page or a
question breaks no test but these, and only when the content itself is wrong.
"""

from io import StringIO

import yaml
from django.conf import settings
from django.core.management import call_command


def test_shipped_content_passes_check_content():
    root = settings.CONTENT_DIR
    industries = len(yaml.safe_load((root / "industries.yaml").read_text("utf-8")))
    modules = len(list(root.glob("*/module.yaml")))
    pages = len(list(root.glob("*/pages/*.md")))
    out = StringIO()
    call_command("check_content", stdout=out)
    # plain-language warnings may come first; they do not fail the check
    assert out.getvalue().endswith(
        f"OK: {industries} industries, {modules} module(s), {pages} page files\n"
    )


def test_shipped_content_imports(db):
    from modules.models import ModuleVersion

    out = StringIO()
    call_command("import_content", stdout=out)
    slugs = {path.parent.name for path in settings.CONTENT_DIR.glob("*/module.yaml")}
    current = set(
        ModuleVersion.objects.filter(is_current=True).values_list("module__slug", flat=True)
    )
    assert slugs <= current, out.getvalue()
