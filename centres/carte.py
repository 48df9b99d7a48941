"""Maps of France drawn on the server as inline SVG, from fixtures/referentiel/geo/.

The outlines are read and projected once per process (``functools.cache``); a request only
attaches links, names and coverage states to the cached paths. Overseas départements and
Île-de-France (whose centres are départemental) get insets beside metropolitan France.
"""

import functools
import json
import math
from dataclasses import dataclass, field

from django.conf import settings

GEO = settings.DOSSIER_REFERENTIEL / "geo"

IDF = ("75", "77", "78", "91", "92", "93", "94", "95")
# Overseas régions and their single département.
OUTRE_MER = {"01": "971", "02": "972", "03": "973", "04": "974", "06": "976"}


@dataclass(frozen=True)
class Boite:
    x: float
    y: float
    largeur: float
    hauteur: float


@dataclass
class Forme:
    code: str
    trace: str
    nom: str
    url: str
    etat: str
    libelle: str


@dataclass
class Cadre:
    titre: str
    boite: Boite
    encart: bool
    formes: list[Forme] = field(default_factory=list)

    @property
    def titre_y(self):
        return self.boite.y + 13


@dataclass
class Carte:
    identifiant: str
    titre: str
    description: str
    largeur: int
    hauteur: int
    cadres: list[Cadre]
    legende: tuple[tuple[str, str], ...] = ()

    @property
    def formes(self):
        return [forme for cadre in self.cadres for forme in cadre.formes]


@functools.cache
def _contours(niveau):
    """{code: [ring, ...]} for 'regions' or 'departements', rings as lists of (lon, lat)."""
    with open(GEO / f"{niveau}.geojson", encoding="utf-8") as fichier:
        collection = json.load(fichier)
    contours = {}
    for feature in collection["features"]:
        proprietes = feature["properties"]
        code = proprietes.get("code") or proprietes["region"]
        geometrie = feature["geometry"]
        polygones = geometrie["coordinates"] if geometrie["type"] == "MultiPolygon" else [geometrie["coordinates"]]
        contours[code] = [[tuple(point) for point in anneau] for polygone in polygones for anneau in polygone]
    return contours


def codes_metropole(niveau):
    exclus = set(OUTRE_MER.values()) if niveau == "departements" else set(OUTRE_MER)
    return tuple(sorted(code for code in _contours(niveau) if code not in exclus))


@functools.cache
def _tracer(niveau, codes, boite, marge=4.0):
    """SVG path data for ``codes``, projected and fitted into ``boite`` (kept to scale)."""
    contours = _contours(niveau)
    anneaux = {code: contours[code] for code in codes if code in contours}
    points = [point for rings in anneaux.values() for ring in rings for point in ring]
    if not points:
        return ()
    lat_centre = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    facteur = math.cos(math.radians(lat_centre))

    def projeter(point):
        return point[0] * facteur, -point[1]

    projetes = [projeter(point) for point in points]
    x_min, x_max = min(p[0] for p in projetes), max(p[0] for p in projetes)
    y_min, y_max = min(p[1] for p in projetes), max(p[1] for p in projetes)
    largeur, hauteur = boite.largeur - 2 * marge, boite.hauteur - 2 * marge
    echelle = min(largeur / max(x_max - x_min, 1e-9), hauteur / max(y_max - y_min, 1e-9))
    decalage_x = boite.x + marge + (largeur - (x_max - x_min) * echelle) / 2
    decalage_y = boite.y + marge + (hauteur - (y_max - y_min) * echelle) / 2

    traces = []
    for code, rings in anneaux.items():
        morceaux = []
        for ring in rings:
            sommets = []
            for point in ring:
                x, y = projeter(point)
                sommet = f"{decalage_x + (x - x_min) * echelle:.1f},{decalage_y + (y - y_min) * echelle:.1f}"
                if not sommets or sommets[-1] != sommet:
                    sommets.append(sommet)
            if len(sommets) >= 3:
                morceaux.append("M" + "L".join(sommets) + "Z")
        traces.append((code, "".join(morceaux)))
    return tuple(traces)


# The national layout: metropolitan France on the left, insets on the right.
LARGEUR, HAUTEUR = 800, 620
CADRE_METROPOLE = Boite(0, 0, 590, 620)
CADRE_IDF = Boite(600, 0, 200, 185)
CADRES_OUTRE_MER = {
    "01": ("Guadeloupe", Boite(600, 195, 95, 130)),
    "02": ("Martinique", Boite(705, 195, 95, 130)),
    "03": ("Guyane", Boite(600, 335, 95, 130)),
    "04": ("La Réunion", Boite(705, 335, 95, 130)),
    "06": ("Mayotte", Boite(600, 475, 95, 130)),
}


def _formes(niveau, codes, boite, decrire, marge=4.0):
    return [Forme(code, trace, *decrire(niveau, code)) for code, trace in _tracer(niveau, codes, boite, marge)]


def _avec_titre(boite):
    """The part of an inset's box left for the outline, under its title."""
    return Boite(boite.x, boite.y + 16, boite.largeur, boite.hauteur - 16)


def carte_france(niveau, decrire, *, identifiant, titre, description, legende=()):
    """The whole of France at ``niveau`` ('regions' or 'departements').

    ``decrire(niveau, code)`` returns ``(nom, url, etat, libelle)`` for one shape. The
    Île-de-France inset is always drawn by département, since its centres are départementaux.
    """
    cadres = [
        Cadre(
            "France métropolitaine",
            CADRE_METROPOLE,
            False,
            _formes(niveau, codes_metropole(niveau), CADRE_METROPOLE, decrire),
        ),
        Cadre("Île-de-France", CADRE_IDF, True, _formes("departements", IDF, _avec_titre(CADRE_IDF), decrire, 8)),
    ]
    for region, (nom, boite) in CADRES_OUTRE_MER.items():
        code = region if niveau == "regions" else OUTRE_MER[region]
        cadres.append(Cadre(nom, boite, True, _formes(niveau, (code,), _avec_titre(boite), decrire, 8)))
    return Carte(identifiant, titre, description, LARGEUR, HAUTEUR, cadres, legende)


def carte_departements(codes, decrire, *, identifiant, titre, description, legende=(), largeur=400, hauteur=320):
    """Only the départements ``codes``, fitted to the whole drawing (a centre's territory)."""
    boite = Boite(0, 0, largeur, hauteur)
    cadre = Cadre(titre, boite, False, _formes("departements", tuple(sorted(codes)), boite, decrire, 6))
    return Carte(identifiant, titre, description, largeur, hauteur, [cadre], legende)
