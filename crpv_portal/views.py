from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from centres.couverture import carte_couverture_regions, chiffres_cles
from centres.filters import CentreFilter
from centres.models import Centre, Departement
from evenements.filters import EvenementFilter
from evenements.models import Evenement
from ressources.filters import RessourceFilter
from ressources.models import Ressource

from .forms import RechercheForm


def accueil(request):
    centres = Centre.objects.prefetch_related(
        Prefetch("departements", queryset=Departement.objects.select_related("region"))
    )
    return render(
        request,
        "pages/accueil.html",
        {
            "rubrique": "accueil",
            "chiffres": chiffres_cles(),
            "carte": carte_couverture_regions(),
            "centres": centres,
            "dernieres_ressources": Ressource.objects.publiees()
            .recentes()
            .prefetch_related(Prefetch("centres", queryset=Centre.objects.only("pk", "nom", "sigle", "slug")))[:4],
            "prochains_evenements": Evenement.objects.a_venir().prefetch_related("centres")[:3],
            "derniers_evenements": Evenement.objects.passes().prefetch_related("centres")[:3],
        },
    )


PAR_RUBRIQUE = 5


def recherche(request):
    """One search over centres (and communes), productions and events, each in its own section."""
    formulaire = RechercheForm(request.GET or None)
    sections = []
    if formulaire.is_valid():
        q = formulaire.cleaned_data["q"]
        centres = CentreFilter(
            {"q": q},
            queryset=Centre.objects.prefetch_related(
                Prefetch("departements", queryset=Departement.objects.select_related("region"))
            ),
        ).qs
        ressources = RessourceFilter({"q": q}, queryset=Ressource.objects.publiees().prefetch_related("centres")).qs
        evenements = EvenementFilter({"q": q}, queryset=Evenement.objects.prefetch_related("centres"))
        parametres = urlencode({"q": q})
        sections = [
            ("centres", "Centres", centres, f"{reverse('centres:liste')}?{parametres}"),
            ("ressources", "Ressources", ressources, f"{reverse('ressources:liste')}?{parametres}"),
            # Upcoming and past events apart: each has its own page to send to for the rest.
            ("a-venir", "Événements à venir", evenements.qs.a_venir(), f"{reverse('evenements:liste')}?{parametres}"),
            ("passes", "Événements passés", evenements.qs.passes(), f"{reverse('evenements:archives')}?{parametres}"),
        ]
        sections = [
            {
                "cle": cle,
                "titre": titre,
                "nombre": resultats.count(),
                "premiers": resultats[:PAR_RUBRIQUE],
                "tout": tout,
            }
            for cle, titre, resultats, tout in sections
        ]
    return render(
        request,
        "pages/recherche.html",
        {"rubrique": "recherche", "formulaire": formulaire, "sections": sections},
    )


def reseau(request):
    return render(request, "pages/reseau.html", {"rubrique": "reseau", "chiffres": chiffres_cles()})


@require_GET
def robots_txt(request):
    lignes = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /pilotage/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lignes) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise (for the load balancer and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("base de données injoignable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
