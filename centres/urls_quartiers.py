from django.urls import path

from . import views

app_name = "quartiers"

urlpatterns = [
    path("", views.quartier_list, name="liste"),
    path("<str:code>/", views.quartier_detail, name="detail"),
]
