from django.db import models


class Liste(models.TextChoices):
    """The pages one may follow: each re-runs its own filter set (``alertes/listes.py``)."""

    RESSOURCES = "ressources", "les ressources"
    COLLECTIVES = "collectives", "les ressources collectives du réseau"
    EVENEMENTS = "evenements", "l'agenda"
    CENTRE = "centre", "un centre"


class Frequence(models.TextChoices):
    QUOTIDIENNE = "quotidienne", "dès la publication (un courriel par jour au plus)"
    HEBDOMADAIRE = "hebdomadaire", "chaque semaine"
    MENSUELLE = "mensuelle", "chaque mois"
