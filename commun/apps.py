from django.apps import AppConfig


class CommunConfig(AppConfig):
    """What every app of the portal uses, below the domain apps: it imports none of them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "commun"
    verbose_name = "outils communs"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .declencheurs import installer

        post_migrate.connect(installer, dispatch_uid="commun_declencheurs")
