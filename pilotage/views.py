from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from centres.carte import carte_france
from centres.couverture import (
    EtatCouverture,
    chiffres_cles,
    couverture_par_departement,
    couverture_par_region,
    territoires_non_couverts,
)
from centres.enums import Evaluation, StatutLabel
from centres.labels import MOIS_DE_PREAVIS, jours_restants, vigilance
from centres.models import Centre, Label
from commun.exports import reponse_csv

from .filters import CentreLabelFilter

PERMISSION = "centres.voir_pilotage"

COLONNES_LABELS = [
    ("centre", "nom du centre"),
    ("sigle", "sigle"),
    ("regions", "région(s) couvertes, séparées par des virgules"),
    ("statut", "statut de la décision de label courante (vide : aucune décision)"),
    ("actif", "oui si le label est actif aujourd'hui (labellisé ou en renouvellement, non expiré)"),
    ("accorde_le", "date d'attribution, AAAA-MM-JJ"),
    ("expire_le", "date d'expiration, AAAA-MM-JJ"),
    ("jours_restants", "jours avant l'expiration (négatif : expiré)"),
    ("evaluation_animation", "évaluation de la mission « animation »"),
    ("evaluation_montee_en_competences", "évaluation de la mission « montée en compétences des acteurs »"),
    ("evaluation_capitalisation", "évaluation de la mission « capitalisation »"),
    ("vigilance", "motifs de vigilance, séparés par des points-virgules"),
]
COLONNES_COUVERTURE = [
    ("code_departement", "code INSEE du département ou de la collectivité"),
    ("departement", "nom"),
    ("code_region", "code INSEE de la région (vide pour 978 et 987)"),
    ("region", "nom de la région"),
    ("qpv", "nombre de quartiers prioritaires"),
    ("annee_geographie", "année de la géographie prioritaire"),
    ("couvert", "oui si au moins un centre au label actif y intervient"),
    ("centres", "centres qui y interviennent, séparés par des virgules"),
]


@dataclass
class LigneLabel:
    centre: Centre
    label: Label | None
    actif: bool
    jours_restants: int | None
    vigilance: object

    @property
    def statut_libelle(self):
        return StatutLabel(self.centre.label_statut).label if self.centre.label_statut else "aucune décision"


def lignes_labels(queryset, aujourd_hui):
    centres = list(queryset)
    labels = Label.objects.in_bulk([centre.label_courant_id for centre in centres if centre.label_courant_id])
    # The same rule as the coverage: a label is active when the centre is in labellises().
    actifs = set(Centre.objects.labellises(aujourd_hui).values_list("pk", flat=True))
    lignes = [
        LigneLabel(
            centre=centre,
            label=labels.get(centre.label_courant_id),
            actif=centre.pk in actifs,
            jours_restants=jours_restants(centre.label_date_expiration, aujourd_hui),
            vigilance=vigilance(
                centre.label_statut, centre.label_date_attribution, centre.label_date_expiration, aujourd_hui
            ),
        )
        for centre in centres
    ]
    return lignes


def _filtre_et_lignes(request, aujourd_hui):
    filtre = CentreLabelFilter(request.GET or None, queryset=Centre.objects.avec_label_courant().avec_territoire())
    lignes = lignes_labels(filtre.qs, aujourd_hui)
    if not (filtre.is_bound and filtre.form.is_valid() and filtre.form.cleaned_data.get("tri")):
        lignes.sort(
            key=lambda ligne: (ligne.vigilance.niveau, ligne.jours_restants is None, ligne.jours_restants or 0)
        )
    return filtre, lignes


def _carte_departements(lignes):
    par_code = {ligne.departement.code: ligne for ligne in lignes}

    def decrire(niveau, code):
        ligne = par_code.get(code)
        if ligne is None:  # an outline the database has no row for
            return code, f"#departement-{code}", EtatCouverture.NON_COUVERT, f"{code} : absent des données"
        departement = ligne.departement
        etat = EtatCouverture.COUVERT if ligne.couvert else EtatCouverture.NON_COUVERT
        suite = "couvert" if ligne.couvert else "non couvert"
        libelle = f"{departement.nom} ({code}) : {departement.nombre_qpv} QPV, {suite}"
        return f"{departement.nom} ({code})", f"#departement-{code}", etat, libelle

    return carte_france(
        "departements",
        decrire,
        identifiant="carte-couverture",
        titre="Couverture des départements par un centre labellisé",
        description="Chaque département est un lien vers sa ligne du tableau de couverture.",
        legende=((EtatCouverture.COUVERT, "couvert"), (EtatCouverture.NON_COUVERT, "non couvert")),
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
def tableau_de_bord(request):
    aujourd_hui = timezone.localdate()
    filtre, lignes = _filtre_et_lignes(request, aujourd_hui)
    departements = couverture_par_departement(aujourd_hui)
    return render(
        request,
        "pilotage/tableau_de_bord.html",
        {
            "rubrique": "pilotage",
            "noindex": True,
            "aujourd_hui": aujourd_hui,
            "filtre": filtre,
            "lignes": lignes,
            "a_surveiller": sum(1 for ligne in lignes if ligne.vigilance.a_surveiller),
            "mois_de_preavis": MOIS_DE_PREAVIS,
            "chiffres": chiffres_cles(aujourd_hui),
            "regions": couverture_par_region(departements),
            "departements": departements,
            "non_couverts": territoires_non_couverts(departements),
            "carte": _carte_departements(departements),
            "colonnes_labels": COLONNES_LABELS,
            "colonnes_couverture": COLONNES_COUVERTURE,
            "evaluations": Evaluation,
        },
    )


def _date(valeur):
    return valeur.isoformat() if valeur else ""


@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_labels(request):
    aujourd_hui = timezone.localdate()
    _, lignes = _filtre_et_lignes(request, aujourd_hui)
    rangees = []
    for ligne in lignes:
        label = ligne.label
        rangees.append(
            [
                ligne.centre.nom,
                ligne.centre.sigle,
                ", ".join(region.nom for region in ligne.centre.regions),
                ligne.statut_libelle if label else "",
                "oui" if ligne.actif else "non",
                _date(label.date_attribution if label else None),
                _date(label.date_expiration if label else None),
                "" if ligne.jours_restants is None else ligne.jours_restants,
                label.get_evaluation_animation_display() if label else "",
                label.get_evaluation_montee_en_competences_display() if label else "",
                label.get_evaluation_capitalisation_display() if label else "",
                "; ".join(ligne.vigilance.motifs),
            ]
        )
    return reponse_csv(f"crpv-labels-{aujourd_hui.isoformat()}.csv", COLONNES_LABELS, rangees)


@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_couverture(request):
    aujourd_hui = timezone.localdate()
    rangees = [
        [
            ligne.departement.code,
            ligne.departement.nom,
            ligne.departement.region_id or "",
            ligne.departement.region.nom if ligne.departement.region else "",
            ligne.departement.nombre_qpv,
            ligne.departement.annee_geographie_qpv or "",
            "oui" if ligne.couvert else "non",
            ", ".join(centre.nom for centre in ligne.centres),
        ]
        for ligne in couverture_par_departement(aujourd_hui)
    ]
    return reponse_csv(f"crpv-couverture-{aujourd_hui.isoformat()}.csv", COLONNES_COUVERTURE, rangees)
