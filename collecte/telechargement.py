"""Fetching a centre's page, bounded: what a hostile or broken site can cost the portal is known in advance.

- http and https only; in production no private, loopback or link-local address (a setting allows them for
  development and tests: ``COLLECTE_ADRESSES_LOCALES``);
- a few redirects at most, each one checked like the first address, a loop said as such;
- time limits (connection, each read, and the whole download) and a size limit, checked while reading;
- conditional requests (ETag, Last-Modified): an unchanged feed costs one short answer.

Every failure is a ``CollecteImpossible`` whose message, in French, says what to look at.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.template.defaultfilters import filesizeformat

REDIRECTIONS_MAX = 3
AGENT = "Portail du reseau national des CRPV (collecte des sites des centres)"


class CollecteImpossible(Exception):
    """Why a source, or one of its files, could not be read: the message is shown to the centre's team."""


@dataclass
class Reponse:
    url: str
    contenu: bytes = b""
    type_contenu: str = ""
    etag: str = ""
    derniere_modification: str = ""
    inchangee: bool = False


def verifier_adresse(url):
    """Refuse what is not http(s), and in production any address that is not on the public internet."""
    morceaux = urlsplit(url)
    if morceaux.scheme not in ("http", "https") or not morceaux.hostname:
        raise CollecteImpossible(f"Seules les adresses http:// et https:// sont collectées (reçu : « {url[:200]} »).")
    try:
        port = morceaux.port
    except ValueError:
        raise CollecteImpossible(f"Adresse invalide : « {url[:200]} ».") from None
    if settings.COLLECTE_ADRESSES_LOCALES:
        return
    try:
        adresses = {info[4][0] for info in socket.getaddrinfo(morceaux.hostname, port or 443)}
    except (socket.gaierror, UnicodeError):
        raise CollecteImpossible(f"Le nom de domaine « {morceaux.hostname} » est introuvable.") from None
    for adresse in adresses:
        if not ipaddress.ip_address(adresse.split("%")[0]).is_global:
            raise CollecteImpossible(
                f"« {morceaux.hostname} » désigne une adresse privée ou locale ({adresse}) : elle n'est pas collectée."
            )


def telecharger(url, *, etag="", derniere_modification="", taille_max=None):
    """GET ``url`` within the limits above; a ``Reponse`` (``inchangee`` on a 304) or ``CollecteImpossible``."""
    taille_max = taille_max or settings.COLLECTE_TAILLE_MAX
    delai = settings.COLLECTE_DELAI
    entetes = {"User-Agent": AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        entetes["If-None-Match"] = etag
    if derniere_modification:
        entetes["If-Modified-Since"] = derniere_modification
    vues = []
    debut = time.monotonic()
    try:
        with httpx.Client(timeout=httpx.Timeout(delai), follow_redirects=False, trust_env=False) as client:
            while True:
                verifier_adresse(url)
                vues.append(url)
                with client.stream("GET", url, headers=entetes) as reponse:
                    if reponse.status_code == 304:
                        return Reponse(url=url, inchangee=True, etag=etag, derniere_modification=derniere_modification)
                    if reponse.is_redirect:
                        suivante = urljoin(url, reponse.headers.get("location", ""))
                        if suivante in vues:
                            raise CollecteImpossible(f"Le site redirige en boucle ({' → '.join(vues[-3:])}).")
                        if len(vues) > REDIRECTIONS_MAX:
                            raise CollecteImpossible(
                                f"Trop de redirections (plus de {REDIRECTIONS_MAX}) à partir de {vues[0]}."
                            )
                        url = suivante
                        continue
                    if reponse.status_code >= 400:
                        raise CollecteImpossible(f"Le site répond « {reponse.status_code} {reponse.reason_phrase} ».")
                    contenu = _lire(reponse, taille_max, debut, delai)
                    return Reponse(
                        url=url,
                        contenu=contenu,
                        type_contenu=reponse.headers.get("content-type", ""),
                        etag=reponse.headers.get("etag", ""),
                        derniere_modification=reponse.headers.get("last-modified", ""),
                    )
    except httpx.TimeoutException:
        raise CollecteImpossible(f"Le site n'a pas répondu à temps ({delai} secondes au plus).") from None
    except httpx.InvalidURL:
        raise CollecteImpossible(f"Adresse invalide : « {url[:200]} ».") from None
    except httpx.HTTPError as erreur:
        raise CollecteImpossible(f"Le site est injoignable ({erreur.__class__.__name__} : {erreur}).") from None


def _lire(reponse, taille_max, debut, delai):
    annoncee = reponse.headers.get("content-length", "")
    trop_gros = f"Le fichier dépasse {filesizeformat(taille_max)} : il n'est pas collecté."
    if annoncee.isdigit() and int(annoncee) > taille_max:
        raise CollecteImpossible(trop_gros)
    morceaux, taille = [], 0
    for morceau in reponse.iter_bytes():
        taille += len(morceau)
        if taille > taille_max:
            raise CollecteImpossible(trop_gros)
        if time.monotonic() - debut > 3 * delai:
            raise CollecteImpossible(f"Le téléchargement dure plus de {3 * delai} secondes : il est abandonné.")
        morceaux.append(morceau)
    return b"".join(morceaux)
