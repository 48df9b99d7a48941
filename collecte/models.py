from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from centres.models import Centre
from commun.models import Horodatage
from evenements.enums import Fuseau
from ressources.enums import TypeRessource
from ressources.models import Theme

from .enums import TypeSource

# The time zone of the overseas départements and collectivities; Paris elsewhere.
FUSEAUX_D_OUTRE_MER = {
    "971": Fuseau.GUADELOUPE,
    "972": Fuseau.MARTINIQUE,
    "973": Fuseau.CAYENNE,
    "974": Fuseau.REUNION,
    "976": Fuseau.MAYOTTE,
    "987": Fuseau.TAHITI,
}


def fuseau_du_centre(centre):
    """Where the centre works: the zone its sources' dates without a time zone are read in."""
    for code in centre.departements.values_list("code", flat=True):
        if code in FUSEAUX_D_OUTRE_MER:
            return FUSEAUX_D_OUTRE_MER[code]
    return Fuseau.PARIS


class SourceQuerySet(models.QuerySet):
    def consultables_par(self, utilisateur):
        return self.filter(centre__in=Centre.objects.consultables_par(utilisateur).values("pk"))

    def modifiables_par(self, utilisateur):
        return self.filter(centre__in=Centre.objects.modifiables_par(utilisateur).values("pk"))

    def actives(self):
        return self.filter(active=True, centre__archive=False)


class Source(Horodatage):
    """A page a centre already publishes on its own site (a feed, an agenda), gathered by ``manage.py collecter``."""

    centre = models.ForeignKey(Centre, verbose_name="centre", related_name="sources", on_delete=models.CASCADE)
    url = models.URLField("adresse", max_length=500, help_text="Celle du flux RSS ou Atom, ou du fichier .ics.")
    type = models.CharField("type", max_length=30, choices=TypeSource, default=TypeSource.FLUX_RESSOURCES)
    type_ressource = models.CharField(
        "type des ressources",
        max_length=30,
        choices=TypeRessource,
        default=TypeRessource.PUBLICATION,
        help_text="Donné aux ressources de ce flux (modifiable ensuite une à une).",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name="thèmes", blank=True, help_text="Donnés aux ressources de ce flux."
    )
    publier = models.BooleanField(
        "publier aussitôt",
        default=False,
        help_text="Décoché : ce qui arrive reste en brouillon jusqu'à ce que l'équipe le relise et le publie.",
    )
    active = models.BooleanField("active", default=True, help_text="Décochée : la source n'est plus collectée.")
    fuseau_horaire = models.CharField(
        "fuseau horaire",
        max_length=40,
        choices=Fuseau,
        default=Fuseau.PARIS,
        help_text="Pour lire les dates que la source donne sans fuseau : celui du centre.",
    )
    # What the last harvest said, for the admin and for a conditional request (ETag, Last-Modified).
    etag = models.CharField(max_length=500, blank=True, editable=False)
    derniere_modification = models.CharField(max_length=100, blank=True, editable=False)
    collectee_le = models.DateTimeField("dernière collecte", null=True, blank=True, editable=False)
    bilan = models.CharField("résultat de la dernière collecte", max_length=500, blank=True, editable=False)
    erreur = models.TextField("dernière erreur", blank=True, editable=False)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="historique de la source", excluded_fields=["etag", "derniere_modification"]
    )

    class Meta:
        verbose_name = "source à collecter"
        verbose_name_plural = "sources à collecter"
        ordering = ["centre", "url"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "url"], name="%(app_label)s_%(class)s_une_fois_par_centre"),
            models.CheckConstraint(
                condition=models.Q(url__startswith="http://") | models.Q(url__startswith="https://"),
                name="%(app_label)s_%(class)s_http_ou_https",
            ),
        ]

    def __str__(self):
        return f"{self.centre.nom_court} : {self.url}"

    def get_absolute_url(self):
        return reverse("admin:collecte_source_change", args=[self.pk])

    @property
    def cle(self):
        """The name of this source among the portal's sources (``commun.models.Provenance.source``)."""
        return f"collecte:{self.pk}"
