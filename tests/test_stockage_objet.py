"""Media on S3-compatible object storage (django-storages), against a local S3 server (moto's server mode): images
and their copies written to the bucket when saved, pages linking to them, documents private behind a signed address
that the portal hands out only for a published ressource."""

import io
import urllib.request

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from centres.models import Centre
from ressources.models import Ressource
from tests.conftest import SEAU, client_s3
from tests.ressources.factories import pdf_valide


@pytest.fixture
def stockage_s3(serveur_s3, settings, monkeypatch):
    commun = {
        "bucket_name": SEAU,
        "endpoint_url": serveur_s3,
        "region_name": "eu-west-3",
        "access_key": "essai",
        "secret_key": "essai",
        "file_overwrite": False,
        "default_acl": None,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**commun, "location": "medias", "querystring_auth": False},
        },
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**commun, "location": "documents", "querystring_auth": True, "querystring_expire": 300},
        },
    }
    # The document field took its storage when the model was loaded: give it the new one, as a restart would.
    monkeypatch.setattr(Ressource._meta.get_field("fichier"), "storage", storages["documents"])
    return client_s3(serveur_s3)


def objets(client, prefixe):
    return [objet["Key"] for objet in client.list_objects_v2(Bucket=SEAU, Prefix=prefixe).get("Contents", [])]


def lire(adresse):
    with urllib.request.urlopen(adresse, timeout=10) as reponse:
        return reponse.status, reponse.read()


def test_images_et_documents_dans_le_seau(client, donnees_reference, stockage_s3):
    tampon = io.BytesIO()
    Image.new("RGB", (800, 1100), "navy").save(tampon, "JPEG")
    pdf = pdf_valide()
    ressource = Ressource.objects.create(
        titre="Guide stocké dans le seau",
        slug="guide-seau",
        statut="publie",
        fichier=SimpleUploadedFile("guide.pdf", pdf),
        image=SimpleUploadedFile("couverture.jpg", tampon.getvalue()),
        image_texte_alternatif="Couverture",
    )
    ressource.centres.set([Centre.objects.get(slug="oriv")])
    medias = objets(stockage_s3, "medias/")
    assert any(cle.endswith("couverture.jpg") for cle in medias)
    copies = [cle for cle in medias if cle.endswith(".webp")]
    assert len(copies) >= 2  # made when it was saved, in the bucket
    (document,) = objets(stockage_s3, "documents/")
    assert document.endswith("guide.pdf")

    page = client.get(ressource.get_absolute_url()).content.decode()
    adresse_copie = next(mot for mot in page.split('"') if mot.startswith("http://127.0.0.1:") and ".webp" in mot)
    statut, contenu = lire(adresse_copie)
    assert statut == 200 and contenu[:4] == b"RIFF"

    reponse = client.get(ressource.adresse_du_fichier)
    assert reponse.status_code == 302
    assert "no-store" in reponse["Cache-Control"]
    signee = reponse["Location"]
    assert "Signature" in signee and "Expires" in signee
    assert lire(signee) == (200, pdf)
    # The object itself, without the signature, is not readable.
    with pytest.raises(urllib.error.HTTPError):
        lire(signee.split("?")[0])

    Ressource.objects.filter(pk=ressource.pk).update(statut="brouillon")
    assert client.get(ressource.adresse_du_fichier).status_code == 404
