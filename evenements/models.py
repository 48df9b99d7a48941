import datetime
import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from centres.models import Centre, Departement
from crpv_portal.images import valider_image

from .enums import Fuseau, TypeEvenement

# Paths of the app that a slug must not take.
SLUGS_RESERVES = ["archives", "agenda"]


def aujourd_hui_par_fuseau(maintenant=None):
    """{time zone: today's date there}: "today" is not the same day in Paris and in Saint-Denis de La Réunion."""
    maintenant = maintenant or timezone.now()
    return {fuseau: maintenant.astimezone(zoneinfo.ZoneInfo(fuseau)).date() for fuseau in Fuseau.values}


class EvenementQuerySet(models.QuerySet):
    def _encore_en_cours(self, maintenant=None):
        """Events whose last day has not ended in their own time zone (one running today is upcoming)."""
        condition = Q()
        for fuseau, date in aujourd_hui_par_fuseau(maintenant).items():
            condition |= Q(fuseau_horaire=fuseau, date_fin__gte=date)
        return condition

    def a_venir(self, maintenant=None):
        return self.filter(self._encore_en_cours(maintenant)).order_by("date_debut", "heure_debut", "titre")

    def passes(self, maintenant=None):
        return self.exclude(self._encore_en_cours(maintenant)).order_by("-date_debut", "-heure_debut", "titre")


class Evenement(models.Model):
    titre = models.CharField("titre", max_length=250)
    slug = models.SlugField("identifiant d'adresse", max_length=100, unique=True)
    type = models.CharField("type", max_length=30, choices=TypeEvenement, default=TypeEvenement.SEMINAIRE)
    numero_edition = models.PositiveSmallIntegerField(
        "numéro d'édition", null=True, blank=True, help_text="Pour les rencontres nationales : 8 pour la 8e."
    )
    date_debut = models.DateField("premier jour")
    date_fin = models.DateField("dernier jour")
    heure_debut = models.TimeField("heure de début", null=True, blank=True, help_text="Vide : toute la journée.")
    heure_fin = models.TimeField("heure de fin", null=True, blank=True)
    fuseau_horaire = models.CharField(
        "fuseau horaire",
        max_length=40,
        choices=Fuseau,
        default=Fuseau.PARIS,
        help_text="Celui du lieu de l'événement.",
    )
    lieu = models.CharField("lieu", max_length=200, blank=True, help_text="Nom de la salle ou de l'établissement.")
    adresse = models.CharField("adresse", max_length=250, blank=True)
    ville = models.CharField("ville", max_length=100, blank=True)
    departement = models.ForeignKey(
        Departement,
        verbose_name="département",
        related_name="evenements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    en_ligne = models.BooleanField("en ligne", default=False)
    lien_en_ligne = models.URLField("lien de connexion", blank=True)
    centres = models.ManyToManyField(
        Centre, verbose_name="centres organisateurs", related_name="evenements", blank=True
    )
    national = models.BooleanField(
        "événement du réseau national", default=False, help_text="Organisé par ou pour l'ensemble du réseau."
    )
    description = models.TextField("présentation", blank=True)
    programme = models.TextField("programme", blank=True)
    lien_inscription = models.URLField("lien d'inscription", blank=True)
    ressources = models.ManyToManyField(
        "ressources.Ressource",
        verbose_name="productions liées",
        related_name="evenements",
        blank=True,
        help_text="Actes, supports de présentation, vidéos de l'événement.",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    mis_a_jour_le = models.DateTimeField("mis à jour le", auto_now=True)

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["-date_debut", "titre"]
        indexes = [models.Index(fields=["date_fin", "fuseau_horaire"], name="evenements_fin_fuseau")]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__gte=F("date_debut")), name="%(app_label)s_%(class)s_fin_apres_debut"
            ),
            models.CheckConstraint(
                condition=Q(heure_fin__isnull=True) | Q(heure_debut__isnull=False),
                name="%(app_label)s_%(class)s_heure_fin_avec_heure_debut",
            ),
            models.CheckConstraint(
                condition=~Q(date_fin=F("date_debut")) | Q(heure_fin__isnull=True) | Q(heure_fin__gt=F("heure_debut")),
                name="%(app_label)s_%(class)s_heure_fin_apres_debut",
            ),
            models.CheckConstraint(
                condition=Q(numero_edition__isnull=True) | Q(type=TypeEvenement.RENCONTRE_NATIONALE),
                name="%(app_label)s_%(class)s_edition_de_rencontre_nationale",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=SLUGS_RESERVES), name="%(app_label)s_%(class)s_slug_non_reserve"
            ),
            models.UniqueConstraint(
                fields=["numero_edition"],
                condition=Q(type=TypeEvenement.RENCONTRE_NATIONALE),
                name="%(app_label)s_%(class)s_edition_unique",
            ),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("evenements:detail", kwargs={"slug": self.slug})

    @property
    def toute_la_journee(self):
        return self.heure_debut is None

    @property
    def fuseau(self):
        return zoneinfo.ZoneInfo(self.fuseau_horaire)

    @property
    def debut(self):
        """Aware start (timed events) or the first day (all-day events)."""
        if self.toute_la_journee:
            return self.date_debut
        return datetime.datetime.combine(self.date_debut, self.heure_debut, tzinfo=self.fuseau)

    @property
    def fin(self):
        """Aware end, or for an all-day event the day after the last one (iCalendar's exclusive end)."""
        if self.toute_la_journee:
            return self.date_fin + datetime.timedelta(days=1)
        heure = self.heure_fin or self.heure_debut
        return datetime.datetime.combine(self.date_fin, heure, tzinfo=self.fuseau)

    @property
    def est_hors_metropole(self):
        return self.fuseau_horaire != Fuseau.PARIS

    def est_a_venir(self, maintenant=None):
        return self.date_fin >= aujourd_hui_par_fuseau(maintenant)[self.fuseau_horaire]


class Photo(models.Model):
    evenement = models.ForeignKey(Evenement, verbose_name="événement", related_name="photos", on_delete=models.CASCADE)
    image = models.ImageField(
        "image",
        upload_to="evenements/photos/%Y/",
        validators=[valider_image],
        width_field="largeur",
        height_field="hauteur",
        help_text="JPEG, PNG ou WebP, 10 Mo au plus.",
    )
    largeur = models.PositiveIntegerField(editable=False, null=True)
    hauteur = models.PositiveIntegerField(editable=False, null=True)
    texte_alternatif = models.CharField(
        "texte alternatif",
        max_length=250,
        help_text="Ce que montre la photo, pour les personnes qui ne la voient pas (obligatoire).",
    )
    legende = models.CharField("légende", max_length=250, blank=True)
    credit = models.CharField("crédit", max_length=150, blank=True, help_text="Par exemple « © 16 prod ».")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "photo"
        verbose_name_plural = "photos"
        ordering = ["evenement", "ordre", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(texte_alternatif=""), name="%(app_label)s_%(class)s_texte_alternatif_obligatoire"
            ),
        ]

    def __str__(self):
        return self.legende or self.texte_alternatif

    def get_absolute_url(self):
        return self.evenement.get_absolute_url()
