"""The checks every page goes through: axe-core in Chromium and the Nu HTML Checker.

Both tools come from the npm registry (package.json, installed by `make test` into
node_modules/): nothing is fetched from a CDN at run time.
"""

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
VNU = RACINE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("CRPV_CHROMIUM", "/usr/bin/chromium"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def requis(outil, chemin, installation):
    """Skip when a checker is missing on a developer's machine; fail in CI, where it must run."""
    if chemin.exists():
        return
    message = f"{outil} introuvable ({chemin}) : {installation}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def assert_accessible(page):
    """Run axe-core on the page and fail with a readable list of WCAG 2.0/2.1 A and AA violations."""
    requis("axe-core", AXE, "lancez `npm install`")
    page.add_script_tag(path=str(AXE))
    resultat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = resultat["violations"]
    if violations:
        lignes = [f"{len(violations)} violation(s) axe sur {page.url} :"]
        for violation in violations:
            lignes.append(f"- [{violation['impact']}] {violation['id']} : {violation['help']}")
            for noeud in violation["nodes"][:5]:
                lignes.append(f"    {', '.join(noeud['target'])} → {noeud['failureSummary'].splitlines()[-1].strip()}")
        pytest.fail("\n".join(lignes), pytrace=False)


def erreurs_html(*documents):
    """Nu HTML Checker errors for each document, in one JVM run: {index: [messages]}."""
    requis("Nu HTML Checker", VNU, "lancez `npm install`")
    if shutil.which("java") is None:
        requis("java", Path("/usr/bin/java"), "installez un JRE (apt-get install default-jre-headless)")
    with tempfile.TemporaryDirectory() as dossier:
        chemins = []
        for index, html in enumerate(documents):
            chemin = Path(dossier) / f"page-{index}.html"
            chemin.write_text(html, encoding="utf-8")
            chemins.append(str(chemin))
        sortie = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *chemins],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    erreurs = {}
    for message in json.loads(sortie.stdout or '{"messages": []}')["messages"]:
        index = int(Path(message.get("url", "page-0.html")).stem.split("-")[-1])
        ligne = message.get("lastLine", "?")
        erreurs.setdefault(index, []).append(f"ligne {ligne} : {message['message']}")
    return erreurs


def assert_valid_html(*documents, noms=None):
    """Fail when the Nu HTML Checker finds an error in any of the documents."""
    erreurs = erreurs_html(*documents)
    if erreurs:
        noms = noms or [f"document {index}" for index in range(len(documents))]
        lignes = []
        for index, messages in sorted(erreurs.items()):
            lignes.append(f"{noms[index]} :")
            lignes.extend(f"  {message}" for message in messages)
        pytest.fail("HTML invalide\n" + "\n".join(lignes), pytrace=False)


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = set(), []

    def handle_starttag(self, balise, attributs):
        for nom, valeur in attributs:
            if nom == "id":
                self.ids.add(valeur)
            elif nom in ("aria-describedby", "aria-labelledby", "aria-controls") and valeur:
                self.references.extend((balise, nom, reference) for reference in valeur.split())
            elif nom == "for" and balise == "label":
                self.references.append((balise, nom, valeur))


def references_sans_cible(html):
    """The ids a document points to (``aria-describedby``, ``aria-labelledby``, ``aria-controls``, a label's
    ``for``) that no element of it has: a field's help or error a screen reader would never read."""
    lecteur = _References()
    lecteur.feed(html)
    return [reference for reference in lecteur.references if reference[2] not in lecteur.ids]
