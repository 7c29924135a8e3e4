from lms.run import default_site_url


def test_make_run_links_follow_its_host_and_port():
    environ = {"PORT": "8123"}
    default_site_url(environ)
    assert environ["SITE_URL"] == "http://127.0.0.1:8123"
    environ = {"HOST": "10.0.0.5", "PORT": "9000"}
    default_site_url(environ)
    assert environ["SITE_URL"] == "http://10.0.0.5:9000"


def test_a_given_site_url_is_kept():
    environ = {"PORT": "8123", "SITE_URL": "https://kurs.example.no"}
    default_site_url(environ)
    assert environ["SITE_URL"] == "https://kurs.example.no"
