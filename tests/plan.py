"""The sitemap as a crawler reads it: the index at /sitemap.xml, then each file and page it names."""

from xml.etree import ElementTree

ESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fichiers_du_plan(client):
    """The addresses the index names (``/sitemap-ressources.xml?p=2``…), without the host."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{ESPACE}sitemapindex"
    return [loc.text.removeprefix("http://testserver") for loc in index.iter(f"{ESPACE}loc")]


def plan_du_site(client):
    """Every file of the sitemap, one after the other, as text."""
    morceaux = []
    for adresse in fichiers_du_plan(client):
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        morceaux.append(reponse.content.decode())
    return "\n".join(morceaux)


def adresses_du_plan_complet(client):
    """Every page address of the sitemap, without the host."""
    adresses = []
    for adresse in fichiers_du_plan(client):
        fichier = ElementTree.fromstring(client.get(adresse).content)
        adresses += [loc.text.removeprefix("http://testserver") for loc in fichier.iter(f"{ESPACE}loc")]
    return adresses
