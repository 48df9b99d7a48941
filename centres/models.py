import re
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commun.images import valider_image
from commun.models import Horodatage
from commun.texte import SansAccents, forme_de_nom_de_lieu

from .droits import centres_du_membre, est_superutilisateur, voit_tout
from .enums import Evaluation, FormeJuridique, StatutLabel, TypeTerritoire
from .telephone import FORMAT_NATIONAL, TelephoneField


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=2, primary_key=True)
    nom = models.CharField("nom", max_length=100, unique=True)
    outre_mer = models.BooleanField("outre-mer", default=False)

    class Meta:
        verbose_name = "région"
        verbose_name_plural = "régions"
        ordering = ["nom"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{2}$"), name="%(app_label)s_%(class)s_code_insee"),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return f"{reverse('centres:liste')}?region={self.code}"


class DepartementQuerySet(models.QuerySet):
    def couverts(self, date=None):
        """Départements where at least one centre holds an active label on ``date`` (today by default).

        The one definition of "covered", used by the map, the home page's figures and the pilotage.
        """
        centres_actifs = Centre.objects.labellises(date).values("pk")
        return self.filter(
            pk__in=Centre.departements.through.objects.filter(centre__in=centres_actifs).values("departement")
        )


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    nom = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name="région",
        related_name="departements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Vide pour les collectivités d'outre-mer, qui n'appartiennent à aucune région.",
    )
    outre_mer = models.BooleanField("outre-mer", default=False)
    type = models.CharField("type", max_length=30, choices=TypeTerritoire, default=TypeTerritoire.DEPARTEMENT)
    nombre_qpv = models.PositiveIntegerField(
        "nombre de QPV", default=0, help_text="Quartiers prioritaires de la politique de la ville."
    )
    annee_geographie_qpv = models.PositiveSmallIntegerField(
        "année de la géographie prioritaire", null=True, blank=True
    )

    objects = DepartementQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique du département")

    class Meta:
        verbose_name = "département"
        verbose_name_plural = "départements"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^([0-9]{2}|2A|2B|9[78][0-9])$"), name="%(app_label)s_%(class)s_code_insee"
            ),
            # A département belongs to a region; an overseas collectivity (978, 987) to none.
            models.CheckConstraint(
                condition=(Q(type=TypeTerritoire.DEPARTEMENT) & Q(region__isnull=False))
                | (Q(type=TypeTerritoire.COLLECTIVITE_OUTRE_MER) & Q(region__isnull=True) & Q(outre_mer=True)),
                name="%(app_label)s_%(class)s_region_selon_type",
            ),
        ]

    def __str__(self):
        return f"{self.nom} ({self.code})"

    def get_absolute_url(self):
        return f"{reverse('centres:liste')}?departement={self.code}"


class CommuneQuerySet(models.QuerySet):
    def correspondant(self, texte):
        """Communes whose name, or former name (a commune merged into it), is ``texte`` (accents, case, hyphens
        ignored), or whose postal code it is."""
        forme = forme_de_nom_de_lieu(texte)
        if forme.isdigit() and len(forme) == 5:
            return self.filter(codes_postaux__contains=forme)
        if not forme:
            return self.none()
        return self.filter(Q(nom_normalise=forme) | Q(anciens_noms_normalises__contains=f"|{forme}|"))

    def contenant(self, texte):
        """Communes whose name or former name holds every word of ``texte`` (« pierrefitte » finds
        Pierrefitte-sur-Seine, merged into Saint-Denis), or whose postal code it is."""
        forme = forme_de_nom_de_lieu(texte)
        if forme.isdigit() and len(forme) == 5:
            return self.filter(codes_postaux__contains=forme)
        if not forme:
            return self.none()
        condition = Q()
        for mot in forme.split():
            condition &= Q(nom_normalise__contains=mot) | Q(anciens_noms_normalises__contains=mot)
        return self.filter(condition)


class Commune(models.Model):
    """The State's commune reference: how a person who knows only their town finds their centre."""

    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    nom = models.CharField("nom", max_length=100)
    # Written by the loader (centres.chargement) with commun.texte.forme_de_nom_de_lieu, indexed.
    nom_normalise = models.CharField("nom normalisé", max_length=100, db_index=True, editable=False)
    departement = models.ForeignKey(
        Departement, verbose_name="département", related_name="communes", on_delete=models.CASCADE
    )
    codes_postaux = models.CharField("codes postaux", max_length=250, blank=True, help_text="Séparés par des espaces.")
    anciens_noms = models.CharField(
        "anciens noms",
        max_length=250,
        blank=True,
        help_text="Communes fusionnées dans celle-ci (par exemple Pierrefitte-sur-Seine dans Saint-Denis en 2025).",
    )
    # "|pierrefitte sur seine|": the former names as the search compares them, written by the loader.
    anciens_noms_normalises = models.CharField(max_length=250, blank=True, editable=False)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["nom", "code"]

    def __str__(self):
        return f"{self.nom} ({self.departement_id})"

    def get_absolute_url(self):
        return self.departement.get_absolute_url()


class QuartierQuerySet(models.QuerySet):
    def couverts(self, date=None):
        """Quartiers of a covered département (``Departement.objects.couverts``): the rule of the coverage figure."""
        return self.filter(departement__in=Departement.objects.couverts(date).values("pk"))

    def nommes(self, texte):
        """The quartier whose ANCT code or whole name (accents, case, hyphens forgiven) is ``texte``: how the
        directory recognises a quartier without taking every « Centre-Ville » for it."""
        code = texte.strip().upper()
        if re.fullmatch(r"QN[0-9A-Z]{6}", code):
            return self.filter(code=code)
        forme = forme_de_nom_de_lieu(texte)
        return self.filter(nom_normalise=forme) if forme else self.none()

    def en_tuiles(self):
        """What a tile shows (``includes/_quartier_tuile.html``): its département, its communes, and the labelled
        centres of its département as ``departement.centres_couvrants``."""
        return self.select_related("departement").prefetch_related(
            Prefetch("communes", queryset=Commune.objects.only("code", "nom")),
            Prefetch(
                "departement__centres",
                queryset=Centre.objects.labellises().en_lien().order_by("nom"),
                to_attr="centres_couvrants",
            ),
        )

    def correspondant(self, texte):
        """Quartiers a person may mean by ``texte``: their ANCT code (« QN09328M »), the words of their name in any
        order (accents, case and hyphens forgiven), or a commune they lie in (name, former name or postal code)."""
        forme = forme_de_nom_de_lieu(texte)
        if not forme:
            return self
        code = texte.strip().upper()
        if re.fullmatch(r"QN[0-9A-Z]{6}", code):
            return self.filter(code=code)
        par_nom = Q()
        for mot in forme.split():
            par_nom &= Q(nom_normalise__contains=mot)
        communes = Commune.objects.contenant(texte).values("pk")
        dans_les_communes = Quartier.communes.through.objects.filter(commune__in=communes).values("quartier")
        return self.filter(par_nom | Q(pk__in=dans_les_communes))


class Quartier(models.Model):
    """A quartier prioritaire de la politique de la ville (QPV), as the State's geography lists it."""

    code = models.CharField("code ANCT", max_length=8, primary_key=True)
    nom = models.CharField("nom", max_length=150)
    # Written by the loader (centres.chargement) with commun.texte.forme_de_nom_de_lieu, for the search.
    nom_normalise = models.CharField("nom normalisé", max_length=150, editable=False)
    departement = models.ForeignKey(
        Departement, verbose_name="département", related_name="quartiers", on_delete=models.PROTECT
    )
    communes = models.ManyToManyField(Commune, verbose_name="communes", related_name="quartiers")
    annee_geographie = models.PositiveSmallIntegerField("année de la géographie prioritaire")

    objects = QuartierQuerySet.as_manager()

    class Meta:
        verbose_name = "quartier prioritaire"
        verbose_name_plural = "quartiers prioritaires"
        ordering = ["departement", "nom", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^QN[0-9A-Z]{6}$"), name="%(app_label)s_%(class)s_code_anct"
            ),
        ]

    def __str__(self):
        return f"{self.nom} ({self.code})"

    def get_absolute_url(self):
        return reverse("quartiers:detail", kwargs={"code": self.code})

    @cached_property
    def noms_des_communes(self):
        """The names of the communes it lies in, in order (from ``communes.all``, prefetched by a list's tiles)."""
        return [nom for nom, _ in sorted((commune.nom, commune.code) for commune in self.communes.all())]

    @property
    def fiche_officielle(self):
        """The quartier's record on the State's politique de la ville map (a plain link, no request)."""
        return f"https://sig.ville.gouv.fr/territoire/{self.code}"


class CentreQuerySet(models.QuerySet):
    def publics(self):
        """The centres the public site shows: every one but the archived."""
        return self.filter(archive=False)

    def consultables_par(self, utilisateur):
        """The centres ``utilisateur`` reads in the admin: all for ANCT and superusers, a team's own otherwise."""
        if voit_tout(utilisateur):
            return self
        return self.filter(pk__in=centres_du_membre(utilisateur))

    def modifiables_par(self, utilisateur):
        """The centres whose page ``utilisateur`` edits: a team's own (never ANCT's), all for superusers."""
        if est_superutilisateur(utilisateur):
            return self
        return self.filter(pk__in=centres_du_membre(utilisateur))

    def avec_territoire(self):
        """Each centre with its départements and their regions, in one more query whatever their number."""
        return self.prefetch_related(Prefetch("departements", queryset=Departement.objects.select_related("region")))

    def en_tuiles(self):
        """What a tile shows (``includes/_centre_tuile.html``): its territory and current label."""
        return self.avec_label_courant().avec_territoire()

    def avec_label_courant(self):
        """Annotate each centre with its current label decision (its latest), in the same query."""
        courant = Label.objects.filter(centre=OuterRef("pk")).order_by(
            F("date_attribution").desc(nulls_last=True), "-pk"
        )
        return self.annotate(
            label_statut=Subquery(courant.values("statut")[:1]),
            label_date_attribution=Subquery(courant.values("date_attribution")[:1]),
            label_date_expiration=Subquery(courant.values("date_expiration")[:1]),
            label_courant_id=Subquery(courant.values("pk")[:1]),
        )

    def en_lien(self):
        """With only what a link to a centre shows (its short name) and needs (its address): a ressource's
        producers, an event's organisers, a quartier's covering centres."""
        return self.only("pk", "nom", "sigle", "slug")

    def par_nom(self):
        """In the order of a French reader (« Pôle… » before « Profession… »), whatever the database's collation."""
        return self.order_by(Lower(SansAccents("nom")), "pk")

    def outre_mer(self):
        return self.filter(
            pk__in=Centre.departements.through.objects.filter(departement__outre_mer=True).values("centre")
        )

    def dans_region(self, region_code):
        return self.filter(
            pk__in=Centre.departements.through.objects.filter(departement__region=region_code).values("centre")
        )

    def couvrant(self, departement_code):
        return self.filter(departements=departement_code)

    def labellises(self, date=None):
        """Centres whose current label is active: labelled or under renewal, and not expired on ``date``."""
        date = date or timezone.localdate()
        return (
            self.publics()
            .avec_label_courant()
            .filter(label_statut__in=StatutLabel.actifs())
            .filter(Q(label_date_expiration__isnull=True) | Q(label_date_expiration__gte=date))
        )


class Centre(Horodatage):
    nom = models.CharField("nom", max_length=200)
    sigle = models.CharField("sigle", max_length=30, blank=True)
    slug = models.SlugField("identifiant d'adresse", max_length=80, unique=True)
    forme_juridique = models.CharField("forme juridique", max_length=30, choices=FormeJuridique, blank=True)
    annee_creation = models.PositiveSmallIntegerField("année de création", null=True, blank=True)
    presentation = models.TextField(
        "présentation", blank=True, help_text="Quelques paragraphes, en tête de la page publique du centre."
    )
    logo = models.ImageField(
        "logo",
        upload_to="centres/logos/",
        validators=[valider_image],
        width_field="logo_largeur",
        height_field="logo_hauteur",
        blank=True,
        help_text="JPEG, PNG ou WebP, 10 Mo au plus ; affiché en petit en tête de la page du centre.",
    )
    logo_largeur = models.PositiveIntegerField(editable=False, null=True)
    logo_hauteur = models.PositiveIntegerField(editable=False, null=True)
    site_web = models.URLField("site web", blank=True, help_text="Lien affiché sur la page publique.")
    email = models.EmailField("adresse électronique", blank=True, help_text="Affichée sur la page publique.")
    telephone = TelephoneField(
        blank=True, help_text="Affiché sur la page publique (« 01 48 09 26 36 ») et appelable depuis un téléphone."
    )
    adresse = models.TextField(
        "adresse postale", blank=True, help_text="Rue et numéro, sans la ville ; affichée sur la page publique."
    )
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    ville = models.CharField("ville", max_length=100, blank=True)
    departements = models.ManyToManyField(
        Departement,
        verbose_name="territoire couvert",
        related_name="centres",
        blank=True,
        help_text="Les départements où le centre intervient.",
    )
    verifie_le = models.DateTimeField(
        "informations vérifiées le",
        null=True,
        blank=True,
        editable=False,
        help_text="Date à laquelle l'équipe a confirmé que la fiche est à jour ; affichée sur la page publique.",
    )
    archive = models.BooleanField(
        "archivé",
        default=False,
        help_text="Un centre archivé disparaît du site public ; ses décisions de label et ses ressources restent.",
    )

    objects = CentreQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique du centre", m2m_fields=[departements])

    class Meta:
        verbose_name = "centre de ressources"
        verbose_name_plural = "centres de ressources"
        ordering = ["nom"]
        constraints = [
            models.CheckConstraint(
                condition=Q(annee_creation__isnull=True) | Q(annee_creation__gte=1980, annee_creation__lte=2100),
                name="%(app_label)s_%(class)s_annee_creation_plausible",
            ),
            models.CheckConstraint(
                condition=Q(telephone="") | Q(telephone__regex=FORMAT_NATIONAL),
                name="%(app_label)s_%(class)s_telephone_normalise",
            ),
            models.CheckConstraint(
                condition=Q(code_postal="") | Q(code_postal__regex=r"^[0-9]{5}$"),
                name="%(app_label)s_%(class)s_code_postal",
            ),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("centres:detail", kwargs={"slug": self.slug})

    @property
    def nom_court(self):
        return self.sigle or self.nom

    @property
    def regions(self):
        """Regions of the covered départements, from the prefetched départements when there are some."""
        vues = {}
        for departement in self.departements.all():
            if departement.region is not None:
                vues[departement.region.code] = departement.region
        return sorted(vues.values(), key=lambda region: region.nom)

    @property
    def territoire_libelle(self):
        """'Île-de-France (Seine-Saint-Denis)' for a départemental centre, the region(s) otherwise."""
        departements = list(self.departements.all())
        regions = self.regions
        if len(departements) == 1 and departements[0].region is not None:
            departement = departements[0]
            if departement.nom == departement.region.nom:  # the overseas regions: Guyane, Mayotte…
                return departement.nom
            return f"{departement.region.nom} ({departement.nom})"
        if regions:
            return ", ".join(region.nom for region in regions)
        return ", ".join(departement.nom for departement in departements)


class ContactQuerySet(models.QuerySet):
    def consultables_par(self, utilisateur):
        return self.filter(centre__in=Centre.objects.consultables_par(utilisateur).values("pk"))

    def modifiables_par(self, utilisateur):
        return self.filter(centre__in=Centre.objects.modifiables_par(utilisateur).values("pk"))


class Contact(models.Model):
    centre = models.ForeignKey(Centre, verbose_name="centre", related_name="contacts", on_delete=models.CASCADE)
    nom = models.CharField("nom", max_length=150)
    fonction = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    telephone = TelephoneField(blank=True)
    ordre = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    public = models.BooleanField(
        "affiché sur le site", default=True, help_text="Décoché, le contact n'est visible que dans l'administration."
    )

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique du contact")

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "contacts"
        ordering = ["centre", "ordre", "nom"]
        constraints = [
            models.CheckConstraint(
                condition=Q(telephone="") | Q(telephone__regex=FORMAT_NATIONAL),
                name="%(app_label)s_%(class)s_telephone_normalise",
            ),
        ]

    def __str__(self):
        return f"{self.nom} ({self.fonction})" if self.fonction else self.nom

    def get_absolute_url(self):
        return self.centre.get_absolute_url()


class LabelQuerySet(models.QuerySet):
    def consultables_par(self, utilisateur):
        """Label decisions, internal comment included, are ANCT's: teams read their status on their centre's page."""
        return self if voit_tout(utilisateur) else self.none()

    def modifiables_par(self, utilisateur):
        return self.consultables_par(utilisateur)


class Label(Horodatage):
    # PROTECT: a centre is archived, never deleted with its label history.
    centre = models.ForeignKey(Centre, verbose_name="centre", related_name="labels", on_delete=models.PROTECT)
    statut = models.CharField("statut", max_length=30, choices=StatutLabel, default=StatutLabel.LABELLISE)
    date_attribution = models.DateField("accordé le", null=True, blank=True)
    date_expiration = models.DateField("expire le", null=True, blank=True)
    evaluation_animation = models.CharField("évaluation : animation", max_length=20, choices=Evaluation, blank=True)
    evaluation_montee_en_competences = models.CharField(
        "évaluation : montée en compétences des acteurs", max_length=20, choices=Evaluation, blank=True
    )
    evaluation_capitalisation = models.CharField(
        "évaluation : capitalisation", max_length=20, choices=Evaluation, blank=True
    )
    commentaire_interne = models.TextField(
        "commentaire interne (ANCT)",
        blank=True,
        help_text="Jamais affiché sur le site public, ni aux équipes des centres.",
    )

    objects = LabelQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique de la décision")

    class Meta:
        verbose_name = "décision de label"
        verbose_name_plural = "décisions de label"
        permissions = [("voir_pilotage", "Peut consulter le tableau de bord de pilotage (ANCT)")]
        ordering = ["centre", F("date_attribution").desc(nulls_last=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_attribution__isnull=True)
                | Q(date_expiration__isnull=True)
                | Q(date_expiration__gt=F("date_attribution")),
                name="%(app_label)s_%(class)s_expiration_apres_attribution",
            ),
        ]

    def __str__(self):
        return f"{self.centre} : {self.get_statut_display()}"

    def get_absolute_url(self):
        return self.centre.get_absolute_url()


class MembreEquipeQuerySet(models.QuerySet):
    def consultables_par(self, utilisateur):
        return self if est_superutilisateur(utilisateur) else self.none()

    def modifiables_par(self, utilisateur):
        return self.consultables_par(utilisateur)


class MembreEquipe(Horodatage):
    """A person of a centre's team: what lets their staff account edit that centre (``centres/droits.py``)."""

    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="compte", related_name="equipes", on_delete=models.CASCADE
    )
    centre = models.ForeignKey(Centre, verbose_name="centre", related_name="membres", on_delete=models.PROTECT)
    vu_le = models.DateTimeField("dernière visite de « Mon centre »", null=True, blank=True, editable=False)

    objects = MembreEquipeQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="historique de l'appartenance")

    class Meta:
        verbose_name = "membre d'une équipe"
        verbose_name_plural = "membres des équipes"
        ordering = ["centre", "utilisateur"]
        constraints = [
            models.UniqueConstraint(fields=["utilisateur", "centre"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self):
        return f"{self.utilisateur} ({self.centre.nom_court})"

    def get_absolute_url(self):
        return self.centre.get_absolute_url()
