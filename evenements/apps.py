from django.apps import AppConfig


class EvenementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evenements"
    verbose_name = "événements"

    def ready(self):
        from .blocs import enregistrer

        enregistrer()
