"""What a visitor does, in a real Chromium: axe-core on every public page, and the main journeys."""

import re

import pytest
from playwright.sync_api import expect

from tests.harnais import assert_accessible
from tests.test_pages import PAGES_PUBLIQUES

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("evenement_a_venir", "ressource_illustree")]

LARGEURS = {"telephone": 360, "bureau": 1280}


def assert_sans_debordement(page, largeur):
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= largeur, f"{page.url} déborde à {largeur} px"


@pytest.mark.parametrize("largeur", LARGEURS.values(), ids=LARGEURS.keys())
def test_pages_publiques_sans_violation_axe(live_server, page, largeur):
    page.set_viewport_size({"width": largeur, "height": 900})
    for url in PAGES_PUBLIQUES:
        page.goto(live_server.url + url)
        assert_accessible(page)
        assert_sans_debordement(page, largeur)


@pytest.mark.parametrize("largeur", LARGEURS.values(), ids=LARGEURS.keys())
def test_tableau_de_bord_sans_violation_axe(live_server, page, connecter, agent_anct, largeur):
    connecter(page, agent_anct)
    page.set_viewport_size({"width": largeur, "height": 900})
    page.goto(live_server.url + "/pilotage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilotage du réseau")
    assert_accessible(page)
    assert_sans_debordement(page, largeur)


def test_aucune_requete_vers_un_tiers(live_server, page):
    externes = []
    page.on(
        "request", lambda requete: None if requete.url.startswith(live_server.url) else externes.append(requete.url)
    )
    for url in ["/", "/centres/", "/centres/oriv/", "/reseau/"]:
        page.goto(live_server.url + url)
    assert externes == []


def test_parcours_carte_annuaire_centre(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Occitanie : 2 centres").first.click()
    expect(page).to_have_url(re.compile(r"/centres/\?region=76$"))
    expect(page.get_by_role("heading", name="2 centres pour cette recherche")).to_be_visible()
    page.get_by_role("link", name="Villes et Territoires Occitanie", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Villes et Territoires Occitanie")
    expect(page.locator(".coordonnees a[href^='tel:']")).to_have_text("04 67 07 02 38")


def tabuler_jusqu_a(page, selecteur, essais=80):
    """Press Tab until the focused element matches ``selecteur``, as a keyboard user would."""
    for _ in range(essais):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selecteur):
            return
    pytest.fail(f"{selecteur} n'est pas atteignable au clavier en {essais} tabulations")


def test_parcours_au_clavier_seul(live_server, page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Aller au contenu")
    page.keyboard.press("Enter")
    # The map: each region is a link reachable with the keyboard.
    tabuler_jusqu_a(page, 'a[href="/centres/?region=11"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"region=11$"))
    tabuler_jusqu_a(page, 'a[href="/centres/profession-banlieue/"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Profession Banlieue")
    expect(page.locator(".coordonnees a[href^='tel:']")).to_have_text("01 48 09 26 36")


def test_filtrer_l_annuaire_sans_javascript(live_server, browser):
    contexte = browser.new_context(java_script_enabled=False)
    page = contexte.new_page()
    page.goto(live_server.url + "/centres/")
    page.get_by_role("combobox", name="Département").select_option("93")
    page.get_by_role("button", name="Afficher les centres").click()
    expect(page.get_by_role("heading", name="1 centre pour cette recherche")).to_be_visible()
    expect(page.get_by_role("link", name="Profession Banlieue", exact=True)).to_be_visible()
    contexte.close()


@pytest.fixture
def membre_oriv(db):
    from centres.models import Centre
    from tests.centres.factories import MembreEquipeFactory

    return MembreEquipeFactory(centre=Centre.objects.get(slug="oriv")).utilisateur


@pytest.mark.parametrize("largeur", LARGEURS.values(), ids=LARGEURS.keys())
def test_pages_d_administration_d_une_equipe_sans_violation_axe(live_server, page, membre_oriv, largeur):
    """The admin pages a team uses every day: the login, « Mon centre », its centre's page, a new ressource."""
    from centres.models import Centre

    page.set_viewport_size({"width": largeur, "height": 900})
    page.goto(live_server.url + "/admin/")
    assert_accessible(page)
    page.get_by_label("Nom d’utilisateur").fill(membre_oriv.username)
    page.get_by_label("Mot de passe").fill("un mot de passe long et sûr")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Mon centre : Observatoire régional de l'intégration et de la ville"))
    assert_accessible(page)
    oriv = Centre.objects.get(slug="oriv")
    for adresse in [
        f"/admin/centres/centre/{oriv.pk}/change/",
        "/admin/ressources/ressource/add/",
        "/admin/evenements/evenement/add/",
    ]:
        page.goto(live_server.url + adresse)
        expect(page.locator("#content h1")).to_be_visible()
        assert_accessible(page)
