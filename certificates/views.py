from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from certificates import pdf, selectors
from certificates.codes import normalise
from certificates.ratelimit import allow_lookup


@login_required
def mine(request):
    return render(
        request,
        "certificates/list.html",
        {"certificates": selectors.for_user(request.user)},
    )


@login_required
def download(request, public_id):
    certificate = selectors.owned(request.user, public_id)
    if certificate is None:
        raise Http404
    response = HttpResponse(pdf.render(certificate), content_type="application/pdf")
    name = f"certificate-{certificate.grouped_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _limited(request):
    return render(request, "certificates/too_many.html", status=429)


@never_cache
def verify_form(request):
    """The form to type a code (a GET form: works without JavaScript)."""
    raw = request.GET.get("code")
    if raw is not None:
        code = normalise(raw)
        if code is not None:
            return redirect("certificate_verify", code=code)
        if not allow_lookup(request):
            return _limited(request)
        return render(request, "certificates/verify.html", {"certificate": None, "asked": True})
    return render(request, "certificates/verify.html", {"asked": False})


@never_cache
def verify(request, code):
    """Valid, expired, revoked or renewed, with only what a checker needs; any other code
    (unknown or malformed) gets the same neutral "not valid" answer."""
    if not allow_lookup(request):
        return _limited(request)
    certificate = selectors.by_code(code)
    context = {"certificate": certificate, "asked": True}
    if certificate is not None:
        context["state"] = certificate.state(timezone.localdate())
    return render(request, "certificates/verify.html", context)
