# The portal's image: the wheel of `pip install .` (templates, static files and reference data inside), the static
# files collected at build, a non-root user. Same settings and commands as the tested stack (deploy/pile.sh).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=crpv_portal.settings \
    DJANGO_STATIC_ROOT=/srv/crpv/static \
    DJANGO_MEDIA_ROOT=/srv/crpv/media \
    DJANGO_DOCUMENTS_ROOT=/srv/crpv/documents

# pg_dump and pg_restore for `crpv-portal sauvegarder` / `restaurer`.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1000 --home-dir /srv/crpv --shell /usr/sbin/nologin crpv \
    && mkdir -p /srv/crpv/static /srv/crpv/media /srv/crpv/documents

COPY . /tmp/source
RUN pip install /tmp/source && rm -rf /tmp/source \
    && DJANGO_SECRET_KEY=construction-de-l-image-seulement-pas-un-secret-0123456789abcdef \
       crpv-portal collectstatic --no-input --verbosity 0 \
    && chown -R crpv /srv/crpv/media /srv/crpv/documents

USER crpv
WORKDIR /srv/crpv
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "crpv_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--access-logfile", "-"]
