"""Who may do what in the admin, tried over HTTP through the admin's real URLs, with forged requests.

The rules are written once (``centres/droits.py`` and each model's ``consultables_par``/``modifiables_par``);
these tests only ever speak to them through the pages a person, or a hand-made request, would reach.
"""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from centres.groupes import GROUPE_ANCT
from centres.models import Centre, Contact, Departement, Label, MembreEquipe
from collecte.models import Source
from evenements.models import Evenement, Photo
from ressources.models import Ressource
from tests.centres.factories import (
    CentreFactory,
    CompteFactory,
    ContactFactory,
    DepartementFactory,
    LabelFactory,
    MembreEquipeFactory,
)
from tests.evenements.factories import EvenementFactory
from tests.formulaires import donnees_du_formulaire
from tests.ressources.factories import RessourceFactory, ThemeFactory

pytestmark = pytest.mark.ignore_template_errors  # Django's admin templates read variables they do not always get

MODELES = {
    "centre": Centre,
    "contact": Contact,
    "label": Label,
    "membreequipe": MembreEquipe,
    "ressource": Ressource,
    "evenement": Evenement,
    "photo": Photo,
    "source": Source,
}


def image_jpeg(nom="photo.jpg"):
    tampon = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(tampon, "JPEG")
    return SimpleUploadedFile(nom, tampon.getvalue(), content_type="image/jpeg")


def objets_du_centre(centre, utilisateur):
    evenement = EvenementFactory(centres=[centre], titre=f"Séminaire de {centre.sigle}")
    return SimpleNamespace(
        centre=centre,
        contact=ContactFactory(centre=centre, nom=f"Contact de {centre.sigle}"),
        label=LabelFactory(centre=centre, commentaire_interne=f"Note interne sur {centre.sigle}"),
        membreequipe=MembreEquipe.objects.get(centre=centre, utilisateur=utilisateur),
        ressource=RessourceFactory(centres=[centre], titre=f"Guide de {centre.sigle}"),
        evenement=evenement,
        photo=Photo.objects.create(evenement=evenement, image=image_jpeg(), texte_alternatif="Une salle"),
        source=Source.objects.create(centre=centre, url=f"https://{centre.slug}.example.org/feed/"),
    )


@pytest.fixture
def reseau(db):
    """Two centres, each with its team and its objects; an ANCT agent; a superuser."""
    alpha = CentreFactory(nom="Centre Alpha", sigle="ALPHA", slug="alpha")
    beta = CentreFactory(nom="Centre Bêta", sigle="BETA", slug="beta")
    membre_a = MembreEquipeFactory(centre=alpha).utilisateur
    membre_b = MembreEquipeFactory(centre=beta).utilisateur
    return SimpleNamespace(
        a=objets_du_centre(alpha, membre_a),
        b=objets_du_centre(beta, membre_b),
        membre_a=membre_a,
        membre_b=membre_b,
        anct=CompteFactory(groupes=[GROUPE_ANCT]),
        superutilisateur=CompteFactory(is_superuser=True),
        sans_role=CompteFactory(),
    )


def url(nom, objet, *args):
    options = objet._meta
    return reverse(f"admin:{options.app_label}_{options.model_name}_{nom}", args=[objet.pk, *args])


def etat(objet):
    """Everything the database holds of ``objet``, and how many versions its history has."""
    modele = type(objet)
    return list(modele.objects.filter(pk=objet.pk).values()), modele.history.filter(id=objet.pk).count()


def toutes_les_adresses(objet):
    """(method, URL) of every admin page of one object: view/change, delete, history, an earlier version."""
    version = type(objet).history.filter(id=objet.pk).earliest("history_date").history_id
    return [
        ("get", url("change", objet)),
        ("post", url("change", objet)),
        ("get", url("delete", objet)),
        ("post", url("delete", objet)),
        ("get", url("history", objet)),
        ("get", url("simple_history", objet, version)),
        ("post", url("simple_history", objet, version)),
    ]


@pytest.mark.parametrize("modele", MODELES)
def test_un_membre_ne_touche_a_rien_d_un_autre_centre(client, reseau, modele):
    """A member of A, on every admin page of each object of B: 403, and the database is unchanged."""
    objet = getattr(reseau.b, modele)
    avant = etat(objet)
    client.force_login(reseau.membre_a)
    for methode, adresse in toutes_les_adresses(objet):
        reponse = getattr(client, methode)(adresse, {"nom": "Piraté", "titre": "Piraté", "post": "yes"})
        assert reponse.status_code == 403, f"{methode} {adresse}: {reponse.status_code}"
    assert etat(objet) == avant


@pytest.mark.parametrize("modele", MODELES)
def test_un_membre_voit_exactement_les_objets_de_son_centre(client, reseau, modele):
    client.force_login(reseau.membre_a)
    objet = getattr(reseau.a, modele)
    reponse = client.get(reverse(f"admin:{objet._meta.app_label}_{modele}_changelist"))
    if modele in ("label", "membreequipe"):
        # Label decisions (and their internal comment) are ANCT's; memberships are the superusers'.
        assert reponse.status_code == 403
        return
    assert reponse.status_code == 200
    assert {ligne.pk for ligne in reponse.context["cl"].result_list} == {objet.pk}


@pytest.mark.parametrize("modele", ["centre", "contact", "ressource", "evenement", "photo", "source"])
def test_un_membre_ouvre_les_pages_de_ses_propres_objets(client, reseau, modele):
    objet = getattr(reseau.a, modele)
    client.force_login(reseau.membre_a)
    assert client.get(url("change", objet)).status_code == 200
    assertContains(client.get(url("history", objet)), "Historique")


def test_un_membre_ne_peut_supprimer_ni_centre_ni_ressource_ni_evenement(client, reseau):
    """The bin, not deletion: only superusers purge. A contact or a photo of one's own may be removed."""
    client.force_login(reseau.membre_a)
    for objet in (reseau.a.centre, reseau.a.ressource, reseau.a.evenement):
        assert client.post(url("delete", objet), {"post": "yes"}).status_code == 403
        assert type(objet).objects.filter(pk=objet.pk).exists()
    assert client.post(url("delete", reseau.a.contact), {"post": "yes"}).status_code == 302
    assert not Contact.objects.filter(pk=reseau.a.contact.pk).exists()


@pytest.mark.parametrize("adresse", ["/admin/", "/admin/centres/centre/", "/admin/ressources/ressource/add/"])
def test_un_visiteur_anonyme_est_envoye_a_la_connexion(client, reseau, adresse):
    reponse = client.get(adresse)
    assert reponse.status_code == 302
    assert reponse["Location"].startswith("/admin/login/")


def test_un_compte_sans_role_ne_voit_aucun_contenu(client, reseau):
    client.force_login(reseau.sans_role)
    for modele, classe in MODELES.items():
        assert client.get(reverse(f"admin:{classe._meta.app_label}_{modele}_changelist")).status_code == 403


# Forged requests: a team's own form, posted with what it should not carry.


def test_ajouter_le_centre_b_comme_producteur_est_refuse(client, reseau):
    client.force_login(reseau.membre_a)
    ressource = reseau.a.ressource
    donnees = donnees_du_formulaire(client.get(url("change", ressource)))
    donnees["centres"] = [str(reseau.a.centre.pk), str(reseau.b.centre.pk)]
    reponse = client.post(url("change", ressource), donnees)
    assert reponse.status_code == 200
    assertContains(reponse, "Sélectionnez un choix valide")
    assert list(ressource.centres.all()) == [reseau.a.centre]


def test_creer_une_ressource_au_nom_du_centre_b_est_refuse(client, reseau):
    client.force_login(reseau.membre_a)
    theme = ThemeFactory()
    donnees = {
        "titre": "Au nom de Bêta",
        "slug": "au-nom-de-beta",
        "type": "guide",
        "statut": "brouillon",
        "themes": [theme.pk],
        "centres": [reseau.b.centre.pk],
    }
    reponse = client.post(reverse("admin:ressources_ressource_add"), donnees)
    assertContains(reponse, "Sélectionnez un choix valide")
    donnees.pop("centres")
    donnees["collective"] = "on"
    reponse = client.post(reverse("admin:ressources_ressource_add"), donnees)
    assertContains(reponse, "Indiquez au moins un de vos centres comme producteur.")
    assert not Ressource.objects.filter(slug="au-nom-de-beta").exists()
    donnees["centres"] = [reseau.a.centre.pk]
    assert client.post(reverse("admin:ressources_ressource_add"), donnees).status_code == 302
    assert list(Ressource.objects.get(slug="au-nom-de-beta").centres.all()) == [reseau.a.centre]


def test_enregistrer_une_coproduction_garde_le_centre_que_l_equipe_ne_voit_pas(client, reseau):
    coproduction = RessourceFactory(centres=[reseau.a.centre, reseau.b.centre], titre="Coproduction")
    client.force_login(reseau.membre_a)
    donnees = donnees_du_formulaire(client.get(url("change", coproduction)))
    assert donnees["centres"] == [str(reseau.a.centre.pk)]  # B is not offered to A's team
    donnees["titre"] = "Coproduction revue par Alpha"
    assert client.post(url("change", coproduction), donnees).status_code == 302
    coproduction.refresh_from_db()
    assert coproduction.titre == "Coproduction revue par Alpha"
    assert set(coproduction.centres.all()) == {reseau.a.centre, reseau.b.centre}


def test_creer_un_evenement_pour_le_centre_b_est_refuse(client, reseau):
    client.force_login(reseau.membre_a)
    donnees = {
        "titre": "Forum de Bêta",
        "slug": "forum-beta",
        "statut": "brouillon",
        "type": "seminaire",
        "date_debut": "2030-03-04",
        "date_fin": "2030-03-04",
        "fuseau_horaire": "Europe/Paris",
        "centres": [reseau.b.centre.pk],
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    assertContains(client.post(reverse("admin:evenements_evenement_add"), donnees), "Sélectionnez un choix valide")
    del donnees["centres"]
    reponse = client.post(reverse("admin:evenements_evenement_add"), donnees)
    assertContains(reponse, "Indiquez au moins un de vos centres comme organisateur.")
    assert not Evenement.objects.filter(slug="forum-beta").exists()


def test_deplacer_un_contact_vers_le_centre_b_est_refuse(client, reseau):
    client.force_login(reseau.membre_a)
    contact = reseau.a.contact
    donnees = donnees_du_formulaire(client.get(url("change", contact)))
    donnees["centre"] = str(reseau.b.centre.pk)
    assertContains(client.post(url("change", contact), donnees), "Sélectionnez un choix valide")
    contact.refresh_from_db()
    assert contact.centre == reseau.a.centre


def test_deplacer_une_photo_vers_un_evenement_du_centre_b_est_refuse(client, reseau):
    client.force_login(reseau.membre_a)
    photo = reseau.a.photo
    donnees = donnees_du_formulaire(client.get(url("change", photo)))
    donnees["evenement"] = str(reseau.b.evenement.pk)
    assertContains(client.post(url("change", photo), donnees), "Sélectionnez un choix valide")
    photo.refresh_from_db()
    assert photo.evenement == reseau.a.evenement


def test_glisser_le_contact_de_b_dans_le_formulaire_de_a_est_refuse(client, reseau):
    """The contacts inline of A's page, posted with the id of B's contact: refused, B's contact untouched."""
    client.force_login(reseau.membre_a)
    centre = reseau.a.centre
    donnees = donnees_du_formulaire(client.get(url("change", centre)))
    donnees["contacts-0-id"] = str(reseau.b.contact.pk)
    donnees["contacts-0-nom"] = "Détourné"
    reponse = client.post(url("change", centre), donnees)
    assertContains(reponse, "Une des lignes envoyées n&#x27;appartient pas à cette fiche")
    reseau.b.contact.refresh_from_db()
    assert reseau.b.contact.nom == "Contact de BETA"


def test_un_membre_ne_peut_poser_ni_label_ni_commentaire_interne(client, reseau):
    client.force_login(reseau.membre_a)
    centre = reseau.a.centre
    reponse = client.get(url("change", centre))
    assertNotContains(reponse, "Note interne sur ALPHA")
    assertContains(reponse, "Labellisé")  # the current status, read-only
    donnees = donnees_du_formulaire(reponse)
    # A label decision slipped into the page's POST, as the inline would send it for ANCT.
    donnees.update(
        {
            "labels-TOTAL_FORMS": "1",
            "labels-INITIAL_FORMS": "0",
            "labels-0-statut": "retire",
            "labels-0-commentaire_interne": "Écrit par l'équipe",
        }
    )
    donnees["telephone"] = "01 23 45 67 89"
    assert client.post(url("change", centre), donnees).status_code == 302
    assert list(Label.objects.filter(centre=centre).values_list("statut", "commentaire_interne")) == [
        ("labellise", "Note interne sur ALPHA")
    ]
    assert (
        client.post(reverse("admin:centres_label_add"), {"centre": centre.pk, "statut": "labellise"}).status_code
        == 403
    )
    assert Label.objects.filter(centre=centre).count() == 1


def test_un_membre_ne_change_ni_le_territoire_ni_l_adresse_de_son_centre(client, reseau):
    client.force_login(reseau.membre_a)
    centre = reseau.a.centre
    donnees = donnees_du_formulaire(client.get(url("change", centre)))
    donnees.update({"slug": "autre-adresse", "archive": "on", "telephone": "0123456789"})
    assert client.post(url("change", centre), donnees).status_code == 302
    centre.refresh_from_db()
    assert (centre.slug, centre.archive, centre.telephone) == ("alpha", False, "0123456789")


def test_l_autocompletion_ne_propose_que_ses_objets(client, reseau):
    client.force_login(reseau.membre_a)

    def proposes(app_label, model_name, field_name, term):
        parametres = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
        return [resultat["text"] for resultat in client.get("/admin/autocomplete/", parametres).json()["results"]]

    assert proposes("centres", "contact", "centre", "Centre") == ["Centre Alpha"]
    assert proposes("evenements", "photo", "evenement", "Séminaire") == ["Séminaire de ALPHA"]
    assert proposes("evenements", "evenement", "ressources", "Guide") == ["Guide de ALPHA"]


def test_une_equipe_ne_se_voit_proposer_que_ses_centres(client, reseau):
    client.force_login(reseau.membre_a)
    for adresse in (reverse("admin:ressources_ressource_add"), reverse("admin:evenements_evenement_add")):
        centres = client.get(adresse).context["adminform"].form.fields["centres"].queryset
        assert list(centres) == [reseau.a.centre]


# ANCT


def test_l_anct_gere_les_labels_mais_pas_la_page_d_un_centre(client, reseau):
    client.force_login(reseau.anct)
    centre = reseau.b.centre
    reponse = client.get(url("change", centre))
    assert reponse.status_code == 200  # read-only
    assertNotContains(reponse, 'name="telephone"')
    assert client.post(url("change", centre), {"telephone": "0123456789"}).status_code == 403
    assert Centre.objects.get(pk=centre.pk).telephone == "0148092636"
    label = reseau.b.label
    donnees = donnees_du_formulaire(client.get(url("change", label)))
    donnees.update({"date_attribution": "2024-01-15", "date_expiration": "2027-01-15", "commentaire_interne": "Vu"})
    assert client.post(url("change", label), donnees).status_code == 302
    label.refresh_from_db()
    assert (str(label.date_expiration), label.commentaire_interne) == ("2027-01-15", "Vu")
    assert client.post(url("delete", label), {"post": "yes"}).status_code == 403


def test_l_anct_modifie_les_ressources_collectives_seulement(client, reseau):
    collective = RessourceFactory(collective=True, titre="Ressource du réseau")
    client.force_login(reseau.anct)
    donnees = donnees_du_formulaire(client.get(url("change", collective)))
    donnees["titre"] = "Ressource du réseau, 2e édition"
    assert client.post(url("change", collective), donnees).status_code == 302
    assert Ressource.objects.get(pk=collective.pk).titre == "Ressource du réseau, 2e édition"
    assert client.post(url("change", reseau.a.ressource), {"titre": "Non"}).status_code == 403
    assert client.get(url("change", reseau.a.ressource)).status_code == 200  # reads everything


def test_l_anct_corrige_le_nombre_de_qpv_mais_pas_le_code_insee(client, reseau):
    departement = DepartementFactory(code="93", nom="Seine-Saint-Denis", nombre_qpv=60)
    client.force_login(reseau.anct)
    adresse = url("change", departement)
    donnees = donnees_du_formulaire(client.get(adresse))
    donnees.update({"nombre_qpv": "63", "code": "94", "nom": "Autre"})
    assert client.post(adresse, donnees).status_code == 302
    assert Departement.objects.filter(code="93").values_list("nom", "nombre_qpv").get() == ("Seine-Saint-Denis", 63)


# The centre's own team at work: the public page, the history, restoring a version.


def test_le_telephone_change_se_lit_sur_la_page_publique_et_dans_l_historique(client, reseau):
    client.force_login(reseau.membre_a)
    centre = reseau.a.centre
    donnees = donnees_du_formulaire(client.get(url("change", centre)))
    donnees["telephone"] = "03 88 14 35 89"
    assert client.post(url("change", centre), donnees).status_code == 302
    client.logout()
    assertContains(client.get(centre.get_absolute_url()), "03 88 14 35 89")
    client.force_login(reseau.membre_a)
    historique = client.get(url("history", centre))
    assertContains(historique, reseau.membre_a.username)
    assertContains(historique, "0388143589")


def test_restaurer_une_version_ramene_les_valeurs_precedentes(client, reseau):
    centre = reseau.a.centre
    client.force_login(reseau.membre_a)
    donnees = donnees_du_formulaire(client.get(url("change", centre)))
    donnees.update({"telephone": "0388143589", "presentation": "Nouvelle présentation"})
    client.post(url("change", centre), donnees)
    ancienne = centre.history.order_by("history_date").first()
    adresse = url("simple_history", centre, ancienne.history_id)
    donnees = donnees_du_formulaire(client.get(adresse))
    assert donnees["telephone"] == "0148092636"
    assert client.post(adresse, donnees).status_code == 302
    centre.refresh_from_db()
    assert (centre.telephone, centre.presentation) == ("0148092636", "")


def test_qui_ne_peut_que_lire_ne_peut_pas_restaurer(client, reseau):
    centre = reseau.b.centre
    Centre.objects.filter(pk=centre.pk).update(presentation="Actuelle")
    ancienne = centre.history.earliest("history_date")
    client.force_login(reseau.anct)
    adresse = url("simple_history", centre, ancienne.history_id)
    assert client.get(adresse).status_code == 200
    assert client.post(adresse, {"nom": centre.nom, "telephone": "0148092636"}).status_code == 403
    assert Centre.objects.get(pk=centre.pk).presentation == "Actuelle"


def test_publier_depuis_la_liste_laisse_une_trace_par_objet(client, reseau):
    brouillons = [
        RessourceFactory(centres=[reseau.a.centre], statut="brouillon", titre=f"Brouillon {n}") for n in range(3)
    ]
    autre = RessourceFactory(centres=[reseau.b.centre], statut="brouillon")
    client.force_login(reseau.membre_a)
    reponse = client.post(
        reverse("admin:ressources_ressource_changelist"),
        {"action": "publier", "_selected_action": [r.pk for r in [*brouillons, autre]], "index": "0"},
    )
    assert reponse.status_code == 302
    for ressource in brouillons:
        derniere = Ressource.history.filter(id=ressource.pk).latest("history_date")
        assert (derniere.statut, derniere.history_user, derniere.history_change_reason) == (
            "publie",
            reseau.membre_a,
            "Publiée depuis la liste",
        )
    assert Ressource.objects.get(pk=autre.pk).statut == "brouillon"  # not in A's list: not touched


def test_la_corbeille_retire_du_site_et_se_recupere(client, reseau):
    ressource = reseau.a.ressource
    public = client.get(ressource.get_absolute_url())
    assert public.status_code == 200
    client.force_login(reseau.membre_a)
    liste = reverse("admin:ressources_ressource_changelist")
    client.post(liste, {"action": "mettre_a_la_corbeille", "_selected_action": [ressource.pk], "index": "0"})
    client.logout()
    assert client.get(ressource.get_absolute_url()).status_code == 404
    client.force_login(reseau.membre_a)
    client.post(liste, {"action": "depublier", "_selected_action": [ressource.pk], "index": "0"})
    assert Ressource.objects.get(pk=ressource.pk).statut == "brouillon"
    # Only a superuser purges.
    client.force_login(reseau.superutilisateur)
    assert client.post(url("delete", ressource), {"post": "yes"}).status_code == 302
    assert not Ressource.objects.filter(pk=ressource.pk).exists()
    assert Ressource.history.filter(id=ressource.pk, history_type="-").exists()


def test_un_centre_s_archive_et_ne_se_supprime_pas(client, reseau):
    centre = reseau.a.centre
    client.force_login(reseau.superutilisateur)
    assert client.post(url("delete", centre), {"post": "yes"}).status_code == 403
    client.post(reverse("admin:centres_centre_changelist"), {"action": "archiver", "_selected_action": [centre.pk]})
    centre.refresh_from_db()
    assert centre.archive
    assert Label.objects.filter(centre=centre).exists()
    assert list(reseau.a.ressource.centres.all()) == [centre]
    client.logout()
    assert client.get(centre.get_absolute_url()).status_code == 404
    assertNotContains(client.get(reverse("centres:liste")), "Centre Alpha")
    # Its team no longer edits it.
    client.force_login(reseau.membre_a)
    assert client.get(url("change", centre)).status_code == 403


def test_la_fiche_est_a_jour(client, reseau):
    centre = reseau.a.centre
    client.force_login(reseau.membre_a)
    index = client.get(reverse("admin:index"))
    assertContains(index, "Mon centre : Centre Alpha")
    assertContains(index, "la fiche n'a jamais été confirmée à jour")
    client.post(
        reverse("admin:centres_centre_changelist"),
        {"action": "confirmer_a_jour", "_selected_action": [centre.pk], "index": "0"},
    )
    centre.refresh_from_db()
    assert centre.verifie_le is not None
    assertContains(client.get(reverse("admin:index")), "Fiche confirmée à jour le")
    client.logout()
    assertContains(client.get(centre.get_absolute_url()), "informations vérifiées par le centre le")


def test_mon_centre_signale_brouillons_et_evenements_sans_lieu(client, reseau):
    import datetime

    jour = datetime.date.today() + datetime.timedelta(days=10)
    EvenementFactory(centres=[reseau.a.centre], titre="Atelier sans adresse", ville="", date_debut=jour)
    RessourceFactory(centres=[reseau.a.centre], titre="Étude à relire", statut="brouillon")
    RessourceFactory(centres=[reseau.b.centre], titre="Brouillon de Bêta", statut="brouillon")
    client.force_login(reseau.membre_a)
    index = client.get(reverse("admin:index"))
    assertContains(index, "Atelier sans adresse")
    assertContains(index, "ni lieu ni lien en ligne")
    assertContains(index, "Étude à relire")
    assertNotContains(index, "Brouillon de Bêta")


def test_l_apercu_d_un_brouillon_pour_son_equipe_seulement(client, reseau):
    brouillon = RessourceFactory(centres=[reseau.a.centre], titre="Étude en préparation", statut="brouillon")
    evenement = EvenementFactory(centres=[reseau.a.centre], titre="Forum en préparation", statut="brouillon")
    for objet in (brouillon, evenement):
        assert client.get(objet.get_absolute_url()).status_code == 404
        client.force_login(reseau.membre_b)
        assert client.get(objet.get_absolute_url()).status_code == 404
        client.force_login(reseau.membre_a)
        apercu = client.get(objet.get_absolute_url())
        assertContains(apercu, "Aperçu")
        assertContains(apercu, '<meta name="robots" content="noindex')
        assert "no-store" in apercu["Cache-Control"] and "private" in apercu["Cache-Control"]
        client.logout()
