from django.db import models


class TypeRessource(models.TextChoices):
    PUBLICATION = "publication", "publication"
    ETUDE = "etude", "étude"
    GUIDE = "guide", "guide"
    FICHE_EXPERIENCE = "fiche_experience", "fiche expérience"
    ACTES = "actes", "actes"
    VIDEO = "video", "vidéo"
    PODCAST = "podcast", "podcast"
    OUTIL = "outil", "outil"
    LETTRE = "lettre", "lettre d'information"
    DOCUMENT_REFERENCE = "document_reference", "document de référence"
    AUTRE = "autre", "autre"


class Statut(models.TextChoices):
    BROUILLON = "brouillon", "brouillon"
    PUBLIEE = "publiee", "publiée"
    # Deleted by its team: hidden everywhere, restorable (« Repasser en brouillon »); only superusers purge.
    CORBEILLE = "corbeille", "à la corbeille"


class Tri(models.TextChoices):
    DATE = "date", "les plus récentes d'abord"
    TITRE = "titre", "titre (A → Z)"
    PERTINENCE = "pertinence", "pertinence (avec une recherche)"
