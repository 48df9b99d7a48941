from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin

from commun.admin import (
    AdresseWebHttpsMixin,
    DroitsParObjetAdmin,
    LignesDuParentFormSet,
    apercu_image,
    changer_un_par_un,
)

from .droits import est_superutilisateur, voit_tout
from .enums import StatutLabel
from .models import Centre, Commune, Contact, Departement, Label, MembreEquipe, Quartier, Region
from .telephone import afficher


class DepartementInline(admin.TabularInline):
    model = Departement
    fields = ["code", "nom", "type", "nombre_qpv"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "outre_mer"]
    list_filter = ["outre_mer"]
    search_fields = ["nom", "code"]
    inlines = [DepartementInline]


@admin.register(Departement)
class DepartementAdmin(SimpleHistoryAdmin):
    list_display = ["code", "nom", "region", "type", "outre_mer", "nombre_qpv", "annee_geographie_qpv"]
    list_filter = ["outre_mer", "type", "region"]
    search_fields = ["nom", "code"]
    list_select_related = ["region"]

    def get_readonly_fields(self, request, obj=None):
        # ANCT keeps the QPV counts; the rest is the INSEE reference, changed by superusers only.
        if est_superutilisateur(request.user):
            return []
        return ["code", "nom", "region", "outre_mer", "type"]


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["nom", "fonction", "email", "telephone", "ordre", "public"]
    extra = 0
    formset = LignesDuParentFormSet
    show_change_link = True  # its own page shows its history


class LabelInline(admin.StackedInline):
    """The label decisions on the centre's page, for ANCT and superusers; ANCT writes them in « Décisions de label »
    (a centre's page is the team's, not ANCT's). Teams see only the current status (``label_courant``)."""

    model = Label
    extra = 0
    formset = LignesDuParentFormSet
    fields = [
        ("statut", "date_attribution", "date_expiration"),
        ("evaluation_animation", "evaluation_montee_en_competences", "evaluation_capitalisation"),
        "commentaire_interne",
    ]

    def has_view_permission(self, request, obj=None):
        return voit_tout(request.user)

    def has_add_permission(self, request, obj=None):
        return est_superutilisateur(request.user)

    def has_change_permission(self, request, obj=None):
        return est_superutilisateur(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # a decision is replaced by a newer one, never deleted: it is the label's history


@admin.register(Centre)
class CentreAdmin(AdresseWebHttpsMixin, DroitsParObjetAdmin):
    list_display = ["nom", "sigle", "ville", "telephone_affiche", "mis_a_jour_le", "verifie_le", "archive"]
    list_filter = ["archive", "forme_juridique", "departements__region", "departements__outre_mer"]
    search_fields = ["nom", "sigle", "ville", "slug"]
    # Empty for everyone but superusers (``get_prepopulated_fields``): teams do not change the address.
    prepopulated_fields = {}
    autocomplete_fields = ["departements"]
    readonly_fields = ["apercu_logo", "label_courant", "cree_le", "mis_a_jour_le", "verifie_le"]
    inlines = [ContactInline, LabelInline]
    actions = ["confirmer_a_jour", "archiver", "desarchiver"]
    fieldsets = [
        (None, {"fields": ["nom", "sigle", "slug", "forme_juridique", "annee_creation", "presentation"]}),
        ("Logo", {"fields": ["logo", "apercu_logo"]}),
        ("Coordonnées", {"fields": ["site_web", "email", "telephone", "adresse", "code_postal", "ville"]}),
        ("Territoire et label", {"fields": ["departements", "label_courant"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le", "verifie_le", "archive"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        champs = super().get_readonly_fields(request, obj)
        if est_superutilisateur(request.user):
            return champs
        # The address, the territory (the coverage figures rest on it) and archiving are the network's.
        return [*champs, "slug", "departements", "archive"]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["nom"]} if est_superutilisateur(request.user) else {}

    @admin.display(description="aperçu du logo")
    def apercu_logo(self, centre):
        return apercu_image(centre, "logo")

    @admin.display(description="label de l'État")
    def label_courant(self, centre):
        """The current decision as the public page says it: status and dates, never the internal comment."""
        label = centre.labels.order_by(*Label._meta.ordering[1:]).first() if centre.pk else None
        if label is None:
            return "Aucune décision enregistrée (l'ANCT les saisit)."
        dates = [
            f"accordé le {date_format(label.date_attribution)}" if label.date_attribution else "",
            f"expire le {date_format(label.date_expiration)}" if label.date_expiration else "",
        ]
        return " · ".join([StatutLabel(label.statut).label.capitalize(), *(d for d in dates if d)])

    @admin.display(description="téléphone", ordering="telephone")
    def telephone_affiche(self, centre):
        return afficher(centre.telephone)

    def get_queryset(self, request):
        # list_filter on departements can repeat a centre: keep one row per centre.
        return super().get_queryset(request).distinct()

    def has_add_permission(self, request):
        return est_superutilisateur(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # archived instead: its label decisions and its ressources' credits stay

    @admin.action(description="Confirmer que la fiche est à jour", permissions=["change"])
    def confirmer_a_jour(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user),
            "Fiche confirmée à jour",
            horodater=False,
            verifie_le=timezone.now(),
        )
        self.message_user(
            request,
            f"{nombre} fiche(s) confirmée(s) à jour : la page publique affiche « informations vérifiées le "
            f"{date_format(timezone.localdate())} ».",
            messages.SUCCESS,
        )

    @admin.action(description="Archiver (retirer du site public, garder l'historique)", permissions=["archiver"])
    def archiver(self, request, queryset):
        nombre = changer_un_par_un(queryset, "Centre archivé", archive=True)
        self.message_user(request, f"{nombre} centre(s) archivé(s) : ils n'apparaissent plus sur le site public.")

    @admin.action(description="Désarchiver", permissions=["archiver"])
    def desarchiver(self, request, queryset):
        nombre = changer_un_par_un(queryset, "Centre désarchivé", archive=False)
        self.message_user(request, f"{nombre} centre(s) de nouveau sur le site public.")

    def has_archiver_permission(self, request):
        return est_superutilisateur(request.user)


@admin.register(Contact)
class ContactAdmin(DroitsParObjetAdmin):
    """Contacts are written on their centre's page; this one lists them and keeps each one's history."""

    list_display = ["nom", "fonction", "centre", "public"]
    list_filter = ["public", ("centre", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nom", "fonction", "centre__nom", "centre__sigle"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]


@admin.register(Label)
class LabelAdmin(DroitsParObjetAdmin):
    list_display = ["centre", "statut", "date_attribution", "date_expiration"]
    list_filter = ["statut"]
    search_fields = ["centre__nom", "centre__sigle"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    date_hierarchy = "date_expiration"

    def has_delete_permission(self, request, obj=None):
        return False  # a decision is replaced by a newer one, never deleted


@admin.register(MembreEquipe)
class MembreEquipeAdmin(DroitsParObjetAdmin):
    list_display = ["utilisateur", "centre", "cree_le"]
    list_filter = ["centre"]
    search_fields = ["utilisateur__username", "utilisateur__email", "centre__nom", "centre__sigle"]
    list_select_related = ["utilisateur", "centre"]
    autocomplete_fields = ["utilisateur", "centre"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "departement", "codes_postaux"]
    search_fields = ["nom", "code", "codes_postaux"]
    list_select_related = ["departement"]
    readonly_fields = ["code", "nom", "departement", "codes_postaux"]

    def has_add_permission(self, request):
        return False  # reference data, loaded by charger_referentiel from the State's commune list


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "departement", "annee_geographie"]
    list_filter = ["departement__region", "annee_geographie"]
    search_fields = ["nom", "code", "communes__nom"]
    list_select_related = ["departement"]
    readonly_fields = ["code", "nom", "departement", "communes", "annee_geographie"]

    def has_add_permission(self, request):
        return False  # the State's geography, loaded by charger_referentiel from qpv.csv
