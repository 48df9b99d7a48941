from django.urls import path

from . import views

app_name = "evenements"

urlpatterns = [
    path("", views.evenement_list, name="liste"),
    path("archives/", views.evenement_archives, name="archives"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>.ics", views.evenement_ics, name="ics"),
    path("<slug:slug>/", views.evenement_detail, name="detail"),
]
