"""Demonstration data, clearly marked, deterministic for a seed, in any amount.

Each app generates its own (``ressources.demo``, ``evenements.demo``): rows flagged ``demonstration``
with titles « [Démo] ». ``--supprimer`` removes exactly those rows, whatever their address: a real
ressource whose slug happens to start with « demo- » stays. ``make run`` never loads them; ``make demo``
loads a small set.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from centres.models import Centre
from evenements import demo as demo_evenements
from ressources import demo as demo_ressources
from ressources.models import Theme


class Command(BaseCommand):
    help = "Génère des données de démonstration (titres « [Démo] »), reproductibles pour une graine donnée."

    def add_arguments(self, parser):
        parser.add_argument("--ressources", type=int, default=0, help="nombre de ressources à générer")
        parser.add_argument("--evenements", type=int, default=0, help="nombre d'événements à générer")
        parser.add_argument("--graine", type=int, default=1, help="graine du générateur (même graine, mêmes données)")
        parser.add_argument("--supprimer", action="store_true", help="supprime d'abord les données de démonstration")

    @transaction.atomic
    def handle(self, *args, ressources, evenements, graine, supprimer, **options):
        if ressources < 0 or evenements < 0:
            raise CommandError("Les nombres de ressources et d'événements doivent être positifs.")
        if supprimer:
            r = demo_ressources.supprimer()
            e = demo_evenements.supprimer()
            self.stdout.write(f"Supprimé : {r} lignes de ressources, {e} lignes d'événements de démonstration.")
        centres = list(Centre.objects.order_by("slug"))
        if (ressources or evenements) and not centres:
            raise CommandError("Aucun centre : lancez d'abord « manage.py charger_referentiel ».")
        hasard = random.Random(graine)
        if ressources:
            demo_ressources.generer(hasard, ressources, centres, list(Theme.objects.order_by("slug")), graine)
        if evenements:
            demo_evenements.generer(hasard, evenements, centres, graine)
        self.stdout.write(self.style.SUCCESS(f"{ressources} ressources et {evenements} événements générés."))
