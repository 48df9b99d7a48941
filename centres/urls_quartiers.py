from django.urls import path, register_converter

from . import views


class CodeQuartier:
    """An ANCT code as typed in an address (« QN09336I », or in lower case, redirected): eight letters or digits,
    so that nothing else (a NUL byte PostgreSQL refuses, a slash) ever reaches the database."""

    regex = "[A-Za-z0-9]{8}"

    def to_python(self, valeur):
        return valeur

    def to_url(self, valeur):
        return valeur


register_converter(CodeQuartier, "code_quartier")

app_name = "quartiers"

urlpatterns = [
    path("", views.quartier_list, name="liste"),
    path("<code_quartier:code>/", views.quartier_detail, name="detail"),
]
