import django_filters
from django.db.models import Q

from centres.filters import filtre_centre, filtre_region
from centres.models import Centre
from commun.filtres import case_a_cocher, filtre_recherche
from commun.texte import forme_de_recherche

from .enums import TypeEvenement
from .models import Evenement


class EvenementFilter(django_filters.FilterSet):
    q = filtre_recherche("Rechercher", "rechercher")
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=TypeEvenement.choices,
        empty_label="Tous les types",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un type d'événement."},
    )
    centre = filtre_centre("Centre organisateur")
    region = filtre_region()
    en_ligne = case_a_cocher("En ligne uniquement", "filtrer_vrai")
    national = case_a_cocher("Réseau national uniquement", "filtrer_vrai")

    class Meta:
        model = Evenement
        fields = ["q", "type", "centre", "region", "en_ligne", "national"]

    def rechercher(self, queryset, name, texte):
        """Any of the title, town, place or presentation contains ``texte``, accents and case ignored: in the
        column the database keeps of them (migration 0011)."""
        forme = forme_de_recherche(texte)
        return queryset.filter(texte_recherche__contains=forme) if forme else queryset

    def filtrer_region(self, queryset, name, region):
        """Events held in the region, or organised by a centre working there."""
        organises = Evenement.objects.filter(centres__in=Centre.objects.dans_region(region.code).values("pk"))
        return queryset.filter(Q(pk__in=organises.values("pk")) | Q(departement__region=region))

    def filtrer_vrai(self, queryset, name, valeur):
        return queryset.filter(**{name: True}) if valeur else queryset
