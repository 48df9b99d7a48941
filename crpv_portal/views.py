from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centres.couverture import carte_couverture_regions, chiffres_cles
from centres.models import Centre
from commun.cache import selon_le_contenu
from commun.registre import SECTIONS_DE_RECHERCHE
from evenements.models import Evenement
from ressources.models import Ressource

from .forms import RechercheForm

PAR_SECTION = 5


def accueil(request):
    return render(
        request,
        "pages/accueil.html",
        {
            "rubrique": "accueil",
            "chiffres": selon_le_contenu("chiffres_cles", chiffres_cles),
            "carte": selon_le_contenu("carte_couverture_regions", carte_couverture_regions),
            "centres": Centre.objects.publics().en_tuiles(),
            "dernieres_ressources": Ressource.objects.publiees().recentes().en_tuiles()[:4],
            "prochains_evenements": Evenement.objects.publies().a_venir().en_tuiles()[:3],
            "derniers_evenements": Evenement.objects.publies().passes().en_tuiles()[:3],
        },
    )


def recherche(request):
    """One search over every kind of content, a section each: the apps register their sections
    (``commun.registre.SECTIONS_DE_RECHERCHE``), each filtered by its own list page's filter set."""
    formulaire = RechercheForm(request.GET or None)
    q, sections = "", []
    if formulaire.is_valid():
        q = formulaire.cleaned_data["q"]
        sections = [section.section(q, PAR_SECTION) for section in SECTIONS_DE_RECHERCHE]
    return render(
        request,
        "pages/recherche.html",
        {"rubrique": "recherche", "formulaire": formulaire, "q": q, "sections": sections, "noindex": True},
    )


def reseau(request):
    chiffres = selon_le_contenu("chiffres_cles", chiffres_cles)
    return render(request, "pages/reseau.html", {"rubrique": "reseau", "chiffres": chiffres})


@require_GET
def robots_txt(request):
    lignes = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /pilotage/",
        "Disallow: /compte/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lignes) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """200 when the database answers, 503 otherwise (for the load balancer and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("base de données injoignable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
