# Pathways: `make run` sets everything up and serves; `make test` installs and runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := app.py

RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils postgresql redis-server nginx openssl

.PHONY: run serve serve-prod setup test test-sqlite test-postgres lint translations db demo clean

run: setup
	@echo "Pathways is starting on http://127.0.0.1:5000 (press Ctrl+C to stop)."
	$(FLASK) run --host 127.0.0.1 --port 5000

setup: $(VENV)/.installed translations
	@scripts/ensure-debs.sh $(RUN_DEBS)
	$(FLASK) db upgrade
	$(FLASK) pathways courses sync
	$(FLASK) pathways demo

$(VENV)/.installed: pyproject.toml
	@scripts/ensure-debs.sh python3-venv
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

translations: $(VENV)/.installed
	$(FLASK) translate compile

serve-prod: $(VENV)/.installed translations
	LMS_ENV=production $(FLASK) db upgrade
	LMS_ENV=production $(VENV)/bin/gunicorn --workers 2 --bind 127.0.0.1:8000 app:app

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed-dev translations
	@scripts/ensure-debs.sh $(TEST_DEBS)
	$(MAKE) lint
	$(PY) -m pytest -p no:cacheprovider
	$(MAKE) test-postgres
	@$(MAKE) test-cluster

test-postgres: $(VENV)/.installed-dev translations
	@scripts/ensure-debs.sh postgresql
	PY=$(PY) scripts/test-postgres.sh

.PHONY: test-cluster
test-cluster: $(VENV)/.installed-dev translations ## nginx (deploy/), two gunicorn instances, Redis and PostgreSQL together
	@scripts/ensure-debs.sh postgresql redis-server nginx openssl
	$(PY) -m pytest -p no:cacheprovider tests/cluster

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
