"""The public page of an item, or for the people who may read it in the admin, a preview of its draft."""

from django.http import Http404
from django.urls import reverse


def publie_ou_apercu(request, publies, tous, **critere):
    """``(object, preview)``: the published object matching ``critere``; else, for a staff member, the object of
    ``tous`` they may read in the admin (``consultables_par``), with ``preview`` true; else 404."""
    objet = publies.filter(**critere).first()
    if objet is not None:
        return objet, False
    if request.user.is_authenticated and request.user.is_staff:
        objet = tous.consultables_par(request.user).filter(**critere).first()
        if objet is not None:
            return objet, True
    raise Http404


def apercu(objet, est_un_apercu):
    """What the preview banner says (``includes/_apercu.html``): the item's status and its admin page; or None."""
    if not est_un_apercu:
        return None
    options = objet._meta
    return {
        "statut": objet.get_statut_display(),
        "modifier": reverse(f"admin:{options.app_label}_{options.model_name}_change", args=[objet.pk]),
    }


def sans_cache_si(est_un_apercu, reponse):
    """A preview is for one person: no browser or proxy keeps it (nor the page cache, ``commun.cache``)."""
    if est_un_apercu:
        reponse["Cache-Control"] = "private, no-store"
    return reponse
