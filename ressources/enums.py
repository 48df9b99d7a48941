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


class Tri(models.TextChoices):
    DATE = "date", "les plus récentes d'abord"
    TITRE = "titre", "titre (A → Z)"
    PERTINENCE = "pertinence", "pertinence (avec une recherche)"
