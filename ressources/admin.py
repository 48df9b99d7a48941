from django import forms
from django.contrib import admin, messages
from import_export.admin import ImportMixin

from centres.droits import est_anct, est_superutilisateur
from centres.models import Centre
from commun.admin import (
    AdresseWebHttpsMixin,
    DroitsParObjetAdmin,
    apercu_image,
    champ_adresse_https,
    changer_un_par_un,
)
from commun.enums import Statut

from .imports import ConfirmationDuCentre, ImportDuCentre, RessourcesDuCentre
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
            "resume", "corps", "fichier", "lien_externe", "lien_origine", "image", "image_texte_alternatif",
        ]  # fmt: skip
        formfield_callback = champ_adresse_https

    # Who saves (set by the admin, ``DroitsParObjetAdmin.get_form``); None outside the admin.
    utilisateur = None

    def clean(self):
        donnees = super().clean()
        # Checked here rather than in the database: a check constraint cannot see many-to-many rows.
        equipe = self.utilisateur is not None and not est_superutilisateur(self.utilisateur)
        if equipe and est_anct(self.utilisateur):
            if not donnees.get("collective"):
                self.add_error(
                    "collective", "L'ANCT enregistre les ressources collectives du réseau : cochez cette case."
                )
        elif equipe and not donnees.get("centres"):
            # A team's choices are its own centres: the ressource must name one of them.
            self.add_error("centres", "Indiquez au moins un de vos centres comme producteur.")
        elif not donnees.get("collective") and not donnees.get("centres"):
            raise forms.ValidationError(
                "Indiquez au moins un centre producteur, ou cochez « ressource collective du réseau »."
            )
        if donnees.get("statut") == Statut.PUBLIE and not (donnees.get("fichier") or donnees.get("lien_externe")):
            raise forms.ValidationError("Une ressource publiée doit avoir un fichier ou un lien externe.")
        if donnees.get("image") and not donnees.get("image_texte_alternatif"):
            self.add_error(
                "image_texte_alternatif",
                "Décrivez l'image pour les personnes qui ne la voient pas (ou retirez-la si elle est décorative).",
            )
        return donnees


class ImportDuCatalogueMixin(ImportMixin):
    """« Importer » on the list: a team's back catalogue from a CSV or XLSX file (``ressources/imports.py``)."""

    resource_classes = [RessourcesDuCentre]
    import_form_class = ImportDuCentre
    confirm_form_class = ConfirmationDuCentre

    def has_import_permission(self, request):
        return self.has_add_permission(request) and Centre.objects.modifiables_par(request.user).exists()

    def create_import_form(self, request):
        formulaire = super().create_import_form(request)
        formulaire.ajouter_le_centre(Centre.objects.modifiables_par(request.user).order_by("nom"))
        return formulaire

    def create_confirm_form(self, request, import_form=None):
        formulaire = super().create_confirm_form(request, import_form)
        formulaire.ajouter_le_centre(Centre.objects.modifiables_par(request.user))
        return formulaire

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["centre"] = import_form.cleaned_data["centre"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        formulaire = kwargs.get("form")
        centre = formulaire.cleaned_data.get("centre") if formulaire is not None and formulaire.is_bound else None
        return {"centre": centre}

    def get_import_data_kwargs(self, **kwargs):
        kwargs.pop("form", None)
        kwargs.pop("request", None)
        return kwargs


@admin.register(Ressource)
class RessourceAdmin(ImportDuCatalogueMixin, AdresseWebHttpsMixin, DroitsParObjetAdmin):
    form = RessourceForm
    list_display = ["titre", "type", "date_publication", "statut", "collective", "apercu_liste"]
    list_filter = ["statut", "type", "collective", "themes", ("centres", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["titre", "resume"]
    date_hierarchy = "date_publication"
    prepopulated_fields = {"slug": ["titre"]}
    cases_a_cocher = ["centres", "themes"]
    readonly_fields = ["apercu", "cree_le", "mis_a_jour_le"]
    actions = ["publier", "depublier", "mettre_a_la_corbeille"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "type", "statut", "date_publication"]}),
        ("Producteurs et thèmes", {"fields": ["centres", "collective", "themes"]}),
        ("Contenu", {"fields": ["resume", "corps", "fichier", "lien_externe", "lien_origine"]}),
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

    # The actions change only what the user may change (the list also shows what ANCT may only read), one row at a
    # time so that each row's history records it.
    @admin.action(description="Publier les ressources sélectionnées", permissions=["change"])
    def publier(self, request, queryset):
        queryset = queryset.modifiables_par(request.user)
        sans_contenu = queryset.filter(fichier="", lien_externe="")
        refusees = sans_contenu.count()
        nombre = changer_un_par_un(
            queryset.exclude(pk__in=sans_contenu.values("pk")), "Publiée depuis la liste", statut=Statut.PUBLIE
        )
        self.message_user(request, f"{nombre} ressource(s) publiée(s).", messages.SUCCESS)
        if refusees:
            self.message_user(
                request, f"{refusees} ressource(s) sans fichier ni lien laissée(s) en brouillon.", messages.WARNING
            )

    @admin.action(description="Repasser en brouillon (ou sortir de la corbeille)", permissions=["change"])
    def depublier(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user), "Repassée en brouillon depuis la liste", statut=Statut.BROUILLON
        )
        self.message_user(request, f"{nombre} ressource(s) repassée(s) en brouillon.", messages.SUCCESS)

    @admin.action(description="Mettre à la corbeille", permissions=["change"])
    def mettre_a_la_corbeille(self, request, queryset):
        nombre = changer_un_par_un(
            queryset.modifiables_par(request.user), "Mise à la corbeille", statut=Statut.CORBEILLE
        )
        self.message_user(
            request,
            f"{nombre} ressource(s) à la corbeille : retirée(s) du site, "
            "récupérable(s) par « Repasser en brouillon ».",
            messages.SUCCESS,
        )
