import django_filters
from django.db.models import Q

from commun.filtres import case_a_cocher, filtre_recherche
from commun.texte import filtrer_texte

from .models import Centre, Commune, Departement, Region

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


def filtre_centre(label, field_name="centres"):
    """A centre by slug, as in /ressources/?centre=oriv."""
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=Centre.objects.all(),
        to_field_name="slug",
        field_name=field_name,
        empty_label="Tous les centres",
        error_messages={"invalid_choice": "Aucun centre n'a l'identifiant « %(value)s »."},
    )


class CentreFilter(django_filters.FilterSet):
    q = filtre_recherche("Commune, code postal ou nom du centre", "rechercher")
    region = filtre_region()
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.all(),
        method="filtrer_departement",
        empty_label="Tous les départements",
        error_messages={"invalid_choice": "Aucun département ni collectivité n'a le code « %(value)s »."},
    )
    outre_mer = case_a_cocher("Outre-mer uniquement", "filtrer_outre_mer")

    class Meta:
        model = Centre
        fields = ["q", "region", "departement", "outre_mer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["departement"].label_from_instance = lambda departement: (
            f"{departement.code} – {departement.nom}"
        )

    def rechercher(self, queryset, name, value):
        """A centre's name, acronym or city, or a commune (name or postal code) of its territory."""
        par_nom = filtrer_texte(Centre.objects.all(), ["nom", "sigle", "ville"], value).values("pk")
        communes = Commune.objects.correspondant(value).values("departement")
        par_commune = Centre.departements.through.objects.filter(departement__in=communes).values("centre")
        return queryset.filter(Q(pk__in=par_nom) | Q(pk__in=par_commune))

    def filtrer_region(self, queryset, name, region):
        return queryset.dans_region(region.code) if region else queryset

    def filtrer_departement(self, queryset, name, departement):
        return queryset.couvrant(departement.code) if departement else queryset

    def filtrer_outre_mer(self, queryset, name, value):
        return queryset.outre_mer() if value else queryset
