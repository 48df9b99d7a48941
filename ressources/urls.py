from django.urls import path

from . import views

app_name = "ressources"

urlpatterns = [
    path("", views.ressource_list, name="liste"),
    path("collectives/", views.ressource_collectives, name="collectives"),
    path("<slug:slug>/", views.ressource_detail, name="detail"),
    path("<slug:slug>/fichier/", views.fichier, name="fichier"),
]
