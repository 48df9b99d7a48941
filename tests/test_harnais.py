"""The checkers must be able to fail: each is shown a broken page."""

import pytest
from _pytest.outcomes import Failed

from tests.harnais import assert_accessible, assert_valid_html

PAGE_VALIDE = (
    '<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1></main></body></html>'
)


def test_assert_valid_html_accepte_une_page_valide():
    assert_valid_html(PAGE_VALIDE)


def test_assert_valid_html_echoue_sur_un_balisage_invalide():
    invalide = PAGE_VALIDE.replace("<h1>Essai</h1>", "<p><div>bloc dans un paragraphe</p></span>")
    with pytest.raises(Failed, match="HTML invalide"):
        assert_valid_html(PAGE_VALIDE, invalide, noms=["valide", "invalide"])


@pytest.mark.browser
def test_assert_accessible_echoue_sur_une_image_sans_alt(page):
    page.set_content(
        PAGE_VALIDE.replace("<h1>Essai</h1>", '<h1>Essai</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
    )
    with pytest.raises(Failed, match="image-alt"):
        assert_accessible(page)


@pytest.mark.browser
def test_assert_accessible_accepte_une_page_correcte(page):
    page.set_content(PAGE_VALIDE)
    assert_accessible(page)
