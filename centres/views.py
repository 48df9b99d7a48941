from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from commun import json_ld
from commun.cache import selon_le_contenu
from commun.filtres import filtres_actifs
from commun.pagination import paginer
from commun.partage import partage

from .blocs import BLOCS_DU_CENTRE
from .carte import carte_departements
from .couverture import carte_couverture_regions, centres_par_departement
from .enums import StatutLabel
from .filters import CentreFilter, QuartierFilter
from .models import Centre, Commune, Departement, Quartier
from .telephone import uri


def _aide_departement_sans_centre(filtre):
    """For a département no centre covers: the region's centres, if any (else the template points to /reseau/)."""
    if not filtre.is_bound or not filtre.form.is_valid():
        return None
    departement = filtre.form.cleaned_data.get("departement")
    if departement is None or Centre.objects.publics().couvrant(departement.code).exists():
        return None
    voisins = []
    if departement.region_id:
        voisins = list(Centre.objects.publics().dans_region(departement.region_id))
    return {"departement": departement, "centres": voisins}


def _lieux_reconnus(filtre):
    """The communes (with their quartiers) and the quartiers a search names, so the page can say where it looked."""
    if not filtre.is_bound or not filtre.form.is_valid() or not filtre.form.cleaned_data.get("q"):
        return [], []
    texte = filtre.form.cleaned_data["q"]
    communes = Commune.objects.correspondant(texte).select_related("departement").prefetch_related("quartiers")
    quartiers = Quartier.objects.nommes(texte).select_related("departement")
    return list(communes[:6]), list(quartiers[:6])


def centre_list(request):
    filtre = CentreFilter(request.GET or None, queryset=Centre.objects.publics().par_nom().en_tuiles())
    centres = list(filtre.qs)
    communes, quartiers = _lieux_reconnus(filtre)
    return render(
        request,
        "centres/centre_list.html",
        {
            "rubrique": "centres",
            "filtre": filtre,
            "centres": centres,
            "filtres_actifs": filtres_actifs(request, filtre, libelles={"outre_mer": "Outre-mer"}),
            "aide": _aide_departement_sans_centre(filtre),
            "communes": communes,
            "quartiers": quartiers,
            "carte": selon_le_contenu("carte_couverture_regions", carte_couverture_regions),
        },
    )


def _carte_du_territoire(centre):
    return _carte_dans_la_region(
        list(centre.departements.all()),
        lambda code: f"{reverse('centres:liste')}?departement={code}",
        suites=(f"couvert par {centre.nom_court}", "hors du territoire du centre"),
        legende="territoire du centre",
        identifiant="carte-territoire",
        titre=f"Territoire de {centre.nom_court}",
        description="Les départements couverts par le centre sont en couleur foncée.",
    )


def centre_detail(request, slug):
    centre = get_object_or_404(Centre.objects.publics().en_tuiles(), slug=slug)
    return render(
        request,
        "centres/centre_detail.html",
        {
            "rubrique": "centres",
            "centre": centre,
            "contacts": centre.contacts.filter(public=True),
            "carte": _carte_du_territoire(centre),
            "nombre_qpv": sum(departement.nombre_qpv for departement in centre.departements.all()),
            "label_statut_libelle": StatutLabel(centre.label_statut).label if centre.label_statut else "",
            "centre_json_ld": _json_ld(request, centre),
            "partage": partage(
                request,
                centre.nom,
                f"Centre de ressources Politique de la ville · {centre.territoire_libelle}",
                image=centre.logo,
                alt=f"Logo de {centre.nom_court}",
            ),
            # What the other apps show of the centre (its ressources, its events), each in its own block.
            "blocs": [bloc.rendu(centre) for bloc in BLOCS_DU_CENTRE],
        },
    )


def quartier_list(request):
    filtre = QuartierFilter(request.GET or None, queryset=Quartier.objects.en_tuiles())
    page = paginer(request, filtre.qs)
    return render(
        request,
        "centres/quartier_list.html",
        {
            "rubrique": "centres",
            "filtre": filtre,
            "page": page,
            "filtres_actifs": filtres_actifs(request, filtre),
        },
    )


def quartier_detail(request, code):
    if code != code.upper():  # « qn09336i » typed by hand: the one address of the page
        return redirect("quartiers:detail", code=code.upper(), permanent=True)
    quartier = get_object_or_404(
        Quartier.objects.select_related("departement__region").prefetch_related(
            Prefetch("communes", queryset=Commune.objects.order_by("nom"))
        ),
        code=code,
    )
    departement = quartier.departement
    centres = centres_par_departement({departement.code}).get(departement.code, [])
    voisins = (
        []
        if centres or not departement.region_id
        else list(Centre.objects.publics().dans_region(departement.region_id))
    )
    carte = _carte_dans_la_region(
        [departement],
        lambda code: f"{reverse('quartiers:liste')}?departement={code}",
        suites=(f"département du quartier {quartier.nom}", "autre département de la région"),
        legende="département du quartier",
        identifiant="carte-quartier",
        titre=f"{departement.nom} dans sa région",
        description="Le département du quartier est en couleur foncée ; chaque département mène à ses quartiers.",
    )
    return render(
        request,
        "centres/quartier_detail.html",
        {
            "rubrique": "centres",
            "quartier": quartier,
            "centres": centres,
            "voisins": voisins,
            "carte": carte,
            "partage": partage(
                request,
                f"{quartier.nom} ({quartier.code})",
                f"Quartier prioritaire de la politique de la ville, {quartier.departement.nom}",
            ),
            "quartier_json_ld": json_ld.document(
                "Place",
                name=quartier.nom,
                identifier=quartier.code,
                url=request.build_absolute_uri(quartier.get_absolute_url()),
                containedInPlace=[
                    {"@type": "AdministrativeArea", "name": commune.nom, "identifier": commune.code}
                    for commune in quartier.communes.all()
                ],
                sameAs=quartier.fiche_officielle,
            ),
        },
    )


def _carte_dans_la_region(departements, lien, *, suites, legende, identifiant, titre, description):
    """``departements`` in colour among the other départements of their region(s), in one query; each shape
    links to ``lien(code)``. None when nothing can be drawn (978 and 987 have no region and no outline)."""
    en_couleur = {departement.code: departement.nom for departement in departements}
    regions = {departement.region_id for departement in departements if departement.region_id}
    noms = dict(Departement.objects.filter(region__in=regions).values_list("code", "nom")) if regions else {}
    noms.update(en_couleur)

    def decrire(niveau, code):
        nom = f"{noms[code]} ({code})"
        ici = code in en_couleur
        return nom, lien(code), "couvert" if ici else "non-couvert", f"{nom} : {suites[0] if ici else suites[1]}"

    carte = carte_departements(
        set(noms),
        decrire,
        identifiant=identifiant,
        titre=titre,
        description=description,
        legende=(("couvert", legende), ("non-couvert", "autres départements de la région")),
    )
    return carte if any(cadre.formes for cadre in carte.cadres) else None


def organisation(request, centre):
    """A centre as the author or organiser of something, in schema.org terms."""
    return json_ld.organisation(centre.nom, request.build_absolute_uri(centre.get_absolute_url()))


def reseau_national(request):
    """The national network, as the author of collective ressources or the organiser of national meetings."""
    return json_ld.organisation(settings.NOM_DU_PORTAIL, request.build_absolute_uri(reverse("reseau")))


def _json_ld(request, centre):
    """schema.org description of the centre, for search engines."""
    return json_ld.document(
        "Organization",
        name=centre.nom,
        alternateName=centre.sigle,
        url=request.build_absolute_uri(centre.get_absolute_url()),
        areaServed=[
            {"@type": "AdministrativeArea", "name": departement.nom} for departement in centre.departements.all()
        ],
        memberOf=json_ld.organisation(settings.NOM_DU_PORTAIL),
        logo=json_ld.image(request, centre.logo),
        sameAs=centre.site_web,
        telephone=uri(centre.telephone).removeprefix("tel:") if centre.telephone else "",
        email=centre.email,
        foundingDate=str(centre.annee_creation or ""),
        address={
            "@type": "PostalAddress",
            "streetAddress": centre.adresse,
            "postalCode": centre.code_postal,
            "addressLocality": centre.ville,
            "addressCountry": "FR" if centre.ville else "",
        },
    )
