from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from centres.couverture import carte_couverture_regions, chiffres_cles
from centres.models import Centre, Departement
from evenements.models import Evenement
from ressources.models import Ressource


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
