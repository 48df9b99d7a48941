"""The floors of the house: the project package on top, the domain apps below it, ``commun`` at the bottom.

Each package's imports are read from its source files (migrations and templates tags included), so that a
new import that climbs a floor fails here rather than in a review.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

PROJET = "crpv_portal"
APPS_DU_DOMAINE = [
    "centres", "ressources", "evenements", "pilotage", "comptes", "collecte", "donnees", "api", "alertes",
]  # fmt: skip
# The apps that gather the others (harvest, open data, API): no domain app may import them.
AU_DESSUS = {"comptes", "collecte", "donnees", "api", "alertes"}
COMMUN = "commun"

# What each package must never import: the floors above it.
INTERDITS = {
    COMMUN: {PROJET, *APPS_DU_DOMAINE},
    "centres": {PROJET, "ressources", "evenements", "pilotage", *AU_DESSUS},
    "ressources": {PROJET, "evenements", "pilotage", *AU_DESSUS},
    "evenements": {PROJET, "pilotage", *AU_DESSUS},
    "pilotage": {PROJET, *AU_DESSUS},
    "comptes": {PROJET, "ressources", "evenements", "pilotage", *AU_DESSUS - {"comptes"}},
    "collecte": {PROJET, "pilotage", *AU_DESSUS - {"collecte"}},
    "donnees": {PROJET, "pilotage", *AU_DESSUS - {"donnees"}},
    "api": {PROJET, "pilotage", *AU_DESSUS - {"api"}},
    "alertes": {PROJET, "pilotage", *AU_DESSUS - {"alertes"}},
}


def modules_importes(paquet):
    """{(file, imported top-level package)} for every import statement of the package's Python files."""
    importes = set()
    for fichier in sorted((Path(settings.BASE_DIR) / paquet).rglob("*.py")):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"), filename=str(fichier))
        for noeud in ast.walk(arbre):
            if isinstance(noeud, ast.Import):
                noms = [alias.name for alias in noeud.names]
            elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
                noms = [noeud.module]
            else:
                continue
            importes.update((fichier.relative_to(settings.BASE_DIR).as_posix(), nom.split(".")[0]) for nom in noms)
    return importes


@pytest.mark.parametrize("paquet", sorted(INTERDITS))
def test_aucun_paquet_n_importe_un_etage_superieur(paquet):
    importes = modules_importes(paquet)
    assert importes, f"aucun import lu dans {paquet} : le test ne lit pas les bons fichiers"
    fautes = sorted(f"{fichier} importe {module}" for fichier, module in importes if module in INTERDITS[paquet])
    assert fautes == []


def test_le_test_voit_un_import_interdit(tmp_path, settings):
    """The walk above finds an import of the project package when there is one."""
    (tmp_path / "centres").mkdir()
    (tmp_path / "centres" / "vues.py").write_text("from crpv_portal.views import accueil\nimport os\n")
    settings.BASE_DIR = tmp_path
    assert ("centres/vues.py", PROJET) in modules_importes("centres")
