import django_filters
from django import forms
from django.db.models import F

from centres.filters import filtre_centre, filtre_region
from centres.models import Centre
from commun.filtres import case_a_cocher, filtre_recherche

from .enums import Tri, TypeRessource
from .models import Ressource, Theme
from .recherche import RECENTES, approchees, rechercher


class RessourceFilter(django_filters.FilterSet):
    q = filtre_recherche(
        "Rechercher",
        "filtrer_texte",
        aide="Tous les mots saisis. OR entre deux mots : l'un ou l'autre ; -mot : sans ce mot ; "
        '"entre guillemets" : l\'expression exacte.',
    )
    theme = django_filters.ModelChoiceFilter(
        label="Thème",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label="Tous les thèmes",
        error_messages={"invalid_choice": "Aucun thème n'a l'identifiant « %(value)s »."},
    )
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=TypeRessource.choices,
        empty_label="Tous les types",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un type de ressource."},
    )
    centre = filtre_centre("Centre producteur")
    region = filtre_region("Région des centres producteurs")
    annee = django_filters.NumberFilter(
        label="Année",
        field_name="date_publication__year",
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": "L'année doit être un nombre, par exemple 2023.",
            "min_value": "Aucune ressource n'est antérieure à %(limit_value)s.",
            "max_value": "L'année ne peut dépasser %(limit_value)s.",
        },
        # A text box: an invalid year typed by someone stays visible, and valid HTML, in the form.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "size": "4"}),
    )
    collective = case_a_cocher("Ressources collectives du réseau", "filtrer_collective")
    tri = django_filters.ChoiceFilter(
        label="Trier par",
        choices=Tri.choices,
        method="trier",
        empty_label="pertinence avec une recherche, sinon date",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un ordre de tri."},
    )

    class Meta:
        model = Ressource
        fields = ["q", "theme", "type", "centre", "region", "annee", "collective", "tri"]

    def __init__(self, *args, approchees=False, **kwargs):
        super().__init__(*args, **kwargs)
        # The search read by trigrams on the titles (``recherche.approchees``): when it found nothing as words.
        self.approchees = approchees

    def filtrer_texte(self, queryset, name, texte):
        return approchees(queryset, texte) if self.approchees else rechercher(queryset, texte)

    def filtrer_region(self, queryset, name, region):
        centres = Centre.objects.dans_region(region.code).values("pk")
        return queryset.filter(pk__in=Ressource.objects.filter(centres__in=centres).values("pk"))

    def filtrer_collective(self, queryset, name, valeur):
        return queryset.collectives() if valeur else queryset

    def trier(self, queryset, name, tri):
        # Sorting is applied in filter_queryset, after the search has annotated the relevance.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        donnees = self.form.cleaned_data
        tri = donnees.get("tri") or (Tri.PERTINENCE if donnees.get("q") else Tri.DATE)
        if tri == Tri.TITRE:
            return queryset.order_by("titre", "pk")
        if tri == Tri.PERTINENCE and donnees.get("q"):
            return queryset.order_by(F("pertinence").desc(), *RECENTES)
        return queryset.order_by(*RECENTES)


class FiltreDesCollectives(RessourceFilter):
    """The collective ressources' list: the same filters but « collective », which all of them are."""


FiltreDesCollectives.base_filters = {
    nom: filtre for nom, filtre in RessourceFilter.base_filters.items() if nom != "collective"
}
