import logging
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import content_disposition_header

from centres.views import organisation, reseau_national
from commun import json_ld
from commun.apercu import apercu, publie_ou_apercu, sans_cache_si
from commun.pagination import paginer
from commun.partage import partage
from commun.stockage import est_local

from . import recherche
from .enums import TypeRessource
from .fichiers import TYPES, libelle
from .filters import FiltreDesCollectives, RessourceFilter
from .models import Ressource

journal = logging.getLogger(__name__)

ASSOCIEES = 4


def _liste(request, template, nom, base, classe, contexte):
    resultats = recherche.Resultats(classe, request.GET, base, nom)
    filtre = resultats.filtre
    # A list of one theme offers that theme's feed.
    theme = filtre.form.cleaned_data.get("theme") if filtre.is_bound and filtre.is_valid() else None
    return render(
        request,
        template,
        {
            "rubrique": "ressources",
            "filtre": filtre,
            "page": paginer(request, resultats.lecture().en_tuiles(), nombre=resultats.facettes["total"]),
            "les_plus_recentes_d_abord": resultats.les_plus_recentes_d_abord,
            "approchees": resultats.approchees,
            "classement_complet": recherche.CLASSEMENT_COMPLET,
            "facettes": resultats.facettes,
            "theme_suivi": theme,
            **contexte,
        },
    )


def ressource_list(request):
    return _liste(
        request, "ressources/ressource_list.html", "liste", Ressource.objects.publiees(), RessourceFilter, {}
    )


def ressource_collectives(request):
    base = Ressource.objects.publiees().collectives()
    contexte = {"collectives": True}
    return _liste(
        request, "ressources/ressource_collectives.html", "collectives", base, FiltreDesCollectives, contexte
    )


def associees(ressource):
    """The latest published ressources sharing one of its themes: read in the order of the index of the latest,
    each checked for a shared theme (``EXISTS``), until four are found."""
    themes = [theme.pk for theme in ressource.themes.all()]
    if not themes:
        return []
    liens = Ressource.themes.through.objects.filter(ressource=OuterRef("pk"), theme__in=themes)
    memes_themes = Ressource.objects.publiees().filter(Exists(liens)).exclude(pk=ressource.pk)
    return list(memes_themes.recentes().en_tuiles()[:ASSOCIEES])


def ressource_detail(request, slug):
    toutes = Ressource.objects.avec_producteurs().prefetch_related("themes")
    ressource, est_un_apercu = publie_ou_apercu(request, toutes.publiees(), toutes, slug=slug)
    reponse = render(
        request,
        "ressources/ressource_detail.html",
        {
            "rubrique": "ressources",
            "ressource": ressource,
            "apercu": apercu(ressource, est_un_apercu),
            "noindex": est_un_apercu,
            "associees": associees(ressource),
            "fichier_type": libelle(ressource.fichier.name) if ressource.fichier else "",
            "fichier_taille": ressource.fichier_taille,  # stored at upload: the page never asks storage
            "ressource_json_ld": _json_ld(request, ressource),
            "partage": partage(
                request, ressource.titre, ressource.resume[:300], ressource.image, ressource.image_texte_alternatif
            ),
        },
    )
    return sans_cache_si(est_un_apercu, reponse)


# The schema.org types a search engine knows better than CreativeWork.
TYPES_SCHEMA_ORG = {TypeRessource.ETUDE: "Report", TypeRessource.ACTES: "Report"}


def _json_ld(request, ressource):
    auteurs = [organisation(request, centre) for centre in ressource.centres.all()]
    if ressource.collective:
        auteurs.append(reseau_national(request))
    return json_ld.document(
        TYPES_SCHEMA_ORG.get(ressource.type, "CreativeWork"),
        name=ressource.titre,
        image=json_ld.image(request, ressource.image),
        url=request.build_absolute_uri(ressource.get_absolute_url()),
        genre=ressource.get_type_display(),
        inLanguage="fr",
        author=auteurs,
        keywords=[theme.nom for theme in ressource.themes.all()],
        abstract=ressource.resume,
        datePublished=ressource.date_publication.isoformat() if ressource.date_publication else "",
        associatedMedia={
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(ressource.adresse_du_fichier) if ressource.fichier else "",
        },
    )


def fichier(request, slug):
    """The document of a published ressource (or, for whoever may read the draft in the admin, of a draft):
    never at an address that outlives its publication. Behind nginx the bytes go through X-Accel-Redirect."""
    toutes = Ressource.objects.only("pk", "slug", "statut", "fichier")
    ressource, est_un_apercu = publie_ou_apercu(request, toutes.publiees(), toutes, slug=slug)
    if not ressource.fichier:
        raise Http404("Cette ressource n'a pas de fichier.")
    nom = PurePath(ressource.fichier.name).name
    type_mime = TYPES.get(PurePath(nom).suffix.lower(), ("", "application/octet-stream"))[1]
    stockage = ressource.fichier.storage
    if not est_local(stockage):
        # Object storage: a signed address valid a few minutes, never cached, with the document's own name.
        adresse = stockage.url(
            ressource.fichier.name, parameters={"ResponseContentDisposition": content_disposition_header(True, nom)}
        )
        reponse = HttpResponseRedirect(adresse)
        reponse["Cache-Control"] = "private, no-store"
        return reponse
    if settings.DOCUMENTS_X_ACCEL_REDIRECT:
        reponse = HttpResponse(content_type=type_mime)
        reponse["X-Accel-Redirect"] = settings.DOCUMENTS_X_ACCEL_REDIRECT + quote(ressource.fichier.name)
        reponse["Content-Disposition"] = content_disposition_header(True, nom)
    else:
        try:
            contenu = ressource.fichier.storage.open(ressource.fichier.name, "rb")
        except OSError:
            journal.error("Document %s introuvable pour la ressource %s", ressource.fichier.name, slug)
            raise Http404("Le document est momentanément indisponible.") from None
        reponse = FileResponse(contenu, as_attachment=True, filename=nom, content_type=type_mime)
    return sans_cache_si(est_un_apercu, reponse)
