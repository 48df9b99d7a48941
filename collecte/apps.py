from django.apps import AppConfig
from django.db.models.signals import post_migrate

from centres.groupes import GROUPE_ANCT, GROUPE_EQUIPE, accorder_les_droits

# Teams declare and follow their own sites' feeds; ANCT reads them.
DROITS = {
    GROUPE_ANCT: [("source", "view_source")],
    GROUPE_EQUIPE: [
        ("source", "view_source"),
        ("source", "add_source"),
        ("source", "change_source"),
        ("source", "delete_source"),
    ],
}


class CollecteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "collecte"
    verbose_name = "collecte des sites des centres"

    def ready(self):
        from .blocs import enregistrer

        enregistrer()
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="collecte_droits_des_groupes"
        )
