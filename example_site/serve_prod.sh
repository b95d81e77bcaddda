#!/usr/bin/env bash
# `make serve-prod`: the example site as it runs in production — PostgreSQL,
# migrations, collected static files served by WhiteNoise, gunicorn with
# several workers, and the django-tasks database worker that sends the mail.
# The environment carries the settings (README, "Deployment").
set -euo pipefail
cd "$(dirname "$0")"
PY=${PY:-../.venv/bin/python}
BIN=$(dirname "$PY")
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-example_site.settings_prod}

"$PY" manage.py check --deploy --fail-level ERROR
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0

"$PY" manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM

"$BIN/gunicorn" example_site.wsgi \
  --bind "${BIND:-127.0.0.1:8001}" \
  --workers "${WEB_CONCURRENCY:-3}" \
  --access-logfile - \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
