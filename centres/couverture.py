"""The network's key figures, computed from the data (never typed in)."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum
from django.urls import reverse

from commun.texte import forme_de_recherche

from .carte import carte_france
from .models import Centre, Departement, Quartier, Region


@dataclass(frozen=True)
class ChiffresAnnonces:
    """What the network says of itself, shown beside the figures the portal computes (never in their place)."""

    centres: int
    centres_outre_mer: int
    couverture: int  # per cent of the politique de la ville territories
    source: str


CHIFFRES_ANNONCES = ChiffresAnnonces(
    centres=20,
    centres_outre_mer=4,
    couverture=88,
    source=(
        "ANCT, « Retour sur la 8e rencontre nationale des centres de ressources de la politique de la ville » "
        "(2023) : « au nombre de 20 (dont 4 en outremer) […], ils couvrent 88 % des territoires politique de la "
        "ville »"
    ),
)


@dataclass(frozen=True)
class ChiffresCles:
    centres: int
    centres_outre_mer: int
    departements_couverts: int
    qpv_couverts: int
    qpv_total: int
    annee_geographie: int | None
    annonces: ChiffresAnnonces = CHIFFRES_ANNONCES

    @property
    def taux_couverture_qpv(self):
        """Share of QPV in covered départements, in per cent (None when no QPV is known)."""
        if not self.qpv_total:
            return None
        return 100 * self.qpv_couverts / self.qpv_total


def chiffres_cles(date=None):
    territoire = Departement.objects.aggregate(qpv=Sum("nombre_qpv"), annee=Max("annee_geographie_qpv"))
    couverts = Departement.objects.couverts(date).aggregate(nombre=Count("pk"), qpv=Sum("nombre_qpv"))
    return ChiffresCles(
        centres=Centre.objects.publics().count(),
        centres_outre_mer=Centre.objects.publics().outre_mer().count(),
        departements_couverts=couverts["nombre"],
        qpv_couverts=couverts["qpv"] or 0,
        qpv_total=territoire["qpv"] or 0,
        annee_geographie=territoire["annee"],
    )


@dataclass
class LigneDepartement:
    departement: Departement
    centres: list  # every centre working there, whatever its label
    couvert: bool  # at least one of them holds an active label
    quartiers: list = field(default_factory=list)  # filled for the uncovered ones (territoires_non_couverts)


def couverture_par_departement(date=None):
    """One row per département or collectivity, in code order, in three queries."""
    couverts = set(Departement.objects.couverts(date).values_list("pk", flat=True))
    centres = {}
    for paire in Centre.departements.through.objects.select_related("centre").order_by("centre__nom"):
        centres.setdefault(paire.departement_id, []).append(paire.centre)
    return [
        LigneDepartement(departement, centres.get(departement.code, []), departement.code in couverts)
        for departement in Departement.objects.select_related("region")
    ]


@dataclass
class LigneRegion:
    code: str
    nom: str
    departements: int = 0
    departements_couverts: int = 0
    qpv: int = 0
    qpv_couverts: int = 0
    centres: dict = field(default_factory=dict)

    @property
    def taux_qpv(self):
        return 100 * self.qpv_couverts / self.qpv if self.qpv else None


def couverture_par_region(lignes):
    """Rows of ``couverture_par_departement`` summed by region; the collectivities without a region last."""
    regions = {}
    for ligne in lignes:
        region = ligne.departement.region
        code, nom = (region.code, region.nom) if region else ("", "Collectivités d'outre-mer (sans région)")
        somme = regions.setdefault(code, LigneRegion(code, nom))
        somme.departements += 1
        somme.qpv += ligne.departement.nombre_qpv
        if ligne.couvert:
            somme.departements_couverts += 1
            somme.qpv_couverts += ligne.departement.nombre_qpv
        for centre in ligne.centres:
            somme.centres[centre.pk] = centre
    return sorted(regions.values(), key=lambda somme: (somme.code == "", forme_de_recherche(somme.nom)))


def centres_par_departement(codes):
    """{département code: [the labelled centres working there]} for ``codes`` (every département if None), in one
    query: « covered » as the coverage says."""
    centres = {}
    liens = Centre.departements.through.objects.filter(centre__in=Centre.objects.labellises().values("pk"))
    if codes is not None:
        liens = liens.filter(departement__in=codes)
    liens = liens.select_related("centre")
    for lien in liens.order_by("centre__nom"):
        centres.setdefault(lien.departement_id, []).append(lien.centre)
    return centres


def territoires_non_couverts(lignes):
    """Départements and collectivities with QPV that no labelled centre covers, largest first, each with its
    ``quartiers`` (one more query): the same rule as the coverage figure."""
    non_couverts = sorted(
        (ligne for ligne in lignes if not ligne.couvert and ligne.departement.nombre_qpv),
        key=lambda ligne: (-ligne.departement.nombre_qpv, ligne.departement.code),
    )
    quartiers = {}
    codes = [ligne.departement.code for ligne in non_couverts]
    for quartier in Quartier.objects.filter(departement__in=codes).order_by("nom", "code"):
        quartiers.setdefault(quartier.departement_id, []).append(quartier)
    for ligne in non_couverts:
        ligne.quartiers = quartiers.get(ligne.departement.code, [])
    return non_couverts


class EtatCouverture:
    COUVERT = "couvert"
    PARTIEL = "partiel"
    NON_COUVERT = "non-couvert"


def _pluriel(nombre, singulier, pluriel):
    return f"{nombre} {singulier if nombre == 1 else pluriel}"


def carte_couverture_regions(date=None):
    """The national map by région (Île-de-France by département), shaded by coverage, linked to the directory."""
    departements = {departement.code: departement for departement in Departement.objects.all()}
    couverts = set(Departement.objects.couverts(date).values_list("pk", flat=True))
    centres_par_departement, centres_par_region = {}, {}
    paires = Centre.departements.through.objects.values_list("departement_id", "departement__region_id", "centre_id")
    for departement, region, centre in paires:
        centres_par_departement.setdefault(departement, set()).add(centre)
        centres_par_region.setdefault(region, set()).add(centre)
    noms_regions = dict(Region.objects.values_list("code", "nom"))
    liste = reverse("centres:liste")

    def decrire(niveau, code):
        if niveau == "regions":
            siens = [d for d in departements.values() if d.region_id == code]
            nb_couverts = sum(1 for d in siens if d.code in couverts)
            etat = (
                EtatCouverture.COUVERT
                if siens and nb_couverts == len(siens)
                else EtatCouverture.PARTIEL
                if nb_couverts
                else EtatCouverture.NON_COUVERT
            )
            nombre = len(centres_par_region.get(code, ()))
            nom = noms_regions.get(code, code)
            compte = _pluriel(nombre, "centre", "centres") if nombre else "aucun centre"
            return nom, f"{liste}?region={code}", etat, f"{nom} : {compte}"
        departement = departements.get(code)
        nom = departement.nom if departement else code
        etat = EtatCouverture.COUVERT if code in couverts else EtatCouverture.NON_COUVERT
        nombre = len(centres_par_departement.get(code, ()))
        compte = _pluriel(nombre, "centre", "centres") if nombre else "aucun centre"
        return f"{nom} ({code})", f"{liste}?departement={code}", etat, f"{nom} ({code}) : {compte}"

    return carte_france(
        "regions",
        decrire,
        identifiant="carte-france",
        titre="Carte des centres de ressources par région",
        description=(
            "Chaque région est un lien vers ses centres. Couleur foncée : territoire entièrement couvert ; "
            "claire : en partie ; grise : aucun centre. L'Île-de-France, où les centres sont départementaux, "
            "et les cinq départements d'outre-mer figurent en encarts."
        ),
        legende=(
            (EtatCouverture.COUVERT, "entièrement couvert"),
            (EtatCouverture.PARTIEL, "en partie"),
            (EtatCouverture.NON_COUVERT, "aucun centre"),
        ),
    )
