"""The shipped library (``modules/content/``), read once for the tests in this folder.

These tests state what the library must give every learner (issue 11), not what it
holds today: they read the module list, languages, industries and roles from the
content itself, so they keep passing as writers add pages, questions and languages.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from modules.sources.loader import ContentTree, load_content

CORE_MODULE = "arbeidsmiljo-handler-om-arbeidet"
REFRESHER_MODULE = "oppfriskning-arbeidsmiljo"


@dataclass
class ModuleFiles:
    """One module folder as written: its ``module.yaml`` and what it lists."""

    folder: Path
    meta: dict

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def languages(self) -> list[str]:
        return list(self.meta["languages"])

    @property
    def roles(self) -> list[str]:
        return list(self.meta["roles"])

    @property
    def pages(self) -> list[str]:
        return list(self.meta["pages"])

    def page_file(self, name: str) -> Path:
        return self.folder / "pages" / name

    def shown_page(self, page: str, lang: str, industry: str, role: str) -> Path | None:
        """The file a learner sees (modules/content/README.md, "Pages"), or None."""
        for name in (
            f"{page}.{lang}.{industry}.{role}.md",
            f"{page}.{lang}.{industry}.md",
            f"{page}.{lang}.{role}.md",
            f"{page}.{lang}.md",
        ):
            if self.page_file(name).is_file():
                return self.page_file(name)
        return None


@pytest.fixture(scope="session")
def content_root() -> Path:
    return Path(settings.CONTENT_DIR)


@pytest.fixture(scope="session")
def industry_slugs(content_root) -> list[str]:
    data = yaml.safe_load((content_root / "industries.yaml").read_text("utf-8"))
    return [item["slug"] for item in data]


@pytest.fixture(scope="session")
def modules(content_root) -> list[ModuleFiles]:
    return [
        ModuleFiles(path.parent, yaml.safe_load(path.read_text("utf-8")))
        for path in sorted(content_root.glob("*/module.yaml"))
    ]


@pytest.fixture(scope="session")
def core(modules) -> ModuleFiles:
    found = [m for m in modules if m.slug == CORE_MODULE]
    assert found, f"the core module {CORE_MODULE}/module.yaml is missing"
    return found[0]


@pytest.fixture(scope="session")
def refresher(modules) -> ModuleFiles:
    found = [m for m in modules if m.slug == REFRESHER_MODULE]
    assert found, f"the refresher {REFRESHER_MODULE}/module.yaml is missing"
    return found[0]


def offered_industries(module: ModuleFiles, industry_slugs: list[str]) -> list[str]:
    chosen = module.meta["industries"]
    return list(industry_slugs) if chosen == "all" else list(chosen)


@pytest.fixture(scope="session")
def tree(content_root) -> ContentTree:
    """The checked, rendered library; fails with check_content's problems if it has any."""
    loaded, problems = load_content(content_root)
    if loaded is None:
        pytest.fail("modules/content does not load:\n" + "\n".join(map(str, problems.sorted())))
    return loaded
