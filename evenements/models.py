import datetime
import zoneinfo
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from centres.droits import centres_du_membre, est_superutilisateur, voit_tout
from centres.models import Centre, Departement
from commun.enums import Statut
from commun.images import valider_image
from commun.models import Horodatage
from commun.texte import valider_une_ligne

from .enums import Fuseau, TypeEvenement


@dataclass(frozen=True)
class Localisation:
    """Where an event takes place: the one description the page, the tile, the feed, the calendar file and the
    JSON-LD all use.

    ``lien`` is the connection link of an online event while it is upcoming only: once it is over, the link
    (which may carry a meeting password) is no longer published anywhere.
    """

    nom_du_lieu: str
    adresse: str
    ville: str
    code_departement: str
    en_ligne: bool
    lien: str

    @property
    def sur_place(self):
        return bool(self.nom_du_lieu or self.adresse or self.ville)

    @property
    def ville_et_departement(self):
        """« Strasbourg (67) »."""
        return f"{self.ville} ({self.code_departement})" if self.ville and self.code_departement else self.ville

    @property
    def en_bref(self):
        """« Strasbourg », « Strasbourg et en ligne », « En ligne »: for the tiles and the feed."""
        sur_place = self.ville or self.nom_du_lieu
        if sur_place and self.en_ligne:
            return f"{sur_place} et en ligne"
        return sur_place or ("En ligne" if self.en_ligne else "")

    @property
    def en_entier(self):
        """« Maison des associations, 1 rue du Port, Strasbourg (67) et en ligne »: for the calendar file."""
        parties = ", ".join(p for p in (self.nom_du_lieu, self.adresse, self.ville_et_departement) if p)
        if parties and self.en_ligne:
            return f"{parties} et en ligne"
        return parties or ("En ligne" if self.en_ligne else "")

    def json_ld(self):
        """schema.org ``location``: a Place, a VirtualLocation, or both for a mixed event."""
        lieux = []
        if self.sur_place:
            adresse = {"@type": "PostalAddress", "streetAddress": self.adresse, "addressLocality": self.ville}
            lieux.append(
                {
                    "@type": "Place",
                    "name": self.nom_du_lieu or self.ville,
                    "address": {cle: valeur for cle, valeur in adresse.items() if valeur} | {"addressCountry": "FR"},
                }
            )
        if self.en_ligne and self.lien:
            lieux.append({"@type": "VirtualLocation", "url": self.lien})
        return lieux[0] if len(lieux) == 1 else lieux


# Paths of the app that a slug must not take.
SLUGS_RESERVES = ["archives", "agenda"]


def aujourd_hui_par_fuseau(maintenant=None):
    """{time zone: today's date there}: "today" is not the same day in Paris and in Saint-Denis de La Réunion."""
    maintenant = maintenant or timezone.now()
    return {fuseau: maintenant.astimezone(zoneinfo.ZoneInfo(fuseau)).date() for fuseau in Fuseau.values}


# The orders of the upcoming events (the soonest first) and of the past ones (the latest first).
ORDRE_A_VENIR = ("date_debut", "heure_debut", "titre")
ORDRE_PASSES = ("-date_debut", "-heure_debut", "titre")


class EvenementQuerySet(models.QuerySet):
    def _encore_en_cours(self, maintenant=None):
        """Events whose last day has not ended in their own time zone (one running today is upcoming): one condition
        per date that today is somewhere (two or three), on the time zones where it is that date."""
        fuseaux_par_date = {}
        for fuseau, date in aujourd_hui_par_fuseau(maintenant).items():
            fuseaux_par_date.setdefault(date, []).append(fuseau)
        condition = Q()
        for date, fuseaux in sorted(fuseaux_par_date.items()):
            condition |= Q(fuseau_horaire__in=fuseaux, date_fin__gte=date)
        return condition

    def publies(self):
        """What the public sees: every public list, page, feed, calendar file, sitemap and search starts here."""
        return self.filter(statut=Statut.PUBLIE)

    def organises_par(self, centres):
        """Those that one of ``centres`` (primary keys or a queryset of them) organises."""
        return self.filter(pk__in=Evenement.centres.through.objects.filter(centre__in=centres).values("evenement"))

    def consultables_par(self, utilisateur):
        """What ``utilisateur`` reads in the admin: everything for ANCT and superusers, a team's events."""
        if voit_tout(utilisateur):
            return self
        return self.organises_par(centres_du_membre(utilisateur))

    def modifiables_par(self, utilisateur):
        """A team's events, everything for superusers; ANCT reads them only."""
        if est_superutilisateur(utilisateur):
            return self
        return self.organises_par(centres_du_membre(utilisateur))

    def sans_lieu(self):
        """Neither a place nor online: what the public page could not tell its readers."""
        return self.filter(en_ligne=False, lieu="", adresse="", ville="")

    def avec_organisateurs(self):
        """The département and the organising centres (``centres.all``), with only what a credit line shows of them."""
        return self.select_related("departement").prefetch_related(
            Prefetch("centres", queryset=Centre.objects.publics().en_lien())
        )

    def en_tuiles(self):
        """What a tile shows (``includes/_evenement_tuile.html``), without the long texts (presentation, programme,
        search text): its public organising centres as ``organisateurs``."""
        organisateurs = Prefetch("centres", queryset=Centre.objects.publics().en_lien(), to_attr="organisateurs")
        return self.defer("description", "programme", "texte_recherche").prefetch_related(organisateurs)

    def a_venir(self, maintenant=None):
        return self.filter(self._encore_en_cours(maintenant)).order_by(*ORDRE_A_VENIR)

    def passes(self, maintenant=None):
        return self.exclude(self._encore_en_cours(maintenant)).order_by(*ORDRE_PASSES)


class Evenement(Horodatage):
    titre = models.CharField("titre", max_length=250, validators=[valider_une_ligne])
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
    lieu = models.CharField(
        "lieu",
        max_length=200,
        blank=True,
        validators=[valider_une_ligne],
        help_text="Nom de la salle ou de l'établissement.",
    )
    adresse = models.CharField("adresse", max_length=250, blank=True, validators=[valider_une_ligne])
    ville = models.CharField("ville", max_length=100, blank=True, validators=[valider_une_ligne])
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
    lien_origine = models.URLField(
        "publié d'abord à l'adresse",
        blank=True,
        max_length=500,
        help_text="Ce qui vient du site du centre (collecte) : la page dit « publié d'abord sur le site de… ».",
    )
    ressources = models.ManyToManyField(
        "ressources.Ressource",
        verbose_name="ressources liées",
        related_name="evenements",
        blank=True,
        help_text="Actes, supports de présentation, vidéos de l'événement.",
    )
    statut = models.CharField(
        "statut",
        max_length=20,
        choices=Statut,
        default=Statut.BROUILLON,
        help_text="Un brouillon n'apparaît nulle part sur le site public.",
    )
    demonstration = models.BooleanField(
        "donnée de démonstration", default=False, editable=False, help_text="Créé par « generer_demo »."
    )
    # Set by the database each time the event becomes published (commun.declencheurs), whatever writes it.
    publie_le = models.DateTimeField("publié le", null=True, blank=True, editable=False)
    # What the search reads (title, town, place, presentation without accents, in lower case): kept by a
    # PostgreSQL trigger (migration 0010), whatever writes the row; empty on SQLite, which compares the fields.
    texte_recherche = models.TextField(default="", editable=False)

    objects = EvenementQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="historique de l'événement",
        m2m_fields=[centres, ressources],
        excluded_fields=["texte_recherche"],
    )

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["-date_debut", "titre"]
        indexes = [
            models.Index(fields=["date_fin", "fuseau_horaire"], name="evenements_fin_fuseau"),
            models.Index(fields=["statut", "date_fin"], name="evenements_statut_fin"),
        ]
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
                condition=~Q(slug__in=SLUGS_RESERVES),
                name="%(app_label)s_%(class)s_slug_non_reserve",
                violation_error_message="Cette adresse est réservée par le portail : choisissez-en une autre.",
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

    @cached_property
    def localisation(self):
        return Localisation(
            nom_du_lieu=self.lieu,
            adresse=self.adresse,
            ville=self.ville,
            # departement_id, not departement: no query for lists that did not select the département.
            code_departement=self.departement_id or "",
            en_ligne=self.en_ligne,
            lien=self.lien_en_ligne if self.en_ligne and self.est_a_venir() else "",
        )


class PhotoQuerySet(models.QuerySet):
    def consultables_par(self, utilisateur):
        return self.filter(evenement__in=Evenement.objects.consultables_par(utilisateur).values("pk"))

    def modifiables_par(self, utilisateur):
        return self.filter(evenement__in=Evenement.objects.modifiables_par(utilisateur).values("pk"))


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

    objects = PhotoQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique de la photo")

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
