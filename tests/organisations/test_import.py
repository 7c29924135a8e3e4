"""Organisations from CSV: the command and the admin upload share one importer that
imports all or nothing, reports ``line N: message`` and changes nothing the second time."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisations.importer import ImportFailed, import_organisations
from organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = """name,kind,parent,org_number,open_to_learners
YS,confederation,,,no
Forbund A,union,YS,975312461,yes
Avdeling Hamar,branch,YS/Forbund A,,
Avdeling Drammen,branch,Forbund A,,ja
Arbeidstilsynet,authority,,974761211,nei
"""


def tree():
    return sorted(
        Organisation.objects.values_list(
            "name", "kind", "parent__name", "org_number", "open_to_learners"
        )
    )


def test_a_file_imports_its_hierarchy_and_a_second_run_changes_nothing():
    result = import_organisations(GOOD.encode())
    assert len(result.created) == 5 and not result.updated
    assert tree() == [
        ("Arbeidstilsynet", "authority", None, "974761211", False),
        ("Avdeling Drammen", "branch", "Forbund A", "", True),
        ("Avdeling Hamar", "branch", "Forbund A", "", True),
        ("Forbund A", "union", "YS", "975312461", True),
        ("YS", "confederation", None, "", False),
    ]
    first = tree()
    ids = sorted(Organisation.objects.values_list("pk", "public_id"))
    again = import_organisations(GOOD.encode())
    assert len(again.unchanged) == 5 and not again.created and not again.updated
    assert tree() == first and sorted(Organisation.objects.values_list("pk", "public_id")) == ids


def test_a_changed_line_updates_the_organisation_it_names():
    import_organisations(GOOD.encode())
    changed = GOOD.replace("Forbund A,union,YS,975312461,yes", "Forbund A,union,YS,,no")
    result = import_organisations(changed.encode())
    assert result.updated == ["YS/Forbund A"] and len(result.unchanged) == 4
    org = Organisation.objects.get(name="Forbund A")
    assert (org.org_number, org.open_to_learners) == ("", False)


def test_a_parent_may_come_later_and_semicolons_and_a_bom_are_fine():
    text = "\ufeffname;kind;parent\nLokallag;branch;Forbundet\nForbundet;union;\n"
    import_organisations(text.encode("utf-8"))
    assert Organisation.objects.get(name="Lokallag").parent.name == "Forbundet"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,kind\nA,club\n", ["linje 2: ukjent type «club»"]),
        ("name,kind,parent\nA,union,Nowhere\n", ["linje 2: ukjent overordnet «Nowhere»"]),
        ("name,kind\nA,union\nA,union\n", ["linje 3: «A» står allerede på linje 2"]),
        ("name,kind,org_number\nA,union,123456789\n", ["linje 2: Kontrollsifferet"]),
        (
            "name,kind,parent\nA,union,B\nB,union,A\n",
            ["linje 2: «A» står under «B», som står under den (en sirkel)", "linje 3:"],
        ),
        ("name,kind,open_to_learners\nA,union,maybe\n", ["linje 2: open_to_learners"]),
        ("navn,type\nA,union\n", ["linje 1: den første linja"]),
        ("", ["linje 1: fila er tom"]),
    ],
)
def test_any_problem_imports_nothing_and_says_where(text, expected):
    Organisation.objects.create(name="Før", kind="union")
    with pytest.raises(ImportFailed) as failed:
        import_organisations(text.encode())
    assert len(failed.value.problems) == len(expected), failed.value.problems
    for problem, start in zip(failed.value.problems, expected, strict=True):
        assert problem.startswith(start), problem
    assert [o.name for o in Organisation.objects.all()] == ["Før"]


def test_one_bad_line_among_good_ones_imports_nothing():
    bad = GOOD + "Feil,club,,,\n"
    with pytest.raises(ImportFailed, match="linje 7"):
        import_organisations(bad.encode())
    assert not Organisation.objects.exists()


def test_text_that_is_not_utf8_is_refused_with_its_line():
    data = "name,kind\nHovedorganisasjonen,confederation\nFagforbundet Sør,union\n".encode(
        "latin-1"
    )
    with pytest.raises(ImportFailed, match="linje 3: fila er ikke UTF-8"):
        import_organisations(data)


def test_an_ambiguous_parent_name_asks_for_a_path():
    import_organisations(b"name,kind,parent\nA,union,\nB,union,\nLag,branch,A\nLag,branch,B\n")
    with pytest.raises(ImportFailed, match="linje 2: mer enn én organisasjon heter «Lag»"):
        import_organisations(b"name,kind,parent\nUnderlag,branch,Lag\n")
    import_organisations(b"name,kind,parent\nUnderlag,branch,B/Lag\n")
    assert Organisation.objects.get(name="Underlag").parent.parent.name == "B"


def test_the_command(tmp_path, capsys):
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_organisations", str(path))
    assert "created 5, updated 0, unchanged 0" in capsys.readouterr().out
    path.write_text(GOOD + "X,club,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_organisations", str(path))
    assert "linje 7: ukjent type" in capsys.readouterr().err
    assert Organisation.objects.count() == 5


def test_the_admin_upload_is_for_staff_and_imports_all_or_nothing(client, admin_user):
    url = reverse("admin:organisations_organisation_import")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302  # not staff: the admin's login
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("o.csv", (GOOD + "X,club,,,\n").encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "linje 7: ukjent type" in response.content.decode()
    assert not Organisation.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("o.csv", GOOD.encode())})
    assert response.status_code == 302
    assert Organisation.objects.count() == 5
    changelist = client.get(reverse("admin:organisations_organisation_changelist"))
    assert url in changelist.content.decode()
