import django_filters
from django.db.models import Q

from commun.filtres import case_a_cocher, filtre_recherche
from commun.texte import condition_de_texte

from .models import Centre, Commune, Departement, Quartier, Region

# Filters on the centres' data that the directory, the ressources, the agenda and the dashboard share.


def filtre_region(label="Région", method="filtrer_region"):
    """A region by INSEE code; an unknown code is a form error in French."""
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=Region.objects.all(),
        method=method,
        empty_label="Toutes les régions",
        error_messages={"invalid_choice": "Aucune région n'a le code « %(value)s »."},
    )


def filtre_centre(label, field_name="centres", method=None):
    """A centre by slug, as in /ressources/?centre=oriv."""
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=Centre.objects.publics(),
        to_field_name="slug",
        field_name=field_name,
        method=method,
        empty_label="Tous les centres",
        error_messages={"invalid_choice": "Aucun centre n'a l'identifiant « %(value)s »."},
    )


class ChampDepartement(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, departement):
        return f"{departement.code} – {departement.nom}"


class DepartementFilter(django_filters.ModelChoiceFilter):
    """A département or overseas collectivity by INSEE code, listed as « 93 – Seine-Saint-Denis »."""

    field_class = ChampDepartement


def filtre_departement(method="filtrer_departement"):
    return DepartementFilter(
        label="Département",
        queryset=Departement.objects.all(),
        method=method,
        empty_label="Tous les départements",
        error_messages={"invalid_choice": "Aucun département ni collectivité n'a le code « %(value)s »."},
    )


class CentreFilter(django_filters.FilterSet):
    q = filtre_recherche("Commune, code postal ou nom du centre", "rechercher")
    region = filtre_region()
    departement = filtre_departement()
    outre_mer = case_a_cocher("Outre-mer uniquement", "filtrer_outre_mer")

    class Meta:
        model = Centre
        fields = ["q", "region", "departement", "outre_mer"]

    def rechercher(self, queryset, name, value):
        """A centre's name, acronym or city, or a commune (name, postal code) or a quartier (name, code) of its
        territory."""
        alias, par_nom = condition_de_texte(["nom", "sigle", "ville"], value)
        if not par_nom:
            return queryset
        lieux = Q(departement__in=Commune.objects.correspondant(value).values("departement")) | Q(
            departement__in=Quartier.objects.nommes(value).values("departement")
        )
        par_lieu = Centre.departements.through.objects.filter(lieux).values("centre")
        return queryset.alias(**alias).filter(par_nom | Q(pk__in=par_lieu))

    def filtrer_region(self, queryset, name, region):
        return queryset.dans_region(region.code) if region else queryset

    def filtrer_departement(self, queryset, name, departement):
        return queryset.couvrant(departement.code) if departement else queryset

    def filtrer_outre_mer(self, queryset, name, value):
        return queryset.outre_mer() if value else queryset


class QuartierFilter(django_filters.FilterSet):
    q = filtre_recherche("Nom ou code du quartier, commune ou code postal", "rechercher")
    region = filtre_region()
    departement = filtre_departement()
    couvert = django_filters.ChoiceFilter(
        label="Centre de ressources",
        choices=[("1", "quartiers couverts par un centre"), ("0", "quartiers sans centre")],
        method="filtrer_couvert",
        empty_label="couverts ou non",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un choix possible : 1 (couverts) ou 0."},
    )
    centre = filtre_centre("Territoire du centre", method="filtrer_centre")

    class Meta:
        model = Quartier
        fields = ["q", "region", "departement", "couvert", "centre"]

    def rechercher(self, queryset, name, value):
        return queryset.correspondant(value)

    def filtrer_region(self, queryset, name, region):
        return queryset.filter(departement__region=region)

    def filtrer_departement(self, queryset, name, departement):
        return queryset.filter(departement=departement)

    def filtrer_couvert(self, queryset, name, valeur):
        couverts = Quartier.objects.couverts().values("pk")
        return queryset.filter(pk__in=couverts) if valeur == "1" else queryset.exclude(pk__in=couverts)

    def filtrer_centre(self, queryset, name, centre):
        return queryset.filter(departement__in=centre.departements.values("pk"))
