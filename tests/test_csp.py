"""The Content-Security-Policy (django-csp) is strict (no 'unsafe-inline', nothing from another site) and breaks
nothing: in a Chromium that applies it, no public page, no page of the API's documentation and no admin page a team
uses reports a single violation."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.test_pages import PAGES_PUBLIQUES

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("evenement_a_venir", "ressource_illustree")]

GUETTEUR = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_la_politique_est_stricte(db):
    politique = Client().get("/")["Content-Security-Policy"]
    directives = dict(morceau.strip().split(" ", 1) for morceau in politique.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in politique and "unsafe-eval" not in politique


@pytest.fixture
def page_avec_la_politique(browser):
    contexte = browser.new_context(bypass_csp=False, locale="fr-FR")
    contexte.add_init_script(GUETTEUR)
    page = contexte.new_page()
    messages = []
    page.on(
        "console", lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page, messages
    contexte.close()


def violations(page, messages):
    """What the page reported; a violation's event is dispatched in a task of its own: let the queue run first."""
    page.evaluate("() => new Promise((fini) => setTimeout(fini, 0))")
    return page.evaluate("window.__violations") + messages


def test_aucune_violation_sur_les_pages_publiques_et_la_documentation_de_l_api(live_server, page_avec_la_politique):
    page, messages = page_avec_la_politique
    for adresse in [*PAGES_PUBLIQUES, "/api/v1/docs/"]:
        page.goto(live_server.url + adresse)  # « load »: the page's own scripts, styles and images are in
        assert violations(page, messages) == [], adresse
    # Swagger UI did start (its script is the portal's, not inline).
    expect(page.locator(".swagger-ui .info")).to_be_visible()


def test_aucune_violation_dans_l_administration(live_server, page_avec_la_politique):
    from centres.models import Centre
    from tests.centres.factories import MembreEquipeFactory

    membre = MembreEquipeFactory(centre=Centre.objects.get(slug="oriv")).utilisateur
    page, messages = page_avec_la_politique
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Nom d’utilisateur").fill(membre.username)
    page.get_by_label("Mot de passe").fill("un mot de passe long et sûr")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Mon centre : Observatoire régional de l'intégration et de la ville"))
    oriv = Centre.objects.get(slug="oriv")
    for adresse in [
        "/admin/",
        f"/admin/centres/centre/{oriv.pk}/change/",
        f"/admin/centres/centre/{oriv.pk}/history/",
        "/admin/ressources/ressource/",
        "/admin/ressources/ressource/add/",
        "/admin/ressources/ressource/import/",
        "/admin/evenements/evenement/add/",
        "/admin/collecte/source/add/",
    ]:
        page.goto(live_server.url + adresse)
        expect(page.locator("#content h1")).to_be_visible()
        assert violations(page, messages) == [], adresse
