import pytest
from django.urls import reverse

STARTER = "arbeidsmiljo-handler-om-arbeidet"


def test_catalogue_lists_the_starter_module(client, starter):
    html = client.get(reverse("catalogue")).content.decode()
    assert reverse("module_detail", args=[STARTER]) in html


@pytest.mark.parametrize(
    "query", ["industry=barnehage", "role=leader", "lang=en", "industry=sykehus&role=union_rep"]
)
def test_filters_that_match(client, starter, query):
    html = client.get(reverse("catalogue") + "?" + query).content.decode()
    assert reverse("module_detail", args=[STARTER]) in html


def test_filter_without_match_shows_empty_state(client, starter):
    starter.languages = ["nb"]
    starter.save()
    html = client.get(reverse("catalogue") + "?lang=en").content.decode()
    assert reverse("module_detail", args=[STARTER]) not in html
    assert 'class="empty"' in html


@pytest.mark.parametrize("query", ["industry=no-such", "role=astronaut", "lang=xx"])
def test_unknown_filter_value_is_404(client, starter, query):
    assert client.get(reverse("catalogue") + "?" + query).status_code == 404


def test_empty_catalogue(client, db):
    html = client.get(reverse("catalogue")).content.decode()
    assert 'class="empty"' in html


def test_module_page_shows_what_you_learn(client, starter):
    html = client.get(reverse("module_detail", args=[STARTER])).content.decode()
    for outcome in starter.outcomes["nb"]:
        assert outcome.replace("'", "&#x27;") in html or outcome in html
    assert str(starter.minutes) in html
