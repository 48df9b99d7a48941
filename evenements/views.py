import datetime
from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from centres.views import organisation, reseau_national
from commun import json_ld
from commun.apercu import apercu, publie_ou_apercu, sans_cache_si
from commun.pagination import paginer
from commun.partage import partage
from ressources.models import Ressource

from .calendrier import calendrier
from .dates import periode
from .filters import EvenementFilter
from .models import Evenement


def _par(evenements, cle):
    return [(valeur, list(groupe)) for valeur, groupe in groupby(evenements, key=cle)]


def evenement_list(request):
    filtre = EvenementFilter(request.GET or None, queryset=Evenement.objects.publies().a_venir())
    page = paginer(request, filtre.qs.en_tuiles())
    mois = _par(page.object_list, lambda evenement: evenement.date_debut.replace(day=1))
    return render(
        request,
        "evenements/evenement_list.html",
        {"rubrique": "evenements", "filtre": filtre, "page": page, "mois": mois},
    )


def evenement_archives(request):
    filtre = EvenementFilter(request.GET or None, queryset=Evenement.objects.publies().passes())
    page = paginer(request, filtre.qs.en_tuiles())
    annees = _par(page.object_list, lambda evenement: evenement.date_debut.year)
    return render(
        request,
        "evenements/evenement_archives.html",
        {"rubrique": "evenements", "filtre": filtre, "page": page, "annees": annees},
    )


def evenement_detail(request, slug):
    tous = Evenement.objects.avec_organisateurs().prefetch_related("photos")
    evenement, est_un_apercu = publie_ou_apercu(request, tous.publies(), tous, slug=slug)
    reponse = render(
        request,
        "evenements/evenement_detail.html",
        {
            "rubrique": "evenements",
            "evenement": evenement,
            "ressources_de_l_evenement": Ressource.objects.publiees()
            .filter(evenements=evenement)
            .recentes()
            .en_tuiles(),
            "apercu": apercu(evenement, est_un_apercu),
            "noindex": est_un_apercu,
            "a_venir": evenement.est_a_venir(),
            "evenement_json_ld": _json_ld(request, evenement),
            "partage": partage(
                request,
                evenement.titre,
                " · ".join(p for p in (periode(evenement).capitalize(), evenement.localisation.en_bref) if p),
                *_premiere_photo(evenement),
            ),
        },
    )
    return sans_cache_si(est_un_apercu, reponse)


def _premiere_photo(evenement):
    """(image, alternative text) of the event's first photo, or (None, "")."""
    photos = list(evenement.photos.all())
    return (photos[0].image, photos[0].texte_alternatif) if photos else (None, "")


def _reponse_ics(cal, nom_fichier):
    reponse = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse


def evenement_ics(request, slug):
    evenement = get_object_or_404(Evenement.objects.publies(), slug=slug)
    return _reponse_ics(calendrier([evenement], request, evenement.titre), f"{evenement.slug}.ics")


# The agenda file holds the coming months, not every event announced years ahead: what a calendar shows.
HORIZON_DE_L_AGENDA = datetime.timedelta(days=365)


def agenda_ics(request):
    """The upcoming events of the next twelve months, filtered by the same query string as the agenda page."""
    limite = timezone.localdate() + HORIZON_DE_L_AGENDA
    a_venir = Evenement.objects.publies().a_venir().filter(date_debut__lte=limite)
    filtre = EvenementFilter(request.GET or None, queryset=a_venir)
    return _reponse_ics(calendrier(filtre.qs, request, "Agenda du réseau des CRPV"), "agenda-crpv.ics")


MODES_DE_PARTICIPATION = {
    (True, False): "https://schema.org/OfflineEventAttendanceMode",
    (False, True): "https://schema.org/OnlineEventAttendanceMode",
    (True, True): "https://schema.org/MixedEventAttendanceMode",
}


def _json_ld(request, evenement):
    localisation = evenement.localisation
    organisateurs = [organisation(request, centre) for centre in evenement.centres.all()]
    if evenement.national and not organisateurs:
        organisateurs = [reseau_national(request)]
    return json_ld.document(
        "Event",
        name=evenement.titre,
        startDate=evenement.debut.isoformat(),
        endDate=evenement.date_fin.isoformat() if evenement.toute_la_journee else evenement.fin.isoformat(),
        url=request.build_absolute_uri(evenement.get_absolute_url()),
        eventStatus="https://schema.org/EventScheduled",
        eventAttendanceMode=MODES_DE_PARTICIPATION.get((localisation.sur_place, localisation.en_ligne), ""),
        organizer=organisateurs,
        description=evenement.description,
        # An online event whose link is no longer published is still somewhere: its page.
        location=localisation.json_ld()
        or (
            {"@type": "VirtualLocation", "url": request.build_absolute_uri(evenement.get_absolute_url())}
            if localisation.en_ligne
            else ""
        ),
        image=[json_ld.image(request, photo.image) for photo in evenement.photos.all()],
    )
