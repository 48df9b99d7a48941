"""Load the network's national meetings of fixtures/referentiel/rencontres.csv (see fixtures/SOURCES.md).

Each row is found again by its ``cle`` column; what staff edit or delete on the portal stays so
(``commun.referentiel.synchroniser``). Times of day are not known: the meetings are all-day events.
"""

import datetime

from django.utils.text import slugify

from centres.chargement import departements_par_ville
from commun.enums import Statut
from commun.referentiel import lire_csv, synchroniser

from .enums import TypeEvenement
from .models import Evenement


def charger():
    return [charger_rencontres()]


def charger_rencontres():
    villes = departements_par_ville()

    def valeurs(ligne):
        debut = datetime.date.fromisoformat(ligne["date_debut"])
        departements = villes.get(ligne["ville"], set())
        return {
            "titre": ligne["intitule"],
            "slug": f"{debut.year}-{slugify(ligne['intitule'])}"[:100].rstrip("-"),
            "type": TypeEvenement.RENCONTRE_NATIONALE if ligne["numero"] else TypeEvenement.AUTRE,
            "numero_edition": int(ligne["numero"]) if ligne["numero"] else None,
            "date_debut": debut,
            "date_fin": datetime.date.fromisoformat(ligne["date_fin"]),
            "ville": ligne["ville"],
            # Only when the city's name designates a single commune.
            "departement_id": next(iter(departements)) if len(departements) == 1 else None,
            "national": True,
            "description": ligne["description"],
            "statut": Statut.PUBLIE,
        }

    lignes = ((ligne["cle"], valeurs(ligne)) for ligne in lire_csv("rencontres.csv"))
    return synchroniser(Evenement, "rencontres.csv", lignes, adopter_par="slug")
