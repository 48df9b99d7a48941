"""The portal's file storage: what is written is whole or is not.

``StockageSur`` writes each file under a temporary name in its folder and moves it into place only once
complete (``os.replace``, atomic on one file system): a full disk or an unreadable folder leaves no truncated file
behind, and raises ``OSError``, which the admin turns into a French message (``commun.admin``).
"""

import os
import tempfile

from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage


class StockageSur(FileSystemStorage):
    def _save(self, name, content):
        chemin = self.path(name)
        dossier = os.path.dirname(chemin)
        os.makedirs(dossier, exist_ok=True)
        descripteur, provisoire = tempfile.mkstemp(dir=dossier, prefix=".envoi-", suffix=".partiel")
        try:
            with os.fdopen(descripteur, "wb") as sortie:
                if hasattr(content, "seek"):
                    content.seek(0)
                for morceau in content.chunks():
                    sortie.write(morceau)
                sortie.flush()
                os.fsync(sortie.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(provisoire, self.file_permissions_mode)
            name = self.get_available_name(name)
            file_move_safe(provisoire, self.path(name), allow_overwrite=False)
        except BaseException:
            if os.path.exists(provisoire):
                os.remove(provisoire)
            raise
        return str(name).replace("\\", "/")


def est_local(stockage):
    """Whether ``stockage`` keeps its files on this machine's disk (FileSystemStorage) rather than in an object
    store (django-storages' S3), which has no path and answers each question over the network."""
    try:
        stockage.path("x")
    except NotImplementedError:
        return False
    return True
