"""A centre's back catalogue from a spreadsheet (CSV or XLSX), through django-import-export's admin pages:
upload, a preview with each row's errors in French, then confirm.

Columns (first line): ``titre``, ``date`` (JJ/MM/AAAA or AAAA-MM-JJ), ``resume``, ``lien``, ``themes`` (names
separated by « ; »), ``type`` (« guide », « étude »…). A row is recognised by its link among the centre's
ressources, as a harvested item is: importing the same file again updates rather than duplicates. Imported
ressources arrive as drafts of the chosen centre, for the team to review and publish.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.forms import ConfirmImportForm, ImportForm

from commun.enums import Statut
from commun.texte import adresse_libre

from .enums import TypeRessource
from .models import Ressource, Theme

COLONNES = ["titre", "date", "resume", "lien", "themes", "type"]


class DateFrancaise(widgets.DateWidget):
    FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        for format in self.FORMATS:
            try:
                return datetime.datetime.strptime(str(value).strip(), format).date()
            except ValueError:
                continue
        raise ValueError(f"Date illisible « {value} » : écrivez-la JJ/MM/AAAA (par exemple 17/10/2023).")


class ThemesParNom(widgets.ManyToManyWidget):
    """Theme names separated by « ; », accents and case forgiven; an unknown one is an error, not dropped."""

    def __init__(self):
        super().__init__(Theme, separator=";", field="nom")

    def clean(self, value, row=None, **kwargs):
        noms = [nom.strip() for nom in str(value or "").split(";") if nom.strip()]
        connus = {slugify(theme.nom): theme for theme in Theme.objects.all()}
        inconnus = [nom for nom in noms if slugify(nom) not in connus]
        if inconnus:
            possibles = ", ".join(sorted(theme.nom for theme in connus.values()))
            raise ValueError(f"Thème inconnu : « {', '.join(inconnus)} ». Thèmes possibles : {possibles}.")
        return [connus[slugify(nom)] for nom in noms]


class TypeParLibelle(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texte = str(value or "").strip()
        if not texte:
            return TypeRessource.PUBLICATION
        for valeur, libelle in TypeRessource.choices:
            if slugify(texte) in (slugify(valeur), slugify(libelle)):
                return valeur
        possibles = ", ".join(libelle for _, libelle in TypeRessource.choices)
        raise ValueError(f"Type inconnu « {texte} ». Types possibles : {possibles}.")


class LienObligatoire(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        lien = str(value or "").strip()
        if not lien:
            raise ValueError("Chaque ligne a besoin d'un lien : il sert à retrouver la ressource au prochain import.")
        return lien


class RessourcesDuCentre(resources.ModelResource):
    titre = fields.Field(attribute="titre", column_name="titre", widget=widgets.CharWidget(allow_blank=True))
    date = fields.Field(attribute="date_publication", column_name="date", widget=DateFrancaise())
    resume = fields.Field(attribute="resume", column_name="resume", widget=widgets.CharWidget(allow_blank=True))
    lien = fields.Field(attribute="lien_externe", column_name="lien", widget=LienObligatoire())
    themes = fields.Field(attribute="themes", column_name="themes", widget=ThemesParNom())
    type = fields.Field(attribute="type", column_name="type", widget=TypeParLibelle())

    class Meta:
        model = Ressource
        fields = COLONNES
        import_id_fields = ["lien"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, centre=None, **kwargs):
        super().__init__()
        self.centre = centre

    def get_queryset(self):
        # A row finds again the centre's own ressource with the same link, never another centre's.
        return Ressource.objects.produites_par([self.centre.pk]) if self.centre else Ressource.objects.none()

    def import_instance(self, instance, row, **kwargs):
        if instance.pk is None:  # a new ressource: a draft, at a free address
            instance.statut = Statut.BROUILLON
            instance.slug = adresse_libre(Ressource, str(row.get("titre") or ""), defaut="ressource")
        erreurs = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as erreur:
            erreurs = erreur.update_error_dict(erreurs)
        # The themes are set after saving: checked here so that the preview shows their errors with the others'.
        try:
            self.fields["themes"].widget.clean(row.get("themes"))
        except ValueError as erreur:
            erreurs.setdefault("themes", []).append(str(erreur))
        if erreurs:
            raise ValidationError(erreurs)

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            instance.centres.add(self.centre)


class ChoixDuCentre:
    """The centre the rows are imported for: one of the user's (set by the admin, ``centres_proposes``)."""

    def ajouter_le_centre(self, centres):
        self.fields["centre"] = forms.ModelChoiceField(
            queryset=centres,
            label="Centre producteur",
            help_text="Les ressources importées sont rattachées à ce centre, en brouillon.",
            empty_label=None,
        )


class ImportDuCentre(ChoixDuCentre, ImportForm):
    pass


class ConfirmationDuCentre(ChoixDuCentre, ConfirmImportForm):
    def ajouter_le_centre(self, centres):
        super().ajouter_le_centre(centres)
        self.fields["centre"].widget = forms.HiddenInput()
