from django.contrib import admin

from commun.admin import AdresseWebHttpsMixin, apercu_image

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
    list_display = ["titre", "type", "date_debut", "date_fin", "ville", "en_ligne", "national"]
    list_filter = ["type", "national", "en_ligne", ("date_debut", admin.DateFieldListFilter), "centres"]
    search_fields = ["titre", "ville", "lieu", "description"]
    date_hierarchy = "date_debut"
    prepopulated_fields = {"slug": ["titre"]}
    autocomplete_fields = ["centres", "departement", "ressources"]
    readonly_fields = ["cree_le", "mis_a_jour_le"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "type", "numero_edition", "national", "centres"]}),
        ("Dates", {"fields": [("date_debut", "date_fin"), ("heure_debut", "heure_fin"), "fuseau_horaire"]}),
        ("Lieu", {"fields": ["lieu", "adresse", "ville", "departement", "en_ligne", "lien_en_ligne"]}),
        ("Contenu", {"fields": ["description", "programme", "lien_inscription", "ressources"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le"]}),
    ]
