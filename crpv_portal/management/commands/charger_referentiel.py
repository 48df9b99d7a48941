"""Load the data the portal starts with (fixtures/referentiel/), as often as one likes.

Each app owns its loader (``centres.chargement``, ``ressources.chargement``, ``evenements.chargement``);
this command only calls them in the order their references need, each in its own transaction, and
says per source what it did. What staff edited or deleted on the portal stays as they left it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from centres import chargement as chargement_centres
from evenements import chargement as chargement_evenements
from ressources import chargement as chargement_ressources


def raison(erreur):
    """Why a whole source could not be loaded, in French."""
    if isinstance(erreur, OSError):
        return f"fichier absent ou illisible : {erreur.filename or erreur}"
    if isinstance(erreur, KeyError):
        return f"colonne absente du fichier : {erreur}"
    if isinstance(erreur, DatabaseError):
        return f"la base de données a refusé l'écriture : {erreur}"
    return f"valeur illisible : {erreur}"


class Command(BaseCommand):
    help = "Charge les territoires, les centres, les thèmes et les rencontres de fixtures/referentiel/ (sans doublon)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sans-communes",
            action="store_true",
            help="ne (re)charge pas les 35 000 communes (rechargement rapide, tests)",
        )

    def handle(self, *args, sans_communes=False, **options):
        etapes = [
            ("centres et territoires", lambda: chargement_centres.charger(communes=not sans_communes)),
            ("ressources", chargement_ressources.charger),
            ("événements", chargement_evenements.charger),
        ]
        echecs = []
        for nom, charger in etapes:
            try:
                with transaction.atomic():
                    bilans = charger()
            except (OSError, DatabaseError, KeyError, ValueError) as erreur:
                echecs.append(f"{nom} : chargement interrompu, rien n'a été modifié ({raison(erreur)})")
                continue
            for bilan in bilans:
                self.stdout.write(str(bilan))
                echecs.extend(bilan.refus)
        for echec in echecs:
            self.stderr.write(echec)
        if echecs:
            raise CommandError(f"{len(echecs)} problème(s) : voir ci-dessus. Le reste des données est chargé.")
        self.stdout.write(self.style.SUCCESS("Données de référence à jour."))
