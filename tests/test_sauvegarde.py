"""``manage.py sauvegarder`` then ``manage.py restaurer`` on a fresh database: the same rows, the same pages, the
same files; and what goes wrong said in French, never half a backup."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from centres.models import Centre
from commun.cache import version_du_contenu
from ressources.models import Ressource
from tests.ressources.factories import RessourceFactory, pdf_valide

RACINE = Path(__file__).resolve().parent.parent
PDF = pdf_valide()

LECTURE = """
import hashlib, json, django
django.setup()
from django.test import Client
from centres.models import Centre
from ressources.models import Ressource
from commun.cache import version_du_contenu
client = Client(HTTP_HOST="127.0.0.1")
ressource = Ressource.objects.get(slug="guide-sauvegarde")
pages = {adresse: client.get(adresse) for adresse in ["/centres/oriv/", ressource.get_absolute_url(), "/ressources/"]}
document = client.get(ressource.adresse_du_fichier)
print(json.dumps({
    "centres": sorted(Centre.objects.values_list("slug", flat=True)),
    "ressources": sorted(Ressource.objects.values_list("slug", "titre", "statut")),
    "statuts": {adresse: reponse.status_code for adresse, reponse in pages.items()},
    "titre_present": "Guide de la sauvegarde" in pages[ressource.get_absolute_url()].content.decode(),
    "document": hashlib.sha256(b"".join(document.streaming_content)).hexdigest(),
    "image": hashlib.sha256(b"".join(client.get("/media/" + ressource.image.name).streaming_content)).hexdigest(),
    "version": version_du_contenu(),
}))
"""


@pytest.fixture
def contenu(transactional_db):
    ressource = RessourceFactory(centres=[Centre.objects.get(slug="oriv")], slug="guide-sauvegarde")
    ressource.titre = "Guide de la sauvegarde"
    ressource.fichier.save("guide.pdf", ContentFile(PDF), save=False)
    ressource.image.name = "ressources/couvertures/essai.png"
    (Path(settings.MEDIA_ROOT) / "ressources/couvertures").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / ressource.image.name).write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    ressource.save()
    return ressource


def test_restaurer_une_sauvegarde_rend_les_memes_pages_et_fichiers(contenu, base_neuve, tmp_path):
    call_command("sauvegarder", str(tmp_path / "sauvegardes"), stdout=io.StringIO())
    # Written after the backup: the cache may hold pages under numbers up to this one, of content the backup lacks.
    RessourceFactory(slug="apres-la-sauvegarde")
    derniere_version = version_du_contenu()
    (sauvegarde,) = (tmp_path / "sauvegardes").iterdir()
    assert (sauvegarde / "base.dump").read_bytes().startswith(b"PGDMP")
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "crpv_portal.settings",
        "DJANGO_DEBUG": "1",  # media served by Django, for the check
        "DATABASE_URL": base_neuve,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "medias-restaurees"),
        "DJANGO_DOCUMENTS_ROOT": str(tmp_path / "documents-restaures"),
    }
    lancer = lambda *arguments: subprocess.run(  # noqa: E731
        [sys.executable, *arguments], cwd=RACINE, env=env, capture_output=True, text=True, timeout=300
    )
    restauration = lancer("manage.py", "restaurer", str(sauvegarde))
    assert restauration.returncode == 0, restauration.stderr
    lecture = lancer("-c", LECTURE)
    assert lecture.returncode == 0, lecture.stderr
    restauree = json.loads(lecture.stdout.strip().splitlines()[-1])
    assert restauree["centres"] == sorted(Centre.objects.values_list("slug", flat=True))
    sauvegardees = Ressource.objects.exclude(slug="apres-la-sauvegarde").values_list("slug", "titre", "statut")
    assert restauree["ressources"] == [list(r) for r in sorted(sauvegardees)]
    assert set(restauree["statuts"].values()) == {200}
    assert restauree["titre_present"]
    assert restauree["document"] == hashlib.sha256(PDF).hexdigest()
    image = (Path(settings.MEDIA_ROOT) / contenu.image.name).read_bytes()
    assert restauree["image"] == hashlib.sha256(image).hexdigest()
    # The restored content follows a version no page kept before the restore carries.
    assert restauree["version"] > derniere_version
    # Restoring twice into the same database is refused: it is no longer empty.
    deuxieme = lancer("manage.py", "restaurer", str(sauvegarde))
    assert deuxieme.returncode == 1
    assert "n'est pas vide" in deuxieme.stderr


def test_une_sauvegarde_impossible_le_dit(contenu, tmp_path):
    fichier = tmp_path / "pas-un-dossier"  # a file where the folder should be
    fichier.write_text("x")
    with pytest.raises(CommandError, match="n'a pas pu être écrite"):
        call_command("sauvegarder", str(fichier))
    assert list(tmp_path.glob("pas-un-dossier/*")) == []


def test_restaurer_autre_chose_qu_une_sauvegarde_le_dit(db, tmp_path):
    with pytest.raises(CommandError, match="n'est pas une sauvegarde du portail"):
        call_command("restaurer", str(tmp_path))
