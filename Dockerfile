# The web service: Django under gunicorn, run as a non-root user.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# postgresql-client (15, like the db service) runs scripts/backup and scripts/restore; age encrypts backups.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client age \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/ requirements/
RUN pip install -r requirements/base.txt

COPY . .
# Static files are collected once here, not at every start (COLLECTSTATIC_ON_START=0): the settings need
# production values to pick the hashed, compressed storage, none of which reach the image.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/unused.sqlite3 \
        python manage.py collectstatic --no-input --verbosity 0
ENV COLLECTSTATIC_ON_START=0
RUN groupadd --gid 1000 app \
    && useradd --uid 1000 --gid app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/media /backups \
    && chown app:app /app/media /backups
USER app

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz/', timeout=4)"]
CMD ["docker/start-web"]
