from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

routeur = DefaultRouter()
routeur.register("centres", views.CentreViewSet, basename="centre")
routeur.register("regions", views.RegionViewSet, basename="region")
routeur.register("departements", views.DepartementViewSet, basename="departement")
routeur.register("ressources", views.RessourceViewSet, basename="ressource")
routeur.register("evenements", views.EvenementViewSet, basename="evenement")
routeur.register("quartiers", views.QuartierViewSet, basename="quartier")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script at its own address: nothing inline (Content-Security-Policy).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *routeur.urls,
]
