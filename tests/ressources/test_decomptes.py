"""The counts of a search: kept by the database (PostgreSQL), equal to the counts made on the results.

Every write below goes through what the portal uses (the ORM, bulk writes, ``update()``, deletes); after each,
the tables the triggers keep must hold exactly what a rebuild from the productions gives, and the counts read
from them must be those counted on the results.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ressources import recherche
from ressources.enums import Statut, TypeRessource
from ressources.filters import RessourceFilter
from ressources.models import DecompteParTheme, DecompteParType, Ressource
from tests.ressources.factories import RessourceFactory, ThemeFactory

LISTE = reverse("ressources:liste")


def contenu_des_tables():
    with connection.cursor() as curseur:
        curseur.execute("SELECT mot, collective, type, nombre, ids FROM ressources_decomptepartype ORDER BY 1, 2, 3")
        types = curseur.fetchall()
        curseur.execute(
            "SELECT mot, collective, theme_id, nombre, ids FROM ressources_decomptepartheme ORDER BY 1, 2, 3"
        )
        return types, curseur.fetchall()


def assert_tables_justes():
    """What the triggers kept is what a rebuild from the productions gives."""
    tenues = contenu_des_tables()
    with connection.cursor() as curseur:
        curseur.execute("SELECT ressources_recompter()")
    assert tenues == contenu_des_tables()
    assert tenues[0], "rien à comparer"


def decomptes_des_deux_facons(texte, collectives=False):
    base = Ressource.objects.publiees()
    filtre = RessourceFilter({"q": texte}, queryset=base.collectives() if collectives else base)
    formule = filtre.formule_des_decomptes()
    assert formule, f"« {texte} » devrait se lire dans les tables"
    return recherche.decomptes(filtre.qs, formule, collectives), recherche.decomptes(filtre.qs, None, collectives)


@pytest.fixture
def themes(db):
    return ThemeFactory(slug="habitat", nom="Habitat"), ThemeFactory(slug="emploi", nom="Emploi")


def test_chaque_ecriture_tient_les_decomptes(themes):
    habitat, emploi = themes
    guide = RessourceFactory(titre="Guide de la participation des habitants", themes=[habitat])
    RessourceFactory(titre="Étude sur l'emploi des habitants", type=TypeRessource.ETUDE, themes=[habitat, emploi])
    RessourceFactory(titre="Brouillon sur les habitants", statut=Statut.BROUILLON, lien_externe="", themes=[emploi])
    assert_tables_justes()
    assert DecompteParType.objects.get(mot="habit", collective=False, type=TypeRessource.GUIDE).nombre == 1

    guide.titre = "Guide des conseils citoyens"  # a word leaves, others come
    guide.collective = True
    guide.save()
    guide.themes.set([emploi])
    assert_tables_justes()
    assert not DecompteParType.objects.filter(mot="particip").exists()  # no production holds it any more

    Ressource.objects.filter(statut=Statut.BROUILLON).update(statut=Statut.PUBLIEE, lien_externe="https://e.org")
    Ressource.objects.filter(type=TypeRessource.ETUDE).update(type=TypeRessource.ACTES)
    Ressource.objects.bulk_create(
        [
            Ressource(titre=f"Fiche habitants {n}", slug=f"fiche-{n}", lien_externe="https://e.org", statut="publiee")
            for n in range(5)
        ]
    )
    Ressource.themes.through.objects.bulk_create(
        Ressource.themes.through(ressource=ressource, theme=habitat)
        for ressource in Ressource.objects.filter(slug__startswith="fiche-")
    )
    assert_tables_justes()

    Ressource.objects.filter(slug="fiche-0").delete()
    guide.delete()
    emploi.delete()
    assert_tables_justes()
    assert not DecompteParTheme.objects.filter(theme_id=emploi.pk).exists()


@pytest.mark.parametrize(
    "texte",
    [
        "habitants",
        "habitants emploi",
        "Guide habitants",
        "fiche",
        # One of the words, all but one, and both together.
        "guide OR fiche",
        "guide or étude",
        "habitants -fiche",
        "-fiche",
        "fiche OR étude -emploi",
        "guide -fiche -étude OR actes",
        "fiche -habitants OR étude",
    ],
)
def test_les_decomptes_lus_dans_les_tables_sont_ceux_des_resultats(themes, texte):
    habitat, emploi = themes
    for numero in range(12):
        RessourceFactory(
            titre=f"{['Guide', 'Fiche', 'Étude'][numero % 3]} sur les habitants et l'emploi {numero}"
            if numero % 2
            else f"Guide des habitants {numero}",
            type=[TypeRessource.GUIDE, TypeRessource.ETUDE, TypeRessource.ACTES][numero % 3],
            collective=numero % 4 == 0,
            themes=[habitat, emploi][: numero % 3],
        )
    # Unpublished: no count holds it, « all but » included.
    RessourceFactory(titre="Fiche en brouillon", statut=Statut.BROUILLON, lien_externe="", themes=[habitat])
    lus, comptes = decomptes_des_deux_facons(texte)
    assert lus == comptes and lus[0]
    assert decomptes_des_deux_facons(texte, collectives=True)[0] == decomptes_des_deux_facons(texte, True)[1]


def test_ce_que_les_tables_ne_savent_pas_se_compte_sur_les_resultats(themes):
    for texte in ['"guide des habitants"', '"guide des habitants" OR fiche', 'emploi -"guide des habitants"']:
        assert RessourceFilter({"q": texte}, queryset=Ressource.objects.publiees()).formule_des_decomptes() is None
    filtre = RessourceFilter({"q": "habitants", "type": "guide"}, queryset=Ressource.objects.publiees())
    assert filtre.formule_des_decomptes() is None


def test_une_faute_de_frappe_cherche_les_mots_proches(client, themes):
    RessourceFactory(titre="Discriminations et accès à l'emploi")
    RessourceFactory(titre="Guide de la santé mentale")
    reponse = client.get(LISTE, {"q": "discrimminations"})
    assert [r.titre for r in reponse.context["page"]] == ["Discriminations et accès à l'emploi"]
    assert reponse.context["facettes"]["total"] == 1
    assert [r.titre for r in client.get(LISTE, {"q": "santé mentalle"}).context["page"]] == [
        "Guide de la santé mentale"
    ]
    assert list(client.get(LISTE, {"q": "kangourou"}).context["page"]) == []


@pytest.mark.parametrize("adresse", [LISTE, reverse("recherche")])
def test_une_recherche_sans_resultat_ni_mot_proche_ne_compte_rien(client, themes, adresse):
    """A text no production holds, nor anything near it: after the search's analysis and the look for near words,
    no query counts or lists the productions (the counts' tables, the keys); the page says it found none."""
    RessourceFactory(titre="Guide de la santé mentale", themes=[themes[0]])
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(adresse, {"q": "kangourou"})
    assert reponse.status_code == 200
    lues = [r["sql"] for r in requetes.captured_queries]
    cles = 'SELECT "ressources_ressource"."id" AS "pk" FROM'
    comptes = [sql for sql in lues if "icount(" in sql and not sql.lstrip().startswith("SELECT EXISTS")]
    assert [sql for sql in lues if sql.startswith(cles)] == comptes == []
    assert any("websearch_to_tsquery" in sql for sql in lues)
    if adresse == LISTE:
        assert reponse.context["facettes"]["total"] == 0
        assert "Aucune ressource ne correspond" in reponse.content.decode()
    # A text it holds is still counted and listed.
    reponse = client.get(adresse, {"q": "santé"})
    assert "Guide de la santé mentale" in reponse.content.decode()


@pytest.mark.parametrize("adresse", [LISTE, reverse("recherche")])
def test_des_mots_jamais_ensemble_sont_sus_absents_sans_lire_les_ressources(client, db, adresse):
    """« guide podcast »: words many productions hold, never together. The counts tables say so; the productions
    are not asked for a first match (PostgreSQL would read them all, expecting one early). A phrase whose words
    come together in a production is asked of the productions."""
    for numero in range(4):
        RessourceFactory(titre=f"Guide emploi des jeunes {numero}", resume="Repères pour les équipes.")
        RessourceFactory(titre=f"Podcast jeunes {numero}", type=TypeRessource.PODCAST, resume="À écouter.")
    for texte, trouve, demande_aux_ressources in [
        ("guide podcast", None, False),
        ('"podcast guide"', None, False),
        ('"guide emploi"', "Guide emploi des jeunes 3", True),
        ('"emploi guide"', None, True),
    ]:
        with CaptureQueriesContext(connection) as requetes:
            reponse = client.get(adresse, {"q": texte})
        assert reponse.status_code == 200
        existences = [
            r["sql"].startswith('SELECT EXISTS (SELECT "ressources_ressource"')
            for r in requetes.captured_queries
            if r["sql"].startswith("SELECT EXISTS") and "ressources_" in r["sql"]
        ]
        assert existences == [False, True][: 1 + demande_aux_ressources], texte
        contenu = reponse.content.decode()
        if trouve:
            assert trouve in contenu, texte
        else:
            assert "Guide emploi des jeunes" not in contenu and "Podcast jeunes" not in contenu, texte


def test_un_mot_ou_l_autre_et_tous_sauf_un(base_vide, client, themes):
    """The grammar of PostgreSQL's websearch_to_tsquery, on both databases."""
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
        contexte = client.get(LISTE, {"q": texte}).context
        assert sorted(r.titre for r in contexte["page"]) == sorted(titres), texte
        assert contexte["facettes"]["total"] == len(titres)
        assert sum(theme.nombre for theme in contexte["facettes"]["themes"]) == sum(
            len(r.themes.all()) for r in contexte["page"]
        )


def test_au_dela_du_classement_complet_les_plus_recentes_d_abord(client, db, monkeypatch):
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


@pytest.mark.parametrize("texte", ["habitants", "habitants emploi", "habitants -emploi"])
def test_la_recherche_globale_compte_comme_la_liste(client, themes, texte):
    for numero in range(4):
        RessourceFactory(titre=f"Les habitants et l'emploi {numero}" if numero % 2 else f"Habitants {numero}")
    section = next(
        s for s in client.get(reverse("recherche"), {"q": texte}).context["sections"] if s["cle"] == "ressources"
    )
    liste = client.get(LISTE, {"q": texte}).context
    assert section["nombre"] == liste["facettes"]["total"] == liste["page"].paginator.count > 0
    assert [r.pk for r in section["premiers"]] == [r.pk for r in liste["page"]][: len(section["premiers"])]


def test_une_liste_sans_recherche_lit_ses_decomptes_dans_les_tables(base_vide, client, themes):
    habitat, emploi = themes
    for numero in range(6):
        RessourceFactory(
            type=[TypeRessource.GUIDE, TypeRessource.ETUDE][numero % 2],
            collective=numero % 3 == 0,
            themes=[habitat, emploi][: numero % 3],
        )
    RessourceFactory(statut=Statut.BROUILLON, lien_externe="", themes=[habitat])
    for base, collectives in [
        (Ressource.objects.publiees(), False),
        (Ressource.objects.publiees().collectives(), True),
    ]:
        filtre = RessourceFilter(None, queryset=base)
        assert filtre.formule_des_decomptes() == recherche.TOUTE_LA_LISTE
        lus = recherche.decomptes(filtre.qs, filtre.formule_des_decomptes(), collectives)
        assert lus == recherche.decomptes(filtre.qs, None, collectives) and lus[0]
    assert client.get(LISTE).context["facettes"]["total"] == 6
    assert client.get(reverse("ressources:collectives")).context["facettes"]["total"] == 2
    assert_tables_justes()
