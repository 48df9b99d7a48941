from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CommunConfig(AppConfig):
    """What every app of the portal uses, below the domain apps: it imports none of them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "commun"
    verbose_name = "outils communs"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .declencheurs import installer
        from .texte import enregistrer_sur_sqlite

        connection_created.connect(enregistrer_sur_sqlite, dispatch_uid="commun_unaccent_sqlite")
        post_migrate.connect(installer, dispatch_uid="commun_declencheurs")
