import django_filters
from django import forms
from django.db.models import Q

from centres.models import Centre, Region

from .enums import TypeEvenement
from .models import Evenement


class EvenementFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=TypeEvenement.choices,
        empty_label="Tous les types",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un type d'événement."},
    )
    centre = django_filters.ModelChoiceFilter(
        label="Centre organisateur",
        queryset=Centre.objects.all(),
        to_field_name="slug",
        field_name="centres",
        empty_label="Tous les centres",
        error_messages={"invalid_choice": "Aucun centre n'a l'identifiant « %(value)s »."},
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        queryset=Region.objects.all(),
        method="filtrer_region",
        empty_label="Toutes les régions",
        error_messages={"invalid_choice": "Aucune région n'a le code « %(value)s »."},
    )
    en_ligne = django_filters.BooleanFilter(
        label="En ligne uniquement", method="filtrer_vrai", widget=forms.CheckboxInput(attrs={"value": "1"})
    )
    national = django_filters.BooleanFilter(
        label="Réseau national uniquement", method="filtrer_vrai", widget=forms.CheckboxInput(attrs={"value": "1"})
    )

    class Meta:
        model = Evenement
        fields = ["type", "centre", "region", "en_ligne", "national"]

    def filtrer_region(self, queryset, name, region):
        """Events held in the region, or organised by a centre working there."""
        organises = Evenement.objects.filter(centres__in=Centre.objects.dans_region(region.code).values("pk"))
        return queryset.filter(Q(pk__in=organises.values("pk")) | Q(departement__region=region))

    def filtrer_vrai(self, queryset, name, valeur):
        return queryset.filter(**{name: True}) if valeur else queryset
