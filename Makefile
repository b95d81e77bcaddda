# wagtail-eventcal — developer commands. Everything runs from a local .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := cd example_site && ../$(PY) manage.py
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

I18N_ENV := PYTHONPATH=$(CURDIR):$(CURDIR)/example_site DJANGO_SETTINGS_MODULE=tests.settings

.PHONY: install system-deps tools test test-dates lint demo demo-data demo-code messages clean bench load db-restart postgres test-postgres test-matrix serve-prod screenshots webhook-receiver

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,postgres]"
	touch $@

install: $(VENV)/.installed

## Debian's Chromium, a Java runtime and npm: installed when missing (as root),
## otherwise make stops with the one command to run (.ci/provision).
system-deps:
	bash .ci/provision

## The independent validators (Nu HTML checker, ical.js, node-ical), pinned
## in tools/validators/package-lock.json.
VALIDATORS := tools/validators/node_modules/.package-lock.json
$(VALIDATORS): tools/validators/package-lock.json | system-deps
	npm ci --prefix tools/validators --no-audit --no-fund --ignore-scripts --loglevel=error

tools: system-deps $(VALIDATORS)

lint: install
	$(VENV)/bin/ruff check wagtail_eventcal example_site tests benchmarks

## The whole suite (SQLite by default; set DATABASE_URL for PostgreSQL), on
## every core (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: install lint tools
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## The suite with the whole process clock moved (libfaketime, Debian's
## faketime) to each of TEST_DATES (UTC; the clock runs on from there, and
## an offset, unlike a start date, does not depend on the TZ that Django
## sets for the processes it starts):
## inside the 12/29–1/3 closure (10:00 JST), a leap day, Golden Week 2027.
## DATE_TESTS picks the tests (default: all of them).
TEST_DATES ?= 2027-12-30T01:00:00 2028-02-29T03:00:00 2027-05-04T01:00:00
DATE_TESTS ?=
test-dates: install lint tools
	@command -v faketime >/dev/null || bash .ci/provision
	@set -e; for when in $(TEST_DATES); do \
	  echo "=== make test-dates: the clock at $$when UTC"; \
	  offset=$$(( $$(date -u -d "$$(echo $$when | tr T ' ')" +%s) - $$(date +%s) )); \
	  EVENTCAL_TEST_CLOCK=$$when faketime -f "+$${offset}s" \
	    $(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS) $(DATE_TESTS); \
	done

## Start Debian's PostgreSQL (installing it if missing) with the eventcal
## role and database; prints the DATABASE_URL.
PG_URL ?= postgres://eventcal:eventcal@127.0.0.1:5432/eventcal
postgres:
	bash .ci/postgres

## The whole suite on PostgreSQL.
test-postgres: postgres
	DATABASE_URL=$(PG_URL) $(MAKE) test

## The suite on each Python + Django pair of noxfile.py (3.11 + 5.2, 3.12 + 6.1),
## on the database of DATABASE_URL; NOX_ARGS="-s 'tests(py3.12-django6.1)'" picks one.
test-matrix: install
	$(VENV)/bin/nox $(NOX_ARGS)

## Production-like run on http://127.0.0.1:8001/ (README, "Deployment"):
## PostgreSQL, migrate, collectstatic + WhiteNoise, gunicorn with 3 workers and
## the django-tasks database worker for mail. The defaults below are for a
## local trial only; the environment overrides each of them.
serve-prod: export DATABASE_URL ?= $(PG_URL)
serve-prod: export DJANGO_SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve-prod: export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1
serve-prod: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:8001
serve-prod: export DJANGO_HTTPS ?= 0
serve-prod: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
serve-prod: install postgres
	PY=../$(PY) example_site/serve_prod.sh

# Every absolute link (feeds, API, sitemap, mails) names the address served.
demo-data demo: export WAGTAILADMIN_BASE_URL ?= http://$(DEMO_HOST):$(DEMO_PORT)
demo-data: install
	@echo "Applying migrations (quietly)…"
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) load_demo

## The code the demo's admin and reviewer give after their password
## (docs/two-factor.md): what an authenticator app with the demo key shows now.
demo-code: install
	@$(MANAGE) shell -v 0 -c "from home.management.commands.load_demo import demo_code; print(demo_code())"

## Set up the example site with demo data and run it on http://127.0.0.1:8000/
## DEBUG off, static files through WhiteNoise (example_site/settings_demo.py).
demo: demo-data
	$(MANAGE) runserver --settings=example_site.settings_demo $(DEMO_HOST):$(DEMO_PORT)

## Log the demo's signed webhook POSTs (README, "Publication webhooks").
webhook-receiver: install
	$(PY) example_site/webhook_receiver.py --port 8009 --secret demo-webhook-secret

## The README's screenshots (docs/screenshots/*.png): the demo served as by
## `make demo` on SHOT_PORT, photographed by /usr/bin/chromium (Playwright).
SHOT_PORT ?= 8099
screenshots: demo-data
	cd example_site && ../$(PY) manage.py runserver --settings=example_site.settings_demo \
	  --noreload 127.0.0.1:$(SHOT_PORT) & pid=$$!; sleep 5; \
	  $(PY) docs/screenshots.py http://127.0.0.1:$(SHOT_PORT); status=$$?; \
	  kill $$pid; exit $$status

## Update locale/ja from the sources and compile it (needs gettext).
messages: install
	cd wagtail_eventcal && $(I18N_ENV) ../$(PY) -m django makemessages -l ja --no-obsolete
	cd wagtail_eventcal && $(I18N_ENV) ../$(PY) -m django compilemessages -l ja

## Benchmarks on SQLite and PostgreSQL (BENCH_POSTGRES_URL), budgets checked;
## table printed, JSON in benchmarks/results/latest.json.
bench: install
	$(PY) -m benchmarks

## gunicorn (2 workers) on PostgreSQL under 60 s of wrk per URL, then the
## scale-out run (two instances, shared Redis, admin changes checked on B).
load: install
	$(PY) -m benchmarks.load

## PostgreSQL (a cluster of its own) restarted while gunicorn serves requests:
## failed requests and time to recover (docs/deployment.md).
db-restart: install
	$(PY) benchmarks/db_restart.py

clean:
	rm -rf $(VENV) example_site/db.sqlite3 .pytest_cache
