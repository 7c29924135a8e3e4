"""Work a web process does once when it starts instead of in its first requests.

Django imports the views (through the URLconf), compiles templates and reads the
translation catalogues lazily, in whichever requests come first; after a deploy or a
worker restart those requests took seconds on a busy machine while the process already
answered ``/healthz``. ``warm_up()`` does it at start-up (``lms.wsgi`` calls it).
"""

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

# The pages learners open most, and what they extend or include.
TEMPLATES = (
    "base.html",
    "home.html",
    "modules/page.html",
    "modules/page_body.html",
    "modules/overview.html",
    "quizzes/quiz.html",
    "quizzes/attempt.html",
    "teams/detail.html",
    "account/login.html",
)


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    engine = engines["django"]
    for name in TEMPLATES:
        engine.get_template(name)  # compiled into the cached loader
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")  # loads the language's catalogues
