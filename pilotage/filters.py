import django_filters
from django import forms
from django.db.models import F

from centres.enums import StatutLabel
from centres.filters import filtre_region
from centres.models import Centre

AUCUN = "aucun"


class CentreLabelFilter(django_filters.FilterSet):
    """The centres of the dashboard, by the status of their current label decision and by region."""

    statut = django_filters.ChoiceFilter(
        label="Statut du label",
        choices=[*StatutLabel.choices, (AUCUN, "aucune décision")],
        method="filtrer_statut",
        empty_label="Tous les statuts",
        error_messages={"invalid_choice": "« %(value)s » n'est pas un statut de label."},
    )
    region = filtre_region()
    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=[("nom", "nom"), ("label_date_expiration", "expiration"), ("label_statut", "statut")],
        field_labels={"nom": "centre", "label_date_expiration": "date d'expiration", "label_statut": "statut"},
        empty_label="vigilance (à surveiller d'abord)",
        widget=forms.Select,
    )

    class Meta:
        model = Centre
        fields = ["statut", "region"]

    def filtrer_statut(self, queryset, name, statut):
        if statut == AUCUN:
            return queryset.filter(label_statut__isnull=True)
        return queryset.filter(label_statut=statut)

    def filtrer_region(self, queryset, name, region):
        return queryset.dans_region(region.code)

    def filter_queryset(self, queryset):
        # Unknown expiry dates sort last whichever the direction.
        queryset = super().filter_queryset(queryset)
        ordre = self.form.cleaned_data.get("tri") if self.form.is_valid() else None
        if ordre and ordre[0].lstrip("-") == "label_date_expiration":
            expression = F("label_date_expiration")
            expression = (
                expression.desc(nulls_last=True) if ordre[0].startswith("-") else expression.asc(nulls_last=True)
            )
            queryset = queryset.order_by(expression, "nom")
        return queryset
