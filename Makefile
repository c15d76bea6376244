# SPRO Bretagne — the commands of the README.
# `make run`: set up and serve with demo data on SQLite. `make test`: the whole suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs in parallel, one process per core (TEST_JOBS=0: serially); a module's
# tests stay in one process (--dist loadfile).
TEST_JOBS ?= auto

.PHONY: run dev test lint format install install-dev browser migrate demo worker check-deploy messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Debian's chromium drives the end-to-end tests (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installation de chromium (paquet Debian)…"; \
		if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends chromium; }

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --if-empty

# `make run`: the product as its users meet it (French error pages, no debug page).
run: demo
	@echo "Site public : http://$(HOST):$(PORT)/  —  Extranet : http://$(HOST):$(PORT)/extranet/"
	SPRO_EMBEDDED=true $(PY) manage.py run_periodic & PERIODIC=$$!; trap 'kill $$PERIODIC 2>/dev/null' EXIT INT TERM; SPRO_EMBEDDED=true $(PY) manage.py runserver $(HOST):$(PORT)

# `make dev`: the same with Django's debug pages, for developers.
dev: demo
	DEBUG=true $(PY) manage.py run_periodic & PERIODIC=$$!; trap 'kill $$PERIODIC 2>/dev/null' EXIT INT TERM; DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev browser
	$(PY) manage.py makemigrations --check --dry-run --settings=spro.settings.test
	$(BIN)/pytest -n $(TEST_JOBS) --dist loadfile $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A spro worker --beat --loglevel=info

check-deploy: install
	DJANGO_SETTINGS_MODULE=spro.settings.production \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=spro.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

# The catalog of plural messages (French plural rule); needs gettext.
messages: install-dev
	$(PY) locale/french_plurals.py

clean:
	rm -rf $(VENV) var/static
