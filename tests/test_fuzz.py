"""Every public address of the portal, with generated path values and query strings: never a 500.

The addresses are read from the URL configuration itself (a new page is fuzzed without being listed here): for
each pattern, hypothesis writes paths that match its regular expression (the slugs of real rows among them) and
query strings made of the filters' names and of anything else, hostile characters included.
"""

import os
import re
from urllib.parse import quote, urlencode

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centres.models import Centre, Quartier
from tests.evenements.factories import EvenementFactory
from tests.ressources.factories import RessourceFactory

# The admin, the accounts' token pages and the dashboard have their own tests of rights (tests/test_droits.py);
# they only answer redirections to the login page here.
HORS_CHAMP = ("admin/", "pilotage/", "compte/")

NOMS_DE_PARAMETRES = [
    "q", "page", "p", "theme", "type", "centre", "region", "departement", "annee", "collective", "tri", "outre_mer",
    "couvert", "en_ligne", "national", "a_venir", "format", "limit", "offset", "ordering", "cursor",
]  # fmt: skip
TEXTE_HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "0", "-1", "999999999999999999999", "1e9", "🙂", "' OR 1=1 --", "<script>", "%00", "..", "76"]
    ),
)


def _sans_ancres(expression):
    return expression.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def adresses(motifs=None, prefixe=""):
    """(full regular expression, route) of every address the portal answers."""
    for motif in motifs if motifs is not None else get_resolver().url_patterns:
        expression = prefixe + _sans_ancres(motif.pattern.regex.pattern)
        if isinstance(motif, URLResolver):
            yield from adresses(motif.url_patterns, expression)
        elif isinstance(motif, URLPattern):
            yield expression, str(motif.pattern)


PUBLIQUES = sorted({expression for expression, _ in adresses() if not expression.startswith(HORS_CHAMP)})


GROUPE = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")


@st.composite
def requete(draw, connues):
    """A path of one of the public patterns (each named part: a real value that fits, or anything that fits), and a
    query string."""
    expression = draw(st.sampled_from(PUBLIQUES))
    while groupe := GROUPE.search(expression):
        sous_motif = re.compile(f"^(?:{groupe.group(2)})$")
        possibles = [valeur for valeur in connues if sous_motif.match(valeur)]
        if possibles and draw(st.booleans()):
            valeur = draw(st.sampled_from(possibles))
        else:
            valeur = draw(st.from_regex(sous_motif, fullmatch=True))
        expression = expression[: groupe.start()] + re.escape(valeur) + expression[groupe.end() :]
    chemin = draw(st.from_regex(re.compile(f"^{expression}$"), fullmatch=True))
    parametres = draw(
        st.lists(
            st.tuples(st.one_of(st.sampled_from(NOMS_DE_PARAMETRES), st.text(max_size=8)), TEXTE_HOSTILE), max_size=4
        )
    )
    return "/" + quote(chemin, safe="/.-_~"), urlencode(parametres)


@pytest.fixture
def portail(donnees_reference):
    oriv = Centre.objects.get(slug="oriv")
    ressource = RessourceFactory(centres=[oriv], titre="Guide des conseils citoyens", slug="guide-conseils-citoyens")
    evenement = EvenementFactory(centres=[oriv], titre="Séminaire des équipes", slug="seminaire-des-equipes")
    quartier = Quartier.objects.order_by("code").first()
    sections = ["pages", "centres", "quartiers", "ressources", "evenements"]
    jeux = ["centres", "couverture", "ressources", "evenements", "quartiers", "csv", "json", "xlsx"]
    return [
        oriv.slug,
        ressource.slug,
        evenement.slug,
        "profession-banlieue",
        quartier.code,
        "76",
        "67",
        *sections,
        *jeux,
    ]


def test_les_motifs_lus_couvrent_les_pages_publiques():
    """The fuzz reaches what a visitor reaches: the lists, the pages of rows, the files and the API."""
    for attendu in ["centres/", "ressources/", "evenements/agenda", "sitemap", "donnees/", "api/v1/", "alertes/"]:
        assert any(expression.startswith(attendu) for expression in PUBLIQUES), attendu
    assert len(PUBLIQUES) > 40


@settings(
    max_examples=int(os.environ.get("FUZZ_EXEMPLES", "600")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
@given(data=st.data())
def test_aucune_adresse_publique_ne_repond_500(client, portail, data):
    chemin, chaine = data.draw(requete(portail))
    reponse = client.get(chemin, QUERY_STRING=chaine)
    if os.environ.get("FUZZ_TRACE"):
        print("TRACE", reponse.status_code, chemin, chaine[:40])
    # A file answer (an XLSX export) holds its temporary file until the server closes it; closed here as the test
    # client does, without the end-of-request signal that would close the test's database connection.
    request_finished.disconnect(close_old_connections)
    try:
        reponse.close()
    finally:
        request_finished.connect(close_old_connections)
    assert reponse.status_code < 500, f"{chemin}?{chaine} → {reponse.status_code}"
