import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crpv_portal.settings")


class GeleCeQuiDure:
    """The application, with what lives as long as the worker kept out of the garbage collector's reach.

    Django, the apps, their modules and URLs (loaded now), then the templates and the rest of the first request: a
    full collection then scans only what later requests create. Otherwise it scanned some 155,000 objects, a pause
    of 75–95 ms in whatever request it fell on (bench/RESULTS.md). ``gc.collect()`` first: no garbage is frozen.
    """

    def __init__(self, application):
        self.application = application
        self.premiere_requete = True
        gc.collect()
        gc.freeze()

    def __call__(self, environ, start_response):
        reponse = self.application(environ, start_response)
        if self.premiere_requete:
            self.premiere_requete = False
            gc.collect()
            gc.freeze()
        return reponse


application = GeleCeQuiDure(get_wsgi_application())
