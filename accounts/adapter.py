from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language

from accounts.language import remember_language
from accounts.selectors import start_url
from mail.actions import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts start in the language the person signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = (get_language() or "nb").split("-")[0]
        user.language = language if language in dict(settings.LANGUAGES) else "nb"
        if commit:
            user.save()
        return user

    def get_signup_redirect_url(self, request):
        """After sign-up: choose industry and role if not done, then the module."""
        return start_url(request.user)

    def get_login_redirect_url(self, request):
        """After log-in without a ``next``: the same first steps for someone who has not
        begun (no industry or role, no module), else the home page."""
        return start_url(request.user)

    def post_login(self, request, user, **kwargs):
        """Remember the learner's language in the language cookie, so every later page is
        shown in it without loading the profile on each request."""
        response = super().post_login(request, user, **kwargs)
        if user.language and hasattr(response, "set_cookie"):
            remember_language(response, user.language)
        return response

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (verification, password reset, …) go through the outbox like
        every other: queued in the request's transaction, sent by the worker. A mail
        server or broker that is down delays the e-mail; the page works."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        msg = self.render_mail(template_prefix, email, ctx)
        html = next((body for body, kind in msg.alternatives if kind == "text/html"), "")
        for address in msg.to:
            queue_email(address, msg.subject, msg.body, html=html)
