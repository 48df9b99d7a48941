"""Sending: the confirmation of a request, and the digests of ``envoyer_alertes``.

A digest lists only items published since the alert's last sending, never one sent before, and nothing at all
when there is nothing new. The items are recorded as sent (and the alert moved forward) before the e-mail
leaves, and unrecorded if the mail server refuses it: a run interrupted and run again never sends an item twice.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .liens import absolue, lien_de_confirmation, lien_de_desinscription, lien_de_gestion
from .listes import description, nouveautes
from .models import Alerte, ElementEnvoye, RapportEnvoi

journal = logging.getLogger(__name__)


def _courriel(sujet, gabarit, contexte, destinataire, entetes=None):
    contexte = {**contexte, "portail": absolue("/"), "nom_du_portail": settings.NOM_DU_PORTAIL}
    message = EmailMultiAlternatives(
        subject=sujet,
        body=render_to_string(f"alertes/{gabarit}.txt", contexte),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[destinataire],
        headers=entetes or {},
    )
    message.attach_alternative(render_to_string(f"alertes/{gabarit}.html", contexte), "text/html")
    return message


def envoyer_confirmation(alerte):
    debut, criteres = description(alerte.liste, alerte.parametres)
    _courriel(
        "Confirmez votre alerte du réseau des CRPV",
        "courriel_confirmation",
        {"alerte": alerte, "debut": debut, "criteres": criteres, "lien": lien_de_confirmation(alerte)},
        alerte.email,
    ).send()


def envoyer_rappel(alerte):
    """To an address that asked again for what it already follows: the link to manage its alerts."""
    debut, criteres = description(alerte.liste, alerte.parametres)
    _courriel(
        "Vous suivez déjà ces nouveautés du réseau des CRPV",
        "courriel_deja_suivi",
        {"alerte": alerte, "debut": debut, "criteres": criteres, "gestion": lien_de_gestion(alerte.email)},
        alerte.email,
    ).send()


def envoyer_les_alertes(maintenant=None):
    """One run: delete the stale requests, send every due digest; returns the ``RapportEnvoi``."""
    maintenant = maintenant or timezone.now()
    rapport = RapportEnvoi(lance_le=maintenant)
    rapport.supprimees, _ = Alerte.objects.perimees(maintenant).delete()
    details = []
    for alerte in Alerte.objects.dues(maintenant):
        rapport.alertes += 1
        envoyes = _reserver(alerte, maintenant)
        if not envoyes:
            continue
        try:
            _digest(alerte, envoyes).send()
        except Exception as erreur:  # the mail server refused or is down: the items wait for the next run
            journal.exception("Envoi de l'alerte %s", alerte.pk)
            _liberer(alerte, envoyes)
            rapport.erreurs += 1
            details.append(f"alerte {alerte.pk} : {erreur.__class__.__name__}")
            continue
        rapport.courriels += 1
        rapport.elements += sum(len(elements) for _, elements in envoyes["elements"])
    rapport.detail = "\n".join(details)
    rapport.save()
    return rapport


def _reserver(alerte, maintenant):
    """Record what the digest will hold and move the alert forward, in one transaction; None if nothing is new."""
    with transaction.atomic():
        alerte = Alerte.objects.select_for_update().get(pk=alerte.pk)
        deja = set(alerte.envoyes.values_list("type_element", "id_element"))
        elements = nouveautes(alerte, maintenant, deja)
        precedent = {"depuis": alerte.depuis, "envoyee_le": alerte.envoyee_le}
        alerte.depuis = alerte.envoyee_le = maintenant
        alerte.save(update_fields=["depuis", "envoyee_le"])
        if not elements:
            return None
        lignes = ElementEnvoye.objects.bulk_create(
            ElementEnvoye(alerte=alerte, type_element=suivi.type_element, id_element=objet.pk, envoye_le=maintenant)
            for suivi, objets in elements
            for objet in objets
        )
    return {"alerte": alerte, "elements": elements, "lignes": lignes, "precedent": precedent}


def _liberer(alerte, envoyes):
    with transaction.atomic():
        ElementEnvoye.objects.filter(pk__in=[ligne.pk for ligne in envoyes["lignes"]]).delete()
        Alerte.objects.filter(pk=alerte.pk).update(**envoyes["precedent"])


def _digest(alerte, envoyes):
    debut, criteres = description(alerte.liste, alerte.parametres)
    nombre = sum(len(objets) for _, objets in envoyes["elements"])
    desinscription = lien_de_desinscription(alerte)
    sections = [
        {
            "titre": suivi.titre,
            "elements": [{"objet": objet, "lien": absolue(objet.get_absolute_url())} for objet in objets],
        }
        for suivi, objets in envoyes["elements"]
    ]
    return _courriel(
        f"Réseau des CRPV : {nombre} nouveauté{'s' if nombre > 1 else ''} pour votre alerte",
        "courriel_nouveautes",
        {
            "alerte": alerte,
            "debut": debut,
            "criteres": criteres,
            "sections": sections,
            "gestion": lien_de_gestion(alerte.email),
            "desinscription": desinscription,
        },
        alerte.email,
        entetes={
            "List-Unsubscribe": f"<{desinscription}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
