"""The counts of a list of ressources (by type, by theme, in all): those of the results it lists, whatever the search
and the filters, after every kind of write; and the search's grammar, typos and long lists."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from commun.enums import Statut
from ressources import recherche
from ressources.enums import TypeRessource
from ressources.models import Ressource
from tests.ressources.factories import RessourceFactory, ThemeFactory

LISTE = reverse("ressources:liste")


@pytest.fixture
def themes(base_vide):
    return ThemeFactory(slug="habitat", nom="Habitat"), ThemeFactory(slug="emploi", nom="Emploi")


def toutes_les_pages(client, adresse, criteres):
    """The facets the list shows, and every result it lists, page after page."""
    reponse = client.get(adresse, criteres)
    facettes, page = reponse.context["facettes"], reponse.context["page"]
    resultats = list(page)
    while page.has_next():
        page = client.get(adresse, {**criteres, "page": page.next_page_number()}).context["page"]
        resultats += list(page)
    return facettes, resultats


def assert_les_decomptes_sont_ceux_des_resultats(client, criteres, adresse=LISTE):
    facettes, resultats = toutes_les_pages(client, adresse, criteres)
    par_type = Counter(ressource.type for ressource in resultats)
    par_theme = Counter(slug for ressource in resultats for slug in ressource.themes.values_list("slug", flat=True))
    assert facettes["total"] == len(resultats) == len({ressource.pk for ressource in resultats}), criteres
    assert {valeur: nombre for valeur, _, nombre in facettes["types"]} == par_type, criteres
    assert {theme.slug: theme.nombre for theme in facettes["themes"]} == par_theme, criteres
    return resultats


@pytest.fixture
def catalogue(themes):
    habitat, emploi = themes
    for numero in range(30):
        RessourceFactory(
            titre=f"{['Guide', 'Fiche', 'Étude'][numero % 3]} sur les habitants et l'emploi {numero}"
            if numero % 2
            else f"Guide des habitants {numero}",
            type=[TypeRessource.GUIDE, TypeRessource.ETUDE, TypeRessource.ACTES][numero % 3],
            collective=numero % 4 == 0,
            themes=[habitat, emploi][: numero % 3],
            date_publication=datetime.date(2000 + numero % 7, 1 + numero % 12, 1),
        )
    # Unpublished: counted nowhere, « all but » included.
    RessourceFactory(titre="Fiche en brouillon", statut=Statut.BROUILLON, lien_externe="", themes=[habitat])


@pytest.mark.parametrize(
    "criteres",
    [
        {},
        {"q": "habitants"},
        {"q": "habitants emploi"},
        {"q": "guide OR fiche"},
        {"q": "habitants -fiche"},
        {"q": "-fiche"},
        {"q": "fiche OR étude -emploi"},
        {"q": '"guide des habitants"'},
        {"q": 'emploi -"guide des habitants"'},
        {"q": "habitants", "type": "guide"},
        {"theme": "habitat"},
        {"theme": "emploi", "collective": "1"},
        {"annee": "2003", "tri": "titre"},
        {"q": "habitants", "theme": "zzz"},  # an invalid filter applies no more than it shows
    ],
)
def test_les_decomptes_sont_ceux_des_resultats_listes(client, catalogue, criteres):
    assert_les_decomptes_sont_ceux_des_resultats(client, criteres)
    criteres = {nom: valeur for nom, valeur in criteres.items() if nom != "collective"}
    assert_les_decomptes_sont_ceux_des_resultats(client, criteres, reverse("ressources:collectives"))


def test_chaque_ecriture_se_voit_dans_les_decomptes(client, themes):
    """The counts are kept per version of the content: every kind of write shows at the next request."""
    habitat, emploi = themes
    guide = RessourceFactory(titre="Guide de la participation des habitants", themes=[habitat])
    RessourceFactory(titre="Étude sur l'emploi des habitants", type=TypeRessource.ETUDE, themes=[habitat, emploi])
    RessourceFactory(titre="Brouillon sur les habitants", statut=Statut.BROUILLON, lien_externe="", themes=[emploi])
    for criteres in ({}, {"q": "habitants"}):
        assert len(assert_les_decomptes_sont_ceux_des_resultats(client, criteres)) == 2

    guide.titre = "Guide des conseils citoyens"  # a word leaves, others come
    guide.save()
    guide.themes.set([emploi])
    assert len(assert_les_decomptes_sont_ceux_des_resultats(client, {"q": "habitants"})) == 1
    assert len(assert_les_decomptes_sont_ceux_des_resultats(client, {"theme": "emploi"})) == 2

    Ressource.objects.filter(statut=Statut.BROUILLON).update(statut=Statut.PUBLIE, lien_externe="https://e.org")
    Ressource.objects.filter(type=TypeRessource.ETUDE).update(type=TypeRessource.ACTES)
    Ressource.objects.bulk_create(
        [
            Ressource(titre=f"Fiche habitants {n}", slug=f"fiche-{n}", lien_externe="https://e.org", statut="publie")
            for n in range(5)
        ]
    )
    with connection.cursor() as curseur:  # a link of the many-to-many table, written in SQL
        curseur.execute(
            f"INSERT INTO {Ressource.themes.through._meta.db_table} (ressource_id, theme_id) "
            "SELECT id, %s FROM ressources_ressource WHERE slug LIKE 'fiche-%%'",
            [habitat.pk],
        )
    assert len(assert_les_decomptes_sont_ceux_des_resultats(client, {"q": "habitants"})) == 7
    assert len(assert_les_decomptes_sont_ceux_des_resultats(client, {"theme": "habitat"})) == 6

    Ressource.objects.filter(slug="fiche-0").delete()
    emploi.delete()
    assert len(assert_les_decomptes_sont_ceux_des_resultats(client, {"q": "habitants"})) == 6
    assert "emploi" not in {theme.slug for theme in client.get(LISTE).context["facettes"]["themes"]}


def test_une_faute_de_frappe_cherche_les_titres_proches(client, themes):
    RessourceFactory(titre="Discriminations et accès à l'emploi")
    RessourceFactory(titre="Guide de la santé mentale")
    reponse = client.get(LISTE, {"q": "discrimminations"})
    assert [r.titre for r in reponse.context["page"]] == ["Discriminations et accès à l'emploi"]
    assert reponse.context["facettes"]["total"] == 1
    assert "proches" in reponse.text
    assert [r.titre for r in client.get(LISTE, {"q": "santé mentalle"}).context["page"]] == [
        "Guide de la santé mentale"
    ]
    rien = client.get(LISTE, {"q": "kangourou"})
    assert list(rien.context["page"]) == []
    assert "Aucune ressource ne correspond" in rien.text


@pytest.mark.parametrize("adresse", [LISTE, reverse("recherche")])
def test_des_mots_jamais_ensemble_et_une_expression(client, themes, adresse):
    """« guide podcast »: words many ressources hold, never together: nothing. An expression in quotes: its words
    together, in that order."""
    for numero in range(4):
        RessourceFactory(titre=f"Guide emploi des jeunes {numero}", resume="Repères pour les équipes.")
        RessourceFactory(titre=f"Podcast jeunes {numero}", type=TypeRessource.PODCAST, resume="À écouter.")
    for texte, trouve in [
        ("guide podcast", None),
        ('"podcast guide"', None),
        ('"guide emploi"', "Guide emploi des jeunes 3"),
        ('"emploi guide"', None),
    ]:
        reponse = client.get(adresse, {"q": texte})
        assert reponse.status_code == 200
        if trouve:
            assert trouve in reponse.text, texte
        else:
            assert "Guide emploi des jeunes" not in reponse.text and "Podcast jeunes" not in reponse.text, texte


def test_un_mot_ou_l_autre_et_tous_sauf_un(client, themes):
    """The grammar of PostgreSQL's websearch_to_tsquery."""
    RessourceFactory(titre="Guide des habitants", themes=[themes[0]])
    RessourceFactory(titre="Fiche emploi", type=TypeRessource.FICHE_EXPERIENCE, themes=[themes[1]])
    RessourceFactory(titre="Étude des habitants et de l'emploi", type=TypeRessource.ETUDE, themes=themes)
    RessourceFactory(titre="Brouillon sur l'emploi", statut=Statut.BROUILLON, lien_externe="")
    for texte, titres in [
        ("habitants OR fiche", ["Guide des habitants", "Fiche emploi", "Étude des habitants et de l'emploi"]),
        ("emploi -habitants", ["Fiche emploi"]),
        ("-emploi", ["Guide des habitants"]),
        ('"fiche emploi" OR guide -étude', ["Guide des habitants", "Fiche emploi"]),
        ('habitants -"guide des habitants"', ["Étude des habitants et de l'emploi"]),
    ]:
        resultats = assert_les_decomptes_sont_ceux_des_resultats(client, {"q": texte})
        assert sorted(r.titre for r in resultats) == sorted(titres), texte


def test_au_dela_du_classement_complet_les_plus_recentes_d_abord(client, themes, monkeypatch):
    monkeypatch.setattr(recherche, "CLASSEMENT_COMPLET", 3)
    for numero in range(5):
        RessourceFactory(
            titre=f"Participation {numero}",
            resume="La participation, la participation, la participation." if numero == 0 else "",
            date_publication=datetime.date(2020 + numero, 1, 1),
        )
    reponse = client.get(LISTE, {"q": "participation"})
    assert [r.titre for r in reponse.context["page"]] == [f"Participation {n}" for n in (4, 3, 2, 1, 0)]
    message = "Plus de 3 ressources : les plus récentes d'abord. Précisez la recherche"
    assert message in reponse.text
    peu = client.get(LISTE, {"q": "participation", "annee": "2020"})
    assert "Précisez la recherche" not in peu.text


@pytest.mark.parametrize("texte", ["habitants", "habitants emploi", "habitants -emploi", "habitans"])
def test_la_recherche_globale_compte_comme_la_liste(client, themes, texte):
    for numero in range(4):
        RessourceFactory(titre=f"Les habitants et l'emploi {numero}" if numero % 2 else f"Habitants {numero}")
    section = next(
        s for s in client.get(reverse("recherche"), {"q": texte}).context["sections"] if s["cle"] == "ressources"
    )
    liste = client.get(LISTE, {"q": texte}).context
    assert section["nombre"] == liste["facettes"]["total"] == liste["page"].paginator.count > 0
    assert [r.pk for r in section["premiers"]] == [r.pk for r in liste["page"]][: len(section["premiers"])]
