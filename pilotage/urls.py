from django.urls import path

from . import views

app_name = "pilotage"

urlpatterns = [
    path("", views.tableau_de_bord, name="tableau_de_bord"),
    path("labels.csv", views.export_labels, name="export_labels"),
    path("couverture.csv", views.export_couverture, name="export_couverture"),
]
