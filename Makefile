# Quick start: `make run` (demo site on SQLite) and `make test` (every test); `make test-fast` while working.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup demo test test-fast test-deps lint format check messages clean

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
