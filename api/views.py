"""The read-only API: the list pages' own filter sets, paginated, constant queries per page."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from centres.filters import CentreFilter, QuartierFilter
from centres.models import Centre, Commune, Contact, Departement, Quartier, Region
from evenements.filters import EvenementFilter
from evenements.models import Evenement
from ressources.filters import RessourceFilter
from ressources.models import Ressource

from . import serializers


class LectureSeule(viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]


class CentreViewSet(LectureSeule):
    """Les centres du réseau (filtres de l'annuaire : `region`, `departement`, `outre_mer`, `q`)."""

    serializer_class = serializers.CentreSerializer
    filterset_class = CentreFilter
    lookup_field = "slug"
    queryset = (
        Centre.objects.publics()
        .avec_label_courant()
        .avec_territoire()
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.filter(public=True), to_attr="contacts_publics")
        )
        .par_nom()
    )


class RegionViewSet(LectureSeule):
    """Les régions, avec leur code INSEE."""

    serializer_class = serializers.RegionSerializer
    queryset = Region.objects.order_by("code")
    lookup_field = "code"


class DepartementViewSet(LectureSeule):
    """Les départements et collectivités d'outre-mer, leur nombre de QPV et leur couverture par le réseau."""

    serializer_class = serializers.DepartementSerializer
    queryset = Departement.objects.order_by("code")
    lookup_field = "code"
    filterset_fields = ["region", "outre_mer"]

    def get_serializer_context(self):
        couverts = set(Departement.objects.couverts().values_list("code", flat=True))
        return super().get_serializer_context() | {"departements_couverts": couverts}


class RessourceViewSet(LectureSeule):
    """Les ressources publiées (filtres de la page des ressources : `q`, `theme`, `type`, `centre`, `region`,
    `annee`, `collective`, `tri`)."""

    serializer_class = serializers.RessourceSerializer
    filterset_class = RessourceFilter
    lookup_field = "slug"
    queryset = Ressource.objects.publiees().recentes().avec_producteurs().prefetch_related("themes").defer("corps")


class EvenementViewSet(LectureSeule):
    """Les événements publiés, passés et à venir (filtres de l'agenda : `q`, `type`, `centre`, `region`,
    `en_ligne`, `national`)."""

    serializer_class = serializers.EvenementSerializer
    filterset_class = EvenementFilter
    lookup_field = "slug"
    queryset = Evenement.objects.publies().avec_organisateurs().order_by("-date_debut", "titre")


class QuartierViewSet(LectureSeule):
    """Les quartiers prioritaires de la géographie 2024 (filtres de la page des quartiers)."""

    serializer_class = serializers.QuartierSerializer
    filterset_class = QuartierFilter
    lookup_field = "code"
    queryset = Quartier.objects.prefetch_related(Prefetch("communes", queryset=Commune.objects.only("code")))
