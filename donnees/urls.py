from django.urls import path, re_path

from . import views

app_name = "donnees"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("<slug:cle>.schema.json", views.schema, name="schema"),
    re_path(r"^(?P<cle>[a-z]+)\.(?P<format>csv|json|xlsx)$", views.fichier, name="fichier"),
    path("<slug:cle>/", views.jeu_detail, name="detail"),
]
