# Portail du réseau des CRPV. `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install outils-test run test lint format serve pile migrate referentiel demo bench sauvegarde restauration \
	base-neuve clean

$(BIN)/.installe: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev,local]'
	touch $@

install: $(BIN)/.installe

# axe-core and the Nu HTML Checker, for the tests only (pinned in package.json).
node_modules/.installe: package.json
	@if command -v npm >/dev/null; then \
		npm install --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm absent : les tests d'accessibilité et de validité HTML seront ignorés"; fi

outils-test: node_modules/.installe

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input

# Loading the reference data never keeps the site from starting: what it could not load is said, the rest is served.
CHARGEMENT_INCOMPLET = echo "Chargement des données incomplet (voir ci-dessus) : le site démarre avec les données déjà en base."

referentiel: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py charger_referentiel || $(CHARGEMENT_INCOMPLET)

# A small set of clearly marked demonstration data (titles « [Démo] »), never loaded by `make run`.
demo: referentiel
	DJANGO_DEBUG=1 $(BIN)/python manage.py generer_demo --supprimer --ressources 300 --evenements 60

run: referentiel
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One worker per core (pytest-xdist): each has its own test database, servers and browser.
test: install outils-test
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A production-like run on plain HTTP: DEBUG off, hashed and compressed static files, gunicorn.
serve: install
	$(eval export DJANGO_SERVIR_LES_MEDIAS ?= 1)
	$(eval export DJANGO_SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))'))
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 $(BIN)/python manage.py migrate --no-input
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 $(BIN)/python manage.py charger_referentiel || $(CHARGEMENT_INCOMPLET)
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 $(BIN)/gunicorn crpv_portal.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

# The production stack on loopback: nginx in front of two gunicorn servers (deploy/pile.sh; PORT=8080).
pile: install referentiel
	deploy/pile.sh

# Backups: the database (pg_dump) and the uploaded files, in a dated folder under SAUVEGARDES;
# `make restauration SAUVEGARDE=sauvegardes/crpv-…` brings one back into a fresh database (DATABASE_URL, or the
# embedded one after `make base-neuve`).
SAUVEGARDES ?= sauvegardes
sauvegarde: install
	$(BIN)/python manage.py sauvegarder $(SAUVEGARDES)

restauration: install
	@test -n "$(SAUVEGARDE)" || { echo "Indiquez la sauvegarde : make restauration SAUVEGARDE=sauvegardes/crpv-…"; exit 2; }
	$(BIN)/python manage.py restaurer $(SAUVEGARDE)

# The benchmark (bench/lancer.py): PostgreSQL databases at two sizes, gunicorn, wrk; writes bench/RESULTS.md and
# fails when a goal is missed. BENCH_ARGS="--tailles reelle --duree 3" for a quicker look.
bench: install
	@command -v wrk >/dev/null || { echo "wrk est introuvable : apt-get install wrk"; exit 1; }
	$(BIN)/python -m bench.lancer $(BENCH_ARGS)

# Without DATABASE_URL, the database lives in .postgres/ (an embedded PostgreSQL server, started by the commands that
# need it): this stops it and deletes it. It never touches the server of DATABASE_URL.
base-neuve:
	@test -z "$$DATABASE_URL" || { echo "DATABASE_URL est définie : make base-neuve n'efface que la base locale embarquée."; exit 2; }
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m crpv_portal.postgres_embarque effacer; else rm -rf .postgres; fi

clean:
	rm -rf $(VENV) node_modules staticfiles
