from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from centres.droits import centres_du_membre, est_anct, est_superutilisateur, voit_tout
from centres.models import Centre
from commun.enums import Statut
from commun.images import valider_image
from commun.models import Horodatage
from commun.texte import valider_une_ligne

from .enums import TypeRessource
from .fichiers import chemin_de_depot, stockage_des_documents, valider_document


class Theme(models.Model):
    nom = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant d'adresse", max_length=120, unique=True)

    class Meta:
        verbose_name = "thème"
        verbose_name_plural = "thèmes"
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return f"{reverse('ressources:liste')}?theme={self.slug}"


# Paths of the app that a slug must not take (/ressources/collectives/).
SLUGS_RESERVES = ["collectives"]


class RessourceQuerySet(models.QuerySet):
    def publiees(self):
        return self.filter(statut=Statut.PUBLIE)

    def produites_par(self, centres):
        """Those that one of ``centres`` (primary keys or a queryset of them) produces."""
        return self.filter(pk__in=Ressource.centres.through.objects.filter(centre__in=centres).values("ressource"))

    def consultables_par(self, utilisateur):
        """What ``utilisateur`` reads in the admin: everything for ANCT and superusers, a team's ressources."""
        if voit_tout(utilisateur):
            return self
        return self.produites_par(centres_du_membre(utilisateur))

    def modifiables_par(self, utilisateur):
        """A team's ressources, ANCT's the network's collective ones, everything for superusers."""
        if est_superutilisateur(utilisateur):
            return self
        if est_anct(utilisateur):
            return self.filter(collective=True)
        return self.produites_par(centres_du_membre(utilisateur))

    def collectives(self):
        return self.filter(collective=True)

    def recentes(self):
        return self.order_by(F("date_publication").desc(nulls_last=True), "-pk")

    def avec_producteurs(self):
        """The producing centres (``centres.all``), with only what a credit line shows of them."""
        return self.prefetch_related(Prefetch("centres", queryset=Centre.objects.publics().en_lien()))

    def en_tuiles(self):
        """What a tile shows (``includes/_ressource_tuile.html``), without the body and the search vector, the
        longest columns; its public producing centres as ``producteurs``."""
        producteurs = Prefetch("centres", queryset=Centre.objects.publics().en_lien(), to_attr="producteurs")
        return self.defer("corps", "vecteur_recherche").prefetch_related(producteurs)


class Ressource(Horodatage):
    titre = models.CharField("titre", max_length=250, validators=[valider_une_ligne])
    slug = models.SlugField("identifiant d'adresse", max_length=120, unique=True)
    type = models.CharField("type", max_length=30, choices=TypeRessource, default=TypeRessource.PUBLICATION)
    resume = models.TextField("résumé", blank=True, help_text="Quelques phrases, affichées dans les listes.")
    corps = models.TextField(
        "texte",
        blank=True,
        help_text="HTML simple accepté (paragraphes, titres, listes, liens) ; le reste est retiré.",
    )
    date_publication = models.DateField("date de publication", null=True, blank=True)
    centres = models.ManyToManyField(Centre, verbose_name="centres producteurs", related_name="ressources", blank=True)
    collective = models.BooleanField(
        "ressource collective du réseau", default=False, help_text="Produite par le réseau national des CRPV."
    )
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", related_name="ressources", blank=True)
    fichier = models.FileField(
        "fichier",
        upload_to=chemin_de_depot,
        storage=stockage_des_documents,
        validators=[valider_document],
        blank=True,
        max_length=200,
        help_text="PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, EPUB ou MP3, 50 Mo au plus.",
    )
    fichier_taille = models.PositiveBigIntegerField("taille du fichier", null=True, blank=True, editable=False)
    lien_externe = models.URLField("lien externe", blank=True, max_length=500)
    lien_origine = models.URLField(
        "publiée d'abord à l'adresse",
        blank=True,
        max_length=500,
        help_text="Ce qui vient du site du centre (collecte) : la page dit « publié d'abord sur le site de… ».",
    )
    image = models.ImageField(
        "image de couverture",
        upload_to="ressources/couvertures/%Y/",
        validators=[valider_image],
        width_field="image_largeur",
        height_field="image_hauteur",
        blank=True,
    )
    image_largeur = models.PositiveIntegerField(editable=False, null=True)
    image_hauteur = models.PositiveIntegerField(editable=False, null=True)
    image_texte_alternatif = models.CharField(
        "texte alternatif de l'image", max_length=250, blank=True, help_text="Vide si l'image est décorative."
    )
    statut = models.CharField("statut", max_length=20, choices=Statut, default=Statut.BROUILLON)
    # Set by the database each time the ressource becomes published (commun.declencheurs), whatever writes it.
    publie_le = models.DateTimeField("publié le", null=True, blank=True, editable=False)
    # Kept current by a PostgreSQL trigger (migration 0002), whatever writes the row; unused on SQLite.
    vecteur_recherche = SearchVectorField(null=True, editable=False)
    demonstration = models.BooleanField(
        "donnée de démonstration", default=False, editable=False, help_text="Créée par « generer_demo »."
    )

    objects = RessourceQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="historique de la ressource", m2m_fields=[centres, themes], excluded_fields=["vecteur_recherche"]
    )

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"
        ordering = [F("date_publication").desc(nulls_last=True), "-pk"]
        indexes = [
            # The counts by type of the lists: an index-only scan. (The latest first, ``ressources_recentes``, is
            # written by hand in migration 0009: SQLite has no NULLS LAST in an index.)
            models.Index(fields=["statut", "type"], name="ressources_statut_type"),
            # The counts of a list filtered by theme, centre or year (``recherche.decomptes``): an index-only scan,
            # not a read of every row (the table is 20 times the index at 100,000 ressources).
            models.Index(fields=["id"], include=["statut", "type", "collective"], name="ressources_decomptes"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(statut=Statut.PUBLIE) | ~Q(fichier="") | ~Q(lien_externe=""),
                name="%(app_label)s_%(class)s_publiee_avec_fichier_ou_lien",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=SLUGS_RESERVES),
                name="%(app_label)s_%(class)s_slug_non_reserve",
                violation_error_message="Cette adresse est réservée par le portail : choisissez-en une autre.",
            ),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("ressources:detail", kwargs={"slug": self.slug})

    @property
    def adresse_du_fichier(self):
        """The document's address on the portal (``ressources.views.fichier`` checks the status), or ""."""
        return reverse("ressources:fichier", kwargs={"slug": self.slug}) if self.fichier else ""
