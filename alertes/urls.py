from django.urls import path

from . import views

app_name = "alertes"

urlpatterns = [
    path("nouvelle/", views.nouvelle, name="nouvelle"),
    path("demande-envoyee/", views.demandee, name="demandee"),
    path("confirmer/<str:jeton>/", views.confirmer, name="confirmer"),
    path("gerer/<str:jeton>/", views.gerer, name="gerer"),
    path("desinscrire/<str:jeton>/", views.desinscrire, name="desinscrire"),
]
