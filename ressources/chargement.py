"""Load the themes and the network's reference documents of fixtures/referentiel/ (see fixtures/SOURCES.md).

Rows are found again by their ``slug`` column, the key of the source, whatever address staff give
them on the portal; edits and deletions made on the portal stay (``commun.referentiel.synchroniser``).
"""

import datetime

from commun.enums import Statut
from commun.referentiel import lire_csv, synchroniser

from .enums import TypeRessource
from .models import Ressource, Theme


def charger():
    return [charger_themes(), charger_documents_de_reference()]


def charger_themes():
    lignes = ((ligne["slug"], {"nom": ligne["nom"], "slug": ligne["slug"]}) for ligne in lire_csv("themes.csv"))
    return synchroniser(Theme, "themes.csv", lignes, adopter_par="slug")


def charger_documents_de_reference():
    """The cadre de référence and the charte partenariale: collective ressources of the network, published."""
    lignes = (
        (
            ligne["slug"],
            {
                "titre": ligne["titre"],
                "slug": ligne["slug"],
                "type": TypeRessource(ligne["type"]),
                "date_publication": datetime.date.fromisoformat(ligne["date_publication"])
                if ligne["date_publication"]
                else None,
                "resume": ligne["resume"],
                "lien_externe": ligne["lien_externe"],
                "collective": True,
                "statut": Statut.PUBLIE,
            },
        )
        for ligne in lire_csv("ressources.csv")
    )
    return synchroniser(Ressource, "ressources.csv", lignes, adopter_par="slug")
