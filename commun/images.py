"""Uploaded images, one implementation for every app: checked with Pillow, resized once.

- ``valider_image`` refuses what is not really an image of an accepted format, a file whose
  extension lies about its content, and decompression bombs (a pixel limit far below Pillow's).
- ``rendition`` returns a WebP copy at a given width, written to storage the first time it is
  asked for and reused afterwards; its size is computed from the dimensions stored with the
  original (``width_field``/``height_field``), so pages set ``width``/``height`` without opening files.
"""

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

from .antivirus import analyser
from .stockage import est_local

FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
EXTENSIONS = {extension for extensions in FORMATS.values() for extension in extensions}
TAILLE_MAX = 10 * 1024 * 1024
PIXELS_MAX = 40_000_000  # e.g. 8000 × 5000: far beyond any photo a page needs
LARGEURS = {"vignette": 320, "moyenne": 640, "grande": 1280}
DOSSIER_RENDITIONS = "renditions"
journal = logging.getLogger(__name__)


def deja_enregistre(fichier):
    """A file already in storage was checked when it was uploaded: saving its object again (an edited caption,
    a restored version) must not read it back, nor fail when storage cannot."""
    return getattr(fichier, "_committed", False)


def valider_image(fichier):
    """Validator for ImageField: the checks run before anything is stored."""
    if deja_enregistre(fichier):
        return
    if fichier.size > TAILLE_MAX:
        raise ValidationError(
            f"L'image pèse {filesizeformat(fichier.size)} ; la limite est de {filesizeformat(TAILLE_MAX)}.",
            code="taille",
        )
    extension = PurePath(fichier.name).suffix.lower()
    acceptees = ", ".join(sorted(EXTENSIONS))
    if extension not in EXTENSIONS:
        raise ValidationError(
            f"Format non accepté ({extension or 'sans extension'}) : utilisez {acceptees}.", code="format"
        )
    position = fichier.tell() if hasattr(fichier, "tell") else 0
    try:
        fichier.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fichier) as image:
                largeur, hauteur = image.size
                if largeur * hauteur > PIXELS_MAX:
                    raise ValidationError(
                        f"L'image mesure {largeur} × {hauteur} pixels : c'est trop grand "
                        f"(au plus {PIXELS_MAX // 1_000_000} millions de pixels).",
                        code="pixels",
                    )
                format_reel = image.format
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as erreur:
        raise ValidationError("L'image est anormalement grande une fois décompressée : elle est refusée.") from erreur
    except (UnidentifiedImageError, OSError, SyntaxError) as erreur:
        raise ValidationError(
            "Ce fichier n'est pas une image lisible (JPEG, PNG ou WebP).", code="illisible"
        ) from erreur
    finally:
        fichier.seek(position)
    if format_reel not in FORMATS:
        raise ValidationError(f"Format d'image non accepté ({format_reel}) : utilisez JPEG, PNG ou WebP.")
    if extension not in FORMATS[format_reel]:
        raise ValidationError(
            f"Le fichier porte l'extension {extension} mais contient une image {format_reel} : renommez-le.",
            code="extension",
        )
    analyser(fichier)


@dataclass(frozen=True)
class Rendition:
    url: str
    largeur: int
    hauteur: int


def dimensions(largeur_origine, hauteur_origine, largeur_voulue):
    """The size of a rendition: never enlarged, aspect ratio kept."""
    if not largeur_origine or not hauteur_origine:
        return None
    echelle = min(1, largeur_voulue / largeur_origine)
    return max(1, round(largeur_origine * echelle)), max(1, round(hauteur_origine * echelle))


def _dimensions_enregistrees(champ):
    """Width and height as stored with the object (``width_field``/``height_field``): never read from the file."""
    instance, champ_modele = champ.instance, champ.field
    return getattr(instance, champ_modele.width_field, None), getattr(instance, champ_modele.height_field, None)


def _chemin(champ, taille_voulue):
    cle = hashlib.sha256(champ.name.encode()).hexdigest()[:20]
    return f"{DOSSIER_RENDITIONS}/{cle}-{taille_voulue[0]}x{taille_voulue[1]}.webp"


def rendition(champ, taille, storage=default_storage):
    """The WebP copy of the ImageField value ``champ`` at ``taille`` ('vignette', 'moyenne', 'grande'), or None.

    Pages only read: the copies are made when the image is saved (``preparer_renditions``, and
    ``manage.py preparer_renditions`` for the images already there). A copy missing, empty or unreadable is no
    image on the page, logged, never an error.
    """
    if not champ:
        return None
    taille_voulue = dimensions(*_dimensions_enregistrees(champ), LARGEURS[taille])
    if taille_voulue is None:
        return None
    chemin = _chemin(champ, taille_voulue)
    if not est_local(storage):
        # An object store: two network calls per image and per page would cost more than they save; the copies
        # were written when the image was saved (preparer_renditions), whole or not at all.
        return Rendition(storage.url(chemin), *taille_voulue)
    try:
        present = storage.exists(chemin) and storage.size(chemin) > 0
    except OSError:
        present = False
    if not present:
        journal.warning("Copie %s absente pour l'image %s : image non affichée.", chemin, champ.name)
        return None
    return Rendition(storage.url(chemin), *taille_voulue)


def preparer_renditions(champ, storage=default_storage):
    """Make the missing copies of an image, once, when it is saved; returns how many were written.

    An original that is missing or unreadable is logged and left without copies: the pages show no image.
    """
    if not champ:
        return 0
    faites = 0
    for largeur in LARGEURS.values():
        taille_voulue = dimensions(*_dimensions_enregistrees(champ), largeur)
        if taille_voulue is None:
            return faites
        chemin = _chemin(champ, taille_voulue)
        try:
            if storage.exists(chemin) and storage.size(chemin) > 0:
                continue
            if storage.exists(chemin):
                storage.delete(chemin)  # an empty copy, left by an earlier failure
            with champ.storage.open(champ.name, "rb") as original, Image.open(original) as image:
                copie = ImageOps.exif_transpose(image).convert("RGB").resize(taille_voulue, Image.Resampling.LANCZOS)
            tampon = io.BytesIO()
            copie.save(tampon, "WEBP", quality=80, method=4)
            storage.save(chemin, ContentFile(tampon.getvalue()))
            faites += 1
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as erreur:
            journal.error("Copies de l'image %s impossibles (%s) : l'image ne sera pas affichée.", champ.name, erreur)
            return faites
    return faites


def renditions_a_l_enregistrement(sender, instance, **kwargs):
    """``post_save`` receiver for a model with images: its copies are made now, not by the next visitor."""
    for champ in instance._meta.fields:
        if isinstance(champ, models.ImageField):
            preparer_renditions(getattr(instance, champ.attname))
