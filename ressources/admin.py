from django import forms
from django.contrib import admin, messages

from commun.admin import AdresseWebHttpsMixin, apercu_image, champ_adresse_https

from .enums import Statut
from .models import Ressource, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["nom", "slug"]
    search_fields = ["nom"]
    prepopulated_fields = {"slug": ["nom"]}


class RessourceForm(forms.ModelForm):
    class Meta:
        model = Ressource
        fields = [
            "titre", "slug", "type", "statut", "date_publication", "centres", "collective", "themes",
            "resume", "corps", "fichier", "lien_externe", "image", "image_texte_alternatif",
        ]  # fmt: skip
        formfield_callback = champ_adresse_https

    def clean(self):
        donnees = super().clean()
        # Checked here rather than in the database: a check constraint cannot see many-to-many rows.
        if not donnees.get("collective") and not donnees.get("centres"):
            raise forms.ValidationError(
                "Indiquez au moins un centre producteur, ou cochez « ressource collective du réseau »."
            )
        if donnees.get("statut") == Statut.PUBLIEE and not (donnees.get("fichier") or donnees.get("lien_externe")):
            raise forms.ValidationError("Une ressource publiée doit avoir un fichier ou un lien externe.")
        if donnees.get("image") and not donnees.get("image_texte_alternatif"):
            self.add_error(
                "image_texte_alternatif",
                "Décrivez l'image pour les personnes qui ne la voient pas (ou retirez-la si elle est décorative).",
            )
        return donnees


@admin.register(Ressource)
class RessourceAdmin(AdresseWebHttpsMixin, admin.ModelAdmin):
    form = RessourceForm
    list_display = ["titre", "type", "date_publication", "statut", "collective", "apercu_liste"]
    list_filter = ["statut", "type", "collective", "themes", "centres"]
    search_fields = ["titre", "resume"]
    date_hierarchy = "date_publication"
    prepopulated_fields = {"slug": ["titre"]}
    autocomplete_fields = ["centres", "themes"]
    readonly_fields = ["apercu", "cree_le", "mis_a_jour_le"]
    actions = ["publier", "depublier"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "type", "statut", "date_publication"]}),
        ("Producteurs et thèmes", {"fields": ["centres", "collective", "themes"]}),
        ("Contenu", {"fields": ["resume", "corps", "fichier", "lien_externe"]}),
        ("Couverture", {"fields": ["image", "apercu", "image_texte_alternatif"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("vecteur_recherche", "corps")

    @admin.display(description="aperçu")
    def apercu(self, ressource):
        return apercu_image(ressource, "image")

    @admin.display(description="couverture")
    def apercu_liste(self, ressource):
        return "oui" if ressource.image else "—"

    @admin.action(description="Publier les ressources sélectionnées")
    def publier(self, request, queryset):
        sans_contenu = queryset.filter(fichier="", lien_externe="")
        refusees = sans_contenu.count()
        nombre = queryset.exclude(pk__in=sans_contenu.values("pk")).update(statut=Statut.PUBLIEE)
        self.message_user(request, f"{nombre} ressource(s) publiée(s).", messages.SUCCESS)
        if refusees:
            self.message_user(
                request, f"{refusees} ressource(s) sans fichier ni lien laissée(s) en brouillon.", messages.WARNING
            )

    @admin.action(description="Repasser en brouillon les ressources sélectionnées")
    def depublier(self, request, queryset):
        nombre = queryset.update(statut=Statut.BROUILLON)
        self.message_user(request, f"{nombre} ressource(s) repassée(s) en brouillon.", messages.SUCCESS)
