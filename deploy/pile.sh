#!/usr/bin/env bash
# The production stack on loopback: nginx (Debian's package) in front of two gunicorn servers sharing one database,
# one Redis when REDIS_URL is set, and one media folder. `make pile` runs it; Ctrl-C (or TERM) stops everything.
#
#   DATABASE_URL   the database (default: the embedded server of .postgres/) PORT      nginx's port (8080)
#   REDIS_URL      the shared cache (optional)                             PORTS_APP   the servers' ports ("8101 8102")
#   PILE_DOSSIER   where the generated configuration, logs and pids go (a temporary folder by default)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
PORT=${PORT:-8080}
PORTS_APP=${PORTS_APP:-"8101 8102"}
DOSSIER=${PILE_DOSSIER:-$(mktemp -d -t crpv-pile-XXXXXX)}
mkdir -p "$DOSSIER/logs"

export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0} DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-0}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-"localhost,127.0.0.1"}
export DJANGO_STATIC_ROOT=${DJANGO_STATIC_ROOT:-$PWD/staticfiles}
export DJANGO_MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$PWD/media}
export DJANGO_DOCUMENTS_ROOT=${DJANGO_DOCUMENTS_ROOT:-$PWD/documents}
export DJANGO_DOCUMENTS_X_ACCEL_REDIRECT=/documents-internes/
mkdir -p "$DJANGO_MEDIA_ROOT" "$DJANGO_DOCUMENTS_ROOT"

$PYTHON manage.py collectstatic --no-input --verbosity 0
$PYTHON manage.py migrate --no-input --verbosity 0

serveurs=""
pids=()
arreter() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap arreter EXIT INT TERM
for port in $PORTS_APP; do
  serveurs+="    server 127.0.0.1:$port max_fails=3 fail_timeout=5s;"$'\n'
  $PYTHON -m gunicorn crpv_portal.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 120 \
    --access-logfile "$DOSSIER/logs/gunicorn-$port.log" --error-logfile "$DOSSIER/logs/gunicorn-$port.log" &
  pids+=($!)
done

# nginx starts once every server answers (a server refused at start would be left out for a while).
for port in $PORTS_APP; do
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
done

site=$(sed -e "s|@ECOUTE@|127.0.0.1:$PORT|" -e "s|@NOMS@|localhost 127.0.0.1|" \
  -e "s|@STATIC_ROOT@|$DJANGO_STATIC_ROOT|" -e "s|@MEDIA_ROOT@|$DJANGO_MEDIA_ROOT|" \
  -e "s|@DOCUMENTS_ROOT@|$DJANGO_DOCUMENTS_ROOT|" -e "s|@CACHE_NGINX@|$DOSSIER/cache|" deploy/nginx-site.conf)
site=${site//@SERVEURS@/${serveurs%$'\n'}}
# A main configuration of its own (pid, logs, temporary files in $DOSSIER): the host's nginx is left alone.
{
  [ "$(id -u)" = 0 ] && echo "user root;"   # the worker must read the project's folders (loopback test runs only)
  cat <<CONF
worker_processes 2;
pid $DOSSIER/nginx.pid;
error_log $DOSSIER/logs/nginx-erreurs.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $DOSSIER/logs/nginx-acces.log;
    client_body_temp_path $DOSSIER/corps;
    proxy_temp_path $DOSSIER/proxy;
    fastcgi_temp_path $DOSSIER/fastcgi;
    uwsgi_temp_path $DOSSIER/uwsgi;
    scgi_temp_path $DOSSIER/scgi;
    sendfile on;
$site
}
CONF
} > "$DOSSIER/nginx.conf"
nginx -t -q -c "$DOSSIER/nginx.conf" -p "$DOSSIER"
nginx -c "$DOSSIER/nginx.conf" -p "$DOSSIER" -g "daemon off;" &
pids+=($!)
echo "Portail sur http://127.0.0.1:$PORT/ (nginx) devant les serveurs $PORTS_APP ; journaux dans $DOSSIER/logs"
wait -n "${pids[@]}"
