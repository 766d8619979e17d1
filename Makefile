# Pathways: `make run` sets everything up and serves; `make test` installs and runs every test.
# `make help` lists every target. A target's `## text` is its line in that list.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := app.py
MAKEFLAGS += --no-print-directory

RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils postgresql redis-server nginx openssl
# pytest-xdist processes: one per core, at most 4 (each browser test worker runs a chromium).
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n > 4 ? 4 : n )))

.PHONY: help run serve serve-prod setup db demo translations lint test test-sqlite test-postgres test-cluster clean

run: setup ## set everything up, then serve the demo on http://127.0.0.1:5000
	@$(MAKE) serve

help: ## list the targets
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

serve: $(VENV)/.installed ## serve on http://127.0.0.1:5000 without setting up again (after `make setup`)
	@echo "Pathways is starting on http://127.0.0.1:5000 (press Ctrl+C to stop)."
	$(FLASK) run --host 127.0.0.1 --port 5000

setup: $(VENV)/.installed translations ## Debian packages, .venv, migrations, course files and the demo organisation
	@scripts/ensure-debs.sh $(RUN_DEBS)
	@$(MAKE) db
	$(FLASK) pathways courses sync
	@$(MAKE) demo

db: $(VENV)/.installed ## apply the database migrations (LMS_DATABASE_URL, or instance/pathways.db)
	$(FLASK) db upgrade

demo: $(VENV)/.installed ## load or refresh the demo organisation and print its sign-ins and password
	$(FLASK) pathways demo

$(VENV)/.installed: pyproject.toml
	@scripts/ensure-debs.sh python3-venv
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

CATALOGUES := $(wildcard lms/translations/*/LC_MESSAGES/messages.po)

translations: $(CATALOGUES:.po=.mo) ## compile the interface translations (.po into .mo) when a .po changed

# One compile makes every .mo (a grouped target).
$(CATALOGUES:.po=.mo) &: $(CATALOGUES) $(VENV)/.installed
	$(FLASK) translate compile

serve-prod: $(VENV)/.installed translations ## migrations, then gunicorn on 127.0.0.1:8000 (see docs/deploy.md)
	LMS_ENV=production $(FLASK) db upgrade
	LMS_ENV=production $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py --workers 2 --bind 127.0.0.1:8000 app:app

lint: $(VENV)/.installed-dev ## ruff: lint and formatting check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed-dev translations ## install what the tests need; ruff, every test on SQLite, unit and web tests on PostgreSQL, the cluster
	@scripts/ensure-debs.sh $(TEST_DEBS)
	@$(MAKE) lint
	@$(MAKE) test-sqlite
	@$(MAKE) test-postgres
	@$(MAKE) test-cluster

test-sqlite: $(VENV)/.installed-dev translations ## unit, web and browser tests on SQLite, in parallel (WORKERS=n to choose)
	$(PY) -m pytest -p no:cacheprovider -n $(WORKERS)

test-postgres: $(VENV)/.installed-dev translations ## unit and web tests on a throwaway PostgreSQL database
	@scripts/ensure-debs.sh postgresql
	PY=$(PY) PYTEST_WORKERS=$(WORKERS) scripts/test-postgres.sh

test-cluster: $(VENV)/.installed-dev translations ## nginx (deploy/) in front of two gunicorn instances sharing Redis and PostgreSQL
	@scripts/ensure-debs.sh postgresql redis-server nginx openssl
	$(PY) -m pytest -p no:cacheprovider tests/cluster

clean: ## remove .venv and the tool caches (keeps instance/: your database and demo password)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
