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


# Who knows the cache (docs/architecture.md): the cache itself, the three places that keep a value several addresses
# share, the limits against abuse, and the one template fragment. A new one is a decision to write down there.
CONNAISSENT_LE_CACHE = {
    "commun/cache.py",
    "ressources/recherche.py",
    "centres/views.py",
    "crpv_portal/views.py",
    "commun/limites.py",
    "commun/templates/includes/_champs_du_filtre.html",
}


def fichiers_qui_connaissent_le_cache(racine):
    """Python files (but tests, the benchmark and migrations) that import a module with « cache » in its name, and
    templates that load cache tags."""
    connaissent = set()
    for fichier in racine.rglob("*.py"):
        chemin = fichier.relative_to(racine).as_posix()
        if chemin.startswith((".venv/", "tests/", "bench/", "node_modules/")) or "/migrations/" in chemin:
            continue
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Import):
                modules = [alias.name for alias in noeud.names]
            elif isinstance(noeud, ast.ImportFrom):  # « from django.core import cache » imports a module too
                modules = [noeud.module or "", *(alias.name for alias in noeud.names if alias.name == "cache")]
            else:
                continue
            if any("cache" in partie for module in modules for partie in module.split(".")):
                connaissent.add(chemin)
    for fichier in racine.rglob("*.html"):
        chemin = fichier.relative_to(racine).as_posix()
        if not chemin.startswith((".venv/", "node_modules/")) and "{% load cache" in fichier.read_text():
            connaissent.add(chemin)
    return connaissent


def test_peu_de_fichiers_connaissent_le_cache():
    assert fichiers_qui_connaissent_le_cache(Path(settings.BASE_DIR)) == CONNAISSENT_LE_CACHE
    assert len(CONNAISSENT_LE_CACHE) < 10


def test_le_test_voit_un_fichier_qui_connait_le_cache(tmp_path):
    (tmp_path / "evenements").mkdir()
    (tmp_path / "evenements" / "vues.py").write_text("from commun.cache import selon_le_contenu\n")
    (tmp_path / "evenements" / "page.html").write_text("{% load cache %}{% cache 60 x %}{% endcache %}")
    (tmp_path / "evenements" / "autre.py").write_text("from django.core import cache\n")
    assert fichiers_qui_connaissent_le_cache(tmp_path) == {
        "evenements/vues.py",
        "evenements/page.html",
        "evenements/autre.py",
    }
