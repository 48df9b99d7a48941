from django.apps import AppConfig


class AlertesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alertes"
    verbose_name = "alertes par courriel"

    def ready(self):
        from django.http import QueryDict
        from django.utils.http import urlencode

        from commun.registre import ABONNEMENTS

        from .enums import Liste
        from .views import lien_nouvelle

        # « Recevoir les nouveautés par courriel » on the pages one may follow.
        ABONNEMENTS["ressources:liste"] = lambda request: lien_nouvelle(Liste.RESSOURCES, request.GET)
        ABONNEMENTS["ressources:collectives"] = lambda request: lien_nouvelle(Liste.COLLECTIVES, request.GET)
        ABONNEMENTS["evenements:liste"] = lambda request: lien_nouvelle(Liste.EVENEMENTS, request.GET)
        ABONNEMENTS["centres:detail"] = lambda request: lien_nouvelle(
            Liste.CENTRE, QueryDict(urlencode({"centre": request.resolver_match.kwargs["slug"]}))
        )
