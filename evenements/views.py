from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from centres.models import Centre
from ressources.models import Ressource

from .calendrier import calendrier
from .filters import EvenementFilter
from .models import Evenement

PAR_PAGE = 20


def _avec_organisateurs(queryset):
    return queryset.select_related("departement").prefetch_related(
        Prefetch("centres", queryset=Centre.objects.only("pk", "nom", "sigle", "slug"))
    )


def _par(evenements, cle):
    return [(valeur, list(groupe)) for valeur, groupe in groupby(evenements, key=cle)]


def evenement_list(request):
    filtre = EvenementFilter(request.GET or None, queryset=_avec_organisateurs(Evenement.objects.a_venir()))
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    mois = _par(page.object_list, lambda evenement: evenement.date_debut.replace(day=1))
    return render(
        request,
        "evenements/evenement_list.html",
        {"rubrique": "evenements", "filtre": filtre, "page": page, "mois": mois},
    )


def evenement_archives(request):
    filtre = EvenementFilter(request.GET or None, queryset=_avec_organisateurs(Evenement.objects.passes()))
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    annees = _par(page.object_list, lambda evenement: evenement.date_debut.year)
    return render(
        request,
        "evenements/evenement_archives.html",
        {"rubrique": "evenements", "filtre": filtre, "page": page, "annees": annees},
    )


def evenement_detail(request, slug):
    evenement = get_object_or_404(
        _avec_organisateurs(Evenement.objects.all()).prefetch_related(
            "photos",
            Prefetch(
                "ressources",
                queryset=Ressource.objects.publiees().recentes().prefetch_related("centres"),
                to_attr="ressources_publiees",
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "evenements/evenement_detail.html",
        {
            "rubrique": "evenements",
            "evenement": evenement,
            "a_venir": evenement.est_a_venir(),
            "evenement_json_ld": _json_ld(request, evenement),
        },
    )


def _reponse_ics(cal, nom_fichier):
    reponse = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse


def evenement_ics(request, slug):
    evenement = get_object_or_404(Evenement, slug=slug)
    return _reponse_ics(calendrier([evenement], request, evenement.titre), f"{evenement.slug}.ics")


def agenda_ics(request):
    """Every upcoming event, filtered by the same query string as the agenda page."""
    filtre = EvenementFilter(request.GET or None, queryset=Evenement.objects.a_venir())
    return _reponse_ics(calendrier(filtre.qs, request, "Agenda du réseau des CRPV"), "agenda-crpv.ics")


def _json_ld(request, evenement):
    donnees = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": evenement.titre,
        "startDate": evenement.debut.isoformat(),
        "endDate": evenement.date_fin.isoformat() if evenement.toute_la_journee else evenement.fin.isoformat(),
        "url": request.build_absolute_uri(evenement.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if evenement.en_ligne and not evenement.ville
        else "https://schema.org/MixedEventAttendanceMode"
        if evenement.en_ligne
        else "https://schema.org/OfflineEventAttendanceMode",
        "organizer": [
            {"@type": "Organization", "name": centre.nom, "url": request.build_absolute_uri(centre.get_absolute_url())}
            for centre in evenement.centres.all()
        ],
    }
    if evenement.description:
        donnees["description"] = evenement.description
    if evenement.ville:
        donnees["location"] = {
            "@type": "Place",
            "name": evenement.lieu or evenement.ville,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": evenement.adresse,
                "addressLocality": evenement.ville,
                "addressCountry": "FR",
            },
        }
    elif evenement.en_ligne and evenement.lien_en_ligne:
        donnees["location"] = {"@type": "VirtualLocation", "url": evenement.lien_en_ligne}
    return donnees
