"""Browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI ({CHROMIUM}); .ci/run installs it")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A 320 px wide phone screen with JavaScript off: the core path must work without it."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, java_script_enabled=False, locale="nb-NO"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def checker(browser):
    """A 320 px screen with JavaScript on, for axe-core's accessibility checks."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nb-NO")
    yield context.new_page()
    context.close()
