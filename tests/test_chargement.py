"""The loaders of fixtures/referentiel/ can be run again at any time: after staff edits, deletions, and changes of
the sources themselves, they neither duplicate, nor overwrite, nor fail."""

import csv
import io
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from centres.models import Centre, Label
from evenements.enums import TypeEvenement
from evenements.models import Evenement
from ressources.models import Ressource, Theme
from tests.ressources.factories import RessourceFactory

pytestmark = pytest.mark.usefixtures("donnees_reference")

HUITIEME = "2023-8e-rencontre-nationale-des-centres-de-ressources-de-la-politique-de-la-ville"


def recharger():
    """charger_referentiel as make run calls it; its output, for the tests that read it."""
    sortie = io.StringIO()
    call_command("charger_referentiel", sans_communes=True, stdout=sortie, stderr=sortie)
    return sortie.getvalue()


def etat():
    """Everything the loaders write, to compare before and after a run."""
    return {
        "centres": sorted(Centre.objects.values_list("pk", "slug", "nom", "telephone")),
        "labels": Label.objects.count(),
        "evenements": sorted(Evenement.objects.values_list("pk", "slug", "type", "numero_edition")),
        "themes": sorted(Theme.objects.values_list("pk", "slug", "nom")),
        "ressources": sorted(Ressource.objects.values_list("pk", "slug", "statut")),
    }


@pytest.fixture
def sources(tmp_path, settings):
    """A copy of fixtures/referentiel/ the test may change, as a new version of the data would."""
    dossier = tmp_path / "sources"
    shutil.copytree(
        settings.BASE_DIR / "fixtures" / "referentiel", dossier, ignore=shutil.ignore_patterns("communes.csv")
    )
    shutil.copy(settings.BASE_DIR / "fixtures" / "referentiel" / "communes.csv", dossier / "communes.csv")
    settings.DOSSIER_REFERENTIEL = dossier

    def modifier(nom, changer):
        """Rewrite ``nom`` with ``changer(rows)`` (which returns the new rows)."""
        chemin = dossier / nom
        with open(chemin, encoding="utf-8", newline="") as fichier:
            lecteur = csv.DictReader(fichier)
            colonnes, lignes = lecteur.fieldnames, list(lecteur)
        with open(chemin, "w", encoding="utf-8", newline="") as fichier:
            ecrivain = csv.DictWriter(fichier, fieldnames=colonnes)
            ecrivain.writeheader()
            ecrivain.writerows(changer(lignes))

    return modifier


def test_un_second_chargement_ne_change_rien():
    avant = etat()
    sortie = recharger()
    assert etat() == avant
    assert "centres.csv : 0 créé(s), 0 mis à jour, 19 inchangé(s)" in sortie


def test_un_centre_supprime_par_l_equipe_n_est_pas_recree():
    # The admin archives a centre rather than delete it (its label decisions are protected); a centre removed
    # from the database all the same (by a superuser, in a shell) is not brought back either.
    centre = Centre.objects.get(slug="oriv")
    centre.labels.all().delete()
    centre.delete()
    avant = etat()
    sortie = recharger()
    assert etat() == avant
    assert not Centre.objects.filter(nom="Observatoire régional de l'intégration et de la ville").exists()
    assert "1 supprimé(s) sur le portail et non recréé(s)" in sortie


def test_l_adresse_d_un_centre_modifiee_ne_le_duplique_pas():
    centre = Centre.objects.get(slug="oriv")
    centre.slug = "oriv-grand-est"
    centre.save()
    avant = etat()
    recharger()
    assert etat() == avant
    assert not Centre.objects.filter(slug="oriv").exists()


def test_l_adresse_d_une_rencontre_modifiee_ne_fait_pas_echouer_le_chargement():
    Evenement.objects.filter(slug=HUITIEME).update(slug="rencontre-montpellier-2023")
    avant = etat()
    recharger()  # before: IntegrityError on the edition number, and `make serve` did not start
    assert etat() == avant
    assert Evenement.objects.filter(numero_edition=8).get().slug == "rencontre-montpellier-2023"


def test_l_adresse_d_un_theme_modifiee_ne_fait_pas_echouer_le_chargement():
    Theme.objects.filter(slug="participation-citoyenne").update(slug="participation")
    avant = etat()
    recharger()  # before: IntegrityError on the theme's unique name
    assert etat() == avant


def test_ce_que_l_equipe_a_modifie_reste_et_le_reste_suit_la_source(sources):
    """A field edited on the portal keeps its value; a field nobody touched follows a new version of the source."""
    centre = Centre.objects.get(slug="oriv")
    centre.telephone = "0388000000"
    centre.save()

    def nouvelle_version(lignes):
        for ligne in lignes:
            if ligne["slug"] == "oriv":
                ligne["telephone"] = "03 88 11 11 11"
                ligne["email"] = "contact@oriv.example"
        return lignes

    sources("centres.csv", nouvelle_version)
    recharger()
    centre.refresh_from_db()
    assert centre.telephone == "0388000000"  # the team's, not the source's
    assert centre.email == "contact@oriv.example"  # nobody had changed it: it follows the source


def test_une_nouvelle_rencontre_et_les_rangs_completes_arrivent_dans_une_base_existante(sources):
    """The database of an earlier version of rencontres.csv: no 2nd meeting, 1st and 3rd without their rank."""

    def ancienne_version(lignes):
        for ligne in lignes:
            if ligne["numero"] in {"1", "3"}:
                ligne["numero"] = ""
        return [ligne for ligne in lignes if ligne["numero"] != "2"]

    Evenement.objects.filter(national=True).delete()
    shutil.copy(settings.DOSSIER_REFERENTIEL / "rencontres.csv", settings.DOSSIER_REFERENTIEL / "rencontres-2026.csv")
    sources("rencontres.csv", ancienne_version)
    from commun.models import Provenance

    Provenance.objects.filter(source="rencontres.csv").delete()
    recharger()
    assert sorted(Evenement.objects.exclude(numero_edition=None).values_list("numero_edition", flat=True)) == [
        6,
        7,
        8,
        9,
    ]
    shutil.copy(settings.DOSSIER_REFERENTIEL / "rencontres-2026.csv", settings.DOSSIER_REFERENTIEL / "rencontres.csv")
    sortie = recharger()
    assert "rencontres.csv : 1 créé(s), 2 mis à jour, 4 inchangé(s)" in sortie
    rencontres = Evenement.objects.filter(type=TypeEvenement.RENCONTRE_NATIONALE)
    assert sorted(rencontres.values_list("numero_edition", flat=True)) == [1, 2, 3, 6, 7, 8, 9]
    deuxieme = rencontres.get(numero_edition=2)
    assert (deuxieme.ville, deuxieme.departement_id, str(deuxieme.date_debut)) == ("Paris", "75", "2018-06-14")


def test_une_ligne_refusee_est_signalee_et_n_empeche_pas_les_autres(sources):
    """A meeting whose edition number another event already holds: said in French, the rest loads."""
    Evenement.objects.filter(slug=HUITIEME).delete()
    from commun.models import Provenance

    Provenance.objects.filter(source="rencontres.csv", cle="2023-10-montpellier").delete()
    Evenement.objects.create(
        titre="8e rencontre saisie à la main",
        slug="huitieme-a-la-main",
        type=TypeEvenement.RENCONTRE_NATIONALE,
        numero_edition=8,
        date_debut="2023-10-17",
        date_fin="2023-10-17",
    )

    def avec_une_nouvelle(lignes):
        nouvelle = dict(lignes[0], cle="2025-10-marseille", date_debut="2025-10-09", date_fin="2025-10-10")
        nouvelle.update(ville="Marseille", intitule="10e rencontre nationale", numero="10")
        return [*lignes, nouvelle]

    sources("rencontres.csv", avec_une_nouvelle)
    sortie = io.StringIO()
    with pytest.raises(CommandError, match="1 problème"):
        call_command("charger_referentiel", sans_communes=True, stdout=sortie, stderr=sortie)
    assert "rencontres.csv, ligne « 2023-10-montpellier »" in sortie.getvalue()
    assert Evenement.objects.filter(numero_edition=10, ville="Marseille").exists()
    assert Evenement.objects.get(numero_edition=8).slug == "huitieme-a-la-main"


def test_un_fichier_manquant_est_signale_et_les_autres_sources_chargees(sources):
    (settings.DOSSIER_REFERENTIEL / "rencontres.csv").unlink()
    centre = Centre.objects.get(slug="oriv")
    centre.labels.all().delete()
    centre.delete()
    from commun.models import Provenance

    Provenance.objects.filter(source="centres.csv", cle="oriv").delete()  # as if the centre were new
    sortie = io.StringIO()
    with pytest.raises(CommandError):
        call_command("charger_referentiel", sans_communes=True, stdout=sortie, stderr=sortie)
    assert "événements : chargement interrompu, rien n'a été modifié" in sortie.getvalue()
    assert "fichier absent ou illisible" in sortie.getvalue() and "rencontres.csv" in sortie.getvalue()
    assert Centre.objects.filter(slug="oriv").exists()


def test_supprimer_la_demonstration_garde_une_vraie_ressource_nommee_demo():
    vraie = RessourceFactory(titre="Démographie des quartiers prioritaires", slug="demographie-des-qpv")
    homonyme = RessourceFactory(titre="Demo-day des conseils citoyens", slug="demo-1-1-la-participation-des-habitants")
    call_command("generer_demo", ressources=30, evenements=5, graine=1, stdout=io.StringIO())
    assert Ressource.objects.filter(demonstration=True).count() == 30
    # The generator did not take the real ressource's address.
    assert Ressource.objects.get(slug=homonyme.slug).titre == "Demo-day des conseils citoyens"
    call_command("generer_demo", supprimer=True, stdout=io.StringIO())
    assert not Ressource.objects.filter(demonstration=True).exists()
    assert not Evenement.objects.filter(demonstration=True).exists()
    assert set(Ressource.objects.filter(pk__in=[vraie.pk, homonyme.pk]).values_list("slug", flat=True)) == {
        "demographie-des-qpv",
        "demo-1-1-la-participation-des-habitants",
    }


def test_un_centre_archive_le_reste_apres_un_chargement():
    Centre.objects.filter(slug="oriv").update(archive=True)
    recharger()
    assert Centre.objects.get(slug="oriv").archive
