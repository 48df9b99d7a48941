"""A real HTTP server on 127.0.0.1 for the harvest tests: the centres' sites, well-behaved and hostile."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

DONNEES = Path(__file__).parent / "donnees"
TYPES = {".xml": "application/rss+xml; charset=utf-8", ".ics": "text/calendar; charset=utf-8"}


def image_jpeg():
    tampon = io.BytesIO()
    Image.new("RGB", (600, 800), "darkgreen").save(tampon, "JPEG")
    return tampon.getvalue()


class Site:
    """``routes``: {path: (status, {header: value}, body bytes)}; the files of ``donnees/`` are served too, with an
    ETag, and answer 304 to a matching If-None-Match. ``demandes`` lists the paths asked, in order."""

    def __init__(self):
        self.routes = {"/couverture.jpg": (200, {"Content-Type": "image/jpeg"}, image_jpeg())}
        self.demandes = []
        site = self

        class Gestionnaire(BaseHTTPRequestHandler):
            def do_GET(self):
                site.demandes.append(self.path)
                statut, entetes, corps = site.reponse(self.path, self.headers)
                self.send_response(statut)
                for nom, valeur in entetes.items():
                    self.send_header(nom, valeur)
                self.send_header("Content-Length", str(len(corps)))
                self.end_headers()
                self.wfile.write(corps)

            def log_message(self, *args):
                pass

        self.serveur = ThreadingHTTPServer(("127.0.0.1", 0), Gestionnaire)
        self.port = self.serveur.server_address[1]
        threading.Thread(target=self.serveur.serve_forever, daemon=True).start()

    def url(self, chemin):
        return f"http://127.0.0.1:{self.port}{chemin}"

    def reponse(self, chemin, entetes):
        if chemin in self.routes:
            return self.routes[chemin]
        fichier = DONNEES / chemin.lstrip("/")
        if not fichier.is_file() or fichier.parent != DONNEES:
            return 404, {}, b"introuvable"
        corps = fichier.read_bytes().replace(b"PORT", str(self.port).encode())
        etag = f'"{hash(corps) & 0xFFFFFFFF:x}"'
        if entetes.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        type_contenu = TYPES.get(fichier.suffix, "application/octet-stream")
        if b'encoding="iso-8859-1"' in corps[:100]:
            type_contenu = "application/rss+xml; charset=iso-8859-1"
        return 200, {"Content-Type": type_contenu, "ETag": etag}, corps

    def arreter(self):
        self.serveur.shutdown()
        self.serveur.server_close()
