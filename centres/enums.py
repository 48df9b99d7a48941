from django.db import models


class TypeTerritoire(models.TextChoices):
    DEPARTEMENT = "departement", "département"
    COLLECTIVITE_OUTRE_MER = "collectivite_outre_mer", "collectivité d'outre-mer"


class FormeJuridique(models.TextChoices):
    ASSOCIATION = "association", "association"
    GIP = "GIP", "groupement d'intérêt public (GIP)"
    SERVICE_COLLECTIVITE = "service_collectivite", "service d'une collectivité"
    AUTRE = "autre", "autre"


class StatutLabel(models.TextChoices):
    LABELLISE = "labellise", "labellisé"
    EN_RENOUVELLEMENT = "en_renouvellement", "en cours de renouvellement"
    SUSPENDU = "suspendu", "suspendu"
    RETIRE = "retire", "retiré"

    @classmethod
    def actifs(cls):
        """Statuses under which a centre counts as labelled (and so covers its territory)."""
        return [cls.LABELLISE, cls.EN_RENOUVELLEMENT]


class Evaluation(models.TextChoices):
    SATISFAISANTE = "satisfaisante", "satisfaisante"
    A_CONSOLIDER = "a_consolider", "à consolider"
    INSUFFISANTE = "insuffisante", "insuffisante"
