from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CentresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "centres"
    verbose_name = "centres et territoires"

    def ready(self):
        from .blocs import enregistrer
        from .groupes import DROITS, accorder_les_droits

        enregistrer()
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="centres_droits_des_groupes"
        )
