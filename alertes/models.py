import datetime

from django.db import models
from django.utils import timezone

from .enums import Frequence, Liste

# How long an unconfirmed request is kept; how often each frequency sends (with an hour of slack for cron).
CONFIRMATION_VALABLE = datetime.timedelta(days=7)
INTERVALLES = {
    Frequence.QUOTIDIENNE: datetime.timedelta(days=1),
    Frequence.HEBDOMADAIRE: datetime.timedelta(days=7),
    Frequence.MENSUELLE: datetime.timedelta(days=30),
}
MARGE = datetime.timedelta(hours=1)


class AlerteQuerySet(models.QuerySet):
    def confirmees(self):
        return self.filter(confirmee_le__isnull=False)

    def a_confirmer(self):
        return self.filter(confirmee_le__isnull=True)

    def perimees(self, maintenant=None):
        """Requests never confirmed within seven days: deleted, address included."""
        return self.a_confirmer().filter(cree_le__lt=(maintenant or timezone.now()) - CONFIRMATION_VALABLE)

    def dues(self, maintenant=None):
        """Confirmed alerts whose next digest is due."""
        maintenant = maintenant or timezone.now()
        condition = models.Q(envoyee_le__isnull=True)
        for frequence, intervalle in INTERVALLES.items():
            condition |= models.Q(frequence=frequence, envoyee_le__lte=maintenant - intervalle + MARGE)
        return self.confirmees().filter(condition)


class Alerte(models.Model):
    """A saved search of a list page, sent by e-mail to one address: its query string is re-run through the page's
    own filter set (aides-territoires' way). The address is stored with its alerts only, and deleted with them."""

    email = models.EmailField("adresse électronique")
    liste = models.CharField("liste suivie", max_length=20, choices=Liste)
    parametres = models.CharField(
        "filtres", max_length=1000, blank=True, help_text="Les paramètres de l'adresse de la page (ses filtres)."
    )
    frequence = models.CharField("fréquence", max_length=20, choices=Frequence, default=Frequence.HEBDOMADAIRE)
    cree_le = models.DateTimeField("demandée le", default=timezone.now)
    confirmee_le = models.DateTimeField("confirmée le", null=True, blank=True)
    # What was published before this moment was already sent, or was there before the alert.
    depuis = models.DateTimeField("nouveautés depuis", default=timezone.now)
    envoyee_le = models.DateTimeField("dernier envoi", null=True, blank=True)

    objects = AlerteQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte par courriel"
        verbose_name_plural = "alertes par courriel"
        ordering = ["-cree_le"]
        indexes = [models.Index(fields=["email"], name="alertes_alerte_email")]

    def __str__(self):
        return f"{self.get_liste_display()} ({self.get_frequence_display()})"

    def get_absolute_url(self):
        from .liens import lien_de_gestion

        return lien_de_gestion(self.email)


class ElementEnvoye(models.Model):
    """An item sent by an alert: never sent twice, whatever happens to its publication date."""

    alerte = models.ForeignKey(Alerte, related_name="envoyes", on_delete=models.CASCADE)
    type_element = models.CharField(max_length=20)
    id_element = models.PositiveBigIntegerField()
    envoye_le = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "élément envoyé"
        verbose_name_plural = "éléments envoyés"
        ordering = ["alerte", "type_element", "id_element"]
        constraints = [
            models.UniqueConstraint(
                fields=["alerte", "type_element", "id_element"], name="%(app_label)s_%(class)s_une_fois"
            )
        ]

    def __str__(self):
        return f"{self.type_element} {self.id_element}"

    def get_absolute_url(self):
        return self.alerte.get_absolute_url()


class RapportEnvoi(models.Model):
    """What one run of ``envoyer_alertes`` did: for the superusers' admin (no address in it)."""

    lance_le = models.DateTimeField("lancé le", default=timezone.now)
    alertes = models.PositiveIntegerField("alertes examinées", default=0)
    courriels = models.PositiveIntegerField("courriels envoyés", default=0)
    elements = models.PositiveIntegerField("éléments envoyés", default=0)
    erreurs = models.PositiveIntegerField("échecs d'envoi", default=0)
    supprimees = models.PositiveIntegerField("demandes non confirmées supprimées", default=0)
    detail = models.TextField("détail", blank=True)

    class Meta:
        verbose_name = "envoi des alertes"
        verbose_name_plural = "envois des alertes"
        ordering = ["-lance_le"]

    def __str__(self):
        return f"Envoi du {timezone.localtime(self.lance_le):%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("admin:alertes_rapportenvoi_change", args=[self.pk])
