import os

from django.core.wsgi import get_wsgi_application

from lms.bootstrap import prepare_var_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
prepare_var_dir()
application = get_wsgi_application()

from lms.warmup import warm_up  # noqa: E402 - needs the app set up above

warm_up()
