from django import forms
from django.contrib import admin, messages

from centres.droits import est_superutilisateur
from commun.admin import (
    AdresseWebHttpsMixin,
    DroitsParObjetAdmin,
    LignesDuParentFormSet,
    apercu_image,
    changer_un_par_un,
)
from commun.enums import Statut

from .models import Evenement, Photo


class EvenementForm(forms.ModelForm):
    # Who saves (set by the admin, ``DroitsParObjetAdmin.get_form``).
    utilisateur = None

    def clean(self):
        donnees = super().clean()
        if self.utilisateur is not None and not est_superutilisateur(self.utilisateur) and not donnees.get("centres"):
            # A team's choices are its own centres: the event must name one of them.
            self.add_error("centres", "Indiquez au moins un de vos centres comme organisateur.")
        return donnees


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    formset = LignesDuParentFormSet
    show_change_link = True  # its own page shows its history
    fields = ["image", "apercu", "texte_alternatif", "legende", "credit", "ordre"]
    readonly_fields = ["apercu"]

    @admin.display(description="aperçu")
    def apercu(self, photo):
        return apercu_image(photo, "image", alt=photo.texte_alternatif)


@admin.register(Evenement)
class EvenementAdmin(AdresseWebHttpsMixin, DroitsParObjetAdmin):
    form = EvenementForm
    list_display = ["titre", "type", "date_debut", "date_fin", "ville", "en_ligne", "national", "statut"]
    list_filter = [
        "statut",
        "type",
        "national",
        "en_ligne",
        ("date_debut", admin.DateFieldListFilter),
        ("centres", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["titre", "ville", "lieu", "description"]
    date_hierarchy = "date_debut"
    prepopulated_fields = {"slug": ["titre"]}
    autocomplete_fields = ["departement", "ressources"]
    cases_a_cocher = ["centres"]
    readonly_fields = ["cree_le", "mis_a_jour_le"]
    inlines = [PhotoInline]
    actions = ["publier", "depublier", "mettre_a_la_corbeille"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "statut", "type", "numero_edition", "national", "centres"]}),
        ("Dates", {"fields": [("date_debut", "date_fin"), ("heure_debut", "heure_fin"), "fuseau_horaire"]}),
        ("Lieu", {"fields": ["lieu", "adresse", "ville", "departement", "en_ligne", "lien_en_ligne"]}),
        ("Contenu", {"fields": ["description", "programme", "lien_inscription", "ressources", "lien_origine"]}),
        ("Suivi", {"fields": ["cree_le", "mis_a_jour_le"]}),
    ]

    # The actions change only what the user may change, one row at a time so that each row's history records it.
    @admin.action(description="Publier les événements sélectionnés", permissions=["change"])
    def publier(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user), "Publié depuis la liste", statut=Statut.PUBLIE
        )
        self.message_user(request, f"{nombre} événement(s) publié(s).", messages.SUCCESS)

    @admin.action(description="Repasser en brouillon (ou sortir de la corbeille)", permissions=["change"])
    def depublier(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user),
            "Repassé en brouillon depuis la liste",
            statut=Statut.BROUILLON,
        )
        self.message_user(request, f"{nombre} événement(s) repassé(s) en brouillon.", messages.SUCCESS)

    @admin.action(description="Mettre à la corbeille", permissions=["change"])
    def mettre_a_la_corbeille(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user), "Mis à la corbeille", statut=Statut.CORBEILLE
        )
        self.message_user(
            request,
            f"{nombre} événement(s) à la corbeille : retiré(s) du site, récupérable(s) par « Repasser en brouillon ».",
            messages.SUCCESS,
        )


@admin.register(Photo)
class PhotoAdmin(DroitsParObjetAdmin):
    """Photos are added on their event's page; this one lists them and keeps each one's history."""

    list_display = ["__str__", "evenement", "credit", "vignette"]
    search_fields = ["legende", "texte_alternatif", "credit", "evenement__titre"]
    list_select_related = ["evenement"]
    autocomplete_fields = ["evenement"]
    readonly_fields = ["vignette"]

    @admin.display(description="aperçu")
    def vignette(self, photo):
        return apercu_image(photo, "image", alt=photo.texte_alternatif)
