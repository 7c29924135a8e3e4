from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modules import actions, selectors
from modules.forms import CatalogueFilter, EnrolForm
from modules.permissions import access_enrolment


def catalogue(request):
    form = CatalogueFilter(request.GET or None)
    if request.GET and not form.is_valid():
        raise Http404  # an unknown industry, role or language in the URL
    filters = form.cleaned_data if form.is_bound else {}
    industry = filters.get("industry")
    versions = selectors.catalogue(
        industry=industry.slug if industry else "",
        role=filters.get("role", ""),
        language=filters.get("lang", ""),
    )
    return render(
        request,
        "modules/catalogue.html",
        {"form": form, "versions": versions, "filtered": any(filters.values())},
    )


def module_detail(request, slug):
    version = selectors.current_version(slug)
    form = EnrolForm(version=version, user=request.user) if request.user.is_authenticated else None
    return _render_detail(request, version, form)


def _render_detail(request, version, form, status=200):
    enrolments = selectors.enrolments_in_module(request.user, version)
    return render(
        request,
        "modules/module_detail.html",
        {
            "version": version,
            "form": form,
            "industries": selectors.industries_for(version),
            "refreshed": selectors.refreshed_version(version),
            "enrolments": enrolments,
            "completed_any": any(e.completed_at for e in enrolments),
        },
        status=status,
    )


@login_required
@require_POST
def enrol(request, slug):
    version = selectors.current_version(slug)
    form = EnrolForm(request.POST, version=version, user=request.user)
    if not form.is_valid():
        return _render_detail(request, version, form, status=400)
    try:
        enrolment = actions.enrol_learner(
            request.user, version, form.cleaned_data["industry"], form.cleaned_data["role"]
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render_detail(request, version, form, status=400)
    return redirect("learn_continue", enrolment_id=enrolment.pk)


@login_required
def overview(request, enrolment_id):
    enrolment = access_enrolment(request.user, enrolment_id, with_seen=True)
    pages = selectors.learner_pages(enrolment)
    return render(
        request,
        "modules/overview.html",
        {
            "enrolment": enrolment,
            "pages": pages,
            "progress": selectors.progress_of(enrolment, sum(p.seen for p in pages)),
        },
    )


@login_required
def continue_learning(request, enrolment_id):
    """Where the learner left off: the first unseen page, then the quiz, then the overview."""
    enrolment = access_enrolment(request.user, enrolment_id)
    actions.launch_enrolment(enrolment)
    target = selectors.resume_target(selectors.learner_pages(enrolment))
    if target is not None:
        return redirect("learn_page", enrolment_id=enrolment.pk, number=target)
    if enrolment.version.has_quiz and enrolment.quiz_passed_at is None:
        return redirect("quiz", enrolment_id=enrolment.pk)
    return redirect("learn_overview", enrolment_id=enrolment.pk)


@login_required
def page(request, enrolment_id, number):
    enrolment = access_enrolment(request.user, enrolment_id, with_seen=True)
    pages = selectors.learner_pages(enrolment)
    if not 1 <= number <= len(pages):
        raise Http404
    current = pages[number - 1]
    if not current.seen:
        actions.record_page_view(enrolment, current.page, current.variant.language)
        if enrolment.completed_at is not None:
            messages.success(request, _("Well done! You have completed the module."))
    return render(
        request,
        "modules/page.html",
        {
            "enrolment": enrolment,
            "variant": current.variant,
            "body": selectors.page_body(enrolment, current.variant),
            "number": number,
            "count": len(pages),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < len(pages) else None,
        },
    )
