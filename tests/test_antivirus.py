"""The virus scan through clamd (commun.antivirus), against a stand-in clamd speaking its INSTREAM protocol on
127.0.0.1: a flagged file is refused with the verdict, a clean one accepted, and a clamd that does not answer lets
nothing in."""

import socket
import struct
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commun.images import valider_image
from ressources.fichiers import valider_document
from tests.ressources.factories import pdf_valide

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FauxClamd:
    """clamd's INSTREAM: « zINSTREAM\\0 », chunks with their length, a zero length, then « stream: … \\0 »."""

    def __init__(self):
        self.prise = socket.create_server(("127.0.0.1", 0))
        self.port = self.prise.getsockname()[1]
        self.recus = []
        threading.Thread(target=self.servir, daemon=True).start()

    def servir(self):
        while True:
            try:
                connexion, _ = self.prise.accept()
            except OSError:
                return
            with connexion, connexion.makefile("rb") as flux:
                assert flux.read(10) == b"zINSTREAM\0"
                contenu = b""
                while longueur := struct.unpack("!L", flux.read(4))[0]:
                    contenu += flux.read(longueur)
                self.recus.append(contenu)
                verdict = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in contenu else b"stream: OK\0"
                connexion.sendall(verdict)

    def fermer(self):
        self.prise.close()


@pytest.fixture
def clamd(settings):
    serveur = FauxClamd()
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", serveur.port
    yield serveur
    serveur.fermer()


def test_un_document_sain_passe_et_a_ete_analyse_en_entier(clamd):
    pdf = pdf_valide()
    valider_document(SimpleUploadedFile("guide.pdf", pdf))
    assert clamd.recus == [pdf]


def test_un_document_infecte_est_refuse_avec_le_verdict(clamd):
    pdf = pdf_valide() + b"%" + EICAR + b"\n"  # a comment after the end: still a PDF that opens
    with pytest.raises(ValidationError, match="Eicar-Test-Signature"):
        valider_document(SimpleUploadedFile("guide.pdf", pdf))


def test_une_image_est_analysee_aussi(clamd, ressource_illustree):
    image = ressource_illustree.image
    image.open("rb")
    contenu = image.read()
    image.close()
    valider_image(SimpleUploadedFile("couverture.jpg", contenu))
    assert clamd.recus == [contenu]


def test_sans_clamd_qui_reponde_rien_n_entre(settings):
    with socket.socket() as libre:
        libre.bind(("127.0.0.1", 0))
        port = libre.getsockname()[1]  # nobody listens there
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", port
    with pytest.raises(ValidationError, match="momentanément indisponible"):
        valider_document(SimpleUploadedFile("guide.pdf", pdf_valide()))


def test_sans_clamd_configure_aucune_analyse(settings):
    settings.CLAMD_HOST = ""
    valider_document(SimpleUploadedFile("guide.pdf", pdf_valide()))
