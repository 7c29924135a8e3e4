"""The player's reads: the enrolment and the pages seen in one query, page bodies rendered
once per version, variant and language."""

import pytest
from bs4 import BeautifulSoup
from django.http import Http404
from django.urls import reverse

from modules import versioncache
from modules.actions import record_page_view
from modules.permissions import access_enrolment
from modules.selectors import learner_pages


def test_the_enrolment_and_its_seen_pages_are_one_query(
    enrolment, learner, django_assert_num_queries
):
    pages = learner_pages(enrolment)  # the version's content, read once per process
    with django_assert_num_queries(1):
        fresh = access_enrolment(learner, enrolment.pk, with_seen=True)
    assert fresh.seen_page_ids == set()
    for entry in (pages[0], pages[2]):
        record_page_view(enrolment, entry.page, entry.variant.language)
    with django_assert_num_queries(1):
        again = access_enrolment(learner, enrolment.pk, with_seen=True)
        seen = [entry.seen for entry in learner_pages(again)]
    assert again.seen_page_ids == {pages[0].page.pk, pages[2].page.pk}
    assert seen == [True, False, True] + [False] * (len(pages) - 3)


def test_the_seen_pages_are_only_the_enrolments_own(enrolment, learner, other_learner, starter):
    from modules.actions import enrol_learner

    other = enrol_learner(other_learner, starter, enrolment.industry, "safety_rep")
    first = learner_pages(other)[0]
    record_page_view(other, first.page, first.variant.language)
    assert access_enrolment(learner, enrolment.pk, with_seen=True).seen_page_ids == set()
    with pytest.raises(Http404):
        access_enrolment(learner, other.pk, with_seen=True)


def _table_label(client, enrolment) -> str:
    url = reverse("learn_page", args=[enrolment.pk, enrolment.version.page_count])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.select_one("article div.table-scroll")["aria-label"]


def test_a_page_body_is_rendered_once_per_language(learner_client, enrolment):
    assert _table_label(learner_client, enrolment) == "Tabell – rull sidelengs for å se hele"
    cached = len(versioncache._bodies)
    assert _table_label(learner_client, enrolment) == "Tabell – rull sidelengs for å se hele"
    assert len(versioncache._bodies) == cached  # the second time from memory
    learner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert _table_label(learner_client, enrolment) == "Table – scroll sideways to see all of it"
    assert len(versioncache._bodies) == cached + 1
