"""Bearer-token authentication of the course owners' API.

Only the ``Authorization: Bearer <token>`` header is read (never the query string, which
lands in logs and browser histories), and nothing of the header is ever logged.
"""

from ninja.security import HttpBearer

from reporting import actions, selectors


class TokenAuth(HttpBearer):
    def __call__(self, request):
        # Not ninja's own __call__: with DEBUG on it logs an unexpected header whole.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token: str):
        row = selectors.usable_token(token)
        if row is None:
            return None
        actions.note_token_use(row)
        request.api_token = row
        return row.user
