"""Bad parameters are a French 400 on every endpoint, unknown paths a JSON 404 (api/errors.py)."""

import pytest

# --- bad parameters: 400 in French, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?nimporte=quoi",
        "/api/v2/pages/?fields=inexistant",
        "/api/v2/pages/?fields=title(",
        "/api/v2/pages/?type=knowledge.Inexistant",
        "/api/v2/pages/?type=knowledge.Theme",
        "/api/v2/pages/?type=pas-un-type",
        "/api/v2/pages/?offset=-1",
        "/api/v2/pages/?offset=abc",
        "/api/v2/pages/?limit=51",
        "/api/v2/pages/?limit=1000000000000",
        "/api/v2/pages/?limit=-5",
        "/api/v2/pages/?order=consent_date",
        "/api/v2/pages/?order=random",
        "/api/v2/pages/?child_of=abc",
        "/api/v2/pages/?child_of=999999",
        "/api/v2/pages/?theme=",
        "/api/v2/pages/?search=",
        "/api/v2/pages/?slug=%00",
        "/api/v2/pages/abc/",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/1/?nimporte=quoi",
        "/api/v2/glossaire/?fields=live",
        "/api/v2/glossaire/?order=-live",
        "/api/v2/themes/?limit=abc",
        "/api/v2/themes/pas%20un%20slug/",
        "/api/v2/documents/?fields=file",
        "/api/v2/images/?offset=-1",
    ],
)
def test_bad_parameters_are_a_french_400(client, db, url, assert_french_400):
    assert_french_400(client.get(url))


def test_unknown_api_path_is_a_json_404(client, db):
    response = client.get("/api/v2/inexistant/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_nul_byte_in_find_is_a_french_400_on_every_database(client, content):
    response = client.get("/api/v2/pages/find/", {"html_path": "/fiches\x00/"})
    assert response.status_code == 400
    assert "html_path" in response.json()["message"]
