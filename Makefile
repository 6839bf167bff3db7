# Two commands: `make run` serves the demo site, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate demo worker beat messages bench-deps clean

run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs in one process per core (pytest-xdist), a test file per process at a
# time; each process has its own test database. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test: $(VENV)/.test node_modules/.package-lock.json
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Browser-test tools from the npm registry (axe-core for tests/e2e), exact versions
# from package-lock.json. Without npm the accessibility checks are skipped.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: browser accessibility checks will be skipped."; fi

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

demo: $(VENV)/.runtime
	$(BIN)/python manage.py load_demo

# Celery against Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/0) first.
worker: $(VENV)/.runtime
	$(BIN)/celery -A ocop worker --loglevel=INFO

beat: $(VENV)/.runtime
	$(BIN)/celery -A ocop beat --loglevel=INFO

# Needs GNU gettext; the compiled .mo files are committed so nobody else does.
messages: $(VENV)/.runtime
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'bench/*' --ignore 'node_modules/*'
	$(BIN)/python manage.py compilemessages --locale en --ignore '.venv/*'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules tests/e2e/screenshots
