from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from commun import json_ld
from commun.filtres import filtres_actifs

from .blocs import BLOCS_DU_CENTRE
from .carte import carte_departements
from .couverture import carte_couverture_regions
from .enums import StatutLabel
from .filters import CentreFilter
from .models import Centre, Commune, Contact, Departement
from .telephone import uri


def _aide_departement_sans_centre(filtre):
    """For a département no centre covers: the region's centres, if any (else the template points to /reseau/)."""
    if not filtre.is_bound or not filtre.form.is_valid():
        return None
    departement = filtre.form.cleaned_data.get("departement")
    if departement is None or Centre.objects.couvrant(departement.code).exists():
        return None
    voisins = []
    if departement.region_id:
        voisins = list(Centre.objects.dans_region(departement.region_id))
    return {"departement": departement, "centres": voisins}


def _communes_reconnues(filtre):
    """The communes a search names, so the page can say which département it looked in."""
    if not filtre.is_bound or not filtre.form.is_valid() or not filtre.form.cleaned_data.get("q"):
        return []
    return list(Commune.objects.correspondant(filtre.form.cleaned_data["q"]).select_related("departement")[:6])


def centre_list(request):
    filtre = CentreFilter(
        request.GET or None, queryset=Centre.objects.avec_label_courant().avec_territoire().par_nom()
    )
    centres = list(filtre.qs)
    return render(
        request,
        "centres/centre_list.html",
        {
            "rubrique": "centres",
            "filtre": filtre,
            "centres": centres,
            "filtres_actifs": filtres_actifs(request, filtre, libelles={"outre_mer": "Outre-mer"}),
            "aide": _aide_departement_sans_centre(filtre),
            "communes": _communes_reconnues(filtre),
            "carte": carte_couverture_regions(),
        },
    )


def centre_detail(request, slug):
    centre = get_object_or_404(
        Centre.objects.avec_label_courant()
        .avec_territoire()
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.filter(public=True), to_attr="contacts_publics")
        ),
        slug=slug,
    )
    territoire = {departement.code for departement in centre.departements.all()}
    regions = {departement.region_id for departement in centre.departements.all() if departement.region_id}
    contexte = list(Departement.objects.filter(region__in=regions)) if regions else []
    contexte_codes = {departement.code for departement in contexte} | territoire
    noms = {departement.code: departement.nom for departement in [*contexte, *centre.departements.all()]}
    liste = reverse("centres:liste")

    def decrire(niveau, code):
        couvert = code in territoire
        etat = "couvert" if couvert else "non-couvert"
        suite = f"couvert par {centre.nom_court}" if couvert else "hors du territoire du centre"
        return f"{noms[code]} ({code})", f"{liste}?departement={code}", etat, f"{noms[code]} ({code}) : {suite}"

    carte = carte_departements(
        contexte_codes,
        decrire,
        identifiant="carte-territoire",
        titre=f"Territoire de {centre.nom_court}",
        description="Les départements couverts par le centre sont en couleur foncée.",
        legende=(("couvert", "territoire du centre"), ("non-couvert", "autres départements de la région")),
    )
    return render(
        request,
        "centres/centre_detail.html",
        {
            "rubrique": "centres",
            "centre": centre,
            "carte": carte,
            "label_statut_libelle": StatutLabel(centre.label_statut).label if centre.label_statut else "",
            "centre_json_ld": _json_ld(request, centre),
            # What the other apps show of the centre (its ressources, its events), each in its own block.
            "blocs": [bloc.rendu(centre) for bloc in BLOCS_DU_CENTRE],
        },
    )


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
