from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CentresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "centres"
    verbose_name = "centres et territoires"

    def ready(self):
        from .blocs import enregistrer
        from .groupes import configurer_groupe_anct

        enregistrer()
        post_migrate.connect(configurer_groupe_anct, sender=self, dispatch_uid="centres_groupe_anct")
