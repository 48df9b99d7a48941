"""Every public page is valid HTML (Nu HTML Checker), checked in one run of the validator."""

import pytest

from tests.harnais import assert_valid_html, references_sans_cible

PAGES_PUBLIQUES = [
    "/",
    "/centres/",
    "/centres/?region=76",
    "/centres/?region=zz&q=cites",
    "/centres/?departement=77",
    "/centres/?departement=2A",
    "/centres/?outre_mer=1",
    "/centres/profession-banlieue/",
    "/centres/crpv-guyane/",
    "/quartiers/",
    "/quartiers/?q=fauvettes&couvert=zz",
    "/quartiers/QN09336I/",
    "/quartiers/QN97801M/",
    "/ressources/",
    "/ressources/collectives/",
    "/ressources/?q=participation&annee=zz",
    "/ressources/guide-participation/",
    "/ressources/cadre-de-reference-national-des-crpv/",
    "/evenements/",
    "/evenements/archives/",
    "/evenements/?type=zz&region=76",
    "/evenements/seminaire-participation/",
    "/evenements/2023-8e-rencontre-nationale-des-centres-de-ressources-de-la-politique-de-la-ville/",
    "/centres/oriv/",
    "/recherche/?q=participation",
    "/recherche/?q=",
    "/reseau/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees/",
    "/donnees/centres/",
    "/donnees/evenements/",
    "/alertes/nouvelle/?liste=ressources&type=guide&q=participation",
    "/alertes/nouvelle/?liste=centre&centre=oriv",
    "/page-qui-n-existe-pas/",
]


@pytest.mark.usefixtures("evenement_a_venir", "ressource_illustree")
def test_chaque_aide_et_chaque_erreur_designee_existe(client):
    """A field points to its help and its errors (aria-describedby): each id it names is on the page, errors
    included (an invalid year, type or region, a search too long)."""
    pages = [*PAGES_PUBLIQUES, "/recherche/?q=" + "x" * 300, "/centres/?region=zz&q=" + "x" * 300]
    manquantes = {url: references_sans_cible(client.get(url).content.decode()) for url in pages}
    assert {url: refs for url, refs in manquantes.items() if refs} == {}
    assert 'aria-describedby="id_annee_error"' in client.get("/ressources/?annee=zz").content.decode()


@pytest.mark.usefixtures("evenement_a_venir", "ressource_illustree")
def test_pages_publiques_html_valide(client):
    documents = [client.get(url).content.decode() for url in PAGES_PUBLIQUES]
    assert_valid_html(*documents, noms=PAGES_PUBLIQUES)


def test_tableau_de_bord_html_valide(client, agent_anct, donnees_reference):
    client.force_login(agent_anct)
    pages = ["/pilotage/", "/pilotage/?statut=suspendu&region=zz"]
    documents = [client.get(url).content.decode() for url in pages]
    assert_valid_html(*documents, noms=pages)
    assert 'aria-describedby="id_region_error"' in documents[1]
    assert [references_sans_cible(document) for document in documents] == [[], []]
