"""Subscribing without an account: a request, a confirmation by a signed link, a page to manage one's alerts,
a one-click unsubscribe (RFC 8058). The answer never says whether an address is already subscribed."""

import logging
import smtplib

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from commun.adresse import adresse_du_client
from commun.limites import cle, depasse, rendre

from .enums import Liste
from .envoi import envoyer_confirmation, envoyer_rappel
from .forms import AlerteForm, FrequenceForm
from .liens import SEL_DESINSCRIPTION, SEL_GESTION, chemin_de_gestion, lire, lire_confirmation
from .listes import description, erreurs, parametres_de
from .models import CONFIRMATION_VALABLE, Alerte

journal = logging.getLogger(__name__)

# Limits against flooding someone's mailbox through the form.
DEMANDES_PAR_CLIENT_ET_PAR_HEURE = 10
DEMANDES_PAR_ADRESSE_ET_PAR_JOUR = 5
CONFIRMATIONS_EN_ATTENTE_PAR_ADRESSE = 3


def boite(email):
    """The mailbox an address reaches: « camille+1@exemple.fr » and « camille+2@… » are one for the limits."""
    local, _, domaine = email.partition("@")
    return f"{local.split('+', 1)[0]}@{domaine}"


def nouvelle(request):
    liste = request.GET.get("liste", Liste.RESSOURCES)
    if liste not in Liste.values:
        return HttpResponseBadRequest(
            "Liste inconnue : les alertes portent sur les ressources, l'agenda ou un centre."
        )
    parametres = parametres_de(request.GET)
    problemes = erreurs(liste, parametres)
    debut, criteres = description(liste, parametres)
    formulaire = AlerteForm(request.POST or None)
    if request.method == "POST" and not problemes and formulaire.is_valid():
        if not formulaire.cleaned_data["site_web"]:
            try:
                _demander(
                    request, formulaire.cleaned_data["email"], liste, parametres, formulaire.cleaned_data["frequence"]
                )
            except (smtplib.SMTPException, OSError):
                journal.exception("Courriel de confirmation d'une alerte")
                return render(request, "alertes/courriel_en_panne.html", {"noindex": True}, status=503)
        return redirect("alertes:demandee")
    return render(
        request,
        "alertes/nouvelle.html",
        {
            "formulaire": formulaire,
            "liste": Liste(liste),
            "debut": debut,
            "criteres": criteres,
            "problemes": problemes,
            "noindex": True,
        },
        status=400 if problemes else 200,
    )


def _demander(request, email, liste, parametres, frequence):
    """Create the request and send its confirmation, within the limits; silently nothing beyond them. An address
    that already follows the page gets a reminder with the link to manage its alerts: one e-mail either way, so the
    answer says nothing, and takes as long, whoever asks. A sending that fails counts against no limit."""
    email = email.strip().lower()
    par_client = cle("alertes:client", adresse_du_client(request) or "inconnue")
    par_boite = cle("alertes:boite", boite(email))
    if depasse(par_client, DEMANDES_PAR_CLIENT_ET_PAR_HEURE, 3600):
        return
    if depasse(par_boite, DEMANDES_PAR_ADRESSE_ET_PAR_JOUR, 86400):
        return
    try:
        existante = Alerte.objects.filter(email=email, liste=liste, parametres=parametres).confirmees().first()
        if existante is not None:
            envoyer_rappel(existante)
            return
        if Alerte.objects.filter(email=email).a_confirmer().count() >= CONFIRMATIONS_EN_ATTENTE_PAR_ADRESSE:
            return
        alerte = Alerte.objects.create(email=email, liste=liste, parametres=parametres, frequence=frequence)
        try:
            envoyer_confirmation(alerte)
        except BaseException:
            alerte.delete()  # no request kept that its owner was never told about
            raise
    except (smtplib.SMTPException, OSError):
        rendre(par_client)
        rendre(par_boite)
        raise


def demandee(request):
    return render(request, "alertes/demandee.html", {"noindex": True, "jours": CONFIRMATION_VALABLE.days})


def confirmer(request, jeton):
    pk = lire_confirmation(jeton)
    alerte = Alerte.objects.filter(pk=pk).first() if pk is not None else None
    if alerte is None:
        return render(request, "alertes/lien_invalide.html", {"noindex": True}, status=404)
    if request.method == "POST" and alerte.confirmee_le is None:
        maintenant = timezone.now()
        Alerte.objects.filter(pk=alerte.pk).update(confirmee_le=maintenant, depuis=maintenant)
        return redirect(f"{chemin_de_gestion(alerte.email)}?confirmee=1")
    debut, criteres = description(alerte.liste, alerte.parametres)
    return render(
        request,
        "alertes/confirmer.html",
        {"alerte": alerte, "debut": debut, "criteres": criteres, "noindex": True},
    )


def gerer(request, jeton):
    email = lire(jeton, SEL_GESTION)
    if email is None:
        return render(request, "alertes/lien_invalide.html", {"noindex": True}, status=404)
    alertes = Alerte.objects.filter(email=email).confirmees()
    if request.method == "POST":
        if request.POST.get("action") == "tout_supprimer":
            Alerte.objects.filter(email=email).delete()
        else:
            alerte = alertes.filter(pk=request.POST.get("alerte") or 0).first()
            if alerte is not None and request.POST.get("action") == "supprimer":
                alerte.delete()
            elif alerte is not None:
                formulaire = FrequenceForm(request.POST)
                if formulaire.is_valid():
                    Alerte.objects.filter(pk=alerte.pk).update(frequence=formulaire.cleaned_data["frequence"])
        return redirect(request.path)
    fiches = []
    for alerte in alertes:
        debut, criteres = description(alerte.liste, alerte.parametres)
        fiches.append({"alerte": alerte, "debut": debut, "criteres": criteres, "formulaire": FrequenceForm(
            initial={"frequence": alerte.frequence}, prefix=f"a{alerte.pk}")})  # fmt: skip
    contexte = {"fiches": fiches, "email": email, "confirmee": "confirmee" in request.GET, "noindex": True}
    return render(request, "alertes/gerer.html", contexte)


@csrf_exempt  # RFC 8058: a mail client posts « List-Unsubscribe=One-Click » without any page or cookie
def desinscrire(request, jeton):
    pk = lire(jeton, SEL_DESINSCRIPTION)
    alerte = Alerte.objects.filter(pk=pk).first() if pk is not None else None
    if request.method == "POST":
        if alerte is not None:
            alerte.delete()
        return render(request, "alertes/desinscrit.html", {"noindex": True})
    if alerte is None:
        return render(request, "alertes/desinscrit.html", {"noindex": True})
    debut, criteres = description(alerte.liste, alerte.parametres)
    return render(request, "alertes/desinscrire.html", {"debut": debut, "criteres": criteres, "noindex": True})


def lien_nouvelle(liste, donnees):
    """The address of the form for the page ``liste`` with its filters ``donnees``."""
    parametres = parametres_de(donnees)
    return f"{reverse('alertes:nouvelle')}?liste={liste}{'&' + parametres if parametres else ''}"
