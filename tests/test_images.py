import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains

from commun import images
from evenements.models import Evenement, Photo
from tests.evenements.factories import EvenementFactory


def fichier_image(nom="photo.jpg", format="JPEG", taille=(1600, 1200), mode="RGB"):
    tampon = io.BytesIO()
    Image.new(mode, taille, "teal").save(tampon, format)
    return SimpleUploadedFile(nom, tampon.getvalue(), content_type=f"image/{format.lower()}")


def test_image_valide_acceptee():
    images.valider_image(fichier_image())
    images.valider_image(fichier_image("carte.png", "PNG"))
    images.valider_image(fichier_image("carte.webp", "WEBP"))


@pytest.mark.parametrize(
    "fichier,message",
    [
        (SimpleUploadedFile("compte-rendu.jpg", b"Ceci est un texte, pas une image."), "n'est pas une image lisible"),
        (fichier_image("photo.png", "JPEG"), "porte l'extension .png mais contient une image JPEG"),
        (fichier_image("photo.gif", "GIF", mode="P"), "Format non accepté (.gif)"),
        # Decompression bombs: millions of pixels in a few kilobytes.
        (fichier_image("grande.png", "PNG", (7_000, 7_000), mode="1"), "7000 × 7000 pixels : c'est trop grand"),
        (fichier_image("bombe.png", "PNG", (12_000, 12_000), mode="1"), "anormalement grande une fois décompressée"),
    ],
    ids=["texte-renomme", "mauvaise-extension", "gif", "trop-de-pixels", "bombe"],
)
def test_image_refusee_avec_un_message_clair(fichier, message):
    with pytest.raises(ValidationError) as erreur:
        images.valider_image(fichier)
    assert message in " ".join(erreur.value.messages)


def test_image_trop_lourde(monkeypatch):
    monkeypatch.setattr(images, "TAILLE_MAX", 1000)
    with pytest.raises(ValidationError, match="la limite est de"):
        images.valider_image(fichier_image())


@pytest.mark.django_db
def test_rendition_generee_une_fois_aux_bonnes_dimensions():
    photo = Photo.objects.create(evenement=EvenementFactory(), image=fichier_image(), texte_alternatif="Une salle")
    assert (photo.largeur, photo.hauteur) == (1600, 1200)
    copie = images.rendition(photo.image, "moyenne")
    assert (copie.largeur, copie.hauteur) == (640, 480)
    chemin = copie.url.removeprefix("/media/")
    with default_storage.open(chemin) as fichier, Image.open(fichier) as rendu:
        assert (rendu.format, rendu.size) == ("WEBP", (640, 480))
    modifie = default_storage.get_modified_time(chemin)
    assert images.rendition(photo.image, "moyenne") == copie
    assert default_storage.get_modified_time(chemin) == modifie
    # Never enlarged.
    assert (images.rendition(photo.image, "grande").largeur, images.rendition(photo.image, "grande").hauteur) == (
        1280,
        960,
    )


@pytest.mark.django_db
def test_galerie_de_l_evenement(client):
    evenement = EvenementFactory()
    Photo.objects.create(
        evenement=evenement,
        image=fichier_image(),
        texte_alternatif="Personnes autour d'une table",
        legende="Atelier participation citoyenne",
        credit="© 16 prod",
    )
    reponse = client.get(evenement.get_absolute_url())
    assertContains(reponse, 'alt="Personnes autour d&#x27;une table" loading="lazy"')
    assertContains(reponse, 'width="640" height="480"')
    assertContains(reponse, "© 16 prod")


@pytest.mark.ignore_template_errors
@pytest.mark.django_db
def test_ajout_d_un_evenement_avec_photo_dans_l_admin(base_vide, client):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    donnees = {
        "titre": "Journée d'étude sur la participation",
        "slug": "journee-participation",
        "statut": "publie",
        "type": "journee_etude",
        "date_debut": "2026-05-12",
        "date_fin": "2026-05-12",
        "fuseau_horaire": "Europe/Paris",
        "ville": "Lyon",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-0-texte_alternatif": "La salle",
        "photos-0-ordre": "0",
    }
    refuse = client.post(
        reverse("admin:evenements_evenement_add"),
        {**donnees, "photos-0-image": SimpleUploadedFile("salle.jpg", b"pas une image")},
    )
    assert refuse.status_code == 200
    assertContains(refuse, "une image valide")  # « Téléversez… » or « Transférez… », as Django words it
    assert not Evenement.objects.exists()
    accepte = client.post(reverse("admin:evenements_evenement_add"), {**donnees, "photos-0-image": fichier_image()})
    assert accepte.status_code == 302
    assert Evenement.objects.get().photos.get().texte_alternatif == "La salle"


@pytest.mark.parametrize(
    "fichier,message",
    [
        # 49 million pixels in a few kilobytes: under Pillow's own limit, over the portal's.
        (fichier_image("logo.png", "PNG", (7_000, 7_000), mode="1"), "7000 × 7000 pixels : c&#x27;est trop grand"),
        (fichier_image("logo.png", "JPEG"), "porte l&#x27;extension .png mais contient une image JPEG"),
        # Django's image field refuses it first, with its own French message.
        (SimpleUploadedFile("logo.jpg", b"<svg onload=alert(1)>"), "une image valide"),
    ],
    ids=["bombe", "mensonge-sur-le-type", "pas-une-image"],
)
def test_le_logo_d_un_centre_passe_par_les_memes_controles(admin_client, donnees_reference, fichier, message):
    """Through the admin's change form of the centre, as its team would upload it."""
    from centres.models import Centre

    centre = Centre.objects.get(slug="oriv")
    formulaire = admin_client.get(reverse("admin:centres_centre_change", args=[centre.pk])).context["adminform"].form
    donnees = {nom: valeur for nom, valeur in formulaire.initial.items() if valeur is not None}
    donnees["departements"] = [departement.pk for departement in centre.departements.all()]
    for prefixe in ("contacts", "labels"):
        donnees.update({f"{prefixe}-TOTAL_FORMS": 0, f"{prefixe}-INITIAL_FORMS": 0})
    donnees["logo"] = fichier
    reponse = admin_client.post(reverse("admin:centres_centre_change", args=[centre.pk]), donnees)
    assert reponse.status_code == 200
    assertContains(reponse, message)
    centre.refresh_from_db()
    assert not centre.logo


def test_le_logo_affiche_en_rendition_avec_ses_dimensions(client, donnees_reference):
    from centres.models import Centre

    centre = Centre.objects.get(slug="oriv")
    centre.logo = fichier_image("logo.png", "PNG", (2000, 1000))
    centre.full_clean()
    centre.save()
    assert (centre.logo_largeur, centre.logo_hauteur) == (2000, 1000)
    reponse = client.get(centre.get_absolute_url())
    copie = images.rendition(centre.logo, "vignette")
    assertContains(reponse, f'src="{copie.url}" width="320" height="160"')
    assert copie.url.endswith(".webp")
