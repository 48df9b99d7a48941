"""Attached documents: the type is read from the content, not trusted from the name."""

import secrets
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from commun.antivirus import analyser
from commun.images import deja_enregistre

TAILLE_MAX = 50 * 1024 * 1024

# extension → (label shown to the public, MIME type)
TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".odt": ("ODT", "application/vnd.oasis.opendocument.text"),
    ".ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": ("ODP", "application/vnd.oasis.opendocument.presentation"),
    ".docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": ("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".epub": ("EPUB", "application/epub+zip"),
    ".mp3": ("MP3", "audio/mpeg"),
}
# Office Open XML: the folder a document of each kind keeps its content in.
DOSSIERS_OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
# The part without which a ZIP-based document opens in no application.
PARTIE_PRINCIPALE = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
    ".odp": "content.xml",
    ".epub": "META-INF/container.xml",
}


def _type_d_archive(fichier):
    """The extension a ZIP-based document really has, from its content; None if none fits."""
    try:
        with zipfile.ZipFile(fichier) as archive:
            noms = archive.namelist()
            if "mimetype" in noms:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((ext for ext, (_, mime) in TYPES.items() if mime == mimetype), None)
            if "[Content_Types].xml" in noms:
                return next(
                    (ext for ext, dossier in DOSSIERS_OOXML.items() if any(nom.startswith(dossier) for nom in noms)),
                    None,
                )
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def type_reel(fichier):
    """The extension matching the file's content (".pdf", ".docx"…), or None when it is none of TYPES."""
    fichier.seek(0)
    debut = fichier.read(8)
    fichier.seek(0)
    if debut.startswith(b"%PDF-"):
        return ".pdf"
    if debut.startswith(b"ID3") or debut[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return ".mp3"
    if debut.startswith(b"PK\x03\x04"):
        extension = _type_d_archive(fichier)
        fichier.seek(0)
        return extension
    return None


def _illisible(fichier, extension):
    """Why a file whose first bytes say ``extension`` still does not open as one, or "" when it does: a PDF must
    parse and have a page (a « %PDF- » followed by a web page does not), an archive must be whole and carry its
    main part."""
    fichier.seek(0)
    try:
        if extension == ".pdf":
            try:
                if not len(PdfReader(fichier, strict=False).pages):
                    return "ce PDF n'a aucune page"
            except (PdfReadError, ValueError, KeyError, TypeError, RecursionError):
                return "ce fichier commence comme un PDF mais ne s'ouvre pas comme tel"
        elif extension in PARTIE_PRINCIPALE:
            try:
                with zipfile.ZipFile(fichier) as archive:
                    partie = PARTIE_PRINCIPALE[extension]
                    if partie not in archive.namelist():
                        return f"il manque à ce {TYPES[extension][0]} sa partie principale ({partie})"
                    if archive.testzip() is not None:
                        return "cette archive est abîmée"
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
                return "cette archive est abîmée"
    finally:
        fichier.seek(0)
    return ""


def valider_document(fichier):
    """Validator for the attached file: size, accepted type, and an extension that tells the truth."""
    if deja_enregistre(fichier):
        return
    if fichier.size > TAILLE_MAX:
        raise ValidationError(
            f"Le fichier pèse {filesizeformat(fichier.size)} ; la limite est de {filesizeformat(TAILLE_MAX)}.",
            code="taille",
        )
    extension = PurePath(fichier.name).suffix.lower()
    acceptes = ", ".join(label for label, _ in TYPES.values())
    if extension not in TYPES:
        raise ValidationError(f"Type de fichier non accepté ({extension or 'sans extension'}) : {acceptes}.")
    reel = type_reel(fichier)
    if reel is None:
        raise ValidationError(
            f"Le contenu de ce fichier ne correspond à aucun type accepté ({acceptes}) : "
            f"un fichier renommé en {extension} n'en change pas le contenu.",
            code="contenu",
        )
    if reel != extension:
        raise ValidationError(
            f"Ce fichier porte l'extension {extension} mais son contenu est un {TYPES[reel][0]} : renommez-le.",
            code="extension",
        )
    if raison := _illisible(fichier, extension):
        raise ValidationError(
            f"Ce document ne peut pas être publié : {raison}. Exportez-le à nouveau.", code="illisible"
        )
    analyser(fichier)


def chemin_de_depot(instance, nom):
    """A clean name in a folder no one can guess: 'Rapport Final (v2).PDF' →
    'ressources/fichiers/<22 random characters>/rapport-final-v2.pdf'. The file is served by the portal, which
    checks that its ressource is published (``ressources.views.fichier``), from storage no web server exposes."""
    chemin = PurePath(nom)
    propre = slugify(chemin.stem)[:80] or "document"
    return f"ressources/fichiers/{secrets.token_urlsafe(16)}/{propre}{chemin.suffix.lower()}"


def stockage_des_documents():
    """Where documents are kept: storage no web server exposes (``STORAGES["documents"]``)."""
    return storages["documents"]


def taille_a_l_enregistrement(sender, instance, **kwargs):
    """``pre_save``: the size of a document just uploaded, from the upload itself, so pages never ask storage."""
    fichier = instance.fichier
    if not fichier:
        instance.fichier_taille = None
    elif not getattr(fichier, "_committed", True):
        instance.fichier_taille = fichier.size


def libelle(nom_fichier):
    """'PDF' for 'guide.pdf'."""
    return TYPES.get(PurePath(nom_fichier).suffix.lower(), ("", ""))[0]
