"""Staff accounts without a password in the clear: an account is created (or given more rights) and its owner
receives a one-time link to choose a password.

The link carries Django's password-reset token: it is valid ``PASSWORD_RESET_TIMEOUT`` (three days) and only
until the password is chosen or the person logs in, since the token is computed from both.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from centres.groupes import GROUPE_ANCT, GROUPE_EQUIPE
from centres.models import Centre, MembreEquipe


class InvitationImpossible(ValueError):
    """What keeps an account from being created, said in French for the person who typed the command."""


def centres_nommes(slugs):
    """The centres of ``slugs``, or InvitationImpossible naming the unknown ones and the known addresses."""
    centres = {centre.slug: centre for centre in Centre.objects.publics().filter(slug__in=slugs)}
    inconnus = [slug for slug in slugs if slug not in centres]
    if inconnus:
        connus = ", ".join(Centre.objects.publics().order_by("slug").values_list("slug", flat=True))
        raise InvitationImpossible(
            f"Aucun centre n'a l'identifiant « {', '.join(inconnus)} ». Identifiants possibles : {connus}."
        )
    return [centres[slug] for slug in slugs]


@transaction.atomic
def inviter(email, centres=(), anct=False):
    """Create or extend the staff account of ``email``: membership of ``centres`` (group « Équipe CRPV ») or
    the group « ANCT ». Returns ``(user, created)``; an existing password is kept."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationImpossible(f"« {email} » n'est pas une adresse électronique valide.") from None
    if not centres and not anct:
        raise InvitationImpossible("Indiquez au moins un centre (--centre SLUG) ou le rôle ANCT (--anct).")
    if centres and anct:
        raise InvitationImpossible("Un compte est celui d'une équipe de centre ou de l'ANCT, pas des deux.")
    Utilisateur = get_user_model()
    utilisateur = Utilisateur.objects.filter(email__iexact=email).first()
    cree = utilisateur is None
    if cree:
        utilisateur = Utilisateur(username=email, email=email)
        utilisateur.set_unusable_password()
    utilisateur.is_staff = True
    utilisateur.is_active = True
    utilisateur.save()
    groupe = Group.objects.get_or_create(name=GROUPE_ANCT if anct else GROUPE_EQUIPE)[0]
    utilisateur.groups.add(groupe)
    for centre in centres:
        MembreEquipe.objects.get_or_create(utilisateur=utilisateur, centre=centre)
    return utilisateur, cree


def lien_d_invitation(utilisateur):
    """The one-time address where ``utilisateur`` chooses their password."""
    chemin = reverse(
        "comptes:choisir_mot_de_passe",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(utilisateur.pk)),
            "token": default_token_generator.make_token(utilisateur),
        },
    )
    return f"{settings.PORTAIL_URL_DE_BASE}{chemin}"


def validite_en_jours():
    return settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
