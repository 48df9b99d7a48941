from django.db import models


class TypeSource(models.TextChoices):
    FLUX_RESSOURCES = "flux_ressources", "flux RSS ou Atom de publications"
    FLUX_EVENEMENTS = "flux_evenements", "flux RSS ou Atom d'événements"
    AGENDA = "agenda", "agenda iCalendar (.ics)"
