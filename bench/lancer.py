"""``make bench``: the public pages measured as a visitor meets them, against the limit of the stack.

For each data size (the fixtures alone, then with 100,000 generated ressources and 10,000 events), the
script builds a PostgreSQL database (kept between runs while its contents match), serves it with gunicorn
(production settings, 2 workers, 127.0.0.1) and measures with wrk:

- a bare view through the same middleware (``bench.urls.vue_nue``): the baseline of this run;
- every public page: requests per second and their ratio to the baseline, p50 and p99 latency, and the SQL
  queries of its rendering (``X-Requetes-SQL``);
- first renderings: at least 30 distinct pages of each kind (ressources, events, centres, quartiers, themes)
  never requested before, each once, on workers started afresh that have shown the home page and the lists once
  (what they keep per version of the content whatever the address: the map, the key figures);
- 50 distinct searches (``bench/recherches.txt``) on ``/ressources/?q=`` and ``/recherche/?q=``, uncached, each
  followed by one request of the bare view (how fast the machine was at that moment); the share of the ressources
  each one matches says which goal it falls under;
- a 100,000-row export while the workers' memory is sampled;
- a load run (50 connections, 30 s) over the public pages: no error, no 5xx;
- at 100,000 ressources: the cost of a one-row UPDATE of a ressource against the same with triggers off, and the
  database's size against the ressources' table; behind nginx (``deploy/pile.sh``), a burst on one page against
  nginx serving the same bytes as a static file, and how long a write takes to show.

It writes ``bench/RESULTS.md`` and exits 1 when a goal is missed. Nothing here runs in the test suite.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
HOTE = "127.0.0.1"

TAILLES = {
    "reelle": {"base": "crpv_bench_reelle", "ressources": 0, "evenements": 0, "titre": "données réelles"},
    # Only for the queries per page: every list of the real data that is empty (no upcoming event, a centre
    # without ressources) skips a prefetch, so the real size is no reference for them; this one fills every list.
    "moyenne": {
        "base": "crpv_bench_moyenne",
        "ressources": 1_000,
        "evenements": 100,
        "titre": "1 000 ressources et 100 événements",
    },
    "grande": {
        "base": "crpv_bench_grande",
        "ressources": 100_000,
        "evenements": 10_000,
        "titre": "100 000 ressources et 10 000 événements",
    },
}

# Goals (the issues'): each is printed with its figure, and a missed one makes the run fail.
RATIO_MIN = 0.50
P95_PREMIER_RENDU_MS = {"reelle": 30, "grande": 60}
P95_RECHERCHE_MS = {"moins de 10 % des ressources": 50, "toutes": 100}
REQUETES_EN_PLUS_MAX = 0  # queries a page may make at 100,000 ressources beyond what it makes at 1,000
MEMOIRE_EXPORT_MAX_MO = 40
RAPPORT_MAJ_MAX = 3  # a one-row UPDATE of a ressource against the same with triggers off
RAPPORT_TAILLE_MAX = 4  # the whole database against the ressources' table (indexes and TOAST included)
RATIO_NGINX_MIN = 0.50  # a micro-cached page against nginx serving the same bytes as a static file
ECRITURE_VISIBLE_S = 2


def afficher(*morceaux):
    print(*morceaux, flush=True)


# --- databases ---------------------------------------------------------------------------------------------


def executer(commande, env, **kwargs):
    return subprocess.run(commande, cwd=RACINE, env=env, check=True, text=True, **kwargs)


def manage(env, *arguments, **kwargs):
    return executer([str(BIN / "python"), "manage.py", *arguments], env, **kwargs)


def psql(sql):
    return subprocess.run(
        ["psql", f"{POSTGRES}/postgres", "-tAc", sql], check=True, text=True, capture_output=True
    ).stdout.strip()


def environnement(base):
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{base}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SERVIR_LES_MEDIAS": "1",
        "DJANGO_CONN_MAX_AGE": "600",
    }
    return env


def compter_demo(env):
    sortie = manage(
        env,
        "shell",
        "-c",
        "from ressources.models import Ressource; from evenements.models import Evenement; "
        "print(Ressource.objects.filter(demonstration=True).count(), "
        "Evenement.objects.filter(demonstration=True).count())",
        capture_output=True,
    ).stdout.split()
    return int(sortie[-2]), int(sortie[-1])


def preparer_la_base(taille, reconstruire):
    parametres = TAILLES[taille]
    env = environnement(parametres["base"])
    existe = psql(f"SELECT 1 FROM pg_database WHERE datname = '{parametres['base']}'") == "1"
    if existe and not reconstruire:
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        if compter_demo(env) == (parametres["ressources"], parametres["evenements"]):
            afficher(f"Base {parametres['base']} réutilisée ({parametres['titre']}).")
            return env
    afficher(f"Construction de la base {parametres['base']} ({parametres['titre']})…")
    debut = time.monotonic()
    psql(f'DROP DATABASE IF EXISTS "{parametres["base"]}"')
    psql(f'CREATE DATABASE "{parametres["base"]}"')
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "charger_referentiel", stdout=subprocess.DEVNULL)
    if parametres["ressources"] or parametres["evenements"]:
        manage(
            env,
            "generer_demo",
            "--ressources",
            str(parametres["ressources"]),
            "--evenements",
            str(parametres["evenements"]),
        )
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    afficher(f"  prête en {time.monotonic() - debut:.0f} s.")
    return env


def adresses_de_la_base(env):
    """The pages to measure, with the slugs this database holds: the busiest centre, a recent ressource…"""
    script = """
from django.db.models import Count
from centres.models import Centre
from evenements.models import Evenement
from ressources.models import Ressource, Theme
centre = Centre.objects.publics().annotate(n=Count("ressources")).order_by("-n", "slug").first()
ressource = Ressource.objects.publiees().recentes().first()
evenement = Evenement.objects.publies().a_venir().first() or Evenement.objects.publies().first()
theme = Theme.objects.annotate(n=Count("ressources")).order_by("-n", "slug").first()
print(centre.slug, ressource.slug, evenement.slug, theme.slug)
"""
    centre, ressource, evenement, theme = manage(env, "shell", "-c", script, capture_output=True).stdout.split()[-4:]
    return {
        "accueil": "/",
        "centres": "/centres/",
        "centres d'une région": "/centres/?region=76",
        "page d'un centre": f"/centres/{centre}/",
        "quartiers": "/quartiers/",
        "ressources": "/ressources/",
        "ressources d'un thème": f"/ressources/?theme={theme}",
        "ressources collectives": "/ressources/collectives/",
        "page d'une ressource": f"/ressources/{ressource}/",
        "agenda": "/evenements/",
        "archives de l'agenda": "/evenements/archives/",
        "page d'un événement": f"/evenements/{evenement}/",
        "le réseau": "/reseau/",
        "recherche « jeunesse »": "/recherche/?q=jeunesse",
        "ressources « participation »": "/ressources/?q=participation",
    }


# Files that are not pages: asked again with their validators, they must answer 304.
FICHIERS = {
    "plan du site": "/sitemap.xml",
    "flux des ressources": "/flux/ressources/",
    "flux des événements": "/flux/evenements/",
    "agenda iCalendar": "/evenements/agenda.ics",
}


# --- the server ----------------------------------------------------------------------------------------------


class Serveur:
    def __init__(self, env, port):
        self.env, self.port = env, port
        self.processus = None

    def __enter__(self):
        self.processus = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "crpv_portal.wsgi",
                "--bind",
                f"{HOTE}:{self.port}",
                "--workers",
                "2",
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=RACINE,
            env=self.env,
        )
        for _ in range(200):
            try:
                statut, _, _ = requete(self.port, "/healthz")
                if statut == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("gunicorn n'a pas démarré.")

    def __exit__(self, *exc):
        self.processus.terminate()
        self.processus.wait(timeout=30)

    def ouvriers(self):
        enfants = Path(f"/proc/{self.processus.pid}/task/{self.processus.pid}/children").read_text().split()
        return [int(pid) for pid in enfants]

    def memoire_mo(self):
        """Resident memory of each worker, in MB."""
        tailles = []
        for pid in self.ouvriers():
            statut = Path(f"/proc/{pid}/status").read_text()
            tailles.append(int(re.search(r"VmRSS:\s+(\d+)", statut).group(1)) / 1024)
        return tailles


def requete(port, chemin, entetes=None):
    connexion = http.client.HTTPConnection(HOTE, port, timeout=120)
    try:
        connexion.request("GET", chemin, headers=entetes or {})
        reponse = connexion.getresponse()
        corps = reponse.read()
        return reponse.status, dict(reponse.getheaders()), corps
    finally:
        connexion.close()


def rechauffer(port, chemin, tours=3):
    """Each worker renders ``chemin`` (two requests at a time, at addresses never asked: both workers busy, the
    page cache missed), so that what it keeps per version of the content is kept, as after any first visit."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executeur:
        for tour in range(tours):
            adresses = [sans_cache(chemin, f"r{tour}-{n}") for n in range(2)]
            list(executeur.map(lambda adresse: requete(port, adresse), adresses))


def sans_cache(chemin, numero):
    """The same page at an address never asked before: the page cache misses."""
    return f"{chemin}{'&' if '?' in chemin else '?'}_bench={numero}-{secrets.token_hex(4)}"


# --- measures -----------------------------------------------------------------------------------------------


def duree_ms(texte):
    valeur, unite = re.fullmatch(r"([\d.]+)(us|ms|s|m)", texte).groups()
    return float(valeur) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unite]


def wrk(port, chemin, duree, connexions=8, script=None):
    commande = ["wrk", "-t2", f"-c{connexions}", f"-d{duree}s", "--latency", "--timeout", "10s"]
    if script:
        commande += ["-s", script]
    sortie = subprocess.run([*commande, f"http://{HOTE}:{port}{chemin}"], check=True, text=True, capture_output=True)
    texte = sortie.stdout
    latences = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", texte, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", texte)
    erreurs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", texte)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", texte).group(1)),
        "total": int(re.search(r"(\d+) requests in", texte).group(1)),
        # No answer within the run (a page slower than the run): no latency line.
        "p50": duree_ms(latences["50"]) if "50" in latences else float("inf"),
        "p99": duree_ms(latences["99"]) if "99" in latences else float("inf"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "erreurs": sum(int(n) for n in erreurs.groups()) if erreurs else 0,
        "sortie": texte,
    }


def p95(valeurs):
    return statistics.quantiles(valeurs, n=20, method="inclusive")[18] if len(valeurs) > 1 else valeurs[0]


def requetes_sql(port, chemin, fois):
    """The SQL queries of ``chemin``'s rendering at addresses never asked (the fewest: once the values kept per
    version of the content, the map, a list's counts, are in the worker's cache, as on every request but the
    first after a write)."""
    requetes = set()
    for numero in range(fois):
        statut, entetes, _ = requete(port, sans_cache(chemin, numero))
        if statut != 200:
            raise SystemExit(f"{chemin} a répondu {statut}.")
        requetes.add(int(entetes.get("X-Requetes-SQL", "-1")))
    return min(requetes)


def pages_de_chaque_sorte(env):
    """{kind: [addresses]}: 30 distinct pages or more of each kind the database holds (all of them when it holds
    fewer): ressources, events, centres (their pages and the directory by region), quartiers, themes (each
    theme's list, its collective ressources, by title)."""
    script = """
import json, random
from centres.models import Centre, Quartier, Region
from evenements.models import Evenement
from ressources.models import Ressource, Theme
random.seed(7)
def tirage(valeurs, nombre):
    valeurs = list(valeurs)
    random.shuffle(valeurs)
    return valeurs[:nombre]
print(json.dumps({
    "ressources": [f"/ressources/{s}/" for s in tirage(Ressource.objects.publiees().values_list("slug", flat=1), 30)],
    "événements": [f"/evenements/{s}/" for s in tirage(Evenement.objects.publies().values_list("slug", flat=1), 30)],
    "centres": [c.get_absolute_url() for c in Centre.objects.publics()]
    + [f"/centres/?region={code}" for code in Region.objects.values_list("code", flat=True)],
    "quartiers": [f"/quartiers/{code}/" for code in tirage(Quartier.objects.values_list("code", flat=True), 30)],
    "thèmes": [f"/ressources/?theme={slug}{suite}" for slug in Theme.objects.values_list("slug", flat=True)
               for suite in ("", "&collective=1", "&tri=titre")],
}))
"""
    return json.loads(manage(env, "shell", "-c", script, capture_output=True).stdout.strip().splitlines()[-1])


def parts_des_recherches(env, recherches):
    """{text: share of the published ressources its list shows (its words, or the near titles)}."""
    script = f"""
import json
from ressources.filters import RessourceFilter
from ressources.models import Ressource
from ressources.recherche import Resultats
publiees = Ressource.objects.publiees()
total = publiees.count()
textes = {json.dumps(recherches)}
print(json.dumps({{t: Resultats(RessourceFilter, {{"q": t}}, publiees, "liste").facettes["total"] / total
                   for t in textes}}))
"""
    return json.loads(manage(env, "shell", "-c", script, capture_output=True).stdout.strip().splitlines()[-1])


def memoire_pendant(serveur, action):
    """The workers' largest resident memory growth (MB) while ``action`` runs, sampled every 20 ms."""
    avant = serveur.memoire_mo()
    pic = list(avant)
    fini = threading.Event()

    def echantillonner():
        while not fini.is_set():
            for i, taille in enumerate(serveur.memoire_mo()):
                pic[i] = max(pic[i], taille)
            time.sleep(0.02)

    fil = threading.Thread(target=echantillonner)
    fil.start()
    try:
        resultat = action()
    finally:
        fini.set()
        fil.join()
    return max(p - a for p, a in zip(pic, avant, strict=True)), resultat


def script_de_charge(chemins):
    """A wrk script that walks the given addresses in turn."""
    liste = ", ".join(f'"{chemin}"' for chemin in chemins)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fichier:
        fichier.write(
            f"local chemins = {{{liste}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #chemins + 1\n  return wrk.format('GET', chemins[i])\nend\n"
        )
    return fichier.name


def mesurer(taille, env, port, duree, recherches, charge):
    resultats = {"taille": taille, "pages": {}, "fichiers": {}, "recherches": {}, "premiers_rendus": {}}
    adresses = adresses_de_la_base(env)
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    with Serveur(env, port) as serveur:
        for chemin in ["/_bench/nue/", *adresses.values()]:
            rechauffer(port, chemin)
        base_debut = wrk(port, "/_bench/nue/", duree)
        for nom, chemin in adresses.items():
            mesure = wrk(port, chemin, duree)
            mesure["requetes"] = requetes_sql(port, chemin, 4)
            resultats["pages"][nom] = {"chemin": chemin, **mesure}
            afficher(f"  {nom:32} {mesure['rps']:8.0f} req/s  {mesure['requetes']} requêtes SQL")
        base_fin = wrk(port, "/_bench/nue/", duree)
        resultats["base"] = {
            "rps": (base_debut["rps"] + base_fin["rps"]) / 2,
            "debut": base_debut["rps"],
            "fin": base_fin["rps"],
            "p50": base_debut["p50"],
            "p99": base_debut["p99"],
            "requetes": requetes_sql(port, "/_bench/nue/", 3),
        }
        for nom, chemin in FICHIERS.items():
            statut, entetes, corps = requete(port, chemin)
            validateurs = {}
            if "ETag" in entetes:
                validateurs["If-None-Match"] = entetes["ETag"]
            if "Last-Modified" in entetes:
                validateurs["If-Modified-Since"] = entetes["Last-Modified"]
            statut_conditionnel = requete(port, chemin, validateurs)[0] if validateurs else None
            resultats["fichiers"][nom] = {
                "chemin": chemin,
                "statut": statut,
                "octets": len(corps),
                "conditionnel": statut_conditionnel,
            }
        resultats["memoire_mo"] = max(serveur.memoire_mo())
    # First renderings: distinct pages never asked, on fresh workers that have shown the home page and the lists once
    # (what they keep per version whatever the address: the map, the key figures, the lists' counts without filter).
    pages = pages_de_chaque_sorte(env)
    with Serveur(env, port):
        for chemin in ["/", "/centres/", "/ressources/", "/evenements/", "/quartiers/"]:
            rechauffer(port, chemin)
        for sorte, chemins in pages.items():
            durees = []
            for chemin in chemins:
                debut = time.perf_counter()
                statut, _, _ = requete(port, chemin)
                durees.append((time.perf_counter() - debut) * 1000)
                if statut != 200:
                    raise SystemExit(f"{chemin} a répondu {statut}.")
            resultats["premiers_rendus"][sorte] = {
                "nombre": len(durees),
                "p50": statistics.median(durees),
                "p95": p95(durees),
                "max": max(durees),
            }
            afficher(f"  premiers rendus : {len(durees)} {sorte:12} p95 {p95(durees):6.1f} ms")
    # The searches on fresh workers: nothing a text asked before may be kept when it is measured. What is kept per
    # version whatever the text (the map, the key figures, the lists' counts without a search) is warmed first.
    parts = parts_des_recherches(env, recherches)
    with Serveur(env, port) as serveur:
        for chemin in ["/", "/ressources/", "/centres/", "/quartiers/", "/evenements/"]:
            rechauffer(port, chemin)
        for debut_chemin in ["/ressources/?q=", "/recherche/?q="]:
            # After each search, the bare view, one request: what the machine gives at that moment, to read the
            # searches' figures against (its speed drifts on a shared machine).
            durees, nues = {}, []
            for numero, texte in enumerate(recherches):
                chemin = sans_cache(debut_chemin + urllib.parse.quote(texte), numero)
                debut = time.perf_counter()
                statut, _, _ = requete(port, chemin)
                durees[texte] = (time.perf_counter() - debut) * 1000
                if statut != 200:
                    raise SystemExit(f"{chemin} a répondu {statut}.")
                debut = time.perf_counter()
                requete(port, "/_bench/nue/")
                nues.append((time.perf_counter() - debut) * 1000)
            peu = [duree for texte, duree in durees.items() if parts[texte] < 0.10]
            toutes = list(durees.values())
            resultats["recherches"][debut_chemin] = {
                "p50": statistics.median(toutes),
                "p95": p95(toutes),
                "max": max(toutes),
                "peu_nombre": len(peu),
                "peu_p95": p95(peu),
                "nue_p50": statistics.median(nues),
                "nue_p95": p95(nues),
                "plus_lentes": sorted(durees.items(), key=lambda paire: -paire[1])[:5],
            }
            afficher(
                f"  recherches {debut_chemin:20} p95 {p95(toutes):6.1f} ms, {len(peu)} à moins de 10 % : p95 "
                f"{p95(peu):6.1f} ms  (vue nue entre elles : p50 {statistics.median(nues):.1f} ms)"
            )
        resultats["parts"] = parts
        croissance, (statut, _, corps) = memoire_pendant(serveur, lambda: requete(port, "/donnees/ressources.csv"))
        resultats["export"] = {"lignes": corps.count(b"\n") - 1, "octets": len(corps), "memoire_mo": croissance}
        resultats["memoire_mo"] = max(resultats["memoire_mo"], *serveur.memoire_mo())
        if charge:
            script = script_de_charge(list(adresses.values()) + list(FICHIERS.values()))
            try:
                resultats["charge"] = wrk(port, "/", charge, connexions=50, script=script)
            finally:
                os.unlink(script)
    return resultats


# A thousand one-row UPDATEs of ressources in one transaction rolled back: as Django's save() writes one (every
# column, the text unchanged: an edit of its status, themes, dates…), or with a new title (its search vector
# recomputed).
MISE_A_JOUR = """
BEGIN;
DO $$ DECLARE debut timestamptz; premier bigint; i int; BEGIN
  SELECT min(id) INTO premier FROM ressources_ressource;
  debut := clock_timestamp();
  FOR i IN 1..1000 LOOP
    UPDATE ressources_ressource SET {modification} WHERE id = premier + (i * 97) % 99000;
  END LOOP;
  RAISE NOTICE 'duree %', extract(epoch FROM clock_timestamp() - debut) * 1000 / 1000;
END $$;
ROLLBACK;
"""
MODIFICATIONS = {
    "enregistrement": "titre = titre, resume = resume, corps = corps, statut = statut, mis_a_jour_le = now()",
    "titre": "titre = titre || ' ', mis_a_jour_le = now()",
}


def cout_d_une_mise_a_jour(env):
    """{kind: (ms with the triggers, ms without them: ``session_replication_role = replica``)} per one-row UPDATE."""
    couts = {}
    for nom, modification in MODIFICATIONS.items():
        durees = []
        for role in ("origin", "replica"):
            sortie = subprocess.run(
                ["psql", env["DATABASE_URL"], "-qc", MISE_A_JOUR.format(modification=modification)],
                check=True,
                text=True,
                capture_output=True,
                env={**os.environ, "PGOPTIONS": f"-c session_replication_role={role}"},
            )
            durees.append(float(re.search(r"duree ([\d.]+)", sortie.stderr).group(1)))
        couts[nom] = {"avec": durees[0], "sans": durees[1]}
    return couts


def tailles_de_la_base(env):
    """(the database's size, the ressources' table with its indexes and TOAST), in bytes."""
    sortie = subprocess.run(
        [
            "psql",
            env["DATABASE_URL"],
            "-tAc",
            "SELECT pg_database_size(current_database()), pg_total_relation_size('ressources_ressource')",
        ],
        check=True,
        text=True,
        capture_output=True,
    )
    base, ressources = sortie.stdout.strip().split("|")
    return {"base": int(base), "ressources": int(ressources)}


def derriere_nginx(env, port, duree):
    """deploy/pile.sh (nginx in front of two gunicorn servers): a burst on a page against nginx serving the same
    bytes as a static file; how long a write takes to show through it."""
    dossier = Path(tempfile.mkdtemp(prefix="crpv-bench-pile-"))
    statiques = Path(env.get("DJANGO_STATIC_ROOT") or RACINE / "staticfiles")
    pile_env = {
        **env,
        "PYTHON": str(BIN / "python"),
        "PORT": str(port),
        "PORTS_APP": f"{port + 1} {port + 2}",
        "PILE_DOSSIER": str(dossier),
        "DJANGO_SETTINGS_MODULE": "crpv_portal.settings",
    }
    processus = subprocess.Popen(
        ["deploy/pile.sh"], cwd=RACINE, env=pile_env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    try:
        for _ in range(600):
            try:
                if requete(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit("la pile nginx n'a pas démarré")
        chemin = "/centres/"
        _, entetes, corps = requete(port, chemin)
        fichier = statiques / "bench-memes-octets.html"
        fichier.write_bytes(corps)
        try:
            page = wrk(port, chemin, duree)
            statique = wrk(port, f"/static/{fichier.name}", duree)
        finally:
            fichier.unlink()
        sigle = f"B{secrets.token_hex(3)}"
        subprocess.run(
            ["psql", env["DATABASE_URL"], "-qc", f"UPDATE centres_centre SET sigle = '{sigle}' WHERE slug = 'oriv'"],
            check=True,
        )
        debut = time.monotonic()
        while sigle.encode() not in requete(port, chemin)[2]:
            if time.monotonic() - debut > 30:
                break
            time.sleep(0.05)
        visible = time.monotonic() - debut
        subprocess.run(
            ["psql", env["DATABASE_URL"], "-qc", "UPDATE centres_centre SET sigle = 'ORIV' WHERE slug = 'oriv'"],
            check=True,
        )
        return {
            "chemin": chemin,
            "octets": len(corps),
            "page": page["rps"],
            "statique": statique["rps"],
            "visible_s": visible,
            "cache": entetes.get("X-Cache-Nginx", ""),
        }
    finally:
        os.killpg(processus.pid, 15)
        processus.wait(timeout=30)
        shutil.rmtree(dossier, ignore_errors=True)


def compter_les_requetes(env, port):
    """The SQL queries of each page's uncached rendering, and nothing else."""
    adresses = adresses_de_la_base(env)
    with Serveur(env, port):
        requetes = {nom: requetes_sql(port, chemin, 6) for nom, chemin in adresses.items()}
    return {"taille": "moyenne", "requetes": requetes}


# --- the report ---------------------------------------------------------------------------------------------


def objectifs(mesures):
    """[(goal, figure, held)] for every goal of the issue, at every size."""
    lignes = []
    par_taille = {m["taille"]: m for m in mesures}
    mesures = [m for m in mesures if "pages" in m]  # the count of queries at 1,000 ressources is not a run
    for m in mesures:
        taille, base = m["taille"], m["base"]["rps"]
        for nom, page in m["pages"].items():
            ratio = page["rps"] / base
            lignes.append(
                (
                    f"{TAILLES[taille]['titre']} : {nom} ≥ {RATIO_MIN:.0%} de la vue nue",
                    f"{ratio:.0%}",
                    ratio >= RATIO_MIN,
                )
            )
        seuil = P95_PREMIER_RENDU_MS[taille]
        for sorte, r in m["premiers_rendus"].items():
            lignes.append(
                (
                    f"{TAILLES[taille]['titre']} : premier rendu de {r['nombre']} pages distinctes ({sorte}), "
                    f"p95 ≤ {seuil} ms",
                    f"{r['p95']:.1f} ms",
                    r["p95"] <= seuil,
                )
            )
    if "grande" in par_taille:
        grande = par_taille["grande"]
        for chemin, r in grande["recherches"].items():
            lignes.append(
                (
                    f"recherches {chemin}… trouvant moins de 10 % des ressources ({r['peu_nombre']} sur 50), p95 ≤ "
                    f"{P95_RECHERCHE_MS['moins de 10 % des ressources']} ms",
                    f"{r['peu_p95']:.1f} ms",
                    r["peu_p95"] <= P95_RECHERCHE_MS["moins de 10 % des ressources"],
                )
            )
            lignes.append(
                (
                    f"50 recherches {chemin}…, p95 ≤ {P95_RECHERCHE_MS['toutes']} ms",
                    f"{r['p95']:.1f} ms",
                    r["p95"] <= P95_RECHERCHE_MS["toutes"],
                )
            )
        if "mise_a_jour" in grande:
            maj = grande["mise_a_jour"]["enregistrement"]
            rapport_maj = maj["avec"] / maj["sans"]
            lignes.append(
                (
                    f"UPDATE d'une ressource comme l'écrit save() ≤ {RAPPORT_MAJ_MAX}× le même sans déclencheurs",
                    f"{maj['avec']:.3f} ms / {maj['sans']:.3f} ms = {rapport_maj:.1f}×",
                    rapport_maj <= RAPPORT_MAJ_MAX,
                )
            )
            t = grande["tailles"]
            rapport_taille = t["base"] / t["ressources"]
            lignes.append(
                (
                    f"la base ≤ {RAPPORT_TAILLE_MAX}× la table des ressources (index et TOAST compris)",
                    f"{t['base'] / 1e6:.0f} Mo / {t['ressources'] / 1e6:.0f} Mo = {rapport_taille:.1f}×",
                    rapport_taille <= RAPPORT_TAILLE_MAX,
                )
            )
        if "nginx" in grande:
            n = grande["nginx"]
            lignes.append(
                (
                    f"derrière nginx, {n['chemin']} ≥ {RATIO_NGINX_MIN:.0%} des mêmes octets en fichier statique",
                    f"{n['page']:.0f} / {n['statique']:.0f} req/s = {n['page'] / n['statique']:.0%}",
                    n["page"] / n["statique"] >= RATIO_NGINX_MIN,
                )
            )
            lignes.append(
                (
                    f"derrière nginx, une écriture visible en {ECRITURE_VISIBLE_S} s au plus",
                    f"{n['visible_s']:.2f} s",
                    n["visible_s"] <= ECRITURE_VISIBLE_S,
                )
            )
        if "moyenne" in par_taille:
            for nom, page in grande["pages"].items():
                petite = par_taille["moyenne"]["requetes"][nom]
                lignes.append(
                    (
                        f"requêtes SQL de « {nom} » : autant à 100 000 ressources qu'à 1 000",
                        f"{petite} → {page['requetes']}",
                        page["requetes"] <= petite + REQUETES_EN_PLUS_MAX,
                    )
                )
        export = grande["export"]
        lignes.append(
            (
                f"export de {export['lignes']} lignes, mémoire d'un ouvrier + {MEMOIRE_EXPORT_MAX_MO} Mo au plus",
                f"+{export['memoire_mo']:.1f} Mo",
                export["memoire_mo"] <= MEMOIRE_EXPORT_MAX_MO,
            )
        )
    for m in mesures:
        for nom, f in m["fichiers"].items():
            lignes.append(
                (
                    f"{TAILLES[m['taille']]['titre']} : {nom} redemandé → 304",
                    str(f["conditionnel"]),
                    f["conditionnel"] == 304,
                )
            )
        if "charge" in m:
            c = m["charge"]
            lignes.append(
                (
                    f"{TAILLES[m['taille']]['titre']} : charge 50 connexions, ni erreur ni 5xx",
                    f"{c['total']} requêtes, {c['non_2xx']} non 2xx/3xx, {c['erreurs']} erreurs",
                    c["non_2xx"] == 0 and c["erreurs"] == 0,
                )
            )
    return lignes


def commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=RACINE, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "inconnu"


def rapport(mesures, lignes, duree):
    cache = f"Redis ({os.environ['REDIS_URL']})" if os.environ.get("REDIS_URL") else "mémoire locale de chaque ouvrier"
    cpu = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.processor(),
    )
    texte = [
        "# Résultats du banc d'essai (`make bench`)",
        "",
        f"- date : {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- commit : {commit()}",
        f"- machine : {os.cpu_count()} cœurs ({cpu}), Python {platform.python_version()}, {platform.platform()}",
        "- serveur : gunicorn, 2 ouvriers, réglages de production, PostgreSQL sur 127.0.0.1 ; "
        f"wrk, 2 fils, 8 connexions, {duree} s par page",
        f"- cache : {cache}",
        "- « premier rendu » : des pages distinctes de chaque sorte (30 au moins quand la base en a autant) jamais "
        "demandées, une fois chacune, une requête à la fois, sur des ouvriers redémarrés qui ont montré l'accueil et "
        "les listes une fois (ce qu'ils gardent par version du contenu quelle que soit l'adresse : la carte, les "
        "chiffres clés, les décomptes des listes sans filtre)",
        "- recherches : sur des ouvriers redémarrés (préparés de même), aucun des 50 textes demandé auparavant ; la "
        "part des ressources que chacun trouve dit à quel objectif il appartient",
        "",
    ]
    par_taille = {m["taille"]: m for m in mesures}
    mesures = [m for m in mesures if "pages" in m]
    for m in mesures:
        base = m["base"]
        texte += [
            f"## {TAILLES[m['taille']]['titre']}",
            "",
            f"Vue nue : {base['rps']:.0f} req/s (début {base['debut']:.0f}, fin {base['fin']:.0f}), "
            f"p50 {base['p50']:.2f} ms, "
            f"{base['requetes']} requête(s) SQL ; mémoire d'un ouvrier après la mesure : {m['memoire_mo']:.0f} Mo.",
            "",
            "| page | req/s | / vue nue | p50 | p99 | requêtes SQL |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for nom, p in m["pages"].items():
            texte.append(
                f"| {nom} (`{p['chemin']}`) | {p['rps']:.0f} | {p['rps'] / base['rps']:.0%} | {p['p50']:.2f} ms | "
                f"{p['p99']:.2f} ms | {p['requetes']} |"
            )
        texte += [
            "",
            "| premier rendu de pages distinctes | pages | p50 | p95 | max |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for sorte, r in m["premiers_rendus"].items():
            texte.append(f"| {sorte} | {r['nombre']} | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['max']:.1f} ms |")
        texte += [
            "",
            "| recherche (50 textes, non cachée) | p50 | p95 | max | à moins de 10 % : nombre, p95 | les plus lentes "
            "| vue nue après chacune : p50, p95 |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
        ]
        for chemin, r in m["recherches"].items():
            lentes = ", ".join(f"« {t} » {d:.0f} ms ({m['parts'][t]:.0%})" for t, d in r["plus_lentes"])
            texte.append(
                f"| `{chemin}…` | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['max']:.1f} ms | "
                f"{r['peu_nombre']}, {r['peu_p95']:.1f} ms | {lentes} | {r['nue_p50']:.1f} ms, {r['nue_p95']:.1f} ms |"
            )
        texte += ["", "| fichier | octets | redemandé avec ses validateurs |", "| --- | ---: | --- |"]
        for nom, f in m["fichiers"].items():
            texte.append(f"| {nom} (`{f['chemin']}`) | {f['octets']:,} | {f['conditionnel']} |".replace(",", " "))
        e = m["export"]
        texte += [
            "",
            f"Export `/donnees/ressources.csv` : {e['lignes']} lignes, {e['octets'] / 1e6:.1f} Mo, "
            f"mémoire d'un ouvrier +{e['memoire_mo']:.1f} Mo.",
        ]
        if "charge" in m:
            c = m["charge"]
            texte.append(
                "Charge (50 connexions, toutes les pages et fichiers ci-dessus à tour de rôle) : "
                f"{c['total']} requêtes, {c['rps']:.0f} req/s, p99 {c['p99']:.1f} ms, "
                f"{c['non_2xx']} réponses hors 2xx/3xx, {c['erreurs']} erreurs."
            )
        if "mise_a_jour" in m:
            maj, t = m["mise_a_jour"], m["tailles"]
            texte.append(
                "UPDATE d'une ressource, avec et sans les déclencheurs : comme l'écrit save(), "
                f"{maj['enregistrement']['avec']:.3f} et {maj['enregistrement']['sans']:.3f} ms ; avec un nouveau "
                f"titre (son vecteur de recherche recalculé), {maj['titre']['avec']:.3f} et "
                f"{maj['titre']['sans']:.3f} ms. Base {t['base'] / 1e6:.0f} Mo, table des ressources "
                f"{t['ressources'] / 1e6:.0f} Mo."
            )
        if "nginx" in m:
            n = m["nginx"]
            texte.append(
                f"Derrière nginx (`deploy/pile.sh`) : `{n['chemin']}` ({n['octets']:,} octets) {n['page']:.0f} req/s, "
                f"les mêmes octets en fichier statique {n['statique']:.0f} req/s ; une écriture visible après "
                f"{n['visible_s']:.2f} s.".replace(",", " ")
            )
        texte.append("")
    if "moyenne" in par_taille and "grande" in par_taille:
        texte += [
            "## Requêtes SQL par page selon le volume",
            "",
            "| page | données réelles | 1 000 ressources | 100 000 ressources |",
            "| --- | ---: | ---: | ---: |",
        ]
        reelle = par_taille.get("reelle", {}).get("pages", {})
        for nom, page in par_taille["grande"]["pages"].items():
            texte.append(
                f"| {nom} | {reelle.get(nom, {}).get('requetes', '–')} | {par_taille['moyenne']['requetes'][nom]} | "
                f"{page['requetes']} |"
            )
        texte += [
            "",
            "Les données réelles ont des listes vides (aucun événement à venir, des centres sans ressource) : "
            "Django n'y lance pas les requêtes de préchargement, d'où parfois une ou deux requêtes de moins.",
            "",
        ]
    tenus = sum(1 for *_, ok in lignes if ok)
    texte += [
        f"## Objectifs : {tenus} tenus sur {len(lignes)}",
        "",
        "| objectif | mesure | tenu |",
        "| --- | --- | --- |",
    ]
    texte += [f"| {objectif} | {mesure} | {'oui' if ok else '**non**'} |" for objectif, mesure, ok in lignes]
    return "\n".join(texte) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tailles", default="reelle,grande", help="reelle, grande ou les deux (défaut)")
    parser.add_argument("--duree", type=int, default=5, help="secondes de wrk par page (défaut : 5)")
    parser.add_argument("--charge", type=int, default=30, help="secondes de la charge à 50 connexions (0 : aucune)")
    parser.add_argument("--reconstruire", action="store_true", help="reconstruit les bases même si elles conviennent")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--sortie", default=str(RACINE / "bench" / "RESULTS.md"))
    options = parser.parse_args()
    for outil in ("wrk", "psql"):
        if not shutil.which(outil):
            raise SystemExit(
                f"« {outil} » est introuvable : apt-get install {'wrk' if outil == 'wrk' else 'postgresql-client'}"
            )
    recherches = [
        x.strip()
        for x in (RACINE / "bench" / "recherches.txt").read_text().splitlines()
        if x.strip() and not x.startswith("#")
    ]
    mesures = []
    tailles = options.tailles.split(",")
    for taille in tailles:
        env = preparer_la_base(taille, options.reconstruire)
        afficher(f"Mesures : {TAILLES[taille]['titre']}")
        mesure = mesurer(taille, env, options.port, options.duree, recherches, options.charge)
        if taille == "grande":
            mesure["mise_a_jour"] = cout_d_une_mise_a_jour(env)
            mesure["tailles"] = tailles_de_la_base(env)
            if shutil.which("nginx"):
                mesure["nginx"] = derriere_nginx(env, options.port + 10, options.duree)
            else:
                afficher("nginx est introuvable (apt-get install nginx) : la mesure derrière nginx est omise.")
        mesures.append(mesure)
    if "grande" in tailles:
        env = preparer_la_base("moyenne", options.reconstruire)
        afficher(f"Requêtes SQL par page : {TAILLES['moyenne']['titre']}")
        mesures.append(compter_les_requetes(env, options.port))
    lignes = objectifs(mesures)
    Path(options.sortie).write_text(rapport(mesures, lignes, options.duree))
    afficher("")
    for objectif, mesure, ok in lignes:
        afficher(f"{'tenu ' if ok else 'MANQUÉ'}  {objectif} : {mesure}")
    manques = [ligne for ligne in lignes if not ligne[2]]
    afficher(f"\n{len(lignes) - len(manques)} objectifs tenus sur {len(lignes)} ; rapport : {options.sortie}")
    return 1 if manques else 0


if __name__ == "__main__":
    sys.exit(main())
