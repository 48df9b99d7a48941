"""Signed links of the e-mails: to confirm, to manage one's alerts, to leave with one click. Nothing to guess,
nothing stored: the signature (Django's signing, salted per use) is the proof."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import CONFIRMATION_VALABLE

SEL_CONFIRMATION = "alertes.confirmation"
SEL_GESTION = "alertes.gestion"
SEL_DESINSCRIPTION = "alertes.desinscription"


def absolue(chemin):
    return f"{settings.PORTAIL_URL_DE_BASE}{chemin}"


def lien_de_confirmation(alerte):
    jeton = signing.dumps(alerte.pk, salt=SEL_CONFIRMATION)
    return absolue(reverse("alertes:confirmer", args=[jeton]))


def chemin_de_gestion(email):
    return reverse("alertes:gerer", args=[signing.dumps(email, salt=SEL_GESTION)])


def lien_de_gestion(email):
    return absolue(chemin_de_gestion(email))


def lien_de_desinscription(alerte):
    return absolue(reverse("alertes:desinscrire", args=[signing.dumps(alerte.pk, salt=SEL_DESINSCRIPTION)]))


def lire(jeton, sel, max_age=None):
    """The signed value, or None for a forged, altered or (for a confirmation) expired link."""
    try:
        return signing.loads(jeton, salt=sel, max_age=max_age)
    except signing.BadSignature:
        return None


def lire_confirmation(jeton):
    return lire(jeton, SEL_CONFIRMATION, max_age=CONFIRMATION_VALABLE)
