"""French phone numbers: stored as 10 national digits, shown in pairs, dialled in E.164."""

import re

from django.core.validators import RegexValidator
from django.db import models

FORMAT_NATIONAL = r"^0[1-9][0-9]{8}$"

# Overseas numbers do not dial through +33: each has its own country code.
# Prefixes of the national numbering plan (ARCEP), fixed lines then mobiles.
INDICATIFS_OUTRE_MER = {
    "0590": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "0690": "590",
    "0691": "590",
    "0594": "594",  # Guyane
    "0694": "594",
    "0596": "596",  # Martinique
    "0696": "596",
    "0697": "596",
    "0262": "262",  # La Réunion
    "0263": "262",
    "0692": "262",
    "0693": "262",
    "0269": "262",  # Mayotte
    "0639": "262",
}

valider_telephone = RegexValidator(
    FORMAT_NATIONAL, "Saisissez un numéro français à 10 chiffres, par exemple 01 48 09 26 36."
)


def normaliser(valeur):
    """'01 48 09 26 36', '01.48.09.26.36', '+33 1 48 09 26 36' → '0148092636'.

    Anything that does not look like a number is returned unchanged, for the validator to refuse.
    """
    if not valeur:
        return ""
    chiffres = re.sub(r"[\s.\-/()]", "", valeur)
    if chiffres.startswith("+33") and len(chiffres) == 12:
        chiffres = "0" + chiffres[3:]
    elif chiffres.startswith("0033") and len(chiffres) == 13:
        chiffres = "0" + chiffres[4:]
    return chiffres


def afficher(numero):
    """'0148092636' → '01 48 09 26 36' (other values are shown as stored)."""
    if not numero or not re.fullmatch(FORMAT_NATIONAL, numero):
        return numero or ""
    return " ".join(numero[i : i + 2] for i in range(0, 10, 2))


def uri(numero):
    """'0148092636' → 'tel:+33148092636'; '0594287943' → 'tel:+594594287943'."""
    if not numero or not re.fullmatch(FORMAT_NATIONAL, numero):
        return ""
    indicatif = INDICATIFS_OUTRE_MER.get(numero[:4])
    if indicatif:
        return f"tel:+{indicatif}{numero[1:]}"
    return f"tel:+33{numero[1:]}"


class TelephoneField(models.CharField):
    """A CharField that normalises what staff type (spaces, dots, +33) before validating it."""

    default_validators = [valider_telephone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("verbose_name", "téléphone")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normaliser(super().to_python(value))

    def formfield(self, **kwargs):
        kwargs.setdefault("max_length", 25)  # what people type, with spaces or +33
        kwargs.setdefault("help_text", "Par exemple 01 48 09 26 36.")
        return super().formfield(**kwargs)
