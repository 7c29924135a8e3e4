"""Walk a journey step by step and check every state it passes through: axe (0 violations
of any impact), no sideways scrolling, and a full-page screenshot under
``var/screenshots/<journey>-<width>/`` (CI keeps them as artefacts; never committed).

Two screens: a 320 px phone with JavaScript off, and a 1280 px screen with it on. axe
needs JavaScript, so on the phone each state's HTML (scripts left out, as the phone ran
none) is served again at its own URL in a JavaScript-enabled page of the same width, and
checked there: the same markup and styles the phone showed."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

SCREENS = {
    "phone": {"viewport": {"width": 320, "height": 640}, "java_script_enabled": False},
    "desktop": {"viewport": {"width": 1280, "height": 800}, "java_script_enabled": True},
}
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


@dataclass
class Journey:
    name: str
    screen: str
    page: object
    auditor: object | None  # the phone's JavaScript-enabled twin, None on the desktop
    axe: Axe = field(default_factory=Axe)
    problems: dict = field(default_factory=dict)
    states: list = field(default_factory=list)

    @property
    def width(self) -> int:
        return SCREENS[self.screen]["viewport"]["width"]

    def state(self, label: str) -> None:
        """Check the page as it is now, as the journey's state ``label``."""
        number = len(self.states) + 1
        self.states.append(label)
        folder = Path(settings.VAR_DIR) / "screenshots" / f"{self.name}-{self.width}"
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(path=str(folder / f"{number:02d}-{slug}.png"), full_page=True)
        checked = self.page
        if self.auditor is not None:
            url, html = self.page.url.split("#")[0], SCRIPT.sub("", self.page.content())
            self.auditor.route(
                url,
                lambda route: route.fulfill(
                    status=200, content_type="text/html; charset=utf-8", body=html
                ),
            )
            self.auditor.goto(url)
            self.auditor.unroute(url)
            checked = self.auditor
        result = self.axe.run(checked)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])} nodes)"
            for v in result.response["violations"]
        ]
        width = checked.evaluate("document.documentElement.scrollWidth")
        if width > self.width:
            found.append(f"page is {width} px wide at {self.width} px")
        if found:
            self.problems[f"{number:02d} {label}"] = found


def open_journey(browser, name: str, screen: str) -> tuple[Journey, list]:
    """A journey on ``screen`` and the browser contexts to close after it."""
    options = {**SCREENS[screen], "locale": "nb-NO"}
    context = browser.new_context(**options)
    contexts = [context]
    auditor = None
    if not options["java_script_enabled"]:
        twin = browser.new_context(**{**options, "java_script_enabled": True})
        contexts.append(twin)
        auditor = twin.new_page()
    return Journey(name, screen, context.new_page(), auditor), contexts
