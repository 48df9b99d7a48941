"""Blocks of pages that gather several apps.

- ``BLOCS_DU_CENTRE``: what the apps above add to a centre's page (its ressources, its events…), between the
  presentation and the territory. An app registers its block in its ``AppConfig.ready()``:
  ``BLOCS_DU_CENTRE.ajouter(Bloc(...))``; this app never names them.
- The centres' own section of ``/recherche/``.
"""

from commun.registre import SECTIONS_DE_RECHERCHE, Registre, SectionDeRecherche

BLOCS_DU_CENTRE = Registre("blocs de la page d'un centre")


def enregistrer():
    from .filters import CentreFilter
    from .models import Centre

    SECTIONS_DE_RECHERCHE.ajouter(
        SectionDeRecherche(
            cle="centres",
            titre="Centres",
            ordre=10,
            gabarit="centres/_resultats_recherche.html",
            filtre=lambda donnees: CentreFilter(donnees, queryset=Centre.objects.avec_territoire().par_nom()),
            page="centres:liste",
        )
    )
