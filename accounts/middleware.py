from django.http import Http404
from django.urls import reverse
from django.utils import translation

from accounts.permissions import can_use_mfa


class UserLanguageMiddleware:
    """Show the site in a logged-in learner's preferred language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class MFAAccessMiddleware:
    """Two-factor set-up pages exist only for staff and course owners (404 for others).

    The pages that ask for a code while logging in stay open to anyone who has set it up.
    """

    OPEN = ("authenticate", "reauthenticate")

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def __call__(self, request):
        if self._prefix is None:
            self._prefix = reverse("mfa_index")
        path = request.path_info
        if path.startswith(self._prefix):
            rest = path[len(self._prefix) :].strip("/")
            if rest.split("/")[0] not in self.OPEN and not can_use_mfa(request.user):
                raise Http404
        return self.get_response(request)
