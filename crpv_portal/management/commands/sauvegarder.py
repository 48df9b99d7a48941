from django.core.management.base import BaseCommand, CommandError

from crpv_portal.sauvegarde import SauvegardeImpossible, sauvegarder


class Command(BaseCommand):
    help = "Sauvegarde la base et les fichiers déposés (images, documents) dans un dossier daté."

    def add_arguments(self, parser):
        parser.add_argument("dossier", help="dossier où écrire la sauvegarde (un sous-dossier par sauvegarde)")

    def handle(self, *args, dossier, **options):
        try:
            cible = sauvegarder(dossier)
        except SauvegardeImpossible as erreur:
            raise CommandError(str(erreur)) from None
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite dans {cible}"))
