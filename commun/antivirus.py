"""A virus scan of uploads through clamd (ClamAV's daemon, its INSTREAM command over TCP) when ``CLAMD_HOST`` is
set. A file clamd flags is refused with its verdict; when clamd is configured but does not answer, the upload is
refused too (with a message saying to try again): nothing unscanned gets in."""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError

journal = logging.getLogger(__name__)
MORCEAU = 64 * 1024


def _verdict(fichier):
    with socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=settings.CLAMD_DELAI) as prise:
        prise.sendall(b"zINSTREAM\0")
        fichier.seek(0)
        while morceau := fichier.read(MORCEAU):
            prise.sendall(struct.pack("!L", len(morceau)) + morceau)
        prise.sendall(struct.pack("!L", 0))
        reponse = b""
        while not reponse.endswith(b"\0"):
            recu = prise.recv(4096)
            if not recu:
                break
            reponse += recu
    fichier.seek(0)
    return reponse.rstrip(b"\0").decode("utf-8", "replace")


def analyser(fichier):
    """Validator: nothing when clamd is not configured or finds nothing; a French ValidationError otherwise."""
    if not settings.CLAMD_HOST:
        return
    try:
        verdict = _verdict(fichier)
    except OSError as erreur:
        journal.error("clamd injoignable (%s:%s) : %s", settings.CLAMD_HOST, settings.CLAMD_PORT, erreur)
        raise ValidationError(
            "L'analyse antivirus est momentanément indisponible : le fichier n'a pas été enregistré, réessayez "
            "dans quelques minutes.",
            code="antivirus_indisponible",
        ) from None
    if verdict.endswith("FOUND"):
        nom = verdict.removeprefix("stream:").removesuffix("FOUND").strip()
        journal.warning("Fichier refusé par clamd : %s", nom)
        raise ValidationError(
            f"L'antivirus a trouvé « {nom} » dans ce fichier : il n'est pas enregistré.", code="virus"
        )
    if not verdict.endswith("OK"):
        journal.error("Réponse inattendue de clamd : %s", verdict)
        raise ValidationError(
            "L'analyse antivirus n'a pas abouti : le fichier n'a pas été enregistré, réessayez.", code="antivirus"
        )
