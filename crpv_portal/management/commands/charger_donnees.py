"""Load the reference data of fixtures/sources/ into the database, idempotently.

Territories (regions, départements, QPV counts) are reference data: they are brought in line
with the sources at every run. Centres are created when missing and then belong to their staff:
a later run never overwrites what a centre edited, and never duplicates anything.
"""

import csv
import datetime
import functools

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from centres.enums import StatutLabel, TypeTerritoire
from centres.models import Centre, Commune, Departement, Label, Region
from centres.telephone import normaliser
from crpv_portal.texte import forme_de_recherche
from evenements.enums import TypeEvenement
from evenements.models import Evenement
from ressources.enums import Statut, TypeRessource
from ressources.models import Ressource, Theme

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
ANNEE_GEOGRAPHIE_QPV = 2024


def lire_csv(nom):
    with open(SOURCES / nom, encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


class Command(BaseCommand):
    help = "Charge les régions, départements et centres de fixtures/sources/ (sans rien dupliquer)."

    @functools.cached_property
    def communes(self):
        """The 35,000 rows of communes.csv, read once per run."""
        return lire_csv("communes.csv")

    def add_arguments(self, parser):
        parser.add_argument(
            "--sans-communes",
            action="store_true",
            help="ne (re)charge pas les 35 000 communes (rechargement rapide, tests)",
        )

    @transaction.atomic
    def handle(self, *args, sans_communes=False, **options):
        regions = self.charger_territoires()
        if not sans_communes:
            self.charger_communes()
        centres_crees = self.charger_centres()
        evenements_crees = self.charger_rencontres()
        ressources_creees = self.charger_ressources()
        self.stdout.write(
            self.style.SUCCESS(
                f"{regions} régions, {Departement.objects.count()} départements et collectivités, "
                f"{Commune.objects.count()} communes, "
                f"{Centre.objects.count()} centres ({centres_crees} créés à ce passage), "
                f"{Evenement.objects.count()} rencontres du réseau ({evenements_crees} créées à ce passage), "
                f"{Theme.objects.count()} thèmes, {ressources_creees} documents de référence créés à ce passage."
            )
        )

    def charger_territoires(self):
        lignes = lire_csv("regions.csv")
        for ligne in lignes:
            Region.objects.update_or_create(
                code=ligne["code"], defaults={"nom": ligne["nom"], "outre_mer": ligne["outre_mer"] == "1"}
            )
        for ligne in lire_csv("departements.csv"):
            Departement.objects.update_or_create(
                code=ligne["code"],
                defaults={
                    "nom": ligne["nom"],
                    "region_id": ligne["region"] or None,
                    "outre_mer": ligne["outre_mer"] == "1",
                    "type": TypeTerritoire(ligne["type"]),
                    "nombre_qpv": int(ligne["qpv_2024"]),
                    "annee_geographie_qpv": ANNEE_GEOGRAPHIE_QPV,
                },
            )
        return len(lignes)

    def charger_communes(self):
        connus = set(Departement.objects.values_list("pk", flat=True))
        communes = [
            Commune(
                code=ligne["insee"],
                nom=ligne["nom"],
                nom_normalise=forme_de_recherche(ligne["nom"]).replace("-", " ").replace("saint ", "st "),
                departement_id=ligne["departement"],
                codes_postaux=" ".join(ligne["codes_postaux"].replace(";", " ").split()),
            )
            for ligne in self.communes
            if ligne["departement"] in connus
        ]
        Commune.objects.bulk_create(
            communes,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["nom", "nom_normalise", "departement", "codes_postaux"],
        )

    def charger_centres(self):
        crees = 0
        for ligne in lire_csv("centres.csv"):
            centre, cree = Centre.objects.get_or_create(
                slug=ligne["slug"],
                defaults={
                    "nom": ligne["nom"],
                    "sigle": ligne["sigle"],
                    "ville": ligne["ville"],
                    "forme_juridique": ligne["forme_juridique"],
                    "annee_creation": int(ligne["annee_creation"]) if ligne["annee_creation"] else None,
                    "telephone": normaliser(ligne["telephone"]),
                    "site_web": ligne["site_web"],
                    "email": ligne["email"],
                },
            )
            if not cree:
                continue
            crees += 1
            centre.full_clean()
            centre.departements.set(ligne["departements"].split())
            # Every centre of the leaflet is labelled by the State; the dates are not public.
            Label.objects.create(centre=centre, statut=StatutLabel.LABELLISE)
        return crees

    def charger_rencontres(self):
        """The network's national meetings: all-day events (times are not known), nothing invented."""
        departement_par_ville = {}
        for commune in self.communes:
            departement_par_ville.setdefault(commune["nom"], set()).add(commune["departement"])
        crees = 0
        for ligne in lire_csv("rencontres.csv"):
            debut = datetime.date.fromisoformat(ligne["date_debut"])
            departements = departement_par_ville.get(ligne["ville"], set())
            _, cree = Evenement.objects.get_or_create(
                slug=f"{debut.year}-{slugify(ligne['intitule'])}"[:100].rstrip("-"),
                defaults={
                    "titre": ligne["intitule"],
                    "type": TypeEvenement.RENCONTRE_NATIONALE if ligne["numero"] else TypeEvenement.AUTRE,
                    "numero_edition": int(ligne["numero"]) if ligne["numero"] else None,
                    "date_debut": debut,
                    "date_fin": datetime.date.fromisoformat(ligne["date_fin"]),
                    "ville": ligne["ville"],
                    # Only when the city's name designates a single commune.
                    "departement_id": departements.pop() if len(departements) == 1 else None,
                    "national": True,
                    "description": ligne["description"],
                },
            )
            crees += cree
        return crees

    def charger_ressources(self):
        """The themes, and the network's reference documents the sources name (collective, published)."""
        for ligne in lire_csv("themes.csv"):
            Theme.objects.update_or_create(slug=ligne["slug"], defaults={"nom": ligne["nom"]})
        crees = 0
        for ligne in lire_csv("ressources.csv"):
            _, cree = Ressource.objects.get_or_create(
                slug=ligne["slug"],
                defaults={
                    "titre": ligne["titre"],
                    "type": TypeRessource(ligne["type"]),
                    "date_publication": datetime.date.fromisoformat(ligne["date_publication"])
                    if ligne["date_publication"]
                    else None,
                    "resume": ligne["resume"],
                    "lien_externe": ligne["lien_externe"],
                    "collective": True,
                    "statut": Statut.PUBLIEE,
                },
            )
            crees += cree
        return crees
