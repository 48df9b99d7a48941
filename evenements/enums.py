from django.db import models


class TypeEvenement(models.TextChoices):
    RENCONTRE_NATIONALE = "rencontre_nationale", "rencontre nationale"
    SEMINAIRE = "seminaire", "séminaire"
    JOURNEE_ETUDE = "journee_etude", "journée d'étude"
    FORMATION = "formation", "formation"
    WEBINAIRE = "webinaire", "webinaire"
    VISITE = "visite", "visite"
    AUTRE = "autre", "autre"


class Fuseau(models.TextChoices):
    """Time zones of the places where the network's centres work."""

    PARIS = "Europe/Paris", "métropole (Paris)"
    GUADELOUPE = "America/Guadeloupe", "Guadeloupe"
    MARTINIQUE = "America/Martinique", "Martinique"
    CAYENNE = "America/Cayenne", "Guyane (Cayenne)"
    REUNION = "Indian/Reunion", "La Réunion"
    MAYOTTE = "Indian/Mayotte", "Mayotte"
    TAHITI = "Pacific/Tahiti", "Polynésie française (Tahiti)"
