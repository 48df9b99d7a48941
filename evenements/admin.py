from django.contrib import admin, messages

from commun.admin import AdresseWebHttpsMixin, apercu_image

from .enums import StatutEvenement
from .models import Evenement, Photo


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    fields = ["image", "apercu", "texte_alternatif", "legende", "credit", "ordre"]
    readonly_fields = ["apercu"]

    @admin.display(description="aperçu")
    def apercu(self, photo):
        return apercu_image(photo, "image", alt=photo.texte_alternatif)


@admin.register(Evenement)
class EvenementAdmin(AdresseWebHttpsMixin, admin.ModelAdmin):
    list_display = ["titre", "type", "date_debut", "date_fin", "ville", "en_ligne", "national", "statut"]
    list_filter = ["statut", "type", "national", "en_ligne", ("date_debut", admin.DateFieldListFilter), "centres"]
    search_fields = ["titre", "ville", "lieu", "description"]
    date_hierarchy = "date_debut"
    prepopulated_fields = {"slug": ["titre"]}
    autocomplete_fields = ["centres", "departement", "ressources"]
    readonly_fields = ["cree_le", "mis_a_jour_le"]
    inlines = [PhotoInline]
    actions = ["publier", "depublier"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "statut", "type", "numero_edition", "national", "centres"]}),
        ("Dates", {"fields": [("date_debut", "date_fin"), ("heure_debut", "heure_fin"), "fuseau_horaire"]}),
        ("Lieu", {"fields": ["lieu", "adresse", "ville", "departement", "en_ligne", "lien_en_ligne"]}),
        ("Contenu", {"fields": ["description", "programme", "lien_inscription", "ressources"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le"]}),
    ]

    @admin.action(description="Publier les événements sélectionnés")
    def publier(self, request, queryset):
        nombre = queryset.update(statut=StatutEvenement.PUBLIE)
        self.message_user(request, f"{nombre} événement(s) publié(s).", messages.SUCCESS)

    @admin.action(description="Repasser en brouillon les événements sélectionnés")
    def depublier(self, request, queryset):
        nombre = queryset.update(statut=StatutEvenement.BROUILLON)
        self.message_user(request, f"{nombre} événement(s) repassé(s) en brouillon.", messages.SUCCESS)
