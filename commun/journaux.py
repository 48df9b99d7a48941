"""Log lines as JSON objects, one per line (time, level, logger, message, and the exception's traceback), which a
log collector (journald, Loki, Elasticsearch…) reads without a pattern of its own."""

import json
import logging


class FormatJSON(logging.Formatter):
    def format(self, record):
        ligne = {
            "moment": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "niveau": record.levelname,
            "journal": record.name,
            "message": record.getMessage(),
        }
        for attribut in ("status_code", "request_method", "request_path"):
            if hasattr(record, attribut):
                ligne[attribut] = getattr(record, attribut)
        requete = getattr(record, "request", None)
        if requete is not None and hasattr(requete, "path"):
            ligne["chemin"] = requete.path
            ligne["methode"] = requete.method
        if record.exc_info:
            ligne["exception"] = self.formatException(record.exc_info)
        return json.dumps(ligne, ensure_ascii=False)
