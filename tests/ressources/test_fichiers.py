import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ressources import fichiers
from ressources.models import Ressource
from tests.ressources.factories import pdf_valide

PDF = pdf_valide()


def zip_(entrees):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in entrees.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


DOCX = zip_({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = zip_({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})
EPUB = zip_({"mimetype": "application/epub+zip", "META-INF/container.xml": "<container/>"})


@pytest.mark.parametrize(
    "nom,contenu",
    [
        ("guide.pdf", PDF),
        ("fiche.docx", DOCX),
        ("actes.odt", ODT),
        ("livre.epub", EPUB),
        ("podcast.mp3", b"ID3\x04rest"),
    ],
)
def test_documents_acceptes(nom, contenu):
    fichiers.valider_document(SimpleUploadedFile(nom, contenu))


@pytest.mark.parametrize(
    "nom,contenu,message",
    [
        ("rapport.pdf", b"Un simple texte renomme en PDF.", "ne correspond à aucun type accepté"),
        ("rapport.pdf", DOCX, "porte l'extension .pdf mais son contenu est un DOCX"),
        ("script.exe", b"MZ\x90\x00", "Type de fichier non accepté (.exe)"),
        ("archive.docx", zip_({"autre.txt": "x"}), "ne correspond à aucun type accepté"),
    ],
    ids=["texte-renomme-en-pdf", "docx-renomme-en-pdf", "executable", "zip-quelconque"],
)
def test_documents_refuses_avec_un_message_clair(nom, contenu, message):
    with pytest.raises(ValidationError) as erreur:
        fichiers.valider_document(SimpleUploadedFile(nom, contenu))
    assert message in " ".join(erreur.value.messages)


def test_document_trop_lourd(monkeypatch):
    monkeypatch.setattr(fichiers, "TAILLE_MAX", 10)
    with pytest.raises(ValidationError, match="la limite est de"):
        fichiers.valider_document(SimpleUploadedFile("guide.pdf", PDF))


def test_nom_de_depot_propre():
    ressource = Ressource(date_publication=None)
    premier = fichiers.chemin_de_depot(ressource, "Rapport Final (v2) été.PDF")
    second = fichiers.chemin_de_depot(ressource, "Rapport Final (v2) été.PDF")
    assert premier.startswith("ressources/fichiers/") and premier.endswith("/rapport-final-v2-ete.pdf")
    assert premier != second  # a random folder each time: no address to guess
    assert len(premier.split("/")[2]) == 22


@pytest.mark.parametrize(
    "nom,contenu,message",
    [
        ("guide.pdf", b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>", "ne s'ouvre pas comme tel"),
        (
            "fiche.docx",
            zip_({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<w:styles/>"}),
            "word/document.xml",
        ),
        ("tableau.xlsx", zip_({"[Content_Types].xml": "<Types/>", "xl/styles.xml": "<x/>"}), "xl/workbook.xml"),
        ("actes.odt", zip_({"mimetype": "application/vnd.oasis.opendocument.text"}), "content.xml"),
    ],
)
def test_un_document_qui_ne_s_ouvre_pas_est_refuse(nom, contenu, message):
    with pytest.raises(ValidationError, match=message):
        fichiers.valider_document(SimpleUploadedFile(nom, contenu))


def test_une_archive_abimee_est_refusee():
    docx = bytearray(DOCX)
    position = docx.index(b"<w:document/>")
    docx[position : position + 3] = b"XXX"  # the bytes change, the CRC of the entry does not
    with pytest.raises(ValidationError, match="abîmée"):
        fichiers.valider_document(SimpleUploadedFile("fiche.docx", bytes(docx)))
