"""The wheel carries what a checkout holds beside the apps: ``templates/``, ``static/`` and ``fixtures/`` (the
reference data and its sources) go into ``crpv_portal/projet/``, where the settings look when the portal runs
from an installed package rather than from a checkout. Everything else is in ``pyproject.toml``."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DOSSIERS_DU_PROJET = ("templates", "static", "fixtures")


class AvecLesFichiersDuProjet(build_py):
    def run(self):
        super().run()
        racine = Path(__file__).resolve().parent
        for dossier in DOSSIERS_DU_PROJET:
            self.copy_tree(str(racine / dossier), str(Path(self.build_lib) / "crpv_portal" / "projet" / dossier))


setup(cmdclass={"build_py": AvecLesFichiersDuProjet})
