from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models

from commun.images import preparer_renditions


class Command(BaseCommand):
    help = (
        "Prépare les copies (vignette, moyenne, grande) des images déjà enregistrées qui n'en ont pas : les pages ne "
        "les fabriquent jamais. À lancer après une restauration ou une reprise de fichiers."
    )

    def handle(self, *args, **options):
        total = 0
        for modele in apps.get_models():
            champs = [champ for champ in modele._meta.fields if isinstance(champ, models.ImageField)]
            if not champs or modele._meta.app_label == "simple_history" or modele.__name__.startswith("Historical"):
                continue
            for objet in modele._default_manager.exclude(**{champ.name: "" for champ in champs[:1]}).iterator():
                for champ in champs:
                    total += preparer_renditions(getattr(objet, champ.attname))
        self.stdout.write(f"{total} copie(s) d'image préparée(s).")
