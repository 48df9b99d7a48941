from django.db import models


class Statut(models.TextChoices):
    """Where a ressource or an event is in its life: only what is published is public."""

    BROUILLON = "brouillon", "brouillon"
    PUBLIE = "publie", "publié"
    # Deleted by its team: hidden everywhere, restorable (« Repasser en brouillon »); only superusers purge.
    CORBEILLE = "corbeille", "à la corbeille"
