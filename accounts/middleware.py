from django.http import Http404
from django.urls import reverse

from accounts.permissions import can_use_mfa


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
