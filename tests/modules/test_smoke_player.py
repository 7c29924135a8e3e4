from django.urls import reverse


def test_full_path_renders(learner_client, enrolment):
    for url in [
        reverse("home"),
        reverse("catalogue"),
        reverse("module_detail", args=[enrolment.version.module.slug]),
        reverse("learn_overview", args=[enrolment.pk]),
        reverse("learn_page", args=[enrolment.pk, 1]),
        reverse("quiz", args=[enrolment.pk]),
        reverse("profile"),
    ]:
        response = learner_client.get(url)
        assert response.status_code == 200, url
