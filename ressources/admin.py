from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html

from crpv_portal.images import rendition

from .enums import Statut
from .models import Ressource, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["nom", "slug"]
    search_fields = ["nom"]
    prepopulated_fields = {"slug": ["nom"]}


def _champ_de_formulaire(champ, **kwargs):
    # A web address typed without its scheme is https (Django 6's default).
    if isinstance(champ, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return champ.formfield(**kwargs)


class RessourceForm(forms.ModelForm):
    class Meta:
        model = Ressource
        fields = [
            "titre", "slug", "type", "statut", "date_publication", "centres", "collective", "themes",
            "resume", "corps", "fichier", "lien_externe", "image", "image_texte_alternatif",
        ]  # fmt: skip
        formfield_callback = _champ_de_formulaire

    def clean(self):
        donnees = super().clean()
        # Checked here rather than in the database: a check constraint cannot see many-to-many rows.
        if not donnees.get("collective") and not donnees.get("centres"):
            raise forms.ValidationError(
                "Indiquez au moins un centre producteur, ou cochez « production collective du réseau »."
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
class RessourceAdmin(admin.ModelAdmin):
    form = RessourceForm
    # The admin builds its forms with its own callback: give it the same rule.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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

    def _apercu(self, ressource, taille):
        copie = rendition(ressource.image, taille) if ressource.pk else None
        if copie is None:
            return "—"
        return format_html('<img src="{}" width="{}" height="{}" alt="">', copie.url, copie.largeur, copie.hauteur)

    @admin.display(description="aperçu")
    def apercu(self, ressource):
        return self._apercu(ressource, "vignette")

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
