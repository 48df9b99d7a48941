"""Load the territories and the centres of fixtures/referentiel/ (see fixtures/SOURCES.md).

Regions, départements and centres go through ``commun.referentiel.synchroniser``: found again by their key in
the source, never overwriting what was edited on the portal, never recreating what was deleted. The
35,000 communes and the 1,584 quartiers prioritaires are the State's reference, not edited on the portal:
they are brought in line in bulk.
"""

import functools

from commun.referentiel import Bilan, lire_csv, synchroniser
from commun.texte import forme_de_nom_de_lieu

from .enums import StatutLabel, TypeTerritoire
from .models import Centre, Commune, Departement, Label, Quartier, Region
from .telephone import normaliser

ANNEE_GEOGRAPHIE_QPV = 2024


@functools.cache
def lignes_communes():
    """The rows of communes.csv, read once per process (the centres and the events both need them)."""
    return lire_csv("communes.csv")


def departements_par_ville():
    """{commune name: {codes of the départements that have a commune of that name}}."""
    resultat = {}
    for ligne in lignes_communes():
        resultat.setdefault(ligne["nom"], set()).add(ligne["departement"])
    return resultat


def charger(communes=True):
    """Every source of the app, in the order their references need; a ``Bilan`` per source."""
    bilans = [charger_regions(), charger_departements()]
    if communes:
        bilans.append(charger_communes())
    bilans.append(charger_quartiers())
    bilans.append(charger_centres())
    return bilans


def communes_fusionnees():
    """{former INSEE code: (former name, code of the commune it merged into)}, from communes_fusionnees.csv."""
    return {
        ligne["ancien_code"]: (ligne["ancien_nom"], ligne["code_actuel"])
        for ligne in lire_csv("communes_fusionnees.csv")
    }


def charger_regions():
    lignes = (
        (ligne["code"], {"code": ligne["code"], "nom": ligne["nom"], "outre_mer": ligne["outre_mer"] == "1"})
        for ligne in lire_csv("regions.csv")
    )
    return synchroniser(Region, "regions.csv", lignes, adopter_par="code")


def charger_departements():
    lignes = (
        (
            ligne["code"],
            {
                "code": ligne["code"],
                "nom": ligne["nom"],
                "region_id": ligne["region"] or None,
                "outre_mer": ligne["outre_mer"] == "1",
                "type": TypeTerritoire(ligne["type"]),
                "nombre_qpv": int(ligne["qpv_2024"]),
                "annee_geographie_qpv": ANNEE_GEOGRAPHIE_QPV,
            },
        )
        for ligne in lire_csv("departements.csv")
    )
    return synchroniser(Departement, "departements.csv", lignes, adopter_par="code")


def charger_communes():
    """Upsert the communes of the territories the portal knows (the others hold no QPV)."""
    connus = set(Departement.objects.values_list("pk", flat=True))
    anciens_noms = {}
    for ancien_nom, code_actuel in communes_fusionnees().values():
        anciens_noms.setdefault(code_actuel, []).append(ancien_nom)
    avant = Commune.objects.count()
    communes = [
        Commune(
            code=ligne["insee"],
            nom=ligne["nom"],
            nom_normalise=forme_de_nom_de_lieu(ligne["nom"]),
            departement_id=ligne["departement"],
            codes_postaux=" ".join(ligne["codes_postaux"].replace(";", " ").split()),
            anciens_noms=", ".join(anciens_noms.get(ligne["insee"], [])),
            anciens_noms_normalises="".join(
                f"|{forme_de_nom_de_lieu(nom)}|" for nom in anciens_noms.get(ligne["insee"], [])
            ),
        )
        for ligne in lignes_communes()
        if ligne["departement"] in connus
    ]
    Commune.objects.bulk_create(
        communes,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "nom",
            "nom_normalise",
            "departement",
            "codes_postaux",
            "anciens_noms",
            "anciens_noms_normalises",
        ],
    )
    crees = Commune.objects.count() - avant
    return Bilan("communes.csv", crees=crees, inchanges=len(communes) - crees)


def charger_quartiers(annee=ANNEE_GEOGRAPHIE_QPV):
    """The quartiers of qpv.csv and the communes they lie in, a merged commune replaced by the one it joined.

    A link to a commune that is not in the database (``--sans-communes``) is left out until the communes are.
    """
    lignes = lire_csv("qpv.csv")
    fusions = communes_fusionnees()
    avant = Quartier.objects.count()
    Quartier.objects.bulk_create(
        [
            Quartier(
                code=ligne["code"],
                nom=ligne["nom"],
                nom_normalise=forme_de_nom_de_lieu(ligne["nom"]),
                departement_id=ligne["departement"],
                annee_geographie=annee,
            )
            for ligne in lignes
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["nom", "nom_normalise", "departement", "annee_geographie"],
    )
    Lien = Quartier.communes.through
    communes = set(Commune.objects.values_list("pk", flat=True))
    voulus = {
        (ligne["code"], fusions.get(code, (None, code))[1]) for ligne in lignes for code in ligne["communes"].split()
    }
    voulus = {(quartier, commune) for quartier, commune in voulus if commune in communes}
    existants = set(Lien.objects.values_list("quartier_id", "commune_id"))
    Lien.objects.bulk_create(
        [Lien(quartier_id=quartier, commune_id=commune) for quartier, commune in voulus - existants], batch_size=2000
    )
    en_trop = existants - voulus
    for quartier, commune in en_trop:
        Lien.objects.filter(quartier_id=quartier, commune_id=commune).delete()
    crees = Quartier.objects.count() - avant
    return Bilan("qpv.csv", crees=crees, inchanges=len(lignes) - crees)


def charger_centres():
    """The centres of the network's leaflet; each new one gets its first label decision (labelled, dates unknown)."""
    lignes = (
        (
            ligne["slug"],
            {
                "nom": ligne["nom"],
                "sigle": ligne["sigle"],
                "slug": ligne["slug"],
                "ville": ligne["ville"],
                "forme_juridique": ligne["forme_juridique"],
                "annee_creation": int(ligne["annee_creation"]) if ligne["annee_creation"] else None,
                "telephone": normaliser(ligne["telephone"]),
                "site_web": ligne["site_web"],
                "email": ligne["email"],
                "departements": ligne["departements"].split(),
            },
        )
        for ligne in lire_csv("centres.csv")
    )
    return synchroniser(
        Centre,
        "centres.csv",
        lignes,
        adopter_par="slug",
        apres_creation=lambda centre: Label.objects.create(centre=centre, statut=StatutLabel.LABELLISE),
    )
