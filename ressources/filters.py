import django_filters
from django import forms
from django.db.models import F

from centres.filters import filtre_centre, filtre_region
from centres.models import Centre
from commun.filtres import FiltreDeChoixSelonLeContenu, case_a_cocher, filtre_recherche

from .enums import Tri, TypeRessource
from .models import Ressource, Theme
from .recherche import TOUTE_LA_LISTE, rechercher


class RessourceFilter(django_filters.FilterSet):
    q = filtre_recherche(
        "Rechercher",
        "filtrer_texte",
        aide="Tous les mots saisis. OR entre deux mots : l'un ou l'autre ; -mot : sans ce mot ; "
        '"entre guillemets" : l\'expression exacte.',
    )
    theme = FiltreDeChoixSelonLeContenu(
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requete = None  # the full-text query the search ran (PostgreSQL), once ``qs`` is read
        self.sans_recherche = None  # the results of every filter but the search, once ``qs`` is read

    def filtrer_texte(self, queryset, name, texte):
        queryset, self.requete = rechercher(queryset, texte)
        return queryset

    def formule_des_decomptes(self):
        """The search as the counts tables answer it (``recherche.Formule``) when nothing but the search (and
        « collective ») narrows the list, ``TOUTE_LA_LISTE`` for no search at all: its counts are then those the
        database keeps (``recherche.decomptes``). None otherwise (a phrase in quotes, another filter)."""
        self.qs  # noqa: B018 (runs the search, which sets self.requete)
        if self.is_bound and self.form.errors:
            return None
        donnees = getattr(self.form, "cleaned_data", {})
        if any(donnees.get(nom) not in (None, "") for nom in ["theme", "type", "centre", "region", "annee"]):
            return None
        if not donnees.get("q"):
            return TOUTE_LA_LISTE
        formule = self.requete.formule if self.requete else None
        return formule if formule and formule.exacte else None

    def filtrer_region(self, queryset, name, region):
        centres = Centre.objects.dans_region(region.code).values("pk")
        return queryset.filter(pk__in=Ressource.objects.filter(centres__in=centres).values("pk"))

    def filtrer_collective(self, queryset, name, valeur):
        return queryset.collectives() if valeur else queryset

    def trier(self, queryset, name, tri):
        # Sorting is applied in filter_queryset, after the search has annotated the relevance.
        return queryset

    def filter_queryset(self, queryset):
        # The search last: the results of every other filter stay at hand (recherche.les_plus_recentes).
        donnees = self.form.cleaned_data
        for nom, valeur in donnees.items():
            if nom != "q":
                queryset = self.filters[nom].filter(queryset, valeur)
        self.sans_recherche = queryset
        queryset = self.filters["q"].filter(queryset, donnees.get("q"))
        tri = donnees.get("tri") or (Tri.PERTINENCE if donnees.get("q") else Tri.DATE)
        if tri == Tri.TITRE:
            return queryset.order_by("titre", "pk")
        if tri == Tri.PERTINENCE and donnees.get("q"):
            return queryset.order_by(F("pertinence").desc(), F("date_publication").desc(nulls_last=True), "-pk")
        return queryset.order_by(F("date_publication").desc(nulls_last=True), "-pk")
