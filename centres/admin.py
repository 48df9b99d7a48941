from django.contrib import admin

from commun.admin import AdresseWebHttpsMixin, apercu_image

from .models import Centre, Commune, Contact, Departement, Label, Quartier, Region
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
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "nom", "region", "type", "outre_mer", "nombre_qpv", "annee_geographie_qpv"]
    list_filter = ["outre_mer", "type", "region"]
    search_fields = ["nom", "code"]
    list_select_related = ["region"]


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["nom", "fonction", "email", "telephone", "ordre", "public"]
    extra = 0


class LabelInline(admin.StackedInline):
    model = Label
    extra = 0
    fields = [
        ("statut", "date_attribution", "date_expiration"),
        ("evaluation_animation", "evaluation_montee_en_competences", "evaluation_capitalisation"),
        "commentaire_interne",
    ]


@admin.register(Centre)
class CentreAdmin(AdresseWebHttpsMixin, admin.ModelAdmin):
    list_display = ["nom", "sigle", "ville", "telephone_affiche", "forme_juridique", "mis_a_jour_le"]
    list_filter = ["forme_juridique", "departements__region", "departements__outre_mer"]
    search_fields = ["nom", "sigle", "ville", "slug"]
    prepopulated_fields = {"slug": ["nom"]}
    autocomplete_fields = ["departements"]
    readonly_fields = ["apercu_logo", "cree_le", "mis_a_jour_le"]
    inlines = [ContactInline, LabelInline]
    fieldsets = [
        (None, {"fields": ["nom", "sigle", "slug", "forme_juridique", "annee_creation", "presentation"]}),
        ("Logo", {"fields": ["logo", "apercu_logo"]}),
        ("Coordonnées", {"fields": ["site_web", "email", "telephone", "adresse", "code_postal", "ville"]}),
        ("Territoire", {"fields": ["departements"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le"]}),
    ]

    @admin.display(description="aperçu du logo")
    def apercu_logo(self, centre):
        return apercu_image(centre, "logo")

    @admin.display(description="téléphone", ordering="telephone")
    def telephone_affiche(self, centre):
        return afficher(centre.telephone)

    def get_queryset(self, request):
        # list_filter on departements can repeat a centre: keep one row per centre.
        return super().get_queryset(request).distinct()


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["centre", "statut", "date_attribution", "date_expiration"]
    list_filter = ["statut"]
    search_fields = ["centre__nom", "centre__sigle"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    date_hierarchy = "date_expiration"


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "departement", "codes_postaux"]
    search_fields = ["nom", "code", "codes_postaux"]
    list_select_related = ["departement"]
    readonly_fields = ["code", "nom", "departement", "codes_postaux"]

    def has_add_permission(self, request):
        return False  # reference data, loaded by charger_donnees from the State's commune list


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "departement", "annee_geographie"]
    list_filter = ["departement__region", "annee_geographie"]
    search_fields = ["nom", "code", "communes__nom"]
    list_select_related = ["departement"]
    readonly_fields = ["code", "nom", "departement", "communes", "annee_geographie"]

    def has_add_permission(self, request):
        return False  # the State's geography, loaded by charger_donnees from qpv.csv
