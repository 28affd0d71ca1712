# Quick start: `make run` (demo site on SQLite) and `make test` (every test); `make test-fast` while working.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup demo test test-fast test-deps container-test lint format check messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@ $(VENV)/.base-installed

## run: set everything up, load the demo content from ../shared/seeds and serve http://$(HOST):$(PORT)/
run: demo
	@# The background-task worker (mails to the console, press-kit ZIPs) runs beside the site and stops with it.
	$(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.base-installed
	@scripts/install-system-deps || echo "Warning: the PDF libraries could not be installed; press release PDFs will answer 503."
	$(BIN)/python manage.py migrate --no-input

demo: setup
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_staff

## test: install what the tests need (Python packages, Chromium, Java + vnu) and run them all
test: test-deps
	$(BIN)/python manage.py check
	$(BIN)/pytest $(PYTEST_ARGS)

## test-fast: the quick run while working: no browser, ops or slow tests (under 2 minutes on SQLite)
test-fast: $(VENV)/.test-installed
	$(BIN)/pytest -m "not browser and not ops and not slow" $(PYTEST_ARGS)

test-deps: $(VENV)/.test-installed
	scripts/install-system-deps
	scripts/install-test-deps

## container-test: build the Dockerfile and run docker-compose.yml for real with Podman (root, Debian 12)
container-test: $(VENV)/.test-installed
	$(BIN)/python scripts/container-test

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(VENV)/.test-installed
	$(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv

## bench: benchmark every public page type on PostgreSQL (BENCH_DATABASE_URL, BENCH_ARGS; see README)
bench: $(VENV)/.base-installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
