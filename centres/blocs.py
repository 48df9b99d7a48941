"""Blocks of pages that gather several apps.

- ``BLOCS_DU_CENTRE``: what the apps above add to a centre's page (its ressources, its events…), between the
  presentation and the territory. An app registers its block in its ``AppConfig.ready()``:
  ``BLOCS_DU_CENTRE.ajouter(Bloc(...))``; this app never names them.
- ``BLOCS_DE_MON_CENTRE``: what the apps above add to « Mon centre », the first thing a team sees in the admin.
- The centres' own sections of ``/recherche/``: the centres and the quartiers prioritaires.
"""

from commun.registre import SECTIONS_DE_RECHERCHE, Registre, SectionDeRecherche, chercher

BLOCS_DU_CENTRE = Registre("blocs de la page d'un centre")
# What needs a team's attention, per app, in « Mon centre » at the top of the admin's index: an app registers a
# ``Bloc`` whose ``contexte(centre, depuis)`` (``depuis``: the team member's previous visit, or None) gives
# ``titre``, ``lignes`` (texts with an optional link), ``ajouter`` and ``libelle_ajouter``.
BLOCS_DE_MON_CENTRE = Registre("blocs de « Mon centre » dans l'administration")


def enregistrer():
    from .filters import CentreFilter, QuartierFilter
    from .models import Centre, Quartier

    SECTIONS_DE_RECHERCHE.ajouter(
        SectionDeRecherche(
            cle="centres",
            titre="Centres",
            ordre=10,
            gabarit="centres/_resultats_recherche.html",
            page="centres:liste",
            chercher=lambda texte, nombre: chercher(
                CentreFilter, Centre.objects.publics().par_nom().en_tuiles(), texte, nombre
            ),
        )
    )
    SECTIONS_DE_RECHERCHE.ajouter(
        SectionDeRecherche(
            cle="quartiers",
            titre="Quartiers prioritaires",
            ordre=15,
            gabarit="centres/_resultats_recherche_quartiers.html",
            page="quartiers:liste",
            chercher=lambda texte, nombre: chercher(QuartierFilter, Quartier.objects.en_tuiles(), texte, nombre),
        )
    )
