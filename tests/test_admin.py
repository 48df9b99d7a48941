"""Every admin page a CRPV or ANCT staff member opens answers, with the data the portal ships."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from pytest_django.asserts import assertContains

from ressources.models import Ressource, Theme

pytestmark = pytest.mark.ignore_template_errors


@pytest.fixture
def admin_client(client, donnees_reference, evenement_a_venir, ressource_illustree):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    return client


def test_toutes_les_pages_d_administration(admin_client):
    for modele, modele_admin in admin.site._registry.items():
        prefixe = f"admin:{modele._meta.app_label}_{modele._meta.model_name}"
        liste = admin_client.get(reverse(f"{prefixe}_changelist"))
        assert liste.status_code == 200, modele
        objet = modele_admin.get_queryset(liste.wsgi_request).first()
        if objet is not None:
            assert admin_client.get(reverse(f"{prefixe}_change", args=[objet.pk])).status_code == 200, modele
        if modele_admin.has_add_permission(liste.wsgi_request):
            assert admin_client.get(reverse(f"{prefixe}_add")).status_code == 200, modele


def test_filtres_et_recherche_de_l_admin_des_centres(admin_client):
    reponse = admin_client.get(
        reverse("admin:centres_centre_changelist"), {"departements__region": "11", "q": "ressources"}
    )
    assert reponse.status_code == 200
    assertContains(reponse, "Centre de ressources politique de la ville en Essonne")


def test_une_ressource_a_un_centre_producteur_ou_est_collective(admin_client):
    reponse = admin_client.post(
        reverse("admin:ressources_ressource_add"),
        {
            "titre": "Sans producteur",
            "slug": "sans-producteur",
            "type": "guide",
            "statut": "brouillon",
            "themes": [Theme.objects.first().pk],
        },
    )
    assert reponse.status_code == 200
    assertContains(reponse, "Indiquez au moins un centre producteur")


def test_une_ressource_ne_peut_prendre_l_adresse_collectives(admin_client):
    """/ressources/collectives/ is the collective list: a ressource there could never be reached."""
    reponse = admin_client.post(
        reverse("admin:ressources_ressource_add"),
        {
            "titre": "Collectives",
            "slug": "collectives",
            "type": "guide",
            "statut": "brouillon",
            "collective": "on",
            "themes": [Theme.objects.first().pk],
        },
    )
    assert reponse.status_code == 200
    assertContains(reponse, "Cette adresse est réservée par le portail : choisissez-en une autre.")
    assert not Ressource.objects.filter(slug="collectives").exists()


def test_la_base_refuse_aussi_l_adresse_collectives(donnees_reference):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ressource.objects.create(titre="Collectives", slug="collectives", collective=True)


def test_page_500_dans_la_charte_du_site():
    html = render_to_string("500.html")
    assert "Une erreur est survenue" in html
    assert 'class="lien-evitement"' in html
